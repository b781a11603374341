//! The UI API's Get List View Records over the wire (`/ui-api/list-records/{id}` and
//! `/{object}/{listViewApiName}`): the List Record Collection's shape, sorting as Salesforce
//! sorts (case-insensitive, nulls first ascending and last descending, picklists in their
//! defined order, by Id within equal values), paging by token, the restricted user's hidden
//! fields and objects refused as Salesforce refuses them, and one API call per request.

#[macro_use]
mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::Value;
use workstation_demo_org::DemoOrg;

fn sample() -> Value {
    serde_json::from_str(include_str!("samples/uiapi_list_records_response.json")).unwrap()
}

async fn token_of(org: &DemoOrg, user: &str) -> String {
    token_as(org, user).await["access_token"].as_str().unwrap().to_string()
}

/// The id of `object`'s list view called `label`.
async fn view_id(org: &DemoOrg, tok: &str, object: &str, label: &str) -> String {
    let (st, v) = get_json(org, tok, &format!("/services/data/{V}/sobjects/{object}/listviews")).await;
    assert_eq!(st, StatusCode::OK);
    v["listviews"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["label"] == label)
        .unwrap_or_else(|| panic!("{object}: no view {label}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn records(org: &DemoOrg, tok: &str, id: &str, query: &str) -> (StatusCode, Value) {
    get_json(
        org,
        tok,
        &format!("/services/data/{V}/ui-api/list-records/{id}?{query}"),
    )
    .await
}

/// A field's value at a path through the record's relationships.
fn value<'v>(record: &'v Value, path: &str) -> &'v Value {
    let mut fields = &record["fields"];
    let steps: Vec<&str> = path.split('.').collect();
    for (i, step) in steps.iter().enumerate() {
        let field = &fields[*step];
        if i + 1 == steps.len() {
            return &field["value"];
        }
        fields = &field["value"]["fields"];
    }
    &Value::Null
}

fn texts(page: &Value, path: &str) -> Vec<Option<String>> {
    page["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| value(r, path).as_str().map(str::to_string))
        .collect()
}

#[tokio::test]
async fn the_answer_is_a_list_record_collection() {
    let org = start().await;
    let tok = token(&org).await;
    let id = view_id(&org, &tok, "Opportunity", "All Opportunities").await;
    let (st, v) = records(&org, &tok, &id, "pageSize=1&sortBy=-Account.Name").await;
    assert_eq!(st, StatusCode::OK, "{v}");
    let s = sample();
    // The top level and a record's envelope as the sample (searchTerm and where: 61.0+;
    // recordTypeId and weakEtag: later versions than the sample's 46.0).
    let strip = |mut x: Value, key: &str| {
        x[key] = Value::Null;
        x
    };
    assert_shape(
        &strip(s.clone(), "records"),
        &strip(v.clone(), "records"),
        &["searchTerm", "where"],
    );
    assert_shape(
        &strip(s["records"][0].clone(), "fields"),
        &strip(v["records"][0].clone(), "fields"),
        &["recordTypeId", "weakEtag"],
    );
    // Fields as in the sample: a relationship carries the related record.
    let fields = &v["records"][0]["fields"];
    for f in ["Account", "AccountId", "Amount", "CloseDate", "Id", "Name", "StageName"] {
        same_shape(
            &s["records"][0]["fields"][f],
            &fields[f],
            f,
            &["recordTypeId", "weakEtag", "OwnerId", "Owner"],
        )
        .unwrap();
    }
    assert_eq!(v["records"][0]["apiName"], "Opportunity");
    assert_eq!(v["count"], 1, "the records on this page");
    assert_eq!(v["pageSize"], 1);
    // Tokens are strings, opaque to the client (the sample's are offsets: "0", "1").
    assert!(v["currentPageToken"].is_string() && v["nextPageToken"].is_string());
    assert_ne!(v["currentPageToken"], v["nextPageToken"]);
    assert_eq!(v["sortBy"], "-Account.Name");
    assert_eq!(v["listReference"]["id"], id.as_str());
    assert_eq!(v["listReference"]["listViewApiName"], "AllOpportunities");
    assert!(v["records"][0]["fields"]["Amount"]["displayValue"]
        .as_str()
        .unwrap()
        .starts_with('$'));
}

#[tokio::test]
async fn a_sort_is_one_api_call_and_pages_follow_it() {
    let org = start().await;
    let tok = token(&org).await;
    let id = view_id(&org, &tok, "Account", "All Accounts").await;
    let before = org.stats();
    let (st, first) = records(&org, &tok, &id, "pageSize=25&sortBy=-Name").await;
    assert_eq!(st, StatusCode::OK);
    let after = org.stats();
    assert_eq!(after.api_requests, before.api_requests + 1, "one API call");
    assert_eq!(after.listview_requests, before.listview_requests + 1);
    // Tokens are opaque: the one given is sent back, never an offset counted by the client.
    let token = first["nextPageToken"].as_str().unwrap().to_string();
    assert_ne!(token, "25");
    let (st, counted) = records(&org, &tok, &id, "pageSize=25&sortBy=-Name&pageToken=25").await;
    assert_eq!(st, StatusCode::BAD_REQUEST, "{counted}");
    assert_eq!(counted[0]["errorCode"], "ILLEGAL_QUERY_PARAMETER_VALUE");
    let (st, other_sort) = records(&org, &tok, &id, &format!("pageSize=25&sortBy=Name&pageToken={token}")).await;
    assert_eq!(st, StatusCode::BAD_REQUEST, "a token is for its own sort: {other_sort}");
    let (_, second) = records(&org, &tok, &id, &format!("pageSize=25&sortBy=-Name&pageToken={token}")).await;
    assert_eq!(second["currentPageToken"].as_str(), Some(token.as_str()));
    assert_eq!(second["previousPageToken"], first["currentPageToken"]);
    assert!(second["nextPageUrl"].as_str().unwrap().ends_with(&format!(
        "pageToken={}&sortBy=-Name",
        second["nextPageToken"].as_str().unwrap()
    )));
    let mut names = texts(&first, "Name");
    names.extend(texts(&second, "Name"));
    // Accents are folded as well: the ASCII names are compared here.
    let folded: Vec<String> = names
        .iter()
        .flatten()
        .filter(|n| n.is_ascii())
        .map(|n| n.to_lowercase())
        .collect();
    assert!(
        folded.windows(2).all(|w| w[0] >= w[1]),
        "descending across pages: {folded:?}"
    );
    let ids: std::collections::HashSet<String> = first["records"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["records"].as_array().unwrap())
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 50, "no record on two pages");
    // The same view by API names.
    let (st, by_name) = get_json(
        &org,
        &tok,
        &format!("/services/data/{V}/ui-api/list-records/Account/AllAccounts?pageSize=25&sortBy=-Name"),
    )
    .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(texts(&by_name, "Name"), texts(&first, "Name"));
}

#[tokio::test]
async fn sorting_is_salesforces_nulls_case_and_picklists() {
    let org = start().await;
    let tok = token(&org).await;
    let accounts = view_id(&org, &tok, "Account", "All Accounts").await;
    // Case-insensitive, ascending.
    let (_, page) = records(&org, &tok, &accounts, "pageSize=2000&sortBy=Name").await;
    let names: Vec<String> = texts(&page, "Name").into_iter().flatten().collect();
    assert_eq!(names.len(), 1500);
    let ascii: Vec<String> = names
        .iter()
        .filter(|n| n.is_ascii())
        .map(|n| n.to_lowercase())
        .collect();
    assert!(ascii.windows(2).all(|w| w[0] <= w[1]), "case-insensitive ascending");
    // Nulls first ascending, last descending, on a column with empty values.
    for (sort, nulls_first) in [("BillingState", true), ("-BillingState", false)] {
        let (_, page) = records(&org, &tok, &accounts, &format!("pageSize=2000&sortBy={sort}")).await;
        let states = texts(&page, "BillingState");
        let nulls = states.iter().filter(|s| s.is_none()).count();
        assert!(
            nulls > 0 && nulls < states.len(),
            "the demo data has empty states: {nulls}"
        );
        let (head, tail) = if nulls_first {
            states.split_at(nulls)
        } else {
            let at = states.len() - nulls;
            let (a, b) = states.split_at(at);
            (b, a)
        };
        assert!(
            head.iter().all(Option::is_none),
            "{sort}: nulls together at the {}",
            if nulls_first { "start" } else { "end" }
        );
        assert!(tail.iter().all(Option::is_some), "{sort}");
    }
    // Picklists in the order their field defines, not alphabetically.
    let opportunities = view_id(&org, &tok, "Opportunity", "All Opportunities").await;
    let (_, page) = records(&org, &tok, &opportunities, "pageSize=2000&sortBy=StageName").await;
    let stages: Vec<String> = texts(&page, "StageName").into_iter().flatten().collect();
    let first_won = stages.iter().position(|s| s == "Closed Won").unwrap();
    let last_prospecting = stages.iter().rposition(|s| s == "Prospecting").unwrap();
    assert!(last_prospecting < first_won, "Prospecting before Closed Won");
    // A path through a relationship.
    let (st, page) = records(&org, &tok, &opportunities, "pageSize=50&sortBy=Account.Name").await;
    assert_eq!(st, StatusCode::OK);
    let accounts: Vec<String> = texts(&page, "Account.Name")
        .into_iter()
        .flatten()
        .filter(|n| n.is_ascii())
        .map(|n| n.to_lowercase())
        .collect();
    assert!(accounts.windows(2).all(|w| w[0] <= w[1]), "{accounts:?}");
}

#[tokio::test]
async fn hidden_fields_and_objects_are_refused_as_salesforce_refuses_them() {
    let org = start().await;
    let admin = token(&org).await;
    let leads = view_id(&org, &admin, "Lead", "All Open Leads").await;
    let opportunities = view_id(&org, &admin, "Opportunity", "All Opportunities").await;
    let (st, _) = records(&org, &admin, &leads, "sortBy=Company").await;
    assert_eq!(st, StatusCode::OK, "the administrator sees Company");
    let tok = token_of(&org, "restricted").await;
    let before = org.stats().api_requests;
    let (st, v) = records(&org, &tok, &leads, "sortBy=-Company").await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(v[0]["errorCode"], "INVALID_FIELD");
    assert_eq!(v[0]["message"], "No such column 'Company' on entity Lead");
    assert_eq!(org.stats().api_requests, before + 1, "a refusal is an API call too");
    // Hidden through a relationship: the restricted user cannot see Account.Type.
    let contacts = view_id(&org, &tok, "Contact", "All Contacts").await;
    let (st, v) = records(&org, &tok, &contacts, "sortBy=Account.Type").await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(v[0]["message"], "No such column 'Type' on entity Account");
    // An object the profile cannot read: the list view is not there for him.
    let (st, v) = records(&org, &tok, &opportunities, "sortBy=Name").await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    assert_eq!(v[0]["errorCode"], "INSUFFICIENT_ACCESS");
    // He sorts what he may see.
    let (st, v) = records(&org, &tok, &leads, "sortBy=Name&pageSize=5").await;
    assert_eq!(st, StatusCode::OK);
    assert!(
        v["records"][0]["fields"].get("Company").is_none(),
        "no hidden field in the records"
    );
}

#[tokio::test]
async fn bad_parameters_are_refused_with_salesforces_codes() {
    let org = start().await;
    let tok = token(&org).await;
    let id = view_id(&org, &tok, "Account", "All Accounts").await;
    for (query, status, code) in [
        ("pageSize=0", 400, "NUMBER_OUTSIDE_VALID_RANGE"),
        ("pageSize=2001", 400, "NUMBER_OUTSIDE_VALID_RANGE"),
        ("pageToken=invalid", 400, "ILLEGAL_QUERY_PARAMETER_VALUE"),
        ("sortBy=Bogus", 400, "INVALID_FIELD"),
        ("sortBy=Name,-Phone", 400, "ILLEGAL_QUERY_PARAMETER_VALUE"),
    ] {
        let (st, v) = records(&org, &tok, &id, query).await;
        assert_eq!(
            (st.as_u16(), v[0]["errorCode"].as_str().unwrap()),
            (status, code),
            "{query}: {v}"
        );
    }
    let (st, v) = records(&org, &tok, "00BWk00000ZZZZZZZZ", "").await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    assert_eq!(v[0]["errorCode"], "INSUFFICIENT_ACCESS");
    // Without a sort: the list view's own order, 50 to a page.
    let (st, v) = records(&org, &tok, &id, "").await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(v["pageSize"], 50);
    assert_eq!(v["sortBy"], "Name");
}

/// "The maximum offset is 2000": a page may start at record 2,001 and no later, on the UI API
/// (no `nextPageToken` past it) as on the REST results (SOQL's OFFSET bound).
#[tokio::test]
async fn no_page_starts_past_the_two_thousandth_record() {
    let org = start().await;
    let tok = token(&org).await;
    let id = view_id(&org, &tok, "Contact", "All Contacts").await;
    let (st, first) = records(&org, &tok, &id, "pageSize=2000&sortBy=Name").await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(first["count"], 2000);
    let token = first["nextPageToken"].as_str().expect("a page at 2000").to_string();
    let (st, last) = records(&org, &tok, &id, &format!("pageSize=2000&sortBy=Name&pageToken={token}")).await;
    assert_eq!(st, StatusCode::OK, "{last}");
    assert!(last["count"].as_u64().unwrap() > 0);
    assert_eq!(
        last["nextPageToken"],
        Value::Null,
        "nothing past the limit, though records remain"
    );
    let results =
        |offset: u32| format!("/services/data/{V}/sobjects/Contact/listviews/{id}/results?limit=5&offset={offset}");
    let (st, at_limit) = get_json(&org, &tok, &results(2000)).await;
    assert_eq!(st, StatusCode::OK, "{at_limit}");
    assert!(
        at_limit["size"].as_u64().unwrap() > 2005,
        "All Contacts holds more than 2,000 records"
    );
    let (st, past) = get_json(&org, &tok, &results(2001)).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_eq!(past[0]["errorCode"], "NUMBER_OUTSIDE_VALID_RANGE");
}

/// A Lead's or a Case's owner is a user or a queue: list views show `Owner.NameOrAlias`, and the
/// UI API writes that owner as the `Name` entity (fields beside `attributes`), not as a record.
#[tokio::test]
async fn lead_and_case_owners_are_name_or_alias() {
    let org = start().await;
    let tok = token(&org).await;
    for (object, label) in [("Lead", "All Open Leads"), ("Case", "All Open Cases")] {
        let id = view_id(&org, &tok, object, label).await;
        let (st, rest) = get_json(
            &org,
            &tok,
            &format!("/services/data/{V}/sobjects/{object}/listviews/{id}/results?limit=3"),
        )
        .await;
        assert_eq!(st, StatusCode::OK);
        let column = rest["columns"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["fieldNameOrPath"] == "Owner.NameOrAlias")
            .unwrap_or_else(|| panic!("{object}: {}", rest["columns"]));
        assert_eq!(column["label"], format!("{object} Owner Alias"));
        let alias = rest["records"][0]["columns"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["fieldNameOrPath"] == "Owner.NameOrAlias")
            .and_then(|c| c["value"].as_str())
            .expect("an owner alias")
            .to_string();
        let (st, page) = records(&org, &tok, &id, "pageSize=3&sortBy=-Owner.NameOrAlias").await;
        assert_eq!(st, StatusCode::OK, "{page}");
        let owner = &page["records"][0]["fields"]["Owner"];
        assert_eq!(owner["value"]["attributes"]["type"], "Name", "{owner}");
        assert!(owner["value"]["fields"].is_null(), "not a UI API record: {owner}");
        assert!(owner["value"]["NameOrAlias"]["value"].is_string(), "{owner}");
        assert!(!alias.is_empty());
        let (st, refused) = records(&org, &tok, &id, "sortBy=Owner.Bogus").await;
        assert_eq!(st, StatusCode::BAD_REQUEST);
        assert_eq!(refused[0]["message"], "No such column 'Bogus' on entity Name");
    }
}
