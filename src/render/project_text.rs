//! A project as the body of the 实施方案 prints it: a run-in paragraph ("1.名称。规划投资…万元，
//! 内容。效益。"), its sub-items numbered under it, then one line per field it gives
//! (资金来源, 实施地点, 责任领导, 责任单位, 实施单位, 实施期限 or 完成时限). A field the plan leaves
//! out prints nothing: no empty label, no "待填写".

use super::view::BlockView;
use crate::plan::fields::label;
use crate::plan::money::Unit;
use crate::plan::numbering::number;
use crate::plan::{Allocation, Project, Scheme};

/// Appends the blocks of project `p`, numbered `n` at heading `level`.
pub fn blocks(p: &Project, plan: &Scheme, level: u8, n: usize, out: &mut Vec<BlockView>) {
    let (year, u) = (plan.year, plan.unit.label());
    let money = match p.total_investment {
        Some(t) => format!("总投资{t}{u}，其中{year}年计划投资{}{u}", p.amount),
        None => format!("规划投资{}{u}", p.amount),
    };
    let mut text = if p.content.trim().is_empty() {
        sentence(&money)
    } else {
        format!("{money}，{}", sentence(&p.content))
    };
    if !p.benefit.trim().is_empty() {
        text.push_str(&sentence(&p.benefit));
    }
    out.push(BlockView::RunIn {
        level,
        lead: format!("{}{}。", number(level, n), p.name),
        text,
    });
    for (i, item) in p.items.iter().enumerate() {
        let head = format!(
            "{}{}：{}{u}",
            number(level + 1, i + 1),
            item.name,
            item.amount
        );
        let text = if item.content.trim().is_empty() {
            sentence(&head)
        } else {
            format!("{head}，{}", sentence(&item.content))
        };
        out.push(BlockView::Para { text });
    }
    // Start and deadline print as one period.
    let period = if p.start.is_some() {
        ("实施期限", p.period_text(plan.dates))
    } else {
        (label("deadline"), p.period_text(plan.dates))
    };
    for (label, value) in [
        (label("sources"), p.sources_text(plan.unit)),
        (label("location"), p.location.clone()),
        (label("leader"), p.leader.clone()),
        (label("department"), p.department.clone()),
        (label("implementer"), p.implementer.clone()),
        period,
    ] {
        if !value.trim().is_empty() {
            out.push(BlockView::Para {
                text: format!("{label}：{value}"),
            });
        }
    }
}

/// An allocation as one line of the body: "（一）新林镇：120万元，村道维修。".
pub fn allocation(a: &Allocation, unit: Unit, level: u8, n: usize) -> String {
    let head = format!(
        "{}{}：{}{}",
        number(level, n),
        a.recipient,
        a.amount,
        unit.label()
    );
    if a.purpose.trim().is_empty() {
        sentence(&head)
    } else {
        format!("{head}，{}", sentence(&a.purpose))
    }
}

/// Ends a clause with "。" unless it already ends with a full stop.
fn sentence(s: &str) -> String {
    let t = s.trim_end();
    if t.ends_with(['。', '！', '？']) {
        t.to_string()
    } else {
        format!("{t}。")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Date, Item, Money, Source};
    use rust_decimal::Decimal;

    fn texts(p: &Project) -> Vec<String> {
        let mut out = Vec::new();
        let mut plan = crate::testing::fixture::ebian().file.plan;
        plan.year = 2023;
        blocks(p, &plan, 3, 1, &mut out);
        out.into_iter()
            .map(|b| match b {
                BlockView::RunIn { lead, text, .. } => format!("{lead}{text}"),
                BlockView::Para { text } | BlockView::Heading { text, .. } => text,
            })
            .collect()
    }

    fn wan(n: i64) -> Money {
        Money(Decimal::from(n))
    }

    #[test]
    fn only_the_fields_given_are_printed() {
        let p = Project {
            name: "道路硬化项目".into(),
            amount: wan(120),
            ..Default::default()
        };
        assert_eq!(texts(&p), ["1.道路硬化项目。规划投资120万元。"]);
    }

    #[test]
    fn total_investment_sources_items_and_period() {
        let p = Project {
            name: "冷链物流中心".into(),
            amount: wan(450),
            total_investment: Some(wan(6400)),
            content: "新建冷库2000立方米".into(),
            sources: vec![
                Source {
                    name: "东西部协作资金".into(),
                    amount: wan(400),
                },
                Source {
                    name: "自筹".into(),
                    amount: wan(50),
                },
            ],
            items: vec![
                Item {
                    name: "冷库".into(),
                    amount: wan(300),
                    content: "2000立方米".into(),
                },
                Item {
                    name: "分拣车间".into(),
                    amount: wan(150),
                    content: String::new(),
                },
            ],
            start: Date::ymd(2023, 3, 1),
            deadline: Date::ymd(2023, 9, 30),
            ..Default::default()
        };
        assert_eq!(
            texts(&p),
            [
                "1.冷链物流中心。总投资6400万元，其中2023年计划投资450万元，新建冷库2000立方米。",
                "（1）冷库：300万元，2000立方米。",
                "（2）分拣车间：150万元。",
                "资金来源：东西部协作资金400万元、自筹50万元",
                "实施期限：2023年3月1日—9月30日",
            ]
        );
    }
}
