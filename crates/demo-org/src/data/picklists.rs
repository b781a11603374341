//! The values the seeded records are picked from and the list views filter on: picklist
//! values (Account type, industry, rating, lead status, opportunity stage, case status) and the
//! countries records live in, with their region, language, cities, states and phone prefix.

pub const ACCOUNT_TYPES: &[&str] = &[
    "Customer - Direct",
    "Customer - Channel",
    "Channel Partner / Reseller",
    "Installation Partner",
    "Technology Partner",
    "Prospect",
    "Other",
];

pub const INDUSTRIES: &[&str] = &[
    "Agriculture",
    "Apparel",
    "Banking",
    "Biotechnology",
    "Chemicals",
    "Communications",
    "Construction",
    "Consulting",
    "Education",
    "Electronics",
    "Energy",
    "Engineering",
    "Entertainment",
    "Finance",
    "Food & Beverage",
    "Healthcare",
    "Hospitality",
    "Insurance",
    "Manufacturing",
    "Media",
    "Retail",
    "Technology",
    "Telecommunications",
    "Transportation",
];

pub const RATINGS: &[&str] = &["Hot", "Warm", "Cold"];

pub const LEAD_STATUSES: &[&str] = &[
    "Open - Not Contacted",
    "Working - Contacted",
    "Closed - Converted",
    "Closed - Not Converted",
];

pub const STAGES: &[(&str, f64, bool, bool)] = &[
    ("Prospecting", 10.0, false, false),
    ("Qualification", 10.0, false, false),
    ("Needs Analysis", 20.0, false, false),
    ("Value Proposition", 50.0, false, false),
    ("Id. Decision Makers", 60.0, false, false),
    ("Perception Analysis", 70.0, false, false),
    ("Proposal/Price Quote", 75.0, false, false),
    ("Negotiation/Review", 90.0, false, false),
    ("Closed Won", 100.0, true, true),
    ("Closed Lost", 0.0, true, false),
];

pub const CASE_STATUSES: &[&str] = &["New", "Working", "Escalated", "Closed"];

pub struct Country {
    pub name: &'static str,
    pub region: &'static str,
    pub lang: Lang,
    pub cities: &'static [&'static str],
    pub states: &'static [&'static str],
    pub phone: &'static str,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Lang {
    En,
    Fr,
    De,
    Es,
    Ja,
    Pl,
    It,
    Nordic,
    Pt,
    Ie,
    Ng,
}

pub const COUNTRIES: &[Country] = &[
    Country {
        name: "United States",
        region: "AMER",
        lang: Lang::En,
        cities: &[
            "San Francisco",
            "New York",
            "Austin",
            "Seattle",
            "Boston",
            "Chicago",
            "Raleigh",
            "Wichita",
            "Atlanta",
            "Denver",
            "Portland",
            "Miami",
        ],
        states: &[
            "CA", "NY", "TX", "WA", "MA", "IL", "NC", "KS", "GA", "CO", "OR", "FL", "PA", "OH", "MI", "VA", "AZ", "MN",
        ],
        phone: "+1",
    },
    Country {
        name: "Canada",
        region: "AMER",
        lang: Lang::En,
        cities: &["Toronto", "Montréal", "Vancouver", "Québec"],
        states: &[],
        phone: "+1",
    },
    Country {
        name: "France",
        region: "EMEA",
        lang: Lang::Fr,
        cities: &["Paris", "Lyon", "Marseille", "Toulouse", "Nantes", "Orléans"],
        states: &[],
        phone: "+33",
    },
    Country {
        name: "Germany",
        region: "EMEA",
        lang: Lang::De,
        cities: &["Berlin", "München", "Köln", "Hamburg", "Düsseldorf", "Nürnberg"],
        states: &[],
        phone: "+49",
    },
    Country {
        name: "Spain",
        region: "EMEA",
        lang: Lang::Es,
        cities: &["Madrid", "Barcelona", "Sevilla", "València", "Bilbao", "Málaga"],
        states: &[],
        phone: "+34",
    },
    Country {
        name: "Japan",
        region: "APAC",
        lang: Lang::Ja,
        cities: &["Tōkyō", "Ōsaka", "Kyōto", "Sapporo", "Fukuoka", "Kōbe"],
        states: &[],
        phone: "+81",
    },
    Country {
        name: "Poland",
        region: "EMEA",
        lang: Lang::Pl,
        cities: &["Warszawa", "Kraków", "Łódź", "Wrocław", "Gdańsk", "Poznań"],
        states: &[],
        phone: "+48",
    },
    Country {
        name: "United Kingdom",
        region: "EMEA",
        lang: Lang::En,
        cities: &["London", "Manchester", "Edinburgh", "Bristol", "Leeds"],
        states: &[],
        phone: "+44",
    },
    Country {
        name: "Ireland",
        region: "EMEA",
        lang: Lang::Ie,
        cities: &["Dublin", "Cork", "Galway"],
        states: &[],
        phone: "+353",
    },
    Country {
        name: "Italy",
        region: "EMEA",
        lang: Lang::It,
        cities: &["Milano", "Roma", "Torino", "Bologna"],
        states: &[],
        phone: "+39",
    },
    Country {
        name: "Denmark",
        region: "EMEA",
        lang: Lang::Nordic,
        cities: &["København", "Aarhus", "Odense"],
        states: &[],
        phone: "+45",
    },
    Country {
        name: "Sweden",
        region: "EMEA",
        lang: Lang::Nordic,
        cities: &["Stockholm", "Göteborg", "Malmö"],
        states: &[],
        phone: "+46",
    },
    Country {
        name: "Brazil",
        region: "LATAM",
        lang: Lang::Pt,
        cities: &["São Paulo", "Rio de Janeiro", "Belo Horizonte"],
        states: &[],
        phone: "+55",
    },
    Country {
        name: "Mexico",
        region: "LATAM",
        lang: Lang::Es,
        cities: &["Ciudad de México", "Guadalajara", "Monterrey"],
        states: &[],
        phone: "+52",
    },
    Country {
        name: "Nigeria",
        region: "EMEA",
        lang: Lang::Ng,
        cities: &["Lagos", "Abuja", "Ibadan"],
        states: &[],
        phone: "+234",
    },
    Country {
        name: "Australia",
        region: "APAC",
        lang: Lang::En,
        cities: &["Sydney", "Melbourne", "Brisbane"],
        states: &[],
        phone: "+61",
    },
];
