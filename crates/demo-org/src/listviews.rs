//! List views of the demo org (API-NOTES §4): Lead, Account, Contact, Opportunity and Case.
//! Each view filters the seeded records for real. Account has 95 views (the app offers at most
//! 80), the other types 8–9.

use std::collections::HashMap;

use super::data::{self, OrgData, Value, COUNTRIES};
use super::json::J;
use super::schema::{Kind, ObjType};
use super::text::{self, make_id};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateLit {
    Today,
    ThisWeek,
    LastWeek,
    ThisMonth,
    NextMonth,
}

impl DateLit {
    fn soql(self) -> &'static str {
        match self {
            DateLit::Today => "TODAY",
            DateLit::ThisWeek => "THIS_WEEK",
            DateLit::LastWeek => "LAST_WEEK",
            DateLit::ThisMonth => "THIS_MONTH",
            DateLit::NextMonth => "NEXT_MONTH",
        }
    }
    /// [start, end) in seconds.
    fn range(self, now: i64) -> (i64, i64) {
        let day = now.div_euclid(86_400) * 86_400;
        let ws = data::week_start(now);
        let (y, m, _) = text::civil_from_days(now.div_euclid(86_400));
        let month_start = |y: i64, m: u32| text::days_from_civil(y, m, 1) * 86_400;
        let next = |y: i64, m: u32| if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        match self {
            DateLit::Today => (day, day + 86_400),
            DateLit::ThisWeek => (ws, ws + 7 * 86_400),
            DateLit::LastWeek => (ws - 7 * 86_400, ws),
            DateLit::ThisMonth => {
                let (ny, nm) = next(y, m);
                (month_start(y, m), month_start(ny, nm))
            }
            DateLit::NextMonth => {
                let (ny, nm) = next(y, m);
                let (ny2, nm2) = next(ny, nm);
                (month_start(ny, nm), month_start(ny2, nm2))
            }
        }
    }
}

#[derive(Debug, Clone)]
pub enum Cond {
    Eq(&'static str, String),
    In(&'static str, Vec<String>),
    Bool(&'static str, bool),
    IsNull(&'static str),
    NotNull(&'static str),
    Gte(&'static str, i64),
    Lt(&'static str, i64),
    Date(&'static str, DateLit),
}

impl Cond {
    fn field(&self) -> &'static str {
        match self {
            Cond::Eq(f, _)
            | Cond::In(f, _)
            | Cond::Bool(f, _)
            | Cond::IsNull(f)
            | Cond::NotNull(f)
            | Cond::Gte(f, _)
            | Cond::Lt(f, _)
            | Cond::Date(f, _) => f,
        }
    }

    fn eval(&self, v: &Value, now: i64) -> bool {
        match self {
            Cond::Eq(_, s) => v.as_str() == Some(s.as_str()),
            Cond::In(_, xs) => v.as_str().is_some_and(|s| xs.iter().any(|x| x == s)),
            Cond::Bool(_, b) => v == &Value::Bool(*b),
            Cond::IsNull(_) => v.is_null(),
            Cond::NotNull(_) => !v.is_null(),
            Cond::Gte(_, n) => matches!(v, Value::Int(i) if i >= n),
            Cond::Lt(_, n) => matches!(v, Value::Int(i) if i < n),
            Cond::Date(_, d) => {
                let (a, b) = d.range(now);
                match v {
                    Value::DateTime(s) => (a..b).contains(s),
                    Value::Date(days) => (a..b).contains(&(days * 86_400)),
                    _ => false,
                }
            }
        }
    }

    /// `whereCondition` of the describe resource (rest_listview_describe_response.json).
    fn describe(&self) -> J {
        let (op, values): (&str, Vec<String>) = match self {
            Cond::Eq(_, s) => ("equals", vec![s.clone()]),
            Cond::In(_, xs) => ("equals", xs.clone()),
            Cond::Bool(_, b) => ("equals", vec![b.to_string()]),
            Cond::IsNull(_) => ("equals", vec![]),
            Cond::NotNull(_) => ("notEqual", vec![]),
            Cond::Gte(_, n) => ("greaterOrEqual", vec![n.to_string()]),
            Cond::Lt(_, n) => ("lessThan", vec![n.to_string()]),
            Cond::Date(_, d) => ("equals", vec![d.soql().to_string()]),
        };
        J::obj([
            ("field", J::s(self.field())),
            ("operator", J::s(op)),
            ("values", J::Arr(values.into_iter().map(J::Str).collect())),
        ])
    }

    fn soql(&self) -> String {
        let f = self.field();
        let q = |s: &str| format!("'{}'", s.replace('\'', "\\'"));
        match self {
            Cond::Eq(_, s) => format!("{f} = {}", q(s)),
            Cond::In(_, xs) => format!("{f} IN ({})", xs.iter().map(|x| q(x)).collect::<Vec<_>>().join(", ")),
            Cond::Bool(_, b) => format!("{f} = {b}"),
            Cond::IsNull(_) => format!("{f} = null"),
            Cond::NotNull(_) => format!("{f} != null"),
            Cond::Gte(_, n) => format!("{f} >= {n}"),
            Cond::Lt(_, n) => format!("{f} < {n}"),
            Cond::Date(_, d) => format!("{f} = {}", d.soql()),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Col {
    pub path: &'static str,
    pub label: String,
    pub kind: Kind,
    pub hidden: bool,
}

#[derive(Debug, Clone)]
pub struct ListView {
    pub id: String,
    pub obj: ObjType,
    pub developer_name: String,
    pub label: String,
    pub mine: bool,
    pub conds: Vec<Cond>,
    /// (field, descending)
    pub order: (&'static str, bool),
}

#[derive(Debug)]
pub struct Catalog {
    views: Vec<ListView>,
    by_obj: HashMap<ObjType, Vec<usize>>,
    by_id: HashMap<String, usize>,
}

pub const LISTVIEW_OBJECTS: [ObjType; 5] = [
    ObjType::Lead,
    ObjType::Account,
    ObjType::Contact,
    ObjType::Opportunity,
    ObjType::Case,
];

fn dev_name(label: &str) -> String {
    let s: String = text::fold(label)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("_");
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("X{s}")
    } else {
        s
    }
}

struct Builder {
    views: Vec<ListView>,
}

impl Builder {
    fn add(&mut self, obj: ObjType, dev: Option<&str>, label: &str, mine: bool, conds: Vec<Cond>) {
        let order = match obj {
            ObjType::Case => ("CaseNumber", true),
            _ => ("Name", false),
        };
        let order = if label.starts_with("Recently Viewed") {
            ("LastViewedDate", true)
        } else {
            order
        };
        let n = self.views.len() as u64 + 1;
        self.views.push(ListView {
            id: make_id("00B", n),
            obj,
            developer_name: dev.map(str::to_string).unwrap_or_else(|| dev_name(label)),
            label: label.to_string(),
            mine,
            conds,
            order,
        });
    }
}

impl Catalog {
    pub fn build(_data: &OrgData) -> Catalog {
        use Cond::*;
        use ObjType::*;
        let mut b = Builder { views: Vec::new() };
        let s = |x: &str| x.to_string();

        // Account: the standard views, then generated ones (95 in all).
        b.add(Account, Some("AllAccounts"), "All Accounts", false, vec![]);
        b.add(Account, Some("MyAccounts"), "My Accounts", true, vec![]);
        b.add(
            Account,
            Some("NewThisWeek"),
            "New This Week",
            false,
            vec![Date("CreatedDate", DateLit::ThisWeek)],
        );
        b.add(
            Account,
            Some("NewLastWeek"),
            "New Last Week",
            false,
            vec![Date("CreatedDate", DateLit::LastWeek)],
        );
        b.add(
            Account,
            Some("RecentlyViewedAccounts"),
            "Recently Viewed Accounts",
            false,
            vec![NotNull("LastViewedDate")],
        );
        for t in data::ACCOUNT_TYPES {
            b.add(Account, None, &format!("Type — {t}"), false, vec![Eq("Type", s(t))]);
        }
        for i in data::INDUSTRIES {
            b.add(
                Account,
                None,
                &format!("Industry — {i}"),
                false,
                vec![Eq("Industry", s(i))],
            );
        }
        for r in data::RATINGS {
            b.add(Account, None, &format!("{r} Accounts"), false, vec![Eq("Rating", s(r))]);
        }
        for c in COUNTRIES {
            b.add(
                Account,
                None,
                &format!("Accounts — {}", c.name),
                false,
                vec![Eq("BillingCountry", s(c.name))],
            );
        }
        for st in COUNTRIES[0].states {
            b.add(
                Account,
                None,
                &format!("Accounts — {st}, United States"),
                false,
                vec![Eq("BillingCountry", s("United States")), Eq("BillingState", s(st))],
            );
        }
        let customers = vec![s("Customer - Direct"), s("Customer - Channel")];
        for region in ["AMER", "EMEA", "APAC", "LATAM"] {
            let countries: Vec<String> = COUNTRIES
                .iter()
                .filter(|c| c.region == region)
                .map(|c| s(c.name))
                .collect();
            b.add(
                Account,
                None,
                &format!("Accounts — Region {region}"),
                false,
                vec![In("BillingCountry", countries.clone())],
            );
            b.add(
                Account,
                None,
                &format!("Customers — Region {region}"),
                false,
                vec![In("BillingCountry", countries.clone()), In("Type", customers.clone())],
            );
            b.add(
                Account,
                None,
                &format!("My Accounts — Region {region}"),
                true,
                vec![In("BillingCountry", countries.clone())],
            );
            b.add(
                Account,
                None,
                &format!("Prospects — Region {region}"),
                false,
                vec![In("BillingCountry", countries), Eq("Type", s("Prospect"))],
            );
        }
        b.add(Account, None, "Customers", false, vec![In("Type", customers.clone())]);
        b.add(Account, None, "My Customers", true, vec![In("Type", customers)]);
        b.add(
            Account,
            None,
            "Partners",
            false,
            vec![In(
                "Type",
                vec![
                    s("Channel Partner / Reseller"),
                    s("Installation Partner"),
                    s("Technology Partner"),
                ],
            )],
        );
        b.add(Account, None, "Accounts Without Type", false, vec![IsNull("Type")]);
        b.add(
            Account,
            None,
            "Enterprise Accounts (1,000+ employees)",
            false,
            vec![Gte("NumberOfEmployees", 1000)],
        );
        b.add(
            Account,
            None,
            "Small Businesses (under 50 employees)",
            false,
            vec![Lt("NumberOfEmployees", 50)],
        );
        b.add(
            Account,
            None,
            "Hot Prospects",
            false,
            vec![Eq("Type", s("Prospect")), Eq("Rating", s("Hot"))],
        );

        // Contact
        b.add(Contact, Some("AllContacts"), "All Contacts", false, vec![]);
        b.add(Contact, Some("MyContacts"), "My Contacts", true, vec![]);
        b.add(
            Contact,
            Some("NewThisWeek"),
            "New This Week",
            false,
            vec![Date("CreatedDate", DateLit::ThisWeek)],
        );
        b.add(
            Contact,
            Some("NewLastWeek"),
            "New Last Week",
            false,
            vec![Date("CreatedDate", DateLit::LastWeek)],
        );
        b.add(
            Contact,
            Some("RecentlyViewedContacts"),
            "Recently Viewed Contacts",
            false,
            vec![NotNull("LastViewedDate")],
        );
        b.add(
            Contact,
            None,
            "Contacts Without Account",
            false,
            vec![IsNull("AccountId")],
        );
        b.add(
            Contact,
            None,
            "Contacts — France",
            false,
            vec![Eq("MailingCountry", s("France"))],
        );
        b.add(
            Contact,
            None,
            "Contacts — Japan",
            false,
            vec![Eq("MailingCountry", s("Japan"))],
        );

        // Lead
        b.add(
            Lead,
            Some("AllOpenLeads"),
            "All Open Leads",
            false,
            vec![Bool("IsConverted", false)],
        );
        b.add(
            Lead,
            Some("MyUnreadLeads"),
            "My Unread Leads",
            true,
            vec![Bool("IsUnreadByOwner", true)],
        );
        b.add(
            Lead,
            Some("TodaysLeads"),
            "Today's Leads",
            false,
            vec![Date("CreatedDate", DateLit::Today)],
        );
        b.add(
            Lead,
            Some("RecentlyViewedLeads"),
            "Recently Viewed Leads",
            false,
            vec![NotNull("LastViewedDate")],
        );
        b.add(
            Lead,
            Some("NewThisWeek"),
            "New This Week",
            false,
            vec![Date("CreatedDate", DateLit::ThisWeek)],
        );
        b.add(
            Lead,
            None,
            "Working Leads",
            false,
            vec![Eq("Status", s("Working - Contacted"))],
        );
        b.add(Lead, None, "Web Leads", false, vec![Eq("LeadSource", s("Web"))]);
        b.add(
            Lead,
            None,
            "Hot Leads",
            false,
            vec![Eq("Rating", s("Hot")), Bool("IsConverted", false)],
        );
        b.add(
            Lead,
            None,
            "Closed - Not Converted",
            false,
            vec![Eq("Status", s("Closed - Not Converted"))],
        );

        // Opportunity
        b.add(
            Opportunity,
            Some("AllOpportunities"),
            "All Opportunities",
            false,
            vec![],
        );
        b.add(Opportunity, Some("MyOpportunities"), "My Opportunities", true, vec![]);
        b.add(
            Opportunity,
            Some("ClosingThisMonth"),
            "Closing This Month",
            false,
            vec![Date("CloseDate", DateLit::ThisMonth)],
        );
        b.add(
            Opportunity,
            Some("ClosingNextMonth"),
            "Closing Next Month",
            false,
            vec![Date("CloseDate", DateLit::NextMonth)],
        );
        b.add(
            Opportunity,
            Some("NewThisWeek"),
            "New This Week",
            false,
            vec![Date("CreatedDate", DateLit::ThisWeek)],
        );
        b.add(Opportunity, Some("Won"), "Won", false, vec![Bool("IsWon", true)]);
        b.add(
            Opportunity,
            None,
            "Open Opportunities",
            false,
            vec![Bool("IsClosed", false)],
        );
        b.add(
            Opportunity,
            Some("RecentlyViewedOpportunities"),
            "Recently Viewed Opportunities",
            false,
            vec![NotNull("LastViewedDate")],
        );
        b.add(
            Opportunity,
            None,
            "In Negotiation",
            false,
            vec![Eq("StageName", s("Negotiation/Review"))],
        );

        // Case
        b.add(
            Case,
            Some("AllOpenCases"),
            "All Open Cases",
            false,
            vec![Bool("IsClosed", false)],
        );
        b.add(
            Case,
            Some("MyOpenCases"),
            "My Open Cases",
            true,
            vec![Bool("IsClosed", false)],
        );
        b.add(Case, Some("MyCases"), "My Cases", true, vec![]);
        b.add(
            Case,
            Some("RecentlyViewedCases"),
            "Recently Viewed Cases",
            false,
            vec![NotNull("LastViewedDate")],
        );
        b.add(
            Case,
            Some("NewThisWeek"),
            "New This Week",
            false,
            vec![Date("CreatedDate", DateLit::ThisWeek)],
        );
        b.add(Case, None, "Escalated Cases", false, vec![Bool("IsEscalated", true)]);
        b.add(
            Case,
            None,
            "High Priority Open Cases",
            false,
            vec![Eq("Priority", s("High")), Bool("IsClosed", false)],
        );
        b.add(Case, None, "Closed Cases", false, vec![Bool("IsClosed", true)]);
        b.add(Case, None, "Web Cases", false, vec![Eq("Origin", s("Web"))]);

        let mut by_obj: HashMap<ObjType, Vec<usize>> = HashMap::new();
        let mut by_id = HashMap::new();
        for (i, v) in b.views.iter().enumerate() {
            by_obj.entry(v.obj).or_default().push(i);
            by_id.insert(v.id.clone(), i);
        }
        Catalog {
            views: b.views,
            by_obj,
            by_id,
        }
    }

    pub fn for_obj(&self, obj: ObjType) -> Vec<&ListView> {
        self.by_obj
            .get(&obj)
            .map(|v| v.iter().map(|i| &self.views[*i]).collect())
            .unwrap_or_default()
    }

    /// A view by 15- or 18-character id.
    pub fn get(&self, id: &str) -> Option<&ListView> {
        let id18 = text::to_id18(id)?;
        self.by_id.get(&id18).map(|i| &self.views[*i])
    }
}

/// Columns per object, like the standard list layouts (rest_listview_results_response.json
/// shows Name, BillingState, Type, Owner.Alias and hidden Id/CreatedDate for Account).
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
            c("Owner.Alias", &owner, Kind::Text, false),
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
            c("Owner.Alias", &owner, Kind::Text, false),
            c("Id", "Case ID", Kind::Id, true),
        ],
    }
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

fn columns_json(view: &ListView) -> J {
    let cols = columns(view.obj);
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

/// The value at a column path ("Name", "Account.Name", "Owner.Alias").
fn path_value<'d>(data: &'d OrgData, obj: ObjType, rec: usize, path: &str) -> &'d Value {
    let t = data.table(obj);
    match path.split_once('.') {
        None => t.value(rec, path),
        Some((rel, field)) => {
            let Some(r) = obj.relationship(rel) else {
                return &Value::Null;
            };
            let target = data.table(r.target);
            match t.value(rec, r.id_field).as_str().and_then(|id| target.index_of(id)) {
                Some(i) => target.value(i, field),
                None => &Value::Null,
            }
        }
    }
}

/// List view results render every value as a display string or null
/// (rest_listview_results_response.json). Date-only and currency formats are not shown in the
/// sample: ISO dates and plain numbers are used [unverified].
fn display(v: &Value) -> J {
    match v {
        Value::Null => J::Null,
        Value::Str(s) => J::Str(s.clone()),
        Value::Bool(b) => J::Str(b.to_string()),
        Value::Num(n) => J::Str(if n.fract() == 0.0 {
            format!("{n:.0}")
        } else {
            n.to_string()
        }),
        Value::Int(i) => J::Str(i.to_string()),
        Value::Date(d) => J::Str(text::iso_date(*d)),
        Value::DateTime(s) => J::Str(text::listview_datetime(*s)),
    }
}

/// Record indexes of a view, in the view's order.
pub fn matching(view: &ListView, data: &OrgData, now: i64) -> Vec<usize> {
    let t = data.table(view.obj);
    let owner_idx = view.obj.field_index("OwnerId");
    let mut hits: Vec<usize> = (0..t.records.len())
        .filter(|&i| {
            (!view.mine || owner_idx.is_some_and(|o| t.records[i].values[o].as_str() == Some(data.user_id.as_str())))
                && view.conds.iter().all(|c| c.eval(t.value(i, c.field()), now))
        })
        .collect();
    let (field, desc) = view.order;
    let key = |i: usize| t.value(i, field);
    hits.sort_by(|&a, &b| {
        let o = match (key(a), key(b)) {
            (Value::Str(x), Value::Str(y)) => text::fold(x).cmp(&text::fold(y)),
            (Value::DateTime(x), Value::DateTime(y)) => x.cmp(y),
            (Value::Null, Value::Null) => std::cmp::Ordering::Equal,
            (Value::Null, _) => std::cmp::Ordering::Less,
            (_, Value::Null) => std::cmp::Ordering::Greater,
            _ => std::cmp::Ordering::Equal,
        };
        (if desc { o.reverse() } else { o }).then(a.cmp(&b))
    });
    hits
}

/// One entry of /listviews (rest_listviews_response.json key order).
pub fn entry_json(view: &ListView, version: &str) -> J {
    let base = format!(
        "/services/data/v{version}/sobjects/{}/listviews/{}",
        view.obj.api_name(),
        view.id
    );
    J::obj([
        ("describeUrl", J::Str(format!("{base}/describe"))),
        ("developerName", J::s(view.developer_name.clone())),
        ("id", J::s(view.id.clone())),
        ("label", J::s(view.label.clone())),
        ("resultsUrl", J::Str(format!("{base}/results"))),
        ("soqlCompatible", J::Bool(true)),
        ("url", J::Str(base)),
    ])
}

/// Page size of /listviews. The paging keys are not in the sample (API-NOTES §4: `nextRecordsUrl`,
/// `size`, `sobjectType` are [unverified]); the demo pages at 50 like other collection resources.
pub const LISTVIEWS_PAGE: usize = 50;

pub fn listviews_json(cat: &Catalog, obj: ObjType, offset: usize, version: &str) -> J {
    let all = cat.for_obj(obj);
    let page: Vec<J> = all
        .iter()
        .skip(offset)
        .take(LISTVIEWS_PAGE)
        .map(|v| entry_json(v, version))
        .collect();
    let end = offset + page.len();
    let done = end >= all.len();
    J::obj([
        ("done", J::Bool(done)),
        ("listviews", J::Arr(page)),
        (
            "nextRecordsUrl",
            if done {
                J::Null
            } else {
                J::Str(format!(
                    "/services/data/v{version}/sobjects/{}/listviews?offset={end}",
                    obj.api_name()
                ))
            },
        ),
        ("size", J::Int(all.len() as i64)),
        ("sobjectType", J::s(obj.api_name())),
    ])
}

/// /listviews/recent (rest_recent_listviews_response.json: `done` + `listviews`): the views the
/// demo user opened last.
pub fn recent_json(cat: &Catalog, obj: ObjType, version: &str) -> J {
    let all = cat.for_obj(obj);
    let recent: Vec<J> = all.iter().take(3).map(|v| entry_json(v, version)).collect();
    J::obj([("done", J::Bool(true)), ("listviews", J::Arr(recent))])
}

fn soql(view: &ListView) -> String {
    let cols = columns(view.obj);
    let select: Vec<String> = cols
        .iter()
        .map(|c| {
            if c.kind == Kind::Picklist {
                format!("toLabel({})", c.path)
            } else {
                c.path.to_string()
            }
        })
        .collect();
    let mut q = format!("SELECT {} FROM {}", select.join(", "), view.obj.api_name());
    if view.mine {
        q.push_str(" USING SCOPE mine");
    }
    if !view.conds.is_empty() {
        q.push_str(" WHERE ");
        q.push_str(&view.conds.iter().map(Cond::soql).collect::<Vec<_>>().join(" AND "));
    }
    let (f, desc) = view.order;
    let dir = if desc { "DESC NULLS LAST" } else { "ASC NULLS FIRST" };
    q.push_str(&format!(" ORDER BY {f} {dir}, Id {dir}"));
    q
}

/// /listviews/{id}/describe (rest_listview_describe_response.json).
pub fn describe_json(view: &ListView) -> J {
    let (f, desc) = view.order;
    let dir = if desc { "descending" } else { "ascending" };
    let nulls = if desc { "last" } else { "first" };
    let where_ = match view.conds.len() {
        0 => J::Null,
        1 => view.conds[0].describe(),
        _ => J::obj([
            ("conditions", J::Arr(view.conds.iter().map(Cond::describe).collect())),
            ("conjunction", J::s("and")),
        ]),
    };
    J::obj([
        ("columns", columns_json(view)),
        ("id", J::s(&view.id[..15])),
        (
            "orderBy",
            J::Arr(vec![
                J::obj([
                    ("fieldNameOrPath", J::s(f)),
                    ("nullsPosition", J::s(nulls)),
                    ("sortDirection", J::s(dir)),
                ]),
                J::obj([
                    ("fieldNameOrPath", J::s("Id")),
                    ("nullsPosition", J::s(nulls)),
                    ("sortDirection", J::s(dir)),
                ]),
            ]),
        ),
        ("query", J::Str(soql(view))),
        ("scope", if view.mine { J::s("mine") } else { J::Null }),
        ("sobjectType", J::s(view.obj.api_name())),
        ("whereCondition", where_),
    ])
}

/// /listviews/{id}/results (rest_listview_results_response.json). `size` is the total count.
pub fn results_json(view: &ListView, data: &OrgData, limit: usize, offset: usize, now: i64) -> J {
    let hits = matching(view, data, now);
    let cols = columns(view.obj);
    let page: Vec<J> = hits
        .iter()
        .skip(offset)
        .take(limit)
        .map(|&i| {
            J::obj([(
                "columns",
                J::Arr(
                    cols.iter()
                        .map(|c| {
                            J::obj([
                                ("fieldNameOrPath", J::s(c.path)),
                                ("value", display(path_value(data, view.obj, i, c.path))),
                            ])
                        })
                        .collect(),
                ),
            )])
        })
        .collect();
    let done = offset + page.len() >= hits.len();
    J::obj([
        ("columns", columns_json(view)),
        ("developerName", J::s(view.developer_name.clone())),
        ("done", J::Bool(done)),
        // The top-level id is the 15-character list view id (sample note).
        ("id", J::s(&view.id[..15])),
        ("label", J::s(view.label.clone())),
        ("records", J::Arr(page)),
        ("size", J::Int(hits.len() as i64)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_sizes_and_filters() {
        let d = data::generate(42, 1_795_000_000);
        let cat = Catalog::build(&d);
        assert!(
            cat.for_obj(ObjType::Account).len() > 80,
            "{}",
            cat.for_obj(ObjType::Account).len()
        );
        for o in [ObjType::Lead, ObjType::Contact, ObjType::Opportunity, ObjType::Case] {
            let n = cat.for_obj(o).len();
            assert!((5..=12).contains(&n), "{o:?} {n}");
        }
        assert!(cat.for_obj(ObjType::Report).is_empty());
        let all = &cat.for_obj(ObjType::Account)[0];
        assert_eq!(matching(all, &d, d.now).len(), 1500);
        let mine = &cat.for_obj(ObjType::Account)[1];
        let n = matching(mine, &d, d.now).len();
        assert!(n > 300 && n < 1000, "{n}");
        let week = &cat.for_obj(ObjType::Account)[2];
        assert!(!matching(week, &d, d.now).is_empty());
        let ids: std::collections::HashSet<_> = cat.views.iter().map(|v| &v.developer_name).collect();
        assert!(ids.len() > 90);
        for v in cat.for_obj(ObjType::Account) {
            assert!(!v.developer_name.is_empty());
        }
    }
}
