use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The weights of the FSRS reference test vectors (ts-fsrs, rs-fsrs `test_long_term_scheduler`).
const REFERENCE_WEIGHTS: [f64; 19] = [
    0.4197, 1.1869, 3.0412, 15.2441, 7.1434, 0.6477, 1.0007, 0.0674, 1.6597, 0.1712, 1.1178, 2.0225, 0.0904, 0.3025,
    2.1214, 0.2498, 2.9466, 0.4891, 0.6468,
];

#[test]
fn published_reference_intervals() {
    use Grade::*;
    let scheduler = Scheduler::with_weights(Some(REFERENCE_WEIGHTS));
    let grades = [Good, Good, Good, Good, Good, Good, Again, Again, Good, Good, Good, Good, Good];
    let mut memory = Memory::new(d("2022-11-29"));
    let mut today = d("2022-11-29");
    let mut intervals = Vec::new();
    let mut stabilities = Vec::new();
    for grade in grades {
        memory = scheduler.review(&memory, grade, today);
        intervals.push(memory.scheduled_days);
        stabilities.push((memory.stability * 10_000.0).round() / 10_000.0);
        today = memory.due_on;
    }
    // Reviewed on each due day.
    assert_eq!(intervals, [3, 13, 48, 155, 445, 1158, 17, 3, 9, 27, 74, 190, 457]);
    assert_eq!(&stabilities[..3], &[3.0412, 13.0913, 48.1585]);
    assert_eq!(memory.lapses, 2);
    assert_eq!(memory.reps, 13);
}

#[test]
fn first_review_with_the_default_weights_by_hand() {
    // Initial stability is w[0..4] = 0.4072, 1.1829, 3.1262, 15.4722 days; at 90% retention
    // the interval equals the stability, rounded, at least 1 day, and each grade's interval
    // is kept above the one before it: Again 1, Hard max(1, 1 + 1) = 2, Good 3, Easy 15.
    let s = Scheduler::default();
    let today = d("2026-11-27");
    let new = Memory::new(today);
    let days: Vec<i64> = [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy]
        .iter()
        .map(|g| s.review(&new, *g, today).scheduled_days)
        .collect();
    assert_eq!(days, [1, 2, 3, 15]);
    let good = s.review(&new, Grade::Good, today);
    assert_eq!(
        (good.due_on, good.state, good.reps, good.last_review_on),
        (d("2026-11-30"), CardState::Review, 1, Some(today))
    );
    // D0(G) = w4 - e^(w5 (G - 1)) + 1 = 7.2102 - e^(1.0632) + 1 = 5.3146.
    assert!((good.difficulty - 5.3146).abs() < 1e-3, "{}", good.difficulty);
}

#[test]
fn a_lapse_shortens_the_interval_and_counts() {
    let s = Scheduler::default();
    let mut today = d("2026-11-01");
    let mut memory = Memory::new(today);
    for _ in 0..3 {
        memory = s.review(&memory, Grade::Good, today);
        today = memory.due_on;
    }
    let before = memory.scheduled_days;
    let lapsed = s.review(&memory, Grade::Again, today);
    assert_eq!(lapsed.lapses, 1);
    // Day-based scheduling has no relearning steps: the card stays in review, due sooner.
    assert_eq!(lapsed.state, CardState::Review);
    assert!(lapsed.scheduled_days < before, "{} then {}", before, lapsed.scheduled_days);
    assert!(lapsed.stability < memory.stability);
}

#[test]
fn the_daily_queue_respects_due_dates_and_the_new_card_limit() {
    let today = d("2026-11-27");
    let card = |id, is_new, due: &str| QueueCard { id, is_new, due_on: d(due) };
    let cards = [
        card(1, false, "2026-11-28"), // tomorrow: not yet
        card(2, false, "2026-11-20"),
        card(3, true, "2026-11-27"),
        card(4, false, "2026-11-27"),
        card(5, true, "2026-11-27"),
        card(6, true, "2026-11-27"),
        card(7, false, "2026-11-20"),
    ];
    assert_eq!(daily_queue(&cards, today, 2, 0), vec![2, 7, 4, 3, 5]);
    assert_eq!(daily_queue(&cards, today, 2, 1), vec![2, 7, 4, 3]);
    assert_eq!(daily_queue(&cards, today, 2, 5), vec![2, 7, 4]);
    assert_eq!(daily_queue(&cards, today, 0, 0), vec![2, 7, 4]);
    assert_eq!(daily_queue(&[], today, 10, 0), Vec::<i64>::new());
}

#[test]
fn grades_by_number() {
    assert_eq!(Grade::from_number(1), Some(Grade::Again));
    assert_eq!(Grade::from_number(4), Some(Grade::Easy));
    assert_eq!(Grade::from_number(0), None);
    assert_eq!(Grade::from_number(5), None);
    assert_eq!(Grade::Good.number(), 3);
    assert!(Grade::Easy.is_recalled() && Grade::Good.is_recalled() && !Grade::Hard.is_recalled());
}
