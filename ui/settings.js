// Settings: the Salesforce card (rendered from the core's card state) and General.
import { invoke, listen, el, toast } from './tauri.js';
import { t, setLang, onLangChange } from './i18n.js';
import { applyTheme } from './theme.js';

const card = document.getElementById('salesforce-card');
let lastCard = null;

function describe(state) {
  switch (state.state) {
    case 'not_available':
      return { badge: t('card.notAvailable'), text: [state.reason], buttons: [] };
    case 'not_connected':
      return { badge: t('card.notConnected'), text: [state.message, t('card.why')],
        buttons: [['connect', t('card.connect'), 'primary', () => connect('browser')], ['connect-device', t('card.useCode'), 'secondary', () => connect('device')]] };
    case 'connecting':
      if (state.via.method === 'device') {
        return { badge: t('card.connecting'), text: [t('card.openOn'), el('a', { href: '#', onclick: (e) => { e.preventDefault(); invoke('open_url', { url: state.via.verification_uri }).catch((er) => toast(er.message)); } }, state.via.verification_uri), t('card.enterCode'), el('div', { class: 'code', id: 'device-code' }, state.via.user_code)],
          buttons: [['cancel', t('card.cancel'), 'secondary', cancel]] };
      }
      return { badge: t('card.connecting'), text: [t('card.approve')], buttons: [['cancel', t('card.cancel'), 'secondary', cancel]] };
    case 'connected':
      return { badge: t('card.connected'), text: [el('strong', { id: 'connected-as' }, t('card.connectedAs', { name: state.user.name })), state.user.username, t('card.org', { org: state.org }),
        state.api_budget ? el('p', { id: 'api-budget' }, state.api_budget) : null],
        buttons: [['disconnect', t('card.disconnect'), 'secondary', disconnect]] };
    case 'needs_attention':
      return { badge: t('card.needsAttention'), text: [state.reason, state.user ? t('card.lastConnected', { name: state.user.name, username: state.user.username }) : null],
        buttons: [['reconnect', t('card.reconnect'), 'primary', () => connect('browser')], ['disconnect', t('card.disconnect'), 'secondary', disconnect]] };
    default:
      return { badge: state.state, text: [], buttons: [] };
  }
}

export function renderCard(state) {
  lastCard = state;
  const d = describe(state);
  // Keep the focused button focused across a redraw (e.g. a language switch).
  const focused = card.contains(document.activeElement) ? document.activeElement.id : null;
  card.dataset.state = state.state;
  card.replaceChildren(
    el('div', { class: 'sf-logo', 'aria-hidden': 'true' }, 'SF'),
    el('div', {},
      el('h2', { id: 'card-title' }, 'Salesforce'),
      el('span', { class: `state ${state.state}`, id: 'card-state', role: 'status' }, d.badge),
      ...d.text.filter(Boolean).map((x) => (x instanceof Node ? el('div', {}, x) : el('p', {}, x)))),
    el('div', { class: 'buttons' }, ...d.buttons.map(([id, label, cls, fn]) => el('button', { id: `card-${id}`, class: cls, type: 'button', onclick: fn }, label))));
  if (focused) document.getElementById(focused)?.focus();
}

async function connect(method) {
  try { await invoke('connect', { method }); } catch (e) { toast(e.message || String(e)); }
}
async function cancel() { await invoke('cancel_connect'); }
async function disconnect() {
  try { toast(await invoke('disconnect')); } catch (e) { toast(e.message || String(e)); }
}

let lastSettings = null;

function renderAbout() {
  const s = lastSettings;
  if (!s) return;
  document.getElementById('about').replaceChildren(
    el('dt', {}, t('about.version')), el('dd', {}, s.version + (s.demo ? t('about.demo') : '')),
    el('dt', {}, t('about.data')), el('dd', {}, s.data_dir),
    el('dt', {}, t('about.logs')), el('dd', {}, s.logs));
}

/// Light, dark, or (system) whatever the OS says, through `prefers-color-scheme`.
export { applyTheme };

export async function loadGeneral() {
  const s = await invoke('settings');
  lastSettings = s;
  document.getElementById('identity-email').value = s.email || '';
  document.getElementById('shortcut-input').value = s.shortcut || '';
  showLanguage(s.language);
  showTheme(s.theme);
  renderAbout();
  return s;
}

// A choice applies at once. (`input` and `change`: WebKit sends either, depending on
// whether the keyboard, the mouse or automation made the choice.)
function onChoice(id, apply) {
  const select = document.getElementById(id);
  let applied = null;
  const handler = async () => {
    if (select.value === applied) return;
    applied = select.value;
    try { await apply(select.value); } catch (err) { applied = null; toast(err.message || String(err)); }
  };
  select.addEventListener('input', handler);
  select.addEventListener('change', handler);
  return (value) => { applied = value; select.value = value; };
}
const showLanguage = onChoice('language-select', async (language) => {
  const s = await invoke('settings', { update: { language } });
  setLang(s.lang, s.vocabulary);
});
const showTheme = onChoice('theme-select', async (theme) => applyTheme((await invoke('settings', { update: { theme } })).theme));

onLangChange(() => {
  if (lastCard) renderCard(lastCard);
  renderAbout();
  for (const id of ['identity-status', 'shortcut-status']) {
    const out = document.getElementById(id);
    if (!out.classList.contains('error')) out.textContent = '';
  }
});

document.getElementById('identity-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const email = document.getElementById('identity-email').value.trim() || null;
  const out = document.getElementById('identity-status');
  try {
    const state = await invoke('set_identity', { email });
    out.textContent = t('settings.saved');
    out.classList.remove('error');
    renderCard(state);
  } catch (err) {
    out.textContent = err.message || String(err);
    out.classList.add('error');
  }
});

document.getElementById('shortcut-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const out = document.getElementById('shortcut-status');
  try {
    const saved = await invoke('set_shortcut', { accelerator: document.getElementById('shortcut-input').value });
    out.textContent = t('settings.savedValue', { value: saved });
    out.classList.remove('error');
  } catch (err) {
    out.textContent = err.message || String(err);
    out.classList.add('error');
  }
});

// Tabs: click, or the arrow keys / Home / End on the tab list (ARIA tabs pattern).
const TABS = [['tab-integrations', 'pane-integrations'], ['tab-general', 'pane-general']];

export function selectTab(tab) {
  for (const [id, pane] of TABS) {
    const on = id === tab;
    const button = document.getElementById(id);
    button.setAttribute('aria-selected', String(on));
    button.tabIndex = on ? 0 : -1;
    document.getElementById(pane).hidden = !on;
  }
  if (tab === 'tab-general') loadGeneral();
}

for (const [id] of TABS) {
  const button = document.getElementById(id);
  button.addEventListener('click', () => selectTab(id));
  button.addEventListener('keydown', (e) => {
    const i = TABS.findIndex(([x]) => x === id);
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const [next] = TABS[(to + TABS.length) % TABS.length];
    selectTab(next);
    document.getElementById(next).focus();
  });
}

export function onCard(fn) { listen('card', fn); }
