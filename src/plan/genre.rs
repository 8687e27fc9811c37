//! 文种: what each genre a county issues has and lacks, in one table that the rules, the
//! view, `gongwen new` and the form all read (GB/T 9704-2012 §7.2.6, §7.3.2, §7.3.6; the
//! 党政机关公文处理工作条例 for the genres).

use super::model::Genre;

/// How a genre addresses its readers (主送机关, §7.3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Addressed {
    /// At least one 主送.
    Required,
    /// One 主送: a 请示 asks one authority (一般只写一个主送机关).
    One,
    /// A 主送 or none (an 意见 may be issued to all).
    Optional,
    /// None: a 公告 or 公示 is addressed to the public.
    Never,
}

/// What a genre has and lacks.
#[derive(Debug, Clone, Copy)]
pub struct Traits {
    pub genre: Genre,
    pub addressed: Addressed,
    /// Whether it must carry a 发文字号 (a 公示 or 公告 often has none).
    pub numbered: bool,
    /// 上行文: 签发人 beside the 文号 (§7.2.6), the 文号 moved left.
    pub upward: bool,
    /// The 结束语 printed after the body unless the plan gives its own (or the body ends
    /// with it already).
    pub closing: Option<&'static str>,
    /// Issued after the work it reports: project deadlines before its date are the point.
    pub after_the_work: bool,
    /// 附注 giving 联系人和电话 expected (§7.3.6; a 请示).
    pub contact_note: bool,
}

const fn t(genre: Genre, addressed: Addressed, numbered: bool) -> Traits {
    Traits {
        genre,
        addressed,
        numbered,
        upward: false,
        closing: None,
        after_the_work: false,
        contact_note: false,
    }
}

/// Every genre, in the order the form offers them.
pub const GENRES: &[Traits] = &[
    t(Genre::Notice, Addressed::Required, true),
    t(Genre::Letter, Addressed::Required, true),
    Traits {
        closing: Some("特此公告。"),
        ..t(Genre::Announcement, Addressed::Never, false)
    },
    Traits {
        closing: Some("特此公示。"),
        after_the_work: true,
        ..t(Genre::Publicity, Addressed::Never, false)
    },
    Traits {
        upward: true,
        closing: Some("妥否，请批示。"),
        contact_note: true,
        ..t(Genre::Request, Addressed::One, true)
    },
    Traits {
        upward: true,
        closing: Some("特此报告。"),
        after_the_work: true,
        ..t(Genre::Report, Addressed::Required, true)
    },
    t(Genre::Opinion, Addressed::Optional, true),
];

impl Genre {
    /// This genre's row of the table.
    pub fn traits(self) -> &'static Traits {
        GENRES
            .iter()
            .find(|t| t.genre == self)
            .unwrap_or(&GENRES[0])
    }
}

/// The 结束语 a notice prints after its body: the plan's own (empty for none), else the
/// genre's, unless the body's last paragraph already ends with it.
pub fn closing(genre: Genre, own: Option<&str>, body: &[String]) -> Option<String> {
    let text = match own {
        Some(t) => t.trim(),
        None => genre.traits().closing?,
    };
    let core = text.trim_end_matches(['。', '！']);
    let said = body
        .last()
        .is_some_and(|l| l.trim_end().trim_end_matches(['。', '！']).ends_with(core));
    let repeated = own.is_none() && said;
    if text.is_empty() || repeated {
        None
    } else {
        Some(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_genre_has_one_row() {
        for t in GENRES {
            assert_eq!(t.genre.traits().genre, t.genre);
        }
        assert_eq!(GENRES.len(), 7);
    }

    #[test]
    fn the_closing_is_the_genres_unless_the_plan_or_the_body_says_it() {
        let body = |s: &str| vec![s.to_string()];
        let g = Genre::Announcement;
        assert_eq!(
            closing(g, None, &body("现予公告。")).as_deref(),
            Some("特此公告。")
        );
        assert_eq!(closing(g, None, &body("……。特此公告。")), None);
        assert_eq!(closing(g, Some(""), &body("x")), None);
        assert_eq!(
            closing(g, Some("此告。"), &body("x")).as_deref(),
            Some("此告。")
        );
        assert_eq!(closing(Genre::Notice, None, &body("x")), None);
    }
}
