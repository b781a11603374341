//! Where the app's own windows may go: their bundled pages and nothing else (security review
//! D9). A page that went wrong, or was made to, cannot take the main window or the palette —
//! which hold the app's commands — to a web page of its choosing; links to Salesforce open in
//! the browser through `open_url`, checked. The demo org's login window shows a web page and
//! has its own guard (`commands::open_demo_login`).

use std::sync::atomic::{AtomicU64, Ordering};
use tauri::plugin::{Builder, TauriPlugin};
use tauri::Runtime;
use url::Url;

/// Refused navigations, counted: a page that tries again and again writes one log line, not
/// one per try (the log is bounded, and a page must not fill it).
static REFUSED: AtomicU64 = AtomicU64::new(0);

/// The guard, as a plugin: Tauri asks every webview's plugins before each navigation.
pub fn guard<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("navigation-guard")
        .on_navigation(|webview, url| {
            if !guarded(webview.label()) || is_bundled_page(url) {
                return true;
            }
            if REFUSED.fetch_add(1, Ordering::Relaxed) == 0 {
                tracing::warn!(
                    window = webview.label(),
                    "a navigation away from the app's pages was refused (later ones are not logged)"
                );
            }
            false
        })
        .build()
}

/// The windows that show the app's own pages: the main window and the palette.
fn guarded(label: &str) -> bool {
    matches!(label, "main" | super::palette::LABEL)
}

/// A page of the bundled UI, as each platform's webview addresses it: `tauri://localhost` on
/// Linux and macOS, `http(s)://tauri.localhost` on Windows (Tauri's custom protocol there).
fn is_bundled_page(url: &Url) -> bool {
    let bare = url.username().is_empty() && url.password().is_none() && url.port().is_none();
    let host = url.host_str();
    bare && match url.scheme() {
        "tauri" => host == Some("localhost"),
        "http" | "https" => host == Some("tauri.localhost"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_bundled_pages_are_the_apps() {
        let page = |u: &str| is_bundled_page(&Url::parse(u).expect(u));
        for ours in [
            "tauri://localhost",
            "tauri://localhost/index.html",
            "tauri://localhost/palette.html#x",
            "http://tauri.localhost/index.html",
            "https://tauri.localhost/",
        ] {
            assert!(page(ours), "{ours}");
        }
        for other in [
            "https://example.com/",
            "https://acme.lightning.force.com/lightning/r/Account/001/view",
            "http://127.0.0.1:1234/",
            "tauri://evil.example/",
            "http://tauri.localhost.evil.example/",
            "http://tauri.localhost:8080/",
            "http://user@tauri.localhost/",
            "file:///etc/passwd",
            "data:text/html,<p>hi</p>",
            "javascript:alert(1)",
            "workstation://salesforce/connected?code=x",
        ] {
            assert!(!page(other), "{other}");
        }
        assert!(guarded("main") && guarded("palette") && !guarded("salesforce-login"));
    }
}
