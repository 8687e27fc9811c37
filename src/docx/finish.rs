//! What docx-rs 0.4.22 cannot write, added to the parts it wrote, and the package packed
//! reproducibly (fixed entry order, times and modes; deflate: `output::zip_parts`):
//!
//! - `w:tblHeader` on each annex table's header row (docx-rs has no repeated header rows);
//! - the Normal style with the body's face and size (docx-rs writes it empty; LibreOffice
//!   sizes the character grid's cell from it);
//! - settings: full-width punctuation never compressed, odd and even footers;
//! - the font table naming the faces the document uses (docx-rs writes Times, Symbol, Arial);
//! - the 版记's section without page numbers: a footer part of its own, empty;
//! - the images (a seal) docx-rs collected, where its relationships point;
//! - every element's children in the order the schema gives (Word drops what is out of order;
//!   docx-rs writes some properties in another order).

use crate::render::Failed;
use docx_rs::XMLDocx;

use super::Faces;
use super::order::in_schema_order;

/// `colophon`: the document ends with the 版记's section, which takes an empty footer.
/// `first_footer`: the first page's own footer (信函格式's lower double line), as
/// `letter::FIRST_FOOTER`.
pub(super) fn finish(
    x: XMLDocx,
    faces: &Faces,
    header_rows: &[usize],
    colophon: bool,
    first_footer: Option<Vec<u8>>,
) -> Result<Vec<u8>, Failed> {
    let text = |b: Vec<u8>| String::from_utf8(b).map_err(|e| broken(&e.to_string()));
    let mut document = text(x.document)?;
    document = repeat_headers(&document, header_rows)?;
    if colophon {
        document = last_section_unnumbered(&document)?;
    }
    let styles = normal_style(&text(x.styles)?, faces)?;
    let settings = text(x.settings)?.replacen(
        "<w:compat>",
        "<w:characterSpacingControl w:val=\"doNotCompress\" /><w:compat>",
        1,
    );
    let footers: &[u8] = if first_footer.is_some() {
        &[3, 4]
    } else {
        &[3]
    };
    let (content_type, document_rels) =
        with_footers(text(x.content_type)?, text(x.document_rels)?, footers);
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), content_type.into_bytes()),
        ("_rels/.rels".into(), x.rels),
        ("docProps/app.xml".into(), x.doc_props.app),
        ("docProps/core.xml".into(), x.doc_props.core),
        ("docProps/custom.xml".into(), x.doc_props.custom),
        (
            "word/_rels/document.xml.rels".into(),
            document_rels.into_bytes(),
        ),
        (
            "word/document.xml".into(),
            in_schema_order(&document)?.into_bytes(),
        ),
        (
            "word/styles.xml".into(),
            in_schema_order(&styles)?.into_bytes(),
        ),
        (
            "word/settings.xml".into(),
            in_schema_order(&settings)?.into_bytes(),
        ),
        ("word/fontTable.xml".into(), font_table(faces).into_bytes()),
        ("word/comments.xml".into(), x.comments),
        ("word/numbering.xml".into(), x.numberings),
        ("word/commentsExtended.xml".into(), x.comments_extended),
        ("word/footnotes.xml".into(), x.footnotes),
    ];
    for (i, f) in x.footers.into_iter().enumerate() {
        parts.push((
            format!("word/footer{}.xml", i + 1),
            in_schema_order(&text(f)?)?.into_bytes(),
        ));
    }
    parts.push(("word/footer3.xml".into(), EMPTY_FOOTER.as_bytes().to_vec()));
    // The seal's image, where docx-rs's relationship points.
    for (id, png) in x.media {
        parts.push((format!("word/media/{id}.png"), png));
    }
    if let Some(f) = first_footer {
        parts.push((
            "word/footer4.xml".into(),
            in_schema_order(&text(f)?)?.into_bytes(),
        ));
    }
    crate::render::output::zip_parts(&parts, "DOCX")
}

/// The content types and the document's relationships with footers `footers` (the empty
/// one, the first page's own) added: parts docx-rs does not know.
fn with_footers(
    mut content_type: String,
    mut document_rels: String,
    footers: &[u8],
) -> (String, String) {
    for n in footers {
        content_type = content_type.replacen(
            "</Types>",
            &format!("<Override PartName=\"/word/footer{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\" /></Types>"),
            1,
        );
        document_rels = document_rels.replacen(
            "</Relationships>",
            &format!("<Relationship Id=\"rIdFooter{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer{n}.xml\" /></Relationships>"),
            1,
        );
    }
    (content_type, document_rels)
}

const EMPTY_FOOTER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p /></w:ftr>"#;

/// The first row of each of the first tables (the annexes, in order) repeated at the top of
/// every page the table runs to.
fn repeat_headers(document: &str, header_rows: &[usize]) -> Result<String, Failed> {
    let mut out = String::with_capacity(document.len() + 64);
    let mut rest = document;
    for &rows in header_rows {
        let Some(at) = rest.find("<w:tbl>") else {
            return Err(broken("附件表格少于预期"));
        };
        // Past this table's start: the next search finds the next table.
        let start = at + "<w:tbl>".len();
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        for _ in 0..rows {
            let Some(row) = rest.find("<w:trPr>") else {
                return Err(broken("表头行没有行属性"));
            };
            let end = row + "<w:trPr>".len();
            out.push_str(&rest[..end]);
            out.push_str("<w:tblHeader />");
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// The document's last section (the 版记's) takes the empty footer part.
fn last_section_unnumbered(document: &str) -> Result<String, Failed> {
    let at = document
        .rfind("<w:sectPr")
        .ok_or_else(|| broken("没有节属性"))?;
    let (head, tail) = document.split_at(at);
    let tail = tail
        .replace("r:id=\"rIdFooter1\"", "r:id=\"rIdFooter3\"")
        .replace("r:id=\"rIdFooter2\"", "r:id=\"rIdFooter3\"");
    Ok(format!("{head}{tail}"))
}

/// The Normal style with the body's face and 3号 size, condensed to 28 a line, and no space
/// added between Chinese and digits or Latin (Word's and LibreOffice's default adds a quarter
/// em, which puts a line off the grid; GB/T 9704 text has none).
fn normal_style(styles: &str, faces: &Faces) -> Result<String, Failed> {
    const OPEN: &str = "<w:style w:type=\"paragraph\" w:styleId=\"Normal\">";
    let start = styles
        .find(OPEN)
        .ok_or_else(|| broken("没有 Normal 样式"))?;
    let end = start
        + styles[start..]
            .find("</w:style>")
            .ok_or_else(|| broken("Normal 样式不完整"))?
        + "</w:style>".len();
    let f = xml_escape(&faces.body);
    let normal = format!(
        "{OPEN}<w:name w:val=\"Normal\" /><w:qFormat /><w:pPr><w:autoSpaceDE w:val=\"0\" /><w:autoSpaceDN w:val=\"0\" /><w:snapToGrid w:val=\"0\" /><w:jc w:val=\"both\" /></w:pPr><w:rPr><w:rFonts w:ascii=\"{f}\" w:hAnsi=\"{f}\" w:eastAsia=\"{f}\" w:cs=\"{f}\" w:hint=\"eastAsia\" /><w:spacing w:val=\"-5\" /><w:sz w:val=\"32\" /><w:szCs w:val=\"32\" /></w:rPr></w:style>"
    );
    Ok(format!("{}{normal}{}", &styles[..start], &styles[end..]))
}

/// One entry per face the document names (charset 86: GB2312), with the names these faces
/// go by in English, where Word looks when the Chinese one is not installed.
fn font_table(faces: &Faces) -> String {
    let known = |name: &str| match name {
        "方正小标宋简体" => Some("FZXiaoBiaoSong-B05S"),
        "仿宋_GB2312" => Some("FangSong_GB2312"),
        "仿宋" => Some("FangSong"),
        "黑体" => Some("SimHei"),
        "楷体_GB2312" => Some("KaiTi_GB2312"),
        "楷体" => Some("KaiTi"),
        "宋体" => Some("SimSun"),
        _ => None,
    };
    let mut names = vec![
        &faces.title,
        &faces.body,
        &faces.hei,
        &faces.kai,
        &faces.song,
    ];
    names.dedup();
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    );
    for n in names {
        let alt = known(n)
            .map(|a| format!("<w:altName w:val=\"{a}\" />"))
            .unwrap_or_default();
        out.push_str(&format!(
            "<w:font w:name=\"{}\">{alt}<w:charset w:val=\"86\" /><w:family w:val=\"modern\" /><w:pitch w:val=\"fixed\" /></w:font>",
            xml_escape(n)
        ));
    }
    out.push_str("</w:fonts>");
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A part docx-rs wrote without what this module expects in it: gongwen's fault.
pub(super) fn broken(what: &str) -> Failed {
    Failed::one(format!("DOCX 内部错误：{what}"))
}
