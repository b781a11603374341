//! "More" for one object type. The first search asks each type for a few records; a group
//! that came back full may have more, and one SOSL request for that type alone (a larger
//! limit, [`Limits::more`]) fetches them. Which groups may have more, and how the extra
//! records join the list on screen, are decided here, for every front end.

use crate::salesforce::sosl::Limits;
use crate::salesforce::{SearchObject, SearchResult};

/// The object types Salesforce answered with as many records as it was asked for: there may be
/// more of them. In the fixed group order.
pub fn may_have_more(found: &[SearchResult], limits: Limits) -> Vec<SearchObject> {
    SearchObject::ALL
        .into_iter()
        .filter(|object| found.iter().filter(|r| r.object == *object).count() as u64 >= u64::from(limits.per_object))
        .collect()
}

/// The list on screen with `object`'s group grown by `found` (ranked): what is shown stays where
/// it is (the keyboard's place with it), the records not shown yet follow the group's last one,
/// in their order. Records of other types in `found` are ignored.
pub fn grow_group(shown: &[SearchResult], object: SearchObject, found: Vec<SearchResult>) -> Vec<SearchResult> {
    let fresh: Vec<SearchResult> = found
        .into_iter()
        .filter(|r| r.object == object)
        .filter(|r| !shown.iter().any(|s| s.object == r.object && s.id == r.id))
        .fold(Vec::new(), |mut fresh, r| {
            if !fresh.iter().any(|f: &SearchResult| f.id == r.id) {
                fresh.push(r);
            }
            fresh
        });
    // After the group's last record; a group not shown at all goes where the fixed order puts it.
    let rank_of = |o: SearchObject| SearchObject::ALL.iter().position(|a| *a == o).unwrap_or(usize::MAX);
    let at = match shown.iter().rposition(|r| r.object == object) {
        Some(last) => last + 1,
        None => shown
            .iter()
            .position(|r| rank_of(r.object) > rank_of(object))
            .unwrap_or(shown.len()),
    };
    let mut out = Vec::with_capacity(shown.len() + fresh.len());
    out.extend_from_slice(&shown[..at]);
    out.extend(fresh);
    out.extend_from_slice(&shown[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(object: SearchObject, id: &str) -> SearchResult {
        SearchResult {
            object,
            id: id.into(),
            title: id.into(),
            fields: vec![],
            url: String::new(),
        }
    }

    fn ids(results: &[SearchResult]) -> Vec<&str> {
        results.iter().map(|r| r.id.as_str()).collect()
    }

    #[test]
    fn a_full_group_may_have_more_a_short_one_does_not() {
        let found = [
            hit(SearchObject::Lead, "L1"),
            hit(SearchObject::Contact, "C1"),
            hit(SearchObject::Contact, "C2"),
            hit(SearchObject::Lead, "L2"),
            hit(SearchObject::Account, "A1"),
        ];
        let limits = Limits {
            per_object: 2,
            total: 40,
        };
        assert_eq!(
            may_have_more(&found, limits),
            [SearchObject::Contact, SearchObject::Lead]
        );
        assert!(may_have_more(&found, Limits::default()).is_empty());
    }

    #[test]
    fn the_group_grows_after_its_last_record_and_nothing_shown_moves() {
        let shown = [
            hit(SearchObject::Account, "A1"),
            hit(SearchObject::Contact, "C2"),
            hit(SearchObject::Contact, "C1"),
            hit(SearchObject::Lead, "L1"),
        ];
        // Salesforce's larger answer, in its own order, with the records already shown.
        let found = vec![
            hit(SearchObject::Contact, "C1"),
            hit(SearchObject::Contact, "C3"),
            hit(SearchObject::Contact, "C2"),
            hit(SearchObject::Contact, "C4"),
            hit(SearchObject::Contact, "C4"),
            hit(SearchObject::Lead, "L9"),
        ];
        let grown = grow_group(&shown, SearchObject::Contact, found);
        assert_eq!(ids(&grown), ["A1", "C2", "C1", "C3", "C4", "L1"]);
    }

    #[test]
    fn a_group_not_shown_yet_takes_its_place_in_the_fixed_order() {
        let shown = [hit(SearchObject::Account, "A1"), hit(SearchObject::Case, "K1")];
        let grown = grow_group(&shown, SearchObject::Lead, vec![hit(SearchObject::Lead, "L1")]);
        assert_eq!(ids(&grown), ["A1", "L1", "K1"]);
    }
}
