//! What the log says about each objection: how often it comes up (and with which
//! segments), how often the seller still wins when it does, and which technique or response
//! converts it best. The same 95% Wilson rule and the same 10 decided cases as the
//! technique verdicts; a converter is judged against the objection's own win rate.

use super::technique::{TechniqueCounts, TechniqueStats, Verdict, judge, judge_row, wilson};
use super::technique_groups::NONE;

/// What the store counts: the interactions where one objection came up with one segment,
/// one technique and one response (case aside).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ObjectionCount {
    pub objection: String,
    /// The customer's current segment, "" without one.
    pub segment: String,
    pub technique_id: Option<i64>,
    pub technique: String,
    /// The response as first written, "" for none.
    pub response: String,
    pub interactions: u64,
    pub wins: u64,
    pub losses: u64,
}

/// How often one segment raised the objection, against all its interactions.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SegmentShare {
    pub segment: String,
    pub raised: u64,
    pub interactions: u64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ObjectionFigures {
    pub objection: String,
    /// One of the seller's configured objections (not their own words).
    pub listed: bool,
    /// Interactions it came up in.
    pub raised: u64,
    pub decided: u64,
    pub wins: u64,
    pub win_rate: Option<f64>,
    pub interval: Option<(f64, f64)>,
    /// The win rate when it comes up against the seller's overall rate.
    pub verdict: Verdict,
    /// Most often first.
    pub by_segment: Vec<SegmentShare>,
    /// Each judged against this objection's win rate; "(no technique)" last.
    pub techniques: Vec<TechniqueStats>,
    /// Each response judged the same way; "(no response)" last.
    pub responses: Vec<TechniqueStats>,
    /// The technique or response with the highest Wilson low bound among those with enough
    /// decided cases, if any has them.
    pub converts_best: Option<Converter>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Converter {
    /// "technique" or "response".
    pub kind: &'static str,
    pub name: String,
    pub win_rate: f64,
    pub interval: (f64, f64),
    pub decided: u64,
    /// Against the objection's own win rate.
    pub verdict: Verdict,
}

pub const NO_RESPONSE: &str = "(no response)";

/// How the verdict on an objection's win rate reads: it is not a technique to use.
pub fn verdict_label(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::WorksBest => "you win more than usual",
        Verdict::HoldingYouBack => "costs you deals",
        Verdict::NoDifference => "no clear difference",
        Verdict::TooFewCases => "too few cases",
        Verdict::NotJudged => "not judged",
    }
}

/// The figures for every objection in `counts`, most raised first (then by name).
/// `overall` is the seller's win rate over every decided interaction of the period;
/// `segment_interactions` every segment's interactions in it; `list` the configured keys.
pub fn objection_figures(
    counts: &[ObjectionCount],
    overall: Option<f64>,
    segment_interactions: &[(String, u64)],
    list: &[String],
) -> Vec<ObjectionFigures> {
    let mut names: Vec<String> = Vec::new();
    for c in counts {
        if !names.iter().any(|n| n.to_lowercase() == c.objection.to_lowercase()) {
            names.push(c.objection.clone());
        }
    }
    let mut out: Vec<ObjectionFigures> =
        names.into_iter().map(|name| one_objection(&name, counts, overall, segment_interactions, list)).collect();
    out.sort_by(|a, b| {
        b.raised.cmp(&a.raised).then_with(|| a.objection.to_lowercase().cmp(&b.objection.to_lowercase()))
    });
    out
}

fn one_objection(
    name: &str,
    counts: &[ObjectionCount],
    overall: Option<f64>,
    segment_interactions: &[(String, u64)],
    list: &[String],
) -> ObjectionFigures {
    let folded = name.to_lowercase();
    let mine: Vec<&ObjectionCount> = counts.iter().filter(|c| c.objection.to_lowercase() == folded).collect();
    let total = TechniqueCounts {
        name: name.to_string(),
        interactions: mine.iter().map(|c| c.interactions).sum(),
        wins: mine.iter().map(|c| c.wins).sum(),
        losses: mine.iter().map(|c| c.losses).sum(),
        ..Default::default()
    };
    let judged = judge(&total, overall);
    let rate = judged.win_rate;
    let techniques = judge_each(&mine, rate, |c| (c.technique_id, c.technique.clone()));
    let responses = judge_each(&mine, rate, |c| {
        let none = c.response.trim().is_empty();
        (if none { None } else { Some(0) }, if none { NO_RESPONSE.to_string() } else { c.response.trim().to_string() })
    });
    // On a tie the technique is named: it is what the technique table tells the seller to use.
    let converts_best = best_converter(&techniques, "technique")
        .into_iter()
        .chain(best_converter(&responses, "response"))
        .max_by(|a, b| ranking(a).partial_cmp(&ranking(b)).unwrap_or(std::cmp::Ordering::Equal));
    ObjectionFigures {
        objection: name.to_string(),
        listed: list.iter().any(|k| k.to_lowercase() == folded),
        raised: total.interactions,
        decided: judged.decided,
        wins: total.wins,
        win_rate: rate,
        interval: wilson(total.wins, judged.decided),
        verdict: judged.verdict,
        by_segment: by_segment(&mine, segment_interactions),
        techniques,
        responses,
        converts_best,
    }
}

/// Counts folded by `key` (an id, None for the "none" row, and a name; names case aside),
/// each judged against `rate`, most decided first and the "none" row last.
fn judge_each(
    rows: &[&ObjectionCount],
    rate: Option<f64>,
    key: impl Fn(&ObjectionCount) -> (Option<i64>, String),
) -> Vec<TechniqueStats> {
    let mut folded: Vec<TechniqueCounts> = Vec::new();
    for row in rows {
        let (id, name) = key(row);
        let at = match folded.iter().position(|c| c.technique_id == id && c.name.to_lowercase() == name.to_lowercase())
        {
            Some(at) => at,
            None => {
                folded.push(TechniqueCounts { technique_id: id, name, ..Default::default() });
                folded.len() - 1
            }
        };
        let entry = &mut folded[at];
        entry.interactions += row.interactions;
        entry.wins += row.wins;
        entry.losses += row.losses;
    }
    folded.sort_by(|a, b| {
        (a.technique_id.is_none(), std::cmp::Reverse(a.wins + a.losses), a.name.to_lowercase()).cmp(&(
            b.technique_id.is_none(),
            std::cmp::Reverse(b.wins + b.losses),
            b.name.to_lowercase(),
        ))
    });
    folded.iter().map(|c| judge_row(c, rate)).collect()
}

fn ranking(c: &Converter) -> (f64, u64, bool) {
    (c.interval.0, c.decided, c.kind == "technique")
}

fn best_converter(judged: &[TechniqueStats], kind: &'static str) -> Option<Converter> {
    judged
        .iter()
        .filter(|t| t.counts.technique_id.is_some() && t.verdict != Verdict::TooFewCases)
        .filter_map(|t| {
            Some(Converter {
                kind,
                name: t.counts.name.clone(),
                win_rate: t.win_rate?,
                interval: t.interval?,
                decided: t.decided,
                verdict: t.verdict,
            })
        })
        .max_by(|a, b| a.interval.0.total_cmp(&b.interval.0).then_with(|| a.decided.cmp(&b.decided)))
}

fn by_segment(rows: &[&ObjectionCount], segment_interactions: &[(String, u64)]) -> Vec<SegmentShare> {
    let mut shares: Vec<SegmentShare> = Vec::new();
    for row in rows {
        let segment = if row.segment.is_empty() { NONE.to_string() } else { row.segment.clone() };
        match shares.iter_mut().find(|s| s.segment == segment) {
            Some(share) => share.raised += row.interactions,
            None => {
                let interactions = segment_interactions
                    .iter()
                    .filter(|(s, _)| s.eq_ignore_ascii_case(&row.segment))
                    .map(|(_, n)| *n)
                    .sum();
                shares.push(SegmentShare { segment, raised: row.interactions, interactions })
            }
        }
    }
    shares
        .sort_by(|a, b| b.raised.cmp(&a.raised).then_with(|| a.segment.to_lowercase().cmp(&b.segment.to_lowercase())));
    shares
}

/// The objections a segment raises most, most often first (for its playbook cards).
pub fn usual_for_segment(figures: &[ObjectionFigures], segment: &str) -> Vec<String> {
    let wanted = if segment.is_empty() { NONE } else { segment };
    let mut found: Vec<(u64, &str)> = figures
        .iter()
        .filter_map(|f| {
            f.by_segment
                .iter()
                .find(|s| s.segment.eq_ignore_ascii_case(wanted))
                .map(|s| (s.raised, f.objection.as_str()))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    found.into_iter().map(|(_, o)| o.to_string()).collect()
}

#[cfg(test)]
#[path = "objection_figures_tests.rs"]
mod tests;
