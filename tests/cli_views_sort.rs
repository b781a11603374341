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
