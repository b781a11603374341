//! Settings → General: the French UI and switching language at once, the dark theme, and the
//! smallest window; and what the Salesforce card says of an org near its daily API allocation.

use crate::ui_harness::{journey, journey_in};
use fantoccini::key::Key;

#[test]
fn french_ui_journey() {
    journey_in("fr", "fr_FR.UTF-8", |ui| async move {
        // The OS says French: the first screen is French, Salesforce's terms included.
        ui.wait_js("<html lang=fr>", "return document.documentElement.lang === 'fr'")
            .await?;
        let placeholder = ui
            .js("return document.getElementById('search-input').placeholder")
            .await?;
        assert!(
            placeholder.as_str().is_some_and(|p| p.starts_with("Rechercher :")
                && p.contains("Comptes")
                && p.contains("Tableaux de bord")),
            "French placeholder, got {placeholder}"
        );
        ui.wait_js(
            "the French hint",
            "return document.getElementById('search-status').textContent.startsWith('Saisissez au moins 2 caractères')",
        )
        .await?;
        ui.wait_views_loaded(None).await?;
        ui.wait_js(
            "the widget's French title",
            "return document.getElementById('views-heading').textContent === 'Mes vues CRM'",
        )
        .await?;
        let input = ui.wait_for("#search-input").await?;
        input.send_keys("Acme").await?;
        ui.wait_js(
            "French results for “Acme”, grouped under Salesforce's French labels",
            r#"const s = document.getElementById('search-status').textContent;
               const groups = [...document.querySelectorAll('#search-results [role=group]')].map(g => g.getAttribute('aria-label'));
               return /résultats? pour « Acme »/.test(s) && groups.includes('Comptes') && groups.includes('Opportunités');"#,
        )
        .await?;
        // The core's own messages come in French too: one character is too short.
        for _ in 0..3 {
            input.send_keys(&Key::Backspace.to_string()).await?;
        }
        ui.wait_js(
            "the core's French “too short”",
            "return document.getElementById('search-status').textContent.includes('au moins 2 caractères')",
        )
        .await?;
        input.send_keys(&Key::Escape.to_string()).await?;
        ui.screenshot("fr-home").await?;

        ui.click("#open-settings").await?;
        ui.wait_card("connected").await?;
        ui.wait_js(
            "the French card badge",
            "return document.getElementById('card-state').textContent === 'Connecté'",
        )
        .await?;
        ui.wait_js(
            "“Connecté en tant que Dana Demo”",
            "return document.getElementById('connected-as').textContent === 'Connecté en tant que Dana Demo'",
        )
        .await?;
        ui.screenshot("fr-settings").await?;
        ui.click("#tab-general").await?;
        ui.wait_for("#language-select").await?;
        ui.wait_js(
            "the language setting to say System",
            "return document.getElementById('language-select').value === 'system'",
        )
        .await?;
        ui.screenshot("fr-settings-general").await?;

        // English, at once: no restart.
        ui.choose("#language-select", "en").await?;
        ui.wait_js(
            "everything in English at once",
            r#"return document.documentElement.lang === 'en'
                 && document.getElementById('tab-general').textContent === 'General'
                 && document.getElementById('card-state').textContent === 'Connected'
                 && document.getElementById('search-input').placeholder.startsWith('Search Salesforce —')
                 && document.getElementById('search-status').textContent.startsWith('Type at least 2 characters');"#,
        )
        .await?;
        let saved = ui
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1]; window.__TAURI__.core.invoke('settings').then(done);",
                vec![],
            )
            .await?;
        assert_eq!(
            (saved["language"].as_str(), saved["lang"].as_str()),
            (Some("en"), Some("en")),
            "the choice is saved: {saved}"
        );
        ui.click("#tab-integrations").await?;
        ui.wait_js(
            "“Connected as Dana Demo”",
            "return document.getElementById('connected-as').textContent === 'Connected as Dana Demo'",
        )
        .await?;
        Ok(())
    });
}

#[test]
fn dark_theme_and_a_small_window() {
    journey("theme", |ui| async move {
        ui.wait_views_loaded(None).await?;
        ui.click("#open-settings").await?;
        ui.click("#tab-general").await?;
        ui.choose("#theme-select", "dark").await?;
        ui.wait_js(
            "the dark theme's background",
            r#"return document.documentElement.dataset.theme === 'dark'
                 && getComputedStyle(document.body).backgroundColor === 'rgb(20, 24, 30)'
                 && getComputedStyle(document.getElementById('pane-general')).color === 'rgb(232, 237, 243)';"#,
        )
        .await?;
        ui.click("#close-settings").await?;
        ui.wait_views_loaded(None).await?;
        ui.screenshot("dark-home").await?;
        let saved = ui
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1]; window.__TAURI__.core.invoke('settings').then(done);",
                vec![],
            )
            .await?;
        assert_eq!(saved["theme"], "dark", "the theme is saved: {saved}");

        // The smallest window the app allows: nothing overflows sideways, search stays usable.
        ui.client.set_window_size(640, 480).await?;
        ui.wait_js("a 640 px wide page", "return window.innerWidth <= 640")
            .await?;
        ui.wait_js(
            "a layout that fits 640×480",
            r#"const d = document.documentElement;
               const input = document.getElementById('search-input').getBoundingClientRect();
               const gear = document.getElementById('open-settings').getBoundingClientRect();
               return d.scrollWidth <= window.innerWidth && input.width >= 300 && gear.right <= window.innerWidth;"#,
        )
        .await?;
        // Results streaming in do not push the widget below them.
        let top =
            "return Math.round(document.getElementById('views-widget').getBoundingClientRect().top + window.scrollY)";
        let before = ui.js(top).await?;
        ui.wait_for("#search-input").await?.send_keys("Acme").await?;
        ui.wait_js(
            "results for “Acme”",
            "return /results? for “Acme”/.test(document.getElementById('search-status').textContent)",
        )
        .await?;
        assert_eq!(
            ui.js(top).await?,
            before,
            "My CRM Views stays where it was while results arrive"
        );
        ui.screenshot("small-window").await?;
        ui.client.set_window_size(1100, 760).await?;
        Ok(())
    });
}

/// An org that has used most of its day's API requests (issue 26 item 6): the Salesforce card
/// says the window searches Salesforce less often until the count resets.
#[test]
fn an_org_near_its_daily_api_allocation_is_said_on_the_card() {
    let host = tokio::runtime::Runtime::new().expect("runtime");
    let org = std::sync::Arc::new(host.block_on(async {
        workstation::demo_org::DemoOrg::start(workstation::demo_org::DemoOrgConfig::default())
            .await
            .expect("demo org starts")
    }));
    let policy = crate::common::policy_text(&org.base_url());
    let faults = org.clone();
    crate::ui_harness::journey_with("api-budget", "C.UTF-8", Some(&policy), move |ui| async move {
        ui.sign_in_through_the_card(None).await?;
        ui.wait_card("connected").await?;
        ui.click("#close-settings").await?;
        faults.faults().set_api_usage(12_600); // 84 % of the demo org's 15,000
        ui.wait_for("#search-input").await?.send_keys("Acme").await?;
        ui.wait_js("Salesforce's answer", "return !!document.getElementById('result-0')")
            .await?;
        ui.click("#open-settings").await?;
        let said = ui
            .wait_js(
                "the card to say the allocation is nearly spent",
                "const p = document.getElementById('api-budget'); return p ? p.textContent : false;",
            )
            .await?;
        assert!(said.as_str().is_some_and(|s| s.contains('%')), "{said}");
        ui.screenshot("card-api-budget").await
    });
}
