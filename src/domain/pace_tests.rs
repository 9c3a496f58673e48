//! Hand-computed pace cases. Calendar: 2026-12-01 is a Tuesday; December 2026 has 23
//! working days Mon-Fri (Tue 1 - Fri 4: 4, then 5 + 5 + 5, then Mon 28 - Thu 31: 4).

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn window(target: i64, start: &str, deadline: &str) -> GoalWindow {
    GoalWindow { target, start: d(start), deadline: d(deadline), working_days: WorkingDays::default() }
}

fn days(list: &[(&str, i64)]) -> Vec<(NaiveDate, i64)> {
    list.iter().map(|(s, a)| (d(s), *a)).collect()
}

#[test]
fn revenue_30000_in_december_with_9000_done_on_the_11th() {
    // $30,000 = 3,000,000 cents; $1,000 logged on each of the 9 working days Dec 1-11.
    let goal = window(3_000_000, "2026-12-01", "2026-12-31");
    let log = days(&[
        ("2026-12-01", 100_000),
        ("2026-12-02", 100_000),
        ("2026-12-03", 100_000),
        ("2026-12-04", 100_000),
        ("2026-12-07", 100_000),
        ("2026-12-08", 100_000),
        ("2026-12-09", 100_000),
        ("2026-12-10", 100_000),
        ("2026-12-11", 100_000),
    ]);
    let p = compute(&goal, &log, d("2026-12-11"));
    assert_eq!(p.done, 900_000);
    assert_eq!(p.done_permille, 300); // 30.0 %
    assert_eq!((p.working_days_total, p.working_days_elapsed, p.working_days_left), (23, 9, 15));
    assert_eq!(p.time_permille, 391); // 9 / 23 = 39.1 %
    assert_eq!(p.expected, 1_173_914); // 3,000,000 x 9 / 23 = 1,173,913.04, rounded up
    assert_eq!(p.ahead, -273_914); // $2,739.14 behind
    assert_eq!(p.remaining, 2_100_000);
    assert_eq!(p.required_per_day, Some(140_000)); // 2,100,000 / 15 = $1,400.00
    assert_eq!(p.required_per_week, Some(700_000)); // x 5 = $7,000.00
    assert_eq!(p.buffer_days, Some(0));
    assert_eq!(p.colour, BufferColour::Red);
    assert_eq!(p.rate, Some(Rate { amount: 900_000, working_days: 9, from: d("2026-12-01"), to: d("2026-12-11") }));
    // 14 working days after today at $1,000 each: 9,000 + 14,000.
    assert_eq!(p.projected, Some(2_300_000));
    // 21,000 more at 1,000 a day = 21 working days after Dec 11.
    assert_eq!(p.finish, Some(d("2027-01-11")));
    assert_eq!(p.status, PaceStatus::AtRisk);
    let due: Vec<(NaiveDate, bool, i64, i64)> =
        p.due_by.iter().map(|x| (x.date, x.is_working_day, x.ideal, x.needed)).collect();
    assert_eq!(
        due,
        vec![
            (d("2026-12-11"), true, 1_173_914, 273_914),
            (d("2026-12-12"), false, 1_173_914, 273_914),
            (d("2026-12-13"), false, 1_173_914, 273_914),
            (d("2026-12-14"), true, 1_304_348, 404_348), // x 10 / 23 = 1,304,347.83
            (d("2026-12-15"), true, 1_434_783, 534_783), // x 11 / 23 = 1,434,782.61
            (d("2026-12-16"), true, 1_565_218, 665_218), // x 12 / 23 = 1,565,217.39
            (d("2026-12-17"), true, 1_695_653, 795_653), // x 13 / 23 = 1,695,652.17
        ]
    );
}

#[test]
fn start_in_the_future() {
    let goal = window(3_000_000, "2026-12-01", "2026-12-31");
    let p = compute(&goal, &[], d("2026-11-27"));
    assert_eq!(p.status, PaceStatus::NotStarted);
    assert_eq!((p.done, p.expected, p.ahead), (0, 0, 0));
    assert_eq!((p.working_days_elapsed, p.working_days_left, p.time_permille), (0, 23, 0));
    assert_eq!(p.required_per_day, Some(130_435)); // 3,000,000 / 23 = 130,434.78, rounded up
    assert_eq!(p.required_per_week, Some(652_174)); // x 5 / 23 = 652,173.91, rounded up
    assert_eq!(p.buffer_days, None);
    assert_eq!((p.rate, p.projected, p.finish), (None, None, None));
    assert_eq!(p.colour, BufferColour::Green);
    let needed: Vec<i64> = p.due_by.iter().map(|x| x.needed).collect();
    // Nothing before Tue Dec 1; then 1/23, 2/23 and 3/23 of the target, rounded up
    // (130,434.78, 260,869.57, 391,304.35).
    assert_eq!(needed, vec![0, 0, 0, 0, 130_435, 260_870, 391_305]);
}

#[test]
fn deadline_today() {
    // Nov 2 (Mon) to Nov 27 (Fri): 20 working days. 80 of 100 done.
    let goal = window(100, "2026-11-02", "2026-11-27");
    let log = days(&[("2026-11-05", 40), ("2026-11-20", 40)]);
    let p = compute(&goal, &log, d("2026-11-27"));
    assert_eq!((p.working_days_total, p.working_days_elapsed, p.working_days_left), (20, 20, 1));
    assert_eq!((p.expected, p.ahead, p.time_permille, p.done_permille), (100, -20, 1000, 800));
    assert_eq!((p.required_per_day, p.required_per_week), (Some(20), Some(20)));
    assert_eq!(p.buffer_days, Some(0));
    // Trailing Nov 14-27 holds 10 working days and the 40 from Nov 20.
    assert_eq!(p.rate.map(|r| (r.amount, r.working_days)), Some((40, 10)));
    assert_eq!(p.projected, Some(80), "no working days after today");
    assert_eq!(p.finish, Some(d("2026-12-04"))); // 20 more at 4 a day: 5 working days
    assert_eq!(p.status, PaceStatus::AtRisk);
}

#[test]
fn deadline_passed_without_the_target() {
    let goal = window(100, "2026-11-02", "2026-11-27");
    let log = days(&[("2026-11-05", 40), ("2026-11-20", 40), ("2026-11-30", 50)]);
    let p = compute(&goal, &log, d("2026-11-30"));
    assert_eq!(p.done, 80, "the sale after the deadline does not count");
    assert_eq!(p.status, PaceStatus::Missed);
    assert_eq!(p.colour, BufferColour::Red);
    assert_eq!((p.buffer_days, p.required_per_day, p.finish), (None, None, None));
    assert_eq!((p.projected, p.working_days_left, p.expected), (Some(80), 0, 100));
}

#[test]
fn deadline_passed_with_the_target_met() {
    let goal = window(100, "2026-11-02", "2026-11-27");
    let log = days(&[("2026-11-05", 60), ("2026-11-20", 40), ("2026-11-30", 10)]);
    let p = compute(&goal, &log, d("2026-12-02"));
    assert_eq!((p.done, p.remaining), (100, 0));
    assert_eq!(p.status, PaceStatus::Achieved);
    assert_eq!(p.finish, Some(d("2026-11-20")));
    assert_eq!((p.required_per_day, p.colour), (Some(0), BufferColour::Green));
}

#[test]
fn target_met_early() {
    let goal = window(10, "2026-12-01", "2026-12-31");
    let log = days(&[("2026-12-02", 6), ("2026-12-03", 5)]);
    let p = compute(&goal, &log, d("2026-12-04"));
    assert_eq!((p.done, p.done_permille, p.status), (11, 1100, PaceStatus::Achieved));
    assert_eq!(p.finish, Some(d("2026-12-03")));
    assert_eq!(p.buffer_days, Some(20), "every working day left is buffer");
    assert_eq!((p.required_per_day, p.required_per_week), (Some(0), Some(0)));
}

#[test]
fn zero_working_days_left() {
    // Mon Nov 23 - Sun Nov 29; today Saturday.
    let goal = window(50, "2026-11-23", "2026-11-29");
    let log = days(&[("2026-11-23", 10), ("2026-11-24", 10), ("2026-11-25", 10)]);
    let p = compute(&goal, &log, d("2026-11-28"));
    assert_eq!((p.working_days_total, p.working_days_elapsed, p.working_days_left), (5, 5, 0));
    assert_eq!((p.expected, p.ahead), (50, -20));
    assert_eq!((p.required_per_day, p.required_per_week), (None, None));
    assert_eq!(p.buffer_days, Some(0));
    assert_eq!(p.projected, Some(30));
    assert_eq!(p.finish, Some(d("2026-12-03"))); // 20 more at 6 a day: 4 working days
    assert_eq!(p.status, PaceStatus::AtRisk);
}

#[test]
fn weekend_only_activity_counts() {
    // 23 over December's 23 working days: the ideal line is 1 per working day.
    let goal = window(23, "2026-12-01", "2026-12-31");
    let log = days(&[("2026-12-05", 3), ("2026-12-06", 3)]);
    let p = compute(&goal, &log, d("2026-12-07"));
    assert_eq!((p.done, p.working_days_elapsed, p.expected, p.ahead), (6, 5, 5, 1));
    assert_eq!(p.buffer_days, Some(2)); // ideal 5 (Mon) and 6 (Tue) are met, 7 (Wed) is not
    assert_eq!(p.colour, BufferColour::Blue);
    assert_eq!(p.status, PaceStatus::OnPace);
    assert_eq!(p.working_days_left, 19);
    assert_eq!((p.required_per_day, p.required_per_week), (Some(1), Some(5))); // 17/19; 17x5/19 = 4.47
    assert_eq!(p.projected, Some(28)); // 6 + 6/5 x 18 = 6 + 21.6
    assert_eq!(p.finish, Some(d("2026-12-28"))); // 17 x 5/6 = 14.2 -> 15 working days
}

#[test]
fn refunds_drop_progress() {
    let goal = window(1_000_000, "2026-12-01", "2026-12-31");
    let log = days(&[("2026-12-02", 600_000), ("2026-12-08", -200_000)]);
    let before = compute(&goal, &log, d("2026-12-07"));
    assert_eq!(before.done, 600_000);
    let p = compute(&goal, &log, d("2026-12-08"));
    assert_eq!(p.done, 400_000);
    assert_eq!(p.expected, 260_870); // 1,000,000 x 6 / 23 = 260,869.57
    assert_eq!(p.ahead, 139_130);
    assert_eq!(p.buffer_days, Some(4)); // ideal at 6, 7, 8, 9 working days <= 400,000 (9 -> 391,305)
    assert_eq!((p.colour, p.status), (BufferColour::Green, PaceStatus::OnPace));
}

#[test]
fn custom_goal_with_manual_entries() {
    let goal = window(20, "2026-12-01", "2026-12-31");
    let log = days(&[("2026-11-30", 5), ("2026-12-03", 2), ("2026-12-03", 1), ("2026-12-10", 4), ("2026-12-12", 3)]);
    let p = compute(&goal, &log, d("2026-12-10"));
    assert_eq!(p.done, 7, "entries before the start and after today are left out");
    assert_eq!(p.expected, 7); // 20 x 8 / 23 = 6.96
    assert_eq!(p.buffer_days, Some(1)); // tomorrow's ideal is 20 x 9 / 23 = 7.83 -> 8
    assert_eq!((p.colour, p.status), (BufferColour::Orange, PaceStatus::OnPace));
}

#[test]
fn a_window_with_no_activity_at_all() {
    let goal = window(23, "2026-12-01", "2026-12-31");
    let p = compute(&goal, &[], d("2026-12-15"));
    assert_eq!((p.done, p.expected, p.ahead), (0, 11, -11));
    assert_eq!(p.rate.map(|r| (r.amount, r.working_days)), Some((0, 10)));
    assert_eq!(p.projected, Some(0));
    assert_eq!(p.finish, None, "not at this rate");
    assert_eq!((p.required_per_day, p.required_per_week), (Some(2), Some(9))); // 23/13; 23x5/13 = 8.85
    assert_eq!((p.status, p.colour), (PaceStatus::AtRisk, BufferColour::Red));
}

#[test]
fn behind_but_the_current_rate_catches_up() {
    // Nov 2 - Dec 31: 21 + 23 = 44 working days, target 44.
    let goal = window(44, "2026-11-02", "2026-12-31");
    let log = days(&[("2026-11-03", 10), ("2026-12-10", 9), ("2026-12-11", 9)]);
    let p = compute(&goal, &log, d("2026-12-11"));
    assert_eq!((p.done, p.expected, p.working_days_elapsed), (28, 30, 30));
    // Trailing Nov 28 - Dec 11: 10 working days holding 18.
    assert_eq!(p.rate.map(|r| (r.amount, r.working_days)), Some((18, 10)));
    assert_eq!(p.projected, Some(53)); // 28 + 1.8 x 14 = 53.2
    assert_eq!(p.status, PaceStatus::Behind);
    assert_eq!(p.finish, Some(d("2026-12-24"))); // 16 / 1.8 = 8.9 -> 9 working days
    assert_eq!((p.required_per_day, p.required_per_week), (Some(2), Some(6))); // 16/15; 16x5/15 = 5.33
}

#[test]
fn weekend_goal_with_no_working_days() {
    let goal = window(10, "2026-11-28", "2026-11-29");
    let p = compute(&goal, &days(&[("2026-11-28", 4)]), d("2026-11-28"));
    assert_eq!((p.working_days_total, p.expected, p.required_per_day), (0, 0, None));
    assert_eq!(p.status, PaceStatus::OnPace);
    let p = compute(&goal, &days(&[("2026-11-28", 4)]), d("2026-11-29"));
    assert_eq!((p.expected, p.status), (10, PaceStatus::AtRisk));
}

#[test]
fn working_day_count_matches_a_day_by_day_count() {
    for mask in [0b001_1111u8, 0b111_1111, 0b000_0001, 0b110_0000, 0b010_1010] {
        let days = WorkingDays(mask);
        let start = d("2026-11-20");
        for len in 0..40 {
            let end = start + Days::new(len);
            let mut slow = 0;
            let mut day = start;
            while day <= end {
                slow += i64::from(days.contains(day));
                day = day.succ_opt().unwrap();
            }
            assert_eq!(count_working_days(days, start, end), slow, "mask {mask:b} len {len}");
        }
    }
    assert_eq!(count_working_days(WorkingDays::default(), d("2026-12-02"), d("2026-12-01")), 0);
}

#[test]
fn buffer_colours() {
    assert_eq!(BufferColour::from_buffer(0), BufferColour::Red);
    assert_eq!(BufferColour::from_buffer(1), BufferColour::Orange);
    assert_eq!(BufferColour::from_buffer(2), BufferColour::Blue);
    assert_eq!(BufferColour::from_buffer(3), BufferColour::Green);
    assert_eq!(BufferColour::from_buffer(30), BufferColour::Green);
}

#[test]
fn goals_needing_attention_sort_first() {
    let today = d("2026-12-11");
    // Same window: behind on one (little done), ahead on the other, achieved on the third.
    let behind = compute(&window(100, "2026-12-01", "2026-12-31"), &days(&[("2026-12-01", 10)]), today);
    let ahead = compute(&window(100, "2026-12-01", "2026-12-31"), &days(&[("2026-12-01", 80)]), today);
    let done = compute(&window(100, "2026-12-01", "2026-12-31"), &days(&[("2026-12-01", 100)]), today);
    assert_eq!(done.status, PaceStatus::Achieved);
    let deadline = d("2026-12-31");
    let mut keys = [
        ("done", attention_key(&done, deadline)),
        ("ahead", attention_key(&ahead, deadline)),
        ("behind", attention_key(&behind, deadline)),
    ];
    keys.sort_by_key(|(_, k)| *k);
    assert_eq!(keys.map(|(n, _)| n), ["behind", "ahead", "done"]);
    // Two goals on pace: the thinner buffer first, then the nearer deadline.
    let on_pace = |buffer| Pace { buffer_days: Some(buffer), status: PaceStatus::OnPace, ..ahead.clone() };
    assert!(attention_key(&on_pace(2), deadline) < attention_key(&on_pace(5), d("2026-12-01")));
    assert!(attention_key(&on_pace(2), d("2026-12-20")) < attention_key(&on_pace(2), deadline));
}

#[test]
fn the_due_by_table_and_the_buffer_read_the_same_ideal() {
    // Mon/Wed/Fri, Mon Nov 30 - Fri Dec 4: 3 working days for a target of 10. Monday's
    // ideal is 10/3 = 3.33. With 3 done the table used to round it to 3 and need nothing
    // while the buffer (exact) said 0: now the line reads 4, 1 is needed, the buffer is 0.
    let goal = GoalWindow {
        target: 10,
        start: d("2026-11-30"),
        deadline: d("2026-12-04"),
        working_days: WorkingDays(0b10101),
    };
    let p = compute(&goal, &days(&[("2026-11-30", 3)]), d("2026-11-30"));
    assert_eq!((p.due_by[0].ideal, p.due_by[0].needed), (4, 1));
    assert_eq!(p.buffer_days, Some(0));
    assert_eq!((p.expected, p.ahead), (4, -1));
    assert_ne!(p.status, PaceStatus::OnPace);
    // Tuesday is a day off (the line stays at 4); Wednesday's 6.67 reads 7; Friday is the target.
    let table: Vec<(i64, i64)> = p.due_by.iter().take(5).map(|r| (r.ideal, r.needed)).collect();
    assert_eq!(table, [(4, 1), (4, 1), (7, 4), (7, 4), (10, 7)]);
    // With 4 done both agree the other way: nothing needed by Monday, a day of buffer.
    let p = compute(&goal, &days(&[("2026-11-30", 4)]), d("2026-11-30"));
    assert_eq!((p.due_by[0].needed, p.buffer_days, p.status), (0, Some(1), PaceStatus::OnPace));
    for day in ["2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"] {
        for done in -2..=11 {
            assert_eq!(goal.meets_ideal(done, d(day)), done >= goal.ideal_at(d(day)), "{day} {done}");
        }
    }
}
