// What the views' tables of figures share: an element made with its
// properties and children, a figure as a person reads it, a head row.

export const el = (tag, props = {}, ...children) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
};

/** A ratio to three decimals; a figure the data leave undefined (null) as a dash. */
export const figure = (x) => (x == null ? '—' : x.toFixed(3));

/** A `<thead>` of column headers `names`. */
export function tableHead(names) {
  const tr = el('tr');
  for (const h of names) tr.append(el('th', { scope: 'col', textContent: h }));
  return el('thead', {}, tr);
}
