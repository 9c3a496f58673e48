//! Property tests for the pure rules in `domain/`: money and date input, the pace engine and
//! recurring follow-ups. Bounded and seeded for CI: every block runs a fixed number of cases
//! from a fixed seed (`config`), and nothing is persisted, so a failure reproduces exactly.
//!
//! Cases per property (23 properties, 18,656 cases in all; about 2 s in a debug build):
//! - money (5): never panics on any text 2,000; format then parse over 0..=MAX_MINOR 1,000;
//!   format_plain round trip 1,000; parse is idempotent through the formatter 1,000;
//!   surrounding whitespace and grouping do not change the value 1,000.
//! - dates (7): never panics on any text and any today, and stays from 1900 to 100 years
//!   ahead 2,000; ISO print parses back inside that range 1,000; +Nd / -Nd / +Nw are exact
//!   day offsets 1,000; offsets are monotone in N 512; +Nm keeps the day of month or clamps
//!   to the month's end 512; a weekday is 1 to 7 days ahead and `next` changes nothing, read
//!   back it is 0 to 6 days back and `last` 1 to 7, 512; words are case- and
//!   space-insensitive 512.
//! - pace (6): invariants of one computation 1,000; monotone in the day 512; monotone in work
//!   done 512; O(1) working-day count equals a day-by-day count 512; the buffer is the run
//!   of working days whose exact ideal is met 512; finish is the day the running total first
//!   reached the target 512.
//! - recurrence (5): from due: after the due date and the completion, on the anchor's grid and
//!   the first such date 1,000; every N days is exactly N days 512; monthly keeps the day of
//!   month or clamps 512; from completion is one period after completion 512; the post-sale
//!   sequence lands on working days, on or after its offsets and never before today 512.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed};
use salescoach::domain::date_input::{DateProblem, accepted_range, parse_date, parse_past_date};
use salescoach::domain::followup::post_sale_followups;
use salescoach::domain::goal::WorkingDays;
use salescoach::domain::money::{Currency, MAX_MINOR, MoneyError, Separators, format_plain, parse_money};
use salescoach::domain::pace::{GoalWindow, PaceStatus, compute, count_working_days};
use salescoach::domain::recurrence::{RecurFrom, RecurUnit, Recurrence};

/// A fixed case count from a fixed seed, with no failure files: the same cases on every run.
fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(0x5341_4C43),
        ..Config::default()
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

/// Any date the app accepts (years 1 to 9999), with the two ends drawn often.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    let (first, last) = (ymd(1, 1, 1).num_days_from_ce(), ymd(9999, 12, 31).num_days_from_ce());
    prop_oneof![
        1 => Just(ymd(1, 1, 1)),
        1 => Just(ymd(9999, 12, 31)),
        8 => (first..=last).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).expect("in range")),
    ]
}

/// A date a seller might really use (2000 to 2100).
fn usual_date() -> impl Strategy<Value = NaiveDate> {
    let (first, last) = (ymd(2000, 1, 1).num_days_from_ce(), ymd(2100, 12, 31).num_days_from_ce());
    (first..=last).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).expect("in range"))
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 { ymd(year + 1, 1, 1) } else { ymd(year, month + 1, 1) };
    next.pred_opt().expect("a day before the first").day()
}

/// Text that looks like input: near misses, odd digits (Arabic-Indic, full-width), control
/// characters, and anything at all.
fn hostile_text(alphabet: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        3 => proptest::string::string_regex(alphabet).expect("a valid regex"),
        1 => proptest::collection::vec(any::<char>(), 0..12).prop_map(|c| c.into_iter().collect()),
    ]
}

// ---------------------------------------------------------------------------------------------
// Money
// ---------------------------------------------------------------------------------------------

/// Every pair of separators the config accepts (the thousands one never the decimal one).
fn separators() -> impl Strategy<Value = Separators> {
    let thousands = prop_oneof![
        Just(Some(',')),
        Just(Some('.')),
        Just(Some(' ')),
        Just(Some('\'')),
        Just(Some('\u{a0}')),
        Just(None)
    ];
    (prop_oneof![Just('.'), Just(',')], thousands)
        .prop_filter("distinct separators", |(decimal, thousands)| *thousands != Some(*decimal))
        .prop_map(|(decimal, thousands)| Separators { decimal, thousands })
}

/// The signs the parser strips, before or after, and ISO codes after the number, with any
/// separators the config accepts.
fn parseable_currency() -> impl Strategy<Value = Currency> {
    let sign = prop_oneof![Just("$"), Just("€"), Just("£"), Just("¥")];
    prop_oneof![
        (sign, any::<bool>(), separators()).prop_map(|(s, after, separators)| Currency {
            symbol: s.into(),
            symbol_after: after,
            separators
        }),
        (prop_oneof![Just("EUR"), Just("USD"), Just("GBP"), Just("JPY")], separators())
            .prop_map(|(code, separators)| Currency { symbol: code.into(), symbol_after: true, separators }),
    ]
}

/// Whole range with the edges drawn often.
fn minor_amount() -> impl Strategy<Value = i64> {
    prop_oneof![1 => Just(0i64), 1 => Just(MAX_MINOR), 1 => 0i64..1_000, 6 => 0..=MAX_MINOR]
}

proptest! {
    #![proptest_config(config(2_000))]

    #[test]
    fn money_parsing_never_panics_and_answers_in_range(
        text in hostile_text(r"[-+ $€£¥0-9,.A-Za-z\t\n\x00٣１]{0,24}")
    ) {
        match parse_money(&text) {
            Ok(minor) => prop_assert!((0..=MAX_MINOR).contains(&minor), "{text:?} -> {minor}"),
            Err(MoneyError::NotANumber(echo)) => prop_assert_eq!(echo, text.trim().to_string()),
            Err(MoneyError::Empty) => prop_assert!(text.trim().is_empty()),
            Err(_) => {}
        }
    }
}

proptest! {
    #![proptest_config(config(1_000))]

    #[test]
    fn money_format_then_parse_is_the_same_value(minor in minor_amount(), currency in parseable_currency()) {
        let shown = currency.format(minor);
        prop_assert_eq!(currency.parse(&shown), Ok(minor), "{}", shown);
        let plain = currency.separators.plain(minor.unsigned_abs());
        prop_assert_eq!(currency.parse(&plain), Ok(minor), "{}", plain);
    }

    #[test]
    fn money_plain_format_round_trips(minor in minor_amount()) {
        let shown = format_plain(minor.unsigned_abs());
        prop_assert_eq!(parse_money(&shown), Ok(minor), "{}", shown);
    }

    #[test]
    fn money_parse_is_idempotent_through_the_formatter(
        text in proptest::string::string_regex(r"[$€]?[0-9,]{1,16}(\.[0-9]{1,2})?( EUR)?").expect("regex")
    ) {
        if let Ok(minor) = parse_money(&text) {
            let again = Currency::default().format(minor);
            prop_assert_eq!(parse_money(&again), Ok(minor), "{:?} -> {}", text, again);
        }
    }

    #[test]
    fn money_whitespace_and_grouping_do_not_change_the_value(
        units in 0i64..=MAX_MINOR / 100,
        cents in 0i64..100,
        pad in "[ \t]{0,3}",
    ) {
        let expected = units * 100 + cents;
        let grouped = format!("{pad}{}.{cents:02}{pad}", salescoach::domain::money::group_thousands(units as u64));
        let plain = format!("{units}.{cents:02}");
        prop_assert_eq!(parse_money(&grouped), Ok(expected));
        prop_assert_eq!(parse_money(&plain), Ok(expected));
        if cents % 10 == 0 {
            prop_assert_eq!(parse_money(&format!("{units}.{}", cents / 10)), Ok(expected), "one decimal");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

proptest! {
    #![proptest_config(config(2_000))]

    #[test]
    fn date_parsing_never_panics_and_stays_in_the_accepted_range(
        text in hostile_text(
            r"(next ?)?([+-]?[0-9]{0,12}[dwmy]?|[0-9]{4}-[0-9]{2}-[0-9]{2}|mon|fri|today|tomorrow|yesterday|[\x00-\x20٣１é]){0,3}"
        ),
        today in any_date(),
    ) {
        for result in [parse_date(&text, today), parse_past_date(&text, today)] {
            match result {
                Ok(date) => prop_assert!(accepted_range(today).contains(&date), "{text:?} -> {date}"),
                Err(err) => {
                    prop_assert_eq!(&err.0, text.trim());
                    let hint = if err.1 == DateProblem::NotADate { "YYYY-MM-DD" } else { "check the year" };
                    prop_assert!(err.to_string().contains(hint), "{}", err);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(config(1_000))]

    #[test]
    fn iso_dates_parse_back_inside_the_accepted_range(date in any_date(), today in any_date()) {
        let expected = Some(date).filter(|d| accepted_range(today).contains(d));
        prop_assert_eq!(parse_date(&date.format("%Y-%m-%d").to_string(), today).ok(), expected);
        prop_assert_eq!(parse_date(&date.to_string(), today).ok(), expected);
        prop_assert_eq!(parse_past_date(&date.to_string(), today).ok(), expected);
    }

    #[test]
    fn day_and_week_offsets_are_exact(today in any_date(), n in prop_oneof![0u64..60, 0u64..4_000_000]) {
        let in_range = |d: Option<NaiveDate>| d.filter(|d| accepted_range(today).contains(d));
        let later = in_range(today.checked_add_days(Days::new(n)));
        let earlier = in_range(today.checked_sub_days(Days::new(n)));
        prop_assert_eq!(parse_date(&format!("+{n}d"), today).ok(), later);
        prop_assert_eq!(parse_date(&format!("-{n}d"), today).ok(), earlier);
        let weeks = n / 7;
        prop_assert_eq!(parse_date(&format!("+{weeks}w"), today).ok(), in_range(today.checked_add_days(Days::new(weeks * 7))));
        if let Ok(date) = parse_date(&format!("+{n}d"), today) {
            prop_assert_eq!((date - today).num_days(), n as i64);
        }
        prop_assert_eq!(parse_date("today", today).ok(), in_range(Some(today)));
        prop_assert_eq!(parse_date("tomorrow", today).ok(), parse_date("+1d", today).ok());
        prop_assert_eq!(parse_date("yesterday", today).ok(), parse_date("-1d", today).ok());
    }
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn offsets_are_monotone(today in usual_date(), a in 0u32..1_200, b in 0u32..1_200, unit in "[dwm]") {
        let (low, high) = (a.min(b), a.max(b));
        let at = |n: u32, sign: &str| parse_date(&format!("{sign}{n}{unit}"), today).expect("in range");
        prop_assert!(at(low, "+") <= at(high, "+"));
        prop_assert!(at(low, "-") >= at(high, "-"));
        prop_assert!(at(low, "-") <= today && today <= at(low, "+"));
        if low < high && unit != "m" {
            prop_assert!(at(low, "+") < at(high, "+"), "days and weeks strictly");
        }
    }

    #[test]
    fn month_offsets_keep_or_clamp_the_day(today in usual_date(), n in 0u32..1_200) {
        let date = parse_date(&format!("+{n}m"), today).expect("in range");
        let months = (date.year() - today.year()) * 12 + date.month() as i32 - today.month() as i32;
        prop_assert_eq!(months, n as i32);
        prop_assert_eq!(date.day(), today.day().min(days_in_month(date.year(), date.month())));
        let back = parse_date(&format!("-{n}m"), today).expect("in range");
        let months_back = (today.year() - back.year()) * 12 + today.month() as i32 - back.month() as i32;
        prop_assert_eq!(months_back, n as i32);
        prop_assert_eq!(back.day(), today.day().min(days_in_month(back.year(), back.month())));
    }

    #[test]
    fn weekdays_are_one_to_seven_days_ahead(today in usual_date(), which in 0usize..7, short in any::<bool>()) {
        let (name, weekday) = WEEKDAYS[which];
        let name = if short { &name[..3] } else { name };
        let date = parse_date(name, today).expect("a weekday");
        prop_assert_eq!(date.weekday(), weekday);
        prop_assert!((1..=7).contains(&(date - today).num_days()), "{name} from {today} -> {date}");
        prop_assert_eq!(parse_date(&format!("next {name}"), today), Ok(date));
        // Read back (a sale's date, a past range): the most recent such day, today included.
        let back = parse_past_date(name, today).expect("a weekday");
        prop_assert_eq!(back.weekday(), weekday);
        prop_assert!((0..=6).contains(&(today - back).num_days()), "{name} back from {today} -> {back}");
        let last = parse_past_date(&format!("last {name}"), today).expect("a weekday");
        prop_assert!((1..=7).contains(&(today - last).num_days()), "last {name} from {today} -> {last}");
        prop_assert_eq!(parse_date(&format!("last {name}"), today), Ok(last));
        prop_assert_eq!(parse_past_date(&format!("next {name}"), today), Ok(date));
    }

    #[test]
    fn words_ignore_case_and_surrounding_space(
        today in usual_date(),
        word in prop_oneof![Just("today"), Just("tomorrow"), Just("yesterday"), Just("next fri"), Just("sunday"), Just("+3d")],
        caps in proptest::collection::vec(any::<bool>(), 16),
        pad in "[ \t\n]{0,3}",
    ) {
        let mixed: String =
            word.chars().zip(caps.iter().cycle()).map(|(c, up)| if *up { c.to_ascii_uppercase() } else { c }).collect();
        prop_assert_eq!(parse_date(&format!("{pad}{mixed}{pad}"), today), parse_date(word, today));
    }
}

// ---------------------------------------------------------------------------------------------
// Pace
// ---------------------------------------------------------------------------------------------

/// Working days in `from..=to`, counted one day at a time (the oracle for the O(1) count).
fn naive_working_days(mask: WorkingDays, from: NaiveDate, to: NaiveDate) -> i64 {
    from.iter_days().take_while(|d| *d <= to).filter(|d| mask.contains(*d)).count() as i64
}

#[derive(Debug, Clone)]
struct Case {
    goal: GoalWindow,
    daily: Vec<(NaiveDate, i64)>,
    today: NaiveDate,
}

/// A goal of 1 to 400 days with any working-day mask, progress (refunds included) logged
/// before, inside and after the window, and a day anywhere from before the start to after
/// the deadline.
fn pace_case() -> impl Strategy<Value = Case> {
    let target = prop_oneof![1i64..=100, 1i64..=MAX_MINOR];
    (target, usual_date(), 0u64..400, 1u8..=127).prop_flat_map(|(target, start, length, mask)| {
        let deadline = start + Days::new(length);
        let span = length as i64 + 40;
        let day = move |offset: i64| start + chrono::Duration::days(offset - 20);
        let amount = prop_oneof![1 => -target / 4..=0, 4 => 0..=target / 3 + 1];
        let daily = proptest::collection::vec((0..span, amount).prop_map(move |(o, a)| (day(o), a)), 0..30);
        (daily, 0..span).prop_map(move |(daily, today)| Case {
            goal: GoalWindow { target, start, deadline, working_days: WorkingDays(mask) },
            daily,
            today: day(today),
        })
    })
}

/// Better is larger; NotStarted and Missed are fixed by the date alone.
fn goodness(status: PaceStatus) -> u8 {
    match status {
        PaceStatus::Missed | PaceStatus::NotStarted | PaceStatus::AtRisk => 0,
        PaceStatus::Behind => 1,
        PaceStatus::OnPace => 2,
        PaceStatus::Achieved => 3,
    }
}

/// `done` meets the exact ideal line at the end of `day` (in the window), by the oracle count.
fn meets_exactly(goal: &GoalWindow, done: i64, day: NaiveDate) -> bool {
    let total = naive_working_days(goal.working_days, goal.start, goal.deadline);
    let elapsed = naive_working_days(goal.working_days, goal.start, day);
    i128::from(done) * i128::from(total) >= i128::from(goal.target) * i128::from(elapsed)
}

proptest! {
    #![proptest_config(config(1_000))]

    #[test]
    fn pace_invariants(case in pace_case()) {
        let Case { goal, daily, today } = &case;
        let (goal, today) = (*goal, *today);
        let p = compute(&goal, daily, today);
        let mask = goal.working_days;
        let done: i64 = daily.iter().filter(|(d, _)| *d >= goal.start && *d <= goal.deadline && *d <= today).map(|x| x.1).sum();
        prop_assert_eq!(p.done, done);
        let total = naive_working_days(mask, goal.start, goal.deadline);
        let elapsed = naive_working_days(mask, goal.start, today.min(goal.deadline));
        let left = naive_working_days(mask, today.max(goal.start), goal.deadline);
        prop_assert_eq!((p.working_days_total, p.working_days_elapsed, p.working_days_left), (total, elapsed, left));
        // Today is counted both as elapsed (read at its end) and as left (still workable).
        let today_counts = i64::from(today >= goal.start && today <= goal.deadline && mask.contains(today));
        prop_assert_eq!(elapsed + left, total + today_counts);

        // Expected is the ideal line rounded up: the least whole amount on or above it.
        prop_assert!((0..=goal.target).contains(&p.expected), "expected {}", p.expected);
        if today < goal.start { prop_assert_eq!(p.expected, 0); }
        if today >= goal.deadline { prop_assert_eq!(p.expected, goal.target); }
        if today >= goal.start && today < goal.deadline && total > 0 {
            let above = i128::from(p.expected) * i128::from(total) - i128::from(goal.target) * i128::from(elapsed);
            prop_assert!((0..i128::from(total)).contains(&above), "expected {} off the line", p.expected);
        }
        prop_assert_eq!(p.ahead, done - p.expected);
        prop_assert!((0..=1000).contains(&p.time_permille));

        prop_assert_eq!(p.status == PaceStatus::Achieved, done >= goal.target);
        prop_assert_eq!(p.remaining, (goal.target - done).max(0));
        if p.status != PaceStatus::Achieved {
            prop_assert_eq!(p.status == PaceStatus::Missed, today > goal.deadline);
            prop_assert_eq!(p.status == PaceStatus::NotStarted, today < goal.start);
        }

        // The required rate over the working days left covers what remains, and is the least that does.
        match (p.required_per_day, p.remaining) {
            (Some(rate), 0) => prop_assert_eq!(rate, 0),
            (Some(rate), remaining) => {
                prop_assert!(left > 0 && today <= goal.deadline);
                prop_assert!(i128::from(rate) * i128::from(left) >= i128::from(remaining));
                prop_assert!(i128::from(rate - 1) * i128::from(left) < i128::from(remaining));
                let week = p.required_per_week.expect("a weekly rate with the daily one");
                let per_week = i128::from(mask.weekdays().count() as u8);
                prop_assert!(week <= remaining);
                prop_assert!(week == remaining || i128::from(week) * i128::from(left) >= i128::from(remaining) * per_week);
            }
            (None, remaining) => prop_assert!(remaining > 0 && (left == 0 || today > goal.deadline)),
        }

        // A buffer exists while the window is open and never exceeds the working days left.
        let open = today >= goal.start && today <= goal.deadline;
        prop_assert_eq!(p.buffer_days.is_some(), open);
        if let Some(buffer) = p.buffer_days {
            prop_assert!(i64::from(buffer) <= left);
            if done >= goal.target { prop_assert_eq!(i64::from(buffer), left); }
            if mask.contains(today) {
                prop_assert_eq!(buffer >= 1, meets_exactly(&goal, done, today), "buffer {}", buffer);
                if p.status == PaceStatus::OnPace { prop_assert!(buffer >= 1); }
            }
        }

        // The due-by table: a week of days from today, the ideal rising, the gap never negative.
        prop_assert_eq!(p.due_by.len(), 7);
        for (i, row) in p.due_by.iter().enumerate() {
            prop_assert_eq!(row.date, today + Days::new(i as u64));
            prop_assert_eq!(row.is_working_day, mask.contains(row.date));
            prop_assert_eq!(row.needed, (row.ideal - done).max(0));
            prop_assert!((0..=goal.target).contains(&row.ideal));
            // One reading of the line: nothing needed by a day exactly when its ideal is met.
            if total > 0 && row.date >= goal.start && row.date <= goal.deadline {
                prop_assert_eq!(row.needed == 0, meets_exactly(&goal, done, row.date), "{:?}", row);
            }
        }
        // The buffer covers today exactly when the table needs nothing more today.
        if let (Some(buffer), true) = (p.buffer_days, mask.contains(today) && done < goal.target) {
            prop_assert_eq!(buffer >= 1, p.due_by[0].needed == 0);
        }
        prop_assert!(p.due_by.windows(2).all(|w| w[0].ideal <= w[1].ideal));
        if today > goal.deadline { prop_assert_eq!(p.projected, Some(done)); }
        match p.finish {
            Some(day) if done < goal.target => prop_assert!(day > today, "a projected finish is ahead"),
            None => prop_assert!(done < goal.target, "an achieved goal knows its finish day"),
            _ => {}
        }
    }
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn pace_is_monotone_in_the_day(case in pace_case()) {
        let Case { goal, daily, today } = &case;
        let now = compute(goal, daily, *today);
        let next = compute(goal, daily, *today + Days::new(1));
        prop_assert!(now.expected <= next.expected);
        prop_assert!(now.time_permille <= next.time_permille);
        prop_assert!(now.working_days_elapsed <= next.working_days_elapsed);
        prop_assert!(now.working_days_left >= next.working_days_left);
        prop_assert_eq!(goal.ideal(*today), now.expected);
    }

    #[test]
    fn more_done_never_makes_things_worse(case in pace_case(), pick in any::<prop::sample::Index>(), extra in 1i64..1_000_000) {
        let Case { goal, daily, today } = &case;
        let last = (*today).min(goal.deadline);
        prop_assume!(last >= goal.start);
        let days: Vec<NaiveDate> = goal.start.iter_days().take_while(|d| *d <= last).collect();
        let day = days[pick.index(days.len())];
        let before = compute(goal, daily, *today);
        let mut more = daily.clone();
        more.push((day, extra));
        let after = compute(goal, &more, *today);
        prop_assert_eq!(after.done, before.done + extra);
        prop_assert!(after.remaining <= before.remaining);
        prop_assert!(after.buffer_days >= before.buffer_days, "{:?} -> {:?}", before.buffer_days, after.buffer_days);
        prop_assert!(goodness(after.status) >= goodness(before.status), "{:?} -> {:?}", before.status, after.status);
        if let (Some(a), Some(b)) = (after.required_per_day, before.required_per_day) {
            prop_assert!(a <= b);
        }
        if let (Some(a), Some(b)) = (after.projected, before.projected) {
            prop_assert!(a >= b);
        }
    }

    #[test]
    fn working_day_count_matches_a_day_by_day_count(mask in 0u8..=127, from in usual_date(), length in -10i64..800) {
        let to = from + chrono::Duration::days(length);
        prop_assert_eq!(count_working_days(WorkingDays(mask), from, to), naive_working_days(WorkingDays(mask), from, to));
    }

    #[test]
    fn buffer_is_the_run_of_working_days_already_covered(case in pace_case()) {
        let Case { goal, daily, today } = &case;
        let p = compute(goal, daily, *today);
        let Some(buffer) = p.buffer_days else { return Ok(()) };
        let ahead: Vec<NaiveDate> =
            today.iter_days().take_while(|d| *d <= goal.deadline).filter(|d| goal.working_days.contains(*d)).collect();
        let buffer = buffer as usize;
        if buffer > 0 {
            prop_assert!(meets_exactly(goal, p.done, ahead[buffer - 1]), "the last buffer day is covered");
        }
        if let Some(first_uncovered) = ahead.get(buffer) {
            prop_assert!(!meets_exactly(goal, p.done, *first_uncovered), "the day after the buffer is not");
        }
    }

    #[test]
    fn finish_is_the_day_the_running_total_first_reached_the_target(
        case in pace_case(), pick in any::<prop::sample::Index>(), extra in 0i64..1_000,
    ) {
        let Case { goal, mut daily, today } = case;
        let last = today.min(goal.deadline);
        prop_assume!(last >= goal.start);
        // Top the log up to the target on some day of the window, if it is not there yet.
        let done = compute(&goal, &daily, today).done;
        if done < goal.target {
            let days: Vec<NaiveDate> = goal.start.iter_days().take_while(|d| *d <= last).collect();
            daily.push((days[pick.index(days.len())], goal.target - done + extra));
        }
        let p = compute(&goal, &daily, today);
        prop_assert_eq!(p.status, PaceStatus::Achieved);
        let reached = goal.start.iter_days().take_while(|d| *d <= last).find(|day| {
            daily.iter().filter(|(d, _)| *d >= goal.start && d <= day).map(|x| x.1).sum::<i64>() >= goal.target
        });
        prop_assert_eq!(p.finish, reached);
    }
}

// ---------------------------------------------------------------------------------------------
// Recurrence
// ---------------------------------------------------------------------------------------------

fn unit() -> impl Strategy<Value = RecurUnit> {
    prop_oneof![Just(RecurUnit::Day), Just(RecurUnit::Week), Just(RecurUnit::Month)]
}

fn add(rule: &Recurrence, start: NaiveDate, periods: u32) -> NaiveDate {
    let n = rule.every * periods;
    match rule.unit {
        RecurUnit::Day => start + Days::new(n.into()),
        RecurUnit::Week => start + Days::new(u64::from(n) * 7),
        RecurUnit::Month => start + Months::new(n),
    }
}

proptest! {
    #![proptest_config(config(1_000))]

    /// Due dates may be moved before the anchor and completion may be early or years late.
    #[test]
    fn from_due_is_the_first_grid_date_after_due_and_completion(
        every in prop_oneof![1u32..=12, 1u32..=1000],
        unit in unit(),
        anchor in usual_date(),
        due_offset in -60i64..1_500,
        done_offset in -60i64..1_500,
    ) {
        let rule = Recurrence { every, unit, from: RecurFrom::Due };
        let due = anchor + chrono::Duration::days(due_offset);
        let completed = due + chrono::Duration::days(done_offset);
        let next = rule.next_due(anchor, due, completed).expect("inside the calendar");
        prop_assert!(next > due && next > completed, "{rule:?} due {due} done {completed} -> {next}");
        let period = (1..=20_000).find(|k| add(&rule, anchor, *k) >= next).expect("on the grid");
        prop_assert_eq!(add(&rule, anchor, period), next, "on the anchor's grid");
        if period > 1 {
            let previous = add(&rule, anchor, period - 1);
            prop_assert!(previous <= due || previous <= completed, "{previous} was already a valid next date");
        }
    }
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn every_n_days_is_exactly_n_days_later(every in 1u32..=1000, due in usual_date(), early in 0i64..60, from_due in any::<bool>()) {
        // Done on the due date or before it: the next one is the period after the due date.
        let from = if from_due { RecurFrom::Due } else { RecurFrom::Completion };
        let rule = Recurrence { every, unit: RecurUnit::Day, from };
        let completed = due - chrono::Duration::days(early.min(i64::from(every) - 1));
        let source = if from_due { due } else { completed };
        prop_assert_eq!(rule.next_due(due, due, completed), Some(source + Days::new(every.into())));
        let weekly = Recurrence { every, unit: RecurUnit::Week, from };
        let next = weekly.next_due(due, due, completed).expect("inside the calendar");
        prop_assert_eq!((next - source).num_days(), 7 * i64::from(every));
    }

    #[test]
    fn monthly_keeps_the_day_of_month_or_clamps(every in 1u32..=24, anchor in usual_date(), steps in 1usize..30) {
        let rule = Recurrence { every, unit: RecurUnit::Month, from: RecurFrom::Due };
        let mut due = anchor;
        for step in 1..=steps {
            let next = rule.next_due(anchor, due, due).expect("inside the calendar");
            let months = (next.year() - anchor.year()) * 12 + next.month() as i32 - anchor.month() as i32;
            prop_assert_eq!(months, (step as i32) * every as i32);
            prop_assert_eq!(next.day(), anchor.day().min(days_in_month(next.year(), next.month())), "{} after {}", next, due);
            due = next;
        }
    }

    #[test]
    fn from_completion_is_one_period_after_completion(
        every in 1u32..=1000, unit in unit(), due in usual_date(), done_offset in -400i64..400,
    ) {
        let rule = Recurrence { every, unit, from: RecurFrom::Completion };
        let completed = due + chrono::Duration::days(done_offset);
        let next = rule.next_due(due, due, completed).expect("inside the calendar");
        prop_assert!(next > completed);
        prop_assert_eq!(next, add(&rule, completed, 1));
        if unit == RecurUnit::Month {
            prop_assert_eq!(next.day(), completed.day().min(days_in_month(next.year(), next.month())));
        }
    }

    #[test]
    fn post_sale_follow_ups_land_on_working_days_from_their_offsets(
        sold_on in usual_date(), late in 0i64..60, first in 1u32..=3650, second in 1u32..=3650, mask in 1u8..=127,
    ) {
        let today = sold_on + chrono::Duration::days(late);
        let mask = WorkingDays(mask);
        let list = post_sale_followups(7, sold_on, (first, second), mask, today);
        for offset in [first, second] {
            let earliest = sold_on + Days::new(offset.into());
            let due = earliest.iter_days().find(|d| mask.contains(*d)).expect("a working day within a week");
            prop_assert_eq!(list.iter().any(|f| f.due_on == due), due >= today, "offset {}", offset);
        }
        for f in &list {
            prop_assert!(mask.contains(f.due_on) && f.due_on >= today && f.due_on > sold_on);
            prop_assert_eq!((f.customer_id, f.created_on, f.sale_id), (7, sold_on, None));
        }
    }
}
