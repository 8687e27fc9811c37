//! Where each value of a plan file stands in its source, keyed by field path.
//!
//! Built once from toml's spanned parse tree, so the typed model stays plain data and
//! any rule can point at any field by naming its path. Keys are the paths' text
//! (`plan.categories[0].amount`), built incrementally: one allocation per value.

use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::path::FieldPath;

#[derive(Debug, Default, Clone)]
pub struct SpanIndex {
    values: HashMap<String, Range<usize>>,
    keys: HashMap<String, Range<usize>>,
}

impl SpanIndex {
    pub fn build(root: &DeTable<'_>) -> Self {
        let mut index = Self::default();
        let mut path = String::new();
        index.walk_table(&mut path, root);
        index
    }

    fn walk_table(&mut self, path: &mut String, table: &DeTable<'_>) {
        for (key, value) in table.iter() {
            let len = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(key.get_ref());
            self.keys.insert(path.clone(), key.span());
            self.walk_value(path, value.span(), value.get_ref());
            path.truncate(len);
        }
    }

    fn walk_value(&mut self, path: &mut String, span: Range<usize>, value: &DeValue<'_>) {
        match value {
            DeValue::Table(t) => self.walk_table(path, t),
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let len = path.len();
                    path.push('[');
                    path.push_str(&i.to_string());
                    path.push(']');
                    self.walk_value(path, item.span(), item.get_ref());
                    path.truncate(len);
                }
            }
            _ => {}
        }
        self.values.insert(path.clone(), span);
    }

    /// The span of the value at `path`, or of the nearest enclosing value that has one,
    /// so a finding about a missing field still points into its table.
    pub fn locate(&self, path: &FieldPath) -> Option<Range<usize>> {
        let mut cur = Some(path.clone());
        while let Some(p) = cur {
            let key = p.to_string();
            if let Some(s) = self.values.get(&key).or_else(|| self.keys.get(&key))
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
        self.keys.get(&path.to_string()).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_nested_values_and_their_parents() {
        let src = "[a]\nb = [1, { c = \"x\" }]\n";
        let t = DeTable::parse(src).unwrap();
        let idx = SpanIndex::build(t.get_ref());
        let c = idx.locate(&FieldPath::of("a.b").index(1).key("c")).unwrap();
        assert_eq!(&src[c], "\"x\"");
        // A missing field points at the nearest enclosing value.
        let missing = idx.locate(&FieldPath::of("a.b").index(1).key("d")).unwrap();
        assert_eq!(&src[missing], "{ c = \"x\" }");
    }
}
