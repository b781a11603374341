//! The data set as the endpoints read it: a value, a record, a table per sObject with its word
//! indexes (built once, so a search looks words up instead of scanning), and [`OrgData`], every
//! table of the org. How the records are made is `generate`'s business, not this file's.

use std::collections::HashMap;

use crate::schema::{Kind, ObjType};
use crate::text;

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
    pub(super) fn new(obj: ObjType, records: Vec<Record>) -> Table {
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

    /// Words of a record in a scope from the fields `visible` lets through only: search does not
    /// match in a field the user's field-level security hides (Salesforce Help, "Field-Level
    /// Security for Custom Fields in Search": all standard fields are protected, and "users can
    /// search a protected field only if they have the appropriate field permissions").
    pub fn words_seen(&self, scope: Scope, rec: usize, visible: impl Fn(&str) -> bool) -> Vec<Box<str>> {
        let mut out = Vec::new();
        for (fd, v) in self.obj.fields().iter().zip(&self.records[rec].values) {
            let in_scope = match scope {
                Scope::All => fd.kind.searchable(),
                Scope::Name => fd.name_field,
                Scope::Email => fd.kind == Kind::Email,
                Scope::Phone => fd.kind == Kind::Phone,
            };
            if let (true, Value::Str(s)) = (in_scope && visible(fd.name), v) {
                text::words(s, &mut out);
                out.push("".into());
            }
        }
        out
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
    pub(super) tables: Vec<Table>,
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
