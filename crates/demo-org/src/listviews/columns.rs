//! The columns of each object's list views, like the standard list layouts, the ones a profile
//! lets its user see, and how the describe and results resources write them (labels, sort
//! labels, `toLabel()` for picklists).

use super::catalog::ListView;
use crate::json::J;
use crate::profiles::Profile;
use crate::schema::{Kind, ObjType};

#[derive(Debug, Clone)]
pub struct Col {
    pub path: &'static str,
    pub label: String,
    pub kind: Kind,
    pub hidden: bool,
}

/// Columns per object, like the standard list layouts (rest_listview_results_response.json
/// shows Name, BillingState, Type, Owner.Alias and hidden Id/CreatedDate for Account). Lead and
/// Case views show their owner, a user or a queue, as `Owner.NameOrAlias` ("Case Owner Alias",
/// type string: the Lists API's display columns for Case in a UI API search answer recorded
/// from a Salesforce org, and Lead's `fieldsToReturn` there).
pub fn columns(obj: ObjType) -> Vec<Col> {
    let c = |path: &'static str, label: &str, kind: Kind, hidden: bool| Col {
        path,
        label: label.to_string(),
        kind,
        hidden,
    };
    let owner = format!("{} Owner Alias", obj.api_name());
    match obj {
        ObjType::Account => vec![
            c("Name", "Account Name", Kind::Text, false),
            c("BillingState", "Billing State/Province", Kind::Text, false),
            c("Phone", "Phone", Kind::Phone, false),
            c("Type", "Type", Kind::Picklist, false),
            c("Owner.Alias", &owner, Kind::Text, false),
            c("Id", "Account ID", Kind::Id, true),
            c("CreatedDate", "Created Date", Kind::DateTime, true),
            c("LastModifiedDate", "Last Modified Date", Kind::DateTime, true),
        ],
        ObjType::Contact => vec![
            c("Name", "Name", Kind::Text, false),
            c("Account.Name", "Account Name", Kind::Text, false),
            c("Title", "Title", Kind::Text, false),
            c("Phone", "Phone", Kind::Phone, false),
            c("Email", "Email", Kind::Email, false),
            c("Owner.Alias", &owner, Kind::Text, false),
            c("Id", "Contact ID", Kind::Id, true),
            c("CreatedDate", "Created Date", Kind::DateTime, true),
        ],
        ObjType::Lead => vec![
            c("Name", "Name", Kind::Text, false),
            c("Company", "Company", Kind::Text, false),
            c("State", "State/Province", Kind::Text, false),
            c("Email", "Email", Kind::Email, false),
            c("Status", "Lead Status", Kind::Picklist, false),
            c("CreatedDate", "Create Date", Kind::DateTime, false),
            c("Owner.NameOrAlias", &owner, Kind::Text, false),
            c("Id", "Lead ID", Kind::Id, true),
        ],
        ObjType::Opportunity => vec![
            c("Name", "Opportunity Name", Kind::Text, false),
            c("Account.Name", "Account Name", Kind::Text, false),
            c("Amount", "Amount", Kind::Currency, false),
            c("CloseDate", "Close Date", Kind::Date, false),
            c("StageName", "Stage", Kind::Picklist, false),
            c("Owner.Alias", &owner, Kind::Text, false),
            c("Id", "Opportunity ID", Kind::Id, true),
            c("CreatedDate", "Created Date", Kind::DateTime, true),
        ],
        _ => vec![
            c("CaseNumber", "Case Number", Kind::Text, false),
            c("Contact.Name", "Contact Name", Kind::Text, false),
            c("Subject", "Subject", Kind::Text, false),
            c("Status", "Status", Kind::Picklist, false),
            c("Priority", "Priority", Kind::Picklist, false),
            c("CreatedDate", "Date/Time Opened", Kind::DateTime, false),
            c("Owner.NameOrAlias", &owner, Kind::Text, false),
            c("Id", "Case ID", Kind::Id, true),
        ],
    }
}

/// The columns of `obj`'s views that `profile` may see. A column on a field hidden by
/// field-level security is left out of describe and results alike: "In Enterprise, Developer,
/// and Unlimited Editions, Field Level Security determines whether or not the field is visible"
/// in list views (Salesforce Help, "Users see fields in list views that are hidden in the page
/// layout", https://help.salesforce.com/s/articleView?id=000385112). Omitted rather than sent
/// with null values or refused: the view still runs, the column is simply not there.
pub fn visible_columns(obj: ObjType, profile: &Profile) -> Vec<Col> {
    columns(obj)
        .into_iter()
        .filter(|c| profile.path_visible(obj, c.path))
        .collect()
}

fn sort_labels(kind: Kind) -> (&'static str, &'static str) {
    // The sample pairs ascendingLabel "Z-A" with descendingLabel "A-Z" for strings and
    // "Low to High"/"High to Low" for picklists; other types follow the same pattern.
    match kind {
        Kind::Picklist => ("Low to High", "High to Low"),
        Kind::Date | Kind::DateTime => ("New to Old", "Old to New"),
        Kind::Currency | Kind::Percent | Kind::Int => ("9-0", "0-9"),
        Kind::Bool => ("Checked to Unchecked", "Unchecked to Checked"),
        _ => ("Z-A", "A-Z"),
    }
}

pub(super) fn columns_json(view: &ListView, cols: &[Col]) -> J {
    J::Arr(
        cols.iter()
            .map(|c| {
                let (asc, desc) = sort_labels(c.kind);
                let is_order = c.path == view.order.0;
                let select = if c.kind == Kind::Picklist {
                    format!("toLabel({})", c.path)
                } else {
                    c.path.to_string()
                };
                J::obj([
                    ("ascendingLabel", if c.hidden { J::Null } else { J::s(asc) }),
                    ("descendingLabel", if c.hidden { J::Null } else { J::s(desc) }),
                    ("fieldNameOrPath", J::s(c.path)),
                    ("hidden", J::Bool(c.hidden)),
                    ("label", J::s(c.label.clone())),
                    ("selectListItem", J::Str(select)),
                    (
                        "sortDirection",
                        if is_order {
                            J::s(if view.order.1 { "descending" } else { "ascending" })
                        } else {
                            J::Null
                        },
                    ),
                    ("sortIndex", if is_order { J::Int(0) } else { J::Null }),
                    ("sortable", J::Bool(!c.hidden)),
                    ("type", J::s(c.kind.column_type())),
                ])
            })
            .collect(),
    )
}
