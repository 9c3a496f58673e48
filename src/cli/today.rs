//! `salescoach today [--json]`: the Today tab as text: the item of the day, goals by
//! attention, then the checklist in the same order (JSON: the checklist).

use super::Env;
use crate::domain::followup::Section;
use crate::domain::pace::attention_key;
use crate::domain::pace_text::pace_summary;
use crate::domain::text::{one_line, pad, padded};
use crate::present::item_text;
use crate::store::{Checklist, ChecklistItem, ChecklistRow, DueFollowup, Store};
use anyhow::Result;
use clap::Args;
use std::io::Write;

#[derive(Debug, Args)]
pub struct TodayArgs {
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// What `today --json` writes, as serde lays it out: the reference `today_json` is held to.
#[cfg(test)]
#[derive(serde::Serialize)]
pub(super) struct TodayJson<'a> {
    pub date: chrono::NaiveDate,
    pub sections: Vec<SectionJson<'a>>,
}

#[derive(serde::Serialize)]
pub(super) struct SectionJson<'a> {
    pub section: Section,
    pub title: &'static str,
    pub count: u64,
    pub items: Rows<'a>,
}

/// A section's rows, read from the store as they are written out.
pub(super) struct Rows<'a> {
    store: &'a Store,
    list: &'a Checklist,
    section: Section,
    count: u64,
}

impl Rows<'_> {
    pub(super) fn each(&self, f: impl FnMut(ChecklistRow) -> Result<()>) -> Result<()> {
        self.store.each_checklist_row(self.list, self.section, 0, self.count, f)
    }

    /// The follow-ups of a due section as their rows hold them; none for any other.
    pub(super) fn each_due(&self, f: impl FnMut(&DueFollowup<'_>) -> Result<()>) -> Result<()> {
        self.store.each_due_followup(self.list, self.section, 0, self.count, f)
    }
}

impl serde::Serialize for Rows<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        super::output::serialize_each(serializer, Some(self.count as usize), |f| self.each(f))
    }
}

pub fn run(args: &TodayArgs, env: &Env) -> Result<()> {
    let mut store = env.open_store()?;
    let list = store.checklist(env.today, &env.config.cadence_defaults(), env.config.new_cards_per_day)?;
    if args.json {
        let mut out = std::io::BufWriter::with_capacity(32 * 1024, super::output::Out);
        super::today_json::write(&mut out, env.today, &sections(&store, &list))?;
        out.write_all(b"\n")?;
        out.flush()?;
        return Ok(());
    }
    outln!("Today, {}", env.today.format("%A %-d %B %Y"));
    if let Some(item) = store.item_of_the_day(env.today)? {
        outln!("{}", one_line(&item.summary()));
    }
    let sections = sections(&store, &list);
    let mut goals = store.goal_paces(env.today)?;
    goals.sort_by_key(|(goal, pace)| attention_key(pace, goal.deadline_on));
    if !goals.is_empty() {
        outln!("\nGoals ({})", goals.len());
    }
    for (goal, pace) in &goals {
        outln!(
            "  {} {:>4}% {}  {}",
            pad(&one_line(&goal.title), 32),
            pace.done_permille / 10,
            pad(pace.status.label(), 11),
            pace_summary(goal, pace, &env.config.currency)
        );
    }
    if sections.iter().all(|s| s.count == 0) {
        outln!("\nNothing due. A good day to reach out to someone new.");
    }
    for section in sections.iter().filter(|s| s.count > 0) {
        outln!("\n{} ({})", section.title, section.count);
        section.items.each(|row| {
            let text = item_text(&row.item, env.today);
            outln!(
                "  {} {} {} {}  ({})",
                RowId(&row.item),
                padded(&text.who, 24),
                padded(&text.tag, 16),
                text.what,
                text.when_long
            );
            Ok(())
        })?;
    }
    Ok(())
}

/// The id a row's own command takes, `#` and the number in six columns: `followup done
/// 207`, `complaint respond 3`, `customer show 12` (stay in touch); the flashcard row has
/// none (`cards review`). Written where the line is formatted: no string a row.
struct RowId<'a>(&'a ChecklistItem);

impl std::fmt::Display for RowId<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let id = match self.0 {
            ChecklistItem::Complaint(c) => c.id,
            ChecklistItem::Followup { followup_id, .. } => *followup_id,
            ChecklistItem::StayInTouch(s) => s.customer_id,
            ChecklistItem::ColdDeal(d) => d.deal_id,
            ChecklistItem::Cards { .. } => return f.write_str("      "),
        };
        write!(f, "#{id:<5}")
    }
}

pub(super) fn sections<'a>(store: &'a Store, list: &'a Checklist) -> Vec<SectionJson<'a>> {
    list.counts()
        .into_iter()
        .map(|(section, count)| SectionJson {
            section,
            title: section.title(),
            count,
            items: Rows { store, list, section, count },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::RowId;
    use crate::store::ChecklistItem;

    fn followup(id: i64) -> ChecklistItem {
        ChecklistItem::Followup {
            followup_id: id,
            customer_id: 1,
            customer: String::new(),
            kind: crate::domain::followup::FollowupKind::Quote,
            reason: String::new(),
            due_on: chrono::NaiveDate::MIN,
            due_time: None,
            recurring: false,
        }
    }

    #[test]
    fn the_row_id_takes_six_columns_and_is_never_cut() {
        assert_eq!(RowId(&followup(207)).to_string(), "#207  ");
        assert_eq!(RowId(&followup(12_345)).to_string(), "#12345");
        assert_eq!(RowId(&followup(1_234_567)).to_string(), "#1234567");
        assert_eq!(RowId(&ChecklistItem::Cards { due: 3 }).to_string(), "      ");
    }
}
