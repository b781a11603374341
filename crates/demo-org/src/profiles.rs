//! Who may see what: the demo org's users who can sign in, their identity and their profile's
//! object access and field-level security, which every REST answer is computed through.
//!
//! Two users sign in. Dana Demo (`demo`, the default) has the System Administrator profile
//! and sees everything, exactly as before profiles existed. Tomás Herrera (`restricted`), a
//! colleague who already owns records, has a custom "Lead Qualification" profile: no access to
//! Case and Opportunity, and field-level security hiding `Account.Type` and `Lead.Company`;
//! he also owns a private Lead list view that is not SOQL-compatible (`listviews::catalog`).
//!
//! How Salesforce answers such a user, and where that is written down, is said beside each
//! answer (`sosl::parse`, `rest`, `listviews::render`, `soql`). In short: a field hidden by
//! field-level security is reported as if it did not exist, "No such column 'X' on entity 'Y'"
//! (mulesoft-assets/template-sfdc2sfdc-account-migration README.md, "Salesforce
//! Considerations": "If the user … does not have at least *read only* permissions for the fields
//! that are fetched, then a *InvalidFieldFault* … No such column 'RecordTypeId' on entity
//! 'Account'"; beyond-the-cloud-dev/soql-lib #255; omniphx/forrest #307), and an object the
//! user cannot read as if it did not exist, "sObject type 'X' is not supported" (INVALID_TYPE,
//! simple-salesforce/simple-salesforce #287: "Typically this error is returned … if the user
//! does not have read access"; forcedotcom/SalesforceMobileSDK-Android #1113).

use std::fmt;
use std::str::FromStr;

use crate::data::{self, OrgData};
use crate::schema::ObjType;

/// A user of the demo org who can sign in (approval page, `auto_approve`, device approval,
/// [`crate::DemoOrgConfig::default_user`], `workstation demo-org --user`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DemoUser {
    /// Dana Demo, System Administrator: every object, every field.
    #[default]
    Demo,
    /// Tomás Herrera, "Lead Qualification": no Case, no Opportunity, `Account.Type` and
    /// `Lead.Company` hidden, one list view that is not SOQL-compatible.
    Restricted,
    /// Priya Natarajan, "Standard User" without the "API Enabled" permission: she can sign in
    /// and approve the app, but every REST call answers 403 `API_CURRENTLY_DISABLED`, as it
    /// does in an org whose profiles leave the permission off.
    NoApi,
}

impl DemoUser {
    pub const ALL: [DemoUser; 3] = [DemoUser::Demo, DemoUser::Restricted, DemoUser::NoApi];

    /// The word that picks this user: `demo` or `restricted`.
    pub fn as_str(self) -> &'static str {
        match self {
            DemoUser::Demo => "demo",
            DemoUser::Restricted => "restricted",
            DemoUser::NoApi => "noapi",
        }
    }

    /// `demo`, `restricted` or `noapi`, any case.
    pub fn parse(s: &str) -> Option<DemoUser> {
        DemoUser::ALL
            .into_iter()
            .find(|u| u.as_str().eq_ignore_ascii_case(s.trim()))
    }

    pub fn profile(self) -> &'static Profile {
        match self {
            DemoUser::Demo => &ADMIN,
            DemoUser::Restricted => &LEAD_QUALIFICATION,
            DemoUser::NoApi => &STANDARD_WITHOUT_API,
        }
    }

    pub fn identity(self) -> &'static Identity {
        match self {
            DemoUser::Demo => &DANA,
            DemoUser::Restricted => &TOMAS,
            DemoUser::NoApi => &PRIYA,
        }
    }

    /// The user's 18-character id: the seeded User record with this username.
    pub fn user_id(self, data: &OrgData) -> String {
        if self == DemoUser::Demo {
            return data.user_id.clone();
        }
        let t = data.table(ObjType::User);
        let username = self.identity().username;
        (0..t.records.len())
            .find(|&i| t.value(i, "Username").as_str() == Some(username))
            .map(|i| t.records[i].id.clone())
            .unwrap_or_else(|| data.user_id.clone())
    }
}

impl fmt::Display for DemoUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DemoUser {
    type Err = String;
    fn from_str(s: &str) -> Result<DemoUser, String> {
        DemoUser::parse(s).ok_or_else(|| format!("unknown demo user '{s}': expected 'demo', 'restricted' or 'noapi'"))
    }
}

/// What the identity service and the approval pages say of a user.
#[derive(Debug)]
pub struct Identity {
    pub first: &'static str,
    pub last: &'static str,
    pub name: &'static str,
    pub username: &'static str,
    pub nickname: &'static str,
    pub timezone: &'static str,
    pub country: &'static str,
}

static DANA: Identity = Identity {
    first: data::USER_FIRST,
    last: data::USER_LAST,
    name: data::USER_NAME,
    username: data::USERNAME,
    nickname: "dana.demo",
    timezone: "Europe/Paris",
    country: "FR",
};

static TOMAS: Identity = Identity {
    first: data::RESTRICTED_FIRST,
    last: data::RESTRICTED_LAST,
    name: data::RESTRICTED_NAME,
    username: data::RESTRICTED_USERNAME,
    nickname: "tomas.herrera",
    timezone: "Europe/Madrid",
    country: "ES",
};

static PRIYA: Identity = Identity {
    first: data::NOAPI_FIRST,
    last: data::NOAPI_LAST,
    name: data::NOAPI_NAME,
    username: data::NOAPI_USERNAME,
    nickname: "priya.natarajan",
    timezone: "Asia/Kolkata",
    country: "IN",
};

/// A profile: the objects it cannot read, the fields its field-level security hides, and
/// whether it has the "API Enabled" system permission.
#[derive(Debug)]
pub struct Profile {
    pub name: &'static str,
    no_read: &'static [ObjType],
    hidden: &'static [(ObjType, &'static str)],
    pub api_enabled: bool,
}

static ADMIN: Profile = Profile {
    name: "System Administrator",
    no_read: &[],
    hidden: &[],
    api_enabled: true,
};

static LEAD_QUALIFICATION: Profile = Profile {
    name: "Lead Qualification",
    no_read: &[ObjType::Case, ObjType::Opportunity],
    hidden: &[(ObjType::Account, "Type"), (ObjType::Lead, "Company")],
    api_enabled: true,
};

static STANDARD_WITHOUT_API: Profile = Profile {
    name: "Standard User (no API)",
    no_read: &[],
    hidden: &[],
    api_enabled: false,
};

impl Profile {
    /// Object permission "Read" (every user may read `User`, the owners' names).
    pub fn can_read(&self, obj: ObjType) -> bool {
        !self.no_read.contains(&obj)
    }

    /// Field-level security "Visible" for a field of a readable object (API names are
    /// case-insensitive).
    pub fn field_visible(&self, obj: ObjType, field: &str) -> bool {
        self.can_read(obj)
            && !self
                .hidden
                .iter()
                .any(|(o, f)| *o == obj && f.eq_ignore_ascii_case(field))
    }

    /// Whether field-level security hides any field of `obj` (so search must skip them).
    pub fn hides_fields_of(&self, obj: ObjType) -> bool {
        self.hidden.iter().any(|(o, _)| *o == obj)
    }

    /// A column or field path ("Name", "Account.Name", "Owner.Alias") from `obj`: every
    /// relationship's id field and target, and the last field, must be visible.
    pub fn path_visible(&self, obj: ObjType, path: &str) -> bool {
        let mut cur = obj;
        let mut segs = path.split('.').peekable();
        while let Some(seg) = segs.next() {
            if segs.peek().is_none() {
                return self.field_visible(cur, seg);
            }
            match cur.relationship(seg) {
                Some(r) if self.field_visible(cur, r.id_field) && self.can_read(r.target) => cur = r.target,
                _ => return false,
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles() {
        let admin = DemoUser::Demo.profile();
        assert!(ObjType::ALL.iter().all(|o| admin.can_read(*o)));
        assert!(admin.field_visible(ObjType::Account, "Type"));
        let p = DemoUser::Restricted.profile();
        assert!(!p.can_read(ObjType::Case) && !p.can_read(ObjType::Opportunity));
        assert!(p.can_read(ObjType::Lead) && p.can_read(ObjType::Report));
        assert!(!p.field_visible(ObjType::Account, "type"));
        assert!(!p.field_visible(ObjType::Lead, "Company"));
        assert!(p.field_visible(ObjType::Account, "Name"));
        assert!(p.path_visible(ObjType::Contact, "Account.Name"));
        assert!(!p.path_visible(ObjType::Contact, "Account.Type"));
        assert_eq!(DemoUser::parse("Restricted"), Some(DemoUser::Restricted));
        assert_eq!("demo".parse::<DemoUser>(), Ok(DemoUser::Demo));
        assert!("admin".parse::<DemoUser>().is_err());
    }

    #[test]
    fn user_ids() {
        let d = crate::data::generate(42, 1_795_000_000);
        assert_eq!(DemoUser::Demo.user_id(&d), d.user_id);
        assert_eq!(DemoUser::Restricted.user_id(&d), crate::text::make_id("005", 2));
    }
}
