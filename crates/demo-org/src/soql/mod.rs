//! SOQL on `ListView` for `GET /services/data/vXX.X/query?q=…`: one query lists a user's list
//! views of every object at once (`SobjectType`, `IsSoqlCompatible`, `LastViewedDate`), instead
//! of one `/sobjects/{T}/listviews` call per object.
//!
//! `ListView` is queryable (API v32.0+; fields `DeveloperName`, `IsSoqlCompatible`,
//! `LastReferencedDate`, `LastViewedDate`, `Name`, `NamespacePrefix`, `SobjectType`, and the
//! audit fields: Object Reference "ListView",
//! https://developer.salesforce.com/docs/atlas.en-us.218.0.api.meta/object_ref/sforce_api_objects_listview.htm).
//! The answer is the Query resource's: `{"totalSize", "done", "records": [{"attributes":
//! {"type", "url"}, …fields in SELECT order}]}`, `nextRecordsUrl` only while `done` is false
//! (REST API Developer Guide "Query",
//! https://developer.salesforce.com/docs/platform/api-rest/guide/resources-query.md). A batch
//! holds up to 2,000 rows (fewer with the `query_batch_size` switch); the rest comes through the
//! `nextRecordsUrl`'s query locator, one batch a request (`batches`).
//!
//! Rows: every view the user sees (public ones and their own private ones), whether or not they
//! can read its `SobjectType`: the restricted user gets Case and Opportunity views too.
//! [unverified: no source says whether Salesforce filters `ListView` rows by object access;
//! returning them is the less kind answer — a client must still expect `/sobjects/Case/…` to
//! answer 404 for that user.] `LastViewedDate` (= `LastReferencedDate`) is set on the views
//! `/listviews/recent` returns for that user, hours before the data set's "now", and null
//! elsewhere and on objects the user cannot read.
//!
//! Anything else is refused as Salesforce refuses it: an unknown object, or one the user cannot
//! read, is INVALID_TYPE; an unknown field INVALID_FIELD; a syntax error MALFORMED_QUERY (all
//! positioned, see `parse`). Demo-only: SOQL on other objects the user can read, and syntax
//! Salesforce has but this subset lacks (OR, relationship fields, date literals, COUNT()),
//! answer 400 MALFORMED_QUERY too.

mod batches;
mod parse;

use std::cmp::Ordering;

pub(crate) use batches::Locators;
use batches::{batch_json, invalid_locator, parse_next, Cursor};
use parse::{Lit, Parser, Statement};

use crate::data::OrgData;
use crate::json::J;
use crate::listviews::{Catalog, ListView, LISTVIEW_OBJECTS};
use crate::profiles::DemoUser;
use crate::schema::ObjType;
use crate::text;

/// A refusal: `errorCode` and `message` of the REST error body (400).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SoqlError {
    pub code: &'static str,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Id,
    Name,
    DeveloperName,
    NamespacePrefix,
    SobjectType,
    IsSoqlCompatible,
    CreatedById,
    CreatedDate,
    LastModifiedById,
    LastModifiedDate,
    SystemModstamp,
    LastViewedDate,
    LastReferencedDate,
}

const FIELDS: [(Field, &str); 13] = [
    (Field::Id, "Id"),
    (Field::Name, "Name"),
    (Field::DeveloperName, "DeveloperName"),
    (Field::NamespacePrefix, "NamespacePrefix"),
    (Field::SobjectType, "SobjectType"),
    (Field::IsSoqlCompatible, "IsSoqlCompatible"),
    (Field::CreatedById, "CreatedById"),
    (Field::CreatedDate, "CreatedDate"),
    (Field::LastModifiedById, "LastModifiedById"),
    (Field::LastModifiedDate, "LastModifiedDate"),
    (Field::SystemModstamp, "SystemModstamp"),
    (Field::LastViewedDate, "LastViewedDate"),
    (Field::LastReferencedDate, "LastReferencedDate"),
];

fn field(name: &str) -> Option<(Field, &'static str)> {
    FIELDS.iter().copied().find(|(_, n)| n.eq_ignore_ascii_case(name))
}

/// A value of a `ListView` row, as the Query resource writes it.
#[derive(Debug, Clone, PartialEq)]
enum V {
    Null,
    Str(String),
    Bool(bool),
    /// Seconds since the epoch.
    Time(i64),
}

impl V {
    fn json(&self) -> J {
        match self {
            V::Null => J::Null,
            V::Str(s) => J::Str(s.clone()),
            V::Bool(b) => J::Bool(*b),
            V::Time(t) => J::Str(text::iso_datetime(*t)),
        }
    }
}

struct Row<'a> {
    view: &'a ListView,
    last_viewed: Option<i64>,
}

/// The catalogue's views were all made when the org was set up, a year before the data's
/// "now" (a fixed, made-up date: the audit fields exist on every row).
fn created(data: &OrgData) -> i64 {
    data.now.div_euclid(86_400) * 86_400 - 365 * 86_400
}

fn value(row: &Row, f: Field, data: &OrgData) -> V {
    let v = row.view;
    let creator = || match v.private_to {
        Some(u) => u.user_id(data),
        None => data.user_id.clone(),
    };
    match f {
        Field::Id => V::Str(v.id.clone()),
        Field::Name => V::Str(v.label.clone()),
        Field::DeveloperName => V::Str(v.developer_name.clone()),
        Field::NamespacePrefix => V::Null,
        Field::SobjectType => V::Str(v.obj.api_name().to_string()),
        Field::IsSoqlCompatible => V::Bool(v.soql_compatible),
        Field::CreatedById | Field::LastModifiedById => V::Str(creator()),
        Field::CreatedDate | Field::LastModifiedDate | Field::SystemModstamp => V::Time(created(data)),
        Field::LastViewedDate | Field::LastReferencedDate => row.last_viewed.map_or(V::Null, V::Time),
    }
}

/// The rows `user` gets, in catalogue order, with their `LastViewedDate`.
fn rows<'a>(cat: &'a Catalog, data: &OrgData, user: DemoUser) -> Vec<Row<'a>> {
    let profile = user.profile();
    let mut out = Vec::new();
    for (k, obj) in LISTVIEW_OBJECTS.iter().enumerate() {
        for (p, view) in cat.visible(*obj, user).into_iter().enumerate() {
            let last_viewed = (p < 3 && profile.can_read(*obj)).then(|| data.now - 3600 * (1 + 3 * k + p) as i64);
            out.push(Row { view, last_viewed });
        }
    }
    out
}

fn matches(v: &V, lit: &Lit) -> bool {
    match (v, lit) {
        (V::Null, Lit::Null) => true,
        (V::Str(a), Lit::Str(b)) => a.eq_ignore_ascii_case(b),
        (V::Bool(a), Lit::Bool(b)) => a == b,
        _ => false,
    }
}

fn compare(a: &V, b: &V) -> Ordering {
    match (a, b) {
        (V::Str(x), V::Str(y)) => text::fold(x).cmp(&text::fold(y)),
        (V::Bool(x), V::Bool(y)) => x.cmp(y),
        (V::Time(x), V::Time(y)) => x.cmp(y),
        _ => Ordering::Equal,
    }
}

/// Where a query runs: the org's list views and data, for one user, under one API version.
pub(crate) struct Org<'a> {
    pub cat: &'a Catalog,
    pub data: &'a OrgData,
    pub user: DemoUser,
    pub version: &'a str,
}

/// The Query resource's first batch of `q` (at most `batch` rows), or the refusal; a locator
/// is opened only when rows remain.
pub(crate) fn first_batch(q: &str, org: &Org, batch: usize, locators: &Locators) -> Result<J, SoqlError> {
    let records = run(q, org.cat, org.data, org.user, org.version)?;
    let cursor = || {
        locators.open(Cursor {
            user: org.user,
            q: q.to_string(),
            batch,
        })
    };
    Ok(batch_json(records, 0, batch, cursor, org.version))
}

/// Query More Results: the batch `<locator>-<offset>` names, for the user who holds it.
pub(crate) fn next_batch(next: &str, org: &Org, locators: &Locators) -> Result<J, SoqlError> {
    let (locator, offset) = parse_next(next)?;
    let cursor = locators.get(locator, org.user).ok_or_else(invalid_locator)?;
    let records = run(&cursor.q, org.cat, org.data, org.user, org.version)?;
    if offset == 0 || offset >= records.len() {
        return Err(invalid_locator());
    }
    Ok(batch_json(
        records,
        offset,
        cursor.batch,
        || locator.to_string(),
        org.version,
    ))
}

/// Runs a SOQL statement for `user`: every row as the Query resource writes it, or the refusal.
fn run(q: &str, cat: &Catalog, data: &OrgData, user: DemoUser, version: &str) -> Result<Vec<J>, SoqlError> {
    let mut p = Parser::new(q)?;
    let st: Statement = p.statement()?;
    // The object first (fields are looked up on it), as an unknown one: INVALID_TYPE with the
    // sentence of SalesforceLabs/OrgCheck #111 — also what a user without read access gets
    // (simple-salesforce/simple-salesforce #287).
    if !st.from.text.eq_ignore_ascii_case("ListView") {
        let readable = ObjType::from_api_name(&st.from.text).is_some_and(|o| user.profile().can_read(o));
        if readable {
            // Demo-only: the demo org answers SOQL on ListView alone.
            return Err(p.err(
                "MALFORMED_QUERY",
                st.from.pos,
                "The demo org answers SOQL on ListView only.",
            ));
        }
        return Err(p.err(
            "INVALID_TYPE",
            st.from.pos,
            &format!("sObject type '{}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.", st.from.text),
        ));
    }
    // Then every field in query order: INVALID_FIELD with forcedotcom/soql-tooling #86's sentence.
    let no_such = |n: &parse::Name| {
        p.err(
            "INVALID_FIELD",
            n.pos,
            &format!("No such column '{}' on entity 'ListView'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.", n.text),
        )
    };
    let mut select: Vec<(Field, &'static str)> = Vec::new();
    for n in &st.select {
        let f = field(&n.text).ok_or_else(|| no_such(n))?;
        if select.contains(&f) {
            // [unverified wording]
            return Err(p.err("MALFORMED_QUERY", n.pos, &format!("duplicate field selected: {}", f.1)));
        }
        select.push(f);
    }
    let mut conds = Vec::new();
    for c in &st.conds {
        let (f, fname) = field(&c.field.text).ok_or_else(|| no_such(&c.field))?;
        for (lit, pos) in &c.values {
            let ok = match (f, lit) {
                (_, Lit::Null) => true,
                (Field::IsSoqlCompatible, l) => matches!(l, Lit::Bool(_)),
                (Field::CreatedDate | Field::LastModifiedDate | Field::SystemModstamp, _) => false,
                (Field::LastViewedDate | Field::LastReferencedDate, _) => false,
                (_, l) => matches!(l, Lit::Str(_)),
            };
            if !ok {
                let ty = match f {
                    Field::IsSoqlCompatible => "boolean and should not be enclosed in quotes",
                    Field::CreatedDate
                    | Field::LastModifiedDate
                    | Field::SystemModstamp
                    | Field::LastViewedDate
                    | Field::LastReferencedDate => "dateTime and should not be enclosed in quotes",
                    _ => "string and should be enclosed in quotes",
                };
                return Err(p.err(
                    "INVALID_FIELD",
                    *pos,
                    &format!("value of filter criterion for field '{fname}' must be of type {ty}"),
                ));
            }
        }
        conds.push((f, c));
    }
    let mut order = Vec::new();
    for o in &st.order {
        let (f, _) = field(&o.field.text).ok_or_else(|| no_such(&o.field))?;
        order.push((f, o));
    }

    let mut rows: Vec<Row> = rows(cat, data, user)
        .into_iter()
        .filter(|r| {
            conds.iter().all(|(f, c)| {
                let v = value(r, *f, data);
                c.values.iter().any(|(l, _)| matches(&v, l)) != c.negated
            })
        })
        .collect();
    if !order.is_empty() {
        rows.sort_by(|a, b| {
            for (f, o) in &order {
                let (va, vb) = (value(a, *f, data), value(b, *f, data));
                let ord = match (va == V::Null, vb == V::Null) {
                    (true, true) => Ordering::Equal,
                    (true, false) if o.nulls_last => Ordering::Greater,
                    (true, false) => Ordering::Less,
                    (false, true) if o.nulls_last => Ordering::Less,
                    (false, true) => Ordering::Greater,
                    _ if o.desc => compare(&va, &vb).reverse(),
                    _ => compare(&va, &vb),
                };
                if ord != Ordering::Equal {
                    return ord;
                }
            }
            Ordering::Equal
        });
    }
    let records: Vec<J> = rows
        .iter()
        .skip(st.offset)
        .take(st.limit.unwrap_or(usize::MAX))
        .map(|r| {
            let mut o = vec![(
                "attributes".to_string(),
                J::obj([
                    ("type", J::s("ListView")),
                    (
                        "url",
                        J::Str(format!("/services/data/v{version}/sobjects/ListView/{}", r.view.id)),
                    ),
                ]),
            )];
            o.extend(
                select
                    .iter()
                    .map(|(f, name)| (name.to_string(), value(r, *f, data).json())),
            );
            J::Obj(o)
        })
        .collect();
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str, user: DemoUser) -> Result<serde_json::Value, SoqlError> {
        let d = crate::data::generate(42, 1_795_000_000);
        let cat = Catalog::build(&d);
        let org = Org {
            cat: &cat,
            data: &d,
            user,
            version: "62.0",
        };
        first_batch(s, &org, 2000, &Locators::default()).map(|j| serde_json::from_str(&j.to_string()).unwrap())
    }

    #[test]
    fn listview_rows_per_user() {
        let all = q("SELECT Id, SobjectType, IsSoqlCompatible FROM ListView", DemoUser::Demo).unwrap();
        let n = all["totalSize"].as_i64().unwrap();
        assert!(n > 120, "{n}");
        let mine = q("SELECT Id FROM ListView", DemoUser::Restricted).unwrap();
        assert_eq!(mine["totalSize"].as_i64().unwrap(), n + 1);
        let v = q(
            "SELECT Name, IsSoqlCompatible FROM ListView WHERE SobjectType = 'Lead' AND IsSoqlCompatible = false",
            DemoUser::Restricted,
        )
        .unwrap();
        assert_eq!(v["records"][0]["Name"], "My Leads With Open Activities");
        let recent = q(
            "SELECT SobjectType, Name FROM ListView WHERE SobjectType IN ('Case', 'Account') ORDER BY LastViewedDate DESC NULLS LAST LIMIT 3",
            DemoUser::Demo,
        )
        .unwrap();
        assert_eq!(recent["records"][0]["SobjectType"], "Account");
        assert_eq!(recent["records"].as_array().unwrap().len(), 3);
        assert_eq!(
            recent["records"][0]["attributes"]["url"]
                .as_str()
                .unwrap()
                .split('/')
                .nth(3),
            Some("v62.0")
        );
    }

    #[test]
    fn refusals() {
        assert_eq!(
            q("SELECT Id FROM Case", DemoUser::Restricted).unwrap_err().code,
            "INVALID_TYPE"
        );
        assert_eq!(
            q("SELECT Id FROM Bogus", DemoUser::Demo).unwrap_err().code,
            "INVALID_TYPE"
        );
        assert_eq!(
            q("SELECT Id FROM Case", DemoUser::Demo).unwrap_err().code,
            "MALFORMED_QUERY"
        );
        let e = q("SELECT Id, Bogus FROM ListView", DemoUser::Demo).unwrap_err();
        assert_eq!(e.code, "INVALID_FIELD");
        assert!(e.message.starts_with("\nSELECT Id, Bogus FROM ListView\n           ^\nERROR at Row:1:Column:12\nNo such column 'Bogus' on entity 'ListView'."));
        assert_eq!(
            q(
                "SELECT Id FROM ListView WHERE IsSoqlCompatible = 'true'",
                DemoUser::Demo
            )
            .unwrap_err()
            .code,
            "INVALID_FIELD"
        );
        assert_eq!(
            q("SELECT Id, id FROM ListView", DemoUser::Demo).unwrap_err().code,
            "MALFORMED_QUERY"
        );
    }
}
