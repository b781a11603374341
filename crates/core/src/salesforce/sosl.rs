//! Building the one SOSL query of a search. The user's text is only ever data: every
//! reserved character is backslash-escaped and the words AND/OR/NOT are quoted, as the
//! SOSL reference ("FIND {SearchQuery}", API-NOTES §3) requires, so no input can add an
//! operator, close the braces or touch the RETURNING clause.

use super::access::Unseen;
use super::objects::SearchObject;
use thiserror::Error;

/// Reserved characters of a SOSL search term (SOSL reference, "FIND {SearchQuery}").
pub const RESERVED: &[char] = &[
    '?', '&', '|', '!', '{', '}', '[', ']', '(', ')', '^', '~', '*', ':', '\\', '"', '\'', '+', '-',
];

/// Fewer characters than this are not sent: Salesforce rejects one-character terms.
pub const MIN_TERM_CHARS: usize = 2;
/// Longer input is cut here; SOSL drops operators past 4,000 and returns nothing past 10,000.
pub const MAX_TERM_CHARS: usize = 200;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum TermError {
    #[error("Type at least {MIN_TERM_CHARS} characters to search Salesforce.")]
    TooShort,
    /// Long enough, but only symbols or emoji, which Salesforce's search ignores.
    #[error("Type letters or digits to search Salesforce: it ignores symbols and emoji.")]
    NoLettersOrDigits,
}

/// The user's text, cleaned: control characters removed, whitespace collapsed, bounded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchTerm(String);

impl SearchTerm {
    pub fn parse(input: &str) -> Result<SearchTerm, TermError> {
        let cleaned: String = input
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let bounded: String = cleaned.chars().take(MAX_TERM_CHARS).collect();
        let bounded = bounded.trim_end().to_string();
        let meaningful = bounded.chars().filter(|c| c.is_alphanumeric()).count();
        if bounded.chars().count() < MIN_TERM_CHARS {
            return Err(TermError::TooShort);
        }
        if meaningful == 0 {
            return Err(TermError::NoLettersOrDigits);
        }
        Ok(SearchTerm(bounded))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The FIND term: each word escaped, operator words quoted, and a trailing `*` on the
    /// last word so that typing "acm" finds "Acme" as launcher users expect.
    pub fn to_sosl(&self) -> String {
        let words: Vec<&str> = self.0.split(' ').collect();
        let mut out = String::with_capacity(self.0.len() * 2 + 4);
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            let is_operator = ["and", "or", "not"].iter().any(|op| word.eq_ignore_ascii_case(op));
            if is_operator {
                out.push('"');
                escape_into(word, &mut out);
                out.push('"');
            } else {
                escape_into(word, &mut out);
                // A wildcard may not start a term (nor follow only punctuation), and
                // one-letter words gain nothing from it.
                let letters = word.chars().filter(|c| c.is_alphanumeric()).count();
                let ends_in_letter = word.chars().last().is_some_and(char::is_alphanumeric);
                if i == words.len() - 1 && letters >= 2 && ends_in_letter {
                    out.push('*');
                }
            }
        }
        out
    }
}

pub fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        if RESERVED.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    escape_into(text, &mut out);
    out
}

/// Per-object and overall limits of one search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub per_object: u32,
    pub total: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            per_object: 5,
            total: 40,
        }
    }
}

/// How many records of one object type a "More" asks for: the page Salesforce itself gives a
/// list of records by default (List View Results: `limit` defaults to 25, API-NOTES §4), five
/// times the first answer. Whatever the limit it is one SOSL request, one API call; 25 rows
/// are a few screens of the results list, walked with the arrow keys in seconds. Past them,
/// Salesforce's own search page ("See all results in Salesforce") pages through the rest.
pub const MORE_PER_OBJECT: u32 = 25;

impl Limits {
    /// The limits of a "More": one object type, up to [`MORE_PER_OBJECT`] records.
    pub fn more() -> Limits {
        Limits {
            per_object: MORE_PER_OBJECT,
            total: MORE_PER_OBJECT,
        }
    }

    /// One object type alone, at most `n` of its records (`search --type OBJECT --limit N`).
    pub fn of_one(n: u32) -> Limits {
        let n = n.clamp(1, 2000);
        Limits {
            per_object: n,
            total: n,
        }
    }

    /// `--limit N`: at most N results; each object may fill up to a quarter of them (at
    /// least one), so one busy object cannot crowd out the others.
    pub fn at_most(total: u32) -> Limits {
        let total = total.clamp(1, 2000);
        Limits {
            per_object: total.div_ceil(4).max(1),
            total,
        }
    }
}

/// The whole query for the given objects, with all their fields.
pub fn build_query(term: &SearchTerm, objects: &[SearchObject], limits: Limits) -> String {
    build_query_seeing(term, objects, &Unseen::default(), limits)
}

/// The whole query for the given objects, without the fields this user cannot see.
pub fn build_query_seeing(term: &SearchTerm, objects: &[SearchObject], unseen: &Unseen, limits: Limits) -> String {
    let mut q = String::with_capacity(512);
    q.push_str("FIND {");
    q.push_str(&term.to_sosl());
    q.push_str("} IN ALL FIELDS RETURNING ");
    for (i, object) in objects.iter().enumerate() {
        if i > 0 {
            q.push_str(", ");
        }
        q.push_str(object.sobject());
        q.push('(');
        q.push_str(&unseen.fields_of(*object).join(", "));
        if let Some(filter) = object.filter() {
            q.push_str(" WHERE ");
            q.push_str(filter);
        }
        q.push_str(&format!(" LIMIT {})", limits.per_object));
    }
    q.push_str(&format!(" LIMIT {}", limits.total));
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(s: &str) -> SearchTerm {
        SearchTerm::parse(s).expect("valid term")
    }

    #[test]
    fn every_reserved_character_is_escaped() {
        for c in RESERVED {
            let t = term(&format!("ab{c}cd"));
            assert_eq!(t.to_sosl(), format!("ab\\{c}cd*"), "character {c}");
            assert_eq!(
                term(&format!("abcd{c}")).to_sosl(),
                format!("abcd\\{c}"),
                "no wildcard after {c}"
            );
        }
    }

    #[test]
    fn the_documented_example_escapes_like_the_reference() {
        // SOSL reference: to search for {1+1}:2 write \{1\+1\}\:2
        assert_eq!(escape("{1+1}:2"), "\\{1\\+1\\}\\:2");
    }

    #[test]
    fn operator_words_are_quoted() {
        assert_eq!(term("salt and pepper").to_sosl(), "salt \"and\" pepper*");
        assert_eq!(term("this OR that").to_sosl(), "this \"OR\" that*");
        assert_eq!(term("acme not").to_sosl(), "acme \"not\"");
    }

    #[test]
    fn too_short_input_is_refused() {
        assert_eq!(SearchTerm::parse("a"), Err(TermError::TooShort));
        assert_eq!(SearchTerm::parse("  \n "), Err(TermError::TooShort));
        // Long enough, but nothing Salesforce would search for: said as such.
        assert_eq!(SearchTerm::parse("**"), Err(TermError::NoLettersOrDigits));
        assert_eq!(SearchTerm::parse("🚀🚀"), Err(TermError::NoLettersOrDigits));
        assert!(SearchTerm::parse("Zo").is_ok());
        assert!(SearchTerm::parse("東京").is_ok());
    }

    #[test]
    fn whitespace_and_control_characters_are_cleaned_and_length_bounded() {
        assert_eq!(term("  acme \t\n corp ").as_str(), "acme corp");
        assert_eq!(term("ac\u{0}me").as_str(), "ac me");
        let long = "x".repeat(5000);
        assert_eq!(term(&long).as_str().chars().count(), MAX_TERM_CHARS);
    }

    #[test]
    fn query_names_exactly_the_spec_fields() {
        let q = build_query(&term("acme"), &SearchObject::ALL, Limits::default());
        assert_eq!(
            q,
            "FIND {acme*} IN ALL FIELDS RETURNING Account(Id, Name, Type LIMIT 5), \
             Contact(Id, Name, Account.Name LIMIT 5), Lead(Id, Name, Company, Status LIMIT 5), \
             Opportunity(Id, Name, StageName LIMIT 5), Case(Id, CaseNumber, Subject, Status LIMIT 5), \
             ContentVersion(Id, Title, FileType, ContentDocumentId WHERE IsLatest = true LIMIT 5), \
             Report(Id, Name, FolderName LIMIT 5), Dashboard(Id, Title, FolderName LIMIT 5) LIMIT 40"
        );
    }

    #[test]
    fn more_asks_for_one_object_with_a_larger_limit_and_without_what_is_unseen() {
        let q = build_query(&term("smith"), &[SearchObject::Contact], Limits::more());
        assert_eq!(
            q,
            "FIND {smith*} IN ALL FIELDS RETURNING Contact(Id, Name, Account.Name LIMIT 25) LIMIT 25"
        );
        let mut unseen = Unseen::default();
        unseen.fields.insert((SearchObject::Lead, "Company".to_string()));
        let q = build_query_seeing(&term("smith"), &[SearchObject::Lead], &unseen, Limits::more());
        assert_eq!(
            q,
            "FIND {smith*} IN ALL FIELDS RETURNING Lead(Id, Name, Status LIMIT 25) LIMIT 25"
        );
    }

    #[test]
    fn limit_option_spreads_over_objects() {
        assert_eq!(
            Limits::at_most(10),
            Limits {
                per_object: 3,
                total: 10
            }
        );
        assert_eq!(
            Limits::at_most(1),
            Limits {
                per_object: 1,
                total: 1
            }
        );
        assert_eq!(
            Limits::at_most(0),
            Limits {
                per_object: 1,
                total: 1
            }
        );
        assert_eq!(Limits::at_most(1_000_000).total, 2000);
    }

    /// Reads a FIND term back the way Salesforce does: `\x` is a literal x, a bare `*`
    /// is the wildcard, quotes group words. Used to prove the escaping is lossless.
    fn unescape_find_term(sosl_term: &str) -> (String, bool) {
        let mut out = String::new();
        let mut chars = sosl_term.chars().peekable();
        let mut wildcard = false;
        while let Some(c) = chars.next() {
            match c {
                '\\' => out.push(chars.next().expect("escape followed by a character")),
                '"' => {}
                '*' => {
                    assert!(
                        chars.peek().is_none() || chars.peek() == Some(&' '),
                        "wildcard only at word end"
                    );
                    wildcard = true;
                }
                c if RESERVED.contains(&c) => panic!("unescaped reserved character {c:?} in {sosl_term:?}"),
                c => out.push(c),
            }
        }
        (out, wildcard)
    }

    #[test]
    fn any_input_round_trips_to_exactly_the_users_text() {
        // A deterministic generator over a hostile alphabet: reserved characters,
        // operators, braces, quotes, accents, RTL, emoji, control characters.
        let alphabet: Vec<char> = RESERVED
            .iter()
            .copied()
            .chain("aZé ßø東 \t\n\u{202e}😀ANDORNOTandornot".chars())
            .collect();
        let mut seed: u64 = 0x9e3779b97f4a7c15;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 24) as usize;
            let input: String = (0..len)
                .map(|i| alphabet[((seed >> (i % 48)) as usize + i * 7) % alphabet.len()])
                .collect();
            let Ok(t) = SearchTerm::parse(&input) else { continue };
            let sosl = t.to_sosl();
            assert!(!sosl.contains('}') || sosl.contains("\\}"), "closing brace escaped");
            let (back, _) = unescape_find_term(&sosl);
            assert_eq!(back, t.as_str(), "input {input:?}");
        }
    }
}
