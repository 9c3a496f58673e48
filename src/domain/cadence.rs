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

/// Where a customer without gaps of their own gets them: their segment's row in the
/// database, then the config file's default for that segment, then the global default.
/// Built from the config once per query, so the store needs no settings of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CadenceDefaults {
    pub default: Cadence,
    /// Per segment as the config file names it, folded (accents and case aside) for matching.
    segments: Vec<(String, Cadence)>,
}

impl CadenceDefaults {
    pub fn new(default: Cadence, segments: impl IntoIterator<Item = (String, Cadence)>) -> Self {
        let segments = segments.into_iter().map(|(name, c)| (super::text::fold(name.trim()), c)).collect();
        Self { default, segments }
    }

    /// Only the global default, no per-segment ones.
    pub fn only(default: Cadence) -> Self {
        Self { default, segments: Vec::new() }
    }

    /// The config's default for `segment`, if it names one.
    pub fn configured(&self, segment: &str) -> Option<Cadence> {
        let wanted = super::text::fold(segment.trim());
        if wanted.is_empty() {
            return None;
        }
        self.segments.iter().find(|(name, _)| *name == wanted).map(|(_, c)| *c)
    }

    /// The gaps `segment` falls back to: `stored` (the database's row) wins, then the
    /// config's, then the default.
    pub fn for_segment(&self, segment: &str, stored: Option<Cadence>) -> Cadence {
        stored.or_else(|| self.configured(segment)).unwrap_or(self.default)
    }

    /// The customer's own gaps over their segment's: what applies to them.
    pub fn for_customer(&self, own: (Option<u32>, Option<u32>), segment: &str, stored: Option<Cadence>) -> Cadence {
        Cadence::resolve(own, Some(self.for_segment(segment, stored)), self.default)
    }

    /// The shortest ideal gap the config can give anyone: nobody is past their ideal gap
    /// with a shorter silence than this unless the database sets a shorter one.
    pub fn shortest_ideal(&self) -> u32 {
        self.segments.iter().map(|(_, c)| c.ideal_days).fold(self.default.ideal_days, u32::min)
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
    fn segment_defaults_yield_to_the_database_and_the_customer() {
        let default = Cadence { ideal_days: 30, max_days: 60 };
        let cafe = Cadence { ideal_days: 14, max_days: 30 };
        let rules = CadenceDefaults::new(default, [("Café".to_string(), cafe), ("Offices".to_string(), default)]);
        assert_eq!(rules.configured("cafe"), Some(cafe));
        assert_eq!(rules.configured(" CAFÉ "), Some(cafe));
        assert_eq!(rules.configured(""), None);
        assert_eq!(rules.for_segment("cafe", None), cafe);
        let stored = Cadence { ideal_days: 7, max_days: 9 };
        assert_eq!(rules.for_segment("cafe", Some(stored)), stored);
        assert_eq!(rules.for_segment("retail", None), default);
        // The customer's own ideal wins; the max comes from the segment, raised to the ideal.
        assert_eq!(rules.for_customer((Some(40), None), "cafe", None), Cadence { ideal_days: 40, max_days: 40 });
        assert_eq!(rules.for_customer((None, Some(20)), "cafe", None), Cadence { ideal_days: 14, max_days: 20 });
        assert_eq!(rules.shortest_ideal(), 14);
        assert_eq!(CadenceDefaults::only(default).shortest_ideal(), 30);
    }

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
