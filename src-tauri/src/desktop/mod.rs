//! The thin Tauri shell: plugins, the window, commands that call `api`, and events back
//! to the UI. No business rule lives here.

mod commands;
mod navigation;
pub mod painting;
mod palette;
mod ui_error;

use crate::api::{Profile, Setup, Workstation};
use crate::auth::callback::DEEP_LINK_REDIRECT;
use crate::auth::card::{CardState, ConnectingVia};
use crate::demo_org::profiles::DemoUser;
use crate::demo_org::{DemoOrg, DemoOrgConfig};
use std::sync::Arc;
use tauri::{AppHandle, Emitter, Manager, WebviewWindowBuilder};

/// The window's executable (`workstation-window`): `workstation` hands over to it when asked
/// for the window, with the same arguments (`--demo`, a `workstation://` link the deep-link
/// plugin reads itself), already checked there.
///
/// The app is built before anything of the person's is opened: building it runs the
/// single-instance plugin, which hands a second launch (the OS passing a deep link, a second
/// click on the icon) over to the running window and ends this process. So a second instance
/// opens no log, no settings, no keychain and starts no demo org.
pub fn main() -> i32 {
    use crate::api::localize::pick;
    use crate::api::localize::Localize;
    let data_dir = match crate::api::default_data_dir() {
        Ok(dir) => dir,
        Err(e) => {
            let lang = crate::api::saved_language(None);
            eprintln!("{} {}", pick(lang, "error:", "erreur :"), e.localize(lang));
            return 1;
        }
    };
    let demo = std::env::args_os().skip(1).any(|a| a == "--demo");
    // Still one thread here: the only safe moment to set WebKit's environment.
    let painting = painting::apply();
    if let Err(why) = open_display(&data_dir) {
        eprintln!("{why}");
        return 1;
    }
    let app = match build_app(demo) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    // This is the only instance: from here on the profile is ours to open.
    // `--demo` runs in a throw-away profile of its own: chosen before the log opens, so that
    // not even a log line goes to the person's own.
    let profile = match Profile::for_launch(demo, data_dir.clone()) {
        Ok(profile) => profile,
        Err(e) => {
            eprintln!(
                "{} {e}",
                pick(
                    // The saved language, read for this message only: the settings are read
                    // once, by the store, when the window's workstation opens.
                    crate::api::saved_language(Some(&data_dir)),
                    "error: the demo's data folder could not be made:",
                    "erreur : le dossier de données de la démo n’a pas pu être créé :"
                )
            );
            return 1;
        }
    };
    let _log = crate::logging::init(profile.data_dir(), true);
    tracing::info!(?painting, "webview painting");
    let Some(state) = open_state(&profile) else {
        return 1;
    };
    app.manage(state);
    // The event loop ends the process itself: the demo's folder goes on its way out.
    let mut profile = Some(profile);
    app.run(move |_, event| {
        if let tauri::RunEvent::Exit = event {
            drop(profile.take());
        }
    });
    0
}

/// What the commands share.
pub struct AppState {
    pub ws: Arc<Workstation>,
    /// The in-process demo org of `--demo`, kept alive with the window.
    pub demo: Option<DemoOrg>,
    /// `--demo`: where every webview keeps its data (cookies, storage, caches), inside the
    /// demo's own folder and removed with it; `None`, WebKit's folder of the person's profile.
    pub webview_data: Option<std::path::PathBuf>,
}

/// A window of ours, its webview data where the profile keeps it ([`AppState::webview_data`]).
pub(crate) fn in_profile<'a>(
    app: &AppHandle,
    builder: WebviewWindowBuilder<'a, tauri::Wry, AppHandle>,
) -> WebviewWindowBuilder<'a, tauri::Wry, AppHandle> {
    match app.try_state::<AppState>().and_then(|s| s.webview_data.clone()) {
        Some(dir) => builder.data_directory(dir),
        None => builder,
    }
}

/// The profile's workstation, and with `--demo` its demo org, already connected.
fn open_state(profile: &Profile) -> Option<AppState> {
    let demo = if profile.is_demo() {
        // `WORKSTATION_DEMO_USER=restricted`: the demo signs in as the user whose profile hides
        // objects and fields, to see the app as most real users do.
        let default_user = match std::env::var("WORKSTATION_DEMO_USER") {
            Err(_) => DemoUser::default(),
            Ok(name) => match DemoUser::parse(&name) {
                Some(user) => user,
                None => {
                    eprintln!("error: WORKSTATION_DEMO_USER is {name:?}; expected demo, restricted or noapi");
                    return None;
                }
            },
        };
        let config = DemoOrgConfig {
            default_user,
            // As the orgs whose Health Check is followed: the window refreshes as a real one must.
            rotate_refresh_tokens: true,
            ..Default::default()
        };
        match tauri::async_runtime::block_on(DemoOrg::start(config)) {
            Ok(org) => {
                tracing::info!(url = %org.base_url(), "demo org started");
                Some(org)
            }
            Err(e) => {
                eprintln!("error: the demo org could not start: {e}");
                return None;
            }
        }
    } else {
        None
    };
    let setup = match &demo {
        Some(org) => Setup::Policy(Ok(Some(crate::policy::demo_policy(&org.base_url())))),
        None => crate::api::setup_from_env(),
    };
    // The profile's store: the app's keychain entry, or the demo's tokens in memory.
    let ws = match Workstation::new(profile.data_dir(), setup, profile.credentials()) {
        Ok(ws) => Arc::new(ws),
        Err(e) => {
            use crate::api::localize::{pick, Localize};
            let lang = crate::api::saved_language(Some(profile.data_dir()));
            eprintln!("{} {}", pick(lang, "error:", "erreur :"), e.localize(lang));
            return None;
        }
    };
    if demo.is_some() {
        // A newcomer sees the app working at once: connect the demo user through the real
        // web server flow, approved by the demo org.
        if let Err(e) = tauri::async_runtime::block_on(ws.connect_demo_auto_approved()) {
            tracing::warn!(error = %e, "demo auto-connect failed");
        }
    }
    // The window speaks the language of Settings → General, else the OS's.
    crate::api::localize::set_current(ws.language());
    let webview_data = profile.is_demo().then(|| profile.data_dir().join("webview"));
    Some(AppState { ws, demo, webview_data })
}

/// The Tauri app: plugins (single instance first), commands, and what happens once the event
/// loop runs. Its state ([`AppState`]) is managed after it is built. `--demo` makes its main
/// window itself, to give it the demo's own webview data folder, and registers no handler
/// for `workstation://` links: a demo leaves nothing in the person's profile.
fn build_app(demo: bool) -> tauri::Result<tauri::App> {
    let mut context: tauri::Context<tauri::Wry> = tauri::generate_context!();
    if demo {
        for window in &mut context.config_mut().app.windows {
            window.create = false;
        }
    }
    with_instance_plugins(tauri::Builder::default())
        .plugin(navigation::guard())
        .plugin(
            tauri_plugin_global_shortcut::Builder::new()
                .with_handler(|app, _shortcut, event| {
                    tracing::debug!(state = ?event.state(), "system-wide shortcut");
                    if event.state() == tauri_plugin_global_shortcut::ShortcutState::Pressed {
                        palette::toggle(app);
                    }
                })
                .build(),
        )
        .on_page_load(|w, p| tracing::debug!(window = w.label(), event = ?p.event(), "page load"))
        .invoke_handler(tauri::generate_handler![
            commands::card,
            commands::connect,
            commands::cancel_connect,
            commands::disconnect,
            commands::search_input,
            commands::search_more,
            commands::open_result,
            commands::open_url,
            commands::view_types,
            commands::refresh_view_types,
            commands::object_views,
            commands::views_editor,
            commands::save_views,
            commands::view_records,
            commands::settings,
            commands::set_identity,
            commands::set_shortcut,
            palette::preferences,
            palette::palette_records,
            palette::pinned_records,
            palette::set_pinned,
            palette::hide_palette,
            palette::open_integrations,
        ])
        .setup(move |app| {
            let state = app.state::<AppState>();
            let (ws, is_demo) = (state.ws.clone(), state.demo.is_some());
            if let Some(dir) = state.webview_data.clone() {
                for config in app.config().app.windows.clone() {
                    WebviewWindowBuilder::from_config(app.handle(), &config)?
                        .data_directory(dir.clone())
                        .build()?;
                }
            }
            let handle = app.handle().clone();
            let events = handle.clone();
            // Each search box's answers go to its own window alone (listened for there with
            // that window as target: ui/tauri.js `listenHere`).
            ws.on_search_events(Arc::new(move |at, event| {
                let label = match at {
                    crate::api::search::SearchBox::Main => "main",
                    crate::api::search::SearchBox::Palette => palette::LABEL,
                };
                let _ = events.emit_to(tauri::EventTarget::webview_window(label), "search", &event);
            }));
            ws.subscribe(move |card: &CardState| {
                let _ = handle.emit("card", crate::api::shown_card(card));
                match (card, is_demo) {
                    (
                        CardState::Connecting {
                            via: ConnectingVia::Browser { authorize_url },
                        },
                        true,
                    ) => commands::open_demo_login(&handle, authorize_url),
                    // However the attempt ended, the demo login window has done its job.
                    (CardState::Connecting { .. }, _) => {}
                    _ => {
                        if let Some(w) = handle.get_webview_window("salesforce-login") {
                            let _ = w.close();
                        }
                    }
                }
            });
            setup_deep_links(app, !is_demo)?;
            // The main window is created hidden (tauri.conf.json) and shown here, once its
            // webview is in place: created visible, WebKitGTK's first load waited ~500 ms on
            // most starts (BENCHMARKS.md, cold start).
            if let Some(w) = app.get_webview_window("main") {
                if let Err(e) = w.show() {
                    tracing::warn!(error = %e, "the main window could not be shown");
                }
                // What another process did meanwhile (a Disconnect, another language, from a
                // terminal) shows when the person comes back to the window. The keychain and
                // the settings file are read off the UI thread.
                let ws = ws.clone();
                let handle = app.handle().clone();
                w.on_window_event(move |event| {
                    if let tauri::WindowEvent::Focused(true) = event {
                        let (ws, handle) = (ws.clone(), handle.clone());
                        tauri::async_runtime::spawn_blocking(move || {
                            if ws.recheck_after_focus().is_some() {
                                let _ = handle.emit("preferences-changed", ());
                                let _ = handle.emit("card", ws.card_shown());
                            }
                        });
                    }
                });
            }
            let shortcut = ws.shortcut();
            if let Err(e) = commands::register_shortcut(app.handle(), &shortcut) {
                tracing::warn!(shortcut = %shortcut, error = %e.message, "system-wide shortcut not registered");
            }
            Ok(())
        })
        .build(context)
}

/// The plugins that make one instance and hand it `workstation://` links, first of all: a
/// second launch (often the OS passing a deep link) hands its arguments to the running window
/// and ends before anything else is made. Generic so that tests/windows.rs runs these very
/// plugins on tauri's mock runtime (no webview) with the app's configuration.
pub fn with_instance_plugins<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            // A second launch raises this window; the deep-link plugin delivers the URL itself.
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_deep_link::init())
}

/// Opens the display before tauri does: its window layer panics with a backtrace when there is
/// none (an SSH session, a service), where a person needs a sentence: in the language saved in
/// `data_dir`'s settings (a demo's has the person's), read for it.
fn open_display(data_dir: &std::path::Path) -> Result<(), String> {
    // Elsewhere the OS's window layer needs no display opened first.
    #[cfg(not(target_os = "linux"))]
    let _ = data_dir;
    #[cfg(target_os = "linux")]
    if gtk::init().is_err() {
        let lang = crate::api::saved_language(Some(data_dir));
        return Err(crate::api::localize::pick(
            lang,
            "error: no display: the window needs a graphical session (DISPLAY or WAYLAND_DISPLAY). The commands work without one: see `workstation --help`.",
            "erreur : aucun affichage : la fenêtre a besoin d’une session graphique (DISPLAY ou WAYLAND_DISPLAY). Les commandes fonctionnent sans : voir `workstation --help`.",
        )
        .to_string());
    }
    Ok(())
}

/// Deep links that were not the sign-in's answer, since the window started.
static FOREIGN_DEEP_LINKS: crate::logging::Tally = crate::logging::Tally::new();

/// Deep links (`workstation://salesforce/connected?...`) from a cold start or a running
/// instance go to the core, which refuses anything that is not an answer it awaits.
fn setup_deep_links(app: &mut tauri::App, register: bool) -> Result<(), Box<dyn std::error::Error>> {
    use tauri_plugin_deep_link::DeepLinkExt;
    #[cfg(not(any(target_os = "linux", windows)))]
    let _ = register;
    #[cfg(any(target_os = "linux", windows))]
    if register && !scheme_registered_by_package() {
        if let Err(e) = app.deep_link().register_all() {
            tracing::info!(error = %e, "deep-link scheme not registered; the loopback redirect will be used");
        }
    }
    let handle = app.handle().clone();
    let deliver = move |urls: Vec<url::Url>| {
        for url in urls {
            if !url.as_str().starts_with(DEEP_LINK_REDIRECT) {
                // Any web page can open `workstation://` links, as many as it likes: counted.
                if let Some(count) = FOREIGN_DEEP_LINKS.count() {
                    tracing::warn!(
                        count,
                        "ignored deep links that are not ours (said at the 1st, 10th, 100th…)"
                    );
                }
                continue;
            }
            commands::deliver_callback(&handle, url.to_string());
        }
    };
    if let Ok(Some(urls)) = app.deep_link().get_current() {
        deliver(urls);
    }
    app.deep_link().on_open_url(move |event| deliver(event.urls()));
    Ok(())
}

/// True when the app runs from the installed .deb, whose desktop entry already hands
/// `workstation://` links to it: then it writes no per-user handler of its own (the plugin
/// would add one pointing at this same binary on every start).
#[cfg(any(target_os = "linux", windows))]
fn scheme_registered_by_package() -> bool {
    if !cfg!(target_os = "linux") {
        return false;
    }
    let from_package = std::env::current_exe().is_ok_and(|exe| exe.starts_with("/usr/bin"));
    from_package
        && std::fs::read_to_string("/usr/share/applications/Workstation.desktop").is_ok_and(|entry| {
            entry
                .lines()
                .any(|l| l.starts_with("MimeType=") && l.contains("x-scheme-handler/workstation"))
        })
}
