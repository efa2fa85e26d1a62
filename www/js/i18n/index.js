// The page's two languages: a catalogue for each (message id → pattern), the
// locale chosen from the browser's languages unless the person chose one
// (remembered), and `t(id, args)`, which fills a pattern. Patterns are a small
// subset of ICU MessageFormat: `{name}`, `{n, number}`, `{n, plural, one {…}
// other {…}}` (with `#` for the number) and `{x, select, a {…} other {…}}`;
// plurals and numbers come from the browser's Intl, so no sentence is pieced
// together from fragments. No DOM here beyond `applyStatic`, which fills the
// elements index.html marks with data-i18n attributes.
import zhCN from './zh-CN.js';
import enUS from './en-US.js';
import { detailText } from './details.js';

export const CATALOGUES = { 'zh-CN': zhCN, 'en-US': enUS };
export const LOCALES = Object.keys(CATALOGUES);
const STORED = 'biaozhu:locale';

/** zh, zh-CN, zh-Hant-TW… → Chinese; anything else (or nothing) → English. */
export function pickLocale(languages) {
  for (const lang of languages ?? []) {
    if (/^zh\b/i.test(lang)) return 'zh-CN';
    if (/^en\b/i.test(lang)) return 'en-US';
  }
  return 'en-US';
}

function initial() {
  // Outside a page (the model tests under Node) the messages are English, whatever the machine's locale.
  if (typeof document === 'undefined') return 'en-US';
  try {
    const stored = localStorage.getItem(STORED);
    if (LOCALES.includes(stored)) return stored;
  } catch {
    // No localStorage: the browser's languages decide each visit.
  }
  return pickLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

let current = initial();
const listeners = [];

export function locale() {
  return current;
}

/** Switches the language (remembered in the browser) and tells those listening. */
export function setLocale(next) {
  if (!LOCALES.includes(next) || next === current) return;
  current = next;
  try {
    localStorage.setItem(STORED, next);
  } catch {
    // Not remembered without localStorage; switched for this visit.
  }
  for (const fn of listeners) fn(next);
}

export function onLocale(fn) {
  listeners.push(fn);
}

// ---- patterns ------------------------------------------------------------------

/**
 * A pattern as a tree: strings, `{arg}` nodes, `{arg, type, options}` nodes
 * whose options are sub-patterns by key. Throws on an unbalanced brace.
 */
export function parse(pattern) {
  let i = 0;
  const body = (nested) => {
    const out = [];
    let text = '';
    while (i < pattern.length) {
      const c = pattern[i];
      if (c === '}') {
        if (!nested) throw new Error(`unbalanced } at ${i} in “${pattern}”`);
        break;
      }
      if (c === '{') {
        if (text) out.push(text);
        text = '';
        i++;
        out.push(argument());
        continue;
      }
      if (c === '#' && nested) {
        if (text) out.push(text);
        text = '';
        out.push({ hash: true });
        i++;
        continue;
      }
      text += c;
      i++;
    }
    if (text) out.push(text);
    return out;
  };
  const word = () => {
    const m = /^\s*([\w.=-]+)\s*/.exec(pattern.slice(i));
    if (!m) throw new Error(`a name was expected at ${i} in “${pattern}”`);
    i += m[0].length;
    return m[1];
  };
  const argument = () => {
    const name = word();
    if (pattern[i] === '}') {
      i++;
      return { arg: name };
    }
    if (pattern[i] !== ',') throw new Error(`, or } was expected at ${i} in “${pattern}”`);
    i++;
    const type = word();
    if (pattern[i] === '}') {
      i++;
      return { arg: name, type };
    }
    if (pattern[i] !== ',') throw new Error(`, or } was expected at ${i} in “${pattern}”`);
    i++;
    const options = {};
    for (;;) {
      while (/\s/.test(pattern[i] ?? '')) i++;
      if (pattern[i] === '}') {
        i++;
        break;
      }
      const key = word();
      if (pattern[i] !== '{') throw new Error(`{ was expected at ${i} in “${pattern}”`);
      i++;
      options[key] = body(true);
      if (pattern[i] !== '}') throw new Error(`unclosed option at ${i} in “${pattern}”`);
      i++;
    }
    if (!('other' in options)) throw new Error(`{${name}, ${type}} has no “other” in “${pattern}”`);
    return { arg: name, type, options };
  };
  const tree = body(false);
  if (i < pattern.length) throw new Error(`unbalanced } in “${pattern}”`);
  return tree;
}

/** The argument names a pattern uses, sorted. */
export function argNames(pattern) {
  const names = new Set();
  const walk = (nodes) => {
    for (const n of nodes) {
      if (typeof n !== 'object' || n.hash) continue;
      names.add(n.arg);
      for (const sub of Object.values(n.options ?? {})) walk(sub);
    }
  };
  walk(parse(pattern));
  return [...names].sort();
}

const parsed = new Map();
const numbers = new Map();
const plurals = new Map();
const cached = (map, lang, make) => map.get(lang) ?? map.set(lang, make()).get(lang);

/** Fills `pattern` with `args` in `lang`. */
export function format(pattern, args = {}, lang = current) {
  const tree = cached(parsed, pattern, () => parse(pattern));
  const num = (n) => cached(numbers, lang, () => new Intl.NumberFormat(lang)).format(n);
  const render = (nodes, count) =>
    nodes
      .map((n) => {
        if (typeof n === 'string') return n;
        if (n.hash) return num(count);
        const value = args[n.arg];
        if (!n.type) return typeof value === 'number' ? num(value) : String(value ?? `{${n.arg}}`);
        if (n.type === 'number') return num(Number(value));
        if (n.type === 'plural') {
          const exact = n.options[`=${value}`];
          const rule = cached(plurals, lang, () => new Intl.PluralRules(lang)).select(Number(value));
          return render(exact ?? n.options[rule] ?? n.options.other, Number(value));
        }
        return render(n.options[String(value)] ?? n.options.other, count);
      })
      .join('');
  return render(tree, 0);
}

/** The message `id` in the current language, filled with `args`; an unknown id shows as itself. */
export function t(id, args) {
  const pattern = CATALOGUES[current][id] ?? CATALOGUES['en-US'][id];
  if (pattern === undefined) {
    console.warn(`i18n: no message ${id}`);
    return id;
  }
  return format(pattern, args, current);
}

/** What a person calls the export format `id` ('label-studio' → "Label Studio JSON"), as the format menu names it. */
export function formatName(id) {
  const key = `format.${id}`;
  return key in CATALOGUES[current] ? t(key) : id;
}

/**
 * What an error says, in the page's language when it is one of the core's
 * with a code the catalogue has (`error.<code>`, arguments from its `args`
 * JSON; src/wasm `coded_err`); else its own message.
 */
export function errorText(e) {
  const id = `error.${e?.code}`;
  if (e?.code && id in CATALOGUES[current]) {
    try {
      const args = JSON.parse(e.args ?? '{}');
      // A value the core says in English (what a file looks like: "a PDF document") has words of its own here.
      for (const [k, v] of Object.entries(args))
        if (typeof v === 'string' && `words.${v}` in CATALOGUES[current]) args[k] = CATALOGUES[current][`words.${v}`];
      // The detail of an import error (a field of the wrong shape, broken JSON) is read by its shapes.
      if (typeof args.detail === 'string') args.detail = detailText(args.detail, current);
      // A core older or newer than the catalogue may name other arguments: then its own words.
      if (argNames(CATALOGUES[current][id]).every((name) => name in args)) return format(CATALOGUES[current][id], args, current);
    } catch {
      // Arguments that are not JSON: the core's own words below.
    }
  }
  return String(e?.message ?? e);
}

// ---- the page's static strings -----------------------------------------------------

const ATTRIBUTES = [
  ['i18nTitle', 'title'],
  ['i18nAria', 'aria-label'],
  ['i18nPlaceholder', 'placeholder'],
];

/**
 * Fills the elements under `root` marked `data-i18n` (text), `data-i18n-title`,
 * `data-i18n-aria` and `data-i18n-placeholder` with the current language's messages.
 */
export function applyStatic(root = document) {
  document.documentElement.lang = current === 'zh-CN' ? 'zh-Hans' : 'en';
  for (const el of root.querySelectorAll('[data-i18n]')) {
    const text = t(el.dataset.i18n);
    if (el.textContent !== text) el.textContent = text;
  }
  for (const [key, attr] of ATTRIBUTES) {
    const sel = `[data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}]`;
    for (const el of root.querySelectorAll(sel)) el.setAttribute(attr, t(el.dataset[key]));
  }
}
