//! The person's session in the window (issue 21, item 1): a Reconnect as another user while a
//! search is in flight shows and keeps nothing of the first user's for the second — not in the
//! results, not in the instant results a later keystroke matches, not in the pins.

use crate::ui_harness::{journey_as_restricted, journey_with, Ui, R};
use fantoccini::key::Key;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// How slow the demo org answers the first user's search: under the search timeout (6 s), and
/// long enough for a Reconnect through the card to come first.
const SLOW: Duration = Duration::from_millis(5500);

/// Settings → Disconnect → Connect, "Sign in as" `user` on the demo org's approval page, and
/// back to the search box.
async fn reconnect_as(ui: &Ui, user: &str) -> R {
    ui.click("#open-settings").await?;
    ui.wait_card("connected").await?;
    ui.click("#card-disconnect").await?;
    ui.wait_card("not_connected").await?;
    ui.click("#card-connect").await?;
    ui.wait_card("connecting").await?;
    let login = ui.wait_other_window().await?;
    ui.client.switch_to_window(login).await?;
    ui.wait_for("#allow").await?;
    ui.client
        .execute(
            "document.getElementById('user').value = arguments[0]; return true",
            vec![json!(user)],
        )
        .await?;
    ui.click_closing_window("#allow").await?;
    ui.client.switch_to_window(ui.main.clone()).await?;
    ui.wait_card("connected").await?;
    ui.click("#close-settings").await?;
    Ok(())
}

/// Types `text` afresh in the main box and waits for Salesforce's answer; returns the object
/// type of each result shown.
async fn search(ui: &Ui, text: &str) -> R<Vec<String>> {
    let input = ui.wait_for("#search-input").await?;
    input.send_keys(&Key::Escape.to_string()).await?;
    input.send_keys(text).await?;
    wait_answer(ui, text).await
}

async fn wait_answer(ui: &Ui, text: &str) -> R<Vec<String>> {
    ui.wait_js(
        &format!("Salesforce's answer for “{text}”"),
        &format!(
            "return /results? for “{text}”/.test(document.getElementById('search-status').textContent) \
             && !!document.getElementById('result-0')"
        ),
    )
    .await?;
    let types = ui
        .js("return [...document.querySelectorAll('#search-results li.result')].map(li => li.dataset.object)")
        .await?;
    Ok(serde_json::from_value(types)?)
}

/// The pinned records as the core hands them to the window.
async fn pinned(ui: &Ui) -> R<Vec<Value>> {
    let pins = ui
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; window.__TAURI__.core.invoke('pinned_records').then(done);",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(pins)?)
}

/// Whether a pinned record shows a value for `field`.
fn shows(record: &Value, field: &str) -> bool {
    record["details"]
        .as_array()
        .is_some_and(|details| details.iter().any(|d| d["field"] == field && !d["value"].is_null()))
}

const FIRST_USERS_ONLY: [&str; 2] = ["Opportunity", "Case"];

#[test]
fn a_reconnect_as_another_user_while_a_search_is_in_flight_shows_and_keeps_nothing_of_the_first() {
    journey_as_restricted("reconnect-in-flight", |ui| async move {
        // Tomás (no Opportunity, no Case, Account.Type hidden) pins an account.
        ui.wait_js(
            "the demo org to be connected",
            "return document.getElementById('salesforce-card').dataset.state === 'connected'",
        )
        .await?;
        search(&ui, "Acme").await?;
        let input = ui.wait_for("#search-input").await?;
        input.send_keys(&format!("{}.", Key::Control)).await?;
        ui.wait_focus("the result actions menu", "action-open").await?;
        ui.click("#action-pin").await?;
        ui.wait_js(
            "the pinned mark",
            "return document.querySelector('#result-0.pinned') !== null",
        )
        .await?;
        let his_pin = pinned(&ui).await?;
        assert_eq!(his_pin.len(), 1, "{his_pin:?}");
        assert!(!shows(&his_pin[0], "Type"), "hidden from him: {his_pin:?}");

        // Dana (who sees everything) gets more for the same text: the journey can tell hers.
        // (Behind Settings the box searched nothing: the text is typed again.)
        reconnect_as(&ui, "demo").await?;
        let hers = search(&ui, "Acme").await?;
        assert!(
            hers.iter().any(|t| FIRST_USERS_ONLY.contains(&t.as_str())),
            "Dana's answer has records Tomás cannot read: {hers:?}"
        );

        // Her next search is slow to come back; meanwhile she hands the computer to Tomás.
        ui.demo_faults(json!({ "latency_ms": SLOW.as_millis() as u64 })).await?;
        let asked = Instant::now();
        let input = ui.wait_for("#search-input").await?;
        input.send_keys(&Key::Escape.to_string()).await?;
        input.send_keys("Acme").await?;
        tokio::time::sleep(Duration::from_millis(500)).await; // her request is in flight
        ui.demo_faults(json!({ "latency_ms": 0 })).await?;
        reconnect_as(&ui, "restricted").await?;
        let reconnected = asked.elapsed();
        assert!(
            reconnected + Duration::from_millis(500) < SLOW,
            "the Reconnect took {reconnected:?}: Dana's answer may have come before it, the journey proves nothing"
        );
        // Her answer has come back by now.
        tokio::time::sleep(SLOW + Duration::from_secs(1) - reconnected).await;

        // Nothing of hers on his screen, in what his keystrokes match, or in his pin.
        let shown = ui
            .js("return [...document.querySelectorAll('#search-results li.result')].map(li => li.dataset.object)")
            .await?;
        let shown: Vec<String> = serde_json::from_value(shown)?;
        assert!(
            !shown.iter().any(|t| FIRST_USERS_ONLY.contains(&t.as_str())),
            "Dana's answer shown on Tomás's screen: {shown:?}"
        );
        let his = search(&ui, "Acme").await?;
        assert!(
            !his.iter().any(|t| FIRST_USERS_ONLY.contains(&t.as_str())),
            "Dana's records shown to Tomás: {his:?}"
        );
        let his_pin = pinned(&ui).await?;
        assert!(
            !shows(&his_pin[0], "Type"),
            "Tomás's pin shows what Dana's answer said of a field hidden from him: {his_pin:?}"
        );
        ui.screenshot("reconnect-in-flight").await
    });
}

/// Issue 21: the window and a terminal on one profile. `workstation disconnect` in the
/// terminal is a Disconnect in the window as soon as the person comes back to it: the card
/// says not connected, the search box cannot search, and nothing of the session is written
/// back to the data folder.
#[test]
fn a_disconnect_from_a_terminal_is_a_disconnect_in_the_running_window() {
    // The demo org in a runtime of its own, for the whole journey; the window reaches it
    // through the administrator's policy, and keeps its tokens in the keychain, as a person's
    // window does (`--demo` keeps them in memory, where no terminal can reach them).
    let host = tokio::runtime::Runtime::new().expect("runtime");
    let org = host.block_on(async {
        workstation::demo_org::DemoOrg::start(workstation::demo_org::DemoOrgConfig {
            rotate_refresh_tokens: true,
            ..Default::default()
        })
        .await
        .expect("demo org starts")
    });
    let policy = crate::common::policy_text(&org.base_url());
    journey_with("cli-disconnect", "C.UTF-8", Some(&policy), |ui| async move {
        ui.sign_in_through_the_card(None).await?;
        ui.wait_card("connected").await?;
        ui.click("#close-settings").await?;
        let found = search(&ui, "Acme").await?;
        assert!(!found.is_empty(), "the window searches");

        // The terminal: the same profile (data folder, keychain, policy), a process of its own.
        let env = ui.app_env.clone();
        let out = tokio::task::spawn_blocking(move || {
            std::process::Command::new(env!("CARGO_BIN_EXE_workstation"))
                .arg("disconnect")
                .envs(env)
                .output()
        })
        .await??;
        assert!(
            out.status.success(),
            "disconnect: {}",
            String::from_utf8_lossy(&out.stderr)
        );

        // The person comes back to the window.
        ui.refocus_main().await?;
        ui.wait_js(
            "the card to say not connected",
            "return document.getElementById('salesforce-card').dataset.state === 'not_connected'",
        )
        .await?;
        ui.wait_js(
            "the home screen to say Salesforce is not connected",
            "return document.getElementById('search-status').textContent.startsWith('Connect Salesforce in Settings')",
        )
        .await?;
        ui.screenshot("cli-disconnect-window").await?;
        let data = ui.data_dir().ok_or("no data folder")?;
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert!(
            !data.join("recent-records.json").exists(),
            "nothing of the session was written back"
        );
        Ok(())
    });
    drop(org);
}
