//! What the commands write: results and states for people in their language, JSON for
//! scripts, and notes on stderr. Whatever Salesforce or its login service wrote — record data,
//! list view labels, error messages, the device flow's page and code — passes through
//! `printable` (or, in JSON, is escaped by the same rule) first, because it comes from the org
//! and must not be able to drive the terminal.

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
        eprintln!("{}", json_line(&serde_json::json!({ "note": text })));
    } else {
        eprintln!("{} {}", pick(lang(), "note:", "remarque :"), printable(text));
    }
}

/// JSON for scripts on stdout, indented.
pub(super) fn print_json<T: serde::Serialize>(value: &T) {
    let mut out = Vec::new();
    let mut json = serde_json::Serializer::with_formatter(&mut out, Inert(serde_json::ser::PrettyFormatter::new()));
    match value.serialize(&mut json) {
        Ok(()) => println!("{}", String::from_utf8_lossy(&out)),
        Err(e) => eprintln!("error: {e}"),
    }
}

/// One JSON line (stderr's errors and notes with `--json`).
pub(super) fn json_line<T: serde::Serialize>(value: &T) -> String {
    let mut out = Vec::new();
    let mut json = serde_json::Serializer::with_formatter(&mut out, Inert(serde_json::ser::CompactFormatter));
    match value.serialize(&mut json) {
        Ok(()) => String::from_utf8_lossy(&out).into_owned(),
        Err(e) => format!("{{\"error\":{{\"kind\":\"json\",\"message\":\"{e}\"}}}}"),
    }
}

/// Whether a character can drive a terminal or reorder what it shows: the C0 and C1 controls
/// (ESC, which starts CSI and OSC sequences, BEL, line breaks…), DEL, and the bidirectional
/// embeddings, overrides and isolates.
fn drives_the_terminal(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A JSON formatter whose strings carry no character that drives a terminal: JSON escapes
/// C0 controls already; DEL, C1 controls and bidirectional controls are written `\uXXXX`
/// too. The JSON means the same (a script reads the same strings); the bytes a terminal sees
/// when it is printed are inert.
struct Inert<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for Inert<F> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|(_, c)| drives_the_terminal(*c)) {
            self.0.write_string_fragment(writer, &rest[..at])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            rest = &rest[at + c.len_utf8()..];
        }
        self.0.write_string_fragment(writer, rest)
    }

    // Indentation and separators are the inner formatter's.
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
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
            printable(&r.url)
        );
    }
}

/// What the org wrote, as a terminal may show it: every character that drives a terminal
/// (escape sequences, BEL, line breaks, bidirectional overrides) becomes a space, so no record,
/// label or message can restyle the terminal, write its clipboard (OSC 52) or forge a line of
/// output. The one filter for everything printed from Salesforce.
pub(super) fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if drives_the_terminal(c) { ' ' } else { c })
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
        // OSC 52 (write the clipboard), C1 CSI, DEL, BEL.
        assert_eq!(
            printable("a\u{1b}]52;c;ZXZpbA==\u{7}b\u{9b}31mc\u{7f}d"),
            "a ]52;c;ZXZpbA== b 31mc d"
        );
    }

    #[test]
    fn json_keeps_its_meaning_and_no_byte_drives_the_terminal() {
        let value = serde_json::json!({ "label": "a\u{1b}]52;c;eA==\u{7}\u{9b}\u{7f}\u{202E}z Zoë" });
        let line = json_line(&value);
        assert_eq!(line, r#"{"label":"a\u001b]52;c;eA==\u0007\u009b\u007f\u202ez Zoë"}"#);
        assert!(!line.chars().any(drives_the_terminal), "{line:?}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&line).expect("json"), value);
    }
}
