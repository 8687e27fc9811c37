//! The DOCX, read by a client no one here wrote: LibreOffice (headless) turns it into a PDF,
//! and that PDF is measured on its glyphs as ours is — 22 lines on a full page, 28 characters
//! on a full line of Chinese, the 红头 72 mm from the paper's top, the page numbers odd right
//! and even left, the table's header on every table page, the 版记 on the last page, every
//! figure of the notice. Without LibreOffice these tests say so and pass, unless
//! GONGWEN_CLIENTS=required (CI), where they fail.

mod common;
use common::office::{docx_and_pdf, soffice};
use common::*;

use std::process::Command;

use gongwen_testing::printed::{self, PrintedPage};

const MM: f64 = 72.0 / 25.4;

/// Lines of 3号 upright text on a page: (baseline, text), top to bottom.
fn lines(p: &PrintedPage) -> Vec<(f64, String)> {
    measure::lines(p)
        .into_iter()
        .map(|(g, t)| (g[0].baseline, t))
        .collect()
}

fn text(p: &PrintedPage) -> String {
    p.glyphs.iter().map(|g| g.ch).collect()
}

/// python-docx (a reader of Word's own model) opens the DOCX and finds the heading styles
/// the body uses, the body style with its face, and odd and even footers.
#[test]
fn python_docx_finds_the_heading_styles() {
    let probe = Command::new("python3").args(["-c", "import docx"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        assert!(
            std::env::var("GONGWEN_CLIENTS").as_deref() != Ok("required"),
            "python-docx is required here"
        );
        eprintln!("python-docx not installed: DOCX checked without it");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("notice.docx");
    let o = gongwen(&["render", "plans/ebian-2023.toml", "-o", &s(&docx)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let script = r#"
import sys
from docx import Document
from docx.oxml.ns import qn
d = Document(sys.argv[1])
used = {p.style.name for p in d.paragraphs}
print("used:", sorted(used))
body = d.styles["公文正文"]
print("body face:", body.element.rPr.rFonts.get(qn("w:eastAsia")), body.font.size.pt)
print("odd and even:", d.settings.odd_and_even_pages_header_footer)
print("sections:", [(s.page_width > s.page_height) for s in d.sections])
"#;
    let o = Command::new("python3")
        .args(["-c", script])
        .arg(&docx)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for heading in ["Heading 1", "Heading 2"] {
        assert!(out.contains(&format!("'{heading}'")), "{heading}: {out}");
    }
    assert!(out.contains("body face: 仿宋_GB2312 16.0"), "{out}");
    assert!(out.contains("odd and even: True"), "{out}");
    assert!(out.contains("sections: [False, True, False]"), "{out}");
}

#[test]
fn libreoffice_sets_the_ebian_docx_on_the_22_by_28_grid() {
    let Some(soffice) = soffice() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (docx, pages) = docx_and_pdf("plans/ebian-2023.toml", dir.path(), &soffice);
    // The same bytes again.
    let again = dir.path().join("again.docx");
    gongwen(&["render", "plans/ebian-2023.toml", "-o", &s(&again)]);
    assert_eq!(std::fs::read(again).unwrap(), docx, "same plan, same DOCX");

    // A full page of the 实施方案: 22 lines, on a pitch of 225 mm / 22.
    let full = lines(&pages[2]);
    assert_eq!(full.len(), 22, "{full:#?}");
    let pitch = (full[21].0 - full[0].0) / 21.0;
    assert!((pitch - 225.0 * MM / 22.0).abs() < 0.1, "pitch {pitch}");
    // Full lines of pure Chinese (reaching the block's right edge): 28 cells, the indent's
    // included, no more, no fewer.
    let cjk =
        |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c) || "，。、；：“”《》（）".contains(c);
    let (left, right, cell) = (28.0 * MM, 184.0 * MM, 156.0 * MM / 28.0);
    let mut full_lines = 0;
    let mut wrong = Vec::new();
    for p in &pages[1..10] {
        let set = measure::lines(p);
        for (i, (l, t)) in set.iter().enumerate() {
            let end = l.last().map_or(0.0, |g| g.x + g.advance);
            // A line before one opening with what may not be split (a number, a closing mark)
            // is spread instead, in Word as in LibreOffice.
            let bound = set
                .get(i + 1)
                .and_then(|(_, n)| n.chars().next())
                .is_some_and(|c| c.is_ascii_alphanumeric() || "，。、；：”）》—".contains(c));
            if !t.chars().all(cjk) || end < right - cell / 2.0 || bound {
                continue;
            }
            full_lines += 1;
            let indent = ((l[0].x - left) / cell).round() as usize;
            if t.chars().count() + indent != 28 {
                wrong.push(format!("{indent}+{}: {t}", t.chars().count()));
            }
        }
    }
    assert!(full_lines > 20, "{full_lines} full lines");
    assert!(wrong.is_empty(), "lines not of 28 cells: {wrong:#?}");

    // The 红头: its top 72 mm from the paper's top (37 + 35), ±2 mm.
    let mark: Vec<_> = pages[0]
        .glyphs
        .iter()
        .filter(|g| g.size > 20.0 && g.ch == '峨')
        .collect();
    let top = mark[0].baseline - 0.88 * mark[0].size;
    assert!(
        (top / MM - 72.0).abs() <= 2.0,
        "红头 top at {:.1} mm",
        top / MM
    );

    // Page numbers: "— n —" at the foot, odd pages right, even pages left.
    for (i, p) in pages.iter().enumerate().take(10) {
        let n = (i + 1).to_string();
        let foot: Vec<_> = p
            .glyphs
            .iter()
            .filter(|g| g.baseline > 264.0 * MM && g.upright())
            .collect();
        let digits: String = foot
            .iter()
            .map(|g| g.ch)
            .filter(char::is_ascii_digit)
            .collect();
        assert_eq!(digits, n, "page {}", i + 1);
        let x = foot.iter().map(|g| g.x).fold(f64::MAX, f64::min) / MM;
        if i % 2 == 0 {
            assert!(x > 150.0, "odd page {} number at {x:.0} mm", i + 1);
        } else {
            assert!(x < 60.0, "even page {} number at {x:.0} mm", i + 1);
        }
    }

    // The table's header on every page it runs to; the 版记 on the last page.
    let table_pages: Vec<&PrintedPage> = pages.iter().filter(|p| p.width > p.height).collect();
    assert!(table_pages.len() >= 2);
    for p in &table_pages {
        assert!(
            text(p).contains("项目名称"),
            "a table page without its header"
        );
    }
    let last = text(pages.last().unwrap());
    assert!(last.contains("2023年2月7日印发"), "{last}");
    assert!(last.contains("峨边彝族自治县人民政府办公室"), "{last}");

    // Every figure of the notice.
    let all: String = pages.iter().map(text).collect::<Vec<_>>().join("");
    for figure in [
        "3900",
        "1950",
        "230",
        "300",
        "1370",
        "5类11个",
        "50%",
        "5.9%",
        "7.69%",
        "1.28%",
        "35.13%",
    ] {
        assert!(all.contains(figure), "{figure} missing");
    }
}

/// Which glyph of a page stands for a part of it.
type Pick = dyn Fn(&printed::PrintedGlyph) -> bool;

/// The 信函格式 in LibreOffice as in the PDF: the Yi line, the mark, the 文号, the title and
/// the 主送 on page 1 within 1.5 pt of where the PDF prints them; the two red double lines 170
/// mm long and centred, the first 4 mm under the mark (its top 50 mm down, as the PDF's), the
/// second ending 20 mm above the paper's bottom (read off LibreOffice's page, drawn at 100
/// dpi); no page number on page 1, page 2's on the right.
#[test]
fn libreoffice_sets_the_letter_head_as_the_pdf() {
    let Some(soffice) = soffice() else { return };
    let dir = tempfile::tempdir().unwrap();
    let plan = "plans/ebian-letter-2023.toml";
    let (_, pages) = docx_and_pdf(plan, dir.path(), &soffice);
    let ours = dir.path().join("ours.pdf");
    gongwen(&["render", plan, "-o", &s(&ours)]);
    let ours = printed::read(&std::fs::read(&ours).unwrap()).unwrap();
    // The baseline of the first glyph on page 1 that `pick` chooses.
    let baseline =
        |p: &PrintedPage, pick: &Pick| p.glyphs.iter().find(|g| pick(g)).map(|g| g.baseline);
    let marks: [(&str, &Pick); 5] = [
        ("彝文", &|g| ('\u{A000}'..='\u{A48F}').contains(&g.ch)),
        ("标志", &|g| g.size > 25.0),
        ("文号", &|g| g.ch == '〔'),
        ("标题", &|g| (g.size - 22.0).abs() < 0.5),
        ("主送", &|g| g.ch == '县' && (g.size - 16.0).abs() < 0.5),
    ];
    for (what, pick) in marks {
        let (a, b) = (baseline(&pages[0], pick), baseline(&ours[0], pick));
        let (Some(a), Some(b)) = (a, b) else {
            panic!("{what}: LibreOffice {a:?}, ours {b:?}")
        };
        assert!(
            (a - b).abs() <= 1.5,
            "{what}: LibreOffice {a:.1} pt, ours {b:.1} pt"
        );
    }
    assert!(!text(&pages[0]).contains("— 1 —"), "no number on page 1");
    assert!(text(&pages[1]).contains("— 2 —"));

    // The red lines, from LibreOffice's page 1 drawn at 100 dpi.
    let o = Command::new("pdftoppm")
        .args(["-r", "100", "-f", "1", "-l", "1"])
        .arg(dir.path().join("notice.pdf"))
        .output()
        .expect("pdftoppm (poppler-utils)");
    let ppm = o.stdout;
    let head: Vec<&[u8]> = ppm.splitn(4, |b| b.is_ascii_whitespace()).take(3).collect();
    let w: usize = std::str::from_utf8(head[1]).unwrap().parse().unwrap();
    let px = &ppm[ppm.len() - w * 3 * (ppm.len() / (w * 3))..];
    let mm = |n: usize| n as f64 * 25.4 / 100.0;
    let mut groups: Vec<(usize, usize, usize, usize)> = Vec::new(); // top, bottom, left, right
    for (y, row) in px.chunks(w * 3).enumerate() {
        let red: Vec<usize> = (0..w)
            .filter(|&x| row[3 * x] > 180 && row[3 * x + 1] < 90 && row[3 * x + 2] < 90)
            .collect();
        if red.len() < w / 2 {
            continue;
        }
        let (l, r) = (red[0], red[red.len() - 1]);
        match groups.last_mut() {
            // The two lines of a double line, 0.8 mm apart, are one.
            Some(g) if g.1 + 4 >= y => g.1 = y,
            _ => groups.push((y, y, l, r)),
        }
    }
    assert_eq!(groups.len(), 2, "two double lines: {groups:?}");
    let (first, second) = (groups[0], groups[1]);
    assert!(
        (mm(first.0) - 50.0).abs() <= 1.0,
        "first line's top {:.1} mm",
        mm(first.0)
    );
    assert!(
        (mm(second.1) - 277.0).abs() <= 1.0,
        "second line's bottom {:.1} mm",
        mm(second.1)
    );
    for (top, bottom, l, r) in groups {
        assert!(
            (mm(r - l) - 170.0).abs() <= 1.5,
            "length {:.1} mm",
            mm(r - l)
        );
        assert!((mm(l) - 20.0).abs() <= 1.0, "left end {:.1} mm", mm(l));
        assert!(
            (1.5..=3.0).contains(&mm(bottom - top + 1)),
            "height {:.1} mm",
            mm(bottom - top + 1)
        );
    }
}

/// 联合行文 in Word's format, as LibreOffice sets it: the names stacked as wide as each
/// other with "文件" right of them; each 署名 under its own seal, the seals in a row.
#[test]
fn libreoffice_sets_a_joint_notice_as_the_pdf() {
    let Some(soffice) = soffice() else { return };
    let dir = tempfile::tempdir().unwrap();
    for f in ["joint.toml", "示例印章.png"] {
        std::fs::copy(root().join("plans/examples").join(f), dir.path().join(f)).unwrap();
    }
    let plan = s(&dir.path().join("joint.toml"));
    let (_, pages) = docx_and_pdf(&plan, dir.path(), &soffice);
    let marks: Vec<_> = pages[0].glyphs.iter().filter(|g| g.size > 24.0).collect();
    let row = |ch: char| marks.iter().find(|g| g.ch == ch).map(|g| (g.x, g.baseline));
    let (first, second, word) = (row('财').unwrap(), row('乡').unwrap(), row('文').unwrap());
    assert!(
        second.1 > first.1 + 20.0,
        "names stacked: {first:?} {second:?}"
    );
    assert!(
        word.0 > second.0 + 100.0,
        "文件 right of the names: {word:?}"
    );
    assert!(
        word.1 > first.1 && word.1 < second.1,
        "文件 between the names' lines"
    );
    let signed = pages
        .iter()
        .find(|p| p.images.len() == 2)
        .expect("a page with two seals");
    let mut seals = signed.images.clone();
    seals.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(seals[0].2 < seals[1].0, "seals apart: {seals:?}");
    for (name, seal) in [("青山县财政局", seals[0]), ("青山县乡村振兴局", seals[1])] {
        let glyphs = measure::lines(signed)
            .into_iter()
            .find_map(|(l, t)| t.find(name).map(|at| (l, t[..at].chars().count())))
            .expect(name);
        let (l, skip) = glyphs;
        let n = name.chars().count();
        let mid = (l[skip].x + l[skip + n - 1].x + l[skip + n - 1].advance) / 2.0;
        let centre = (seal.0 + seal.2) / 2.0;
        assert!(
            (mid - centre).abs() < 2.0,
            "{name} at {mid:.1}, its seal at {centre:.1}"
        );
    }
}

/// Five sealed offices in Word's format: LibreOffice sets the seals in the PDF's rows (3 + 2)
/// and columns, every one inside the block.
#[test]
fn libreoffice_sets_five_sealed_offices_in_the_pdfs_rows() {
    let Some(soffice) = soffice() else { return };
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("plans/examples/示例印章.png"),
        dir.path().join("示例印章.png"),
    )
    .unwrap();
    let plan = dir.path().join("five.toml");
    std::fs::write(&plan, measure::five_offices()).unwrap();
    let (_, pages) = docx_and_pdf(&s(&plan), dir.path(), &soffice);
    let page = pages
        .iter()
        .find(|p| p.images.len() == 5)
        .expect("five seals on a page");
    let mut lefts: Vec<i64> = page.images.iter().map(|i| i.0.round() as i64).collect();
    lefts.sort_unstable();
    lefts.dedup_by(|a, b| (*a - *b).abs() <= 1);
    assert_eq!(lefts.len(), 3, "three columns: {:?}", page.images);
    let (left, right) = (28.0 * MM, 184.0 * MM);
    for i in &page.images {
        assert!(
            i.0 >= left - 1.0 && i.2 <= right + 1.0,
            "inside the block: {i:?}"
        );
    }
}
