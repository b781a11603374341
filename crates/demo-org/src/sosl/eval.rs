//! Running a parsed query over the data set: candidates from the word index, the term and
//! WHERE checked per record, ranking (exact name, then name prefix) or ORDER BY, OFFSET, and
//! the per-object and overall LIMITs shared out as Salesforce does.

use super::query::{Cond, FieldPath, Lit, ObjSpec, Op, Query, MAX_LIMIT};
use super::render::record_json;
use super::term::{glob, Expr, PChar};
use crate::data::{OrgData, Value};
use crate::json::J;
use crate::profiles::DemoUser;
use crate::schema::ObjType;
use crate::text;

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
fn matches_for(q: &Query, spec: &ObjSpec, data: &OrgData, user: DemoUser) -> Vec<usize> {
    let t = data.table(spec.obj);
    let profile = user.profile();
    // The index holds every field's words; a field the profile hides must not match.
    let hides = profile.hides_fields_of(spec.obj);
    let cands = q.term.candidates(t, q.scope);
    // A single plain or prefix word: the index answer is exact, no need to re-check the words.
    let exact = !hides && cands.is_some() && matches!(&q.term, Expr::Word(p) if p.index_exact());
    let mut cands: Vec<u32> = cands.unwrap_or_else(|| (0..t.records.len() as u32).collect());
    cands.sort_unstable();
    cands.dedup();
    let mut hits: Vec<usize> = cands
        .into_iter()
        .map(|i| i as usize)
        .filter(|&i| {
            exact
                || if hides {
                    q.term
                        .eval(&t.words_seen(q.scope, i, |f| profile.field_visible(spec.obj, f)))
                } else {
                    q.term.eval(&t.words(q.scope, i))
                }
        })
        .filter(|&i| spec.where_.as_ref().is_none_or(|c| eval_cond(data, spec.obj, i, c)))
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

/// Runs a parsed query: the `searchRecords` array (flat, in RETURNING order).
pub fn execute(q: &Query, data: &OrgData, user: DemoUser, version: &str) -> Vec<J> {
    let found: Vec<Vec<usize>> = q.returning.iter().map(|s| matches_for(q, s, data, user)).collect();
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
    use crate::sosl::error::SoslError;
    use crate::sosl::{parse, ParseOptions};

    fn p(s: &str) -> Result<Query, SoslError> {
        parse(s, &ParseOptions::default())
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
