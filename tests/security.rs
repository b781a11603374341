//! The security review's findings (issues 14 and 22) that are checked at the product's surface:
//! what one person's session leaves for another, which pages the window may open, and forged
//! sign-ins through the loopback listener.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use workstation::api::localize::LanguageSetting;
use workstation::api::{Profile, Setup, Workstation};
use workstation::auth::store::{CredentialStore, KeyringStore, MemoryStore};
use workstation::demo_org::{DemoOrg, DemoOrgConfig};
use workstation::salesforce::sosl::Limits;

/// Reconnects `ws` as the demo org's `user` through the real web server flow (deep link).
async fn reconnect_as(ws: &Workstation, user: &str) {
    let url = ws.start_deep_link_connect().expect("an attempt starts");
    ws.handle_callback_url(&approved(&url, user).await)
        .await
        .expect("connected");
}

#[tokio::test]
async fn another_user_never_sees_the_previous_users_recent_records() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, tokens) = connected_workstation(&org, &dir).await;
    ws.search("Acme", Limits::default()).await.expect("search");
    assert!(!ws.instant_results("acme", 8).is_empty(), "found records are kept");

    reconnect_as(&ws, "restricted").await;
    assert_eq!(ws.card().name(), "connected");
    assert!(
        ws.instant_results("acme", 8).is_empty(),
        "the restricted user sees the demo user's records: {:?}",
        ws.instant_results("acme", 8)
    );
    // Nor after a restart, with the file the first user's search left.
    drop(ws);
    let again = policy_workstation(&org, &dir, tokens);
    assert_eq!(again.card().name(), "connected");
    assert!(again.instant_results("acme", 8).is_empty());
}

#[tokio::test]
async fn the_window_may_open_record_pages_of_the_org_and_no_other_page() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let (ws, _) = connected_workstation(&org, &dir).await;
    let base = org.base_url();
    // What the window opens: a list view's rows (record pages the core made).
    let v = ws.object_views("Account").await.expect("views");
    let page = ws.view_records("Account", &v.enabled[0], 3, 0).await.expect("records");
    let row = page.rows.iter().find_map(|r| r.url.clone()).expect("a row with a page");
    assert_eq!(ws.may_open(&row).expect("a record page").as_str(), row);
    let contact = format!("{base}/lightning/r/Contact/003Wk0000000001IAA/view");
    assert!(ws.may_open(&contact).is_ok(), "{contact}");

    for other in [
        // Pages of the org that the window has no business opening.
        format!("{base}/services/data/v62.0/query?q=SELECT+Id+FROM+User"),
        format!("{base}/services/oauth2/authorize?response_type=code"),
        format!("{base}/secur/logout.jsp"),
        format!("{base}/lightning/setup/SetupOneHome/home"),
        format!("{base}/"),
        format!("{row}?retURL=https://evil.example"),
        format!("{base}/lightning/r/Account/../../../services/data/view"),
        format!("{base}/lightning/r/Account/001/view"),
    ] {
        let e = ws.may_open(&other).expect_err(&other);
        assert_eq!(e.kind(), "invalid", "{other}: {e}");
        assert!(!e.to_string().contains("evil.example"), "{e}");
    }
}

#[tokio::test]
async fn a_second_connect_leaves_the_pending_attempt_which_still_completes() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = policy_workstation(&org, &dir, Arc::new(MemoryStore::default()));
    let first = ws.start_deep_link_connect().expect("the first attempt starts");
    let e = ws.start_deep_link_connect().expect_err("a second Connect");
    assert_eq!(e.kind(), "already_connecting", "{e}");
    let e = ws.connect_demo_auto_approved().await.expect_err("a third");
    assert_eq!(e.kind(), "already_connecting", "{e}");
    assert_eq!(ws.card().name(), "connecting");

    let user = ws
        .handle_callback_url(&approved(&first, "demo").await)
        .await
        .expect("the first attempt completes");
    assert_eq!(user.name, "Dana Demo");
    assert_eq!(ws.card().name(), "connected");
}

// ------------------------------------------------ forged sign-ins at the loopback listener (22 E1)

/// A throw-away account on this computer (another local user), removed when dropped.
#[cfg(target_os = "linux")]
struct OtherAccount {
    name: String,
}

#[cfg(target_os = "linux")]
impl OtherAccount {
    /// `None`, said on stderr, where no account can be made here: not root, or no
    /// useradd/runuser.
    /// `tag` tells apart the accounts of tests running side by side.
    fn make(tag: &str) -> Option<OtherAccount> {
        // SAFETY: geteuid has no preconditions and cannot fail.
        if unsafe { libc::geteuid() } != 0 {
            eprintln!("skipped: making another account needs root");
            return None;
        }
        let name = format!("wsf{}{tag}", std::process::id());
        let useradd = || {
            std::process::Command::new("useradd")
                .args(["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", &name])
                .status()
        };
        // Another test may hold /etc/passwd's lock for a moment (useradd's exit status 1).
        let mut made = useradd();
        for _ in 0..20 {
            if !matches!(&made, Ok(s) if s.code() == Some(1)) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
            made = useradd();
        }
        let runuser = std::process::Command::new("runuser").arg("--version").output();
        match (made, runuser) {
            (Ok(made), Ok(_)) if made.success() => Some(OtherAccount { name }),
            (made, runuser) => {
                eprintln!(
                    "skipped: no other account could be made here (useradd: {made:?}, runuser: {})",
                    runuser.is_ok()
                );
                None
            }
        }
    }

    /// `curl` run as this account for `url`, with `cookie` if given: the HTTP status it got.
    async fn get(&self, url: &str, cookie: Option<&str>) -> String {
        let mut command = tokio::process::Command::new("runuser");
        command.args([
            "-u",
            &self.name,
            "--",
            "curl",
            "-s",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
        ]);
        if let Some(cookie) = cookie {
            command.args(["-H", &format!("Cookie: {cookie}")]);
        }
        let out = command.arg(url).output().await.expect("runuser curl");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

#[cfg(target_os = "linux")]
impl Drop for OtherAccount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("userdel").arg(&self.name).status();
    }
}

/// A loopback sign-in of `ws`, and the address its browser is opened at once it starts.
fn loopback_attempt(
    ws: &Workstation,
) -> (
    impl std::future::Future<Output = workstation::auth::connect::LoopbackOutcome<workstation::api::ApiError>> + '_,
    tokio::sync::oneshot::Receiver<String>,
) {
    let (opened, start) = tokio::sync::oneshot::channel::<String>();
    let attempt = ws.connect_loopback(move |url| {
        let _ = opened.send(url.to_string());
    });
    (attempt, start)
}

/// `name` of the query of `url`.
fn query(url: &str, name: &str) -> String {
    url::Url::parse(url)
        .expect("url")
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| panic!("no {name} in {url}"))
}

/// A refusal of the attempt whose authorization URL is `authorize`, as Salesforce would send it.
fn denial_for(authorize: &str) -> String {
    format!(
        "{}?error=access_denied&error_description=end-user+denied+authorization&state={}",
        query(authorize, "redirect_uri"),
        query(authorize, "state")
    )
}

/// Another local user reads the sign-in's addresses (a browser's command line is readable by
/// every local user on Linux), opens Salesforce's page with a session of their own and sends
/// the app their code, a refusal, or the start address — even with the person's cookie. The
/// listener answers none of it: the attempt keeps waiting, and the person's own approval
/// connects the person.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn a_sign_in_forged_by_another_account_is_refused_and_the_persons_own_approval_connects() {
    let Some(other) = OtherAccount::make("a") else { return };
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = loopback_workstation(&org, &dir, Arc::new(MemoryStore::default()));
    let (attempt, start) = loopback_attempt(&ws);
    let browsers = async {
        let start = start.await.expect("the browser is opened");
        assert_eq!(
            other.get(&start, None).await,
            "404",
            "the start address, from the other account"
        );
        let (authorize, cookie) = open_start(&start).await;
        let theirs = approved(&authorize, "restricted").await;
        assert!(theirs.contains("code="), "{theirs}");
        assert_eq!(other.get(&theirs, Some(&cookie)).await, "403", "their code");
        assert_eq!(
            other.get(&denial_for(&authorize), Some(&cookie)).await,
            "403",
            "a refusal"
        );
        assert_eq!(other.get(&start, Some(&cookie)).await, "404", "the start address again");
        assert_eq!(ws.card().name(), "connecting", "the attempt still waits");
        let mine = approved(&authorize, "demo").await;
        let status = to_listener(&mine, Some(&cookie)).await;
        assert!(status.is_success(), "the person's own answer: {status}");
    };
    let (outcome, ()) = tokio::time::timeout(std::time::Duration::from_secs(60), async {
        tokio::join!(attempt, browsers)
    })
    .await
    .expect("the attempt ends");
    let user = outcome.result.expect("connected");
    assert_eq!(
        user.name, "Dana Demo",
        "connected as the person, not as the other account"
    );
    assert_eq!(ws.card().name(), "connected");
    assert_eq!(outcome.refused.not_ours, 4, "{:?}", outcome.refused);
    assert_eq!(
        org.stats().authorization_code_grants,
        1,
        "only the person's code was exchanged"
    );
}

/// A page handed to the browser through a one-shot local redirect (issue 22 E2: search text and
/// record IDs kept off the browser's command line) is not given to another account reading
/// that command line, and still opens for the person.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn a_page_handed_to_the_browser_is_refused_to_another_account() {
    let Some(other) = OtherAccount::make("b") else { return };
    let page = "https://acme.lightning.force.com/lightning/r/Account/001000000000001AAA/view";
    let (address, serve) =
        workstation::handoff::local_redirect(page, std::time::Duration::from_secs(30)).expect("bound");
    assert!(!address.contains("001000000000001AAA"), "{address}");
    let served = tokio::spawn(serve);
    assert_eq!(other.get(&address, None).await, "404", "the other account");
    let answer = plain_browser().get(&address).send().await.expect("answers");
    assert_eq!(answer.status(), 302, "the person's browser");
    assert_eq!(answer.headers()["location"], page);
    let end = served.await.expect("served");
    assert!(end.followed && end.refused == 1, "{end:?}");
}

/// Salesforce's answer is taken only from the browser that opened the start address (its
/// cookie): a code or a refusal from anything else — here a program of the person's own
/// account that learnt the `state` — is refused, changes nothing and is counted.
#[tokio::test]
async fn a_sign_in_answer_without_the_browsers_cookie_is_refused_and_a_forged_refusal_ends_nothing() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = loopback_workstation(&org, &dir, Arc::new(MemoryStore::default()));
    let (attempt, start) = loopback_attempt(&ws);
    let browsers = async {
        let start = start.await.expect("the browser is opened");
        let guessed = format!("{}guess", start.trim_end_matches(|c| c != '/'));
        assert_eq!(
            to_listener(&guessed, None).await,
            404,
            "a start address not the attempt's"
        );
        let (authorize, cookie) = open_start(&start).await;
        let theirs = approved(&authorize, "restricted").await;
        assert_eq!(to_listener(&theirs, None).await, 403, "a code without the cookie");
        assert_eq!(
            to_listener(&theirs, Some("workstation_sign_in=forged")).await,
            403,
            "a code with a made-up cookie"
        );
        assert_eq!(to_listener(&denial_for(&authorize), None).await, 403, "a refusal");
        // Nor is a loopback answer taken any other way than through the listener.
        let e = ws.handle_callback_url(&theirs).await.expect_err("not a deep link");
        assert_eq!(e.kind(), "callback_refused", "{e}");
        assert_eq!(ws.card().name(), "connecting", "the attempt still waits");
        assert_eq!(org.stats().authorization_code_grants, 0, "no code was exchanged");
        let mine = approved(&authorize, "demo").await;
        let status = to_listener(&mine, Some(&cookie)).await;
        assert!(status.is_success(), "the person's own answer: {status}");
    };
    let (outcome, ()) = tokio::time::timeout(std::time::Duration::from_secs(60), async {
        tokio::join!(attempt, browsers)
    })
    .await
    .expect("the attempt ends");
    assert_eq!(outcome.result.expect("connected").name, "Dana Demo");
    assert_eq!(outcome.refused.without_cookie, 3, "{:?}", outcome.refused);
    assert_eq!(outcome.refused.unknown_start, 1, "{:?}", outcome.refused);
}

/// The start address works once: opened a second time, someone else has it too, and the
/// attempt stops (the card says why) rather than race them; nothing is exchanged after.
#[tokio::test]
async fn opening_the_start_address_twice_stops_the_attempt() {
    let org = demo_org().await;
    let dir = tempfile::tempdir().expect("tmp");
    let ws = loopback_workstation(&org, &dir, Arc::new(MemoryStore::default()));
    let (attempt, start) = loopback_attempt(&ws);
    let browsers = async {
        let start = start.await.expect("the browser is opened");
        let (authorize, _) = open_start(&start).await;
        assert_eq!(to_listener(&start, None).await, 409, "the second opening");
        authorize
    };
    let (outcome, authorize) = tokio::time::timeout(std::time::Duration::from_secs(60), async {
        tokio::join!(attempt, browsers)
    })
    .await
    .expect("the attempt ends");
    let e = outcome.result.expect_err("stopped");
    assert_eq!(e.kind(), "started_twice", "{e}");
    match ws.card() {
        workstation::auth::card::CardState::NotConnected { message: Some(m) } => {
            assert_eq!(m.kind(), "started_twice", "{m}")
        }
        other => panic!("{other:?}"),
    }
    // The first browser's answer, too late: the listener is gone and the state no longer works.
    let mine = approved(&authorize, "demo").await;
    let _ = plain_browser().get(&mine).send().await;
    assert_eq!(org.stats().authorization_code_grants, 0, "nothing was exchanged");
}

/// Every file under `dir`, by path, with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walk(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read");
            (p.strip_prefix(dir).expect("inside").to_path_buf(), bytes)
        })
        .collect()
}

/// The app's keychain entry under a service of this test's own, when this computer has a
/// credential store (scripts/test.sh provides one; elsewhere the in-memory stand-in is used).
fn own_keychain_entry() -> Option<KeyringStore> {
    let service = format!("workstation-test-demo-profile-{}", std::process::id());
    // Only this test of this binary reads the variable (`KeyringStore::for_app`).
    std::env::set_var("WORKSTATION_KEYRING_SERVICE", &service);
    let entry = KeyringStore::for_app();
    match entry.load() {
        Ok(_) => Some(entry),
        Err(e) => {
            assert!(
                std::env::var_os("WORKSTATION_REQUIRE_KEYRING").is_none(),
                "WORKSTATION_REQUIRE_KEYRING is set but the keyring is unavailable: {e}"
            );
            eprintln!("no credential store here ({e}): the keychain entry is stood in for in memory");
            None
        }
    }
}

#[tokio::test]
async fn a_demo_run_leaves_the_persons_own_profile_as_it_was_byte_for_byte() {
    // The person's own profile: connected to their org (a demo org stands in for it), a search
    // done (recent records), a list view chosen, their language, a log.
    let their_org = demo_org().await;
    let own = tempfile::tempdir().expect("tmp");
    let keychain = own_keychain_entry();
    let tokens: Arc<dyn CredentialStore> = match &keychain {
        Some(_) => Arc::new(KeyringStore::for_app()),
        None => Arc::new(MemoryStore::default()),
    };
    {
        let ws = policy_workstation(&their_org, &own, tokens.clone());
        ws.connect_demo_auto_approved().await.expect("connects");
        ws.search("Acme", Limits::default()).await.expect("search");
        ws.object_views("Account").await.expect("views");
        let editor = ws.views_editor("Account", None, None).await.expect("editor");
        let chosen: Vec<String> = editor.views.iter().rev().take(1).map(|v| v.id.clone()).collect();
        assert!(!chosen.is_empty());
        ws.save_views("Account", chosen).await.expect("saved");
        ws.set_language_setting(LanguageSetting::Fr).expect("language");
    }
    std::fs::create_dir_all(own.path().join("logs")).expect("logs");
    std::fs::write(own.path().join("logs/workstation.log"), "their log\n").expect("log");
    let before = files(own.path());
    let tokens_before = tokens.load().expect("their tokens");
    assert!(tokens_before.is_some());
    if keychain.is_some() {
        // Their own profile is the one with the keychain entry.
        let theirs = Profile::for_launch(false, own.path().to_path_buf()).expect("own");
        assert_eq!(theirs.data_dir(), own.path());
        assert_eq!(theirs.credentials().load().expect("load"), tokens_before);
    }

    // `workstation --demo`, as desktop::run makes it: its profile, its demo org, connected at
    // once; then everything a person tries in the demo, Disconnect included.
    let profile = Profile::for_launch(true, own.path().to_path_buf()).expect("the demo's profile");
    let demo_dir = profile.data_dir().to_path_buf();
    assert!(
        !demo_dir.starts_with(own.path()) && !own.path().starts_with(&demo_dir),
        "{demo_dir:?}"
    );
    let demo = DemoOrg::start(DemoOrgConfig::default()).await.expect("demo org");
    let setup = Setup::Policy(Ok(Some(workstation::policy::demo_policy(&demo.base_url()))));
    let ws = Workstation::new(profile.data_dir(), setup, profile.credentials()).expect("demo workstation");
    assert_eq!(
        ws.language_setting(),
        LanguageSetting::Fr,
        "the demo speaks their language"
    );
    ws.connect_demo_auto_approved().await.expect("the demo connects");
    let found = ws.search("Acme", Limits::default()).await.expect("search");
    ws.opened(&found.results[0]).expect("opened");
    let views = ws.object_views("Contact").await.expect("views");
    ws.save_views("Contact", views.enabled.clone()).await.expect("saved");
    ws.disconnect().await.expect("disconnect");
    drop(ws);
    drop(profile);

    assert!(!demo_dir.exists(), "the demo's folder goes with it");
    assert_eq!(files(own.path()), before, "their files changed");
    assert_eq!(tokens.load().expect("their tokens"), tokens_before);
    if let Some(entry) = keychain {
        entry.delete().expect("cleaned up");
    }
}

/// The Tauri plugins in `Cargo.toml` and those the window registers are the ones the app
/// uses: a registered plugin is IPC surface, so one that nothing uses is not there (issue 14:
/// tauri-plugin-store was registered and never used).
#[test]
fn the_window_registers_only_the_plugins_it_uses() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml");
    let mut declared: Vec<&str> = manifest
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("tauri-plugin-"))
        .filter_map(|l| l.split([' ', '=']).next())
        .collect();
    let shell = std::fs::read_to_string(root.join("src-tauri/src/desktop/mod.rs")).expect("desktop");
    let mut registered: Vec<String> = shell
        .split(".plugin(")
        .skip(1)
        .filter_map(|call| call.trim_start().strip_prefix("tauri_plugin_"))
        .filter_map(|call| call.split("::").next())
        .map(|name| name.replace('_', "-"))
        .collect();
    declared.sort_unstable();
    registered.sort_unstable();
    let used = ["deep-link", "global-shortcut", "single-instance"];
    assert_eq!(declared, used, "plugins in Cargo.toml");
    assert_eq!(registered, used, "plugins the window registers");
}

// ------------------------------------------------------------- files of this computer (#22 D4)

const BIN: &str = env!("CARGO_BIN_EXE_workstation");

/// `workstation ARGS` with the data folder `data` and the locale `lang`, nothing else of this
/// computer's Workstation environment.
fn workstation_with_data_folder(data: &Path, lang: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(BIN)
        .args(args)
        .env("WORKSTATION_DATA_DIR", data)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("WORKSTATION_POLICY")
        .env_remove("SF_INSTANCE_URL")
        .env_remove("SF_ACCESS_TOKEN")
        .output()
        .expect("run workstation")
}

/// Owner and mode of `path`.
#[cfg(unix)]
fn owner_and_mode(path: &Path) -> (u32, u32) {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).expect("meta");
    (meta.uid(), meta.mode() & 0o777)
}

#[cfg(unix)]
#[test]
fn a_data_folder_of_another_account_is_refused_said_and_left_as_it_was() {
    use std::os::unix::fs::PermissionsExt;
    let parent = tempfile::tempdir().expect("tmp");
    let data = parent.path().join("workstation");
    std::fs::create_dir(&data).expect("mkdir");
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    // Only root can give a folder to another account (nobody).
    if std::os::unix::fs::chown(&data, Some(65534), Some(65534)).is_err() {
        eprintln!("skipped: not root, a folder cannot be given to another account here");
        return;
    }
    for (lang, first, words) in [
        (
            "C.UTF-8",
            "error: The data folder",
            "belongs to another account (user id 65534)",
        ),
        (
            "fr_FR.UTF-8",
            "erreur : Le dossier de données",
            "appartient à un autre compte (identifiant 65534)",
        ),
    ] {
        for args in [&["status"][..], &["search", "Acme"], &["identity", "ravi@acme.example"]] {
            let out = workstation_with_data_folder(&data, lang, args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
            assert!(stderr.starts_with(first), "{args:?}: {stderr}");
            assert!(stderr.contains(words), "{stderr}");
            assert!(
                stderr.contains(&data.display().to_string()),
                "the folder is named: {stderr}"
            );
            assert!(stderr.contains("WORKSTATION_DATA_DIR"), "what to do: {stderr}");
            assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
        }
    }
    let written: Vec<_> = std::fs::read_dir(&data)
        .expect("ls")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(written.is_empty(), "written in another account's folder: {written:?}");
    assert_eq!(
        owner_and_mode(&data),
        (65534, 0o755),
        "its owner and mode are as they were"
    );
}

/// Without a home folder (an account the system does not know), the data folder is not made
/// in the temporary folder, where another account could have made it first.
#[cfg(target_os = "linux")]
#[test]
fn without_a_home_folder_nothing_is_written_in_the_temporary_folder() {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    if !root || !Path::new("/usr/bin/setpriv").exists() {
        eprintln!("skipped: running as an unknown account needs root and setpriv");
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    // The binary where that account can run it (the build folder may be root's only).
    let bin = dir.path().join("workstation");
    std::fs::copy(BIN, &bin).expect("copy");
    let temp = dir.path().join("tmp");
    std::fs::create_dir(&temp).expect("mkdir");
    std::fs::set_permissions(&temp, std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let out = std::process::Command::new("/usr/bin/setpriv")
        .args(["--reuid=54321", "--regid=54321", "--clear-groups"])
        .arg(&bin)
        .arg("status")
        .env_clear()
        .env("TMPDIR", &temp)
        .env("LANG", "C.UTF-8")
        .env("PATH", "/usr/bin:/bin")
        .output()
        .expect("run workstation");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("error: There is no data folder for Workstation"),
        "{stderr}"
    );
    assert!(stderr.contains("WORKSTATION_DATA_DIR"), "what to do: {stderr}");
    let written: Vec<_> = std::fs::read_dir(&temp)
        .expect("ls")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(written.is_empty(), "written in the temporary folder: {written:?}");
}
