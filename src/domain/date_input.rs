//! Dates as a seller types them, always relative to a `today` passed in (never the clock).
//!
//! Accepted: `2026-12-01`, `today`, `tomorrow`, `yesterday`, `+3d`, `-2d`, `+2w`, `+1m`,
//! a weekday (`mon`..`sun` or in full), `next fri` and `last fri`.
//! Month arithmetic clamps to the month's end: Jan 31 + 1m is Feb 28 (or 29).
//!
//! A bare weekday points the way the field looks: for a plan (a due date, a snooze, a
//! deadline) it is the next such day after today, 1 to 7 days ahead, so `fri` on a Friday
//! is a week out ([`parse_date`]); for something that happened or a range in the past
//! (a sale's date, `sale list --from`, `report --date`) it is the most recent such day,
//! today included, 0 to 6 days back ([`parse_past_date`]). `next fri` is always ahead
//! (1-7 days) and `last fri` always back (1-7 days), whatever the field.
//!
//! Every date must fall from 1900-01-01 to 100 years after today ([`accepted_range`]):
//! anything outside is a typo in the year, not a plan.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use std::fmt;
use std::ops::RangeInclusive;

/// The one-line hint shown with every refusal.
pub const DATE_FORMS: &str =
    "use YYYY-MM-DD, today, tomorrow, yesterday, +3d, -2d, +2w, +1m, a weekday (fri), next fri or last fri";

/// What was wrong with a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// Not one of the accepted forms (or past the calendar's end).
    NotADate,
    /// Before 1900-01-01.
    TooEarly,
    /// More than 100 years after today.
    TooFar(NaiveDate),
}

/// A refused date: the text as typed (trimmed) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String, pub DateProblem);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            DateProblem::NotADate => write!(f, "'{}' is not a date; {DATE_FORMS}", self.0),
            DateProblem::TooEarly => write!(f, "'{}' is before {EARLIEST}; check the year", self.0),
            DateProblem::TooFar(last) => {
                write!(f, "'{}' is more than {YEARS_AHEAD} years ahead (after {last}); check the year", self.0)
            }
        }
    }
}

impl std::error::Error for DateError {}

/// Things that happened (sales, calls, scores) cannot be dated after today: a typo in the
/// year would otherwise hide a customer from the stay-in-touch list for years.
pub fn not_in_future(date: NaiveDate, today: NaiveDate, field: &'static str) -> Result<NaiveDate, super::FieldError> {
    if date > today {
        return Err(super::FieldError::new(
            field,
            format!("{date} is in the future; log things on or after the day they happen"),
        ));
    }
    Ok(date)
}

/// A date for something that happened (a sale, a call, a score, a response): any accepted
/// form, a weekday being the most recent such day (today included), and not after today.
pub fn parse_happened(input: &str, today: NaiveDate, field: &'static str) -> Result<NaiveDate, super::FieldError> {
    let date = parse_past_date(input, today).map_err(|e| super::FieldError::new(field, e.to_string()))?;
    not_in_future(date, today, field)
}

/// A plan (a snooze, the next touch) must land on today or later.
pub fn not_in_past(date: NaiveDate, today: NaiveDate, field: &'static str) -> Result<NaiveDate, super::FieldError> {
    if date < today {
        return Err(super::FieldError::new(field, format!("{date} is in the past; choose today or later")));
    }
    Ok(date)
}

/// The earliest date accepted anywhere.
pub const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// How far ahead a date may be.
pub const YEARS_AHEAD: u32 = 100;

/// Dates accepted with `today` as today: 1900-01-01 to 100 years on (and never past
/// 9999-12-31, as the database stores four-digit years).
pub fn accepted_range(today: NaiveDate) -> RangeInclusive<NaiveDate> {
    let calendar_end = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
    let last = today.checked_add_months(Months::new(YEARS_AHEAD * 12)).map_or(calendar_end, |d| d.min(calendar_end));
    EARLIEST..=last
}

/// Which way a bare weekday points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Towards {
    /// The next such day after today (plans).
    Ahead,
    /// The most recent such day, today included (things that happened, past ranges).
    Back,
}

/// A date as read, with whether the seller named the day itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadDate {
    pub date: NaiveDate,
    /// `2026-11-28`, `sat`, `next sat`, `today`: the seller chose this very day. Offsets
    /// (`+1d`, `tomorrow`, `+2w`) are an amount of time, and may be moved to a working day.
    pub named: bool,
}

/// A date for a plan: a weekday is the next such day after today.
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    read_date(input, today, Towards::Ahead).map(|r| r.date)
}

/// A date for something that happened, or the ends of a past range: a weekday is the most
/// recent such day, today included.
pub fn parse_past_date(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    read_date(input, today, Towards::Back).map(|r| r.date)
}

/// `date` in a chrono strftime `format` (checked when the config was read; one that
/// cannot be used falls back to ISO rather than failing a screen).
pub fn show_date(date: NaiveDate, format: &str) -> String {
    let Ok(items) = chrono::format::StrftimeItems::new(format).parse() else {
        return date.format("%Y-%m-%d").to_string();
    };
    let mut shown = String::new();
    match std::fmt::Write::write_fmt(&mut shown, format_args!("{}", date.format_with_items(items.into_iter()))) {
        Ok(()) => shown,
        Err(_) => date.format("%Y-%m-%d").to_string(),
    }
}

/// A date written in the seller's configured display format (`04.03.2026` for
/// `%d.%m.%Y`), inside [`accepted_range`]: how a spreadsheet in that country writes it.
pub fn parse_in_format(input: &str, format: &str, today: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(input.trim(), format).ok().filter(|d| accepted_range(today).contains(d))
}

/// Reads a date either way, inside [`accepted_range`].
pub fn read_date(input: &str, today: NaiveDate, towards: Towards) -> Result<ReadDate, DateError> {
    let read = parse_any(input, today, towards)?;
    let range = accepted_range(today);
    let problem = if read.date < *range.start() {
        DateProblem::TooEarly
    } else if read.date > *range.end() {
        DateProblem::TooFar(*range.end())
    } else {
        return Ok(read);
    };
    Err(DateError(input.trim().to_string(), problem))
}

fn parse_any(input: &str, today: NaiveDate, towards: Towards) -> Result<ReadDate, DateError> {
    let text = input.trim().to_ascii_lowercase();
    let err = || DateError(input.trim().to_string(), DateProblem::NotADate);
    let named = |date: NaiveDate| ReadDate { date, named: true };
    let offset = |date: Option<NaiveDate>| date.map(|date| ReadDate { date, named: false }).ok_or_else(err);
    match text.as_str() {
        "" => return Err(err()),
        "today" | "tod" => return Ok(named(today)),
        "tomorrow" | "tom" => return offset(today.checked_add_days(Days::new(1))),
        "yesterday" => return offset(today.checked_sub_days(Days::new(1))),
        _ => {}
    }
    if let Some(date) = parse_iso(&text) {
        return Ok(named(date));
    }
    if let Some(date) = parse_offset(&text, today) {
        return offset(date);
    }
    let (towards, weekday_text) = match (text.strip_prefix("next "), text.strip_prefix("last ")) {
        (Some(rest), _) => (Some(Towards::Ahead), rest.trim()),
        (_, Some(rest)) => (None, rest.trim()),
        _ => (Some(towards), text.as_str()),
    };
    let weekday = parse_weekday(weekday_text).ok_or_else(err)?;
    let date = match towards {
        Some(Towards::Ahead) => Some(next_weekday(today, weekday)),
        Some(Towards::Back) => recent_weekday(today, weekday),
        // `last fri`: strictly before today, so on a Friday it is a week ago.
        None => today.pred_opt().and_then(|yesterday| recent_weekday(yesterday, weekday)),
    };
    date.map(named).ok_or_else(err)
}

/// Strict ISO: four-digit year, two-digit month and day.
fn parse_iso(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// `+3d`, `-2w`, `+1m`: `Some(None)` when the shape matches but the date would overflow.
fn parse_offset(text: &str, today: NaiveDate) -> Option<Option<NaiveDate>> {
    let (negative, rest) = match text.as_bytes().first()? {
        b'+' => (false, &text[1..]),
        b'-' => (true, &text[1..]),
        _ => return None,
    };
    let unit = rest.chars().last()?;
    let digits = &rest[..rest.len() - unit.len_utf8()];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let count: u32 = digits.parse().ok()?;
    let date = match (unit, negative) {
        ('d', false) => today.checked_add_days(Days::new(count.into())),
        ('d', true) => today.checked_sub_days(Days::new(count.into())),
        ('w', false) => today.checked_add_days(Days::new(u64::from(count) * 7)),
        ('w', true) => today.checked_sub_days(Days::new(u64::from(count) * 7)),
        ('m', false) => today.checked_add_months(Months::new(count)),
        ('m', true) => today.checked_sub_months(Months::new(count)),
        _ => return None,
    };
    Some(date)
}

/// A time of day as `H:MM` or `HH:MM`, 24-hour. Minutes need both digits: `9:5` could
/// mean 09:05 or 09:50, so it is refused rather than guessed.
pub fn parse_time(text: &str) -> Result<chrono::NaiveTime, String> {
    let text = text.trim();
    let refuse = || format!("'{text}' is not a time like 09:30 (24-hour, HH:MM)");
    let (hours, minutes) = text.split_once(':').ok_or_else(refuse)?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(hours) && hours.len() <= 2 && digits(minutes) && minutes.len() == 2) {
        return Err(refuse());
    }
    let (h, m) = (hours.parse().map_err(|_| refuse())?, minutes.parse().map_err(|_| refuse())?);
    chrono::NaiveTime::from_hms_opt(h, m, 0).ok_or_else(refuse)
}

pub fn parse_weekday(text: &str) -> Option<Weekday> {
    let day = match text {
        "mon" | "monday" => Weekday::Mon,
        "tue" | "tues" | "tuesday" => Weekday::Tue,
        "wed" | "wednesday" => Weekday::Wed,
        "thu" | "thur" | "thurs" | "thursday" => Weekday::Thu,
        "fri" | "friday" => Weekday::Fri,
        "sat" | "saturday" => Weekday::Sat,
        "sun" | "sunday" => Weekday::Sun,
        _ => return None,
    };
    Some(day)
}

/// The first `weekday` strictly after `today`.
pub fn next_weekday(today: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    let ahead = if ahead == 0 { 7 } else { ahead };
    today + Days::new(u64::from(ahead))
}

/// The latest `weekday` on or before `today` (today itself when it is that day).
pub fn recent_weekday(today: NaiveDate, weekday: Weekday) -> Option<NaiveDate> {
    let back = (7 + today.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    today.checked_sub_days(Days::new(u64::from(back)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_are_24_hour_with_two_digit_minutes() {
        let t = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(parse_time("09:30"), Ok(t(9, 30)));
        assert_eq!(parse_time("9:30"), Ok(t(9, 30)));
        assert_eq!(parse_time(" 23:59 "), Ok(t(23, 59)));
        assert_eq!(parse_time("0:00"), Ok(t(0, 0)));
        for bad in ["9:5", "9", "24:00", "12:60", "9am", "21:30:10", "-1:30", "+9:30", ":30", "009:30", ""] {
            assert!(parse_time(bad).unwrap_err().contains("HH:MM"), "{bad}");
        }
    }

    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn accepted_forms() {
        // 2026-11-27 is a Friday.
        let today = d("2026-11-27");
        let cases = [
            ("2026-12-01", "2026-12-01"),
            (" 2026-12-01 ", "2026-12-01"),
            ("today", "2026-11-27"),
            ("TODAY", "2026-11-27"),
            ("tomorrow", "2026-11-28"),
            ("yesterday", "2026-11-26"),
            ("+0d", "2026-11-27"),
            ("+3d", "2026-11-30"),
            ("-2d", "2026-11-25"),
            ("+2w", "2026-12-11"),
            ("-1w", "2026-11-20"),
            ("+1m", "2026-12-27"),
            ("+3m", "2027-02-27"),
            ("-12m", "2025-11-27"),
            ("mon", "2026-11-30"),
            ("monday", "2026-11-30"),
            ("thu", "2026-12-03"),
            ("fri", "2026-12-04"),
            ("sat", "2026-11-28"),
            ("sun", "2026-11-29"),
            ("next fri", "2026-12-04"),
            ("next mon", "2026-11-30"),
            ("Next  Tue", "2026-12-01"),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_date(input, today), Ok(d(expected)), "input {input:?}");
        }
    }

    #[test]
    fn month_arithmetic_clamps_to_month_end() {
        assert_eq!(parse_date("+1m", d("2027-01-31")), Ok(d("2027-02-28")));
        assert_eq!(parse_date("+1m", d("2028-01-31")), Ok(d("2028-02-29")));
        assert_eq!(parse_date("-1m", d("2026-03-31")), Ok(d("2026-02-28")));
    }

    #[test]
    fn refused_forms() {
        let today = d("2026-11-27");
        for input in [
            "",
            "  ",
            "2026-13-01",
            "2026-02-30",
            "2026-2-1",
            "26-12-01",
            "12/01/2026",
            "+d",
            "+3x",
            "3d",
            "++3d",
            "next",
            "next year",
            "frid",
            "+99999999999d",
            "tomorow",
        ] {
            let err = parse_date(input, today).unwrap_err();
            assert!(err.to_string().contains("YYYY-MM-DD"), "{input:?}: {err}");
        }
    }

    #[test]
    fn dates_before_1900_or_over_100_years_ahead_are_refused() {
        let today = d("2026-11-27");
        assert_eq!(parse_date("1900-01-01", today), Ok(d("1900-01-01")));
        assert_eq!(parse_date("2126-11-27", today), Ok(d("2126-11-27")), "exactly 100 years on");
        assert_eq!(parse_date("+1200m", today), Ok(d("2126-11-27")));
        let early = parse_date("1899-12-31", today).unwrap_err();
        assert_eq!(early, DateError("1899-12-31".into(), DateProblem::TooEarly));
        assert_eq!(early.to_string(), "'1899-12-31' is before 1900-01-01; check the year");
        let far = parse_date("2126-11-28", today).unwrap_err();
        assert_eq!(far.1, DateProblem::TooFar(d("2126-11-27")));
        assert!(far.to_string().contains("more than 100 years ahead (after 2126-11-27)"), "{far}");
        for input in ["9999-12-31", "+36525d", "+5300w"] {
            assert!(matches!(parse_date(input, today).unwrap_err().1, DateProblem::TooFar(_)), "{input}");
        }
        for input in ["0001-01-01", "-47000d", "-1600m"] {
            assert_eq!(parse_past_date(input, today).unwrap_err().1, DateProblem::TooEarly, "{input}");
        }
        assert!(parse_date("+3000000d", today).is_err());
        assert!(parse_date("-800000d", today).is_err());
        // Near the calendar's end the four-digit year still caps the range.
        assert_eq!(accepted_range(d("9990-01-01")), d("1900-01-01")..=d("9999-12-31"));
        assert_eq!(accepted_range(today), d("1900-01-01")..=d("2126-11-27"));
    }

    #[test]
    fn a_past_weekday_is_the_most_recent_one_today_included() {
        // 2026-11-27 is a Friday.
        let today = d("2026-11-27");
        let cases = [
            ("fri", "2026-11-27"),
            ("friday", "2026-11-27"),
            ("thu", "2026-11-26"),
            ("mon", "2026-11-23"),
            ("sat", "2026-11-21"),
            ("sun", "2026-11-22"),
            ("last fri", "2026-11-20"),
            ("last thu", "2026-11-26"),
            ("Last  Mon", "2026-11-23"),
            ("next fri", "2026-12-04"),
            ("today", "2026-11-27"),
            ("-1w", "2026-11-20"),
            ("2026-11-02", "2026-11-02"),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_past_date(input, today), Ok(d(expected)), "input {input:?}");
        }
        // `last` reads back for plans too; `next` stays ahead.
        assert_eq!(parse_date("last fri", today), Ok(d("2026-11-20")));
        assert_eq!(parse_date("last", today).unwrap_err().1, DateProblem::NotADate);
    }

    #[test]
    fn named_days_and_offsets_are_told_apart() {
        let today = d("2026-11-27");
        for (input, named) in [
            ("2026-11-28", true),
            ("sat", true),
            ("next sat", true),
            ("today", true),
            ("+1d", false),
            ("tomorrow", false),
            ("+2w", false),
            ("yesterday", false),
        ] {
            assert_eq!(read_date(input, today, Towards::Ahead).unwrap().named, named, "{input}");
        }
    }

    #[test]
    fn things_that_happened_read_weekdays_back_and_stop_at_today() {
        let today = d("2026-11-27");
        assert_eq!(parse_happened("mon", today, "date"), Ok(d("2026-11-23")));
        assert_eq!(parse_happened("fri", today, "date"), Ok(today));
        let future = parse_happened("tomorrow", today, "date").unwrap_err();
        assert_eq!(
            (future.field, future.message.as_str()),
            ("date", "2026-11-28 is in the future; log things on or after the day they happen")
        );
        let bad = parse_happened("someday", today, "date").unwrap_err();
        assert_eq!(bad.field, "date");
        assert!(bad.message.starts_with("'someday' is not a date; use YYYY-MM-DD"), "{}", bad.message);
    }

    #[test]
    fn plans_are_not_in_the_past() {
        let today = d("2026-11-27");
        assert_eq!(not_in_past(today, today, "next"), Ok(today));
        let err = not_in_past(d("2026-11-26"), today, "next").unwrap_err();
        assert_eq!((err.field, err.message.as_str()), ("next", "2026-11-26 is in the past; choose today or later"));
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        assert!(parse_date("+4000000000d", d("2026-11-27")).is_err());
        assert!(parse_date("+4000000000m", d("2026-11-27")).is_err());
    }

    #[test]
    fn recent_weekday_is_zero_to_six_days_back() {
        let mut day = d("2026-11-23");
        for _ in 0..14 {
            for weekday in [Weekday::Mon, Weekday::Wed, Weekday::Sun] {
                let recent = recent_weekday(day, weekday).unwrap();
                assert!((0..=6).contains(&(day - recent).num_days()));
                assert_eq!(recent.weekday(), weekday);
            }
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn weekday_is_always_one_to_seven_days_ahead() {
        let mut day = d("2026-11-23");
        for _ in 0..14 {
            for weekday in [Weekday::Mon, Weekday::Wed, Weekday::Sun] {
                let next = next_weekday(day, weekday);
                let ahead = (next - day).num_days();
                assert!((1..=7).contains(&ahead));
                assert_eq!(next.weekday(), weekday);
            }
            day = day.succ_opt().unwrap();
        }
    }
}
