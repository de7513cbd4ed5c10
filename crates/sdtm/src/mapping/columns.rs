//! A column of mapped records with each distinct value stored once.
//!
//! Site data repeats itself: a 200,000-row lab sheet has five tests, a few units, a
//! thousand subjects and a few thousand dates. Records held as rows of values took about
//! 650 bytes a record there; a column of value numbers takes four bytes a record, and sorting
//! compares the numbers' ranks instead of the values.

use foldhash::fast::FixedState;
use hashbrown::HashTable;
use model::{Missing, Value};
use std::hash::{BuildHasher, Hash, Hasher};

/// The number every record starts with: the ordinary missing value.
pub(crate) const NULL: u32 = 0;

#[derive(Debug, Clone)]
pub(crate) struct Interned {
    ids: Vec<u32>,
    values: Vec<Value>,
    index: HashTable<u32>,
}

fn hash(v: &Value) -> u64 {
    let mut h = FixedState::default().build_hasher();
    match v {
        Value::Num(n) => (0u8, n.to_bits()).hash(&mut h),
        Value::Char(s) => (1u8, s.as_str()).hash(&mut h),
        Value::Missing(m) => (2u8, m).hash(&mut h),
    }
    h.finish()
}

/// The same value for interning: numbers by their bits, so `-0` and `0` stay apart as
/// written.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Num(x), Value::Num(y)) => x.to_bits() == y.to_bits(),
        (Value::Char(x), Value::Char(y)) => x == y,
        (Value::Missing(x), Value::Missing(y)) => x == y,
        _ => false,
    }
}

impl Interned {
    /// `len` records, each missing.
    pub fn nulls(len: usize) -> Interned {
        let mut c = Interned {
            ids: Vec::new(),
            values: Vec::new(),
            index: HashTable::new(),
        };
        c.intern(Value::Missing(Missing::Dot));
        c.ids = vec![NULL; len];
        c
    }

    pub fn get(&self, row: usize) -> &Value {
        &self.values[self.ids[row] as usize]
    }

    pub fn id(&self, row: usize) -> u32 {
        self.ids[row]
    }

    /// Sets a record's value; returns its number.
    pub fn set(&mut self, row: usize, v: Value) -> u32 {
        let id = self.intern(v);
        self.ids[row] = id;
        id
    }

    pub fn set_id(&mut self, row: usize, id: u32) {
        self.ids[row] = id;
    }

    /// Appends a missing value; [`Interned::set`] fills it in.
    pub fn push_null(&mut self) {
        self.ids.push(NULL);
    }

    /// The number of `v`, adding it when new.
    pub fn intern(&mut self, v: Value) -> u32 {
        let h = hash(&v);
        let values = &self.values;
        if let Some(&id) = self.index.find(h, |&id| same(&values[id as usize], &v)) {
            return id;
        }
        let id = u32::try_from(self.values.len()).unwrap_or(u32::MAX);
        self.values.push(v);
        let values = &self.values;
        self.index
            .insert_unique(h, id, |&id| hash(&values[id as usize]));
        id
    }

    /// Appends `other`'s records, each of its distinct values interned here once.
    pub fn append(&mut self, other: Interned) {
        let to: Vec<u32> = other.values.into_iter().map(|v| self.intern(v)).collect();
        self.ids.extend(other.ids.iter().map(|&id| to[id as usize]));
    }

    /// The distinct values, by number.
    pub fn values(&self) -> &[Value] {
        &self.values
    }

    /// The value numbers of the records.
    pub fn ids(&self) -> &[u32] {
        &self.ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_value_is_stored_once_and_every_record_reads_its_own() {
        let mut c = Interned::nulls(2);
        assert_eq!(
            c.set(0, Value::char("CK")),
            1,
            "the first value after missing"
        );
        c.set(1, Value::char("CK"));
        c.push_null();
        c.set(2, Value::Num(1.5));
        c.push_null();
        assert_eq!(c.values().len(), 3, "missing, CK, 1.5");
        assert_eq!(c.get(0), &Value::char("CK"));
        assert_eq!(c.id(0), c.id(1));
        assert_eq!(c.get(2), &Value::Num(1.5));
        assert!(c.get(3).is_null());
        assert_eq!(c.ids(), [1, 1, 2, NULL]);
    }

    #[test]
    fn kinds_and_signs_stay_apart() {
        let mut c = Interned::nulls(0);
        let ids = [
            c.intern(Value::Num(0.0)),
            c.intern(Value::Num(-0.0)),
            c.intern(Value::char("0")),
            c.intern(Value::Missing(Missing::Letter(b'A'))),
            c.intern(Value::char("")),
        ];
        let mut distinct = ids.to_vec();
        distinct.dedup();
        assert_eq!(distinct.len(), 5);
        assert!(!ids.contains(&NULL), "`\"\"` is not missing");
        assert_eq!(c.intern(Value::char("0")), ids[2]);
    }
}
