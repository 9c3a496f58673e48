//! Stay-in-touch cadence: how long since the last contact, against an ideal and a maximum
//! gap. Any logged interaction or sale resets the clock; a customer never contacted is
//! measured from the day they were added.

use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CadenceState {
    /// Within the ideal gap.
    Fine,
    /// At or past the ideal gap: time to reach out.
    Amber,
    /// At or past the maximum gap.
    Red,
}

impl CadenceState {
    pub fn label(self) -> &'static str {
        match self {
            Self::Fine => "in touch",
            Self::Amber => "due a call",
            Self::Red => "overdue a call",
        }
    }
}

/// Ideal and maximum days between contacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Cadence {
    pub ideal_days: u32,
    pub max_days: u32,
}

impl Cadence {
    /// The customer's own cadence wins, then the segment's, then the global default; each
    /// of ideal and max is chosen separately, and max never falls below ideal.
    pub fn resolve(customer: (Option<u32>, Option<u32>), segment: Option<Cadence>, default: Cadence) -> Cadence {
        let base = segment.unwrap_or(default);
        let ideal = customer.0.unwrap_or(base.ideal_days);
        let max = customer.1.unwrap_or(base.max_days).max(ideal);
        Cadence { ideal_days: ideal, max_days: max }
    }

    pub fn state(self, days_since_contact: i64) -> CadenceState {
        if days_since_contact >= i64::from(self.max_days) {
            CadenceState::Red
        } else if days_since_contact >= i64::from(self.ideal_days) {
            CadenceState::Amber
        } else {
            CadenceState::Fine
        }
    }
}

/// Days since the last contact (or since the customer was added), never negative.
pub fn days_since(last_contact: NaiveDate, today: NaiveDate) -> i64 {
    (today - last_contact).num_days().max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_are_exact_to_the_day() {
        let c = Cadence { ideal_days: 14, max_days: 30 };
        assert_eq!(c.state(0), CadenceState::Fine);
        assert_eq!(c.state(13), CadenceState::Fine);
        assert_eq!(c.state(14), CadenceState::Amber);
        assert_eq!(c.state(29), CadenceState::Amber);
        assert_eq!(c.state(30), CadenceState::Red);
        assert_eq!(c.state(400), CadenceState::Red);
    }

    #[test]
    fn resolution_order() {
        let default = Cadence { ideal_days: 30, max_days: 60 };
        let segment_cadence = Cadence { ideal_days: 14, max_days: 30 };
        let segment = Some(segment_cadence);
        assert_eq!(Cadence::resolve((None, None), None, default), default);
        assert_eq!(Cadence::resolve((None, None), segment, default), segment_cadence);
        assert_eq!(Cadence::resolve((Some(7), None), segment, default), Cadence { ideal_days: 7, max_days: 30 });
        assert_eq!(Cadence::resolve((Some(45), None), segment, default), Cadence { ideal_days: 45, max_days: 45 });
        assert_eq!(Cadence::resolve((Some(5), Some(9)), segment, default), Cadence { ideal_days: 5, max_days: 9 });
    }

    #[test]
    fn days_since_contact() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(days_since(d("2026-11-13"), d("2026-11-27")), 14);
        assert_eq!(days_since(d("2026-11-28"), d("2026-11-27")), 0, "a future-dated log is not negative");
    }
}
