//! The manifest of an archived version: what was issued, with the hash of every file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// 发文字号 of the document in this version.
    pub doc_number: String,
    /// The 文号 the series is filed under, when this version carries another (新号重发).
    #[serde(default)]
    pub series: Option<String>,
    pub version: u32,
    /// The version this one corrects.
    pub previous: Option<u32>,
    pub gongwen_version: String,
    /// sha256 over the templates used (names and texts).
    pub templates_sha256: String,
    /// sha256 over the font files used.
    pub fonts_sha256: String,
    /// 成文日期 and 印发日期 of the document, as in the plan.
    pub signed: String,
    pub printed: String,
    pub pdf_a: bool,
    /// File name → sha256.
    pub files: BTreeMap<String, String>,
    /// For a corrected version: the changes from the previous one, as the 更正通知 lists them.
    #[serde(default)]
    pub changes: Vec<String>,
    /// For a corrected version: the 更正通知's own 文号.
    #[serde(default)]
    pub correction_number: Option<String>,
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// sha256 over a list of named parts, each name and length-prefixed so parts cannot blur.
pub(crate) fn sha256_of_parts<'a>(parts: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> String {
    let mut h = Sha256::new();
    for (name, bytes) in parts {
        h.update((name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digest() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_ne!(
            sha256_of_parts([("a", b"bc".as_slice())]),
            sha256_of_parts([("ab", b"c".as_slice())])
        );
    }
}
