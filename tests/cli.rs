//! The command line as scripts use it: the real binary against `workstation demo-org`
//! in another process (spec §6). Output shapes and first lines are contracts.

mod common;

use common::{spawn_demo_org, workstation_command, workstation_in, DemoOrgProcess};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_workstation");

fn start_demo_org(extra: &[&str]) -> DemoOrgProcess {
    let mut args = vec!["--token", "cli-token"];
    args.extend_from_slice(extra);
    spawn_demo_org(&args)
}

/// English whatever the machine's locale; the French tests call `workstation_in`.
fn workstation(org: &DemoOrgProcess, data: &tempfile::TempDir, args: &[&str]) -> std::process::Output {
    workstation_in(org, data, "C.UTF-8", args)
}

#[test]
fn a_french_locale_gets_french_errors_and_the_same_json() {
    let org = start_demo_org(&[]);
    let data = tempfile::tempdir().expect("tmp");
    let out = workstation_in(&org, &data, "fr_FR.UTF-8", &["search", "a"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("erreur : Saisissez au moins 2 caractères"),
        "{stderr}"
    );
    let english = workstation_in(&org, &data, "en_US.UTF-8", &["search", "a"]);
    assert!(String::from_utf8_lossy(&english.stderr).starts_with("error: Type at least 2 characters"));

    // --json is for scripts: the same bytes in any language.
    let fr = workstation_in(&org, &data, "fr_FR.UTF-8", &["search", "Acme", "--json"]);
    let en = workstation_in(&org, &data, "C.UTF-8", &["search", "Acme", "--json"]);
    assert!(fr.status.success() && en.status.success());
    assert_eq!(String::from_utf8_lossy(&fr.stdout), String::from_utf8_lossy(&en.stdout));
    let json = stdout_json(&fr);
    assert!(
        json["results"]
            .as_array()
            .is_some_and(|r| r.iter().any(|r| r["object"] == "Account")),
        "object names stay API names"
    );

    // Human output uses Salesforce's French labels.
    let human = workstation_in(&org, &data, "fr_FR.UTF-8", &["search", "Acme"]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.lines().any(|l| l == "Compte") && text.lines().any(|l| l == "Opportunité"),
        "{text}"
    );
    let status = workstation_in(&org, &data, "fr_FR.UTF-8", &["status"]);
    assert!(
        String::from_utf8_lossy(&status.stdout).starts_with("Salesforce : connecté"),
        "{}",
        String::from_utf8_lossy(&status.stdout)
    );
}

#[test]
fn the_language_setting_wins_over_the_locale() {
    let org = start_demo_org(&[]);
    let data = tempfile::tempdir().expect("tmp");
    std::fs::write(data.path().join("settings.json"), r#"{"ui/language":"en"}"#).expect("settings");
    let out = workstation_in(&org, &data, "fr_FR.UTF-8", &["search", "a"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with("error: Type at least"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(data.path().join("settings.json"), r#"{"ui/language":"fr"}"#).expect("settings");
    let out = workstation_in(&org, &data, "en_US.UTF-8", &["search", "a"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with("erreur : "),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn stdout_json(out: &std::process::Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn demo_org_prints_its_address_first_and_answers_list_views() {
    let org = start_demo_org(&[]);
    let rt = tokio::runtime::Runtime::new().expect("rt");
    rt.block_on(async {
        let client = reqwest::Client::new();
        let url = format!("{}/services/data/v62.0/sobjects/Account/listviews", org.url);
        let ok = client.get(&url).bearer_auth("cli-token").send().await.expect("get");
        assert_eq!(ok.status(), 200);
        let body: serde_json::Value = ok.json().await.expect("json");
        assert!(body["listviews"].as_array().is_some_and(|a| !a.is_empty()), "{body}");
        let bad = client.get(&url).bearer_auth("wrong").send().await.expect("get");
        assert_eq!(bad.status(), 401);
        let body: serde_json::Value = bad.json().await.expect("json");
        assert_eq!(body[0]["errorCode"], "INVALID_SESSION_ID");
    });
}

#[test]
fn search_json_has_the_contract_shape() {
    let org = start_demo_org(&[]);
    let data = tempfile::tempdir().expect("tmp");
    let json = stdout_json(&workstation(&org, &data, &["search", "Acme", "--json"]));
    assert_eq!(json["term"], "Acme");
    let results = json["results"].as_array().expect("results");
    assert!(!results.is_empty());
    let objects = [
        "Lead",
        "Account",
        "Contact",
        "Opportunity",
        "File",
        "Report",
        "Dashboard",
        "Case",
    ];
    for r in results {
        let keys: Vec<&str> = r.as_object().expect("object").keys().map(String::as_str).collect();
        for k in ["object", "id", "title", "fields", "url"] {
            assert!(keys.contains(&k), "{k} missing in {r}");
        }
        assert!(objects.contains(&r["object"].as_str().expect("object name")), "{r}");
        assert!(r["fields"]
            .as_object()
            .expect("fields")
            .values()
            .all(|v| v.is_string() || v.is_null()));
    }
    for o in objects {
        assert!(results.iter().any(|r| r["object"] == o), "no {o}");
    }
}

#[test]
fn a_term_longer_than_salesforce_takes_is_cut_and_said() {
    let org = start_demo_org(&[]);
    let data = tempfile::tempdir().expect("tmp");
    let long = format!("Acme {}", "x".repeat(300));
    let out = workstation(&org, &data, &["search", &long, "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(stdout_json(&out)["term"].as_str().map(|t| t.chars().count()), Some(200));
    // With --json, stderr is JSON lines, notes included.
    let notes: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stderr)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert!(
        notes
            .iter()
            .any(|n| n["note"] == "only the first 200 characters were searched."),
        "{notes:?}"
    );
    let human = workstation(&org, &data, &["search", &long]);
    assert!(String::from_utf8_lossy(&human.stderr).contains("note: only the first 200 characters were searched"));
    let short = workstation(&org, &data, &["search", "Acme"]);
    assert!(!String::from_utf8_lossy(&short.stderr).contains("only the first"));
}

#[test]
fn search_limit_and_human_output() {
    let org = start_demo_org(&[]);
    let data = tempfile::tempdir().expect("tmp");
    let json = stdout_json(&workstation(&org, &data, &["search", "Acme", "--json", "--limit", "2"]));
    assert!(json["results"].as_array().expect("results").len() <= 2);
    let out = workstation(&org, &data, &["search", "Ada Lovelace"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Contact") && text.contains("Ada Lovelace") && text.contains("Acme Corporation"),
        "{text}"
    );
}

#[test]
fn search_errors_go_to_stderr_with_a_nonzero_exit() {
    let org = start_demo_org(&[]);
    let data = tempfile::tempdir().expect("tmp");
    let out = workstation(&org, &data, &["search", "a"]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 2 characters"));
    // With --json the error is JSON too, with a stable kind, in any language.
    let out = workstation_in(&org, &data, "fr_FR.UTF-8", &["search", "a", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let error: serde_json::Value = serde_json::from_slice(&out.stderr).expect("a JSON error on stderr");
    assert_eq!(error["error"]["kind"], "too_short");
    assert!(error["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("at least 2 characters")));
    let out = Command::new(BIN)
        .args(["search", "Acme"])
        .env("SF_INSTANCE_URL", &org.url)
        .env("SF_ACCESS_TOKEN", "expired-or-wrong")
        .env("WORKSTATION_DATA_DIR", data.path())
        .output()
        .expect("run");
    // A token from the environment cannot be renewed: the advice is a fresh token, not
    // Settings → Integrations, and the exit code says the connection needs the person.
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Salesforce refused SF_ACCESS_TOKEN") && !stderr.contains("Settings"),
        "{stderr}"
    );
}

/// The session from SF_INSTANCE_URL + SF_ACCESS_TOKEN: what status, disconnect and a bad or
/// unreachable address say.
#[test]
fn an_environment_session_is_described_as_one() {
    let org = start_demo_org(&[]);
    let data = tempfile::tempdir().expect("tmp");
    let status = workstation(&org, &data, &["status", "--json"]);
    assert!(status.status.success());
    assert_eq!(stdout_json(&status)["source"], "environment");
    let human = workstation(&org, &data, &["status"]);
    assert!(String::from_utf8_lossy(&human.stdout).contains("session: SF_ACCESS_TOKEN"));

    let out = workstation(&org, &data, &["disconnect"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unset them"), "{stderr}");
    assert!(
        !stderr.contains("DBus") && !stderr.contains("credential store"),
        "{stderr}"
    );

    let with_instance = |url: &str, args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .env("SF_INSTANCE_URL", url)
            .env("SF_ACCESS_TOKEN", "cli-token")
            .env("WORKSTATION_DATA_DIR", data.path())
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .output()
            .expect("run")
    };
    for bad in ["not a url", "ftp://x", "acme.my.salesforce.com"] {
        let out = with_instance(bad, &["search", "Acme"]);
        assert_eq!(out.status.code(), Some(3), "{bad}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("SF_INSTANCE_URL is not a Salesforce address"),
            "{bad}: {stderr}"
        );
    }
    // The token would travel in clear to anything but this machine.
    let out = with_instance("http://acme.my.salesforce.com", &["search", "Acme"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("would send SF_ACCESS_TOKEN unencrypted"));
    // Still an environment session: status says so and disconnect leaves the user's own
    // connection alone.
    let status = with_instance("ftp://x", &["status", "--json"]);
    assert_eq!(stdout_json(&status)["source"], "environment");
    assert_eq!(stdout_json(&status)["state"], "not_available");
    let out = with_instance("ftp://x", &["disconnect"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("unset them"));
    // A pasted path is dropped: requests go to the origin.
    let out = with_instance(&format!("{}/lightning/page/home", org.url), &["search", "Acme"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // Nothing listens there: the host and the cause, not "error sending request".
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    let out = with_instance(&format!("http://127.0.0.1:{port}"), &["search", "Acme"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("127.0.0.1:{port}")) && stderr.to_lowercase().contains("refused"),
        "{stderr}"
    );
}

#[test]
fn views_commands_follow_the_rules_and_share_the_store() {
    let org = start_demo_org(&[]);
    let data = tempfile::tempdir().expect("tmp");
    let json = stdout_json(&workstation(&org, &data, &["views", "list", "Account", "--json"]));
    assert_eq!(json["object"], "Account");
    assert!(json["total"].as_u64().expect("total") > 80);
    let offered = json["offered"].as_array().expect("offered");
    assert_eq!(offered.len(), 80);
    for v in offered {
        assert!(
            v["id"].is_string() && v["label"].is_string() && v["enabled"].is_boolean(),
            "{v}"
        );
    }
    let disabled: Vec<&str> = offered
        .iter()
        .filter(|v| v["enabled"] == false)
        .map(|v| v["id"].as_str().expect("id"))
        .collect();
    // The 15-character form of the ID, as Salesforce Classic URLs show it, names it too.
    let short = &disabled[0][..15];
    let enabled_by_short = workstation(&org, &data, &["views", "enable", "Account", short]);
    assert!(
        enabled_by_short.status.success(),
        "{}",
        String::from_utf8_lossy(&enabled_by_short.stderr)
    );
    let third = workstation(&org, &data, &["views", "enable", "Account", disabled[1]]);
    assert!(!third.status.success());
    assert!(String::from_utf8_lossy(&third.stderr).contains("At most 2"));
    let json = stdout_json(&workstation(&org, &data, &["views", "list", "Account", "--json"]));
    let enabled = json["offered"]
        .as_array()
        .expect("offered")
        .iter()
        .filter(|v| v["enabled"] == true)
        .count();
    assert_eq!(enabled, 2, "the store is shared between runs");
    assert!(
        json["offered"]
            .as_array()
            .expect("offered")
            .iter()
            .any(|v| v["id"] == disabled[0] && v["enabled"] == true),
        "the full 18-character ID is what is saved"
    );
    let shown = stdout_json(&workstation(
        &org,
        &data,
        &["views", "show", "Account", "--json", "--limit", "3"],
    ));
    let views = shown["views"].as_array().expect("views");
    assert_eq!(views.len(), 2);
    assert!(views.iter().all(|v| v["rows"].as_array().is_some_and(|r| r.len() <= 3)));
}

#[test]
fn policy_check_explains_mistakes_and_exits_nonzero() {
    let dir = tempfile::tempdir().expect("tmp");
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"salesforce": {"enabled": true, "domain": "example.com", "loopback_port": 70000}}"#,
    )
    .expect("write");
    let out = Command::new(BIN)
        .args(["policy", "check"])
        .arg(&bad)
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("salesforce.domain")
            && err.contains("salesforce.loopback_port")
            && err.contains("salesforce.client_id"),
        "{err}"
    );
    let good = dir.path().join("good.json");
    std::fs::write(&good, r#"{"salesforce": {"enabled": true, "client_id": "3MVG9abc", "client_secret": "s3cr3t-value", "domain": "https://acme.lightning.force.com/", "access": {"everyone": true}}}"#).expect("write");
    let out = Command::new(BIN)
        .args(["policy", "check"])
        .arg(&good)
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("policy OK"), "{text}");
    assert!(text.contains("acme.my.salesforce.com"), "{text}");
    assert!(!text.contains("s3cr3t-value"), "the secret is never printed");
}

#[test]
fn status_json_never_shows_a_token() {
    let org = start_demo_org(&[]);
    let data = tempfile::tempdir().expect("tmp");
    let json = stdout_json(&workstation(&org, &data, &["status", "--json"]));
    assert_eq!(json["state"], "connected");
    assert!(!json.to_string().contains("cli-token"));
}

#[test]
fn help_speaks_the_locale_or_the_saved_language_and_commands_stay_the_same() {
    let org = start_demo_org(&[]);
    let data = tempfile::tempdir().expect("tmp");
    let help = |lang: &str, args: &[&str]| {
        let out = workstation_in(&org, &data, lang, args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let fr = help("fr_FR.UTF-8", &["--help"]);
    assert!(fr.contains("Utilisation : workstation"), "{fr}");
    assert!(fr.contains("Rechercher des pistes, comptes"), "{fr}");
    assert!(fr.contains("Afficher l’aide") && !fr.contains("Print help"), "{fr}");
    // Only the words change: the same commands and flags.
    let en = help("C.UTF-8", &["--help"]);
    assert!(
        en.contains("Usage: workstation") && en.contains("Search Leads, Accounts"),
        "{en}"
    );
    for name in [
        "search",
        "views",
        "connect",
        "status",
        "disconnect",
        "demo-org",
        "policy",
        "identity",
        "--demo",
    ] {
        assert!(fr.contains(name) && en.contains(name), "{name} is in both helps");
    }
    let search = help("fr_FR.UTF-8", &["search", "--help"]);
    assert!(
        search.contains("Au plus N résultats") && search.contains("--limit <LIMIT>"),
        "{search}"
    );
    assert_eq!(help("fr_FR.UTF-8", &["--version"]), help("C.UTF-8", &["--version"]));

    // Settings → General → Language wins over the locale, as for the commands' output.
    std::fs::write(data.path().join("settings.json"), r#"{"ui/language":"fr"}"#).expect("settings");
    assert!(help("C.UTF-8", &["--help"]).contains("Utilisation : workstation"));
}

/// A run without a demo org: arguments the binary must answer before touching Salesforce.
fn workstation_alone(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let data = tempfile::tempdir().expect("tmp");
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env("WORKSTATION_DATA_DIR", data.path())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run workstation")
}

#[test]
fn a_word_that_is_neither_a_command_nor_our_link_is_refused() {
    // Without this, `workstation bogus` took the word for the OS's deep link and opened a window.
    let out = workstation_alone(&["bogus"], &[("DISPLAY", ":none")]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("'bogus'") && stderr.contains("neither a command nor a workstation:// link"),
        "{stderr}"
    );
    // Our links pass, whatever the case of the scheme (here with --version, so no window).
    let ok = workstation_alone(&["WorkStation://salesforce/connected?code=x", "--version"], &[]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
}

/// Linux: elsewhere the window needs no display opened first (desktop::open_display).
#[cfg(target_os = "linux")]
#[test]
fn the_window_without_a_display_says_so_instead_of_panicking() {
    let mut cmd = Command::new(BIN);
    let data = tempfile::tempdir().expect("tmp");
    let out = cmd
        .arg("--demo")
        .env("WORKSTATION_DATA_DIR", data.path())
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run workstation");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error: no display"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_damaged_settings_file_is_said_by_every_command_once() {
    let org = start_demo_org(&[]);
    for args in [
        &["identity"][..],
        &["status"],
        &["views", "list", "Lead"],
        &["search", "Acme"],
    ] {
        let data = tempfile::tempdir().expect("tmp");
        std::fs::write(data.path().join("settings.json"), br#"{"views/Lead": ["00B"#).expect("damage it");
        let out = workstation(&org, &data, args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            stderr.matches("could not be read and were set aside").count(),
            1,
            "{args:?}: {stderr}"
        );
        let kept = std::fs::read_dir(data.path())
            .expect("data dir")
            .filter_map(Result::ok)
            .any(|e| e.file_name().to_string_lossy().starts_with("settings.corrupt-"));
        assert!(kept, "{args:?}: the damaged file is kept");
    }
}

/// A plain HTTP/1.1 exchange with the demo org's admin endpoint; the body of its answer.
#[test]
fn an_object_the_org_will_not_search_costs_one_failed_request_once_not_every_run() {
    let org = start_demo_org(&[]);
    let data = tempfile::tempdir().expect("tmp");
    org.admin("POST", "/__demo/faults", r#"{"unsearchable":"Report"}"#);
    let searches = || {
        org.admin("GET", "/__demo/stats", "")["search_requests"]
            .as_u64()
            .expect("count")
    };
    let memo_path = data.path().join("search-memo.json");
    let age_the_memo = || {
        let mut memo: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&memo_path).expect("memo")).expect("memo JSON");
        for (_, entry) in memo.as_object_mut().expect("object").iter_mut() {
            entry["at"] = serde_json::json!(0);
        }
        std::fs::write(&memo_path, memo.to_string()).expect("write memo");
    };
    for (run, cost) in [(1, 2), (2, 1), (3, 1), (4, 2), (5, 1)] {
        if run == 4 {
            // A day later it is asked again (access may have been granted), then remembered anew.
            age_the_memo();
        }
        let before = searches();
        let out = workstation(&org, &data, &["search", "Acme", "--json"]);
        assert!(
            out.status.success(),
            "run {run}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("Report cannot be searched"),
            "run {run} still says so"
        );
        assert_eq!(searches() - before, cost, "run {run}: SOSL requests");
    }
    let settings = std::fs::read_to_string(data.path().join("settings.json")).unwrap_or_default();
    assert!(!settings.contains("not_searchable"), "kept apart from the settings");
    // Another org (another address) learns for itself.
    let other = start_demo_org(&[]);
    let before = other.admin("GET", "/__demo/stats", "")["search_requests"]
        .as_u64()
        .unwrap_or(0);
    let out = workstation(&other, &data, &["search", "Acme"]);
    assert!(out.status.success());
    let after = other.admin("GET", "/__demo/stats", "")["search_requests"]
        .as_u64()
        .unwrap_or(0);
    assert_eq!(after - before, 1, "the other org searches everything");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("cannot be searched"));
}

/// `workstation … | head`: the reader goes away before the command has written. Returns how
/// the command ended and its stderr.
#[cfg(unix)]
fn with_the_reader_gone(
    org: &DemoOrgProcess,
    data: &tempfile::TempDir,
    args: &[&str],
) -> (std::process::ExitStatus, String) {
    let mut child = workstation_command(org, data, "C.UTF-8", args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run workstation");
    // Closed before the answer from the org is printed.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    (out.status, String::from_utf8_lossy(&out.stderr).into_owned())
}

/// The commands restore SIGPIPE's default action (cli/mod.rs): they end as `cat` or `grep` do
/// when their reader leaves — killed by SIGPIPE, silently — instead of panicking.
#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    use std::os::unix::process::ExitStatusExt;
    const SIGPIPE: i32 = 13;
    let org = start_demo_org(&[]);
    let data = tempfile::tempdir().expect("tmp");
    // Each prints something when its reader stays.
    let full = workstation(&org, &data, &["views", "show", "Contact"]);
    assert!(
        full.status.success() && !full.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&full.stderr)
    );
    for args in [
        &["search", "acme"][..],
        &["search", "acme", "--json"],
        &["views", "show", "Contact"],
        &["status"],
    ] {
        let (status, stderr) = with_the_reader_gone(&org, &data, args);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        assert_eq!(
            status.signal(),
            Some(SIGPIPE),
            "{args:?} ended by SIGPIPE, as a pipeline member does ({status:?}): {stderr}"
        );
    }
}

/// Text that drives a terminal: OSC 52 (writes the clipboard), a colour (CSI), BEL, the C1
/// CSI, DEL, a right-to-left override, a line break that would forge a line of output.
const TERMINAL_ESCAPES: &str =
    "Evil\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[31mRED\u{9b}2J\u{7f}\u{202e}txt.exe\nConnected as Boss";

/// Whether `out` holds a character that drives a terminal.
fn drives_a_terminal(out: &[u8]) -> Option<char> {
    String::from_utf8_lossy(out)
        .chars()
        .find(|c| (c.is_control() && *c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
}

#[test]
fn what_salesforce_wrote_cannot_drive_the_terminal() {
    let org = start_demo_org(&[]);
    let data = tempfile::tempdir().expect("tmp");
    let offered = stdout_json(&workstation(&org, &data, &["views", "list", "Account", "--json"]));
    let disabled: Vec<String> = offered["offered"]
        .as_array()
        .expect("offered")
        .iter()
        .filter(|v| v["enabled"] == false)
        .map(|v| v["id"].as_str().expect("id").to_string())
        .collect();
    // An administrator names a list view so (Salesforce keeps any text in a label).
    let labels = serde_json::json!({ "list_view_labels": { &disabled[0]: TERMINAL_ESCAPES } });
    org.admin("POST", "/__demo/faults", &labels.to_string());
    for args in [
        vec!["views", "enable", "Account", &disabled[0]],
        vec!["views", "list", "Account"],
        vec!["views", "show", "Account", "--limit", "1"],
        vec!["views", "disable", "Account", &disabled[0]],
    ] {
        let out = workstation(&org, &data, &args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(drives_a_terminal(&out.stdout).is_none(), "{args:?}: {stdout:?}");
        assert!(drives_a_terminal(&out.stderr).is_none(), "{args:?}");
        assert!(
            !stdout.lines().any(|l| l.starts_with("Connected as")),
            "a forged line: {stdout}"
        );
    }
    let enabled = workstation(&org, &data, &["views", "enable", "Account", &disabled[0]]);
    assert!(
        String::from_utf8_lossy(&enabled.stdout).contains("Evil ]52;c;ZXZpbA==  [31mRED 2J  txt.exe Connected as Boss"),
        "the label is still there to read: {}",
        String::from_utf8_lossy(&enabled.stdout)
    );
    // In JSON the label is the same string, its bytes inert on a terminal.
    let json = workstation(&org, &data, &["views", "list", "Account", "--json"]);
    assert!(drives_a_terminal(&json.stdout).is_none());
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert!(json["offered"]
        .as_array()
        .expect("offered")
        .iter()
        .any(|v| v["label"] == TERMINAL_ESCAPES));

    // An answer that is not Salesforce's error list (a truncated answer, a gateway's): up to 200
    // bytes of it are quoted.
    let body = serde_json::json!({ "list_view_labels": {}, "raw_error_body": TERMINAL_ESCAPES });
    org.admin("POST", "/__demo/faults", &body.to_string());
    for (lang, args) in [
        ("C.UTF-8", vec!["search", "Acme"]),
        ("fr_FR.UTF-8", vec!["search", "Acme"]),
        ("C.UTF-8", vec!["search", "Acme", "--json"]),
        ("C.UTF-8", vec!["views", "show", "Account"]),
    ] {
        let out = workstation_in(&org, &data, lang, &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            stderr.contains("Evil ]52;c;ZXZpbA==") || stderr.contains("Evil\\u001b]52"),
            "{args:?}: {stderr}"
        );
        assert!(drives_a_terminal(&out.stderr).is_none(), "{args:?}: {stderr:?}");
        assert!(
            !stderr.lines().any(|l| l.starts_with("Connected as")),
            "a forged line: {stderr}"
        );
    }
}

#[test]
fn the_device_flows_page_is_shown_only_when_it_is_salesforces() {
    let org = start_demo_org(&[]);
    let data = tempfile::tempdir().expect("tmp");
    let policy = common::write_policy(&org.url);
    org.admin(
        "POST",
        "/__demo/faults",
        &serde_json::json!({ "device_verification_uri": format!("{}/setup/connect{TERMINAL_ESCAPES}", org.url) })
            .to_string(),
    );
    let out = workstation_command(&org, &data, "C.UTF-8", &["connect", "--device"])
        .env_remove("SF_INSTANCE_URL")
        .env_remove("SF_ACCESS_TOKEN")
        .env("WORKSTATION_POLICY", &policy)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("error: ")
            && stderr.contains("The login service named")
            && stderr.contains("not a Salesforce https page"),
        "{stderr}"
    );
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("open"),
        "nothing was shown to open"
    );
    assert!(drives_a_terminal(&out.stderr).is_none(), "{stderr:?}");
    assert!(drives_a_terminal(&out.stdout).is_none());
}
