//! Names that should agree: the issuing office written four times (发文机关, 发文机关标志,
//! 署名, 印发机关), and the plan's title where the notice cites it.
//!
//! Two names agree when they are equal or one begins the other (人民政府 / 人民政府办公室
//! is an office of its government, not a slip); a near miss — a character or two apart — is
//! the slip these rules look for. Names far apart are different bodies, left alone.

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::Warning;
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

/// Whether `text` has a four-digit year with no 年 after it ("2023东西部"): a dropped 年.
fn year_without_nian(text: &str) -> bool {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(3)).any(|i| {
        let run = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        run == 4
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && text
                .get(i + 4..)
                .is_some_and(|r| !r.starts_with(['年', '—', '-', '～', '至']))
    })
}

/// Citations that differ from the plan's title by a slip. Which side is wrong: the plan's
/// title when the citations agree with each other against it, or when it alone has a year
/// without 年; the citation when it alone has one, or when another citation agrees with the
/// title; otherwise the clerk is asked to make them agree, not to copy either.
fn cited(ctx: &Ctx) -> Vec<Hit> {
    let plan = &ctx.file.plan;
    let title = plan.title.trim();
    if !plan.scheme || title.is_empty() {
        return vec![];
    }
    let all = citations(ctx);
    let texts: Vec<&str> = all.iter().map(|(_, t, r)| &t[r.clone()]).collect();
    let slips: Vec<usize> = (0..all.len())
        .filter(|i| near_miss(texts[*i], title))
        .collect();
    let Some(&first) = slips.first() else {
        return vec![];
    };
    let agreeing = |i: usize| texts.iter().filter(|t| **t == texts[i]).count();
    let title_wrong = slips.iter().any(|i| agreeing(*i) >= 2)
        || year_without_nian(title) && !year_without_nian(texts[first]);
    if title_wrong {
        let right = texts[first];
        return vec![Hit::new(
            FieldPath::of("plan.title"),
            format!("方案标题“{title}”与通知引用的“{right}”不一致"),
            format!("方案标题改为“{right}”（通知标题和正文都这样引用）；核对无误后两处一字不差"),
        )];
    }
    let title_agreed = texts.contains(&title);
    slips
        .into_iter()
        .map(|i| {
            let (path, _, r) = &all[i];
            let cited = texts[i];
            let hint = if title_agreed || year_without_nian(cited) && !year_without_nian(title) {
                format!("写作“{title}”：通知引用的就是它印发的方案，名称要一字不差")
            } else {
                format!(
                    "核对后统一：方案标题是“{title}”，这里写的是“{cited}”；以正确的一处为准改另一处"
                )
            };
            Hit::new(
                path.clone(),
                format!("引用的方案名称“{cited}”与方案标题“{title}”不一致"),
                hint,
            )
            .within(r.clone())
        })
        .collect()
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
        assert!(h[0].hint.starts_with("核对后统一"), "{}", h[0].hint);
        // Other documents cited in the preamble's way are not the plan.
        f.notice.body[0] = "根据《四川省东西部协作和对口支援工作领导小组办公室关于报送2023年东西部协作项目资金计划的通知》".into();
        assert_eq!(paths("title-cited", &f), ["notice.title"]);
    }

    #[test]
    fn a_character_dropped_from_the_plan_title_points_at_the_plan_title() {
        let mut f = ebian().file;
        f.plan.title = f.plan.title.replace("2023年", "2023");
        let h = hits("title-cited", &f);
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].path.to_string(), "plan.title");
        assert!(h[0].hint.contains("2023年东西部协作"), "{}", h[0].hint);
        // A slip in the notice's title alone, with the body agreeing with the plan title.
        let mut f = ebian().file;
        f.notice.title = f.notice.title.replace("2023年", "2023");
        let h = hits("title-cited", &f);
        assert_eq!(h[0].path.to_string(), "notice.title");
        assert!(
            h[0].hint.starts_with("写作“峨边彝族自治县2023年"),
            "{}",
            h[0].hint
        );
    }
}
