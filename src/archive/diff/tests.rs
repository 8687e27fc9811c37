use super::*;
use crate::plan::Money;
use rust_decimal::Decimal;

fn ebian() -> PlanFile {
    crate::testing::fixture::ebian().file
}

#[test]
fn extra_values_and_printed_settings_are_changes() {
    let old = ebian();
    let mut new = ebian();
    new.plan.categories[0].projects[0]
        .extra
        .insert("建设性质".into(), "新建".into());
    new.plan.summary.share_decimals = 1;
    let lines: Vec<String> = diff(&old, &new).iter().map(Change::line).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("建设性质") && l.contains("新建")),
        "{lines:#?}"
    );
    assert!(lines.iter().any(|l| l.contains("概述句")), "{lines:#?}");
    // One decimal: the shares as printed change too.
    assert!(
        lines.iter().any(|l| l.contains("占比 7.69% → 7.7%")),
        "{lines:#?}"
    );
}

/// What a reissue changes in the notice's newer parts (文种, 签发人, 附注, 印章, 联合行文)
/// reaches its change table, as every other field does.
#[test]
fn the_notices_every_field_is_compared() {
    use crate::plan::model::{CoIssuer, Genre, Seal};
    let old = ebian();
    let mut new = ebian();
    new.notice.genre = Genre::Opinion;
    new.notice.signed_off_by = vec!["王五".into()];
    new.notice.note = Some("联系人：张三".into());
    new.notice.seal = Some(Seal::Stamped(true));
    new.notice.joint = vec![CoIssuer {
        issuer: "峨边彝族自治县财政局".into(),
        mark: None,
        signer: None,
        seal: None,
    }];
    let lines: Vec<String> = diff(&old, &new).iter().map(Change::line).collect();
    for says in ["文种", "签发人", "附注", "印章", "联合行文机关"] {
        assert!(lines.iter().any(|l| l.contains(says)), "{says}: {lines:#?}");
    }
}

#[test]
fn identical_plans_have_no_changes() {
    assert!(diff(&ebian(), &ebian()).is_empty());
}

#[test]
fn a_project_moved_within_its_category_is_one_reordering() {
    let mut new = ebian();
    let moved = new.plan.categories[4].projects.remove(0);
    new.plan.categories[4].projects.push(moved);
    let lines: Vec<String> = diff(&ebian(), &new).iter().map(Change::line).collect();
    assert_eq!(lines, ["助残融爱建设项目：顺序 第1项 → 第5项"]);
}

#[test]
fn the_seeds_1370_correction_reads_like_the_document() {
    let mut old = ebian();
    old.plan.categories[4].projects[0].amount = Money(Decimal::from(1370));
    let lines: Vec<String> = diff(&old, &ebian()).iter().map(Change::line).collect();
    assert_eq!(
        lines,
        [
            "（五）改善民生 第1项 助残融爱建设项目：规划投资 1370万元 → 90万元",
            "合计：规划投资 5180万元 → 3900万元",
            "（一）产业合作：占比 37.64% → 50%",
            "（二）劳务协作：占比 4.44% → 5.9%",
            "（三）人才交流：占比 5.79% → 7.69%",
            "（四）消费帮扶：占比 0.97% → 1.28%",
            "（五）改善民生：小计 2650万元 → 1370万元",
            "（五）改善民生：占比 51.16% → 35.13%",
        ]
    );
}

#[test]
fn copied_names_pair_by_place_and_show_as_name_changes() {
    let mut old = ebian();
    let copied = "城乡融合民生事业奖流培训项目".to_string();
    old.plan.categories[2].projects[0].name = copied.clone();
    old.plan.categories[3].projects[0].name = copied;
    let d = diff(&old, &ebian());
    assert_eq!(d.len(), 2, "{d:#?}");
    assert!(
        d.iter()
            .all(|c| c.kind == Kind::Changed && c.field == "项目名称")
    );
    assert_eq!(d[0].place, "（三）人才交流 第1项 干部人才交流培训项目");
}

#[test]
fn the_printed_marks_are_compared_too() {
    let old = ebian();
    let mut new = ebian();
    new.notice.urgency = Some(crate::plan::Urgency::Urgent);
    new.notice.secrecy = Some(crate::plan::Secrecy::Secret);
    let fields: Vec<(String, String)> = diff(&old, &new)
        .into_iter()
        .map(|c| (c.field, c.new))
        .collect();
    assert_eq!(
        fields,
        [
            ("密级".to_string(), "秘密".to_string()),
            ("紧急程度".into(), "加急".into())
        ]
    );
}

#[test]
fn a_renamed_category_is_one_change_and_a_moved_project_one_move() {
    let old = ebian();
    let mut new = ebian();
    new.plan.categories[1].name = "劳务合作".into();
    let d = diff(&old, &new);
    let brief: Vec<(Kind, &str, &str, &str)> = d
        .iter()
        .map(|c| (c.kind, c.field.as_str(), c.old.as_str(), c.new.as_str()))
        .collect();
    assert_eq!(
        brief,
        [(Kind::Changed, "类别名称", "劳务协作", "劳务合作")],
        "{d:#?}"
    );
    // One project moved from the first category to the last: one move, not one per
    // project whose number shifted.
    let mut new = ebian();
    let p = new.plan.categories[4].projects.remove(0);
    new.plan.categories[0].projects.insert(0, p);
    let moves = diff(&old, &new)
        .into_iter()
        .filter(|c| c.kind == Kind::Moved)
        .count();
    assert_eq!(moves, 1);
}

#[test]
fn added_removed_moved_and_notice_fields() {
    let old = ebian();
    let mut new = ebian();
    new.notice.title.push_str("（更正）");
    let moved = new.plan.categories[1].projects.remove(1);
    new.plan.categories[2].projects.push(moved);
    new.plan.categories[3].projects.clear();
    let d = diff(&old, &new);
    let kinds: Vec<(Kind, &str)> = d.iter().map(|c| (c.kind, c.field.as_str())).collect();
    assert!(kinds.contains(&(Kind::Changed, "标题")));
    assert!(
        d.iter()
            .any(|c| c.kind == Kind::Moved && c.new == "（三）人才交流 第2项"),
        "{d:#?}"
    );
    assert!(
        d.iter()
            .any(|c| c.kind == Kind::Removed && c.old.contains("越嘉有味"))
    );
    assert!(
        d.iter()
            .any(|c| c.kind == Kind::Derived && c.field == "个数" && c.new == "10")
    );
}
