//! What the 文种 asks of a notice (`plan::genre`'s table): a 公告 has no 主送, a 请示 one, a
//! 上行文 its 签发人, a 请示 its 附注 with 联系人和电话, a title that ends with its genre.
//! Each is "一般" in the 条例, not absolute: warnings a plan can accept with a reason.

use super::{Ctx, Hit, Rule};
use crate::diag::Severity::Warning;
use crate::plan::FieldPath;
use crate::plan::genre::Addressed;

pub(crate) const RULES: &[Rule] = &[
    Rule {
        code: "genre-recipients",
        severity: Warning,
        doc: "主送机关合乎文种：公告、公示不写主送，请示只写一个主送机关",
        check: recipients,
    },
    Rule {
        code: "genre-signed-off",
        severity: Warning,
        doc: "上行文（请示、报告）标注签发人姓名；下行文不标签发人",
        check: signed_off,
    },
    Rule {
        code: "genre-contact-note",
        severity: Warning,
        doc: "请示在附注中注明联系人和电话",
        check: contact_note,
    },
    Rule {
        code: "genre-title",
        severity: Warning,
        doc: "标题以文种结尾（……的通知、……公告、……的请示），与所选文种一致",
        check: title,
    },
];

fn recipients(ctx: &Ctx) -> Vec<Hit> {
    let n = &ctx.file.notice;
    let at = FieldPath::of("notice.recipients");
    let word = n.genre.label();
    match n.genre.traits().addressed {
        Addressed::Never if !n.recipients.is_empty() => vec![Hit::new(
            at,
            format!("{word}面向社会公开发布，一般不写主送机关"),
            "删去主送机关；确需写明时，在 [[policy.accept]] 中接受并写明理由",
        )],
        Addressed::One if n.recipients.len() > 1 => vec![Hit::new(
            at.index(1),
            format!(
                "请示一般只写一个主送机关，这里写了 {} 个",
                n.recipients.len()
            ),
            "只保留负责审批的上级机关；需要其他机关知晓的，写入抄送",
        )],
        _ => Vec::new(),
    }
}

fn signed_off(ctx: &Ctx) -> Vec<Hit> {
    let n = &ctx.file.notice;
    let at = FieldPath::of("notice.signed_off_by");
    let word = n.genre.label();
    match (n.genre.traits().upward, n.signed_off_by.is_empty()) {
        (true, true) => vec![Hit::new(
            at,
            format!("{word}是上行文，应标注签发人"),
            "填写签发人（signed_off_by）的姓名",
        )],
        (false, false) => vec![Hit::new(
            at,
            format!("{word}不是上行文，一般不标注签发人"),
            "删去签发人，或把文种改为请示、报告",
        )],
        _ => Vec::new(),
    }
}

fn contact_note(ctx: &Ctx) -> Vec<Hit> {
    let n = &ctx.file.notice;
    let noted = n
        .note
        .as_deref()
        .is_some_and(|t| t.contains("联系人") || t.contains("电话"));
    if !n.genre.traits().contact_note || noted {
        return Vec::new();
    }
    vec![Hit::new(
        FieldPath::of("notice.note"),
        "请示应在附注中注明联系人和电话",
        "在附注（note）中写明，如“（联系人：张三，电话：0833-1234567）”",
    )]
}

fn title(ctx: &Ctx) -> Vec<Hit> {
    let n = &ctx.file.notice;
    let word = n.genre.label();
    let t = n.title.trim();
    // 函 titles end in 函 or 复函; every other genre's in its word.
    if t.is_empty() || t.ends_with(word) {
        return Vec::new();
    }
    let named = crate::plan::genre::GENRES
        .iter()
        .map(|g| g.genre.label())
        .find(|w| t.ends_with(w));
    let hint = match named {
        Some(w) => format!("标题是{w}，文种却是{word}：把文种（genre）改为{w}，或改标题"),
        None => format!("标题由发文机关、事由和文种组成，如“关于……的{word}”"),
    };
    vec![Hit::new(
        FieldPath::of("notice.title"),
        format!("标题没有以文种“{word}”结尾"),
        hint,
    )]
}

#[cfg(test)]
mod tests {
    use crate::plan::model::Genre;
    use crate::rules::testutil::{ebian, paths};

    #[test]
    fn a_notice_as_it_stands_asks_nothing_more() {
        let f = ebian().file;
        for code in [
            "genre-recipients",
            "genre-signed-off",
            "genre-contact-note",
            "genre-title",
        ] {
            assert!(paths(code, &f).is_empty(), "{code}");
        }
    }

    #[test]
    fn an_announcement_has_no_recipients_and_a_request_one() {
        let mut f = ebian().file;
        f.notice.genre = Genre::Announcement;
        assert_eq!(paths("genre-recipients", &f), ["notice.recipients"]);
        f.notice.genre = Genre::Request;
        f.notice.recipients = vec!["县人民政府".into(), "县财政局".into()];
        assert_eq!(paths("genre-recipients", &f), ["notice.recipients[1]"]);
        f.notice.recipients.pop();
        assert!(paths("genre-recipients", &f).is_empty());
    }

    #[test]
    fn an_upward_document_names_who_signed_it_off() {
        let mut f = ebian().file;
        f.notice.genre = Genre::Report;
        assert_eq!(paths("genre-signed-off", &f), ["notice.signed_off_by"]);
        f.notice.signed_off_by = vec!["张三".into()];
        assert!(paths("genre-signed-off", &f).is_empty());
        f.notice.genre = Genre::Notice;
        assert_eq!(paths("genre-signed-off", &f), ["notice.signed_off_by"]);
    }

    #[test]
    fn a_request_gives_a_contact_in_its_note() {
        let mut f = ebian().file;
        f.notice.genre = Genre::Request;
        assert_eq!(paths("genre-contact-note", &f), ["notice.note"]);
        f.notice.note = Some("（联系人：张三，电话：0833-5123456）".into());
        assert!(paths("genre-contact-note", &f).is_empty());
    }

    #[test]
    fn the_title_ends_with_the_genre() {
        let mut f = ebian().file;
        f.notice.genre = Genre::Report;
        let h = crate::rules::testutil::hits("genre-title", &f);
        assert_eq!(h.len(), 1);
        assert!(h[0].hint.contains("改为通知"), "{}", h[0].hint);
        f.notice.title = "关于2023年东西部协作项目实施情况的报告".into();
        assert!(paths("genre-title", &f).is_empty());
    }
}
