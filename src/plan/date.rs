//! Calendar dates written as TOML dates (`2023-02-07`), printed the way 公文 print them.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    pub(crate) fn ymd(y: i32, m: u32, d: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(y, m, d).map(Date)
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// The same day in another year (none for 29 February in a common year).
    pub(crate) fn with_year(self, year: i32) -> Option<Self> {
        self.0.with_year(year).map(Date)
    }

    /// `2月7日`: the day within its year, for the second half of a period.
    pub(crate) fn month_day(self) -> String {
        format!("{}月{}日", self.0.month(), self.0.day())
    }

    /// `2023年2月7日`: Arabic numerals, full year, no zero padding (GB/T 9704 §7.3.5.2).
    pub(crate) fn chinese(self) -> String {
        format!("{}年{}月{}日", self.0.year(), self.0.month(), self.0.day())
    }
}

/// How a plan prints its projects' dates: to the day (2023年10月30日, the default) or to the
/// month (2023年10月), for plans that schedule by month ("2022年1月—3月").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
pub enum DateForm {
    #[default]
    #[serde(rename = "日")]
    Day,
    #[serde(rename = "月")]
    Month,
}

impl Date {
    /// `2023年10月30日`, or `2023年10月` to the month.
    pub(crate) fn in_form(self, form: DateForm) -> String {
        match form {
            DateForm::Day => self.chinese(),
            DateForm::Month => format!("{}年{}月", self.0.year(), self.0.month()),
        }
    }

    /// The date without its year, in `form`: `10月30日` or `10月`.
    pub(crate) fn in_year(self, form: DateForm) -> String {
        match form {
            DateForm::Day => self.month_day(),
            DateForm::Month => format!("{}月", self.0.month()),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.chinese())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let dt = toml::value::Datetime::deserialize(d)
            .map_err(|_| de::Error::custom("日期应写成 TOML 日期，如 2023-02-07（不加引号）"))?;
        let (Some(date), None, None) = (dt.date, dt.time, dt.offset) else {
            return Err(de::Error::custom("这里只要日期，不要时间，如 2023-02-07"));
        };
        if !(1949..=2200).contains(&i32::from(date.year)) {
            return Err(de::Error::custom(format!(
                "日期 {dt} 超出合理范围（1949—2200 年）"
            )));
        }
        Date::ymd(
            i32::from(date.year),
            u32::from(date.month),
            u32::from(date.day),
        )
        .ok_or_else(|| de::Error::custom(format!("{dt} 不是存在的日期")))
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.format("%Y-%m-%d").to_string())
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "日期，写成 TOML 日期（不加引号），如 2023-02-07",
            "type": "string",
            "format": "date"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_without_padding() {
        assert_eq!(Date::ymd(2023, 2, 7).unwrap().chinese(), "2023年2月7日");
    }
}
