//! Playbook cards for a technique or objections, and the objections a customer's segment
//! usually raises: what the log form and the follow-up form show one key away.

use super::Store;
use super::knowledge::{NOTE_SQL, note_row};
use super::plans::HotQuery;
use crate::domain::knowledge::Note;
use crate::domain::objection_figures::{objection_figures, usual_for_segment};
use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::params;

fn by_technique_sql() -> String {
    format!("{NOTE_SQL} WHERE n.technique_id = ?1 AND n.kind <> 'note' ORDER BY n.id")
}

fn by_objection_sql() -> String {
    format!("{NOTE_SQL} WHERE n.objection = ?1 AND n.objection <> '' AND n.kind <> 'note' ORDER BY n.id")
}

pub(super) fn hot_queries() -> Vec<HotQuery> {
    vec![
        HotQuery::new("playbook cards for a technique", by_technique_sql(), 1).sorting_a_few(),
        HotQuery::new("playbook cards for an objection", by_objection_sql(), 1).sorting_a_few(),
    ]
}

/// The usual objections named for a segment: at most this many.
const USUAL: usize = 3;

impl Store {
    /// The technique's cards first, then each objection's in the order given, each card once.
    pub fn playbook_cards(&self, technique_id: Option<i64>, objections: &[String]) -> Result<Vec<Note>> {
        let mut cards: Vec<Note> = Vec::new();
        if let Some(id) = technique_id {
            let mut stmt = self.conn().prepare_cached(&by_technique_sql())?;
            cards.extend(stmt.query_map(params![id], note_row)?.collect::<rusqlite::Result<Vec<_>>>()?);
        }
        let mut stmt = self.conn().prepare_cached(&by_objection_sql())?;
        for objection in objections {
            for card in stmt.query_map(params![objection], note_row)? {
                let card = card?;
                if !cards.iter().any(|c| c.id == card.id) {
                    cards.push(card);
                }
            }
        }
        Ok(cards)
    }

    /// The objections the customer's segment raised most in the last 12 months.
    pub fn usual_objections_of(&self, customer_id: i64, today: NaiveDate, list: &[String]) -> Result<Vec<String>> {
        let segment: String =
            self.conn().query_row("SELECT segment FROM customers WHERE id = ?1", params![customer_id], |r| r.get(0))?;
        let (from, to) = crate::domain::segments::default_period(today);
        let inputs = self.objection_inputs(from, to)?;
        let figures = objection_figures(&inputs.counts, inputs.overall_win_rate, &inputs.segment_interactions, list);
        Ok(usual_for_segment(&figures, &segment).into_iter().take(USUAL).collect())
    }
}
