// English (United States): the messages of refusals and errors (the core's codes, the label and scheme rules,
// files that cannot be read), spread into ./en-US.js.
export default {
  'error.scheme.unreadable': '{detail}',
  'scheme.rule.object': 'The scheme must be an object with relations, attributes and docLabels.',
  'scheme.rule.list': "The scheme's {list} must be a list.",
  'scheme.rule.sameId':
    'Two {list, select, relations {relation types} attributes {attributes} other {document labels}} have the id "{id}" ({a} and {b}).',
  'scheme.rule.keyTaken':
    'The key "{key}" is already used by the {list, select, relations {relation type} attributes {attribute} other {document label}} "{name}".',
  'scheme.rule.notObject': 'A {list, select, relations {relation type} attributes {attribute} other {document label}} must be an object.',
  'scheme.rule.noId': 'A {list, select, relations {relation type} attributes {attribute} other {document label}} has no id.',
  'scheme.rule.idTooLong':
    'The {list, select, relations {relation type} attributes {attribute} other {document label}} id "{id}" is too long (at most {max}).',
  'scheme.rule.idInvisible':
    'The {list, select, relations {relation type} attributes {attribute} other {document label}} id "{id}" may not hold spaces or control characters.',
  'scheme.rule.noName': 'The {list, select, relations {relation type} attributes {attribute} other {document label}} "{id}" needs a name.',
  'scheme.rule.nameTooLong':
    'The name of the {list, select, relations {relation type} attributes {attribute} other {document label}} "{id}" is too long (at most {max} characters).',
  'scheme.rule.keyUnusable':
    'The key "{key}" of the {list, select, relations {relation type} attributes {attribute} other {document label}} "{name}" cannot be used; choose 1–9 or a lowercase letter.',
  'scheme.rule.colour': 'The colour of the relation type "{name}" must be written #rrggbb.',
  'scheme.rule.directed': 'The relation type "{name}" must say whether it is directed.',
  'scheme.rule.type': 'The attribute "{name}" must be of type flag, choice or text (got {got}).',
  'scheme.rule.on': 'The attribute "{name}" must be on a span, a relation or both (got {got}).',
  'scheme.rule.values': 'The values of the attribute "{name}" must be a list of words.',
  'scheme.rule.twoValues': 'The attribute "{name}" offers a choice, so it needs two values or more.',
  'scheme.rule.valueTwice': 'The attribute "{name}" lists a value twice.',
  'label.use.widen': 'widening the selection to whole words',
  'label.use.exact': 'toggling exact-character selection',
  'label.use.help': 'showing the keyboard help',
  'label.use.relation': 'drawing a relation from the picked annotation',
  'label.use.note': 'writing a note on the picked annotation or relation',
  'label.use.page': 'a page command',
  'label.use.cancel': 'cancelling the selection',
  'label.use.delete': 'deleting the selected annotation',
  'label.malformed': 'A label must be an object with an id, a name, a colour and a key.',
  'label.sameId': 'Another label already has the id "{id}" ({name}).',
  'label.noId': 'The label has no id.',
  'label.idTooLong': 'The label id "{id}" is too long (at most {max} characters).',
  'label.idInvisible': 'The label id "{id}" may not hold spaces or control characters.',
  'label.noName': 'The label "{id}" needs a name.',
  'label.nameTooLong': 'The name "{name}" is too long: {n} characters, at most {max}.',
  'label.sameName': 'Another label is already called "{name}".',
  'label.badColour': 'The colour of "{name}" must be written #rrggbb (six hexadecimal digits, e.g. #e6550d); got {got}.',
  'label.keyNotChar': 'The key of "{name}" must be a single character.',
  'label.keyReserved': 'The key "{key}" is reserved for {use}; choose 1–9 or another letter.',
  'label.keyUpper': 'Keys are lowercase: use "{lower}" instead of "{key}".',
  'label.keyUnusable': 'The key "{key}" cannot be used for a label; choose 1–9 or a lowercase letter other than {reserved}.',
  'label.keyTaken': 'The key "{key}" is already used by "{name}".',
  'io.tooLarge': '{name} was not opened: it is {mb} MB, over the {limit} MB limit.',
  'io.notOpened': '{name} was not opened: {message}',
  'io.unknownFormat': 'cannot tell which format this file is in; choose one in the format menu beside Open',
  'io.which': "Open one file, or a text (.txt) with one annotation file (such as brat's .ann); got {names}.",
  'error.decode.empty': 'the file is empty: there is no text to annotate',
  'error.decode.bomOnly': 'the file is empty: it holds only a byte order mark ({encoding}), no text',
  'error.decode.whitespaceOnly': 'the file holds only whitespace ({chars, number} characters): there is no text to annotate',
  'error.decode.tooLarge':
    'the file is too large: {bytes, number} bytes, more than the limit of {limit, number} bytes ({mib} MiB); split it into smaller files',
  'error.decode.notText':
    'looks like {format}, not text (it starts with {signature}); open a plain-text file (.txt), or save this one as plain text first',
  'error.decode.nulByte': 'looks like a binary file: it holds NUL bytes at byte {at} (the first); a text file has none',
  'error.decode.controlChars':
    'looks like a binary file: {count, number} of its {chars, number} characters are control characters (the first, {first}, at code point {firstAt}), more than the {limit}% a text may hold',
  'error.decode.loneSurrogate':
    'the {encoding} text holds a lone surrogate (half of a UTF-16 pair, {unit}) at byte {at}; it is not valid Unicode text',
  'error.decode.undecodable':
    'mostly undecodable as {encoding}: {replaced, number} of {chars, number} characters ({percent}%) are not valid {encoding}, more than the {limit}% limit; choose the file’s encoding by hand, or check that it is a text file',
  'error.decode.invalidUtf8':
    'not valid UTF-8: byte {at} (line {line}) is {byte}, which is not part of a UTF-8 character{more, plural, =0 {} one { (# more such byte follows)} other { (# more such bytes follow)}}; if the file is in another encoding, choose it in the encoding menu, else fix or remove the byte',
  'error.decode.unknownEncoding':
    'unknown encoding label "{label}": use a WHATWG label such as utf-8, gbk, gb18030, big5, shift_jis, euc-kr, utf-16le or windows-1251',
  'error.decode.unsupportedEncoding': 'the encoding "{label}" cannot be decoded here: {reason}',
  'error.import.json': '{file}{at}: not valid JSON: {detail}',
  'error.import.syntax': '{file}{at}: {detail}',
  'error.import.wrongFormat': '{file}{at}: {detail}',
  'error.import.unknownVersion': '{file}{at}: {detail}',
  'error.import.textMismatch': '{file}{at}: {detail}',
  'error.import.needsText': '{file}{at}: {detail}',
  'error.import.invalid': '{file}{at}: {detail}',
  'error.import.quoteMismatch': '{detail}',
  'error.import.unrecognised': "{file}: cannot tell the format from the file's name or content; choose it in the format menu beside Open",
};
