//! The command line: `workstation` opens the window; the subcommands script the same
//! core without one (spec §6). Text goes to stdout, errors to stderr with a non-zero exit.
//! Human output speaks the user's language (Settings → General, else the OS locale);
//! `--json`, the demo org's first line and `policy check` stay English for scripts and
//! administrators.

use crate::api::localize::{self as i18n, pick, Lang};
use crate::api::{default_data_dir, setup_from_env, ApiError, Workstation};
use crate::auth::store::KeyringStore;
use crate::salesforce::sosl::Limits;
use crate::salesforce::SearchResult;
use crate::{demo_org, policy};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
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
    #[arg(value_name = "URL", value_parser = our_link)]
    pub url: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Search Leads, Accounts, Contacts, Opportunities, Files, Reports, Dashboards and Cases.
    Search {
        /// What to look for (at least 2 characters), as in the window's search box.
        term: String,
        /// Print JSON: {"term": ..., "results": [...]}.
        #[arg(long)]
        json: bool,
        /// At most N results in all (default 40).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
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
        /// Print JSON: {"state", "user", "username", "org", "org_id", "instance_url", "reason", "api_usage", "source"}.
        #[arg(long)]
        json: bool,
    },
    /// Revoke the connection at Salesforce and forget it here.
    Disconnect,
    /// Run the demo org alone: a local Salesforce stand-in.
    DemoOrg {
        /// Where to listen (port 0: any free port; the first line says which).
        #[arg(long, default_value = "127.0.0.1:0")]
        addr: SocketAddr,
        /// Delay every Salesforce answer by this many milliseconds.
        #[arg(long, default_value_t = 0)]
        latency_ms: u64,
        /// Seed of the generated records (the same seed, the same org).
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
        /// Remove the saved e-mail.
        #[arg(long, conflicts_with = "email")]
        clear: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum ViewsCommand {
    /// List views offered for OBJECT, with the enabled ones marked.
    List {
        /// Lead, Account, Contact, Opportunity or Case.
        object: String,
        /// Print JSON: {"object", "total", "offered": [{"id", "label", "enabled"}]}.
        #[arg(long)]
        json: bool,
    },
    /// Enable a list view (at most two per object type).
    Enable {
        /// Lead, Account, Contact, Opportunity or Case.
        object: String,
        /// The list view's ID (15 or 18 characters), as `views list` shows it.
        view_id: String,
    },
    /// Disable a list view (at least one stays enabled).
    Disable {
        /// Lead, Account, Contact, Opportunity or Case.
        object: String,
        /// The list view's ID (15 or 18 characters), as `views list` shows it.
        view_id: String,
    },
    /// Records of the enabled list views (or of VIEW_ID).
    Show {
        /// Lead, Account, Contact, Opportunity or Case.
        object: String,
        /// One list view's ID instead of the enabled ones.
        view_id: Option<String>,
        /// Print JSON: {"object", "views": [{"object", "view_id", "label", "total", "offset", "columns", "rows"}]}.
        #[arg(long)]
        json: bool,
        /// Rows per list view.
        #[arg(long, default_value_t = 25, value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
        /// Rows to skip first (paging).
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
}

#[derive(Subcommand, Debug)]
pub enum PolicyCommand {
    /// Validate a policy file and explain every mistake.
    Check {
        /// The policy file (JSON).
        file: std::path::PathBuf,
    },
}

pub fn main() -> i32 {
    let data_dir = default_data_dir();
    // `--help` speaks the language the commands will speak.
    let lang = crate::api::saved_language(&data_dir);
    i18n::set_current(lang);
    let matches = help_in(Cli::command(), lang).get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    match cli.command {
        None => {
            // Still one thread here: the only safe moment to set WebKit's environment.
            let painting = crate::desktop::painting::apply();
            let _log = crate::logging::init(&data_dir, true);
            tracing::info!(?painting, "webview painting");
            crate::desktop::run(crate::desktop::Launch {
                demo: cli.demo,
                data_dir,
            })
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

/// French help, command by command (the path of subcommand names, then the text). The English
/// is the doc comments above; clap's own error messages stay English.
const FR_ABOUT: &[(&[&str], &str)] = &[
    (
        &[],
        "Votre org Salesforce sur votre bureau : recherche unifiée et Mes vues CRM.",
    ),
    (
        &["search"],
        "Rechercher des pistes, comptes, contacts, opportunités, fichiers, rapports, tableaux de bord et cas.",
    ),
    (
        &["views"],
        "Mes vues CRM : lister, activer, désactiver et afficher des vues de liste.",
    ),
    (
        &["views", "list"],
        "Les vues de liste proposées pour OBJECT, les vues activées marquées.",
    ),
    (
        &["views", "enable"],
        "Activer une vue de liste (deux au plus par type d’objet).",
    ),
    (
        &["views", "disable"],
        "Désactiver une vue de liste (il en reste toujours une).",
    ),
    (
        &["views", "show"],
        "Les enregistrements des vues activées (ou de VIEW_ID).",
    ),
    (
        &["connect"],
        "Connecter votre identifiant Salesforce (navigateur avec redirection locale, ou --device).",
    ),
    (&["status"], "Afficher l’état de la connexion (jamais un jeton)."),
    (
        &["disconnect"],
        "Révoquer la connexion chez Salesforce et l’oublier ici.",
    ),
    (
        &["demo-org"],
        "Lancer l’org de démonstration seule : un Salesforce local de substitution.",
    ),
    (&["policy"], "Pour les administrateurs : le fichier de politique."),
    (
        &["policy", "check"],
        "Valider un fichier de politique et expliquer chaque erreur.",
    ),
    (
        &["identity"],
        "Votre e-mail professionnel, que la politique de votre administrateur utilise pour décider de l’accès.",
    ),
];

const FR_ARG: &[(&[&str], &str, &str)] = &[
    (&[], "demo", "Ouvrir la fenêtre sur l’org de démonstration intégrée au lieu de Salesforce."),
    (&[], "url", "Un lien `workstation://` transmis par le système (la redirection OAuth) ; il va à la fenêtre ouverte, ou celle-ci le vérifie."),
    (&["search"], "json", "Sortie JSON : {\"term\": ..., \"results\": [...]}."),
    (&["search"], "limit", "Au plus N résultats en tout (40 par défaut)."),
    (&["connect"], "device", "Utiliser le flux appareil : afficher un code à approuver sur un autre appareil."),
    (&["demo-org"], "latency_ms", "Retarder chaque réponse de Salesforce de ce nombre de millisecondes."),
    (&["demo-org"], "token", "Émettre d’avance ce jeton d’accès pour l’utilisateur de démonstration (scripts et tests)."),
    (&["identity"], "email", "L’e-mail à enregistrer ; `--clear` le retire ; rien ne l’affiche."),
    (&["identity"], "clear", "Retirer l’e-mail enregistré."),
    (&["search"], "term", "Ce que vous cherchez (2 caractères au moins), comme dans la zone de recherche de la fenêtre."),
    (&["status"], "json", "Sortie JSON : {\"state\", \"user\", \"username\", \"org\", \"org_id\", \"instance_url\", \"reason\", \"api_usage\", \"source\"}."),
    (&["demo-org"], "addr", "Où écouter (port 0 : un port libre ; la première ligne dit lequel)."),
    (&["demo-org"], "seed", "Graine des enregistrements générés (même graine, même org)."),
    (&["views", "list"], "object", OBJECT_FR),
    (&["views", "list"], "json", "Sortie JSON : {\"object\", \"total\", \"offered\": [{\"id\", \"label\", \"enabled\"}]}."),
    (&["views", "enable"], "object", OBJECT_FR),
    (&["views", "enable"], "view_id", VIEW_ID_FR),
    (&["views", "disable"], "object", OBJECT_FR),
    (&["views", "disable"], "view_id", VIEW_ID_FR),
    (&["views", "show"], "object", OBJECT_FR),
    (&["views", "show"], "view_id", "L’ID d’une vue de liste à la place des vues activées."),
    (&["views", "show"], "json", "Sortie JSON : {\"object\", \"views\": [{\"object\", \"view_id\", \"label\", \"total\", \"offset\", \"columns\", \"rows\"}]}."),
    (&["views", "show"], "limit", "Lignes par vue de liste."),
    (&["views", "show"], "offset", "Lignes à sauter d’abord (pagination)."),
    (&["policy", "check"], "file", "Le fichier de politique (JSON)."),
];
const OBJECT_FR: &str = "Lead (Piste), Account (Compte), Contact, Opportunity (Opportunité) ou Case (Cas).";
const VIEW_ID_FR: &str = "L’ID de la vue de liste (15 ou 18 caractères), tel que `views list` l’affiche.";

/// `cmd` with its help in `lang`.
fn help_in(cmd: clap::Command, lang: Lang) -> clap::Command {
    if lang != Lang::Fr {
        return cmd;
    }
    fn at(cmd: clap::Command, path: &[&str], f: &dyn Fn(clap::Command) -> clap::Command) -> clap::Command {
        match path.split_first() {
            None => f(cmd),
            Some((first, rest)) => cmd.mut_subcommand(*first, |sub| at(sub, rest, f)),
        }
    }
    /// The headings and the help flag clap writes itself, for this command and all below it.
    fn frame(cmd: clap::Command) -> clap::Command {
        let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
        let mut cmd = cmd
            .help_template("{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}")
            .subcommand_help_heading("Commandes")
            .disable_help_subcommand(true)
            .disable_help_flag(true)
            .arg(
                Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .help("Afficher l’aide"),
            );
        for name in names {
            cmd = cmd.mut_subcommand(name, frame);
        }
        cmd
    }
    let mut cmd = frame(cmd).disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help("Afficher la version"),
    );
    for (path, text) in FR_ABOUT {
        cmd = at(cmd, path, &|c| c.about(*text));
    }
    for (path, id, text) in FR_ARG {
        cmd = at(cmd, path, &|c| c.mut_arg(*id, |a| a.help(*text)));
    }
    cmd
}

/// The optional link must be one of ours (the scheme is case-insensitive): a mistyped command
/// lands here, and opening the window for it would be a surprise.
fn our_link(arg: &str) -> Result<String, String> {
    let scheme = crate::auth::callback::SCHEME;
    let ours = arg
        .get(..scheme.len() + 1)
        .is_some_and(|head| head.eq_ignore_ascii_case(&format!("{scheme}:")));
    if ours {
        Ok(arg.to_string())
    } else {
        Err(pick(
            i18n::current(),
            "neither a command nor a workstation:// link",
            "ni une commande ni un lien workstation://",
        )
        .to_string())
    }
}

/// The language of human output (set once the settings store is open).
fn lang() -> Lang {
    i18n::current()
}

/// Set when the command was given `--json`: its errors are JSON too (one command per process).
static JSON_ERRORS: AtomicBool = AtomicBool::new(false);

fn wants_json(command: &Command) -> bool {
    match command {
        Command::Search { json, .. } | Command::Status { json } => *json,
        Command::Views(ViewsCommand::List { json, .. } | ViewsCommand::Show { json, .. }) => *json,
        _ => false,
    }
}

/// Something worth knowing that is not a failure, on stderr: `note: …` in the user's language,
/// or with `--json` a JSON line `{"note": "…"}` in English, so stderr stays JSON lines.
fn note(english: &str) {
    if JSON_ERRORS.load(Ordering::Relaxed) {
        eprintln!("{}", serde_json::json!({ "note": english }));
    } else {
        let lang = lang();
        eprintln!(
            "{} {}",
            pick(lang, "note:", "remarque :"),
            i18n::translate(english, lang)
        );
    }
}

fn fail(e: &ApiError) -> i32 {
    let lang = lang();
    if JSON_ERRORS.load(Ordering::Relaxed) {
        // For scripts: a stable kind and the English message, whatever the language.
        eprintln!(
            "{}",
            serde_json::json!({ "error": { "kind": e.kind(), "message": e.to_string() } })
        );
    } else {
        eprintln!("{} {}", pick(lang, "error:", "erreur :"), i18n::localize(e, lang));
    }
    if !JSON_ERRORS.load(Ordering::Relaxed) && matches!(e, ApiError::NotConnected | ApiError::NeedsAttention(_)) {
        eprintln!(
            "{}",
            pick(
                lang,
                "hint: run `workstation connect` (or `workstation connect --device` without a browser).",
                "astuce : lancez `workstation connect` (ou `workstation connect --device` sans navigateur)."
            )
        );
    }
    // 3: the connection needs the person (connect, reconnect, a fresh token); 1: anything else.
    match e.kind() {
        "not_available"
        | "not_connected"
        | "needs_attention"
        | "needs_reconnect"
        | "session_expired"
        | "access_token_refused" => 3,
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
        Command::DemoOrg {
            addr,
            latency_ms,
            seed,
            token,
        } => return run_demo_org(addr, latency_ms, seed, token).await,
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
    JSON_ERRORS.store(wants_json(&command), Ordering::Relaxed);
    i18n::set_current(i18n::detect_os_lang());
    let ws = match Workstation::new(&data_dir, setup_from_env(), Arc::new(KeyringStore::for_app())) {
        Ok(ws) => ws,
        Err(e) => return fail(&e),
    };
    i18n::set_current(ws.language());
    let lang = lang();
    // Whatever the command, a damaged settings file is said at once: nothing is lost
    // silently, even by a command that never looks at the settings.
    for n in ws.take_store_notices() {
        note(&n);
    }
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
                    let typed = term.split_whitespace().collect::<Vec<_>>().join(" ").chars().count();
                    if typed > crate::salesforce::sosl::MAX_TERM_CHARS {
                        let max = crate::salesforce::sosl::MAX_TERM_CHARS;
                        note(&i18n::twin(
                            format!("only the first {max} characters were searched."),
                            format!("seuls les {max} premiers caractères ont été recherchés."),
                        ));
                    }
                    for missing in &outcome.not_searchable {
                        note(&i18n::twin(
                            format!("{missing} cannot be searched in this org; the other objects were searched."),
                            format!(
                                "l’objet {} ne peut pas être recherché dans cette organisation ; les autres objets ont été recherchés.",
                                i18n::object_label(missing.name(), Lang::Fr)
                            ),
                        ));
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
                println!(
                    "Salesforce{} {}",
                    pick(lang, ":", " :"),
                    state_label(status.state, lang)
                );
                let reason = status.reason.as_deref().map(|r| i18n::translate(r, lang));
                for (label, value) in [
                    (pick(lang, "user", "utilisateur"), &status.user),
                    (pick(lang, "username", "nom d’utilisateur"), &status.username),
                    (pick(lang, "org", "organisation"), &status.org),
                    (pick(lang, "org id", "ID de l’organisation"), &status.org_id),
                    (pick(lang, "instance", "instance"), &status.instance_url),
                    (pick(lang, "reason", "raison"), &reason),
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
                ws.connect_device(|code, uri| match lang {
                    Lang::En => {
                        println!("To connect Salesforce, open {uri} and enter the code {code}");
                        println!("Waiting for approval… (Ctrl+C to cancel)");
                    }
                    Lang::Fr => {
                        println!("Pour connecter Salesforce, ouvrez {uri} et saisissez le code {code}");
                        println!("En attente d’approbation… (Ctrl+C pour annuler)");
                    }
                })
                .await
            } else {
                ws.connect_loopback(|url| {
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
                        note(&e);
                    }
                })
                .await
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
                println!("{}", i18n::translate(&d.message, lang));
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

/// A card state (`not_connected`) for people.
fn state_label(state: &str, lang: Lang) -> String {
    match lang {
        Lang::En => state.replace('_', " "),
        Lang::Fr => match state {
            "not_available" => "non disponible",
            "not_connected" => "non connecté",
            "connecting" => "connexion en cours",
            "connected" => "connecté",
            "needs_attention" => "à vérifier",
            other => other,
        }
        .to_string(),
    }
}

fn print_results(term: &str, results: &[SearchResult]) {
    let lang = lang();
    if results.is_empty() {
        match lang {
            Lang::En => println!("No Salesforce results for “{term}”."),
            Lang::Fr => println!("Aucun résultat Salesforce pour « {term} »."),
        }
        return;
    }
    let mut last = None;
    for r in results {
        if last != Some(r.object) {
            println!("{}", i18n::object_label(r.object.name(), lang));
            last = Some(r.object);
        }
        // A Case shows "number subject" as its title, so its subject is not repeated after it.
        let is_case = r.object == crate::salesforce::SearchObject::Case;
        let extra: Vec<String> = r
            .fields
            .iter()
            .skip(if is_case { 2 } else { 1 })
            .map(|(_, v)| v.clone().unwrap_or_else(|| "—".into()))
            .collect();
        let shown_title = if is_case {
            // Without a subject the title is the number itself.
            match r.field("CaseNumber").filter(|n| *n != r.title) {
                Some(number) => format!("{number} {}", r.title),
                None => r.title.clone(),
            }
        } else {
            r.title.clone()
        };
        println!(
            "  {:<48} {:<40} {}",
            truncate(&shown_title, 48),
            truncate(&extra.join(" · "), 40),
            r.url
        );
    }
}

/// Record data as a terminal may show it: control characters (escape sequences, line breaks)
/// and bidirectional overrides become spaces, so no record can restyle the terminal or forge
/// a line of output.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn truncate(s: &str, n: usize) -> String {
    let s = printable(s);
    if s.chars().count() <= n {
        s
    } else {
        s.chars().take(n - 1).chain(std::iter::once('…')).collect()
    }
}

async fn run_views(ws: &Workstation, command: ViewsCommand) -> i32 {
    let lang = lang();
    match command {
        ViewsCommand::List { object, json } => match ws.object_views(&object).await {
            Ok(v) => {
                if json {
                    print_json(&serde_json::json!({ "object": v.object, "total": v.total, "offered": v.offered }));
                } else {
                    match lang {
                        Lang::En => println!(
                            "{}: {} list views in the org, {} offered",
                            v.object,
                            v.total,
                            v.offered.len()
                        ),
                        Lang::Fr => println!(
                            "{} : {} vues de liste dans l’organisation, {} proposées",
                            i18n::object_label(&v.object, lang),
                            v.total,
                            v.offered.len()
                        ),
                    }
                    for o in &v.offered {
                        println!(
                            "  [{}] {}  {}",
                            if o.enabled { "x" } else { " " },
                            printable(&o.id),
                            printable(&o.label)
                        );
                    }
                }
                for n in &v.notices {
                    note(n);
                }
                0
            }
            Err(e) => fail(&e),
        },
        ViewsCommand::Enable { object, view_id } | ViewsCommand::Disable { object, view_id }
            if view_id.trim().is_empty() || object.trim().is_empty() =>
        {
            fail(&ApiError::Invalid(i18n::twin(
                "Give an object type and a list view id.",
                "Indiquez un type d’objet et l’ID d’une vue de liste.",
            )))
        }
        ViewsCommand::Enable { object, view_id } => report_change(ws.enable_view(&object, &view_id).await),
        ViewsCommand::Disable { object, view_id } => report_change(ws.disable_view(&object, &view_id).await),
        ViewsCommand::Show {
            object,
            view_id,
            json,
            limit,
            offset,
        } => {
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
                    match lang {
                        Lang::En => println!("{} ({} records)", printable(&p.label), p.total),
                        Lang::Fr => println!("{} ({} enregistrements)", printable(&p.label), p.total),
                    }
                    println!(
                        "  {}",
                        p.columns
                            .iter()
                            .map(|c| printable(&c.label))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    );
                    for row in &p.rows {
                        let cells: Vec<String> = row
                            .cells
                            .iter()
                            .map(|c| printable(c.as_deref().unwrap_or("")))
                            .collect();
                        println!("  {}", cells.join(" | "));
                    }
                }
            }
            0
        }
    }
}

fn report_change(result: Result<crate::api::views::ShownViews, ApiError>) -> i32 {
    match result {
        Ok(v) => {
            let labels: Vec<&str> = v
                .offered
                .iter()
                .filter(|o| o.enabled)
                .map(|o| o.label.as_str())
                .collect();
            match lang() {
                Lang::En => println!("Enabled for {}: {}", v.object, labels.join(", ")),
                Lang::Fr => println!(
                    "Activées pour {} : {}",
                    i18n::object_label(&v.object, Lang::Fr),
                    labels.join(", ")
                ),
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_text_cannot_drive_the_terminal() {
        assert_eq!(
            printable("Evil\u{1b}[31mRED\u{1b}[0m\nNEW\rCR\tT"),
            "Evil [31mRED [0m NEW CR T"
        );
        assert_eq!(printable("abc\u{202E}fdp.exe"), "abc fdp.exe");
        assert_eq!(printable("Zoë 東京 🚀"), "Zoë 東京 🚀");
        assert_eq!(truncate("a\nb", 10), "a b");
    }

    #[test]
    fn only_our_links_pass_as_the_url_argument() {
        assert!(our_link("workstation://salesforce/connected?code=1").is_ok());
        assert!(our_link("WORKSTATION:x").is_ok());
        for other in ["bogus", "https://evil.example", "workstation", "work", "", "é"] {
            assert!(our_link(other).is_err(), "{other}");
        }
    }
}
