// The My CRM Views widget: object type dropdown, enabled list views with records, and
// the editor (Edit → find the type → pencil → toggle → Save). The core decides what may
// be toggled; this only shows it.
import { invoke, el, toast } from './tauri.js';
import { t, tn, objectLabel, maxEnabled, onLangChange, getLang } from './i18n.js';

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

function showTypeLabel() {
  typeLabel.textContent = current ? objectLabel(current) : '—';
  if (current) typeButton.setAttribute('aria-label', t('views.typeButton', { type: objectLabel(current) }));
  else typeButton.removeAttribute('aria-label');
}

function openMenu() {
  if (!types.length) return; // nothing to choose from (not connected, or no list views)
  menu.replaceChildren(
    ...types.map((o) => el('li', { role: 'none' }, el('button', { role: 'menuitemradio', 'aria-checked': String(o === current), type: 'button', tabindex: '-1', 'data-object': o, onclick: () => { closeMenu(); showType(o); typeButton.focus(); } }, objectLabel(o)))),
    el('li', { role: 'separator', class: 'separator' }),
    el('li', { role: 'none' }, el('button', { id: 'views-edit', role: 'menuitem', type: 'button', tabindex: '-1', onclick: () => { closeMenu(); openEditor(); } }, t('views.edit'))),
  );
  menu.hidden = false;
  typeButton.setAttribute('aria-expanded', 'true');
  (menu.querySelector('[aria-checked="true"]') || menu.querySelector('button'))?.focus();
}

typeButton.addEventListener('click', () => (menu.hidden ? openMenu() : closeMenu()));
menu.addEventListener('keydown', (e) => {
  const items = [...menu.querySelectorAll('button')];
  const i = items.indexOf(document.activeElement);
  if (e.key === 'ArrowDown') { e.preventDefault(); items[(i + 1) % items.length].focus(); }
  if (e.key === 'ArrowUp') { e.preventDefault(); items[(i - 1 + items.length) % items.length].focus(); }
  if (e.key === 'Home') { e.preventDefault(); items[0].focus(); }
  if (e.key === 'End') { e.preventDefault(); items[items.length - 1].focus(); }
  if (e.key === 'Escape') { e.preventDefault(); closeMenu(); typeButton.focus(); }
  if (e.key === 'Tab') closeMenu();
});
typeButton.addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown' && menu.hidden) { e.preventDefault(); openMenu(); }
});
// A click elsewhere closes the menu.
document.addEventListener('click', (e) => {
  if (!menu.hidden && !menu.contains(e.target) && !typeButton.contains(e.target)) closeMenu();
});

export async function loadViews() {
  editorBox.hidden = true;
  content.replaceChildren();
  showNotices([]);
  setStatus(t('views.loading'));
  let shown = null;
  try {
    ({ types, shown } = await invoke('view_types'));
  } catch (e) {
    types = [];
    current = null;
    showTypeLabel();
    typeButton.hidden = true;
    // Not connected (or needs attention, or not available): say what to do, nothing else —
    // and where the person can act, the way to the card that acts.
    setStatus(e.message || String(e), !['not_connected', 'not_available', 'needs_attention'].includes(e.kind));
    if (['not_connected', 'needs_attention'].includes(e.kind)) {
      content.replaceChildren(el('button', { id: 'views-open-integrations', class: 'secondary', type: 'button', onclick: () => document.getElementById('home-open-integrations').click() }, t('home.openIntegrations')));
    }
    return;
  }
  typeButton.hidden = !types.length;
  if (!types.length) { setStatus(t('views.noTypes')); return; }
  // The type on screen, else the one shown last time (the core remembers it), else the first.
  const start = [current, shown].find((o) => o && types.includes(o)) ?? types[0];
  await showType(start);
}

async function showType(object) {
  current = object;
  showTypeLabel();
  editorBox.hidden = true;
  content.hidden = false;
  content.replaceChildren(); // never another type's list views under this label
  setStatus(t('views.loadingType', { object: objectLabel(object) }));
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

const NUMERIC = new Set(['currency', 'double', 'int', 'percent']);

// Amounts, numbers and dates the reader's way (Salesforce sends `11250`, `2026-11-26`);
// anything else, or anything that does not parse, as Salesforce sent it.
function formatCell(value, kind) {
  if (value === null || value === undefined || value === '') return '';
  const lang = getLang();
  if (NUMERIC.has(kind)) {
    const n = Number(value);
    if (!Number.isFinite(n)) return value;
    if (kind === 'percent') return (n / 100).toLocaleString(lang, { style: 'percent', maximumFractionDigits: 2 });
    if (kind === 'currency') return n.toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return n.toLocaleString(lang, { maximumFractionDigits: 4 });
  }
  if (kind === 'date') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).toLocaleDateString(lang, { dateStyle: 'medium' }) : value;
  }
  if (kind === 'datetime') {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? value : d.toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
  }
  return value;
}

async function loadRecords(section, object, view, offset) {
  section.querySelector('.status.error')?.remove();
  if (section.querySelector('.table-wrap')) {
    // Another page: the one shown stays until the next one is there (no collapse, no jump).
    section.setAttribute('aria-busy', 'true');
    section.querySelectorAll('.pager button').forEach((b) => { b.disabled = true; });
  } else {
    // The heading keeps its place while the records load (no jump when they arrive).
    section.replaceChildren(el('h3', {}, view.label, el('span', { class: 'count' }, '…')), el('div', { class: 'table-placeholder', 'aria-hidden': 'true' }));
  }
  let page;
  try {
    page = await invoke('view_records', { object, id: view.id, limit: PAGE, offset });
  } catch (e) {
    // What was shown stays; the error says why, with a way to try that page again.
    section.removeAttribute('aria-busy');
    section.querySelector('.table-placeholder')?.remove();
    section.querySelectorAll('.pager button').forEach((b) => { b.disabled = false; });
    section.append(el('p', { class: 'status error' }, e.message || String(e), ' ',
      el('button', { class: 'secondary retry', type: 'button', onclick: () => loadRecords(section, object, view, offset) }, t('views.retry'))));
    return;
  }
  section.removeAttribute('aria-busy');
  // "1,500 records · 11–20" once there is more than one page.
  const range = page.total > page.rows.length && page.rows.length
    ? ` · ${t('views.range', { from: (offset + 1).toLocaleString(getLang()), to: (offset + page.rows.length).toLocaleString(getLang()) })}`
    : '';
  section.replaceChildren(el('h3', {}, view.label, el('span', { class: 'count' }, tn('views.records', page.total) + range)));
  if (!page.rows.length) { section.append(el('p', { class: 'empty' }, t('views.empty'))); return; }
  const table = el('table', {},
    el('thead', {}, el('tr', {}, page.columns.map((c) => el('th', { scope: 'col', class: NUMERIC.has(c.kind) ? 'num' : undefined }, c.label)))),
    el('tbody', {}, page.rows.map((row) => el('tr', {
      tabindex: '0', title: t('views.open'),
      onclick: () => row.url && invoke('open_url', { url: row.url }).catch((e) => toast(e.message)),
      onkeydown: (e) => { if (e.key === 'Enter' && row.url) invoke('open_url', { url: row.url }).catch((er) => toast(er.message)); },
    }, row.cells.map((c, i) => el('td', { class: NUMERIC.has(page.columns[i]?.kind) ? 'num' : undefined }, formatCell(c, page.columns[i]?.kind)))))));
  section.append(el('div', { class: 'table-wrap' }, table));
  const pager = el('div', { class: 'pager' });
  if (offset > 0) pager.append(el('button', { class: 'secondary', type: 'button', onclick: () => loadRecords(section, object, view, Math.max(0, offset - PAGE)) }, t('views.previous')));
  if (offset + page.rows.length < page.total) pager.append(el('button', { class: 'secondary', type: 'button', onclick: () => loadRecords(section, object, view, offset + PAGE) }, t('views.next')));
  section.append(pager);
}

// ----- editor -----

function openEditor() {
  if (!types.length) return;
  content.hidden = true;
  editorBox.hidden = false;
  const filter = el('input', { type: 'search', id: 'views-type-filter', placeholder: t('views.findType'), 'aria-label': t('views.findType') });
  const list = el('ul', { id: 'views-type-list' });
  const draw = () => {
    const q = filter.value.trim().toLowerCase();
    // the filter matches the API name and the label shown
    const found = types.filter((o) => o.toLowerCase().includes(q) || objectLabel(o).toLowerCase().includes(q));
    list.replaceChildren(...found.map((o) =>
      el('li', { 'data-object': o }, objectLabel(o),
        el('button', { class: 'pencil', type: 'button', 'aria-label': t('views.editType', { object: objectLabel(o) }), title: t('views.editType', { object: objectLabel(o) }), onclick: () => editType(o) }, '✎'))));
    if (!found.length) list.append(el('li', { class: 'empty' }, t('views.noTypeMatch', { text: filter.value.trim() })));
  };
  filter.addEventListener('input', draw);
  draw();
  editorBox.replaceChildren(el('h3', {}, t('views.editorTitle')), filter, list,
    el('div', { class: 'actions' }, el('button', { class: 'secondary', type: 'button', onclick: () => showType(current) }, t('views.done'))));
  filter.focus();
}

async function editType(object, draft = null, toggle = null) {
  let ed;
  try {
    ed = await invoke('views_editor', { object, draft, toggle });
  } catch (e) { toast(e.message || String(e)); return; }
  const filter = el('input', { type: 'search', id: 'views-filter', placeholder: t('views.filter', { object: objectLabel(object) }), 'aria-label': t('views.filter', { object: objectLabel(object) }) });
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
  const header = [el('h3', {}, t('views.choose', { object: objectLabel(object), max: maxEnabled() }))];
  const info = ed.total > ed.views.length ? el('p', { class: 'help' }, t('views.offered', { total: ed.total, shown: ed.views.length })) : null;
  const refused = ed.refused ? el('p', { class: 'status error', role: 'alert' }, ed.refused) : null;
  const lockHint = ed.views.some((v) => v.locked && !v.enabled)
    ? el('p', { class: 'help', id: 'views-lock-hint' }, ed.views.find((v) => v.locked && !v.enabled).locked)
    : null;
  // What a toggle changes is said below the list, so that the rows never move under the mouse.
  editorBox.replaceChildren(...[...header, info, filter, list, refused, lockHint].filter(Boolean),
    el('div', { class: 'actions' },
      el('button', { class: 'secondary', type: 'button', id: 'views-cancel', onclick: () => showType(current) }, t('views.cancel')),
      el('button', { class: 'primary', type: 'button', id: 'views-save', onclick: () => save(object, ed.draft) }, t('views.save'))));
  if (toggle) document.getElementById(`toggle-${toggle}`)?.focus(); else filter.focus();
}

async function save(object, draft) {
  try {
    await invoke('save_views', { object, ids: draft });
    toast(t('views.saved', { object: objectLabel(object) }));
    await showType(object);
  } catch (e) { toast(e.message || String(e)); }
}

// Another language: the widget says it again (list views come from the core, notices
// included, in the new language). An open editor is left alone until its next step.
onLangChange(() => {
  showTypeLabel();
  if (editorBox.hidden && current) showType(current);
});
