//! The eight searchable object types of spec §2, with exactly the fields the result shows.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SearchObject {
    Lead,
    Account,
    Contact,
    Opportunity,
    File,
    Report,
    Dashboard,
    Case,
}

impl SearchObject {
    /// Display order of groups and order of the RETURNING clause.
    pub const ALL: [SearchObject; 8] = [
        SearchObject::Account,
        SearchObject::Contact,
        SearchObject::Lead,
        SearchObject::Opportunity,
        SearchObject::Case,
        SearchObject::File,
        SearchObject::Report,
        SearchObject::Dashboard,
    ];

    /// The name our CLI and UI use (`File`, not `ContentVersion`).
    pub fn name(self) -> &'static str {
        match self {
            SearchObject::Lead => "Lead",
            SearchObject::Account => "Account",
            SearchObject::Contact => "Contact",
            SearchObject::Opportunity => "Opportunity",
            SearchObject::File => "File",
            SearchObject::Report => "Report",
            SearchObject::Dashboard => "Dashboard",
            SearchObject::Case => "Case",
        }
    }

    /// The sObject searched. Files are ContentVersion, "must be specified explicitly in a
    /// RETURNING clause" (SOSL reference, RETURNING FieldSpec; API-NOTES §3).
    pub fn sobject(self) -> &'static str {
        match self {
            SearchObject::File => "ContentVersion",
            other => other.name(),
        }
    }

    /// The sObject of the record page that opens: a file opens its ContentDocument.
    pub fn record_page_sobject(self) -> &'static str {
        match self {
            SearchObject::File => "ContentDocument",
            other => other.name(),
        }
    }

    /// Fields requested, `Id` first; the shown fields follow in the spec's order.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            SearchObject::Lead => &["Id", "Name", "Company", "Status"],
            SearchObject::Account => &["Id", "Name", "Type"],
            SearchObject::Contact => &["Id", "Name", "Account.Name"],
            SearchObject::Opportunity => &["Id", "Name", "StageName"],
            SearchObject::File => &["Id", "Title", "FileType", "ContentDocumentId"],
            SearchObject::Report => &["Id", "Name", "FolderName"],
            SearchObject::Dashboard => &["Id", "Title", "FolderName"],
            SearchObject::Case => &["Id", "CaseNumber", "Subject", "Status"],
        }
    }

    /// The fields shown in a result (spec §2 table), in order.
    pub fn shown_fields(self) -> &'static [&'static str] {
        match self {
            SearchObject::File => &["Title", "FileType"],
            other => &other.fields()[1..],
        }
    }

    /// A WHERE clause for the RETURNING list: only the latest version of a file.
    pub fn filter(self) -> Option<&'static str> {
        match self {
            SearchObject::File => Some("IsLatest = true"),
            _ => None,
        }
    }

    pub fn from_sobject(name: &str) -> Option<SearchObject> {
        SearchObject::ALL
            .into_iter()
            .find(|o| o.sobject().eq_ignore_ascii_case(name))
    }

    pub fn from_name(name: &str) -> Option<SearchObject> {
        SearchObject::ALL
            .into_iter()
            .find(|o| o.name().eq_ignore_ascii_case(name) || o.sobject().eq_ignore_ascii_case(name))
    }
}

impl std::fmt::Display for SearchObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
