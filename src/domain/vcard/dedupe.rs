//! What an import does with each incoming customer. A customer is already there when the
//! email matches (case aside), or the name and the company match with accents and case
//! folded (`text::fold`). Then it is skipped, or with `merge` updated: the incoming
//! non-empty fields replace the stored ones, tags are joined, a new note is appended. An
//! update that changes nothing counts as a skip, so importing a file twice creates and
//! updates nothing the second time. A second card for the same person within the file is
//! skipped as a duplicate of the earlier one.

use crate::domain::customer::{Customer, NewCustomer};
use crate::domain::text::fold;
use std::collections::HashMap;

/// Which rule found the match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Matched {
    Email,
    NameAndCompany,
}

impl Matched {
    pub fn label(self) -> &'static str {
        match self {
            Self::Email => "same email",
            Self::NameAndCompany => "same name and company",
        }
    }
}

/// What the incoming customer matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Earlier {
    /// A stored customer, by id.
    Customer(i64),
    /// An earlier entry of the same file, by its line.
    Line(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Create(NewCustomer),
    Update { id: i64, customer: NewCustomer, matched: Matched },
    Skip { earlier: Earlier, matched: Matched },
}

/// One incoming customer (from the entry at `line`) and what to do with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub line: usize,
    pub name: String,
    pub action: Action,
}

fn email_key(c: &NewCustomer) -> Option<String> {
    let email = c.email.trim();
    (!email.is_empty()).then(|| email.to_lowercase())
}

fn name_key(c: &NewCustomer) -> (String, String) {
    (fold(c.name.trim()), fold(c.company.trim()))
}

#[derive(Default)]
struct Index {
    by_email: HashMap<String, Earlier>,
    by_name: HashMap<(String, String), Earlier>,
}

impl Index {
    fn add(&mut self, c: &NewCustomer, who: Earlier) {
        if let Some(email) = email_key(c) {
            self.by_email.entry(email).or_insert(who);
        }
        self.by_name.entry(name_key(c)).or_insert(who);
    }

    fn find(&self, c: &NewCustomer) -> Option<(Earlier, Matched)> {
        email_key(c)
            .and_then(|e| self.by_email.get(&e).map(|w| (*w, Matched::Email)))
            .or_else(|| self.by_name.get(&name_key(c)).map(|w| (*w, Matched::NameAndCompany)))
    }
}

/// `stored` with `incoming`'s non-empty fields over it.
fn merged(stored: &NewCustomer, incoming: &NewCustomer) -> NewCustomer {
    let over = |old: &String, new: &String| if new.trim().is_empty() { old.clone() } else { new.trim().to_string() };
    let mut tags: Vec<String> =
        stored.tags.split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
    for tag in incoming.tags.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|t| fold(t) == fold(tag)) {
            tags.push(tag.to_string());
        }
    }
    let notes = match (stored.notes.trim(), incoming.notes.trim()) {
        (_, "") => stored.notes.clone(),
        ("", new) => new.to_string(),
        (old, new) if old.contains(new) => stored.notes.clone(),
        (old, new) => format!("{old}\n{new}"),
    };
    NewCustomer {
        name: over(&stored.name, &incoming.name),
        company: over(&stored.company, &incoming.company),
        email: over(&stored.email, &incoming.email),
        phone: over(&stored.phone, &incoming.phone),
        segment: over(&stored.segment, &incoming.segment),
        industry: over(&stored.industry, &incoming.industry),
        region: over(&stored.region, &incoming.region),
        tags: tags.join(","),
        notes,
        cadence_ideal_days: incoming.cadence_ideal_days.or(stored.cadence_ideal_days),
        cadence_max_days: incoming.cadence_max_days.or(stored.cadence_max_days),
        created_on: stored.created_on,
    }
}

/// The plan for `incoming` (line, customer) against the `stored` customers.
pub fn plan(stored: &[Customer], incoming: &[(usize, NewCustomer)], merge: bool) -> Vec<Planned> {
    let mut index = Index::default();
    let mut current: HashMap<i64, NewCustomer> = HashMap::new();
    for c in stored {
        let new = c.to_new();
        index.add(&new, Earlier::Customer(c.id));
        current.insert(c.id, new);
    }
    let mut out = Vec::with_capacity(incoming.len());
    for (line, customer) in incoming {
        let action = match index.find(customer) {
            None => {
                index.add(customer, Earlier::Line(*line));
                Action::Create(customer.clone())
            }
            Some((Earlier::Customer(id), matched)) if merge => match current.get(&id) {
                Some(old) => {
                    let new = merged(old, customer);
                    if new == *old {
                        Action::Skip { earlier: Earlier::Customer(id), matched }
                    } else {
                        index.add(&new, Earlier::Customer(id));
                        current.insert(id, new.clone());
                        Action::Update { id, customer: new, matched }
                    }
                }
                None => Action::Skip { earlier: Earlier::Customer(id), matched },
            },
            Some((earlier, matched)) => Action::Skip { earlier, matched },
        };
        out.push(Planned { line: *line, name: customer.name.clone(), action });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    fn new(name: &str, company: &str, email: &str) -> NewCustomer {
        NewCustomer {
            name: name.into(),
            company: company.into(),
            email: email.into(),
            created_on: day(),
            ..Default::default()
        }
    }

    fn stored(id: i64, c: NewCustomer) -> Customer {
        Customer {
            id,
            name: c.name,
            company: c.company,
            email: c.email,
            phone: c.phone,
            segment: c.segment,
            industry: c.industry,
            region: c.region,
            tags: c.tags,
            notes: c.notes,
            cadence_ideal_days: None,
            cadence_max_days: None,
            created_on: day(),
            last_contact_on: day(),
            archived: false,
        }
    }

    fn kinds(plan: &[Planned]) -> Vec<String> {
        plan.iter()
            .map(|p| match &p.action {
                Action::Create(_) => "create".to_string(),
                Action::Update { id, matched, .. } => format!("update #{id} ({})", matched.label()),
                Action::Skip { earlier: Earlier::Customer(id), matched } => format!("skip #{id} ({})", matched.label()),
                Action::Skip { earlier: Earlier::Line(l), matched } => format!("skip line {l} ({})", matched.label()),
            })
            .collect()
    }

    #[test]
    fn the_duplicate_rules() {
        let db = [
            stored(1, new("Marta Ruiz", "Corner Grind", "marta@corner.example")),
            stored(2, new("Zoë Brandt", "Café Süd", "")),
        ];
        let incoming = [
            (1, new("M. Ruiz", "", "MARTA@corner.example")),
            (9, new("ZOE BRANDT", "cafe sud", "")),
            (17, new("Zoe Brandt", "Other Ltd", "")),
            (25, new("Aiko Tanaka", "", "aiko@example.jp")),
            (33, new("A. Tanaka", "", "aiko@example.jp")),
            (41, new("aiko tanaka", "", "")),
        ];
        assert_eq!(
            kinds(&plan(&db, &incoming, false)),
            [
                "skip #1 (same email)",
                "skip #2 (same name and company)",
                "create",
                "create",
                "skip line 25 (same email)",
                "skip line 25 (same name and company)"
            ]
        );
    }

    #[test]
    fn merge_fills_in_and_an_unchanged_merge_is_a_skip() {
        let mut old = new("Marta Ruiz", "Corner Grind", "marta@corner.example");
        old.tags = "wholesale".into();
        old.notes = "Likes oat milk".into();
        let db = [stored(1, old)];
        let mut incoming = new("Marta Ruiz", "", "marta@corner.example");
        incoming.phone = "+34 600 000 000".into();
        incoming.tags = "Wholesale,vip".into();
        incoming.notes = "Met at the fair".into();
        let planned = plan(&db, &[(1, incoming.clone())], true);
        let Action::Update { id: 1, customer, matched: Matched::Email } = &planned[0].action else {
            panic!("{planned:?}")
        };
        assert_eq!(customer.company, "Corner Grind", "an empty field keeps the stored value");
        assert_eq!(customer.phone, "+34 600 000 000");
        assert_eq!(customer.tags, "wholesale,vip");
        assert_eq!(customer.notes, "Likes oat milk\nMet at the fair");
        // The merged customer imported again changes nothing.
        let again = [stored(1, customer.clone())];
        assert_eq!(kinds(&plan(&again, &[(1, incoming)], true)), ["skip #1 (same email)"]);
    }
}
