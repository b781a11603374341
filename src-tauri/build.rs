/// Every command the UI may call (src-tauri/src/desktop/mod.rs `generate_handler!`). With an
/// app manifest, Tauri checks app commands against the capabilities too: a command is callable
/// only from a window that a capability grants its `allow-…` permission
/// (capabilities/default.json: the main window; capabilities/palette.json: the quick-search
/// palette, with only what it uses). Any other webview — the demo org's login
/// window shows a web page — gets no IPC at all. A command missing here cannot be invoked.
const COMMANDS: &[&str] = &[
    "card",
    "connect",
    "cancel_connect",
    "disconnect",
    "search_input",
    "search_more",
    "open_result",
    "open_url",
    "view_types",
    "refresh_view_types",
    "object_views",
    "views_editor",
    "save_views",
    "view_records",
    "settings",
    "set_identity",
    "set_shortcut",
    "preferences",
    "palette_records",
    "pinned_records",
    "set_pinned",
    "hide_palette",
    "open_integrations",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("the Tauri configuration, capabilities and permissions are valid");
}
