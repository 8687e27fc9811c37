//! Who signs (GB/T 9704 §7.2.4, §7.3.5): a sealed document's date four characters in and its
//! seal over 署名 and date; a seal that cannot be read is an error, and an issued one is
//! archived with the version; 联合行文's stacked marks and its 署名 under each seal, or one
//! under the other — measured on the PDF.

mod common;
use common::measure::*;
use common::*;

use std::path::Path;

use gongwen_testing::printed::PrintedGlyph;

#[test]
fn a_sealed_document_sets_its_date_four_in_and_its_seal_over_signer_and_date() {
    let printed = pages("announcement");
    let all: Vec<_> = printed.iter().map(lines).collect();
    let (page, date) = line(&all, "2024年3月18日");
    let (_, signer) = line(&all, "青山县人民政府");
    let end = |g: &[PrintedGlyph]| g.last().map_or(0.0, |l| l.x + l.advance);
    let centre = |g: &[PrintedGlyph]| (g[0].x + end(g)) / 2.0;
    // §7.3.5.1: the date four characters from the right, the 署名 centred over it, a line up.
    close(end(date), RIGHT - 4.0 * CELL, "date's right end");
    close(centre(signer), centre(date), "署名's centre");
    close(
        date[0].baseline,
        signer[0].baseline + PITCH,
        "date's baseline",
    );
    // The seal: 42 mm, centred on them, its top within a line of the text above; 署名 and
    // date sit below its centre.
    let [(x0, top, x1, bottom)] = printed[page].images[..] else {
        panic!("one image on the signed page: {:?}", printed[page].images)
    };
    close(x1 - x0, 42.0 * MM, "seal's width");
    close((x0 + x1) / 2.0, centre(date), "seal's centre");
    let above = all[page]
        .iter()
        .map(|(g, _)| g[0].baseline)
        .filter(|b| *b < top)
        .fold(f64::MIN, f64::max);
    assert!(
        top > above && top - above <= PITCH,
        "seal's top {top:.1}, text above {above:.1}"
    );
    let middle = (top + bottom) / 2.0;
    assert!(
        signer[0].baseline > middle && date[0].baseline < bottom,
        "署名 and date below the centre {middle:.1}"
    );
    // Printed for a seal stamped by hand: the same places, no image.
    let report = pages("report");
    let all: Vec<_> = report.iter().map(lines).collect();
    let (page, date) = line(&all, "2024年1月22日");
    let (_, signer) = line(&all, "青山县农业农村局");
    assert!(report[page].images.is_empty());
    close(end(date), RIGHT - 4.0 * CELL, "report's date's right end");
    close(centre(signer), centre(date), "report's 署名's centre");
}

#[test]
fn a_seal_that_cannot_be_read_is_an_error_on_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("公告.toml");
    let source = std::fs::read_to_string(example("announcement")).unwrap();
    for (seal, why) in [
        ("没有这个.png", "找不到"),
        ("../示例印章.png", "不在计划文件所在的文件夹里"),
        ("公告.toml", "不是 PNG"),
    ] {
        std::fs::write(&plan, source.replace("示例印章.png", seal)).unwrap();
        let o = gongwen(&["check", &s(&plan)]);
        let out = stdout(&o);
        assert_eq!(o.status.code(), Some(1), "{seal}: {out}");
        assert!(
            out.contains("seal-file") && out.contains(why),
            "{seal}: {out}"
        );
        let line = source
            .lines()
            .position(|l| l.starts_with("seal ="))
            .unwrap()
            + 1;
        assert!(out.contains(&format!("公告.toml:{line}:")), "{seal}: {out}");
    }
}

#[test]
fn an_unsealed_joint_notice_signs_one_name_under_the_other() {
    let source = std::fs::read_to_string(example("joint"))
        .unwrap()
        .replace("seal = \"示例印章.png\"\n", "");
    let printed = sealed_pages(&source);
    assert!(printed.iter().all(|p| p.images.is_empty()));
    let all: Vec<_> = printed.iter().map(lines).collect();
    let (_, a) = line(&all, "青山县财政局");
    let (_, b) = line(&all, "青山县乡村振兴局");
    let (_, date) = line(&all, "2024年8月16日");
    let end = |g: &[PrintedGlyph]| g.last().map_or(0.0, |l| l.x + l.advance);
    close(
        b[0].baseline,
        a[0].baseline + PITCH,
        "second name a line under the first",
    );
    close(
        date[0].baseline,
        b[0].baseline + PITCH,
        "date under the last name",
    );
    close(end(a), end(b), "names end alike");
    // The date is the longer here (§7.3.5.2): it ends two characters in, and starts two
    // characters right of the longest name.
    close(end(date), RIGHT - 2.0 * CELL, "date's right end");
    close(
        date[0].x,
        b[0].x + 2.0 * CELL,
        "date two characters right of the longest",
    );
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// 联合行文 (§7.2.4, §7.3.5): the offices' names stacked, as wide as each other, "文件" right
/// of them and centred on them; sealed, each 署名 centred under its own seal, the seals in a
/// row, apart, the last over the date.
#[test]
fn a_joint_notice_stacks_its_marks_and_signs_under_each_seal() {
    let printed = pages("joint");
    let marks = lines_of(&printed[0], 26.0);
    let [(b1, l1, r1, n1), (b2, l2, r2, n2)] = &marks
        .iter()
        .filter(|m| m.3 != "文件")
        .cloned()
        .collect::<Vec<_>>()[..]
    else {
        panic!("two lines of names: {marks:?}")
    };
    assert_eq!(
        (n1.as_str(), n2.as_str()),
        ("青山县财政局", "青山县乡村振兴局")
    );
    close(*l1, *l2, "the names' left");
    close(*r1, *r2, "the names' right");
    let word = marks.iter().find(|m| m.3 == "文件").expect("文件");
    assert!(word.1 > *r1, "文件 right of the names");
    // Centred on the names: its glyphs' middle halfway between theirs (a baseline, less the
    // half of a character above it).
    close(word.0, (b1 + b2) / 2.0, "文件's baseline");
    close(
        (l1 + word.2) / 2.0,
        (LEFT + RIGHT) / 2.0,
        "the marks' centre",
    );
    // Sealed: names under their seals.
    let all: Vec<_> = printed.iter().map(lines).collect();
    let (page, date) = line(&all, "2024年8月16日");
    let row = all[page]
        .iter()
        .find(|(_, t)| t.contains("青山县财政局"))
        .expect("the names' line");
    let seals = &printed[page].images;
    assert_eq!(seals.len(), 2, "{seals:?}");
    let mut seals = seals.clone();
    seals.sort_by(|a, b| a.0.total_cmp(&b.0));
    let centre = |s: &(f64, f64, f64, f64)| (s.0 + s.2) / 2.0;
    let end = date.last().map_or(0.0, |g| g.x + g.advance);
    close(end, RIGHT - 4.0 * CELL, "date's right end");
    close(
        centre(&seals[1]),
        (date[0].x + end) / 2.0,
        "last seal over the date",
    );
    assert!(
        seals[1].0 - seals[0].2 >= 3.0 * MM,
        "seals apart: {seals:?}"
    );
    close(seals[0].1, seals[1].1, "seals in a row");
    let (glyphs, _) = row;
    let split = glyphs.iter().position(|g| g.x > seals[0].2).unwrap();
    let (first, second) = glyphs.split_at(split);
    let mid = |g: &[PrintedGlyph]| (g[0].x + g[g.len() - 1].x + g[g.len() - 1].advance) / 2.0;
    close(mid(first), centre(&seals[0]), "first 署名 under its seal");
    close(mid(second), centre(&seals[1]), "second 署名 under its seal");
}

/// A sealed notice issued keeps the seal it was printed with: `verify` renders it again from
/// the archive alone, byte for byte, even after the office's file is gone.
#[test]
fn an_issued_sealed_notice_keeps_its_seal_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path();
    let from = root().join("plans/examples");
    for f in ["announcement.toml", "示例印章.png"] {
        std::fs::copy(from.join(f), ws.join(f)).unwrap();
    }
    let o = gongwen_in(ws, &["issue", "announcement.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    std::fs::remove_file(ws.join("示例印章.png")).unwrap();
    let kept: Vec<_> = walk(&ws.join("archive"))
        .into_iter()
        .filter(|p| p.ends_with("seal.png"))
        .collect();
    assert_eq!(kept.len(), 1, "the seal in the archive");
    assert_eq!(
        std::fs::read(&kept[0]).unwrap(),
        std::fs::read(from.join("示例印章.png")).unwrap()
    );
    let o = gongwen_in(ws, &["verify"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

/// Five offices, each sealed: the seals in rows of as many as the block holds (3 + 2 here),
/// five lines apart, every one inside the block, the last over the date.
#[test]
fn five_sealed_offices_sign_in_rows_inside_the_block() {
    let printed = sealed_pages(&five_offices());
    let page = printed.iter().find(|p| !p.images.is_empty()).unwrap();
    let mut tops: Vec<f64> = page.images.iter().map(|i| i.1).collect();
    tops.sort_by(f64::total_cmp);
    tops.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    assert_eq!(tops.len(), 2, "two rows: {:?}", page.images);
    close(tops[1] - tops[0], 5.0 * PITCH, "rows five lines apart");
    let in_row = |t: f64| page.images.iter().filter(|i| (i.1 - t).abs() < 0.5).count();
    assert_eq!((in_row(tops[0]), in_row(tops[1])), (3, 2));
    for i in &page.images {
        assert!(
            i.0 >= LEFT - 0.5 && i.2 <= RIGHT + 0.5,
            "inside the block: {i:?}"
        );
    }
}
