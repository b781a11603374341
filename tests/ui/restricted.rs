//! The window as the demo org's restricted user sees it (no Case, no Opportunity,
//! `Account.Type` and `Lead.Company` hidden): search shows every readable object with a quiet
//! note of what this user cannot see, and the widget's dropdown offers only readable types.

use crate::ui_harness::journey_as_restricted;

#[test]
fn a_restricted_user_searches_the_readable_objects_and_picks_from_readable_types() {
    journey_as_restricted("restricted", |ui| async move {
        let input = ui.wait_for("#search-input").await?;
        input.send_keys("Acme").await?;
        ui.wait_js(
            "results for “Acme” with the note of what this user cannot see",
            r#"const s = document.getElementById('search-status').textContent;
               return /results? for “Acme”/.test(s) && s.includes('cannot be searched') && s.includes('cannot see');"#,
        )
        .await?;
        ui.screenshot("restricted-search").await?;
        let types = ui
            .js("return [...new Set([...document.querySelectorAll('#search-results li.result')].map(li => li.dataset.object))]")
            .await?;
        let types: Vec<String> = serde_json::from_value(types)?;
        assert!(types.iter().any(|t| t == "Account"), "accounts are shown: {types:?}");
        assert!(
            !types.iter().any(|t| t == "Case" || t == "Opportunity"),
            "nothing this user cannot read: {types:?}"
        );
        let status = ui
            .js("return document.getElementById('search-status').textContent")
            .await?;
        let status = status.as_str().unwrap_or_default();
        assert!(
            status.contains("Account Type") && status.contains("Lead Company"),
            "{status}"
        );
        assert!(
            !status.to_lowercase().contains("error"),
            "a note, not an error: {status}"
        );

        ui.wait_views_loaded(None).await?;
        ui.click("#views-type-button").await?;
        ui.wait_for("#views-type-menu button").await?;
        let offered = ui
            .js("return [...document.querySelectorAll('#views-type-menu button[data-object]')].map(b => b.dataset.object)")
            .await?;
        let offered: Vec<String> = serde_json::from_value(offered)?;
        assert_eq!(
            offered,
            ["Account", "Contact", "Lead"],
            "only readable types are offered"
        );
        ui.screenshot("restricted-views-menu").await?;
        Ok(())
    });
}
