// The suggestions' layer over the text: spans the page proposes (issue 17),
// drawn dashed under the text and apart from the annotations' marks, in the
// paragraphs drawn only; the one at the caret stands out. The search layer's
// drawing, under names of its own (the style sheet's ::highlight(suggestion)).
import { SearchLayer } from './search.js';

export class SuggestionsLayer extends SearchLayer {
  constructor() {
    super('suggestion');
  }
}
