//! The machinery of a deterministic data set: the seeded random numbers (SplitMix64), a record
//! builder that fills fields by API name, and the shared habits of every generator (creation
//! dates around "this week", owners). Same `(seed, now)`, same records, on every machine.

use super::table::{Record, Value};
use crate::schema::ObjType;

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

pub(super) struct Builder {
    pub(super) obj: ObjType,
    pub(super) values: Vec<Value>,
}

impl Builder {
    pub(super) fn new(obj: ObjType, id: &str) -> Builder {
        let mut values = vec![Value::Null; obj.fields().len()];
        values[0] = Value::Str(id.to_string());
        Builder { obj, values }
    }
    pub(super) fn set(&mut self, field: &str, v: Value) -> &mut Self {
        let i = self
            .obj
            .field_index(field)
            .unwrap_or_else(|| panic!("{}.{field} not in schema", self.obj.api_name()));
        self.values[i] = v;
        self
    }
    pub(super) fn s(&mut self, field: &str, v: impl Into<String>) -> &mut Self {
        self.set(field, Value::Str(v.into()))
    }
    pub(super) fn opt(&mut self, field: &str, v: Option<impl Into<String>>) -> &mut Self {
        self.set(field, v.map(|v| Value::Str(v.into())).unwrap_or(Value::Null))
    }
    pub(super) fn done(self) -> Record {
        let id = self.values[0].as_str().unwrap_or_default().to_string();
        Record {
            id,
            values: self.values,
        }
    }
}

pub(super) struct Gen {
    pub(super) rng: Rng,
    pub(super) now: i64,
    pub(super) week_start: i64,
}

impl Gen {
    /// A creation time: a few this week, a few last week, the rest over three years.
    pub(super) fn created(&mut self) -> i64 {
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
    pub(super) fn stamps(&mut self, b: &mut Builder, anchor: bool) {
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
    pub(super) fn owner(&mut self, users: &[String]) -> Value {
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
