// The suggestions' layer over the text: spans the page proposes (issue 17),
// drawn dashed under the text and apart from the annotations' marks, in the
// paragraphs drawn only; the one at the caret stands out. The search layer's
// drawing, under names of its own (the style sheet's ::highlight(suggestion)),
// and one that starts where the one before ends drawn apart (中|俄 of 中俄关系
// would read as one suggestion of two characters).
import { SearchLayer } from './search.js';

export class SuggestionsLayer extends SearchLayer {
  constructor() {
    super('suggestion', { abutting: true });
  }
}
