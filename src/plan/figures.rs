//! Derived figures: subtotals, total, shares, counts and the summary sentence.
//!
//! Computed from the projects every time; a plan never states them (a stated subtotal is
//! only checked against these).
//!
//! Shares are percentages with two decimals (the summary sentence may ask for 0 or 1 instead,
//! by the same method at its own precision). Each is the exact share rounded half up,
//! except that the shares must add up to exactly 100: we use the largest-remainder method
//! (truncate each to 0.01, then give the missing hundredths one by one to the categories
//! with the largest remainders, earlier category first on a tie). Whenever rounding half
//! up already sums to 100 — as for the 峨边 plan — both give the same figures.

use rust_decimal::Decimal;

use super::model::{Category, Scheme};
use super::money::fmt_decimal;

#[derive(Debug, Clone, PartialEq)]
pub struct CategoryFigures {
    /// Projects in it, its sub-categories' included.
    pub count: usize,
    pub subtotal: Decimal,
    /// Percent of the total, two decimals; `None` when the total is not positive. Only
    /// top-level categories have shares.
    pub share: Option<Decimal>,
    /// Its sub-categories' figures.
    pub children: Vec<CategoryFigures>,
}

impl CategoryFigures {
    fn of(c: &Category) -> Self {
        let children: Vec<CategoryFigures> = c.categories.iter().map(Self::of).collect();
        CategoryFigures {
            count: c.projects.len() + children.iter().map(|f| f.count).sum::<usize>(),
            // Amounts are bounded at load (money::MAX_AMOUNT), so sums cannot overflow.
            subtotal: c.projects.iter().map(|p| p.amount.value()).sum::<Decimal>()
                + children.iter().map(|f| f.subtotal).sum::<Decimal>(),
            share: None,
            children,
        }
    }

    /// The figures of the category at `numbers` below this one.
    pub fn at(&self, numbers: &[usize]) -> Option<&CategoryFigures> {
        match numbers {
            [] => Some(self),
            [i, rest @ ..] => self.children.get(*i)?.at(rest),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub total: Decimal,
    pub project_count: usize,
    pub categories: Vec<CategoryFigures>,
}

impl Figures {
    pub fn of(plan: &Scheme) -> Self {
        let mut categories: Vec<CategoryFigures> =
            plan.categories.iter().map(CategoryFigures::of).collect();
        let total: Decimal = categories.iter().map(|c| c.subtotal).sum::<Decimal>()
            + plan
                .projects
                .iter()
                .map(|p| p.amount.value())
                .sum::<Decimal>()
            + plan
                .allocations
                .iter()
                .map(|a| a.amount.value())
                .sum::<Decimal>();
        let subtotals: Vec<Decimal> = categories.iter().map(|c| c.subtotal).collect();
        if let Some(shares) = shares(&subtotals, total) {
            for (c, s) in categories.iter_mut().zip(shares) {
                c.share = Some(s);
            }
        }
        Figures {
            total,
            project_count: categories.iter().map(|c| c.count).sum::<usize>() + plan.projects.len(),
            categories,
        }
    }

    /// The figures of the category at `numbers` (as `GroupAt::numbers`).
    pub fn category(&self, numbers: &[usize]) -> Option<&CategoryFigures> {
        let (first, rest) = numbers.split_first()?;
        self.categories.get(*first)?.at(rest)
    }

    /// "实施项目5类11个": the number of categories that have projects.
    pub(crate) fn category_count(&self) -> usize {
        self.categories.iter().filter(|c| c.count > 0).count()
    }

    /// The body's summary sentence, e.g. "2023年实施东西部协作建设项目资金3900万元，实施项目5类11个，
    /// 其中：产业合作项目2个，规划资金1950万元，占50%；…。"
    pub(crate) fn summary(&self, plan: &Scheme) -> String {
        if !plan.allocations.is_empty() {
            return format!(
                "{}年{}资金{}{}，分配给{}个乡镇（单位）。",
                plan.year,
                plan.program,
                fmt_decimal(self.total),
                plan.unit.label(),
                plan.allocations.len()
            );
        }
        let u = plan.unit.label();
        let kinds = if plan.categories.is_empty() {
            String::new()
        } else {
            format!("{}类", self.category_count())
        };
        let mut s = format!(
            "{}年实施{}建设项目资金{}{u}，实施项目{kinds}{}个",
            plan.year,
            plan.program,
            fmt_decimal(self.total),
            self.project_count
        );
        let dp = u32::from(plan.summary.share_decimals.min(2));
        let subtotals: Vec<Decimal> = self.categories.iter().map(|c| c.subtotal).collect();
        let shown = shares_at(&subtotals, self.total, dp);
        let parts: Vec<String> = plan
            .categories
            .iter()
            .zip(&self.categories)
            .enumerate()
            .filter(|(_, (_, f))| f.count > 0)
            .map(|(i, (c, f))| {
                let share = shown
                    .as_ref()
                    .map(|s| format!("，{}{}%", plan.summary.share_words, fmt_decimal(s[i])))
                    .unwrap_or_default();
                // "市级项目8个", not "市级项目项目8个".
                let kind = if c.name.ends_with("项目") {
                    ""
                } else {
                    "项目"
                };
                format!(
                    "{}{kind}{}个，规划资金{}{u}{}",
                    c.name,
                    f.count,
                    fmt_decimal(f.subtotal),
                    share
                )
            })
            .collect();
        if !parts.is_empty() {
            s.push_str("，其中：");
            s.push_str(&parts.join("；"));
        }
        s.push('。');
        s
    }
}

/// Percent shares with two decimals that add up to exactly 100 (largest remainder).
pub fn shares(parts: &[Decimal], total: Decimal) -> Option<Vec<Decimal>> {
    shares_at(parts, total, 2)
}

/// Percent shares with `dp` decimals (0–2) that add up to exactly 100 (largest remainder).
pub(crate) fn shares_at(parts: &[Decimal], total: Decimal, dp: u32) -> Option<Vec<Decimal>> {
    if total <= Decimal::ZERO || parts.iter().any(|p| p.is_sign_negative()) {
        return None;
    }
    let unit = Decimal::from(10i64.pow(dp.min(2)));
    let scale = Decimal::from(100) * unit; // units of the last shown decimal
    let exact: Vec<Decimal> = parts.iter().map(|p| *p * scale / total).collect();
    let mut units: Vec<Decimal> = exact.iter().map(|e| e.floor()).collect();
    let missing = scale - units.iter().copied().sum::<Decimal>();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    // Stable sort: on equal remainders the earlier category gets the hundredth.
    order.sort_by(|&a, &b| (exact[b] - units[b]).cmp(&(exact[a] - units[a])));
    let missing = usize::try_from(missing.trunc().mantissa()).unwrap_or(0);
    for &i in order.iter().take(missing) {
        units[i] += Decimal::ONE;
    }
    Some(units.into_iter().map(|u| u / unit).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(n: i64) -> Decimal {
        Decimal::from(n)
    }

    #[test]
    fn ebian_shares_round_half_up_and_sum_to_100() {
        let parts = [d(1950), d(230), d(300), d(50), d(1370)];
        let s: Vec<String> = shares(&parts, d(3900))
            .unwrap()
            .into_iter()
            .map(fmt_decimal)
            .collect();
        assert_eq!(s, ["50", "5.9", "7.69", "1.28", "35.13"]);
    }

    #[test]
    fn thirds_still_sum_to_100() {
        let s = shares(&[d(1), d(1), d(1)], d(3)).unwrap();
        assert_eq!(s.iter().copied().sum::<Decimal>(), d(100));
        assert_eq!(fmt_decimal(s[0]), "33.34");
        assert_eq!(fmt_decimal(s[2]), "33.33");
    }

    #[test]
    fn one_decimal_and_none_still_sum_to_100() {
        let parts = [d(1950), d(230), d(300), d(50), d(1370)];
        let one: Vec<String> = shares_at(&parts, d(3900), 1)
            .unwrap()
            .into_iter()
            .map(fmt_decimal)
            .collect();
        assert_eq!(one, ["50", "5.9", "7.7", "1.3", "35.1"]);
        let none = shares_at(&parts, d(3900), 0).unwrap();
        assert_eq!(none.iter().copied().sum::<Decimal>(), d(100));
        assert_eq!(fmt_decimal(none[4]), "35");
    }

    #[test]
    fn a_category_named_projects_is_not_doubled() {
        let mut f = crate::testing::fixture::ebian().file;
        f.plan.categories[0].name = "市级项目".into();
        f.plan.summary.share_decimals = 1;
        let s = Figures::of(&f.plan).summary(&f.plan);
        assert!(
            s.contains("其中：市级项目2个，规划资金1950万元，占50%"),
            "{s}"
        );
        assert!(
            s.contains("人才交流项目1个，规划资金300万元，占7.7%"),
            "{s}"
        );
        f.plan.summary.share_words = "占总资金的".into();
        let s = Figures::of(&f.plan).summary(&f.plan);
        assert!(s.contains("规划资金230万元，占总资金的5.9%"), "{s}");
    }

    #[test]
    fn no_shares_of_nothing() {
        assert!(shares(&[d(0)], d(0)).is_none());
    }
}
