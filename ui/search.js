// The main window's search box (searchbox.js does the searching and showing): it takes no
// input behind Settings, Ctrl+K focuses it, and it marks pinned records.
import { invoke } from './tauri.js';
import { createSearchBox, setPinned } from './searchbox.js';

const home = document.getElementById('home');
const settingsShown = () => !document.getElementById('settings').hidden;

const box = createSearchBox({ blocked: settingsShown });

function focusSearch() {
  document.getElementById('settings').hidden = true;
  home.hidden = false;
  home.inert = false;
  box.input.inert = false;
  box.input.focus();
  box.input.select();
}

document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
    e.preventDefault();
    focusSearch();
  }
});

// The connection changed. The text in the box stays (it is the user's); the results go, and
// with a usable connection again the text is searched anew. The pins are the new person's.
export function resetSearch(message) {
  if (message === undefined) box.searchAgain();
  else box.reset(message);
  invoke('pinned_records').then(setPinned).catch(() => setPinned([]));
}
