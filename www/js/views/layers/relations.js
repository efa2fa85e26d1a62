// The relations' layer over the text (see views/text-view.js): a curved arc
// above the spans from one annotation to the other, in the relation type's
// colour, named at its top, with an arrowhead on the target when the type is
// directed. Only relations with an end in the paragraphs drawn (the view and
// its margin) are drawn; an end outside them is drawn at the edge of what is
// drawn, toward where it is, so a link to another page of a long text still
// shows where it goes.
//
// The arcs are one SVG over the whole scrolling text (an arc may join two
// paragraphs, or two pages), placed in the text's coordinates so that it
// scrolls with it and is redrawn only when the paragraphs drawn change or the
// relations do. Each relation is one `<g data-relation=ID>`.

const SVG = 'http://www.w3.org/2000/svg';
/** How far above a span's line box its arc starts: above the label tags (marks.js). */
const LIFT = 12;

export class RelationsLayer {
  constructor() {
    this.host = null; // the text view
    this.svg = null;
    this.source = () => []; // (su, eu) -> relations with an end there (see setSource)
    this.queued = false;
    this.onPick = () => {};
  }

  attach(host) {
    this.host = host;
    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.setAttribute('class', 'arcs');
    this.svg.setAttribute('aria-hidden', 'true');
    // A press on an arc is not the start of a selection or a click on the text.
    for (const type of ['mousedown', 'mouseup', 'dblclick']) {
      this.svg.addEventListener(type, (e) => {
        if (e.target.closest?.('[data-relation]')) e.stopPropagation();
      });
    }
    this.svg.addEventListener('click', (e) => {
      const g = e.target.closest?.('[data-relation]');
      if (g) this.onPick(g.dataset.relation);
    });
  }

  /** Calls `handler(relationId)` when an arc is clicked. */
  bindPick(handler) {
    this.onPick = handler;
  }

  /**
   * Calls `handler(fromId, toId)` when the mouse is pressed on one
   * annotation's tag and released on another's: a relation to be typed. A
   * press and release on one tag stays a click on it.
   */
  bindLinkDrag(handler) {
    const text = this.host.text;
    let from = null; // {id, x, y} of the tag pressed
    let moved = false;
    const tagAt = (e) => (e.target.closest?.('.tag') ?? document.elementFromPoint(e.clientX, e.clientY)?.closest?.('.tag')) || null;
    text.addEventListener('mousedown', (e) => {
      const tag = e.button === 0 ? e.target.closest?.('.tag') : null;
      from = tag ? { id: tag.dataset.id, x: e.clientX, y: e.clientY } : null;
      moved = false;
    });
    document.addEventListener('mousemove', (e) => {
      if (!from || moved || !(e.buttons & 1)) return;
      moved = Math.abs(e.clientX - from.x) + Math.abs(e.clientY - from.y) > 6;
      if (moved) text.classList.add('linking');
    });
    document.addEventListener(
      'mouseup',
      (e) => {
        const start = from;
        from = null;
        text.classList.remove('linking');
        if (!start || !moved) return;
        // Heard before the text's own release, which would take it as a click on the tag it ends on.
        e.stopPropagation();
        const to = tagAt(e);
        if (to && to.dataset.id !== start.id) handler(start.id, to.dataset.id);
      },
      true,
    );
  }

  /**
   * Where relations come from: `source(su, eu)` returns those with an end
   * overlapping UTF-16 `[su, eu)`, as `{id, from: [su, eu], to: [su, eu],
   * color, name, directed, picked}` (the ends' first pieces).
   */
  setSource(source) {
    this.source = source;
  }

  reset() {
    this.svg?.replaceChildren();
    this.sig = '';
  }
  invalidate() {
    this.redraw();
  }
  drawParagraphs() {
    this.redraw();
  }
  clearParagraph() {
    this.redraw();
  }
  /** A page above was laid out and moved the text under the arcs: they follow it. */
  shifted() {
    this.redraw();
  }

  /**
   * Draws every arc again, once for whatever asked in the same task (the
   * paragraphs drawn changed, a relation or an end changed, a pick).
   */
  redraw() {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      this.#draw();
    });
  }

  #draw() {
    const host = this.host;
    const [p0, p1] = host.live;
    if (p0 >= p1) {
      this.reset();
      return;
    }
    // Last in the text, so that a position between pages (text-view.js, domToU16) never meets it.
    if (this.svg.parentNode !== host.text || this.svg.nextSibling) host.text.append(this.svg);
    const [su, eu] = [host.paraU16[p0 * 2], host.paraU16[(p1 - 1) * 2 + 1]];
    const items = this.source(su, eu + 1);
    // All positions are read first, then the arcs written: one layout.
    const view = host.text.getBoundingClientRect();
    const ox = host.text.scrollLeft - view.left;
    const oy = host.text.scrollTop - view.top;
    const reach = view.height * 2;
    const inView = ([s, e]) => e > su && s <= eu;
    const point = ([s, e]) => {
      const r = [...host.rangeU16(s, Math.max(s + 1, e)).getClientRects()].find((x) => x.width > 0);
      if (!r) return null;
      return { x: r.left + ox + r.width / 2, y: r.top + oy - LIFT };
    };
    const plans = [];
    for (const it of items) {
      const a = inView(it.from) ? point(it.from) : null;
      const b = inView(it.to) ? point(it.to) : null;
      if (!a && !b) continue;
      // An end beyond what is drawn: toward it, past the edge of what is drawn
      // (a fixed length, so that scrolling on does not move it).
      const edge = (known, end) => ({ x: known.x + 60, y: known.y + (end[0] < su ? -reach : reach), off: true });
      plans.push({ it, a: a ?? edge(b, it.from), b: b ?? edge(a, it.to) });
    }
    // The same arcs in the same places are not written again: the browser would paint them again.
    const sig = plans
      .map(({ it, a, b }) => `${it.id}:${it.color}:${it.name}:${it.directed}:${it.picked}:${a.x},${a.y},${b.x},${b.y}`)
      .join('|');
    if (sig === this.sig && this.svg.parentNode === host.text) return;
    this.sig = sig;
    const nodes = plans.map((p) => this.#arc(p));
    let box = null;
    for (const n of nodes) {
      const r = n.box;
      box = box
        ? { x0: Math.min(box.x0, r.x0), y0: Math.min(box.y0, r.y0), x1: Math.max(box.x1, r.x1), y1: Math.max(box.y1, r.y1) }
        : { ...r };
    }
    if (!box) {
      this.svg.replaceChildren();
      return;
    }
    const [x, y, w, h] = [Math.floor(box.x0), Math.floor(box.y0), Math.ceil(box.x1 - box.x0) + 2, Math.ceil(box.y1 - box.y0) + 2];
    this.svg.style.left = `${x}px`;
    this.svg.style.top = `${y}px`;
    this.svg.setAttribute('width', String(w));
    this.svg.setAttribute('height', String(h));
    this.svg.setAttribute('viewBox', `${x} ${y} ${w} ${h}`);
    this.svg.replaceChildren(...nodes.map((n) => n.g));
  }

  /** One relation's arc: `{g, box}` (the box in the text's coordinates). */
  #arc({ it, a, b }) {
    const g = el('g', { class: it.picked ? 'arc picked' : 'arc' });
    g.dataset.relation = it.id;
    const same = Math.abs(a.y - b.y) < 4;
    // Higher for longer links, so that nested links stand apart.
    const rise = 14 + Math.min(46, Math.abs(b.x - a.x) / 10) + (same ? 0 : 10);
    const ty = Math.min(a.y, b.y) - rise;
    const d = a.off || b.off ? `M${a.x},${a.y} L${b.x},${b.y}` : `M${a.x},${a.y} C${a.x},${ty} ${b.x},${ty} ${b.x},${b.y}`;
    const stroke = { d, stroke: it.color, fill: 'none' };
    // An arc within one line is clicked anywhere along it; one across lines runs over the text between,
    // where a click must still reach the text, so only its name takes clicks.
    if (same && !a.off && !b.off) g.append(el('path', { ...stroke, class: 'hit' }));
    g.append(el('path', { ...stroke, class: 'line' }));
    if (it.directed && !b.off)
      g.append(el('path', { d: `M${b.x - 4},${b.y - 7} L${b.x},${b.y} L${b.x + 4},${b.y - 7} Z`, fill: it.color, class: 'head' }));
    // The name at the top of the arc (beside the end in view for a link off the page drawn).
    const [lx, ly] =
      a.off || b.off ? [(a.off ? b : a).x + 30, (a.off ? b : a).y - 10] : [(a.x + b.x) / 2, ty + (Math.min(a.y, b.y) - ty) * 0.25];
    const width = 8 + [...it.name].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 10 : 6), 0);
    const label = el('g', { class: 'label' });
    label.append(
      el('rect', { x: lx - width / 2, y: ly - 7, width, height: 13, rx: 3, stroke: it.color }),
      el('text', { x: lx, y: ly + 3, fill: it.color }),
    );
    label.lastChild.textContent = it.name;
    g.append(label);
    const box0 = {
      x0: Math.min(a.x, b.x, lx - width / 2) - 5,
      y0: Math.min(a.y, b.y, ty, ly - 7) - 5,
      x1: Math.max(a.x, b.x, lx + width / 2) + 5,
      y1: Math.max(a.y, b.y, ly + 6) + 1,
    };
    // The element's middle (where a pointer aiming at it lands) is the name:
    // an unseen box centred on the name holds the whole arc with room for
    // the strokes, which the browser counts in the element's box.
    const hx = Math.max(lx - box0.x0, box0.x1 - lx) + 30;
    const hy = Math.max(ly - box0.y0, box0.y1 - ly) + 30;
    g.append(el('rect', { x: lx - hx, y: ly - hy, width: 2 * hx, height: 2 * hy, class: 'span' }));
    const box = { x0: lx - hx, y0: ly - hy, x1: lx + hx, y1: ly + hy };
    return { g, box };
  }
}

function el(name, attrs) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}
