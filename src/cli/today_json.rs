//! `today --json`, written by hand: the document serde would write for the checklist
//! (`TodayJson` in the tests holds the two to the same bytes), with each follow-up row, nearly
//! every row of a long list, laid out from fixed pieces and the text its row holds (no string
//! a row). Through serde each row's ten keys were escaped and written a few bytes at a time:
//! 40% of the command at 10,000 rows.

use super::today::SectionJson;
use crate::domain::followup::Section;
use crate::domain::iso_date;
use crate::domain::safe_json::{write_nested, write_str};
use crate::store::DueFollowup;
use anyhow::Result;
use chrono::NaiveDate;
use std::io::Write;

/// How deep a row sits: the document, `sections`, a section, its `items`.
const ROW_DEPTH: usize = 4;

pub(super) fn write<W: Write>(out: &mut W, today: NaiveDate, sections: &[SectionJson<'_>]) -> Result<()> {
    out.write_all(b"{\n  \"date\": ")?;
    date(out, today, 1)?;
    out.write_all(b",\n  \"sections\": [")?;
    for (n, section) in sections.iter().enumerate() {
        out.write_all(if n == 0 { b"\n    {\n      \"section\": " } else { b",\n    {\n      \"section\": " })?;
        write_nested(out, &section.section, 2)?;
        out.write_all(b",\n      \"title\": ")?;
        write_str(out, section.title)?;
        write!(out, ",\n      \"count\": {},\n      \"items\": [", section.count)?;
        let mut first = true;
        let mut next_row =
            |out: &mut W| out.write_all(if std::mem::take(&mut first) { b"\n        " } else { b",\n        " });
        if matches!(section.section, Section::Overdue | Section::Today) {
            section.items.each_due(|due| {
                next_row(out)?;
                Ok(write_due(out, section.section, due)?)
            })?;
        } else {
            section.items.each(|row| {
                next_row(out)?;
                Ok(write_nested(out, &row, ROW_DEPTH)?)
            })?;
        }
        out.write_all(if first { b"]\n    }" } else { b"\n      ]\n    }" })?;
    }
    out.write_all(if sections.is_empty() { b"]\n}" } else { b"\n  ]\n}" })?;
    Ok(())
}

/// A due follow-up's row at [`ROW_DEPTH`], field by field in `ChecklistRow`'s order (its
/// section is overdue or today: the only ones with due follow-ups).
fn write_due(out: &mut impl Write, section: Section, due: &DueFollowup<'_>) -> std::io::Result<()> {
    let DueFollowup { followup_id, customer_id, customer, kind, reason, due_on, due_time, recurring } = due;
    out.write_all(if section == Section::Overdue {
        b"{\n          \"section\": \"overdue\",\n          \"type\": \"followup\",\n          \"followup_id\": "
    } else {
        b"{\n          \"section\": \"today\",\n          \"type\": \"followup\",\n          \"followup_id\": "
    })?;
    // The ids by `itoa`: through `write!` the formatter cost 4% of the instructions.
    let mut digits = itoa::Buffer::new();
    out.write_all(digits.format(*followup_id).as_bytes())?;
    out.write_all(b",\n          \"customer_id\": ")?;
    out.write_all(digits.format(*customer_id).as_bytes())?;
    out.write_all(b",\n          \"customer\": ")?;
    write_str(out, customer)?;
    out.write_all(b",\n          \"kind\": ")?;
    write_str(out, kind.as_str())?;
    out.write_all(b",\n          \"reason\": ")?;
    write_str(out, reason)?;
    out.write_all(b",\n          \"due_on\": ")?;
    date(out, *due_on, ROW_DEPTH + 1)?;
    out.write_all(b",\n          \"due_time\": ")?;
    match due_time {
        Some(time) => write_str(out, time)?,
        None => out.write_all(b"null")?,
    }
    out.write_all(if *recurring {
        b",\n          \"recurring\": true\n        }"
    } else {
        b",\n          \"recurring\": false\n        }"
    })
}

fn date(out: &mut impl Write, date: NaiveDate, depth: usize) -> std::io::Result<()> {
    let mut buf = [0; 10];
    match iso_date::write(date, &mut buf) {
        Some(text) => write_str(out, text),
        None => write_nested(out, &iso_date::Iso(date), depth),
    }
}

#[cfg(test)]
mod tests {
    use super::super::today::{TodayJson, sections};
    use crate::config::Config;
    use crate::domain::customer::NewCustomer;
    use crate::domain::followup::{FollowupKind, NewFollowup};
    use crate::domain::recurrence::{RecurFrom, RecurUnit, Recurrence};
    use crate::store::Store;
    use chrono::NaiveDate;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// Both writers over the store's checklist for `today`: by hand, and through serde.
    fn both(store: &mut Store, today: NaiveDate) -> (String, String) {
        let config = Config::default();
        let list = store.checklist(today, &config.cadence_defaults(), config.new_cards_per_day).unwrap();
        let mut by_hand = Vec::new();
        super::write(&mut by_hand, today, &sections(store, &list)).unwrap();
        let mut by_serde = Vec::new();
        let reference = TodayJson { date: today, sections: sections(store, &list) };
        crate::domain::safe_json::write_pretty(&mut by_serde, &reference).unwrap();
        (String::from_utf8(by_hand).unwrap(), String::from_utf8(by_serde).unwrap())
    }

    #[test]
    fn an_empty_checklist_is_what_serde_writes() {
        let mut store = Store::open_in_memory().unwrap();
        let (by_hand, by_serde) = both(&mut store, day("2026-11-27"));
        assert_eq!(by_hand, by_serde);
        assert!(by_hand.contains("\"items\": []"), "{by_hand}");
    }

    #[test]
    fn every_section_and_hostile_text_is_what_serde_writes() {
        let today = day("2026-11-27");
        let mut store = Store::open_in_memory().unwrap();
        store.load_plan(&crate::demo::demo_plan(today).unwrap()).unwrap();
        let hostile = "Q\"uote\\ \u{1b}[2J \u{9b}31m \u{202e}rtl\u{7f} caf\u{e9} \u{5c71}\u{7530} tab\tend";
        let customer = store
            .add_customer(&NewCustomer { name: hostile.into(), created_on: today, ..NewCustomer::default() })
            .unwrap();
        for (n, due) in ["2026-11-01", "2026-11-27"].into_iter().enumerate() {
            store
                .add_followup(&NewFollowup {
                    customer_id: customer,
                    kind: FollowupKind::Quote,
                    reason: format!("{hostile} {n}"),
                    due_on: day(due),
                    due_time: (n == 1).then(|| "09:30".parse().unwrap()),
                    recurrence: Some(Recurrence { every: 2, unit: RecurUnit::Week, from: RecurFrom::Due }),
                    sale_id: None,
                    complaint_id: None,
                    created_on: today,
                })
                .unwrap();
        }
        let (by_hand, by_serde) = both(&mut store, today);
        assert_eq!(by_hand, by_serde);
        let json: serde_json::Value = serde_json::from_str(&by_hand).unwrap();
        let sections = json["sections"].as_array().unwrap();
        for section in sections {
            let items = section["items"].as_array().unwrap();
            assert_eq!(items.len() as u64, section["count"].as_u64().unwrap(), "every row is listed");
        }
        let filled = sections.iter().filter(|s| !s.get("items").unwrap().as_array().unwrap().is_empty()).count();
        assert!(filled >= 4, "the demo fills most sections: {filled}");
        assert!(by_hand.contains("\"due_time\": \"09:30\""), "a time is written as text");
        assert!(by_hand.contains("\\u001b[2J") && by_hand.contains("\\u009b") && by_hand.contains("\\u202e"));
    }
}
