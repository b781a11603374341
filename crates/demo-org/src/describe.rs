//! `GET /services/data/vXX.X/sobjects/{Type}/describe`: an object's metadata as this user's
//! profile lets them see it (REST API Developer Guide, "sObject Describe"). Field-level security
//! applies: a field the profile hides is not in `fields` at all, as describe calls return only
//! the fields the user can access (SOAP API Developer Guide, describeSObjects(): "field-level
//! security … fields that are not visible are not returned") [unverified wording]. Only the
//! properties the product and a careful client read are given: name, label, labelPlural,
//! keyPrefix, the queryable/searchable flags, and per field name, label, type,
//! relationshipName and referenceTo.

use crate::json::J;
use crate::profiles::DemoUser;
use crate::schema::ObjType;

pub(crate) fn describe_json(obj: ObjType, user: DemoUser) -> J {
    let profile = user.profile();
    let fields: Vec<J> = obj
        .fields()
        .iter()
        .filter(|f| profile.field_visible(obj, f.name))
        .map(|f| {
            let rel = obj.relationships().iter().find(|r| r.id_field == f.name);
            J::obj([
                ("name", J::Str(f.name.to_string())),
                ("label", J::Str(f.label.to_string())),
                ("type", J::Str(f.kind.column_type().to_string())),
                (
                    "relationshipName",
                    rel.map(|r| J::Str(r.name.to_string())).unwrap_or(J::Null),
                ),
                (
                    "referenceTo",
                    J::Arr(
                        rel.map(|r| J::Str(r.target.api_name().to_string()))
                            .into_iter()
                            .collect(),
                    ),
                ),
            ])
        })
        .collect();
    J::obj([
        ("name", J::Str(obj.api_name().to_string())),
        ("label", J::Str(obj.api_name().to_string())),
        ("labelPlural", J::Str(obj.label_plural().to_string())),
        ("keyPrefix", J::Str(obj.key_prefix().to_string())),
        ("queryable", J::Bool(true)),
        ("searchable", J::Bool(obj != ObjType::User)),
        ("fields", J::Arr(fields)),
    ])
}
