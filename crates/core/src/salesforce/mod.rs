//! The Salesforce REST client: SOSL building and escaping, typed search records, list
//! views, errors (errorCode → our enum) and the org's API usage.

pub mod access;
pub mod client;
pub mod error;
pub mod limits;
pub mod list_records;
pub mod listviews;
pub mod objects;
pub mod query;
pub mod records;
pub mod sosl;
pub mod urls;

pub use client::SalesforceClient;

/// Whether `given` names the record whose 18-character ID is `full`. People paste the
/// 15-character form (case-sensitive, what Salesforce Classic URLs show) as often as the
/// 18-character one, whose last three characters encode the case of the first fifteen, so it
/// may be compared without regard to case (Salesforce Help "What is a Salesforce ID?").
pub fn same_record_id(full: &str, given: &str) -> bool {
    if full == given {
        return true;
    }
    match given.len() {
        15 => full.len() == 18 && full.starts_with(given),
        18 => full.eq_ignore_ascii_case(given),
        _ => false,
    }
}
pub use crate::rest::{NoApiAccess, API_VERSION};
pub use access::Unseen;
pub use error::SalesforceError;
pub use objects::SearchObject;
pub use records::SearchResult;

#[cfg(test)]
mod tests {
    use super::same_record_id;

    #[test]
    fn fifteen_and_eighteen_character_ids_name_the_same_record() {
        let full = "00BWk000000001nMAA";
        assert!(same_record_id(full, full));
        assert!(same_record_id(full, "00BWk000000001n"));
        assert!(
            same_record_id(full, "00bwk000000001nmaa"),
            "18 characters: case does not matter"
        );
        assert!(!same_record_id(full, "00bwk000000001n"), "15 characters: case matters");
        assert!(!same_record_id(full, "00BWk000000001"));
        assert!(!same_record_id(full, ""));
        assert!(!same_record_id(full, "00BWk000000001nMAB"));
    }
}
