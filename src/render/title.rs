//! Breaking a 2号 title into balanced lines (GB/T 9704 §7.3.1: 梯形或菱形, never inside a word).
//!
//! Titles are mostly an issuer's name, 关于, a verb (印发, 转发), another document's name and
//! 的 + the genre (通知, 意见…). Breaks are tried first only at those joints; if no such split
//! fits the line, at any joint between characters that does not cut a protected word or a
//! number. Among splits with the fewest lines, the most even one wins.

/// Places after which a title may break.
const BREAK_AFTER: &[&str] = &[
    "办公室",
    "人民政府",
    "委员会",
    "领导小组",
    "关于",
    "印发",
    "转发",
    "下达",
    "报送",
    "做好",
    "加强",
    "开展",
    "公布",
    "自治县",
    "自治州",
    "县",
    "市",
    "省",
    "年",
    "号",
];
/// Places before which a title may break.
const BREAK_BEFORE: &[&str] = &[
    "关于",
    "的通知",
    "的意见",
    "的决定",
    "的报告",
    "的请示",
    "的批复",
    "的函",
    "的实施方案",
    "实施方案",
    "建设项目",
    "东西部",
];
/// Words never split even in the fallback.
const PROTECTED: &[&str] = &[
    "通知",
    "意见",
    "决定",
    "报告",
    "请示",
    "批复",
    "方案",
    "办法",
    "项目",
    "协作",
    "建设",
    "实施",
    "印发",
    "关于",
    "人民",
    "政府",
    "办公室",
    "人民政府办公室",
    "自治县",
    "东西部",
];

/// Width of a character in half-character units (CJK 2, ASCII 1).
fn char_units(c: char) -> usize {
    if c.is_ascii() { 1 } else { 2 }
}

/// Width of a text in half-character units.
fn units(chars: &[char]) -> usize {
    chars.iter().map(|&c| char_units(c)).sum()
}

/// Splits `title` into lines no wider than `max_chars` full-width characters.
pub(crate) fn balance(title: &str, max_chars: usize) -> Vec<String> {
    let chars: Vec<char> = title.chars().collect();
    let max_units = max_chars * 2;
    if units(&chars) <= max_units || chars.len() < 2 {
        return vec![title.to_string()];
    }
    let preferred = joints(&chars, true);
    if let Some(best) = best_split(&chars, &preferred, max_units) {
        return cut(&chars, &best);
    }
    let any = joints(&chars, false);
    if let Some(best) = best_split(&chars, &any, max_units) {
        return cut(&chars, &best);
    }
    // A title that cannot be split anywhere allowed: break by width alone.
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut w = 0;
    for c in chars {
        let cw = char_units(c);
        if w + cw > max_units {
            lines.push(std::mem::take(&mut line));
            w = 0;
        }
        line.push(c);
        w += cw;
    }
    lines.push(line);
    lines
}

fn starts_with_at(chars: &[char], at: usize, word: &str) -> bool {
    let w: Vec<char> = word.chars().collect();
    chars.len() >= at + w.len() && chars[at..at + w.len()] == w[..]
}

/// Positions (character indices) where a break may go.
fn joints(chars: &[char], preferred_only: bool) -> Vec<usize> {
    let inside_protected = |at: usize| {
        PROTECTED.iter().any(|w| {
            let n = w.chars().count();
            (1..n).any(|k| at >= k && starts_with_at(chars, at - k, w))
        })
    };
    (1..chars.len())
        .filter(|&at| {
            let (a, b) = (chars[at - 1], chars[at]);
            if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
                return false;
            }
            if b == '年' && a.is_ascii_digit() {
                return false;
            }
            if "，。、；：？！）》”’〕".contains(b) || "（《“‘〔".contains(a) {
                return false;
            }
            if inside_protected(at) {
                return false;
            }
            if preferred_only {
                BREAK_AFTER.iter().any(|w| {
                    let n = w.chars().count();
                    at >= n && starts_with_at(chars, at - n, w)
                }) || BREAK_BEFORE.iter().any(|w| starts_with_at(chars, at, w))
            } else {
                true
            }
        })
        .collect()
}

/// The most even split into the fewest lines, using only `joints`.
///
/// Dynamic programming over the joints (a search over their combinations is exponential:
/// a 120-character title of joints took minutes). Among equally even splits the one with the
/// earliest breaks wins.
fn best_split(chars: &[char], joints: &[usize], max_units: usize) -> Option<Vec<usize>> {
    let total = units(chars);
    let min_lines = total.div_ceil(max_units);
    // Candidate line ends: the joints (increasing, all inside the title) and its end.
    let stops: Vec<usize> = joints.iter().copied().chain([chars.len()]).collect();
    let mut prefix = vec![0; chars.len() + 1];
    for (i, &c) in chars.iter().enumerate() {
        prefix[i + 1] = prefix[i] + char_units(c);
    }
    let width = |from: usize, to: usize| prefix[to] - prefix[from];
    (min_lines..=min_lines + 2)
        .find_map(|lines| even_split(&stops, &width, max_units, total, lines))
}

/// The split into exactly `lines` lines, each ending at one of `stops` (the last is the
/// title's end), that minimises the squared deviations from the mean width.
fn even_split(
    stops: &[usize],
    width: &dyn Fn(usize, usize) -> usize,
    max_units: usize,
    total: usize,
    lines: usize,
) -> Option<Vec<usize>> {
    let n = stops.len();
    let start = |i: usize| if i == 0 { 0 } else { stops[i - 1] };
    // rest[k][i]: least cost of setting the text from start(i) to the end in k lines.
    let mut rest = vec![vec![None::<u128>; n + 1]; lines + 1];
    rest[0][n] = Some(0);
    let cost = |from: usize, to: usize| {
        let w = (width(from, to) * lines) as u128;
        w.abs_diff(total as u128).pow(2)
    };
    for k in 1..=lines {
        for i in (0..n).rev() {
            rest[k][i] = (i..n)
                .take_while(|&j| width(start(i), stops[j]) <= max_units)
                .filter_map(|j| Some(rest[k - 1][j + 1]? + cost(start(i), stops[j])))
                .min();
        }
    }
    rest[lines][0]?;
    // Walk forward, taking the earliest break that keeps the least cost.
    let mut cuts = Vec::with_capacity(lines - 1);
    let mut i = 0;
    for k in (1..=lines).rev() {
        let want = rest[k][i]?;
        let j = (i..n).find(|&j| {
            width(start(i), stops[j]) <= max_units
                && rest[k - 1][j + 1].is_some_and(|r| r + cost(start(i), stops[j]) == want)
        })?;
        if k > 1 {
            cuts.push(stops[j]);
        }
        i = j + 1;
    }
    Some(cuts)
}

fn cut(chars: &[char], at: &[usize]) -> Vec<String> {
    let mut out = Vec::new();
    let mut prev = 0;
    for &c in at.iter().chain(std::iter::once(&chars.len())) {
        out.push(chars[prev..c].iter().collect());
        prev = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ebian_notice_title_breaks_at_its_joints() {
        let t = "峨边彝族自治县人民政府办公室关于印发峨边彝族自治县2023年东西部协作建设项目实施方案的通知";
        assert_eq!(
            balance(t, 19),
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
        let lines = balance(t, 19);
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
            balance(t, 19),
            [
                "峨边彝族自治县人民政府办公室关于下达",
                "2023年东西部协作劳务协作项目资金的函"
            ]
        );
    }

    #[test]
    fn a_correction_title_breaks_after_the_wenhao() {
        let t = "峨边彝族自治县人民政府办公室关于更正峨边府办函〔2023〕7号有关内容的通知";
        let lines = balance(t, 19);
        assert_eq!(lines.concat(), t);
        assert!(lines.iter().any(|l| l.ends_with("7号")), "{lines:?}");
        assert_ne!(lines.last().unwrap(), "的通知", "{lines:?}");
    }

    #[test]
    fn short_titles_stay_on_one_line_and_tongzhi_stays_whole() {
        assert_eq!(
            balance("关于做好春耕生产的通知", 19),
            ["关于做好春耕生产的通知"]
        );
        let t = "关于进一步加强和改进全县农村集体经济组织财务管理工作若干问题的补充通知";
        let lines = balance(t, 19);
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
        let lines = balance(&t, 19);
        assert_eq!(lines.concat(), t);
        assert!(
            lines
                .iter()
                .all(|l| units(&l.chars().collect::<Vec<_>>()) <= 38)
        );
        let long: String = "项目".repeat(100);
        assert_eq!(balance(&long, 19).concat(), long);
    }
}
