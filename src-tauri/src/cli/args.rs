//! What the command line accepts: clap's derive definitions. The doc comments are the
//! English help (`help_fr` puts the French over them), so changing one changes `--help`.

use crate::api::localize::{self, pick};
use clap::{Parser, Subcommand};
use std::net::SocketAddr;

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
        /// At most N results in all (default 40; with --type, 25).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
        limit: Option<u32>,
        /// Search one object type alone, with a larger limit (the window's "More"): Lead,
        /// Account, Contact, Opportunity, File, Report, Dashboard or Case.
        #[arg(long = "type", value_name = "OBJECT", value_parser = search_object)]
        object: Option<crate::salesforce::SearchObject>,
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
        /// Who signs in unless the approval page says otherwise, and whose the pre-issued token
        /// is: `demo` sees everything; `restricted` has no Case and no Opportunity access and
        /// does not see Account.Type and Lead.Company; `noapi` has no API access.
        #[arg(
            long,
            default_value = "demo",
            value_parser = clap::builder::TypedValueParser::map(
                clap::builder::PossibleValuesParser::new(["demo", "restricted", "noapi"]),
                |s: String| crate::demo_org::DemoUser::parse(&s).unwrap_or_default(),
            )
        )]
        user: crate::demo_org::DemoUser,
        /// Refresh Token Rotation, as Salesforce's Health Check recommends: every refresh gives
        /// a new refresh token, and a used one presented again revokes the user's tokens.
        #[arg(long)]
        rotate_refresh_tokens: bool,
        /// The demo connected app's Selected OAuth Scopes, space-separated (default: "full api
        /// refresh_token offline_access"); a sign-in asking for any other is refused.
        #[arg(long, value_name = "SCOPES")]
        scopes: Option<String>,
        /// Serve HTTPS (the first line says https://) with a certificate from a throw-away
        /// certificate authority made at start, trusted by nothing until told to.
        #[arg(long)]
        tls: bool,
        /// With --tls: write that authority's certificate (PEM) to FILE, for the clients that
        /// should trust it (e.g. SSL_CERT_FILE on Linux).
        #[arg(long, value_name = "FILE", requires = "tls")]
        ca_out: Option<std::path::PathBuf>,
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
    /// The object types that have list views this Salesforce user can open.
    Types {
        /// Print JSON: {"types": ["Account", ...]} (API names, in the widget's order).
        #[arg(long)]
        json: bool,
    },
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
        /// Sort by this column (its field API name as `--json` shows it, e.g. Name or
        /// Account.Name), ascending, as Salesforce sorts it.
        #[arg(long, value_name = "FIELD")]
        sort: Option<String>,
        /// With --sort: descending.
        #[arg(long, requires = "sort")]
        desc: bool,
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

impl Command {
    /// Whether the command was given `--json`: then its errors and notes are JSON lines too.
    pub(super) fn wants_json(&self) -> bool {
        match self {
            Command::Search { json, .. } | Command::Status { json } => *json,
            Command::Views(
                ViewsCommand::Types { json } | ViewsCommand::List { json, .. } | ViewsCommand::Show { json, .. },
            ) => *json,
            _ => false,
        }
    }
}

/// `--type OBJECT`: one of the eight searched object types, by our name or its sObject's.
fn search_object(arg: &str) -> Result<crate::salesforce::SearchObject, String> {
    use crate::salesforce::SearchObject;
    SearchObject::from_name(arg.trim()).ok_or_else(|| {
        let names: Vec<&str> = SearchObject::ALL.iter().map(|o| o.name()).collect();
        format!("not a searched object type; one of {}", names.join(", "))
    })
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
            localize::current(),
            "neither a command nor a workstation:// link",
            "ni une commande ni un lien workstation://",
        )
        .to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_links_pass_as_the_url_argument() {
        assert!(our_link("workstation://salesforce/connected?code=1").is_ok());
        assert!(our_link("WORKSTATION:x").is_ok());
        for other in ["bogus", "https://evil.example", "workstation", "work", "", "é"] {
            assert!(our_link(other).is_err(), "{other}");
        }
    }
}
