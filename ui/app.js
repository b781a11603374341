// Wires the views together: home (search + My CRM Views) and Settings → Integrations.
import { invoke, listen, listenHere, toast, withoutWebviewMenu } from './tauri.js';
import { setLang, onLangChange, whyNoSearch } from './i18n.js';
import { resetSearch } from './search.js';
import { loadViews } from './views.js';
import { renderCard, onCard, loadGeneral, applyTheme, selectTab } from './settings.js';

const home = document.getElementById('home');
const settings = document.getElementById('settings');

function showSettings(show) {
  settings.hidden = !show;
  home.hidden = show;
  // While Settings is shown the search box and the home screen take no input: no invisible
  // search, no result opened by a key the person meant for Settings (Ctrl+K comes back).
  home.inert = show;
  document.getElementById('search-input').inert = show;
  if (show) {
    document.querySelector('#settings [role=tab][aria-selected=true]').focus();
    // The card again: what the core learnt since (the org's API usage) shows in it.
    invoke('card').then(renderCard).catch(() => {});
  } else {
    document.getElementById('search-input').focus();
  }
}

document.getElementById('open-settings').addEventListener('click', () => showSettings(true));
document.getElementById('close-settings').addEventListener('click', () => showSettings(false));
// Escape leaves Settings (unless a field or a list wants it), wherever the focus is — after
// Disconnect it is on the page itself. Ctrl+, (Cmd+, on macOS) opens Settings.
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !settings.hidden && !e.defaultPrevented && e.target.tagName !== 'INPUT') showSettings(false);
  if (e.key === ',' && (e.ctrlKey || e.metaKey) && !e.altKey) {
    e.preventDefault();
    showSettings(true);
  }
});
withoutWebviewMenu();

// Where the home screen cannot search, it says why and, when the person can act, takes them
// to the card that acts.
const homeAction = document.getElementById('home-action');
const openIntegrations = () => {
  selectTab('tab-integrations');
  showSettings(true);
};
document.getElementById('home-open-integrations').addEventListener('click', openIntegrations);
// The quick-search palette, not connected, hands over to the card here.
listenHere('open-integrations', openIntegrations);

function homeFor(state) {
  resetSearch(state.state === 'connected' ? undefined : whyNoSearch(state.state));
  homeAction.hidden = !['not_connected', 'needs_attention'].includes(state.state);
  loadViews();
}

let lastState = null;
onCard((state) => {
  renderCard(state);
  if (state.state !== lastState) homeFor(state);
  lastState = state.state;
});
listen('notice', (n) => toast(n.message || String(n)));
// Another process changed the language (a terminal's `workstation`, another window): the
// core noticed on focus; this window takes the new words and shows the saved settings.
listen('preferences-changed', async () => {
  const prefs = await loadGeneral().catch(() => null);
  if (prefs) {
    setLang(prefs.lang, prefs.vocabulary);
    applyTheme(prefs.theme);
  }
});
// A new language: the status line of a home screen that cannot search says why again.
onLangChange(() => {
  if (lastState && lastState !== 'connected') resetSearch(whyNoSearch(lastState));
});

// Language and theme first, so the first frame is already in the user's words and colours.
const prefs = await loadGeneral().catch(() => null);
if (prefs) {
  setLang(prefs.lang, prefs.vocabulary);
  applyTheme(prefs.theme);
}
selectTab('tab-integrations');
const state = await invoke('card');
lastState = state.state;
renderCard(state);
homeFor(state);
document.getElementById('search-input').focus();
