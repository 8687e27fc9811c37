//! Who signs a notice: the leading office and those issuing with it (联合行文), each with its
//! 署名 and, in a sealed document, its seal (GB/T 9704 §7.2.4, §7.3.5).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::model::Notice;
use super::path::FieldPath;

/// 印章 (§7.3.5.1).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Seal {
    /// The seal's image: a PNG file, named relative to the plan's folder.
    Image(String),
    /// `true`: the room for a seal stamped by hand; `false`: no seal.
    Stamped(bool),
}

/// An office issuing a notice with the leading one.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoIssuer {
    /// 发文机关
    pub issuer: String,
    /// 发文机关标志, as printed in red (default: the 发文机关)
    #[serde(default)]
    pub mark: Option<String>,
    /// 署名 (default: the 发文机关)
    #[serde(default)]
    pub signer: Option<String>,
    /// 印章: its seal's PNG, in a sealed document (none: the room for a seal stamped by hand)
    #[serde(default)]
    pub seal: Option<String>,
}

/// One office that signs: its 署名, its seal's image (as the plan names it), and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Signing<'a> {
    pub signer: &'a str,
    pub mark: &'a str,
    pub seal: Option<&'a str>,
    /// Where the seal is named: `notice.seal`, `notice.joint[i].seal`.
    pub seal_at: FieldPath,
}

impl Notice {
    /// Whether 署名 and date are set as a sealed document's (the leading office's seal
    /// decides, for every office).
    pub fn sealed(&self) -> bool {
        !matches!(self.seal, None | Some(Seal::Stamped(false)))
    }

    /// The leading office's seal's image file as the plan names it.
    pub fn seal_image(&self) -> Option<&str> {
        match &self.seal {
            Some(Seal::Image(name)) => Some(name),
            _ => None,
        }
    }

    /// Every office that signs, the leading one first.
    pub fn signing(&self) -> Vec<Signing<'_>> {
        let lead = Signing {
            signer: &self.signer,
            mark: &self.mark,
            seal: self.seal_image(),
            seal_at: FieldPath::of("notice.seal"),
        };
        let joint = self.joint.iter().enumerate().map(|(i, c)| Signing {
            signer: c.signer.as_deref().unwrap_or(&c.issuer),
            mark: c.mark.as_deref().unwrap_or(&c.issuer),
            seal: c.seal.as_deref(),
            seal_at: FieldPath::of("notice.joint").index(i).key("seal"),
        });
        std::iter::once(lead).chain(joint).collect()
    }
}
