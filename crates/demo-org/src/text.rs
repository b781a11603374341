//! Text folding (case + accents), tokenising, Salesforce ids and date formatting.

/// Lower-cases and strips accents ("Zoë Müller Łukasz" → "zoe muller lukasz").
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for l in c.to_lowercase() {
        let m: &str = match l {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
            'ď' | 'đ' | 'ð' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
            'ĥ' | 'ħ' => "h",
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
            'ĵ' => "j",
            'ķ' => "k",
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
            'ñ' | 'ń' | 'ņ' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
            'œ' => "oe",
            'ŕ' | 'ŗ' | 'ř' => "r",
            'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
            'ß' => "ss",
            'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
            'þ' => "th",
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
            'ŵ' => "w",
            'ý' | 'ÿ' | 'ŷ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            other => {
                out.push(other);
                continue;
            }
        };
        out.push_str(m);
    }
}

/// Folded words of a text: runs of alphanumeric characters.
pub fn words(s: &str, out: &mut Vec<Box<str>>) {
    let folded = fold(s);
    for w in folded.split(|c: char| !c.is_alphanumeric()) {
        if !w.is_empty() {
            out.push(w.into());
        }
    }
}

// ---------------------------------------------------------------- ids

const B62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// The 3-character case-safe suffix that turns a 15-character id into the 18-character form.
pub fn id_suffix(id15: &str) -> String {
    const MAP: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    let b = id15.as_bytes();
    let mut s = String::with_capacity(3);
    for chunk in 0..3 {
        let mut bits = 0usize;
        for j in 0..5 {
            if b[chunk * 5 + j].is_ascii_uppercase() {
                bits |= 1 << j;
            }
        }
        s.push(MAP[bits] as char);
    }
    s
}

/// An 18-character Salesforce id: prefix (3) + pod "Wk" + zero padding + base-62 counter (15) +
/// the case-safe suffix.
pub fn make_id(prefix: &str, n: u64) -> String {
    let mut counter = [b'0'; 5];
    let mut v = n;
    for i in (0..5).rev() {
        counter[i] = B62[(v % 62) as usize];
        v /= 62;
    }
    let id15 = format!("{prefix}Wk00000{}", std::str::from_utf8(&counter).unwrap_or("00000"));
    let suffix = id_suffix(&id15);
    id15 + &suffix
}

/// Is `s` shaped like a Salesforce id (15 or 18 alphanumerics)?
pub fn looks_like_id(s: &str) -> bool {
    (s.len() == 15 || s.len() == 18) && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Normalises a 15- or 18-character id to the 18-character form (None if not an id).
pub fn to_id18(s: &str) -> Option<String> {
    if !looks_like_id(s) {
        return None;
    }
    if s.len() == 18 {
        // Salesforce ignores the suffix's case; recompute it from the 15-char core.
        Some(format!("{}{}", &s[..15], id_suffix(&s[..15])))
    } else {
        Some(format!("{s}{}", id_suffix(s)))
    }
}

// ---------------------------------------------------------------- dates

/// Days since 1970-01-01 → (year, month, day). Howard Hinnant's civil_from_days.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// REST JSON datetime: "2014-08-01T21:15:46.000+0000".
pub fn iso_datetime(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.000+0000",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

pub fn iso_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// List view results display format: "Fri Aug 01 21:15:46 GMT 2014"
/// (rest_listview_results_response.json).
pub fn listview_datetime(secs: i64) -> String {
    const WD: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MO: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let wd = WD[(days + 4).rem_euclid(7) as usize];
    format!(
        "{wd} {} {d:02} {:02}:{:02}:{:02} GMT {y}",
        MO[(m - 1) as usize],
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// Parses "YYYY-MM-DD" into days since the epoch.
pub fn parse_date(s: &str) -> Option<i64> {
    let mut it = s.splitn(3, '-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let d: u32 = it.next()?.get(..2)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

pub fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents() {
        assert_eq!(
            fold("Zoë Ørsted Müller Łukasz Élodie Straße"),
            "zoe orsted muller lukasz elodie strasse"
        );
    }

    #[test]
    fn id_suffix_matches_salesforce() {
        // Known pair from the REST docs: 001D000000IqhSL → 001D000000IqhSLIAZ.
        assert_eq!(to_id18("001D000000IqhSL").unwrap(), "001D000000IqhSLIAZ");
        assert_eq!(make_id("001", 1).len(), 18);
    }

    #[test]
    fn dates() {
        // 2014-08-01T21:15:46Z, a Friday (sample listview results).
        let secs = days_from_civil(2014, 8, 1) * 86_400 + 21 * 3600 + 15 * 60 + 46;
        assert_eq!(listview_datetime(secs), "Fri Aug 01 21:15:46 GMT 2014");
        assert_eq!(iso_datetime(secs), "2014-08-01T21:15:46.000+0000");
        assert_eq!(parse_date("2014-08-01"), Some(days_from_civil(2014, 8, 1)));
    }
}

/// A single-quoted literal of SOQL or SOSL starting at `c[open]` (the quote), with its
/// backslash escapes taken as the character they escape: the value and the index after the
/// closing quote, or `None` when the text ends first.
pub fn quoted_literal(c: &[char], open: usize) -> Option<(String, usize)> {
    let mut i = open + 1;
    let mut v = String::new();
    loop {
        match c.get(i)? {
            '\\' => {
                if let Some(n) = c.get(i + 1) {
                    v.push(*n);
                }
                i += 2;
            }
            '\'' => return Some((v, i + 1)),
            x => {
                v.push(*x);
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod literal_tests {
    use super::quoted_literal;

    #[test]
    fn a_quoted_literal_takes_its_escapes_and_says_where_it_ends() {
        let c: Vec<char> = r"x = 'd\'Arc \\ ok' AND".chars().collect();
        assert_eq!(quoted_literal(&c, 4), Some((r"d'Arc \ ok".to_string(), 18)));
        let open: Vec<char> = r"'no end\'".chars().collect();
        assert_eq!(quoted_literal(&open, 0), None);
    }
}
