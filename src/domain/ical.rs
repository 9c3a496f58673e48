//! iCalendar (RFC 5545) text for follow-ups: TEXT escaping, content lines folded at 75
//! octets (never inside a UTF-8 sequence), CRLF line ends, and one VTODO or VEVENT per
//! follow-up. Pure: plain structs in, the calendar's text out.
//!
//! Dates are written as DATE values; a follow-up with a time gets a floating DATE-TIME (the
//! seller's local time, no TZID), so the calendar shows it at that hour wherever it is.
//! Recurrence from the due date becomes an RRULE. Recurrence from completion ("30 days
//! after we last spoke") has no RRULE form: the next date depends on when the seller acts.
//! Such an item is written without an RRULE (a calendar would otherwise invent dates),
//! its DESCRIPTION says how it repeats, and `X-SALESCOACH-REPEAT` carries the rule.

use super::recurrence::{RecurFrom, RecurUnit, Recurrence};
use chrono::{Datelike, Days, NaiveDate, NaiveTime};
use std::fmt::Write as _;

/// What a follow-up becomes in a calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Component {
    /// A task with a due date (VTODO): Apple Reminders, Thunderbird, Evolution, Nextcloud tasks.
    Todo,
    /// An appointment (VEVENT), for calendars that ignore tasks (Google Calendar, Outlook).
    Event,
}

/// One follow-up, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarItem {
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub category: String,
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub recurrence: Option<Recurrence>,
}

/// Escapes a TEXT value: backslash, semicolon, comma and newline (RFC 5545 3.3.11). Other
/// control characters are not allowed in TEXT and are dropped (a tab stays).
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded: at most 75 octets per line (the leading space of a
/// continuation counts), cut only between characters, each line ending in CRLF.
pub fn fold_line(line: &str) -> String {
    const LIMIT: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if used + width > LIMIT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
    out
}

/// The RRULE value for a recurrence counted from the due date; `None` from completion.
/// A monthly rule on the 29th-31st takes the month's last day when the month is shorter,
/// as salescoach does (Jan 31, Feb 28, Mar 31), via BYMONTHDAY with BYSETPOS=-1.
pub fn rrule(recurrence: &Recurrence, first: NaiveDate) -> Option<String> {
    if recurrence.from == RecurFrom::Completion {
        return None;
    }
    let every = recurrence.every.max(1);
    Some(match recurrence.unit {
        RecurUnit::Day => format!("FREQ=DAILY;INTERVAL={every}"),
        RecurUnit::Week => format!("FREQ=WEEKLY;INTERVAL={every}"),
        RecurUnit::Month if first.day() > 28 => {
            let days: Vec<String> = (28..=first.day()).map(|d| d.to_string()).collect();
            format!("FREQ=MONTHLY;INTERVAL={every};BYMONTHDAY={};BYSETPOS=-1", days.join(","))
        }
        RecurUnit::Month => format!("FREQ=MONTHLY;INTERVAL={every}"),
    })
}

/// `20261201` for a DATE value.
fn date_value(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// `;VALUE=DATE:20261201` or `:20261201T093000` (floating local time).
fn when(date: NaiveDate, time: Option<NaiveTime>) -> String {
    match time {
        Some(t) => format!(":{}T{}", date_value(date), t.format("%H%M%S")),
        None => format!(";VALUE=DATE:{}", date_value(date)),
    }
}

/// The component's content lines, unfolded.
fn item_lines(item: &CalendarItem, component: Component, stamp: &str) -> Vec<String> {
    let name = match component {
        Component::Todo => "VTODO",
        Component::Event => "VEVENT",
    };
    let rule = item.recurrence.as_ref().and_then(|r| rrule(r, item.date));
    let mut description = item.description.clone();
    if let Some(r) = item.recurrence.filter(|r| r.from == RecurFrom::Completion) {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        let _ = write!(description, "Repeats {}: salescoach sets the next date when this one is done.", r.describe());
    }
    let mut lines =
        vec![format!("BEGIN:{name}"), format!("UID:{}", escape_text(&item.uid)), format!("DTSTAMP:{stamp}")];
    match component {
        Component::Todo => {
            // A recurring task needs a start for its rule to count from.
            if rule.is_some() {
                lines.push(format!("DTSTART{}", when(item.date, item.time)));
            }
            lines.push(format!("DUE{}", when(item.date, item.time)));
            lines.push("STATUS:NEEDS-ACTION".into());
        }
        Component::Event => {
            lines.push(format!("DTSTART{}", when(item.date, item.time)));
            if item.time.is_none() {
                let next = item.date.checked_add_days(Days::new(1)).unwrap_or(item.date);
                lines.push(format!("DTEND;VALUE=DATE:{}", date_value(next)));
                lines.push("TRANSP:TRANSPARENT".into());
            }
        }
    }
    lines.push(format!("SUMMARY:{}", escape_text(&item.summary)));
    if !description.is_empty() {
        lines.push(format!("DESCRIPTION:{}", escape_text(&description)));
    }
    if !item.category.is_empty() {
        lines.push(format!("CATEGORIES:{}", escape_text(&item.category)));
    }
    if let Some(rule) = rule {
        lines.push(format!("RRULE:{rule}"));
    }
    if let Some(r) = item.recurrence.filter(|r| r.from == RecurFrom::Completion) {
        lines.push(format!("X-SALESCOACH-REPEAT:{}", escape_text(&r.describe())));
    }
    lines.push(format!("END:{name}"));
    lines
}

/// The whole calendar. `stamp_day` gives DTSTAMP (midnight UTC that day), so the same data
/// exported the same day is byte-identical.
pub fn calendar(items: &[CalendarItem], component: Component, stamp_day: NaiveDate) -> String {
    let stamp = format!("{}T000000Z", date_value(stamp_day));
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        format!("PRODID:-//salescoach//salescoach {}//EN", env!("CARGO_PKG_VERSION")),
        "CALSCALE:GREGORIAN".into(),
        "X-WR-CALNAME:salescoach follow-ups".into(),
    ];
    for item in items {
        lines.extend(item_lines(item, component, &stamp));
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold_line(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn item() -> CalendarItem {
        CalendarItem {
            uid: "followup-7@salescoach".into(),
            summary: "Check-in: Marta Ruiz".into(),
            description: "How was the grinder?".into(),
            category: "check-in".into(),
            date: d("2026-12-01"),
            time: None,
            recurrence: None,
        }
    }

    #[test]
    fn text_escaping() {
        for (input, expected) in [
            ("plain", "plain"),
            ("a,b;c\\d", "a\\,b\\;c\\\\d"),
            ("one\ntwo", "one\\ntwo"),
            ("one\r\ntwo\rthree", "one\\ntwo\\nthree"),
            ("bell\u{7}gone\ttab", "bellgone\ttab"),
            ("Café ☕", "Café ☕"),
        ] {
            assert_eq!(escape_text(input), expected, "{input:?}");
        }
    }

    #[test]
    fn folding_at_75_octets_between_characters() {
        assert_eq!(fold_line("SUMMARY:short"), "SUMMARY:short\r\n");
        let long = format!("DESCRIPTION:{}", "x".repeat(200));
        let folded = fold_line(&long);
        for line in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), long);
        // Three-octet characters never straddle a fold.
        let wide = format!("SUMMARY:{}", "日本".repeat(40));
        let folded = fold_line(&wide);
        for line in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75);
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), wide);
        // Exactly 75 octets is not folded; 76 is.
        assert!(!fold_line(&"a".repeat(75)).contains("\r\n "));
        assert!(fold_line(&"a".repeat(76)).contains("\r\n "));
    }

    #[test]
    fn rules() {
        use RecurFrom::*;
        use RecurUnit::*;
        let r = |every, unit, from| Recurrence { every, unit, from };
        let cases = [
            (r(3, Day, Due), "2026-12-01", Some("FREQ=DAILY;INTERVAL=3")),
            (r(1, Week, Due), "2026-12-01", Some("FREQ=WEEKLY;INTERVAL=1")),
            (r(2, Month, Due), "2026-12-15", Some("FREQ=MONTHLY;INTERVAL=2")),
            (r(1, Month, Due), "2026-12-28", Some("FREQ=MONTHLY;INTERVAL=1")),
            (r(1, Month, Due), "2027-01-31", Some("FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=28,29,30,31;BYSETPOS=-1")),
            (r(1, Month, Due), "2027-01-29", Some("FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=28,29;BYSETPOS=-1")),
            (r(30, Day, Completion), "2026-12-01", None),
        ];
        for (rule, first, expected) in cases {
            assert_eq!(rrule(&rule, d(first)).as_deref(), expected, "{rule:?}");
        }
    }

    #[test]
    fn a_todo_on_a_date() {
        let text = calendar(&[item()], Component::Todo, d("2026-11-27"));
        assert_eq!(
            text,
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n".to_string()
                + &format!("PRODID:-//salescoach//salescoach {}//EN\r\n", env!("CARGO_PKG_VERSION"))
                + "CALSCALE:GREGORIAN\r\nX-WR-CALNAME:salescoach follow-ups\r\n\
                   BEGIN:VTODO\r\nUID:followup-7@salescoach\r\nDTSTAMP:20261127T000000Z\r\n\
                   DUE;VALUE=DATE:20261201\r\nSTATUS:NEEDS-ACTION\r\nSUMMARY:Check-in: Marta Ruiz\r\n\
                   DESCRIPTION:How was the grinder?\r\nCATEGORIES:check-in\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
        );
    }

    #[test]
    fn a_timed_recurring_event() {
        let mut it = item();
        it.time = NaiveTime::from_hms_opt(9, 30, 0);
        it.recurrence = Some(Recurrence { every: 2, unit: RecurUnit::Week, from: RecurFrom::Due });
        let text = calendar(&[it.clone()], Component::Event, d("2026-11-27"));
        assert!(text.contains("\r\nDTSTART:20261201T093000\r\n"), "{text}");
        assert!(!text.contains("DTEND"), "{text}");
        assert!(text.contains("\r\nRRULE:FREQ=WEEKLY;INTERVAL=2\r\n"), "{text}");
        let todo = calendar(&[it], Component::Todo, d("2026-11-27"));
        assert!(todo.contains("\r\nDTSTART:20261201T093000\r\nDUE:20261201T093000\r\n"), "{todo}");
    }

    #[test]
    fn an_all_day_event_ends_the_next_day() {
        let text = calendar(&[item()], Component::Event, d("2026-11-27"));
        assert!(text.contains("\r\nDTSTART;VALUE=DATE:20261201\r\nDTEND;VALUE=DATE:20261202\r\n"), "{text}");
    }

    #[test]
    fn recurrence_from_completion_is_described_not_ruled() {
        let mut it = item();
        it.recurrence = Some(Recurrence { every: 30, unit: RecurUnit::Day, from: RecurFrom::Completion });
        let text = calendar(&[it], Component::Todo, d("2026-11-27"));
        assert!(!text.contains("RRULE"), "{text}");
        assert!(!text.contains("DTSTART"), "{text}");
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains("DESCRIPTION:How was the grinder?\\n\\nRepeats every 30 days from completion"));
        assert!(unfolded.contains("X-SALESCOACH-REPEAT:every 30 days from completion\r\n"));
    }

    #[test]
    fn every_line_ends_in_crlf_and_fits() {
        let mut it = item();
        it.summary = "Stay in touch: Žluťoučký kůň, Zoë & 日本の友達 🎉".repeat(3);
        it.description = "line one\nline two; with, punctuation\\".repeat(5);
        let text = calendar(&[it], Component::Todo, d("2026-11-27"));
        assert!(text.ends_with("\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'));
        assert!(!text.replace("\r\n", "").contains('\r'));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
    }
}
