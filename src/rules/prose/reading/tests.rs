use super::*;
use crate::rules::prose::scan::figures;

/// Names: categories 产业合作 (0), 消费帮扶 (1), 东西部协作 (2); sources 东西部协作资金 (0),
/// 财政衔接资金 (1); projects 茶叶园区项目 (0), 蔬菜基地项目 (1).
fn table() -> Vec<Name<'static>> {
    names(vec![
        ("产业合作", Group(0)),
        ("消费帮扶", Group(1)),
        ("东西部协作", Group(2)),
        ("东西部协作资金", Source(0)),
        ("财政衔接资金", Source(1)),
        ("茶叶园区项目", Project(0)),
        ("蔬菜基地项目", Project(1)),
    ])
}

/// The reading of the `n`th figure of `text`, as (referents, certain).
fn reading(text: &str, n: usize) -> Option<(Vec<Referent>, bool)> {
    let names = table();
    let figs = figures(text);
    let occs = occurrences(text, &names);
    read(text, &figs[n], &figs, &occs, &names, &["东西部协作"]).map(|r| (r.referents, r.certain))
}

use Named::*;
use Referent::*;

#[test]
fn one_name_and_neutral_words_are_certain() {
    assert_eq!(
        reading("产业合作安排1950万元。", 0),
        Some((vec![One(Group(0))], true))
    );
    assert_eq!(
        reading("其中：产业合作项目2个，规划资金1950万元，占50%；", 2),
        Some((vec![One(Group(0))], true))
    );
    assert_eq!(
        reading("茶叶园区项目总投资6400万元", 0),
        Some((vec![TotalInvestment(0)], true))
    );
    assert_eq!(reading("共计3900万元", 0), Some((vec![Scope], true)));
}

#[test]
fn a_closed_list_with_a_word_for_the_whole_is_their_sum() {
    assert_eq!(
        reading("茶叶园区项目、蔬菜基地项目，共安排1800万元", 0),
        Some((vec![Sum(vec![Project(0), Project(1)])], true))
    );
    // Open (等), or without 共: unsure, and the scope is also meant.
    let (r, certain) = reading("围绕产业合作、消费帮扶等方面共实施项目11个", 0).unwrap();
    assert!(!certain);
    assert!(r.contains(&Scope), "{r:?}");
}

#[test]
fn a_name_that_begins_another_kinds_name_is_unsure() {
    let (r, certain) = reading("其中东西部协作项目资金800万元", 0).unwrap();
    assert!(!certain);
    assert_eq!(r, [One(Group(2)), One(Source(0))]);
}

#[test]
fn wider_or_other_scopes() {
    assert_eq!(
        reading("全县今年共谋划项目15个，本方案安排其中11个", 0),
        None
    );
    assert_eq!(
        reading("全县今年共谋划项目15个，本方案安排其中项目11个", 1),
        None
    );
    assert_eq!(reading("产业合作带动社会投资5000万元", 0), None);
    assert_eq!(reading("共计4000万元，其中1000万元用于园区", 1), None);
    assert_eq!(reading("全县共实施项目15个", 0), Some((vec![Scope], false)));
    // No name and no word for the whole: an amount about something unnamed.
    assert_eq!(reading("新建园区投资5000万元", 0), None);
    assert_eq!(reading("新建项目3个", 0), Some((vec![Scope], false)));
}

#[test]
fn respectively_and_names_spent_on_earlier_figures() {
    let (r, certain) = reading("产业合作、消费帮扶分别安排1950万元、230万元", 1).unwrap();
    assert!(!certain);
    assert!(r.contains(&One(Group(1))), "{r:?}");
    let (r, certain) = reading("产业合作1950万元，消费帮扶50万元，合计2000万元", 2).unwrap();
    assert!(!certain);
    assert!(r.contains(&Sum(vec![Group(0), Group(1)])), "{r:?}");
}
