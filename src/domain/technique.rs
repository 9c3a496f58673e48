//! Which selling techniques win: win rates with 95% Wilson intervals, compared with the
//! seller's overall win rate. A verdict needs at least 10 decided (won or lost) cases.

/// Decided cases needed before a technique is called "works best" or "holding you back".
pub const MIN_DECIDED: u64 = 10;

/// z for a two-sided 95% interval.
const Z: f64 = 1.959_963_984_540_054;

/// The 95% Wilson score interval for `wins` out of `n`, as (low, high) in 0..=1.
pub fn wilson(wins: u64, n: u64) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let n = n as f64;
    let p = wins as f64 / n;
    let z2 = Z * Z;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half = Z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    WorksBest,
    HoldingYouBack,
    NoDifference,
    /// Fewer than `MIN_DECIDED` decided cases: too early to say.
    TooFewCases,
    /// The row of cases without a technique (or response): counted, but there is nothing
    /// to use more or less of.
    NotJudged,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Self::WorksBest => "works best",
            Self::HoldingYouBack => "holding you back",
            Self::NoDifference => "no clear difference",
            Self::TooFewCases => "too few cases",
            Self::NotJudged => "not judged",
        }
    }
}

/// What the log says about one technique.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct TechniqueCounts {
    pub technique_id: Option<i64>,
    pub name: String,
    pub interactions: u64,
    pub wins: u64,
    pub losses: u64,
    pub sales: u64,
    pub revenue: i64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TechniqueStats {
    #[serde(flatten)]
    pub counts: TechniqueCounts,
    pub decided: u64,
    pub win_rate: Option<f64>,
    pub interval: Option<(f64, f64)>,
    pub average_deal: Option<i64>,
    pub verdict: Verdict,
}

/// A rate as a whole percent, "n/a" without one.
pub fn rate_text(rate: Option<f64>) -> String {
    rate.map_or("n/a".to_string(), |v| format!("{:.0}%", v * 100.0))
}

/// A 95% interval as "42-85%", "n/a" without one.
pub fn range_text(interval: Option<(f64, f64)>) -> String {
    interval.map_or("n/a".to_string(), |(l, h)| format!("{:.0}-{:.0}%", l * 100.0, h * 100.0))
}

/// The overall win rate: all wins over all decided cases.
pub fn overall_win_rate(all: &[TechniqueCounts]) -> Option<f64> {
    let wins: u64 = all.iter().map(|c| c.wins).sum();
    let decided: u64 = all.iter().map(|c| c.wins + c.losses).sum();
    (decided > 0).then(|| wins as f64 / decided as f64)
}

pub fn judge(counts: &TechniqueCounts, overall: Option<f64>) -> TechniqueStats {
    let decided = counts.wins + counts.losses;
    let interval = wilson(counts.wins, decided);
    let verdict = match (interval, overall) {
        _ if decided < MIN_DECIDED => Verdict::TooFewCases,
        (Some((low, _)), Some(rate)) if low > rate => Verdict::WorksBest,
        (Some((_, high)), Some(rate)) if high < rate => Verdict::HoldingYouBack,
        _ => Verdict::NoDifference,
    };
    TechniqueStats {
        counts: counts.clone(),
        decided,
        win_rate: (decided > 0).then(|| counts.wins as f64 / decided as f64),
        interval,
        average_deal: (counts.sales > 0).then(|| counts.revenue / counts.sales as i64),
        verdict,
    }
}

/// A row of a technique table: the one without a technique (no id) keeps its figures
/// but gets no verdict.
pub fn judge_row(counts: &TechniqueCounts, overall: Option<f64>) -> TechniqueStats {
    let mut stats = judge(counts, overall);
    if counts.technique_id.is_none() {
        stats.verdict = Verdict::NotJudged;
    }
    stats
}

/// Every technique judged against the overall win rate of all of them together.
pub fn judge_all(all: &[TechniqueCounts]) -> (Option<f64>, Vec<TechniqueStats>) {
    let overall = overall_win_rate(all);
    (overall, all.iter().map(|c| judge_row(c, overall)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(actual: (f64, f64), expected: (f64, f64)) {
        assert!(
            (actual.0 - expected.0).abs() < 0.0005 && (actual.1 - expected.1).abs() < 0.0005,
            "{actual:?} vs {expected:?}"
        );
    }

    #[test]
    fn published_wilson_intervals() {
        // Wilson (1927); values as tabulated, e.g. by Newcombe (1998) and common calculators.
        close(wilson(8, 10).unwrap(), (0.4902, 0.9433));
        close(wilson(0, 10).unwrap(), (0.0, 0.2775));
        close(wilson(45, 50).unwrap(), (0.7864, 0.9565));
        close(wilson(10, 10).unwrap(), (0.7225, 1.0));
        close(wilson(1, 2).unwrap(), (0.0945, 0.9055));
        assert_eq!(wilson(0, 0), None);
    }

    fn counts(name: &str, wins: u64, losses: u64) -> TechniqueCounts {
        TechniqueCounts { name: name.into(), interactions: wins + losses, wins, losses, ..Default::default() }
    }

    #[test]
    fn verdicts_against_the_overall_rate() {
        let overall = Some(0.5);
        // 9 of 10: interval (0.596, 0.982), low bound above 0.5.
        assert_eq!(judge(&counts("demo", 9, 1), overall).verdict, Verdict::WorksBest);
        // 1 of 10: interval (0.018, 0.404), high bound below 0.5.
        assert_eq!(judge(&counts("cold", 1, 9), overall).verdict, Verdict::HoldingYouBack);
        // 6 of 10: (0.313, 0.832) spans 0.5.
        assert_eq!(judge(&counts("bundle", 6, 4), overall).verdict, Verdict::NoDifference);
        // 9 of 9 would be striking, but nine cases are too few to say.
        assert_eq!(judge(&counts("new", 9, 0), overall).verdict, Verdict::TooFewCases);
        assert_eq!(judge(&counts("none", 0, 0), overall).verdict, Verdict::TooFewCases);
    }

    #[test]
    fn the_boundary_of_ten_decided_cases() {
        let overall = Some(0.2);
        // 8 of 10 low bound 0.490 > 0.2: exactly ten cases is enough.
        assert_eq!(judge(&counts("ten", 8, 2), overall).verdict, Verdict::WorksBest);
        assert_eq!(judge(&counts("nine", 8, 1), overall).verdict, Verdict::TooFewCases);
        // Pending and "none" outcomes are interactions but not decided cases.
        let mut busy = counts("busy", 8, 1);
        busy.interactions = 40;
        assert_eq!(judge(&busy, overall).verdict, Verdict::TooFewCases);
    }

    #[test]
    fn overall_rate_and_deal_size() {
        let all = [counts("a", 9, 1), counts("b", 1, 9)];
        let (overall, stats) = judge_all(&all);
        assert_eq!(overall, Some(0.5));
        assert_eq!(stats[0].win_rate, Some(0.9));
        let sold = TechniqueCounts { sales: 4, revenue: 100_000, ..counts("x", 0, 0) };
        assert_eq!(judge(&sold, None).average_deal, Some(25_000));
        assert_eq!(judge(&counts("y", 0, 0), None).average_deal, None);
        assert_eq!(overall_win_rate(&[]), None);
    }
}
