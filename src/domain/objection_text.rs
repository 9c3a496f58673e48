//! The objection figures in words, the same on the command line and on Insights.

use super::objection_figures::{ObjectionFigures, verdict_label};
use super::technique::{range_text, rate_text};
use super::text::one_line;

/// "price: raised 15 times; won 10 of 15 decided, 67% (42-85%): no clear difference".
pub fn summary(f: &ObjectionFigures) -> String {
    let own = if f.listed { "" } else { " (your words)" };
    format!(
        "{}{own}: raised {} times; won {} of {} decided, {} ({}): {}",
        one_line(&f.objection),
        f.raised,
        f.wins,
        f.decided,
        rate_text(f.win_rate),
        range_text(f.interval),
        verdict_label(f.verdict)
    )
}

/// "by segment: Café 12 of 12 (100%) · Office 3 of 8 (38%)".
pub fn by_segment(f: &ObjectionFigures) -> String {
    let segments: Vec<String> = f
        .by_segment
        .iter()
        .map(|s| {
            let share = (s.interactions > 0).then(|| s.raised as f64 / s.interactions as f64);
            format!("{} {} of {} ({})", one_line(&s.segment), s.raised, s.interactions, rate_text(share))
        })
        .collect();
    format!("by segment: {}", segments.join(" · "))
}

/// "converts best: Live demo (technique) 100% over 10 decided, works best".
pub fn converts_best(f: &ObjectionFigures) -> String {
    match &f.converts_best {
        Some(best) => format!(
            "converts best: {} ({}) {} over {} decided, {}",
            one_line(&best.name),
            best.kind,
            rate_text(Some(best.win_rate)),
            best.decided,
            best.verdict.label()
        ),
        None => "converts best: too few cases to say (10 decided needed for a technique or response)".to_string(),
    }
}
