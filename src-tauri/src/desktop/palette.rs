//! The quick-search palette: a small, centred, always-on-top window of its own (ui/palette.html)
//! that the system-wide shortcut toggles. It is made hidden once the main window is
//! interactive, so that the shortcut costs a map and a focus, not a webview's start
//! (BENCHMARKS.md, the palette). Escape, a second press, an opened record and losing the focus
//! hide it; the main window stays for the widget and Settings.

use super::ui_error::UiError;
use super::AppState;
use crate::api::localize::{self as i18n, Lang, ThemeSetting, Vocabulary};
use crate::api::pins::PaletteRecords;
use crate::api::search::{SearchBox, ShownResult};
use crate::salesforce::SearchResult;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use tauri::{AppHandle, Emitter, EventTarget, Manager, State, WebviewUrl, WebviewWindow, WebviewWindowBuilder};

pub const LABEL: &str = "palette";
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 440.0;

/// Whether the palette has had the focus since it was last shown: only then does losing it
/// hide the palette (a desktop that never gave it the focus must not make it vanish at once).
static HAD_FOCUS: AtomicBool = AtomicBool::new(false);
/// How many times the palette was shown: a focus loss of an earlier showing hides nothing.
static SHOWN: AtomicU64 = AtomicU64::new(0);
/// How long a focus loss must last to count as a click elsewhere.
const FOCUS_SETTLES: std::time::Duration = std::time::Duration::from_millis(150);

/// The search box a window's keystrokes belong to (only the main window and the palette may
/// search: capabilities/).
pub fn search_box(window: &WebviewWindow) -> SearchBox {
    if window.label() == LABEL {
        SearchBox::Palette
    } else {
        SearchBox::Main
    }
}

/// The palette's window, made (hidden) if it is not there yet.
pub fn window(app: &AppHandle) -> Option<WebviewWindow> {
    window_with(app, |b| b)
}

/// Makes the palette once the main window is interactive. On Linux its page shares the main
/// window's web process (a WebKit "related view"), instead of starting one of its own for a
/// window that is hidden most of the time: ~45 MB less (BENCHMARKS.md, memory). The main
/// window's WebKit view is only reachable on the main thread, where the palette is then made.
pub fn make_hidden(app: &AppHandle) {
    #[cfg(target_os = "linux")]
    if let Some(main) = app.get_webview_window("main") {
        let handle = app.clone();
        let asked = main.with_webview(move |view| {
            window_with(&handle, |b| b.with_related_view(view.inner()));
        });
        if asked.is_ok() {
            return;
        }
    }
    window(app);
}

fn window_with<'a>(
    app: &'a AppHandle,
    configure: impl FnOnce(
        WebviewWindowBuilder<'a, tauri::Wry, AppHandle>,
    ) -> WebviewWindowBuilder<'a, tauri::Wry, AppHandle>,
) -> Option<WebviewWindow> {
    if let Some(w) = app.get_webview_window(LABEL) {
        return Some(w);
    }
    let builder = super::in_profile(
        app,
        WebviewWindowBuilder::new(app, LABEL, WebviewUrl::App("palette.html".into())),
    );
    let built = configure(builder)
        .title("Workstation — Quick search")
        .inner_size(WIDTH, HEIGHT)
        .resizable(false)
        .center()
        .decorations(false)
        .always_on_top(true)
        .skip_taskbar(true)
        .visible(false)
        .focused(false)
        .build();
    match built {
        Ok(w) => {
            let handle = app.clone();
            w.on_window_event(move |event| match event {
                tauri::WindowEvent::Focused(true) => HAD_FOCUS.store(true, Ordering::SeqCst),
                tauri::WindowEvent::Focused(false) if HAD_FOCUS.load(Ordering::SeqCst) => lost_focus(&handle),
                _ => {}
            });
            Some(w)
        }
        Err(e) => {
            tracing::warn!(error = %e, "the quick-search palette could not be made");
            None
        }
    }
}

/// A click elsewhere: the palette gives way, as launchers do. Not at once: the shortcut's own
/// key grab (X11) takes the focus away and gives it back within milliseconds of the show, so
/// the palette hides only if it is still without the focus a moment later, and was not shown
/// again meanwhile.
fn lost_focus(app: &AppHandle) {
    let app = app.clone();
    let shown = SHOWN.load(Ordering::SeqCst);
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(FOCUS_SETTLES).await;
        let Some(w) = app.get_webview_window(LABEL) else { return };
        let still_away = !w.is_focused().unwrap_or(false) && w.is_visible().unwrap_or(false);
        if still_away && SHOWN.load(Ordering::SeqCst) == shown {
            tracing::debug!("palette lost the focus: hidden");
            hide(&app);
        }
    });
}

/// The system-wide shortcut: shows the palette with its box focused, or hides it when it is up.
pub fn toggle(app: &AppHandle) {
    let pressed_at = epoch_ms();
    let Some(w) = window(app) else { return };
    if w.is_visible().unwrap_or(false) {
        tracing::info!("quick-search palette hidden by the shortcut");
        hide(app);
        return;
    }
    HAD_FOCUS.store(false, Ordering::SeqCst);
    SHOWN.fetch_add(1, Ordering::SeqCst);
    centre(&w);
    if let Err(e) = w.show() {
        tracing::warn!(error = %e, "the quick-search palette could not be shown");
        return;
    }
    let _ = w.set_focus();
    // The page empties its box, focuses it and lists the pinned and recent records; it is
    // told when the shortcut was handled, for the benchmark.
    let _ = app.emit_to(EventTarget::webview_window(LABEL), "palette-shown", pressed_at);
    tracing::info!(pressed_at, "quick-search palette shown");
}

/// In the middle of the screen the pointer is on (else the primary one), placed from our own
/// size: a window never shown yet does not know its own, and tao's `center` misplaced it.
fn centre(w: &WebviewWindow) {
    let monitor = w
        .cursor_position()
        .ok()
        .and_then(|at| w.monitor_from_point(at.x, at.y).ok().flatten())
        .or_else(|| w.primary_monitor().ok().flatten());
    let Some(m) = monitor else {
        let _ = w.center();
        return;
    };
    let scale = m.scale_factor();
    let (width, height) = ((WIDTH * scale) as i32, (HEIGHT * scale) as i32);
    let (x, y) = (
        m.position().x + (m.size().width as i32 - width) / 2,
        m.position().y + (m.size().height as i32 - height) / 2,
    );
    let _ = w.set_position(tauri::PhysicalPosition::new(x, y));
}

pub fn hide(app: &AppHandle) {
    if let Some(w) = app.get_webview_window(LABEL) {
        HAD_FOCUS.store(false, Ordering::SeqCst);
        let _ = w.hide();
    }
}

/// Milliseconds since the Unix epoch: the page's `Date.now()` counts on the same clock.
fn epoch_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// What the palette reads of Settings → General: the language, the theme and the words in it.
/// Read-only, and nothing more (no e-mail, shortcut or paths): `settings`, which changes them,
/// is the main window's alone (capabilities/palette.json).
#[derive(serde::Serialize)]
pub struct PalettePreferences {
    lang: Lang,
    theme: ThemeSetting,
    vocabulary: Vocabulary,
}

#[tauri::command]
pub fn preferences(state: State<'_, AppState>) -> PalettePreferences {
    let lang = i18n::current();
    PalettePreferences {
        lang,
        theme: state.ws.theme(),
        vocabulary: i18n::vocabulary(lang),
    }
}

/// What the palette lists before the first keystroke: pinned records, then recent ones.
#[tauri::command]
pub fn palette_records(state: State<'_, AppState>) -> PaletteRecords {
    state.ws.palette_records()
}

/// The pinned records (the main window marks them and offers Unpin).
#[tauri::command]
pub fn pinned_records(state: State<'_, AppState>) -> Vec<ShownResult> {
    state.ws.pinned()
}

/// Pins or unpins a record; every window hears the new list (`pins`).
#[tauri::command]
pub fn set_pinned(
    app: AppHandle,
    state: State<'_, AppState>,
    result: SearchResult,
    pinned: bool,
) -> Result<Vec<ShownResult>, UiError> {
    let list = state.ws.set_pinned(&result, pinned)?;
    let _ = app.emit("pins", &list);
    Ok(list)
}

/// Escape, or a record opened from the palette.
#[tauri::command]
pub fn hide_palette(app: AppHandle) {
    hide(&app);
}

/// Not connected: the palette hands over to Settings → Integrations in the main window.
#[tauri::command]
pub fn open_integrations(app: AppHandle) {
    hide(&app);
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.show();
        let _ = w.unminimize();
        let _ = w.set_focus();
        let _ = app.emit_to(EventTarget::webview_window("main"), "open-integrations", ());
    }
}
