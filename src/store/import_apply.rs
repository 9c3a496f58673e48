//! One parsed CSV row into the database: references resolved as the CLI resolves them,
//! duplicates found (see `import.rs` for the rules), then inserted or merged.

use super::import::{ImportReport, RowNote};
use super::lookup::{Named, resolve};
use crate::domain::customer::NewCustomer;
use crate::domain::import::{Field, ImportKind};
use crate::domain::import_rows::{CustomerLine, Line, Ref};
use crate::domain::text::fold;
use anyhow::Result;
use rusqlite::{Connection, params};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

#[path = "import_products.rs"]
mod products;

/// Why one row cannot be imported, at the field it came from.
pub(super) struct Refusal {
    pub field: Option<Field>,
    pub message: String,
}

pub(super) fn refuse<T>(field: Field, message: impl Into<String>) -> Result<std::result::Result<T, Refusal>> {
    Ok(Err(Refusal { field: Some(field), message: message.into() }))
}

/// A customer's identity for duplicate checks.
struct Known {
    name: String,
    company: String,
    email: String,
}

pub(super) struct Importer<'a> {
    pub(super) tx: &'a Connection,
    merge: bool,
    pub(super) report: ImportReport,
    customers: HashMap<i64, Known>,
    by_email: HashMap<String, i64>,
    by_name: HashMap<(String, String), i64>,
    products: HashMap<String, (i64, String)>,
    resolved: [HashMap<Ref, std::result::Result<i64, String>>; 3],
    /// Per natural key, how many stored rows this file has already matched.
    matched: HashMap<u64, i64>,
    /// The highest id before the import, per log table: rows above it are this file's.
    pub(super) max_before: i64,
}

fn email_key(email: &str) -> Option<String> {
    let email = email.trim().to_lowercase();
    (!email.is_empty()).then_some(email)
}

fn name_key(name: &str, company: &str) -> (String, String) {
    (fold(name.trim()), fold(company.trim()))
}

impl<'a> Importer<'a> {
    pub(super) fn new(tx: &'a Connection, kind: ImportKind, merge: bool) -> Result<Self> {
        let mut importer = Self {
            tx,
            merge,
            report: ImportReport::default(),
            customers: HashMap::new(),
            by_email: HashMap::new(),
            by_name: HashMap::new(),
            products: HashMap::new(),
            resolved: Default::default(),
            matched: HashMap::new(),
            max_before: 0,
        };
        match kind {
            ImportKind::Customers => {
                let mut stmt = tx.prepare("SELECT id, name, company, email FROM customers ORDER BY id")?;
                let rows = stmt.query_map([], |r| {
                    Ok((r.get(0)?, Known { name: r.get(1)?, company: r.get(2)?, email: r.get(3)? }))
                })?;
                for row in rows {
                    let (id, known) = row?;
                    importer.remember(id, known);
                }
            }
            ImportKind::Products => {
                let mut stmt = tx.prepare("SELECT id, name FROM products ORDER BY id")?;
                for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
                    let (id, name) = row?;
                    importer.products.entry(fold(name.trim())).or_insert((id, name));
                }
            }
            ImportKind::Sales | ImportKind::Interactions | ImportKind::Followups => {
                let table = super::import_log::table(kind);
                importer.max_before =
                    tx.query_row(&format!("SELECT coalesce(max(id), 0) FROM {table}"), [], |r| r.get(0))?;
            }
        }
        Ok(importer)
    }

    fn remember(&mut self, id: i64, known: Known) {
        if let Some(email) = email_key(&known.email) {
            self.by_email.entry(email).or_insert(id);
        }
        self.by_name.entry(name_key(&known.name, &known.company)).or_insert(id);
        self.customers.insert(id, known);
    }

    fn forget(&mut self, id: i64) {
        if let Some(known) = self.customers.remove(&id) {
            if let Some(email) = email_key(&known.email) {
                self.by_email.remove(&email);
            }
            self.by_name.remove(&name_key(&known.name, &known.company));
        }
    }

    pub(super) fn into_report(self) -> ImportReport {
        self.report
    }

    /// Applies one row; `Ok(Err(_))` is a problem with the row, `Err(_)` a failure of the
    /// database itself.
    pub(super) fn apply(&mut self, line: u64, parsed: Line) -> Result<std::result::Result<(), Refusal>> {
        match parsed {
            Line::Customer(c) => self.customer(line, c),
            Line::Product(p) => self.product(line, p),
            Line::Sale(s) => self.sale(line, s),
            Line::Interaction(i) => self.interaction(line, i),
            Line::Followup(f) => self.followup(line, f),
        }
    }

    pub(super) fn note(
        &mut self,
        line: u64,
        action: &'static str,
        id: Option<i64>,
        why: impl Into<std::borrow::Cow<'static, str>>,
    ) {
        match action {
            "updated" => self.report.updated += 1,
            _ => self.report.skipped += 1,
        }
        self.report.rows.push(RowNote { line, action, id, why: why.into() });
    }

    /// A customer, product or technique by name or id, as `--customer` finds it.
    pub(super) fn resolve(&mut self, what: Named, found: &Ref) -> Result<std::result::Result<i64, String>> {
        let slot = match what {
            Named::Customer => 0,
            Named::Product => 1,
            Named::Technique => 2,
        };
        if let Some(done) = self.resolved[slot].get(found) {
            return Ok(done.clone());
        }
        let text = match found {
            Ref::Id(id) => format!("#{id}"),
            Ref::Text(text) => text.clone(),
        };
        let outcome = match resolve(self.tx, what, &text) {
            Ok(id) => Ok(id),
            Err(err) => match err.downcast::<crate::domain::FieldError>() {
                Ok(field_error) => Err(field_error.message),
                Err(other) => return Err(other),
            },
        };
        self.resolved[slot].insert(found.clone(), outcome.clone());
        Ok(outcome)
    }

    /// Whether a row equal to `key` is already stored and not yet matched by this file;
    /// `stored` counts the equal rows that were there before the import.
    pub(super) fn matches_stored(&mut self, key: impl Hash, stored: i64) -> bool {
        if stored == 0 {
            return false;
        }
        let mut hasher = DefaultHasher::new();
        key.hash(&mut hasher);
        let used = self.matched.entry(hasher.finish()).or_insert(0);
        if *used < stored {
            *used += 1;
            true
        } else {
            false
        }
    }

    fn customer(&mut self, line: u64, c: CustomerLine) -> Result<std::result::Result<(), Refusal>> {
        let by_email = email_key(&c.customer.email).and_then(|e| self.by_email.get(&e).copied());
        let by_name = self.by_name.get(&name_key(&c.customer.name, &c.customer.company)).copied();
        let same = by_email.map(|id| (id, "same email as")).or(by_name.map(|id| (id, "same name and company as")));
        if let Some(id) = c.id.filter(|id| self.customers.contains_key(id)) {
            return match same {
                Some((found, why)) if found == id => self.customer_duplicate(line, id, why, &c),
                _ => {
                    let known = &self.customers[&id];
                    let company =
                        if known.company.is_empty() { String::new() } else { format!(" ({})", known.company) };
                    refuse(
                        Field::Id,
                        format!(
                            "#{id} is already {}{company}, not this customer; leave the id column out to add it as new (and name customers in other files by name)",
                            known.name
                        ),
                    )
                }
            };
        }
        if let Some((id, why)) = same {
            return self.customer_duplicate(line, id, why, &c);
        }
        let new = &c.customer;
        let last_contact = c.last_contact_on.filter(|d| *d > new.created_on).unwrap_or(new.created_on);
        self.tx
            .prepare_cached(
                "INSERT INTO customers (id, name, company, email, phone, segment, industry, region, tags, notes,
                                        cadence_ideal_days, cadence_max_days, created_on, last_contact_on, archived)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?
            .execute(params![
                c.id,
                new.name.trim(),
                new.company.trim(),
                new.email.trim(),
                new.phone.trim(),
                new.segment.trim(),
                new.industry.trim(),
                new.region.trim(),
                new.tags.trim(),
                new.notes,
                new.cadence_ideal_days,
                new.cadence_max_days,
                new.created_on,
                last_contact,
                c.archived
            ])?;
        let id = self.tx.last_insert_rowid();
        self.remember(
            id,
            Known { name: new.name.trim().into(), company: new.company.trim().into(), email: new.email.trim().into() },
        );
        self.report.created += 1;
        Ok(Ok(()))
    }

    fn customer_duplicate(
        &mut self,
        line: u64,
        id: i64,
        why: &str,
        c: &CustomerLine,
    ) -> Result<std::result::Result<(), Refusal>> {
        let (stored, archived) = self.stored_customer(id)?;
        let shown = format!("{why} #{id} {}", stored.name);
        if !self.merge {
            self.note(line, "skipped", Some(id), shown);
            return Ok(Ok(()));
        }
        let mut merged = stored.clone();
        let given = |f: Field| c.given.contains(&f);
        let take = |target: &mut String, f: Field, value: &String| {
            if given(f) {
                *target = value.clone();
            }
        };
        let new = &c.customer;
        take(&mut merged.name, Field::Name, &new.name);
        take(&mut merged.company, Field::Company, &new.company);
        take(&mut merged.email, Field::Email, &new.email);
        take(&mut merged.phone, Field::Phone, &new.phone);
        take(&mut merged.segment, Field::Segment, &new.segment);
        take(&mut merged.industry, Field::Industry, &new.industry);
        take(&mut merged.region, Field::Region, &new.region);
        take(&mut merged.tags, Field::Tags, &new.tags);
        take(&mut merged.notes, Field::Notes, &new.notes);
        if given(Field::CadenceIdeal) {
            merged.cadence_ideal_days = new.cadence_ideal_days;
        }
        if given(Field::CadenceMax) {
            merged.cadence_max_days = new.cadence_max_days;
        }
        if given(Field::CreatedOn) {
            merged.created_on = new.created_on;
        }
        let merged_archived = if given(Field::Archived) { c.archived } else { archived };
        if merged == stored && merged_archived == archived {
            self.note(line, "skipped", Some(id), format!("{shown}, nothing to change"));
            return Ok(Ok(()));
        }
        if let Err(err) = merged.validate() {
            return refuse(Field::Name, format!("merged into #{id}: {err}"));
        }
        self.tx
            .prepare_cached(
                "UPDATE customers SET name = ?2, company = ?3, email = ?4, phone = ?5, segment = ?6, industry = ?7,
                        region = ?8, tags = ?9, notes = ?10, cadence_ideal_days = ?11, cadence_max_days = ?12,
                        created_on = ?13, archived = ?14
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                merged.name.trim(),
                merged.company.trim(),
                merged.email.trim(),
                merged.phone.trim(),
                merged.segment.trim(),
                merged.industry.trim(),
                merged.region.trim(),
                merged.tags.trim(),
                merged.notes,
                merged.cadence_ideal_days,
                merged.cadence_max_days,
                merged.created_on,
                merged_archived
            ])?;
        self.forget(id);
        self.remember(
            id,
            Known {
                name: merged.name.trim().into(),
                company: merged.company.trim().into(),
                email: merged.email.trim().into(),
            },
        );
        self.note(line, "updated", Some(id), shown);
        Ok(Ok(()))
    }

    fn stored_customer(&self, id: i64) -> Result<(NewCustomer, bool)> {
        Ok(self.tx.query_row(
            "SELECT name, company, email, phone, segment, industry, region, tags, notes, cadence_ideal_days,
                    cadence_max_days, created_on, archived FROM customers WHERE id = ?1",
            params![id],
            |r| {
                Ok((
                    NewCustomer {
                        name: r.get(0)?,
                        company: r.get(1)?,
                        email: r.get(2)?,
                        phone: r.get(3)?,
                        segment: r.get(4)?,
                        industry: r.get(5)?,
                        region: r.get(6)?,
                        tags: r.get(7)?,
                        notes: r.get(8)?,
                        cadence_ideal_days: r.get(9)?,
                        cadence_max_days: r.get(10)?,
                        created_on: r.get(11)?,
                    },
                    r.get(12)?,
                ))
            },
        )?)
    }
}
