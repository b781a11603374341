//! A list view's records sorted on request: the User Interface API's Get List View Records,
//! `GET /services/data/vXX.X/ui-api/list-records/{listViewId}` (UI API Developer Guide, "Get
//! List View Records with URL Parameters", available since 42.0). The REST List View Results
//! resource takes only `limit` and `offset`; this one takes:
//! - `sortBy`: "The API names of the fields the list view is sorted by. If the name is preceded
//!   with -, the sort order is descending" (one field per request before 63.0; we send one);
//! - `pageSize`: 1–2000, default 50;
//! - `pageToken`: "A token that represents the page offset … The maximum offset is 2000 and the
//!   default is 0" (Salesforce's own LDS tests ask for `pageToken: '3'` after a page of 3,
//!   salesforce lds `getListUi` karma tests, listViewId.spec.js).
//!
//! Its answer is a List Record Collection (UI API "List Record Collection": `count`,
//! `currentPageToken`, `nextPageToken`, `previousPageToken`, `pageSize`, `sortBy`, `records`):
//! each record is a UI API Record whose `fields` map a field's API name to `{displayValue,
//! value}`, and a relationship's `value` is the related record, fields and all
//! (`"Account": {"displayValue": "Edge Communications", "value": {"apiName": "Account", "fields":
//! {"Name": {"displayValue": null, "value": "Edge Communications"}}}}` in the same tests' mock
//! of `list-records` for Opportunity, where `"Amount": {"displayValue": "$235,000.00", "value":
//! 235000.0}`, `"CloseDate": {"displayValue": "2/8/2019", "value": "2019-02-08"}` and
//! `"StageName": {"displayValue": "Closed Won", "value": "Closed Won"}`).
//!
//! Refusals come as the REST error array (UI API "Status Codes and Error Responses", "Error
//! Message": `errorCode`, `message`): a field that does not exist or that the user may not see
//! is 400 `INVALID_FIELD` "No such column 'BadField' on entity Opportunity" (LDS tests, above),
//! a list view that is not there 403 `INSUFFICIENT_ACCESS`, a page size out of range 400
//! `NUMBER_OUTSIDE_VALID_RANGE`, a token that is not one 400 `ILLEGAL_QUERY_PARAMETER_VALUE`.

use serde::Deserialize;
use serde_json::{Map, Value};

/// The UI API's List Record Collection, as much of it as the widget reads.
#[derive(Debug, Clone, Deserialize)]
pub struct ListRecordCollection {
    /// How many records this page holds. Not the total of the list view: Salesforce's clients
    /// add up `count` page after page.
    #[serde(default)]
    pub count: u64,
    #[serde(rename = "currentPageToken", default)]
    pub current_page_token: Option<String>,
    #[serde(rename = "nextPageToken", default)]
    pub next_page_token: Option<String>,
    #[serde(rename = "previousPageToken", default)]
    pub previous_page_token: Option<String>,
    #[serde(rename = "pageSize", default)]
    pub page_size: Option<u32>,
    /// The sort Salesforce applied, as `sortBy` is written (`Name`, `-Account.Name`; several
    /// separated by commas).
    #[serde(rename = "sortBy", default)]
    pub sort_by: Option<String>,
    #[serde(default)]
    pub records: Vec<UiRecord>,
}

/// One UI API Record.
#[derive(Debug, Clone, Deserialize)]
pub struct UiRecord {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(rename = "apiName", default)]
    pub api_name: String,
    #[serde(default)]
    pub fields: Map<String, Value>,
}

impl UiRecord {
    /// The `{displayValue, value}` at a column path (`Name`, `Account.Name`, `Owner.Alias`):
    /// each step but the last is a relationship whose `value` is the related record.
    ///
    /// A user-or-queue owner (a Lead's, a Case's) is not a UI API Record but Salesforce's `Name`
    /// entity, its fields beside an `attributes` object (`"Owner": {"displayValue": "User
    /// User", "value": {"attributes": {"type": "Name", …}, "NameOrAlias": {"displayValue": null,
    /// "value": "UUser"}, …}}` in a UI API answer recorded from a Salesforce org): both are read.
    pub fn field(&self, path: &str) -> Option<&Map<String, Value>> {
        let mut fields = &self.fields;
        let mut steps = path.split('.').peekable();
        while let Some(step) = steps.next() {
            let field = fields.get(step)?.as_object()?;
            if steps.peek().is_none() {
                return Some(field);
            }
            let related = field.get("value")?.as_object()?;
            fields = match related.get("fields").and_then(Value::as_object) {
                Some(record_fields) => record_fields,
                None if related.contains_key("attributes") => related,
                None => return None,
            };
        }
        None
    }

    /// The text of a column, written as the REST List View Results write it, so that a sorted
    /// page reads like an unsorted one: picklists by their label (`toLabel()` there,
    /// `displayValue` here), numbers and dates as the raw value (`235000`, `2019-02-08`: the
    /// front ends format them), a lookup by its name.
    ///
    /// `Owner.NameOrAlias` (Lead and Case views), when the page does not carry it, is the
    /// owner's name as the relationship displays it: the column shows who owns the record
    /// rather than nothing.
    pub fn cell(&self, path: &str, kind: &str) -> Option<String> {
        let Some(field) = self.field(path) else {
            let owner = path.strip_suffix(".NameOrAlias")?;
            return self
                .field(owner)?
                .get("displayValue")
                .and_then(Value::as_str)
                .map(str::to_string);
        };
        let display = field.get("displayValue").and_then(Value::as_str);
        let value = field.get("value").unwrap_or(&Value::Null);
        let labelled = matches!(kind, "picklist" | "multipicklist" | "combobox");
        match value {
            Value::Null => None,
            Value::String(s) if labelled => Some(display.unwrap_or(s).to_string()),
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(match n.as_f64() {
                Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
                _ => n.to_string(),
            }),
            Value::Bool(b) => Some(b.to_string()),
            Value::Object(_) | Value::Array(_) => display.map(str::to_string),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shaped as the list-records mock of Salesforce's LDS tests (Opportunity, All
    /// Opportunities, sorted by Account.Name): keys and value types as there.
    const SAMPLE: &str = r#"{
      "count": 2, "currentPageToken": "0",
      "currentPageUrl": "/services/data/v62.0/ui-api/list-records/00B2E00000B0l96UAB?pageSize=2&pageToken=0&sortBy=-Account.Name",
      "fields": [], "listInfoETag": "ca8e4a0491dcbc663f307301134e86a1",
      "listReference": {"id": "00B2E00000B0l96UAB", "listViewApiName": "AllOpportunities", "objectApiName": "Opportunity", "type": "listView"},
      "nextPageToken": "2", "nextPageUrl": "/services/data/v62.0/ui-api/list-records/00B2E00000B0l96UAB?pageSize=2&pageToken=2&sortBy=-Account.Name",
      "optionalFields": [], "pageSize": 2, "previousPageToken": null, "previousPageUrl": null,
      "records": [
        {"apiName": "Opportunity", "childRelationships": {}, "eTag": "98cb",
         "fields": {
           "Account": {"displayValue": "Edge Communications", "value": {"apiName": "Account", "childRelationships": {}, "eTag": "6400",
              "fields": {"Id": {"displayValue": null, "value": "0012E00001oNAwTQAW"}, "Name": {"displayValue": null, "value": "Edge Communications"}},
              "id": "0012E00001oNAwTQAW", "recordTypeInfo": null}},
           "AccountId": {"displayValue": null, "value": "0012E00001oNAwTQAW"},
           "Amount": {"displayValue": "$75,000.00", "value": 75000.0},
           "CloseDate": {"displayValue": "4/4/2019", "value": "2019-04-04"},
           "Id": {"displayValue": null, "value": "0062E00001D6mylQAB"},
           "Name": {"displayValue": null, "value": "Edge Emergency Generator"},
           "Probability": {"displayValue": "10%", "value": 12.5},
           "StageName": {"displayValue": "Closed Won", "value": "Closed_Won"}},
         "id": "0062E00001D6mylQAB", "recordTypeInfo": null},
        {"apiName": "Opportunity", "childRelationships": {}, "eTag": "8e44",
         "fields": {
           "Account": {"displayValue": null, "value": null},
           "Amount": {"displayValue": null, "value": null},
           "Id": {"displayValue": null, "value": "0062E00001D6mz0QAB"},
           "Name": {"displayValue": null, "value": "Burlington Weaving"},
           "StageName": {"displayValue": "Prospecting", "value": "Prospecting"}},
         "id": "0062E00001D6mz0QAB", "recordTypeInfo": null}
      ],
      "sortBy": "-Account.Name"
    }"#;

    #[test]
    fn a_list_record_collection_reads_as_documented() {
        let page: ListRecordCollection = serde_json::from_str(SAMPLE).unwrap();
        assert_eq!(page.count, 2);
        assert_eq!(page.current_page_token.as_deref(), Some("0"));
        assert_eq!(page.next_page_token.as_deref(), Some("2"));
        assert_eq!(page.previous_page_token, None);
        assert_eq!(page.page_size, Some(2));
        assert_eq!(page.sort_by.as_deref(), Some("-Account.Name"));
        assert_eq!(page.records.len(), 2);
        assert_eq!(page.records[0].id.as_deref(), Some("0062E00001D6mylQAB"));
        assert_eq!(page.records[0].api_name, "Opportunity");
    }

    #[test]
    fn cells_read_like_the_rest_results() {
        let page: ListRecordCollection = serde_json::from_str(SAMPLE).unwrap();
        let r = &page.records[0];
        assert_eq!(r.cell("Name", "string").as_deref(), Some("Edge Emergency Generator"));
        assert_eq!(
            r.cell("Account.Name", "string").as_deref(),
            Some("Edge Communications"),
            "a path through a relationship"
        );
        assert_eq!(r.cell("Amount", "currency").as_deref(), Some("75000"), "the raw amount");
        assert_eq!(r.cell("Probability", "percent").as_deref(), Some("12.5"));
        assert_eq!(
            r.cell("CloseDate", "date").as_deref(),
            Some("2019-04-04"),
            "the raw date"
        );
        assert_eq!(
            r.cell("StageName", "picklist").as_deref(),
            Some("Closed Won"),
            "the label"
        );
        assert_eq!(r.cell("Account", "reference").as_deref(), Some("Edge Communications"));
        assert_eq!(r.cell("Owner.Alias", "string"), None, "not in the record");
        assert_eq!(r.cell("Owner.NameOrAlias", "string"), None, "no owner at all");
        let empty = &page.records[1];
        assert_eq!(empty.cell("Account.Name", "string"), None, "a null lookup");
        assert_eq!(empty.cell("Amount", "currency"), None);
    }

    /// A Case's owner as a UI API answer recorded from a Salesforce org writes it (the `Name`
    /// entity: fields beside `attributes`), and one whose page carries only the owner's name.
    #[test]
    fn a_user_or_queue_owner_reads_by_name_or_alias() {
        let record: UiRecord = serde_json::from_str(
            r#"{"apiName": "Case", "fields": {
                 "Owner": {"displayValue": "User User", "value": {
                   "attributes": {"type": "Name", "url": "/services/data/v55.0/sobjects/User/005xx000001X7kDAAS"},
                   "NameOrAlias": {"displayValue": null, "value": "UUser"},
                   "Name": {"displayValue": null, "value": "User User"}}},
                 "OwnerId": {"displayValue": null, "value": "005xx000001X7kDAAS"}}}"#,
        )
        .unwrap();
        assert_eq!(record.cell("Owner.NameOrAlias", "string").as_deref(), Some("UUser"));
        assert_eq!(record.cell("Owner.Name", "string").as_deref(), Some("User User"));
        let thin: UiRecord = serde_json::from_str(
            r#"{"apiName": "Lead", "fields": {
                 "Owner": {"displayValue": "Support Queue", "value": {"attributes": {"type": "Name"}}}}}"#,
        )
        .unwrap();
        assert_eq!(
            thin.cell("Owner.NameOrAlias", "string").as_deref(),
            Some("Support Queue"),
            "the owner's name when the page does not carry NameOrAlias"
        );
        assert_eq!(thin.cell("Owner.Email", "email"), None, "no stand-in for other fields");
    }
}
