//! Sorting a list view by a column (issue 16 item 11), as a person does it: a click on a
//! column header sorts by it (aria-sort says which way), a second click (or Enter on the
//! focused header) reverses, Space on another header sorts by that one from the first page,
//! Next keeps the sort, and a failed sort says why in place with Retry.

use crate::ui_harness::{journey, Ui, R};
use fantoccini::key::Key;
use serde_json::{json, Value};

/// The first list view section's table as the person sees it: the first column's values, the
/// headers' aria-sort, the count line, the field of the focused header.
async fn table(ui: &Ui) -> R<Value> {
    ui.js(
        r#"const s = document.querySelector('#views-content section.view-section');
           const ths = [...s.querySelectorAll('thead th')];
           const col = (field) => ths.findIndex(th => th.querySelector(`button[data-sort="${field}"]`));
           const cells = (field) => [...s.querySelectorAll('tbody tr')].map(tr => tr.children[col(field)].textContent);
           return { names: cells('Name'), phones: cells('Phone'),
                    sorts: Object.fromEntries(ths.map(th => [th.querySelector('button')?.dataset.sort || th.textContent, th.getAttribute('aria-sort')])),
                    count: s.querySelector('h3 .count').textContent,
                    busy: s.getAttribute('aria-busy'),
                    error: s.querySelector('.status.error')?.textContent || null,
                    focused: document.activeElement?.dataset?.sort || null };"#,
    )
    .await
}

/// Waits until the first section shows `field` sorted `direction`, done loading.
async fn wait_sorted(ui: &Ui, field: &str, direction: &str) -> R<Value> {
    ui.wait_js(
        &format!("the list view sorted by {field}, {direction}"),
        &format!(
            r#"const s = document.querySelector('#views-content section.view-section');
               const th = s.querySelector('th button[data-sort="{field}"]')?.closest('th');
               return !!th && th.getAttribute('aria-sort') === '{direction}' && !s.hasAttribute('aria-busy')
                 && s.querySelectorAll('tbody tr').length > 0;"#
        ),
    )
    .await?;
    table(ui).await
}

fn lower(names: &Value) -> Vec<String> {
    names
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .filter(|n| n.is_ascii())
                .map(str::to_lowercase)
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn views_sort_by_a_column_journey() {
    journey("views-sort", |ui| async move {
        ui.wait_views_loaded(None).await?;
        ui.click("#views-type-button").await?;
        ui.click("#views-type-menu button[data-object=Account]").await?;
        ui.wait_views_loaded(Some("Account")).await?;
        let before = table(&ui).await?;
        let own = before["sorts"]["Name"].clone();

        // A click on Account Name: sorted by it (the other way if the view already was).
        let first = if own == "ascending" { "descending" } else { "ascending" };
        ui.click("#views-content section.view-section th button[data-sort=Name]")
            .await?;
        let sorted = wait_sorted(&ui, "Name", first).await?;
        assert_ne!(sorted["names"][0], before["names"][0], "another first row: {sorted}");
        let names = lower(&sorted["names"]);
        let ordered = names.windows(2).all(|w| {
            if first == "ascending" {
                w[0] <= w[1]
            } else {
                w[0] >= w[1]
            }
        });
        assert!(ordered, "{first}: {names:?}");
        let others: Vec<&Value> = sorted["sorts"]
            .as_object()
            .ok_or("no headers")?
            .iter()
            .filter(|(k, _)| k.as_str() != "Name")
            .map(|(_, v)| v)
            .collect();
        assert!(others.iter().all(|v| v.is_null()), "one sorted column: {sorted}");
        assert_eq!(sorted["focused"], "Name", "the header keeps the focus");

        // Enter on the focused header reverses.
        let second = if first == "ascending" {
            "descending"
        } else {
            "ascending"
        };
        ui.active_keys(&Key::Enter.to_string()).await?;
        let reversed = wait_sorted(&ui, "Name", second).await?;
        assert_ne!(reversed["names"][0], sorted["names"][0]);

        // Next keeps the sort; the page after continues it.
        ui.click_text("#views-content section.view-section .pager button", "Next")
            .await?;
        let next = ui
            .wait_js(
                "the second page",
                r#"const s = document.querySelector('#views-content section.view-section');
                   return !s.hasAttribute('aria-busy') && s.offset > 0 ? s.offset : null;"#,
            )
            .await?;
        let page2 = wait_sorted(&ui, "Name", second).await?;
        assert!(page2["count"].as_str().unwrap_or("").contains('·'), "a range: {page2}");
        let (last, then) = (lower(&reversed["names"]), lower(&page2["names"]));
        if let (Some(a), Some(b)) = (last.last(), then.first()) {
            assert!(if second == "ascending" { a <= b } else { a >= b }, "{a} then {b}");
        }
        assert!(next.as_u64().unwrap_or(0) > 0);

        // Space on another header: sorted by it, back on the first page.
        ui.js("document.querySelector('#views-content section.view-section th button[data-sort=Phone]').focus(); return true;")
            .await?;
        ui.active_keys(" ").await?;
        let phones = wait_sorted(&ui, "Phone", "ascending").await?;
        assert_eq!(phones["sorts"]["Name"], Value::Null);
        let offset = ui
            .js("return document.querySelector('#views-content section.view-section').offset")
            .await?;
        assert_eq!(offset, 0, "the first page");
        ui.screenshot("views-sorted").await?;

        // Salesforce fails: the table stays, the error says why in place, Retry sorts.
        ui.demo_faults(json!({ "server_error": 503 })).await?;
        ui.click("#views-content section.view-section th button[data-sort=Name]")
            .await?;
        let failed = ui
            .wait_js(
                "the sort's error in place",
                r#"const s = document.querySelector('#views-content section.view-section');
                   return s.querySelector('.status.error .retry') && !s.hasAttribute('aria-busy') ? true : null;"#,
            )
            .await?;
        assert_eq!(failed, true);
        let shown = table(&ui).await?;
        assert_eq!(shown["sorts"]["Phone"], "ascending", "what was shown stays: {shown}");
        assert!(shown["error"].as_str().is_some_and(|e| e.contains("503")), "{shown}");
        ui.screenshot("views-sort-error").await?;
        ui.demo_faults(json!({ "clear": true })).await?;
        ui.click("#views-content section.view-section .status.error .retry")
            .await?;
        wait_sorted(&ui, "Name", "ascending").await?;
        Ok(())
    });
}
