//! A list view's filter: its conditions (equals, in, null, number ranges, the date literals
//! TODAY, THIS_WEEK, …), each evaluated against a record for real, and written back the two ways
//! Salesforce describes it (`whereCondition` and the SOQL `query`).

use crate::data::{self, Value};
use crate::json::J;
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateLit {
    Today,
    ThisWeek,
    LastWeek,
    ThisMonth,
    NextMonth,
}

impl DateLit {
    fn soql(self) -> &'static str {
        match self {
            DateLit::Today => "TODAY",
            DateLit::ThisWeek => "THIS_WEEK",
            DateLit::LastWeek => "LAST_WEEK",
            DateLit::ThisMonth => "THIS_MONTH",
            DateLit::NextMonth => "NEXT_MONTH",
        }
    }
    /// [start, end) in seconds.
    fn range(self, now: i64) -> (i64, i64) {
        let day = now.div_euclid(86_400) * 86_400;
        let ws = data::week_start(now);
        let (y, m, _) = text::civil_from_days(now.div_euclid(86_400));
        let month_start = |y: i64, m: u32| text::days_from_civil(y, m, 1) * 86_400;
        let next = |y: i64, m: u32| if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        match self {
            DateLit::Today => (day, day + 86_400),
            DateLit::ThisWeek => (ws, ws + 7 * 86_400),
            DateLit::LastWeek => (ws - 7 * 86_400, ws),
            DateLit::ThisMonth => {
                let (ny, nm) = next(y, m);
                (month_start(y, m), month_start(ny, nm))
            }
            DateLit::NextMonth => {
                let (ny, nm) = next(y, m);
                let (ny2, nm2) = next(ny, nm);
                (month_start(ny, nm), month_start(ny2, nm2))
            }
        }
    }
}

#[derive(Debug, Clone)]
pub enum Cond {
    Eq(&'static str, String),
    In(&'static str, Vec<String>),
    Bool(&'static str, bool),
    IsNull(&'static str),
    NotNull(&'static str),
    Gte(&'static str, i64),
    Lt(&'static str, i64),
    Date(&'static str, DateLit),
}

impl Cond {
    pub(super) fn field(&self) -> &'static str {
        match self {
            Cond::Eq(f, _)
            | Cond::In(f, _)
            | Cond::Bool(f, _)
            | Cond::IsNull(f)
            | Cond::NotNull(f)
            | Cond::Gte(f, _)
            | Cond::Lt(f, _)
            | Cond::Date(f, _) => f,
        }
    }

    pub(super) fn eval(&self, v: &Value, now: i64) -> bool {
        match self {
            Cond::Eq(_, s) => v.as_str() == Some(s.as_str()),
            Cond::In(_, xs) => v.as_str().is_some_and(|s| xs.iter().any(|x| x == s)),
            Cond::Bool(_, b) => v == &Value::Bool(*b),
            Cond::IsNull(_) => v.is_null(),
            Cond::NotNull(_) => !v.is_null(),
            Cond::Gte(_, n) => matches!(v, Value::Int(i) if i >= n),
            Cond::Lt(_, n) => matches!(v, Value::Int(i) if i < n),
            Cond::Date(_, d) => {
                let (a, b) = d.range(now);
                match v {
                    Value::DateTime(s) => (a..b).contains(s),
                    Value::Date(days) => (a..b).contains(&(days * 86_400)),
                    _ => false,
                }
            }
        }
    }

    /// `whereCondition` of the describe resource (rest_listview_describe_response.json).
    pub(super) fn describe(&self) -> J {
        let (op, values): (&str, Vec<String>) = match self {
            Cond::Eq(_, s) => ("equals", vec![s.clone()]),
            Cond::In(_, xs) => ("equals", xs.clone()),
            Cond::Bool(_, b) => ("equals", vec![b.to_string()]),
            Cond::IsNull(_) => ("equals", vec![]),
            Cond::NotNull(_) => ("notEqual", vec![]),
            Cond::Gte(_, n) => ("greaterOrEqual", vec![n.to_string()]),
            Cond::Lt(_, n) => ("lessThan", vec![n.to_string()]),
            Cond::Date(_, d) => ("equals", vec![d.soql().to_string()]),
        };
        J::obj([
            ("field", J::s(self.field())),
            ("operator", J::s(op)),
            ("values", J::Arr(values.into_iter().map(J::Str).collect())),
        ])
    }

    pub(super) fn soql(&self) -> String {
        let f = self.field();
        let q = |s: &str| format!("'{}'", s.replace('\'', "\\'"));
        match self {
            Cond::Eq(_, s) => format!("{f} = {}", q(s)),
            Cond::In(_, xs) => format!("{f} IN ({})", xs.iter().map(|x| q(x)).collect::<Vec<_>>().join(", ")),
            Cond::Bool(_, b) => format!("{f} = {b}"),
            Cond::IsNull(_) => format!("{f} = null"),
            Cond::NotNull(_) => format!("{f} != null"),
            Cond::Gte(_, n) => format!("{f} >= {n}"),
            Cond::Lt(_, n) => format!("{f} < {n}"),
            Cond::Date(_, d) => format!("{f} = {}", d.soql()),
        }
    }
}
