//! Reading a SOQL statement of the subset `soql` answers — `SELECT f, … FROM T [WHERE c AND
//! …] [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST], …] [LIMIT n] [OFFSET n]`, conditions
//! `f = v`, `f != v`, `f [NOT] IN (v, …)` over string, boolean and null literals — and SOQL's
//! positioned errors.
//!
//! SOQL errors echo the query above the sentence, a caret under the offending token and
//! "ERROR at Row:R:Column:C" with C its 1-based column: "\nSELECT Naem FROM Account\n       ^\n
//! ERROR at Row:1:Column:8\nNo such column 'Naem' …" (the shape of forcedotcom/soql-tooling #86,
//! "Select Id, Status, Location, Body from ApexLog … ERROR at Row:1:Column:30"). A long query is
//! not echoed whole but as a window around the column: "\n NamespacePrefix, Status FROM
//! PermissionSetGroup\n" + 30 spaces + "^\nERROR at Row:1:Column:69" for an 86-character query
//! (SalesforceLabs/OrgCheck #111); the other windows we found (forcedotcom/SalesforceMobileSDK-
//! Android #1113, Column:105; mulesoft-assets/template-sfdc2sfdc-account-migration README.md,
//! Column:486) fit the same rule: 30 characters each side of the column, widened to whole words.

use super::SoqlError;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Word(String),
    Str(String),
    Num(String),
    Sym(&'static str),
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Lit {
    Str(String),
    Bool(bool),
    Null,
}

/// A name as written, with its position (char index) for errors.
#[derive(Debug, Clone)]
pub(super) struct Name {
    pub(super) text: String,
    pub(super) pos: usize,
}

#[derive(Debug, Clone)]
pub(super) struct Cond {
    pub(super) field: Name,
    /// `=` / `!=` compare with one literal; `IN` / `NOT IN` with several.
    pub(super) negated: bool,
    pub(super) values: Vec<(Lit, usize)>,
}

#[derive(Debug, Clone)]
pub(super) struct Order {
    pub(super) field: Name,
    pub(super) desc: bool,
    pub(super) nulls_last: bool,
}

#[derive(Debug, Clone)]
pub(super) struct Statement {
    pub(super) select: Vec<Name>,
    pub(super) from: Name,
    pub(super) conds: Vec<Cond>,
    pub(super) order: Vec<Order>,
    pub(super) limit: Option<usize>,
    pub(super) offset: usize,
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

/// "\n<window>\n<spaces>^\nERROR at Row:R:Column:C\n<msg>", C 1-based, the caret under `pos`.
pub(super) fn positioned(chars: &[char], pos: usize, msg: &str) -> String {
    let pos = pos.min(chars.len());
    let line_start = chars[..pos].iter().rposition(|c| *c == '\n').map_or(0, |i| i + 1);
    let line_end = chars[pos..]
        .iter()
        .position(|c| *c == '\n')
        .map_or(chars.len(), |i| pos + i);
    let row = chars[..line_start].iter().filter(|c| **c == '\n').count() + 1;
    let mut start = pos.saturating_sub(30).max(line_start);
    while start > line_start && word_char(chars[start - 1]) {
        start -= 1;
    }
    let mut end = (pos + 30).min(line_end);
    while end < line_end && word_char(chars[end]) {
        end += 1;
    }
    let window: String = chars[start..end].iter().collect();
    format!(
        "\n{window}\n{}^\nERROR at Row:{row}:Column:{}\n{msg}",
        " ".repeat(pos - start),
        pos - line_start + 1
    )
}

pub(super) struct Parser {
    chars: Vec<char>,
    toks: Vec<(Tok, usize)>,
    i: usize,
}

impl Parser {
    pub(super) fn err(&self, code: &'static str, pos: usize, msg: &str) -> SoqlError {
        SoqlError {
            code,
            message: positioned(&self.chars, pos, msg),
        }
    }

    pub(super) fn new(src: &str) -> Result<Parser, SoqlError> {
        let chars: Vec<char> = src.chars().collect();
        let mut p = Parser {
            chars,
            toks: Vec::new(),
            i: 0,
        };
        let c = p.chars.clone();
        let mut i = 0;
        while i < c.len() {
            let ch = c[i];
            let s = i;
            if ch.is_whitespace() {
                i += 1;
                continue;
            }
            let tok = if ch.is_alphabetic() || ch == '_' {
                while i < c.len() && word_char(c[i]) {
                    i += 1;
                }
                Tok::Word(c[s..i].iter().collect())
            } else if ch.is_ascii_digit() {
                while i < c.len() && c[i].is_ascii_digit() {
                    i += 1;
                }
                Tok::Num(c[s..i].iter().collect())
            } else if ch == '\'' {
                // [unverified wording]
                let (v, next) = crate::text::quoted_literal(&c, s)
                    .ok_or_else(|| p.err("MALFORMED_QUERY", s, "unterminated string literal"))?;
                i = next;
                Tok::Str(v)
            } else {
                let two: String = c[i..(i + 2).min(c.len())].iter().collect();
                let (sym, len) = match two.as_str() {
                    "!=" | "<>" => ("!=", 2),
                    _ => match ch {
                        ',' => (",", 1),
                        '(' => ("(", 1),
                        ')' => (")", 1),
                        '=' => ("=", 1),
                        _ => return Err(p.err("MALFORMED_QUERY", s, &format!("unexpected token: '{ch}'"))),
                    },
                };
                i += len;
                Tok::Sym(sym)
            };
            p.toks.push((tok, s));
        }
        Ok(p)
    }

    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.i).map(|t| &t.0)
    }
    fn pos(&self) -> usize {
        self.toks.get(self.i).map_or(self.chars.len(), |t| t.1)
    }
    fn is_kw(&self, k: &str) -> bool {
        matches!(self.peek(), Some(Tok::Word(w)) if w.eq_ignore_ascii_case(k))
    }
    fn is_sym(&self, s: &str) -> bool {
        matches!(self.peek(), Some(Tok::Sym(x)) if *x == s)
    }
    /// "unexpected token: 'X'" at the token, "'<EOF>'" at the end [unverified wording; the shape
    /// of a MALFORMED_QUERY seen in public client tests: "ERROR at Row:1:Column:29\nunexpected
    /// token: '<EOF>'"].
    fn unexpected(&self) -> SoqlError {
        let what = match self.peek() {
            None => "<EOF>".to_string(),
            Some(Tok::Word(w) | Tok::Num(w)) => w.clone(),
            Some(Tok::Str(s)) => format!("'{s}'"),
            Some(Tok::Sym(s)) => s.to_string(),
        };
        self.err("MALFORMED_QUERY", self.pos(), &format!("unexpected token: '{what}'"))
    }
    fn expect_kw(&mut self, k: &str) -> Result<(), SoqlError> {
        if self.is_kw(k) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }
    fn expect_sym(&mut self, s: &str) -> Result<(), SoqlError> {
        if self.is_sym(s) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }
    fn name(&mut self) -> Result<Name, SoqlError> {
        match self.toks.get(self.i) {
            Some((Tok::Word(w), p)) if !is_keyword(w) => {
                let n = Name {
                    text: w.clone(),
                    pos: *p,
                };
                self.i += 1;
                Ok(n)
            }
            _ => Err(self.unexpected()),
        }
    }
    fn int(&mut self) -> Result<usize, SoqlError> {
        match self.peek() {
            Some(Tok::Num(n)) => {
                let v = n.parse().map_err(|_| self.unexpected())?;
                self.i += 1;
                Ok(v)
            }
            _ => Err(self.unexpected()),
        }
    }
    fn literal(&mut self) -> Result<(Lit, usize), SoqlError> {
        let pos = self.pos();
        let lit = match self.peek() {
            Some(Tok::Str(s)) => Lit::Str(s.clone()),
            Some(Tok::Word(w)) if w.eq_ignore_ascii_case("true") => Lit::Bool(true),
            Some(Tok::Word(w)) if w.eq_ignore_ascii_case("false") => Lit::Bool(false),
            Some(Tok::Word(w)) if w.eq_ignore_ascii_case("null") => Lit::Null,
            _ => return Err(self.unexpected()),
        };
        self.i += 1;
        Ok((lit, pos))
    }

    fn cond(&mut self) -> Result<Cond, SoqlError> {
        let field = self.name()?;
        if self.is_sym("=") || self.is_sym("!=") {
            let negated = self.is_sym("!=");
            self.i += 1;
            let v = self.literal()?;
            return Ok(Cond {
                field,
                negated,
                values: vec![v],
            });
        }
        let negated = self.is_kw("NOT");
        if negated {
            self.i += 1;
        }
        self.expect_kw("IN")?;
        self.expect_sym("(")?;
        let mut values = vec![self.literal()?];
        while self.is_sym(",") {
            self.i += 1;
            values.push(self.literal()?);
        }
        self.expect_sym(")")?;
        Ok(Cond { field, negated, values })
    }

    pub(super) fn statement(&mut self) -> Result<Statement, SoqlError> {
        self.expect_kw("SELECT")?;
        let mut select = vec![self.name()?];
        while self.is_sym(",") {
            self.i += 1;
            select.push(self.name()?);
        }
        self.expect_kw("FROM")?;
        let from = self.name()?;
        let mut conds = Vec::new();
        if self.is_kw("WHERE") {
            self.i += 1;
            conds.push(self.cond()?);
            while self.is_kw("AND") {
                self.i += 1;
                conds.push(self.cond()?);
            }
        }
        let mut order = Vec::new();
        if self.is_kw("ORDER") {
            self.i += 1;
            self.expect_kw("BY")?;
            loop {
                let field = self.name()?;
                let desc = self.is_kw("DESC");
                if desc || self.is_kw("ASC") {
                    self.i += 1;
                }
                // SOQL's default: ascending puts nulls first, descending last.
                let mut nulls_last = desc;
                if self.is_kw("NULLS") {
                    self.i += 1;
                    nulls_last = self.is_kw("LAST");
                    if !nulls_last && !self.is_kw("FIRST") {
                        return Err(self.unexpected());
                    }
                    self.i += 1;
                }
                order.push(Order {
                    field,
                    desc,
                    nulls_last,
                });
                if !self.is_sym(",") {
                    break;
                }
                self.i += 1;
            }
        }
        let mut limit = None;
        if self.is_kw("LIMIT") {
            self.i += 1;
            limit = Some(self.int()?);
        }
        let mut offset = 0;
        if self.is_kw("OFFSET") {
            self.i += 1;
            offset = self.int()?;
        }
        if self.peek().is_some() {
            return Err(self.unexpected());
        }
        Ok(Statement {
            select,
            from,
            conds,
            order,
            limit,
            offset,
        })
    }
}

fn is_keyword(w: &str) -> bool {
    [
        "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "ORDER", "BY", "LIMIT", "OFFSET",
    ]
    .iter()
    .any(|k| k.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_echo_a_window_as_salesforce_does() {
        // SalesforceLabs/OrgCheck #111, verbatim message.
        let q: Vec<char> = "SELECT Id, DeveloperName, Description, NamespacePrefix, Status FROM PermissionSetGroup"
            .chars()
            .collect();
        assert_eq!(
            positioned(&q, 68, "sObject type 'PermissionSetGroup' is not supported."),
            format!(
                "\n NamespacePrefix, Status FROM PermissionSetGroup\n{}^\nERROR at Row:1:Column:69\nsObject type 'PermissionSetGroup' is not supported.",
                " ".repeat(30)
            )
        );
        let short: Vec<char> = "SELECT Naem FROM Account".chars().collect();
        assert!(
            positioned(&short, 7, "x").starts_with("\nSELECT Naem FROM Account\n       ^\nERROR at Row:1:Column:8\n")
        );
    }

    #[test]
    fn statements() {
        let s = Parser::new("select Id, Name from ListView where SobjectType in ('Lead', 'Case') and IsSoqlCompatible = true order by LastViewedDate desc nulls last, Name limit 5")
            .unwrap()
            .statement()
            .unwrap();
        assert_eq!(s.select.len(), 2);
        assert_eq!(s.conds.len(), 2);
        assert_eq!(s.conds[0].values.len(), 2);
        assert!(s.order[0].desc && s.order[0].nulls_last && !s.order[1].nulls_last);
        assert_eq!(s.limit, Some(5));
        for bad in [
            "SELECT FROM ListView",
            "SELECT Id ListView",
            "SELECT Id FROM ListView WHERE",
            "SELECT Id FROM ListView LIMIT x",
            "SELECT Id FROM ListView WHERE Name = 'a' OR Name = 'b'",
            "SELECT Id FROM ListView WHERE Name = 'a",
            "SELECT Id; FROM ListView",
        ] {
            let e = Parser::new(bad).and_then(|mut p| p.statement()).unwrap_err();
            assert_eq!(e.code, "MALFORMED_QUERY", "{bad}");
        }
        let e = Parser::new("SELECT Id FROM ListView WHERE")
            .unwrap()
            .statement()
            .unwrap_err();
        assert!(
            e.message
                .ends_with("ERROR at Row:1:Column:30\nunexpected token: '<EOF>'"),
            "{}",
            e.message
        );
    }
}
