//! `GET /services/data/vXX.X/sobjects/{Type}/describe`: an object's metadata as this user's
//! profile lets them see it (REST API Developer Guide, "sObject Describe"), and
//! `GET /services/data/vXX.X/sobjects/{Type}/`, its basic information (REST API Developer Guide,
//! "Get Object Metadata Using sObject Basic Information": "basic metadata for a specified object,
//! including some object properties, recent items, and URIs"; the full metadata is the describe).
//!
//! A describe is as big as a customised org's: every field with every property a real describe
//! carries (about sixty each, picklist values included), the org's custom fields beside the
//! standard ones, the child relationships and the record types — a few hundred KB per object,
//! as real Account describes are (200 KB to over 1 MB). So what a client pays for asking one
//! shows in the demo org's counters (`bytes_sent`) and, with `describe_latency_ms`, in time.
//! Field-level security applies: a field the profile hides is not in `fields` at all, as describe
//! calls return only the fields the user can access (SOAP API Developer Guide,
//! describeSObjects(): "field-level security … fields that are not visible are not returned")
//! [unverified wording]. Custom fields are visible to every demo user.

use crate::app::App;
use crate::json::J;
use crate::profiles::DemoUser;
use crate::schema::{Kind, ObjType};

/// A describe about to be answered (`segs` after the version): counted as in flight until the
/// guard is dropped, after the `describe_latency_ms` it takes to build. `None` for anything else.
pub(crate) async fn describing<'a>(app: &'a App, segs: &[&str]) -> Option<crate::stats::Describing<'a>> {
    if !matches!(segs, ["sobjects", _, "describe"]) {
        return None;
    }
    let guard = app.counters.describing();
    let latency = app.faults.describe_latency();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    Some(guard)
}

/// Custom fields of the demo org's customised objects (a real org's Account often has 200+).
fn custom_field_count(obj: ObjType) -> usize {
    match obj {
        ObjType::Account => 180,
        ObjType::Contact | ObjType::Opportunity => 140,
        ObjType::Lead | ObjType::Case => 120,
        ObjType::ContentVersion | ObjType::Report | ObjType::Dashboard | ObjType::User => 10,
    }
}

/// Custom objects that look up to each customised object (their child relationships).
fn custom_child_count(obj: ObjType) -> usize {
    custom_field_count(obj) / 6
}

const TOPICS: [&str; 12] = [
    "Region",
    "Segment",
    "Tier",
    "Renewal",
    "Territory",
    "Channel",
    "Program",
    "Compliance",
    "Forecast",
    "Support_Level",
    "Partner",
    "Integration",
];

const KINDS: [Kind; 10] = [
    Kind::Text,
    Kind::Picklist,
    Kind::Date,
    Kind::Currency,
    Kind::Bool,
    Kind::TextArea,
    Kind::Int,
    Kind::Percent,
    Kind::Url,
    Kind::DateTime,
];

/// Standard children every customised object has in a real org (relationship, child, field).
const STANDARD_CHILDREN: [(&str, &str, &str); 16] = [
    ("ActivityHistories", "ActivityHistory", "WhatId"),
    ("AttachedContentDocuments", "AttachedContentDocument", "LinkedEntityId"),
    ("Attachments", "Attachment", "ParentId"),
    ("CombinedAttachments", "CombinedAttachment", "ParentId"),
    ("ContentDocumentLinks", "ContentDocumentLink", "LinkedEntityId"),
    ("DuplicateRecordItems", "DuplicateRecordItem", "RecordId"),
    ("Events", "Event", "WhatId"),
    ("Feeds", "FeedItem", "ParentId"),
    ("Histories", "FieldHistory", "ParentId"),
    ("Notes", "Note", "ParentId"),
    ("NotesAndAttachments", "NoteAndAttachment", "ParentId"),
    ("OpenActivities", "OpenActivity", "WhatId"),
    ("ProcessInstances", "ProcessInstance", "TargetObjectId"),
    ("RecordActions", "RecordAction", "RecordId"),
    ("Shares", "Share", "ParentId"),
    ("Tasks", "Task", "WhatId"),
];

const RECORD_TYPES: [&str; 3] = ["Customer", "Partner", "Prospect"];

fn s(v: &str) -> J {
    J::Str(v.to_string())
}

fn soap_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Id | Kind::Ref => "tns:ID",
        Kind::Bool => "xsd:boolean",
        Kind::Currency | Kind::Percent => "xsd:double",
        Kind::Int => "xsd:int",
        Kind::Date => "xsd:date",
        Kind::DateTime => "xsd:dateTime",
        _ => "xsd:string",
    }
}

/// One field with the properties a real describe gives every field.
fn field_json(obj: ObjType, name: &str, label: &str, kind: Kind, custom: bool, seq: usize) -> J {
    let rel = obj.relationships().iter().find(|r| r.id_field == name);
    let text = matches!(
        kind,
        Kind::Text | Kind::TextArea | Kind::Email | Kind::Phone | Kind::Url | Kind::Picklist
    );
    let length: i64 = match kind {
        Kind::TextArea => 32000,
        Kind::Id | Kind::Ref => 18,
        _ if text => 255,
        _ => 0,
    };
    let picklist = if kind == Kind::Picklist {
        (1..=8)
            .map(|i| {
                J::obj([
                    ("active", J::Bool(true)),
                    ("defaultValue", J::Bool(i == 1)),
                    ("label", J::Str(format!("{label} option {i}"))),
                    ("validFor", J::Null),
                    ("value", J::Str(format!("{label} option {i}"))),
                ])
            })
            .collect()
    } else {
        Vec::new()
    };
    let system = matches!(name, "Id" | "CreatedDate" | "LastModifiedDate" | "LastViewedDate");
    J::obj([
        ("aggregatable", J::Bool(kind != Kind::TextArea)),
        ("aiPredictionField", J::Bool(false)),
        ("autoNumber", J::Bool(false)),
        ("byteLength", J::Int(length * 3)),
        ("calculated", J::Bool(false)),
        ("calculatedFormula", J::Null),
        ("cascadeDelete", J::Bool(false)),
        ("caseSensitive", J::Bool(false)),
        ("compoundFieldName", J::Null),
        ("controllerName", J::Null),
        ("createable", J::Bool(!system)),
        ("custom", J::Bool(custom)),
        ("defaultValue", J::Null),
        ("defaultValueFormula", J::Null),
        ("defaultedOnCreate", J::Bool(system || kind == Kind::Bool)),
        ("dependentPicklist", J::Bool(false)),
        ("deprecatedAndHidden", J::Bool(false)),
        ("digits", J::Int(if kind == Kind::Int { 9 } else { 0 })),
        ("displayLocationInDecimal", J::Bool(false)),
        ("encrypted", J::Bool(false)),
        ("externalId", J::Bool(false)),
        ("extraTypeInfo", J::Null),
        ("filterable", J::Bool(kind != Kind::TextArea)),
        ("filteredLookupInfo", J::Null),
        ("formulaTreatNullNumberAsZero", J::Bool(false)),
        ("groupable", J::Bool(text && kind != Kind::TextArea)),
        ("highScaleNumber", J::Bool(false)),
        ("htmlFormatted", J::Bool(false)),
        ("idLookup", J::Bool(name == "Id")),
        (
            "inlineHelpText",
            if custom {
                J::Str(format!(
                    "Maintained by the {label} process; see the org's data dictionary (#{seq})."
                ))
            } else {
                J::Null
            },
        ),
        ("label", s(label)),
        ("length", J::Int(length)),
        ("mask", J::Null),
        ("maskType", J::Null),
        ("name", s(name)),
        ("nameField", J::Bool(name == obj.name_field())),
        ("namePointing", J::Bool(false)),
        ("nillable", J::Bool(!system && name != obj.name_field())),
        ("permissionable", J::Bool(custom)),
        ("picklistValues", J::Arr(picklist)),
        ("polymorphicForeignKey", J::Bool(false)),
        (
            "precision",
            J::Int(if matches!(kind, Kind::Currency | Kind::Percent) {
                18
            } else {
                0
            }),
        ),
        ("queryByDistance", J::Bool(false)),
        ("referenceTargetField", J::Null),
        (
            "referenceTo",
            J::Arr(rel.map(|r| s(r.target.api_name())).into_iter().collect()),
        ),
        ("relationshipName", rel.map(|r| s(r.name)).unwrap_or(J::Null)),
        ("relationshipOrder", J::Null),
        ("restrictedDelete", J::Bool(false)),
        ("restrictedPicklist", J::Bool(false)),
        (
            "scale",
            J::Int(if matches!(kind, Kind::Currency | Kind::Percent) {
                2
            } else {
                0
            }),
        ),
        ("searchPrefilterable", J::Bool(false)),
        ("soapType", s(soap_type(kind))),
        ("sortable", J::Bool(kind != Kind::TextArea)),
        ("type", s(kind.column_type())),
        ("unique", J::Bool(false)),
        ("updateable", J::Bool(!system)),
        ("writeRequiresMasterRead", J::Bool(false)),
    ])
}

fn child_json(relationship: &str, child: &str, field: &str, cascade: bool) -> J {
    J::obj([
        ("cascadeDelete", J::Bool(cascade)),
        ("childSObject", s(child)),
        ("deprecatedAndHidden", J::Bool(false)),
        ("field", s(field)),
        ("junctionIdListNames", J::Arr(Vec::new())),
        ("junctionReferenceTo", J::Arr(Vec::new())),
        ("relationshipName", s(relationship)),
        ("restrictedDelete", J::Bool(false)),
    ])
}

fn children(obj: ObjType) -> Vec<J> {
    let name = obj.api_name();
    let mut out: Vec<J> = ObjType::ALL
        .into_iter()
        .flat_map(|child| {
            child
                .relationships()
                .iter()
                .filter(move |r| r.target == obj)
                .map(move |r| child_json(child.label_plural(), child.api_name(), r.id_field, false))
        })
        .collect();
    out.extend(STANDARD_CHILDREN.iter().map(|(relationship, child, field)| {
        let child = match *child {
            "FieldHistory" => format!("{name}History"),
            "Share" => format!("{name}Share"),
            "FeedItem" => format!("{name}Feed"),
            other => other.to_string(),
        };
        child_json(relationship, &child, field, true)
    }));
    out.extend((1..=custom_child_count(obj)).map(|i| {
        let topic = TOPICS[i % TOPICS.len()];
        child_json(
            &format!("{topic}_Items_{i:02}__r"),
            &format!("{topic}_Item_{i:02}__c"),
            &format!("{name}__c"),
            false,
        )
    }));
    out
}

fn record_types(obj: ObjType, base: &str) -> Vec<J> {
    let prefix = "012";
    let info = |i: usize, name: &str, master: bool| {
        let id = format!("{prefix}{:012}AAA", i);
        J::obj([
            ("active", J::Bool(true)),
            ("available", J::Bool(true)),
            ("defaultRecordTypeMapping", J::Bool(i == 0)),
            ("developerName", s(if master { "Master" } else { name })),
            ("master", J::Bool(master)),
            ("name", s(name)),
            ("recordTypeId", J::Str(id.clone())),
            (
                "urls",
                J::obj([("layout", J::Str(format!("{base}/describe/layouts/{id}")))]),
            ),
        ])
    };
    if matches!(obj, ObjType::Report | ObjType::Dashboard | ObjType::User) {
        return vec![info(0, "Master", true)];
    }
    std::iter::once(info(0, "Master", true))
        .chain(RECORD_TYPES.iter().enumerate().map(|(i, n)| info(i + 1, n, false)))
        .collect()
}

/// The object's own properties, shared by the describe and the basic information.
fn object_properties(obj: ObjType, version: &str) -> Vec<(&'static str, J)> {
    let name = obj.api_name();
    let base = format!("/services/data/v{version}/sobjects/{name}");
    let readonly = matches!(obj, ObjType::Report | ObjType::Dashboard);
    vec![
        ("activateable", J::Bool(false)),
        ("createable", J::Bool(!readonly)),
        ("custom", J::Bool(false)),
        ("customSetting", J::Bool(false)),
        ("deepCloneable", J::Bool(false)),
        ("deletable", J::Bool(!readonly)),
        ("deprecatedAndHidden", J::Bool(false)),
        ("feedEnabled", J::Bool(!readonly)),
        ("hasSubtypes", J::Bool(false)),
        ("isInterface", J::Bool(false)),
        ("isSubtype", J::Bool(false)),
        ("keyPrefix", s(obj.key_prefix())),
        ("label", s(name)),
        ("labelPlural", s(obj.label_plural())),
        ("layoutable", J::Bool(true)),
        (
            "mergeable",
            J::Bool(matches!(obj, ObjType::Account | ObjType::Contact | ObjType::Lead)),
        ),
        ("mruEnabled", J::Bool(true)),
        ("name", s(name)),
        ("queryable", J::Bool(true)),
        ("replicateable", J::Bool(true)),
        ("retrieveable", J::Bool(true)),
        ("searchable", J::Bool(obj != ObjType::User)),
        ("triggerable", J::Bool(!readonly)),
        ("undeletable", J::Bool(!readonly)),
        ("updateable", J::Bool(!readonly)),
        (
            "urls",
            J::obj([
                ("compactLayouts", J::Str(format!("{base}/describe/compactLayouts"))),
                ("rowTemplate", J::Str(format!("{base}/{{ID}}"))),
                ("approvalLayouts", J::Str(format!("{base}/describe/approvalLayouts"))),
                ("listviews", J::Str(format!("{base}/listviews"))),
                ("describe", J::Str(format!("{base}/describe"))),
                ("quickActions", J::Str(format!("{base}/quickActions"))),
                ("layouts", J::Str(format!("{base}/describe/layouts"))),
                ("sobject", J::Str(base.clone())),
            ]),
        ),
    ]
}

pub(crate) fn describe_json(obj: ObjType, user: DemoUser, version: &str) -> J {
    let profile = user.profile();
    let standard = obj
        .fields()
        .iter()
        .filter(|f| profile.field_visible(obj, f.name))
        .enumerate()
        .map(|(i, f)| field_json(obj, f.name, f.label, f.kind, false, i));
    let custom = (1..=custom_field_count(obj)).map(|i| {
        let topic = TOPICS[i % TOPICS.len()];
        let label = format!("{} {i}", topic.replace('_', " "));
        field_json(
            obj,
            &format!("{topic}_{i:03}__c"),
            &label,
            KINDS[i % KINDS.len()],
            true,
            i,
        )
    });
    let base = format!("/services/data/v{version}/sobjects/{}", obj.api_name());
    let mut props = object_properties(obj, version);
    props.extend([
        ("actionOverrides", J::Arr(Vec::new())),
        ("childRelationships", J::Arr(children(obj))),
        ("fields", J::Arr(standard.chain(custom).collect())),
        ("namedLayoutInfos", J::Arr(Vec::new())),
        ("recordTypeInfos", J::Arr(record_types(obj, &base))),
        (
            "supportedScopes",
            J::Arr(vec![
                J::obj([("label", s("All")), ("name", s("everything"))]),
                J::obj([("label", s("My")), ("name", s("mine"))]),
            ]),
        ),
    ]);
    J::obj(props)
}

/// The basic information: the object's properties and the user's recently viewed records of it
/// (none are kept by the demo org, so the list is empty) [simplified].
pub(crate) fn basic_info_json(obj: ObjType, version: &str) -> J {
    J::obj([
        ("objectDescribe", J::obj(object_properties(obj, version))),
        ("recentItems", J::Arr(Vec::new())),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_describe_weighs_what_a_customised_orgs_does_and_the_basic_information_little() {
        let account = describe_json(ObjType::Account, DemoUser::Demo, "62.0").to_string();
        assert!(
            (200_000..1_000_000).contains(&account.len()),
            "Account describe: {} bytes",
            account.len()
        );
        let basic = basic_info_json(ObjType::Account, "62.0").to_string();
        assert!(basic.len() < 3_000, "basic information: {} bytes", basic.len());
        let v: serde_json::Value = serde_json::from_str(&account).expect("json");
        assert!(v["fields"]
            .as_array()
            .is_some_and(|f| f.iter().any(|f| f["name"] == "Name")));
        assert!(v["childRelationships"].as_array().is_some_and(|c| c
            .iter()
            .any(|c| c["childSObject"] == "Contact" && c["field"] == "AccountId")));
        assert_eq!(v["recordTypeInfos"].as_array().map(Vec::len), Some(4));
    }
}
