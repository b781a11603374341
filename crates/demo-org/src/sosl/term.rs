//! The search term between `{` and `}`: its model ([`Expr`] of word patterns with `*` and `?`
//! wildcards, phrases, AND / OR / NOT), its parser (escapes, reserved characters, the minimum
//! length, dangling operators), and how a pattern matches folded words and the word index.

use super::error::SoslError;
use super::lex::Lexer;
use crate::data::{Scope, Table};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PChar {
    C(char),
    Star,
    One,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pat {
    chars: Vec<PChar>,
}

impl Pat {
    fn has_wild(&self) -> bool {
        self.chars.iter().any(|c| !matches!(c, PChar::C(_)))
    }
    /// Literal characters then one trailing `*` (the common "acme*").
    pub(super) fn is_prefix(&self) -> bool {
        matches!(self.chars.split_last(), Some((PChar::Star, rest)) if rest.iter().all(|c| matches!(c, PChar::C(_))))
    }
    /// The index lookup of this pattern is exactly its match set.
    pub(super) fn index_exact(&self) -> bool {
        !self.has_wild() || self.is_prefix()
    }
    fn literal_prefix(&self) -> String {
        self.chars
            .iter()
            .map_while(|c| match c {
                PChar::C(c) => Some(*c),
                _ => None,
            })
            .collect()
    }
    pub(super) fn matches(&self, word: &str) -> bool {
        if word.is_empty() {
            return false;
        }
        if !self.has_wild() {
            let mut it = word.chars();
            return self
                .chars
                .iter()
                .all(|p| matches!(p, PChar::C(c) if it.next() == Some(*c)))
                && it.next().is_none();
        }
        if self.is_prefix() {
            let mut it = word.chars();
            return self.chars[..self.chars.len() - 1]
                .iter()
                .all(|p| matches!(p, PChar::C(c) if it.next() == Some(*c)));
        }
        glob(&self.chars, &word.chars().collect::<Vec<_>>())
    }
}

pub(super) fn glob(p: &[PChar], w: &[char]) -> bool {
    let (mut pi, mut wi) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while wi < w.len() {
        match p.get(pi) {
            Some(PChar::C(c)) if *c == w[wi] => {
                pi += 1;
                wi += 1;
            }
            Some(PChar::One) => {
                pi += 1;
                wi += 1;
            }
            Some(PChar::Star) => {
                star = Some((pi, wi));
                pi += 1;
            }
            _ => match star {
                Some((sp, sw)) => {
                    pi = sp + 1;
                    wi = sw + 1;
                    star = Some((sp, sw + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|c| *c == PChar::Star)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
    Word(Pat),
    Phrase(Vec<Pat>),
}

impl Expr {
    pub(super) fn eval(&self, words: &[Box<str>]) -> bool {
        match self {
            Expr::And(xs) => xs.iter().all(|x| x.eval(words)),
            Expr::Or(xs) => xs.iter().any(|x| x.eval(words)),
            Expr::Not(x) => !x.eval(words),
            Expr::Word(p) => words.iter().any(|w| p.matches(w)),
            Expr::Phrase(ps) => {
                words.len() >= ps.len()
                    && (0..=words.len() - ps.len())
                        .any(|i| ps.iter().enumerate().all(|(j, p)| p.matches(&words[i + j])))
            }
        }
    }

    /// Candidate records from the word index (None = must scan everything).
    pub(super) fn candidates(&self, t: &Table, scope: Scope) -> Option<Vec<u32>> {
        match self {
            Expr::Word(p) => t.lookup(scope, &p.literal_prefix(), p.has_wild()),
            Expr::Phrase(ps) => Expr::Word(ps[0].clone()).candidates(t, scope),
            Expr::Not(_) => None,
            Expr::And(xs) => xs.iter().filter_map(|x| x.candidates(t, scope)).min_by_key(|v| v.len()),
            Expr::Or(xs) => {
                let mut all = Vec::new();
                for x in xs {
                    all.extend(x.candidates(t, scope)?);
                }
                Some(all)
            }
        }
    }

    /// Positive words in query order (ranking).
    pub(super) fn positive_pats<'a>(&'a self, out: &mut Vec<&'a Pat>) {
        match self {
            Expr::And(xs) | Expr::Or(xs) => xs.iter().for_each(|x| x.positive_pats(out)),
            Expr::Not(_) => {}
            Expr::Word(p) => out.push(p),
            Expr::Phrase(ps) => out.extend(ps.iter()),
        }
    }
}

const RESERVED: &str = "?&|!{}[]()^~*:\\\"'+-";

#[derive(Debug)]
enum TItem {
    Chunk { chars: Vec<(PChar, usize)>, quoted: bool },
    LParen,
    RParen,
}

/// Parses the search term between `{` and `}` (char positions `start..end`).
pub(super) fn parse_term(lx: &Lexer, start: usize, end: usize, brace_pos: usize) -> Result<Expr, SoslError> {
    let c = &lx.chars[start..end];
    let err = |off: usize, msg: &str| lx.err("MALFORMED_SEARCH", start + off, msg);
    let mut items = Vec::new();
    let mut cur: Vec<(PChar, usize)> = Vec::new();
    let mut in_quote = false;
    let mut literal_count = 0usize;
    let flush = |cur: &mut Vec<(PChar, usize)>, items: &mut Vec<TItem>, quoted: bool| {
        if !cur.is_empty() || quoted {
            items.push(TItem::Chunk {
                chars: std::mem::take(cur),
                quoted,
            });
        }
    };
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        match ch {
            '\\' => {
                let Some(n) = c.get(i + 1) else {
                    return Err(err(i, "Invalid escape sequence at end of search term"));
                };
                cur.push((PChar::C(*n), i));
                literal_count += 1;
                i += 2;
                continue;
            }
            '"' => {
                if in_quote {
                    flush(&mut cur, &mut items, true);
                } else {
                    flush(&mut cur, &mut items, false);
                }
                in_quote = !in_quote;
            }
            '*' => cur.push((PChar::Star, i)),
            '?' => cur.push((PChar::One, i)),
            '(' | ')' if !in_quote => {
                flush(&mut cur, &mut items, false);
                items.push(if ch == '(' { TItem::LParen } else { TItem::RParen });
            }
            c2 if c2.is_whitespace() => {
                if in_quote {
                    cur.push((PChar::C(' '), i));
                } else {
                    flush(&mut cur, &mut items, false);
                }
            }
            c2 if RESERVED.contains(c2) => {
                // "An error occurs if you do not precede reserved characters with a backslash."
                return Err(err(
                    i,
                    &format!("line 1:{} no viable alternative at character '{c2}'", start + i),
                ));
            }
            other => {
                cur.push((PChar::C(other), i));
                literal_count += 1;
            }
        }
        i += 1;
    }
    if in_quote {
        return Err(err(
            c.len().saturating_sub(1),
            "Unterminated quoted phrase in search term",
        ));
    }
    flush(&mut cur, &mut items, false);
    if literal_count < 2 {
        // Minimum term length (API-NOTES §3: treat min = 2, message unverified).
        return Err(SoslError::new(
            "MALFORMED_SEARCH",
            "search term must be longer than one character",
        ));
    }

    // Chunks → operands / operators
    #[derive(Debug)]
    enum T {
        X(Expr),
        And,
        Or,
        Not,
        L,
        R,
    }
    let mut toks = Vec::new();
    for it in items {
        match it {
            TItem::LParen => toks.push(T::L),
            TItem::RParen => toks.push(T::R),
            TItem::Chunk { chars, quoted } => {
                let plain: Option<String> = chars
                    .iter()
                    .map(|(p, _)| match p {
                        PChar::C(c) => Some(*c),
                        _ => None,
                    })
                    .collect();
                if !quoted {
                    match plain.as_deref().map(|s| s.to_ascii_lowercase()) {
                        Some(s) if s == "and" => {
                            toks.push(T::And);
                            continue;
                        }
                        Some(s) if s == "or" => {
                            toks.push(T::Or);
                            continue;
                        }
                        Some(s) if s == "not" => {
                            toks.push(T::Not);
                            continue;
                        }
                        _ => {}
                    }
                }
                let pats = split_words(&chars)
                    .map_err(|off| err(off, "Invalid wildcard: a search term cannot start with a wildcard"))?;
                match pats.len() {
                    0 => {}
                    1 => toks.push(T::X(Expr::Word(
                        pats.into_iter().next().unwrap_or(Pat { chars: vec![] }),
                    ))),
                    _ => toks.push(T::X(Expr::Phrase(pats))),
                }
            }
        }
    }
    if toks.is_empty() {
        // Only punctuation (e.g. "\?\? \!\!"): no word to look for, so nothing matches.
        return Ok(Expr::Or(Vec::new()));
    }

    // Recursive descent over the operator tokens.
    fn or_e(t: &[T], i: &mut usize) -> Option<Expr> {
        let mut xs = vec![and_e(t, i)?];
        while matches!(t.get(*i), Some(T::Or)) {
            *i += 1;
            xs.push(and_e(t, i)?);
        }
        Some(if xs.len() == 1 { xs.remove(0) } else { Expr::Or(xs) })
    }
    fn and_e(t: &[T], i: &mut usize) -> Option<Expr> {
        let mut xs = vec![unary(t, i)?];
        loop {
            match t.get(*i) {
                Some(T::And) => {
                    *i += 1;
                    xs.push(unary(t, i)?);
                }
                Some(T::X(_)) | Some(T::L) | Some(T::Not) => xs.push(unary(t, i)?),
                _ => break,
            }
        }
        Some(if xs.len() == 1 { xs.remove(0) } else { Expr::And(xs) })
    }
    fn unary(t: &[T], i: &mut usize) -> Option<Expr> {
        match t.get(*i)? {
            T::Not => {
                *i += 1;
                Some(Expr::Not(Box::new(unary(t, i)?)))
            }
            T::L => {
                *i += 1;
                let e = or_e(t, i)?;
                if !matches!(t.get(*i), Some(T::R)) {
                    return None;
                }
                *i += 1;
                Some(e)
            }
            T::X(e) => {
                *i += 1;
                Some(e.clone())
            }
            _ => None,
        }
    }
    let parse_all = |toks: &[T]| {
        let mut i = 0;
        or_e(toks, &mut i).filter(|e| i == toks.len() && has_positive(e))
    };
    // Dangling operators (e.g. "\' OR 1=1" once the punctuation-only operand is gone) are
    // ignored rather than rejected; unbalanced parentheses are still an error.
    let e = parse_all(&toks).or_else(|| {
        let words: Vec<T> = toks
            .into_iter()
            .filter(|t| !matches!(t, T::And | T::Or | T::Not))
            .collect();
        parse_all(&words)
    });
    match e {
        Some(e) => Ok(e),
        None => Err(lx.err(
            "MALFORMED_SEARCH",
            brace_pos,
            "Invalid search term: unbalanced parentheses or dangling operator",
        )),
    }
}

fn has_positive(e: &Expr) -> bool {
    match e {
        Expr::Word(_) | Expr::Phrase(_) => true,
        Expr::Not(_) => false,
        Expr::And(xs) => xs.iter().any(has_positive),
        Expr::Or(xs) => xs.iter().all(has_positive),
    }
}

/// Splits a chunk into folded word patterns. Err(offset) for a leading wildcard.
fn split_words(chars: &[(PChar, usize)]) -> Result<Vec<Pat>, usize> {
    let mut out: Vec<Pat> = Vec::new();
    let mut cur: Vec<PChar> = Vec::new();
    let mut buf = String::new();
    for (k, (p, off)) in chars.iter().enumerate() {
        match p {
            PChar::C(c) => {
                buf.clear();
                text::fold_char(*c, &mut buf);
                for f in buf.chars() {
                    if f.is_alphanumeric() {
                        cur.push(PChar::C(f));
                    } else if !cur.is_empty() {
                        out.push(Pat {
                            chars: std::mem::take(&mut cur),
                        });
                    }
                }
            }
            w => {
                if cur.is_empty() {
                    // "acme\-*": a wildcard right after punctuation belongs to the previous word.
                    // A wildcard that starts a term is an error ("*acme"); one after nothing
                    // but escaped punctuation ("\-\-*") has no word to extend and is dropped.
                    match out.last_mut() {
                        Some(prev) => prev.chars.push(*w),
                        None if k == 0 => return Err(*off),
                        None => {}
                    }
                } else {
                    cur.push(*w);
                }
            }
        }
    }
    if !cur.is_empty() {
        out.push(Pat { chars: cur });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sosl::query::Query;
    use crate::sosl::{parse, ParseOptions};

    fn p(s: &str) -> Result<Query, SoslError> {
        parse(s, &ParseOptions::default())
    }

    fn words(s: &str) -> Vec<Box<str>> {
        let mut v = Vec::new();
        text::words(s, &mut v);
        v
    }

    #[test]
    fn reserved_chars_must_be_escaped() {
        for bad in [
            "FIND {R&D} RETURNING Account",
            "FIND {a-b} RETURNING Account",
            "FIND {x:y} RETURNING Account",
            "FIND {it's} RETURNING Account",
            "FIND {50%+1} RETURNING Account",
        ] {
            assert_eq!(p(bad).unwrap_err().code, "MALFORMED_SEARCH", "{bad}");
        }
        let q = p(r"FIND {R\&D \{Lab\} \(Test\) \- 50% off\: yes\!} RETURNING Account(Name)").unwrap();
        match &q.term {
            Expr::And(xs) => {
                assert_eq!(xs.len(), 6, "{xs:?}");
                assert!(matches!(&xs[0], Expr::Phrase(p) if p.len() == 2), "R&D is one phrase");
            }
            other => panic!("{other:?}"),
        }
        // Backslash itself and quotes
        assert!(p(r#"FIND {back\\slash \"quoted\"} RETURNING Account"#).is_ok());
    }

    #[test]
    fn short_terms_are_rejected() {
        for t in [
            "FIND {a} RETURNING Account",
            "FIND {a*} RETURNING Account",
            "FIND {} RETURNING Account",
            "FIND {  } RETURNING Account",
        ] {
            let e = p(t).unwrap_err();
            assert_eq!(e.code, "MALFORMED_SEARCH");
            assert_eq!(e.message, "search term must be longer than one character");
        }
        assert!(p("FIND {ab} RETURNING Account").is_ok());
    }

    #[test]
    fn wildcards() {
        let q = p("FIND {ac*e} RETURNING Account").unwrap();
        assert!(q.term.eval(&words("Acme Corp")));
        assert!(q.term.eval(&words("ACE")));
        assert!(!q.term.eval(&words("Acme1")));
        let q = p("FIND {acm?} RETURNING Account").unwrap();
        assert!(q.term.eval(&words("acme")));
        assert!(!q.term.eval(&words("acmes")));
        assert!(p("FIND {*acme} RETURNING Account").is_err());
        assert!(p("FIND {acme \\-\\-*} RETURNING Account").is_ok());
        let q = p("FIND {\\?\\? \\!\\! \\~\\~*} RETURNING Account").unwrap();
        assert!(!q.term.eval(&words("anything at all")));
        let q = p("FIND {acme} RETURNING Account").unwrap();
        assert!(!q.term.eval(&words("Acmes")), "whole word without wildcard");
    }

    #[test]
    fn accents_and_phrases_and_operators() {
        let q = p("FIND {zoe orsted} RETURNING Contact").unwrap();
        assert!(q.term.eval(&words("Zoë Ørsted")));
        let q = p(r#"FIND {"acme labs"} RETURNING Account"#).unwrap();
        assert!(q.term.eval(&words("Acme Labs")));
        assert!(!q.term.eval(&words("Labs Acme")));
        let q = p("FIND {acme OR globex} RETURNING Account").unwrap();
        assert!(q.term.eval(&words("Globex")));
        let q = p("FIND {acme AND NOT labs} RETURNING Account").unwrap();
        assert!(q.term.eval(&words("Acme Corporation")));
        assert!(!q.term.eval(&words("Acme Labs")));
        let q = p("FIND {(acme OR globex) labs} RETURNING Account").unwrap();
        assert!(q.term.eval(&words("Globex Labs")));
        assert!(p("FIND {(acme} RETURNING Account").is_err());
        let q = p("FIND {acme OR} RETURNING Account").unwrap();
        assert!(q.term.eval(&words("Acme")), "dangling operators are ignored");
        let q = p(r"FIND {O\'Brien} RETURNING Contact").unwrap();
        assert!(q.term.eval(&words("Seán O'Brien")));
    }
}
