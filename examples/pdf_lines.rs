//! Prints the lines of a PDF page as its glyphs are placed: the first glyph's x, the size,
//! the baseline, the text and the first advances (pt). For comparing LibreOffice's rendering
//! of the DOCX with ours: `cargo run --example pdf_lines -- notice.pdf 0`.
fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(page)) = (
        args.next(),
        args.next().and_then(|p| p.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: pdf_lines FILE.pdf PAGE (from 0)");
        std::process::exit(2);
    };
    let pdf = std::fs::read(&path).expect("the PDF");
    let pages = gongwen_testing::printed::read(&pdf).expect("a PDF");
    let mut glyphs: Vec<_> = pages[page].glyphs.iter().filter(|g| g.upright()).collect();
    glyphs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<&gongwen_testing::printed::PrintedGlyph>> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some(l) if (l[0].baseline - g.baseline).abs() <= 1.0 => l.push(g),
            _ => lines.push(vec![g]),
        }
    }
    for l in lines {
        let text: String = l.iter().map(|g| g.ch).collect();
        let dx: Vec<String> = l
            .windows(2)
            .take(6)
            .map(|w| format!("{:.2}", w[1].x - w[0].x))
            .collect();
        println!(
            "x0={:.2} size={:.2} baseline={:.2} n={} {text} dx=[{}]",
            l[0].x,
            l[0].size,
            l[0].baseline,
            text.chars().count(),
            dx.join(", ")
        );
    }
}
