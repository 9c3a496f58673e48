//! The daily checklist: open complaints, overdue and due follow-ups, customers past their
//! stay-in-touch cadence. Follow-up sections are fetched a window at a time through the
//! partial index `followups_open_by_due`, so they stay instant with 100,000 follow-ups.

use super::Store;
use super::care::{OPEN_COMPLAINTS_SQL, complaint_row};
use crate::domain::cadence::{Cadence, CadenceDefaults, CadenceState, days_since};
use crate::domain::care::Complaint;
use crate::domain::followup::{Followup, FollowupKind, Section};
use anyhow::Result;
use chrono::{Days, NaiveDate};
use rusqlite::{Row, params};

/// A customer past their ideal gap between contacts, with no follow-up planned.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StayInTouch {
    pub customer_id: i64,
    pub customer: String,
    pub company: String,
    pub last_contact_on: NaiveDate,
    pub days_since: i64,
    pub cadence: Cadence,
    pub state: CadenceState,
    /// A follow-up is planned within the week: the checklist shows that instead.
    #[serde(skip)]
    pub planned: bool,
}

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ChecklistItem {
    Complaint(Complaint),
    Followup {
        followup_id: i64,
        customer_id: i64,
        customer: String,
        kind: FollowupKind,
        reason: String,
        due_on: NaiveDate,
        due_time: Option<String>,
        recurring: bool,
    },
    StayInTouch(StayInTouch),
    /// An open deal going cold.
    ColdDeal(ColdDeal),
    /// Flashcards waiting in today's review queue.
    Cards {
        due: u64,
    },
}

impl ChecklistItem {
    pub fn customer_id(&self) -> Option<i64> {
        match self {
            Self::Complaint(c) => Some(c.customer_id),
            Self::Followup { customer_id, .. } => Some(*customer_id),
            Self::StayInTouch(s) => Some(s.customer_id),
            Self::ColdDeal(d) => Some(d.customer_id),
            Self::Cards { .. } => None,
        }
    }
}

/// A deal on the checklist: idle past its stage's limit, or past its expected close.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ColdDeal {
    pub deal_id: i64,
    pub customer_id: i64,
    pub customer: String,
    pub title: String,
    pub stage: String,
    pub value_minor: i64,
    pub cold: crate::domain::deal::Cold,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistRow {
    pub section: Section,
    pub item: ChecklistItem,
}

/// A row as serde's derive would write it: the section, then the item's own fields.
#[derive(serde::Serialize)]
struct FlatRow<'a> {
    section: Section,
    #[serde(flatten)]
    item: &'a ChecklistItem,
}

/// The same JSON as `FlatRow`. A follow-up, nearly every row of a long list, is written
/// field by field: serde's flatten goes through a map, a third of `today --json`'s time.
impl serde::Serialize for ChecklistRow {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let ChecklistItem::Followup { followup_id, customer_id, customer, kind, reason, due_on, due_time, recurring } =
            &self.item
        else {
            return FlatRow { section: self.section, item: &self.item }.serialize(serializer);
        };
        let mut row = serializer.serialize_struct("ChecklistRow", 10)?;
        row.serialize_field("section", &self.section)?;
        row.serialize_field("type", "followup")?;
        row.serialize_field("followup_id", followup_id)?;
        row.serialize_field("customer_id", customer_id)?;
        row.serialize_field("customer", customer)?;
        row.serialize_field("kind", kind)?;
        row.serialize_field("reason", reason)?;
        row.serialize_field("due_on", &crate::domain::iso_date::Iso(*due_on))?;
        row.serialize_field("due_time", due_time)?;
        row.serialize_field("recurring", recurring)?;
        row.end()
    }
}

/// Today's checklist: the small sections in full, the follow-up sections as counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checklist {
    pub today: Option<NaiveDate>,
    pub complaints: Vec<Complaint>,
    pub overdue: u64,
    pub due_today: u64,
    /// Past their ideal gap with nothing planned within the week, the longest silence first.
    pub stay_in_touch: Vec<StayInTouch>,
    /// At or past their maximum gap, planned or not: the same rule the customer page shows.
    pub past_max_gap: Vec<StayInTouch>,
    /// Open deals going cold, the longest past their close or their idle limit first.
    pub cold_deals: Vec<ColdDeal>,
    pub cards_due: u64,
}

/// The sections the checklist shows, in working order.
pub const CHECKLIST_SECTIONS: [Section; 6] =
    [Section::Complaints, Section::Overdue, Section::Today, Section::ColdDeals, Section::StayInTouch, Section::Cards];

impl Checklist {
    pub fn counts(&self) -> Vec<(Section, u64)> {
        vec![
            (Section::Complaints, self.complaints.len() as u64),
            (Section::Overdue, self.overdue),
            (Section::Today, self.due_today),
            (Section::ColdDeals, self.cold_deals.len() as u64),
            (Section::StayInTouch, self.stay_in_touch.len() as u64),
            (Section::Cards, u64::from(self.cards_due > 0)),
        ]
    }
}

/// The date condition that puts an open follow-up in `section`.
fn due_condition(section: Section) -> Option<&'static str> {
    match section {
        Section::Overdue => Some("f.due_on < ?1"),
        Section::Today => Some("f.due_on = ?1"),
        _ => None,
    }
}

// The open follow-ups in the due-date index, less those of archived customers (few, found
// through `customers_by_contact`): counting through a join would look up the customer of
// every due row, which costs more than the count itself.
pub(super) fn section_count_sql(condition: &str) -> String {
    format!(
        "SELECT count(*) - (SELECT count(*) FROM customers c JOIN followups f ON f.customer_id = c.id
                            WHERE c.archived = 1 AND f.status = 'open' AND {condition})
         FROM followups f WHERE f.status = 'open' AND {condition}"
    )
}

// How many of a due section's rows come before one (`?2` its day, `?3` its time or '' for
// none, which sorts first as NULL does, `?4` its id): counted as the section is, from the
// due-date index less the archived customers' rows.
fn section_position_sql(condition: &str) -> String {
    let before = "f.due_on <= ?2 AND (f.due_on, coalesce(f.due_time, ''), f.id) < (?2, ?3, ?4)";
    format!(
        "SELECT count(*) - (SELECT count(*) FROM customers c JOIN followups f ON f.customer_id = c.id
                            WHERE c.archived = 1 AND f.status = 'open' AND {condition} AND {before})
         FROM followups f WHERE f.status = 'open' AND {condition} AND {before}"
    )
}

// `+c.archived` keeps the planner walking the follow-ups' due-date index; without it, it
// may drive from the customers and sort every open follow-up in memory.
fn section_rows_sql(condition: &str) -> String {
    format!(
        "SELECT f.id, f.customer_id, c.name, f.kind, f.reason, f.due_on, f.due_time, f.recur_every IS NOT NULL
         FROM followups f JOIN customers c ON c.id = f.customer_id
         WHERE f.status = 'open' AND {condition} AND +c.archived = 0
         ORDER BY f.due_on, f.due_time, f.id
         LIMIT ?2 OFFSET ?3"
    )
}

/// Customers whose last contact is on or before `?1` (today minus the shortest ideal gap
/// in force), via `customers_by_contact`, unless a follow-up with them is already due or
/// planned within a week (`?2`): then the call is in hand.
const STAY_IN_TOUCH_SQL: &str = "SELECT c.id, c.name, c.company, c.last_contact_on, c.cadence_ideal_days,
        c.cadence_max_days, s.ideal_days, s.max_days, c.segment,
        EXISTS (SELECT 1 FROM followups f WHERE f.customer_id = c.id AND f.status = 'open' AND f.due_on <= ?2)
    FROM customers c LEFT JOIN segment_cadence s ON s.segment = c.segment
    WHERE c.archived = 0 AND c.last_contact_on <= ?1";

/// A customer's cadence from a row holding their own gaps (`own`, ideal then max), their
/// segment's stored row (`stored`) and the segment's name (`segment`), as the rules resolve it.
pub(super) fn row_cadence(
    r: &rusqlite::Row<'_>,
    own: (usize, usize),
    stored: (usize, usize),
    segment: usize,
    cadences: &CadenceDefaults,
) -> rusqlite::Result<Cadence> {
    let stored = match (r.get::<_, Option<u32>>(stored.0)?, r.get::<_, Option<u32>>(stored.1)?) {
        (Some(ideal_days), Some(max_days)) => Some(Cadence { ideal_days, max_days }),
        _ => None,
    };
    let name: String = r.get(segment)?;
    Ok(cadences.for_customer((r.get(own.0)?, r.get(own.1)?), &name, stored))
}

/// The checklist's queries, for `Store::query_plans`.
pub(super) fn hot_queries() -> Vec<super::plans::HotQuery> {
    use super::plans::HotQuery;
    let mut queries = Vec::new();
    for section in [Section::Overdue, Section::Today] {
        if let Some(condition) = due_condition(section) {
            queries.push(HotQuery::new(format!("{section:?} count"), section_count_sql(condition), 1));
            queries.push(HotQuery::new(format!("{section:?} rows"), section_rows_sql(condition), 3));
            queries.push(HotQuery::new(format!("{section:?} place"), section_position_sql(condition), 4));
        }
    }
    queries.push(HotQuery::new("stay in touch", STAY_IN_TOUCH_SQL, 2));
    // Sorted by severity in memory: only the open complaints (a partial index) are read.
    queries.push(HotQuery::new("open complaints", OPEN_COMPLAINTS_SQL, 0).sorting_a_few());
    queries
}

/// A due follow-up as its row holds it, the text borrowed from the statement: `today
/// --json` writes tens of thousands of them, and a string each cost 6% of its instructions.
pub struct DueFollowup<'r> {
    pub followup_id: i64,
    pub customer_id: i64,
    pub customer: &'r str,
    pub kind: FollowupKind,
    pub reason: &'r str,
    pub due_on: NaiveDate,
    pub due_time: Option<&'r str>,
    pub recurring: bool,
}

impl<'r> DueFollowup<'r> {
    fn of(row: &'r Row<'_>) -> rusqlite::Result<Self> {
        use rusqlite::Error::FromSqlConversionFailure;
        use rusqlite::types::Type::Text;
        let text = |idx| row.get_ref(idx)?.as_str().map_err(|e| FromSqlConversionFailure(idx, Text, e.into()));
        Ok(Self {
            followup_id: row.get(0)?,
            customer_id: row.get(1)?,
            customer: text(2)?,
            kind: FollowupKind::parse(text(3)?).map_err(|e| FromSqlConversionFailure(3, Text, e.into()))?,
            reason: text(4)?,
            due_on: super::columns::date(row, 5)?,
            due_time: row.get_ref(6)?.as_str_or_null().map_err(|e| FromSqlConversionFailure(6, Text, e.into()))?,
            recurring: row.get(7)?,
        })
    }

    fn item(&self) -> ChecklistItem {
        ChecklistItem::Followup {
            followup_id: self.followup_id,
            customer_id: self.customer_id,
            customer: self.customer.to_owned(),
            kind: self.kind,
            reason: self.reason.to_owned(),
            due_on: self.due_on,
            due_time: self.due_time.map(str::to_owned),
            recurring: self.recurring,
        }
    }
}

impl Store {
    /// Builds today's checklist; `cadences` gives the gaps of customers with none of
    /// their own, `new_cards` is the daily limit of new flashcards.
    pub fn checklist(&self, today: NaiveDate, cadences: &CadenceDefaults, new_cards: u32) -> Result<Checklist> {
        let past_ideal = self.stay_in_touch(today, cadences)?;
        Ok(Checklist {
            stay_in_touch: past_ideal.iter().filter(|s| !s.planned).cloned().collect(),
            past_max_gap: past_ideal.into_iter().filter(|s| s.state == CadenceState::Red).collect(),
            cold_deals: self.cold_deals(today)?,
            ..self.checklist_first(today, new_cards)?
        })
    }

    /// The checklist's quick part, for a first frame: the complaints, the due counts and
    /// the cards, with stay in touch and the deals going cold left empty. Those weigh
    /// every lapsed customer and open deal: tens of thousands at a large book.
    pub fn checklist_first(&self, today: NaiveDate, new_cards: u32) -> Result<Checklist> {
        let complaints = {
            let mut stmt = self.conn().prepare_cached(OPEN_COMPLAINTS_SQL)?;
            stmt.query_map([], complaint_row)?.collect::<rusqlite::Result<Vec<_>>>()?
        };
        Ok(Checklist {
            today: Some(today),
            complaints,
            overdue: self.followup_section_count(today, Section::Overdue)?,
            due_today: self.followup_section_count(today, Section::Today)?,
            cards_due: self.review_queue(today, new_cards)?.len() as u64,
            ..Checklist::default()
        })
    }

    fn followup_section_count(&self, today: NaiveDate, section: Section) -> Result<u64> {
        let Some(condition) = due_condition(section) else { return Ok(0) };
        let count: i64 =
            self.conn().prepare_cached(&section_count_sql(condition))?.query_row(params![today], |r| r.get(0))?;
        Ok(count.unsigned_abs())
    }

    /// The place of open follow-up `f` among the rows of due section `section` (overdue or
    /// today), counted in checklist order; `None` when it is not one of them.
    pub fn due_position(&self, list: &Checklist, section: Section, f: &Followup) -> Result<Option<u64>> {
        let (Some(condition), Some(today)) = (due_condition(section), list.today) else { return Ok(None) };
        let mut stmt = self.conn().prepare_cached(&section_position_sql(condition))?;
        let time = f.due_time.as_deref().unwrap_or("");
        let before: i64 = stmt.query_row(params![today, f.due_on, time, f.id], |r| r.get(0))?;
        let place = before.unsigned_abs();
        let at = self.checklist_rows(list, section, place, 1)?;
        let found = at
            .first()
            .is_some_and(|row| matches!(row.item, ChecklistItem::Followup { followup_id, .. } if followup_id == f.id));
        Ok(found.then_some(place))
    }

    /// Hands each follow-up of a window of a due section (overdue or today) to `f` in
    /// checklist order, as the row holds it; any other section has none.
    pub fn each_due_followup(
        &self,
        list: &Checklist,
        section: Section,
        offset: u64,
        limit: u64,
        mut f: impl FnMut(&DueFollowup<'_>) -> Result<()>,
    ) -> Result<()> {
        let Some(condition) = due_condition(section) else { return Ok(()) };
        let today = list.today.unwrap_or_default();
        let mut stmt = self.conn().prepare_cached(&section_rows_sql(condition))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut rows = stmt.query(params![today, limit, offset as i64])?;
        while let Some(row) = rows.next()? {
            f(&DueFollowup::of(row)?)?;
        }
        Ok(())
    }

    /// A window of one section, in checklist order.
    pub fn checklist_rows(
        &self,
        list: &Checklist,
        section: Section,
        offset: u64,
        limit: u64,
    ) -> Result<Vec<ChecklistRow>> {
        let mut rows = Vec::new();
        self.each_checklist_row(list, section, offset, limit, |row| {
            rows.push(row);
            Ok(())
        })?;
        Ok(rows)
    }

    /// Hands each row of a window of one section to `f` in checklist order, holding one
    /// row at a time: `today` streams tens of thousands of them in little memory.
    pub fn each_checklist_row(
        &self,
        list: &Checklist,
        section: Section,
        offset: u64,
        limit: u64,
        mut f: impl FnMut(ChecklistRow) -> Result<()>,
    ) -> Result<()> {
        let window = |len: usize| (offset as usize).min(len)..(offset.saturating_add(limit) as usize).min(len);
        let mut give = |item: ChecklistItem| f(ChecklistRow { section, item });
        match section {
            Section::Complaints => list.complaints[window(list.complaints.len())]
                .iter()
                .try_for_each(|c| give(ChecklistItem::Complaint(c.clone()))),
            Section::ColdDeals => list.cold_deals[window(list.cold_deals.len())]
                .iter()
                .try_for_each(|d| give(ChecklistItem::ColdDeal(d.clone()))),
            Section::StayInTouch => list.stay_in_touch[window(list.stay_in_touch.len())]
                .iter()
                .try_for_each(|s| give(ChecklistItem::StayInTouch(s.clone()))),
            Section::Overdue | Section::Today => {
                self.each_due_followup(list, section, offset, limit, |due| give(due.item()))
            }
            Section::Cards if offset == 0 && limit > 0 && list.cards_due > 0 => {
                give(ChecklistItem::Cards { due: list.cards_due })
            }
            Section::Cards => Ok(()),
        }
    }

    /// Open deals going cold (read from the open deals' partial index: few rows).
    fn cold_deals(&self, today: NaiveDate) -> Result<Vec<ColdDeal>> {
        use crate::domain::deal::{Cold, cold};
        let stages = self.stages()?;
        let mut list: Vec<ColdDeal> = self
            .open_deals()?
            .into_iter()
            .filter_map(|d| {
                let stage = stages.iter().find(|s| s.id == d.stage_id)?;
                let cold = cold(&d, stage, today)?;
                Some(ColdDeal {
                    deal_id: d.id,
                    customer_id: d.customer_id,
                    customer: d.customer,
                    title: d.title,
                    stage: d.stage,
                    value_minor: d.value_minor,
                    cold,
                })
            })
            .collect();
        let days = |c: &ColdDeal| match c.cold {
            Cold::PastClose(n) | Cold::Idle(n) => n,
        };
        list.sort_by(|a, b| days(b).cmp(&days(a)).then(a.deal_id.cmp(&b.deal_id)));
        Ok(list)
    }

    /// Customers past their ideal gap (planned or not), the longest silence first.
    fn stay_in_touch(&self, today: NaiveDate, cadences: &CadenceDefaults) -> Result<Vec<StayInTouch>> {
        let shortest: Option<u32> = self.conn().query_row(
            "SELECT min(x) FROM (SELECT min(cadence_ideal_days) AS x FROM customers WHERE cadence_ideal_days IS NOT NULL
                                 UNION ALL SELECT min(ideal_days) FROM segment_cadence)",
            [],
            |r| r.get(0),
        )?;
        let shortest = shortest.map_or(cadences.shortest_ideal(), |s| s.min(cadences.shortest_ideal()));
        let cutoff = today.checked_sub_days(Days::new(u64::from(shortest))).unwrap_or(today);
        let mut stmt = self.conn().prepare_cached(STAY_IN_TOUCH_SQL)?;
        let planned_until = today.checked_add_days(Days::new(7)).unwrap_or(today);
        let rows = stmt.query_map(params![cutoff, planned_until], |r| {
            let cadence = row_cadence(r, (4, 5), (6, 7), 8, cadences)?;
            let last_contact_on: NaiveDate = r.get(3)?;
            let since = days_since(last_contact_on, today);
            Ok(StayInTouch {
                customer_id: r.get(0)?,
                customer: r.get(1)?,
                company: r.get(2)?,
                last_contact_on,
                days_since: since,
                cadence,
                state: cadence.state(since),
                planned: r.get(9)?,
            })
        })?;
        let mut list: Vec<StayInTouch> =
            rows.collect::<rusqlite::Result<Vec<_>>>()?.into_iter().filter(|s| s.state != CadenceState::Fine).collect();
        list.sort_by(|a, b| {
            b.state.cmp(&a.state).then(b.days_since.cmp(&a.days_since)).then(a.customer_id.cmp(&b.customer_id))
        });
        Ok(list)
    }
}
