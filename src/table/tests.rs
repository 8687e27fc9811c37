use super::*;

#[test]
fn the_ebian_table_totals_first_then_categories_and_projects() {
    let f = crate::testing::fixture::ebian().file;
    let t = Table::of(&f, &Figures::of(&f.plan));
    assert_eq!(t.rows.len(), 1 + 5 + 11);
    assert_eq!(t.text(&t.rows[0].cells[1]), "合计");
    assert_eq!(t.text(&t.rows[0].cells[4]), "3900");
    assert_eq!(t.text(&t.rows[1].cells[1]), "（一）产业合作");
    assert_eq!(t.text(&t.rows[1].cells[4]), "1950");
    assert_eq!(t.text(&t.rows[2].cells[0]), "1");
    assert_eq!(t.scale, 0);
    assert_eq!(t.parts(0), [1, 4, 7, 9, 11]);
    assert_eq!(t.parts(1), [2, 3]);
}

#[test]
fn sub_items_and_sub_categories_nest_by_level() {
    use crate::plan::{Item, Money};
    let mut f = crate::testing::fixture::ebian().file;
    let labour = f.plan.categories.remove(1);
    f.plan.categories[0].categories = vec![labour];
    let moved = std::mem::take(&mut f.plan.categories[0].projects);
    let mut own = f.plan.categories[0].clone();
    own.name = "产业园区".into();
    own.projects = moved;
    own.categories.clear();
    f.plan.categories[0].categories.insert(0, own);
    f.plan.categories[0].categories[0].projects[0].items = vec![
        Item {
            name: "种植".into(),
            amount: Money(Decimal::from(600)),
            content: String::new(),
        },
        Item {
            name: "综合体".into(),
            amount: Money(Decimal::from(400)),
            content: String::new(),
        },
    ];
    let t = Table::of(&f, &Figures::of(&f.plan));
    let labels: Vec<(u8, String)> = t
        .rows
        .iter()
        .take(9)
        .map(|r| (r.level, t.text(&r.cells[1])))
        .collect();
    assert_eq!(
        labels[..7],
        [
            (0, "合计".to_string()),
            (1, "一、产业合作".to_string()),
            (2, "（一）产业园区".to_string()),
            (
                3,
                f.plan.categories[0].categories[0].projects[0].name.clone()
            ),
            (4, "\u{3000}（1）种植".to_string()),
            (4, "\u{3000}（2）综合体".to_string()),
            (
                3,
                f.plan.categories[0].categories[0].projects[1].name.clone()
            ),
        ]
    );
    assert_eq!(labels[7], (2, "（二）劳务协作".to_string()));
    assert_eq!(t.text(&t.rows[1].cells[4]), "2180");
    assert_eq!(t.parts(1), [2, 7]);
    assert_eq!(t.parts(3), [4, 5]);
}

#[test]
fn one_number_format_for_the_whole_table() {
    let mut f = crate::testing::fixture::ebian().file;
    f.plan.categories[0].projects[0].amount = crate::plan::Money(Decimal::new(99950, 2));
    let t = Table::of(&f, &Figures::of(&f.plan));
    assert_eq!(t.scale, 1);
    assert_eq!(t.text(&t.rows[0].cells[4]), "3899.5");
    assert_eq!(t.text(&t.rows[3].cells[4]), "950.0");
}
