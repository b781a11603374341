//! Commands the UI may call: each forwards to `api` and returns JSON-ready data or a
//! `{kind, message}` error. Nothing here decides anything. This is the window's language
//! boundary: errors and the texts the core keeps (card reasons, notices, search messages)
//! leave here in the language of `i18n::current()`; kinds and states stay as they are.

use super::ui_error::UiError;
use super::AppState;
use crate::api::localize::{self as i18n, Lang, LanguageSetting, ThemeSetting, Vocabulary};
use crate::api::views::{ShownEditor, ShownTypes, ShownViews};
use crate::api::{shown_card, ConnectMethod};
use crate::salesforce::{SearchObject, SearchResult};
use crate::views::{ListViewRecords, ListViewSort, Paging};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State, WebviewUrl, WebviewWindowBuilder};

type Res<T> = Result<T, UiError>;

/// The UI asks for the card first thing: that moment is "interactive" for benchmarks.
#[tauri::command]
pub fn card(app: AppHandle, state: State<'_, AppState>) -> serde_json::Value {
    static FIRST: std::sync::Once = std::sync::Once::new();
    FIRST.call_once(|| {
        tracing::info!("window interactive");
        // The palette is made now, hidden, so that the shortcut only has to show it; off this
        // command (a window made in a command's own call can deadlock on some platforms).
        tauri::async_runtime::spawn(async move {
            super::palette::make_hidden(&app);
        });
    });
    state.ws.card_shown()
}

#[tauri::command]
pub async fn connect(app: AppHandle, state: State<'_, AppState>, method: ConnectMethod) -> Res<()> {
    let ws = state.ws.clone();
    let demo = state.demo.is_some();
    match method {
        ConnectMethod::Device => {
            tauri::async_runtime::spawn(async move {
                if let Err(e) = ws.connect_device(|_, _| {}).await {
                    let _ = app.emit("notice", UiError::from(e));
                }
            });
        }
        ConnectMethod::Browser if demo || deep_link_registered(&app) => {
            // Deep-link redirect: the answer arrives through `deliver_callback`.
            let url = ws.start_deep_link_connect()?;
            if !demo {
                crate::opener::open_url(&url)?;
            }
        }
        ConnectMethod::Browser => {
            tauri::async_runtime::spawn(async move {
                let result = ws
                    .connect_loopback(|url| {
                        if let Err(m) = crate::opener::open_url(url) {
                            tracing::warn!(error = %m, "browser did not open");
                        }
                    })
                    .await
                    .result;
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
    Ok(state.ws.disconnect().await?.message)
}

/// A keystroke in the search box; answers arrive as `search` events.
#[tauri::command]
pub fn search_input(window: tauri::WebviewWindow, state: State<'_, AppState>, text: String) -> Res<u64> {
    // Sync, so keystrokes reach the pipeline in order; its Salesforce request is a task of
    // the async runtime: enter it.
    let runtime = tauri::async_runtime::handle();
    let _in_runtime = runtime.inner().enter();
    Ok(state.ws.type_search(super::palette::search_box(&window), &text)?)
}

/// "More" for one group of the results on screen (keystroke `seq`); the grown group arrives as
/// a `search` event. False when there was nothing to ask.
#[tauri::command]
pub fn search_more(window: tauri::WebviewWindow, state: State<'_, AppState>, seq: u64, object: SearchObject) -> bool {
    let runtime = tauri::async_runtime::handle();
    let _in_runtime = runtime.inner().enter();
    state.ws.search_more(super::palette::search_box(&window), seq, object)
}

#[tauri::command]
pub fn open_result(state: State<'_, AppState>, result: SearchResult) -> Res<()> {
    let url = state.ws.opened(&result)?;
    open_in_browser(&url)
}

/// Opens a page of the org through a one-shot local redirect (the core's `handoff`): the
/// browser's command line, readable by every local user, carries a local one-time address
/// instead of the search text or the record's ID. Binding is immediate; the redirect's server
/// runs until the browser came (or two minutes).
fn open_in_browser(url: &str) -> Res<()> {
    use crate::handoff::{local_redirect, HANDOFF_LIFETIME};
    match local_redirect(url, HANDOFF_LIFETIME) {
        Ok((local, serve)) => {
            tauri::async_runtime::spawn(async move {
                let end = serve.await;
                if end.refused > 0 {
                    tracing::warn!(
                        refused = end.refused,
                        "requests for a page handed to the browser were refused"
                    );
                }
            });
            Ok(crate::opener::open_url(&local)?)
        }
        Err(e) => {
            // 127.0.0.1 with any free port cannot be had: the page still opens.
            tracing::warn!(error = %e, "no local redirect; the address goes to the browser as it is");
            Ok(crate::opener::open_url(url)?)
        }
    }
}

/// Opens a page of the org (a list view row, the device verification page); the core says
/// which addresses the window may open.
#[tauri::command]
pub fn open_url(state: State<'_, AppState>, url: String) -> Res<()> {
    let url = state.ws.may_open(&url)?;
    open_in_browser(url.as_str())
}

#[tauri::command]
pub async fn view_types(state: State<'_, AppState>) -> Res<ViewTypes> {
    Ok(ViewTypes {
        types: state.ws.shown_view_types().await?,
        shown: state.ws.shown_view_type(),
    })
}

/// The widget's object types (shown at once, perhaps to be refreshed), and the one it showed
/// last.
#[derive(Serialize)]
pub struct ViewTypes {
    #[serde(flatten)]
    types: ShownTypes,
    shown: Option<String>,
}

#[tauri::command]
pub async fn refresh_view_types(state: State<'_, AppState>) -> Res<Vec<String>> {
    Ok(state.ws.refresh_view_types().await?)
}

#[tauri::command]
pub async fn object_views(state: State<'_, AppState>, object: String) -> Res<ShownViews> {
    let views = state.ws.object_views(&object).await?;
    if let Err(e) = state.ws.set_shown_view_type(&views.object) {
        tracing::warn!(error = %e, "the widget's object type could not be remembered");
    }
    Ok(views)
}

#[tauri::command]
pub async fn views_editor(
    state: State<'_, AppState>,
    object: String,
    draft: Option<Vec<String>>,
    toggle: Option<String>,
) -> Res<ShownEditor> {
    Ok(state.ws.views_editor(&object, draft, toggle).await?)
}

#[tauri::command]
pub async fn save_views(state: State<'_, AppState>, object: String, ids: Vec<String>) -> Res<ShownViews> {
    Ok(state.ws.save_views(&object, ids).await?)
}

/// A page of a list view and the pages around it (which the command line's JSON leaves out).
#[derive(Serialize)]
pub struct ShownPage {
    #[serde(flatten)]
    page: ListViewRecords,
    paging: Paging,
}

#[tauri::command]
pub async fn view_records(
    state: State<'_, AppState>,
    object: String,
    id: String,
    limit: u32,
    offset: u32,
    sort: Option<ListViewSort>,
) -> Res<ShownPage> {
    let page = state.ws.view_records_sorted(&object, &id, sort, limit, offset).await?;
    let paging = page.paging.clone();
    Ok(ShownPage { page, paging })
}

#[derive(Serialize)]
pub struct Settings {
    email: Option<String>,
    shortcut: String,
    data_dir: String,
    logs: String,
    version: &'static str,
    demo: bool,
    /// What Settings → General says (`system`, `en`, `fr`) and what that means now.
    language: LanguageSetting,
    lang: Lang,
    theme: ThemeSetting,
    /// Salesforce's terms and the views rule's numbers in `lang`: the UI keeps no table.
    vocabulary: Vocabulary,
}

/// A change to Settings → General's language or theme (`system`, `en`, `fr`; `system`,
/// `light`, `dark`). It goes through `settings`, the command the window already has the
/// permission for (capabilities/default.json), rather than two more commands.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Preferences {
    language: Option<String>,
    theme: Option<String>,
}

/// Settings → General, after applying `update` if given. A new language is saved, applies
/// to everything the window says from now on, and the card is sent again in it.
#[tauri::command]
pub fn settings(app: AppHandle, state: State<'_, AppState>, update: Option<Preferences>) -> Res<Settings> {
    let update = update.unwrap_or_default();
    if let Some(theme) = &update.theme {
        state.ws.set_theme_named(theme)?;
    }
    if let Some(language) = &update.language {
        i18n::set_current(state.ws.set_language_named(language)?);
        let _ = app.emit("card", state.ws.card_shown());
    }
    Ok(Settings {
        email: state.ws.identity().email,
        shortcut: state.ws.shortcut(),
        data_dir: state.ws.data_dir().display().to_string(),
        logs: state.ws.data_dir().join("logs").display().to_string(),
        version: env!("CARGO_PKG_VERSION"),
        demo: state.demo.is_some(),
        language: state.ws.language_setting(),
        lang: i18n::current(),
        theme: state.ws.theme(),
        vocabulary: i18n::vocabulary(i18n::current()),
    })
}

#[tauri::command]
pub fn set_identity(state: State<'_, AppState>, email: Option<String>) -> Res<serde_json::Value> {
    Ok(shown_card(&state.ws.set_identity_email(email.as_deref())?))
}

/// A redirect for the web server flow, from a deep link or the demo login window.
pub fn deliver_callback(app: &AppHandle, url: String) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let Some(state) = app.try_state::<AppState>() else {
            return;
        };
        let ws = state.ws.clone();
        if let Err(e) = ws.handle_callback_url(&url).await {
            let _ = app.emit("notice", UiError::from(e));
        }
    });
}

/// `--demo`: the demo org's approval page opens in a window of ours (no system browser
/// is needed); its redirect to `workstation://…` is caught here and handed to the core.
pub fn open_demo_login(app: &AppHandle, authorize_url: &str) {
    let Ok(url) = url::Url::parse(authorize_url) else {
        return;
    };
    if let Some(w) = app.get_webview_window("salesforce-login") {
        let _ = w.close();
    }
    let handle = app.clone();
    let built = super::in_profile(
        app,
        WebviewWindowBuilder::new(app, "salesforce-login", WebviewUrl::External(url)),
    )
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

/// Replaces the system-wide shortcut; a string that is not a valid accelerator, or one
/// another program holds, is refused and the old one stays.
pub fn register_shortcut(app: &AppHandle, accelerator: &str) -> Res<()> {
    use tauri_plugin_global_shortcut::{GlobalShortcutExt, Shortcut};
    let invalid = |m: String| UiError {
        kind: "invalid_shortcut".into(),
        message: m,
    };
    let fr = i18n::current() == Lang::Fr;
    let shortcut: Shortcut = accelerator.trim().parse().map_err(|e| {
        invalid(if fr {
            format!("« {accelerator} » n’est pas un raccourci que l’application comprend ({e}). Essayez par exemple CommandOrControl+Shift+Space.")
        } else {
            format!("“{accelerator}” is not a shortcut this app understands ({e}). Try e.g. CommandOrControl+Shift+Space.")
        })
    })?;
    let manager = app.global_shortcut();
    manager.unregister_all().map_err(|e| invalid(e.to_string()))?;
    manager.register(shortcut).map_err(|e| {
        invalid(if fr {
            format!("Le raccourci n’a pas pu être enregistré ({e}) ; un autre programme l’utilise peut-être.")
        } else {
            format!("The shortcut could not be registered ({e}); another program may use it.")
        })
    })
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
