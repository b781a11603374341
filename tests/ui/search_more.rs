//! Beyond the first answer (#16 items 8 and 10): a group that came back full offers "More",
//! reached with the arrow keys; Enter asks Salesforce once for that type alone and the group
//! grows in place, the keyboard's place with it. "See all results in Salesforce" ends the list
//! and opens Salesforce's own search page for the term.

use crate::ui_harness::{journey, Ui, R};
use base64::Engine as _;
use fantoccini::key::Key;

/// The demo org's request counters (`GET /__demo/stats`), found from the card's instance URL.
async fn demo_stats(ui: &Ui) -> R<serde_json::Value> {
    let card = ui.card().await?;
    let org = card["user"]["instance_url"]
        .as_str()
        .ok_or("the card has no instance URL")?
        .to_string();
    Ok(reqwest::get(format!("{org}/__demo/stats"))
        .await?
        .error_for_status()?
        .json()
        .await?)
}

/// Presses ↓ until the list's active option is `id` (at most `max` times).
async fn arrow_down_to(ui: &Ui, id: &str, max: usize) -> R {
    let input = ui.wait_for("#search-input").await?;
    for _ in 0..max {
        let now = ui
            .js("return document.getElementById('search-input').getAttribute('aria-activedescendant')")
            .await?;
        if now.as_str() == Some(id) {
            return Ok(());
        }
        input.send_keys(&Key::Down.to_string()).await?;
    }
    Err(format!("↓ never reached #{id}").into())
}

const CONTACTS: &str = "return document.querySelectorAll('#search-results li.result[data-object=Contact]').length";

#[test]
fn more_grows_a_group_with_one_request_and_see_all_opens_salesforce_search() {
    let axe = crate::a11y::axe_source();
    journey("search-more", move |ui| async move {
        ui.wait_js(
            "the demo org to be connected",
            "return document.getElementById('salesforce-card').dataset.state === 'connected'",
        )
        .await?;
        let input = ui.wait_for("#search-input").await?;
        // “Smith” finds 31 Contacts and 33 Leads in the demo org: both groups come back full.
        input.send_keys("Smith").await?;
        ui.wait_js(
            "Salesforce's answer for “Smith” with More under Contacts and Leads",
            r#"return /results? for “Smith”/.test(document.getElementById('search-status').textContent)
                && document.getElementById('more-Contact') && document.getElementById('more-Lead')
                && document.getElementById('see-all');"#,
        )
        .await?;
        assert_eq!(ui.js(CONTACTS).await?, 5, "five Contacts at first");
        let names = ui
            .js(r#"return ['more-Contact', 'more-Lead', 'see-all'].map(id => {
                     const e = document.getElementById(id);
                     return [e.getAttribute('role'), e.textContent, e.closest('[role=listbox]') !== null];
                   })"#)
            .await?;
        assert_eq!(
            names,
            serde_json::json!([
                ["option", "+More Contacts (up to 25)", true],
                ["option", "+More Leads (up to 25)", true],
                ["option", "See all results in Salesforce ↗", true]
            ]),
            "options of the result list, with their accessible names"
        );

        // ↓ to the Contacts' More, then Enter: one request, the group grows in place.
        arrow_down_to(&ui, "more-Contact", 30).await?;
        ui.screenshot("search-more-offered").await?;
        let fifth = ui
            .js("return [...document.querySelectorAll('#search-results li.result[data-object=Contact]')].map(li => li.textContent)")
            .await?;
        let before = demo_stats(&ui).await?;
        input.send_keys(&Key::Enter.to_string()).await?;
        ui.wait_js(
            "the Contacts to grow to 25 and their More to go",
            &format!(
                "return {} === 25 && !document.getElementById('more-Contact')",
                CONTACTS.trim_start_matches("return ")
            ),
        )
        .await?;
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        let after = demo_stats(&ui).await?;
        let grew = |key: &str| after[key].as_u64().unwrap_or(0) - before[key].as_u64().unwrap_or(0);
        assert_eq!(grew("search_requests"), 1, "exactly one SOSL request");
        assert_eq!(grew("api_requests"), 1, "exactly one API call");

        let now = ui
            .js(
                r#"const contacts = [...document.querySelectorAll('#search-results li.result[data-object=Contact]')];
                   const active = document.getElementById('search-input').getAttribute('aria-activedescendant');
                   return { first: contacts.slice(0, 5).map(li => li.textContent),
                            at: contacts.findIndex(li => li.id === active),
                            selected: document.getElementById(active).getAttribute('aria-selected'),
                            focus: document.activeElement.id,
                            status: document.getElementById('search-status').textContent };"#,
            )
            .await?;
        assert_eq!(now["first"], fifth, "the five Contacts shown stay where they were");
        assert_eq!(now["at"], 5, "the keyboard is on the first new Contact, where More was");
        assert_eq!(now["selected"], "true");
        assert_eq!(now["focus"], "search-input", "the focus stays in the search box");
        assert!(
            now["status"]
                .as_str()
                .is_some_and(|s| s.contains("results for “Smith”")),
            "{now}"
        );
        ui.screenshot("search-more-grown").await?;
        let problems = ui.audit(&axe, "search-more").await?;
        assert!(
            problems.is_empty(),
            "axe (test-artifacts/axe-search-more.json):\n{}",
            problems.join("\n")
        );

        // ↓ on to the end of the list: See all results in Salesforce, then Enter.
        arrow_down_to(&ui, "see-all", 60).await?;
        ui.screenshot("search-see-all").await?;
        input.send_keys(&Key::Enter.to_string()).await?;
        let url = ui.wait_opened(1).await?.remove(0);
        let card = ui.card().await?;
        let org = card["user"]["instance_url"]
            .as_str()
            .unwrap_or_default()
            .trim_end_matches('/');
        let page = url::Url::parse(&url)?;
        assert_eq!(
            format!("{}{}", page.origin().ascii_serialization(), page.path()),
            format!("{org}/one/one.app")
        );
        assert_eq!(page.query(), None);
        let json = base64::engine::general_purpose::STANDARD.decode(page.fragment().ok_or("no fragment")?)?;
        let json: serde_json::Value = serde_json::from_slice(&json)?;
        assert_eq!(json["componentDef"], "forceSearch:searchPageDesktop", "{json}");
        assert_eq!(json["attributes"]["term"], "Smith", "{json}");
        // The search text was not on the browser's command line (issue 22 E2), in any form.
        let lines = ui.browser_command_lines()?;
        assert!(
            lines.len() == 1
                && lines[0].starts_with("http://127.0.0.1:")
                && lines[0].contains("/go/")
                && !lines[0].contains("one.app"),
            "the browser's command line: {lines:?}"
        );

        // A newer keystroke: the old groups' More is gone with them.
        input.send_keys("x").await?;
        ui.wait_js(
            "the answer for “Smithx”",
            r#"return /“Smithx”/.test(document.getElementById('search-status').textContent) && !document.getElementById('more-Lead')"#,
        )
        .await?;
        Ok(())
    });
}
