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
    pub(crate) fn locate(&self, path: &FieldPath) -> Option<Range<usize>> {
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
}

/// Where bytes `part` of a string value stand in the source, given the value's span. The
/// literal is decoded again (its quotes, escapes, a multi-line string's first newline and
/// line-ending backslashes) to map the decoded bytes back; anything that is not a string
/// literal, or a part outside it, gives the whole value.
pub fn inside(source: &str, value: Range<usize>, part: Range<usize>) -> Range<usize> {
    let Some(raw) = source.get(value.clone()) else {
        return value;
    };
    let (quote, literal) = match raw.as_bytes().first() {
        Some(b'"') if raw.starts_with("\"\"\"") => (3, false),
        Some(b'\'') if raw.starts_with("'''") => (3, true),
        Some(b'"') => (1, false),
        Some(b'\'') => (1, true),
        _ => return value,
    };
    let Some(mut body) = raw.get(quote..raw.len().saturating_sub(quote)) else {
        return value;
    };
    let mut start = value.start + quote;
    if quote == 3 {
        let trimmed = body
            .strip_prefix("\r\n")
            .or_else(|| body.strip_prefix('\n'));
        if let Some(rest) = trimmed {
            start += body.len() - rest.len();
            body = rest;
        }
    }
    match decoded_to_raw(body, literal, part) {
        Some(r) => start + r.start..start + r.end,
        None => value,
    }
}

/// Walks a literal's body, counting decoded bytes, to find the raw offsets of `part`.
fn decoded_to_raw(body: &str, literal: bool, part: Range<usize>) -> Option<Range<usize>> {
    let (mut d, mut from, mut to) = (0, None, None);
    let mut chars = body.char_indices().peekable();
    loop {
        let r = chars.peek().map_or(body.len(), |(r, _)| *r);
        // The latest raw offset for the start (after a line-ending backslash), the first
        // for the end.
        if d == part.start {
            from = Some(r);
        }
        if d >= part.end && to.is_none() {
            to = Some(r);
        }
        let Some((_, c)) = chars.next() else { break };
        if literal || c != '\\' {
            d += c.len_utf8();
            continue;
        }
        let (_, e) = chars.next()?;
        let hex = match e {
            'u' => 4,
            'U' => 8,
            'x' => 2,
            c if c.is_whitespace() => {
                while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
                continue;
            }
            _ => {
                d += 1;
                continue;
            }
        };
        let digits: String = (0..hex)
            .filter_map(|_| chars.next().map(|(_, c)| c))
            .collect();
        d += char::from_u32(u32::from_str_radix(&digits, 16).ok()?)?.len_utf8();
    }
    Some(from?..to?)
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

    #[test]
    fn parts_of_strings_map_back_through_quotes_and_escapes() {
        let cases = [
            "k = \"共12个项目\"\n",
            "k = '共12个项目'\n",
            "k = \"\\u5171\\\"12\\\"个项目\"\n",
            "k = \"\"\"\n共\\\n   12个项目\"\"\"\n",
            "k = '''\n共12个项目'''\n",
        ];
        for src in cases {
            let t = DeTable::parse(src).unwrap();
            let idx = SpanIndex::build(t.get_ref());
            let value = idx.locate(&FieldPath::of("k")).unwrap();
            let table: toml::Table = toml::from_str(src).unwrap();
            let decoded = table["k"].as_str().unwrap();
            let at = decoded.find("12").unwrap();
            let r = inside(src, value, at..at + 2);
            assert_eq!(&src[r], "12", "{src}");
        }
        // Not a string, or a part beyond it: the whole value.
        assert_eq!(inside("k = 12\n", 4..6, 0..1), 4..6);
        assert_eq!(inside("k = \"ab\"\n", 4..8, 1..9), 4..8);
    }
}
