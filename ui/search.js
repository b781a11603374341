// The search box: forwards keystrokes, renders the core's `search` events, keyboard nav.
import { invoke, listen, el, toast } from './tauri.js';
import { t, tn, objectLabel, fieldLabel, minTermChars, onLangChange } from './i18n.js';

const input = document.getElementById('search-input');
const list = document.getElementById('search-results');
const status = document.getElementById('search-status');
const progress = document.getElementById('search-progress');
const actions = document.getElementById('search-actions');
let shown = [];      // results on screen, in order
let active = -1;     // keyboard selection
let latestSeq = 0;   // newest keystroke the core acknowledged
let shownEvent = null; // what the status line says, to say it again in another language

let lastResults = [];
let lastInstant = null;

// Options are grouped by object type: listbox > group (labelled by its object type) > option.
function render(results, instantIds) {
  lastResults = results;
  lastInstant = instantIds;
  const keep = active >= 0 && shown[active] ? shown[active].object + shown[active].id : null;
  list.replaceChildren();
  shown = results;
  active = shown.length ? Math.max(0, shown.findIndex((r) => r.object + r.id === keep)) : -1;
  let options = null;
  shown.forEach((r, i) => {
    if (!options || r.object !== options.dataset.object) {
      const label = objectLabel(r.object, true);
      options = el('ul', { role: 'none', 'data-object': r.object });
      // An <li> may not be a group in ARIA: the list item is presentational, the group a <div>.
      list.append(el('li', { role: 'none' },
        el('div', { class: 'group', role: 'group', 'aria-label': label },
          el('div', { class: 'group-label', 'aria-hidden': 'true' }, label), options)));
    }
    const isInstant = instantIds && instantIds.has(r.object + r.id);
    // What to show of a record (headline, other fields in order) comes decided from the core.
    const fields = r.details;
    const title = r.headline || t('search.untitled');
    options.append(
      el('li', {
        id: `result-${i}`, role: 'option', class: 'result' + (isInstant ? ' instant' : ''),
        'aria-selected': i === active ? 'true' : 'false', 'data-object': r.object,
        title: fields.map((f) => `${fieldLabel(f.field)}${t('colon')}${f.value ?? '—'}`).join('\n'),
        onclick: () => open(i), onmousemove: () => select(i),
        oncontextmenu: (e) => { e.preventDefault(); select(i); showResultActions(i, e.clientX, e.clientY); },
      },
        el('span', { class: `badge b-${r.object}`, 'aria-hidden': 'true' }, r.object.slice(0, 2)),
        el('div', { class: 'text' },
          el('div', { class: 'title' }, title, isInstant ? el('span', { class: 'recent' }, ` · ${t('search.recent')}`) : null),
          // each value is preceded by its field's label for screen readers
          el('div', { class: 'meta' }, objectLabel(r.object),
            fields.flatMap((f) => [' · ', el('span', { class: 'visually-hidden' }, `${fieldLabel(f.field)}${t('colon')}`), f.value ?? '—']))))
    );
  });
  input.setAttribute('aria-expanded', shown.length ? 'true' : 'false');
  updateActive();
}

function select(i) {
  active = i;
  updateActive();
}

function updateActive() {
  list.querySelectorAll('.result').forEach((li) => {
    li.setAttribute('aria-selected', li.id === `result-${active}` ? 'true' : 'false');
  });
  if (active >= 0) {
    input.setAttribute('aria-activedescendant', `result-${active}`);
    document.getElementById(`result-${active}`)?.scrollIntoView({ block: 'nearest' });
  } else input.removeAttribute('aria-activedescendant');
}

// ----- actions on a result: right click, or Ctrl+. (Cmd+. on macOS) on the selected one -----

const actionsMenu = el('ul', { id: 'result-actions', class: 'menu result-actions', role: 'menu', hidden: true });
document.body.append(actionsMenu);

function closeResultActions() {
  if (actionsMenu.hidden) return;
  actionsMenu.hidden = true;
  input.focus();
}

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Older engines: a selection copied the classic way.
    const area = el('textarea', { class: 'visually-hidden' });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  toast(t('search.copied'));
}

function showResultActions(i, x, y) {
  const r = shown[i];
  if (!r) return;
  const item = (id, label, act) => el('li', { role: 'none' },
    el('button', { id, role: 'menuitem', type: 'button', tabindex: '-1', onclick: () => { closeResultActions(); act(); } }, label));
  actionsMenu.replaceChildren(
    item('action-open', t('search.action.open'), () => open(i)),
    item('action-copy-link', t('search.action.copyLink'), () => copy(r.url)),
    item('action-copy-id', t('search.action.copyId'), () => copy(r.id)),
  );
  actionsMenu.setAttribute('aria-label', t('search.action.menu', { title: r.headline }));
  actionsMenu.hidden = false;
  // Inside the window, next to the pointer or under the result.
  const box = actionsMenu.getBoundingClientRect();
  actionsMenu.style.left = `${Math.max(4, Math.min(x, window.innerWidth - box.width - 4))}px`;
  actionsMenu.style.top = `${Math.max(4, Math.min(y, window.innerHeight - box.height - 4))}px`;
  actionsMenu.querySelector('button').focus();
}

actionsMenu.addEventListener('keydown', (e) => {
  const items = [...actionsMenu.querySelectorAll('button')];
  const at = items.indexOf(document.activeElement);
  if (e.key === 'ArrowDown') { e.preventDefault(); items[(at + 1) % items.length].focus(); }
  if (e.key === 'ArrowUp') { e.preventDefault(); items[(at - 1 + items.length) % items.length].focus(); }
  if (e.key === 'Escape' || e.key === 'Tab') { e.preventDefault(); e.stopPropagation(); closeResultActions(); }
});
document.addEventListener('mousedown', (e) => {
  if (!actionsMenu.hidden && !actionsMenu.contains(e.target)) actionsMenu.hidden = true;
});

async function open(i) {
  const r = shown[i];
  if (!r) return;
  const result = { object: r.object, id: r.id, title: r.title, fields: r.fields, url: r.url };
  try { await invoke('open_result', { result }); } catch (e) { toast(e.message || String(e)); }
}

function setStatus(text, isError = false) {
  status.textContent = text;
  status.classList.toggle('error', isError);
}

let notedUnseen = JSON.stringify([[], []]);
let noteEvent = null;

// The status line for an event (or a fixed text); said again when the language changes.
function statusFor(ev) {
  switch (ev.phase) {
    case 'idle': return [ev.message || t('search.hint', { min: minTermChars() }), false];
    case 'instant': return [t('search.searching', { text: ev.text }), false];
    case 'results': {
      const n = ev.outcome.results.length;
      let msg = n ? tn('search.count', n, { text: ev.text }) : t('search.none', { text: ev.text });
      // What this Salesforce user cannot see is a quiet note, said with the first answer that
      // learns it (and again when the language changes), not at every keystroke.
      const unseen = JSON.stringify([ev.outcome.not_searchable, ev.outcome.hidden_fields]);
      if (unseen !== notedUnseen || ev === noteEvent) {
        notedUnseen = unseen;
        noteEvent = ev;
        if (ev.outcome.not_searchable.length) msg += t('search.notSearchable', { objects: ev.outcome.not_searchable.map((o) => objectLabel(o, true)).join(', ') });
        if (ev.outcome.hidden_fields.length) msg += t('search.hiddenFields', { fields: ev.outcome.hidden_fields.map((h) => `${objectLabel(h.object)} ${fieldLabel(h.field)}`).join(', ') });
      }
      return [msg, false];
    }
    case 'failed': return [ev.message, true];
    case 'text': return [ev.text || t('search.hint', { min: minTermChars() }), false];
    default: return ['', false];
  }
}

function showStatus(ev) {
  shownEvent = ev;
  setStatus(...statusFor(ev));
}

// A search in flight: a progress bar once it takes more than 150 ms (no layout jump: it sits
// over the panel's edge), "still waiting" with Cancel after a few seconds. The core gives up
// at its own time-out and says so.
const SHOW_PROGRESS_MS = 150;
const STILL_WAITING_MS = 3000;
let waiting = null; // { seq, text, timers }

function stopWaiting() {
  if (!waiting) return;
  waiting.timers.forEach(clearTimeout);
  waiting = null;
  progress.hidden = true;
}

function startWaiting(seq, text) {
  stopWaiting();
  const timers = [
    setTimeout(() => { if (waiting?.seq === seq) progress.hidden = false; }, SHOW_PROGRESS_MS),
    setTimeout(() => {
      if (waiting?.seq !== seq) return;
      setStatus(t('search.stillWaiting', { text }));
      showAction(t('search.cancel'), 'search-cancel', () => {
        // Stop waiting for it: its answer, if it comes, is not shown.
        latestSeq = seq + 1;
        stopWaiting();
        setStatus(t('search.cancelled', { text }));
        showAction(t('search.retry'), 'search-retry', retry);
      });
    }, STILL_WAITING_MS),
  ];
  waiting = { seq, text, timers };
}

function showAction(label, id, onclick) {
  actions.replaceChildren(el('button', { id, type: 'button', class: 'secondary', onclick }, label));
  actions.hidden = false;
}

function hideActions() {
  actions.hidden = true;
  actions.replaceChildren();
}

// Search the box's text again (a Retry, or the network coming back).
function retry() {
  hideActions();
  if (input.value.trim()) input.dispatchEvent(new Event('input'));
}

// A search that failed for want of a network is tried again by itself when it comes back
// (it cost no API call: nothing reached Salesforce).
let failedOffline = false;
window.addEventListener('online', () => {
  if (failedOffline) {
    failedOffline = false;
    retry();
  }
});

// Enter typed before anything was shown: the best result opens as soon as Salesforce answers
// (or the status says why nothing opened).
let openWhenKnown = false;

listen('search', (ev) => {
  if (ev.seq < latestSeq) return; // an older keystroke's answer: never shown
  latestSeq = ev.seq;
  hideActions();
  switch (ev.phase) {
    case 'idle': stopWaiting(); render([]); break;
    case 'instant': render(ev.results, new Set(ev.results.map((r) => r.object + r.id))); startWaiting(ev.seq, ev.text); break;
    case 'results': stopWaiting(); render(ev.outcome.results); break;
    case 'failed': stopWaiting(); render(ev.instant); break;
  }
  showStatus(ev);
  if (ev.phase === 'failed') {
    failedOffline = ev.kind === 'offline';
    // What a try again may cure; a session to reconnect or a missing access is said, not retried.
    if (['offline', 'timeout', 'server_error', 'malformed_response', 'not_salesforce'].includes(ev.kind)) {
      showAction(t('search.retry'), 'search-retry', retry);
    }
  }
  if (openWhenKnown && ev.phase !== 'instant') {
    openWhenKnown = false;
    if (shown.length) open(0);
    else if (ev.phase === 'results') setStatus(t('search.nothingToOpen', { text: ev.text }));
  }
});

onLangChange(() => {
  render(lastResults, lastInstant);
  if (shownEvent) showStatus(shownEvent);
});

const home = document.getElementById('home');
const settingsShown = () => !document.getElementById('settings').hidden;

input.addEventListener('input', async () => {
  if (settingsShown()) return; // behind Settings: nothing is searched unseen
  openWhenKnown = false; // the text changed: an earlier Enter was for another search
  try {
    const seq = await invoke('search_input', { text: input.value });
    if (seq > latestSeq) latestSeq = seq;
  } catch (e) {
    render([]);
    shownEvent = null;
    setStatus(e.message || String(e), true);
  }
});

input.addEventListener('keydown', (e) => {
  if (settingsShown()) { e.preventDefault(); return; }
  if (e.key === '.' && (e.ctrlKey || e.metaKey) && active >= 0) {
    e.preventDefault();
    const li = document.getElementById(`result-${active}`);
    const box = li ? li.getBoundingClientRect() : { left: 20, bottom: 80 };
    showResultActions(active, box.left + 40, box.bottom);
    return;
  }
  if (e.key === 'ArrowDown') { e.preventDefault(); if (shown.length) select((active + 1) % shown.length); }
  else if (e.key === 'ArrowUp') { e.preventDefault(); if (shown.length) select((active - 1 + shown.length) % shown.length); }
  else if (e.key === 'Enter') {
    e.preventDefault();
    if (shown.length) open(active);
    else if (input.value.trim()) openWhenKnown = true;
  }
  else if (e.key === 'Escape') { input.value = ''; input.dispatchEvent(new Event('input')); }
});

function focusSearch() {
  document.getElementById('settings').hidden = true;
  home.hidden = false;
  home.inert = false;
  input.inert = false;
  input.focus();
  input.select();
}

document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
    e.preventDefault();
    focusSearch();
  }
});
// the system-wide shortcut, from anywhere on the desktop
listen('focus-search', focusSearch);

// The connection changed. The text in the box stays (it is the user's); the results go, and
// with a usable connection again the text is searched anew.
export function resetSearch(message) {
  render([]);
  if (message === undefined && input.value.trim()) input.dispatchEvent(new Event('input'));
  else showStatus({ phase: 'text', text: message });
}
