//! The words of undo and redo: what a step is called and how a refusal names a row.

use super::text::{counted, one_line, truncate};

/// Which way a step is replayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Undo,
    Redo,
}

impl Direction {
    pub fn verb(self) -> &'static str {
        match self {
            Self::Undo => "undo",
            Self::Redo => "redo",
        }
    }
}

/// What the seller calls a row of `table`; `None` for a table without a name yet.
pub fn noun(table: &str) -> Option<&'static str> {
    Some(match table {
        "card_reviews" => "card review",
        "complaints" => "complaint",
        "customers" => "customer",
        "deal_moves" => "stage move",
        "deal_stages" => "stage",
        "deals" => "deal",
        "flashcards" => "card",
        "followups" => "follow-up",
        "goal_entries" => "goal entry",
        "goals" => "goal",
        "interaction_objections" => "objection",
        "interactions" => "interaction",
        "motivation_items" => "motivational item",
        "motivation_shown" => "item of the day",
        "notes" => "note",
        "products" => "product",
        "sales" => "sale",
        "satisfaction" => "score",
        "segment_cadence" => "segment cadence",
        "settings" => "setting",
        "techniques" => "technique",
        _ => return None,
    })
}

/// "customer #4" for a number key, "segment cadence 'cafe'" for a text one; `key` is the
/// key as SQL spells it.
pub fn row_name(table: &str, key: &str) -> String {
    let noun = noun(table).unwrap_or(table);
    if key.parse::<i64>().is_ok() { format!("{noun} #{key}") } else { format!("{noun} {key}") }
}

/// A label as stored: one line, at most 200 columns.
pub fn short_label(label: &str) -> String {
    truncate(one_line(label.trim()).as_ref(), 200).into_owned()
}

/// A text quoted inside a label: one line, at most 40 columns.
pub fn quoted(text: &str) -> String {
    format!("\"{}\"", truncate(one_line(text.trim()).as_ref(), 40))
}

/// "3 sales, 1 score and 2 follow-ups": the counts that are not zero, in order.
pub fn counts(parts: &[(i64, &str, &str)]) -> String {
    let shown: Vec<String> =
        parts.iter().filter(|(n, _, _)| *n != 0).map(|(n, one, many)| counted(*n, one, many)).collect();
    and_list(&shown)
}

/// "a", "a and b", "a, b and c".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_named_by_number_or_by_text() {
        assert_eq!(row_name("customers", "4"), "customer #4");
        assert_eq!(row_name("segment_cadence", "'cafe'"), "segment cadence 'cafe'");
        assert_eq!(row_name("later_table", "9"), "later_table #9");
    }

    #[test]
    fn counts_skip_zeros_and_read_as_english() {
        let parts = [(3, "sale", "sales"), (0, "interaction", "interactions"), (1, "score", "scores")];
        assert_eq!(counts(&parts), "3 sales and 1 score");
        assert_eq!(counts(&[(0, "sale", "sales")]), "");
        assert_eq!(and_list(&["a".into(), "b".into(), "c".into()]), "a, b and c");
    }

    #[test]
    fn labels_are_one_short_line() {
        assert_eq!(short_label("  Added\nnote  "), "Added note");
        assert_eq!(short_label(&"x".repeat(300)).chars().count(), 200);
        assert_eq!(
            quoted("Call back\nabout the grinder and the beans we discussed"),
            "\"Call back about the grinder and the bea…\""
        );
    }
}
