// Wires the views together: home (search + My CRM Views) and Settings → Integrations.
import { invoke, listen, toast } from './tauri.js';
import { resetSearch } from './search.js';
import { loadViews } from './views.js';
import { renderCard, onCard } from './settings.js';

const home = document.getElementById('home');
const settings = document.getElementById('settings');

function showSettings(show) {
  settings.hidden = !show;
  home.hidden = show;
  if (show) document.getElementById('tab-integrations').focus();
  else document.getElementById('search-input').focus();
}

document.getElementById('open-settings').addEventListener('click', () => showSettings(true));
document.getElementById('close-settings').addEventListener('click', () => showSettings(false));

function homeFor(state) {
  if (state.state === 'connected') {
    resetSearch();
    loadViews();
  } else {
    const why = {
      not_available: 'Salesforce is not available for you. See Settings → Integrations.',
      not_connected: 'Connect Salesforce in Settings → Integrations to search your records.',
      connecting: 'Connecting to Salesforce…',
      needs_attention: 'Salesforce needs attention: reconnect in Settings → Integrations.',
    }[state.state];
    resetSearch(why);
    loadViews();
  }
}

let lastState = null;
onCard((state) => {
  renderCard(state);
  if (state.state !== lastState) homeFor(state);
  lastState = state.state;
});
listen('notice', (n) => toast(n.message || String(n)));

const state = await invoke('card');
lastState = state.state;
renderCard(state);
homeFor(state);
document.getElementById('search-input').focus();
