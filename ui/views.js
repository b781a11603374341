// The My CRM Views widget: object type dropdown, enabled list views with records, and
// the editor (Edit → find the type → pencil → toggle → Save). The core decides what may
// be toggled; this only shows it.
import { invoke, el, toast } from './tauri.js';
import { t, tn, objectLabel, maxEnabled, onLangChange, getLang } from './i18n.js';

// A page of records fits the widget's height (5..=50 rows, decided when a type is shown and
// again when the window is resized); the core asks Salesforce for that many.
const PAGE_MIN = 5;
const PAGE_MAX = 50;
let pageSize = 10;
const typeButton = document.getElementById('views-type-button');
const typeLabel = document.getElementById('views-type-label');
const menu = document.getElementById('views-type-menu');
const status = document.getElementById('views-status');
const notices = document.getElementById('views-notices');
const content = document.getElementById('views-content');
const editorBox = document.getElementById('views-editor');
// Said while the object types on screen are older than a day (being asked again, or not
// answerable now).
const asOfNote = el('p', { id: 'views-as-of', class: 'as-of', role: 'status', 'aria-live': 'polite' });
notices.before(asOfNote);
let types = [];
let current = null;

// The quick filter: display only, over the rows of the pages loaded (no request, no rule).
const quickBox = el('div', { class: 'views-quick', hidden: true });
const quick = el('input', { type: 'search', id: 'views-quick-filter', autocomplete: 'off', spellcheck: 'false' });
const quickNote = el('span', { id: 'views-quick-note', class: 'quick-note', role: 'status', 'aria-live': 'polite' });
quickBox.append(quick, quickNote);
content.before(quickBox);
quick.addEventListener('input', () => applyQuickFilter());
function sayQuickFilter() {
  quick.placeholder = t('views.quickFilter');
  quick.setAttribute('aria-label', t('views.quickFilter'));
}
sayQuickFilter();

const fold = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

function applyQuickFilter() {
  const q = fold(quick.value.trim());
  let shown = 0;
  let all = 0;
  for (const section of content.querySelectorAll('section.view-section')) {
    const rows = [...section.querySelectorAll('tbody tr')];
    let here = 0;
    for (const tr of rows) {
      const match = !q || fold(tr.textContent).includes(q);
      tr.hidden = !match;
      if (match) here += 1;
    }
    shown += here;
    all += rows.length;
    section.querySelector('.quick-empty')?.remove();
    const frame = section.querySelector('.table-frame');
    // no row left: no empty table to scroll, the reason instead
    if (frame) frame.hidden = !!(q && rows.length && !here);
    if (q && rows.length && !here) frame?.after(el('p', { class: 'empty quick-empty' }, t('views.quickNone', { text: quick.value.trim() })));
    else if (frame) markScroll(frame);
  }
  quickNote.textContent = q ? t('views.quickCount', { shown, all }) : '';
}

// Rows that fit the height left to the widget, shared between its enabled list views.
function fitPageSize(sections) {
  const n = Math.max(1, sections);
  const row = content.querySelector('tbody tr:not([hidden]):not(:focus)')?.getBoundingClientRect().height || 27;
  const bar = document.querySelector('.topbar')?.getBoundingClientRect().height || 56;
  // Not on screen (Settings shown while the widget loads): where it stands in two columns.
  const top = content.offsetParent === null ? bar + 100 : content.getBoundingClientRect().top + window.scrollY;
  // One column (the widget below the search panel): a window's height under the top bar.
  const room = top < window.innerHeight * 0.6 ? window.innerHeight - top : window.innerHeight - bar - 60;
  const chrome = 34 + 30 + 44 + 12; // heading, column headers, pager, scrollbar
  const rows = Math.floor((room - 30 - n * chrome) / n / row);
  return Math.min(PAGE_MAX, Math.max(PAGE_MIN, rows));
}

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

// A widget that failed for want of a network loads again by itself when it comes back.
let retryWhenOnline = false;
window.addEventListener('online', () => {
  if (retryWhenOnline) {
    retryWhenOnline = false;
    loadViews();
  }
});

export async function loadViews() {
  editorBox.hidden = true;
  quickBox.hidden = true;
  content.hidden = false; // an editor left open (the card changed under it) hid it
  content.replaceChildren();
  showNotices([]);
  setStatus(t('views.loading'));
  asOfNote.textContent = '';
  staleTypes = null;
  let shown = null;
  let answer;
  try {
    answer = await invoke('view_types');
    ({ types, shown } = answer);
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
    } else if (e.kind !== 'not_available') {
      // The whole widget failed (offline, a time-out, a server error): try again on request,
      // and by itself when the network comes back.
      content.replaceChildren(el('button', { id: 'views-retry', class: 'secondary retry', type: 'button', onclick: () => loadViews() }, t('views.retry')));
      retryWhenOnline = e.kind === 'offline';
    }
    return;
  }
  typeButton.hidden = !types.length;
  // Types learnt over a day ago are shown at once, saying how old they are, and asked again.
  if (answer.refresh) refreshTypes(answer.as_of);
  if (!types.length) { setStatus(t('views.noTypes')); return; }
  // The type on screen, else the one shown last time (the core remembers it), else the first.
  const start = [current, shown].find((o) => o && types.includes(o)) ?? types[0];
  await showType(start);
}

// The types as Salesforce says them now, in place of older ones shown meanwhile; if it cannot
// say, the older ones stay, with their age.
let staleTypes = null; // when the types on screen were learnt, while they are past their day
let refreshing = false;
async function refreshTypes(asOf) {
  if (refreshing) return;
  staleTypes = asOf;
  refreshing = true;
  const when = new Date(asOf * 1000).toLocaleString(getLang(), { dateStyle: 'medium', timeStyle: 'short' });
  asOfNote.textContent = t('views.typesAsOf', { time: when });
  let fresh;
  try {
    fresh = await invoke('refresh_view_types');
  } catch (e) {
    asOfNote.textContent = `${t('views.typesAsOf', { time: when })} ${e.message || String(e)}`;
    return;
  } finally {
    refreshing = false;
  }
  staleTypes = null;
  asOfNote.textContent = '';
  if (fresh.join() === types.join()) return;
  types = fresh;
  typeButton.hidden = !types.length;
  if (!menu.hidden) openMenu();
  if (!types.length) {
    current = null;
    showTypeLabel();
    content.replaceChildren();
    setStatus(t('views.noTypes'));
  } else if (!types.includes(current)) {
    setStatus('');
    showType(types[0]);
  }
}

async function showType(object) {
  current = object;
  showTypeLabel();
  editorBox.hidden = true;
  content.hidden = false;
  content.replaceChildren(); // never another type's list views under this label
  quickBox.hidden = true;
  setStatus(t('views.loadingType', { object: objectLabel(object) }));
  let views;
  try {
    views = await invoke('object_views', { object });
  } catch (e) {
    if (current === object) {
      setStatus(e.message || String(e), true);
      content.replaceChildren(el('button', { id: 'views-retry', class: 'secondary retry', type: 'button', onclick: () => showType(object) }, t('views.retry')));
    }
    return;
  }
  if (current !== object) return; // the user switched type meanwhile
  // Salesforce answers again: the types it could not refresh before are asked once more.
  if (staleTypes !== null) refreshTypes(staleTypes);
  showNotices(views.notices);
  setStatus('');
  content.replaceChildren();
  if (quickBox.dataset.object !== object) quick.value = '';
  quickBox.dataset.object = object;
  const enabled = views.offered.filter((o) => o.enabled);
  quickBox.hidden = !enabled.length;
  pageSize = fitPageSize(enabled.length);
  for (const v of enabled) {
    const section = el('section', { class: 'view-section', 'data-view': v.id });
    content.append(section);
    loadRecords(section, object, v, 0);
  }
}

// Another height: the pages follow (each from the first record it showed).
let resizeTimer = null;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    const sections = [...content.querySelectorAll('section.view-section')];
    if (content.hidden || !sections.length || !current) return;
    const next = fitPageSize(sections.length);
    if (next === pageSize) return;
    pageSize = next;
    for (const s of sections) if (s.view) loadRecords(s, current, s.view, Math.floor((s.offset || 0) / pageSize) * pageSize);
  }, 250);
});

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

// Column widths decided once per list view from its columns' types and labels and its first
// page, so that they stay put from page to page (the table's layout is fixed).
const widths = new Map();
const CHAR_PX = 7.2;
const PAD_PX = 14;
function columnWidths(key, page) {
  const sig = page.columns.map((c) => c.field).join(',');
  const known = widths.get(key);
  if (known && known.sig === sig) return known.px;
  const px = page.columns.map((c, i) => {
    const label = c.label.length * (CHAR_PX + 0.6) + PAD_PX + (c.sortable ? 14 : 0); // headers are bold; room for the sort mark
    let body;
    if (NUMERIC.has(c.kind)) body = 12 * CHAR_PX;
    else if (c.kind === 'date') body = 12 * CHAR_PX;
    else if (c.kind === 'datetime') body = 18 * CHAR_PX;
    else if (c.kind === 'boolean') body = 5 * CHAR_PX;
    else {
      // most of the first page's values whole (the longest ones are cut, with an ellipsis)
      const lengths = page.rows.map((r) => String(formatCell(r.cells[i], c.kind) || '').length).sort((a, b) => a - b);
      const typical = lengths.length ? lengths[Math.floor((lengths.length - 1) * 0.8)] : 8;
      // the first column names the record: it gets room for most names whole
      body = Math.min(26, Math.max(i === 0 ? 18 : 6, typical)) * CHAR_PX;
    }
    return Math.round(Math.min(260, Math.max(label > 150 ? 150 : label, body + PAD_PX, 64)));
  });
  widths.set(key, { sig, px });
  return px;
}

// A sign that the table goes on sideways: a fading edge on the side there is more.
function markScroll(frame) {
  const wrap = frame.querySelector('.table-wrap');
  if (!wrap) return;
  const more = wrap.scrollWidth - wrap.clientWidth;
  frame.classList.toggle('more-left', more > 1 && wrap.scrollLeft > 1);
  frame.classList.toggle('more-right', more > 1 && wrap.scrollLeft < more - 1);
}
const frames = new ResizeObserver((entries) => entries.forEach((e) => markScroll(e.target)));

function openRow(row) {
  if (row.url) invoke('open_url', { url: row.url }).catch((e) => toast(e.message));
}

// A page of a list view's records, in the list view's own order or sorted by a column on
// request (`sort`: {field, direction}; the core asks Salesforce once per sort and says which
// columns can be sorted). The sort shown stays with the section across pages.
async function loadRecords(section, object, view, offset, sort = section.sort) {
  const size = pageSize;
  section.view = view;
  section.querySelector('.status.error')?.remove();
  if (section.querySelector('.table-wrap')) {
    // Another page: the one shown stays until the next one is there (no collapse, no jump).
    section.setAttribute('aria-busy', 'true');
    section.querySelectorAll('.pager button, th button').forEach((b) => { b.disabled = true; });
  } else {
    // The heading keeps its place while the records load (no jump when they arrive).
    section.replaceChildren(el('h3', {}, view.label, el('span', { class: 'count' }, '…')), el('div', { class: 'table-placeholder', 'aria-hidden': 'true' }));
  }
  let page;
  try {
    page = await invoke('view_records', { object, id: view.id, limit: size, offset, sort: sort || null });
  } catch (e) {
    // What was shown stays; the error says why, with a way to try that page again.
    section.removeAttribute('aria-busy');
    section.querySelector('.table-placeholder')?.remove();
    section.querySelectorAll('.pager button, th button').forEach((b) => { b.disabled = false; });
    section.append(el('p', { class: 'status error', role: 'alert' }, e.message || String(e), ' ',
      el('button', { class: 'secondary retry', type: 'button', onclick: () => loadRecords(section, object, view, offset, sort) }, t('views.retry'))));
    return;
  }
  section.removeAttribute('aria-busy');
  // The sort and page now shown: Next, Previous and a new height keep them.
  section.sort = sort || null;
  section.offset = offset;
  // "1,500 records · 11–20" once there is more than one page.
  const range = page.total > page.rows.length && page.rows.length
    ? ` · ${t('views.range', { from: (offset + 1).toLocaleString(getLang()), to: (offset + page.rows.length).toLocaleString(getLang()) })}`
    : '';
  const old = section.querySelector('.table-frame');
  if (old) frames.unobserve(old);
  section.replaceChildren(el('h3', {}, view.label, el('span', { class: 'count' }, tn('views.records', page.total) + range)));
  if (!page.rows.length) { section.append(el('p', { class: 'empty' }, t('views.empty'))); return; }
  const px = columnWidths(`${object}/${view.id}`, page);
  const colgroup = el('colgroup', {}, px.map(() => el('col')));
  // Through the CSSOM: the page's CSP allows no style attribute.
  [...colgroup.children].forEach((col, i) => { col.style.width = `${px[i]}px`; });
  const table = el('table', {},
    colgroup,
    // The column the records are sorted by, as the core says it (the list view's own order, or
    // the one asked); a header the core calls sortable is a button that sorts by it, then
    // reverses.
    el('thead', {}, el('tr', {}, page.columns.map((c) => el('th', { scope: 'col', title: c.label, class: NUMERIC.has(c.kind) ? 'num' : undefined, 'aria-sort': c.sort || undefined },
      c.sortable
        ? el('button', { type: 'button', class: 'sort', 'data-sort': c.field, title: t('views.sortBy', { column: c.label }),
          onclick: () => {
            section.sortFocus = c.field;
            loadRecords(section, object, view, 0, { field: c.field, direction: c.sort === 'ascending' ? 'descending' : 'ascending' });
          } },
          el('span', { class: 'sort-label' }, c.label), el('span', { class: 'sort-mark', 'aria-hidden': 'true' }))
        : [el('span', { class: 'sort-label' }, c.label), el('span', { class: 'sort-mark', 'aria-hidden': 'true' })])))),
    el('tbody', {}, page.rows.map((row) => el('tr', {
      tabindex: '0',
      onclick: () => openRow(row),
      onkeydown: (e) => { if (e.key === 'Enter') openRow(row); },
    }, row.cells.map((c, i) => {
      const text = formatCell(c, page.columns[i]?.kind);
      // the full value on hover; the focused row shows its values whole
      return el('td', { class: NUMERIC.has(page.columns[i]?.kind) ? 'num' : undefined, title: text || undefined }, text);
    })))));
  table.style.minWidth = `${px.reduce((a, b) => a + b, 0)}px`;
  const wrap = el('div', { class: 'table-wrap', onscroll: () => markScroll(frame) }, table);
  const frame = el('div', { class: 'table-frame' }, wrap);
  section.append(frame);
  frames.observe(frame);
  markScroll(frame);
  // The pages around this one as the core says them; past the last page Salesforce gives, the
  // list view in Salesforce.
  const { previous, next, beyond } = page.paging || {};
  const pager = el('div', { class: 'pager' });
  if (previous != null) pager.append(el('button', { class: 'secondary', type: 'button', onclick: () => loadRecords(section, object, view, previous) }, t('views.previous')));
  if (next != null) pager.append(el('button', { class: 'secondary', type: 'button', onclick: () => loadRecords(section, object, view, next) }, t('views.next')));
  if (beyond) {
    pager.append(el('span', { class: 'beyond' }, t('views.beyond', { limit: beyond.limit.toLocaleString(getLang()) }), ' ',
      el('button', { class: 'secondary beyond-open', type: 'button', onclick: () => invoke('open_url', { url: beyond.url }).catch((e) => toast(e.message)) }, t('views.beyondOpen'))));
  }
  section.append(pager);
  applyQuickFilter();
  // The header clicked (or sorted with Enter or Space) keeps the focus.
  if (section.sortFocus) section.querySelector(`th button[data-sort="${CSS.escape(section.sortFocus)}"]`)?.focus();
  section.sortFocus = null;
}

// ----- editor -----

// Escape in the editor is its Cancel (or Done): nothing saved, the widget back as it was.
editorBox.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape' || editorBox.hidden || !current) return;
  e.preventDefault();
  e.stopPropagation();
  showType(current);
  typeButton.focus();
});

function openEditor() {
  if (!types.length) return;
  content.hidden = true;
  quickBox.hidden = true;
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
  // The widget's header names the type being edited (Cancel and Save come back to it).
  current = object;
  showTypeLabel();
  quickBox.hidden = true;
  // A toggle redraws the editor: the filter and the list's scroll stay as they were.
  const before = toggle ? document.getElementById('views-list') : null;
  const keptScroll = before ? before.scrollTop : 0;
  const keptFilter = toggle ? document.getElementById('views-filter')?.value || '' : '';
  const filter = el('input', { type: 'search', id: 'views-filter', placeholder: t('views.filter', { object: objectLabel(object) }), 'aria-label': t('views.filter', { object: objectLabel(object) }) });
  filter.value = keptFilter;
  const list = el('ul', { id: 'views-list' });
  const draw = () => {
    const q = filter.value.trim().toLowerCase();
    list.replaceChildren(...ed.views.filter((v) => v.label.toLowerCase().includes(q)).map((v) => {
      const id = `toggle-${v.id}`;
      // Why a switch is locked: in its row for screen readers and on hover, said once below
      // the list for everyone, so that no row grows or shrinks when a toggle locks others.
      return el('li', { 'data-view': v.id },
        el('label', { for: id, title: v.locked || undefined }, v.label,
          v.locked ? el('span', { class: 'locked visually-hidden' }, v.locked) : null),
        el('input', { type: 'checkbox', id, role: 'switch', checked: v.enabled, disabled: !!v.locked,
          onchange: () => editType(object, ed.draft, v.id) }));
    }));
  };
  filter.addEventListener('input', draw);
  draw();
  const header = [el('h3', {}, t('views.choose', { object: objectLabel(object), max: maxEnabled() }))];
  const info = ed.total > ed.views.length ? el('p', { class: 'help' }, t('views.offered', { total: ed.total, shown: ed.views.length })) : null;
  const refused = ed.refused ? el('p', { class: 'status error', role: 'alert' }, ed.refused) : null;
  // The hint's room is kept whether or not it says something (the core locks a switch either
  // because it is the last one on, or because the limit is reached).
  const reason = (ed.views.find((v) => v.locked && !v.enabled) || ed.views.find((v) => v.locked))?.locked || '';
  const lockHint = el('p', { class: 'help lock-hint', id: 'views-lock-hint' }, reason);
  // What a toggle changes is said below the list, so that the rows never move under the mouse.
  editorBox.replaceChildren(...[...header, info, filter, list, lockHint, refused].filter(Boolean),
    el('div', { class: 'actions' },
      el('button', { class: 'secondary', type: 'button', id: 'views-cancel', onclick: () => showType(current) }, t('views.cancel')),
      el('button', { class: 'primary', type: 'button', id: 'views-save', onclick: () => save(object, ed.draft) }, t('views.save'))));
  list.scrollTop = keptScroll;
  if (toggle) document.getElementById(`toggle-${toggle}`)?.focus({ preventScroll: true }); else filter.focus();
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
  sayQuickFilter();
  if (editorBox.hidden && current) showType(current);
});
