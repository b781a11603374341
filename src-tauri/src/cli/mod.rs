//! The command line: `workstation` opens the window; the subcommands script the same
//! core without one (spec §6). Text goes to stdout, errors to stderr with a non-zero exit.
//! Human output speaks the user's language (Settings → General, else the OS locale);
//! `--json`, the demo org's first line and `policy check` stay English for scripts and
//! administrators.
//!
//! Split by job: `args` (what is accepted), `help_fr` (the French `--help`), `print` (what
//! is written), `exit` (how a failure is said and its exit code), `views` and `demo_org`
//! (their subcommands). This file starts the process and runs the other commands.

mod args;
mod demo_org;
mod exit;
mod help_fr;
mod print;
mod views;
mod window;

pub use args::{Cli, Command, PolicyCommand, ViewsCommand};

use crate::api::localize::{self, pick, Lang, Localize};
use crate::api::{default_data_dir, setup_from_env, ApiError, Workstation};
use crate::auth::store::KeyringStore;
use crate::policy;
use crate::salesforce::sosl::{Limits, MAX_TERM_CHARS};
use crate::store::StoreError;
use clap::{CommandFactory, FromArgMatches};
use exit::fail;
use print::{note, print_json, print_results, printable, state_label};
use std::sync::Arc;

pub fn main() -> i32 {
    let data_dir = default_data_dir();
    let matches = match Cli::command().try_get_matches() {
        Ok(matches) => matches,
        // The version is the same in every language: said without reading anything.
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayVersion => e.exit(),
        // `--help` and usage mistakes speak the language the commands will speak, so the
        // settings are read for them here, and only for them: a command reads its language
        // when it opens the store, the window when it starts (BENCHMARKS.md, issue 17). The
        // French command accepts what the English one does (only its texts differ): it is
        // asked again only to say the help or the mistake.
        Err(_) => {
            let lang = crate::api::saved_language(data_dir.as_deref().ok());
            localize::set_current(lang);
            help_fr::help_in(Cli::command(), lang).get_matches()
        }
    };
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    match cli.command {
        // The window is an executable of its own: a command never loads WebKit and GTK.
        None => window::open(),
        Some(command) => {
            if !matches!(command, Command::DemoOrg { .. }) {
                stop_quietly_when_the_reader_leaves();
            }
            // `policy check` reads one file and logs nothing: it leaves the data folder alone
            // (an administrator may run it where the app never ran).
            let _log = match &data_dir {
                Ok(dir) if !matches!(command, Command::Policy(_)) => {
                    Some(crate::logging::init(dir, std::env::var_os("RUST_LOG").is_some()))
                }
                _ => None,
            };
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

/// `workstation search acme | head -n 3`: when the reader of our output is gone, the command
/// ends there, silently, as `cat` or `grep` do, instead of panicking in `println!` ("failed
/// printing to stdout: Broken pipe"). Rust starts programs with SIGPIPE ignored so that writes
/// fail with EPIPE; the commands print with `println!` in many places (here, `print.rs`,
/// `views.rs`), so the signal's default action is restored for them instead of every write
/// being taught to stop. The process then ends by SIGPIPE (status 141 in a shell, which
/// `set -o pipefail` reports like any other pipeline member's); nothing is half-saved, since
/// the settings are written atomically. The window keeps it ignored (WebKit's own pipes and
/// sockets), and so does `demo-org`, a server. Network sockets are unaffected: Rust and libdbus
/// send with MSG_NOSIGNAL. Windows has no SIGPIPE; a closed pipe there still fails the write.
fn stop_quietly_when_the_reader_leaves() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to its default has no preconditions; it is done
    // before the runtime starts its threads.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// The language of human output (set once the settings store is open).
fn lang() -> Lang {
    localize::current()
}

/// Runs one subcommand and returns its exit code. The demo org and `policy check` need no
/// settings and no session; every other command opens the workstation first.
async fn run_command(command: Command, data_dir: Result<std::path::PathBuf, StoreError>) -> i32 {
    match command {
        Command::DemoOrg {
            addr,
            latency_ms,
            seed,
            token,
            user,
            rotate_refresh_tokens,
            scopes,
            tls,
            ca_out,
        } => {
            let mut config = crate::demo_org::DemoOrgConfig {
                addr,
                latency: std::time::Duration::from_millis(latency_ms),
                seed,
                preissued_token: token,
                default_user: user,
                rotate_refresh_tokens,
                tls,
                ..Default::default()
            };
            if let Some(scopes) = scopes {
                config.selected_scopes = scopes.split_whitespace().map(str::to_string).collect();
            }
            return demo_org::run_demo_org(config, ca_out.as_deref()).await;
        }
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
    print::set_json_errors(command.wants_json());
    localize::set_current(localize::detect_os_lang());
    let data_dir = match data_dir {
        Ok(dir) => dir,
        Err(e) => return fail(&e.into()),
    };
    let ws = match Workstation::new(&data_dir, setup_from_env(), Arc::new(KeyringStore::for_app())) {
        Ok(ws) => ws,
        Err(e) => return fail(&e),
    };
    // With --json everything a script reads is English: the JSON, and the notes and errors
    // on stderr (JSON lines).
    localize::set_current(if command.wants_json() { Lang::En } else { ws.language() });
    let lang = lang();
    // Whatever the command, a damaged settings file is said at once: nothing is lost
    // silently, even by a command that never looks at the settings.
    for n in ws.take_store_notices() {
        note(&n);
    }
    match command {
        Command::Search {
            term,
            json,
            limit,
            object,
        } => {
            let answer = match object {
                Some(object) => {
                    let limits = limit.map(Limits::of_one).unwrap_or_else(Limits::more);
                    ws.search_one(&term, object, limits).await
                }
                None => ws.search(&term, limit.map(Limits::at_most).unwrap_or_default()).await,
            };
            match answer {
                Ok(outcome) => {
                    if json {
                        print_json(&serde_json::json!({ "term": outcome.term, "results": outcome.results }));
                    } else {
                        print_results(&outcome.term, &outcome.results);
                    }
                    let typed = term.split_whitespace().collect::<Vec<_>>().join(" ").chars().count();
                    if typed > MAX_TERM_CHARS {
                        let max = MAX_TERM_CHARS;
                        // In English with --json, as every note a script reads.
                        note(&match if print::json_errors() { Lang::En } else { lang } {
                            Lang::En => format!("only the first {max} characters were searched."),
                            Lang::Fr => format!("seuls les {max} premiers caractères ont été recherchés."),
                        });
                    }
                    for missing in &outcome.not_searchable {
                        // In English with --json, as every note a script reads.
                        note(&match if print::json_errors() { Lang::En } else { lang } {
                            Lang::En => format!("{missing} cannot be searched in this org; the other objects were searched."),
                            Lang::Fr => format!(
                                "l’objet {} ne peut pas être recherché dans cette organisation ; les autres objets ont été recherchés.",
                                localize::object_label(missing.name(), Lang::Fr)
                            ),
                        });
                    }
                    for (object, field) in &outcome.hidden_fields {
                        // In English with --json, as every note a script reads.
                        note(&match if print::json_errors() { Lang::En } else { lang } {
                            Lang::En => format!(
                                "this Salesforce user cannot see the field {} of {object}; {object} was searched without it.",
                                localize::field_label(field, lang)
                            ),
                            Lang::Fr => format!(
                                "cet utilisateur Salesforce ne peut pas voir le champ {} de l’objet {} ; la recherche s’est faite sans lui.",
                                localize::field_label(field, lang),
                                localize::object_label(object.name(), lang)
                            ),
                        });
                    }
                    0
                }
                Err(e) => fail(&e),
            }
        }
        Command::Views(v) => views::run_views(&ws, v).await,
        Command::Status { json } => {
            let status = ws.status();
            if json {
                print_json(&status);
            } else {
                println!(
                    "Salesforce{} {}",
                    pick(lang, ":", " :"),
                    state_label(status.state, lang)
                );
                let reason = status.reason.clone();
                for (label, value) in [
                    (pick(lang, "user", "utilisateur"), &status.user),
                    (pick(lang, "username", "nom d’utilisateur"), &status.username),
                    (pick(lang, "org", "organisation"), &status.org),
                    (pick(lang, "org id", "ID de l’organisation"), &status.org_id),
                    (pick(lang, "instance", "instance"), &status.instance_url),
                    (pick(lang, "reason", "raison"), &reason),
                    (
                        pick(lang, "data folder not private", "dossier de données non privé"),
                        &status.data_folder_not_private,
                    ),
                ] {
                    if let Some(v) = value {
                        println!("  {label}{} {}", pick(lang, ":", " :"), printable(v));
                    }
                }
                if status.source == "environment" {
                    println!(
                        "  {}",
                        pick(
                            lang,
                            "session: SF_ACCESS_TOKEN (Salesforce checks it at the next request)",
                            "session : SF_ACCESS_TOKEN (Salesforce le vérifie à la prochaine requête)"
                        )
                    );
                }
            }
            0
        }
        Command::Connect { device } => {
            let result = if device {
                ws.connect_device(|code, uri| {
                    // Checked by the core (an https page of Salesforce, no control character);
                    // printed through the filter all the same.
                    let (code, uri) = (printable(code), printable(uri));
                    match lang {
                        Lang::En => {
                            println!("To connect Salesforce, open {uri} and enter the code {code}");
                            println!("Waiting for approval… (Ctrl+C to cancel)");
                        }
                        Lang::Fr => {
                            println!("Pour connecter Salesforce, ouvrez {uri} et saisissez le code {code}");
                            println!("En attente d’approbation… (Ctrl+C pour annuler)");
                        }
                    }
                })
                .await
            } else {
                let outcome = ws
                    .connect_loopback(|url| {
                        println!(
                            "{}",
                            pick(
                                lang,
                                "Opening Salesforce in your browser to approve the connection…",
                                "Ouverture de Salesforce dans votre navigateur pour approuver la connexion…"
                            )
                        );
                        println!(
                            "{} {url}",
                            pick(
                                lang,
                                "If it does not open, visit:",
                                "S’il ne s’ouvre pas, rendez-vous sur :"
                            )
                        );
                        if let Err(e) = crate::opener::open_url(url) {
                            note(&ApiError::from(e).localize(lang));
                        }
                    })
                    .await;
                let refused = outcome.refused.total();
                if refused > 0 {
                    // Said once, after the attempt: something else on this computer tried.
                    // In English with --json, as every note a script reads.
                    note(&match if print::json_errors() { Lang::En } else { lang } {
                        Lang::En => format!("{refused} request(s) to the sign-in listener did not come from your browser and were refused."),
                        Lang::Fr => format!("{refused} requête(s) vers l’écouteur de connexion ne venaient pas de votre navigateur et ont été refusées."),
                    });
                }
                outcome.result
            };
            match result {
                Ok(user) => {
                    match lang {
                        Lang::En => println!(
                            "Connected as {} ({}) to {}",
                            printable(&user.name),
                            printable(&user.username),
                            user.org_host()
                        ),
                        Lang::Fr => println!(
                            "Connecté en tant que {} ({}) à {}",
                            printable(&user.name),
                            printable(&user.username),
                            user.org_host()
                        ),
                    }
                    0
                }
                Err(e) => fail(&e),
            }
        }
        Command::Disconnect => match ws.disconnect().await {
            Ok(d) => {
                println!("{}", printable(&d.message));
                0
            }
            Err(e) => fail(&e),
        },
        Command::Identity { email, clear } => {
            let value = if clear { None } else { email.as_deref() };
            if value.is_none() && !clear {
                match ws.identity().email {
                    Some(e) => println!("{e}"),
                    None => println!("{}", pick(lang, "(no e-mail set)", "(aucune adresse e-mail)")),
                }
                return 0;
            }
            match ws.set_identity_email(value) {
                Ok(card) => {
                    println!(
                        "{} {}",
                        pick(lang, "Saved. Salesforce:", "Enregistré. Salesforce :"),
                        state_label(card.name(), lang)
                    );
                    0
                }
                Err(e) => fail(&e),
            }
        }
        Command::DemoOrg { .. } | Command::Policy(_) => 0,
    }
}
