// The My CRM Views widget: object type dropdown, enabled list views with records, and
// the editor (Edit → find the type → pencil → toggle → Save). The core decides what may
// be toggled; this only shows it.
import { invoke, el, toast } from './tauri.js';

const PAGE = 10;
const typeButton = document.getElementById('views-type-button');
const typeLabel = document.getElementById('views-type-label');
const menu = document.getElementById('views-type-menu');
const status = document.getElementById('views-status');
const notices = document.getElementById('views-notices');
const content = document.getElementById('views-content');
const editorBox = document.getElementById('views-editor');
let types = [];
let current = null;

function setStatus(text, isError = false) {
  status.textContent = text;
  status.classList.toggle('error', isError);
}

function showNotices(list) {
  notices.replaceChildren(...(list || []).map((n) => el('p', {}, n)));
}

function closeMenu() {
  menu.hidden = true;
  typeButton.setAttribute('aria-expanded', 'false');
}

function openMenu() {
  menu.replaceChildren(
    ...types.map((t) => el('li', { role: 'none' }, el('button', { role: 'menuitem', type: 'button', onclick: () => { closeMenu(); showType(t); } }, t))),
    el('li', { role: 'separator', class: 'separator' }),
    el('li', { role: 'none' }, el('button', { id: 'views-edit', role: 'menuitem', type: 'button', onclick: () => { closeMenu(); openEditor(); } }, 'Edit')),
  );
  menu.hidden = false;
  typeButton.setAttribute('aria-expanded', 'true');
  menu.querySelector('button')?.focus();
}

typeButton.addEventListener('click', () => (menu.hidden ? openMenu() : closeMenu()));
menu.addEventListener('keydown', (e) => {
  const items = [...menu.querySelectorAll('button')];
  const i = items.indexOf(document.activeElement);
  if (e.key === 'ArrowDown') { e.preventDefault(); items[(i + 1) % items.length].focus(); }
  if (e.key === 'ArrowUp') { e.preventDefault(); items[(i - 1 + items.length) % items.length].focus(); }
  if (e.key === 'Escape') { closeMenu(); typeButton.focus(); }
});

export async function loadViews() {
  editorBox.hidden = true;
  content.replaceChildren();
  showNotices([]);
  setStatus('Loading your list views…');
  try {
    types = await invoke('view_types');
  } catch (e) {
    types = [];
    typeLabel.textContent = '—';
    setStatus(e.message || String(e), e.kind !== 'not_connected' && e.kind !== 'not_available');
    return;
  }
  if (!types.length) { setStatus('Your org has no list views for these object types.'); return; }
  await showType(current && types.includes(current) ? current : types[0]);
}

async function showType(object) {
  current = object;
  typeLabel.textContent = object;
  editorBox.hidden = true;
  content.hidden = false;
  content.replaceChildren(); // never another type's list views under this label
  setStatus(`Loading ${object} list views…`);
  let views;
  try {
    views = await invoke('object_views', { object });
  } catch (e) { if (current === object) setStatus(e.message || String(e), true); return; }
  if (current !== object) return; // the user switched type meanwhile
  showNotices(views.notices);
  setStatus('');
  content.replaceChildren();
  for (const v of views.offered.filter((o) => o.enabled)) {
    const section = el('section', { class: 'view-section', 'data-view': v.id });
    content.append(section);
    loadRecords(section, object, v, 0);
  }
}

async function loadRecords(section, object, view, offset) {
  section.replaceChildren(el('h3', {}, view.label, el('span', { class: 'count' }, '…')));
  let page;
  try {
    page = await invoke('view_records', { object, id: view.id, limit: PAGE, offset });
  } catch (e) {
    section.append(el('p', { class: 'status error' }, e.message || String(e)));
    return;
  }
  section.querySelector('.count').textContent = `${page.total} record${page.total === 1 ? '' : 's'}`;
  if (!page.rows.length) { section.append(el('p', { class: 'empty' }, 'No records in this list view.')); return; }
  const table = el('table', {},
    el('thead', {}, el('tr', {}, page.columns.map((c) => el('th', { scope: 'col' }, c.label)))),
    el('tbody', {}, page.rows.map((row) => el('tr', {
      tabindex: '0', title: 'Open in Salesforce',
      onclick: () => row.url && invoke('open_url', { url: row.url }).catch((e) => toast(e.message)),
      onkeydown: (e) => { if (e.key === 'Enter' && row.url) invoke('open_url', { url: row.url }).catch((er) => toast(er.message)); },
    }, row.cells.map((c) => el('td', {}, c ?? ''))))));
  section.append(el('div', { class: 'table-wrap' }, table));
  const pager = el('div', { class: 'pager' });
  if (offset > 0) pager.append(el('button', { class: 'secondary', type: 'button', onclick: () => loadRecords(section, object, view, Math.max(0, offset - PAGE)) }, 'Previous'));
  if (offset + page.rows.length < page.total) pager.append(el('button', { class: 'secondary', type: 'button', onclick: () => loadRecords(section, object, view, offset + PAGE) }, 'Next'));
  section.append(pager);
}

// ----- editor -----

function openEditor() {
  content.hidden = true;
  editorBox.hidden = false;
  const filter = el('input', { type: 'search', id: 'views-type-filter', placeholder: 'Find an object type', 'aria-label': 'Find an object type' });
  const list = el('ul', { id: 'views-type-list' });
  const draw = () => {
    const q = filter.value.trim().toLowerCase();
    list.replaceChildren(...types.filter((t) => t.toLowerCase().includes(q)).map((t) =>
      el('li', { 'data-object': t }, t,
        el('button', { class: 'pencil', type: 'button', 'aria-label': `Edit ${t} list views`, title: `Edit ${t} list views`, onclick: () => editType(t) }, '✎'))));
  };
  filter.addEventListener('input', draw);
  draw();
  editorBox.replaceChildren(el('h3', {}, 'Edit My CRM Views'), filter, list,
    el('div', { class: 'actions' }, el('button', { class: 'secondary', type: 'button', onclick: () => showType(current) }, 'Done')));
  filter.focus();
}

async function editType(object, draft = null, toggle = null) {
  let ed;
  try {
    ed = await invoke('views_editor', { object, draft, toggle });
  } catch (e) { toast(e.message || String(e)); return; }
  const filter = el('input', { type: 'search', id: 'views-filter', placeholder: `Filter ${object} list views`, 'aria-label': `Filter ${object} list views` });
  const list = el('ul', { id: 'views-list' });
  const draw = () => {
    const q = filter.value.trim().toLowerCase();
    list.replaceChildren(...ed.views.filter((v) => v.label.toLowerCase().includes(q)).map((v) => {
      const id = `toggle-${v.id}`;
      return el('li', { 'data-view': v.id },
        el('label', { for: id, title: v.locked || undefined }, v.label,
          // the reason stays readable by screen readers on each row; shown once above
          v.locked ? el('div', { class: v.enabled ? 'locked' : 'locked visually-hidden' }, v.locked) : null),
        el('input', { type: 'checkbox', id, role: 'switch', checked: v.enabled, disabled: !!v.locked,
          'aria-describedby': v.locked ? undefined : undefined,
          onchange: () => editType(object, ed.draft, v.id) }));
    }));
  };
  filter.addEventListener('input', draw);
  draw();
  const header = [el('h3', {}, `${object}: choose up to two list views`)];
  const info = ed.total > ed.views.length ? el('p', { class: 'help' }, `${ed.total} list views in your org; the first ${ed.views.length} are offered.`) : null;
  const refused = ed.refused ? el('p', { class: 'status error', role: 'alert' }, ed.refused) : null;
  const lockHint = ed.views.some((v) => v.locked && !v.enabled)
    ? el('p', { class: 'help', id: 'views-lock-hint' }, ed.views.find((v) => v.locked && !v.enabled).locked)
    : null;
  editorBox.replaceChildren(...[...header, info, refused, lockHint, filter, list].filter(Boolean),
    el('div', { class: 'actions' },
      el('button', { class: 'secondary', type: 'button', id: 'views-cancel', onclick: () => showType(current) }, 'Cancel'),
      el('button', { class: 'primary', type: 'button', id: 'views-save', onclick: () => save(object, ed.draft) }, 'Save')));
  if (toggle) document.getElementById(`toggle-${toggle}`)?.focus(); else filter.focus();
}

async function save(object, draft) {
  try {
    await invoke('save_views', { object, ids: draft });
    toast(`${object} list views saved.`);
    await showType(object);
  } catch (e) { toast(e.message || String(e)); }
}
