// The bridge to the Rust core: commands out, events in. Nothing else talks to Tauri.
const T = window.__TAURI__;
export const invoke = (cmd, args) => T.core.invoke(cmd, args);
export const listen = (event, fn) => T.event.listen(event, (e) => fn(e.payload));
// Events addressed to this window alone (a search box's answers): listened for with this
// window as their target, so that what the core sends another window never arrives here.
export const listenHere = (event, fn) => T.webviewWindow.getCurrentWebviewWindow().listen(event, (e) => fn(e.payload));

export function toast(message) {
  const box = document.getElementById('toasts');
  const el = document.createElement('div');
  el.className = 'toast';
  el.textContent = message;
  box.appendChild(el);
  setTimeout(() => el.remove(), 6000);
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

// The webview's own menu (Back, Reload, Inspect) is not the app's: only text fields keep one,
// for copy and paste.
export function withoutWebviewMenu() {
  document.addEventListener('contextmenu', (e) => {
    if (!['INPUT', 'TEXTAREA'].includes(e.target.tagName)) e.preventDefault();
  });
}
