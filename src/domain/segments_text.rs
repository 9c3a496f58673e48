//! The results-by-demographic table as text cells, shared by the CLI and the screen so
//! both say the same thing about the same group.

use super::figures::Permille;
use super::money::Currency;
use super::segments::{GroupFigures, WinRate};
use super::text::one_line;

/// The column headers, in the order of [`cells`].
pub const HEADERS: [&str; 13] = [
    "group",
    "customers",
    "active",
    "revenue",
    "share",
    "sales",
    "avg deal",
    "win rate",
    "repeat",
    "reorder",
    "NPS",
    "complaints",
    "past gap",
];

/// One group's row: the group's name on one line, money in `currency`, held-back figures
/// as "too few (n)".
pub fn cells(g: &GroupFigures, currency: &Currency) -> Vec<String> {
    vec![
        one_line(&g.group).into_owned(),
        g.customers.to_string(),
        g.active_customers.to_string(),
        currency.format(g.revenue_minor),
        g.revenue_share.map_or("n/a".into(), show_share),
        g.sales.to_string(),
        g.average_deal_minor.map_or("n/a".into(), |v| currency.format(v)),
        g.win_rate.show(show_win_rate),
        g.repeat_rate.show(|v| show_share(*v)),
        g.median_days_to_reorder.show(|v| format!("{v} days")),
        g.nps.show(|v| format!("{v:+} ({})", g.nps.cases)),
        g.open_complaints.to_string(),
        g.past_max_gap.show(|v| show_share(*v)),
    ]
}

/// "62.5%" for a permille figure.
pub fn show_share(value: Permille) -> String {
    super::figures::show_permille(Some(value))
}

/// "80% (49-94%)" for a win rate with its interval.
pub fn show_win_rate(w: &WinRate) -> String {
    format!("{:.0}% ({:.0}-{:.0}%)", w.rate * 100.0, w.low * 100.0, w.high * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::segments::{Contacts, Dimension, SegmentInputs, group_figures};

    #[test]
    fn a_row_reads_its_figures_and_holds_back_the_thin_ones() {
        let inputs = SegmentInputs {
            contacts: vec![Contacts { key: "Ca\u{1b}fé".into(), customer_id: 1, interactions: 10, won: 8, lost: 2 }],
            scores: vec![("Ca\u{1b}fé".into(), 9); 3],
            ..Default::default()
        };
        let groups = group_figures(Dimension::Segment, &inputs);
        let row = cells(&groups[0], &Currency::default());
        assert_eq!(row.len(), HEADERS.len());
        assert!(!row[0].contains('\u{1b}'), "{:?}", row[0]);
        assert_eq!(row[3..8], ["$0.00", "n/a", "0", "n/a", "80% (49-94%)"]);
        assert_eq!(row[10], "too few (3)");
    }

    #[test]
    fn shares_read_as_percentages_with_their_sign() {
        assert_eq!((show_share(457), show_share(0), show_share(-15)), ("45.7%".into(), "0.0%".into(), "-1.5%".into()));
    }
}
