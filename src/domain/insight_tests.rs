use super::*;
use crate::domain::goal::Metric;
use crate::domain::pace::compute;
use crate::domain::technique::{TechniqueCounts, judge};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const TODAY: &str = "2026-11-27"; // a Friday

fn base<'a>(currency: &'a Currency) -> InsightInputs<'a> {
    InsightInputs {
        today: d(TODAY),
        currency,
        working_days: WorkingDays::default(),
        goals: &[],
        past_max_cadence: &[],
        open_complaints: &[],
        scores_last_30: &[],
        scores_prior_90: &[],
        techniques: &[],
        overall_win_rate: None,
        cards_overdue: 0,
        last_sale: None,
    }
}

fn rules(list: &[Insight]) -> Vec<Rule> {
    list.iter().map(|i| i.rule).collect()
}

#[test]
fn nothing_to_say_on_a_quiet_day() {
    let usd = Currency::default();
    assert!(insights(&base(&usd)).is_empty());
}

#[test]
fn complaints_fire_after_two_days() {
    let usd = Currency::default();
    let two = [("Ada".to_string(), d("2026-11-25"))];
    assert!(insights(&InsightInputs { open_complaints: &two, ..base(&usd) }).is_empty(), "two days: silent");
    let three = [("Ada".to_string(), d("2026-11-24"))];
    let list = insights(&InsightInputs { open_complaints: &three, ..base(&usd) });
    assert_eq!(list[0].message, "Complaint from Ada open for 3 days");
    assert_eq!(list[0].urgency, 103);
}

fn goal(target: i64) -> Goal {
    Goal {
        id: 1,
        title: "Units".into(),
        metric: Metric::Units,
        unit: String::new(),
        target,
        start_on: d("2026-11-02"),
        deadline_on: d("2026-12-31"),
        working_days: WorkingDays::default(),
        archived: false,
    }
}

#[test]
fn behind_pace_and_no_buffer() {
    let usd = Currency::default();
    // 44 working days Nov 2 - Dec 31; target 44 = one a day; by Fri Nov 27 (20 days) expect 20.
    let g = goal(44);
    let at = |done: i64, today: &str| compute(&g.window(), &[(d("2026-11-02"), done)], d(today));
    let behind = [(g.clone(), at(19, TODAY))];
    let list = insights(&InsightInputs { goals: &behind, ..base(&usd) });
    assert_eq!(rules(&list), [Rule::BehindPace]);
    // 25 left over the 25 working days from today (20 of 44 elapsed, today counted as open).
    assert_eq!(list[0].message, "Behind on Units: 1 behind, need 1/day for 25 days");
    let on_line = [(g.clone(), at(20, TODAY))];
    assert!(
        insights(&InsightInputs { goals: &on_line, ..base(&usd) }).is_empty(),
        "on the line with a day of buffer: silent"
    );
    // Saturday, exactly on Friday's line: on pace but Monday's ideal is not met yet.
    let weekend = [(g.clone(), at(20, "2026-11-28"))];
    let list = insights(&InsightInputs { goals: &weekend, today: d("2026-11-28"), ..base(&usd) });
    assert_eq!(rules(&list), [Rule::NoBuffer]);
    assert_eq!(list[0].message, "No buffer on Units: 1 more by Mon 30 Nov");
}

#[test]
fn customers_past_their_maximum_gap() {
    let usd = Currency::default();
    let past = [("Ada".to_string(), 30), ("Bob".to_string(), 45), ("Cy".to_string(), 61), ("Di".to_string(), 90)];
    let list = insights(&InsightInputs { past_max_cadence: &past, ..base(&usd) });
    assert_eq!(list[0].message, "4 customers past their maximum gap between contacts (Ada, Bob, Cy, …)");
}

#[test]
fn satisfaction_trend_boundary() {
    let usd = Currency::default();
    let prior = [9, 9, 9];
    // 8.0 vs 9.0: exactly one point down -> fires.
    let list = insights(&InsightInputs { scores_last_30: &[8, 8, 8], scores_prior_90: &prior, ..base(&usd) });
    assert_eq!(list[0].message, "Satisfaction is down: 8.0 in the last 30 days vs 9.0 before");
    // 8.3 vs 9.0 (0.7 down) -> silent.
    assert!(insights(&InsightInputs { scores_last_30: &[8, 8, 9], scores_prior_90: &prior, ..base(&usd) }).is_empty());
    // Too few scores to call a trend.
    assert!(insights(&InsightInputs { scores_last_30: &[1, 1], scores_prior_90: &prior, ..base(&usd) }).is_empty());
}

#[test]
fn no_sale_in_seven_working_days() {
    let usd = Currency::default();
    // Last sale Wed Nov 18: Thu 19 .. Fri 27 is 7 working days -> fires.
    let list = insights(&InsightInputs { last_sale: Some(d("2026-11-18")), ..base(&usd) });
    assert_eq!(list[0].message, "No sale logged in 7 working days (last on 18 Nov)");
    // Thu Nov 19: 6 working days -> silent.
    assert!(insights(&InsightInputs { last_sale: Some(d("2026-11-19")), ..base(&usd) }).is_empty());
    assert!(insights(&InsightInputs { last_sale: None, ..base(&usd) }).is_empty(), "no sales yet: nothing to compare");
}

#[test]
fn techniques_holding_back_and_working_best() {
    let usd = Currency::default();
    let counts = |name: &str, w, l| TechniqueCounts {
        technique_id: Some(1),
        name: name.into(),
        interactions: w + l,
        wins: w,
        losses: l,
        ..Default::default()
    };
    let overall = Some(0.5);
    let stats = [
        judge(&counts("Cold call", 1, 9), overall),
        judge(&counts("Live demo", 9, 1), overall),
        judge(&counts("Bundle", 6, 4), overall),
    ];
    let list = insights(&InsightInputs { techniques: &stats, overall_win_rate: overall, ..base(&usd) });
    assert_eq!(rules(&list), [Rule::TechniqueHoldingBack, Rule::TechniqueWorksBest]);
    assert_eq!(list[0].message, "Cold call wins 10% vs your average 50% (10 cases)");
    // Interactions logged without a technique count in the average but get no advice.
    let untagged = [judge(&TechniqueCounts { technique_id: None, ..counts("(no technique)", 1, 9) }, overall)];
    assert!(insights(&InsightInputs { techniques: &untagged, overall_win_rate: overall, ..base(&usd) }).is_empty());
}

#[test]
fn cards_overdue_and_ranking() {
    let usd = Currency::default();
    assert!(insights(&InsightInputs { cards_overdue: 0, ..base(&usd) }).is_empty());
    let complaint = [("Ada".to_string(), d("2026-11-20"))];
    let list = insights(&InsightInputs {
        cards_overdue: 3,
        open_complaints: &complaint,
        last_sale: Some(d("2026-11-01")),
        ..base(&usd)
    });
    assert_eq!(rules(&list), [Rule::ComplaintOpen, Rule::NoRecentSale, Rule::CardsOverdue]);
}
