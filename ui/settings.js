// Settings: the Salesforce card (rendered from the core's card state) and General.
import { invoke, listen, el, toast } from './tauri.js';

const card = document.getElementById('salesforce-card');

function describe(state) {
  switch (state.state) {
    case 'not_available':
      return { badge: 'Not available', text: [state.reason, 'Ask your organisation’s Workstation owner to enable Salesforce for you.'], buttons: [] };
    case 'not_connected':
      return { badge: 'Not connected', text: [state.message, 'Connect your Salesforce login to search your records and see your list views.'],
        buttons: [['connect', 'Connect', 'primary', () => connect('browser')], ['connect-device', 'Use a code instead', 'secondary', () => connect('device')]] };
    case 'connecting':
      if (state.via.method === 'device') {
        return { badge: 'Connecting…', text: ['On any device, open', el('a', { href: '#', onclick: (e) => { e.preventDefault(); invoke('open_url', { url: state.via.verification_uri }).catch((er) => toast(er.message)); } }, state.via.verification_uri), 'and enter this code:', el('div', { class: 'code', id: 'device-code' }, state.via.user_code)],
          buttons: [['cancel', 'Cancel', 'secondary', cancel]] };
      }
      return { badge: 'Connecting…', text: ['Approve the connection in your browser, then come back here.'], buttons: [['cancel', 'Cancel', 'secondary', cancel]] };
    case 'connected':
      return { badge: 'Connected', text: [el('strong', { id: 'connected-as' }, `Connected as ${state.user.name}`), state.user.username, `Org: ${state.org}`],
        buttons: [['disconnect', 'Disconnect', 'secondary', disconnect]] };
    case 'needs_attention':
      return { badge: 'Needs attention', text: [state.reason, state.user ? `Last connected as ${state.user.name} (${state.user.username}).` : null],
        buttons: [['reconnect', 'Reconnect', 'primary', () => connect('browser')], ['disconnect', 'Disconnect', 'secondary', disconnect]] };
    default:
      return { badge: state.state, text: [], buttons: [] };
  }
}

export function renderCard(state) {
  const d = describe(state);
  card.dataset.state = state.state;
  card.replaceChildren(
    el('div', { class: 'sf-logo', 'aria-hidden': 'true' }, 'SF'),
    el('div', {},
      el('h3', {}, 'Salesforce'),
      el('span', { class: `state ${state.state}`, id: 'card-state' }, d.badge),
      ...d.text.filter(Boolean).map((t) => (t instanceof Node ? el('div', {}, t) : el('p', {}, t)))),
    el('div', { class: 'buttons' }, ...d.buttons.map(([id, label, cls, fn]) => el('button', { id: `card-${id}`, class: cls, type: 'button', onclick: fn }, label))));
}

async function connect(method) {
  try { await invoke('connect', { method }); } catch (e) { toast(e.message || String(e)); }
}
async function cancel() { await invoke('cancel_connect'); }
async function disconnect() {
  try { toast(await invoke('disconnect')); } catch (e) { toast(e.message || String(e)); }
}

export async function loadGeneral() {
  const s = await invoke('settings');
  document.getElementById('identity-email').value = s.email || '';
  document.getElementById('shortcut-input').value = s.shortcut || '';
  const about = document.getElementById('about');
  about.replaceChildren(
    el('dt', {}, 'Version'), el('dd', {}, s.version + (s.demo ? ' (demo org)' : '')),
    el('dt', {}, 'Data folder'), el('dd', {}, s.data_dir),
    el('dt', {}, 'Logs'), el('dd', {}, s.logs));
}

document.getElementById('identity-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const email = document.getElementById('identity-email').value.trim() || null;
  const out = document.getElementById('identity-status');
  try {
    const state = await invoke('set_identity', { email });
    out.textContent = 'Saved.';
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
    out.textContent = `Saved: ${saved}`;
    out.classList.remove('error');
  } catch (err) {
    out.textContent = err.message || String(err);
    out.classList.add('error');
  }
});

for (const [tab, pane] of [['tab-integrations', 'pane-integrations'], ['tab-general', 'pane-general']]) {
  document.getElementById(tab).addEventListener('click', () => {
    for (const [t, p] of [['tab-integrations', 'pane-integrations'], ['tab-general', 'pane-general']]) {
      document.getElementById(t).setAttribute('aria-selected', String(t === tab));
      document.getElementById(p).hidden = p !== pane;
    }
    if (pane === 'pane-general') loadGeneral();
  });
}

export function onCard(fn) { listen('card', fn); }
