//! Sorting a list view by a column on request (issue 16 item 11), against the demo org over
//! loopback: one request (the UI API's list records), the same columns and rows as the list
//! view's own order, the sort on its column, paging that keeps it, and columns that cannot be
//! sorted refused before any request.

mod common;

use common::*;
use workstation::demo_org::{DemoOrg, DemoOrgConfig, DemoUser};
use workstation::views::{ListViewRecords, ListViewSort, SortDirection};

fn by(field: &str, direction: SortDirection) -> Option<ListViewSort> {
    Some(ListViewSort::new(field, direction))
}

fn column(page: &ListViewRecords, field: &str) -> usize {
    page.columns
        .iter()
        .position(|c| c.field == field)
        .unwrap_or_else(|| panic!("no column {field}"))
}

fn texts(page: &ListViewRecords, field: &str) -> Vec<String> {
    let i = column(page, field);
    page.rows
        .iter()
        .map(|r| r.cells[i].clone().unwrap_or_default())
        .collect()
}

/// ASCII names compared without case (the demo folds accents too, which this does not).
fn ascii_lower(names: &[String]) -> Vec<String> {
    names
        .iter()
        .filter(|n| n.is_ascii())
        .map(|n| n.to_lowercase())
        .collect()
}

async fn all_accounts(ws: &workstation::api::Workstation) -> String {
    view_named(ws, "Account", "All Accounts").await
}

#[tokio::test]
async fn a_click_on_a_column_is_one_request_that_sorts_by_it() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let all = all_accounts(&ws).await;
    let own = ws.view_records("Account", &all, 10, 0).await.expect("own order");
    assert_eq!(own.columns[column(&own, "Name")].sort.as_deref(), Some("ascending"));
    assert!(
        own.columns.iter().all(|c| c.sortable),
        "every visible column can be sorted"
    );

    let before = org.stats();
    let sorted = ws
        .view_records_sorted("Account", &all, by("Name", SortDirection::Descending), 10, 0)
        .await
        .expect("sorted");
    let after = org.stats();
    assert_eq!(after.api_requests, before.api_requests + 1, "a sort is one request");

    // The same table, sorted otherwise.
    let fields = |p: &ListViewRecords| p.columns.iter().map(|c| c.field.clone()).collect::<Vec<_>>();
    assert_eq!(fields(&sorted), fields(&own));
    assert_eq!((sorted.label.as_str(), sorted.total), (own.label.as_str(), own.total));
    let sorts: Vec<(String, Option<String>)> = sorted
        .columns
        .iter()
        .map(|c| (c.field.clone(), c.sort.clone()))
        .collect();
    for (field, sort) in &sorts {
        let expected = (field == "Name").then(|| "descending".to_string());
        assert_eq!(sort, &expected, "{field}");
    }
    let names = texts(&sorted, "Name");
    assert_ne!(names[0], texts(&own, "Name")[0], "another first row");
    assert!(ascii_lower(&names).windows(2).all(|w| w[0] >= w[1]), "{names:?}");
    for row in &sorted.rows {
        let id = row.id.as_deref().expect("an id");
        assert!(id.starts_with("001"), "{id}");
        assert!(row.url.as_deref().is_some_and(|u| u.contains(id)), "{:?}", row.url);
        assert_eq!(row.cells.len(), sorted.columns.len());
    }
    // The Owner alias comes through the relationship, as in the own order.
    assert!(texts(&sorted, "Owner.Alias").iter().all(|a| !a.is_empty()));
}

#[tokio::test]
async fn a_sort_survives_paging_and_reverses() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let all = all_accounts(&ws).await;
    ws.view_records("Account", &all, 10, 0).await.expect("own order");
    let up = by("BillingState", SortDirection::Ascending);
    let first = ws
        .view_records_sorted("Account", &all, up.clone(), 10, 0)
        .await
        .expect("page 1");
    let second = ws
        .view_records_sorted("Account", &all, up, 10, 10)
        .await
        .expect("page 2");
    assert_eq!(second.offset, 10);
    let ids = |p: &ListViewRecords| p.rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert!(ids(&first).iter().all(|id| !ids(&second).contains(id)), "no row twice");
    // Nulls first when ascending: the demo's accounts without a state open the list.
    let i = column(&first, "BillingState");
    assert!(first.rows[0].cells[i].is_none(), "{:?}", first.rows[0].cells);
    let down = ws
        .view_records_sorted("Account", &all, by("BillingState", SortDirection::Descending), 10, 0)
        .await
        .expect("reversed");
    assert!(down.rows[0].cells[i].is_some(), "nulls last when descending");
    assert_eq!(down.columns[i].sort.as_deref(), Some("descending"));
}

#[tokio::test]
async fn a_sort_asked_cold_reads_the_columns_first() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let all = all_accounts(&ws).await;
    let before = org.stats().api_requests;
    let page = ws
        .view_records_sorted("Account", &all, by("phone", SortDirection::Ascending), 5, 0)
        .await
        .expect("sorted");
    assert_eq!(
        org.stats().api_requests,
        before + 2,
        "the columns (one record), then the sorted page"
    );
    assert_eq!(page.total, 1500);
    assert_eq!(page.columns[column(&page, "Phone")].sort.as_deref(), Some("ascending"));
    let again = org.stats().api_requests;
    ws.view_records_sorted("Account", &all, by("Phone", SortDirection::Descending), 5, 0)
        .await
        .expect("sorted again");
    assert_eq!(org.stats().api_requests, again + 1, "then one request a sort");
}

#[tokio::test]
async fn what_is_not_a_sortable_column_is_refused_before_any_request() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let all = all_accounts(&ws).await;
    ws.view_records("Account", &all, 10, 0).await.expect("own order");
    let before = org.stats().total_requests;
    for field in ["Id", "CreatedDate", "Bogus", "Name&sortBy=Phone", ""] {
        let err = ws
            .view_records_sorted("Account", &all, by(field, SortDirection::Ascending), 10, 0)
            .await
            .expect_err(field);
        assert_eq!(err.kind(), "not_sortable", "{field}: {err}");
    }
    assert_eq!(org.stats().total_requests, before, "nothing was asked");
}

#[tokio::test]
async fn a_field_hidden_from_the_user_is_not_a_column_he_can_sort_by() {
    let org = DemoOrg::start(DemoOrgConfig {
        preissued_token: Some(TOKEN.into()),
        default_user: DemoUser::Restricted,
        ..Default::default()
    })
    .await
    .expect("demo org");
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let v = ws.object_views("Lead").await.expect("views");
    let id = v.enabled[0].clone();
    let own = ws.view_records("Lead", &id, 5, 0).await.expect("own order");
    assert!(
        own.columns.iter().all(|c| c.field != "Company"),
        "Company is hidden from him"
    );
    let before = org.stats().total_requests;
    let err = ws
        .view_records_sorted("Lead", &id, by("Company", SortDirection::Descending), 5, 0)
        .await
        .expect_err("hidden");
    assert_eq!(err.kind(), "not_sortable");
    assert_eq!(org.stats().total_requests, before);
    let sorted = ws
        .view_records_sorted("Lead", &id, by("Name", SortDirection::Descending), 5, 0)
        .await
        .expect("what he sees");
    assert_eq!(sorted.columns.len(), own.columns.len());
}

async fn view_named(ws: &workstation::api::Workstation, object: &str, label: &str) -> String {
    let v = ws.object_views(object).await.expect("views");
    v.offered
        .iter()
        .find(|o| o.label == label)
        .unwrap_or_else(|| panic!("{label}"))
        .id
        .clone()
}

/// Issue 26 item 7: the UI API's page tokens are opaque. Next and Previous send back the
/// tokens Salesforce gave (one request each); a page no token is known for (the command
/// line's `--offset`, a new page height) is one request from the start, cut to the page —
/// never an offset written as a token.
#[tokio::test]
async fn sorted_pages_follow_the_tokens_salesforce_gives() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let all = all_accounts(&ws).await;
    let down = by("Name", SortDirection::Descending);
    let ids = |p: &ListViewRecords| p.rows.iter().map(|r| r.id.clone().expect("id")).collect::<Vec<_>>();
    let first = ws
        .view_records_sorted("Account", &all, down.clone(), 10, 0)
        .await
        .expect("page 1");
    assert_eq!(first.paging.next, Some(10));
    let before = org.stats();
    let second = ws
        .view_records_sorted("Account", &all, down.clone(), 10, 10)
        .await
        .expect("page 2 with its token");
    let back = ws
        .view_records_sorted("Account", &all, down.clone(), 10, 0)
        .await
        .expect("page 1 again");
    assert_eq!(org.stats().api_requests, before.api_requests + 2, "one request a page");
    assert_eq!(ids(&back), ids(&first));
    assert_eq!((second.paging.previous, second.paging.next), (Some(0), Some(20)));

    // Cold, in another process's shoes: a fresh session knows no token for record 21.
    let cold_dir = tempfile::tempdir().expect("tmp");
    let cold = token_workstation(&org, &cold_dir);
    cold.view_records("Account", &all, 1, 0).await.expect("columns");
    let before = org.stats();
    let third = cold
        .view_records_sorted("Account", &all, down.clone(), 10, 20)
        .await
        .expect("page 3 cold");
    assert_eq!(
        org.stats().api_requests,
        before.api_requests + 1,
        "one request from the start"
    );
    let third_warm = ws
        .view_records_sorted("Account", &all, down, 10, 20)
        .await
        .expect("page 3 with its token");
    assert_eq!(ids(&third), ids(&third_warm), "the same records either way");
    assert_eq!(third.offset, 20);
}

/// Issue 26 item 7: neither resource pages past the 2,000th record. The last page Salesforce
/// gives says the rest is in Salesforce (its Lightning list view), a page past it is refused
/// before any request, and Salesforce's own refusal is told the same way.
#[tokio::test]
async fn paging_stops_at_salesforces_bound_and_points_to_the_list_view() {
    use workstation::views::{ViewsError, MAX_OFFSET};
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    let all = view_named(&ws, "Contact", "All Contacts").await;
    let last = ws.view_records("Contact", &all, 10, 1995).await.expect("the last page");
    assert!(last.total > 2005, "{}", last.total);
    assert_eq!(last.rows.len(), 10);
    assert_eq!(last.paging.next, None, "no page past the bound");
    assert_eq!(last.paging.previous, Some(1985));
    let beyond = last.paging.beyond.clone().expect("the rest is in Salesforce");
    assert_eq!(beyond.limit, MAX_OFFSET);
    assert!(
        beyond
            .url
            .ends_with(&format!("/lightning/o/Contact/list?filterName={all}")),
        "{}",
        beyond.url
    );
    let inside = ws.view_records("Contact", &all, 10, 1980).await.expect("a page inside");
    assert_eq!((inside.paging.next, inside.paging.beyond.clone()), (Some(1990), None));

    let before = org.stats();
    for sort in [None, by("Name", SortDirection::Ascending)] {
        let e = ws
            .view_records_sorted("Contact", &all, sort, 10, 2010)
            .await
            .expect_err("past the bound");
        assert!(
            matches!(
                e,
                workstation::api::ApiError::Views(ViewsError::BeyondPaging { limit: 2000 })
            ),
            "{e:?}"
        );
    }
    assert_eq!(
        org.stats().api_requests,
        before.api_requests,
        "refused before any request"
    );

    // A sorted page that starts at the bound: two requests from the start (no token known),
    // the page after the 2,000th record.
    let sorted = ws
        .view_records_sorted("Contact", &all, by("Name", SortDirection::Ascending), 10, 2000)
        .await
        .expect("the page at the bound");
    assert_eq!(sorted.rows.len(), 10);
    assert!(sorted.paging.beyond.is_some());
}

/// Issue 26 item 7: Lead and Case views show their owner (a user or a queue) as
/// `Owner.NameOrAlias`; a sorted page writes that owner as Salesforce's `Name` entity, and the
/// column is still filled.
#[tokio::test]
async fn lead_and_case_owners_show_on_sorted_pages_too() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = token_workstation(&org, &dir);
    for (object, label) in [("Lead", "All Open Leads"), ("Case", "All Open Cases")] {
        let id = view_named(&ws, object, label).await;
        let own = ws.view_records(object, &id, 10, 0).await.expect("own order");
        let owners = texts(&own, "Owner.NameOrAlias");
        assert!(owners.iter().all(|a| !a.is_empty()), "{object}: {owners:?}");
        for direction in [SortDirection::Ascending, SortDirection::Descending] {
            let sorted = ws
                .view_records_sorted(object, &id, by("Owner.NameOrAlias", direction), 10, 0)
                .await
                .expect("sorted by owner");
            let owners = texts(&sorted, "Owner.NameOrAlias");
            assert!(owners.iter().all(|a| !a.is_empty()), "{object}: {owners:?}");
            let sorted_by_owner: Vec<String> = owners.iter().map(|o| o.to_lowercase()).collect();
            let ordered = match direction {
                SortDirection::Ascending => sorted_by_owner.windows(2).all(|w| w[0] <= w[1]),
                SortDirection::Descending => sorted_by_owner.windows(2).all(|w| w[0] >= w[1]),
            };
            assert!(ordered, "{object} {direction:?}: {owners:?}");
        }
    }
}
