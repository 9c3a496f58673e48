//! The coach's line on objections: the one that costs the seller most deals (its win rate's
//! interval wholly under their usual rate), where it comes up most, and what converts it.

use super::insight::{Insight, Rule};
use super::objection_figures::ObjectionFigures;
use super::technique::Verdict;
use super::text::one_line;

fn percent(rate: f64) -> String {
    format!("{:.0}%", rate * 100.0)
}

/// The objection whose interval's high end is furthest under `overall`, if one is.
pub fn objection_insight(figures: &[ObjectionFigures], overall: Option<f64>) -> Option<Insight> {
    let overall = overall?;
    let worst = figures
        .iter()
        .filter(|f| f.verdict == Verdict::HoldingYouBack)
        .filter_map(|f| Some((overall - f.interval?.1, f)))
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.decided.cmp(&b.1.decided)))?
        .1;
    let where_most = worst
        .by_segment
        .first()
        .filter(|s| s.interactions > 0)
        .map(|s| {
            let share = s.raised as f64 / s.interactions as f64;
            format!(" ({} of {} interactions)", percent(share), one_line(&s.segment))
        })
        .unwrap_or_default();
    let message = format!(
        "You win {} when '{}' comes up{where_most} vs your usual {} ({} cases)",
        percent(worst.win_rate.unwrap_or(0.0)),
        one_line(&worst.objection),
        percent(overall),
        worst.decided
    );
    let action = match &worst.converts_best {
        Some(best) if best.verdict == Verdict::WorksBest => format!(
            "Answer it with {} ({} of {} decided); Ctrl-p in the log form shows your playbook cards for it.",
            one_line(&best.name),
            percent(best.win_rate),
            best.decided
        ),
        _ => "Write the answers that work into a playbook card: salescoach note add --kind answers --objection ..."
            .to_string(),
    };
    Some(Insight { rule: Rule::ObjectionCostsDeals, urgency: 24, message, action })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::objection_figures::{ObjectionCount, objection_figures};

    fn row(objection: &str, segment: &str, technique: Option<(i64, &str)>, won: u64, lost: u64) -> ObjectionCount {
        ObjectionCount {
            objection: objection.into(),
            segment: segment.into(),
            technique_id: technique.map(|t| t.0),
            technique: technique.map_or("(no technique)", |t| t.1).into(),
            response: String::new(),
            interactions: won + lost,
            wins: won,
            losses: lost,
        }
    }

    #[test]
    fn the_objection_costing_most_is_named_with_where_and_what_converts_it() {
        let counts = vec![
            // competitor: 1 of 12 with cold calls, 10 of 10 with demos: 11/22 = 50%, Wilson
            // 30.7-69.3%, under the usual 80%; the demos' 72.3-100% clears 50%.
            row("competitor", "Hotel", Some((1, "Cold call")), 1, 11),
            row("competitor", "Hotel", Some((2, "Live demo")), 10, 0),
            // timing: 6/10, Wilson 31.3-83.2%, the usual rate inside: not named.
            row("timing", "Café", None, 6, 4),
        ];
        let segments = [("Hotel".to_string(), 44), ("Café".to_string(), 30)];
        let figures = objection_figures(&counts, Some(0.8), &segments, &[]);
        let found = objection_insight(&figures, Some(0.8)).unwrap();
        assert_eq!(found.rule, Rule::ObjectionCostsDeals);
        assert_eq!(
            found.message,
            "You win 50% when 'competitor' comes up (50% of Hotel interactions) vs your usual 80% (22 cases)"
        );
        assert_eq!(
            found.action,
            "Answer it with Live demo (100% of 10 decided); Ctrl-p in the log form shows your playbook cards for it."
        );
    }

    #[test]
    fn nothing_clearly_costly_says_nothing() {
        let figures = objection_figures(&[row("timing", "Café", None, 6, 4)], Some(0.8), &[], &[]);
        assert_eq!(objection_insight(&figures, Some(0.8)), None);
        assert_eq!(objection_insight(&[], None), None);
    }
}
