//! Names that should agree: the issuing office written four times (发文机关, 发文机关标志,
//! 署名, 印发机关), the plan's title where the notice cites it, the year and place in the
//! annex's title.
//!
//! Two names agree when they are equal or one begins the other (人民政府 / 人民政府办公室
//! is an office of its government, not a slip); a near miss — a character or two apart — is
//! the slip these rules look for. Names far apart are different bodies, left alone.

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::{Error, Warning};
use crate::plan::FieldPath;

pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "names-disagree",
        severity: Warning,
        doc: "发文机关、发文机关标志、署名和印发机关的写法应一致（相差一两个字多半是笔误）",
        check: offices,
    },
    Rule {
        code: "title-cited",
        severity: Warning,
        doc: "通知正文《》中和标题“印发……的通知”中引用的方案名称应与方案标题一字不差",
        check: cited,
    },
    Rule {
        code: "annex-title-year",
        severity: Error,
        doc: "附件计划表名称中的年份和县（区、市）名应与方案的年度和标题一致",
        check: annex_title,
    },
];

/// Whether `a` and `b` are a near miss: not equal, neither begins the other, and a few
/// characters apart.
fn near_miss(a: &str, b: &str) -> bool {
    if a == b || a.starts_with(b) || b.starts_with(a) {
        return false;
    }
    let len = a.chars().count().max(b.chars().count());
    let d = strsim::levenshtein(a, b);
    d <= 2.max(len / 6) && d * 3 < len
}

fn offices(ctx: &Ctx) -> Vec<Hit> {
    let n = &ctx.file.notice;
    let np = FieldPath::of("notice");
    let mark = n.mark.trim().trim_end_matches("文件");
    let names = [
        ("issuer", "发文机关", n.issuer.trim()),
        ("mark", "发文机关标志", mark),
        ("signer", "署名", n.signer.trim()),
        ("printed_by", "印发机关", n.printed_by.trim()),
    ];
    let issuer = names[0];
    let others: Vec<_> = names[1..].iter().filter(|o| !o.2.is_empty()).collect();
    // The 发文机关 is the reference, unless it is the one written apart from all the others.
    let odd = others.len() >= 2 && others.iter().all(|o| near_miss(issuer.2, o.2));
    let wrong: Vec<(&str, &str, &str, &str)> = if odd {
        vec![(issuer.0, issuer.1, issuer.2, others[0].2)]
    } else {
        others
            .iter()
            .filter(|o| near_miss(o.2, issuer.2))
            .map(|o| (o.0, o.1, o.2, issuer.2))
            .collect()
    };
    wrong
        .into_iter()
        .map(|(key, label, name, right)| {
            Hit::new(
                np.key(key),
                format!("{label}“{name}”与“{right}”只差一两个字，写法不一致"),
                format!("核对后统一写作“{right}”（相差一两个字多半是笔误）"),
            )
        })
        .collect()
}

/// The name a notice cites: each 《…》 in its body, and in its title what stands between
/// 印发 and 的通知.
fn citations<'a>(ctx: &Ctx<'a>) -> Vec<(FieldPath, &'a str, std::ops::Range<usize>)> {
    let n = &ctx.file.notice;
    let mut out = Vec::new();
    for (i, text) in n.body.iter().enumerate() {
        let mut from = 0;
        while let Some(open) = text[from..].find('《').map(|p| from + p + '《'.len_utf8()) {
            let Some(close) = text[open..].find('》').map(|p| open + p) else {
                break;
            };
            out.push((
                FieldPath::of("notice.body").index(i),
                text.as_str(),
                open..close,
            ));
            from = close;
        }
    }
    let t = &n.title;
    if let (Some(a), Some(b)) = (t.find("印发"), t.rfind("的通知")) {
        let (mut a, mut b) = (a + "印发".len(), b);
        if t[a..b].starts_with('《') && t[a..b].ends_with('》') {
            (a, b) = (a + '《'.len_utf8(), b - '》'.len_utf8());
        }
        if a < b {
            out.push((FieldPath::of("notice.title"), t.as_str(), a..b));
        }
    }
    out
}

fn cited(ctx: &Ctx) -> Vec<Hit> {
    let plan = &ctx.file.plan;
    let title = plan.title.trim();
    if !plan.scheme || title.is_empty() {
        return vec![];
    }
    citations(ctx)
        .into_iter()
        .filter(|(_, text, r)| near_miss(&text[r.clone()], title))
        .map(|(path, text, r)| {
            Hit::new(
                path,
                format!(
                    "引用的方案名称“{}”与方案标题“{title}”不一致",
                    &text[r.clone()]
                ),
                format!("写作“{title}”：通知引用的就是它印发的方案，名称要一字不差"),
            )
            .within(r)
        })
        .collect()
}

/// Four-digit years in `text` (2023 in "2023年"), with their bytes.
fn years(text: &str) -> Vec<(std::ops::Range<usize>, i32)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        let run = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if run == 4 && text[i + 4..].starts_with('年') {
            out.push((i..i + 4, text[i..i + 4].parse().unwrap_or(0)));
        }
        i += run.max(1);
    }
    out
}

/// The county a title opens with: up to its first 县, 市 or 旗 ("峨边彝族自治县"), when that
/// reads as a county's name (2 to 12 characters, no digits, not 全县 or 本县). 区 is left out:
/// 园区, 片区 and 社区 open too many titles.
fn place(title: &str) -> Option<&str> {
    let end = title.find(['县', '市', '旗'])?;
    let place = &title[..end + '县'.len_utf8()];
    let n = place.chars().count();
    let generic = ["全县", "本县", "全市", "本市", "全旗"].contains(&place);
    let plain = !place
        .chars()
        .any(|c| c.is_ascii_digit() || "项目工程园年计划表".contains(c));
    ((2..=12).contains(&n) && plain && !generic).then_some(place)
}

fn annex_title(ctx: &Ctx) -> Vec<Hit> {
    let plan = &ctx.file.plan;
    let ours = place(&plan.title).or_else(|| place(&ctx.file.notice.issuer));
    let mut out = Vec::new();
    for (at, annex) in plan.annex.each() {
        let t = &annex.title;
        for (r, y) in years(t).into_iter().filter(|(_, y)| *y != plan.year) {
            out.push(
                Hit::new(
                    at.key("title"),
                    format!("附件名称“{t}”写的是 {y} 年，方案是 {} 年的", plan.year),
                    format!("改为“{}年”（多半是照去年的表改的）", plan.year),
                )
                .within(r),
            );
        }
        if let (Some(ours), Some(theirs)) = (ours, place(t))
            && ours != theirs
            && !t.contains(ours)
        {
            out.push(
                Hit::new(
                    at.key("title"),
                    format!("附件名称“{t}”写的是“{theirs}”，方案是“{ours}”的"),
                    format!("改为“{ours}”"),
                )
                .within(0..theirs.len()),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::{ebian, hits, paths};

    #[test]
    fn an_office_written_with_a_slip_is_named() {
        let mut f = ebian().file;
        assert!(paths("names-disagree", &f).is_empty());
        f.notice.signer = "峨边彝族自治县人民政府办工室".into();
        let h = hits("names-disagree", &f);
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].path.to_string(), "notice.signer");
        assert_eq!(
            h[0].hint,
            "核对后统一写作“峨边彝族自治县人民政府办公室”（相差一两个字多半是笔误）"
        );
    }

    #[test]
    fn two_against_two_names_the_two_apart_from_the_issuer() {
        let mut f = ebian().file;
        f.notice.signer = "峨边彝族自治县人民政府办工室".into();
        f.notice.printed_by = "峨边彝族自治县人民政府办工室".into();
        assert_eq!(
            paths("names-disagree", &f),
            ["notice.signer", "notice.printed_by"]
        );
        // An issuer apart from all the others is the one named.
        let mut f = ebian().file;
        f.notice.issuer = "峨边彝族自治县人民政府办工室".into();
        assert_eq!(paths("names-disagree", &f), ["notice.issuer"]);
    }

    #[test]
    fn titles_that_open_with_no_county_are_left_alone() {
        let mut f = ebian().file;
        for title in [
            "产业园区建设项目计划表",
            "全县2023年项目计划表",
            "柯桥区帮扶峨边2023年项目计划表",
            "2023年东西部协作资金项目计划表",
        ] {
            f.plan.annex.first_mut().title = title.into();
            assert!(paths("annex-title-year", &f).is_empty(), "{title}");
        }
    }

    #[test]
    fn a_government_and_its_office_agree() {
        let mut f = ebian().file;
        f.notice.issuer = "峨边彝族自治县人民政府".into();
        f.notice.mark = "峨边彝族自治县人民政府文件".into();
        f.notice.signer = "峨边彝族自治县人民政府".into();
        assert!(paths("names-disagree", &f).is_empty());
        // A different body altogether is not a slip.
        f.notice.printed_by = "中共峨边彝族自治县委办公室".into();
        assert!(paths("names-disagree", &f).is_empty());
    }

    #[test]
    fn the_cited_title_must_be_the_plans() {
        let mut f = ebian().file;
        assert!(paths("title-cited", &f).is_empty());
        f.notice.body[0] = f.notice.body[0].replace("建设项目实施方案", "项目实施方案");
        f.notice.title = f.notice.title.replace("东西部协作", "东西协作");
        let h = hits("title-cited", &f);
        let parts: Vec<(String, String)> = h
            .iter()
            .map(|h| {
                let text = if h.path.to_string() == "notice.title" {
                    &f.notice.title
                } else {
                    &f.notice.body[0]
                };
                (
                    h.path.to_string(),
                    text[h.within.clone().unwrap()].to_string(),
                )
            })
            .collect();
        assert_eq!(
            parts,
            [
                (
                    "notice.body[0]".into(),
                    "峨边彝族自治县2023年东西部协作项目实施方案".into()
                ),
                (
                    "notice.title".into(),
                    "峨边彝族自治县2023年东西协作建设项目实施方案".into()
                ),
            ]
        );
        // Other documents cited in the preamble's way are not the plan.
        f.notice.body[0] = "根据《四川省东西部协作和对口支援工作领导小组办公室关于报送2023年东西部协作项目资金计划的通知》".into();
        assert_eq!(paths("title-cited", &f), ["notice.title"]);
    }

    #[test]
    fn the_annex_title_carries_the_plans_year_and_place() {
        let mut f = ebian().file;
        assert!(paths("annex-title-year", &f).is_empty());
        f.plan.annex.first_mut().title = "峨眉山市2022年东西部协作资金项目计划表".into();
        let h = hits("annex-title-year", &f);
        let parts: Vec<&str> = h
            .iter()
            .map(|h| &f.plan.annex.first().title[h.within.clone().unwrap()])
            .collect();
        assert_eq!(parts, ["2022", "峨眉山市"]);
        assert_eq!(h[0].hint, "改为“2023年”（多半是照去年的表改的）");
    }
}
