//! Where each value of a plan file stands in its source, keyed by field path.
//!
//! Built once from toml's spanned parse tree, so the typed model stays plain data and
//! any rule can point at any field by naming its path.

use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::path::FieldPath;

#[derive(Debug, Default, Clone)]
pub struct SpanIndex {
    values: HashMap<FieldPath, Range<usize>>,
    keys: HashMap<FieldPath, Range<usize>>,
}

impl SpanIndex {
    pub fn build(root: &DeTable<'_>) -> Self {
        let mut index = Self::default();
        index.walk_table(&FieldPath::root(), root);
        index
    }

    fn walk_table(&mut self, at: &FieldPath, table: &DeTable<'_>) {
        for (key, value) in table.iter() {
            let path = at.key(key.get_ref());
            self.keys.insert(path.clone(), key.span());
            self.walk_value(path, value.span(), value.get_ref());
        }
    }

    fn walk_value(&mut self, path: FieldPath, span: Range<usize>, value: &DeValue<'_>) {
        match value {
            DeValue::Table(t) => self.walk_table(&path, t),
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.walk_value(path.index(i), item.span(), item.get_ref());
                }
            }
            _ => {}
        }
        self.values.insert(path, span);
    }

    /// The span of the value at `path`, or of the nearest enclosing value that has one,
    /// so a finding about a missing field still points into its table.
    pub fn locate(&self, path: &FieldPath) -> Option<Range<usize>> {
        let mut cur = Some(path.clone());
        while let Some(p) = cur {
            if let Some(s) = self.values.get(&p).or_else(|| self.keys.get(&p))
                && !s.is_empty()
            {
                return Some(s.clone());
            }
            cur = p.parent();
        }
        None
    }

    /// The span of the key naming `path` (for tables defined by a `[header]`).
    pub fn key_span(&self, path: &FieldPath) -> Option<Range<usize>> {
        self.keys.get(path).cloned()
    }
}
