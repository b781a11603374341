//! Records as the REST API writes them: field values in their JSON types, the `attributes`
//! object, and relationship fields nested (`"Account":{…}` or `"Account":null`), in the order
//! the query asked for them. Shared by search results and record retrieval.

use crate::data::{OrgData, Value};
use crate::json::J;
use crate::schema::{FieldDef, ObjType, RelDef};
use crate::text;

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
