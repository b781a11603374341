//! My CRM Views: switching the object type, editing which list views are shown (Cancel,
//! Save, the limit), a page that fails and its Retry, amounts and dates as readers write them.

use crate::ui_harness::{ids, journey};
use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::json;

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

        // Escape is Cancel too: nothing saved, the list views back, the menu button focused.
        ui.open_lead_editor().await?;
        ui.toggle(&second, true).await?;
        ui.active_keys(&Key::Escape.to_string()).await?;
        ui.wait_views_loaded(Some("Lead")).await?;
        assert_eq!(
            ids(&ui.view_sections().await?),
            ids(&before),
            "Escape kept the enabled list views"
        );
        ui.wait_focus("Escape leaves the editor for the type button", "views-type-button")
            .await?;

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
        let rows_script = "return [...document.querySelector('#views-content section.view-section').querySelectorAll('tbody tr')].map(tr => tr.textContent)";
        let first_page = ui.js(rows_script).await?;
        assert!(first_page.as_array().is_some_and(|r| !r.is_empty()), "{first_page}");

        ui.demo_faults(json!({ "server_error": 503 })).await?;
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

        ui.demo_faults(json!({ "clear": true })).await?;
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
fn a_widget_that_fails_whole_offers_retry_and_comes_back() {
    journey("views-widget-retry", |ui| async move {
        ui.wait_views_loaded(None).await?;
        ui.demo_faults(json!({ "server_error": 503 })).await?;
        // Switching the type asks Salesforce again, which fails: the widget says so, with Retry.
        ui.click("#views-type-button").await?;
        ui.click_text("#views-type-menu button", "Lead").await?;
        ui.wait_js(
            "the error and Retry in place of the list views",
            r#"return document.getElementById('views-status').classList.contains('error') && !!document.getElementById('views-retry');"#,
        )
        .await?;
        ui.screenshot("views-widget-retry").await?;
        ui.demo_faults(json!({ "clear": true })).await?;
        ui.click("#views-retry").await?;
        ui.wait_views_loaded(Some("Lead")).await?;
        Ok(())
    });
}
