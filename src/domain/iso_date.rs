//! Dates as the store keeps them and JSON shows them: `YYYY-MM-DD`, read and written by
//! hand. chrono goes through its format-item machinery for each one, which was a sixth of
//! a long list's time (`today --json`: 10,000 rows, two dates' worth of work each).

use chrono::{Datelike, NaiveDate};

/// `YYYY-MM-DD` with a four-digit year, or `None` for anything else (the caller falls back
/// to chrono's own parser, so what is accepted does not change).
pub fn parse(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, &d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

/// `date` as `YYYY-MM-DD` in `buf`, for years 0 to 9999; `None` outside them.
pub fn write(date: NaiveDate, buf: &mut [u8; 10]) -> Option<&str> {
    let year = u32::try_from(date.year()).ok().filter(|y| *y <= 9999)?;
    let mut put = |at: usize, width: usize, mut n: u32| {
        for i in (at..at + width).rev() {
            buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    put(0, 4, year);
    put(5, 2, date.month());
    put(8, 2, date.day());
    buf[4] = b'-';
    buf[7] = b'-';
    std::str::from_utf8(buf).ok()
}

/// A date that serializes as chrono's does (`"2026-11-27"`), without its formatter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Iso(pub NaiveDate);

impl serde::Serialize for Iso {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0; 10];
        match write(self.0, &mut buf) {
            Some(text) => serializer.serialize_str(text),
            None => self.0.serialize(serializer),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn reads_what_chrono_reads_for_four_digit_years() {
        for text in ["2026-11-27", "0001-01-01", "2024-02-29", "9999-12-31", "1970-01-01"] {
            assert_eq!(parse(text), NaiveDate::parse_from_str(text, "%F").ok(), "{text}");
        }
        assert_eq!(parse("2026-11-27"), Some(date(2026, 11, 27)));
    }

    #[test]
    fn leaves_everything_else_to_chrono() {
        for text in
            ["2025-02-29", "2026-13-01", "2026-00-10", "2026-1-27", "2026/11/27", "2026-11-2x", "", "+2026-11-27"]
        {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn writes_what_chrono_writes() {
        for d in [date(2026, 11, 27), date(1, 1, 1), date(999, 3, 4), date(9999, 12, 31), date(2024, 2, 29)] {
            let mut buf = [0; 10];
            assert_eq!(write(d, &mut buf), Some(d.to_string().as_str()));
            assert_eq!(serde_json::to_string(&Iso(d)).unwrap(), serde_json::to_string(&d).unwrap());
        }
    }

    #[test]
    fn years_outside_four_digits_serialize_through_chrono() {
        for d in [date(-5, 6, 7), date(10_000, 1, 2)] {
            let mut buf = [0; 10];
            assert_eq!(write(d, &mut buf), None);
            assert_eq!(serde_json::to_string(&Iso(d)).unwrap(), serde_json::to_string(&d).unwrap());
        }
    }
}
