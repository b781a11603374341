// A search box and its results, as both the main window (search.js) and the quick-search
// palette (palette.js) show them: forwards keystrokes, renders the core's `search` events
// (addressed to this window alone), keyboard navigation, a group's More, See all results, the
// actions on a result (right click, Ctrl+.), pins. The page gives the elements by their ids:
// search-input, search-results, search-status, search-progress, search-actions.
import { invoke, listen, listenHere, el, toast } from './tauri.js';
import { t, tn, objectLabel, fieldLabel, minTermChars, morePerObject, onLangChange } from './i18n.js';

// The records pinned by this person, by object + id, for the mark and the Pin/Unpin action;
// told by the core to every window whenever they change.
const pinnedKeys = new Set();
const pinListeners = [];
export function setPinned(list) {
  pinnedKeys.clear();
  for (const r of list) pinnedKeys.add(r.object + r.id);
  for (const fn of pinListeners) fn(list);
}
listen('pins', setPinned);

// The record as the core takes it back (what it shows of it is its own).
const asRecord = (r) => ({ object: r.object, id: r.id, title: r.title, fields: r.fields, url: r.url });

/**
 * options:
 *   blocked()    true while the box must take no input (Settings over it)
 *   onOpened()   after a record or Salesforce's search page opened
 *   onEscape()   Escape in the box (default: empty it)
 *   onIdle(text) the box holds nothing to search: returns true if the page shows a list of
 *                its own then (the palette's pinned and recent records)
 *   onPins(list) the pinned records changed
 */
export function createSearchBox(options = {}) {
  const { blocked = () => false, onOpened = () => {}, onIdle = () => false } = options;
  if (options.onPins) pinListeners.push(options.onPins);
  const input = document.getElementById('search-input');
  const list = document.getElementById('search-results');
  const status = document.getElementById('search-status');
  const progress = document.getElementById('search-progress');
  const actions = document.getElementById('search-actions');
  let shown = [];      // results on screen, in order
  let entries = [];    // what the arrow keys walk, in order: results, a group's More, See all
  let active = -1;     // keyboard selection, in entries
  let latestSeq = 0;   // newest keystroke the core acknowledged
  let shownEvent = null; // what the status line says, to say it again in another language

  let lastResults = [];
  let lastInstant = null;
  let lastSections = null;
  // What Salesforce's answer offers beyond its records (none before it comes): the groups that
  // may have more, its own search page, and the keystroke it answers (a More asks for that one).
  let offers = null;   // { seq, more: [object], searchPage }
  const moreAsked = new Set(); // groups whose More is in flight

  const entryKey = (e) => (e.kind === 'result' ? `r:${shown[e.i].object}${shown[e.i].id}` : e.id);

  // Results grouped by object type, in the order the core ranked them.
  function byObject(results) {
    const groups = [];
    for (const r of results) {
      const last = groups[groups.length - 1];
      if (last && last.object === r.object) last.results.push(r);
      else groups.push({ object: r.object, label: objectLabel(r.object, true), results: [r] });
    }
    return groups;
  }

  // Options are grouped: listbox > group (labelled by its object type, or by the page's own
  // sections) > option. A group that may have more ends with its More; See all results in
  // Salesforce ends the list. `sections` ([{ id, label, results }]) replaces the grouping by type.
  function render(results, instantIds, nextOffers = offers, sections = null) {
    lastResults = results;
    lastInstant = instantIds;
    lastSections = sections;
    const before = entries[active];
    const keep = before ? entryKey(before) : null;
    const keepAt = active;
    list.replaceChildren();
    offers = nextOffers;
    const groups = sections
      ? sections.filter((s) => s.results.length).map((s) => ({ ...s, label: t(s.label) }))
      : byObject(results);
    shown = groups.flatMap((g) => g.results);
    entries = [];
    let i = 0;
    for (const g of groups) {
      const options = el('ul', { role: 'none', 'data-object': g.object ?? null, 'data-section': g.id ?? null });
      // An <li> may not be a group in ARIA: the list item is presentational, the group a <div>.
      list.append(el('li', { role: 'none' },
        el('div', { class: 'group', role: 'group', 'aria-label': g.label },
          el('div', { class: 'group-label', 'aria-hidden': 'true' }, g.label), options)));
      for (const r of g.results) options.append(option(r, i++, instantIds, g.id !== 'pinned'));
      if (g.object && offers?.more.includes(g.object)) options.append(moreOption(g.object));
    }
    if (offers?.searchPage) {
      entries.push({ kind: 'seeAll', id: 'see-all' });
      list.append(el('li', {
        id: 'see-all', role: 'option', class: 'see-all', 'aria-selected': 'false',
        onclick: openSearchPage, onmousemove: (e) => { if (pointerMoved(e)) select(entries.length - 1); },
      }, el('span', {}, t('search.seeAll')), el('span', { class: 'external', 'aria-hidden': 'true' }, ' ↗')));
    }
    // The keyboard's place stays: the same record or action; a More that answered hands it to
    // the first record it brought (now where the More was).
    const same = keep ? entries.findIndex((e) => entryKey(e) === keep) : -1;
    if (!entries.length) active = -1;
    else if (same >= 0) active = same;
    else if (before?.kind === 'more' && keepAt < entries.length) active = keepAt;
    else active = 0;
    input.setAttribute('aria-expanded', entries.length ? 'true' : 'false');
    updateActive();
  }

  // WebKit sends mousemove when the list changes under a pointer at rest: only a pointer that
  // really moved (since the last one seen) takes the keyboard's place from it.
  let lastPointer = null;
  function pointerMoved(e) {
    const moved = !!lastPointer && (lastPointer.x !== e.screenX || lastPointer.y !== e.screenY);
    lastPointer = { x: e.screenX, y: e.screenY };
    return moved;
  }

  function option(r, i, instantIds, markPinned = true) {
    entries.push({ kind: 'result', i, id: `result-${i}` });
    const isInstant = instantIds && instantIds.has(r.object + r.id);
    const isPinned = pinnedKeys.has(r.object + r.id);
    // What to show of a record (headline, other fields in order) comes decided from the core.
    const fields = r.details;
    const title = r.headline || t('search.untitled');
    const marks = [isPinned && markPinned ? t('search.pinnedMark') : null, isInstant ? t('search.recent') : null].filter(Boolean);
    return el('li', {
      id: `result-${i}`, role: 'option', class: 'result' + (isInstant ? ' instant' : '') + (isPinned ? ' pinned' : ''),
      'aria-selected': 'false', 'data-object': r.object,
      title: fields.map((f) => `${fieldLabel(f.field)}${t('colon')}${f.value ?? '—'}`).join('\n'),
      onclick: () => open(i), onmousemove: (e) => { if (pointerMoved(e)) select(entries.findIndex((x) => x.id === `result-${i}`)); },
      oncontextmenu: (e) => { e.preventDefault(); select(entries.findIndex((x) => x.id === `result-${i}`)); showResultActions(i, e.clientX, e.clientY); },
    },
      el('span', { class: `badge b-${r.object}`, 'aria-hidden': 'true' }, r.object.slice(0, 2)),
      el('div', { class: 'text' },
        el('div', { class: 'title' }, title, ...marks.map((m) => el('span', { class: 'recent' }, ` · ${m}`))),
        // each value is preceded by its field's label for screen readers
        el('div', { class: 'meta' }, objectLabel(r.object),
          fields.flatMap((f) => [' · ', el('span', { class: 'visually-hidden' }, `${fieldLabel(f.field)}${t('colon')}`), f.value ?? '—']))));
  }

  function moreOption(object) {
    const id = `more-${object}`;
    const asked = moreAsked.has(object);
    entries.push({ kind: 'more', object, id });
    return el('li', {
      id, role: 'option', class: 'more' + (asked ? ' loading' : ''), 'aria-selected': 'false',
      'aria-busy': asked ? 'true' : 'false', 'data-object': object,
      onclick: () => askMore(object), onmousemove: (e) => { if (pointerMoved(e)) select(entries.findIndex((x) => x.id === id)); },
    },
      el('span', { class: 'more-mark', 'aria-hidden': 'true' }, '+'),
      el('span', {}, t(asked ? 'search.moreLoading' : 'search.more', { objects: objectLabel(object, true) })),
      el('span', { class: 'visually-hidden' }, t('search.moreUpTo', { max: morePerObject() })));
  }

  const again = () => render(lastResults, lastInstant, offers, lastSections);

  function select(i) {
    if (i < 0) return;
    active = i;
    updateActive();
  }

  function updateActive() {
    const id = entries[active]?.id;
    list.querySelectorAll('[role=option]').forEach((li) => {
      li.setAttribute('aria-selected', li.id === id ? 'true' : 'false');
    });
    if (id) {
      input.setAttribute('aria-activedescendant', id);
      document.getElementById(id)?.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  // ----- beyond the first answer: a group's More, Salesforce's own search page -----

  // One SOSL request for the group's type alone; its answer comes as this keystroke's results
  // with the group grown (or dropped, if a newer keystroke came meanwhile).
  async function askMore(object) {
    if (!offers || moreAsked.has(object)) return;
    moreAsked.add(object);
    again();
    let asked = false;
    try { asked = await invoke('search_more', { seq: offers.seq, object }); } catch (e) { toast(e.message || String(e)); }
    if (!asked && moreAsked.delete(object)) again();
  }

  async function openSearchPage() {
    if (!offers?.searchPage) return;
    try {
      await invoke('open_url', { url: offers.searchPage });
      onOpened();
    } catch (e) { toast(e.message || String(e)); }
  }

  // Enter (or a click) on whatever the keyboard is on.
  function activate() {
    const entry = entries[active];
    if (!entry) return;
    if (entry.kind === 'result') open(entry.i);
    else if (entry.kind === 'more') askMore(entry.object);
    else openSearchPage();
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

  async function togglePin(r) {
    const pin = !pinnedKeys.has(r.object + r.id);
    try {
      setPinned(await invoke('set_pinned', { result: asRecord(r), pinned: pin }));
      toast(t(pin ? 'search.pinDone' : 'search.unpinDone', { title: r.headline || t('search.untitled') }));
    } catch (e) { toast(e.message || String(e)); }
  }

  function showResultActions(i, x, y) {
    const r = shown[i];
    if (!r) return;
    const item = (id, label, act) => el('li', { role: 'none' },
      el('button', { id, role: 'menuitem', type: 'button', tabindex: '-1', onclick: () => { closeResultActions(); act(); } }, label));
    const pinned = pinnedKeys.has(r.object + r.id);
    actionsMenu.replaceChildren(
      item('action-open', t('search.action.open'), () => open(i)),
      item('action-copy-link', t('search.action.copyLink'), () => copy(r.url)),
      item('action-copy-id', t('search.action.copyId'), () => copy(r.id)),
      item('action-pin', t(pinned ? 'search.action.unpin' : 'search.action.pin'), () => togglePin(r)),
      ...(offers?.searchPage ? [item('action-see-all', t('search.seeAll'), openSearchPage)] : []),
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
    try {
      await invoke('open_result', { result: asRecord(r) });
      onOpened();
    } catch (e) { toast(e.message || String(e)); }
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
      case 'failed': case 'more_failed': return [ev.message, true];
      case 'text': return [ev.text || t('search.hint', { min: minTermChars() }), false];
      case 'key': return [t(ev.key), false];
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

  listenHere('search', (ev) => {
    if (ev.seq < latestSeq) return; // an older keystroke's answer: never shown
    if (ev.seq > latestSeq || offers?.seq !== ev.seq) moreAsked.clear(); // another keystroke's groups
    latestSeq = ev.seq;
    hideActions();
    switch (ev.phase) {
      case 'idle':
        stopWaiting();
        if (!ev.message && onIdle(ev.text)) return;
        render([], null, null);
        break;
      case 'instant': render(ev.results, new Set(ev.results.map((r) => r.object + r.id)), null); startWaiting(ev.seq, ev.text); break;
      case 'results': {
        stopWaiting();
        for (const object of [...moreAsked]) if (!ev.outcome.more.includes(object)) moreAsked.delete(object);
        render(ev.outcome.results, null, { seq: ev.seq, more: ev.outcome.more, searchPage: ev.outcome.search_page });
        break;
      }
      case 'failed': stopWaiting(); render(ev.instant, null, null); break;
      case 'more_failed': moreAsked.delete(ev.object); again(); break;
    }
    showStatus(ev);
    if (ev.phase === 'failed') {
      failedOffline = ev.kind === 'offline';
      // What a try again may cure; a session to reconnect or a missing access is said, not retried.
      if (['offline', 'timeout', 'server_error', 'malformed_response', 'not_salesforce'].includes(ev.kind)) {
        showAction(t('search.retry'), 'search-retry', retry);
      }
    }
    if (openWhenKnown && ev.phase !== 'instant' && ev.phase !== 'more_failed') {
      openWhenKnown = false;
      if (shown.length) open(0);
      else if (ev.phase === 'results') setStatus(t('search.nothingToOpen', { text: ev.text }));
    }
  });

  onLangChange(() => {
    again();
    if (shownEvent) showStatus(shownEvent);
  });
  // A pin's mark and its menu entry follow the pins.
  pinListeners.push(() => again());

  input.addEventListener('input', async () => {
    if (blocked()) return; // behind Settings: nothing is searched unseen
    openWhenKnown = false; // the text changed: an earlier Enter was for another search
    try {
      const seq = await invoke('search_input', { text: input.value });
      if (seq > latestSeq) latestSeq = seq;
    } catch (e) {
      render([], null, null);
      shownEvent = null;
      setStatus(e.message || String(e), true);
    }
  });

  input.addEventListener('keydown', (e) => {
    if (blocked()) { e.preventDefault(); return; }
    if (e.key === '.' && (e.ctrlKey || e.metaKey) && entries[active]?.kind === 'result') {
      e.preventDefault();
      const li = document.getElementById(entries[active].id);
      const box = li ? li.getBoundingClientRect() : { left: 20, bottom: 80 };
      showResultActions(entries[active].i, box.left + 40, box.bottom);
      return;
    }
    if (e.key === 'ArrowDown') { e.preventDefault(); if (entries.length) select((active + 1) % entries.length); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); if (entries.length) select((active - 1 + entries.length) % entries.length); }
    else if (e.key === 'Enter') {
      e.preventDefault();
      if (entries.length) activate();
      else if (input.value.trim()) openWhenKnown = true;
    }
    else if (e.key === 'Escape') {
      if (options.onEscape) options.onEscape();
      else { input.value = ''; input.dispatchEvent(new Event('input')); }
    }
  });

  return {
    input,
    /// The page's own list (the palette's pinned and recent records), and its status line.
    showSections(sections, statusKey) {
      stopWaiting();
      hideActions();
      render([], null, null, sections);
      showStatus(statusKey ? { phase: 'key', key: statusKey } : { phase: 'text', text: '' });
    },
    /// Nothing on screen but `message` (or the hint).
    reset(message) {
      stopWaiting();
      hideActions();
      render([], null, null);
      showStatus({ phase: 'text', text: message });
    },
    /// Searches the box's text anew (the connection is usable again).
    searchAgain() {
      render([], null, null);
      if (input.value.trim()) input.dispatchEvent(new Event('input'));
      else showStatus({ phase: 'text', text: undefined });
    },
    /// Forgets the text and what was asked, as a new start (the palette on each show).
    clear() {
      input.value = '';
      active = -1;
      openWhenKnown = false;
      actionsMenu.hidden = true;
    },
  };
}
