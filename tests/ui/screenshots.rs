//! The screenshots in docs/screenshots/: the window's states from issue 16 in English and
//! French, light and dark, taken from the real window against the demo org. Not a test (it
//! asserts only that each state appears): run it when the UI changes, then look at the files.
//!
//!     xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
//!       cargo test --test ui -- --ignored docs_screenshots --test-threads=1

use crate::ui_harness::{journey_in, Ui, R};
use fantoccini::key::Key;
use serde_json::json;
use std::path::PathBuf;

#[test]
#[ignore = "writes docs/screenshots/; run on demand"]
fn docs_screenshots_en_light() {
    journey_in("docs-en-light", "C.UTF-8", |ui| states(ui, "en", "light"));
}

#[test]
#[ignore = "writes docs/screenshots/; run on demand"]
fn docs_screenshots_en_dark() {
    journey_in("docs-en-dark", "C.UTF-8", |ui| states(ui, "en", "dark"));
}

#[test]
#[ignore = "writes docs/screenshots/; run on demand"]
fn docs_screenshots_fr_light() {
    journey_in("docs-fr-light", "fr_FR.UTF-8", |ui| states(ui, "fr", "light"));
}

#[test]
#[ignore = "writes docs/screenshots/; run on demand"]
fn docs_screenshots_fr_dark() {
    journey_in("docs-fr-dark", "fr_FR.UTF-8", |ui| states(ui, "fr", "dark"));
}

fn file(state: &str, lang: &str, theme: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("docs/screenshots")
        .join(format!("{state}-{lang}-{theme}.png"))
}

async fn typed(ui: &Ui, text: &str) -> R {
    ui.js("const i = document.getElementById('search-input'); i.value = ''; i.dispatchEvent(new Event('input')); return true;")
        .await?;
    ui.wait_for("#search-input").await?.send_keys(text).await?;
    Ok(())
}

async fn states(ui: Ui, lang: &str, theme: &str) -> R {
    let shot = |state: &'static str| file(state, lang, theme);
    ui.client.set_window_size(1280, 800).await?;
    // The theme, from Settings → General; the language comes from the OS locale.
    ui.click("#open-settings").await?;
    ui.click("#tab-general").await?;
    ui.choose("#theme-select", theme).await?;
    ui.screenshot_to(&shot("settings-general")).await?;
    ui.click("#close-settings").await?;
    ui.wait_views_loaded(None).await?;

    // Search: results grouped, a group's More, the actions on a result.
    typed(&ui, "Smith").await?;
    ui.wait_js(
        "results for Smith",
        "return document.querySelectorAll('#search-results li.result').length > 10",
    )
    .await?;
    ui.screenshot_to(&shot("search-results")).await?;
    ui.js("document.querySelector('#search-results .more')?.click(); return true;")
        .await?;
    ui.wait_js(
        "a grown group",
        "return document.querySelectorAll('#search-results li.result[data-object=Contact]').length > 5",
    )
    .await?;
    ui.screenshot_to(&shot("search-more")).await?;
    ui.active_keys(&format!("{}{}", Key::Control, ".")).await?;
    ui.wait_js(
        "the result actions menu",
        "return !!document.querySelector('[role=menu]:not([hidden])')",
    )
    .await?;
    ui.screenshot_to(&shot("result-actions")).await?;
    ui.active_keys(&Key::Escape.to_string()).await?;

    // A slow Salesforce: progress, then "still waiting" with Cancel.
    ui.demo_faults(json!({ "latency_ms": 4500 })).await?;
    typed(&ui, "Acme").await?;
    ui.wait_js(
        "still waiting",
        "return !!document.querySelector('#search-actions button')",
    )
    .await?;
    ui.screenshot_to(&shot("search-still-waiting")).await?;
    ui.click("#search-actions button").await?;
    ui.demo_faults(json!({ "latency_ms": 0 })).await?;
    typed(&ui, "Acme").await?;
    ui.wait_js(
        "results for Acme",
        "return document.querySelectorAll('#search-results li.result').length > 0",
    )
    .await?;

    // My CRM Views: sorted by a column, and the editor.
    ui.wait_views_loaded(None).await?;
    ui.js("(document.querySelector('#views-content thead th:nth-child(3) button') || document.querySelector('#views-content thead th button'))?.click(); return true;")
        .await?;
    ui.wait_js(
        "a sorted list view",
        "return !!document.querySelector('#views-content thead th:nth-child(3)[aria-sort]') && !document.querySelector('#views-content thead th button:disabled')",
    )
    .await?;
    ui.screenshot_to(&shot("views-sorted")).await?;
    ui.click("#views-type-button").await?;
    ui.click("#views-edit").await?;
    ui.wait_for("#views-editor:not([hidden])").await?;
    ui.screenshot_to(&shot("views-editor")).await?;
    ui.active_keys(&Key::Escape.to_string()).await?;

    // 360 px wide: one column. The desktop window keeps its minimum (640×480): the page is
    // held to 360 CSS px inside it, as tests/ui/views_layout.rs does.
    ui.client.set_window_size(640, 480).await?;
    ui.wait_js("the smallest window", "return window.innerWidth <= 640")
        .await?;
    ui.js("document.body.style.width = '360px'; window.scrollTo(0, 0); return true")
        .await?;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    ui.screenshot_to(&shot("narrow")).await?;
    ui.js("document.body.style.width = ''; return true").await?;
    ui.client.set_window_size(1280, 800).await?;

    // Not connected: the home says what to do.
    ui.click("#open-settings").await?;
    ui.click("#tab-integrations").await?;
    ui.click("#card-disconnect").await?;
    ui.wait_card("not_connected").await?;
    ui.screenshot_to(&shot("card-not-connected")).await?;
    ui.click("#close-settings").await?;
    ui.wait_for("#home-open-integrations:not([hidden])").await?;
    ui.screenshot_to(&shot("home-not-connected")).await?;
    Ok(())
}
