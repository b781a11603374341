//! A real parser and evaluator for the SOSL subset the app uses (API-NOTES §3 "SOSL syntax
//! facts"):
//!
//! ```text
//! FIND {term} [IN ALL|NAME|EMAIL|PHONE|SIDEBAR FIELDS]
//!   [RETURNING Obj[(Field, Rel.Field … [WHERE cond] [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST]]
//!                  [LIMIT n] [OFFSET n])], …]
//!   [LIMIT n] [UPDATE TRACKING|VIEWSTAT]
//! ```
//!
//! Term: backslash escapes for the reserved characters `? & | ! { } [ ] ( ) ^ ~ * : \ " ' + -`;
//! `*` (zero or more) and `?` (exactly one) wildcards in the middle or at the end of a word;
//! `"phrases"`; `AND`, `OR`, `AND NOT`, `NOT` and parentheses; several words = AND.
//! Matching is case- and accent-insensitive, whole-word (word-prefix with a trailing `*`).
//!
//! `lex` and `parse` read a statement into a `query::Query` (the term itself in `term`), `eval`
//! runs it over the data set and `render` writes the records.

mod error;
mod eval;
mod lex;
mod parse;
mod query;
mod render;
mod term;

pub use error::SoslError;
pub use eval::execute;
pub use parse::parse;
pub use query::{FieldPath, ObjSpec, ParseOptions, Query, MAX_LIMIT};
pub use render::{attributes, record_json, value_json};
pub use term::{Expr, Pat};
