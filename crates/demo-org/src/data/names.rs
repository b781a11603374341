//! How names are spelled in each country's language: first and last names, company names
//! (with the local legal suffixes), and the e-mail slugs and phone numbers derived from them.
//! Accents, apostrophes and non-Latin transliterations are deliberate: search must fold them.

use super::picklists::{Country, Lang};
use super::seed::Rng;
use crate::text;

pub(super) fn first_names(l: Lang) -> &'static [&'static str] {
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

pub(super) fn last_names(l: Lang) -> &'static [&'static str] {
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

pub(super) fn company_name(rng: &mut Rng, lang: Lang, city: &str) -> String {
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

pub(super) fn slug(s: &str) -> String {
    text::fold(s)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(24)
        .collect()
}

pub(super) fn phone(rng: &mut Rng, c: &Country) -> String {
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
