//! A plan from the built-in skeleton (`gongwen new --county`): the county and the year filled
//! in, every other value 待填写 for `check` to list.

use toml_edit::{Array, DocumentMut, Item, value};

use super::genre::Addressed;
use super::model::Genre;
use super::next_year::TODO;

const SKELETON: &str = include_str!("skeleton.toml");

/// The skeleton for `county` and `year`, in `genre`. The county is written as TOML string
/// content (a quote in it is escaped), so no name can change the file's structure.
pub(crate) fn skeleton(county: &str, year: i32, genre: Genre) -> Result<String, String> {
    super::next_year::plan_year(year)?;
    let county = county.trim();
    if county.is_empty() || county.chars().any(char::is_control) {
        return Err("县名不能为空，也不能含换行等控制字符".into());
    }
    // The skeleton's values are basic strings: a backslash and a quote are escaped.
    let inner = county.replace('\\', "\\\\").replace('"', "\\\"");
    let text = SKELETON
        .replace("{county}", &inner)
        .replace("{year}", &year.to_string());
    if genre == Genre::Notice {
        return Ok(text);
    }
    let mut doc: DocumentMut = text.parse().map_err(|e| format!("骨架无法读取：{e}"))?;
    in_genre(&mut doc, genre);
    Ok(doc.to_string())
}

/// The skeleton's 通知 turned into `genre`: what the genre has is 待填写, what it lacks is gone
/// (`plan::genre`'s table says which).
fn in_genre(doc: &mut DocumentMut, genre: Genre) {
    let t = genre.traits();
    let Some(n) = doc.get_mut("notice").and_then(Item::as_table_mut) else {
        return;
    };
    let word = genre.label();
    n.insert("genre", value(word));
    n.insert("title", value(format!("关于{TODO}的{word}")));
    let body: Array = [format!("{TODO}：正文。")].into_iter().collect();
    n.insert("body", value(body));
    match t.addressed {
        Addressed::Never => {
            n.remove("recipients");
        }
        Addressed::One => {
            let one: Array = [format!("{TODO}：上级机关")].into_iter().collect();
            n.insert("recipients", value(one));
        }
        Addressed::Required | Addressed::Optional => {}
    }
    if !t.numbered {
        n.remove("doc_number");
    }
    if t.upward {
        let who: Array = [TODO].into_iter().collect();
        n.insert("signed_off_by", value(who));
    }
    if t.contact_note {
        n.insert("note", value(format!("联系人：{TODO}，电话：{TODO}")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_skeleton_loads_with_its_county_and_year() {
        for county in ["峨边彝族自治县", "某\"县", "某\\县"] {
            let text = skeleton(county, 2024, Genre::Notice).unwrap();
            let plan = crate::plan::load_str("new.toml", &text).expect("loads");
            assert_eq!(plan.value.notice.issuer, format!("{county}人民政府办公室"));
            assert_eq!(plan.value.plan.year, 2024);
        }
        assert!(skeleton("某县\n[x]", 2024, Genre::Notice).is_err());
        assert!(skeleton("某县", 1999, Genre::Notice).is_err());
    }

    #[test]
    fn a_skeleton_in_each_genre_has_what_the_genre_has() {
        for t in crate::plan::genre::GENRES {
            let text = skeleton("青山县", 2024, t.genre).unwrap();
            let n = crate::plan::load_str("new.toml", &text)
                .expect("loads")
                .value
                .notice;
            assert_eq!(n.genre, t.genre);
            assert!(n.title.ends_with(t.genre.label()), "{}", n.title);
            assert_eq!(n.recipients.is_empty(), t.addressed == Addressed::Never);
            assert_eq!(n.doc_number.text.is_empty(), !t.numbered);
            assert_eq!(n.signed_off_by.is_empty(), !t.upward);
            assert_eq!(n.note.is_some(), t.contact_note);
        }
    }
}
