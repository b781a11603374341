//! sObject schema of the demo org: the eight searchable objects plus `User` (owner lookups).
//! Field API names follow the Salesforce Object Reference (API-NOTES §3 table).

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ObjType {
    Account,
    Contact,
    Lead,
    Opportunity,
    Case,
    ContentVersion,
    Report,
    Dashboard,
    User,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Id,
    Text,
    TextArea,
    Email,
    Phone,
    Url,
    Picklist,
    Bool,
    Currency,
    Percent,
    Int,
    Date,
    DateTime,
    Ref,
}

impl Kind {
    /// Text that SOSL `IN ALL FIELDS` searches (picklists, numbers and dates are not indexed).
    pub fn searchable(self) -> bool {
        matches!(
            self,
            Kind::Text | Kind::TextArea | Kind::Email | Kind::Phone | Kind::Url
        )
    }
    /// The `type` of a list-view column (sample rest_listview_results_response.json uses
    /// "string", "picklist", "id", "datetime").
    pub fn column_type(self) -> &'static str {
        match self {
            Kind::Id => "id",
            Kind::Text => "string",
            Kind::TextArea => "textarea",
            Kind::Email => "email",
            Kind::Phone => "phone",
            Kind::Url => "url",
            Kind::Picklist => "picklist",
            Kind::Bool => "boolean",
            Kind::Currency => "currency",
            Kind::Percent => "percent",
            Kind::Int => "int",
            Kind::Date => "date",
            Kind::DateTime => "datetime",
            Kind::Ref => "reference",
        }
    }
}

#[derive(Debug)]
pub struct FieldDef {
    pub name: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    /// Searched by `IN NAME FIELDS`.
    pub name_field: bool,
}

#[derive(Debug)]
pub struct RelDef {
    pub name: &'static str,
    pub id_field: &'static str,
    pub target: ObjType,
    /// A user or a queue (the owner of a Lead or a Case): read through Salesforce's `Name`
    /// entity, whose `NameOrAlias` is a user's alias or a queue's name (Lead and Case list
    /// views show `Owner.NameOrAlias`, "Case Owner Alias"). Every demo owner is a user.
    pub polymorphic: bool,
}

impl RelDef {
    /// The target's field that a path's last step names: `NameOrAlias` through a polymorphic
    /// owner is the user's `Alias`.
    pub fn target_field<'a>(&self, field: &'a str) -> &'a str {
        if self.polymorphic && field.eq_ignore_ascii_case(NAME_OR_ALIAS) {
            "Alias"
        } else {
            field
        }
    }
}

/// The `Name` entity's field that a polymorphic owner is shown by in list views.
pub const NAME_OR_ALIAS: &str = "NameOrAlias";

const fn f(name: &'static str, label: &'static str, kind: Kind) -> FieldDef {
    FieldDef {
        name,
        label,
        kind,
        name_field: false,
    }
}
const fn n(name: &'static str, label: &'static str, kind: Kind) -> FieldDef {
    FieldDef {
        name,
        label,
        kind,
        name_field: true,
    }
}

use Kind::*;

static ACCOUNT: &[FieldDef] = &[
    f("Id", "Account ID", Id),
    n("Name", "Account Name", Text),
    f("Type", "Type", Picklist),
    f("Industry", "Industry", Picklist),
    f("Rating", "Account Rating", Picklist),
    f("BillingCity", "Billing City", Text),
    f("BillingState", "Billing State/Province", Text),
    f("BillingCountry", "Billing Country", Text),
    f("Phone", "Account Phone", Phone),
    f("Website", "Website", Url),
    f("NumberOfEmployees", "Employees", Int),
    f("AnnualRevenue", "Annual Revenue", Currency),
    f("Description", "Account Description", TextArea),
    f("OwnerId", "Owner ID", Ref),
    f("CreatedDate", "Created Date", DateTime),
    f("LastModifiedDate", "Last Modified Date", DateTime),
    f("LastViewedDate", "Last Viewed Date", DateTime),
];

static CONTACT: &[FieldDef] = &[
    f("Id", "Contact ID", Id),
    n("FirstName", "First Name", Text),
    n("LastName", "Last Name", Text),
    n("Name", "Full Name", Text),
    f("AccountId", "Account ID", Ref),
    f("Title", "Title", Text),
    f("Department", "Department", Text),
    f("Email", "Email", Email),
    f("Phone", "Business Phone", Phone),
    f("MailingCity", "Mailing City", Text),
    f("MailingCountry", "Mailing Country", Text),
    f("OwnerId", "Owner ID", Ref),
    f("CreatedDate", "Created Date", DateTime),
    f("LastModifiedDate", "Last Modified Date", DateTime),
    f("LastViewedDate", "Last Viewed Date", DateTime),
];

static LEAD: &[FieldDef] = &[
    f("Id", "Lead ID", Id),
    n("FirstName", "First Name", Text),
    n("LastName", "Last Name", Text),
    n("Name", "Full Name", Text),
    n("Company", "Company", Text),
    f("Title", "Title", Text),
    f("Status", "Lead Status", Picklist),
    f("LeadSource", "Lead Source", Picklist),
    f("Industry", "Industry", Picklist),
    f("Rating", "Rating", Picklist),
    f("Email", "Email", Email),
    f("Phone", "Phone", Phone),
    f("City", "City", Text),
    f("State", "State/Province", Text),
    f("Country", "Country", Text),
    f("IsConverted", "Converted", Bool),
    f("IsUnreadByOwner", "Unread By Owner", Bool),
    f("OwnerId", "Owner ID", Ref),
    f("CreatedDate", "Created Date", DateTime),
    f("LastModifiedDate", "Last Modified Date", DateTime),
    f("LastViewedDate", "Last Viewed Date", DateTime),
];

static OPPORTUNITY: &[FieldDef] = &[
    f("Id", "Opportunity ID", Id),
    n("Name", "Opportunity Name", Text),
    f("AccountId", "Account ID", Ref),
    f("StageName", "Stage", Picklist),
    f("Amount", "Amount", Currency),
    f("Probability", "Probability (%)", Percent),
    f("CloseDate", "Close Date", Date),
    f("Type", "Opportunity Type", Picklist),
    f("LeadSource", "Lead Source", Picklist),
    f("NextStep", "Next Step", Text),
    f("IsClosed", "Closed", Bool),
    f("IsWon", "Won", Bool),
    f("OwnerId", "Owner ID", Ref),
    f("CreatedDate", "Created Date", DateTime),
    f("LastModifiedDate", "Last Modified Date", DateTime),
    f("LastViewedDate", "Last Viewed Date", DateTime),
];

static CASE: &[FieldDef] = &[
    f("Id", "Case ID", Id),
    n("CaseNumber", "Case Number", Text),
    n("Subject", "Subject", Text),
    f("Description", "Description", TextArea),
    f("Status", "Status", Picklist),
    f("Priority", "Priority", Picklist),
    f("Origin", "Case Origin", Picklist),
    f("Type", "Case Type", Picklist),
    f("AccountId", "Account ID", Ref),
    f("ContactId", "Contact ID", Ref),
    f("IsClosed", "Closed", Bool),
    f("IsEscalated", "Escalated", Bool),
    f("OwnerId", "Owner ID", Ref),
    f("CreatedDate", "Date/Time Opened", DateTime),
    f("LastModifiedDate", "Last Modified Date", DateTime),
    f("LastViewedDate", "Last Viewed Date", DateTime),
];

static CONTENT_VERSION: &[FieldDef] = &[
    f("Id", "ContentVersion ID", Id),
    n("Title", "Title", Text),
    f("FileType", "File Type", Picklist),
    f("FileExtension", "File Extension", Text),
    f("ContentDocumentId", "ContentDocument ID", Ref),
    f("IsLatest", "Is Latest", Bool),
    f("VersionNumber", "Version Number", Text),
    f("ContentSize", "Size", Int),
    f("Description", "Description", TextArea),
    f("OwnerId", "Owner ID", Ref),
    f("CreatedDate", "Created Date", DateTime),
    f("LastModifiedDate", "Last Modified Date", DateTime),
];

static REPORT: &[FieldDef] = &[
    f("Id", "Report ID", Id),
    n("Name", "Report Name", Text),
    f("DeveloperName", "Report Unique Name", Text),
    f("FolderName", "Folder Name", Text),
    f("Format", "Format", Picklist),
    f("Description", "Description", TextArea),
    f("LastRunDate", "Last Run", DateTime),
    f("OwnerId", "Owner ID", Ref),
    f("CreatedDate", "Created Date", DateTime),
    f("LastModifiedDate", "Last Modified Date", DateTime),
    f("LastViewedDate", "Last Viewed Date", DateTime),
];

static DASHBOARD: &[FieldDef] = &[
    f("Id", "Dashboard ID", Id),
    n("Title", "Title", Text),
    f("DeveloperName", "Dashboard Unique Name", Text),
    f("FolderName", "Folder Name", Text),
    f("Description", "Description", TextArea),
    f("CreatedDate", "Created Date", DateTime),
    f("LastModifiedDate", "Last Modified Date", DateTime),
    f("LastViewedDate", "Last Viewed Date", DateTime),
];

static USER: &[FieldDef] = &[
    f("Id", "User ID", Id),
    n("Name", "Full Name", Text),
    n("FirstName", "First Name", Text),
    n("LastName", "Last Name", Text),
    f("Alias", "Alias", Text),
    f("Username", "Username", Text),
    f("Email", "Email", Email),
];

static OWNER: RelDef = RelDef {
    name: "Owner",
    id_field: "OwnerId",
    target: ObjType::User,
    polymorphic: false,
};
static OWNER_USER_OR_QUEUE: RelDef = RelDef {
    name: "Owner",
    id_field: "OwnerId",
    target: ObjType::User,
    polymorphic: true,
};
static ACCOUNT_REL: RelDef = RelDef {
    name: "Account",
    id_field: "AccountId",
    target: ObjType::Account,
    polymorphic: false,
};
static CONTACT_REL: RelDef = RelDef {
    name: "Contact",
    id_field: "ContactId",
    target: ObjType::Contact,
    polymorphic: false,
};
static RELS_OWNER: [&RelDef; 1] = [&OWNER];
static RELS_ACCOUNT_OWNER: [&RelDef; 2] = [&ACCOUNT_REL, &OWNER];
static RELS_LEAD: [&RelDef; 1] = [&OWNER_USER_OR_QUEUE];
static RELS_CASE: [&RelDef; 3] = [&ACCOUNT_REL, &CONTACT_REL, &OWNER_USER_OR_QUEUE];

impl ObjType {
    pub const SEARCHABLE: [ObjType; 8] = [
        ObjType::Account,
        ObjType::Contact,
        ObjType::Lead,
        ObjType::Opportunity,
        ObjType::Case,
        ObjType::ContentVersion,
        ObjType::Report,
        ObjType::Dashboard,
    ];
    pub const ALL: [ObjType; 9] = [
        ObjType::Account,
        ObjType::Contact,
        ObjType::Lead,
        ObjType::Opportunity,
        ObjType::Case,
        ObjType::ContentVersion,
        ObjType::Report,
        ObjType::Dashboard,
        ObjType::User,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn api_name(self) -> &'static str {
        match self {
            ObjType::Account => "Account",
            ObjType::Contact => "Contact",
            ObjType::Lead => "Lead",
            ObjType::Opportunity => "Opportunity",
            ObjType::Case => "Case",
            ObjType::ContentVersion => "ContentVersion",
            ObjType::Report => "Report",
            ObjType::Dashboard => "Dashboard",
            ObjType::User => "User",
        }
    }

    pub fn label_plural(self) -> &'static str {
        match self {
            ObjType::Account => "Accounts",
            ObjType::Contact => "Contacts",
            ObjType::Lead => "Leads",
            ObjType::Opportunity => "Opportunities",
            ObjType::Case => "Cases",
            ObjType::ContentVersion => "Files",
            ObjType::Report => "Reports",
            ObjType::Dashboard => "Dashboards",
            ObjType::User => "Users",
        }
    }

    /// Case-insensitive, like Salesforce API names.
    pub fn from_api_name(s: &str) -> Option<ObjType> {
        ObjType::ALL.into_iter().find(|o| o.api_name().eq_ignore_ascii_case(s))
    }

    /// Key prefixes (first three id characters) of the standard objects.
    pub fn key_prefix(self) -> &'static str {
        match self {
            ObjType::Account => "001",
            ObjType::Contact => "003",
            ObjType::Lead => "00Q",
            ObjType::Opportunity => "006",
            ObjType::Case => "500",
            ObjType::ContentVersion => "068",
            ObjType::Report => "00O",
            ObjType::Dashboard => "01Z",
            ObjType::User => "005",
        }
    }

    pub fn fields(self) -> &'static [FieldDef] {
        match self {
            ObjType::Account => ACCOUNT,
            ObjType::Contact => CONTACT,
            ObjType::Lead => LEAD,
            ObjType::Opportunity => OPPORTUNITY,
            ObjType::Case => CASE,
            ObjType::ContentVersion => CONTENT_VERSION,
            ObjType::Report => REPORT,
            ObjType::Dashboard => DASHBOARD,
            ObjType::User => USER,
        }
    }

    pub fn relationships(self) -> &'static [&'static RelDef] {
        match self {
            ObjType::Account | ObjType::ContentVersion | ObjType::Report => &RELS_OWNER,
            ObjType::Lead => &RELS_LEAD,
            ObjType::Contact | ObjType::Opportunity => &RELS_ACCOUNT_OWNER,
            ObjType::Case => &RELS_CASE,
            ObjType::Dashboard | ObjType::User => &[],
        }
    }

    /// The record's display name field.
    pub fn name_field(self) -> &'static str {
        match self {
            ObjType::ContentVersion | ObjType::Dashboard => "Title",
            ObjType::Case => "CaseNumber",
            _ => "Name",
        }
    }

    pub fn field_index(self, name: &str) -> Option<usize> {
        self.fields().iter().position(|f| f.name.eq_ignore_ascii_case(name))
    }

    pub fn relationship(self, name: &str) -> Option<&'static RelDef> {
        self.relationships()
            .iter()
            .copied()
            .find(|r| r.name.eq_ignore_ascii_case(name))
    }
}
