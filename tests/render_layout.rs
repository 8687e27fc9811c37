//! The rendered notice measured on Typst's laid-out frames: GB/T 9704 positions for both
//! formats, the text a reader sees, literal printing of markup, fonts and determinism.

use std::path::Path;
use std::sync::OnceLock;

use gongwen::check::{CheckOptions, check_loaded, check_path};
use gongwen::fonts::FONTS;
use gongwen::plan::load_str;
use gongwen::render::{RenderOptions, Rendered, render};
use gongwen_testing::inspect::{PT_PER_MM, PageView, TextRun, pages};

const MM: f64 = PT_PER_MM;
const LEFT: f64 = 28.0 * MM;
const RIGHT: f64 = (28.0 + 156.0) * MM;
const TOP: f64 = 37.0 * MM;
const BLOCK_BOTTOM: f64 = (37.0 + 225.0) * MM;
const PITCH: f64 = 225.0 * MM / 22.0;

fn render_path(path: &str) -> (Rendered, Vec<PageView>) {
    let outcome = check_path(Path::new(path), &CheckOptions::default());
    assert_eq!(outcome.errors(), 0, "{path} has errors");
    let r = render(&outcome.into_checked().unwrap(), &RenderOptions::default()).expect("renders");
    let p = pages(&r.document);
    (r, p)
}

fn ebian() -> &'static (Rendered, Vec<PageView>) {
    static R: OnceLock<(Rendered, Vec<PageView>)> = OnceLock::new();
    R.get_or_init(|| render_path("plans/ebian-2023.toml"))
}

fn letter() -> &'static (Rendered, Vec<PageView>) {
    static R: OnceLock<(Rendered, Vec<PageView>)> = OnceLock::new();
    R.get_or_init(|| render_path("plans/ebian-letter-2023.toml"))
}

fn near(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

fn run<'a>(page: &'a PageView, text: &str) -> &'a TextRun {
    page.runs
        .iter()
        .find(|r| r.text == text)
        .unwrap_or_else(|| {
            panic!(
                "no run {text:?} in {:#?}",
                page.runs.iter().map(|r| &r.text).collect::<Vec<_>>()
            )
        })
}

/// Height of the em dash's ink above the baseline in the page-number face, in pt at 14pt.
fn dash_ascent() -> f64 {
    let f = FONTS
        .fonts
        .iter()
        .find(|f| f.info().family == "Noto Serif SC" && f.info().variant.weight.to_number() == 400)
        .unwrap();
    let ttf = ttf_parser::Face::parse(f.data(), f.index()).unwrap();
    let g = ttf.glyph_index('—').unwrap();
    f64::from(ttf.glyph_bounding_box(g).unwrap().y_max) / f64::from(ttf.units_per_em()) * 14.0
}

/// Page number label of page `p`.
fn number_label(p: usize) -> String {
    format!("— {p} —")
}

/// The text of all pages as a reader follows it: page numbers left out.
fn all_text(pages: &[PageView]) -> String {
    pages
        .iter()
        .enumerate()
        .map(|(i, p)| p.text().replace(&number_label(i + 1), ""))
        .collect()
}

// ── 文件格式 ───────────────────────────────────────────────────────────

#[test]
fn file_format_head_positions() {
    let p1 = &ebian().1[0];
    let mark = run(p1, "峨边彝族自治县人民政府办公室");
    assert!(
        mark.red && mark.family == "Noto Serif SC" && mark.size == 26.0,
        "{mark:?}"
    );
    // Mark's top 35 mm below the block's top: 72 mm from the paper's top edge.
    assert!(
        near(mark.ink_top, 72.0 * MM, 1.0 * MM),
        "mark top {:.2} mm",
        mark.ink_top / MM
    );
    assert!(
        near(mark.x + mark.width / 2.0, (LEFT + RIGHT) / 2.0, 0.5),
        "mark centred"
    );

    let number = run(p1, "峨边府办函〔2023〕7号");
    assert!(
        near(number.x + number.width / 2.0, (LEFT + RIGHT) / 2.0, 0.5),
        "文号 centred"
    );
    assert!(
        number.baseline > mark.baseline + 2.0 * PITCH,
        "文号 two lines below the mark"
    );

    let rule = p1.rules.iter().find(|r| r.red).expect("red rule");
    // 4 mm below the 文号 line's box (baseline + 0.12 em).
    assert!(
        near(rule.y, number.baseline + 0.12 * 16.0 + 4.0 * MM, 0.5),
        "rule at {:.2}",
        rule.y
    );
    assert!(
        near(rule.x, LEFT, 0.5) && near(rule.length, 156.0 * MM, 0.5),
        "{rule:?}"
    );

    // Title in balanced lines, 通知 whole, two lines below the rule.
    let titles: Vec<&TextRun> = p1.runs.iter().filter(|r| r.size == 22.0).collect();
    assert_eq!(titles.len(), 3);
    assert!(titles.last().unwrap().text.ends_with("的通知"));
    assert!(titles.iter().all(|t| !t.text.ends_with('通')));
    assert!(titles[0].baseline > rule.y + 2.0 * PITCH);

    // (A mark at a line's end is a run of its own, in its one-cell box.)
    let recipients = run(p1, "各乡镇、县级各相关部门");
    assert!(near(recipients.x, LEFT, 0.5), "主送 flush left");
}

#[test]
fn signature_and_date_follow_the_no_seal_rule() {
    let p1 = &ebian().1[0];
    let runs: Vec<&TextRun> = p1
        .runs
        .iter()
        .filter(|r| r.text == "峨边彝族自治县人民政府办公室" && r.size == 16.0)
        .collect();
    let signer = runs[0];
    let date = run(p1, "2023年2月7日");
    let char_w = 156.0 * MM / 28.0;
    // Name right-indented two characters; date one line below, starting two characters right.
    assert!(
        near(signer.x + signer.width, RIGHT - 2.0 * char_w, 0.6),
        "signer right edge"
    );
    assert!(near(date.x, signer.x + 2.0 * char_w, 0.6), "date start");
    assert!(
        near(date.baseline - signer.baseline, PITCH, 0.05),
        "date on the next line"
    );
}

#[test]
fn a_full_body_page_has_22_lines_of_28_characters_in_the_block() {
    let pages = &ebian().1;
    let page = &pages[2];
    let baselines = page.baselines(16.0);
    assert_eq!(baselines.len(), 22, "{baselines:?}");
    for w in baselines.windows(2) {
        assert!(near(w[1] - w[0], PITCH, 0.02), "pitch {}", w[1] - w[0]);
    }
    // First line's ink near the block's top (37 mm), last line inside the block.
    let first = page
        .runs
        .iter()
        .filter(|r| r.size == 16.0)
        .map(|r| r.ink_top)
        .fold(f64::MAX, f64::min);
    assert!(
        near(first, TOP, 1.0 * MM),
        "top margin {:.2} mm",
        first / MM
    );
    assert!(*baselines.last().unwrap() < BLOCK_BOTTOM);
    // Left margin 28 mm; justified full lines end at 184 mm (right margin 26 mm).
    let min_x = page
        .runs
        .iter()
        .filter(|r| r.size == 16.0)
        .map(|r| r.x)
        .fold(f64::MAX, f64::min);
    assert!(
        near(min_x, LEFT, 1.0 * MM),
        "left margin {:.2} mm",
        min_x / MM
    );
    // Lines of CJK text only (no half-width digits) that fill the line hold 28 characters.
    let mut full_lines = 0;
    for b in &baselines {
        let mut line: Vec<&TextRun> = page
            .runs
            .iter()
            .filter(|r| near(r.baseline, *b, 0.01) && r.size == 16.0)
            .collect();
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        let text: String = line.iter().map(|r| r.text.as_str()).collect();
        let start = line.first().unwrap().x;
        let end = line.iter().map(|r| r.x + r.width).fold(0.0, f64::max);
        if near(start, LEFT, 0.5) && near(end, RIGHT, 1.0) && text.chars().all(|c| !c.is_ascii()) {
            assert_eq!(text.chars().count(), 28, "{text}");
            full_lines += 1;
        }
    }
    assert!(full_lines >= 3, "found {full_lines} full CJK lines");
}

#[test]
fn page_numbers_odd_right_even_left_seven_mm_below_the_block() {
    let pages = &ebian().1;
    let n = pages.len();
    let dash = dash_ascent();
    for (i, page) in pages.iter().enumerate().take(n - 1) {
        let p = i + 1;
        if page.runs.is_empty() {
            continue; // a blank page before the 版记
        }
        let r = run(page, &number_label(p));
        assert_eq!(r.size, 14.0);
        assert!(
            near(r.baseline - dash, BLOCK_BOTTOM + 7.0 * MM, 0.3),
            "p{p}: dash top"
        );
        if p % 2 == 1 {
            assert!(near(r.x + r.width, RIGHT - 14.0, 0.5), "p{p} right");
        } else {
            assert!(near(r.x, LEFT + 14.0, 0.5), "p{p} left");
        }
    }
}

#[test]
fn colophon_on_the_last_line_of_an_even_last_page_without_a_number() {
    let pages = &ebian().1;
    assert_eq!(pages.len() % 2, 0, "last page even");
    let n = pages.len();
    let last = pages.last().unwrap();
    let before = &pages[n - 2];
    assert!(
        !last.text().contains(&number_label(n)),
        "no page number on the 版记 page"
    );
    if before.runs.iter().all(|r| r.size == 14.0) {
        assert!(
            before.runs.is_empty(),
            "no page number on the blank page before the 版记"
        );
    }
    let rules: Vec<_> = last.rules.iter().collect();
    assert_eq!(rules.len(), 2);
    assert!(
        rules
            .iter()
            .all(|r| near(r.thickness, 0.35 * MM, 0.01) && near(r.length, 156.0 * MM, 0.5))
    );
    let bottom = rules.iter().map(|r| r.y).fold(0.0, f64::max);
    assert!(
        near(bottom, BLOCK_BOTTOM, 0.3),
        "last rule on the block's bottom edge: {bottom}"
    );
    let printed_by = run(last, "峨边彝族自治县人民政府办公室");
    let date = run(last, "2023年2月7日印发");
    assert!(near(printed_by.x, LEFT + 14.0, 0.5) && near(date.x + date.width, RIGHT - 14.0, 0.5));
    assert!(
        date.baseline > BLOCK_BOTTOM - PITCH && date.baseline < BLOCK_BOTTOM,
        "on the last line"
    );
    assert!(last.text().contains("信息公开选项：主动公开"));
}

#[test]
fn the_reader_sees_the_notice_and_the_computed_summary() {
    let text = all_text(&ebian().1);
    for needle in [
        "峨边府办函〔2023〕7号",
        "峨边彝族自治县人民政府办公室关于印发峨边彝族自治县2023年东西部协作建设项目实施方案的通知",
        "各乡镇、县级各相关部门：",
        "2023年2月7日",
        "2023年实施东西部协作建设项目资金3900万元，实施项目5类11个，其中：产业合作项目2个，规划资金1950万元，占50%；劳务协作项目2个，规划资金230万元，占5.9%；人才交流项目1个，规划资金300万元，占7.69%；消费帮扶项目1个，规划资金50万元，占1.28%；改善民生项目5个，规划资金1370万元，占35.13%。",
        "附件：峨边彝族自治县2023年东西部协作资金项目计划表",
        "1.宜坪粮果产业园区—提升改造“1+3”粮经复合产业环线建设项目。规划投资1000万元，",
        "（一）高度重视，加快推进。",
    ] {
        assert!(text.contains(needle), "missing: {needle}");
    }
}

#[test]
fn the_annex_table_carries_the_computed_figures() {
    let pages = &ebian().1;
    let annex: Vec<&PageView> = pages
        .iter()
        .filter(|p| p.runs.iter().any(|r| r.text == "项目建设规模和内容"))
        .collect();
    assert!(!annex.is_empty());
    let text: String = annex.iter().map(|p| p.text()).collect();
    assert!(text.contains("附件"));
    assert!(text.contains("峨边彝族自治县2023年东西部协作资金项目计划表"));
    assert!(text.contains("合计") && text.contains("3900"));
    assert!(text.contains("（五）改善民生") && text.contains("1370"));
    // Header row repeated on every annex page.
    for p in &annex {
        assert!(p.text().contains("项目建设规模和内容"));
    }
}

// ── 信函格式 ───────────────────────────────────────────────────────────

#[test]
fn letter_format_head_and_double_lines() {
    let pages = &letter().1;
    let p1 = &pages[0];
    let yi = p1
        .runs
        .iter()
        .find(|r| r.family == "Noto Sans Yi")
        .expect("Yi line");
    assert!(yi.red);
    // The mark (its first line) starts 30 mm from the paper's top.
    assert!(
        near(yi.ink_top, 30.0 * MM, 1.0 * MM),
        "mark top {:.2} mm",
        yi.ink_top / MM
    );
    let red: Vec<_> = p1.rules.iter().filter(|r| r.red).collect();
    assert_eq!(red.len(), 4);
    for r in &red {
        // 170 mm, centred on the type block (which sits 1 mm right of the paper's centre).
        assert!(
            near(r.length, 170.0 * MM, 0.5) && near(r.x, LEFT - 7.0 * MM, 0.5),
            "{r:?}"
        );
    }
    // Top pair: thick above thin; bottom pair: thin above thick, thick edge 20 mm from the bottom.
    let mut by_y = red.clone();
    by_y.sort_by(|a, b| a.y.total_cmp(&b.y));
    assert!(by_y[0].thickness > by_y[1].thickness);
    assert!(by_y[2].thickness < by_y[3].thickness);
    assert!(near(
        by_y[3].y + by_y[3].thickness / 2.0,
        p1.height - 20.0 * MM,
        0.3
    ));
    let mark = run(p1, "峨边彝族自治县人民政府办公室");
    assert!(by_y[0].y > mark.baseline);
    // 文号 flush right under the double line; no page number on page 1.
    let number = run(p1, "峨边府办函〔2023〕12号");
    assert!(near(number.x + number.width, RIGHT, 0.5));
    assert!(number.baseline > by_y[1].y);
    assert!(!p1.text().contains("— 1 —"));
    assert!(pages[1].text().contains("— 2 —"));
}

#[test]
fn letter_colophon_has_cc_and_no_rules() {
    let pages = &letter().1;
    let last = pages.last().unwrap();
    assert_eq!(pages.len() % 2, 0);
    assert!(last.rules.is_empty());
    assert!(
        last.text()
            .contains("抄送：县财政局，县乡村振兴局，县审计局。")
    );
    assert!(!last.text().contains("印发"));
}

// ── Literal text, fonts, determinism ───────────────────────────────────

#[test]
fn markup_in_plan_text_prints_literally() {
    let src = std::fs::read_to_string("plans/ebian-2023.toml").unwrap();
    let hostile_name = r#"#read("/etc/passwd")"#;
    let hostile_content = r#"*强调*_下划_$x^2$@引用<标签>]\反斜杠"引号"#;
    let src = src
        .replace(
            "name = \"城乡融合民生事业提升工程—“乐在浙里”劳务协作项目\"",
            &format!("name = '{hostile_name}'"),
        )
        .replace(
            "content = \"组织干部人才培训1500余人次\"",
            &format!("content = '{hostile_content}'"),
        );
    let loaded = load_str("plans/hostile.toml", &src).expect("loads");
    let outcome = check_loaded(loaded, &CheckOptions::default());
    assert_eq!(outcome.errors(), 0, "{:#?}", outcome.reports[0].diags);
    let r = render(&outcome.into_checked().unwrap(), &RenderOptions::default()).expect("renders");
    let text = all_text(&pages(&r.document));
    assert!(
        text.contains(&format!("1.{hostile_name}。")),
        "name printed literally"
    );
    assert!(text.contains(hostile_content), "content printed literally");
    assert!(!text.contains("root:"), "no file was read");
}

#[test]
fn only_bundled_fonts_are_used_and_embedded() {
    let (r, pages) = ebian();
    let bundled: Vec<String> = FONTS.families();
    for p in pages {
        for run in &p.runs {
            assert!(bundled.contains(&run.family), "{}", run.family);
        }
    }
    let ps_names: Vec<String> = FONTS
        .fonts
        .iter()
        .filter_map(|f| f.post_script_name())
        .collect();
    let pdf = String::from_utf8_lossy(&r.pdf);
    let mut seen = 0;
    for chunk in pdf.split("/BaseFont/").skip(1) {
        let name: String = chunk
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '+' || *c == '-')
            .collect();
        let name = name
            .split_once('+')
            .map_or(name.as_str(), |(_, n)| n)
            .trim_end_matches("-Identity-H");
        assert!(
            ps_names.iter().any(|p| p == name),
            "embedded font {name} is not bundled ({ps_names:?})"
        );
        seen += 1;
    }
    assert!(seen >= 4);
}

#[test]
fn the_same_plan_gives_the_same_bytes() {
    let (first, _) = ebian();
    let (second, _) = render_path("plans/ebian-2023.toml");
    assert_eq!(first.pdf, second.pdf);
}

#[test]
fn letter_format_body_pages_keep_the_grid_and_the_colophon_its_last_line() {
    let pages = &letter().1;
    // Page 2 is a body page of the plan (under its title): lines on the 28.99 pt pitch.
    let page = &pages[1];
    let baselines = page.baselines(16.0);
    assert!(baselines.len() >= 10, "{baselines:?}");
    for w in baselines.windows(2) {
        assert!(near(w[1] - w[0], PITCH, 0.02), "pitch {}", w[1] - w[0]);
    }
    let min_x = page
        .runs
        .iter()
        .filter(|r| r.size == 16.0)
        .map(|r| r.x)
        .fold(f64::MAX, f64::min);
    assert!(near(min_x, LEFT, 0.5));
    // The 抄送 line of the 版记 stands on the last line of the last, even page.
    let last = pages.last().unwrap();
    let cc = last
        .runs
        .iter()
        .find(|r| r.text.starts_with("抄送"))
        .expect("抄送");
    assert!(
        cc.baseline > BLOCK_BOTTOM - PITCH && cc.baseline < BLOCK_BOTTOM,
        "{}",
        cc.baseline
    );
    assert!(near(cc.x, LEFT + 14.0, 0.5), "one character in");
}

// ── On the printed PDF: the grid and the signature block ───────────────
// These read the PDF bytes back (render::printed), not Typst's frames.

use gongwen_testing::printed::{self, grid};

fn printed_lines(r: &Rendered) -> Vec<grid::Line> {
    let pages = printed::read(&r.pdf).expect("PDF reads back");
    grid::body_lines(&pages, &grid::Grid::A4)
}

/// Renders the base fixture with one notice line changed per (key, value).
fn render_variant(changes: &[(&str, String)]) -> Rendered {
    let path = "tests/fixtures/base.toml";
    let mut src = std::fs::read_to_string(path).unwrap();
    for (key, value) in changes {
        let start = src.find(&format!("\n{key} = ")).expect(key) + 1;
        let end = start + src[start..].find('\n').unwrap();
        src.replace_range(start..end, &format!("{key} = {value}"));
    }
    let outcome = check_loaded(load_str(path, &src).unwrap(), &CheckOptions::default());
    assert_eq!(outcome.errors(), 0, "{:#?}", outcome.reports[0].diags);
    render(&outcome.into_checked().unwrap(), &RenderOptions::default()).expect("renders")
}

/// A body paragraph of `n` characters of plain CJK text ending in "。".
fn body_of(n: usize) -> String {
    let words: Vec<char> = "县政府同意现将项目资金下达你们请按照计划组织实施加快项目建设和资金支出进度确保项目按期完成"
        .chars()
        .collect();
    let mut s: String = (0..n - 1).map(|i| words[i % words.len()]).collect();
    s.push('。');
    s
}

/// The 署名 and the date on one page, on the grid lines two and three below the body's last
/// line, which stands on the same page: whatever line of a page the body ends on.
#[test]
fn signature_and_date_stay_with_the_body_wherever_it_ends() {
    let date = "2023年2月7日";
    let mut seen_lines = std::collections::BTreeSet::new();
    for (format, signer) in [
        ("文件", "峨边彝族自治县人民政府办公室"),
        ("信函", "峨边彝族自治县人民政府办公室"),
        ("文件", "峨边县政府"),
        ("信函", "峨边彝族自治县东西部协作工作领导小组办公室"),
    ] {
        for lines in 1..=34 {
            let body = body_of(28 * lines - 12);
            let r = render_variant(&[
                ("format", format!("{format:?}")),
                ("signer", format!("{signer:?}")),
                ("body", format!("[{body:?}]")),
            ]);
            let printed = printed_lines(&r);
            let case = format!("{format} {signer} body of {lines} lines");
            let s = printed
                .iter()
                .position(|l| l.text() == signer)
                .unwrap_or_else(|| panic!("{case}: no 署名 line"));
            let (sig, dat) = (&printed[s], &printed[s + 1]);
            assert_eq!(dat.text(), date, "{case}: the date follows the 署名");
            assert_eq!(sig.page, dat.page, "{case}: 署名 and date on one page");
            assert!(near(dat.baseline - sig.baseline, PITCH, 0.05), "{case}");
            let above = &printed[s - 1];
            assert_eq!(above.page, sig.page, "{case}: body text above the 署名");
            assert!(body.ends_with(&above.text()), "{case}: {:?}", above.text());
            assert!(
                near(sig.baseline - above.baseline, 2.0 * PITCH, 0.05),
                "{case}"
            );
            // Which line of its page the body ended on (1–22), to show all were met.
            let top = printed
                .iter()
                .find(|l| l.page == above.page)
                .unwrap()
                .baseline;
            if above.page > 0 {
                seen_lines.insert(((above.baseline - top) / PITCH).round() as usize + 1);
            }
        }
    }
    // The body's last line stood on every line of a page that leaves room for the blank
    // line, the 署名 and the date (2–19); ending on 20–22, it moved on with them.
    assert_eq!(seen_lines, (2..=19).collect(), "{seen_lines:?}");
}

/// Every line gongwen broke (data.json) is a printed line, whole: Typst kept the breaks.
fn assert_lines_kept(name: &str, r: &Rendered, printed: &[grid::Line]) {
    let data: serde_json::Value = serde_json::from_slice(&r.data).unwrap();
    let squeeze = |s: String| s.split_whitespace().collect::<String>();
    let printed: std::collections::HashSet<String> =
        printed.iter().map(|l| squeeze(l.text())).collect();
    // A notice that sends only its tables has no 实施方案 (its "scheme" is null).
    let mut paragraphs: Vec<&serde_json::Value> = data["scheme"]["blocks"]
        .as_array()
        .map(|b| b.iter().collect())
        .unwrap_or_default();
    paragraphs.extend(data["notice"]["body"].as_array().unwrap());
    let mut lines = 0;
    for p in paragraphs {
        for l in p["lines"].as_array().unwrap() {
            let text: String = l["spans"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["text"].as_str().unwrap())
                .collect::<String>()
                .split_whitespace()
                .collect();
            assert!(
                printed.contains(&text),
                "{name}: line not printed whole: {text}"
            );
            lines += 1;
        }
    }
    assert!(lines > 2, "{name}: {lines} lines");
}

/// Measured on the PDF: every full-width character, punctuation included, advances one whole
/// cell; full lines of CJK text hold 28 cells on the columns; a line-end mark hangs at most
/// half a cell. On the 峨边 notice, the 函 sample and random plans mixing marks, digits and
/// Latin.
#[test]
fn every_full_width_character_takes_one_cell_on_the_printed_page() {
    use gongwen_testing::synth::random_plan;
    let mut rendered = vec![("峨边".to_string(), render_path("plans/ebian-2023.toml").0)];
    rendered.push(("函".into(), render_path("plans/ebian-letter-2023.toml").0));
    // Every shape's body: sub-items, periods, sources, allocations, levels below four.
    for name in ["sub-items", "three-levels", "funding-sources", "allocation"] {
        let path = format!("plans/examples/{name}.toml");
        rendered.push((name.to_string(), render_path(&path).0));
    }
    for seed in 1..=4 {
        let loaded = load_str("random.toml", &random_plan(seed)).unwrap();
        let outcome = check_loaded(loaded, &CheckOptions::default());
        assert_eq!(outcome.errors(), 0, "seed {seed}");
        let r = render(&outcome.into_checked().unwrap(), &RenderOptions::default()).unwrap();
        rendered.push((format!("random {seed}"), r));
    }
    let mut hanging = 0;
    for (name, r) in &rendered {
        let pages = printed::read(&r.pdf).unwrap();
        let report = grid::audit(&pages, &grid::Grid::A4);
        assert!(report.clean(), "{name}: {report:#?}");
        assert!(report.lines > 10 && report.marks > 10, "{name}: {report:?}");
        let lines = grid::body_lines(&pages, &grid::Grid::A4);
        hanging += lines
            .iter()
            .filter(|l| {
                l.glyphs
                    .last()
                    .is_some_and(|g| g.x > grid::Grid::A4.right - 0.1)
            })
            .count();
        assert_lines_kept(name, r, &lines);
    }
    assert!(hanging > 0, "some line-end mark hangs");
}

/// The audit itself finds squeezed marks and short lines: on a page set with Typst's own
/// line breaking (the templates before the grid), it reports them.
#[test]
fn the_grid_audit_finds_what_typst_squeezes() {
    let line = |glyphs: &[(char, f64)]| printed::PrintedPage {
        width: 595.0,
        height: 842.0,
        glyphs: glyphs
            .iter()
            .map(|&(ch, col)| printed::PrintedGlyph {
                ch,
                x: grid::Grid::A4.left + col * grid::Grid::A4.cell,
                baseline: 100.0,
                size: 16.0,
                dir: (1.0, 0.0),
                advance: 16.0,
                ink: None,
            })
            .collect(),
        images: Vec::new(),
    };
    // 29 characters on a line: a comma squeezed to half a cell.
    let mut squeezed: Vec<(char, f64)> = (0..10).map(|i| ('县', i as f64)).collect();
    squeezed.push(('，', 10.0));
    squeezed.extend((11..29).map(|i| ('县', i as f64 - 0.5)));
    let report = grid::audit(&[line(&squeezed)], &grid::Grid::A4);
    assert_eq!(report.squeezed.len(), 1, "{report:#?}");
    // 27 characters spread over 28 cells, the next line starting with a character.
    let mut spread: Vec<(char, f64)> = (0..27).map(|i| ('县', i as f64 * 27.0 / 26.0)).collect();
    spread.push(('。', 28.0)); // hanging past the block, so the line is full
    let mut page = line(&spread);
    page.glyphs
        .extend(line(&[('县', 0.0)]).glyphs.into_iter().map(|mut g| {
            g.baseline = 129.0;
            g
        }));
    let report = grid::audit(&[page], &grid::Grid::A4);
    assert_eq!(report.off_grid.len(), 1, "{report:#?}");
}

/// 附件说明 on the grid: one blank line below the body, so its baseline stands two line
/// pitches below the body's last line; wrapped lines under the name.
#[test]
fn the_attachment_note_stands_one_blank_line_below_the_body() {
    for (name, r) in [("峨边", &ebian().0), ("函", &letter().0)] {
        let lines = printed_lines(r);
        let i = lines
            .iter()
            .position(|l| l.text().starts_with("附件："))
            .unwrap_or_else(|| panic!("{name}: no 附件说明"));
        let (above, note) = (&lines[i - 1], &lines[i]);
        assert_eq!(above.page, note.page, "{name}");
        assert!(
            near(note.baseline - above.baseline, 2.0 * PITCH, 0.05),
            "{name}: {:.2} pt below the body",
            note.baseline - above.baseline
        );
        assert!(
            near(note.glyphs[0].x, LEFT + 2.0 * grid::Grid::A4.cell, 0.05),
            "{name}"
        );
        let wrapped = lines
            .get(i + 1)
            .filter(|l| l.page == note.page && near(l.baseline - note.baseline, PITCH, 0.05));
        if let Some(next) = wrapped {
            // A wrapped name starts under the name's first character.
            assert!(
                near(next.glyphs[0].x, LEFT + 5.0 * grid::Grid::A4.cell, 0.05),
                "{name}"
            );
        }
        assert_eq!(
            wrapped.is_some(),
            name == "函",
            "the 函 sample's name wraps"
        );
    }
}

/// A notice that sends its table itself (`scheme = false`): the 附件说明 stands one blank line
/// under the body and the 署名 one blank line under it; whatever page they fall on, body text
/// stands above them there (the allocation example's last paragraph goes with them).
#[test]
fn a_notice_with_its_own_attachment_signs_under_the_note_with_body_text_above() {
    let (r, _) = render_path("plans/examples/allocation.toml");
    let lines = printed_lines(&r);
    let i = lines
        .iter()
        .position(|l| l.text().starts_with("附件："))
        .expect("a 附件说明");
    let (above, note) = (&lines[i - 1], &lines[i]);
    assert_eq!(above.page, note.page);
    assert!(
        above.text().starts_with("请于2024年12月10日"),
        "{}",
        above.text()
    );
    assert!(near(note.baseline - above.baseline, 2.0 * PITCH, 0.05));
    let signer = lines
        .iter()
        .position(|l| l.text() == "青山县财政局" && l.page == note.page)
        .expect("the 署名 on the note's page");
    let last_note = &lines[signer - 1];
    // The note's wrapped last line ("…分配" / "配表").
    assert!(last_note.text().ends_with("配表"), "{}", last_note.text());
    assert!(near(
        lines[signer].baseline - last_note.baseline,
        2.0 * PITCH,
        0.05
    ));
    assert!(lines[signer + 1].text().starts_with("2024年6月12日"));
}
