//! Results by demographic: revenue, win rate, loyalty, satisfaction and care figures per
//! value of one customer field (or per product) over a period. The store hands over plain
//! rows keyed by the field's raw text; this module splits them into groups (a customer
//! with two tags lands in both) and computes each group's figures, holding back any
//! figure with too few cases to mean anything.

use super::figures::{Permille, median, nps, reorder_gaps, repeat_business_rate};
use super::technique::wilson;
use super::technique_groups::NONE;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

crate::text_enum! {
    /// What the customers are grouped by.
    pub enum Dimension {
        Segment => ("segment", "segment"),
        Industry => ("industry", "industry"),
        Region => ("region", "region"),
        Tag => ("tag", "tag"),
        Product => ("product", "product"),
    }
}

impl Dimension {
    /// The next one in `ALL`, back to the first after the last (the screen's cycle key).
    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|d| *d == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }
}

/// A win rate needs this many won-or-lost interactions, as a technique's does.
pub const MIN_DECIDED: u64 = super::technique::MIN_DECIDED;
/// Medians, NPS and shares of customers need this many cases.
pub const MIN_CASES: u64 = 5;

/// A customer of the business now (archived ones left out), with the field's raw text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerFacts {
    pub customer_id: i64,
    /// The dimension's field; unused when grouping by product (buyers are the customers).
    pub key: String,
    /// Past their maximum gap between contacts today (the checklist's cadence rule).
    pub past_max_gap: bool,
}

/// One customer's sales and refunds on one day, for one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleDay {
    pub key: String,
    pub customer_id: i64,
    pub day: NaiveDate,
    /// Sales (not refunds) that day.
    pub sales: u64,
    /// Sales less refunds, in minor units.
    pub net_minor: i64,
}

/// One customer's interactions in the period, for one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contacts {
    pub key: String,
    pub customer_id: i64,
    pub interactions: u64,
    pub won: u64,
    pub lost: u64,
}

/// Everything one dimension's figures are computed from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SegmentInputs {
    pub customers: Vec<CustomerFacts>,
    pub sales: Vec<SaleDay>,
    pub contacts: Vec<Contacts>,
    /// Satisfaction scores given in the period, by key.
    pub scores: Vec<(String, u8)>,
    /// Complaints open today, by key.
    pub open_complaints: Vec<(String, u64)>,
}

/// A figure shown only with enough cases behind it.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Gated<T> {
    /// `None` when there are fewer than `needed` cases (or nothing to measure).
    pub value: Option<T>,
    pub cases: u64,
    pub needed: u64,
}

impl<T> Gated<T> {
    fn new(value: Option<T>, cases: u64, needed: u64) -> Self {
        Self { value: value.filter(|_| cases >= needed), cases, needed }
    }

    /// The value as `show` writes it, or "too few (n)".
    pub fn show(&self, show: impl Fn(&T) -> String) -> String {
        self.value.as_ref().map_or_else(|| too_few(self.cases), show)
    }
}

/// What a figure says instead of a number with too few cases behind it.
pub fn too_few(cases: u64) -> String {
    format!("too few ({cases})")
}

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct WinRate {
    pub rate: f64,
    /// The 95% Wilson interval.
    pub low: f64,
    pub high: f64,
}

/// One group's figures over the period.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GroupFigures {
    /// The field's value, or [`NONE`].
    pub group: String,
    pub customers: u64,
    /// Of `customers`, those with a sale or an interaction in the period (by product: the
    /// customers who bought it or talked about it).
    pub active_customers: u64,
    pub revenue_minor: i64,
    /// Of the period's revenue, each sale counted once: tag shares can add up to more.
    pub revenue_share: Option<Permille>,
    /// Sales in the period (a "deal" as the goals count them).
    pub sales: u64,
    /// Interactions won or lost in the period.
    pub decided: u64,
    pub won: u64,
    /// Revenue over sales.
    pub average_deal_minor: Option<i64>,
    pub win_rate: Gated<WinRate>,
    /// Buyers with two or more purchase days among buyers.
    pub repeat_rate: Gated<Permille>,
    /// Cases: the gaps between a buyer's purchase days.
    pub median_days_to_reorder: Gated<i64>,
    /// Cases: the scores given.
    pub nps: Gated<i64>,
    pub open_complaints: u64,
    /// Cases: the group's customers.
    pub past_max_gap: Gated<Permille>,
}

/// The default period: the last 12 months, today included.
pub fn default_period(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    (today - chrono::Days::new(364), today)
}

/// The groups a key belongs to: its trimmed text, each tag of a tag list, or [`NONE`].
pub fn groups_of(dimension: Dimension, key: &str) -> Vec<String> {
    let mut groups: Vec<String> = match dimension {
        Dimension::Tag => key.split(',').map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect(),
        _ => Some(key.trim()).filter(|k| !k.is_empty()).map(String::from).into_iter().collect(),
    };
    let mut seen = BTreeSet::new();
    groups.retain(|g| seen.insert(super::text::fold(g)));
    if groups.is_empty() {
        groups.push(NONE.to_string());
    }
    groups
}

/// What the footnote says about how the groups were made.
pub fn footnotes(dimension: Dimension) -> Vec<String> {
    let mut notes = Vec::new();
    match dimension {
        Dimension::Product => notes.push(
            "A product's customers are those who bought it in the period; figures follow the product of each sale, interaction, score and complaint.".to_string(),
        ),
        Dimension::Tag => {
            notes.push("Figures use each customer's current tags: past sales follow a customer's tags today.".into())
        }
        _ => notes.push(format!(
            "Figures use each customer's current {}: past sales follow a customer who moved.",
            dimension.as_str()
        )),
    }
    if dimension == Dimension::Tag {
        notes.push("A customer with two tags counts in both groups, so the shares add up to more than 100%.".into());
    }
    notes
}

#[derive(Default)]
struct Tally {
    customers: BTreeSet<i64>,
    active: BTreeSet<i64>,
    past_max_gap: u64,
    gap_known: u64,
    revenue: i64,
    sales: u64,
    purchases: Vec<(i64, NaiveDate)>,
    decided: u64,
    won: u64,
    scores: Vec<u8>,
    open_complaints: u64,
}

/// The tallies by group name, each row added to every group its key belongs to.
struct Groups {
    dimension: Dimension,
    tallies: BTreeMap<String, Tally>,
}

impl Groups {
    fn add(&mut self, key: &str, mut f: impl FnMut(&mut Tally)) {
        for group in groups_of(self.dimension, key) {
            f(self.tallies.entry(group).or_default());
        }
    }
}

/// Each group's figures: the highest revenue first, [`NONE`] last.
pub fn group_figures(dimension: Dimension, inputs: &SegmentInputs) -> Vec<GroupFigures> {
    let mut groups = Groups { dimension, tallies: BTreeMap::new() };
    let by_product = dimension == Dimension::Product;
    if !by_product {
        for c in &inputs.customers {
            groups.add(&c.key, |t| add_customer(t, c));
        }
    }
    for s in &inputs.sales {
        groups.add(&s.key, |t| {
            t.revenue += s.net_minor;
            t.sales += s.sales;
            if s.sales > 0 {
                t.purchases.push((s.customer_id, s.day));
                if by_product {
                    t.customers.insert(s.customer_id);
                }
                t.active.insert(s.customer_id);
            }
        });
    }
    for c in &inputs.contacts {
        groups.add(&c.key, |t| {
            t.decided += c.won + c.lost;
            t.won += c.won;
            if c.interactions > 0 {
                t.active.insert(c.customer_id);
            }
        });
    }
    for (key, score) in &inputs.scores {
        groups.add(key, |t| t.scores.push(*score));
    }
    for (key, n) in &inputs.open_complaints {
        groups.add(key, |t| t.open_complaints += n);
    }
    let mut tallies = groups.tallies;
    if by_product {
        // A product's customers are its buyers: their cadence comes from the customer rows.
        let facts: BTreeMap<i64, &CustomerFacts> = inputs.customers.iter().map(|c| (c.customer_id, c)).collect();
        for t in tallies.values_mut() {
            for c in t.customers.iter().filter_map(|id| facts.get(id)) {
                t.gap_known += 1;
                t.past_max_gap += u64::from(c.past_max_gap);
            }
        }
    }
    let total: i64 = inputs.sales.iter().map(|s| s.net_minor).sum();
    let mut out: Vec<GroupFigures> =
        tallies.into_iter().map(|(group, t)| finish(group, t, total, by_product)).collect();
    out.sort_by_cached_key(|g| (g.group == NONE, std::cmp::Reverse(g.revenue_minor), g.group.to_lowercase()));
    out
}

fn add_customer(t: &mut Tally, c: &CustomerFacts) {
    t.customers.insert(c.customer_id);
    t.gap_known += 1;
    t.past_max_gap += u64::from(c.past_max_gap);
}

fn finish(group: String, t: Tally, total: i64, by_product: bool) -> GroupFigures {
    let active = if by_product { t.active.len() } else { t.active.intersection(&t.customers).count() };
    let buyers = t.purchases.iter().map(|(c, _)| *c).collect::<BTreeSet<_>>().len() as u64;
    let mut gaps = reorder_gaps(&t.purchases);
    let win_rate = (t.decided > 0).then(|| {
        let (low, high) = wilson(t.won, t.decided).unwrap_or((0.0, 1.0));
        WinRate { rate: t.won as f64 / t.decided as f64, low, high }
    });
    GroupFigures {
        group,
        customers: t.customers.len() as u64,
        active_customers: active as u64,
        revenue_minor: t.revenue,
        revenue_share: share(t.revenue, total),
        sales: t.sales,
        decided: t.decided,
        won: t.won,
        average_deal_minor: (t.sales > 0).then(|| rounded_div(t.revenue, t.sales as i64)),
        win_rate: Gated::new(win_rate, t.decided, MIN_DECIDED),
        repeat_rate: Gated::new(repeat_business_rate(&t.purchases), buyers, MIN_CASES),
        median_days_to_reorder: Gated::new(median(&mut gaps), gaps.len() as u64, MIN_CASES),
        nps: Gated::new(nps(&t.scores).map(|n| n.score), t.scores.len() as u64, MIN_CASES),
        open_complaints: t.open_complaints,
        past_max_gap: Gated::new(share(t.past_max_gap as i64, t.gap_known as i64), t.gap_known, MIN_CASES),
    }
}

/// `part` of `whole` in permille, rounded half away from zero; none of nothing (or of a
/// period where refunds outweigh sales).
fn share(part: i64, whole: i64) -> Option<Permille> {
    (whole > 0).then(|| rounded_div(part * 1000, whole))
}

fn rounded_div(n: i64, d: i64) -> i64 {
    let q = (i128::from(n.abs()) * 2 + i128::from(d)) / (i128::from(d) * 2);
    let q = i64::try_from(q).unwrap_or(i64::MAX);
    if n < 0 { -q } else { q }
}

#[cfg(test)]
#[path = "segments_tests.rs"]
mod tests;
