//! The OFD package, read back from the file: the parts a reader looks for, one page per PDF
//! page, IDs unique, every embedded font a font that loads on its own and maps every character
//! drawn in it, the text in reading order, the same bytes from the same plan. (The drawing
//! itself is checked by two readers no one here wrote: web/tests/ofd.test.mjs.)

mod common;
use common::*;

use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::path::Path;

fn render(dir: &Path, name: &str) -> Vec<u8> {
    let out = dir.join(name);
    let o = gongwen(&["render", "plans/ebian-2023.toml", "-o", &s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    std::fs::read(out).unwrap()
}

/// The package's parts by name.
fn parts(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an OFD is a zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().to_string(), data)
        })
        .collect()
}

fn xml(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(parts[name].clone()).unwrap()
}

#[test]
fn the_same_plan_gives_the_same_ofd_with_the_pdfs_pages() {
    let dir = tempfile::tempdir().unwrap();
    let a = render(dir.path(), "a.ofd");
    let b = render(dir.path(), "b.ofd");
    assert!(a == b, "two renders of one plan differ");
    let pdf = render(dir.path(), "a.pdf");
    let pages = gongwen_testing::printed::read(&pdf).unwrap().len();
    let p = parts(&a);
    let contents = p.keys().filter(|k| k.ends_with("/Content.xml")).count();
    assert_eq!(contents, pages, "one Content.xml per page of the PDF");
    for n in 0..pages {
        assert!(p.contains_key(&format!("Doc_0/Pages/Page_{n}/Content.xml")));
    }
    let ofd = xml(&p, "OFD.xml");
    for want in [
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>",
        "<ofd:Author>峨边彝族自治县人民政府办公室</ofd:Author>",
        "<ofd:CreationDate>2023-02-07</ofd:CreationDate>",
        "<ofd:Title>峨边彝族自治县人民政府办公室关于印发",
    ] {
        assert!(ofd.contains(want), "OFD.xml lacks {want}: {ofd}");
    }
}

#[test]
fn ids_are_unique_and_every_font_maps_what_is_drawn_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = parts(&render(dir.path(), "n.ofd"));
    let document = xml(&p, "Doc_0/Document.xml");
    let max: u32 = between(&document, "<ofd:MaxUnitID>", "<").parse().unwrap();
    let mut ids = HashSet::new();
    let mut drawn: BTreeMap<String, String> = BTreeMap::new();
    let mut text = String::new();
    for (name, data) in &p {
        if !name.ends_with(".xml") {
            continue;
        }
        let source = String::from_utf8(data.clone()).unwrap();
        let doc = roxmltree::Document::parse(&source).expect(name);
        for node in doc.descendants().filter(|n| n.is_element()) {
            assert_eq!(
                node.tag_name().namespace(),
                Some("http://www.ofdspec.org/2016")
            );
            if let Some(id) = node
                .attribute("ID")
                .filter(|_| node.tag_name().name() != "Page")
                && !name.ends_with("Document.xml")
            {
                let id: u32 = id.parse().unwrap();
                assert!(
                    ids.insert(id) && id <= max,
                    "{name}: ID {id} again or over {max}"
                );
            }
            if node.tag_name().name() == "TextObject" {
                let code = node
                    .children()
                    .find(|c| c.tag_name().name() == "TextCode")
                    .and_then(|c| c.text())
                    .unwrap_or("");
                assert_eq!(code.trim(), code, "a TextCode begins or ends with a space");
                let font = node.attribute("Font").unwrap().to_string();
                drawn.entry(font).or_default().push_str(code);
                if name.contains("Page_0/") || name.contains("Page_10/") {
                    text.push_str(code);
                }
            }
        }
    }
    // Reading order: the first page's text as the notice reads, the annex's total.
    for want in [
        "峨边府办函〔2023〕7号",
        "各乡镇、县级各相关部门：",
        "合计3900",
    ] {
        assert!(text.contains(want), "{want} not in the text as read");
    }
    let public = xml(&p, "Doc_0/PublicRes.xml");
    let res = roxmltree::Document::parse(&public).unwrap();
    for font in res.descendants().filter(|n| n.tag_name().name() == "Font") {
        let id = font.attribute("ID").unwrap();
        let file = font.children().find(|c| c.tag_name().name() == "FontFile");
        let path = format!("Doc_0/Res/{}", file.unwrap().text().unwrap());
        let face = typst::text::Font::new(typst::foundations::Bytes::new(p[&path].clone()), 0)
            .unwrap_or_else(|| panic!("{path} does not load as a font"));
        let subset = p[&path].len();
        assert!(subset < 1_000_000, "{path} is {subset} bytes: not a subset");
        for c in drawn.get(id).map(String::as_str).unwrap_or("").chars() {
            assert!(
                face.info().coverage.contains(c as u32),
                "{path} has no glyph for {c:?} in its cmap"
            );
        }
    }
}

#[test]
fn the_annex_alone_is_written_as_ofd_and_an_unknown_extension_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("表.ofd");
    let o = gongwen(&["annex", "plans/ebian-2023.toml", "-o", &s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let p = parts(&std::fs::read(&out).unwrap());
    assert!(
        xml(&p, "OFD.xml")
            .contains("<ofd:Title>峨边彝族自治县2023年东西部协作资金项目计划表</ofd:Title>")
    );
    let o = gongwen(&[
        "render",
        "plans/ebian-2023.toml",
        "-o",
        &s(&dir.path().join("x.odf")),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains(".ofd"), "{}", stdout(&o));
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> &'a str {
    let from = s.find(open).unwrap() + open.len();
    let to = s[from..].find(close).unwrap() + from;
    &s[from..to]
}
