// The adjudication's layer over the text: every disagreement of the document
// under review highlighted where either side's span lies, drawn as the
// search's matches are (the paragraphs in view only); the one being settled
// stands out.
import { SearchLayer } from './search.js';

export class DisagreementsLayer extends SearchLayer {
  constructor() {
    super('disagreement');
    this.extents = null; // each disagreement's UTF-16 start, end (both sides' spans), in text order; they may overlap
  }

  reset() {
    this.extents = null;
    super.reset();
  }

  /**
   * Highlights the disagreements `extentsU16` (UTF-16 `start, end` pairs, one a
   * disagreement; null: none). The search layer draws ranges that do not
   * overlap: it is handed their union, and the current one is an extent.
   */
  showExtents(extentsU16) {
    this.extents = extentsU16?.length ? extentsU16 : null;
    const pairs = [];
    for (let i = 0; this.extents && i < this.extents.length; i += 2) pairs.push([this.extents[i], this.extents[i + 1]]);
    const union = [];
    for (const [s, e] of pairs.sort((a, b) => a[0] - b[0])) {
      if (union.length && s <= union[union.length - 1]) union[union.length - 1] = Math.max(e, union[union.length - 1]);
      else union.push(s, e);
    }
    this.show(union);
  }

  rangeOf(i) {
    return this.extents ? [this.extents[i * 2], this.extents[i * 2 + 1]] : null;
  }
}
