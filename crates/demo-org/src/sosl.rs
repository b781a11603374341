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

use super::data::{OrgData, Scope, Table, Value};
use super::json::J;
use super::schema::{FieldDef, Kind, ObjType, RelDef};
use super::text;

/// Overall and default SOSL row limit (API v28.0+; API-NOTES §3 "LIMIT").
pub const MAX_LIMIT: usize = 2000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoslError {
    pub code: &'static str,
    pub message: String,
}

impl SoslError {
    fn new(code: &'static str, message: impl Into<String>) -> SoslError {
        SoslError {
            code,
            message: message.into(),
        }
    }
}

/// Options that come from the server state rather than the query.
#[derive(Debug, Default, Clone)]
pub struct ParseOptions {
    /// `Faults::set_unsearchable`: an sObject that the org refuses in RETURNING.
    pub unsearchable: Option<String>,
}

// ---------------------------------------------------------------- term model

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PChar {
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
    fn is_prefix(&self) -> bool {
        matches!(self.chars.split_last(), Some((PChar::Star, rest)) if rest.iter().all(|c| matches!(c, PChar::C(_))))
    }
    /// The index lookup of this pattern is exactly its match set.
    fn index_exact(&self) -> bool {
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
    fn matches(&self, word: &str) -> bool {
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

fn glob(p: &[PChar], w: &[char]) -> bool {
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
    fn eval(&self, words: &[Box<str>]) -> bool {
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
    fn candidates(&self, t: &Table, scope: Scope) -> Option<Vec<u32>> {
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
    fn positive_pats<'a>(&'a self, out: &mut Vec<&'a Pat>) {
        match self {
            Expr::And(xs) | Expr::Or(xs) => xs.iter().for_each(|x| x.positive_pats(out)),
            Expr::Not(_) => {}
            Expr::Word(p) => out.push(p),
            Expr::Phrase(ps) => out.extend(ps.iter()),
        }
    }
}

// ---------------------------------------------------------------- statement model

#[derive(Debug, Clone)]
pub struct FieldPath {
    pub rels: Vec<&'static RelDef>,
    pub field: &'static FieldDef,
}

impl FieldPath {
    fn same(&self, o: &FieldPath) -> bool {
        self.rels.len() == o.rels.len()
            && self.rels.iter().zip(&o.rels).all(|(a, b)| std::ptr::eq(*a, *b))
            && std::ptr::eq(self.field, o.field)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Lit {
    Str(String),
    Num(f64),
    Bool(bool),
    Null,
    Date(i64),
    DateTime(i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Like,
}

#[derive(Debug, Clone)]
enum Cond {
    And(Vec<Cond>),
    Or(Vec<Cond>),
    Not(Box<Cond>),
    Cmp(FieldPath, Op, Lit),
    In(FieldPath, Vec<Lit>, bool),
}

#[derive(Debug, Clone)]
struct OrderItem {
    path: FieldPath,
    desc: bool,
    nulls_last: bool,
}

#[derive(Debug, Clone)]
pub struct ObjSpec {
    pub obj: ObjType,
    pub fields: Vec<FieldPath>,
    where_: Option<Cond>,
    order_by: Vec<OrderItem>,
    pub limit: Option<usize>,
    offset: usize,
}

#[derive(Debug, Clone)]
pub struct Query {
    pub term: Expr,
    pub scope: Scope,
    pub returning: Vec<ObjSpec>,
    pub limit: Option<usize>,
}

// ---------------------------------------------------------------- lexer

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Num(String),
    Str(String),
    Sym(&'static str),
    /// `{…}`: char range of the term content.
    Term(usize, usize),
}

struct Lexer<'a> {
    src: &'a str,
    chars: Vec<char>,
    toks: Vec<(Tok, usize)>,
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
fn positioned(src: &str, chars: &[char], pos: usize, msg: &str) -> String {
    let (row, col) = row_col(chars, pos);
    format!(
        "\n{src}\n{}^\nERROR at Row:{row}:Column:{col}\n{msg}",
        " ".repeat(col.saturating_sub(1))
    )
}

impl<'a> Lexer<'a> {
    fn err(&self, code: &'static str, pos: usize, msg: &str) -> SoslError {
        SoslError::new(code, positioned(self.src, &self.chars, pos, msg))
    }

    fn lex(src: &'a str) -> Result<Lexer<'a>, SoslError> {
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
                i += 1;
                let mut v = String::new();
                loop {
                    match c.get(i) {
                        None => return Err(lx.err("MALFORMED_SEARCH", s, "unterminated string literal")),
                        Some('\\') => {
                            if let Some(n) = c.get(i + 1) {
                                v.push(*n);
                            }
                            i += 2;
                        }
                        Some('\'') => {
                            i += 1;
                            break;
                        }
                        Some(x) => {
                            v.push(*x);
                            i += 1;
                        }
                    }
                }
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

// ---------------------------------------------------------------- parser

struct Parser<'a> {
    lx: Lexer<'a>,
    i: usize,
    opts: &'a ParseOptions,
}

fn kw(t: &Tok, k: &str) -> bool {
    matches!(t, Tok::Ident(s) if s.eq_ignore_ascii_case(k))
}

fn tok_text(t: &Tok) -> String {
    match t {
        Tok::Ident(s) | Tok::Num(s) => s.clone(),
        Tok::Str(s) => format!("'{s}'"),
        Tok::Sym(s) => s.to_string(),
        Tok::Term(..) => "{".into(),
    }
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&Tok> {
        self.lx.toks.get(self.i).map(|t| &t.0)
    }
    fn pos(&self) -> usize {
        self.lx.toks.get(self.i).map(|t| t.1).unwrap_or(self.lx.chars.len())
    }
    fn next(&mut self) -> Option<Tok> {
        let t = self.lx.toks.get(self.i).map(|t| t.0.clone());
        self.i += 1;
        t
    }
    fn is_kw(&self, k: &str) -> bool {
        self.peek().is_some_and(|t| kw(t, k))
    }
    fn is_sym(&self, s: &str) -> bool {
        matches!(self.peek(), Some(Tok::Sym(x)) if *x == s)
    }
    fn unexpected(&self) -> SoslError {
        match self.peek() {
            Some(t) => self.lx.err(
                "MALFORMED_SEARCH",
                self.pos(),
                &format!("unexpected token: '{}'", tok_text(t)),
            ),
            None => self.lx.err("MALFORMED_SEARCH", self.pos(), "unexpected end of search"),
        }
    }
    fn expect_sym(&mut self, s: &str) -> Result<(), SoslError> {
        if self.is_sym(s) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }
    fn expect_kw(&mut self, k: &str) -> Result<(), SoslError> {
        if self.is_kw(k) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }
    fn int(&mut self) -> Result<usize, SoslError> {
        match self.peek() {
            Some(Tok::Num(n)) => match n.parse::<usize>() {
                Ok(v) => {
                    self.i += 1;
                    Ok(v)
                }
                Err(_) => Err(self.unexpected()),
            },
            _ => Err(self.unexpected()),
        }
    }

    fn query(&mut self) -> Result<Query, SoslError> {
        self.expect_kw("FIND")?;
        let (start, end, pos) = match self.lx.toks.get(self.i) {
            Some((Tok::Term(s, e), p)) => (*s, *e, *p),
            _ => return Err(self.unexpected()),
        };
        self.i += 1;
        let term = parse_term(&self.lx, start, end, pos)?;
        let mut scope = Scope::All;
        if self.is_kw("IN") {
            self.i += 1;
            let p = self.pos();
            scope = match self.next() {
                Some(Tok::Ident(s)) if s.eq_ignore_ascii_case("ALL") || s.eq_ignore_ascii_case("SIDEBAR") => Scope::All,
                Some(Tok::Ident(s)) if s.eq_ignore_ascii_case("NAME") => Scope::Name,
                Some(Tok::Ident(s)) if s.eq_ignore_ascii_case("EMAIL") => Scope::Email,
                Some(Tok::Ident(s)) if s.eq_ignore_ascii_case("PHONE") => Scope::Phone,
                // rest_error_malformed_search_400.json: "Malformed search token: TYPE" at the token.
                Some(t) => {
                    return Err(self.lx.err(
                        "MALFORMED_SEARCH",
                        p,
                        &format!("Malformed search token: {}", tok_text(&t)),
                    ))
                }
                None => return Err(self.lx.err("MALFORMED_SEARCH", p, "unexpected end of search")),
            };
            if self.is_kw("FIELDS") {
                self.i += 1;
            } else {
                // rest_error_malformed_search_400.json: "IN ALL TYPE" → "Malformed search token: TYPE".
                let p = self.pos();
                let t = self.peek().map(tok_text).unwrap_or_default();
                return Err(self
                    .lx
                    .err("MALFORMED_SEARCH", p, &format!("Malformed search token: {t}")));
            }
        }
        let mut returning = Vec::new();
        if self.is_kw("RETURNING") {
            self.i += 1;
            loop {
                returning.push(self.obj_spec()?);
                if self.is_sym(",") {
                    self.i += 1;
                } else {
                    break;
                }
            }
        } else {
            // Without RETURNING Salesforce searches every searchable object and returns Ids; files,
            // reports and dashboards must be named explicitly (API-NOTES §3), so they are left out.
            for obj in [
                ObjType::Account,
                ObjType::Contact,
                ObjType::Lead,
                ObjType::Opportunity,
                ObjType::Case,
            ] {
                returning.push(ObjSpec {
                    obj,
                    fields: vec![id_path(obj)],
                    where_: None,
                    order_by: vec![],
                    limit: None,
                    offset: 0,
                });
            }
        }
        let mut limit = None;
        if self.is_kw("LIMIT") {
            self.i += 1;
            // The overall maximum is 2000 (API-NOTES §3); larger values are clamped.
            limit = Some(self.int()?.min(MAX_LIMIT));
        }
        if self.is_kw("UPDATE") {
            self.i += 1;
            if self.is_kw("TRACKING") || self.is_kw("VIEWSTAT") {
                self.i += 1;
            } else {
                return Err(self.unexpected());
            }
        }
        if self.peek().is_some() {
            return Err(self.unexpected());
        }
        Ok(Query {
            term,
            scope,
            returning,
            limit,
        })
    }

    fn obj_spec(&mut self) -> Result<ObjSpec, SoslError> {
        let p = self.pos();
        let name = match self.next() {
            Some(Tok::Ident(s)) => s,
            _ => {
                self.i -= 1;
                return Err(self.unexpected());
            }
        };
        if let Some(u) = &self.opts.unsearchable {
            if u.eq_ignore_ascii_case(&name) {
                return Err(SoslError::new(
                    "INVALID_TYPE",
                    format!("sObject type '{name}' is not supported."),
                ));
            }
        }
        let obj = match ObjType::from_api_name(&name).filter(|o| *o != ObjType::User) {
            Some(o) => o,
            None => {
                return Err(self.lx.err(
                    "INVALID_TYPE",
                    p,
                    &format!("sObject type '{name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names."),
                ))
            }
        };
        let mut spec = ObjSpec {
            obj,
            fields: vec![id_path(obj)],
            where_: None,
            order_by: vec![],
            limit: None,
            offset: 0,
        };
        if !self.is_sym("(") {
            return Ok(spec);
        }
        self.i += 1;
        spec.fields.clear();
        loop {
            let fp = self.field_path(obj)?;
            if !spec.fields.iter().any(|f| f.same(&fp)) {
                spec.fields.push(fp);
            }
            if self.is_sym(",") {
                self.i += 1;
            } else {
                break;
            }
        }
        if self.is_kw("WHERE") {
            self.i += 1;
            spec.where_ = Some(self.cond_or(obj)?);
        }
        if self.is_kw("ORDER") {
            self.i += 1;
            self.expect_kw("BY")?;
            loop {
                let path = self.field_path(obj)?;
                let mut item = OrderItem {
                    path,
                    desc: false,
                    nulls_last: false,
                };
                if self.is_kw("ASC") {
                    self.i += 1;
                } else if self.is_kw("DESC") {
                    self.i += 1;
                    item.desc = true;
                    item.nulls_last = true;
                }
                if self.is_kw("NULLS") {
                    self.i += 1;
                    if self.is_kw("FIRST") {
                        item.nulls_last = false;
                    } else if self.is_kw("LAST") {
                        item.nulls_last = true;
                    } else {
                        return Err(self.unexpected());
                    }
                    self.i += 1;
                }
                spec.order_by.push(item);
                if self.is_sym(",") {
                    self.i += 1;
                } else {
                    break;
                }
            }
        }
        if self.is_kw("LIMIT") {
            self.i += 1;
            spec.limit = Some(self.int()?.min(MAX_LIMIT));
        }
        if self.is_kw("OFFSET") {
            self.i += 1;
            spec.offset = self.int()?;
        }
        self.expect_sym(")")?;
        Ok(spec)
    }

    fn field_path(&mut self, obj: ObjType) -> Result<FieldPath, SoslError> {
        let start = self.pos();
        let mut segs = Vec::new();
        loop {
            match self.next() {
                Some(Tok::Ident(s)) => segs.push(s),
                _ => {
                    self.i -= 1;
                    return Err(self.unexpected());
                }
            }
            if self.is_sym(".") {
                self.i += 1;
            } else {
                break;
            }
        }
        let mut cur = obj;
        let mut rels = Vec::new();
        for s in &segs[..segs.len() - 1] {
            match cur.relationship(s) {
                Some(r) => {
                    rels.push(r);
                    cur = r.target;
                }
                None => {
                    return Err(self.lx.err(
                        "INVALID_FIELD",
                        start,
                        &format!("Didn't understand relationship '{s}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names."),
                    ))
                }
            }
        }
        let last = &segs[segs.len() - 1];
        match cur.field_index(last) {
            Some(i) => Ok(FieldPath { rels, field: &cur.fields()[i] }),
            None => Err(self.lx.err(
                "INVALID_FIELD",
                start,
                &format!("No such column '{last}' on entity '{}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.", cur.api_name()),
            )),
        }
    }

    fn cond_or(&mut self, obj: ObjType) -> Result<Cond, SoslError> {
        let mut xs = vec![self.cond_and(obj)?];
        while self.is_kw("OR") {
            self.i += 1;
            xs.push(self.cond_and(obj)?);
        }
        Ok(if xs.len() == 1 { xs.remove(0) } else { Cond::Or(xs) })
    }

    fn cond_and(&mut self, obj: ObjType) -> Result<Cond, SoslError> {
        let mut xs = vec![self.cond_not(obj)?];
        while self.is_kw("AND") {
            self.i += 1;
            xs.push(self.cond_not(obj)?);
        }
        Ok(if xs.len() == 1 { xs.remove(0) } else { Cond::And(xs) })
    }

    fn cond_not(&mut self, obj: ObjType) -> Result<Cond, SoslError> {
        if self.is_kw("NOT") {
            self.i += 1;
            return Ok(Cond::Not(Box::new(self.cond_not(obj)?)));
        }
        if self.is_sym("(") {
            self.i += 1;
            let c = self.cond_or(obj)?;
            self.expect_sym(")")?;
            return Ok(c);
        }
        let path = self.field_path(obj)?;
        let negated_in = if self.is_kw("NOT") {
            self.i += 1;
            if !self.is_kw("IN") {
                return Err(self.unexpected());
            }
            true
        } else {
            false
        };
        if self.is_kw("IN") {
            self.i += 1;
            self.expect_sym("(")?;
            let mut lits = Vec::new();
            loop {
                lits.push(self.literal(&path)?);
                if self.is_sym(",") {
                    self.i += 1;
                } else {
                    break;
                }
            }
            self.expect_sym(")")?;
            return Ok(Cond::In(path, lits, negated_in));
        }
        let op = match self.peek() {
            Some(Tok::Sym("=")) => Op::Eq,
            Some(Tok::Sym("!=")) => Op::Ne,
            Some(Tok::Sym("<")) => Op::Lt,
            Some(Tok::Sym("<=")) => Op::Le,
            Some(Tok::Sym(">")) => Op::Gt,
            Some(Tok::Sym(">=")) => Op::Ge,
            Some(t) if kw(t, "LIKE") => Op::Like,
            _ => return Err(self.unexpected()),
        };
        self.i += 1;
        let lit = self.literal(&path)?;
        Ok(Cond::Cmp(path, op, lit))
    }

    /// A literal, type-checked against the field like Salesforce does.
    fn literal(&mut self, path: &FieldPath) -> Result<Lit, SoslError> {
        let p = self.pos();
        let t = self.next().ok_or_else(|| self.unexpected())?;
        let lit = match &t {
            Tok::Str(s) => Lit::Str(s.clone()),
            Tok::Ident(s) if s.eq_ignore_ascii_case("true") => Lit::Bool(true),
            Tok::Ident(s) if s.eq_ignore_ascii_case("false") => Lit::Bool(false),
            Tok::Ident(s) if s.eq_ignore_ascii_case("null") => Lit::Null,
            Tok::Num(n) => {
                if let Ok(v) = n.parse::<f64>() {
                    Lit::Num(v)
                } else if let Some(d) = text::parse_date(n).filter(|_| n.len() == 10) {
                    Lit::Date(d)
                } else if let Some(d) = text::parse_date(n) {
                    let t = n.get(11..19).unwrap_or("00:00:00");
                    let hms: Vec<i64> = t.split(':').filter_map(|x| x.parse().ok()).collect();
                    Lit::DateTime(
                        d * 86_400
                            + hms.first().unwrap_or(&0) * 3600
                            + hms.get(1).unwrap_or(&0) * 60
                            + hms.get(2).unwrap_or(&0),
                    )
                } else {
                    self.i -= 1;
                    return Err(self.unexpected());
                }
            }
            _ => {
                self.i -= 1;
                return Err(self.unexpected());
            }
        };
        let f = path.field;
        let ok = match (&lit, f.kind) {
            (Lit::Null, _) => true,
            (Lit::Bool(_), Kind::Bool) => true,
            (Lit::Num(_), Kind::Currency | Kind::Percent | Kind::Int) => true,
            (Lit::Date(_), Kind::Date | Kind::DateTime) => true,
            (Lit::DateTime(_), Kind::DateTime) => true,
            (Lit::Str(_), k) => !matches!(
                k,
                Kind::Bool | Kind::Currency | Kind::Percent | Kind::Int | Kind::Date | Kind::DateTime
            ),
            _ => false,
        };
        if !ok {
            let ty = match f.kind {
                Kind::Bool => "boolean and should not be enclosed in quotes",
                Kind::Currency | Kind::Percent | Kind::Int => "number and should not be enclosed in quotes",
                Kind::Date => "date and should not be enclosed in quotes",
                Kind::DateTime => "dateTime and should not be enclosed in quotes",
                _ => "string and should be enclosed in quotes",
            };
            return Err(self.lx.err(
                "INVALID_FIELD",
                p,
                &format!("value of filter criterion for field '{}' must be of type {ty}", f.name),
            ));
        }
        Ok(lit)
    }
}

fn id_path(obj: ObjType) -> FieldPath {
    FieldPath {
        rels: vec![],
        field: &obj.fields()[0],
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
fn parse_term(lx: &Lexer, start: usize, end: usize, brace_pos: usize) -> Result<Expr, SoslError> {
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

/// Parses a SOSL statement.
pub fn parse(sosl: &str, opts: &ParseOptions) -> Result<Query, SoslError> {
    let lx = Lexer::lex(sosl)?;
    let mut p = Parser { lx, i: 0, opts };
    p.query()
}

// ---------------------------------------------------------------- evaluation

fn resolve<'d>(data: &'d OrgData, obj: ObjType, rec: usize, path: &FieldPath) -> Option<(&'d Value, ObjType, usize)> {
    let mut cur = obj;
    let mut r = rec;
    for rel in &path.rels {
        let t = data.table(cur);
        let id = t.value(r, rel.id_field).as_str()?;
        r = data.table(rel.target).index_of(id)?;
        cur = rel.target;
    }
    let t = data.table(cur);
    Some((t.value(r, path.field.name), cur, r))
}

fn cmp_lit(v: &Value, lit: &Lit) -> Option<std::cmp::Ordering> {
    match (v, lit) {
        (Value::Str(a), Lit::Str(b)) => Some(text::fold(a).cmp(&text::fold(b))),
        (Value::Bool(a), Lit::Bool(b)) => Some(a.cmp(b)),
        (Value::Num(a), Lit::Num(b)) => a.partial_cmp(b),
        (Value::Int(a), Lit::Num(b)) => (*a as f64).partial_cmp(b),
        (Value::Date(a), Lit::Date(b)) => Some(a.cmp(b)),
        (Value::DateTime(a), Lit::DateTime(b)) => Some(a.cmp(b)),
        (Value::DateTime(a), Lit::Date(b)) => Some(a.div_euclid(86_400).cmp(b)),
        _ => None,
    }
}

fn like(v: &str, pattern: &str) -> bool {
    let p: Vec<PChar> = text::fold(pattern)
        .chars()
        .map(|c| match c {
            '%' => PChar::Star,
            '_' => PChar::One,
            c => PChar::C(c),
        })
        .collect();
    glob(&p, &text::fold(v).chars().collect::<Vec<_>>())
}

fn eval_cond(data: &OrgData, obj: ObjType, rec: usize, c: &Cond) -> bool {
    use std::cmp::Ordering::*;
    match c {
        Cond::And(xs) => xs.iter().all(|x| eval_cond(data, obj, rec, x)),
        Cond::Or(xs) => xs.iter().any(|x| eval_cond(data, obj, rec, x)),
        Cond::Not(x) => !eval_cond(data, obj, rec, x),
        Cond::In(path, lits, neg) => {
            let v = resolve(data, obj, rec, path).map(|x| x.0).unwrap_or(&Value::Null);
            let hit = lits.iter().any(|l| {
                if *l == Lit::Null {
                    v.is_null()
                } else {
                    cmp_lit(v, l) == Some(Equal)
                }
            });
            hit != *neg
        }
        Cond::Cmp(path, op, lit) => {
            let v = resolve(data, obj, rec, path).map(|x| x.0).unwrap_or(&Value::Null);
            if *lit == Lit::Null {
                return match op {
                    Op::Eq => v.is_null(),
                    Op::Ne => !v.is_null(),
                    _ => false,
                };
            }
            if let (Op::Like, Value::Str(s), Lit::Str(p)) = (op, v, lit) {
                return like(s, p);
            }
            match (op, cmp_lit(v, lit)) {
                (Op::Ne, None) => !v.is_null(),
                (_, None) => false,
                (Op::Eq, Some(o)) => o == Equal,
                (Op::Ne, Some(o)) => o != Equal,
                (Op::Lt, Some(o)) => o == Less,
                (Op::Le, Some(o)) => o != Greater,
                (Op::Gt, Some(o)) => o == Greater,
                (Op::Ge, Some(o)) => o != Less,
                (Op::Like, Some(o)) => o == Equal,
            }
        }
    }
}

fn sort_key_cmp(a: &Value, b: &Value) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => text::fold(x).cmp(&text::fold(y)),
        (Value::Num(x), Value::Num(y)) => x.partial_cmp(y).unwrap_or(Equal),
        (Value::Int(x), Value::Int(y)) => x.cmp(y),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Date(x), Value::Date(y)) | (Value::DateTime(x), Value::DateTime(y)) => x.cmp(y),
        _ => Equal,
    }
}

/// Matching records of one RETURNING object, ranked (or ORDER BY), offset applied.
fn matches_for(q: &Query, spec: &ObjSpec, data: &OrgData) -> Vec<usize> {
    let t = data.table(spec.obj);
    let cands = q.term.candidates(t, q.scope);
    // A single plain or prefix word: the index answer is exact, no need to re-check the words.
    let exact = cands.is_some() && matches!(&q.term, Expr::Word(p) if p.index_exact());
    let mut cands: Vec<u32> = cands.unwrap_or_else(|| (0..t.records.len() as u32).collect());
    cands.sort_unstable();
    cands.dedup();
    let mut hits: Vec<usize> = cands
        .into_iter()
        .map(|i| i as usize)
        .filter(|&i| exact || q.term.eval(&t.words(q.scope, i)))
        .filter(|&i| spec.where_.as_ref().map_or(true, |c| eval_cond(data, spec.obj, i, c)))
        .collect();
    if spec.order_by.is_empty() {
        // Ranking within an object: exact name match, then name prefix, then the rest (stable).
        let mut pats = Vec::new();
        q.term.positive_pats(&mut pats);
        hits.sort_by_cached_key(|&i| {
            let nw = &t.name_words[i];
            let prefix = nw.len() >= pats.len() && pats.iter().zip(nw.iter()).all(|(p, w)| p.matches(w));
            if prefix && nw.len() == pats.len() {
                0
            } else if prefix {
                1
            } else {
                2
            }
        });
    } else {
        hits.sort_by(|&a, &b| {
            for o in &spec.order_by {
                let va = resolve(data, spec.obj, a, &o.path).map(|x| x.0).unwrap_or(&Value::Null);
                let vb = resolve(data, spec.obj, b, &o.path).map(|x| x.0).unwrap_or(&Value::Null);
                let ord = match (va.is_null(), vb.is_null()) {
                    (true, true) => std::cmp::Ordering::Equal,
                    (true, false) => {
                        if o.nulls_last {
                            std::cmp::Ordering::Greater
                        } else {
                            std::cmp::Ordering::Less
                        }
                    }
                    (false, true) => {
                        if o.nulls_last {
                            std::cmp::Ordering::Less
                        } else {
                            std::cmp::Ordering::Greater
                        }
                    }
                    _ => {
                        let c = sort_key_cmp(va, vb);
                        if o.desc {
                            c.reverse()
                        } else {
                            c
                        }
                    }
                };
                if ord != std::cmp::Ordering::Equal {
                    return ord;
                }
            }
            std::cmp::Ordering::Equal
        });
    }
    hits.drain(..spec.offset.min(hits.len()));
    hits
}

/// Per-object limits are applied in query order and reduce the remaining overall limit; the rest
/// of the overall limit is spread evenly over objects without their own LIMIT (API-NOTES §3).
fn allocate(q: &Query, found: &[Vec<usize>]) -> Vec<usize> {
    let mut remaining = q.limit.unwrap_or(MAX_LIMIT);
    let mut take = vec![0usize; found.len()];
    for (k, spec) in q.returning.iter().enumerate() {
        if let Some(l) = spec.limit {
            take[k] = l.min(found[k].len()).min(remaining);
            remaining -= take[k];
        }
    }
    let mut open: Vec<usize> = (0..found.len()).filter(|k| q.returning[*k].limit.is_none()).collect();
    // Objects with fewer hits than their share give the rest back to the others.
    open.sort_by_key(|k| found[*k].len());
    let mut left = open.len();
    for k in open {
        let share = remaining.div_ceil(left.max(1));
        take[k] = found[k].len().min(share);
        remaining -= take[k];
        left -= 1;
    }
    take
}

/// JSON of one field value as the REST API writes it.
pub fn value_json(v: &Value) -> J {
    match v {
        Value::Null => J::Null,
        Value::Str(s) => J::Str(s.clone()),
        Value::Bool(b) => J::Bool(*b),
        Value::Num(n) => J::Num(*n),
        Value::Int(i) => J::Int(*i),
        Value::Date(d) => J::Str(text::iso_date(*d)),
        Value::DateTime(s) => J::Str(text::iso_datetime(*s)),
    }
}

pub fn attributes(obj: ObjType, id: &str, version: &str) -> J {
    J::obj([
        ("type", J::s(obj.api_name())),
        (
            "url",
            J::Str(format!("/services/data/v{version}/sobjects/{}/{id}", obj.api_name())),
        ),
    ])
}

/// A record with the requested field paths, relationship fields nested like Salesforce
/// (`"Account":{"attributes":{…},"Name":"…"}` or `"Account":null`).
pub fn record_json(
    data: &OrgData,
    obj: ObjType,
    rec: usize,
    paths: &[(Vec<&'static RelDef>, &'static FieldDef)],
    version: &str,
) -> J {
    let t = data.table(obj);
    let mut out = vec![("attributes".to_string(), attributes(obj, &t.records[rec].id, version))];
    out.extend(fields_json(data, obj, rec, paths, version));
    J::Obj(out)
}

fn fields_json(
    data: &OrgData,
    obj: ObjType,
    rec: usize,
    paths: &[(Vec<&'static RelDef>, &'static FieldDef)],
    version: &str,
) -> Vec<(String, J)> {
    let t = data.table(obj);
    let mut out: Vec<(String, J)> = Vec::new();
    for (k, (rels, field)) in paths.iter().enumerate() {
        match rels.first() {
            None => out.push((field.name.to_string(), value_json(t.value(rec, field.name)))),
            Some(rel) => {
                if paths[..k]
                    .iter()
                    .any(|(r, _)| r.first().is_some_and(|r0| std::ptr::eq(*r0, *rel)))
                {
                    continue;
                }
                let sub: Vec<(Vec<&'static RelDef>, &'static FieldDef)> = paths[k..]
                    .iter()
                    .filter(|(r, _)| r.first().is_some_and(|r0| std::ptr::eq(*r0, *rel)))
                    .map(|(r, f)| (r[1..].to_vec(), *f))
                    .collect();
                let target = t
                    .value(rec, rel.id_field)
                    .as_str()
                    .and_then(|id| data.table(rel.target).index_of(id));
                let v = match target {
                    None => J::Null,
                    Some(ti) => {
                        let tid = &data.table(rel.target).records[ti].id;
                        let mut o = vec![("attributes".to_string(), attributes(rel.target, tid, version))];
                        o.extend(fields_json(data, rel.target, ti, &sub, version));
                        J::Obj(o)
                    }
                };
                out.push((rel.name.to_string(), v));
            }
        }
    }
    out
}

/// Runs a parsed query: the `searchRecords` array (flat, in RETURNING order).
pub fn execute(q: &Query, data: &OrgData, version: &str) -> Vec<J> {
    let found: Vec<Vec<usize>> = q.returning.iter().map(|s| matches_for(q, s, data)).collect();
    let take = allocate(q, &found);
    let mut out = Vec::new();
    for (k, spec) in q.returning.iter().enumerate() {
        let paths: Vec<_> = spec.fields.iter().map(|f| (f.rels.clone(), f.field)).collect();
        for &i in &found[k][..take[k]] {
            out.push(record_json(data, spec.obj, i, &paths, version));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<Query, SoslError> {
        parse(s, &ParseOptions::default())
    }

    fn words(s: &str) -> Vec<Box<str>> {
        let mut v = Vec::new();
        text::words(s, &mut v);
        v
    }

    #[test]
    fn parses_the_app_query() {
        let q = p("FIND {acme*} IN ALL FIELDS RETURNING Lead(Id, Name, Company, Status LIMIT 5), Account(Id, Name, Type LIMIT 5), Contact(Id, Name, Account.Name LIMIT 5), Opportunity(Id, Name, StageName LIMIT 5), Case(Id, CaseNumber, Subject, Status LIMIT 5), ContentVersion(Id, Title, FileType, ContentDocumentId WHERE IsLatest = true LIMIT 5), Report(Id, Name, FolderName LIMIT 5), Dashboard(Id, Title, FolderName LIMIT 5) LIMIT 40").unwrap();
        assert_eq!(q.returning.len(), 8);
        assert_eq!(q.limit, Some(40));
        assert_eq!(q.returning[2].fields[2].rels[0].name, "Account");
        assert_eq!(q.returning[2].fields[2].field.name, "Name");
        assert!(q.returning[5].where_.is_some());
        assert_eq!(q.returning[0].limit, Some(5));
    }

    #[test]
    fn keywords_are_case_insensitive_and_fields_canonical() {
        let q = p("find {Acme} in name fields returning account(name, TYPE limit 3) limit 10").unwrap();
        assert_eq!(q.scope, Scope::Name);
        assert_eq!(q.returning[0].fields[1].field.name, "Type");
    }

    #[test]
    fn malformed_in_clause_matches_salesforce_text() {
        let e = p("FIND {name} IN ALL TYPE RETURNING Account(name)").unwrap_err();
        assert_eq!(e.code, "MALFORMED_SEARCH");
        assert_eq!(e.message, "\nFIND {name} IN ALL TYPE RETURNING Account(name)\n                  ^\nERROR at Row:1:Column:19\nMalformed search token: TYPE");
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

    #[test]
    fn unknown_objects_and_fields() {
        let e = p("FIND {acme} RETURNING Foo(Id)").unwrap_err();
        assert_eq!(e.code, "INVALID_TYPE");
        assert!(e.message.contains("sObject type 'Foo' is not supported."));
        let e = p("FIND {acme} RETURNING Account(Id, Bogus)").unwrap_err();
        assert_eq!(e.code, "INVALID_FIELD");
        assert!(e.message.contains("No such column 'Bogus' on entity 'Account'"));
        let e = p("FIND {acme} RETURNING Contact(Id, Acct.Name)").unwrap_err();
        assert_eq!(e.code, "INVALID_FIELD");
        let e = p("FIND {acme} RETURNING ContentVersion(Id WHERE IsLatest = 'true')").unwrap_err();
        assert_eq!(e.code, "INVALID_FIELD");
        let opts = ParseOptions {
            unsearchable: Some("Report".into()),
        };
        let e = parse("FIND {acme} RETURNING Account, Report(Name)", &opts).unwrap_err();
        assert_eq!(
            e,
            SoslError::new("INVALID_TYPE", "sObject type 'Report' is not supported.")
        );
    }

    #[test]
    fn syntax_errors() {
        for bad in [
            "SEARCH {acme}",
            "FIND acme",
            "FIND {acme",
            "FIND {acme} RETURNING",
            "FIND {acme} RETURNING Account(",
            "FIND {acme} RETURNING Account() ",
            "FIND {acme} LIMIT x",
            "FIND {acme} RETURNING Account garbage",
        ] {
            let e = p(bad).unwrap_err();
            assert_eq!(e.code, "MALFORMED_SEARCH", "{bad}");
        }
    }

    #[test]
    fn where_order_limit_offset() {
        let q = p("FIND {acme} RETURNING Opportunity(Name WHERE Amount > 1000 AND (StageName = 'Closed Won' OR IsClosed = false) ORDER BY CloseDate DESC NULLS LAST LIMIT 3 OFFSET 1)").unwrap();
        let s = &q.returning[0];
        assert_eq!(s.limit, Some(3));
        assert_eq!(s.offset, 1);
        assert!(s.order_by[0].desc);
        assert!(
            p("FIND {acme} RETURNING Account(Name WHERE Type IN ('Prospect', 'Other') AND Name LIKE 'Acme%')").is_ok()
        );
        assert!(p("FIND {acme} RETURNING Opportunity(Name WHERE CloseDate > 2026-01-01)").is_ok());
    }

    #[test]
    fn limit_allocation() {
        let q = p("FIND {acme} RETURNING Account, Contact, Lead LIMIT 10").unwrap();
        assert_eq!(allocate(&q, &[vec![0; 100], vec![0; 2], vec![0; 100]]), vec![4, 2, 4]);
        let q = p("FIND {acme} RETURNING Account(Id LIMIT 7), Contact, Lead LIMIT 10").unwrap();
        assert_eq!(allocate(&q, &[vec![0; 100], vec![0; 100], vec![0; 100]]), vec![7, 2, 1]);
        let q = p("FIND {acme} RETURNING Account(Id LIMIT 0)").unwrap();
        assert_eq!(allocate(&q, &[vec![0; 100]]), vec![0]);
    }
}
