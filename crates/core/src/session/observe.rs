//! What an answer from Salesforce says of the session itself: a refused or expired session
//! ends it (the card moves to *needs attention*), an unreadable answer is logged by where it
//! failed, never by the record data the parser quotes.

use crate::auth::card::SessionEnd;
use crate::salesforce::SalesforceError;

/// The end of the session `e` tells of, if it tells of one.
pub(super) fn session_end(e: &SalesforceError) -> Option<SessionEnd> {
    match e {
        SalesforceError::NeedsReconnect(why) => {
            tracing::info!(%why, "Salesforce will not renew the session");
            Some(SessionEnd::Refused(why.clone()))
        }
        SalesforceError::SessionExpired => Some(SessionEnd::Expired),
        SalesforceError::MalformedResponse(detail) => {
            // The person reads "could not read"; the log keeps which answer and where it
            // failed, never the value the parser quotes (record data).
            let detail = where_unreadable(detail);
            tracing::warn!(%detail, "a Salesforce answer could not be read");
            None
        }
        _ => None,
    }
}

/// The mistakes serde_json names at the start of its message; what follows them may quote the
/// value it met (`invalid type: string "Acme Corp", expected …`).
const PARSER_MISTAKES: [&str; 19] = [
    "invalid type",
    "invalid value",
    "invalid length",
    "unknown variant",
    "unknown field",
    "missing field",
    "duplicate field",
    "EOF while parsing",
    "expected",
    "trailing comma",
    "trailing characters",
    "invalid number",
    "number out of range",
    "invalid escape",
    "invalid unicode code point",
    "control character",
    "key must be a string",
    "lone leading surrogate",
    "recursion limit exceeded",
];

/// What the log keeps of `MalformedResponse(detail)`: which answer (`search answer`, the REST
/// path), the kind of mistake and where the parser stopped (`line 1 column 48`); the parser's
/// words about the value, which can be a record's, are dropped. A detail without `": "` is
/// one of the core's own sentences ("a Contact search record has no Id"), which quote nothing.
fn where_unreadable(detail: &str) -> String {
    let Some((which, parser)) = detail.split_once(": ") else {
        return detail.to_string();
    };
    let kind = PARSER_MISTAKES
        .iter()
        .find(|k| parser.starts_with(**k))
        .copied()
        .unwrap_or("unreadable");
    let at = parser.rfind(" at line ").map(|i| &parser[i + 1..]).filter(|at| {
        let words: Vec<&str> = at.split(' ').collect();
        matches!(words.as_slice(), ["at", "line", l, "column", c]
                if l.chars().all(|ch| ch.is_ascii_digit()) && c.chars().all(|ch| ch.is_ascii_digit()))
    });
    match at {
        Some(at) => format!("{which}: {kind} {at}"),
        None => format!("{which}: {kind}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_answer_is_logged_by_where_it_failed_not_by_its_values() {
        let quoted = serde_json::from_str::<Vec<String>>(r#"["ok", 42]"#).expect_err("bad");
        let detail = format!(
            "search answer: {}",
            serde_json::from_str::<Vec<u8>>(r#""Acme Secret Deal""#).expect_err("bad")
        );
        assert!(detail.contains("Acme Secret Deal"), "{detail}");
        assert_eq!(
            where_unreadable(&detail),
            "search answer: invalid type at line 1 column 18"
        );
        assert_eq!(
            where_unreadable(&format!("sobjects/Account/listviews: {quoted}")),
            "sobjects/Account/listviews: invalid type at line 1 column 9"
        );
        assert_eq!(
            where_unreadable("search answer: EOF while parsing a string at line 1 column 30"),
            "search answer: EOF while parsing at line 1 column 30"
        );
        // A parser message we do not know is not copied either.
        assert_eq!(where_unreadable("x: Zoë Martin is odd"), "x: unreadable");
        assert_eq!(
            where_unreadable("a Contact search record has no Id"),
            "a Contact search record has no Id"
        );
    }
}
