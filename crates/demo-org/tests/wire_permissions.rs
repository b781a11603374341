//! Salesforce's permission model over the wire: the restricted user (no Case, no Opportunity,
//! `Account.Type` and `Lead.Company` hidden, a private view that is not SOQL-compatible) picked
//! by `auto_approve&user=`, the approval page, the device approval or the configuration, and
//! every answer computed for the token's user. Held to the samples in `../shared/salesforce/`
//! and to the demo org's own in `tests/samples/` (same key sets and JSON types).

#[macro_use]
mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::Value;
use workstation_demo_org::{DemoOrg, DemoUser, DEMO_CLIENT_ID};

const TOMAS: &str = "tomas.herrera@workstation-demo.example";
const DANA: &str = "dana.demo@workstation-demo.example";
/// The app's search (API-NOTES §3), every object the restricted user may not see included.
const APP_SOSL: &str = "FIND {acme*} IN ALL FIELDS RETURNING Lead(Id, Name, Company, Status LIMIT 5), Account(Id, Name, Type LIMIT 5), Contact(Id, Name, Account.Name LIMIT 5), Opportunity(Id, Name, StageName LIMIT 5), Case(Id, CaseNumber, Subject, Status LIMIT 5) LIMIT 40";

fn own_sample(name: &str) -> Value {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/samples")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap()
}

/// The approval page (demo-only user select included).
async fn approval_page(org: &DemoOrg) -> String {
    let u = format!("{}/services/oauth2/authorize", org.base_url());
    let q = [
        ("response_type", "code"),
        ("client_id", DEMO_CLIENT_ID),
        ("redirect_uri", CALLBACK),
    ];
    client().get(u).query(&q).send().await.unwrap().text().await.unwrap()
}

async fn restricted(org: &DemoOrg) -> String {
    let t = token_as(org, "restricted").await;
    t["access_token"].as_str().unwrap().to_string()
}

async fn username(org: &DemoOrg, tok: &str) -> String {
    let (_, v) = get_json(org, tok, "/services/oauth2/userinfo").await;
    v["preferred_username"].as_str().unwrap().to_string()
}

fn message(v: &Value) -> &str {
    v[0]["message"].as_str().unwrap()
}

/// "\n<query>\n<spaces>^\nERROR at Row:1:Column:N\n…" with N the index of `name` in the query.
fn assert_positioned(v: &Value, sosl: &str, name: &str) {
    let col = sosl.find(name).unwrap();
    let head = format!("\n{sosl}\n{}^\nERROR at Row:1:Column:{col}\n", " ".repeat(col - 1));
    assert!(message(v).starts_with(&head), "{}", message(v));
}

#[tokio::test]
async fn auto_approve_with_user_restricted_signs_in_tomas_and_the_default_stays_dana() {
    let org = start().await;
    let tr = token_as(&org, "restricted").await;
    assert!(tr["id"]
        .as_str()
        .unwrap()
        .ends_with(&org.user_id_of(DemoUser::Restricted)));
    let tok = tr["access_token"].as_str().unwrap();
    assert_eq!(username(&org, tok).await, TOMAS);
    let (st, id) = get_json(&org, tok, &tr["id"].as_str().unwrap().replace(&org.base_url(), "")).await;
    assert_eq!(
        (st, id["display_name"].as_str()),
        (StatusCode::OK, Some("Tomás Herrera"))
    );
    assert_eq!(username(&org, &token(&org).await).await, DANA);
    // A refreshed session is still Tomás's.
    let (st, v) = refresh(&org, tr["refresh_token"].as_str().unwrap()).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(username(&org, v["access_token"].as_str().unwrap()).await, TOMAS);
}

#[tokio::test]
async fn sosl_naming_an_unreadable_object_is_invalid_type_with_the_query_echoed() {
    let org = start().await;
    let tok = restricted(&org).await;
    let sosl = "FIND {d\\'Arc*} IN ALL FIELDS RETURNING Contact(Id, Name), Case(Id, Subject)";
    let (st, v) = search(&org, &tok, sosl).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_shape(&own_sample("rest_error_invalid_type_sosl_400.json"), &v, &[]);
    assert_eq!(v[0]["errorCode"], "INVALID_TYPE");
    assert_positioned(&v, sosl, "Case(");
    assert!(message(&v).ends_with("\nsObject type 'Case' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names."));
    // The demo user searches the same query without an error.
    assert_eq!(search(&org, &token(&org).await, sosl).await.0, StatusCode::OK);
}

#[tokio::test]
async fn sosl_naming_a_hidden_field_is_invalid_field_no_such_column() {
    let org = start().await;
    let tok = restricted(&org).await;
    let sosl = "FIND {acme*} IN ALL FIELDS RETURNING Account(Id, Name, Type LIMIT 5)";
    let (st, v) = search(&org, &tok, sosl).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_shape(&own_sample("rest_error_invalid_field_sosl_400.json"), &v, &[]);
    assert_eq!(v[0]["errorCode"], "INVALID_FIELD");
    assert_positioned(&v, sosl, "Type");
    assert!(message(&v).ends_with("\nNo such column 'Type' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."));
    // Without the field the object is searchable, and its records carry no Type.
    let recs = search_ok(&org, &tok, "FIND {acme*} RETURNING Account(Id, Name LIMIT 5)").await;
    assert!(!recs.is_empty() && recs.iter().all(|r| r.get("Type").is_none()));
}

#[tokio::test]
async fn sosl_answers_the_first_offender_in_query_order_one_per_request() {
    let org = start().await;
    let tok = restricted(&org).await;
    let mut sosl = APP_SOSL.to_string();
    let mut learnt = Vec::new();
    for _ in 0..5 {
        let (st, v) = search(&org, &tok, &sosl).await;
        if st == StatusCode::OK {
            let types: std::collections::BTreeSet<_> = v["searchRecords"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["attributes"]["type"].as_str().unwrap().to_string())
                .collect();
            assert_eq!(types.into_iter().collect::<Vec<_>>(), ["Account", "Contact", "Lead"]);
            break;
        }
        let last = message(&v).rsplit('\n').next().unwrap().to_string();
        learnt.push(format!(
            "{} {}",
            v[0]["errorCode"].as_str().unwrap(),
            &last[..last.find('.').unwrap()]
        ));
        sosl = match learnt.len() {
            1 => sosl.replace("Name, Company, Status", "Name, Status"),
            2 => sosl.replace("Account(Id, Name, Type", "Account(Id, Name"),
            3 => sosl.replace("Opportunity(Id, Name, StageName LIMIT 5), ", ""),
            _ => sosl.replace(", Case(Id, CaseNumber, Subject, Status LIMIT 5)", ""),
        };
    }
    assert_eq!(
        learnt,
        [
            "INVALID_FIELD No such column 'Company' on entity 'Lead'",
            "INVALID_FIELD No such column 'Type' on entity 'Account'",
            "INVALID_TYPE sObject type 'Opportunity' is not supported",
            "INVALID_TYPE sObject type 'Case' is not supported",
        ]
    );
    assert_eq!(org.stats().search_requests, 5, "every refusal is a counted call");
}

#[tokio::test]
async fn sobjects_of_an_unreadable_object_answer_404_not_found() {
    let s = sample_or_skip!("rest_error_not_found_404.json");
    let org = start().await;
    let (demo, tok) = (token(&org).await, restricted(&org).await);
    let (_, cases) = get_json(&org, &demo, &format!("/services/data/{V}/sobjects/Case/listviews")).await;
    let view = cases["listviews"][0]["url"].as_str().unwrap().to_string();
    let case = &search_ok(&org, &demo, "FIND {acme} RETURNING Case(Id)").await[0];
    for path in [
        format!("/services/data/{V}/sobjects/Case/listviews"),
        format!("/services/data/{V}/sobjects/Case/listviews/recent"),
        format!("/services/data/{V}/sobjects/Opportunity/listviews"),
        view.clone(),
        format!("{view}/describe"),
        format!("{view}/results"),
        case["attributes"]["url"].as_str().unwrap().to_string(),
    ] {
        let (st, v) = get_json(&org, &tok, &path).await;
        assert_eq!((st, &v), (StatusCode::NOT_FOUND, &s), "{path}");
        assert_eq!(get(&org, &demo, &path).await.status(), StatusCode::OK, "{path}");
    }
    assert_eq!(
        org.stats().listview_requests,
        1 + 6 + 6,
        "refused list-view calls count too"
    );
    // A record of a readable object comes without its hidden fields.
    let acme = &search_ok(&org, &demo, "FIND {Acme Corporation} RETURNING Account(Id)").await[0];
    let (_, rec) = get_json(&org, &tok, acme["attributes"]["url"].as_str().unwrap()).await;
    assert_eq!(rec["Name"], "Acme Corporation");
    assert!(rec.get("Type").is_none() && rec.get("Industry").is_some());
}

async fn view_url(org: &DemoOrg, tok: &str, ty: &str, dev: &str) -> String {
    let (_, v) = get_json(org, tok, &format!("/services/data/{V}/sobjects/{ty}/listviews")).await;
    let e = v["listviews"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["developerName"] == dev);
    e.unwrap_or_else(|| panic!("{ty} {dev}: {v}"))["url"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn listview_columns_on_hidden_fields_are_omitted() {
    let s = sample_or_skip!("rest_listview_results_response.json");
    let org = start().await;
    let (demo, tok) = (token(&org).await, restricted(&org).await);
    let url = view_url(&org, &tok, "Account", "AllAccounts").await;
    let cols = |v: &Value| -> Vec<String> {
        v["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["fieldNameOrPath"].as_str().unwrap().into())
            .collect()
    };
    let (st, mine) = get_json(&org, &tok, &format!("{url}/results?limit=3")).await;
    assert_eq!(st, StatusCode::OK);
    assert_shape(&s, &mine, &[]);
    let (_, full) = get_json(&org, &demo, &format!("{url}/results?limit=3")).await;
    let expected: Vec<String> = cols(&full).into_iter().filter(|c| c != "Type").collect();
    assert!(cols(&full).contains(&"Type".to_string()));
    assert_eq!(cols(&mine), expected);
    assert_eq!(cols(&mine["records"][0]), expected, "record cells follow the columns");
    assert_eq!(mine["size"], full["size"], "the same records, one column fewer");
    let (_, d) = get_json(&org, &tok, &format!("{url}/describe")).await;
    assert_eq!(cols(&d), expected);
    assert!(
        !d["query"].as_str().unwrap().to_lowercase().contains("type"),
        "{}",
        d["query"]
    );
    let lead = view_url(&org, &tok, "Lead", "AllOpenLeads").await;
    let (_, l) = get_json(&org, &tok, &format!("{lead}/describe")).await;
    assert!(!cols(&l).contains(&"Company".to_string()) && cols(&l).contains(&"Name".to_string()));
}

#[tokio::test]
async fn listviews_carry_soql_compatible_and_the_private_view_is_its_owners_only() {
    let org = start().await;
    let (demo, tok) = (token(&org).await, restricted(&org).await);
    let lists = |t: String| {
        let org = &org;
        async move {
            let (_, v) = get_json(org, &t, &format!("/services/data/{V}/sobjects/Lead/listviews")).await;
            v["listviews"].as_array().unwrap().clone()
        }
    };
    let (mine, full) = (lists(tok.clone()).await, lists(demo.clone()).await);
    assert!(full.iter().all(|e| e["soqlCompatible"] == true));
    assert_eq!(mine.len(), full.len() + 1);
    let private: Vec<_> = mine.iter().filter(|e| e["soqlCompatible"] == false).collect();
    assert_eq!(private.len(), 1);
    assert_eq!(private[0]["label"], "My Leads With Open Activities");
    let url = private[0]["url"].as_str().unwrap();
    assert_eq!(get(&org, &tok, url).await.status(), StatusCode::OK);
    assert_eq!(get(&org, &demo, url).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_view_that_is_not_soql_compatible_describes_without_query_and_refuses_results() {
    let mut s = sample_or_skip!("rest_listview_describe_response.json");
    s["whereCondition"] = Value::Null; // as for a view without filter
    let org = start().await;
    let tok = restricted(&org).await;
    let url = view_url(&org, &tok, "Lead", "MyLeadsWithOpenActivities").await;
    let (st, d) = get_json(&org, &tok, &format!("{url}/describe")).await;
    assert_eq!(st, StatusCode::OK);
    assert_shape(&s, &d, &[]);
    assert!(d["query"].is_null() && d["whereCondition"].is_null());
    let (st, v) = get_json(&org, &tok, &format!("{url}/results")).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert_shape(&own_sample("rest_error_listview_not_soql_compatible_400.json"), &v, &[]);
    assert_eq!(v[0]["errorCode"], "INVALID_OPERATION");
}

#[tokio::test]
async fn my_views_show_the_signed_in_users_own_records() {
    let org = start().await;
    let (demo, tok) = (token(&org).await, restricted(&org).await);
    let url = view_url(&org, &tok, "Account", "MyAccounts").await;
    let aliases = |v: &Value| -> std::collections::BTreeSet<String> {
        v["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["columns"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|c| c["fieldNameOrPath"] == "Owner.Alias")
                    .unwrap()["value"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let (_, mine) = get_json(&org, &tok, &format!("{url}/results?limit=200")).await;
    let (_, full) = get_json(&org, &demo, &format!("{url}/results?limit=200")).await;
    assert_eq!(aliases(&mine).into_iter().collect::<Vec<_>>(), ["therr"]);
    assert_eq!(aliases(&full).into_iter().collect::<Vec<_>>(), ["ddemo"]);
}

async fn soql(org: &DemoOrg, tok: &str, q: &str) -> (StatusCode, Value, String) {
    let r = get_q(org, tok, "query", q).await;
    let (st, limit) = (
        r.status(),
        r.headers()["sforce-limit-info"].to_str().unwrap().to_string(),
    );
    (st, r.json().await.unwrap(), limit)
}

#[tokio::test]
async fn soql_on_listview_answers_the_query_shape_and_counts_as_an_api_call() {
    let org = start().await;
    let tok = token(&org).await;
    let before = org.stats();
    let q = "SELECT Id, Name, DeveloperName, SobjectType, IsSoqlCompatible, LastViewedDate FROM ListView WHERE SobjectType IN ('Lead', 'Account', 'Contact', 'Opportunity', 'Case') ORDER BY LastViewedDate DESC NULLS LAST";
    let (st, v, limit) = soql(&org, &tok, q).await;
    assert_eq!(st, StatusCode::OK);
    assert_shape(&own_sample("rest_query_listview_response.json"), &v, &[]);
    let recs = v["records"].as_array().unwrap();
    assert_eq!(v["totalSize"].as_u64().unwrap() as usize, recs.len());
    assert_eq!(v["done"], true);
    assert!(recs.len() > 120 && recs.iter().all(|r| r["IsSoqlCompatible"] == true));
    assert!(!recs[0]["LastViewedDate"].is_null() && recs.last().unwrap()["LastViewedDate"].is_null());
    // The first three viewed of each object are the ones /listviews/recent gives.
    let (_, recent) = get_json(
        &org,
        &tok,
        &format!("/services/data/{V}/sobjects/Lead/listviews/recent"),
    )
    .await;
    let viewed: Vec<_> = recs
        .iter()
        .filter(|r| r["SobjectType"] == "Lead" && !r["LastViewedDate"].is_null())
        .map(|r| r["Id"].clone())
        .collect();
    let recent: Vec<_> = recent["listviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].clone())
        .collect();
    assert_eq!(viewed, recent);
    let after = org.stats();
    assert_eq!(after.query_requests, before.query_requests + 1);
    assert_eq!(after.api_requests, before.api_requests + 2);
    assert_eq!(limit, format!("api-usage={}/15000", before.api_requests + 1));
}

#[tokio::test]
async fn soql_on_listview_gives_the_restricted_user_rows_of_unreadable_objects_too() {
    let org = start().await;
    let tok = restricted(&org).await;
    let q = "SELECT SobjectType, Name, IsSoqlCompatible, LastViewedDate FROM ListView WHERE SobjectType = 'Case'";
    let (st, v, _) = soql(&org, &tok, q).await;
    assert_eq!(st, StatusCode::OK);
    let recs = v["records"].as_array().unwrap();
    assert!(!recs.is_empty(), "{v}");
    assert!(recs
        .iter()
        .all(|r| r["SobjectType"] == "Case" && r["LastViewedDate"].is_null()));
    let (_, v, _) = soql(&org, &tok, "SELECT Name FROM ListView WHERE IsSoqlCompatible = false").await;
    assert_eq!(v["records"][0]["Name"], "My Leads With Open Activities");
}

#[tokio::test]
async fn soql_refusals_are_positioned_with_salesforce_codes() {
    let org = start().await;
    let tok = restricted(&org).await;
    for (q, code, at) in [
        ("SELECT Id FROM Case", "INVALID_TYPE", "Case"),
        ("SELECT Id, Bogus FROM ListView", "INVALID_FIELD", "Bogus"),
        ("SELECT Id FROM ListView WHERE", "MALFORMED_QUERY", ""),
    ] {
        let (st, v, _) = soql(&org, &tok, q).await;
        assert_eq!(
            (st, v[0]["errorCode"].as_str().unwrap()),
            (StatusCode::BAD_REQUEST, code),
            "{q}"
        );
        let col = if at.is_empty() { q.len() } else { q.find(at).unwrap() };
        let head = format!("\n{q}\n{}^\nERROR at Row:1:Column:{}\n", " ".repeat(col), col + 1);
        assert!(message(&v).starts_with(&head), "{}", message(&v));
    }
    assert_eq!(org.stats().query_requests, 3);
}

#[tokio::test]
async fn the_approval_page_offers_both_users_and_the_decision_picks_one() {
    let org = start().await;
    let page = approval_page(&org).await;
    assert!(page.contains("<select id=\"user\" name=\"user\">"), "{page}");
    assert!(page.contains("<option value=\"demo\" selected>") && page.contains("<option value=\"restricted\">"));
    let rid = page.split("name=\"request_id\" value=\"").nth(1).unwrap();
    let rid = &rid[..rid.find('"').unwrap()];
    let r = client()
        .post(format!("{}/services/oauth2/authorize/decision", org.base_url()))
        .form(&[("request_id", rid), ("decision", "allow"), ("user", "restricted")])
        .send()
        .await
        .unwrap();
    let code = query_param(&location(&r), "code").unwrap();
    let tok = exchange_code(&org, &code).await;
    assert_eq!(username(&org, tok["access_token"].as_str().unwrap()).await, TOMAS);
}

#[tokio::test]
async fn device_approval_can_name_the_restricted_user() {
    let org = start_with(|c| c.device_interval_secs = 0).await;
    for (body_user, expected) in [(Some("restricted"), TOMAS), (None, DANA)] {
        let (_, d) = exchange(&org, &[("response_type", "device_code"), ("client_id", DEMO_CLIENT_ID)]).await;
        let mut body = serde_json::json!({"user_code": d["user_code"]});
        if let Some(u) = body_user {
            body["user"] = u.into();
        }
        let approve = format!("{}/__demo/device/approve", org.base_url());
        assert_eq!(
            client().post(approve).json(&body).send().await.unwrap().status(),
            StatusCode::OK
        );
        let code = d["device_code"].as_str().unwrap();
        let (st, t) = exchange(
            &org,
            &[("grant_type", "device"), ("client_id", DEMO_CLIENT_ID), ("code", code)],
        )
        .await;
        assert_eq!(st, StatusCode::OK, "{t}");
        assert_eq!(username(&org, t["access_token"].as_str().unwrap()).await, expected);
    }
    let (_, d) = exchange(&org, &[("response_type", "device_code"), ("client_id", DEMO_CLIENT_ID)]).await;
    assert!(org.approve_device_as(d["user_code"].as_str().unwrap(), DemoUser::Restricted));
}

#[tokio::test]
async fn default_user_restricted_makes_the_preissued_token_and_pages_tomas() {
    let org = start_with(|c| {
        c.default_user = DemoUser::Restricted;
        c.preissued_token = Some("00Dxx!restricted".into());
    })
    .await;
    assert_eq!(username(&org, "00Dxx!restricted").await, TOMAS);
    assert_eq!(
        search(&org, "00Dxx!restricted", APP_SOSL).await.0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        username(&org, &token(&org).await).await,
        TOMAS,
        "auto_approve without user"
    );
    let dana = token_as(&org, "demo").await;
    assert_eq!(username(&org, dana["access_token"].as_str().unwrap()).await, DANA);
    let page = approval_page(&org).await;
    assert!(page.contains("<option value=\"restricted\" selected>") && page.contains(TOMAS));
}

#[tokio::test]
async fn search_does_not_match_in_a_field_the_profile_hides() {
    // Salesforce Help, "Field-Level Security for Custom Fields in Search": every standard field is
    // protected, and users search a protected field only with the field permission.
    let org = start().await;
    let demo = token(&org).await;
    let tok = restricted(&org).await;
    // A Lead's company (Lead.Company hidden): Dana finds the Lead by it, Tomás does not.
    let lead = &search_ok(&org, &demo, "FIND {acme*} RETURNING Lead(Id, Name, Company LIMIT 1)").await[0];
    let company = lead["Company"].as_str().unwrap();
    let by_company = format!("FIND {{\"{company}\"}} IN ALL FIELDS RETURNING Lead(Id, Name)");
    let ids = |recs: &[Value]| {
        recs.iter()
            .map(|r| r["Id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(ids(&search_ok(&org, &demo, &by_company).await).contains(&lead["Id"].as_str().unwrap().to_string()));
    assert!(!ids(&search_ok(&org, &tok, &by_company).await).contains(&lead["Id"].as_str().unwrap().to_string()));
}
