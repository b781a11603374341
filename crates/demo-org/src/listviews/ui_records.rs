//! The UI API's Get List View Records (`GET …/ui-api/list-records/{listViewId}` and
//! `…/list-records/{objectApiName}/{listViewApiName}`, UI API Developer Guide "Get List View
//! Records with URL Parameters", 42.0+): a list view's records a page at a time, sorted on
//! request by `sortBy` (a field, `-` before it for descending; one field before 63.0, up to
//! five since), paged by `pageSize` (1–2000, default 50) and `pageToken` ("A token that
//! represents the page offset", default 0, at most 2000; opaque here, see `page_token`).
//!
//! The answer is a List Record Collection (`count`, `currentPageToken`, `currentPageUrl`,
//! `fields`, `listInfoETag`, `listReference`, `nextPageToken`, `nextPageUrl`, `optionalFields`,
//! `pageSize`, `previousPageToken`, `previousPageUrl`, `records`, `searchTerm`, `sortBy`,
//! `where`), its records UI API Records whose `fields` hold `{displayValue, value}` and, for a
//! relationship, the related record as the value (shapes and key order as in the
//! `list-records` mocks of Salesforce's LDS tests, e.g. `"Account": {"displayValue": "Edge
//! Communications", "value": {"apiName": "Account", …}}`, `"Amount": {"displayValue":
//! "$75,000.00", "value": 75000.0}`, `"CloseDate": {"displayValue": "4/4/2019", "value":
//! "2019-04-04"}`, system dates with a null `displayValue`). `count` is the number of records
//! on the page (those tests add it up page after page); the total is not said.
//!
//! How it sorts is SOQL's ORDER BY (SOQL and SOSL Reference, "ORDER BY"): case-insensitive,
//! nulls first when ascending ("By default, null values are sorted first") and last when
//! descending (as the demo's list views order, `DESC NULLS LAST`), "Picklist sorting is
//! defined by the picklist sort determined during setup", phone numbers as written; then by
//! Id, so that pages never overlap.
//!
//! Refusals, as those tests record them: a field that does not exist — and so one hidden by
//! field-level security, which Salesforce reports as if it did not exist (`profiles`) — is 400
//! `INVALID_FIELD` "No such column 'BadField' on entity Opportunity"; a list view the user
//! cannot open is 403 `INSUFFICIENT_ACCESS` "You don't have access to this record. Ask your
//! administrator for help or to request access."; a page size out of range 400
//! `NUMBER_OUTSIDE_VALID_RANGE` "pageSize parameter must be between 1 and 2000"; a token that
//! is not a number 400 `ILLEGAL_QUERY_PARAMETER_VALUE` "For input string: invalid".

use std::cmp::Ordering;

use super::catalog::{matching, ListView};
use super::columns::visible_columns;
use super::render::path_value;
use crate::data::{OrgData, Value, ACCOUNT_TYPES, CASE_STATUSES, INDUSTRIES, LEAD_STATUSES, RATINGS, STAGES};
use crate::json::J;
use crate::profiles::DemoUser;
use crate::schema::{Kind, ObjType, RelDef, NAME_OR_ALIAS};
use crate::text;

/// A refusal: HTTP status, `errorCode`, `message`.
pub type Refusal = (u16, &'static str, String);

/// "The maximum offset is 2000" (pageToken); the REST results' `offset` has the same bound
/// (SOQL's OFFSET).
pub const MAX_OFFSET: usize = 2000;

/// A page token. "A token that represents the page offset": opaque to clients, who send back
/// the `nextPageToken` or `previousPageToken` they were given. Salesforce's happen to be the
/// offset written out; the demo's are the offset and a fingerprint of the list view, the sort
/// and the page size, so that a client that makes its own tokens (an offset it counted) or
/// reuses one for another sort is refused here, not silently served another page by a
/// future Salesforce.
fn page_token(view: &ListView, sort_by: &str, page_size: usize, offset: usize) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in format!("{}|{sort_by}|{page_size}|{offset}", view.id).bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    format!("{offset:x}-{h:08x}")
}

/// The offset of a token this list view, sort and page size were given.
fn read_page_token(token: &str, view: &ListView, sort_by: &str, page_size: usize) -> Option<usize> {
    let (offset, _) = token.split_once('-')?;
    let offset = usize::from_str_radix(offset, 16).ok()?;
    (offset <= MAX_OFFSET && page_token(view, sort_by, page_size, offset) == token).then_some(offset)
}

/// 403 INSUFFICIENT_ACCESS: a list view that is not there for this user.
pub fn no_access() -> Refusal {
    (
        403,
        "INSUFFICIENT_ACCESS",
        "You don't have access to this record. Ask your administrator for help or to request access.".to_string(),
    )
}

/// One sort key of `sortBy`: a field path from the view's object, and its direction.
struct Key {
    path: String,
    desc: bool,
}

/// The request's parameters, checked as Salesforce checks them.
pub struct Params {
    page_size: usize,
    offset: usize,
    keys: Vec<Key>,
}

impl Params {
    /// `pageSize`, `pageToken` and `sortBy` for `view`, seen by `user`, at API version `vnum`.
    pub fn read(
        page_size: Option<&str>,
        page_token: Option<&str>,
        sort_by: Option<&str>,
        view: &ListView,
        user: DemoUser,
        vnum: f64,
    ) -> Result<Params, Refusal> {
        let not_a_number = |s: &str| (400, "ILLEGAL_QUERY_PARAMETER_VALUE", format!("For input string: {s}"));
        let page_size = match page_size {
            None => 50,
            Some(s) => match s.trim().parse::<i64>() {
                Ok(n) if (1..=2000).contains(&n) => n as usize,
                Ok(_) => {
                    return Err((
                        400,
                        "NUMBER_OUTSIDE_VALID_RANGE",
                        "pageSize parameter must be between 1 and 2000".to_string(),
                    ))
                }
                Err(_) => return Err(not_a_number(s)),
            },
        };
        let mut keys = Vec::new();
        for part in sort_by
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let (path, desc) = match part.strip_prefix('-') {
                Some(p) => (p, true),
                None => (part, false),
            };
            keys.push(Key {
                path: resolve(view.obj, path, user)?,
                desc,
            });
        }
        // "This parameter accepts only one value per request"; "In API version 63.0 and later,
        // you can sort by up to five fields." The refusal's words are not documented [unverified].
        let most = if vnum >= 63.0 { 5 } else { 1 };
        if keys.len() > most {
            return Err((
                400,
                "ILLEGAL_QUERY_PARAMETER_VALUE",
                format!("sortBy accepts at most {most} field(s)"),
            ));
        }
        let offset = match page_token.map(str::trim) {
            None | Some("") => 0,
            // A token that is not one this request was given: the words are those of a token
            // that is not a number [unverified for a well-formed but foreign token].
            Some(t) => match read_page_token(t, view, &self::sort_by(view, &keys), page_size) {
                Some(o) => o,
                None => return Err(not_a_number(t)),
            },
        };
        Ok(Params {
            page_size,
            offset,
            keys,
        })
    }
}

/// The path in the schema's spelling, or INVALID_FIELD naming the step that does not exist for
/// this user, on its entity.
fn resolve(obj: ObjType, path: &str, user: DemoUser) -> Result<String, Refusal> {
    let profile = user.profile();
    let mut cur = obj;
    // The relationship the path went through last: through a user-or-queue owner the fields
    // are the `Name` entity's, and a refusal names that entity.
    let mut via: Option<&RelDef> = None;
    let mut out: Vec<&'static str> = Vec::new();
    let mut steps = path.split('.').peekable();
    while let Some(step) = steps.next() {
        let entity = match via {
            Some(r) if r.polymorphic => "Name",
            _ => cur.api_name(),
        };
        let missing = || {
            (
                400,
                "INVALID_FIELD",
                format!("No such column '{step}' on entity {entity}"),
            )
        };
        if steps.peek().is_none() {
            if via.is_some_and(|r| r.polymorphic) && step.eq_ignore_ascii_case(NAME_OR_ALIAS) {
                out.push(NAME_OR_ALIAS);
                return Ok(out.join("."));
            }
            let i = cur.field_index(step).ok_or_else(missing)?;
            let name = cur.fields()[i].name;
            if !profile.field_visible(cur, name) {
                return Err(missing());
            }
            out.push(name);
            return Ok(out.join("."));
        }
        match cur.relationship(step) {
            Some(r) if profile.field_visible(cur, r.id_field) && profile.can_read(r.target) => {
                out.push(r.name);
                cur = r.target;
                via = Some(r);
            }
            _ => return Err(missing()),
        }
    }
    Err((
        400,
        "INVALID_FIELD",
        format!("No such column '' on entity {}", obj.api_name()),
    ))
}

/// The rank of a picklist value in the order its field defines, where the demo knows it.
fn picklist_rank(obj: ObjType, field: &str, value: &str) -> Option<usize> {
    let stages: Vec<&str> = STAGES.iter().map(|s| s.0).collect();
    let order: &[&str] = match (obj, field) {
        (ObjType::Account, "Type") => ACCOUNT_TYPES,
        (ObjType::Account | ObjType::Lead, "Industry") => INDUSTRIES,
        (ObjType::Account | ObjType::Lead, "Rating") => RATINGS,
        (ObjType::Lead, "Status") => LEAD_STATUSES,
        (ObjType::Opportunity, "StageName") => return stages.iter().position(|s| *s == value),
        (ObjType::Case, "Status") => CASE_STATUSES,
        (ObjType::Case, "Priority") => &["High", "Medium", "Low"],
        _ => return None,
    };
    order.iter().position(|s| *s == value)
}

/// The object and field a path ends on.
fn leaf(obj: ObjType, path: &str) -> (ObjType, &str) {
    let mut cur = obj;
    let mut steps = path.split('.').peekable();
    while let Some(step) = steps.next() {
        if steps.peek().is_none() {
            return (cur, step);
        }
        match cur.relationship(step) {
            Some(r) => cur = r.target,
            None => return (cur, step),
        }
    }
    (cur, path)
}

/// Ascending order of two values of one field; nulls first.
fn compare(obj: ObjType, field: &str, a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        (Value::Str(x), Value::Str(y)) => {
            match (picklist_rank(obj, field, x), picklist_rank(obj, field, y)) {
                (Some(i), Some(j)) => i.cmp(&j),
                // A value the picklist does not define sorts after those it does.
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => text::fold(x).cmp(&text::fold(y)),
            }
        }
        (Value::Num(x), Value::Num(y)) => x.total_cmp(y),
        (Value::Int(x), Value::Int(y)) => x.cmp(y),
        (Value::Date(x), Value::Date(y)) | (Value::DateTime(x), Value::DateTime(y)) => x.cmp(y),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        _ => Ordering::Equal,
    }
}

/// The view's records (its filters, "My …" meaning the user's) in the order asked, else the
/// view's own.
fn ordered(view: &ListView, data: &OrgData, now: i64, user: DemoUser, keys: &[Key]) -> Vec<usize> {
    let mut hits = matching(view, data, now, &user.user_id(data));
    if keys.is_empty() {
        return hits;
    }
    let table = data.table(view.obj);
    let first_desc = keys[0].desc;
    hits.sort_by(|&a, &b| {
        keys.iter()
            .map(|k| {
                let (obj, field) = leaf(view.obj, &k.path);
                let o = compare(
                    obj,
                    field,
                    path_value(data, view.obj, a, &k.path),
                    path_value(data, view.obj, b, &k.path),
                );
                if k.desc {
                    o.reverse()
                } else {
                    o
                }
            })
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
            .then_with(|| {
                let o = table.records[a].id.cmp(&table.records[b].id);
                if first_desc {
                    o.reverse()
                } else {
                    o
                }
            })
    });
    hits
}

/// UI API datetimes: "2019-04-09T01:00:25.000Z".
fn ui_datetime(secs: i64) -> String {
    text::iso_datetime(secs).replace("+0000", "Z")
}

/// "$75,000.00", as the en_US sample writes amounts.
fn money(n: f64) -> String {
    let cents = (n.abs() * 100.0).round() as u64;
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{}${grouped}.{:02}", if n < 0.0 { "-" } else { "" }, cents % 100)
}

/// "2/8/2019", as the en_US sample writes dates.
fn us_date(days: i64) -> String {
    let (y, m, d) = text::civil_from_days(days);
    format!("{m}/{d}/{y}")
}

/// A field of a UI API Record: `{displayValue, value}`.
fn field_json(kind: Kind, v: &Value) -> J {
    let (display, value) = match v {
        Value::Null => (J::Null, J::Null),
        Value::Str(s) if kind == Kind::Picklist => (J::s(s.clone()), J::s(s.clone())),
        Value::Str(s) => (J::Null, J::s(s.clone())),
        Value::Bool(b) => (J::Null, J::Bool(*b)),
        Value::Num(n) if kind == Kind::Currency => (J::Str(money(*n)), J::Num(*n)),
        Value::Num(n) if kind == Kind::Percent => (J::Str(format!("{n}%")), J::Num(*n)),
        Value::Num(n) => (J::Null, J::Num(*n)),
        Value::Int(i) => (J::Null, J::Int(*i)),
        Value::Date(d) => (J::Str(us_date(*d)), J::s(text::iso_date(*d))),
        Value::DateTime(s) => (J::Null, J::Str(ui_datetime(*s))),
    };
    J::obj([("displayValue", display), ("value", value)])
}

/// An eTag-like fingerprint (32 hex digits) of a record's id.
fn etag(id: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut g: u64 = 0x8422_2325_cbf2_9ce4;
    for b in id.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        g = (g ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(7);
    }
    format!("{h:016x}{g:016x}")
}

/// A UI API Record with the given field paths (relationships nested as records), `Id` and the
/// system dates.
fn record_json(data: &OrgData, obj: ObjType, rec: usize, paths: &[&str], version: &str) -> J {
    let table = data.table(obj);
    let id = table.records[rec].id.clone();
    // Direct fields, and per relationship the paths beyond it.
    let mut fields: Vec<(String, J)> = Vec::new();
    let mut related: Vec<(&'static crate::schema::RelDef, Vec<String>)> = Vec::new();
    for path in paths {
        match path.split_once('.') {
            None => {
                if let Some(i) = obj.field_index(path) {
                    let def = &obj.fields()[i];
                    fields.push((def.name.to_string(), field_json(def.kind, table.value(rec, def.name))));
                }
            }
            Some((rel, rest)) => {
                let Some(r) = obj.relationship(rel) else { continue };
                match related.iter_mut().find(|(d, _)| d.name == r.name) {
                    Some((_, rests)) => rests.push(rest.to_string()),
                    None => related.push((r, vec![rest.to_string()])),
                }
            }
        }
    }
    for (r, rests) in related {
        let target = data.table(r.target);
        let target_id = table.value(rec, r.id_field).as_str().map(str::to_string);
        fields.push((
            r.id_field.to_string(),
            field_json(Kind::Ref, table.value(rec, r.id_field)),
        ));
        let value = match target_id.as_deref().and_then(|t| target.index_of(t)) {
            Some(i) => {
                let rests: Vec<&str> = rests.iter().map(String::as_str).collect();
                let name = target.value(i, r.target.name_field()).as_str().map(str::to_string);
                let related = if r.polymorphic {
                    name_entity_json(data, r, i, &rests, version)
                } else {
                    record_json(data, r.target, i, &rests, version)
                };
                J::obj([("displayValue", J::opt_s(name)), ("value", related)])
            }
            None => J::obj([("displayValue", J::Null), ("value", J::Null)]),
        };
        fields.push((r.name.to_string(), value));
    }
    let date = |f: &str| match table.value(rec, f) {
        Value::DateTime(s) => J::Str(ui_datetime(*s)),
        _ => J::Null,
    };
    let modified = match date("LastModifiedDate") {
        J::Null => date("CreatedDate"),
        d => d,
    };
    // Id and the system dates are in every record (the samples), without a displayValue.
    for system in ["Id", "CreatedDate", "LastModifiedDate", "SystemModstamp"] {
        if fields.iter().any(|(n, _)| n == system) {
            continue;
        }
        let value = match (system, obj.field_index(system)) {
            ("Id", _) => J::s(id.clone()),
            (_, Some(_)) => date(system),
            (_, None) => modified.clone(),
        };
        fields.push((
            system.to_string(),
            J::obj([("displayValue", J::Null), ("value", value)]),
        ));
    }
    fields.sort_by(|a, b| a.0.cmp(&b.0));
    J::obj([
        ("apiName", J::s(obj.api_name())),
        ("childRelationships", J::obj(Vec::<(String, J)>::new())),
        ("eTag", J::Str(etag(&id))),
        ("fields", J::Obj(fields)),
        ("id", J::s(id)),
        ("lastModifiedById", J::Null),
        ("lastModifiedDate", modified.clone()),
        ("recordTypeId", J::Null),
        ("recordTypeInfo", J::Null),
        ("systemModstamp", modified),
        ("weakEtag", J::Int(0)),
    ])
}

/// A user-or-queue owner as the UI API writes it: not a UI API Record but the `Name` entity's
/// fields beside an `attributes` object (`"Owner": {"displayValue": "User User", "value":
/// {"attributes": {"type": "Name", "url": "/services/data/v55.0/sobjects/User/005…"},
/// "NameOrAlias": {"displayValue": null, "value": "UUser"}, "Name": {…}}}` in a UI API search
/// answer recorded from a Salesforce org, a Case's `Owner.NameOrAlias`; that list-records
/// writes it the same way is [unverified]). A client that walks `value.fields` finds nothing
/// there.
fn name_entity_json(data: &OrgData, r: &RelDef, user: usize, fields: &[&str], version: &str) -> J {
    let users = data.table(r.target);
    let id = users.records[user].id.clone();
    let mut out: Vec<(String, J)> = vec![(
        "attributes".to_string(),
        J::obj([
            ("type", J::s("Name")),
            ("url", J::Str(format!("/services/data/v{version}/sobjects/User/{id}"))),
        ]),
    )];
    for field in fields {
        // One level: the Name entity has no relationships the demo's views follow.
        if field.contains('.') || out.iter().any(|(n, _)| n.eq_ignore_ascii_case(field)) {
            continue;
        }
        let name = if field.eq_ignore_ascii_case(NAME_OR_ALIAS) {
            NAME_OR_ALIAS
        } else {
            match r.target.field_index(field) {
                Some(i) => r.target.fields()[i].name,
                None => continue,
            }
        };
        let value = users.value(user, r.target_field(name));
        out.push((
            name.to_string(),
            J::obj([
                ("displayValue", J::Null),
                ("value", J::opt_s(value.as_str().map(str::to_string))),
            ]),
        ));
    }
    J::Obj(out)
}

/// The `sortBy` of a page: the keys asked for, else the list view's own order.
fn sort_by(view: &ListView, keys: &[Key]) -> String {
    if keys.is_empty() {
        let (f, desc) = view.order;
        format!("{}{f}", if desc { "-" } else { "" })
    } else {
        keys.iter()
            .map(|k| format!("{}{}", if k.desc { "-" } else { "" }, k.path))
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// The List Record Collection of one page.
pub fn list_records_json(
    view: &ListView,
    data: &OrgData,
    now: i64,
    user: DemoUser,
    params: &Params,
    version: &str,
) -> J {
    let hits = ordered(view, data, now, user, &params.keys);
    let cols = visible_columns(view.obj, user.profile());
    let paths: Vec<&str> = cols.iter().map(|c| c.path).collect();
    let page: Vec<J> = hits
        .iter()
        .skip(params.offset)
        .take(params.page_size)
        .map(|&i| record_json(data, view.obj, i, &paths, version))
        .collect();
    let sort_by = sort_by(view, &params.keys);
    let base = format!("/services/data/v{version}/ui-api/list-records/{}", view.id);
    let token_at = |offset: usize| page_token(view, &sort_by, params.page_size, offset);
    let url = |offset: usize| {
        let mut u = format!("{base}?pageSize={}&pageToken={}", params.page_size, token_at(offset));
        if !params.keys.is_empty() {
            u.push_str(&format!("&sortBy={sort_by}"));
        }
        u
    };
    let next = params.offset + page.len();
    let next = (next < hits.len() && next <= MAX_OFFSET).then_some(next);
    let previous = (params.offset > 0).then(|| params.offset.saturating_sub(params.page_size));
    let token = |o: Option<usize>| o.map_or(J::Null, |o| J::Str(token_at(o)));
    let page_url = |o: Option<usize>| o.map_or(J::Null, |o| J::Str(url(o)));
    J::obj([
        ("count", J::Int(page.len() as i64)),
        ("currentPageToken", J::Str(token_at(params.offset))),
        ("currentPageUrl", J::Str(url(params.offset))),
        ("fields", J::Arr(Vec::new())),
        ("listInfoETag", J::Str(etag(&format!("{}/{}", view.id, user.as_str())))),
        (
            "listReference",
            J::obj([
                ("id", J::s(view.id.clone())),
                ("listViewApiName", J::s(view.developer_name.clone())),
                ("objectApiName", J::s(view.obj.api_name())),
                ("type", J::s("listView")),
            ]),
        ),
        ("nextPageToken", token(next)),
        ("nextPageUrl", page_url(next)),
        ("optionalFields", J::Arr(Vec::new())),
        ("pageSize", J::Int(params.page_size as i64)),
        ("previousPageToken", token(previous)),
        ("previousPageUrl", page_url(previous)),
        ("records", J::Arr(page)),
        ("searchTerm", J::Null),
        ("sortBy", J::Str(sort_by)),
        ("where", J::Null),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_dates_are_written_as_the_en_us_sample() {
        assert_eq!(money(235000.0), "$235,000.00");
        assert_eq!(money(75000.5), "$75,000.50");
        assert_eq!(money(12.0), "$12.00");
        assert_eq!(us_date(text::days_from_civil(2019, 2, 8)), "2/8/2019");
        assert_eq!(ui_datetime(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(etag("001").len(), 32);
    }

    #[test]
    fn picklists_sort_in_their_defined_order() {
        let a = Value::Str("Closed Won".into());
        let b = Value::Str("Prospecting".into());
        assert_eq!(compare(ObjType::Opportunity, "StageName", &a, &b), Ordering::Greater);
        assert_eq!(
            compare(
                ObjType::Case,
                "Priority",
                &Value::Str("Low".into()),
                &Value::Str("High".into())
            ),
            Ordering::Greater
        );
        assert_eq!(
            compare(
                ObjType::Account,
                "Name",
                &Value::Str("beta".into()),
                &Value::Str("Alpha".into())
            ),
            Ordering::Greater,
            "case-insensitive"
        );
        assert_eq!(
            compare(ObjType::Account, "Name", &Value::Null, &Value::Str("a".into())),
            Ordering::Less,
            "nulls first"
        );
    }

    #[test]
    fn hidden_and_unknown_fields_do_not_exist() {
        let d = crate::data::generate(42, 1_795_000_000);
        let cat = super::super::Catalog::build(&d);
        let lead = cat.for_obj(ObjType::Lead)[0];
        let read =
            |sort: &str, user| Params::read(None, None, Some(sort), lead, user, 62.0).map(|p| p.keys[0].path.clone());
        assert_eq!(
            read("company", DemoUser::Demo).unwrap(),
            "Company",
            "the schema's spelling"
        );
        assert_eq!(read("owner.alias", DemoUser::Demo).unwrap(), "Owner.Alias");
        let (status, code, message) = read("Company", DemoUser::Restricted).unwrap_err();
        assert_eq!((status, code), (400, "INVALID_FIELD"));
        assert_eq!(message, "No such column 'Company' on entity Lead");
        let (_, code, message) = read("Bogus", DemoUser::Demo).unwrap_err();
        assert_eq!(
            (code, message.as_str()),
            ("INVALID_FIELD", "No such column 'Bogus' on entity Lead")
        );
        let two = Params::read(None, None, Some("Name,-Email"), lead, DemoUser::Demo, 62.0);
        assert!(two.is_err(), "one field before 63.0");
        assert!(Params::read(None, None, Some("Name,-Email"), lead, DemoUser::Demo, 63.0).is_ok());
    }
}
