//! Robustness: no input panics the policy, domain or member parsers (deterministic
//! mutation fuzzing), and names a URL parser would rewrite are refused.

use crate::{domain_error, enabled_with, host, FULL};
use workstation::policy::{check_text, login_host_from_domain, parse_policy, DomainError, Member};

// ---------------------------------------------------------------------------------------
// Robustness: no input panics

/// xorshift64*: deterministic, no crate needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const NOISE: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "\\u",
    "\\ud800",
    "null",
    "true",
    "-",
    "1e999",
    "0.5",
    "99999999999999999999999",
    "*@",
    "os:",
    "@",
    "é",
    "\u{200b}",
    "\u{feff}",
    "\n",
    " ",
    "//",
    "http://",
    "--",
    ".",
    "\"_x\":1,",
    "\"enabled\":true,",
    "\"access\":{},",
];

fn mutate(rng: &mut Rng, base: &str) -> String {
    let mut chars: Vec<char> = base.chars().collect();
    for _ in 0..=rng.below(4) {
        let len = chars.len();
        match rng.below(6) {
            0 => chars.truncate(rng.below(len + 1)),
            1 if len > 0 => {
                let at = rng.below(len);
                let end = (at + rng.below(20)).min(len);
                chars.drain(at..end);
            }
            2 => {
                let at = rng.below(len + 1);
                let noise = NOISE[rng.below(NOISE.len())];
                for (i, c) in noise.chars().enumerate() {
                    chars.insert(at + i, c);
                }
            }
            3 if len > 1 => {
                let (a, b) = (rng.below(len), rng.below(len));
                chars.swap(a, b);
            }
            4 if len > 0 => {
                let at = rng.below(len);
                chars[at] = char::from_u32(rng.below(0x3000) as u32).unwrap_or('?');
            }
            _ => {
                let at = rng.below(len + 1);
                let end = (at + rng.below(30)).min(len);
                let copy: Vec<char> = chars[at..end].to_vec();
                let to = rng.below(len + 1);
                for (i, c) in copy.into_iter().enumerate() {
                    chars.insert(to + i, c);
                }
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn parse_policy_never_panics_on_mutated_or_random_input() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let bases = [
        FULL.to_string(),
        enabled_with("", ""),
        r#"{"salesforce":{"enabled":false}}"#.to_string(),
    ];
    let mut accepted = 0;
    for i in 0..6000 {
        let text = if i % 10 == 9 {
            let bytes: Vec<u8> = (0..rng.below(200)).map(|_| rng.next() as u8).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        } else {
            let base = &bases[rng.below(bases.len())];
            mutate(&mut rng, base)
        };
        match parse_policy(&text) {
            Ok(_) => accepted += 1,
            Err(errs) => {
                assert!(!errs.is_empty());
                let _ = errs.to_string();
            }
        }
        let _ = check_text("fuzz", &text);
    }
    // Some mutations leave the policy valid; most do not.
    assert!(accepted > 0 && accepted < 6000, "accepted {accepted}");
}

#[test]
fn truncating_a_valid_policy_anywhere_never_panics() {
    let chars: Vec<char> = FULL.chars().collect();
    for end in 0..chars.len() {
        let text: String = chars[..end].iter().collect();
        assert!(parse_policy(&text).is_err(), "a truncated policy was accepted: {text}");
    }
}

#[test]
fn domain_and_member_parsing_never_panic() {
    let mut rng = Rng(42);
    let bases = [
        "https://acme--uat--c.sandbox.vf.force.com/apex/x",
        "*@sales.acme.com",
        "os:jdoe",
        "http://[::1]:3000",
    ];
    for _ in 0..4000 {
        let base = bases[rng.below(bases.len())];
        let text = mutate(&mut rng, base);
        let _ = login_host_from_domain(&text).map(|h| h.to_string());
        let _ = Member::parse(&text).map(|m| m.to_string());
    }
}

#[test]
fn internationalised_names_and_control_characters_are_refused() {
    // Before: "acmé" came back from the URL parser as "xn--acm-dma" and read as My Domain
    // "xn" with the sandbox "acm-dma".
    for input in [
        "acmé.my.salesforce.com",
        "xn--acm-dma.my.salesforce.com",
        "https://bücher.lightning.force.com/",
    ] {
        assert!(
            matches!(domain_error(input), DomainError::NonAsciiName { .. }),
            "{input}: {}",
            domain_error(input)
        );
    }
    for input in [
        "acme\u{0}.my.salesforce.com",
        "acme.my.sales\tforce.com",
        "acme\n.my.salesforce.com",
    ] {
        let e = domain_error(input);
        assert!(e.to_string().contains("control character"), "{input:?}: {e}");
    }
    // Hyphens are fine where Salesforce puts them.
    assert_eq!(
        host("acme-corp--uat.sandbox.my.salesforce.com"),
        "https://acme-corp--uat.sandbox.my.salesforce.com"
    );
}
