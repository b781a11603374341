// The search box: forwards keystrokes, renders the core's `search` events, keyboard nav.
import { invoke, listen, el, toast } from './tauri.js';

const input = document.getElementById('search-input');
const list = document.getElementById('search-results');
const status = document.getElementById('search-status');
let shown = [];      // results on screen, in order
let active = -1;     // keyboard selection
let latestSeq = 0;   // newest keystroke the core acknowledged

function fieldsLine(r) {
  // every shown field except the one already used as the title
  let titleSkipped = false;
  return r.fields
    .filter(([, v]) => { if (!titleSkipped && v === r.title) { titleSkipped = true; return false; } return true; })
    .map(([, v]) => v ?? '—').join(' · ');
}

function fieldsOf(r) {
  // fields arrive as a JSON object in the spec's order
  return Object.entries(r.fields);
}

function render(results, instantIds) {
  list.replaceChildren();
  shown = results.map((r) => ({ ...r, fields: fieldsOf(r) }));
  active = shown.length ? 0 : -1;
  let group = null;
  shown.forEach((r, i) => {
    if (r.object !== group) {
      group = r.object;
      list.append(el('li', { class: 'group', role: 'presentation' }, group));
    }
    const isInstant = instantIds && instantIds.has(r.object + r.id);
    list.append(
      el('li', {
        id: `result-${i}`, role: 'option', class: 'result' + (isInstant ? ' instant' : ''),
        'aria-selected': i === active ? 'true' : 'false', 'data-object': r.object,
        onclick: () => open(i), onmousemove: () => select(i),
      },
        el('span', { class: `badge b-${r.object}`, 'aria-hidden': 'true' }, r.object.slice(0, 2)),
        el('div', {},
          el('div', { class: 'title' }, r.title || '(untitled)'),
          el('div', { class: 'meta' }, `${r.object} · ${fieldsLine(r)}`)))
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

async function open(i) {
  const r = shown[i];
  if (!r) return;
  const result = { ...r, fields: Object.fromEntries(r.fields) };
  try { await invoke('open_result', { result }); } catch (e) { toast(e.message || String(e)); }
}

function setStatus(text, isError = false) {
  status.textContent = text;
  status.classList.toggle('error', isError);
}

listen('search', (ev) => {
  if (ev.seq < latestSeq) return; // an older keystroke's answer: never shown
  latestSeq = ev.seq;
  switch (ev.phase) {
    case 'idle':
      render([]);
      setStatus(ev.message || 'Type at least 2 characters to search Salesforce.');
      break;
    case 'instant':
      render(ev.results, new Set(ev.results.map((r) => r.object + r.id)));
      setStatus(`Searching Salesforce for “${ev.text}”…`);
      break;
    case 'results': {
      const n = ev.outcome.results.length;
      render(ev.outcome.results);
      let msg = n ? `${n} result${n === 1 ? '' : 's'} for “${ev.text}”` : `No Salesforce results for “${ev.text}”.`;
      if (ev.outcome.not_searchable.length) msg += ` (${ev.outcome.not_searchable.join(', ')} cannot be searched in this org.)`;
      setStatus(msg);
      break;
    }
    case 'failed':
      render(ev.instant);
      setStatus(ev.message, true);
      break;
  }
});

input.addEventListener('input', async () => {
  try {
    const seq = await invoke('search_input', { text: input.value });
    if (seq > latestSeq) latestSeq = seq;
  } catch (e) {
    render([]);
    setStatus(e.message || String(e), true);
  }
});

input.addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown') { e.preventDefault(); if (shown.length) select((active + 1) % shown.length); }
  else if (e.key === 'ArrowUp') { e.preventDefault(); if (shown.length) select((active - 1 + shown.length) % shown.length); }
  else if (e.key === 'Enter') { e.preventDefault(); open(active); }
  else if (e.key === 'Escape') { input.value = ''; input.dispatchEvent(new Event('input')); }
});

function focusSearch() {
  document.getElementById('settings').hidden = true;
  document.getElementById('home').hidden = false;
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

export function resetSearch(message) {
  input.value = '';
  render([]);
  setStatus(message || 'Type at least 2 characters to search Salesforce.');
}
