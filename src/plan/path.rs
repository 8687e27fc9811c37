//! Field paths: how a rule names the place it talks about, independent of spans.

use std::fmt;

/// One step into the plan: a table key or an array index.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A path such as `plan.categories[0].projects[1].amount`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldPath(pub Vec<Seg>);

impl FieldPath {
    /// Builds a path from dotted keys, e.g. `FieldPath::of("notice.doc_number")`.
    pub fn of(dotted: &str) -> Self {
        Self(
            dotted
                .split('.')
                .filter(|s| !s.is_empty())
                .map(|s| Seg::Key(s.to_string()))
                .collect(),
        )
    }

    pub fn key(&self, k: &str) -> Self {
        let mut v = self.0.clone();
        v.push(Seg::Key(k.to_string()));
        Self(v)
    }

    pub fn index(&self, i: usize) -> Self {
        let mut v = self.0.clone();
        v.push(Seg::Index(i));
        Self(v)
    }

    pub fn parent(&self) -> Option<Self> {
        if self.0.is_empty() {
            None
        } else {
            Some(Self(self.0[..self.0.len() - 1].to_vec()))
        }
    }

    /// The last key of the path (`amount` in `plan.projects[0].amount`), if it ends in one.
    pub fn last_key(&self) -> Option<&str> {
        match self.0.last()? {
            Seg::Key(k) => Some(k),
            Seg::Index(_) => None,
        }
    }

    /// Path of project `p` in category `c`.
    pub fn project(c: usize, p: usize) -> Self {
        Self::of("plan.categories")
            .index(c)
            .key("projects")
            .index(p)
    }

    /// Path of category `c`.
    pub fn category(c: usize) -> Self {
        Self::of("plan.categories").index(c)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_like_toml_access() {
        let p = FieldPath::project(0, 1).key("amount");
        assert_eq!(p.to_string(), "plan.categories[0].projects[1].amount");
        assert_eq!(
            p.parent().unwrap().to_string(),
            "plan.categories[0].projects[1]"
        );
    }
}
