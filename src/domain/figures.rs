//! Quality figures: loyalty, satisfaction, complaint handling and follow-up discipline.
//! Pure functions over plain rows; each returns `None` ("n/a") when there is nothing to
//! measure, never a division by zero.

use chrono::NaiveDate;

/// Percentages are kept in tenths of a percent (625 = 62.5%) to stay integer.
pub type Permille = i64;

fn permille(part: usize, whole: usize) -> Option<Permille> {
    (whole > 0).then(|| (part as i64 * 1000 + whole as i64 / 2) / whole as i64)
}

/// The median, averaging the two middle values (rounded down) for an even count.
pub fn median(values: &mut [i64]) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 { values[mid] } else { (values[mid - 1] + values[mid]).div_euclid(2) })
}

/// Customers with 2+ purchases among customers with 1+ (purchases: (customer, day) in the period).
pub fn repeat_business_rate(purchases: &[(i64, NaiveDate)]) -> Option<Permille> {
    let mut counts = std::collections::HashMap::new();
    for (customer, _) in purchases {
        *counts.entry(*customer).or_insert(0usize) += 1;
    }
    permille(counts.values().filter(|n| **n >= 2).count(), counts.len())
}

/// Days between each customer's consecutive purchases (same-day repeats skipped).
pub fn reorder_gaps(purchases: &[(i64, NaiveDate)]) -> Vec<i64> {
    let mut by_customer: std::collections::BTreeMap<i64, Vec<NaiveDate>> = Default::default();
    for (customer, day) in purchases {
        by_customer.entry(*customer).or_default().push(*day);
    }
    let mut gaps = Vec::new();
    for days in by_customer.values_mut() {
        days.sort_unstable();
        days.dedup();
        gaps.extend(days.windows(2).map(|w| (w[1] - w[0]).num_days()));
    }
    gaps
}

/// Median days between a customer's consecutive purchases (same-day repeats skipped).
pub fn median_days_to_reorder(purchases: &[(i64, NaiveDate)]) -> Option<i64> {
    median(&mut reorder_gaps(purchases))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Nps {
    pub promoters: usize,
    pub passives: usize,
    pub detractors: usize,
    /// Promoters minus detractors, in whole points from -100 to 100.
    pub score: i64,
}

/// NPS buckets: promoter 9-10, passive 7-8, detractor 0-6.
pub fn nps(scores: &[u8]) -> Option<Nps> {
    if scores.is_empty() {
        return None;
    }
    let promoters = scores.iter().filter(|s| **s >= 9).count();
    let detractors = scores.iter().filter(|s| **s <= 6).count();
    let passives = scores.len() - promoters - detractors;
    let total = scores.len() as i64;
    let difference = (promoters as i64 - detractors as i64) * 100;
    // Round half away from zero.
    let score = if difference >= 0 { (difference + total / 2) / total } else { -((-difference + total / 2) / total) };
    Some(Nps { promoters, passives, detractors, score })
}

/// The average score in tenths, rounded half up: scores 8 and 9 give 85 (8.5).
pub fn average_score_tenths(scores: &[u8]) -> Option<i64> {
    let total: i64 = scores.iter().map(|s| i64::from(*s)).sum();
    let n = scores.len() as i64;
    (n > 0).then(|| (total * 10 + n / 2) / n)
}

/// A complaint's dates, for response and resolution times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ComplaintDates {
    pub customer_id: i64,
    pub opened: NaiveDate,
    pub first_response: Option<NaiveDate>,
    pub resolved: Option<NaiveDate>,
}

pub fn median_days_to_first_response(complaints: &[ComplaintDates]) -> Option<i64> {
    let mut days: Vec<i64> =
        complaints.iter().filter_map(|c| c.first_response.map(|r| (r - c.opened).num_days())).collect();
    median(&mut days)
}

pub fn median_days_to_resolve(complaints: &[ComplaintDates]) -> Option<i64> {
    let mut days: Vec<i64> = complaints.iter().filter_map(|c| c.resolved.map(|r| (r - c.opened).num_days())).collect();
    median(&mut days)
}

/// Share of complainants who bought again within 180 days after (not on) the day their
/// first complaint in the list was opened. A complainant whose 180 days are still running
/// and who has not bought yet is left out: they may still come back.
pub fn complainants_who_bought_again(
    complaints: &[ComplaintDates],
    purchases: &[(i64, NaiveDate)],
    today: NaiveDate,
) -> Option<Permille> {
    let mut first_complaint: std::collections::BTreeMap<i64, NaiveDate> = Default::default();
    for c in complaints {
        let entry = first_complaint.entry(c.customer_id).or_insert(c.opened);
        *entry = (*entry).min(c.opened);
    }
    let bought = |customer: i64, opened: NaiveDate| {
        purchases.iter().any(|(who, day)| *who == customer && *day > opened && (*day - opened).num_days() <= 180)
    };
    let decided: Vec<bool> = first_complaint
        .iter()
        .filter_map(|(customer, opened)| {
            let came_back = bought(*customer, *opened);
            (came_back || (today - *opened).num_days() > 180).then_some(came_back)
        })
        .collect();
    permille(decided.iter().filter(|b| **b).count(), decided.len())
}

/// A follow-up's due and completion days, for discipline figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowupDates {
    pub due: NaiveDate,
    pub completed: Option<NaiveDate>,
}

/// Of the follow-ups due from `week_start` through `today` (cancelled ones excluded by the
/// caller), the share completed on or before their due day.
pub fn done_on_time(followups: &[FollowupDates], week_start: NaiveDate, today: NaiveDate) -> Option<Permille> {
    let due: Vec<&FollowupDates> = followups.iter().filter(|f| f.due >= week_start && f.due <= today).collect();
    let on_time = due.iter().filter(|f| f.completed.is_some_and(|c| c <= f.due)).count();
    permille(on_time, due.len())
}

/// Median days overdue among open follow-ups due before today.
pub fn median_days_overdue(open_due: &[NaiveDate], today: NaiveDate) -> Option<i64> {
    let mut days: Vec<i64> = open_due.iter().filter(|d| **d < today).map(|d| (today - *d).num_days()).collect();
    median(&mut days)
}

/// "62.5%" or "n/a".
pub fn show_permille(value: Option<Permille>) -> String {
    // A share of revenue is negative where refunds outweigh sales: "-1.5%", not "-1.-5%".
    value.map_or("n/a".into(), |v| {
        let sign = if v < 0 { "-" } else { "" };
        format!("{sign}{}.{}%", v.abs() / 10, v.abs() % 10)
    })
}

/// A per-mille figure as the fraction a script expects (625 -> 0.625), for JSON beside the
/// exact integer: the integer stays the figure of record, this is only its reading.
pub fn permille_as_fraction(value: Option<Permille>) -> Option<f64> {
    value.map(|v| v as f64 / 1000.0)
}

/// A figure kept in tenths as its one-decimal value (85 -> 8.5), for JSON.
pub fn tenths_as_decimal(value: Option<i64>) -> Option<f64> {
    value.map(|v| v as f64 / 10.0)
}

#[cfg(test)]
#[path = "figures_tests.rs"]
mod tests;
