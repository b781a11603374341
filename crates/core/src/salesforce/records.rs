//! Search answers, typed. Salesforce returns one flat `searchRecords` array with records
//! of every type in RETURNING order (jsforce `SearchResult`; API-NOTES §3); each record
//! carries `attributes.type` and the requested fields, relationship fields nested as
//! objects (`"Account": {"Name": ...}` or `"Account": null`).

use super::access::Unseen;
use super::error::SalesforceError;
use super::objects::SearchObject;
use super::urls::RecordLinks;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

/// One hit, ready to show: the spec's fields in order, the id of the record that opens,
/// and its Lightning URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResult {
    pub object: SearchObject,
    pub id: String,
    pub title: String,
    #[serde(serialize_with = "fields_as_map", deserialize_with = "fields_from_map")]
    pub fields: Vec<(String, Option<String>)>,
    pub url: String,
}

impl SearchResult {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| v.as_deref())
    }

    /// The line a person reads first, in the window and on the terminal alike: the record's
    /// name or title; for a Case its number and subject (the number alone without a subject).
    pub fn headline(&self) -> String {
        if self.object == SearchObject::Case {
            if let Some(number) = self.field("CaseNumber").filter(|n| *n != self.title) {
                return format!("{number} {}", self.title);
            }
        }
        self.title.clone()
    }

    /// The spec's other fields, shown beside the headline in its order, as a person reads
    /// them: (API name, value). A file's type is its product's name ("Excel"), not
    /// Salesforce's code (`EXCEL_X`); `--json` keeps the code.
    pub fn details(&self) -> Vec<(&str, Option<String>)> {
        let in_headline: &[&str] = match self.object {
            SearchObject::Case => &["CaseNumber", "Subject"],
            other => &other.shown_fields()[..1],
        };
        self.fields
            .iter()
            .filter(|(k, _)| !in_headline.contains(&k.as_str()))
            .map(|(k, v)| {
                let shown = match (k.as_str(), v.as_deref()) {
                    ("FileType", Some(code)) => Some(file_type_name(code)),
                    (_, v) => v.map(String::from),
                };
                (k.as_str(), shown)
            })
            .collect()
    }
}

/// A ContentVersion `FileType` code as people name the format (Object Reference,
/// ContentVersion: `FileType` values such as `EXCEL_X`, `WORD_X`, `POWER_POINT_X`, `PDF`,
/// `PNG`, `JPG`, `CSV`, `TEXT`, `ZIP`, `UNKNOWN`). The names are the same in every language.
pub fn file_type_name(code: &str) -> String {
    let name = match code.to_ascii_uppercase().as_str() {
        "EXCEL_X" | "EXCEL_M" | "EXCEL" => "Excel",
        "WORD_X" | "WORD_M" | "WORD" => "Word",
        "POWER_POINT_X" | "POWER_POINT_M" | "POWER_POINT" => "PowerPoint",
        "PDF" => "PDF",
        "CSV" => "CSV",
        "TEXT" => "TXT",
        "PNG" => "PNG",
        "JPG" | "JPEG" => "JPEG",
        "GIF" => "GIF",
        "ZIP" => "ZIP",
        "HTML" => "HTML",
        "XML" => "XML",
        "MP4" => "MP4",
        "UNKNOWN" => "?",
        // A code we do not know: readable, not shouted (`VISIO_X` → `Visio x`).
        other => {
            let spaced = other.replace('_', " ").to_lowercase();
            let mut chars = spaced.chars();
            return match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            };
        }
    };
    name.to_string()
}

/// `fields` keeps the spec's order in JSON too.
fn fields_as_map<S: Serializer>(fields: &[(String, Option<String>)], s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(fields.len()))?;
    for (k, v) in fields {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

fn fields_from_map<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<(String, Option<String>)>, D::Error> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Vec<(String, Option<String>)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a map of field names to strings or null")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some((k, v)) = map.next_entry::<String, Option<String>>()? {
                out.push((k, v));
            }
            Ok(out)
        }
    }
    d.deserialize_map(V)
}

#[derive(Deserialize)]
struct SearchResponse {
    #[serde(rename = "searchRecords")]
    search_records: Vec<serde_json::Value>,
}

/// Reads a SOSL answer. Records of types we did not ask for are skipped; a record that
/// lacks its Id is a malformed answer.
pub fn parse_search_response(body: &[u8], links: &RecordLinks) -> Result<Vec<SearchResult>, SalesforceError> {
    parse_search_response_seeing(body, links, &Unseen::default())
}

/// The records of a search answer, each with the fields this user can see.
pub fn parse_search_response_seeing(
    body: &[u8],
    links: &RecordLinks,
    unseen: &Unseen,
) -> Result<Vec<SearchResult>, SalesforceError> {
    let response: SearchResponse =
        serde_json::from_slice(body).map_err(|e| SalesforceError::MalformedResponse(format!("search answer: {e}")))?;
    let mut out = Vec::with_capacity(response.search_records.len());
    for record in &response.search_records {
        let Some(sobject) = record.pointer("/attributes/type").and_then(|t| t.as_str()) else {
            return Err(SalesforceError::MalformedResponse(
                "a search record has no attributes.type".into(),
            ));
        };
        let Some(object) = SearchObject::from_sobject(sobject) else {
            continue;
        };
        out.push(to_result(object, record, links, unseen)?);
    }
    Ok(out)
}

fn to_result(
    object: SearchObject,
    record: &serde_json::Value,
    links: &RecordLinks,
    unseen: &Unseen,
) -> Result<SearchResult, SalesforceError> {
    let text = |path: &str| -> Option<String> { field_value(record, path) };
    let open_id_field = if object == SearchObject::File {
        "ContentDocumentId"
    } else {
        "Id"
    };
    let id = text(open_id_field).ok_or_else(|| {
        SalesforceError::MalformedResponse(format!("a {object} search record has no {open_id_field}"))
    })?;
    let fields: Vec<(String, Option<String>)> = unseen
        .shown_fields_of(object)
        .into_iter()
        .map(|f| (f.to_string(), text(f)))
        .collect();
    let title = match object {
        SearchObject::Case => text("Subject").or_else(|| text("CaseNumber")),
        _ => fields.first().and_then(|(_, v)| v.clone()),
    }
    .unwrap_or_default();
    let url = links.record_url(object.record_page_sobject(), &id);
    Ok(SearchResult {
        object,
        id,
        title,
        fields,
        url,
    })
}

/// A field by API name, following `Account.Name` into the nested object. Numbers and
/// booleans are shown as text; null and missing are `None`.
fn field_value(record: &serde_json::Value, path: &str) -> Option<String> {
    let mut value = record;
    for part in path.split('.') {
        value = value.get(part)?;
    }
    match value {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_file_type_is_shown_by_its_name_and_kept_as_salesforce_code() {
        assert_eq!(super::file_type_name("EXCEL_X"), "Excel");
        assert_eq!(super::file_type_name("POWER_POINT_X"), "PowerPoint");
        assert_eq!(super::file_type_name("pdf"), "PDF");
        assert_eq!(super::file_type_name("VISIO_X"), "Visio x");
        let file = SearchResult {
            object: SearchObject::File,
            id: "069A".into(),
            title: "Pricing".into(),
            fields: vec![
                ("Title".into(), Some("Pricing".into())),
                ("FileType".into(), Some("EXCEL_X".into())),
            ],
            url: "https://x".into(),
        };
        assert_eq!(file.details(), [("FileType", Some("Excel".to_string()))]);
        assert_eq!(
            file.field("FileType"),
            Some("EXCEL_X"),
            "the record keeps Salesforce's code"
        );
    }

    use super::*;

    fn links() -> RecordLinks {
        RecordLinks::for_instance("https://acme.my.salesforce.com").expect("valid")
    }

    #[test]
    fn reads_nested_relationship_and_null_account() {
        let body = br#"{"searchRecords":[
          {"attributes":{"type":"Contact","url":"/x"},"Id":"003A","Name":"Ada Lovelace","Account":{"attributes":{"type":"Account","url":"/y"},"Name":"Acme"}},
          {"attributes":{"type":"Contact","url":"/x"},"Id":"003B","Name":"Zoe","Account":null}
        ]}"#;
        let r = parse_search_response(body, &links()).expect("parses");
        assert_eq!(r[0].field("Account.Name"), Some("Acme"));
        assert_eq!(r[1].field("Account.Name"), None);
        assert_eq!(r[1].fields.len(), 2);
        assert_eq!(
            r[0].url,
            "https://acme.lightning.force.com/lightning/r/Contact/003A/view"
        );
    }

    #[test]
    fn files_open_their_content_document() {
        let body = br#"{"searchRecords":[{"attributes":{"type":"ContentVersion"},"Id":"068A","Title":"Pricing","FileType":"EXCEL_X","ContentDocumentId":"069B"}]}"#;
        let r = parse_search_response(body, &links()).expect("parses");
        assert_eq!(r[0].object, SearchObject::File);
        assert_eq!(r[0].id, "069B");
        assert!(r[0].url.ends_with("/lightning/r/ContentDocument/069B/view"));
        assert_eq!(
            r[0].fields,
            vec![
                ("Title".into(), Some("Pricing".into())),
                ("FileType".into(), Some("EXCEL_X".into()))
            ]
        );
    }

    #[test]
    fn the_reference_sample_parses() {
        let body = br#"{"searchRecords":[{"attributes":{"type":"Account","url":"/services/data/v66.0/sobjects/Account/001D000000IqhSLIAZ"},"Id":"001D000000IqhSLIAZ"}]}"#;
        let r = parse_search_response(body, &links()).expect("parses");
        assert_eq!(r[0].id, "001D000000IqhSLIAZ");
        assert_eq!(r[0].field("Name"), None);
    }

    #[test]
    fn malformed_answers_are_errors_not_panics() {
        for body in [
            &b"{"[..],
            b"[]",
            b"{\"searchRecords\":[{}]}",
            b"{\"searchRecords\":[{\"attributes\":{\"type\":\"Lead\"}}]}",
        ] {
            assert!(matches!(
                parse_search_response(body, &links()),
                Err(SalesforceError::MalformedResponse(_))
            ));
        }
    }

    #[test]
    fn json_fields_keep_the_spec_order() {
        let body = br#"{"searchRecords":[{"attributes":{"type":"Case"},"Id":"500A","CaseNumber":"00001001","Subject":"Printer jam","Status":"New"}]}"#;
        let r = parse_search_response(body, &links()).expect("parses");
        let json = serde_json::to_string(&r[0]).expect("serializes");
        assert!(
            json.contains(r#""fields":{"CaseNumber":"00001001","Subject":"Printer jam","Status":"New"}"#),
            "{json}"
        );
        let back: SearchResult = serde_json::from_str(&json).expect("round trip");
        assert_eq!(back, r[0]);
    }
}
