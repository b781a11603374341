//! The JSON of the list-view resources (API-NOTES §4), key order as in the samples:
//! `/listviews` (paged at 50), `/listviews/recent`, one view, `/describe` and `/results`, each
//! for the user asking (their views, their visible columns, their "My …" records).

use super::catalog::{matching, Catalog, ListView};
use super::columns::{columns_json, visible_columns, Col};
use super::conditions::Cond;
use crate::data::{OrgData, Value};
use crate::json::J;
use crate::profiles::DemoUser;
use crate::schema::{Kind, ObjType};
use crate::text;

/// The value at a column path ("Name", "Account.Name", "Owner.Alias", "Owner.NameOrAlias").
pub(super) fn path_value<'d>(data: &'d OrgData, obj: ObjType, rec: usize, path: &str) -> &'d Value {
    let t = data.table(obj);
    match path.split_once('.') {
        None => t.value(rec, path),
        Some((rel, field)) => {
            let Some(r) = obj.relationship(rel) else {
                return &Value::Null;
            };
            let target = data.table(r.target);
            match t.value(rec, r.id_field).as_str().and_then(|id| target.index_of(id)) {
                Some(i) => target.value(i, r.target_field(field)),
                None => &Value::Null,
            }
        }
    }
}

/// List view results render every value as a display string or null
/// (rest_listview_results_response.json). Date-only and currency formats are not shown in the
/// sample: ISO dates and plain numbers are used [unverified].
fn display(v: &Value) -> J {
    match v {
        Value::Null => J::Null,
        Value::Str(s) => J::Str(s.clone()),
        Value::Bool(b) => J::Str(b.to_string()),
        Value::Num(n) => J::Str(if n.fract() == 0.0 {
            format!("{n:.0}")
        } else {
            n.to_string()
        }),
        Value::Int(i) => J::Str(i.to_string()),
        Value::Date(d) => J::Str(text::iso_date(*d)),
        Value::DateTime(s) => J::Str(text::listview_datetime(*s)),
    }
}

/// One entry of /listviews (rest_listviews_response.json key order).
pub fn entry_json(view: &ListView, version: &str) -> J {
    let base = format!(
        "/services/data/v{version}/sobjects/{}/listviews/{}",
        view.obj.api_name(),
        view.id
    );
    J::obj([
        ("describeUrl", J::Str(format!("{base}/describe"))),
        ("developerName", J::s(view.developer_name.clone())),
        ("id", J::s(view.id.clone())),
        ("label", J::s(view.label.clone())),
        ("resultsUrl", J::Str(format!("{base}/results"))),
        // rest_listviews_response.json: a boolean per view (false for the restricted user's
        // private view, the only one of the catalogue that cannot be written as SOQL).
        ("soqlCompatible", J::Bool(view.soql_compatible)),
        ("url", J::Str(base)),
    ])
}

/// Page size of /listviews. The paging keys are not in the sample (API-NOTES §4: `nextRecordsUrl`,
/// `size`, `sobjectType` are [unverified]); the demo pages at 50 like other collection resources.
pub const LISTVIEWS_PAGE: usize = 50;

pub fn listviews_json(cat: &Catalog, obj: ObjType, offset: usize, version: &str, user: DemoUser) -> J {
    let all = cat.visible(obj, user);
    let page: Vec<J> = all
        .iter()
        .skip(offset)
        .take(LISTVIEWS_PAGE)
        .map(|v| entry_json(v, version))
        .collect();
    let end = offset + page.len();
    let done = end >= all.len();
    J::obj([
        ("done", J::Bool(done)),
        ("listviews", J::Arr(page)),
        (
            "nextRecordsUrl",
            if done {
                J::Null
            } else {
                J::Str(format!(
                    "/services/data/v{version}/sobjects/{}/listviews?offset={end}",
                    obj.api_name()
                ))
            },
        ),
        ("size", J::Int(all.len() as i64)),
        ("sobjectType", J::s(obj.api_name())),
    ])
}

/// /listviews/recent (rest_recent_listviews_response.json: `done` + `listviews`): the views the
/// user opened last (the first three they see; `soql` gives them the same `LastViewedDate`).
pub fn recent_json(cat: &Catalog, obj: ObjType, version: &str, user: DemoUser) -> J {
    let all = cat.visible(obj, user);
    let recent: Vec<J> = all.iter().take(3).map(|v| entry_json(v, version)).collect();
    J::obj([("done", J::Bool(true)), ("listviews", J::Arr(recent))])
}

fn soql(view: &ListView, cols: &[Col]) -> String {
    let select: Vec<String> = cols
        .iter()
        .map(|c| {
            if c.kind == Kind::Picklist {
                format!("toLabel({})", c.path)
            } else {
                c.path.to_string()
            }
        })
        .collect();
    let mut q = format!("SELECT {} FROM {}", select.join(", "), view.obj.api_name());
    if view.mine {
        q.push_str(" USING SCOPE mine");
    }
    if !view.conds.is_empty() {
        q.push_str(" WHERE ");
        q.push_str(&view.conds.iter().map(Cond::soql).collect::<Vec<_>>().join(" AND "));
    }
    let (f, desc) = view.order;
    let dir = if desc { "DESC NULLS LAST" } else { "ASC NULLS FIRST" };
    q.push_str(&format!(" ORDER BY {f} {dir}, Id {dir}"));
    q
}

/// /listviews/{id}/describe (rest_listview_describe_response.json), with the columns the user
/// may see. A view that is not SOQL-compatible has no SOQL to give: `query` is null (jsforce's
/// live test of this resource allows exactly that, `isString(result.query) || result.query ===
/// null`, jsforce/jsforce test/sobject.test.ts). Its `whereCondition` is null too [unverified:
/// no public example; null is the less kind answer, it tells the client nothing to run].
pub fn describe_json(view: &ListView, user: DemoUser) -> J {
    let cols = visible_columns(view.obj, user.profile());
    let (f, desc) = view.order;
    let dir = if desc { "descending" } else { "ascending" };
    let nulls = if desc { "last" } else { "first" };
    let where_ = match view.conds.len() {
        _ if !view.soql_compatible => J::Null,
        0 => J::Null,
        1 => view.conds[0].describe(),
        _ => J::obj([
            ("conditions", J::Arr(view.conds.iter().map(Cond::describe).collect())),
            ("conjunction", J::s("and")),
        ]),
    };
    J::obj([
        ("columns", columns_json(view, &cols)),
        ("id", J::s(&view.id[..15])),
        (
            "orderBy",
            J::Arr(vec![
                J::obj([
                    ("fieldNameOrPath", J::s(f)),
                    ("nullsPosition", J::s(nulls)),
                    ("sortDirection", J::s(dir)),
                ]),
                J::obj([
                    ("fieldNameOrPath", J::s("Id")),
                    ("nullsPosition", J::s(nulls)),
                    ("sortDirection", J::s(dir)),
                ]),
            ]),
        ),
        (
            "query",
            if view.soql_compatible {
                J::Str(soql(view, &cols))
            } else {
                J::Null
            },
        ),
        ("scope", if view.mine { J::s("mine") } else { J::Null }),
        ("sobjectType", J::s(view.obj.api_name())),
        ("whereCondition", where_),
    ])
}

/// /listviews/{id}/results (rest_listview_results_response.json). `size` is the total count;
/// the columns are the ones the user may see (`visible_columns`), and "My …" means theirs. A
/// view's filter on a field the user cannot see (the restricted user's "Type — …" Account views)
/// still filters [unverified: the view is the administrator's definition; the user gets its
/// rows, not the field].
pub fn results_json(view: &ListView, data: &OrgData, limit: usize, offset: usize, now: i64, user: DemoUser) -> J {
    let hits = matching(view, data, now, &user.user_id(data));
    let cols = visible_columns(view.obj, user.profile());
    let page: Vec<J> = hits
        .iter()
        .skip(offset)
        .take(limit)
        .map(|&i| {
            J::obj([(
                "columns",
                J::Arr(
                    cols.iter()
                        .map(|c| {
                            J::obj([
                                ("fieldNameOrPath", J::s(c.path)),
                                ("value", display(path_value(data, view.obj, i, c.path))),
                            ])
                        })
                        .collect(),
                ),
            )])
        })
        .collect();
    let done = offset + page.len() >= hits.len();
    J::obj([
        ("columns", columns_json(view, &cols)),
        ("developerName", J::s(view.developer_name.clone())),
        ("done", J::Bool(done)),
        // The top-level id is the 15-character list view id (sample note).
        ("id", J::s(&view.id[..15])),
        ("label", J::s(view.label.clone())),
        ("records", J::Arr(page)),
        ("size", J::Int(hits.len() as i64)),
    ])
}
