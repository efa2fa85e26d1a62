// The one table of keys: what each key or gesture does, in the order the key
// handler (controllers/keys.js) tries them, and what the help (`?`,
// views/help.js) and the README say of it. A row is
// `{action, keys, context, match}`: `keys` as the help shows them (names of
// keys, read the same in both languages, or a gesture's message id), `context`
// where it applies ('text', 'relation', 'search', 'page', 'pointer' for a
// gesture the pointer controller handles, 'suggestion' with the caret on a suggestion), `match(k)` whether a key press is
// it. The help's wording is the message `help.<action>` (js/i18n). A row with
// no `keys` is not shown in the help (a guard).
//
// `k` is `{key, code, ctrl, shift, alt, arrow, vertical, linking, relation, picked, type}`:
// `key` lowercased when one character, `type` the relation type whose key it
// is (relation rows only).

const plain = (k) => !k.ctrl && !k.alt && !k.shift;
const linkingOrRelation = (k) => !k.ctrl && !k.alt && (k.linking || k.relation);
const removeKey = (k) => k.key === 'Delete' || k.key === 'Backspace';
const placed = (k) => /^(Digit|Key)(.)$/.test(k.code ?? '');

export const KEYMAP = [
  { action: 'drag', keys: 'keyname.drag', context: 'pointer' },
  { action: 'doubleClick', keys: 'keyname.doubleClick', context: 'pointer' },
  { action: 'click', keys: 'keyname.click', context: 'pointer' },
  { action: 'clickArc', keys: 'keyname.clickArc', context: 'pointer' },
  { action: 'linkDrag', keys: 'keyname.linkDrag', context: 'pointer' },
  { action: 'undo', keys: 'Ctrl+Z', context: 'page', match: (k) => k.ctrl && k.key === 'z' && !k.shift },
  {
    action: 'redo',
    keys: 'Ctrl+Shift+Z, Ctrl+Y',
    context: 'page',
    match: (k) => k.ctrl && ((k.key === 'z' && k.shift) || k.key === 'y'),
  },
  { action: 'open', keys: 'Ctrl+O', context: 'page', match: (k) => k.ctrl && !k.shift && k.key === 'o' },
  { action: 'exportProject', keys: 'Ctrl+Shift+S', context: 'page', match: (k) => k.ctrl && k.shift && k.key === 's' },
  { action: 'export', keys: 'Ctrl+S', context: 'page', match: (k) => k.ctrl && k.key === 's' },
  { action: 'doneNext', keys: 'Ctrl+Enter', context: 'page', match: (k) => k.ctrl && k.key === 'Enter' },
  { action: 'linkCancel', keys: 'Esc', context: 'relation', match: (k) => linkingOrRelation(k) && k.key === 'Escape' },
  { action: 'linkCreate', keys: 'keyname.typeKey', context: 'relation', match: (k) => linkingOrRelation(k) && k.linking && k.type },
  {
    action: 'linkStep',
    keys: '← →',
    context: 'relation',
    match: (k) => linkingOrRelation(k) && k.linking && k.arrow && !k.shift,
  },
  { action: 'linkChosen', keys: 'Enter', context: 'relation', match: (k) => linkingOrRelation(k) && k.linking && k.key === 'Enter' },
  { action: 'relationRetype', keys: 'keyname.typeKey', context: 'relation', match: (k) => linkingOrRelation(k) && k.relation && k.type },
  { action: 'relationReverse', keys: 'r', context: 'relation', match: (k) => linkingOrRelation(k) && k.relation && k.key === 'r' },
  {
    action: 'relationDelete',
    keys: 'Delete, Backspace',
    context: 'relation',
    match: (k) => linkingOrRelation(k) && k.relation && removeKey(k),
  },
  { action: 'linkStart', keys: 'r', context: 'text', match: (k) => plain(k) && k.key === 'r' && k.picked },
  { action: 'resizeStart', keys: 'Ctrl+Shift+← →', context: 'text', match: (k) => k.shift && k.ctrl && k.arrow && k.picked },
  { action: 'resizeEnd', keys: 'Shift+← →', context: 'text', match: (k) => k.shift && k.arrow && k.picked },
  { action: 'caretExtend', keys: 'Shift+← →', context: 'text', match: (k) => !k.ctrl && k.shift && k.arrow },
  { action: 'caret', keys: '← →', context: 'text', match: (k) => !k.ctrl && k.arrow },
  { action: 'paragraph', keys: '↓ ↑', context: 'text', match: (k) => plain(k) && k.vertical },
  // Read by the key's place (`code`), since Alt and Shift change the character on many layouts.
  { action: 'docLabel', keys: 'keyname.altShiftKey', context: 'text', match: (k) => k.alt && k.shift && !k.ctrl && placed(k) },
  { action: 'attribute', keys: 'keyname.altKey', context: 'text', match: (k) => k.alt && !k.ctrl && placed(k) },
  // Below, keys without Ctrl or Alt only: those are the browser's.
  { action: 'browser', match: (k) => k.ctrl || k.alt },
  { action: 'dismiss', keys: 'Esc', context: 'text', match: (k) => k.key === 'Escape' },
  { action: 'search', keys: '/', context: 'text', match: (k) => k.key === '/' },
  { action: 'searchStep', keys: 'Enter, Shift+Enter', context: 'search', match: (k) => k.key === 'Enter' },
  { action: 'suggestionAccept', keys: 'Enter', context: 'suggestion', match: (k) => k.key === 'Enter' && !k.shift },
  { action: 'suggestionAcceptAll', keys: 'Shift+Enter', context: 'suggestion', match: (k) => k.key === 'Enter' && k.shift },
  { action: 'pickAtCaret', keys: 'Enter', context: 'text', match: (k) => k.key === 'Enter' && !k.shift },
  { action: 'labelAll', keys: 'keyname.shiftLabelKey', context: 'search', match: (k) => k.shift },
  { action: 'delete', keys: 'Delete, Backspace', context: 'text', match: (k) => removeKey(k) && k.picked },
  { action: 'widen', keys: 'w', context: 'text', match: (k) => k.key === 'w' },
  { action: 'suggestionReject', keys: 'x', context: 'suggestion', match: (k) => k.key === 'x' },
  { action: 'exact', keys: 'x', context: 'text', match: (k) => k.key === 'x' },
  { action: 'nextDocument', keys: '] [', context: 'page', match: (k) => k.key === ']' || k.key === '[' },
  { action: 'help', keys: '?', context: 'page', match: (k) => k.key === '?' },
  { action: 'note', keys: 'n', context: 'text', match: (k) => k.key === 'n' },
  { action: 'label', keys: 'keyname.labelKey', context: 'text', match: () => true },
  { action: 'paste', keys: 'Ctrl+V', context: 'page' },
  // While a document of the project is reviewed (views/project-review.js reads these, before the rows above).
  { action: 'reviewNext', keys: 'n', context: 'review', step: 1, match: (k) => k.key === 'n' },
  { action: 'reviewPrev', keys: 'p', context: 'review', step: -1, match: (k) => k.key === 'p' },
  { action: 'reviewMine', keys: 'm', context: 'review', choice: 'mine', match: (k) => k.key === 'm' },
  { action: 'reviewTheirs', keys: 't', context: 'review', choice: 'theirs', match: (k) => k.key === 't' },
  { action: 'reviewBoth', keys: 'b', context: 'review', choice: 'both', match: (k) => k.key === 'b' },
  { action: 'reviewNeither', keys: 'x', context: 'review', choice: 'neither', match: (k) => k.key === 'x' },
];

/** The rows the help lists, in the table's order. */
export const helpRows = () => KEYMAP.filter((row) => row.keys);
