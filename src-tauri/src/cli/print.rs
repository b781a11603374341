//! What the commands write: results and states for people in their language, JSON for
//! scripts, and notes on stderr. Record data passes through `printable` first, because it
//! comes from the org and must not be able to drive the terminal.

use super::lang;
use crate::api::localize::{self, pick, Lang};
use crate::salesforce::SearchResult;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set when the command was given `--json`: its errors are JSON too (one command per process).
static JSON_ERRORS: AtomicBool = AtomicBool::new(false);

/// Says whether stderr is JSON lines from now on (once, before the command runs).
pub(super) fn set_json_errors(on: bool) {
    JSON_ERRORS.store(on, Ordering::Relaxed);
}

/// Whether errors and notes go to stderr as JSON lines, in English.
pub(super) fn json_errors() -> bool {
    JSON_ERRORS.load(Ordering::Relaxed)
}

/// Something worth knowing that is not a failure, on stderr: `note: …` in the user's language,
/// or with `--json` a JSON line `{"note": "…"}` (in English then, as everything a script reads),
/// so stderr stays JSON lines.
pub(super) fn note(text: &str) {
    if json_errors() {
        eprintln!("{}", serde_json::json!({ "note": text }));
    } else {
        eprintln!("{} {}", pick(lang(), "note:", "remarque :"), text);
    }
}

pub(super) fn print_json<T: serde::Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => println!("{text}"),
        Err(e) => eprintln!("error: {e}"),
    }
}

/// A card state (`not_connected`) for people.
pub(super) fn state_label(state: &str, lang: Lang) -> String {
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

pub(super) fn print_results(term: &str, results: &[SearchResult]) {
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
            println!("{}", localize::object_label(r.object.name(), lang));
            last = Some(r.object);
        }
        let details: Vec<String> = r
            .details()
            .into_iter()
            .map(|(_, v)| v.unwrap_or_else(|| "—".into()))
            .collect();
        println!(
            "  {:<48} {:<40} {}",
            truncate(&r.headline(), 48),
            truncate(&details.join(" · "), 40),
            r.url
        );
    }
}

/// Record data as a terminal may show it: control characters (escape sequences, line breaks)
/// and bidirectional overrides become spaces, so no record can restyle the terminal or forge
/// a line of output.
pub(super) fn printable(s: &str) -> String {
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
}
