//! `workstation views show OBJECT [VIEW] --sort FIELD [--desc]` (issue 16 item 11): the real
//! binary against `workstation demo-org` in another process. `--json` keeps its shape, the
//! sorted column saying so in `sort`; a column that cannot be sorted fails in the person's
//! language with exit code 1.

mod common;

use common::{spawn_demo_org, workstation_in};

fn json(out: &std::process::Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// The first view's column `field` as `--json` shows it, and its cells.
fn column(shown: &serde_json::Value, field: &str) -> (serde_json::Value, Vec<String>) {
    let view = &shown["views"][0];
    let columns = view["columns"].as_array().expect("columns");
    let i = columns.iter().position(|c| c["field"] == field).expect("the column");
    let cells = view["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["cells"][i].as_str().unwrap_or("").to_string())
        .collect();
    (columns[i].clone(), cells)
}

#[test]
fn views_show_sorts_by_a_column_on_request() {
    let org = spawn_demo_org(&["--token", "cli-token"]);
    let data = tempfile::tempdir().expect("tmp");
    let lang = "C.UTF-8";
    let own = json(&workstation_in(
        &org,
        &data,
        lang,
        &["views", "show", "Account", "--json", "--limit", "5"],
    ));
    let view_id = own["views"][0]["view_id"].as_str().expect("view id").to_string();
    let (name, _) = column(&own, "Name");
    assert_eq!(name["sort"], "ascending", "the list view's own order");

    let args = [
        "views", "show", "Account", &view_id, "--json", "--limit", "5", "--sort", "Name", "--desc",
    ];
    let sorted = json(&workstation_in(&org, &data, lang, &args));
    let view = &sorted["views"][0];
    // The same shape as without --sort.
    let keys = |v: &serde_json::Value| v.as_object().expect("object").keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(view), keys(&own["views"][0]));
    assert_eq!(keys(&view["columns"][0]), keys(&own["views"][0]["columns"][0]));
    let (name, names) = column(&sorted, "Name");
    assert_eq!(name["sort"], "descending");
    assert_eq!(name["sortable"], true);
    let lower: Vec<String> = names
        .iter()
        .filter(|n| n.is_ascii())
        .map(|n| n.to_lowercase())
        .collect();
    assert!(lower.windows(2).all(|w| w[0] >= w[1]), "{names:?}");
    let others: Vec<&serde_json::Value> = view["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .filter(|c| c["field"] != "Name")
        .collect();
    assert!(others.iter().all(|c| c["sort"].is_null()), "one sorted column");

    // Ascending by another column; the human table marks it.
    let out = workstation_in(
        &org,
        &data,
        lang,
        &["views", "show", "Account", &view_id, "--limit", "3", "--sort", "Phone"],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Phone ↑"), "{text}");
    assert!(!text.contains("Account Name ↑"), "{text}");
}

#[test]
fn a_column_that_cannot_be_sorted_fails_in_the_persons_language() {
    let org = spawn_demo_org(&["--token", "cli-token"]);
    let data = tempfile::tempdir().expect("tmp");
    let args = ["views", "show", "Account", "--sort", "Bogus"];
    let out = workstation_in(&org, &data, "C.UTF-8", &args);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot be sorted by Bogus"), "{err}");
    let out = workstation_in(&org, &data, "fr_FR.UTF-8", &args);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ne peut pas être triée par Bogus"), "{err}");
    // For scripts: the kind.
    let out = workstation_in(
        &org,
        &data,
        "C.UTF-8",
        &["views", "show", "Account", "--sort", "Id", "--json"],
    );
    assert_eq!(out.status.code(), Some(1));
    let line: serde_json::Value = serde_json::from_slice(&out.stderr).expect("a JSON error line");
    assert_eq!(line["error"]["kind"], "not_sortable");
    // --desc alone is a usage error (clap's exit code 2).
    let out = workstation_in(&org, &data, "C.UTF-8", &["views", "show", "Account", "--desc"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Issue 26 item 7: `views show` past Salesforce's paging bound. The last page it gives says
/// where the rest is (the list view in Salesforce); a page past it fails with words and the
/// kind `beyond_paging`; `--json` keeps its shape.
#[test]
fn views_show_says_where_paging_ends() {
    let org = spawn_demo_org(&["--token", "cli-token"]);
    let data = tempfile::tempdir().expect("tmp");
    let listed = workstation_in(&org, &data, "C.UTF-8", &["views", "list", "Contact"]);
    assert!(listed.status.success());
    let listed = String::from_utf8_lossy(&listed.stdout).to_string();
    let all = listed
        .lines()
        .find(|l| l.ends_with("All Contacts"))
        .and_then(|l| l.split_whitespace().find(|w| w.starts_with("00B")))
        .unwrap_or_else(|| panic!("All Contacts in {listed}"))
        .to_string();
    let show = |lang: &str, extra: &[&str]| {
        let mut args = vec!["views", "show", "Contact", all.as_str(), "--limit", "10"];
        args.extend_from_slice(extra);
        workstation_in(&org, &data, lang, &args)
    };
    let out = show("C.UTF-8", &["--offset", "1995"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let last = text.lines().last().unwrap_or_default();
    assert!(
        last.contains("only up to its 2000th record")
            && last.contains(&format!("/lightning/o/Contact/list?filterName={all}")),
        "{text}"
    );
    let out = show("fr_FR.UTF-8", &["--offset", "1995"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("la suite est dans Salesforce"));
    let json = show("C.UTF-8", &["--offset", "1995", "--json"]);
    let shown: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let keys: Vec<&String> = shown["views"][0].as_object().expect("a view").keys().collect();
    assert_eq!(
        keys,
        ["columns", "label", "object", "offset", "rows", "total", "view_id"]
    );

    let out = show("C.UTF-8", &["--offset", "2500"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("open the list view in Salesforce"), "{err}");
    let out = show("C.UTF-8", &["--offset", "2500", "--sort", "Name", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let line: serde_json::Value = serde_json::from_slice(&out.stderr).expect("a JSON error line");
    assert_eq!(line["error"]["kind"], "beyond_paging");
}
