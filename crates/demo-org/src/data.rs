//! The seeded data set of the demo org: deterministic for a `(seed, now)` pair.
//!
//! ~1500 Accounts, ~2500 Contacts, ~1500 Leads, ~800 Opportunities, ~1000 Cases, ~300
//! ContentVersions (with superseded versions, `IsLatest = false`), ~120 Reports and ~40
//! Dashboards, plus fixed anchors that tests rely on (see [`anchors`]).

use std::collections::{HashMap, HashSet};

use super::schema::{Kind, ObjType};
use super::text::{self, make_id};

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Str(String),
    Bool(bool),
    Num(f64),
    Int(i64),
    /// Days since the epoch.
    Date(i64),
    /// Seconds since the epoch (UTC).
    DateTime(i64),
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub id: String,
    /// Aligned with `ObjType::fields()`.
    pub values: Vec<Value>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    All,
    Name,
    Email,
    Phone,
}

#[derive(Debug)]
pub struct Table {
    pub obj: ObjType,
    pub records: Vec<Record>,
    by_id: HashMap<String, u32>,
    /// Folded words per record, fields separated by an empty word (so phrases never span fields).
    pub words_all: Vec<Vec<Box<str>>>,
    pub words_name: Vec<Vec<Box<str>>>,
    /// Folded words of the display-name field (ranking).
    pub name_words: Vec<Vec<Box<str>>>,
    index_all: Vec<(Box<str>, u32)>,
    index_name: Vec<(Box<str>, u32)>,
}

impl Table {
    fn new(obj: ObjType, records: Vec<Record>) -> Table {
        let fields = obj.fields();
        let name_idx = obj.field_index(obj.name_field());
        let mut words_all = Vec::with_capacity(records.len());
        let mut words_name = Vec::with_capacity(records.len());
        let mut name_words = Vec::with_capacity(records.len());
        let mut index_all = Vec::new();
        let mut index_name = Vec::new();
        let mut by_id = HashMap::with_capacity(records.len());
        for (i, r) in records.iter().enumerate() {
            by_id.insert(r.id.clone(), i as u32);
            let mut all = Vec::new();
            let mut name = Vec::new();
            for (fd, v) in fields.iter().zip(&r.values) {
                if let Value::Str(s) = v {
                    if fd.kind.searchable() {
                        text::words(s, &mut all);
                        all.push("".into());
                    }
                    if fd.name_field {
                        text::words(s, &mut name);
                        name.push("".into());
                    }
                }
            }
            let mut nw = Vec::new();
            if let Some(Value::Str(s)) = name_idx.map(|i| &r.values[i]) {
                text::words(s, &mut nw);
            }
            for w in all.iter().filter(|w| !w.is_empty()) {
                index_all.push((w.clone(), i as u32));
            }
            for w in name.iter().filter(|w| !w.is_empty()) {
                index_name.push((w.clone(), i as u32));
            }
            words_all.push(all);
            words_name.push(name);
            name_words.push(nw);
        }
        index_all.sort_unstable();
        index_all.dedup();
        index_name.sort_unstable();
        index_name.dedup();
        Table {
            obj,
            records,
            by_id,
            words_all,
            words_name,
            name_words,
            index_all,
            index_name,
        }
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        let id18 = text::to_id18(id)?;
        self.by_id.get(&id18).map(|i| *i as usize)
    }

    pub fn get(&self, id: &str) -> Option<&Record> {
        self.index_of(id).map(|i| &self.records[i])
    }

    pub fn value(&self, rec: usize, field: &str) -> &Value {
        match self.obj.field_index(field) {
            Some(f) => &self.records[rec].values[f],
            None => &Value::Null,
        }
    }

    fn index(&self, scope: Scope) -> Option<&[(Box<str>, u32)]> {
        match scope {
            Scope::All => Some(&self.index_all),
            Scope::Name => Some(&self.index_name),
            Scope::Email | Scope::Phone => None,
        }
    }

    /// Record indexes having a word that equals `word` (or starts with it when `prefix`).
    /// `None` when the scope has no index (caller scans).
    pub fn lookup(&self, scope: Scope, word: &str, prefix: bool) -> Option<Vec<u32>> {
        let idx = self.index(scope)?;
        let start = idx.partition_point(|(w, _)| &**w < word);
        let mut out = Vec::new();
        for (w, r) in &idx[start..] {
            let hit = if prefix { w.starts_with(word) } else { &**w == word };
            if !hit {
                break;
            }
            out.push(*r);
        }
        Some(out)
    }

    /// Words of a record in a scope (computed on the fly for the unindexed scopes).
    pub fn words<'a>(&'a self, scope: Scope, rec: usize) -> std::borrow::Cow<'a, [Box<str>]> {
        match scope {
            Scope::All => std::borrow::Cow::Borrowed(&self.words_all[rec]),
            Scope::Name => std::borrow::Cow::Borrowed(&self.words_name[rec]),
            Scope::Email | Scope::Phone => {
                let want = if scope == Scope::Email {
                    Kind::Email
                } else {
                    Kind::Phone
                };
                let mut out = Vec::new();
                for (fd, v) in self.obj.fields().iter().zip(&self.records[rec].values) {
                    if let (true, Value::Str(s)) = (fd.kind == want, v) {
                        text::words(s, &mut out);
                        out.push("".into());
                    }
                }
                std::borrow::Cow::Owned(out)
            }
        }
    }
}

#[derive(Debug)]
pub struct OrgData {
    pub seed: u64,
    pub now: i64,
    tables: Vec<Table>,
    pub org_id: String,
    pub user_id: String,
}

impl OrgData {
    pub fn table(&self, obj: ObjType) -> &Table {
        &self.tables[obj.index()]
    }

    /// Finds a record of any type by id (15 or 18 characters).
    pub fn find(&self, id: &str) -> Option<(ObjType, usize)> {
        let prefix = id.get(..3)?;
        ObjType::ALL
            .into_iter()
            .filter(|o| o.key_prefix() == prefix)
            .find_map(|o| self.table(o).index_of(id).map(|i| (o, i)))
    }

    /// The latest ContentVersion of a ContentDocument (069…) id.
    pub fn latest_version_of_document(&self, doc_id: &str) -> Option<usize> {
        let doc18 = text::to_id18(doc_id)?;
        let t = self.table(ObjType::ContentVersion);
        (0..t.records.len()).find(|&i| {
            t.value(i, "ContentDocumentId").as_str() == Some(doc18.as_str())
                && t.value(i, "IsLatest") == &Value::Bool(true)
        })
    }
}

// ---------------------------------------------------------------- fixed values

pub const ORG_NAME: &str = "Workstation Demo Org";
pub const USER_NAME: &str = "Dana Demo";
pub const USER_FIRST: &str = "Dana";
pub const USER_LAST: &str = "Demo";
pub const USERNAME: &str = "dana.demo@workstation-demo.example";

/// Names of the fixed records that tests rely on.
pub mod anchors {
    pub const ACME_CORP: &str = "Acme Corporation";
    pub const ACME_LABS: &str = "Acme Labs";
    pub const ACME_NORDIC: &str = "Nordic Acme Traders";
    pub const RESERVED_CHARS_ACCOUNT: &str = "R&D {Lab} (Test) - 50% off: yes!";
    pub const ADA: &str = "Ada Lovelace";
    pub const ZOE: &str = "Zoë Ørsted";
    pub const MARIE: &str = "Marie Curie";
    pub const MARIE_COMPANY: &str = "Institut du Radium";
    /// Lead "Priya Raman" works there, so "Acme" finds a Lead too.
    pub const ACME_LEAD_COMPANY: &str = "Acme Robotics";
    pub const ACME_OPP: &str = "Acme — Renewal 2027";
    pub const ACME_CASE_SUBJECT: &str = "Acme printer jam on the 3rd floor";
    pub const ACME_FILE: &str = "Acme Pricing Sheet";
    pub const ACME_REPORT: &str = "Acme Pipeline";
    pub const ACME_DASHBOARD: &str = "Acme Executive Overview";
}

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

fn first_names(l: Lang) -> &'static [&'static str] {
    match l {
        Lang::En => &[
            "James",
            "Mary",
            "Robert",
            "Patricia",
            "John",
            "Jennifer",
            "Michael",
            "Linda",
            "David",
            "Elizabeth",
            "Sarah",
            "Thomas",
            "Emily",
            "Daniel",
            "Olivia",
            "Grace",
            "Ethan",
            "Chloe",
        ],
        Lang::Fr => &[
            "Élodie",
            "François",
            "Amélie",
            "Jérôme",
            "Chloé",
            "Théo",
            "Hélène",
            "Benoît",
            "Margaux",
            "Noël",
            "Léa",
            "Anaïs",
        ],
        Lang::De => &[
            "Jürgen", "Lena", "Lukas", "Sören", "Katrin", "Matthias", "Anja", "Björn", "Jörg", "Greta", "Günther",
            "Ursula",
        ],
        Lang::Es => &[
            "José", "María", "Lucía", "Álvaro", "Sofía", "Iñigo", "Pilar", "Martín", "Inés", "Raúl", "Begoña", "Andrés",
        ],
        Lang::Ja => &[
            "Hiroshi", "Yūko", "Takeshi", "Aiko", "Kenji", "Sakura", "Haruto", "Yui", "Shōta", "Emi", "Ren", "Hina",
        ],
        Lang::Pl => &[
            "Łukasz",
            "Agnieszka",
            "Wojciech",
            "Małgorzata",
            "Paweł",
            "Zofia",
            "Grzegorz",
            "Katarzyna",
            "Michał",
            "Ewa",
            "Bożena",
            "Jędrzej",
        ],
        Lang::It => &["Giulia", "Matteo", "Francesca", "Lorenzo", "Chiara", "Niccolò"],
        Lang::Nordic => &["Søren", "Åsa", "Bjørn", "Ingrid", "Mads", "Astrid", "Linnéa", "Øystein"],
        Lang::Pt => &["João", "Ana", "Gonçalo", "Inês", "Conceição", "Thiago"],
        Lang::Ie => &["Siobhán", "Seán", "Niamh", "Aoife", "Pádraig", "Ciarán"],
        Lang::Ng => &["Ngozi", "Chinedu", "Adaeze", "Oluwaseun", "Emeka", "Folake"],
    }
}

fn last_names(l: Lang) -> &'static [&'static str] {
    match l {
        Lang::En => &[
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor", "Anderson",
            "Thompson", "Walker", "Harris", "Clarke",
        ],
        Lang::Fr => &[
            "Dubois", "Lefèvre", "Moreau", "Girard", "Fontaine", "Bérubé", "Laurent", "Rousseau", "Mercier", "Faure",
        ],
        Lang::De => &[
            "Müller",
            "Schröder",
            "Weiß",
            "Schmidt",
            "Köhler",
            "Becker",
            "Hoffmann",
            "Fischer",
            "Krüger",
            "Groß",
        ],
        Lang::Es => &[
            "García",
            "Martínez",
            "Rodríguez",
            "López",
            "Hernández",
            "Muñoz",
            "Peña",
            "Jiménez",
            "Núñez",
            "Ibáñez",
        ],
        Lang::Ja => &[
            "Tanaka",
            "Suzuki",
            "Takahashi",
            "Watanabe",
            "Itō",
            "Yamamoto",
            "Nakamura",
            "Kobayashi",
            "Katō",
            "Saitō",
        ],
        Lang::Pl => &[
            "Kowalski",
            "Nowak",
            "Wiśniewski",
            "Wójcik",
            "Kamińska",
            "Lewandowski",
            "Zieliński",
            "Dąbrowski",
            "Kaczmarek",
            "Szymańska",
        ],
        Lang::It => &["Rossi", "Bianchi", "Esposito", "Romano", "Colombo", "Ricci"],
        Lang::Nordic => &[
            "Ørsted",
            "Lindqvist",
            "Åberg",
            "Nielsen",
            "Sørensen",
            "Håkansson",
            "Björklund",
        ],
        Lang::Pt => &["Silva", "Santos", "Conceição", "Gonçalves", "Araújo"],
        Lang::Ie => &[
            "O'Brien",
            "O'Connor",
            "McAllister",
            "Ó Súilleabháin",
            "Ní Bhriain",
            "Fitzgerald",
        ],
        Lang::Ng => &["Okafor", "Adeyemi", "Nwosu", "Balogun", "Eze"],
    }
}

const EN_PREFIX: &[&str] = &[
    "Blue Harbor",
    "Northwind",
    "Silverline",
    "Redwood",
    "Granite",
    "Summit",
    "Aurora",
    "Cascade",
    "Evergreen",
    "Ironclad",
    "Lakeside",
    "Meridian",
    "Pinnacle",
    "Quantum",
    "Riverbend",
    "Sapphire",
    "Starlight",
    "Sunrise",
    "Tidewater",
    "Vertex",
    "Willow Creek",
    "Zephyr",
    "Bright Path",
    "Copper Canyon",
    "Falcon Ridge",
    "Harborview",
    "Keystone",
    "Lighthouse",
    "Maple Leaf",
    "Oakridge",
    "Polaris",
    "Stonebridge",
    "Trident",
    "Bluebird",
    "Driftwood",
];
const EN_NOUN: &[&str] = &[
    "Logistics",
    "Analytics",
    "Foods",
    "Textiles",
    "Robotics",
    "Pharmaceuticals",
    "Energy",
    "Media",
    "Capital",
    "Systems",
    "Consulting",
    "Design",
    "Motors",
    "Brewing",
    "Outfitters",
    "Software",
    "Ceramics",
    "Optics",
    "Marine",
    "Aerospace",
    "Biotech",
    "Freight",
    "Hospitality",
    "Instruments",
    "Networks",
];
const EN_SUFFIX: &[&str] = &["Inc.", "LLC", "Corp.", "Ltd.", "Group", "Holdings", "Co.", "plc", ""];

fn company_name(rng: &mut Rng, lang: Lang, city: &str) -> String {
    let last = *rng.pick(last_names(lang));
    match lang {
        Lang::Fr => {
            let noun = rng.pick(&[
                "Boulangerie",
                "Transports",
                "Conseil",
                "Vignobles",
                "Éditions",
                "Cosmétiques",
                "Ingénierie",
                "Textiles",
                "Maison",
                "Atelier",
            ]);
            let suf = rng.pick(&["SARL", "SAS", "S.A.", ""]);
            if rng.chance(0.15) {
                format!("L'Atelier {last} {suf}").trim().to_string()
            } else {
                format!("{noun} {last} {suf}").trim().to_string()
            }
        }
        Lang::De => {
            let noun = rng.pick(&[
                "Maschinenbau",
                "Präzisionstechnik",
                "Logistik",
                "Brauerei",
                "Elektrotechnik",
                "Holzbau",
                "Software",
                "Handelshaus",
                "Gerätebau",
            ]);
            let suf = rng.pick(&["GmbH", "AG", "KG", "GmbH & Co. KG"]);
            format!("{last} {noun} {suf}")
        }
        Lang::Es => {
            let noun = rng.pick(&[
                "Construcciones",
                "Distribuciones",
                "Alimentos",
                "Transportes",
                "Bodegas",
                "Consultores",
                "Inmobiliaria",
                "Textil",
            ]);
            let suf = rng.pick(&["S.A.", "S.L.", "S.A. de C.V.", ""]);
            format!("{noun} {last} {suf}").trim().to_string()
        }
        Lang::Ja => {
            let noun = rng.pick(&[
                "Shōji",
                "Seisakusho",
                "Denki",
                "Kōgyō",
                "Shokuhin",
                "Unyu",
                "Kensetsu",
                "Sangyō",
            ]);
            let suf = rng.pick(&["K.K.", "Co., Ltd.", ""]);
            format!("{last} {noun} {suf}").trim().to_string()
        }
        Lang::Pl => {
            let noun = rng.pick(&[
                "Logistyka",
                "Budownictwo",
                "Technologie",
                "Meble",
                "Handel",
                "Energia",
                "Systemy",
                "Doradztwo",
            ]);
            format!("{last} {noun} Sp. z o.o.")
        }
        Lang::It => {
            let noun = rng.pick(&["Tessuti", "Meccanica", "Alimentari", "Costruzioni", "Design"]);
            format!("{noun} {last} S.p.A.")
        }
        _ => match rng.below(5) {
            0 => format!(
                "{last} & {}",
                rng.pick(&["Sons", "Partners", "Co.", "Daughters", "Associates"])
            ),
            1 => format!("{city} {} {}", rng.pick(EN_NOUN), rng.pick(EN_SUFFIX))
                .trim()
                .to_string(),
            _ => format!("{} {} {}", rng.pick(EN_PREFIX), rng.pick(EN_NOUN), rng.pick(EN_SUFFIX))
                .trim()
                .to_string(),
        },
    }
}

fn slug(s: &str) -> String {
    text::fold(s)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(24)
        .collect()
}

fn phone(rng: &mut Rng, c: &Country) -> String {
    if c.phone == "+1" {
        format!("({}) 555-{:04}", 200 + rng.below(700), rng.below(10_000))
    } else {
        format!(
            "{} {} {:03} {:04}",
            c.phone,
            1 + rng.below(99),
            rng.below(1000),
            rng.below(10_000)
        )
    }
}

// ---------------------------------------------------------------- generation

/// SplitMix64: tiny, fast and stable across crate versions (unlike `StdRng`).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x005E_ED0F_DE30_0000)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    pub fn pick<'a, T>(&mut self, s: &'a [T]) -> &'a T {
        &s[self.below(s.len() as u64) as usize]
    }
}

struct Builder {
    obj: ObjType,
    values: Vec<Value>,
}

impl Builder {
    fn new(obj: ObjType, id: &str) -> Builder {
        let mut values = vec![Value::Null; obj.fields().len()];
        values[0] = Value::Str(id.to_string());
        Builder { obj, values }
    }
    fn set(&mut self, field: &str, v: Value) -> &mut Self {
        let i = self
            .obj
            .field_index(field)
            .unwrap_or_else(|| panic!("{}.{field} not in schema", self.obj.api_name()));
        self.values[i] = v;
        self
    }
    fn s(&mut self, field: &str, v: impl Into<String>) -> &mut Self {
        self.set(field, Value::Str(v.into()))
    }
    fn opt(&mut self, field: &str, v: Option<impl Into<String>>) -> &mut Self {
        self.set(field, v.map(|v| Value::Str(v.into())).unwrap_or(Value::Null))
    }
    fn done(self) -> Record {
        let id = self.values[0].as_str().unwrap_or_default().to_string();
        Record {
            id,
            values: self.values,
        }
    }
}

struct Gen {
    rng: Rng,
    now: i64,
    week_start: i64,
}

impl Gen {
    /// A creation time: a few this week, a few last week, the rest over three years.
    fn created(&mut self) -> i64 {
        let r = self.rng.below(100);
        let since_week_start = (self.now - self.week_start).max(1);
        if r < 4 {
            self.now - self.rng.below(since_week_start as u64) as i64
        } else if r < 8 {
            self.week_start - 1 - self.rng.below(7 * 86_400) as i64
        } else {
            self.week_start - 7 * 86_400 - self.rng.below(3 * 365 * 86_400) as i64
        }
    }
    fn stamps(&mut self, b: &mut Builder, anchor: bool) {
        let created = if anchor { self.now - 40 * 86_400 } else { self.created() };
        let modified = created + self.rng.below((self.now - created).max(1) as u64) as i64;
        b.set("CreatedDate", Value::DateTime(created));
        b.set("LastModifiedDate", Value::DateTime(modified));
        if b.obj.field_index("LastViewedDate").is_some() {
            let viewed = if anchor {
                Some(self.now - 3600 - self.rng.below(86_400) as i64)
            } else if self.rng.chance(0.02) {
                Some(self.now - self.rng.below(30 * 86_400) as i64)
            } else {
                None
            };
            b.set("LastViewedDate", viewed.map(Value::DateTime).unwrap_or(Value::Null));
        }
    }
    fn owner(&mut self, users: &[String]) -> Value {
        // The demo user owns about 40 % of the records ("My …" list views).
        let i = if self.rng.chance(0.4) {
            0
        } else {
            1 + self.rng.below(users.len() as u64 - 1) as usize
        };
        Value::Str(users[i].clone())
    }
}

pub fn week_start(now: i64) -> i64 {
    // THIS_WEEK in Salesforce (en_US locale) starts on Sunday 00:00.
    let days = now.div_euclid(86_400);
    (days - (days + 4).rem_euclid(7)) * 86_400
}

/// Generates the data set. Deterministic for `(seed, now)`.
pub fn generate(seed: u64, now: i64) -> OrgData {
    let mut g = Gen {
        rng: Rng::new(seed),
        now,
        week_start: week_start(now),
    };
    let org_id = make_id("00D", 42);

    // Users
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
    let dana = user_ids[0].clone();

    // Accounts
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
    let n_accounts = 1500;
    for i in 0..n_accounts {
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
            g.owner(&user_ids)
        };
        b.set("OwnerId", owner);
        g.stamps(&mut b, i < anchors_acc.len());
        accounts.push(b.done());
        account_country.push(ci);
    }

    // Contacts
    let titles = [
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
                    Some(g.rng.below(n_accounts as u64) as usize)
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
                    Some(*g.rng.pick(&titles))
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
            g.owner(&user_ids)
        };
        b.set("OwnerId", owner);
        g.stamps(&mut b, i < 4);
        if let Some(a) = acc {
            contacts_by_account.entry(a).or_default().push(i);
        }
        contacts.push(b.done());
    }

    // Leads
    let sources = [
        "Web",
        "Phone Inquiry",
        "Partner Referral",
        "Purchased List",
        "Trade Show",
        "Other",
    ];
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
                    Some(*g.rng.pick(&titles))
                } else {
                    None
                },
            )
            .s("Status", status)
            .opt(
                "LeadSource",
                if g.rng.chance(0.9) {
                    Some(*g.rng.pick(&sources))
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
            g.owner(&user_ids)
        };
        b.set("OwnerId", owner);
        g.stamps(&mut b, i == 0);
        leads.push(b.done());
    }

    // Opportunities
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
    let today = now.div_euclid(86_400);
    let mut opps = Vec::new();
    for i in 0..800 {
        let id = make_id("006", 1 + i as u64);
        let acc = if i == 0 {
            0
        } else {
            g.rng.below(n_accounts as u64) as usize
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
                    Some(*g.rng.pick(&sources))
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
            g.owner(&user_ids)
        };
        b.set("OwnerId", owner);
        g.stamps(&mut b, i == 0);
        opps.push(b.done());
    }

    // Cases
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
            Some(g.rng.below(n_accounts as u64) as usize)
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
            g.owner(&user_ids)
        };
        b.set("OwnerId", owner);
        g.stamps(&mut b, i == 0);
        cases.push(b.done());
    }

    // Files: ContentVersion (068…) of ContentDocuments (069…)
    let file_types: &[(&str, &str)] = &[
        ("PDF", "pdf"),
        ("POWER_POINT_X", "pptx"),
        ("EXCEL_X", "xlsx"),
        ("WORD_X", "docx"),
        ("PNG", "png"),
        ("JPG", "jpg"),
        ("CSV", "csv"),
        ("TEXT", "txt"),
    ];
    let file_titles = [
        "Proposal",
        "Board Deck Q{q}",
        "Price List {y}",
        "Logo final v{q}",
        "Contract",
        "Meeting notes",
        "Onboarding checklist",
        "Présentation client",
        "Angebot",
        "Presupuesto",
        "Mitsumorisho",
        "Oferta handlowa",
        "Security questionnaire",
        "Case study",
    ];
    let mut versions = Vec::new();
    let mut doc_n = 0u64;
    let mut ver_n = 0u64;
    while versions.len() < 300 {
        doc_n += 1;
        let doc_id = make_id("069", doc_n);
        let (title, ft) = if doc_n == 1 {
            (anchors::ACME_FILE.to_string(), file_types[2])
        } else {
            let acc = accounts[g.rng.below(n_accounts as u64) as usize].values[1]
                .as_str()
                .unwrap_or_default()
                .to_string();
            let t = g
                .rng
                .pick(&file_titles)
                .replace("{q}", &(1 + g.rng.below(4)).to_string())
                .replace("{y}", &(2023 + g.rng.below(4)).to_string());
            (
                if g.rng.chance(0.6) { format!("{acc} — {t}") } else { t },
                *g.rng.pick(file_types),
            )
        };
        let n_versions = if doc_n == 1 {
            2
        } else if g.rng.chance(0.15) {
            2 + g.rng.below(2)
        } else {
            1
        };
        let created0 = g.created();
        for v in 0..n_versions {
            ver_n += 1;
            let id = make_id("068", ver_n);
            let mut b = Builder::new(ObjType::ContentVersion, &id);
            let created = created0 + v as i64 * 86_400 * (1 + g.rng.below(20) as i64);
            let created = created.min(now - 60);
            b.s("Title", title.clone())
                .s("FileType", ft.0)
                .s("FileExtension", ft.1)
                .s("ContentDocumentId", doc_id.clone())
                .set("IsLatest", Value::Bool(v + 1 == n_versions))
                .s("VersionNumber", (v + 1).to_string())
                .set("ContentSize", Value::Int(2_000 + g.rng.below(9_000_000) as i64))
                .set(
                    "OwnerId",
                    if doc_n == 1 {
                        Value::Str(dana.clone())
                    } else {
                        g.owner(&user_ids)
                    },
                )
                .set("CreatedDate", Value::DateTime(created))
                .set("LastModifiedDate", Value::DateTime(created));
            versions.push(b.done());
        }
    }

    // Reports
    let topics = [
        "Pipeline",
        "Opportunities",
        "Closed Won Deals",
        "Leads",
        "Open Cases",
        "Case Aging",
        "Accounts",
        "Contacts",
        "Forecast",
        "Activities",
        "Campaign ROI",
        "Renewals",
    ];
    let dims = [
        "by Stage",
        "by Owner",
        "by Region",
        "by Source",
        "by Month",
        "by Priority",
        "by Industry",
        "by Product",
        "this Quarter",
        "— Year over Year",
    ];
    let report_folders = [
        "Sales Reports",
        "Service Reports",
        "Marketing Reports",
        "Executive Reports",
        "Public Reports",
        "Rapports commerciaux",
    ];
    let mut reports = Vec::new();
    let mut rseen = HashSet::new();
    for i in 0..120 {
        let id = make_id("00O", 1 + i as u64);
        let (name, folder) = if i == 0 {
            (anchors::ACME_REPORT.to_string(), "Sales Reports")
        } else {
            let mut name = format!("{} {}", g.rng.pick(&topics), g.rng.pick(&dims));
            while rseen.contains(&name) {
                name = format!(
                    "{} {} ({})",
                    g.rng.pick(&topics),
                    g.rng.pick(&dims),
                    g.rng.pick(&["EMEA", "AMER", "APAC", "LATAM", "Global"])
                );
            }
            (name, *g.rng.pick(&report_folders))
        };
        rseen.insert(name.clone());
        let mut b = Builder::new(ObjType::Report, &id);
        b.s("Name", name.clone())
            .s("DeveloperName", developer_name(&name, i))
            .s("FolderName", folder)
            .s("Format", *g.rng.pick(&["Tabular", "Summary", "Matrix"]))
            .opt(
                "Description",
                if g.rng.chance(0.4) {
                    Some("Shared with the whole sales team.")
                } else {
                    None
                },
            )
            .set(
                "LastRunDate",
                if g.rng.chance(0.8) {
                    Value::DateTime(now - g.rng.below(90 * 86_400) as i64)
                } else {
                    Value::Null
                },
            )
            .set(
                "OwnerId",
                if i == 0 {
                    Value::Str(dana.clone())
                } else {
                    g.owner(&user_ids)
                },
            );
        g.stamps(&mut b, i == 0);
        reports.push(b.done());
    }

    // Dashboards
    let dash_topics = [
        "Sales",
        "Service",
        "Marketing",
        "Pipeline",
        "Support Team",
        "Regional Sales",
        "Customer Success",
        "Partner",
        "Vertriebs",
        "Ventas",
    ];
    let dash_kinds = [
        "Overview",
        "Leaderboard",
        "Scorecard",
        "KPIs",
        "Weekly Review",
        "Health",
    ];
    let dash_folders = [
        "Executive Dashboards",
        "Sales Dashboards",
        "Service Dashboards",
        "Marketing Dashboards",
    ];
    let mut dashboards = Vec::new();
    let mut dseen = HashSet::new();
    for i in 0..40 {
        let id = make_id("01Z", 1 + i as u64);
        let (title, folder) = if i == 0 {
            (anchors::ACME_DASHBOARD.to_string(), "Executive Dashboards")
        } else {
            let mut t = format!("{} {}", g.rng.pick(&dash_topics), g.rng.pick(&dash_kinds));
            while dseen.contains(&t) {
                t = format!(
                    "{} {} {}",
                    g.rng.pick(&dash_topics),
                    g.rng.pick(&dash_kinds),
                    2024 + g.rng.below(3)
                );
            }
            (t, *g.rng.pick(&dash_folders))
        };
        dseen.insert(title.clone());
        let mut b = Builder::new(ObjType::Dashboard, &id);
        b.s("Title", title.clone())
            .s("DeveloperName", developer_name(&title, i))
            .s("FolderName", folder);
        g.stamps(&mut b, i == 0);
        dashboards.push(b.done());
    }

    let mut tables = Vec::with_capacity(ObjType::ALL.len());
    for (obj, recs) in ObjType::ALL.into_iter().zip([
        accounts, contacts, leads, opps, cases, versions, reports, dashboards, users,
    ]) {
        tables.push(Table::new(obj, recs));
    }
    OrgData {
        seed,
        now,
        tables,
        org_id,
        user_id: dana,
    }
}

fn ty_or(b: &Builder, field: &str) -> String {
    b.obj
        .field_index(field)
        .and_then(|i| b.values[i].as_str())
        .unwrap_or("Business")
        .to_string()
}

fn developer_name(label: &str, i: usize) -> String {
    let mut s: String = text::fold(label)
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
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert_str(0, "X_");
    }
    format!("{s}_{i}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_000_000;

    #[test]
    fn generation_is_deterministic_for_a_seed() {
        let a = generate(42, NOW);
        let b = generate(42, NOW);
        let c = generate(7, NOW);
        for o in ObjType::ALL {
            assert_eq!(a.table(o).records, b.table(o).records, "{o:?}");
        }
        assert_ne!(a.table(ObjType::Account).records, c.table(ObjType::Account).records);
    }

    #[test]
    fn sizes_anchors_and_ids() {
        let d = generate(42, NOW);
        assert_eq!(d.table(ObjType::Account).records.len(), 1500);
        assert_eq!(d.table(ObjType::Contact).records.len(), 2500);
        assert_eq!(d.table(ObjType::Lead).records.len(), 1500);
        assert_eq!(d.table(ObjType::Opportunity).records.len(), 800);
        assert_eq!(d.table(ObjType::Case).records.len(), 1000);
        assert_eq!(d.table(ObjType::ContentVersion).records.len(), 300);
        assert_eq!(d.table(ObjType::Report).records.len(), 120);
        assert_eq!(d.table(ObjType::Dashboard).records.len(), 40);
        let acc = d.table(ObjType::Account);
        assert_eq!(acc.records[0].values[1], Value::Str(anchors::ACME_CORP.into()));
        assert!(acc.records.iter().all(|r| r.id.starts_with("001") && r.id.len() == 18));
        assert_eq!(
            d.table(ObjType::Case).value(0, "CaseNumber"),
            &Value::Str("00001001".into())
        );
        let cv = d.table(ObjType::ContentVersion);
        assert!(cv.records.iter().any(|r| r.values[5] == Value::Bool(false)));
        let names: HashSet<_> = acc.records.iter().filter_map(|r| r.values[1].as_str()).collect();
        assert_eq!(names.len(), 1500, "account names are unique");
    }

    #[test]
    fn generation_is_fast() {
        let t = std::time::Instant::now();
        let _ = generate(1, NOW);
        // Debug builds are ~10x slower than release; the release budget is 200 ms.
        assert!(t.elapsed() < std::time::Duration::from_secs(5));
    }
}
