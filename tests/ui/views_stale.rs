//! My CRM Views with object types learnt over a day ago: shown at once with their age while
//! Salesforce cannot be asked again, then replaced once it answers (issue 13).

use crate::common::{age_view_types, token_workstation, TOKEN};
use crate::ui_harness::journey_with_session;
use workstation::demo_org::{DemoOrg, DemoOrgConfig};

#[test]
fn views_types_past_their_day_journey() {
    // The demo org lives on a runtime of its own for the whole journey.
    let host = tokio::runtime::Runtime::new().expect("runtime");
    let org = host.block_on(async {
        DemoOrg::start(DemoOrgConfig {
            preissued_token: Some(TOKEN.into()),
            ..Default::default()
        })
        .await
        .expect("demo org starts")
    });
    let org = std::sync::Arc::new(org);
    let url = org.base_url();
    let faults = org.clone();
    journey_with_session(
        "views-stale-types",
        &url,
        TOKEN,
        |data| {
            // An earlier run learnt the types; three days have passed and Salesforce is failing.
            let dir = tempfile::TempDir::new_in(data).expect("tmp");
            let learnt = host.block_on(async {
                let ws = token_workstation(&org, &dir);
                ws.view_types().await.expect("types learnt")
            });
            assert_eq!(learnt.len(), 5);
            std::fs::copy(dir.path().join("settings.json"), data.join("settings.json")).expect("settings");
            age_view_types(data, &["Lead", "Account"], 3 * 24 * 3600);
            org.faults().set_server_error(Some(503));
        },
        move |ui| async move {
            // At once: the old types, with their age and why they are not newer.
            let note = ui
                .wait_js(
                    "the note on the types' age",
                    "const n = document.getElementById('views-as-of'); return n && /^Object types as of .+\\./.test(n.textContent) && n.textContent.includes('503') ? n.textContent : false;",
                )
                .await?;
            let offered = offered_types(&ui).await?;
            assert_eq!(
                offered,
                serde_json::json!(["Lead", "Account"]),
                "the types on screen are the old ones"
            );
            ui.active_keys(&fantoccini::key::Key::Escape.to_string()).await?;
            ui.screenshot("views-stale-types").await?;
            assert!(
                note.as_str().is_some_and(|n| n.contains(", ")),
                "a date and time: {note}"
            );

            // Salesforce answers again: Retry brings today's types, and the note goes.
            faults.faults().set_server_error(None);
            ui.click("#views-retry").await?;
            ui.wait_js(
                "today's types, no note",
                "return document.getElementById('views-as-of').textContent === '' && !!document.querySelector('#views-content section.view-section');",
            )
            .await?;
            let offered = offered_types(&ui).await?;
            assert_eq!(
                offered,
                serde_json::json!(["Account", "Contact", "Lead", "Opportunity", "Case"]),
                "the types were asked again"
            );
            Ok(())
        },
    );
    drop(host);
}

/// The object types the widget's menu offers (it is opened to read them).
async fn offered_types(ui: &crate::ui_harness::Ui) -> crate::ui_harness::R<serde_json::Value> {
    ui.click("#views-type-button").await?;
    ui.js("return [...document.querySelectorAll('#views-type-menu [data-object]')].map(b => b.dataset.object)")
        .await
}
