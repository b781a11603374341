//! SOSL errors as Salesforce reports them: an `errorCode` (MALFORMED_SEARCH, INVALID_TYPE,
//! INVALID_FIELD) and a message, most of them positioned — the query, a caret under the
//! offending character and "ERROR at Row:…:Column:…". Every stage of the parser makes these.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoslError {
    pub code: &'static str,
    pub message: String,
}

impl SoslError {
    pub(super) fn new(code: &'static str, message: impl Into<String>) -> SoslError {
        SoslError {
            code,
            message: message.into(),
        }
    }
}

fn row_col(chars: &[char], pos: usize) -> (usize, usize) {
    let before = &chars[..pos.min(chars.len())];
    let row = before.iter().filter(|c| **c == '\n').count() + 1;
    let col = match before.iter().rposition(|c| *c == '\n') {
        Some(nl) => pos - nl - 1,
        None => pos,
    };
    (row, col)
}

/// Salesforce's positioned parse error text, as in rest_error_malformed_search_400.json:
/// "\n<query>\n<spaces>^\nERROR at Row:1:Column:19\n<message>" (caret one left of the column).
pub(super) fn positioned(src: &str, chars: &[char], pos: usize, msg: &str) -> String {
    let (row, col) = row_col(chars, pos);
    format!(
        "\n{src}\n{}^\nERROR at Row:{row}:Column:{col}\n{msg}",
        " ".repeat(col.saturating_sub(1))
    )
}
