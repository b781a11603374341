//! The quick-search palette (#16 item 9): the system-wide shortcut — pressed for real, with
//! xdotool on the X display the app runs on — shows a small window of its own with the box
//! focused; before the first keystroke it lists the pinned records, then those opened lately;
//! typing searches as the main box does, and only the palette hears its answers; Enter opens
//! the record and hides it; Escape and a second press hide it. Pin and Unpin are in the result
//! actions of both windows. Screenshots in English and French, light and dark.

use crate::ui_harness::{journey, journey_in, Ui, R};
use fantoccini::key::Key;

/// The palette's window is shown, its page visible and its box focused.
const SHOWN: &str = "return document.visibilityState === 'visible' && document.hasFocus() \
    && document.activeElement && document.activeElement.id === 'search-input' && !!window.__paletteShown";

/// The palette's first list: [section, [headlines]] per group.
const SECTIONS: &str = r#"return [...document.querySelectorAll('#search-results [data-section]')].map(ul =>
    [ul.dataset.section, [...ul.querySelectorAll('li.result .title')].map(t => t.firstChild.textContent)])"#;

const MAIN_RESULTS: &str = "return document.querySelectorAll('#search-results li.result').length";

/// Opens “Acme Labs” from the main window (a recent record) and pins “Nordic Acme Traders” from
/// its result actions (Ctrl+. then Pin). Returns the URL “Acme Labs” opened at.
async fn open_one_and_pin_another(ui: &Ui) -> R<String> {
    ui.wait_js(
        "the demo org to be connected",
        "return document.getElementById('salesforce-card').dataset.state === 'connected'",
    )
    .await?;
    let input = ui.wait_for("#search-input").await?;
    input.send_keys("Acme Labs").await?;
    ui.wait_js(
        "Salesforce's answer for “Acme Labs”",
        r#"return /results? for “Acme Labs”|résultats? pour « Acme Labs »/.test(document.getElementById('search-status').textContent)"#,
    )
    .await?;
    input.send_keys(&Key::Enter.to_string()).await?;
    let opened = ui.wait_opened(1).await?;
    input.send_keys(&Key::Escape.to_string()).await?;
    input.send_keys("Nordic").await?;
    ui.wait_js(
        "Salesforce's answer for “Nordic” with Nordic Acme Traders first",
        r#"const t = document.querySelector('#result-0 .title');
           return /“Nordic”|« Nordic »/.test(document.getElementById('search-status').textContent)
               && t && t.firstChild.textContent === 'Nordic Acme Traders';"#,
    )
    .await?;
    input.send_keys(&format!("{}.", Key::Control)).await?;
    ui.wait_focus("the result actions menu", "action-open").await?;
    ui.click("#action-pin").await?;
    ui.wait_js(
        "the pinned mark on Nordic Acme Traders",
        "return document.querySelector('#result-0.pinned') !== null",
    )
    .await?;
    Ok(opened[0].clone())
}

/// Presses the shortcut and waits for the palette, switched to; returns how long the app took
/// from handling the shortcut to painting the focused box, as the page measured it.
async fn show_palette(ui: &Ui) -> R<f64> {
    // Xvfb has no window manager: now and then the X focus leaves a window just shown for good
    // (to whatever the keyboard reverts to), and the palette, having lost it, rightly hides. A
    // person's desktop gives the focus to the window it maps; here the press is tried again
    // when that happened (shown and painted, then hidden), at most three times.
    for attempt in 1..=3 {
        ui.press_shortcut().await?;
        let palette = ui.palette_window().await?;
        ui.client.switch_to_window(palette).await?;
        let Err(e) = ui.wait_js("the palette shown with its box focused", SHOWN).await else {
            break;
        };
        let now = ui
            .js("return [document.visibilityState, document.hasFocus(), document.activeElement && document.activeElement.id, window.__paletteShown]")
            .await?;
        let hidden_after_showing = now[0] == "hidden" && !now[3].is_null();
        if attempt == 3 || !hidden_after_showing {
            return Err(format!("{e} (visibility, focus, focused element, shown: {now})").into());
        }
        eprintln!("palette: shown then hidden by a focus loss (no window manager); pressing again");
        ui.js("window.__paletteShown = null; return true").await?;
    }
    let took = ui
        .js("return window.__paletteShown.paintedAt - window.__paletteShown.pressedAt")
        .await?;
    Ok(took.as_f64().unwrap_or(f64::NAN))
}

async fn wait_hidden(ui: &Ui, why: &str) -> R {
    ui.wait_js(why, "return document.visibilityState === 'hidden'").await?;
    // Shown again only by the shortcut: the next show sets it anew.
    ui.js("window.__paletteShown = null; return true").await?;
    Ok(())
}

async fn type_in_palette(ui: &Ui, text: &str, status: &str) -> R {
    ui.wait_for("#search-input").await?.send_keys(text).await?;
    ui.wait_js(
        &format!("the palette's answer for {text}"),
        &format!("return /{status}/.test(document.getElementById('search-status').textContent) && !!document.getElementById('result-0')"),
    )
    .await?;
    Ok(())
}

/// The palette's screenshots, light and dark, empty (pins and recent) and with results; the
/// palette is shown and empty when called, and hidden when it returns.
async fn screenshots(ui: &Ui, lang: &str, status: &str) -> R {
    for theme in ["light", "dark"] {
        ui.client.switch_to_window(ui.main.clone()).await?;
        ui.js(&format!(
            "window.__TAURI__.core.invoke('settings', {{ update: {{ theme: '{theme}' }} }}); return true"
        ))
        .await?;
        show_palette(ui).await?;
        ui.wait_js(
            "the palette in the theme",
            &format!("return document.documentElement.dataset.theme === '{theme}' && document.querySelector('[data-section=pinned]') !== null"),
        )
        .await?;
        // A toast of an earlier step would linger over the list.
        ui.js("document.querySelectorAll('.toast').forEach(t => t.remove()); return true")
            .await?;
        ui.screenshot(&format!("palette-{lang}-{theme}-empty")).await?;
        type_in_palette(ui, "acme", status).await?;
        ui.screenshot(&format!("palette-{lang}-{theme}-results")).await?;
        ui.active_keys(&Key::Escape.to_string()).await?;
        wait_hidden(ui, "Escape to hide the palette").await?;
    }
    Ok(())
}

#[test]
fn the_shortcut_shows_a_palette_that_lists_pins_and_recent_records_searches_and_opens() {
    let axe = crate::a11y::axe_source();
    journey("palette", move |ui| async move {
        let acme_labs = open_one_and_pin_another(&ui).await?;
        let main_status = ui
            .js("return document.getElementById('search-status').textContent")
            .await?;
        let main_count = ui.js(MAIN_RESULTS).await?;

        // The shortcut: the palette, its box focused, pinned records first, then recent ones.
        let took = show_palette(&ui).await?;
        eprintln!("palette: shortcut handled → focused box painted in {took} ms");
        ui.wait_js(
            "the palette's first list",
            "return document.querySelector('[data-section=recent]') !== null",
        )
        .await?;
        assert_eq!(
            ui.js(SECTIONS).await?,
            serde_json::json!([["pinned", ["Nordic Acme Traders"]], ["recent", ["Acme Labs"]]]),
            "pinned first, then the record opened lately"
        );
        assert_eq!(
            ui.js("return [...document.querySelectorAll('#search-results .group-label')].map(g => g.textContent)")
                .await?,
            serde_json::json!(["Pinned", "Recent"])
        );
        let mut problems = ui.audit(&axe, "palette-start").await?;

        // Typing searches as the main box does; ↓ to Acme Labs, Enter opens it and hides the palette.
        type_in_palette(&ui, "acme", "results? for “acme”").await?;
        problems.extend(ui.audit(&axe, "palette-results").await?);
        let input = ui.wait_for("#search-input").await?;
        for _ in 0..6 {
            let active = ui
                .js("const a = document.getElementById(document.getElementById('search-input').getAttribute('aria-activedescendant')); return a ? a.querySelector('.title').firstChild.textContent : null")
                .await?;
            if active == "Acme Labs" {
                break;
            }
            input.send_keys(&Key::Down.to_string()).await?;
        }
        input.send_keys(&Key::Enter.to_string()).await?;
        let opened = ui.wait_opened(2).await?;
        assert_eq!(opened[1], acme_labs, "Enter opened the record chosen in the palette");
        wait_hidden(&ui, "the palette to hide once the record opened").await?;

        // The palette's answers never reached the main window, whose search stays as it was.
        ui.client.switch_to_window(ui.main.clone()).await?;
        assert_eq!(
            ui.js("return document.getElementById('search-status').textContent")
                .await?,
            main_status,
            "the main window heard nothing of the palette's search"
        );
        assert_eq!(ui.js(MAIN_RESULTS).await?, main_count);

        // Shown again: a fresh start. Escape hides it; so does a second press of the shortcut.
        show_palette(&ui).await?;
        assert_eq!(ui.js("return document.getElementById('search-input').value").await?, "");
        ui.wait_js(
            "the first list again",
            "return document.querySelector('[data-section=pinned]') !== null",
        )
        .await?;
        ui.active_keys(&Key::Escape.to_string()).await?;
        wait_hidden(&ui, "Escape to hide the palette").await?;
        show_palette(&ui).await?;
        ui.press_shortcut().await?;
        wait_hidden(&ui, "a second press to hide the palette").await?;

        // Unpin from the palette's own result actions: the mark goes in the main window too.
        show_palette(&ui).await?;
        ui.wait_js(
            "the pinned record selected",
            "return document.querySelector('#result-0[aria-selected=true]') !== null",
        )
        .await?;
        ui.active_keys(&format!("{}.", Key::Control)).await?;
        ui.wait_js(
            "Unpin offered",
            "return document.getElementById('action-pin').textContent === 'Unpin'",
        )
        .await?;
        ui.click("#action-pin").await?;
        ui.wait_js(
            "the pinned section gone",
            "return document.querySelector('[data-section=pinned]') === null && document.querySelector('[data-section=recent]') !== null",
        )
        .await?;
        ui.active_keys(&Key::Escape.to_string()).await?;
        wait_hidden(&ui, "Escape to hide the palette").await?;
        ui.client.switch_to_window(ui.main.clone()).await?;
        ui.wait_js(
            "the main window's pinned mark gone",
            "return document.querySelector('#search-results .pinned') === null",
        )
        .await?;

        // Pinned again for the screenshots, from the main window.
        ui.wait_for("#search-input")
            .await?
            .send_keys(&format!("{}.", Key::Control))
            .await?;
        ui.wait_focus("the result actions menu", "action-open").await?;
        ui.click("#action-pin").await?;
        ui.wait_js(
            "pinned again",
            "return document.querySelector('#result-0.pinned') !== null",
        )
        .await?;
        screenshots(&ui, "en", "results? for “acme”").await?;
        assert!(
            problems.is_empty(),
            "serious or critical accessibility violations (details in test-artifacts/axe-*.json):\n{}",
            problems.join("\n")
        );
        Ok(())
    });
}

#[test]
fn the_palette_in_french() {
    journey_in("palette-fr", "fr_FR.UTF-8", |ui| async move {
        open_one_and_pin_another(&ui).await?;
        show_palette(&ui).await?;
        ui.wait_js(
            "the palette's first list",
            "return document.querySelector('[data-section=recent]') !== null",
        )
        .await?;
        assert_eq!(
            ui.js("return [...document.querySelectorAll('#search-results .group-label')].map(g => g.textContent)")
                .await?,
            serde_json::json!(["Épinglés", "Récents"])
        );
        ui.active_keys(&Key::Escape.to_string()).await?;
        wait_hidden(&ui, "Escape to hide the palette").await?;
        screenshots(&ui, "fr", "résultats? pour « acme »").await?;
        Ok(())
    });
}

/// Not connected: the palette says what to do and hands over to Settings → Integrations in the
/// main window.
#[test]
fn without_a_connection_the_palette_sends_you_to_settings() {
    journey("palette-not-connected", |ui| async move {
        ui.wait_js(
            "the demo org to be connected",
            "return document.getElementById('salesforce-card').dataset.state === 'connected'",
        )
        .await?;
        // Security review D9: the main window stays on the app's own pages, whatever a page
        // asks (a web address, a file).
        for target in ["https://example.com/", "file:///etc/hostname"] {
            ui.js(&format!(
                "setTimeout(() => {{ window.location.href = '{target}'; }}, 0); return true"
            ))
            .await?;
            tokio::time::sleep(std::time::Duration::from_millis(700)).await;
            let here = ui
                .js("return [location.host, !!document.getElementById('search-input')]")
                .await?;
            assert_eq!(
                here[1],
                serde_json::json!(true),
                "still the app's page after asking for {target}: {here}"
            );
        }
        ui.click("#open-settings").await?;
        ui.click("#card-disconnect").await?;
        ui.wait_card("not_connected").await?;
        show_palette(&ui).await?;
        ui.wait_js(
            "what to do",
            "return /Connect Salesforce in Settings/.test(document.getElementById('search-status').textContent) && !document.getElementById('palette-connect').hidden",
        )
        .await?;
        ui.screenshot("palette-not-connected").await?;
        // Security review D8: the palette reads its language, theme and words, and may change
        // no setting nor read the e-mail, shortcut or paths (`settings` is the main window's).
        let asked = ui
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1]; const invoke = window.__TAURI__.core.invoke;
                 Promise.allSettled([invoke('preferences'), invoke('settings', { update: { theme: 'dark' } }), invoke('settings')])
                   .then((r) => done(r.map((x) => x.status === 'fulfilled' ? Object.keys(x.value).sort() : 'refused')));",
                vec![],
            )
            .await?;
        assert_eq!(
            asked,
            serde_json::json!([["lang", "theme", "vocabulary"], "refused", "refused"]),
            "the palette's grant"
        );
        // The palette hides in answer to the click: clicked from the page, not by WebDriver.
        ui.click_closing_window("#palette-open-integrations").await?;
        wait_hidden(&ui, "the palette to give way to the main window").await?;
        ui.client.switch_to_window(ui.main.clone()).await?;
        ui.wait_js(
            "Settings → Integrations shown",
            "return !document.getElementById('settings').hidden && document.getElementById('tab-integrations').getAttribute('aria-selected') === 'true'",
        )
        .await?;
        Ok(())
    });
}
