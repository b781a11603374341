//! Who the demo org is: its name, the demo user (Dana Demo, the one who signs in) and the four
//! colleagues who own the rest of the records, so "My …" list views and owner lookups are real.

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

/// The User records, the demo user first, and their ids in the same order.
pub(super) fn users() -> (Vec<Record>, Vec<String>) {
    let users_src: &[(&str, &str, &str)] = &[
        (USER_FIRST, USER_LAST, "ddemo"),
        ("Tomás", "Herrera", "therr"),
        ("Ingrid", "Sørensen", "isore"),
        ("Kenji", "Watanabe", "kwata"),
        ("Priya", "Natarajan", "pnata"),
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
