//! What this Salesforce user cannot see. Real users have profiles that withhold whole objects
//! (a service agent without Opportunity) and field-level security that hides fields (no
//! `Account.Type`); Salesforce then refuses the whole SOSL request naming them (`INVALID_TYPE`,
//! `INVALID_FIELD`). Search leaves out what is in here, so the user still finds everything
//! they may see.
//!
//! It is learnt in one API call: a Composite request (up to 25 subrequests, "the entire series
//! counts as a single call toward your API limits" — REST API Developer Guide, Composite) of
//! the sObject Describe of every searched object. A describe answers 404 `NOT_FOUND` for an
//! object the user cannot read, says whether it is `searchable`, and lists only the fields
//! field-level security lets the user see (REST API Developer Guide, sObject Describe; the
//! Object Reference's note that describe results respect field-level security).

use super::objects::SearchObject;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Objects and fields this user cannot see, as learnt from the org.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unseen {
    /// Objects the profile does not grant, or that Salesforce will not search.
    pub objects: BTreeSet<SearchObject>,
    /// Fields hidden by field-level security, by API name (`Type`, `Account.Name`).
    #[serde(default)]
    pub fields: BTreeSet<(SearchObject, String)>,
}

impl Unseen {
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty() && self.fields.is_empty()
    }

    pub fn hides_field(&self, object: SearchObject, field: &str) -> bool {
        self.fields.iter().any(|(o, f)| *o == object && f == field)
    }

    /// The objects to search, in the fixed order.
    pub fn searched_objects(&self) -> Vec<SearchObject> {
        SearchObject::ALL
            .into_iter()
            .filter(|o| !self.objects.contains(o))
            .collect()
    }

    /// The fields to request for `object` (`Id` first), without the hidden ones.
    pub fn fields_of(&self, object: SearchObject) -> Vec<&'static str> {
        object
            .fields()
            .iter()
            .copied()
            .filter(|f| !self.hides_field(object, f))
            .collect()
    }

    /// The fields a result of `object` shows, in the spec's order, without the hidden ones.
    pub fn shown_fields_of(&self, object: SearchObject) -> Vec<&'static str> {
        object
            .shown_fields()
            .iter()
            .copied()
            .filter(|f| !self.hides_field(object, f))
            .collect()
    }

    /// Adds what `other` knows; true when something was new.
    pub fn learn(&mut self, other: Unseen) -> bool {
        let before = (self.objects.len(), self.fields.len());
        self.objects.extend(other.objects);
        self.fields.extend(other.fields);
        before != (self.objects.len(), self.fields.len())
    }
}

/// The describe of `object`, as a subrequest of a Composite request (`version`: `v62.0`).
/// Hundreds of KB for a customised object: only for what needs the field list.
pub fn describe_url(version: &str, object: SearchObject) -> String {
    format!("/services/data/{version}/sobjects/{}/describe", object.sobject())
}

/// The sObject Basic Information of `sobject` (`/services/data/vXX.X/sobjects/{sObject}/`):
/// "basic metadata for a specified object, including some object properties, recent items,
/// and URIs" — a few KB where the describe is hundreds (REST API Developer Guide, "Get Object
/// Metadata Using sObject Basic Information"). Enough to learn whether this user may read the
/// object: one the profile withholds answers 404 `NOT_FOUND` there as on every resource under
/// `/sobjects/{sObject}/` (the page does not say so; it is what clients report, and what the
/// demo org does).
pub fn basic_info_url(version: &str, sobject: &str) -> String {
    format!("/services/data/{version}/sobjects/{sobject}/")
}

/// One subrequest's answer in a Composite answer.
#[derive(Debug, Clone, Deserialize)]
pub struct SubAnswer {
    #[serde(rename = "referenceId")]
    pub reference: String,
    #[serde(rename = "httpStatusCode")]
    pub status: u16,
    #[serde(default)]
    pub body: serde_json::Value,
}

#[derive(Deserialize)]
struct CompositeAnswer {
    #[serde(rename = "compositeResponse")]
    responses: Vec<SubAnswer>,
}

/// The Composite request body for GET subrequests `(referenceId, url)`. `allOrNone: false`:
/// one refused subrequest does not fail the rest.
pub fn composite_request(requests: &[(String, String)]) -> serde_json::Value {
    let requests: Vec<serde_json::Value> = requests
        .iter()
        .map(|(reference, url)| serde_json::json!({ "method": "GET", "url": url, "referenceId": reference }))
        .collect();
    serde_json::json!({ "allOrNone": false, "compositeRequest": requests })
}

pub fn parse_composite(body: &[u8]) -> Result<Vec<SubAnswer>, String> {
    let answer: CompositeAnswer = serde_json::from_slice(body).map_err(|e| format!("composite answer: {e}"))?;
    Ok(answer.responses)
}

#[derive(Deserialize)]
struct Describe {
    #[serde(default = "yes")]
    searchable: bool,
    #[serde(default)]
    fields: Vec<DescribedField>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
struct DescribedField {
    name: String,
    #[serde(rename = "relationshipName", default)]
    relationship: Option<String>,
    #[serde(rename = "referenceTo", default)]
    reference_to: Vec<String>,
}

/// What the describes in a Composite answer (subrequests named by the objects' names) say
/// this user cannot see. A subrequest that failed otherwise than by `NOT_FOUND` (a 5xx, say)
/// teaches nothing about its object.
pub fn unseen_from_describes(answers: &[SubAnswer]) -> Unseen {
    let mut unseen = Unseen::default();
    let mut described: BTreeMap<SearchObject, Describe> = BTreeMap::new();
    for sub in answers {
        let Some(object) = SearchObject::from_name(&sub.reference) else {
            continue;
        };
        match sub.status {
            200 => match serde_json::from_value::<Describe>(sub.body.clone()) {
                Ok(d) if !d.searchable => {
                    unseen.objects.insert(object);
                }
                Ok(d) => {
                    described.insert(object, d);
                }
                Err(e) => tracing::info!(object = object.name(), error = %e, "describe not understood"),
            },
            403 | 404 => {
                unseen.objects.insert(object);
            }
            other => tracing::info!(object = object.name(), status = other, "describe failed"),
        }
    }
    for (object, d) in &described {
        for field in object.fields() {
            if !visible(field, d, &described) {
                unseen.fields.insert((*object, field.to_string()));
            }
        }
    }
    unseen
}

/// A field (or a `Relationship.Field` path) as the describe of its object shows it.
fn visible(field: &str, d: &Describe, described: &BTreeMap<SearchObject, Describe>) -> bool {
    match field.split_once('.') {
        None => d.fields.iter().any(|f| f.name.eq_ignore_ascii_case(field)),
        Some((relationship, target_field)) => {
            let Some(lookup) = d.fields.iter().find(|f| {
                f.relationship
                    .as_deref()
                    .is_some_and(|r| r.eq_ignore_ascii_case(relationship))
            }) else {
                return false;
            };
            // The target's own describe decides its field, when we have it.
            match lookup
                .reference_to
                .first()
                .and_then(|t| SearchObject::from_sobject(t))
                .and_then(|t| described.get(&t))
            {
                Some(target) => target.fields.iter().any(|f| f.name.eq_ignore_ascii_case(target_field)),
                None => true,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn describe(name: &str, fields: &[&str]) -> serde_json::Value {
        let fields: Vec<serde_json::Value> = fields
            .iter()
            .map(|f| match *f {
                "AccountId" => {
                    serde_json::json!({"name": "AccountId", "relationshipName": "Account", "referenceTo": ["Account"]})
                }
                other => serde_json::json!({"name": other, "relationshipName": null, "referenceTo": []}),
            })
            .collect();
        serde_json::json!({"name": name, "searchable": true, "fields": fields})
    }

    #[test]
    fn a_refused_describe_hides_the_object_and_a_missing_field_hides_the_field() {
        let answer = serde_json::json!({"compositeResponse": [
            {"referenceId": "Account", "httpStatusCode": 200, "httpHeaders": {}, "body": describe("Account", &["Id", "Name"])},
            {"referenceId": "Contact", "httpStatusCode": 200, "httpHeaders": {}, "body": describe("Contact", &["Id", "Name", "AccountId"])},
            {"referenceId": "Case", "httpStatusCode": 404, "httpHeaders": {},
             "body": [{"errorCode": "NOT_FOUND", "message": "The requested resource does not exist"}]},
            {"referenceId": "Report", "httpStatusCode": 500, "httpHeaders": {}, "body": []},
        ]});
        let answers = parse_composite(answer.to_string().as_bytes()).expect("parses");
        let unseen = unseen_from_describes(&answers);
        assert_eq!(unseen.objects, BTreeSet::from([SearchObject::Case]));
        assert_eq!(
            unseen.fields,
            BTreeSet::from([(SearchObject::Account, "Type".to_string())]),
            "Account.Name of a Contact is visible: Account's describe has Name"
        );
        assert_eq!(unseen.fields_of(SearchObject::Account), ["Id", "Name"]);
        assert_eq!(unseen.shown_fields_of(SearchObject::Account), ["Name"]);
    }

    #[test]
    fn the_request_names_each_object_once() {
        let body = composite_request(
            &[SearchObject::File, SearchObject::Lead].map(|o| (o.name().to_string(), describe_url("v62.0", o))),
        );
        let urls: Vec<&str> = body["compositeRequest"]
            .as_array()
            .expect("array")
            .iter()
            .map(|r| r["url"].as_str().expect("url"))
            .collect();
        assert_eq!(
            urls,
            [
                "/services/data/v62.0/sobjects/ContentVersion/describe",
                "/services/data/v62.0/sobjects/Lead/describe"
            ]
        );
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(parse_composite(b"<html>").is_err());
        assert!(parse_composite(b"{}").is_err());
    }
}
