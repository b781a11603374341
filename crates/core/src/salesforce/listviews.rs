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
