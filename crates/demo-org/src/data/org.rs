//! Who the demo org is: its name, the demo user (Dana Demo, the one who signs in) and the four
//! colleagues who own the rest of the records, so "My …" list views and owner lookups are real.
//! One colleague, Tomás Herrera, can sign in too, as the restricted user (`profiles`).

use super::names::slug;
use super::seed::Builder;
use super::table::Record;
use crate::schema::ObjType;
use crate::text::make_id;

pub const ORG_NAME: &str = "Workstation Demo Org";
pub const USER_NAME: &str = "Dana Demo";
pub const USER_FIRST: &str = "Dana";
pub const USER_LAST: &str = "Demo";
pub const USERNAME: &str = "dana.demo@workstation-demo.example";

/// The restricted user: the first colleague, whose records and id (`005…2`) were always there.
pub const RESTRICTED_FIRST: &str = "Tomás";
pub const RESTRICTED_LAST: &str = "Herrera";
pub const RESTRICTED_NAME: &str = "Tomás Herrera";
/// His username as the generator writes it (slugs of his names; a unit test holds them equal).
pub const RESTRICTED_USERNAME: &str = "tomas.herrera@workstation-demo.example";

/// The user without API access: the last colleague.
pub const NOAPI_FIRST: &str = "Priya";
pub const NOAPI_LAST: &str = "Natarajan";
pub const NOAPI_NAME: &str = "Priya Natarajan";
pub const NOAPI_USERNAME: &str = "priya.natarajan@workstation-demo.example";

/// The User records, the demo user first, and their ids in the same order.
pub(super) fn users() -> (Vec<Record>, Vec<String>) {
    let users_src: &[(&str, &str, &str)] = &[
        (USER_FIRST, USER_LAST, "ddemo"),
        (RESTRICTED_FIRST, RESTRICTED_LAST, "therr"),
        ("Ingrid", "Sørensen", "isore"),
        ("Kenji", "Watanabe", "kwata"),
        (NOAPI_FIRST, NOAPI_LAST, "pnata"),
    ];
    let mut users = Vec::new();
    let mut user_ids = Vec::new();
    for (i, (first, last, alias)) in users_src.iter().enumerate() {
        let id = make_id("005", 1 + i as u64);
        let mut b = Builder::new(ObjType::User, &id);
        let email = if i == 0 {
            USERNAME.to_string()
        } else {
            format!("{}.{}@workstation-demo.example", slug(first), slug(last))
        };
        b.s("FirstName", *first)
            .s("LastName", *last)
            .s("Name", format!("{first} {last}"))
            .s("Alias", *alias)
            .s("Username", email.clone())
            .s("Email", email);
        users.push(b.done());
        user_ids.push(id);
    }
    (users, user_ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_restricted_user_is_the_first_colleague() {
        let (users, ids) = users();
        assert_eq!(users[1].values[5], crate::data::Value::Str(RESTRICTED_USERNAME.into()));
        assert_eq!(users[1].values[1], crate::data::Value::Str(RESTRICTED_NAME.into()));
        assert_eq!(ids[1], make_id("005", 2));
        assert_eq!(users[4].values[5], crate::data::Value::Str(NOAPI_USERNAME.into()));
    }
}
