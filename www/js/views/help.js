// The help (`?`): every row of keymap.js, the table the key handling reads,
// in the page's language, so that the help cannot list a key the page does
// not have, nor miss one it does.
import { helpRows } from '../keymap.js';
import { t } from '../i18n/index.js';

export function renderHelp() {
  const list = document.getElementById('help-keys');
  const items = helpRows().flatMap((row) => {
    const dt = document.createElement('dt');
    dt.textContent = row.keys.startsWith('keyname.') ? t(row.keys) : row.keys;
    const dd = document.createElement('dd');
    dd.textContent = t(`help.${row.action}`);
    dd.dataset.action = row.action;
    return [dt, dd];
  });
  list.replaceChildren(...items);
}
