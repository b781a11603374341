//! A parsed SOSL statement, what `parse` produces and `eval` runs: the search term, the scope
//! (`IN … FIELDS`), one spec per RETURNING object (field paths, WHERE, ORDER BY, LIMIT,
//! OFFSET) and the overall LIMIT, plus the options the server adds to the query.

use super::term::Expr;
use crate::data::Scope;
use crate::profiles::DemoUser;
use crate::schema::{FieldDef, ObjType, RelDef};

/// Overall and default SOSL row limit (API v28.0+; API-NOTES §3 "LIMIT").
pub const MAX_LIMIT: usize = 2000;

/// Options that come from the server state rather than the query.
#[derive(Debug, Default, Clone)]
pub struct ParseOptions {
    /// `Faults::set_unsearchable`: an sObject that the org refuses in RETURNING.
    pub unsearchable: Option<String>,
    /// Whose search this is: objects and fields their profile hides do not exist for them.
    pub user: DemoUser,
}

#[derive(Debug, Clone)]
pub struct FieldPath {
    pub rels: Vec<&'static RelDef>,
    pub field: &'static FieldDef,
}

impl FieldPath {
    pub(super) fn same(&self, o: &FieldPath) -> bool {
        self.rels.len() == o.rels.len()
            && self.rels.iter().zip(&o.rels).all(|(a, b)| std::ptr::eq(*a, *b))
            && std::ptr::eq(self.field, o.field)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Lit {
    Str(String),
    Num(f64),
    Bool(bool),
    Null,
    Date(i64),
    DateTime(i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Like,
}

#[derive(Debug, Clone)]
pub(super) enum Cond {
    And(Vec<Cond>),
    Or(Vec<Cond>),
    Not(Box<Cond>),
    Cmp(FieldPath, Op, Lit),
    In(FieldPath, Vec<Lit>, bool),
}

#[derive(Debug, Clone)]
pub(super) struct OrderItem {
    pub(super) path: FieldPath,
    pub(super) desc: bool,
    pub(super) nulls_last: bool,
}

#[derive(Debug, Clone)]
pub struct ObjSpec {
    pub obj: ObjType,
    pub fields: Vec<FieldPath>,
    pub(super) where_: Option<Cond>,
    pub(super) order_by: Vec<OrderItem>,
    pub limit: Option<usize>,
    pub(super) offset: usize,
}

#[derive(Debug, Clone)]
pub struct Query {
    pub term: Expr,
    pub scope: Scope,
    pub returning: Vec<ObjSpec>,
    pub limit: Option<usize>,
}
