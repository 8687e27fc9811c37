//! The title breaker's tests: cases, and the corpus of titles in tests/fixtures/titles.toml.

use super::*;

#[test]
fn the_ebian_notice_title_breaks_at_its_joints() {
    let t =
        "峨边彝族自治县人民政府办公室关于印发峨边彝族自治县2023年东西部协作建设项目实施方案的通知";
    assert_eq!(
        balance(t, 19, &[]),
        [
            "峨边彝族自治县人民政府办公室",
            "关于印发峨边彝族自治县2023年",
            "东西部协作建设项目实施方案的通知"
        ]
    );
}

#[test]
fn the_plan_title_keeps_its_words() {
    let t = "峨边彝族自治县2023年东西部协作建设项目实施方案";
    let lines = balance(t, 19, &[]);
    assert_eq!(lines.concat(), t);
    assert_eq!(lines.len(), 2);
    for l in &lines {
        assert!(
            !l.starts_with("年") && !l.ends_with("实施") && !l.ends_with("项"),
            "{lines:?}"
        );
    }
}

#[test]
fn an_office_name_is_not_cut_after_renmin_zhengfu() {
    let t = "峨边彝族自治县人民政府办公室关于下达2023年东西部协作劳务协作项目资金的函";
    assert_eq!(
        balance(t, 19, &[]),
        [
            "峨边彝族自治县人民政府办公室关于下达",
            "2023年东西部协作劳务协作项目资金的函"
        ]
    );
}

#[test]
fn a_correction_title_breaks_after_the_wenhao() {
    let t = "峨边彝族自治县人民政府办公室关于更正峨边府办函〔2023〕7号有关内容的通知";
    let lines = balance(t, 19, &[]);
    assert_eq!(lines.concat(), t);
    assert!(lines.iter().any(|l| l.ends_with("7号")), "{lines:?}");
    assert_ne!(lines.last().unwrap(), "的通知", "{lines:?}");
}

#[test]
fn short_titles_stay_on_one_line_and_tongzhi_stays_whole() {
    assert_eq!(
        balance("关于做好春耕生产的通知", 19, &[]),
        ["关于做好春耕生产的通知"]
    );
    let t = "关于进一步加强和改进全县农村集体经济组织财务管理工作若干问题的补充通知";
    let lines = balance(t, 19, &[]);
    assert_eq!(lines.concat(), t);
    assert!(
        lines
            .iter()
            .all(|l| !l.ends_with('通') && units(&l.chars().collect::<Vec<_>>()) <= 38)
    );
}

#[test]
fn a_title_of_many_joints_is_split_at_once() {
    // Found by the fuzzer: 120 "+" made every joint breakable, and the old search over
    // combinations of joints did not finish.
    let t = format!(
        "峨边彝{}族自治县人民政府办公室关于印发峨边彝族自治县2023年东西部协作建设项目实施方案的通知",
        "+".repeat(120)
    );
    let lines = balance(&t, 19, &[]);
    assert_eq!(lines.concat(), t);
    assert!(
        lines
            .iter()
            .all(|l| units(&l.chars().collect::<Vec<_>>()) <= 38)
    );
    let long: String = "项目".repeat(100);
    assert_eq!(balance(&long, 19, &[]).concat(), long);
}

mod corpus {
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Corpus {
        title: Vec<Entry>,
    }

    #[derive(Deserialize)]
    struct Entry {
        text: String,
        #[serde(default = "notice_width")]
        width: usize,
        lines: Vec<String>,
    }

    fn notice_width() -> usize {
        19
    }

    fn corpus() -> Vec<Entry> {
        toml::from_str::<Corpus>(include_str!("../../../tests/fixtures/titles.toml"))
            .expect("tests/fixtures/titles.toml")
            .title
    }

    /// Every title of the corpus breaks where a typesetter breaks it.
    #[test]
    fn titles_break_by_meaning() {
        let titles = corpus();
        assert!(titles.len() >= 40, "{} titles", titles.len());
        let mut wrong = Vec::new();
        for t in &titles {
            let county: Vec<String> = t
                .text
                .char_indices()
                .find(|(_, c)| "县市区".contains(*c))
                .map(|(i, c)| t.text[..i + c.len_utf8()].to_string())
                .into_iter()
                .collect();
            let got = super::balance(&t.text, t.width, &county);
            if got != t.lines {
                wrong.push(format!(
                    "{}\n  want {:?}\n  got  {:?}",
                    t.text, t.lines, got
                ));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// Every title the plans in plans/ print is in the corpus.
    #[test]
    fn every_title_in_plans_is_in_the_corpus() {
        let known: Vec<String> = corpus().into_iter().map(|t| t.text).collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
        let mut files: Vec<_> = ["", "examples"]
            .iter()
            .flat_map(|d| std::fs::read_dir(root.join(d)).unwrap().flatten())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        let mut missing = Vec::new();
        for f in files {
            let v: toml::Value = toml::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
            let titles = [
                v.get("notice").and_then(|n| n.get("title")),
                v.get("plan").and_then(|p| p.get("title")),
                v.get("plan")
                    .and_then(|p| p.get("annex"))
                    .and_then(|a| a.get("title")),
            ];
            for t in titles.into_iter().flatten().filter_map(|t| t.as_str()) {
                if !known.iter().any(|k| k == t) {
                    missing.push(format!("{}: {t}", f.display()));
                }
            }
        }
        assert!(missing.is_empty(), "titles not in the corpus: {missing:#?}");
    }
}
