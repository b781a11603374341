//! The one way in: [`generate`] runs every generator in a fixed order on one seeded random
//! sequence and indexes the tables. Deterministic for a `(seed, now)` pair; `now` only moves the
//! dates, so "New This Week" and "Closing This Month" always have records.

use super::content::{dashboards, files, reports};
use super::crm::{accounts, cases, contacts, leads, opportunities};
use super::org::users;
use super::seed::{week_start, Gen, Rng};
use super::table::{OrgData, Table};
use crate::schema::ObjType;
use crate::text::make_id;

/// Generates the data set. Deterministic for `(seed, now)`.
pub fn generate(seed: u64, now: i64) -> OrgData {
    let mut g = Gen {
        rng: Rng::new(seed),
        now,
        week_start: week_start(now),
    };
    let org_id = make_id("00D", 42);
    let (users, user_ids) = users();
    let dana = user_ids[0].clone();
    let (accounts, account_country) = accounts(&mut g, &user_ids);
    let (contacts, contacts_by_account) = contacts(&mut g, &user_ids, &accounts, &account_country);
    let leads = leads(&mut g, &user_ids);
    let opps = opportunities(&mut g, &user_ids, &accounts);
    let cases = cases(&mut g, &user_ids, &accounts, &contacts, &contacts_by_account);
    let versions = files(&mut g, &user_ids, &accounts);
    let reports = reports(&mut g, &user_ids);
    let dashboards = dashboards(&mut g);

    let mut tables = Vec::with_capacity(ObjType::ALL.len());
    for (obj, recs) in ObjType::ALL.into_iter().zip([
        accounts, contacts, leads, opps, cases, versions, reports, dashboards, users,
    ]) {
        tables.push(Table::new(obj, recs));
    }
    OrgData {
        seed,
        now,
        tables,
        org_id,
        user_id: dana,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::data::anchors;
    use crate::data::table::Value;

    const NOW: i64 = 1_795_000_000;

    #[test]
    fn generation_is_deterministic_for_a_seed() {
        let a = generate(42, NOW);
        let b = generate(42, NOW);
        let c = generate(7, NOW);
        for o in ObjType::ALL {
            assert_eq!(a.table(o).records, b.table(o).records, "{o:?}");
        }
        assert_ne!(a.table(ObjType::Account).records, c.table(ObjType::Account).records);
    }

    #[test]
    fn sizes_anchors_and_ids() {
        let d = generate(42, NOW);
        assert_eq!(d.table(ObjType::Account).records.len(), 1500);
        assert_eq!(d.table(ObjType::Contact).records.len(), 2500);
        assert_eq!(d.table(ObjType::Lead).records.len(), 1500);
        assert_eq!(d.table(ObjType::Opportunity).records.len(), 800);
        assert_eq!(d.table(ObjType::Case).records.len(), 1000);
        assert_eq!(d.table(ObjType::ContentVersion).records.len(), 300);
        assert_eq!(d.table(ObjType::Report).records.len(), 120);
        assert_eq!(d.table(ObjType::Dashboard).records.len(), 40);
        let acc = d.table(ObjType::Account);
        assert_eq!(acc.records[0].values[1], Value::Str(anchors::ACME_CORP.into()));
        assert!(acc.records.iter().all(|r| r.id.starts_with("001") && r.id.len() == 18));
        assert_eq!(
            d.table(ObjType::Case).value(0, "CaseNumber"),
            &Value::Str("00001001".into())
        );
        let cv = d.table(ObjType::ContentVersion);
        assert!(cv.records.iter().any(|r| r.values[5] == Value::Bool(false)));
        let names: HashSet<_> = acc.records.iter().filter_map(|r| r.values[1].as_str()).collect();
        assert_eq!(names.len(), 1500, "account names are unique");
    }

    #[test]
    fn generation_is_fast() {
        let t = std::time::Instant::now();
        let _ = generate(1, NOW);
        // Debug builds are ~10x slower than release; the release budget is 200 ms.
        assert!(t.elapsed() < std::time::Duration::from_secs(5));
    }
}
