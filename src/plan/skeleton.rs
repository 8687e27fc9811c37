//! A plan from the built-in skeleton (`gongwen new --county`): the county and the year filled
//! in, every other value 待填写 for `check` to list.

const SKELETON: &str = include_str!("skeleton.toml");

/// The skeleton for `county` and `year`. The county is written as TOML string content (a quote
/// in it is escaped), so no name can change the file's structure.
pub(crate) fn skeleton(county: &str, year: i32) -> Result<String, String> {
    if !(2000..=2100).contains(&year) {
        return Err(format!("年度 {year} 不像是计划年度"));
    }
    let county = county.trim();
    if county.is_empty() || county.chars().any(char::is_control) {
        return Err("县名不能为空，也不能含换行等控制字符".into());
    }
    // The skeleton's values are basic strings: a backslash and a quote are escaped.
    let inner = county.replace('\\', "\\\\").replace('"', "\\\"");
    Ok(SKELETON
        .replace("{county}", &inner)
        .replace("{year}", &year.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_skeleton_loads_with_its_county_and_year() {
        for county in ["峨边彝族自治县", "某\"县", "某\\县"] {
            let text = skeleton(county, 2024).unwrap();
            let plan = crate::plan::load_str("new.toml", &text).expect("loads");
            assert_eq!(plan.value.notice.issuer, format!("{county}人民政府办公室"));
            assert_eq!(plan.value.plan.year, 2024);
        }
        assert!(skeleton("某县\n[x]", 2024).is_err());
        assert!(skeleton("某县", 1999).is_err());
    }
}
