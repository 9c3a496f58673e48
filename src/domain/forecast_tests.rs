use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn stage(id: i64, name: &str, position: i64, probability_permille: i64, idle_days: u32) -> Stage {
    Stage { id, name: name.into(), position, probability_permille, idle_days }
}

/// The default stages, listed out of order on purpose: results follow `position`.
fn stages() -> Vec<Stage> {
    vec![
        stage(3, "Proposal", 3, 500, 7),
        stage(1, "Lead", 1, 100, 14),
        stage(4, "Negotiation", 4, 750, 5),
        stage(2, "Qualified", 2, 250, 10),
    ]
}

fn deal(id: i64, stage_id: i64, value_minor: i64, close: Option<&str>) -> Deal {
    Deal {
        id,
        customer_id: id,
        customer: format!("Customer {id}"),
        title: format!("Deal {id}"),
        product_id: None,
        value_minor,
        stage_id,
        stage: String::new(),
        close_on: close.map(d),
        probability_permille: None,
        created_on: d("2026-10-01"),
        last_activity_on: d("2026-11-26"),
        status: DealStatus::Open,
        lost_reason: String::new(),
        closed_on: None,
        sale_id: None,
    }
}

fn with_status(deal: Deal, status: DealStatus) -> Deal {
    Deal { status, closed_on: Some(d("2026-11-10")), ..deal }
}

/// The forecast's input: probabilities resolved against the stages, every customer new.
fn resolved(deals: Vec<Deal>) -> Vec<(Deal, i64, bool)> {
    resolved_with(deals.into_iter().map(|deal| (deal, true)).collect())
}

fn resolved_with(deals: Vec<(Deal, bool)>) -> Vec<(Deal, i64, bool)> {
    let stages = stages();
    deals
        .into_iter()
        .map(|(deal, is_new)| {
            let probability = resolved_probability(&deal, &stages);
            (deal, probability, is_new)
        })
        .collect()
}

const TODAY: &str = "2026-11-27";
const DEADLINE: &str = "2026-12-31";

fn forecast(metric: Metric, target: i64, done: i64, deals: &[(Deal, i64, bool)]) -> Option<PipelineForecast> {
    forecast_goal(metric, target, done, d(DEADLINE), d(TODAY), deals)
}

#[test]
fn weighted_value_rounds_half_up() {
    let table = [
        (100_000, 500, 50_000),
        (1_001, 500, 501),    // 500.5
        (1_003, 500, 502),    // 501.5
        (1, 499, 0),          // 0.499
        (1, 500, 1),          // 0.5
        (333, 333, 111),      // 110.889
        (12_345, 100, 1_235), // 1234.5
        (0, 750, 0),
        (5_000, 0, 0),
        (5_000, 1_000, 5_000),
        (-1_001, 500, -500), // -500.5 rounds up, towards +infinity
        (i64::MAX, 1_000, i64::MAX),
        (i64::MAX, 2_000, i64::MAX), // saturates
    ];
    for (value, p, expected) in table {
        assert_eq!(weighted_minor(value, p), expected, "{value} x {p}");
    }
}

#[test]
fn medians_take_the_mean_of_the_middle_pair_rounded_half_up() {
    assert_eq!(median_half_up(&mut []), None);
    assert_eq!(median_half_up(&mut [3]), Some(3));
    assert_eq!(median_half_up(&mut [5, 1, 3]), Some(3));
    assert_eq!(median_half_up(&mut [4, 1]), Some(3), "2.5");
    assert_eq!(median_half_up(&mut [2, 1]), Some(2), "1.5");
    assert_eq!(median_half_up(&mut [1, 3]), Some(2));
    assert_eq!(median_half_up(&mut [30, 10, 30, 15]), Some(23), "22.5");
}

#[test]
fn probability_is_the_deals_own_else_its_stages() {
    let stages = stages();
    assert_eq!(resolved_probability(&deal(1, 3, 100, None), &stages), 500);
    assert_eq!(resolved_probability(&Deal { probability_permille: Some(900), ..deal(1, 4, 100, None) }, &stages), 900);
    assert_eq!(resolved_probability(&Deal { probability_permille: Some(0), ..deal(1, 4, 100, None) }, &stages), 0);
    assert_eq!(resolved_probability(&deal(1, 99, 100, None), &stages), 0, "unknown stage");
}

/// Deals around a revenue goal due 31 Dec, today Fri 27 Nov 2026.
fn revenue_deals() -> Vec<Deal> {
    vec![
        deal(1, 3, 400_000, Some("2026-12-15")), // Proposal 50%: in, 200,000
        Deal { probability_permille: Some(900), ..deal(2, 4, 300_000, Some(DEADLINE)) }, // own 90%, on the deadline: in, 270,000
        deal(3, 1, 1_000_000, Some("2027-01-05")),                                       // after the deadline: out
        deal(4, 2, 200_000, None),                                                       // no close date: out
        with_status(deal(5, 4, 500_000, Some("2026-12-10")), DealStatus::Won),           // a sale, in done: out
        with_status(deal(6, 3, 100_000, Some("2026-12-20")), DealStatus::Lost),          // out
        deal(7, 2, 100_001, Some("2026-11-20")), // late but open, Qualified 25%: in, 25,000.25 -> 25,000
    ]
}

#[test]
fn revenue_forecast_counts_open_deals_closing_by_the_deadline() {
    // done 10,000.00 includes deal 5's sale; the won deal adds nothing more.
    let got = forecast(Metric::Revenue, 3_000_000, 1_000_000, &resolved(revenue_deals())).unwrap();
    assert_eq!(
        got,
        PipelineForecast {
            done: 1_000_000,
            weighted_pipeline: 495_000,
            with_pipeline: 1_495_000,
            open_value: 800_001,
            remaining: 2_000_000,
            coverage_permille: Some(400), // 800,001 / 2,000,000 = 0.4000005
            deals_counted: 3,
        }
    );
}

#[test]
fn coverage_is_open_value_over_what_remains() {
    let deals = resolved(vec![deal(1, 3, 20_000, Some("2026-12-01")), deal(2, 3, 10_000, Some("2026-12-02"))]);
    let got = forecast(Metric::Revenue, 30_000, 20_000, &deals).unwrap();
    assert_eq!((got.remaining, got.open_value, got.coverage_permille), (10_000, 30_000, Some(3_000)));
    assert_eq!((got.weighted_pipeline, got.with_pipeline), (15_000, 35_000));
    let thin = forecast(Metric::Revenue, 30_000, 0, &deals).unwrap();
    assert_eq!(thin.coverage_permille, Some(1_000), "30,000 open for 30,000 to go: 1x");
    let two_thirds = forecast(Metric::Revenue, 45_001, 0, &deals).unwrap();
    assert_eq!(two_thirds.coverage_permille, Some(667), "666.66");
}

#[test]
fn nothing_remaining_has_no_coverage() {
    let deals = resolved(vec![deal(1, 3, 20_000, Some("2026-12-01"))]);
    for done in [10_000, 12_000] {
        let got = forecast(Metric::Revenue, 10_000, done, &deals).unwrap();
        assert_eq!((got.remaining, got.coverage_permille), (0, None), "done {done}");
        assert_eq!(got.with_pipeline, done + 10_000);
    }
    let empty = forecast(Metric::Revenue, 10_000, 4_000, &[]).unwrap();
    assert_eq!((empty.open_value, empty.weighted_pipeline, empty.coverage_permille), (0, 0, Some(0)));
}

#[test]
fn after_the_deadline_no_deal_can_help() {
    let got =
        forecast_goal(Metric::Revenue, 3_000_000, 1_000_000, d(DEADLINE), d("2027-01-01"), &resolved(revenue_deals()))
            .unwrap();
    assert_eq!((got.open_value, got.weighted_pipeline, got.with_pipeline, got.deals_counted), (0, 0, 1_000_000, 0));
    let on_the_day =
        forecast_goal(Metric::Revenue, 3_000_000, 1_000_000, d(DEADLINE), d(DEADLINE), &resolved(revenue_deals()));
    assert_eq!(on_the_day.unwrap().deals_counted, 3, "the deadline itself still counts");
}

#[test]
fn deals_goal_sums_permille_then_rounds_once() {
    let deals = resolved(vec![
        deal(1, 3, 1, Some("2026-12-01")),                               // 500
        deal(2, 2, 1, Some("2026-12-01")),                               // 250
        deal(3, 4, 1, Some("2026-12-01")),                               // 750
        deal(4, 1, 1, Some("2026-11-01")),                               // 100, late
        deal(5, 4, 1, Some("2027-01-01")),                               // out
        with_status(deal(6, 4, 1, Some("2026-12-01")), DealStatus::Won), // out
    ]);
    let got = forecast(Metric::Deals, 10, 4, &deals).unwrap();
    // 1,600 permille = 1.6 expected deals -> 2; 4 open for 6 to go = 666.67 -> 667.
    assert_eq!((got.weighted_pipeline, got.with_pipeline, got.open_value), (2, 6, 4));
    assert_eq!((got.remaining, got.coverage_permille, got.deals_counted), (6, Some(667), 4));
    let table = [(vec![250, 250], 1), (vec![249, 250], 0), (vec![500, 1_000], 2), (vec![], 0)];
    for (probabilities, expected) in table {
        let deals: Vec<_> = probabilities
            .iter()
            .enumerate()
            .map(|(i, p)| (deal(i as i64, 3, 1, Some("2026-12-01")), *p, true))
            .collect();
        assert_eq!(forecast(Metric::Deals, 5, 0, &deals).unwrap().weighted_pipeline, expected, "{probabilities:?}");
    }
}

#[test]
fn units_count_only_deals_with_a_product() {
    let product = |deal: Deal| Deal { product_id: Some(7), ..deal };
    let deals = resolved(vec![
        product(deal(1, 3, 100, Some("2026-12-01"))), // 500
        product(deal(2, 4, 100, Some("2026-12-01"))), // 750
        Deal { probability_permille: Some(1_000), ..deal(3, 4, 100, Some("2026-12-01")) }, // no product
        product(deal(4, 4, 100, None)),               // no close date
    ]);
    let got = forecast(Metric::Units, 20, 5, &deals).unwrap();
    // 1,250 permille -> 1 unit; 2 open for 15 to go = 133.33 -> 133.
    assert_eq!((got.weighted_pipeline, got.with_pipeline, got.open_value), (1, 6, 2));
    assert_eq!((got.coverage_permille, got.deals_counted), (Some(133), 2));
}

#[test]
fn new_customers_count_each_new_customer_once_at_its_likeliest_deal() {
    let of = |id: i64, customer_id: i64, stage_id: i64, close: Option<&str>| Deal {
        customer_id,
        ..deal(id, stage_id, 1, close)
    };
    let deals = resolved_with(vec![
        (of(1, 10, 2, Some("2026-12-01")), true),  // customer 10 at 250 ...
        (of(2, 10, 4, Some("2026-12-05")), true),  // ... and at 750: counted once, at 750
        (of(3, 11, 3, Some("2026-12-01")), true),  // customer 11 at 500
        (of(4, 12, 4, Some("2026-12-01")), false), // customer 12 has bought: out
        (of(5, 13, 4, Some("2027-02-01")), true),  // after the deadline: out
        (with_status(of(6, 14, 4, Some("2026-12-01")), DealStatus::Won), true), // a sale already: out
        (of(7, 15, 4, None), true),                // no close date: out
    ]);
    let got = forecast(Metric::NewCustomers, 5, 1, &deals).unwrap();
    // 750 + 500 = 1,250 permille -> 1; 2 customers for 4 to go = 500.
    assert_eq!((got.weighted_pipeline, got.with_pipeline, got.open_value), (1, 2, 2));
    assert_eq!((got.remaining, got.coverage_permille, got.deals_counted), (4, Some(500), 2));
}

#[test]
fn contacts_and_custom_goals_are_not_forecast() {
    let deals = resolved(revenue_deals());
    assert_eq!(forecast(Metric::Contacts, 10, 0, &deals), None);
    assert_eq!(forecast(Metric::Custom, 10, 0, &deals), None);
}

fn totals(count: usize, value_minor: i64, weighted_minor: i64) -> Totals {
    Totals { count, value_minor, weighted_minor }
}

#[test]
fn pipeline_by_stage_in_stage_order_with_a_window() {
    let deals = vec![
        deal(1, 1, 1_000_000, Some("2027-01-05")), // Lead 10%: 100,000
        Deal { probability_permille: Some(300), ..deal(2, 1, 50_000, Some("2026-12-01")) }, // own 30%: 15,000
        deal(3, 2, 200_000, None),                 // Qualified 25%: 50,000
        deal(4, 3, 400_000, Some("2026-12-15")),   // Proposal: 200,000
        deal(5, 3, 100_001, Some("2026-11-20")),   // late: 50,000.5 -> 50,001
        with_status(deal(6, 4, 500_000, Some("2026-12-10")), DealStatus::Won),
        with_status(deal(7, 2, 80_000, Some("2026-12-10")), DealStatus::Lost),
        deal(8, 99, 1, Some("2026-12-01")), // unknown stage: nowhere
    ];
    let table = [
        (
            None,
            [totals(2, 1_050_000, 115_000), totals(1, 200_000, 50_000), totals(2, 500_001, 250_001), totals(0, 0, 0)],
            totals(5, 1_750_001, 415_001),
        ),
        (
            Some("2026-12-31"),
            [totals(1, 50_000, 15_000), totals(0, 0, 0), totals(2, 500_001, 250_001), totals(0, 0, 0)],
            totals(3, 550_001, 265_001),
        ),
        (
            Some("2026-12-01"),
            [totals(1, 50_000, 15_000), totals(0, 0, 0), totals(1, 100_001, 50_001), totals(0, 0, 0)],
            totals(2, 150_001, 65_001),
        ),
        (Some("2026-11-19"), [totals(0, 0, 0); 4], totals(0, 0, 0)),
    ];
    for (until, columns, overall) in table {
        let got = pipeline_by_stage(&stages(), &deals, until.map(d));
        let names: Vec<&str> = got.by_stage.iter().map(|s| s.stage.as_str()).collect();
        assert_eq!(names, ["Lead", "Qualified", "Proposal", "Negotiation"]);
        let ids: Vec<i64> = got.by_stage.iter().map(|s| s.stage_id).collect();
        assert_eq!(ids, [1, 2, 3, 4]);
        let got_columns: Vec<Totals> = got.by_stage.iter().map(|s| s.totals).collect();
        assert_eq!(got_columns, columns, "until {until:?}");
        assert_eq!(got.overall, overall, "until {until:?}");
    }
}

fn step(deal_id: i64, stage_id: i64, entered_on: &str) -> StageMove {
    StageMove { deal_id, stage_id, entered_on: d(entered_on) }
}

fn closed(deal_id: i64, status: DealStatus, on: &str) -> DealClose {
    DealClose { deal_id, status, closed_on: Some(d(on)) }
}

/// Six deals over the year to Mon 30 Nov 2026 (stages 1 Lead, 2 Qualified, 3 Proposal,
/// 4 Negotiation), listed out of order. Days per stay in the comments.
fn history() -> (Vec<StageMove>, Vec<DealClose>) {
    let moves = vec![
        // 1: L 10, Q 10, P 10, N 6, won.
        step(1, 4, "2026-02-04"),
        step(1, 1, "2026-01-05"),
        step(1, 3, "2026-01-25"),
        step(1, 2, "2026-01-15"),
        // 2: L 4, Q 30 (February has 28 days), lost.
        step(2, 1, "2026-02-01"),
        step(2, 2, "2026-02-05"),
        // 3: L 20, skips Qualified, P 20, N 2, lost.
        step(3, 1, "2026-03-01"),
        step(3, 3, "2026-03-21"),
        step(3, 4, "2026-04-10"),
        // 4: L 8, lost.
        step(4, 1, "2026-05-01"),
        // 5: L 2, Q 10, P 7, back to Q 5, P again from 25 Jun, still open: 158 to today.
        step(5, 1, "2026-06-01"),
        step(5, 2, "2026-06-03"),
        step(5, 3, "2026-06-13"),
        step(5, 2, "2026-06-20"),
        step(5, 3, "2026-06-25"),
        // 6: L before the window (not counted), Q 30, won straight from Qualified.
        step(6, 1, "2025-11-10"),
        step(6, 2, "2025-12-10"),
        // 7: a move after today is ignored.
        step(7, 1, "2026-12-05"),
    ];
    let closes = vec![
        closed(1, DealStatus::Won, "2026-02-10"),
        closed(2, DealStatus::Lost, "2026-03-07"),
        closed(3, DealStatus::Lost, "2026-04-12"),
        closed(4, DealStatus::Lost, "2026-05-09"),
        DealClose { deal_id: 5, status: DealStatus::Open, closed_on: None },
        closed(6, DealStatus::Won, "2026-01-09"),
    ];
    (moves, closes)
}

fn row(conversion: &StageConversion) -> (&str, usize, usize, Option<i64>, Option<i64>) {
    (
        conversion.stage.as_str(),
        conversion.entered,
        conversion.advanced,
        conversion.share_permille,
        conversion.median_days,
    )
}

#[test]
fn conversion_and_median_days_from_a_fixed_history() {
    let (moves, closes) = history();
    let got = conversion(&stages(), &moves, &closes, d("2025-12-01"), d("2026-11-30"));
    let rows: Vec<_> = got.iter().map(row).collect();
    assert_eq!(
        rows,
        [
            // 1..5 entered; 4 left it for a later stage. Days 2 4 8 10 20: median 8 (odd).
            ("Lead", 5, 4, Some(800), Some(8)),
            // 1 2 5 6 entered; 1 and 5 moved on, 6 was won, 2 was lost. Days 10 15 30 30:
            // (15 + 30) / 2 = 22.5 -> 23 (even, half up). Deal 5's two stays add up to 15.
            ("Qualified", 4, 3, Some(750), Some(23)),
            // 1 3 5; 5 is still there. 2 of 3 = 666.67 -> 667. Days 10 20 165: median 20.
            ("Proposal", 3, 2, Some(667), Some(20)),
            // 1 won from the last stage, 3 lost there. Days 2 6: median 4 (even, exact).
            ("Negotiation", 2, 1, Some(500), Some(4)),
        ]
    );
    assert_eq!(got.iter().map(|c| c.stage_id).collect::<Vec<_>>(), [1, 2, 3, 4]);
}

#[test]
fn conversion_counts_moves_on_or_after_since() {
    let (moves, closes) = history();
    // From 5 Jan: deal 1's Lead entry on that very day counts, deal 6's Qualified does not.
    let got = conversion(&stages(), &moves, &closes, d("2026-01-05"), d("2026-11-30"));
    assert_eq!(row(&got[0]), ("Lead", 5, 4, Some(800), Some(8)));
    assert_eq!(row(&got[1]), ("Qualified", 3, 2, Some(667), Some(15)));
    // From 1 Jun only deal 5, still open in Proposal; nothing reached Negotiation.
    let got = conversion(&stages(), &moves, &closes, d("2026-06-01"), d("2026-11-30"));
    let rows: Vec<_> = got.iter().map(row).collect();
    assert_eq!(
        rows,
        [
            ("Lead", 1, 1, Some(1_000), Some(2)),
            ("Qualified", 1, 1, Some(1_000), Some(15)),
            ("Proposal", 1, 0, Some(0), Some(165)),
            ("Negotiation", 0, 0, None, None),
        ]
    );
    // A day later the open stay in Proposal has grown by one.
    let got = conversion(&stages(), &moves, &closes, d("2026-06-01"), d("2026-12-01"));
    assert_eq!(got[2].median_days, Some(166));
}

fn conv(name: &str, entered: usize, median_days: Option<i64>) -> StageConversion {
    StageConversion {
        stage_id: i64::from(name.as_bytes()[0]),
        stage: name.into(),
        entered,
        advanced: 0,
        share_permille: None,
        median_days,
    }
}

fn stalls(rows: &[(usize, Option<i64>)]) -> Option<(String, i64, i64, usize)> {
    let names = ["Lead", "Qualified", "Proposal", "Negotiation", "Won back"];
    let conversion: Vec<_> = rows.iter().zip(names).map(|((n, m), name)| conv(name, *n, *m)).collect();
    stalling_stage(&conversion).map(|s| (s.stage, s.median_days, s.others_median_days, s.deals))
}

#[test]
fn a_stage_stalls_at_twice_the_others_median_with_five_deals() {
    let stalled = |name: &str, m, others, n| Some((name.to_string(), m, others, n));
    // Proposal's others: 5 4 6 -> 5; the threshold is 10 days.
    assert_eq!(stalls(&[(6, Some(5)), (6, Some(4)), (6, Some(12)), (6, Some(6))]), stalled("Proposal", 12, 5, 6));
    assert_eq!(stalls(&[(6, Some(5)), (6, Some(4)), (6, Some(10)), (6, Some(6))]), stalled("Proposal", 10, 5, 6));
    assert_eq!(stalls(&[(6, Some(5)), (6, Some(4)), (6, Some(9)), (6, Some(6))]), None, "one day short");
    // Five deals is enough, four is not.
    assert_eq!(stalls(&[(6, Some(5)), (6, Some(4)), (5, Some(12)), (6, Some(6))]), stalled("Proposal", 12, 5, 5));
    assert_eq!(stalls(&[(6, Some(5)), (6, Some(4)), (4, Some(12)), (6, Some(6))]), None);
    // Others with an even count: 4 6 7 8 -> 6.5 -> 7; 14 stalls, 13 does not.
    let five = |m| [(5, Some(4)), (5, Some(6)), (5, Some(m)), (5, Some(7)), (5, Some(8))];
    assert_eq!(stalls(&five(14)), stalled("Proposal", 14, 7, 5));
    assert_eq!(stalls(&five(13)), None);
    // Stages without deals are not "the others"; with no other median there is no stall.
    assert_eq!(stalls(&[(0, None), (6, Some(3)), (6, Some(6)), (0, None)]), stalled("Proposal", 6, 3, 6));
    assert_eq!(stalls(&[(0, None), (0, None), (9, Some(30)), (0, None)]), None);
    // Nothing stalls at 0 days, even against 0.
    assert_eq!(stalls(&[(6, Some(0)), (6, Some(0)), (6, Some(0)), (6, Some(0))]), None);
    assert_eq!(stalls(&[(6, Some(0)), (6, Some(0)), (6, Some(1)), (6, Some(0))]), stalled("Proposal", 1, 0, 6));
    // Two stalling stages: the longest, the earlier on a tie.
    assert_eq!(stalls(&[(6, Some(1)), (6, Some(1)), (6, Some(10)), (6, Some(10))]), stalled("Proposal", 10, 1, 6));
    assert_eq!(stalls(&[(6, Some(1)), (6, Some(1)), (6, Some(10)), (6, Some(11))]), stalled("Negotiation", 11, 1, 6));
    assert_eq!(stalls(&[]), None);
}

#[test]
fn big_cold_deals_are_over_twice_the_median_open_value() {
    let today = d(TODAY);
    let idle_since = |deal: Deal, last: &str| Deal { last_activity_on: d(last), ..deal };
    let deals = vec![
        idle_since(deal(1, 3, 50, None), "2026-11-01"),  // small and cold
        idle_since(deal(2, 3, 100, None), "2026-11-01"), // small and cold
        deal(3, 3, 300, None),
        deal(4, 3, 500, None),
        deal(5, 3, 500, None),
        idle_since(deal(6, 3, 1_000, None), "2026-11-10"), // cold, exactly twice: not counted
        deal(7, 3, 1_001, Some("2026-11-20")),             // late by 7 days: counted
        idle_since(deal(8, 1, 2_500, None), "2026-11-12"), // Lead, 15 idle days > 14: counted
        deal(9, 3, 3_000, None),                           // big but warm
        with_status(idle_since(deal(10, 3, 9_000, None), "2026-10-01"), DealStatus::Won), // closed
    ];
    // Open values 50 100 300 500 500 1,000 1,001 2,500 3,000: median 500, twice 1,000.
    let got: Vec<(i64, Cold)> = big_cold_deals(&deals, &stages(), today).iter().map(|b| (b.deal.id, b.cold)).collect();
    assert_eq!(got, [(8, Cold::Idle(15)), (7, Cold::PastClose(7))]);
    // One more warm 1,000 moves the median to (500 + 1,000) / 2 = 750: nothing is over 1,500 but
    // deal 8 (2,500) and 9 (warm).
    let mut more = deals.clone();
    more.push(deal(11, 3, 1_000, None));
    let got: Vec<i64> = big_cold_deals(&more, &stages(), today).iter().map(|b| b.deal.id).collect();
    assert_eq!(got, [8]);
    // At Lead's limit exactly (14 idle days) deal 8 is still warm (median 300, twice 600).
    let warm = vec![deal(3, 3, 300, None), deal(4, 3, 300, None), idle_since(deal(8, 1, 2_500, None), "2026-11-13")];
    assert!(big_cold_deals(&warm, &stages(), today).is_empty());
    let a_day_later = big_cold_deals(&warm, &stages(), d("2026-11-28"));
    assert_eq!(a_day_later.iter().map(|b| (b.deal.id, b.cold)).collect::<Vec<_>>(), [(8, Cold::Idle(15))]);
    assert!(big_cold_deals(&[], &stages(), today).is_empty());
}
