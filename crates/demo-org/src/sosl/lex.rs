//! The SOSL lexer: keywords and names, numbers and dates, quoted strings, symbols, and the
//! `{…}` search term kept as a character range for the term parser. Its errors point at a
//! position of the query (see `error`).

use super::error::{positioned, SoslError};

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Ident(String),
    Num(String),
    Str(String),
    Sym(&'static str),
    /// `{…}`: char range of the term content.
    Term(usize, usize),
}

pub(super) struct Lexer<'a> {
    pub(super) src: &'a str,
    pub(super) chars: Vec<char>,
    pub(super) toks: Vec<(Tok, usize)>,
}

impl<'a> Lexer<'a> {
    pub(super) fn err(&self, code: &'static str, pos: usize, msg: &str) -> SoslError {
        SoslError::new(code, positioned(self.src, &self.chars, pos, msg))
    }

    pub(super) fn lex(src: &'a str) -> Result<Lexer<'a>, SoslError> {
        let mut lx = Lexer {
            src,
            chars: src.chars().collect(),
            toks: Vec::new(),
        };
        let c = lx.chars.clone();
        let mut i = 0;
        while i < c.len() {
            let ch = c[i];
            if ch.is_whitespace() {
                i += 1;
            } else if ch == '{' {
                let start = i + 1;
                let mut j = start;
                let mut end = None;
                while j < c.len() {
                    if c[j] == '\\' {
                        j += 2;
                        continue;
                    }
                    if c[j] == '}' {
                        end = Some(j);
                        break;
                    }
                    j += 1;
                }
                let end = end.ok_or_else(|| lx.err("MALFORMED_SEARCH", i, "Missing '}' at end of search term"))?;
                lx.toks.push((Tok::Term(start, end), i));
                i = end + 1;
            } else if ch.is_alphabetic() || ch == '_' {
                let s = i;
                while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                    i += 1;
                }
                lx.toks.push((Tok::Ident(c[s..i].iter().collect()), s));
            } else if ch.is_ascii_digit() || (ch == '-' && c.get(i + 1).is_some_and(|d| d.is_ascii_digit())) {
                let s = i;
                i += 1;
                while i < c.len() && (c[i].is_ascii_alphanumeric() || matches!(c[i], '.' | '-' | ':' | '+')) {
                    i += 1;
                }
                lx.toks.push((Tok::Num(c[s..i].iter().collect()), s));
            } else if ch == '\'' {
                let s = i;
                let (v, next) = crate::text::quoted_literal(&c, s)
                    .ok_or_else(|| lx.err("MALFORMED_SEARCH", s, "unterminated string literal"))?;
                i = next;
                lx.toks.push((Tok::Str(v), s));
            } else {
                let two: String = c[i..(i + 2).min(c.len())].iter().collect();
                let (sym, len): (&'static str, usize) = match two.as_str() {
                    "!=" | "<>" => ("!=", 2),
                    "<=" => ("<=", 2),
                    ">=" => (">=", 2),
                    _ => match ch {
                        ',' => (",", 1),
                        '(' => ("(", 1),
                        ')' => (")", 1),
                        '.' => (".", 1),
                        '=' => ("=", 1),
                        '<' => ("<", 1),
                        '>' => (">", 1),
                        _ => {
                            return Err(lx.err(
                                "MALFORMED_SEARCH",
                                i,
                                &format!("line 1:{i} no viable alternative at character '{ch}'"),
                            ))
                        }
                    },
                };
                lx.toks.push((Tok::Sym(sym), i));
                i += len;
            }
        }
        Ok(lx)
    }
}
