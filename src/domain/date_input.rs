//! Dates as a seller types them, always relative to a `today` passed in (never the clock).
//!
//! Accepted: `2026-12-01`, `today`, `tomorrow`, `yesterday`, `+3d`, `-2d`, `+2w`, `+1m`,
//! a weekday (`mon`..`sun` or in full) meaning the next such day after today (1 to 7 days
//! ahead, so `fri` on a Friday is a week out), and `next fri`, which means the same.
//! Month arithmetic clamps to the month's end: Jan 31 + 1m is Feb 28 (or 29).

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use std::fmt;

/// The one-line hint shown with every refusal.
pub const DATE_FORMS: &str =
    "use YYYY-MM-DD, today, tomorrow, yesterday, +3d, -2d, +2w, +1m, a weekday (fri) or next fri";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}' is not a date; {DATE_FORMS}", self.0)
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

/// Dates outside these years are refused: the database stores four-digit years.
const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let date = parse_any(input, today)?;
    if YEARS.contains(&date.year()) { Ok(date) } else { Err(DateError(input.trim().to_string())) }
}

fn parse_any(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let text = input.trim().to_ascii_lowercase();
    let err = || DateError(input.trim().to_string());
    match text.as_str() {
        "" => return Err(err()),
        "today" | "tod" => return Ok(today),
        "tomorrow" | "tom" => return today.checked_add_days(Days::new(1)).ok_or_else(err),
        "yesterday" => return today.checked_sub_days(Days::new(1)).ok_or_else(err),
        _ => {}
    }
    if let Some(date) = parse_iso(&text) {
        return Ok(date);
    }
    if let Some(date) = parse_offset(&text, today) {
        return date.ok_or_else(err);
    }
    let weekday_text = text.strip_prefix("next ").map(str::trim).unwrap_or(&text);
    if let Some(weekday) = parse_weekday(weekday_text) {
        return Ok(next_weekday(today, weekday));
    }
    Err(err())
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
    fn dates_beyond_year_9999_are_refused() {
        assert!(parse_date("+3000000d", d("2026-11-27")).is_err());
        assert!(parse_date("-800000d", d("2026-11-27")).is_err());
        assert_eq!(parse_date("9999-12-31", d("2026-11-27")), Ok(d("9999-12-31")));
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        assert!(parse_date("+4000000000d", d("2026-11-27")).is_err());
        assert!(parse_date("+4000000000m", d("2026-11-27")).is_err());
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
