//! The Salesforce card: connecting (web server and device flows), needs attention and
//! Reconnect, not available by the administrator's choice, and the deep link handed over.

use crate::ui_harness::{journey, journey_with, journey_with_env};
use fantoccini::Locator;
use serde_json::json;

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
        // The demo org behind the window revokes every refresh token.
        ui.demo_faults(json!({"revoke_refresh_tokens": true})).await?;
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
        let deep_link = ui.approve_sign_in(None).await?;
        assert!(
            deep_link.starts_with("workstation://salesforce/connected?"),
            "{deep_link}"
        );
        // The OS launches a second instance with the link: it hands it over and exits, before
        // it opens anything of its own (given a data folder of its own here, to see that it
        // left nothing there: no log, no settings).
        let second_data = tempfile::tempdir()?;
        let status = ui.hand_over(&deep_link, second_data.path()).await?;
        assert!(status.success(), "the second instance exits cleanly: {status}");
        let opened: Vec<_> = std::fs::read_dir(second_data.path())?
            .flatten()
            .map(|e| e.path())
            .collect();
        assert!(
            opened.is_empty(),
            "the second instance opened {opened:?} before handing over"
        );
        ui.wait_card("connected").await?;
        ui.wait_js(
            "“Connected as Dana Demo” through the deep link",
            "return document.getElementById('connected-as').textContent.includes('Dana Demo')",
        )
        .await?;
        ui.screenshot("card-connected-by-deep-link").await
    });
}

/// A Salesforce user whose profile lacks "API Enabled" (the demo org's `noapi`) can sign in
/// and approve the app; the card then says whom to ask instead of *connected* (issue 26).
#[test]
fn a_user_without_api_access_is_told_so_on_the_card() {
    let host = tokio::runtime::Runtime::new().expect("runtime");
    let org = host.block_on(async {
        workstation::demo_org::DemoOrg::start(workstation::demo_org::DemoOrgConfig {
            default_user: workstation::demo_org::DemoUser::NoApi,
            ..Default::default()
        })
        .await
        .expect("demo org starts")
    });
    let policy = crate::common::policy_text(&org.base_url());
    journey_with("no-api-access", "C.UTF-8", Some(&policy), |ui| async move {
        ui.sign_in_through_the_card(None).await?;
        ui.wait_card("not_connected").await?;
        let text = ui
            .wait_js(
                "the card to say the user has no API access",
                "const t = document.getElementById('salesforce-card').textContent; return t.includes('API Enabled permission') ? t : false;",
            )
            .await?;
        assert!(text.as_str().is_some_and(|t| t.contains("no API access")), "{text}");
        ui.wait_for("#card-connect").await?;
        ui.screenshot("card-no-api-access").await
    });
    drop(org);
}

/// Where the `workstation://` scheme cannot be registered (here: an `xdg-mime` that fails), the
/// window signs in through the loopback listener (issue 22 E1): the browser's command line
/// carries only the listener's one-time start address — no `state`, no PKCE challenge — and
/// Salesforce's answer is taken from the browser that opened it, with the cookie it was given.
#[test]
fn without_the_deep_link_the_window_signs_in_through_the_loopback_listener() {
    use std::os::unix::fs::PermissionsExt;
    let bin = tempfile::tempdir().expect("tmp");
    let xdg_mime = bin.path().join("xdg-mime");
    std::fs::write(&xdg_mime, "#!/bin/sh\nexit 4\n").expect("script");
    std::fs::set_permissions(&xdg_mime, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path = std::path::PathBuf::from(format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    ));
    let host = tokio::runtime::Runtime::new().expect("runtime");
    let org = host.block_on(async {
        workstation::demo_org::DemoOrg::start(Default::default())
            .await
            .expect("demo org starts")
    });
    let policy = crate::common::policy_text(&org.base_url());
    journey_with_env("loopback-sign-in", &policy, &[("PATH", &path)], |ui| async move {
        ui.sign_in_through_the_card(None).await?;
        ui.wait_card("connected").await?;
        let lines = ui.browser_command_lines()?;
        assert!(
            lines.len() == 1
                && lines[0].starts_with("http://localhost:")
                && lines[0].contains("/start/")
                && !lines[0].contains("state=")
                && !lines[0].contains("code_challenge"),
            "the browser's command line: {lines:?}"
        );
        ui.wait_js(
            "“Connected as Dana Demo” through the loopback listener",
            "return document.getElementById('connected-as').textContent.includes('Dana Demo')",
        )
        .await?;
        Ok(())
    });
    drop(org);
}
