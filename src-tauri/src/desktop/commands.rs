//! Commands the UI may call: each forwards to `api` and returns JSON-ready data or a
//! `{kind, message}` error. Nothing here decides anything.

use super::AppState;
use crate::api::ApiError;
use crate::auth::card::CardState;
use crate::salesforce::SearchResult;
use crate::search::pipeline::{SearchEvent, DEFAULT_DEBOUNCE};
use crate::views::{ListViewRecords, ObjectViews};
use serde::Serialize;
use std::sync::Arc;
use tauri::{AppHandle, Emitter, Manager, State, WebviewUrl, WebviewWindowBuilder};

#[derive(Debug, Clone, Serialize)]
pub struct UiError {
    pub kind: String,
    pub message: String,
}

impl From<ApiError> for UiError {
    fn from(e: ApiError) -> Self {
        UiError { kind: e.kind().to_string(), message: e.to_string() }
    }
}

type Res<T> = Result<T, UiError>;

/// The UI asks for the card first thing: that moment is "interactive" for benchmarks.
#[tauri::command]
pub fn card(state: State<'_, AppState>) -> CardState {
    static FIRST: std::sync::Once = std::sync::Once::new();
    FIRST.call_once(|| tracing::info!("window interactive"));
    state.ws.card()
}

/// `method`: "browser" or "device".
#[tauri::command]
pub async fn connect(app: AppHandle, state: State<'_, AppState>, method: String) -> Res<()> {
    let ws = state.ws.clone();
    let demo = state.demo.is_some();
    match method.as_str() {
        "device" => {
            tauri::async_runtime::spawn(async move {
                if let Err(e) = ws.connect_device(|_, _| {}).await {
                    let _ = app.emit("notice", UiError::from(e));
                }
            });
        }
        _ if demo || deep_link_registered(&app) => {
            // Deep-link redirect: the answer arrives through `deliver_callback`.
            let url = ws.start_deep_link_connect()?;
            if !demo {
                crate::opener::open_url(&url).map_err(|m| UiError { kind: "opener".into(), message: m })?;
            }
        }
        _ => {
            tauri::async_runtime::spawn(async move {
                let result = ws
                    .connect_loopback(|url| {
                        if let Err(m) = crate::opener::open_url(url) {
                            tracing::warn!(error = %m, "browser did not open");
                        }
                    })
                    .await;
                if let Err(e) = result {
                    let _ = app.emit("notice", UiError::from(e));
                }
            });
        }
    }
    Ok(())
}

fn deep_link_registered(app: &AppHandle) -> bool {
    use tauri_plugin_deep_link::DeepLinkExt;
    app.deep_link().is_registered("workstation").unwrap_or(false)
}

#[tauri::command]
pub fn cancel_connect(app: AppHandle, state: State<'_, AppState>) {
    state.ws.cancel_connect();
    if let Some(w) = app.get_webview_window("salesforce-login") {
        let _ = w.close();
    }
}

#[tauri::command]
pub async fn disconnect(state: State<'_, AppState>) -> Res<String> {
    if let Ok(mut p) = state.pipeline.lock() {
        *p = None;
    }
    Ok(state.ws.disconnect().await?.message)
}

/// A keystroke in the search box; answers arrive as `search` events.
#[tauri::command]
pub fn search_input(app: AppHandle, state: State<'_, AppState>, text: String) -> Res<u64> {
    // Sync (so keystrokes reach the pipeline in order, on the main thread), but the
    // pipeline spawns its Salesforce task on the async runtime: enter it.
    let runtime = tauri::async_runtime::handle();
    let _in_runtime = runtime.inner().enter();
    let mut slot = state.pipeline.lock().map_err(|_| UiError { kind: "internal".into(), message: "busy".into() })?;
    if slot.is_none() {
        let handle = app.clone();
        let sink = Arc::new(move |event: SearchEvent| {
            let _ = handle.emit("search", &event);
        });
        *slot = Some(state.ws.search_pipeline(sink, DEFAULT_DEBOUNCE)?);
    }
    Ok(slot.as_ref().map(|p| p.input(&text)).unwrap_or(0))
}

#[tauri::command]
pub fn open_result(state: State<'_, AppState>, result: SearchResult) -> Res<()> {
    let url = state.ws.opened(&result);
    crate::opener::open_url(&url).map_err(|m| UiError { kind: "opener".into(), message: m })
}

#[tauri::command]
pub fn open_url(url: String) -> Res<()> {
    crate::opener::open_url(&url).map_err(|m| UiError { kind: "opener".into(), message: m })
}

#[tauri::command]
pub async fn view_types(state: State<'_, AppState>) -> Res<Vec<String>> {
    Ok(state.ws.view_types().await?)
}

#[tauri::command]
pub async fn object_views(state: State<'_, AppState>, object: String) -> Res<ObjectViews> {
    Ok(state.ws.object_views(&object).await?)
}

#[tauri::command]
pub async fn views_editor(state: State<'_, AppState>, object: String, draft: Option<Vec<String>>, toggle: Option<String>) -> Res<crate::views::Editor> {
    Ok(state.ws.views_editor(&object, draft, toggle).await?)
}

#[tauri::command]
pub async fn save_views(state: State<'_, AppState>, object: String, ids: Vec<String>) -> Res<ObjectViews> {
    Ok(state.ws.save_views(&object, ids).await?)
}

#[tauri::command]
pub async fn view_records(state: State<'_, AppState>, object: String, id: String, limit: u32, offset: u32) -> Res<ListViewRecords> {
    Ok(state.ws.view_records(&object, &id, limit, offset).await?)
}

#[derive(Serialize)]
pub struct Settings {
    email: Option<String>,
    shortcut: String,
    data_dir: String,
    logs: String,
    version: &'static str,
    demo: bool,
}

#[tauri::command]
pub fn settings(state: State<'_, AppState>) -> Settings {
    Settings {
        email: state.ws.identity().email,
        shortcut: state.ws.shortcut(),
        data_dir: state.ws.data_dir().display().to_string(),
        logs: state.ws.data_dir().join("logs").display().to_string(),
        version: env!("CARGO_PKG_VERSION"),
        demo: state.demo.is_some(),
    }
}

#[tauri::command]
pub fn set_identity(state: State<'_, AppState>, email: Option<String>) -> Res<CardState> {
    if let Ok(mut p) = state.pipeline.lock() {
        *p = None;
    }
    Ok(state.ws.set_identity_email(email.as_deref())?)
}

/// A redirect for the web server flow, from a deep link or the demo login window.
pub fn deliver_callback(app: &AppHandle, url: String) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let Some(state) = app.try_state::<AppState>() else { return };
        let ws = state.ws.clone();
        if let Err(e) = ws.handle_callback_url(&url).await {
            let _ = app.emit("notice", UiError::from(e));
        }
    });
}

/// `--demo`: the demo org's approval page opens in a window of ours (no system browser
/// is needed); its redirect to `workstation://…` is caught here and handed to the core.
pub fn open_demo_login(app: &AppHandle, authorize_url: &str) {
    let Ok(url) = url::Url::parse(authorize_url) else { return };
    if let Some(w) = app.get_webview_window("salesforce-login") {
        let _ = w.close();
    }
    let handle = app.clone();
    let built = WebviewWindowBuilder::new(app, "salesforce-login", WebviewUrl::External(url))
        .title("Salesforce — Allow access (demo org)")
        .inner_size(640.0, 640.0)
        .on_navigation(move |target| {
            if target.scheme() == "workstation" {
                deliver_callback(&handle, target.to_string());
                if let Some(w) = handle.get_webview_window("salesforce-login") {
                    let _ = w.close();
                }
                return false;
            }
            true
        })
        .build();
    if let Err(e) = built {
        tracing::warn!(error = %e, "demo login window did not open");
    }
}

/// Shows, raises and focuses the main window with the search box focused.
pub fn bring_forward(app: &AppHandle) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.show();
        let _ = w.unminimize();
        let _ = w.set_focus();
        let _ = w.emit("focus-search", ());
    }
}

/// Replaces the system-wide shortcut; a string that is not a valid accelerator, or one
/// another program holds, is refused and the old one stays.
pub fn register_shortcut(app: &AppHandle, accelerator: &str) -> Res<()> {
    use tauri_plugin_global_shortcut::{GlobalShortcutExt, Shortcut};
    let invalid = |m: String| UiError { kind: "invalid_shortcut".into(), message: m };
    let shortcut: Shortcut = accelerator
        .trim()
        .parse()
        .map_err(|e| invalid(format!("“{accelerator}” is not a shortcut this app understands ({e}). Try e.g. CommandOrControl+Shift+Space.")))?;
    let manager = app.global_shortcut();
    manager.unregister_all().map_err(|e| invalid(e.to_string()))?;
    manager.register(shortcut).map_err(|e| invalid(format!("The shortcut could not be registered ({e}); another program may use it.")))
}

#[tauri::command]
pub fn set_shortcut(app: AppHandle, state: State<'_, AppState>, accelerator: String) -> Res<String> {
    let old = state.ws.shortcut();
    if let Err(e) = register_shortcut(&app, &accelerator) {
        let _ = register_shortcut(&app, &old);
        return Err(e);
    }
    state.ws.set_shortcut(&accelerator)?;
    Ok(state.ws.shortcut())
}
