//! Follow-ups: kinds, where one sits in the daily checklist, the post-sale sequence and
//! what completing one schedules next.

pub use super::recurrence::{RecurFrom, RecurUnit, Recurrence};
use chrono::{Days, NaiveDate};

crate::text_enum! {
    /// Why the seller is getting back to the customer.
    pub enum FollowupKind {
        CheckIn => ("checkin", "check-in"),
        Quote => ("quote", "quote"),
        Complaint => ("complaint", "complaint"),
        StayInTouch => ("stay_in_touch", "stay in touch"),
        Reorder => ("reorder", "reorder"),
        Other => ("other", "other"),
    }
}

crate::text_enum! {
    pub enum FollowupStatus {
        Open => ("open", "open"),
        Done => ("done", "done"),
        Cancelled => ("cancelled", "cancelled"),
    }
}

/// The checklist's sections, in the order the seller works them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Complaints,
    Overdue,
    Today,
    /// Open deals idle past their stage's limit or past their expected close.
    ColdDeals,
    StayInTouch,
    Cards,
}

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Self::Complaints => "Open complaints",
            Self::Overdue => "Overdue",
            Self::Today => "Due today",
            Self::ColdDeals => "Deals going cold",
            Self::StayInTouch => "Stay in touch",
            Self::Cards => "Training",
        }
    }
}

/// Where an open follow-up due on `due` belongs today, or `None` if it is not yet due.
pub fn section_for(due: NaiveDate, today: NaiveDate) -> Option<Section> {
    match due.cmp(&today) {
        std::cmp::Ordering::Less => Some(Section::Overdue),
        std::cmp::Ordering::Equal => Some(Section::Today),
        std::cmp::Ordering::Greater => None,
    }
}

/// Whole days past due; 0 when due today or later.
pub fn days_overdue(due: NaiveDate, today: NaiveDate) -> i64 {
    (today - due).num_days().max(0)
}

/// "3 days overdue", "due today", "due tomorrow", "due in 4 days".
pub fn describe_due(due: NaiveDate, today: NaiveDate) -> String {
    match (due - today).num_days() {
        0 => "due today".into(),
        1 => "due tomorrow".into(),
        -1 => "1 day overdue".into(),
        n if n < 0 => super::text::number_then(-n, &[" days overdue"]),
        n => format!("due in {n} days"),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NewFollowup {
    pub customer_id: i64,
    pub kind: FollowupKind,
    pub reason: String,
    pub due_on: NaiveDate,
    pub due_time: Option<chrono::NaiveTime>,
    pub recurrence: Option<Recurrence>,
    pub sale_id: Option<i64>,
    pub complaint_id: Option<i64>,
    pub created_on: NaiveDate,
}

impl NewFollowup {
    pub fn validate(&self) -> Result<(), super::FieldError> {
        super::field_error::optional_text("reason", &self.reason, 2_000)?;
        if let Some(rule) = self.recurrence {
            if rule.every == 0 || rule.every > 1000 {
                return Err(super::FieldError::new("recurrence", "repeat every 1 to 1000 days, weeks or months"));
            }
        }
        Ok(())
    }
}

/// The post-sale sequence: a satisfaction check and a reorder/referral check, `offsets` days
/// after the sale.
///
/// A date landing on a non-working day moves to the next working day, and a step already
/// in the past (a sale logged late) is left out rather than born overdue.
pub fn post_sale_followups(
    customer_id: i64,
    sold_on: NaiveDate,
    offsets: (u32, u32),
    working_days: super::goal::WorkingDays,
    today: NaiveDate,
) -> Vec<NewFollowup> {
    let make = |days: u32, kind: FollowupKind, reason: &str| NewFollowup {
        customer_id,
        kind,
        reason: reason.into(),
        due_on: next_working_day(sold_on.checked_add_days(Days::new(days.into())).unwrap_or(sold_on), working_days),
        due_time: None,
        recurrence: None,
        sale_id: None,
        complaint_id: None,
        created_on: sold_on,
    };
    vec![
        make(offsets.0, FollowupKind::CheckIn, "Satisfaction check: how is it going? Ask for a 0-10 score"),
        make(offsets.1, FollowupKind::Reorder, "Reorder or referral check"),
    ]
    .into_iter()
    .filter(|f| f.due_on >= today)
    .collect()
}

/// `day` itself when it is a working day, else the next one (at most a week on).
pub fn next_working_day(day: NaiveDate, working_days: super::goal::WorkingDays) -> NaiveDate {
    (0..7u64).map(|n| day + Days::new(n)).find(|d| working_days.contains(*d)).unwrap_or(day)
}

/// A follow-up as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Followup {
    pub id: i64,
    pub customer_id: i64,
    pub customer: String,
    pub kind: FollowupKind,
    pub reason: String,
    pub due_on: NaiveDate,
    pub due_time: Option<String>,
    pub status: FollowupStatus,
    pub completed_on: Option<NaiveDate>,
    pub recurrence: Option<Recurrence>,
    pub previous_id: Option<i64>,
}

impl Followup {
    /// The follow-up that completing this one on `completed` schedules: the recurrence's
    /// next date, or `next` when the seller chose one (which also wins over the rule).
    ///
    /// `anchor` is the due date of the series' first follow-up (this one's, if it is first).
    pub fn successor(&self, anchor: NaiveDate, completed: NaiveDate, next: Option<NaiveDate>) -> Option<NewFollowup> {
        let due = next.or_else(|| self.recurrence.and_then(|r| r.next_due(anchor, self.due_on, completed)))?;
        Some(NewFollowup {
            customer_id: self.customer_id,
            kind: self.kind,
            reason: self.reason.clone(),
            due_on: due,
            due_time: self.due_time.as_deref().and_then(|t| chrono::NaiveTime::parse_from_str(t, "%H:%M").ok()),
            recurrence: self.recurrence,
            sale_id: None,
            complaint_id: None,
            created_on: completed,
        })
    }
}

/// A snooze must land on today or later.
pub fn check_snooze(to: NaiveDate, today: NaiveDate) -> Result<(), super::FieldError> {
    if to < today {
        return Err(super::FieldError::new("until", format!("{to} is in the past; snooze to today or later")));
    }
    Ok(())
}

/// A snooze only ever moves a follow-up later: moving it earlier is a reschedule, and a
/// snooze key pressed on the wrong row must not pull a follow-up forward unnoticed.
pub fn check_not_earlier(to: NaiveDate, due: NaiveDate) -> Result<(), super::FieldError> {
    if to < due {
        return Err(super::FieldError::new(
            "until",
            format!("{to} is before its due date {due}; snooze only moves later; use reschedule to move it earlier"),
        ));
    }
    Ok(())
}

/// Where a snooze lands, and what to tell the seller about the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snooze {
    pub day: NaiveDate,
    /// Said beside the confirmation: the day is a day off (kept because it was named), or
    /// an offset's day off was moved to the next working day.
    pub note: Option<String>,
}

/// The snooze rule: `to` as read from the seller's input, for a follow-up due on `due`.
/// Today or later, never earlier than it was due; an offset (`+1d`, `tomorrow`) that lands
/// on a day off moves to the next working day, a day named outright (`sat`, `2026-11-28`)
/// is kept with a note that it is a day off.
pub fn plan_snooze(
    to: super::date_input::ReadDate,
    due: NaiveDate,
    today: NaiveDate,
    working_days: super::goal::WorkingDays,
) -> Result<Snooze, super::FieldError> {
    check_snooze(to.date, today)?;
    let (day, note) = on_working_day(to, working_days);
    check_not_earlier(day, due)?;
    Ok(Snooze { day, note })
}

/// The day a plan lands on with its working-day note (see [`plan_snooze`]).
pub fn on_working_day(
    to: super::date_input::ReadDate,
    working_days: super::goal::WorkingDays,
) -> (NaiveDate, Option<String>) {
    let show = |d: NaiveDate| d.format("%a %-d %b").to_string();
    if working_days.contains(to.date) {
        return (to.date, None);
    }
    let days = working_days.describe();
    if to.named {
        return (to.date, Some(format!("{} is a day off (working days {days})", show(to.date))));
    }
    let moved = next_working_day(to.date, working_days);
    (moved, Some(format!("{} is a day off (working days {days}); moved to {}", show(to.date), show(moved))))
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_uses_the_stored_name_the_cli_accepts() {
        assert_eq!(serde_json::to_string(&super::FollowupKind::CheckIn).unwrap(), "\"checkin\"");
        let back: super::FollowupKind = serde_json::from_str("\"check-in\"").unwrap();
        assert_eq!(back, super::FollowupKind::CheckIn);
        assert!(
            serde_json::from_str::<super::FollowupKind>("\"lunch\"").unwrap_err().to_string().contains("not one of")
        );
    }

    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn sections_and_overdue_days() {
        let today = d("2026-11-27");
        assert_eq!(section_for(d("2026-11-20"), today), Some(Section::Overdue));
        assert_eq!(section_for(d("2026-11-27"), today), Some(Section::Today));
        assert_eq!(section_for(d("2026-11-28"), today), None);
        assert_eq!(days_overdue(d("2026-11-20"), today), 7);
        assert_eq!(days_overdue(d("2026-11-29"), today), 0);
        assert_eq!(describe_due(d("2026-11-26"), today), "1 day overdue");
        assert_eq!(describe_due(d("2026-11-20"), today), "7 days overdue");
        assert_eq!(describe_due(d("2026-11-28"), today), "due tomorrow");
        assert_eq!(describe_due(d("2026-12-01"), today), "due in 4 days");
    }

    #[test]
    fn section_order_is_the_working_order() {
        let mut sections = vec![
            Section::Today,
            Section::Cards,
            Section::ColdDeals,
            Section::Complaints,
            Section::StayInTouch,
            Section::Overdue,
        ];
        sections.sort();
        assert_eq!(
            sections,
            [
                Section::Complaints,
                Section::Overdue,
                Section::Today,
                Section::ColdDeals,
                Section::StayInTouch,
                Section::Cards
            ]
        );
    }

    #[test]
    fn kinds_round_trip_through_their_stored_names() {
        for kind in FollowupKind::ALL {
            assert_eq!(FollowupKind::parse(kind.as_str()), Ok(*kind));
            assert_eq!(FollowupKind::parse(kind.label()), Ok(*kind));
        }
        assert!(FollowupKind::parse("lunch").unwrap_err().contains("checkin"));
    }
}

#[cfg(test)]
mod post_sale_tests {
    use super::*;

    #[test]
    fn offsets_from_the_sale_day() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let weekdays = crate::domain::goal::WorkingDays::default();
        // Friday's sale: +2 is Sunday, so the check-in moves to Monday; +30 is a Sunday too.
        let list = post_sale_followups(7, d("2026-11-27"), (2, 30), weekdays, d("2026-11-27"));
        let due: Vec<(FollowupKind, NaiveDate)> = list.iter().map(|f| (f.kind, f.due_on)).collect();
        assert_eq!(due, vec![(FollowupKind::CheckIn, d("2026-11-30")), (FollowupKind::Reorder, d("2026-12-28"))]);
        assert!(list.iter().all(|f| f.customer_id == 7 && f.created_on == d("2026-11-27")));
        // Logged two weeks late: the check-in would be overdue at birth and is left out.
        let late = post_sale_followups(7, d("2026-11-13"), (2, 30), weekdays, d("2026-11-27"));
        assert_eq!(late.iter().map(|f| f.kind).collect::<Vec<_>>(), vec![FollowupKind::Reorder]);
        // Every day a working day: dates stay as they are.
        let all =
            post_sale_followups(7, d("2026-11-27"), (2, 30), crate::domain::goal::WorkingDays(127), d("2026-11-27"));
        assert_eq!(all[0].due_on, d("2026-11-29"));
    }
}

#[cfg(test)]
mod successor_tests {
    use super::*;

    fn followup(recurrence: Option<Recurrence>) -> Followup {
        Followup {
            id: 1,
            customer_id: 9,
            customer: "Ada".into(),
            kind: FollowupKind::StayInTouch,
            reason: "Call".into(),
            due_on: NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(),
            due_time: Some("10:30".into()),
            status: FollowupStatus::Open,
            completed_on: None,
            recurrence,
            previous_id: None,
        }
    }

    fn d31() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 1, 31).unwrap()
    }

    #[test]
    fn successors() {
        let done = NaiveDate::from_ymd_opt(2027, 2, 3).unwrap();
        assert_eq!(followup(None).successor(d31(), done, None), None);
        let monthly = Some(Recurrence { every: 1, unit: RecurUnit::Month, from: RecurFrom::Due });
        let next = followup(monthly).successor(d31(), done, None).unwrap();
        // Jan 31 + 1 month is Feb 28, which is after the completion on Feb 3.
        assert_eq!(next.due_on, NaiveDate::from_ymd_opt(2027, 2, 28).unwrap());
        assert_eq!(next.recurrence, monthly);
        assert_eq!(next.due_time, chrono::NaiveTime::from_hms_opt(10, 30, 0));
        let chosen = NaiveDate::from_ymd_opt(2027, 2, 10).unwrap();
        assert_eq!(followup(monthly).successor(d31(), done, Some(chosen)).unwrap().due_on, chosen);
        assert_eq!(followup(None).successor(d31(), done, Some(chosen)).unwrap().due_on, chosen);
    }

    #[test]
    fn a_snooze_lands_on_a_working_day_unless_the_day_was_named() {
        use crate::domain::date_input::{Towards, read_date};
        use crate::domain::goal::WorkingDays;
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let friday = d("2026-11-27");
        let plan = |input: &str, due: &str, days: WorkingDays| {
            plan_snooze(read_date(input, friday, Towards::Ahead).unwrap(), d(due), friday, days)
        };
        let weekdays = WorkingDays::default();
        // Offsets that land on the weekend move to Monday, saying so.
        let moved = plan("+1d", "2026-11-27", weekdays).unwrap();
        assert_eq!(moved.day, d("2026-11-30"));
        assert_eq!(moved.note.as_deref(), Some("Sat 28 Nov is a day off (working days mon-fri); moved to Mon 30 Nov"));
        assert_eq!(plan("tomorrow", "2026-11-27", weekdays).unwrap().day, d("2026-11-30"));
        assert_eq!(plan("+2d", "2026-11-27", weekdays).unwrap().day, d("2026-11-30"));
        // A day named outright is kept, with a note.
        for named in ["sat", "2026-11-28", "next sat"] {
            let kept = plan(named, "2026-11-27", weekdays).unwrap();
            assert_eq!(kept.day, d("2026-11-28"), "{named}");
            assert_eq!(kept.note.as_deref(), Some("Sat 28 Nov is a day off (working days mon-fri)"));
        }
        // A working day: no note. Mon/Wed/Fri: +5d (Wed 2 Dec) stays, +4d (Tue) and +6d (Thu) move on.
        assert_eq!(plan("mon", "2026-11-27", weekdays).unwrap(), Snooze { day: d("2026-11-30"), note: None });
        let mwf = WorkingDays(0b10101);
        assert_eq!(plan("+5d", "2026-11-27", mwf).unwrap(), Snooze { day: d("2026-12-02"), note: None });
        assert_eq!(plan("+4d", "2026-11-27", mwf).unwrap().day, d("2026-12-02"));
        assert_eq!(plan("+6d", "2026-11-27", mwf).unwrap().day, d("2026-12-04"));
    }

    #[test]
    fn a_snooze_never_moves_a_follow_up_earlier() {
        use crate::domain::date_input::{Towards, read_date};
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let friday = d("2026-11-27");
        let weekdays = crate::domain::goal::WorkingDays::default();
        let plan = |input: &str, due: &str| {
            plan_snooze(read_date(input, friday, Towards::Ahead).unwrap(), d(due), friday, weekdays)
        };
        let err = plan("mon", "2026-12-09").unwrap_err();
        assert_eq!(err.field, "until");
        assert!(
            err.message.contains("before its due date 2026-12-09") && err.message.contains("use reschedule"),
            "{err}"
        );
        assert_eq!(plan("2026-12-09", "2026-12-09").unwrap().day, d("2026-12-09"), "the same day is no move");
        // An overdue follow-up snoozed to today moves later.
        assert_eq!(plan("today", "2026-11-20").unwrap().day, friday);
        assert_eq!(plan("yesterday", "2026-11-20").unwrap_err().field, "until");
        // A weekend offset moved to Monday is compared after the move.
        assert_eq!(plan("+1d", "2026-11-30").unwrap().day, d("2026-11-30"));
    }

    #[test]
    fn snoozing_into_the_past_is_refused() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert!(check_snooze(today, today).is_ok());
        assert_eq!(check_snooze(today.pred_opt().unwrap(), today).unwrap_err().field, "until");
    }
}
