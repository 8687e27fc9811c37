//! Children of WordprocessingML property elements in the order the schema (ECMA-376) gives:
//! docx-rs writes some in another order, which LibreOffice reads but Word repairs or drops.
//! Only the order changes: each element's bytes are copied as written.

use roxmltree::{Document, Node};

/// Each element whose children the schema orders, with their order (local names).
const ORDERS: &[(&str, &[&str])] = &[
    (
        "pPr",
        &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "framePr",
            "widowControl",
            "numPr",
            "suppressLineNumbers",
            "pBdr",
            "shd",
            "tabs",
            "suppressAutoHyphens",
            "kinsoku",
            "wordWrap",
            "overflowPunct",
            "topLinePunct",
            "autoSpaceDE",
            "autoSpaceDN",
            "bidi",
            "adjustRightInd",
            "snapToGrid",
            "spacing",
            "ind",
            "contextualSpacing",
            "mirrorIndents",
            "suppressOverlap",
            "jc",
            "textDirection",
            "textAlignment",
            "textboxTightWrap",
            "outlineLvl",
            "divId",
            "cnfStyle",
            "rPr",
            "sectPr",
            "pPrChange",
        ],
    ),
    (
        "rPr",
        &[
            "ins",
            "del",
            "rStyle",
            "rFonts",
            "b",
            "bCs",
            "i",
            "iCs",
            "caps",
            "smallCaps",
            "strike",
            "dstrike",
            "outline",
            "shadow",
            "emboss",
            "imprint",
            "noProof",
            "snapToGrid",
            "vanish",
            "webHidden",
            "color",
            "spacing",
            "w",
            "kern",
            "position",
            "sz",
            "szCs",
            "highlight",
            "u",
            "effect",
            "bdr",
            "shd",
            "fitText",
            "vertAlign",
            "rtl",
            "cs",
            "em",
            "lang",
            "eastAsianLayout",
            "specVanish",
            "oMath",
        ],
    ),
    (
        "sectPr",
        &[
            "headerReference",
            "footerReference",
            "footnotePr",
            "endnotePr",
            "type",
            "pgSz",
            "pgMar",
            "paperSrc",
            "pgBorders",
            "lnNumType",
            "pgNumType",
            "cols",
            "formProt",
            "vAlign",
            "noEndnote",
            "titlePg",
            "textDirection",
            "bidi",
            "rtlGutter",
            "docGrid",
        ],
    ),
    (
        "tblPr",
        &[
            "tblStyle",
            "tblpPr",
            "tblOverlap",
            "bidiVisual",
            "tblStyleRowBandSize",
            "tblStyleColBandSize",
            "tblW",
            "jc",
            "tblCellSpacing",
            "tblInd",
            "tblBorders",
            "shd",
            "tblLayout",
            "tblCellMar",
            "tblLook",
        ],
    ),
    (
        "tcPr",
        &[
            "cnfStyle",
            "tcW",
            "gridSpan",
            "hMerge",
            "vMerge",
            "tcBorders",
            "shd",
            "noWrap",
            "tcMar",
            "textDirection",
            "tcFitText",
            "vAlign",
            "hideMark",
        ],
    ),
    (
        "pBdr",
        &["top", "left", "bottom", "right", "between", "bar"],
    ),
    (
        "tblBorders",
        &["top", "left", "bottom", "right", "insideH", "insideV"],
    ),
    (
        "tcBorders",
        &[
            "top", "left", "bottom", "right", "insideH", "insideV", "tl2br", "tr2bl",
        ],
    ),
    (
        "style",
        &[
            "name",
            "aliases",
            "basedOn",
            "next",
            "link",
            "autoRedefine",
            "hidden",
            "uiPriority",
            "semiHidden",
            "unhideWhenUsed",
            "qFormat",
            "locked",
            "personal",
            "personalCompose",
            "personalReply",
            "rsid",
            "pPr",
            "rPr",
            "tblPr",
            "trPr",
            "tcPr",
            "tblStylePr",
        ],
    ),
    (
        "settings",
        &[
            "writeProtection",
            "view",
            "zoom",
            "removePersonalInformation",
            "removeDateAndTime",
            "doNotDisplayPageBoundaries",
            "displayBackgroundShape",
            "printPostScriptOverText",
            "printFractionalCharacterWidth",
            "printFormsData",
            "embedTrueTypeFonts",
            "embedSystemFonts",
            "saveSubsetFonts",
            "saveFormsData",
            "mirrorMargins",
            "alignBordersAndEdges",
            "bordersDoNotSurroundHeader",
            "bordersDoNotSurroundFooter",
            "gutterAtTop",
            "hideSpellingErrors",
            "hideGrammaticalErrors",
            "activeWritingStyle",
            "proofState",
            "formsDesign",
            "attachedTemplate",
            "linkStyles",
            "stylePaneFormatFilter",
            "stylePaneSortMethod",
            "documentType",
            "mailMerge",
            "revisionView",
            "trackRevisions",
            "doNotTrackMoves",
            "doNotTrackFormatting",
            "documentProtection",
            "autoFormatOverride",
            "styleLockTheme",
            "styleLockQFSet",
            "defaultTabStop",
            "autoHyphenation",
            "consecutiveHyphenLimit",
            "hyphenationZone",
            "doNotHyphenateCaps",
            "showEnvelope",
            "summaryLength",
            "clickAndTypeStyle",
            "defaultTableStyle",
            "evenAndOddHeaders",
            "bookFoldRevPrinting",
            "bookFoldPrinting",
            "bookFoldPrintingSheets",
            "drawingGridHorizontalSpacing",
            "drawingGridVerticalSpacing",
            "displayHorizontalDrawingGridEvery",
            "displayVerticalDrawingGridEvery",
            "doNotUseMarginsForDrawingGridOrigin",
            "drawingGridHorizontalOrigin",
            "drawingGridVerticalOrigin",
            "doNotShadeFormData",
            "noPunctuationKerning",
            "characterSpacingControl",
            "printTwoOnOne",
            "strictFirstAndLastChars",
            "noLineBreaksAfter",
            "noLineBreaksBefore",
            "savePreviewPicture",
            "doNotValidateAgainstSchema",
            "saveInvalidXml",
            "ignoreMixedContent",
            "alwaysShowPlaceholderText",
            "doNotDemarcateInvalidXml",
            "saveXmlDataOnly",
            "useXSLTWhenSaving",
            "saveThroughXslt",
            "showXMLTags",
            "alwaysMergeEmptyNamespace",
            "updateFields",
            "hdrShapeDefaults",
            "footnotePr",
            "endnotePr",
            "compat",
            "docVars",
            "rsids",
            "mathPr",
            "attachedSchema",
            "themeFontLang",
            "clrSchemeMapping",
            "doNotIncludeSubdocsInStats",
            "doNotAutoCompressPictures",
            "forceUpgrade",
            "captions",
            "readModeInkLockDown",
            "smartTagType",
            "schemaLibrary",
            "shapeDefaults",
            "doNotEmbedSmartTags",
            "decimalSymbol",
            "listSeparator",
        ],
    ),
];

/// `xml` with the children of every ordered element in schema order.
pub(super) fn in_schema_order(xml: &str) -> Result<String, crate::render::Failed> {
    let doc = Document::parse(xml)
        .map_err(|e| crate::render::Failed::one(format!("DOCX 内部错误（XML）：{e}")))?;
    let root = doc.root_element();
    let mut out = String::with_capacity(xml.len());
    out.push_str(&xml[..root.range().start]);
    rebuild(xml, root, &mut out);
    out.push_str(&xml[root.range().end..]);
    Ok(out)
}

fn rebuild(src: &str, node: Node, out: &mut String) {
    let range = node.range();
    let (Some(first), Some(last)) = (node.first_child(), node.last_child()) else {
        out.push_str(&src[range]);
        return;
    };
    out.push_str(&src[range.start..first.range().start]);
    let mut kids: Vec<Node> = node.children().collect();
    if let Some((_, order)) = ORDERS.iter().find(|(n, _)| *n == node.tag_name().name()) {
        let rank = |c: &Node| {
            order
                .iter()
                .position(|n| c.is_element() && *n == c.tag_name().name())
                .unwrap_or(order.len())
        };
        kids.sort_by_key(rank);
    }
    for k in kids {
        if k.is_element() {
            rebuild(src, k, out);
        } else {
            out.push_str(&src[k.range()]);
        }
    }
    out.push_str(&src[last.range().end..range.end]);
}

#[cfg(test)]
mod tests {
    use super::in_schema_order;

    #[test]
    fn properties_come_in_the_schemas_order_and_nothing_else_changes() {
        let xml = r#"<w:p xmlns:w="w"><w:pPr><w:rPr><w:sz w:val="32" /><w:rFonts w:eastAsia="仿宋" /></w:rPr><w:jc w:val="both" /><w:pStyle w:val="GwBody" /></w:pPr><w:r><w:t xml:space="preserve">甲 &amp; 乙</w:t></w:r></w:p>"#;
        assert_eq!(
            in_schema_order(xml).unwrap(),
            r#"<w:p xmlns:w="w"><w:pPr><w:pStyle w:val="GwBody" /><w:jc w:val="both" /><w:rPr><w:rFonts w:eastAsia="仿宋" /><w:sz w:val="32" /></w:rPr></w:pPr><w:r><w:t xml:space="preserve">甲 &amp; 乙</w:t></w:r></w:p>"#
        );
    }
}
