//! Text folding for matching as people type: case- and accent-insensitive
//! ("Zoë" ~ "zoe", "MÜLLER" ~ "muller").

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

pub fn fold(text: &str) -> String {
    text.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Words of folded text, split on anything that is not a letter or digit.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Zoë Ørsted"), "zoe ørsted");
        assert_eq!(fold("Élodie MÜLLER"), "elodie muller");
        assert_eq!(
            words("r&d {lab} (test)").collect::<Vec<_>>(),
            vec!["r", "d", "lab", "test"]
        );
    }
}
