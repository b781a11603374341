// The quick-search palette (palette.html, a window of its own that the system-wide shortcut
// shows): before the first keystroke the pinned records, then those opened lately; typing
// searches exactly as the main window's box does (searchbox.js). Enter opens and hides it,
// Escape hides it. Not connected, it says what to do and hands over to Settings →
// Integrations in the main window.
import { invoke, listen, listenHere, withoutWebviewMenu } from './tauri.js';
import { setLang, whyNoSearch } from './i18n.js';
import { applyTheme } from './theme.js';
import { createSearchBox, setPinned } from './searchbox.js';

const connect = document.getElementById('palette-connect');
let cardState = null;
let records = { pinned: [], recent: [] };

const hide = () => invoke('hide_palette');

const box = createSearchBox({
  onOpened: hide,
  onEscape: hide,
  onIdle: (text) => {
    if (text !== '') return false;
    showStart();
    return true;
  },
  onPins: (pinned) => {
    // Unpinned here or in the main window: the list follows.
    const keys = new Set(pinned.map((r) => r.object + r.id));
    records = { pinned, recent: records.recent.filter((r) => !keys.has(r.object + r.id)) };
    if (!box.input.value) showStart();
  },
});

// Before the first keystroke: pinned, then recent records; or, without a connection, what to do.
function showStart() {
  const usable = cardState === null || cardState === 'connected';
  connect.hidden = usable || !['not_connected', 'needs_attention'].includes(cardState);
  if (!usable) {
    box.reset(whyNoSearch(cardState));
    return;
  }
  const any = records.pinned.length || records.recent.length;
  box.showSections([
    { id: 'pinned', label: 'palette.pinned', results: records.pinned },
    { id: 'recent', label: 'palette.recent', results: records.recent },
  ], any ? 'palette.start' : 'palette.empty');
}

// What may have changed while it was hidden: language and theme (Settings), the card, the
// pinned and recent records.
async function refresh() {
  const [prefs, card, list] = await Promise.all([invoke('preferences'), invoke('card'), invoke('palette_records')]);
  setLang(prefs.lang, prefs.vocabulary);
  applyTheme(prefs.theme);
  cardState = card.state;
  records = list;
  setPinned(list.pinned);
  if (!box.input.value) showStart();
}

listen('card', (card) => {
  cardState = card.state;
  if (!box.input.value) showStart();
  else if (cardState === 'connected') box.searchAgain();
});

document.getElementById('palette-open-integrations').addEventListener('click', () => invoke('open_integrations'));

// Shown by the shortcut: a fresh start, the box focused. For the benchmark, the moment it is
// shown is kept: the first frame painted since (a hidden page paints none) with the page
// holding the keyboard focus (on X11 the shortcut's own key grab holds it until the key is
// released); `pressedAt` is when the core handled the shortcut, on the same clock as Date.now().
listenHere('palette-shown', (pressedAt) => {
  box.clear();
  box.input.focus();
  const at = { painted: 0, focused: document.hasFocus() ? Date.now() : 0 };
  const done = () => {
    if (at.painted && at.focused) window.__paletteShown = { pressedAt, paintedAt: Math.max(at.painted, at.focused), focused: true };
  };
  requestAnimationFrame(() => requestAnimationFrame(() => { at.painted = Date.now(); done(); }));
  if (!at.focused) window.addEventListener('focus', () => { at.focused = Date.now(); done(); }, { once: true });
  showStart();
  // The core forgets the last search too (its late answer is then stale).
  if (cardState === 'connected') box.input.dispatchEvent(new Event('input'));
  refresh().catch(() => {});
});

withoutWebviewMenu();

await refresh().catch(() => {});
