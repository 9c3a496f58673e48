//! Techniques judged within one customer group (a segment, an industry): a technique that
//! wins with cafés and loses with offices looks average over everyone. Each group's
//! techniques are compared with that group's own win rate, with the same 95% Wilson rule
//! and the same 10 decided cases as over all customers.

use super::insight::{Insight, Rule};
use super::technique::{TechniqueCounts, TechniqueStats, Verdict, judge_all};

crate::text_enum! {
    /// The customer field techniques are judged within.
    pub enum GroupBy {
        Segment => ("segment", "segment"),
        Industry => ("industry", "industry"),
    }
}

/// What a customer field is called when it is empty.
pub const NONE: &str = "(none)";

/// One group's techniques, each judged against the group's overall win rate.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GroupTechniques {
    /// The field's value, or [`NONE`].
    pub group: String,
    pub overall_win_rate: Option<f64>,
    /// Won plus lost over every interaction of the group, with or without a technique.
    pub decided: u64,
    pub techniques: Vec<TechniqueStats>,
}

/// Rows of (group value, counts) in any order, the same technique at most once per group.
/// Groups come sorted by name, the customers without the field last; within a group the
/// techniques keep the order given, the "(no technique)" row (`technique_id` None) last.
pub fn judge_by_group(rows: &[(String, TechniqueCounts)]) -> Vec<GroupTechniques> {
    let mut names: Vec<&str> = rows.iter().map(|(g, _)| g.as_str()).collect();
    names.sort_by_key(|g| (g.is_empty(), g.to_lowercase()));
    names.dedup();
    names
        .into_iter()
        .map(|name| {
            let mut counts: Vec<TechniqueCounts> =
                rows.iter().filter(|(g, _)| g == name).map(|(_, c)| c.clone()).collect();
            counts.sort_by_key(|c| c.technique_id.is_none());
            let (overall_win_rate, techniques) = judge_all(&counts);
            let decided = counts.iter().map(|c| c.wins + c.losses).sum();
            GroupTechniques {
                group: if name.is_empty() { NONE.to_string() } else { name.to_string() },
                overall_win_rate,
                decided,
                techniques,
            }
        })
        .collect()
}

/// The clearest "works best" within a group: the technique whose interval's low end is
/// furthest above its group's rate (ties: more decided cases, then the name).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GroupFinding {
    pub group: String,
    pub technique_id: i64,
    pub technique: String,
    pub win_rate: f64,
    pub group_rate: f64,
    pub decided: u64,
}

pub fn strongest_finding(groups: &[GroupTechniques]) -> Option<GroupFinding> {
    let mut best: Option<(f64, GroupFinding)> = None;
    for g in groups.iter().filter(|g| g.group != NONE) {
        let Some(group_rate) = g.overall_win_rate else { continue };
        for t in &g.techniques {
            let (Some(id), Some((low, _)), Some(rate)) = (t.counts.technique_id, t.interval, t.win_rate) else {
                continue;
            };
            if t.verdict != Verdict::WorksBest {
                continue;
            }
            let lead = low - group_rate;
            let finding = GroupFinding {
                group: g.group.clone(),
                technique_id: id,
                technique: t.counts.name.clone(),
                win_rate: rate,
                group_rate,
                decided: t.decided,
            };
            let better = match &best {
                None => true,
                Some((l, f)) => {
                    lead > *l + 1e-12
                        || ((lead - *l).abs() <= 1e-12
                            && (finding.decided, &f.technique) > (f.decided, &finding.technique))
                }
            };
            if better {
                best = Some((lead, finding));
            }
        }
    }
    best.map(|(_, f)| f)
}

/// The coach's line for a finding: the technique, its win rate with the group against the
/// group's own, and the follow-ups due in the next days it applies to (`due`: customers).
pub fn finding_insight(f: &GroupFinding, due: &[String]) -> Insight {
    let percent = |r: f64| format!("{:.0}%", r * 100.0);
    let message = format!(
        "{} wins {} with {} customers vs your {} there ({} cases)",
        f.technique,
        percent(f.win_rate),
        f.group,
        percent(f.group_rate),
        f.decided
    );
    let action = match due {
        [] => format!("Use it with your next {} customer.", f.group),
        _ => {
            let mut names: Vec<&str> = due.iter().map(String::as_str).take(3).collect();
            names.dedup();
            let more = due.len().saturating_sub(3);
            let tail = if more > 0 { format!(" and {more} more") } else { String::new() };
            let calls = super::text::counted(due.len() as i64, "follow-up", "follow-ups");
            format!("Use it on the {calls} with {} customers due this week: {}{tail}.", f.group, names.join(", "))
        }
    };
    Insight { rule: Rule::TechniqueInSegment, urgency: if due.is_empty() { 22 } else { 35 }, message, action }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(id: Option<i64>, name: &str, wins: u64, losses: u64) -> TechniqueCounts {
        TechniqueCounts {
            technique_id: id,
            name: name.into(),
            interactions: wins + losses,
            wins,
            losses,
            sales: 0,
            revenue: 0,
        }
    }

    /// Cafés: consultative 14 of 18 (78%), demo 4 of 12, untagged 5 of 20: the group's rate
    /// is 23/50 = 46%. Consultative's 95% Wilson interval for 14/18 is 54.8%-91.0%, above
    /// 46%: it works best there. Offices: consultative 3 of 12, demo 9 of 12, 12/24 = 50%:
    /// consultative's interval 8.9%-53.2% straddles 50%, no clear difference.
    fn rows() -> Vec<(String, TechniqueCounts)> {
        vec![
            ("Office".into(), counts(Some(1), "Consultative", 3, 9)),
            ("Café".into(), counts(Some(1), "Consultative", 14, 4)),
            ("Café".into(), counts(None, "(no technique)", 5, 15)),
            ("Café".into(), counts(Some(2), "Demo first", 4, 8)),
            ("Office".into(), counts(Some(2), "Demo first", 9, 3)),
            ("".into(), counts(Some(1), "Consultative", 1, 0)),
        ]
    }

    #[test]
    fn each_group_is_judged_against_its_own_rate() {
        let groups = judge_by_group(&rows());
        let names: Vec<&str> = groups.iter().map(|g| g.group.as_str()).collect();
        assert_eq!(names, ["Café", "Office", NONE]);
        let cafe = &groups[0];
        assert_eq!(cafe.decided, 50);
        assert!((cafe.overall_win_rate.unwrap() - 0.46).abs() < 1e-9);
        let consultative = &cafe.techniques[0];
        let (low, high) = consultative.interval.unwrap();
        assert!((low - 0.548).abs() < 0.0005 && (high - 0.910).abs() < 0.0005, "{low} {high}");
        assert_eq!(consultative.verdict, Verdict::WorksBest);
        // Demo first, 4 of 12: 13.8%-60.9% includes 46%.
        assert_eq!(cafe.techniques[1].verdict, Verdict::NoDifference);
        assert_eq!(cafe.techniques.last().unwrap().counts.technique_id, None, "untagged last");
        let office = &groups[1];
        assert!((office.overall_win_rate.unwrap() - 0.5).abs() < 1e-9);
        assert_eq!(office.techniques[0].verdict, Verdict::NoDifference);
        // One case without a segment: too few to judge.
        assert_eq!(groups[2].techniques[0].verdict, Verdict::TooFewCases);
    }

    #[test]
    fn the_strongest_finding_leads_its_group_by_the_most() {
        let found = strongest_finding(&judge_by_group(&rows())).unwrap();
        assert_eq!((found.group.as_str(), found.technique.as_str(), found.decided), ("Café", "Consultative", 18));
        assert!((found.win_rate - 14.0 / 18.0).abs() < 1e-9);
        assert!((found.group_rate - 0.46).abs() < 1e-9);
        // With no technique clearly ahead anywhere there is nothing to say.
        let even = vec![("Café".to_string(), counts(Some(1), "Consultative", 6, 6))];
        assert_eq!(strongest_finding(&judge_by_group(&even)), None);
        assert!(judge_by_group(&[]).is_empty());
    }

    #[test]
    fn the_coach_names_the_follow_ups_the_finding_applies_to() {
        let found = strongest_finding(&judge_by_group(&rows())).unwrap();
        let due: Vec<String> = ["Marta Novak", "Ben Okafor", "Ada Berg", "Zoe Kim"].map(String::from).to_vec();
        let line = finding_insight(&found, &due);
        assert_eq!(line.message, "Consultative wins 78% with Café customers vs your 46% there (18 cases)");
        assert_eq!(
            line.action,
            "Use it on the 4 follow-ups with Café customers due this week: Marta Novak, Ben Okafor, Ada Berg and 1 more."
        );
        assert_eq!(line.urgency, 35);
        let idle = finding_insight(&found, &[]);
        assert_eq!((idle.action.as_str(), idle.urgency), ("Use it with your next Café customer.", 22));
    }
}
