//! The command line: `workstation` opens the window; the subcommands script the same
//! core without one (spec §6). Text goes to stdout, errors to stderr with a non-zero exit.

use crate::api::{default_data_dir, ApiError, Setup, Workstation};
use crate::auth::store::KeyringStore;
use crate::salesforce::sosl::Limits;
use crate::salesforce::SearchResult;
use crate::secret::Secret;
use crate::{demo_org, policy};
use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

#[derive(Parser, Debug)]
#[command(
    name = "workstation",
    version,
    about = "Your Salesforce org on your desktop: unified search and My CRM Views.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Open the window against the built-in demo org instead of Salesforce.
    #[arg(long)]
    pub demo: bool,
    /// A `workstation://` link handed over by the operating system (the OAuth redirect);
    /// it goes to the running window, or is checked by this one.
    #[arg(value_name = "URL")]
    pub url: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Search Leads, Accounts, Contacts, Opportunities, Files, Reports, Dashboards and Cases.
    Search {
        term: String,
        /// Print JSON: {"term": ..., "results": [...]}.
        #[arg(long)]
        json: bool,
        /// At most N results in all (default 40).
        #[arg(long)]
        limit: Option<u32>,
    },
    /// My CRM Views: list, enable, disable and show list views.
    #[command(subcommand)]
    Views(ViewsCommand),
    /// Connect your Salesforce login (browser with loopback redirect, or --device).
    Connect {
        /// Use the device flow: show a code to approve on another device.
        #[arg(long)]
        device: bool,
    },
    /// Show the connection state (never a token).
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Revoke the connection at Salesforce and forget it here.
    Disconnect,
    /// Run the demo org alone: a local Salesforce stand-in.
    DemoOrg {
        #[arg(long, default_value = "127.0.0.1:0")]
        addr: SocketAddr,
        /// Delay every Salesforce answer by this many milliseconds.
        #[arg(long, default_value_t = 0)]
        latency_ms: u64,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Pre-issue this access token for the demo user (for scripts and tests).
        #[arg(long)]
        token: Option<String>,
    },
    /// For administrators: the policy file.
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// Your work e-mail, used by your administrator's policy to decide access.
    Identity {
        /// The e-mail to set; `--clear` removes it; nothing prints it.
        email: Option<String>,
        #[arg(long)]
        clear: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum ViewsCommand {
    /// List views offered for OBJECT, with the enabled ones marked.
    List {
        object: String,
        #[arg(long)]
        json: bool,
    },
    /// Enable a list view (at most two per object type).
    Enable { object: String, view_id: String },
    /// Disable a list view (at least one stays enabled).
    Disable { object: String, view_id: String },
    /// Records of the enabled list views (or of VIEW_ID).
    Show {
        object: String,
        view_id: Option<String>,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 25)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
}

#[derive(Subcommand, Debug)]
pub enum PolicyCommand {
    /// Validate a policy file and explain every mistake.
    Check { file: std::path::PathBuf },
}

pub fn main() -> i32 {
    let cli = Cli::parse();
    let data_dir = default_data_dir();
    match cli.command {
        None => {
            let _log = crate::logging::init(&data_dir, true);
            crate::desktop::run(crate::desktop::Launch { demo: cli.demo, data_dir })
        }
        Some(command) => {
            let _log = crate::logging::init(&data_dir, std::env::var_os("RUST_LOG").is_some());
            let runtime = match tokio::runtime::Runtime::new() {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("error: could not start: {e}");
                    return 1;
                }
            };
            runtime.block_on(run_command(command, data_dir))
        }
    }
}

/// Where the session comes from when running a command.
pub fn setup_from_env() -> Setup {
    let instance = std::env::var("SF_INSTANCE_URL").unwrap_or_default();
    let token = std::env::var("SF_ACCESS_TOKEN").unwrap_or_default();
    if !instance.trim().is_empty() && !token.trim().is_empty() {
        return Setup::AccessToken { instance_url: instance.trim().trim_end_matches('/').to_string(), access: Secret::new(token.trim()) };
    }
    Setup::Policy(match policy::policy_path() {
        None => Ok(None),
        Some(path) => policy::load_policy(&path).map(Some).map_err(|e| {
            tracing::warn!(error = %e, "the Salesforce policy cannot be used");
            policy::NotAvailableReason::InvalidPolicy(e.summary()).user_message()
        }),
    })
}

fn fail(e: &ApiError) -> i32 {
    eprintln!("error: {e}");
    if matches!(e, ApiError::NotConnected | ApiError::NeedsAttention(_)) {
        eprintln!("hint: run `workstation connect` (or `workstation connect --device` without a browser).");
    }
    match e {
        ApiError::NotAvailable(_) | ApiError::NotConnected | ApiError::NeedsAttention(_) => 3,
        _ => 1,
    }
}

fn print_json<T: serde::Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => println!("{text}"),
        Err(e) => eprintln!("error: {e}"),
    }
}

async fn run_command(command: Command, data_dir: std::path::PathBuf) -> i32 {
    match command {
        Command::DemoOrg { addr, latency_ms, seed, token } => return run_demo_org(addr, latency_ms, seed, token).await,
        Command::Policy(PolicyCommand::Check { file }) => {
            let (ok, report) = policy::check_report(&file);
            if ok {
                println!("{report}");
                return 0;
            }
            eprintln!("{report}");
            return 1;
        }
        _ => {}
    }
    let ws = match Workstation::new(&data_dir, setup_from_env(), Arc::new(KeyringStore::for_app())) {
        Ok(ws) => ws,
        Err(e) => return fail(&e),
    };
    match command {
        Command::Search { term, json, limit } => {
            let limits = limit.map(Limits::at_most).unwrap_or_default();
            match ws.search(&term, limits).await {
                Ok(outcome) => {
                    if json {
                        print_json(&serde_json::json!({ "term": outcome.term, "results": outcome.results }));
                    } else {
                        print_results(&outcome.term, &outcome.results);
                    }
                    for missing in &outcome.not_searchable {
                        eprintln!("note: {missing} cannot be searched in this org; the other objects were searched.");
                    }
                    0
                }
                Err(e) => fail(&e),
            }
        }
        Command::Views(v) => run_views(&ws, v).await,
        Command::Status { json } => {
            let status = ws.status();
            if json {
                print_json(&status);
            } else {
                println!("Salesforce: {}", status.state.replace('_', " "));
                for (label, value) in [
                    ("user", &status.user),
                    ("username", &status.username),
                    ("org", &status.org),
                    ("org id", &status.org_id),
                    ("instance", &status.instance_url),
                    ("reason", &status.reason),
                ] {
                    if let Some(v) = value {
                        println!("  {label}: {v}");
                    }
                }
            }
            0
        }
        Command::Connect { device } => {
            let result = if device {
                ws.connect_device(|code, uri| {
                    println!("To connect Salesforce, open {uri} and enter the code {code}");
                    println!("Waiting for approval… (Ctrl+C to cancel)");
                })
                .await
            } else {
                ws.connect_loopback(|url| {
                    println!("Opening Salesforce in your browser to approve the connection…");
                    println!("If it does not open, visit: {url}");
                    if let Err(e) = crate::opener::open_url(url) {
                        eprintln!("note: {e}");
                    }
                })
                .await
            };
            match result {
                Ok(user) => {
                    println!("Connected as {} ({}) to {}", user.name, user.username, user.org_host());
                    0
                }
                Err(e) => fail(&e),
            }
        }
        Command::Disconnect => match ws.disconnect().await {
            Ok(d) => {
                println!("{}", d.message);
                0
            }
            Err(e) => fail(&e),
        },
        Command::Identity { email, clear } => {
            let value = if clear { None } else { email.as_deref() };
            if value.is_none() && !clear {
                match ws.identity().email {
                    Some(e) => println!("{e}"),
                    None => println!("(no e-mail set)"),
                }
                return 0;
            }
            match ws.set_identity_email(value) {
                Ok(card) => {
                    println!("Saved. Salesforce: {}", card.name().replace('_', " "));
                    0
                }
                Err(e) => fail(&e),
            }
        }
        Command::DemoOrg { .. } | Command::Policy(_) => 0,
    }
}

fn print_results(term: &str, results: &[SearchResult]) {
    if results.is_empty() {
        println!("No Salesforce results for “{term}”.");
        return;
    }
    let mut last = None;
    for r in results {
        if last != Some(r.object) {
            println!("{}", r.object);
            last = Some(r.object);
        }
        let extra: Vec<String> = r.fields.iter().skip(1).map(|(_, v)| v.clone().unwrap_or_else(|| "—".into())).collect();
        let shown_title = if r.object == crate::salesforce::SearchObject::Case {
            format!("{} {}", r.field("CaseNumber").unwrap_or(""), r.title)
        } else {
            r.title.clone()
        };
        println!("  {:<48} {:<40} {}", truncate(&shown_title, 48), truncate(&extra.join(" · "), 40), r.url);
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).chain(std::iter::once('…')).collect()
    }
}

async fn run_views(ws: &Workstation, command: ViewsCommand) -> i32 {
    match command {
        ViewsCommand::List { object, json } => match ws.object_views(&object).await {
            Ok(v) => {
                if json {
                    print_json(&serde_json::json!({ "object": v.object, "total": v.total, "offered": v.offered }));
                } else {
                    println!("{}: {} list views in the org, {} offered", v.object, v.total, v.offered.len());
                    for o in &v.offered {
                        println!("  [{}] {}  {}", if o.enabled { "x" } else { " " }, o.id, o.label);
                    }
                }
                for n in &v.notices {
                    eprintln!("note: {n}");
                }
                0
            }
            Err(e) => fail(&e),
        },
        ViewsCommand::Enable { object, view_id } | ViewsCommand::Disable { object, view_id }
            if view_id.trim().is_empty() || object.trim().is_empty() =>
        {
            fail(&ApiError::Invalid("Give an object type and a list view id.".into()))
        }
        ViewsCommand::Enable { object, view_id } => report_change(ws.enable_view(&object, &view_id).await),
        ViewsCommand::Disable { object, view_id } => report_change(ws.disable_view(&object, &view_id).await),
        ViewsCommand::Show { object, view_id, json, limit, offset } => {
            let ids = match view_id {
                Some(id) => vec![id],
                None => match ws.object_views(&object).await {
                    Ok(v) => v.enabled,
                    Err(e) => return fail(&e),
                },
            };
            let mut pages = Vec::new();
            for id in ids {
                match ws.view_records(&object, &id, limit, offset).await {
                    Ok(page) => pages.push(page),
                    Err(e) => return fail(&e),
                }
            }
            if json {
                print_json(&serde_json::json!({ "object": object, "views": pages }));
            } else {
                for p in &pages {
                    println!("{} ({} records)", p.label, p.total);
                    println!("  {}", p.columns.iter().map(|c| c.label.as_str()).collect::<Vec<_>>().join(" | "));
                    for row in &p.rows {
                        let cells: Vec<String> = row.cells.iter().map(|c| c.clone().unwrap_or_default()).collect();
                        println!("  {}", cells.join(" | "));
                    }
                }
            }
            0
        }
    }
}

fn report_change(result: Result<crate::views::ObjectViews, ApiError>) -> i32 {
    match result {
        Ok(v) => {
            let labels: Vec<&str> = v.offered.iter().filter(|o| o.enabled).map(|o| o.label.as_str()).collect();
            println!("Enabled for {}: {}", v.object, labels.join(", "));
            0
        }
        Err(e) => fail(&e),
    }
}

async fn run_demo_org(addr: SocketAddr, latency_ms: u64, seed: u64, token: Option<String>) -> i32 {
    let config = demo_org::DemoOrgConfig {
        addr,
        latency: Duration::from_millis(latency_ms),
        seed,
        preissued_token: token,
        ..Default::default()
    };
    let org = match demo_org::DemoOrg::start(config).await {
        Ok(org) => org,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    println!("demo org listening on {}", org.base_url());
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = tokio::signal::ctrl_c().await;
    org.shutdown().await;
    0
}
