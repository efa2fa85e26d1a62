// Rendering and event wiring. The view holds no application state: it draws
// what the controller hands it and reports what the person did through the
// `bind*` hooks. What it keeps (paragraph offsets, per-paragraph signatures)
// is a cache of what it last drew, so that a change redraws only what it
// touches. Text reaches the DOM only as text nodes.

const $ = (id) => document.getElementById(id);
const HEX = /^#[0-9a-f]{6}$/i;
/** Overlapping spans stack on this many levels below the text. */
const MAX_LEVEL = 5;
/** Paragraphs per page of layout (see `buildText`). */
const PAGE = 200;

/** `#rrggbb` to `rgb(r g b / a)`; anything else becomes grey (colours are validated values). */
export function tint(color, alpha) {
  const c = HEX.test(color) ? color : '#999999';
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
  return `rgb(${r} ${g} ${b} / ${alpha})`;
}

export class View {
  constructor() {
    this.text = $('text');
    this.paraU16 = new Uint32Array(0); // interleaved start, end per paragraph
    this.paras = [];
    this.drawn = new Map(); // paragraph index -> signature of the marks drawn there
    this.shown = 0; // which showText call is filling the text in
    this.sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.sheet];
    this.highlights = typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : null;
  }

  // ---- text and positions ------------------------------------------------

  /**
   * Builds the paragraphs of `text` off-screen, `paraU16` holding their UTF-16
   * `start, end` pairs, a slice at a time: between slices it awaits
   * `pause(done)`, which reports progress and may throw to cancel. Nothing on
   * screen changes until `showText` swaps the result in.
   */
  async buildText(text, paraU16, pause) {
    const frag = document.createDocumentFragment();
    const paras = [];
    const n = paraU16.length / 2;
    const SLICE = 4000;
    let page = null;
    for (let p = 0; p < n; p++) {
      // Paragraphs go in pages that the browser lays out only near the
      // viewport (content-visibility), so a long text costs little to show.
      if (p % PAGE === 0) {
        page = document.createElement('div');
        page.className = 'page';
        frag.append(page);
      }
      const div = document.createElement('div');
      const body = text.slice(paraU16[p * 2], paraU16[p * 2 + 1]);
      div.className = body.trim() === '' ? 'para blank' : 'para';
      div.dataset.i = String(p);
      div.append(document.createTextNode(body));
      const marks = document.createElement('div');
      marks.className = 'marks';
      div.append(marks);
      page.append(div);
      paras.push(div);
      if (p % SLICE === SLICE - 1) await pause((p + 1) / n);
    }
    return { frag, paras, paraU16 };
  }

  /**
   * Shows what `buildText` built, in place of the text shown before: the
   * first pages at once, the rest a batch per task (inserting a long text's
   * nodes in one go would hold the page for a noticeable time).
   */
  showText({ frag, paras, paraU16 }) {
    this.paraU16 = paraU16;
    this.paras = paras;
    this.drawn.clear();
    this.highlights?.clear();
    const pages = [...frag.children];
    const shown = ++this.shown;
    this.text.replaceChildren(...pages.slice(0, 20));
    this.text.scrollTop = 0;
    const rest = async () => {
      for (let i = 20; i < pages.length && shown === this.shown; i += 60) {
        await new Promise((ok) => setTimeout(ok, 0));
        if (shown === this.shown) this.text.append(...pages.slice(i, i + 60));
      }
    };
    rest();
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

  bindCancel(handler) { $('progress-cancel').addEventListener('click', handler); }

  renderEncodings(choices) {
    const make = (value, text) => Object.assign(document.createElement('option'), { value, textContent: text });
    $('encoding').replaceChildren(make('', 'encoding: detect'), ...choices.map((c) => make(c.label, `${c.name} · ${c.description}`)));
  }

  encodingChoice() { return $('encoding').value; }
  bindEncoding(handler) { $('encoding').addEventListener('change', (e) => handler(e.target.value)); }

  /** The paragraph holding UTF-16 position `u` (a line break belongs to the paragraph before it). */
  paraAt(u) {
    const p = this.paraU16;
    let lo = 0;
    let hi = p.length / 2 - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (p[mid * 2 + 1] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A DOM (node, offset) inside the text to a UTF-16 position, or null outside it. */
  domToU16(node, offset) {
    if (!node || !this.text.contains(node)) return null;
    if (node === this.text || node.classList?.contains('page')) {
      // Between pages or paragraphs: the start of the one after, or the end of the last.
      const next = node.childNodes[offset];
      const para = next && (next.classList.contains('para') ? next : next.querySelector('.para'));
      if (para) return this.paraU16[Number(para.dataset.i) * 2];
      const last = node.classList?.contains('page') ? node.lastElementChild : this.paras[this.paras.length - 1];
      return last ? this.paraU16[Number(last.dataset.i) * 2 + 1] : 0;
    }
    const para = (node.nodeType === Node.TEXT_NODE ? node.parentElement : node).closest('.para');
    if (!para) return null;
    const i = Number(para.dataset.i);
    const [start, end] = [this.paraU16[i * 2], this.paraU16[i * 2 + 1]];
    if (node === para.firstChild) return start + Math.min(offset, end - start);
    if (node === para) return offset === 0 ? start : end;
    return end; // inside the marks layer
  }

  /** A UTF-16 position to a DOM (node, offset). */
  u16ToDom(u) {
    const i = this.paraAt(u);
    const node = this.paras[i].firstChild;
    return [node, Math.max(0, Math.min(u - this.paraU16[i * 2], node.length))];
  }

  rangeU16(su, eu) {
    const r = document.createRange();
    r.setStart(...this.u16ToDom(su));
    r.setEnd(...this.u16ToDom(eu));
    return r;
  }

  /** The current selection as UTF-16 `[start, end]` (anchor order kept), or null. */
  selectionU16() {
    const sel = getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const a = this.domToU16(sel.anchorNode, sel.anchorOffset);
    const f = this.domToU16(sel.focusNode, sel.focusOffset);
    if (a === null || f === null) return null;
    return [a, f];
  }

  setSelectionU16(su, eu) {
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(this.rangeU16(su, eu));
  }

  clearSelection() {
    getSelection()?.removeAllRanges();
  }

  /** The UTF-16 position under a mouse event, or null. */
  pointU16(x, y) {
    const pos = document.caretPositionFromPoint?.(x, y);
    if (pos) return this.domToU16(pos.offsetNode, pos.offset);
    const range = document.caretRangeFromPoint?.(x, y);
    return range ? this.domToU16(range.startContainer, range.startOffset) : null;
  }

  scrollToU16(u) {
    this.paras[this.paraAt(u)]?.scrollIntoView({ block: 'center', behavior: 'instant' });
  }

  // ---- words ---------------------------------------------------------------

  /** Tints every other word faintly, so word boundaries show without clutter. */
  showWords(wordsU16) {
    if (!this.highlights) return;
    const h = new Highlight();
    for (let i = 0; i < wordsU16.length; i += 4) h.add(this.rangeU16(wordsU16[i], wordsU16[i + 1]));
    this.highlights.set('words-alt', h);
  }

  /** The keyboard caret: the word (or character) after it is marked; null hides it. */
  showCaret(span) {
    if (!this.highlights) return;
    if (!span) { this.highlights.delete('caret'); return; }
    const r = this.rangeU16(span[0], span[1]);
    this.highlights.set('caret', new Highlight(r));
    const para = this.paras[this.paraAt(span[0])];
    const box = para.getBoundingClientRect();
    const view = this.text.getBoundingClientRect();
    if (box.bottom < view.top || box.top > view.bottom) para.scrollIntoView({ block: 'center', behavior: 'instant' });
  }

  hoverWord(span) {
    if (!this.highlights) return;
    if (!span) this.highlights.delete('hover-word');
    else this.highlights.set('hover-word', new Highlight(this.rangeU16(span[0], span[1])));
  }

  // ---- annotations ---------------------------------------------------------

  /** Colours for each label's highlight, from validated `#rrggbb` values. */
  setLabelStyles(labels) {
    this.sheet.replaceSync(labels.map((l, i) => `::highlight(lb${i}) { background-color: ${tint(l.color, 0.3)}; }`).join('\n'));
  }

  /**
   * Draws annotations. `items`: `{id, su, eu, labelIndex, color, tag}` in
   * UTF-16 units. Paragraphs whose marks did not change are left alone.
   */
  drawAnnotations(items, pickedId) {
    if (this.highlights) {
      for (const key of [...this.highlights.keys()]) if (key.startsWith('lb')) this.highlights.delete(key);
      const byLabel = new Map();
      let picked = null;
      for (const it of items) {
        const r = this.rangeU16(it.su, it.eu);
        if (!byLabel.has(it.labelIndex)) byLabel.set(it.labelIndex, new Highlight());
        byLabel.get(it.labelIndex).add(r);
        if (it.id === pickedId) picked = r;
      }
      for (const [i, h] of byLabel) this.highlights.set(`lb${i}`, h);
      if (picked) this.highlights.set('picked', new Highlight(picked));
      else this.highlights.delete('picked');
    }
    const groups = new Map();
    for (const it of items) {
      const first = this.paraAt(it.su);
      const last = this.paraAt(Math.max(it.su, it.eu - 1));
      for (let p = first; p <= last; p++) {
        if (!groups.has(p)) groups.set(p, []);
        groups.get(p).push(it);
      }
    }
    for (const p of new Set([...this.drawn.keys(), ...groups.keys()])) {
      const group = groups.get(p) ?? [];
      const sig = group.map((g) => `${g.id}:${g.su}:${g.eu}:${g.color}:${g.tag}:${g.id === pickedId}`).join('|');
      if (this.drawn.get(p) === sig) continue;
      this.#drawParagraph(p, group, pickedId);
      if (group.length) this.drawn.set(p, sig);
      else this.drawn.delete(p);
    }
  }

  /** Forgets what was drawn, so the next draw lays everything out again (after a resize). */
  invalidateLayout() {
    this.drawn.clear();
  }

  #drawParagraph(p, group, pickedId) {
    const para = this.paras[p];
    const marks = para.lastChild;
    marks.replaceChildren();
    if (!group.length) return;
    const [ps, pe] = [this.paraU16[p * 2], this.paraU16[p * 2 + 1]];
    const box = para.getBoundingClientRect();
    // Stack overlapping spans on separate levels, so each stays visible and clickable.
    const sorted = [...group].sort((a, b) => a.su - b.su || b.eu - a.eu);
    const levelEnds = [];
    const tagsAt = new Map();
    for (const it of sorted) {
      const su = Math.max(it.su, ps);
      const eu = Math.min(it.eu, pe);
      let level = levelEnds.findIndex((end) => end <= su);
      if (level < 0) level = levelEnds.length;
      levelEnds[level] = eu;
      // Past a few levels bars would only pile up on the last one; deeper
      // spans stay visible in the list and are picked by clicking the text.
      if (level > MAX_LEVEL) continue;
      const picked = it.id === pickedId;
      const rects = [...this.rangeU16(su, eu).getClientRects()].filter((r) => r.width > 0);
      for (const r of rects) {
        const bar = document.createElement('div');
        bar.className = picked ? 'bar picked' : 'bar';
        bar.dataset.id = it.id;
        bar.style.left = `${r.left - box.left}px`;
        bar.style.width = `${r.width}px`;
        bar.style.top = `${r.bottom - box.top + 1 + level * 5}px`;
        bar.style.backgroundColor = tint(it.color, 1);
        marks.append(bar);
      }
      if (rects.length && it.su >= ps && it.tag) {
        const r = rects[0];
        const tag = document.createElement('span');
        tag.className = picked ? 'tag picked' : 'tag';
        tag.dataset.id = it.id;
        tag.textContent = it.tag;
        tag.style.backgroundColor = tint(it.color, 0.85);
        // Tags are wider than short words: on each line, a tag that would
        // cover the one before it moves right, so every name stays readable.
        const line = Math.round(r.top);
        const left = Math.max(r.left - box.left, tagsAt.get(line) ?? -Infinity);
        tag.style.left = `${left}px`;
        tag.style.top = `${r.top - box.top - 11}px`;
        marks.append(tag);
        // Estimated rather than measured: reading offsetWidth would lay the page out once per tag.
        tagsAt.set(line, left + 8 + [...it.tag].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 10 : 6), 0));
      }
    }
  }

  /** The side list: `items` are `{id, tag, color, quote, start, end}` (code points). */
  renderList(items, pickedId) {
    const list = $('annlist');
    const frag = document.createDocumentFragment();
    for (const it of items) {
      const li = document.createElement('li');
      li.dataset.id = it.id;
      if (it.id === pickedId) li.className = 'picked';
      const lab = document.createElement('span');
      lab.className = 'lab';
      lab.style.backgroundColor = tint(it.color, 0.6);
      lab.textContent = it.tag;
      const quote = document.createElement('span');
      quote.className = 'quote';
      quote.textContent = it.quote;
      quote.title = it.quote;
      const pos = document.createElement('span');
      pos.className = 'pos';
      pos.textContent = `${it.start}–${it.end}`;
      li.append(lab, quote, pos);
      if (it.extra) {
        const extra = document.createElement('span');
        extra.className = 'extra';
        extra.textContent = it.extra;
        li.append(extra);
      }
      frag.append(li);
    }
    list.replaceChildren(frag);
    $('count').textContent = String(items.length);
    list.querySelector('li.picked')?.scrollIntoView({ block: 'nearest' });
  }

  /** Relations between annotations: `{id, from, to, text}`; a click picks the source. */
  renderRelations(items) {
    const list = $('rellist');
    list.replaceChildren(...items.map((r) => {
      const li = document.createElement('li');
      li.dataset.id = r.from;
      li.textContent = r.text;
      return li;
    }));
    $('relations-title').hidden = items.length === 0;
    $('relcount').textContent = String(items.length);
  }

  renderDocLabels(labels) {
    const p = $('doclabels');
    p.replaceChildren(document.createTextNode('Document: '), ...labels.map((l) => {
      const span = document.createElement('span');
      span.textContent = String(l);
      return span;
    }));
    p.hidden = labels.length === 0;
  }

  renderFormats(formats) {
    const make = (value, text) => Object.assign(document.createElement('option'), { value, textContent: text });
    $('export-format').replaceChildren(...formats.map(([v, t]) => make(v, t)));
    $('import-format').replaceChildren(make('', 'format: detect'), ...formats.map(([v, t]) => make(v, `format: ${t}`)));
  }

  exportFormat() { return $('export-format').value; }
  importFormat() { return $('import-format').value; }

  /** Shows what an export leaves out; resolves true when the person downloads anyway. */
  confirmLeftOut(format, leftOut) {
    const d = $('export-dialog');
    $('export-title').textContent = `${format} cannot carry everything`;
    $('export-left-out').replaceChildren(...leftOut.map((t) => Object.assign(document.createElement('li'), { textContent: t })));
    d.returnValue = '';
    d.showModal();
    return new Promise((ok) => d.addEventListener('close', () => ok(d.returnValue === 'export'), { once: true }));
  }

  renderLabels(labels) {
    const bar = $('labelbar');
    const frag = document.createDocumentFragment();
    for (const l of labels) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'label';
      b.dataset.label = l.id;
      b.title = `Label the selection as ${l.name} (${l.key})`;
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
    edit.textContent = 'Edit labels…';
    frag.append(edit);
    bar.replaceChildren(frag);
  }

  /** The label editor's rows. */
  renderLabelRows(labels) {
    const rows = document.createDocumentFragment();
    for (const l of labels) {
      const tr = document.createElement('tr');
      tr.dataset.label = l.id;
      const name = Object.assign(document.createElement('input'), { type: 'text', value: l.name, name: 'name' });
      name.setAttribute('aria-label', 'Label name');
      const color = Object.assign(document.createElement('input'), { type: 'color', value: l.color, name: 'color' });
      color.setAttribute('aria-label', 'Label colour');
      const key = Object.assign(document.createElement('input'), { type: 'text', value: l.key ?? '', name: 'key', maxLength: 1, className: 'key' });
      key.setAttribute('aria-label', 'Label key');
      const del = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Delete', className: 'delete' });
      for (const el of [name, color, key, del]) {
        const td = document.createElement('td');
        td.append(el);
        tr.append(td);
      }
      rows.append(tr);
    }
    $('label-rows').replaceChildren(rows);
  }

  // ---- status ----------------------------------------------------------------

  setStatus(text) { $('status').textContent = text; }
  setHint(text) { $('hint').textContent = text; }
  setSaved(text) { $('saved').textContent = text; }
  setDocName(text) { $('docname').textContent = text; $('docname').title = text; document.title = `${text} · biaozhu 标注`; }
  setState(state) { document.documentElement.dataset.state = state; }
  setUndoRedo(canUndo, canRedo) { $('undo').disabled = !canUndo; $('redo').disabled = !canRedo; }
  setExact(on) { $('exact').setAttribute('aria-pressed', String(on)); }
  setLabelError(text) { $('label-error').textContent = text; }

  /** A banner: `kind` 'warn' or 'error'; `actions` optional `{text, run}` buttons. */
  showBanner(message, kind = 'error', ...actions) {
    const b = $('banner');
    const msg = document.createElement('span');
    msg.textContent = message;
    const parts = [msg];
    for (const action of actions.filter(Boolean)) {
      const btn = Object.assign(document.createElement('button'), { type: 'button', textContent: action.text, className: 'action' });
      btn.addEventListener('click', action.run);
      parts.push(btn);
    }
    const close = Object.assign(document.createElement('button'), { type: 'button', textContent: '×', title: 'Dismiss' });
    close.addEventListener('click', () => { b.hidden = true; });
    parts.push(close);
    b.replaceChildren(...parts);
    b.className = `banner ${kind}`;
    b.hidden = false;
  }

  hideBanner() { $('banner').hidden = true; }

  renderRecent(items, currentSha) {
    const sel = $('recent');
    const opts = [Object.assign(document.createElement('option'), { value: '', textContent: `Recent (${items.length})…` })];
    for (const it of items) {
      const o = document.createElement('option');
      o.value = it.sha;
      o.textContent = `${it.name} · ${it.count} annotations${it.sha === currentSha ? ' (open)' : ''}`;
      opts.push(o);
    }
    sel.replaceChildren(...opts);
    sel.value = '';
  }

  // ---- events ------------------------------------------------------------------

  bindTextMouseUp(handler) {
    this.text.addEventListener('mouseup', (e) => {
      if (e.button === 0) handler({ altKey: e.altKey, x: e.clientX, y: e.clientY, target: e.target, detail: e.detail });
    });
  }
  bindDoubleClick(handler) { this.text.addEventListener('dblclick', (e) => handler(this.pointU16(e.clientX, e.clientY))); }
  bindHover(handler) {
    let frame = 0;
    this.text.addEventListener('mousemove', (e) => {
      if (frame || e.buttons) return;
      frame = requestAnimationFrame(() => { frame = 0; handler(this.pointU16(e.clientX, e.clientY)); });
    });
    this.text.addEventListener('mouseleave', () => handler(null));
  }
  bindKeys(handler) { document.addEventListener('keydown', handler); }
  bindLabelBar(handler) {
    $('labelbar').addEventListener('click', (e) => {
      const b = e.target.closest('button');
      if (b?.id === 'edit-labels') handler({ edit: true });
      else if (b?.dataset.label) handler({ label: b.dataset.label });
    });
  }
  bindList(handler) {
    for (const id of ['annlist', 'rellist']) $(id).addEventListener('click', (e) => { const li = e.target.closest('li'); if (li) handler(li.dataset.id); });
  }
  bindButton(id, handler) { $(id).addEventListener('click', handler); }
  bindOpen(handler) {
    const input = $('open-file');
    input.addEventListener('change', () => { if (input.files?.length) handler([...input.files]); input.value = ''; });
  }
  bindRecent(handler) { $('recent').addEventListener('change', (e) => { if (e.target.value) handler(e.target.value); }); }
  bindDrop(handler) {
    const zone = $('dropzone');
    let depth = 0;
    const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
    document.addEventListener('dragenter', (e) => { if (hasFiles(e)) { depth++; zone.hidden = false; } });
    document.addEventListener('dragleave', (e) => { if (hasFiles(e) && --depth <= 0) { depth = 0; zone.hidden = true; } });
    document.addEventListener('dragover', (e) => { if (hasFiles(e)) e.preventDefault(); });
    document.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      zone.hidden = true;
      const files = [...(e.dataTransfer.files ?? [])];
      if (files.length) handler(files);
    });
  }
  bindPaste(handler) {
    document.addEventListener('paste', (e) => {
      if (e.target.closest?.('input, textarea, dialog')) return;
      const text = e.clipboardData?.getData('text/plain');
      if (text) { e.preventDefault(); handler(text); }
    });
  }
  bindLabelEditor(handlers) {
    const rows = $('label-rows');
    rows.addEventListener('change', (e) => {
      const tr = e.target.closest('tr');
      if (tr && e.target.name) handlers.update(tr.dataset.label, { [e.target.name]: e.target.value });
    });
    rows.addEventListener('click', (e) => {
      if (e.target.classList.contains('delete')) handlers.remove(e.target.closest('tr').dataset.label);
    });
    $('label-add').addEventListener('click', handlers.add);
  }
  bindResize(handler) {
    let frame = 0;
    new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(handler);
    }).observe(this.text);
  }

  openDialog(id) { const d = $(id); if (!d.open) d.showModal(); }
  isDialogOpen() { return !!document.querySelector('dialog[open]'); }

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
