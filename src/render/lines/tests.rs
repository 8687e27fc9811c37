use super::*;

fn texts(p: &Para) -> Vec<String> {
    p.lines
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| {
                    if s.hang {
                        format!("[{}]", s.text)
                    } else {
                        s.text.clone()
                    }
                })
                .collect()
        })
        .collect()
}

fn body(text: &str) -> Vec<String> {
    texts(&Fitter::new(&FontEnv::bundled()).body(text))
}

const HAN: &str = "县政府同意现将项目资金下达你们请按照计划组织实施加快项目建设和资金支出进度确保";

#[test]
fn full_lines_hold_28_cells_counting_the_indent() {
    let text: String = HAN.chars().cycle().take(26 + 28 + 5).collect();
    let lines = body(&text);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0].chars().count(), 26);
    assert_eq!(lines[1].chars().count(), 28);
    assert_eq!(lines[2].chars().count(), 5);
}

#[test]
fn a_closing_mark_in_the_29th_cell_hangs() {
    let text: String = HAN.chars().take(26).chain("，再".chars()).collect();
    assert_eq!(
        body(&text),
        [format!("{}[，]", &text[..26 * 3]), "再".into()]
    );
    // A space after it is dropped at the break.
    let text: String = HAN.chars().take(26).chain("， 再".chars()).collect();
    assert_eq!(
        body(&text),
        [format!("{}[，]", &text[..26 * 3]), "再".into()]
    );
    // In the 28th cell it stays inside.
    let text: String = HAN.chars().take(25).chain("，再".chars()).collect();
    assert_eq!(body(&text)[0], format!("{}，", &text[..25 * 3]));
}

#[test]
fn marks_that_cannot_hang_move_with_the_character_before() {
    // "？" has its ink in the middle of its cell: it does not hang.
    let text: String = HAN.chars().take(26).chain("？再".chars()).collect();
    let lines = body(&text);
    assert_eq!(lines[0].chars().count(), 25);
    assert!(lines[1].starts_with(HAN.chars().nth(25).unwrap()));
    // Two closing marks: only a break after both.
    let text: String = HAN.chars().take(26).chain("。”再".chars()).collect();
    assert_eq!(body(&text)[0].chars().count(), 25);
    // An opening mark never ends a line.
    let text: String = HAN.chars().take(25).chain("《再".chars()).collect();
    let lines = body(&text);
    assert_eq!(lines[0].chars().count(), 25);
    assert!(lines[1].starts_with('《'));
}

#[test]
fn numbers_and_latin_words_are_not_split() {
    let text: String = HAN
        .chars()
        .take(22)
        .chain("49008184.7125万元".chars())
        .collect();
    let lines = body(&text);
    assert!(lines[1].starts_with("49008184.7125"), "{lines:?}");
    assert_eq!(lines[0].chars().count(), 22);
}

#[test]
fn half_width_characters_are_measured_in_their_face() {
    let env = FontEnv::bundled();
    let mut f = Fitter::new(&env);
    let digit = f.width(0, '2');
    assert!(digit > 0.4 && digit < 0.6, "{digit}");
    assert_eq!(f.width(0, '县'), 1.0);
    assert_eq!(
        f.width(2, '”'),
        1.0,
        "marks are boxed to a cell in every face"
    );
}

#[test]
fn runs_keep_their_faces_across_lines() {
    let lead: String = HAN.chars().take(30).collect();
    let env = FontEnv::bundled();
    let p = Fitter::new(&env).para(&[(&lead, 1), ("正文。", 0)], 2.0, 0.0);
    assert_eq!(p.lines[0].spans.len(), 1);
    assert_eq!(p.lines[0].spans[0].level, 1);
    let second: Vec<(u8, bool)> = p.lines[1].spans.iter().map(|s| (s.level, s.mark)).collect();
    assert_eq!(
        second,
        [(1, false), (0, false), (0, true)],
        "正文 then its own 。"
    );
    assert!(p.lines[0].justify && !p.lines[1].justify);
}
