//! The checklist, follow-up actions and cadence on a hand-built database file.

use chrono::{Days, NaiveDate};
use salescoach::domain::cadence::{Cadence, CadenceDefaults, CadenceState};
use salescoach::domain::care::{NewComplaint, NewScore, Severity};
use salescoach::domain::customer::NewCustomer;
use salescoach::domain::followup::{
    FollowupKind, FollowupStatus, NewFollowup, RecurFrom, RecurUnit, Recurrence, Section,
};
use salescoach::domain::sale::{InteractionKind, NewInteraction, NewSale, Outcome, SaleKind};
use salescoach::store::{ChecklistItem, Store};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const TODAY: &str = "2026-11-27";
const DEFAULT: Cadence = Cadence { ideal_days: 30, max_days: 60 };

struct World {
    _dir: tempfile::TempDir,
    store: Store,
}

fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("checklist.db")).unwrap();
    World { _dir: dir, store }
}

fn customer(store: &mut Store, name: &str, created: &str) -> i64 {
    store.add_customer(&NewCustomer { name: name.into(), created_on: d(created), ..Default::default() }).unwrap()
}

fn followup(store: &mut Store, customer_id: i64, due: &str, time: Option<&str>, reason: &str) -> i64 {
    store
        .add_followup(&NewFollowup {
            customer_id,
            kind: FollowupKind::Other,
            reason: reason.into(),
            due_on: d(due),
            due_time: time.map(|t| chrono::NaiveTime::parse_from_str(t, "%H:%M").unwrap()),
            recurrence: None,
            sale_id: None,
            complaint_id: None,
            created_on: d("2026-11-01"),
        })
        .unwrap()
}

fn interaction(customer_id: i64, on: &str) -> NewInteraction {
    NewInteraction {
        customer_id,
        technique_id: None,
        product_id: None,
        kind: InteractionKind::Call,
        outcome: Outcome::None,
        lost_reason: String::new(),
        happened_on: d(on),
        note: String::new(),
        objections: Vec::new(),
        response: String::new(),
    }
}

/// (section, label) for every checklist row, in order.
fn checklist(store: &Store) -> Vec<(Section, String)> {
    let list = store.checklist(d(TODAY), &CadenceDefaults::only(DEFAULT), 10).unwrap();
    let mut out = Vec::new();
    for (section, count) in list.counts() {
        for row in store.checklist_rows(&list, section, 0, count).unwrap() {
            let label = match row.item {
                ChecklistItem::Complaint(c) => c.summary,
                ChecklistItem::Followup { reason, .. } => reason,
                ChecklistItem::StayInTouch(s) => format!("call {}", s.customer),
                ChecklistItem::ColdDeal(d) => format!("deal {}", d.title),
                ChecklistItem::Cards { due } => format!("{due} cards"),
            };
            out.push((section, label));
        }
    }
    out
}

#[test]
fn sections_order_ties_and_exclusions() {
    let mut w = world();
    let s = &mut w.store;
    let ada = customer(s, "Ada", "2026-11-20");
    let bob = customer(s, "Bob", "2026-11-20");
    let gone = customer(s, "Gone", "2026-11-20");
    let quiet = customer(s, "Quiet", "2026-09-01"); // 87 days without contact: red
    let planned = customer(s, "Planned", "2026-09-01"); // silent too, but a call is planned this week
    let later = customer(s, "Later", "2026-09-01"); // silent, and the planned call is weeks away
    let _fresh = customer(s, "Fresh", "2026-11-10"); // 17 days: within the 30-day default
    followup(s, planned, "2026-12-03", None, "planned call");
    followup(s, later, "2026-12-15", None, "planned, weeks away");
    followup(s, ada, "2026-11-20", None, "late B (entered first)");
    followup(s, bob, "2026-11-20", None, "late C (entered second)");
    followup(s, bob, "2026-11-18", None, "late A (oldest)");
    followup(s, ada, TODAY, Some("14:00"), "today at two");
    followup(s, ada, TODAY, Some("09:00"), "today at nine");
    followup(s, ada, TODAY, None, "today, any time");
    followup(s, ada, "2026-11-28", None, "tomorrow: not yet");
    let done = followup(s, ada, "2026-11-19", None, "done: gone from the list");
    s.complete_followup(done, d("2026-11-25"), None, None).unwrap();
    let cancelled = followup(s, bob, "2026-11-19", None, "cancelled: gone");
    s.cancel_followup(cancelled, d("2026-11-25")).unwrap();
    followup(s, gone, "2026-11-10", None, "archived customer: gone");
    s.set_customer_archived(gone, true).unwrap();
    for (customer_id, severity, summary, opened) in [
        (bob, Severity::Medium, "medium, older", "2026-11-20"),
        (ada, Severity::Critical, "critical", "2026-11-26"),
        (bob, Severity::Medium, "medium, newer", "2026-11-25"),
    ] {
        s.open_complaint(&NewComplaint {
            customer_id,
            sale_id: None,
            severity,
            summary: summary.into(),
            opened_on: d(opened),
        })
        .unwrap();
    }
    let fixed = s
        .open_complaint(&NewComplaint {
            customer_id: ada,
            sale_id: None,
            severity: Severity::High,
            summary: "resolved".into(),
            opened_on: d("2026-11-01"),
        })
        .unwrap();
    s.resolve_complaint(fixed, d("2026-11-03"), "refund").unwrap();
    let _ = quiet;

    let expected: Vec<(Section, String)> = [
        (Section::Complaints, "critical"),
        (Section::Complaints, "medium, older"),
        (Section::Complaints, "medium, newer"),
        (Section::Overdue, "late A (oldest)"),
        (Section::Overdue, "late B (entered first)"),
        (Section::Overdue, "late C (entered second)"),
        (Section::Today, "today, any time"),
        (Section::Today, "today at nine"),
        (Section::Today, "today at two"),
        // Equally silent: the one entered first comes first.
        (Section::StayInTouch, "call Quiet"),
        (Section::StayInTouch, "call Later"),
    ]
    .iter()
    .map(|(s, l)| (*s, l.to_string()))
    .collect();
    assert_eq!(checklist(&w.store), expected);
}

#[test]
fn completing_a_recurring_follow_up_twice_makes_one_successor() {
    let mut w = world();
    let s = &mut w.store;
    let ada = customer(s, "Ada", "2026-01-01");
    let id = s
        .add_followup(&NewFollowup {
            customer_id: ada,
            kind: FollowupKind::Reorder,
            reason: "monthly order".into(),
            due_on: d("2027-01-31"),
            due_time: None,
            recurrence: Some(Recurrence { every: 1, unit: RecurUnit::Month, from: RecurFrom::Due }),
            sale_id: None,
            complaint_id: None,
            created_on: d("2026-11-01"),
        })
        .unwrap();
    let first = s.complete_followup(id, d("2027-01-31"), Some(&interaction(ada, "2027-01-31")), None).unwrap();
    assert_eq!(first.next_due, Some(d("2027-02-28")));
    assert!(first.interaction_id.is_some());
    // Twice in a row: refused, nothing new.
    let again = format!("{:#}", s.complete_followup(id, d("2027-02-01"), None, None).unwrap_err());
    assert!(again.contains("already done on 2027-01-31"), "{again}");
    // Undo and complete again: the same successor, not a second one.
    s.reopen_followup(id).unwrap();
    assert_eq!(s.followup(id).unwrap().status, FollowupStatus::Open);
    let redo = s.complete_followup(id, d("2027-02-02"), None, None).unwrap();
    assert_eq!(redo.next_id, first.next_id);
    let open = s.open_followups_until(d("2027-12-31")).unwrap();
    assert_eq!(open.len(), 1, "exactly one successor: {open:?}");
    assert_eq!(open[0].previous_id, Some(id));
    // The successor recurs too, from its own due date.
    // The series started on Jan 31, so after Feb 28 comes Mar 31, not Mar 28.
    let second = s.complete_followup(open[0].id, d("2027-03-01"), None, None).unwrap();
    assert_eq!(second.next_due, Some(d("2027-03-31")));
}

#[test]
fn completion_based_recurrence_and_a_chosen_next_date() {
    let mut w = world();
    let s = &mut w.store;
    let ada = customer(s, "Ada", "2026-01-01");
    let mut new = NewFollowup {
        customer_id: ada,
        kind: FollowupKind::StayInTouch,
        reason: "call every 30 days after we last spoke".into(),
        due_on: d("2026-11-01"),
        due_time: None,
        recurrence: Some(Recurrence { every: 30, unit: RecurUnit::Day, from: RecurFrom::Completion }),
        sale_id: None,
        complaint_id: None,
        created_on: d("2026-10-01"),
    };
    let id = s.add_followup(&new).unwrap();
    assert_eq!(s.complete_followup(id, d("2026-11-10"), None, None).unwrap().next_due, Some(d("2026-12-10")));
    new.recurrence = None;
    let once = s.add_followup(&new).unwrap();
    assert_eq!(s.complete_followup(once, d("2026-11-10"), None, None).unwrap().next_due, None);
    let chosen = s.add_followup(&new).unwrap();
    assert_eq!(
        s.complete_followup(chosen, d("2026-11-10"), None, Some(d("2026-11-20"))).unwrap().next_due,
        Some(d("2026-11-20"))
    );
}

#[test]
fn snooze_reschedule_and_cancel_need_an_open_follow_up() {
    let mut w = world();
    let s = &mut w.store;
    let ada = customer(s, "Ada", "2026-01-01");
    let id = followup(s, ada, "2026-11-20", None, "x");
    s.move_followup(id, d("2026-12-04")).unwrap();
    assert_eq!(s.followup(id).unwrap().due_on, d("2026-12-04"));
    s.cancel_followup(id, d(TODAY)).unwrap();
    assert!(s.move_followup(id, d("2026-12-05")).is_err());
    assert!(s.cancel_followup(id, d(TODAY)).is_err());
}

#[test]
fn a_sale_or_an_interaction_resets_the_cadence_clock() {
    let mut w = world();
    let s = &mut w.store;
    s.set_segment_cadence("Café", Cadence { ideal_days: 14, max_days: 30 }).unwrap();
    let id = s
        .add_customer(&NewCustomer {
            name: "Ada".into(),
            segment: "Café".into(),
            created_on: d("2026-10-28"),
            ..Default::default()
        })
        .unwrap();
    let state = |s: &Store| {
        let list = s.checklist(d(TODAY), &CadenceDefaults::only(DEFAULT), 10).unwrap();
        list.stay_in_touch.iter().find(|x| x.customer_id == id).map(|x| (x.days_since, x.state))
    };
    // Created 30 days ago, never contacted: exactly at the maximum -> red.
    assert_eq!(state(s), Some((30, CadenceState::Red)));
    s.log_interaction(&interaction(id, "2026-11-13")).unwrap();
    // 14 days: exactly the ideal gap -> amber.
    assert_eq!(state(s), Some((14, CadenceState::Amber)));
    s.log_sale(
        &NewSale {
            customer_id: id,
            product_id: None,
            technique_id: None,
            kind: SaleKind::Sale,
            quantity: 1,
            amount_minor: 100,
            sold_on: d("2026-11-14"),
            note: String::new(),
            refund_of: None,
        },
        &[],
    )
    .unwrap();
    // 13 days: in touch, off the list.
    assert_eq!(state(s), None);
    // An older interaction logged late does not move the clock back.
    s.log_interaction(&interaction(id, "2026-10-30")).unwrap();
    assert_eq!(s.customer(id).unwrap().last_contact_on, d("2026-11-14"));
}

#[test]
fn the_config_gives_a_segment_its_gaps_unless_the_database_or_the_customer_does() {
    let mut w = world();
    let s = &mut w.store;
    // Last contact 10 days before TODAY for all three; the global default (30/60) keeps them fine.
    let add = |s: &mut Store, name: &str, segment: &str, ideal: Option<u32>| {
        s.add_customer(&NewCustomer {
            name: name.into(),
            segment: segment.into(),
            cadence_ideal_days: ideal,
            created_on: d("2026-11-17"),
            ..Default::default()
        })
        .unwrap()
    };
    let cafe = add(s, "Ada", "café", None);
    let own = add(s, "Bo", "Cafe", Some(20));
    let office = add(s, "Cy", "Office", None);
    let stored = add(s, "Di", "Bakery", None);
    s.set_segment_cadence("Bakery", Cadence { ideal_days: 12, max_days: 40 }).unwrap();
    let rules = CadenceDefaults::new(
        DEFAULT,
        [
            ("Café".to_string(), Cadence { ideal_days: 7, max_days: 10 }),
            ("Bakery".to_string(), Cadence { ideal_days: 3, max_days: 5 }),
        ],
    );
    let list = s.checklist(d(TODAY), &rules, 10).unwrap();
    let state = |id: i64| list.stay_in_touch.iter().find(|x| x.customer_id == id).map(|x| (x.cadence, x.state));
    // The file's café gaps (accents and case aside): 10 days is the maximum, red.
    assert_eq!(state(cafe), Some((Cadence { ideal_days: 7, max_days: 10 }, CadenceState::Red)));
    // Bo's own ideal (20) wins; nothing else about him is due.
    assert_eq!(state(own), None);
    // No rule for offices: the 30-day default.
    assert_eq!(state(office), None);
    // The database's bakery row (12/40) wins over the file's 3/5: 10 days is still fine.
    assert_eq!(state(stored), None);
    let figures = s.customer_figures(&s.customer(cafe).unwrap(), &rules).unwrap();
    assert_eq!(figures.cadence, Cadence { ideal_days: 7, max_days: 10 });
    let figures = s.customer_figures(&s.customer(stored).unwrap(), &rules).unwrap();
    assert_eq!(figures.cadence, Cadence { ideal_days: 12, max_days: 40 });
    // Without the file's rules Ada is in touch.
    let plain = s.checklist(d(TODAY), &CadenceDefaults::only(DEFAULT), 10).unwrap();
    assert!(plain.stay_in_touch.iter().all(|x| x.customer_id != cafe));
}

#[test]
fn a_low_score_opens_a_concern_that_tops_the_checklist() {
    let mut w = world();
    let s = &mut w.store;
    let ada = customer(s, "Ada", "2026-11-26");
    let happy = s
        .rate(&NewScore { customer_id: ada, sale_id: None, score: 7, comment: String::new(), rated_on: d(TODAY) })
        .unwrap();
    assert_eq!(happy.concern_id, None);
    let unhappy = s
        .rate(&NewScore { customer_id: ada, sale_id: None, score: 5, comment: "slow".into(), rated_on: d(TODAY) })
        .unwrap();
    let concern = s.complaint(unhappy.concern_id.unwrap()).unwrap();
    assert_eq!(concern.due_on(), d(TODAY) + Days::new(2));
    assert_eq!(checklist(s)[0], (Section::Complaints, "Low satisfaction score 5: slow".to_string()));
}

#[test]
fn deleting_a_customer_with_history_asks_first_and_then_removes_it_all() {
    let mut w = world();
    let s = &mut w.store;
    let ada = customer(s, "Ada", "2026-01-01");
    s.log_interaction(&interaction(ada, "2026-11-01")).unwrap();
    followup(s, ada, "2026-12-01", None, "x");
    let err = format!("{:#}", s.delete_customer(ada, false).unwrap_err());
    assert!(err.contains("archive instead"), "{err}");
    assert!(s.customer(ada).is_ok(), "nothing deleted");
    assert_eq!(s.delete_customer(ada, true).unwrap(), 1);
    assert!(s.customer(ada).is_err());
    assert!(s.open_followups_until(d("2027-01-01")).unwrap().is_empty());
}

#[test]
fn a_check_in_can_bring_back_a_score_in_the_same_step() {
    let mut w = world();
    let s = &mut w.store;
    let ada = customer(s, "Ada", "2026-11-01");
    let id = followup(s, ada, TODAY, None, "satisfaction check");
    let score = salescoach::domain::care::NewScore {
        customer_id: ada,
        sale_id: None,
        score: 5,
        comment: "Shots run fast".into(),
        rated_on: d(TODAY),
    };
    s.complete_followup_scored(id, d(TODAY), Some(&interaction(ada, TODAY)), None, Some(&score)).unwrap();
    assert_eq!(s.scores(ada).unwrap()[0].score, 5);
    // A 5 opens a concern, which now tops the checklist.
    assert_eq!(checklist(s)[0], (Section::Complaints, "Low satisfaction score 5: Shots run fast".to_string()));
    // A score for someone else is refused and nothing of the step lands.
    let bob = customer(s, "Bob", "2026-11-01");
    let other = followup(s, bob, TODAY, None, "x");
    assert!(s.complete_followup_scored(other, d(TODAY), None, None, Some(&score)).is_err());
    assert_eq!(s.followup(other).unwrap().status, FollowupStatus::Open);
}

#[test]
fn deals_going_cold_join_the_checklist_after_the_follow_ups_until_touched() {
    use salescoach::domain::deal::{Cold, NewDeal};
    let mut w = world();
    let s = &mut w.store;
    let ada = customer(s, "Ada", "2026-11-01");
    let stages = s.stages().unwrap();
    let (lead, proposal) = (&stages[0], &stages[2]);
    let deal = |title: &str, stage: i64, created: &str, close: Option<&str>| NewDeal {
        customer_id: ada,
        title: title.into(),
        product_id: None,
        value_minor: 100_000,
        stage_id: stage,
        close_on: close.map(d),
        probability_permille: None,
        created_on: d(created),
    };
    // Proposal goes cold after 7 idle days: created 7 days before TODAY is still warm.
    s.add_deal(&deal("warm", proposal.id, "2026-11-20", None)).unwrap();
    let idle = s.add_deal(&deal("idle", proposal.id, "2026-11-19", None)).unwrap();
    s.add_deal(&deal("late", lead.id, "2026-11-25", Some("2026-11-24"))).unwrap();
    s.add_deal(&deal("lead", lead.id, "2026-11-13", None)).unwrap();
    let list = s.checklist(d(TODAY), &CadenceDefaults::only(DEFAULT), 10).unwrap();
    let cold: Vec<(&str, Cold)> = list.cold_deals.iter().map(|c| (c.title.as_str(), c.cold)).collect();
    // Lead's limit is 14 days: 14 days idle is not yet cold. Longest first.
    assert_eq!(cold, [("idle", Cold::Idle(8)), ("late", Cold::PastClose(3))]);
    let sections: Vec<Section> = checklist(s).into_iter().map(|(section, _)| section).collect();
    let at = sections.iter().position(|x| *x == Section::ColdDeals).unwrap();
    assert!(sections[..at].iter().all(|x| *x <= Section::Today), "after the follow-ups: {sections:?}");
    // A call about the idle deal warms it.
    s.log_deal_interaction(idle, &interaction(ada, TODAY)).unwrap();
    let list = s.checklist(d(TODAY), &CadenceDefaults::only(DEFAULT), 10).unwrap();
    assert_eq!(list.cold_deals.iter().map(|c| c.title.as_str()).collect::<Vec<_>>(), ["late"]);
    assert_eq!(s.deal(idle).unwrap().last_activity_on, d(TODAY));
}

#[test]
fn day_counts_leave_out_archived_customers_and_closed_follow_ups() {
    let mut w = world();
    let s = &mut w.store;
    let ada = customer(s, "Ada", "2026-11-01");
    let gone = customer(s, "Gone", "2026-11-01");
    let also_gone = customer(s, "Also gone", "2026-11-01");
    followup(s, ada, "2026-11-20", None, "overdue");
    followup(s, gone, "2026-11-20", None, "overdue, archived");
    followup(s, gone, "2026-11-21", None, "archived alone on its day");
    followup(s, also_gone, "2026-11-21", None, "archived alone on its day too");
    followup(s, ada, TODAY, None, "today");
    followup(s, ada, TODAY, None, "today again");
    followup(s, gone, TODAY, None, "today, archived");
    followup(s, ada, "2026-12-01", None, "next week");
    followup(s, gone, "2026-12-02", None, "next week, archived");
    let done = followup(s, ada, "2026-12-02", None, "done");
    s.complete_followup(done, d(TODAY), None, None).unwrap();
    let cancelled = followup(s, ada, "2026-12-03", None, "cancelled");
    s.cancel_followup(cancelled, d(TODAY)).unwrap();
    s.set_customer_archived(gone, true).unwrap();
    s.set_customer_archived(also_gone, true).unwrap();

    let days = s.open_followup_days().unwrap();
    assert_eq!(days, vec![(d("2026-11-20"), 1), (d(TODAY), 2), (d("2026-12-01"), 1)]);
    let (overdue, span) = s.agenda_counts(d(TODAY), d("2026-12-03")).unwrap();
    assert_eq!(overdue, 1, "the archived customers' overdue follow-ups are left out");
    assert_eq!(span, vec![(d(TODAY), 2), (d("2026-12-01"), 1)]);

    // Back from the archive, their open follow-ups count again.
    s.set_customer_archived(gone, false).unwrap();
    let days = s.open_followup_days().unwrap();
    assert_eq!(
        days,
        vec![(d("2026-11-20"), 2), (d("2026-11-21"), 1), (d(TODAY), 3), (d("2026-12-01"), 1), (d("2026-12-02"), 1)]
    );
    assert_eq!(s.agenda_counts(d(TODAY), d("2026-12-03")).unwrap().0, 3);
}

/// Each due follow-up's place, counted in checklist order (day, then time with none first,
/// then id), is the row it is drawn on; an archived customer's, a done one's and a
/// future one's have none.
#[test]
fn a_due_followups_place_is_its_row() {
    let mut w = world();
    let s = &mut w.store;
    let ann = customer(s, "Ann", "2026-01-01");
    let bo = customer(s, "Bo", "2026-01-01");
    let gone = customer(s, "Gone", "2026-01-01");
    let mut ids = Vec::new();
    for (who, due, time) in [
        (ann, "2026-11-20", Some("14:00")),
        (bo, "2026-11-20", None),
        (gone, "2026-11-20", Some("08:00")),
        (ann, "2026-11-20", Some("09:30")),
        (bo, "2026-11-25", None),
        (ann, TODAY, Some("10:00")),
        (bo, TODAY, None),
        (ann, "2026-12-01", None),
    ] {
        ids.push(followup(s, who, due, time, "x"));
    }
    s.set_customer_archived(gone, true).unwrap();
    let done = followup(s, ann, "2026-11-21", None, "done");
    s.complete_followup(done, d(TODAY), None, None).unwrap();
    let list = s.checklist(d(TODAY), &CadenceDefaults::only(DEFAULT), 0).unwrap();
    let mut placed = 0;
    for section in [Section::Overdue, Section::Today] {
        let rows = s.checklist_rows(&list, section, 0, 100).unwrap();
        for (i, row) in rows.iter().enumerate() {
            let ChecklistItem::Followup { followup_id, .. } = row.item else { panic!("{:?}", row.item) };
            let f = s.followup(followup_id).unwrap();
            assert_eq!(s.due_position(&list, section, &f).unwrap(), Some(i as u64), "#{followup_id} in {section:?}");
            placed += 1;
        }
    }
    assert_eq!(placed, 6, "four overdue of open customers and two today");
    for id in [ids[2], ids[7], done] {
        let f = s.followup(id).unwrap();
        for section in [Section::Overdue, Section::Today] {
            assert_eq!(s.due_position(&list, section, &f).unwrap(), None, "#{id} in {section:?}");
        }
    }
}
