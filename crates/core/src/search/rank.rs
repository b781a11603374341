//! Ranking. Decision (documented in the README): results are **grouped by object type in
//! a fixed order** (Account, Contact, Lead, Opportunity, Case, File, Report, Dashboard) so
//! groups never jump while the user types; inside a group, records whose title equals the
//! text come first, then titles starting with it, then titles with a word starting with
//! it, then the rest in Salesforce's own order.

use super::fold::{fold, words};
use crate::salesforce::{SearchObject, SearchResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Relevance {
    ExactTitle,
    TitlePrefix,
    WordPrefix,
    Other,
}

pub fn relevance(folded_term: &str, title: &str) -> Relevance {
    let t = fold(title);
    let first_term_word = words(folded_term).next().unwrap_or(folded_term);
    if t == folded_term {
        Relevance::ExactTitle
    } else if t.starts_with(folded_term) {
        Relevance::TitlePrefix
    } else if words(&t).any(|w| w.starts_with(first_term_word)) {
        Relevance::WordPrefix
    } else {
        Relevance::Other
    }
}

fn group_index(object: SearchObject) -> usize {
    SearchObject::ALL
        .iter()
        .position(|o| *o == object)
        .unwrap_or(usize::MAX)
}

/// Sorts in place: by group, then relevance, then the order Salesforce gave (stable).
pub fn rank(term: &str, results: &mut [SearchResult]) {
    let folded = fold(term.trim());
    results.sort_by_cached_key(|r| (group_index(r.object), relevance(&folded, &r.title)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(object: SearchObject, title: &str) -> SearchResult {
        SearchResult {
            object,
            id: title.into(),
            title: title.into(),
            fields: vec![],
            url: String::new(),
        }
    }

    #[test]
    fn groups_in_fixed_order_and_best_titles_first() {
        let mut r = vec![
            hit(SearchObject::Dashboard, "Acme Executive Overview"),
            hit(SearchObject::Account, "Global Acme Holdings"),
            hit(SearchObject::Contact, "Ada Lovelace"),
            hit(SearchObject::Account, "Acme Labs"),
            hit(SearchObject::Account, "acme"),
            hit(SearchObject::Account, "Xacmex"),
        ];
        rank("Acme", &mut r);
        let titles: Vec<&str> = r.iter().map(|h| h.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "acme",
                "Acme Labs",
                "Global Acme Holdings",
                "Xacmex",
                "Ada Lovelace",
                "Acme Executive Overview"
            ]
        );
    }

    #[test]
    fn accents_do_not_hurt_relevance() {
        assert_eq!(relevance(&fold("zoe"), "Zoë Ørsted"), Relevance::TitlePrefix);
        assert_eq!(relevance(&fold("Ørsted"), "Zoë Ørsted"), Relevance::WordPrefix);
    }
}
