//! The five CRM objects that search finds and list views show: Accounts, Contacts, Leads,
//! Opportunities and Cases, one generator each, run in that order (each draws from the same
//! random sequence, so the order is part of the data set). Anchors come first in each table.

use std::collections::{HashMap, HashSet};

use super::anchors;
use super::names::{company_name, first_names, last_names, phone, slug};
use super::picklists::{ACCOUNT_TYPES, CASE_STATUSES, COUNTRIES, INDUSTRIES, LEAD_STATUSES, RATINGS, STAGES};
use super::seed::{Builder, Gen};
use super::table::{Record, Value};
use crate::schema::ObjType;
use crate::text::{self, make_id};

const N_ACCOUNTS: usize = 1500;

/// Job titles of Contacts and Leads.
const TITLES: [&str; 15] = [
    "CEO",
    "CFO",
    "CTO",
    "VP Sales",
    "VP Marketing",
    "Head of Procurement",
    "Operations Manager",
    "IT Director",
    "Buyer",
    "Office Manager",
    "Directrice commerciale",
    "Geschäftsführer",
    "Jefa de compras",
    "Bucho",
    "Kierownik projektu",
];

/// Lead sources of Leads and Opportunities.
const LEAD_SOURCES: [&str; 6] = [
    "Web",
    "Phone Inquiry",
    "Partner Referral",
    "Purchased List",
    "Trade Show",
    "Other",
];

/// Accounts: ten fixed ones first (the anchors, reserved characters, accents, apostrophes,
/// transliterated Japanese), then generated companies with unique names. Also returns each
/// account's country (an index into `COUNTRIES`), which its contacts follow.
pub(super) fn accounts(g: &mut Gen, user_ids: &[String]) -> (Vec<Record>, Vec<usize>) {
    let dana = &user_ids[0];
    let mut accounts = Vec::new();
    let mut account_country: Vec<usize> = Vec::new();
    let mut seen = HashSet::new();
    let anchors_acc: &[(&str, Option<&str>, usize)] = &[
        (anchors::ACME_CORP, Some("Customer - Direct"), 0),
        (anchors::ACME_LABS, Some("Technology Partner"), 0),
        (anchors::ACME_NORDIC, Some("Customer - Channel"), 11),
        (anchors::RESERVED_CHARS_ACCOUNT, Some("Prospect"), 0),
        ("Smith & Sons", Some("Customer - Direct"), 7),
        ("L'Orée Cosmétiques", Some("Customer - Channel"), 2),
        ("Müller Präzisionstechnik GmbH", None, 3),
        ("Łódź Logistyka Sp. z o.o.", Some("Installation Partner"), 6),
        ("O'Brien & O'Connor Solicitors", Some("Other"), 8),
        ("Tanaka Shōji K.K.", Some("Customer - Direct"), 5),
    ];
    for i in 0..N_ACCOUNTS {
        let id = make_id("001", 1 + i as u64);
        let (name, ty, ci) = if let Some((n, t, c)) = anchors_acc.get(i) {
            (n.to_string(), t.map(|s| s.to_string()), *c)
        } else {
            let ci = g.rng.below(COUNTRIES.len() as u64) as usize;
            let city = *g.rng.pick(COUNTRIES[ci].cities);
            let mut name = company_name(&mut g.rng, COUNTRIES[ci].lang, city);
            let mut tries = 0;
            while seen.contains(&name) {
                tries += 1;
                name = if tries < 5 {
                    company_name(&mut g.rng, COUNTRIES[ci].lang, city)
                } else {
                    format!("{name} ({city})")
                };
            }
            let ty = if g.rng.chance(0.12) {
                None
            } else {
                Some(g.rng.pick(ACCOUNT_TYPES).to_string())
            };
            (name, ty, ci)
        };
        seen.insert(name.clone());
        let c = &COUNTRIES[ci];
        let mut b = Builder::new(ObjType::Account, &id);
        let city = *g.rng.pick(c.cities);
        let state = if c.states.is_empty() {
            None
        } else {
            Some(*g.rng.pick(c.states))
        };
        let state = if i == 0 { Some("CA") } else { state };
        let employees =
            [5, 12, 40, 85, 150, 320, 800, 1500, 4000, 12000][g.rng.below(10) as usize] + g.rng.below(50) as i64;
        let industry = if g.rng.chance(0.08) {
            None
        } else {
            Some(*g.rng.pick(INDUSTRIES))
        };
        let rating = if g.rng.chance(0.3) {
            None
        } else {
            Some(*g.rng.pick(RATINGS))
        };
        let phone = phone(&mut g.rng, c);
        let website = if g.rng.chance(0.85) {
            Some(format!("www.{}.example", slug(&name)))
        } else {
            None
        };
        let revenue = if g.rng.chance(0.7) {
            Value::Num((employees * (80_000 + g.rng.below(120_000) as i64)) as f64)
        } else {
            Value::Null
        };
        b.s("Name", name.clone())
            .opt("Type", ty)
            .opt("Industry", if i == 0 { Some("Manufacturing") } else { industry })
            .opt("Rating", rating)
            .s("BillingCity", city)
            .opt("BillingState", state)
            .s("BillingCountry", c.name)
            .s("Phone", phone)
            .opt("Website", website)
            .set("NumberOfEmployees", Value::Int(employees))
            .set("AnnualRevenue", revenue);
        if i == 3 {
            b.s(
                "Description",
                "Test account whose name holds SOSL reserved characters: & { } ( ) - % : !",
            );
        } else if g.rng.chance(0.2) {
            b.s(
                "Description",
                format!("{} account based in {city}, {}.", ty_or(&b, "Type"), c.name),
            );
        }
        let owner = if i < 4 {
            Value::Str(dana.clone())
        } else {
            g.owner(user_ids)
        };
        b.set("OwnerId", owner);
        g.stamps(&mut b, i < anchors_acc.len());
        accounts.push(b.done());
        account_country.push(ci);
    }
    (accounts, account_country)
}

/// Contacts, most of them at an account (named like its country); also returns the contacts
/// of each account, which its cases pick from.
pub(super) fn contacts(
    g: &mut Gen,
    user_ids: &[String],
    accounts: &[Record],
    account_country: &[usize],
) -> (Vec<Record>, HashMap<usize, Vec<usize>>) {
    let dana = &user_ids[0];
    let departments = [
        "Sales",
        "Finance",
        "IT",
        "Operations",
        "Procurement",
        "Marketing",
        "Legal",
    ];
    let mut contacts = Vec::new();
    let mut contacts_by_account: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..2500 {
        let id = make_id("003", 1 + i as u64);
        let (first, last, acc) = match i {
            0 => ("Ada".to_string(), "Lovelace".to_string(), Some(0usize)),
            1 => ("Zoë".to_string(), "Ørsted".to_string(), None),
            2 => ("Seán".to_string(), "O'Brien".to_string(), Some(8)),
            3 => ("Wile E.".to_string(), "Coyote".to_string(), Some(0)),
            _ => {
                let acc = if g.rng.chance(0.08) {
                    None
                } else {
                    Some(g.rng.below(N_ACCOUNTS as u64) as usize)
                };
                let lang = match acc {
                    Some(a) => COUNTRIES[account_country[a]].lang,
                    None => COUNTRIES[g.rng.below(COUNTRIES.len() as u64) as usize].lang,
                };
                (
                    g.rng.pick(first_names(lang)).to_string(),
                    g.rng.pick(last_names(lang)).to_string(),
                    acc,
                )
            }
        };
        let mut b = Builder::new(ObjType::Contact, &id);
        let (domain, country) = match acc {
            Some(a) => (
                format!("{}.example", slug(accounts[a].values[1].as_str().unwrap_or("acme"))),
                &COUNTRIES[account_country[a]],
            ),
            None => ("mail.example".to_string(), &COUNTRIES[(i * 7) % COUNTRIES.len()]),
        };
        b.s("FirstName", first.clone())
            .s("LastName", last.clone())
            .s("Name", format!("{first} {last}"))
            .opt(
                "Title",
                if g.rng.chance(0.85) {
                    Some(*g.rng.pick(&TITLES))
                } else {
                    None
                },
            )
            .opt(
                "Department",
                if g.rng.chance(0.6) {
                    Some(*g.rng.pick(&departments))
                } else {
                    None
                },
            )
            .s("Email", format!("{}.{}@{domain}", slug(&first), slug(&last)))
            .s("Phone", phone(&mut g.rng, country))
            .s("MailingCity", *g.rng.pick(country.cities))
            .s("MailingCountry", country.name);
        b.set(
            "AccountId",
            acc.map(|a| Value::Str(accounts[a].id.clone())).unwrap_or(Value::Null),
        );
        let owner = if i < 2 {
            Value::Str(dana.clone())
        } else {
            g.owner(user_ids)
        };
        b.set("OwnerId", owner);
        g.stamps(&mut b, i < 4);
        if let Some(a) = acc {
            contacts_by_account.entry(a).or_default().push(i);
        }
        contacts.push(b.done());
    }
    (contacts, contacts_by_account)
}

/// Leads, with their own companies.
pub(super) fn leads(g: &mut Gen, user_ids: &[String]) -> Vec<Record> {
    let dana = &user_ids[0];
    let mut leads = Vec::new();
    for i in 0..1500 {
        let id = make_id("00Q", 1 + i as u64);
        let ci = if i == 0 {
            2
        } else {
            g.rng.below(COUNTRIES.len() as u64) as usize
        };
        let c = &COUNTRIES[ci];
        let city = *g.rng.pick(c.cities);
        let (first, last, company) = if i == 0 {
            (
                "Marie".to_string(),
                "Curie".to_string(),
                anchors::MARIE_COMPANY.to_string(),
            )
        } else if i == 1 {
            (
                "Priya".to_string(),
                "Raman".to_string(),
                anchors::ACME_LEAD_COMPANY.to_string(),
            )
        } else {
            (
                g.rng.pick(first_names(c.lang)).to_string(),
                g.rng.pick(last_names(c.lang)).to_string(),
                company_name(&mut g.rng, c.lang, city),
            )
        };
        let status = if i == 0 {
            "Working - Contacted"
        } else {
            *g.rng.pick(LEAD_STATUSES)
        };
        let mut b = Builder::new(ObjType::Lead, &id);
        b.s("FirstName", first.clone())
            .s("LastName", last.clone())
            .s("Name", format!("{first} {last}"))
            .s("Company", company.clone())
            .opt(
                "Title",
                if g.rng.chance(0.8) {
                    Some(*g.rng.pick(&TITLES))
                } else {
                    None
                },
            )
            .s("Status", status)
            .opt(
                "LeadSource",
                if g.rng.chance(0.9) {
                    Some(*g.rng.pick(&LEAD_SOURCES))
                } else {
                    None
                },
            )
            .opt(
                "Industry",
                if g.rng.chance(0.7) {
                    Some(*g.rng.pick(INDUSTRIES))
                } else {
                    None
                },
            )
            .opt(
                "Rating",
                if g.rng.chance(0.5) {
                    Some(*g.rng.pick(RATINGS))
                } else {
                    None
                },
            )
            .s(
                "Email",
                format!("{}.{}@{}.example", slug(&first), slug(&last), slug(&company)),
            )
            .s("Phone", phone(&mut g.rng, c))
            .s("City", city)
            .opt(
                "State",
                if c.states.is_empty() {
                    None
                } else {
                    Some(*g.rng.pick(c.states))
                },
            )
            .s("Country", c.name)
            .set("IsConverted", Value::Bool(status == "Closed - Converted"))
            .set("IsUnreadByOwner", Value::Bool(g.rng.chance(0.25)));
        let owner = if i == 0 {
            Value::Str(dana.clone())
        } else {
            g.owner(user_ids)
        };
        b.set("OwnerId", owner);
        g.stamps(&mut b, i == 0);
        leads.push(b.done());
    }
    leads
}

/// Opportunities, each at an account; open ones close from ten days ago to within the year.
pub(super) fn opportunities(g: &mut Gen, user_ids: &[String], accounts: &[Record]) -> Vec<Record> {
    let dana = &user_ids[0];
    let opp_suffix = [
        "Renewal",
        "Expansion",
        "New Business",
        "Upgrade",
        "Pilot",
        "Services",
        "Licences",
        "Hardware Refresh",
        "Support Contract",
    ];
    let opp_types = [
        "New Customer",
        "Existing Customer - Upgrade",
        "Existing Customer - Replacement",
        "Existing Customer - Downgrade",
    ];
    let today = g.now.div_euclid(86_400);
    let mut opps = Vec::new();
    for i in 0..800 {
        let id = make_id("006", 1 + i as u64);
        let acc = if i == 0 {
            0
        } else {
            g.rng.below(N_ACCOUNTS as u64) as usize
        };
        let acc_name = accounts[acc].values[1].as_str().unwrap_or_default().to_string();
        let name = if i == 0 {
            anchors::ACME_OPP.to_string()
        } else {
            format!("{acc_name} — {} {}", g.rng.pick(&opp_suffix), 2024 + g.rng.below(4))
        };
        let stage = if i == 0 { STAGES[7] } else { *g.rng.pick(STAGES) };
        let close = if stage.2 {
            today - g.rng.below(500) as i64
        } else {
            today - 10 + g.rng.below(300) as i64
        };
        let mut b = Builder::new(ObjType::Opportunity, &id);
        b.s("Name", name)
            .set("AccountId", Value::Str(accounts[acc].id.clone()))
            .s("StageName", stage.0)
            .set(
                "Amount",
                if g.rng.chance(0.95) {
                    Value::Num((1 + g.rng.below(400)) as f64 * 1250.0)
                } else {
                    Value::Null
                },
            )
            .set("Probability", Value::Num(stage.1))
            .set(
                "CloseDate",
                Value::Date(if i == 0 {
                    text::days_from_civil(2027, 1, 31)
                } else {
                    close
                }),
            )
            .opt(
                "Type",
                if g.rng.chance(0.85) {
                    Some(*g.rng.pick(&opp_types))
                } else {
                    None
                },
            )
            .opt(
                "LeadSource",
                if g.rng.chance(0.7) {
                    Some(*g.rng.pick(&LEAD_SOURCES))
                } else {
                    None
                },
            )
            .opt(
                "NextStep",
                if stage.2 {
                    None
                } else {
                    Some(*g.rng.pick(&[
                        "Send proposal",
                        "Schedule demo",
                        "Legal review",
                        "Follow up call",
                        "Négocier les conditions",
                    ]))
                },
            )
            .set("IsClosed", Value::Bool(stage.2))
            .set("IsWon", Value::Bool(stage.3));
        let owner = if i == 0 {
            Value::Str(dana.clone())
        } else {
            g.owner(user_ids)
        };
        b.set("OwnerId", owner);
        g.stamps(&mut b, i == 0);
        opps.push(b.done());
    }
    opps
}

/// Cases, most at an account and with one of its contacts.
pub(super) fn cases(
    g: &mut Gen,
    user_ids: &[String],
    accounts: &[Record],
    contacts: &[Record],
    contacts_by_account: &HashMap<usize, Vec<usize>>,
) -> Vec<Record> {
    let dana = &user_ids[0];
    let subjects = [
        "Cannot log in to the customer portal",
        "Invoice #{n} shows the wrong VAT rate",
        "Printer jam on floor {n}",
        "Shipment {n} delayed at customs",
        "Feature request: export to Excel",
        "Données manquantes dans le rapport mensuel",
        "Lieferung unvollständig – Bestellung {n}",
        "Error 500 when uploading attachments larger than 10 MB from the mobile app on Android devices",
        "Password reset e-mail never arrives",
        "Pedido {n} llegó dañado",
        "Nōhin-sho ga todokanai (delivery note {n} missing)",
        "Faktura {n} – błędna kwota",
        "Integration sync stuck since last weekend's maintenance window, all downstream dashboards stale",
        "Request for on-site training",
        "Question about renewal pricing",
    ];
    let priorities = ["High", "Medium", "Low"];
    let origins = ["Phone", "Email", "Web"];
    let case_types = ["Problem", "Question", "Feature Request"];
    let mut cases = Vec::new();
    for i in 0..1000 {
        let id = make_id("500", 1 + i as u64);
        let acc = if i == 0 {
            Some(0)
        } else if g.rng.chance(0.9) {
            Some(g.rng.below(N_ACCOUNTS as u64) as usize)
        } else {
            None
        };
        let subject = if i == 0 {
            anchors::ACME_CASE_SUBJECT.to_string()
        } else {
            g.rng
                .pick(&subjects)
                .replace("{n}", &(100 + g.rng.below(9900)).to_string())
        };
        let status = if i == 0 { "New" } else { *g.rng.pick(CASE_STATUSES) };
        let contact = acc.and_then(|a| contacts_by_account.get(&a)).map(|v| {
            let c = v[g.rng.below(v.len() as u64) as usize];
            contacts[c].id.clone()
        });
        let mut b = Builder::new(ObjType::Case, &id);
        b.s("CaseNumber", format!("{:08}", 1001 + i))
            .s("Subject", subject)
            .opt(
                "Description",
                if g.rng.chance(0.5) {
                    Some("Customer reported the issue by phone; details in the attached log.")
                } else {
                    None
                },
            )
            .s("Status", status)
            .s("Priority", if i == 0 { "High" } else { *g.rng.pick(&priorities) })
            .s("Origin", *g.rng.pick(&origins))
            .opt(
                "Type",
                if g.rng.chance(0.8) {
                    Some(*g.rng.pick(&case_types))
                } else {
                    None
                },
            )
            .set(
                "AccountId",
                acc.map(|a| Value::Str(accounts[a].id.clone())).unwrap_or(Value::Null),
            )
            .opt("ContactId", contact)
            .set("IsClosed", Value::Bool(status == "Closed"))
            .set("IsEscalated", Value::Bool(status == "Escalated"));
        let owner = if i == 0 {
            Value::Str(dana.clone())
        } else {
            g.owner(user_ids)
        };
        b.set("OwnerId", owner);
        g.stamps(&mut b, i == 0);
        cases.push(b.done());
    }
    cases
}

fn ty_or(b: &Builder, field: &str) -> String {
    b.obj
        .field_index(field)
        .and_then(|i| b.values[i].as_str())
        .unwrap_or("Business")
        .to_string()
}
