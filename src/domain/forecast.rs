//! The pipeline forecast: what open deals add to a goal, the pipeline by stage, conversion
//! between stages, and the coach's pipeline rules. Pure: deals, stages and `today` go in.
//!
//! Conventions, held everywhere in this file:
//! - Money in minor units; probabilities and shares in permille (1000 = 100%).
//! - Rounding is **half up** (towards +infinity at exactly one half: 0.5 -> 1, -0.5 -> 0),
//!   in one place, [`round_half_up`]. A deal's weighted value is [`weighted_minor`], rounded
//!   per deal, so a stage's or a goal's weighted total is the sum of the figures shown per
//!   deal. Counts (deals, units, new customers) are weighted by summing permille and rounding
//!   once at the end, so two deals at 50% are one expected deal, not two roundings to 1.
//! - The pipeline is the **open** deals. A won deal is a sale and counts once, in the goal's
//!   `done`; a lost deal counts nowhere.
//! - A deal closes in a window ending on `until` when its expected close date is on or before
//!   `until`. A deal past its close date is still open pipeline: it is late, not gone (the
//!   cold rules ask for a new date). A deal without a close date closes in no window; only
//!   the whole pipeline (`until = None`) shows it.

use super::deal::{Cold, Deal, DealStatus, Stage, cold};
use super::goal::Metric;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Deals a stage needs before the coach calls it stalling.
pub const STALL_MIN_DEALS: usize = 5;

/// `n / d` rounded half up, for positive `d`, saturating at the `i64` range.
fn round_half_up(n: i128, d: i128) -> i64 {
    let (quotient, remainder) = (n.div_euclid(d), n.rem_euclid(d));
    let rounded = if 2 * remainder >= d { quotient + 1 } else { quotient };
    i64::try_from(rounded).unwrap_or(if rounded < 0 { i64::MIN } else { i64::MAX })
}

/// `part / whole` in permille, rounded half up; `None` when `whole` is not positive.
fn permille(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| round_half_up(i128::from(part) * 1000, i128::from(whole)))
}

/// The median; for an even count the mean of the two middle values, rounded half up.
fn median_half_up(values: &mut [i64]) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        return Some(values[mid]);
    }
    Some(round_half_up(i128::from(values[mid - 1]) + i128::from(values[mid]), 2))
}

/// A value times a probability in permille, rounded half up to a whole minor unit.
pub fn weighted_minor(value_minor: i64, probability_permille: i64) -> i64 {
    round_half_up(i128::from(value_minor) * i128::from(probability_permille), 1000)
}

/// The chance the forecast uses: the deal's own, else its stage's, else 0 (unknown stage).
pub fn resolved_probability(deal: &Deal, stages: &[Stage]) -> i64 {
    let stage = || stages.iter().find(|s| s.id == deal.stage_id).map(|s| s.probability_permille);
    deal.probability_permille.or_else(stage).unwrap_or(0)
}

fn is_open_closing_by(deal: &Deal, until: NaiveDate) -> bool {
    deal.status == DealStatus::Open && deal.close_on.is_some_and(|close| close <= until)
}

/// The stages in the seller's order: by position, then id.
fn in_order(stages: &[Stage]) -> Vec<&Stage> {
    let mut ordered: Vec<&Stage> = stages.iter().collect();
    ordered.sort_by_key(|s| (s.position, s.id));
    ordered
}

/// What the open deals add to one goal by its deadline, in the goal's unit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PipelineForecast {
    pub done: i64,
    /// The expected amount the counted deals bring: weighted by their probabilities.
    pub weighted_pipeline: i64,
    /// `done + weighted_pipeline`: the "with pipeline" projection at the deadline.
    pub with_pipeline: i64,
    /// The counted deals unweighted: what they bring if every one is won.
    pub open_value: i64,
    /// `target - done`, at least 0.
    pub remaining: i64,
    /// `open_value / remaining` in permille (3000 = 3x); `None` when nothing remains.
    pub coverage_permille: Option<i64>,
    /// Deals that add to the figures (for new customers, one per customer).
    pub deals_counted: usize,
}

/// The goal's forecast from `deals`, each with its resolved probability (see
/// [`resolved_probability`]) and whether its customer has no sale yet. Counted are open deals
/// expected to close on or before the deadline (see the file's conventions); once the
/// deadline is behind `today` nothing is. Per metric a counted deal brings:
/// - revenue: its value (weighted per deal with [`weighted_minor`]);
/// - deals: one deal;
/// - units: one unit where a product is set (a deal is one unit until deals carry a
///   quantity), nothing without a product;
/// - new customers: one customer where the customer has no sale yet, each customer once,
///   at the highest probability among its counted deals.
///
/// Contacts and custom goals are not about deals: `None`.
/// [`forecast_goal`] for a stored goal.
pub fn forecast_for(
    goal: &crate::domain::goal::Goal,
    done: i64,
    today: NaiveDate,
    deals: &[(Deal, i64, bool)],
) -> Option<PipelineForecast> {
    forecast_goal(goal.metric, goal.target, done, goal.deadline_on, today, deals)
}

pub fn forecast_goal(
    goal_metric: Metric,
    target: i64,
    done: i64,
    deadline: NaiveDate,
    today: NaiveDate,
    deals: &[(Deal, i64, bool)],
) -> Option<PipelineForecast> {
    let counted = deals.iter().filter(|(deal, _, _)| today <= deadline && is_open_closing_by(deal, deadline));
    let (open_value, weighted_pipeline, deals_counted) = match goal_metric {
        Metric::Revenue => counted.fold((0i64, 0i64, 0usize), |(open, weighted, n), (deal, p, _)| {
            (
                open.saturating_add(deal.value_minor),
                weighted.saturating_add(weighted_minor(deal.value_minor, *p)),
                n + 1,
            )
        }),
        Metric::Deals => expected_count(counted.map(|(_, p, _)| *p)),
        Metric::Units => expected_count(counted.filter(|(deal, _, _)| deal.product_id.is_some()).map(|(_, p, _)| *p)),
        Metric::NewCustomers => {
            let mut likeliest: HashMap<i64, i64> = HashMap::new();
            for (deal, p, _) in counted.filter(|(_, _, is_new)| *is_new) {
                let best = likeliest.entry(deal.customer_id).or_insert(*p);
                *best = (*best).max(*p);
            }
            expected_count(likeliest.into_values())
        }
        Metric::Contacts | Metric::Custom => return None,
    };
    let remaining = target.saturating_sub(done).max(0);
    Some(PipelineForecast {
        done,
        weighted_pipeline,
        with_pipeline: done.saturating_add(weighted_pipeline),
        open_value,
        remaining,
        coverage_permille: permille(open_value, remaining),
        deals_counted,
    })
}

/// (count, expected count rounded half up once, count) from the probabilities of whole things.
fn expected_count(probabilities: impl Iterator<Item = i64>) -> (i64, i64, usize) {
    let (n, permille_sum) = probabilities.fold((0usize, 0i128), |(n, sum), p| (n + 1, sum + i128::from(p)));
    (n as i64, round_half_up(permille_sum, 1000), n)
}

/// Count, value and weighted value of some open deals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Totals {
    pub count: usize,
    pub value_minor: i64,
    pub weighted_minor: i64,
}

impl Totals {
    fn add(&mut self, value_minor: i64, weighted: i64) {
        self.count += 1;
        self.value_minor = self.value_minor.saturating_add(value_minor);
        self.weighted_minor = self.weighted_minor.saturating_add(weighted);
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StageTotals {
    pub stage_id: i64,
    pub stage: String,
    #[serde(flatten)]
    pub totals: Totals,
}

/// The pipeline's columns, in stage order (every stage, empty ones too), and their sum.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PipelineTotals {
    pub by_stage: Vec<StageTotals>,
    pub overall: Totals,
}

/// Open deals per stage, goal-independent. `until = Some(day)`: deals closing on or before
/// that day (late ones included, none without a close date); `None`: every open deal. A deal
/// at a stage not in `stages` is left out, so `overall` is always the sum of the columns.
pub fn pipeline_by_stage(stages: &[Stage], deals: &[Deal], until: Option<NaiveDate>) -> PipelineTotals {
    let ordered = in_order(stages);
    let mut by_stage: Vec<StageTotals> = ordered
        .iter()
        .map(|s| StageTotals { stage_id: s.id, stage: s.name.clone(), totals: Totals::default() })
        .collect();
    let mut overall = Totals::default();
    let in_window = |deal: &Deal| match until {
        Some(day) => is_open_closing_by(deal, day),
        None => deal.status == DealStatus::Open,
    };
    for deal in deals.iter().filter(|deal| in_window(deal)) {
        let Some(index) = ordered.iter().position(|s| s.id == deal.stage_id) else { continue };
        let weighted = weighted_minor(deal.value_minor, deal.probability(ordered[index]));
        by_stage[index].totals.add(deal.value_minor, weighted);
        overall.add(deal.value_minor, weighted);
    }
    PipelineTotals { by_stage, overall }
}

/// One row of the stage history: the deal entered the stage on that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct StageMove {
    pub deal_id: i64,
    pub stage_id: i64,
    pub entered_on: NaiveDate,
}

/// How a deal ended, if it did: where its last stay in a stage stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct DealClose {
    pub deal_id: i64,
    pub status: DealStatus,
    pub closed_on: Option<NaiveDate>,
}

impl DealClose {
    pub fn of(deal: &Deal) -> Self {
        Self { deal_id: deal.id, status: deal.status, closed_on: deal.closed_on }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StageConversion {
    pub stage_id: i64,
    pub stage: String,
    /// Deals that entered the stage on or after `since` (each deal once).
    pub entered: usize,
    /// Of those, deals that moved on to a later stage afterwards or were won.
    pub advanced: usize,
    /// `advanced / entered` in permille; `None` when no deal entered.
    pub share_permille: Option<i64>,
    /// Median of the deals' days in the stage; `None` when no deal entered.
    pub median_days: Option<i64>,
}

/// Conversion per stage, in stage order, from the stage history. Rules:
/// - A deal's moves are taken by date (in the given order on the same day); moves after
///   `today` are ignored. Only moves on or after `since` are counted (the issue asks for the
///   last 12 months: `since = today - 12 months`); an earlier move still ends at the next one.
/// - Each deal counts once per stage it entered, however often it came back.
/// - It **advanced** from a stage when, after first entering it, it entered a stage further
///   along in the order (skipping one counts), or when it was won (from any stage it was at:
///   a won deal passed every stage, so the last stage's advance is its win). Lost or still
///   open and never further along: not advanced.
/// - **Days in the stage**: from entering to the next move, or to the close for a closed
///   deal (to `today` if it has no close date), or to `today` for an open deal still there,
///   so a deal stuck in a stage weighs in now, not only once it finally moves. A deal that
///   came back adds up its stays. Same-day moves are 0 days.
/// - Moves to a stage not in `stages` end the previous stay and count nowhere.
pub fn conversion(
    stages: &[Stage],
    moves: &[StageMove],
    closes: &[DealClose],
    since: NaiveDate,
    today: NaiveDate,
) -> Vec<StageConversion> {
    let ordered = in_order(stages);
    let index_of: HashMap<i64, usize> = ordered.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    let close_of: HashMap<i64, &DealClose> = closes.iter().map(|c| (c.deal_id, c)).collect();
    let mut histories: HashMap<i64, Vec<&StageMove>> = HashMap::new();
    for step in moves.iter().filter(|m| m.entered_on <= today) {
        histories.entry(step.deal_id).or_default().push(step);
    }
    let mut entered = vec![0usize; ordered.len()];
    let mut advanced = vec![0usize; ordered.len()];
    let mut days: Vec<Vec<i64>> = vec![Vec::new(); ordered.len()];
    for (deal_id, mut history) in histories {
        history.sort_by_key(|m| m.entered_on);
        let closed = close_of.get(&deal_id).filter(|c| c.status != DealStatus::Open);
        let won = closed.is_some_and(|c| c.status == DealStatus::Won);
        let history_ends = closed.and_then(|c| c.closed_on).unwrap_or(today);
        // Per stage this deal entered: the first entry's place in its history, days there.
        let mut stays: HashMap<usize, (usize, i64)> = HashMap::new();
        for (at, step) in history.iter().enumerate() {
            let Some(&stage) = index_of.get(&step.stage_id).filter(|_| step.entered_on >= since) else { continue };
            let left_on = history.get(at + 1).map_or(history_ends, |next| next.entered_on);
            let stay = (left_on - step.entered_on).num_days().max(0);
            stays.entry(stage).and_modify(|(_, total)| *total += stay).or_insert((at, stay));
        }
        for (stage, (first, total)) in stays {
            entered[stage] += 1;
            days[stage].push(total);
            let further = history[first + 1..].iter().any(|m| index_of.get(&m.stage_id).is_some_and(|&i| i > stage));
            if further || won {
                advanced[stage] += 1;
            }
        }
    }
    ordered
        .iter()
        .enumerate()
        .map(|(i, s)| StageConversion {
            stage_id: s.id,
            stage: s.name.clone(),
            entered: entered[i],
            advanced: advanced[i],
            share_permille: permille(advanced[i] as i64, entered[i] as i64),
            median_days: median_half_up(&mut days[i]),
        })
        .collect()
}

/// A stage where deals stall, for the coach.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Stall {
    pub stage_id: i64,
    pub stage: String,
    pub median_days: i64,
    /// The median of the other stages' medians (stages without deals left out).
    pub others_median_days: i64,
    pub deals: usize,
}

/// The stage whose deals stall: at least [`STALL_MIN_DEALS`] deals entered it, and its median
/// days are above 0 and at least twice the median of the other stages' medians (at least
/// one other stage must have a median). Several such stages: the one with the most days,
/// the earlier stage on a tie.
pub fn stalling_stage(conversion: &[StageConversion]) -> Option<Stall> {
    let mut stalling: Option<Stall> = None;
    for (i, row) in conversion.iter().enumerate() {
        let Some(median) = row.median_days.filter(|m| *m > 0 && row.entered >= STALL_MIN_DEALS) else { continue };
        let mut others: Vec<i64> =
            conversion.iter().enumerate().filter(|(j, _)| *j != i).filter_map(|(_, o)| o.median_days).collect();
        let Some(others_median) = median_half_up(&mut others) else { continue };
        let is_longest = stalling.as_ref().is_none_or(|s| median > s.median_days);
        if median >= others_median.saturating_mul(2) && is_longest {
            stalling = Some(Stall {
                stage_id: row.stage_id,
                stage: row.stage.clone(),
                median_days: median,
                others_median_days: others_median,
                deals: row.entered,
            });
        }
    }
    stalling
}

/// A big deal going cold, for the coach.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BigColdDeal<'a> {
    pub deal: &'a Deal,
    pub cold: Cold,
}

/// Open deals worth **more than** twice the median value of all open deals (exactly twice is
/// not enough) that are going cold ([`cold`]), the biggest first (then by id). A deal at a
/// stage not in `stages` cannot be judged cold and is left out.
pub fn big_cold_deals<'a>(deals: &'a [Deal], stages: &[Stage], today: NaiveDate) -> Vec<BigColdDeal<'a>> {
    let open: Vec<&Deal> = deals.iter().filter(|d| d.status == DealStatus::Open).collect();
    let mut values: Vec<i64> = open.iter().map(|d| d.value_minor).collect();
    let Some(median) = median_half_up(&mut values) else { return Vec::new() };
    let mut big: Vec<BigColdDeal<'a>> = open
        .into_iter()
        .filter(|d| d.value_minor > median.saturating_mul(2))
        .filter_map(|deal| {
            let stage = stages.iter().find(|s| s.id == deal.stage_id)?;
            cold(deal, stage, today).map(|cold| BigColdDeal { deal, cold })
        })
        .collect();
    big.sort_by_key(|b| (std::cmp::Reverse(b.deal.value_minor), b.deal.id));
    big
}

#[cfg(test)]
#[path = "forecast_tests.rs"]
mod tests;
