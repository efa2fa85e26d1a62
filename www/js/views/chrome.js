// Everything around the text: the toolbar's menus and buttons, the label bar,
// banners, dialogs, the progress line, the status bar,
// downloads, and files dropped or pasted. It draws what it is handed and
// reports what the person did as plain values through the `bind*` hooks; it
// also answers the few questions a controller may ask the page (`confirm`,
// `prerenderedSha`, `encodingChoice`...).
import { tint } from './tint.js';
import { CATALOGUES, formatName, t } from '../i18n/index.js';
import { leftOutText } from '../i18n/left-out.js';

const $ = (id) => document.getElementById(id);
const recentText = (name, count, open) => t(open ? 'recent.entryOpen' : 'recent.entry', { name, count });
// The core describes an encoding in English; the page's catalogue has each one it offers in both languages.
const encodingText = (c) => {
  const id = `encoding.desc.${c.label}`;
  return t('encoding.option', { name: c.name, description: id in CATALOGUES['en-US'] ? t(id) : c.description });
};
const option = (value, text) => Object.assign(document.createElement('option'), { value, textContent: text });

/** Every file under dropped entries, folders walked to the bottom, each named by its path (`news/a.txt`). */
async function filesOf(entries) {
  const out = [];
  const walk = async (entry) => {
    if (entry.isFile) {
      const file = await new Promise((ok, fail) => entry.file(ok, fail));
      const path = entry.fullPath.replace(/^\//, '');
      out.push(new File([file], path, { type: file.type, lastModified: file.lastModified }));
      return;
    }
    const reader = entry.createReader();
    // readEntries gives a batch at a time (100 in Chromium) until it gives none.
    for (;;) {
      const batch = await new Promise((ok, fail) => reader.readEntries(ok, fail));
      if (!batch.length) break;
      for (const child of batch) await walk(child);
    }
  };
  for (const entry of entries) await walk(entry);
  return out;
}

export class Chrome {
  constructor() {
    // The page's dialogs are all in index.html. Asked on every key press:
    // a query of the document would walk every element of a long text.
    this.dialogs = [...document.getElementsByTagName('dialog')];
    // The sample article index.html holds for the first paint (scripts/prerender.mjs), by its
    // SHA-256: read before the text view adopts it and it stops being a prerendered page.
    this.prerendered = document.querySelector('#text > .page.pre.first')?.dataset.sha ?? null;
    this.question = null; // the banner `ask` showed, until `answered`
    // What the menus and the label bar were last drawn from, to draw them again in another language.
    this.drawn = {};
  }

  /** Draws again, in the language now chosen, what was drawn from data (the static strings are i18n's). */
  relocalise() {
    const { labels, formats, encodings, recent } = this.drawn;
    if (labels) this.renderLabels(labels);
    if (formats) this.renderFormats(formats);
    if (encodings) this.renderEncodings(encodings);
    if (recent) this.renderRecent(...recent);
  }

  /** Reports the language chosen in the toolbar: `handler(locale)`; shows `current` as chosen. */
  bindLocale(current, handler) {
    $('locale').value = current;
    $('locale').addEventListener('change', (e) => handler(e.target.value));
  }

  prerenderedSha() {
    return this.prerendered;
  }

  /** Asks the person a yes-or-no question. */
  confirm(message) {
    return window.confirm(message);
  }

  /** Shows or hides the progress line; `what` says what is happening, `done` is 0–1. */
  progress(what, done = 0) {
    const el = $('progress');
    el.hidden = what === null;
    if (what !== null) {
      $('progress-what').textContent = what;
      $('progress-bar').value = done;
    }
  }

  bindCancel(handler) {
    $('progress-cancel').addEventListener('click', () => handler());
  }

  renderEncodings(choices) {
    this.drawn.encodings = choices;
    const chosen = $('encoding').value;
    $('encoding').replaceChildren(option('', t('encoding.detect')), ...choices.map((c) => option(c.label, encodingText(c))));
    $('encoding').value = chosen;
  }

  encodingChoice() {
    return $('encoding').value;
  }
  bindEncoding(handler) {
    $('encoding').addEventListener('change', (e) => handler(e.target.value));
  }

  renderFormats(formats) {
    $('export-format').replaceChildren(...formats.map(([v, t]) => option(v, t)));
    this.drawn.formats = formats;
    const chosen = [$('export-format').value, $('import-format').value];
    $('export-format').replaceChildren(...formats.map(([v]) => option(v, t(`format.${v}`))));
    $('import-format').replaceChildren(
      option('', t('importFormat.detect')),
      ...formats.map(([v]) => option(v, t('importFormat.option', { format: t(`format.${v}`) }))),
    );
    if (chosen[0]) [$('export-format').value, $('import-format').value] = chosen;
  }

  exportFormat() {
    return $('export-format').value;
  }
  importFormat() {
    return $('import-format').value;
  }

  /** Shows what an export leaves out; resolves true when the person downloads anyway. */
  confirmLeftOut(format, leftOut) {
    const d = $('export-dialog');
    $('export-title').textContent = t('leftOut.title', { format: formatName(format) });
    $('export-left-out').replaceChildren(
      ...leftOut.map((line) => Object.assign(document.createElement('li'), { textContent: leftOutText(line) })),
    );
    d.returnValue = '';
    d.showModal();
    return new Promise((ok) => d.addEventListener('close', () => ok(d.returnValue === 'export'), { once: true }));
  }

  renderLabels(labels) {
    this.drawn.labels = labels;
    const bar = $('labelbar');
    const frag = document.createDocumentFragment();
    for (const l of labels) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'label';
      b.dataset.label = l.id;
      b.title = l.key ? t('labelbar.button', { name: l.name, key: l.key }) : t('labelbar.buttonNoKey', { name: l.name });
      const sw = document.createElement('span');
      sw.className = 'swatch';
      sw.style.backgroundColor = tint(l.color, 1);
      const k = document.createElement('kbd');
      k.textContent = l.key ?? '';
      b.append(sw, document.createTextNode(l.name), k);
      frag.append(b);
    }
    const edit = document.createElement('button');
    edit.type = 'button';
    edit.id = 'edit-labels';
    edit.textContent = t('labelbar.edit');
    frag.append(edit);
    bar.replaceChildren(frag);
  }

  // ---- status ----------------------------------------------------------------

  setStatus(text) {
    $('status').textContent = text;
  }
  setHint(text) {
    $('hint').textContent = text;
  }
  setSaved(text) {
    $('saved').textContent = text;
  }
  setDocName(text) {
    $('docname').textContent = text;
    $('docname').title = text;
    document.title = `${text} · biaozhu 标注`;
  }
  setState(state) {
    document.documentElement.dataset.state = state;
  }
  setUndoRedo(canUndo, canRedo) {
    $('undo').disabled = !canUndo;
    $('redo').disabled = !canRedo;
  }
  setExact(on) {
    $('exact').setAttribute('aria-pressed', String(on));
  }

  /** A banner: `kind` 'warn' or 'error'; `actions` optional `{text, run}` buttons. */
  showBanner(message, kind = 'error', ...actions) {
    this.#banner(message, kind, actions, true);
  }

  /**
   * A question only its answers end (no ×): `actions` are the answers. Another
   * banner may show over it meanwhile; when that one goes, the question is back.
   */
  ask(message, ...actions) {
    this.question = { message, actions };
    this.#banner(message, 'warn', actions, false);
  }

  /** The question has been answered (or has gone with its document). */
  answered() {
    if (!this.question) return; // another banner (say, storage failing) is not the question's to hide
    this.question = null;
    $('banner').hidden = true;
  }

  #banner(message, kind, actions, dismissable) {
    const b = $('banner');
    const msg = document.createElement('span');
    msg.textContent = message;
    const parts = [msg];
    for (const action of actions.filter(Boolean)) {
      const btn = Object.assign(document.createElement('button'), { type: 'button', textContent: action.text, className: 'action' });
      btn.addEventListener('click', () => action.run());
      parts.push(btn);
    }
    if (dismissable) {
      const close = Object.assign(document.createElement('button'), { type: 'button', textContent: '×', title: t('common.dismiss') });
      close.addEventListener('click', () => this.hideBanner());
      parts.push(close);
    }
    b.replaceChildren(...parts);
    b.className = `banner ${kind}`;
    b.hidden = false;
  }

  /** Hides the banner; a question not yet answered shows again. */
  hideBanner() {
    if (this.question) this.#banner(this.question.message, 'warn', this.question.actions, false);
    else $('banner').hidden = true;
  }

  renderRecent(items, currentSha) {
    const sel = $('recent');
    const entry = (it) => {
      const o = option(it.sha, '');
      o.dataset.name = it.name;
      o.textContent = recentText(it.name, it.count, it.sha === currentSha);
      return o;
    };
    this.drawn.recent = [items, currentSha];
    sel.replaceChildren(option('', t('recent.count', { n: items.length })), ...items.map(entry));
    sel.value = '';
  }

  /** The open document's entry in Recent says how many annotations it has now. */
  setRecentCount(sha, count) {
    for (const o of $('recent').options) if (o.value === sha && o.value) o.textContent = recentText(o.dataset.name, count, true);
  }

  /**
   * Calls `handler({key, ctrlKey, shiftKey, altKey, busy})` on every key
   * press (`ctrlKey`: Ctrl or ⌘; `busy`: a dialog is open or a field has the
   * focus); when it returns true the browser's own action is prevented.
   */
  bindKeys(handler) {
    document.addEventListener('keydown', (e) => {
      // Enter or Space on a focused button is the button's (it clicks): not the page's Enter on the caret.
      if (
        (e.key === 'Enter' || e.key === ' ') &&
        !e.ctrlKey &&
        !e.metaKey &&
        !e.altKey &&
        e.target.closest?.('button, a[href], summary, [role=button], label.button')
      )
        return;
      const busy = this.isDialogOpen() || Boolean(e.target.closest?.('input, textarea, select'));
      if (!handler({ key: e.key, code: e.code, ctrlKey: e.ctrlKey || e.metaKey, shiftKey: e.shiftKey, altKey: e.altKey, busy })) return;
      e.preventDefault();
      // A key the page took (a caret step, a label) after a click on a toolbar button: the work is in the text
      // again, so the focus goes there, and the next Enter is the caret's, not the button's.
      if (!this.isDialogOpen() && e.target.closest?.('button, [role=button], label.button')) $('text').focus({ preventScroll: true });
    });
  }
  bindLabelBar(handler) {
    $('labelbar').addEventListener('click', (e) => {
      const b = e.target.closest('button');
      if (b?.id === 'edit-labels') handler({ edit: true });
      else if (b?.dataset.label) handler({ label: b.dataset.label });
    });
  }
  bindButton(id, handler) {
    $(id).addEventListener('click', () => handler());
  }
  /** Opens the file chooser of Open… (Ctrl+O). */
  chooseFile() {
    $('open-file').click();
  }
  bindOpen(handler) {
    // A file button is a label around a hidden input: Enter or Space on it (it takes the focus) chooses, as a click does.
    for (const label of document.querySelectorAll('label.button')) {
      label.addEventListener('keydown', (e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        e.stopPropagation();
        label.querySelector('input[type="file"]')?.click();
      });
    }
    const input = $('open-file');
    input.addEventListener('change', () => {
      if (input.files?.length) handler([...input.files]);
      input.value = '';
    });
  }
  bindRecent(handler) {
    $('recent').addEventListener('change', (e) => {
      if (e.target.value) handler(e.target.value);
    });
  }
  bindDrop(handler) {
    const zone = $('dropzone');
    let depth = 0;
    const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
    document.addEventListener('dragenter', (e) => {
      if (hasFiles(e)) {
        depth++;
        zone.hidden = false;
      }
    });
    document.addEventListener('dragleave', (e) => {
      if (hasFiles(e) && --depth <= 0) {
        depth = 0;
        zone.hidden = true;
      }
    });
    document.addEventListener('dragover', (e) => {
      if (hasFiles(e)) e.preventDefault();
    });
    document.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      zone.hidden = true;
      // A folder comes as an entry to walk (subfolders too); its files carry their path as their name.
      const entries = [...(e.dataTransfer.items ?? [])].map((item) => item.webkitGetAsEntry?.()).filter(Boolean);
      if (entries.some((en) => en.isDirectory)) {
        filesOf(entries).then(
          (files) => files.length && handler(files),
          (err) => this.showBanner(t('banner.folder', { message: err.message })),
        );
        return;
      }
      const files = [...(e.dataTransfer.files ?? [])];
      if (files.length) handler(files);
    });
  }
  bindPaste(handler) {
    document.addEventListener('paste', (e) => {
      if (e.target.closest?.('input, textarea, dialog')) return;
      const text = e.clipboardData?.getData('text/plain');
      if (text) {
        e.preventDefault();
        handler(text);
      }
    });
  }
  /** Calls `fn` when the person leaves the page or hides it (a good moment to fold the saves together). */
  bindLeaving(fn) {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') fn();
    });
    window.addEventListener('pagehide', fn);
  }
  /** Calls `mustAsk()` when the page is about to be left; when it says true, the browser asks the person first. */
  bindBeforeLeaving(mustAsk) {
    window.addEventListener('beforeunload', (e) => {
      if (!mustAsk()) return;
      e.preventDefault();
      e.returnValue = '';
    });
  }

  openDialog(id) {
    const d = $(id);
    if (!d.open) d.showModal();
  }
  isDialogOpen() {
    return this.dialogs.some((d) => d.open);
  }

  /** Offers `content` as a file download named `name`. */
  download(name, content, type = 'application/json') {
    const url = URL.createObjectURL(new Blob([content], { type }));
    const a = Object.assign(document.createElement('a'), { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
