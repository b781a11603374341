//! List view wire types (API-NOTES §4; samples rest_listviews_response.json and
//! rest_listview_results_response.json).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize)]
pub struct ListViewPage {
    #[serde(default = "yes")]
    pub done: bool,
    #[serde(default)]
    pub listviews: Vec<ListViewEntry>,
    #[serde(rename = "nextRecordsUrl", default)]
    pub next_records_url: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListViewEntry {
    pub id: String,
    pub label: String,
    #[serde(rename = "developerName", default)]
    pub developer_name: String,
    /// False for a view whose filters SOQL cannot express: the API gives no results for it.
    #[serde(rename = "soqlCompatible", default = "yes")]
    pub soql_compatible: bool,
}

/// A row of a SOQL query on the `ListView` object (Object Reference, ListView).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ListViewRow {
    #[serde(rename = "Id")]
    pub id: String,
    #[serde(rename = "Name", default)]
    pub name: String,
    #[serde(rename = "DeveloperName", default)]
    pub developer_name: String,
    #[serde(rename = "SobjectType", default)]
    pub sobject_type: String,
    #[serde(rename = "IsSoqlCompatible", default = "yes")]
    pub soql_compatible: bool,
    /// ISO 8601 as Salesforce writes it (`2026-11-28T10:00:00.000+0000`); it sorts as text.
    #[serde(rename = "LastViewedDate", default)]
    pub last_viewed: Option<String>,
}

/// The SOQL query for every list view of `sobjects` (API names, checked to be plain names).
pub fn list_views_soql(sobjects: &[&str]) -> String {
    let types: Vec<String> = sobjects
        .iter()
        .filter(|t| t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .map(|t| format!("'{t}'"))
        .collect();
    format!(
        "SELECT Id, Name, DeveloperName, SobjectType, IsSoqlCompatible, LastViewedDate FROM ListView WHERE SobjectType IN ({})",
        types.join(", ")
    )
}

#[derive(Debug, Clone, Deserialize)]
pub struct ListViewResults {
    pub columns: Vec<ResultColumn>,
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub records: Vec<ResultRecord>,
    #[serde(default)]
    pub size: u64,
    #[serde(default = "yes")]
    pub done: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ResultColumn {
    #[serde(rename = "fieldNameOrPath")]
    pub field: String,
    pub label: String,
    #[serde(default)]
    pub hidden: bool,
    /// Salesforce's field type ("currency", "date", "datetime", "percent", "string"…).
    #[serde(rename = "type", default)]
    pub kind: String,
    /// How the list view sorts its records by this column: "ascending", "descending", or null
    /// for the columns it does not sort by. This resource takes no sort of its own (only `limit`
    /// and `offset`); a sort on request is the UI API's (`ui-api/list-records/{id}?sortBy=`).
    #[serde(rename = "sortDirection", default)]
    pub sort_direction: Option<String>,
    /// Whether Salesforce can sort the list view by this column (false for the hidden `Id`
    /// and system dates in rest_listview_results_response.json). Taken as sortable when not
    /// said, and left to Salesforce to refuse.
    #[serde(default = "yes")]
    pub sortable: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ResultRecord {
    pub columns: Vec<ResultCell>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ResultCell {
    #[serde(rename = "fieldNameOrPath")]
    pub field: String,
    pub value: Option<serde_json::Value>,
}

impl ResultCell {
    /// Values are display strings or null; anything else is shown as its JSON text.
    pub fn display(&self) -> Option<String> {
        match &self.value {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(other) => Some(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_results_column_says_how_the_list_view_sorts_by_it() {
        let answer: ListViewResults = serde_json::from_str(
            r#"{"columns":[
                 {"fieldNameOrPath":"Name","label":"Name","hidden":false,"type":"string","sortDirection":"ascending","sortIndex":0,"sortable":true},
                 {"fieldNameOrPath":"Company","label":"Company","hidden":false,"type":"string","sortDirection":null,"sortIndex":null,"sortable":true},
                 {"fieldNameOrPath":"Id","label":"Lead ID","hidden":true,"type":"id"}],
               "records":[],"size":0,"done":true}"#,
        )
        .unwrap();
        let sorts: Vec<Option<&str>> = answer.columns.iter().map(|c| c.sort_direction.as_deref()).collect();
        assert_eq!(sorts, [Some("ascending"), None, None]);
    }
}
