//! Reading one cell: texts, row labels, sources, dates and amounts, each exactly or not at all.

use calamine::Data;
use rust_decimal::Decimal;

use crate::plan::model::Source;
use crate::plan::money::{Unit, parse_amount};
use crate::plan::{Date, Money};

/// Said of a formula cell the file holds no result for (saved by a program that does not
/// calculate, or never opened in one): it is not an empty cell.
pub(super) const NO_RESULT: &str =
    "是公式，但文件里没有保存它的计算结果：请在 Excel 或 WPS 中打开、保存后再导入";

pub(super) fn text_of(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

pub(super) fn chinese_numeral(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| "一二三四五六七八九十".contains(c))
}

/// A category row's name: "（一）产业合作" → 产业合作.
pub(super) fn category_name(label: &str) -> Option<String> {
    let l = label.trim();
    let inner = l.strip_prefix('（').or_else(|| l.strip_prefix('('))?;
    let close = inner.find(['）', ')'])?;
    let (num, rest) = inner.split_at(close);
    let rest = rest.trim_start_matches(['）', ')']).trim();
    (chinese_numeral(num) && !rest.is_empty()).then(|| rest.to_string())
}

/// A 大项 row's name in a table of two category levels: "一、产业发展" → 产业发展.
pub(super) fn major_name(label: &str) -> Option<String> {
    let (num, rest) = label.trim().split_once('、')?;
    (chinese_numeral(num) && !rest.trim().is_empty()).then(|| rest.trim().to_string())
}

/// A sub-item's label, "（1）冷库" → "冷库" (Arabic numbers; categories use Chinese ones).
pub(super) fn item_name(label: &str) -> Option<String> {
    let inner = label.trim().strip_prefix(['（', '('])?;
    let close = inner.find(['）', ')'])?;
    let (num, rest) = inner.split_at(close);
    let rest = rest.trim_start_matches(['）', ')']).trim();
    (!num.is_empty() && num.chars().all(|c| c.is_ascii_digit()) && !rest.is_empty())
        .then(|| rest.to_string())
}

/// "东西部协作资金800万元、自筹20.75万元" as the sources the table prints; empty for none.
pub(super) fn sources_of(text: &str, unit: Unit) -> Result<Vec<Source>, String> {
    let u = unit.label();
    text.split(['、', '；', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|part| {
            let bare = part.strip_suffix(u).unwrap_or(part).trim_end();
            let digits = bare
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
                .last()
                .map(|(i, _)| i);
            let shape = || format!("“{part}”应写成“来源名称+金额{u}”，如“东西部协作资金800{u}”");
            let at = digits.filter(|&i| i > 0).ok_or_else(shape)?;
            let amount = parse_amount(&bare[at..]).map_err(|_| shape())?;
            Ok(Source {
                name: bare[..at].trim().to_string(),
                amount: Money(amount),
            })
        })
        .collect()
}

/// The runs of digits in `s`: "2023年10月30日" → [2023, 10, 30].
pub(super) fn numbers(s: &str) -> Vec<u32> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect()
}

/// "2023年10月" (a year and a month, no day) as (2023, 10).
pub(super) fn month_of(cell: &Data) -> Option<(i32, u32)> {
    let Data::String(s) = cell else { return None };
    match numbers(s).as_slice() {
        [y, m] if (1..=12).contains(m) => Some((*y as i32, *m)),
        _ => None,
    }
}

/// An Excel serial date or text like 2023年10月30日 / 2023-10-30. A serial counts from the
/// workbook's own epoch: 1900, or 1904 for workbooks made on old Macs (4 years and a day later);
/// calamine knows which.
pub(super) fn date_of(d: &Data) -> Option<Date> {
    match d {
        Data::DateTime(x) => {
            let (y, m, d, ..) = x.to_ymd_hms_milli();
            Date::ymd(i32::from(y), u32::from(m), u32::from(d))
        }
        Data::DateTimeIso(s) | Data::String(s) => match numbers(s).as_slice() {
            [y, m, d, ..] => Date::ymd(*y as i32, *m, *d),
            _ => None,
        },
        _ => None,
    }
}

/// An amount cell taken exactly, or the reason it cannot be. A spreadsheet number is a binary
/// float whose shortest decimal text is what was typed (exact up to 15 significant digits);
/// nothing is rounded: more decimals than the unit has (万元 to the yuan, 元 to the fen), NaN,
/// infinities and amounts beyond the plan's range are refused.
pub(super) fn amount_of(cell: &Data, unit: Unit) -> Result<Decimal, String> {
    let d = match cell {
        Data::Int(i) => parse_amount(&i.to_string()),
        Data::Float(f) if !f.is_finite() => Err(format!("“{f}”不是一个数")),
        Data::Float(f) => parse_amount(&f.to_string()),
        Data::String(s) => parse_amount(s).map_err(|e| format!("“{s}”不是数字（{e}）")),
        other => Err(format!("“{other}”不是数字")),
    }?
    .normalize();
    if d.scale() > unit.max_scale() {
        return Err(format!(
            "{d} 超过{}（以{}计）：请在表中改成{}位以内的小数",
            unit.precision(),
            unit.label(),
            unit.max_scale()
        ));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_rows_are_recognised() {
        assert_eq!(category_name("（一）产业合作").as_deref(), Some("产业合作"));
        assert_eq!(category_name("(五) 改善民生").as_deref(), Some("改善民生"));
        assert_eq!(category_name("（甲）其他"), None);
        assert_eq!(category_name("宜坪粮果产业园区"), None);
    }

    #[test]
    fn dates_from_text_and_serials() {
        assert_eq!(
            date_of(&Data::String("2023年10月30日".into())),
            Date::ymd(2023, 10, 30)
        );
        assert_eq!(
            date_of(&Data::String("2023-10-30".into())),
            Date::ymd(2023, 10, 30)
        );
        use calamine::{ExcelDateTime, ExcelDateTimeType::DateTime};
        let serial =
            |v, is_1904| date_of(&Data::DateTime(ExcelDateTime::new(v, DateTime, is_1904)));
        assert_eq!(serial(45229.0, false), Date::ymd(2023, 10, 30));
        // The same day in a workbook of the 1904 date system is 1,462 days fewer.
        assert_eq!(serial(43767.0, true), Date::ymd(2023, 10, 30));
    }
}
