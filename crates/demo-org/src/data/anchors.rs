//! Names of the fixed records that tests rely on: the generator puts them first in their
//! tables (with fixed owners and dates), so a search for "Acme" always finds every object type.

pub const ACME_CORP: &str = "Acme Corporation";
pub const ACME_LABS: &str = "Acme Labs";
pub const ACME_NORDIC: &str = "Nordic Acme Traders";
pub const RESERVED_CHARS_ACCOUNT: &str = "R&D {Lab} (Test) - 50% off: yes!";
pub const ADA: &str = "Ada Lovelace";
pub const ZOE: &str = "Zoë Ørsted";
pub const MARIE: &str = "Marie Curie";
pub const MARIE_COMPANY: &str = "Institut du Radium";
/// Lead "Priya Raman" works there, so "Acme" finds a Lead too.
pub const ACME_LEAD_COMPANY: &str = "Acme Robotics";
pub const ACME_OPP: &str = "Acme — Renewal 2027";
pub const ACME_CASE_SUBJECT: &str = "Acme printer jam on the 3rd floor";
pub const ACME_FILE: &str = "Acme Pricing Sheet";
pub const ACME_REPORT: &str = "Acme Pipeline";
pub const ACME_DASHBOARD: &str = "Acme Executive Overview";
