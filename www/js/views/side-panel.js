// The side panel: the annotation list (only the rows in view exist), the
// relations, the document's labels. Drawn from what it is handed; a click on
// a row reports the annotation's id.
import { inkOn, tint } from './tint.js';

const $ = (id) => document.getElementById(id);

/** Puts `rows` (the list's elements, and new ones) in `list` in that order, moving only what is out of place. */
function placeInOrder(list, rows) {
  let at = list.firstElementChild;
  for (const li of rows) {
    if (li === at) at = at.nextElementSibling;
    else list.insertBefore(li, at);
  }
}
/** List rows drawn beyond the visible ones, above and below. */
const OVERSCAN = 6;

/** The element id of the row of annotation or relation `id` (`kind` 'ann' or 'rel'): ids are any string, so encoded. */
const rowId = (kind, id) => `${kind}row-${encodeURIComponent(id)}`;

/** Marks a row picked or not, for the eye and for a screen reader. */
function pick(li, picked) {
  li.classList.toggle('picked', picked);
  li.ariaSelected = picked ? 'true' : 'false';
}

/** Names the picked row of `list` as its active one (null: none picked, or not in view). */
function activeRow(list, id) {
  if (id) list.setAttribute('aria-activedescendant', id);
  else list.removeAttribute('aria-activedescendant');
}

export class SidePanel {
  constructor(side = document.querySelector('.side')) {
    this.side = side;
    this.list = { count: 0, rowAt: null, picked: -1, first: -1, last: -1 };
    this.rowOf = new WeakMap(); // list row element -> the row it shows
    this.listBox = null; // {top, height, scroll} of the list in the side panel (see #listGeometry)
    this.side.addEventListener(
      'scroll',
      () => {
        if (this.listBox) this.listBox.scroll = this.side.scrollTop;
        this.#renderRows(false);
      },
      { passive: true },
    );
    // The list's place and the side's height, read when they may have changed rather than on every change of the list:
    // when the side panel resizes, or what is above the list (the guide, the document labels, the details) does.
    const moved = new ResizeObserver(() => {
      this.listBox = null;
      this.#renderRows(true);
    });
    for (const el of [this.side, ...['guide', 'doclabels', 'details'].map($)]) if (el) moved.observe(el);
  }

  /**
   * The side list, of which only the rows in view exist: `count` rows,
   * `rowAt(i)` giving row i as `{id, tag, color, quote, start, end, extra}`
   * (code points), `picked` the index of the picked row (-1: none), which is
   * scrolled into view.
   */
  renderList(count, rowAt, picked = -1) {
    const list = $('annlist');
    this.rowHeight ??= parseFloat(getComputedStyle(list).getPropertyValue('--row')) || 26;
    this.list = { count, rowAt, picked, first: -1, last: -1 };
    list.style.height = `${count * this.rowHeight}px`;
    $('count').textContent = String(count);
    // An empty list is no Tab stop; a screen reader follows the pick through the active row.
    list.tabIndex = count ? 0 : -1;
    if (picked >= 0) {
      const box = this.#listGeometry();
      const top = box.top + picked * this.rowHeight;
      let to = null;
      if (top < box.scroll) to = top;
      else if (top + this.rowHeight > box.scroll + box.height) to = top + this.rowHeight - box.height;
      if (to !== null) box.scroll = this.side.scrollTop = to;
    }
    this.#renderRows(true);
  }

  /**
   * Where the list is: reading layout after the marks of a change are drawn
   * would lay the page out once more, so it is read once and kept until the
   * side panel scrolls, resizes, or what is above the list changes.
   */
  #listGeometry() {
    this.listBox ??= { top: $('annlist').offsetTop, height: this.side.clientHeight, scroll: this.side.scrollTop };
    return this.listBox;
  }

  /**
   * Draws the list rows in view (again when `changed`, else only when the
   * window moved). A row handed again (the same object) keeps its element,
   * so that one new annotation costs one new row, not a new list.
   */
  #renderRows(changed) {
    const { count, rowAt, picked } = this.list;
    const list = $('annlist');
    if (!rowAt) {
      list.replaceChildren();
      return;
    }
    const h = this.rowHeight;
    const box = this.#listGeometry();
    const top = box.scroll - box.top;
    const first = Math.max(0, Math.floor(top / h) - OVERSCAN);
    const last = Math.min(count, Math.ceil((top + box.height) / h) + OVERSCAN);
    if (!changed && first === this.list.first && last === this.list.last) return;
    this.list.first = first;
    this.list.last = last;
    const old = new Map([...list.children].map((li) => [li.dataset.id, li]));
    const rows = [];
    for (let i = first; i < last; i++) {
      const it = rowAt(i);
      let li = old.get(it.id);
      if (li && this.rowOf.get(li) === it) {
        old.delete(it.id);
        if (li.classList.contains('picked') !== (i === picked)) pick(li, i === picked);
      } else li = this.#row(it, i === picked);
      // Only the rows in view exist: each says where it stands in the whole list.
      if (li.ariaPosInSet !== String(i + 1)) li.ariaPosInSet = String(i + 1);
      if (li.ariaSetSize !== String(count)) li.ariaSetSize = String(count);
      rows.push(li);
    }
    activeRow(list, picked >= first && picked < last ? rowId('ann', rowAt(picked).id) : null);
    // The rows flow after a padding as tall as the rows above them: a new
    // row moves the ones below it without a style change for each.
    const pad = `${first * h}px`;
    if (list.style.paddingTop !== pad) list.style.paddingTop = pad;
    for (const li of old.values()) li.remove();
    placeInOrder(list, rows);
  }

  #row(it, picked) {
    const li = document.createElement('li');
    li.dataset.id = it.id;
    li.id = rowId('ann', it.id);
    li.role = 'option';
    pick(li, picked);
    const lab = document.createElement('span');
    lab.className = 'lab';
    lab.style.backgroundColor = tint(it.color, 0.6);
    lab.style.color = inkOn(it.color, 0.6);
    lab.textContent = it.tag;
    const quote = document.createElement('span');
    quote.className = 'quote';
    quote.textContent = it.quote;
    quote.title = it.quote;
    li.append(lab, quote);
    if (it.extra) {
      const extra = document.createElement('span');
      extra.className = 'extra';
      extra.textContent = it.extra;
      extra.title = it.extra;
      li.append(extra);
    }
    const pos = document.createElement('span');
    pos.className = 'pos';
    pos.textContent = `${it.start}–${it.end}`;
    li.append(pos);
    this.rowOf.set(li, it);
    return li;
  }

  /**
   * Relations between annotations: `{id, from, to, text, picked}`; a click
   * picks the relation. A row whose text is unchanged keeps its element, so
   * that one change among thousands of relations costs one row.
   */
  renderRelations(items) {
    const list = $('rellist');
    this.relRows ??= new Map(); // relation id -> its row element
    const next = new Map();
    const rows = items.map((r) => {
      let li = this.relRows.get(r.id);
      if (!li || li.textContent !== r.text) {
        li = document.createElement('li');
        li.dataset.id = r.id;
        li.id = rowId('rel', r.id);
        li.role = 'option';
        li.textContent = r.text;
        pick(li, false);
      }
      if (li.classList.contains('picked') !== r.picked) pick(li, r.picked);
      next.set(r.id, li);
      return li;
    });
    for (const [id, li] of this.relRows) if (next.get(id) !== li) li.remove();
    this.relRows = next;
    placeInOrder(list, rows);
    list.tabIndex = items.length ? 0 : -1;
    const picked = items.find((r) => r.picked);
    activeRow(list, picked ? rowId('rel', picked.id) : null);
    $('relations-title').hidden = items.length === 0;
    $('relcount').textContent = String(items.length);
  }

  /**
   * Calls `handler(list, step)` on ↑ ↓ Home End in a list that has the focus (Tab reaches both):
   * `list` 'annotations' or 'relations', `step` ±1 or ±Infinity. Kept from the page's keys, where ↑ ↓ move the caret.
   */
  bindListKeys(handler) {
    const steps = { ArrowUp: -1, ArrowDown: 1, Home: -Infinity, End: Infinity };
    for (const [id, list] of [
      ['annlist', 'annotations'],
      ['rellist', 'relations'],
    ])
      $(id).addEventListener('keydown', (e) => {
        const step = steps[e.key];
        if (step === undefined || e.ctrlKey || e.altKey || e.metaKey || e.shiftKey) return;
        e.preventDefault();
        e.stopPropagation();
        handler(list, step);
      });
  }

  /** Calls `handler(id)` when a row of the annotations is clicked, `relation(id)` when one of the relations is. */
  bindList(handler, relation = handler) {
    for (const [id, fn] of [
      ['annlist', handler],
      ['rellist', relation],
    ])
      $(id).addEventListener('click', (e) => {
        const li = e.target.closest('li');
        if (li) fn(li.dataset.id);
      });
  }
}
