//! The real window, driven like a user would: `workstation --demo` started by tauri-driver
//! (which proxies to WebKitWebDriver) and clicked through with fantoccini. One journey per
//! test, each against its own app, demo org, data folder and home folder. Screenshots land in
//! `test-artifacts/ui-<name>.png`.
//!
//! Needs an X display (CI: `xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- cargo
//! test --test ui`), `tauri-driver` (`cargo install tauri-driver --locked`) and `WebKitWebDriver`
//! (Debian: webkit2gtk-driver). Without a display the tests fail, unless
//! `WORKSTATION_SKIP_UI_TESTS=1` says to skip them.

// The launcher and the page helpers; some of them only the benchmarks use.
#[allow(dead_code)]
mod ui_harness;

use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;
use ui_harness::*;

// ------------------------------------------------------------------------------ journeys

#[test]
fn home_screen_against_the_demo_org() {
    journey("home", |ui| async move {
        assert_eq!(ui.client.title().await?, "Workstation", "the main window shows the app");
        ui.wait_for("#search-input").await?;
        ui.wait_focus("the search box to have the focus", "search-input")
            .await?;
        ui.wait_js(
            "the Salesforce card to have a state",
            "return document.getElementById('salesforce-card').dataset.state === 'connected'",
        )
        .await?;
        ui.wait_js(
            "Settings to be hidden",
            "return document.getElementById('settings').offsetParent === null",
        )
        .await?;
        let label = ui.wait_views_loaded(None).await?;
        assert!(
            !label.is_empty() && label != "—",
            "#views-type-label shows an object type, got {label:?}"
        );
        let sections = ui.view_sections().await?;
        assert!(!sections.is_empty(), "at least one list view is shown");
        assert!(
            sections.iter().all(|s| s.rows > 0),
            "every shown list view has records: {sections:?}"
        );
        ui.screenshot("home").await?;

        // The painting choice made at start reached WebKit's web process.
        use workstation::desktop::painting::{choose, Painting, CPU_PAINTING_VAR};
        let runner_value = std::env::var_os(CPU_PAINTING_VAR);
        let expected = match choose(Path::new("/dev/dri"), runner_value.as_deref()) {
            Painting::CpuNoGpu => Some("1".to_string()),
            Painting::Gpu => None,
            Painting::AsTheUserSet => runner_value.map(|v| v.to_string_lossy().into_owned()),
        };
        let data_dir = ui
            .app_env
            .iter()
            .find(|(k, _)| k == "WORKSTATION_DATA_DIR")
            .ok_or("no data dir")?;
        let ours = format!("WORKSTATION_DATA_DIR={}", data_dir.1.display());
        let web_processes: Vec<Vec<String>> = std::fs::read_dir("/proc")?
            .filter_map(Result::ok)
            .filter(|p| std::fs::read_to_string(p.path().join("comm")).is_ok_and(|c| c.starts_with("WebKitWebProces")))
            .filter_map(|p| std::fs::read(p.path().join("environ")).ok())
            .map(|env| {
                env.split(|b| *b == 0)
                    .map(|v| String::from_utf8_lossy(v).into_owned())
                    .collect::<Vec<_>>()
            })
            .filter(|env| env.contains(&ours))
            .collect();
        assert!(!web_processes.is_empty(), "a web process for this window");
        let prefix = format!("{CPU_PAINTING_VAR}=");
        for env in &web_processes {
            let got = env.iter().find_map(|v| v.strip_prefix(&prefix).map(str::to_string));
            assert_eq!(got, expected, "{CPU_PAINTING_VAR} in the web process");
        }
        Ok(())
    });
}

#[test]
fn search_journey() {
    journey("search", |ui| async move {
        let input = ui.wait_for("#search-input").await?;
        input.send_keys("Acme").await?;
        // Salesforce's answer (not only the instant results), with several object types.
        ui.wait_js(
            "results for “Acme” from at least 3 object types",
            r#"const s = document.getElementById('search-status').textContent;
               const types = new Set([...document.querySelectorAll('#search-results li.result')].map(li => li.dataset.object));
               return /results? for “Acme”/.test(s) && types.size >= 3 && document.querySelectorAll('#search-results [role=group]').length >= 3;"#,
        )
        .await?;
        ui.screenshot("search-results").await?;
        assert_eq!(
            ui.selected_result().await?,
            Some(0),
            "the first result is selected at first"
        );

        input.send_keys(&Key::Down.to_string()).await?;
        ui.wait_js(
            "ArrowDown to select the second result",
            "return document.getElementById('result-1').getAttribute('aria-selected') === 'true'",
        )
        .await?;
        input.send_keys(&Key::Down.to_string()).await?;
        ui.wait_js(
            "ArrowDown to select the third result",
            "return document.getElementById('result-2').getAttribute('aria-selected') === 'true'",
        )
        .await?;
        assert_eq!(
            ui.selected_result().await?,
            Some(2),
            "exactly one result is selected, the third"
        );
        let object = ui
            .js("return document.getElementById('result-2').dataset.object")
            .await?;
        let object = object.as_str().unwrap_or_default().to_string();
        let sobject = if object == "File" {
            "ContentDocument"
        } else {
            object.as_str()
        };

        input.send_keys(&Key::Enter.to_string()).await?;
        let url = ui.wait_opened(1).await?.remove(0);
        let path = url::Url::parse(&url)?.path().to_string();
        let parts: Vec<&str> = path.split('/').collect();
        assert!(
            parts.len() == 6
                && parts[1] == "lightning"
                && parts[2] == "r"
                && parts[3] == sobject
                && !parts[4].is_empty()
                && parts[5] == "view",
            "Enter opened the selected {object} as /lightning/r/{sobject}/<id>/view, got {url}"
        );

        // Back to one character: too short to search.
        for _ in 0..3 {
            input.send_keys(&Key::Backspace.to_string()).await?;
        }
        ui.wait_js(
            "the status to ask for at least 2 characters",
            r#"return document.getElementById('search-input').value === 'A'
                && document.getElementById('search-status').textContent.includes('at least 2 characters')
                && document.querySelectorAll('#search-results li.result').length === 0;"#,
        )
        .await?;
        ui.screenshot("search-too-short").await?;

        input.send_keys("cm").await?;
        ui.wait_js(
            "results for “Acm”",
            "return document.querySelectorAll('#search-results li.result').length > 0",
        )
        .await?;
        input.send_keys(&Key::Escape.to_string()).await?;
        ui.wait_js(
            "Escape to clear the box and the results",
            r#"return document.getElementById('search-input').value === ''
                && document.querySelectorAll('#search-results li').length === 0
                && document.getElementById('search-input').getAttribute('aria-expanded') === 'false';"#,
        )
        .await?;
        assert_eq!(ui.opened_urls()?.len(), 1, "nothing else was opened");
        Ok(())
    });
}

#[test]
fn views_edit_journey() {
    journey("views", |ui| async move {
        ui.wait_views_loaded(None).await?;
        // The dropdown switches the widget to Leads.
        ui.click("#views-type-button").await?;
        ui.click_text("#views-type-menu button", "Lead").await?;
        ui.wait_views_loaded(Some("Lead")).await?;
        // The menu marks the type shown, and opens on it.
        ui.click("#views-type-button").await?;
        ui.wait_js(
            "the menu to mark Lead and focus it",
            r#"const m = [...document.querySelectorAll('#views-type-menu [aria-checked="true"]')];
               return m.length === 1 && m[0].dataset.object === 'Lead' && document.activeElement === m[0];"#,
        )
        .await?;
        ui.active_keys(&Key::Escape.to_string()).await?;
        let before = ui.view_sections().await?;
        assert_eq!(before.len(), 1, "one Lead list view is enabled at first: {before:?}");

        // Cancel changes nothing.
        let editor = ui.open_lead_editor().await?;
        let second = editor.pick_second()?;
        ui.toggle(&second, true).await?;
        ui.click("#views-cancel").await?;
        ui.wait_views_loaded(Some("Lead")).await?;
        assert_eq!(
            ids(&ui.view_sections().await?),
            ids(&before),
            "Cancel kept the enabled list views"
        );

        // Enable a second one and Save.
        let editor = ui.open_lead_editor().await?;
        assert_eq!(
            editor.enabled(),
            ids(&before),
            "the editor starts from the saved choice, not the cancelled draft"
        );
        ui.toggle(&second, true).await?;
        let locked = ui.lead_editor_state().await?;
        let third = locked
            .views
            .iter()
            .find(|v| !v.checked)
            .ok_or("a third list view is offered")?;
        assert!(third.disabled, "with two enabled, {third:?} cannot be enabled too");
        assert!(!third.locked.trim().is_empty(), "{third:?} says why it is locked");
        let element = ui.client.find(Locator::Id(&format!("toggle-{}", third.id))).await?;
        assert!(
            !element.is_enabled().await?,
            "WebDriver sees the third checkbox disabled too"
        );
        ui.screenshot("views-editor").await?;

        ui.click("#views-save").await?;
        ui.wait_js(
            "two Lead list views with records after Save",
            r#"const s = [...document.querySelectorAll('#views-content section.view-section')];
               return document.getElementById('views-type-label').textContent === 'Lead'
                 && !document.getElementById('views-content').hidden
                 && s.length === 2 && s.every(x => x.querySelectorAll('tbody tr').length > 0);"#,
        )
        .await?;
        let after = ui.view_sections().await?;
        let mut expected = ids(&before);
        expected.push(second.clone());
        expected.sort();
        let mut got = ids(&after);
        got.sort();
        assert_eq!(got, expected, "the saved choice is shown: {after:?}");
        assert_ne!(ids(&after), ids(&before), "the widget changed");
        assert!(
            after.iter().all(|s| s.title.contains("record")),
            "each list view says how many records it has: {after:?}"
        );
        ui.screenshot("views-after-save").await?;

        // A row opens its record in the browser from the keyboard (the core lets only the org's
        // pages through).
        let row = ui
            .client
            .find(Locator::Css("#views-content section.view-section tbody tr"))
            .await?;
        row.send_keys(&Key::Enter.to_string()).await?;
        let url = ui.wait_opened(1).await?.remove(0);
        let path = url::Url::parse(&url)?.path().to_string();
        assert!(
            path.starts_with("/lightning/r/Lead/00Q") && path.ends_with("/view"),
            "the row opened its Lead record page, got {url}"
        );
        Ok(())
    });
}

#[test]
fn a_list_view_page_that_fails_keeps_what_was_shown_and_can_be_retried() {
    journey("views-retry", |ui| async move {
        ui.wait_views_loaded(None).await?;
        let card = ui.card().await?;
        let org = card["user"]["instance_url"]
            .as_str()
            .ok_or("the card has no instance URL")?
            .to_string();
        let faults = |body: serde_json::Value| {
            let (http, url) = (reqwest::Client::new(), format!("{org}/__demo/faults"));
            async move { http.post(url).json(&body).send().await?.error_for_status().map(|_| ()) }
        };
        let rows_script = "return [...document.querySelector('#views-content section.view-section').querySelectorAll('tbody tr')].map(tr => tr.textContent)";
        let first_page = ui.js(rows_script).await?;
        assert!(first_page.as_array().is_some_and(|r| !r.is_empty()), "{first_page}");

        faults(json!({ "server_error": 503 })).await?;
        ui.click_text("#views-content section.view-section .pager button", "Next")
            .await?;
        ui.wait_js(
            "the error and its Retry button under the page still shown",
            r#"const s = document.querySelector('#views-content section.view-section');
               return !!s.querySelector('.status.error button.retry') && s.querySelectorAll('tbody tr').length > 0
                 && s.getAttribute('aria-busy') === null;"#,
        )
        .await?;
        assert_eq!(ui.js(rows_script).await?, first_page, "the page shown stayed");
        ui.screenshot("views-page-error").await?;

        faults(json!({ "clear": true })).await?;
        ui.click("#views-content section.view-section .status.error button.retry")
            .await?;
        ui.wait_js(
            "the next page, and no error",
            &format!(
                r#"const s = document.querySelector('#views-content section.view-section');
                   const rows = [...s.querySelectorAll('tbody tr')].map(tr => tr.textContent);
                   return !s.querySelector('.status.error') && rows.length > 0
                     && JSON.stringify(rows) !== JSON.stringify({first_page});"#
            ),
        )
        .await?;
        Ok(())
    });
}

#[test]
fn list_view_amounts_and_dates_are_shown_the_readers_way() {
    journey("views-formats", |ui| async move {
        ui.wait_views_loaded(None).await?;
        ui.click("#views-type-button").await?;
        ui.click_text("#views-type-menu button", "Opportunity").await?;
        ui.wait_views_loaded(Some("Opportunity")).await?;
        // Salesforce sends `11250` and `2027-01-04`; the reader sees 11,250.00 and Jan 4, 2027.
        let cells = ui
            .js(
                r#"const s = document.querySelector('#views-content section.view-section');
                   const heads = [...s.querySelectorAll('thead th')].map(th => th.textContent);
                   const row = s.querySelector('tbody tr');
                   const cell = (label) => row.children[heads.indexOf(label)];
                   return { amount: cell('Amount').textContent, amountClass: cell('Amount').className,
                            date: cell('Close Date').textContent };"#,
            )
            .await?;
        let amount = cells["amount"].as_str().unwrap_or_default();
        assert!(
            amount.contains('.') && amount.split('.').nth(1).is_some_and(|d| d.len() == 2) && !amount.contains('-'),
            "an amount with two decimals: {cells}"
        );
        assert!(
            amount.len() <= 3 + 4 || amount.contains(','),
            "grouped thousands: {cells}"
        );
        assert_eq!(cells["amountClass"], "num", "amounts are right-aligned: {cells}");
        let date = cells["date"].as_str().unwrap_or_default();
        assert!(
            !date.is_empty() && !date.chars().take(4).all(|c| c.is_ascii_digit()),
            "a date as people write it, not ISO: {cells}"
        );
        ui.screenshot("views-formats").await?;
        Ok(())
    });
}

#[test]
fn connect_journey_through_the_card() {
    journey("connect", |ui| async move {
        ui.click("#open-settings").await?;
        ui.wait_card("connected").await?;
        ui.wait_js(
            "the home screen to give way to Settings",
            "return document.getElementById('home').offsetParent === null",
        )
        .await?;
        ui.wait_js(
            "“Connected as Dana Demo”",
            "return document.getElementById('connected-as').textContent.includes('Dana Demo')",
        )
        .await?;
        ui.screenshot("card-connected").await?;

        ui.click("#card-disconnect").await?;
        ui.wait_card("not_connected").await?;
        ui.wait_for("#card-connect").await?;
        ui.screenshot("card-not-connected").await?;

        // The web server flow: the demo org's approval page opens in a window of its own.
        ui.click("#card-connect").await?;
        ui.wait_card("connecting").await?;
        ui.wait_for("#card-cancel").await?;
        ui.screenshot("card-connecting").await?;
        let login = ui.wait_other_window().await?;
        ui.client.switch_to_window(login).await?;
        ui.wait_for("#allow").await?;
        ui.screenshot("demo-approval-page").await?;
        // The window closes itself once the redirect is caught.
        ui.click_closing_window("#allow").await?;
        ui.client.switch_to_window(ui.main.clone()).await?;
        ui.wait_card("connected").await?;
        ui.wait_js(
            "“Connected as Dana Demo” after approval",
            "return document.getElementById('connected-as').textContent.includes('Dana Demo')",
        )
        .await?;
        let windows = ui.wait_window_count(1).await?;
        assert_eq!(windows, vec![ui.main.clone()], "only the main window is left");
        // Back home, the new session serves My CRM Views.
        ui.click("#close-settings").await?;
        ui.wait_views_loaded(None).await?;
        ui.wait_js(
            "Settings to be hidden again",
            "return document.getElementById('settings').offsetParent === null",
        )
        .await?;
        ui.click("#open-settings").await?;
        ui.wait_card("connected").await?;

        // The device flow: a code to enter elsewhere, then Cancel.
        ui.click("#card-disconnect").await?;
        ui.wait_card("not_connected").await?;
        ui.click("#card-connect-device").await?;
        ui.wait_card("connecting").await?;
        let code = ui
            .wait_js(
                "a device code",
                "const c = document.getElementById('device-code'); return c && c.textContent.trim();",
            )
            .await?;
        assert!(
            code.as_str().is_some_and(|c| c.len() >= 4),
            "a user code is shown, got {code}"
        );
        ui.screenshot("card-device-code").await?;
        ui.click("#card-cancel").await?;
        ui.wait_card("not_connected").await?;
        Ok(())
    });
}

#[test]
fn needs_attention_after_salesforce_revokes_the_connection_then_reconnect() {
    journey("needs-attention", |ui| async move {
        // The demo org behind the window: its address is the connected org's instance.
        let card = ui.card().await?;
        let instance = card["user"]["instance_url"]
            .as_str()
            .ok_or("no instance URL on the card")?
            .to_string();
        let answer = reqwest::Client::new()
            .post(format!("{instance}/__demo/faults"))
            .json(&json!({"revoke_refresh_tokens": true}))
            .send()
            .await?;
        assert!(answer.status().is_success(), "fault switch: {}", answer.status());
        // The next search finds the session dead: the card asks to reconnect.
        ui.wait_for("#search-input").await?.send_keys("Acme").await?;
        ui.wait_js(
            "the card to need attention",
            "return document.getElementById('salesforce-card').dataset.state === 'needs_attention'",
        )
        .await?;
        // The home screen says so and has the way to the card.
        ui.wait_for("#home-open-integrations").await?;
        ui.screenshot("home-needs-attention").await?;
        ui.click("#home-open-integrations").await?;
        ui.wait_js(
            "Settings → Integrations to be shown",
            "return !document.getElementById('settings').hidden && !document.getElementById('pane-integrations').hidden",
        )
        .await?;
        ui.wait_card("needs_attention").await?;
        ui.wait_for("#card-reconnect").await?;
        ui.screenshot("card-needs-attention").await?;
        ui.click("#card-reconnect").await?;
        ui.wait_card("connecting").await?;
        let login = ui.wait_other_window().await?;
        ui.client.switch_to_window(login).await?;
        // The window closes itself once the redirect is caught.
        ui.click_closing_window("#allow").await?;
        ui.client.switch_to_window(ui.main.clone()).await?;
        ui.wait_card("connected").await
    });
}

#[test]
fn not_available_when_the_administrator_turned_salesforce_off() {
    journey_with(
        "not-available",
        "C.UTF-8",
        Some(r#"{"salesforce": {"enabled": false}}"#),
        |ui| async move {
            ui.wait_js(
                "the home screen to say Salesforce is not available",
                "return document.getElementById('search-status').textContent.toLowerCase().includes('not available')",
            )
            .await?;
            ui.click("#open-settings").await?;
            ui.wait_card("not_available").await?;
            let text = ui
                .js("return document.getElementById('salesforce-card').textContent")
                .await?;
            let text = text.as_str().unwrap_or_default().to_string();
            assert!(text.contains("Workstation owner"), "the card says whom to ask: {text}");
            assert!(
                ui.client.find(Locator::Css("#card-connect")).await.is_err(),
                "no Connect button"
            );
            ui.screenshot("card-not-available").await
        },
    );
}

#[test]
fn deep_link_handed_to_the_running_instance() {
    journey("deep-link", |ui| async move {
        ui.click("#open-settings").await?;
        ui.wait_card("connected").await?;
        ui.click("#card-disconnect").await?;
        ui.wait_card("not_connected").await?;
        ui.click("#card-connect").await?;
        ui.wait_card("connecting").await?;
        // Approve the way a browser would, and take the deep link Salesforce redirects to.
        let card = ui.card().await?;
        let authorize = card["via"]["authorize_url"]
            .as_str()
            .ok_or("no authorize URL on the card")?
            .to_string();
        let no_redirects = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        let answer = no_redirects
            .get(format!("{authorize}&auto_approve=true"))
            .send()
            .await?;
        let deep_link = answer
            .headers()
            .get("location")
            .ok_or("no redirect")?
            .to_str()?
            .to_string();
        assert!(
            deep_link.starts_with("workstation://salesforce/connected?"),
            "{deep_link}"
        );
        // The OS launches a second instance with the link: it hands it over and exits.
        let env = ui.app_env.clone();
        let second = tokio::task::spawn_blocking(move || {
            Command::new(env!("CARGO_BIN_EXE_workstation"))
                .arg(&deep_link)
                .envs(env)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
        });
        let status = tokio::time::timeout(Duration::from_secs(30), second)
            .await
            .map_err(|_| "the second instance did not exit")???;
        assert!(status.success(), "the second instance exits cleanly: {status}");
        ui.wait_card("connected").await?;
        ui.wait_js(
            "“Connected as Dana Demo” through the deep link",
            "return document.getElementById('connected-as').textContent.includes('Dana Demo')",
        )
        .await?;
        ui.screenshot("card-connected-by-deep-link").await
    });
}

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

#[test]
fn accessibility_audit_with_axe() {
    let axe = axe_source();
    journey("a11y", move |ui| async move {
        ui.wait_views_loaded(None).await?;
        let mut problems = Vec::new();
        problems.extend(ui.audit(&axe, "home").await?);

        // Everything below is reached with the keyboard only.
        ui.wait_for("#search-input").await?.send_keys("Acme").await?;
        ui.wait_js(
            "results for “Acme”",
            "return /results? for “Acme”/.test(document.getElementById('search-status').textContent)",
        )
        .await?;
        problems.extend(ui.audit(&axe, "search-results").await?);
        ui.wait_for("#search-input")
            .await?
            .send_keys(&Key::Escape.to_string())
            .await?;

        ui.click("#views-type-button").await?;
        ui.wait_js(
            "the menu's item for the type shown to have the focus",
            "return document.activeElement && document.activeElement.getAttribute('role') === 'menuitemradio' && document.activeElement.getAttribute('aria-checked') === 'true'",
        )
        .await?;
        problems.extend(ui.audit(&axe, "views-menu").await?);
        ui.active_keys(&Key::End.to_string()).await?;
        ui.wait_focus("End to reach Edit", "views-edit").await?;
        ui.active_keys(&Key::Enter.to_string()).await?;
        ui.wait_focus("the type filter focused", "views-type-filter").await?;
        ui.active_keys("Lead").await?;
        ui.click("#views-type-list li[data-object=Lead] button.pencil").await?;
        ui.wait_for("#views-save").await?;
        problems.extend(ui.audit(&axe, "views-editor").await?);
        ui.click("#views-cancel").await?;
        ui.wait_views_loaded(None).await?;

        ui.click("#open-settings").await?;
        ui.wait_card("connected").await?;
        ui.wait_focus("the selected tab focused", "tab-integrations").await?;
        problems.extend(ui.audit(&axe, "settings-integrations").await?);
        ui.active_keys(&Key::Right.to_string()).await?;
        ui.wait_js(
            "→ to select General",
            "return document.activeElement.id === 'tab-general' && !document.getElementById('pane-general').hidden",
        )
        .await?;
        ui.wait_for("#language-select").await?;
        problems.extend(ui.audit(&axe, "settings-general").await?);
        ui.choose("#theme-select", "dark").await?;
        ui.wait_js(
            "the dark theme",
            "return document.documentElement.dataset.theme === 'dark'",
        )
        .await?;
        problems.extend(ui.audit(&axe, "settings-general-dark").await?);
        ui.active_keys(&Key::Escape.to_string()).await?;
        ui.wait_js(
            "Escape to go home",
            "return !document.getElementById('home').hidden && document.activeElement.id === 'search-input'",
        )
        .await?;
        ui.wait_views_loaded(None).await?;
        problems.extend(ui.audit(&axe, "home-dark").await?);
        assert!(
            problems.is_empty(),
            "serious or critical accessibility violations (details in test-artifacts/axe-*.json):\n{}",
            problems.join("\n")
        );
        Ok(())
    });
}

/// axe-core's browser build, installed by scripts/setup.sh (`npm install --prefix .ci axe-core@4`).
fn axe_source() -> String {
    let path = std::env::var_os("AXE_CORE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/node_modules/axe-core/axe.min.js"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{}: {e}. Run scripts/setup.sh (it installs axe-core with `npm install --prefix .ci axe-core@4`) or set AXE_CORE_JS.", path.display())
    })
}
