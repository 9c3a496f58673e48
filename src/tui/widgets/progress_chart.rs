//! The progress chart: cumulative actual (a step line), the ideal line from start to target
//! at the deadline, the projection to the deadline, a marker for today, and at the deadline
//! a bar from what is done up to what the open deals add ("with pipeline"). Each series has
//! its own mark (so they tell apart without colour, under `NO_COLOR`) and its own style.
//!
//! x is measured in days from the start of the window: a day's value sits at the end of
//! that day, so the start day ends at x = 1 and the deadline at x = window length.

use crate::domain::goal::Goal;
use crate::domain::money::{Currency, Separators};
use crate::domain::pace::Pace;
use crate::tui::theme::Theme;
use chrono::{Days, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Widget};

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub actual: Vec<(f64, f64)>,
    pub ideal: Vec<(f64, f64)>,
    pub projection: Vec<(f64, f64)>,
    pub today: Option<Vec<(f64, f64)>>,
    /// Up the deadline: from done to done + the weighted pipeline; empty without deals.
    pub pipeline: Vec<(f64, f64)>,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
}

/// The chart's lines for `goal` with `pace` computed from `daily`; `with_pipeline` is the
/// forecast with the open deals (done + weighted pipeline), if the goal has one.
pub fn series(goal: &Goal, pace: &Pace, daily: &[(NaiveDate, i64)], with_pipeline: Option<i64>) -> Series {
    let window = goal.window();
    let end_x = |d: NaiveDate| ((d - goal.start_on).num_days() + 1) as f64;
    let x_max = end_x(goal.deadline_on);
    let last_actual = pace.today.min(goal.deadline_on);
    let mut days: Vec<(NaiveDate, i64)> =
        daily.iter().copied().filter(|(d, _)| *d >= goal.start_on && *d <= last_actual).collect();
    days.sort();
    let mut actual = vec![(0.0, 0.0)];
    let mut running = 0i64;
    let (mut low, mut high) = (0i64, goal.target);
    for (day, amount) in days {
        let x = end_x(day);
        actual.push((x, running as f64));
        running += amount;
        actual.push((x, running as f64));
        low = low.min(running);
        high = high.max(running);
    }
    if pace.today >= goal.start_on {
        actual.push((end_x(last_actual), running as f64));
    }
    let mut ideal = vec![(0.0, 0.0)];
    let mut day = goal.start_on;
    while day <= goal.deadline_on {
        ideal.push((end_x(day), window.ideal(day) as f64));
        day = day + Days::new(1);
    }
    let mut projection = Vec::new();
    if let Some(projected) = pace.projected.filter(|_| pace.today >= goal.start_on && pace.today < goal.deadline_on) {
        projection = vec![(end_x(pace.today), pace.done as f64), (x_max, projected as f64)];
        high = high.max(projected);
        low = low.min(projected);
    }
    let mut pipeline = Vec::new();
    if let Some(with) = with_pipeline.filter(|w| *w > pace.done && pace.today <= goal.deadline_on) {
        pipeline = vec![(x_max, pace.done as f64), (x_max, with as f64)];
        high = high.max(with);
    }
    let y_max = (high as f64 * 1.05).max(1.0);
    let today = (pace.today >= goal.start_on && pace.today <= goal.deadline_on)
        .then(|| vec![(end_x(pace.today), low as f64), (end_x(pace.today), y_max)]);
    Series { actual, ideal, projection, today, pipeline, x_max, y_min: low as f64, y_max }
}

pub struct ProgressChart<'a> {
    pub goal: &'a Goal,
    pub series: &'a Series,
    pub theme: &'a Theme,
    pub line_style: Style,
    pub currency: &'a Currency,
}

impl ProgressChart<'_> {
    fn value_label(&self, value: f64) -> String {
        let value = value.max(0.0) as u64;
        let separators = self.currency.separators;
        if !self.goal.metric.is_money() {
            return compact(value, separators);
        }
        let number = compact(value / 100, separators);
        if self.currency.symbol_after {
            format!("{number} {}", self.currency.symbol)
        } else {
            format!("{}{number}", self.currency.symbol)
        }
    }
}

/// 45000 -> "45k", 1200000 -> "1.2M": axis labels must stay narrow.
fn compact(n: u64, separators: Separators) -> String {
    match n {
        0..=9_999 => separators.group(n),
        10_000..=999_999 => format!("{}k", n / 1000),
        _ => format!("{}{}{}M", n / 1_000_000, separators.decimal, n % 1_000_000 / 100_000),
    }
}

impl Widget for ProgressChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.series;
        let line = |name: &'static str, marker, style, data| {
            Dataset::default().name(name).marker(marker).graph_type(GraphType::Line).style(style).data(data)
        };
        let mut datasets = vec![line("ideal", IDEAL.0, self.theme.dim, &s.ideal)];
        if !s.projection.is_empty() {
            datasets.push(line("projection", PROJECTION.0, self.theme.notice, &s.projection));
        }
        if let Some(today) = &s.today {
            datasets.push(line("today", TODAY.0, self.theme.key, today));
        }
        if !s.pipeline.is_empty() {
            datasets.push(line("with pipeline", PIPELINE.0, self.theme.good, &s.pipeline));
        }
        // Drawn last, so where lines cross the seller's own progress stays on top.
        datasets.push(line("done", DONE.0, self.line_style, &s.actual));
        let start = self.goal.start_on;
        let middle = start + Days::new(((self.goal.deadline_on - start).num_days() / 2) as u64);
        let x_labels: Vec<Span> = [start, middle, self.goal.deadline_on]
            .iter()
            .map(|d| Span::styled(d.format("%-d %b").to_string(), self.theme.dim))
            .collect();
        let y_labels: Vec<Span> = [s.y_min, (s.y_min + s.y_max) / 2.0, s.y_max]
            .iter()
            .map(|v| Span::styled(self.value_label(*v), self.theme.dim))
            .collect();
        Chart::new(datasets)
            .x_axis(Axis::default().bounds([0.0, s.x_max]).labels(x_labels).style(self.theme.border))
            .y_axis(Axis::default().bounds([s.y_min, s.y_max]).labels(y_labels).style(self.theme.border))
            // The legend box would cover the lines on small charts; `legend()` is drawn instead.
            .legend_position(None)
            .render(area, buf);
    }
}

/// Each series' marker and the glyph the legend shows for it (one it draws).
const DONE: (Marker, &str) = (Marker::Braille, "⣀");
const IDEAL: (Marker, &str) = (Marker::Dot, "•");
const PROJECTION: (Marker, &str) = (Marker::HalfBlock, "▀▄");
const TODAY: (Marker, &str) = (Marker::Block, "█");
/// At the right edge a quadrant line fills the right half of its cells.
const PIPELINE: (Marker, &str) = (Marker::Quadrant, "▐");

/// A key to the chart's lines, each in its own mark and style (the pipeline's only when
/// the chart has it): one line when `width` allows, else two or three.
pub fn legend(theme: &Theme, line_style: Style, width: u16, pipeline: bool) -> Vec<Line<'static>> {
    let mut keys = vec![
        Span::styled(format!("{} done", DONE.1), line_style),
        Span::styled(format!("{} ideal", IDEAL.1), theme.dim),
        Span::styled(format!("{} projection", PROJECTION.1), theme.notice),
        Span::styled(format!("{} today", TODAY.1), theme.key),
    ];
    if pipeline {
        keys.push(Span::styled(format!("{} with pipeline", PIPELINE.1), theme.good));
    }
    let spaced = |keys: &[Span<'static>]| {
        let mut spans = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw("  "));
            }
            spans.push(key.clone());
        }
        Line::from(spans)
    };
    let one = spaced(&keys);
    if one.width() <= usize::from(width) {
        return vec![one];
    }
    keys.chunks(2).map(spaced).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::goal::{Metric, WorkingDays};
    use crate::domain::pace::compute;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn lines_for_a_goal_in_progress() {
        let goal = Goal {
            id: 1,
            title: "t".into(),
            metric: Metric::Units,
            unit: String::new(),
            target: 10,
            start_on: d("2026-12-01"),
            deadline_on: d("2026-12-10"),
            working_days: WorkingDays(127),
            archived: false,
        };
        let daily = vec![(d("2026-12-03"), 4), (d("2026-12-02"), 2), (d("2026-12-20"), 9)];
        let pace = compute(&goal.window(), &daily, d("2026-12-05"));
        let s = series(&goal, &pace, &daily, None);
        assert_eq!(s.x_max, 10.0);
        // Steps at the end of Dec 2 (x=2) and Dec 3 (x=3), carried to the end of today (x=5).
        assert_eq!(s.actual, vec![(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (3.0, 2.0), (3.0, 6.0), (5.0, 6.0)]);
        assert_eq!(s.ideal.len(), 11);
        assert_eq!(s.ideal[5], (5.0, 5.0));
        assert_eq!(s.ideal[10], (10.0, 10.0));
        // 6 over the 5 days so far: 1.2 a day for the 5 days left -> 12.
        assert_eq!(s.projection, vec![(5.0, 6.0), (10.0, 12.0)]);
        assert_eq!(s.today.as_ref().unwrap()[0].0, 5.0);
        assert!((s.y_max - 12.6).abs() < 1e-9);
        assert!(s.pipeline.is_empty(), "no deals, no bar");
        // Open deals worth 9 weighted on top of the 6 done: a bar up the deadline to 15,
        // which raises the top of the chart.
        let s = series(&goal, &pace, &daily, Some(15));
        assert_eq!(s.pipeline, vec![(10.0, 6.0), (10.0, 15.0)]);
        assert!((s.y_max - 15.75).abs() < 1e-9);
        assert!(series(&goal, &pace, &daily, Some(6)).pipeline.is_empty(), "nothing added, nothing drawn");
        let after = compute(&goal.window(), &daily, d("2026-12-11"));
        assert!(series(&goal, &after, &daily, Some(15)).pipeline.is_empty(), "past the deadline");
    }

    #[test]
    fn each_series_draws_its_own_mark_and_the_legend_shows_it() {
        let goal = Goal {
            id: 1,
            title: "t".into(),
            metric: Metric::Units,
            unit: String::new(),
            target: 10,
            start_on: d("2026-12-01"),
            deadline_on: d("2026-12-20"),
            working_days: WorkingDays(127),
            archived: false,
        };
        let daily = vec![(d("2026-12-02"), 2), (d("2026-12-05"), 1)];
        let pace = compute(&goal.window(), &daily, d("2026-12-08"));
        let s = series(&goal, &pace, &daily, Some(8));
        let theme = Theme::mono();
        let area = Rect::new(0, 0, 60, 20);
        let mut buf = Buffer::empty(area);
        ProgressChart {
            goal: &goal,
            series: &s,
            theme: &theme,
            line_style: Style::new(),
            currency: &Currency::default(),
        }
        .render(area, &mut buf);
        let drawn: String = buf.content().iter().map(|c| c.symbol()).collect();
        assert!(drawn.contains(IDEAL.1) && drawn.contains(TODAY.1), "{drawn}");
        assert!(drawn.contains('▀') || drawn.contains('▄'), "the projection's half blocks: {drawn}");
        assert!(drawn.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c)), "done in braille: {drawn}");
        assert!(drawn.contains(PIPELINE.1), "the pipeline's bar at the deadline: {drawn}");
        let marks = [DONE.1, IDEAL.1, PROJECTION.1, TODAY.1, PIPELINE.1];
        let unique: std::collections::HashSet<_> = marks.iter().collect();
        assert_eq!(unique.len(), 5, "one mark per series");
        let key: String = legend(&theme, Style::new(), 80, false).iter().map(|l| l.to_string()).collect();
        assert_eq!(key, "⣀ done  • ideal  ▀▄ projection  █ today");
        let key: String = legend(&theme, Style::new(), 80, true).iter().map(|l| l.to_string()).collect();
        assert_eq!(key, "⣀ done  • ideal  ▀▄ projection  █ today  ▐ with pipeline");
        assert_eq!(legend(&theme, Style::new(), 34, false).len(), 2, "two lines where one does not fit");
        assert_eq!(legend(&theme, Style::new(), 34, true).len(), 3);
    }

    #[test]
    fn compact_labels() {
        let usual = Separators::default();
        assert_eq!(compact(950, usual), "950");
        assert_eq!(compact(9_999, usual), "9,999");
        assert_eq!(compact(45_000, usual), "45k");
        assert_eq!(compact(1_250_000, usual), "1.2M");
        let german = Separators { decimal: ',', thousands: Some('.') };
        assert_eq!(compact(9_999, german), "9.999");
        assert_eq!(compact(1_250_000, german), "1,2M");
    }
}
