//! CSV import: one row of cells to the record it describes, with every problem in the row
//! listed against its column. Money and dates go through the CLI's own parsers; customers,
//! products and techniques stay references (a name or `#id`) for the store to resolve.

use super::FieldError;
use super::customer::NewCustomer;
use super::date_input::{not_in_future, parse_date, parse_in_format, parse_past_date};
use super::followup::{FollowupStatus, NewFollowup};
use super::import::{Columns, Field, ImportKind, shown};
use super::import_text::unescape_formula;
use super::knowledge::NewProduct;
use super::money::{MoneyError, Separators};
use super::sale::{NewInteraction, NewSale};
use Field::*;
use chrono::NaiveDate;

#[path = "import_log_rows.rs"]
mod log_rows;

/// A customer, product or technique as the file names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ref {
    /// From an `…_id` column: always an id.
    Id(i64),
    /// A name, or `#id`, resolved as the CLI resolves `--customer`.
    Text(String),
}

/// A problem in one cell (or the row, when `column` is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    pub column: Option<usize>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerLine {
    pub id: Option<i64>,
    pub customer: NewCustomer,
    pub archived: bool,
    pub last_contact_on: Option<NaiveDate>,
    /// Fields with a value in this row: what `--merge` overwrites.
    pub given: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductLine {
    pub id: Option<i64>,
    pub product: NewProduct,
    pub archived: bool,
    pub given: Vec<Field>,
}

/// A sale whose `customer_id`, `product_id` and `technique_id` are filled in by the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleLine {
    pub id: Option<i64>,
    pub customer: Ref,
    pub product: Option<Ref>,
    pub technique: Option<Ref>,
    pub sale: NewSale,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InteractionLine {
    pub id: Option<i64>,
    pub customer: Ref,
    pub product: Option<Ref>,
    pub technique: Option<Ref>,
    pub interaction: NewInteraction,
    /// The deal it was about, by id (deals are not a CSV kind: it must exist already).
    pub deal_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowupLine {
    pub id: Option<i64>,
    pub customer: Ref,
    pub followup: NewFollowup,
    pub status: FollowupStatus,
    pub completed_on: Option<NaiveDate>,
    pub previous_id: Option<i64>,
    pub deal_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Customer(CustomerLine),
    Product(ProductLine),
    Sale(SaleLine),
    Interaction(InteractionLine),
    Followup(FollowupLine),
}

/// Whether every cell of a row is empty (spreadsheets leave such rows at the end).
pub fn is_blank(cells: &[&str]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

/// How the seller writes amounts and dates: cells are read as the CLI reads typed input,
/// and also in the configured date format, as a spreadsheet in their country writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conventions<'a> {
    pub today: NaiveDate,
    pub separators: Separators,
    pub date_format: &'a str,
}

/// Reads one row. `cells` has one entry per column.
pub fn parse_line(columns: &Columns, cells: &[&str], conventions: Conventions<'_>) -> Result<Line, Vec<CellError>> {
    if cells.len() != columns.len() {
        return Err(vec![CellError {
            column: None,
            message: format!(
                "has {} but the header names {}; quote cells that hold the delimiter or a line break",
                super::text::counted(cells.len() as i64, "cell", "cells"),
                super::text::counted(columns.len() as i64, "column", "columns")
            ),
        }]);
    }
    let mut row = RowReader { columns, cells, today: conventions.today, conventions, errors: Vec::new() };
    let line = match columns.kind {
        ImportKind::Customers => Line::Customer(row.customer()),
        ImportKind::Products => Line::Product(row.product()),
        ImportKind::Sales => Line::Sale(row.sale()),
        ImportKind::Interactions => Line::Interaction(row.interaction()),
        ImportKind::Followups => Line::Followup(row.followup()),
    };
    if row.errors.is_empty() { Ok(line) } else { Err(row.errors) }
}

struct RowReader<'a> {
    columns: &'a Columns,
    cells: &'a [&'a str],
    today: NaiveDate,
    conventions: Conventions<'a>,
    errors: Vec<CellError>,
}

impl<'a> RowReader<'a> {
    /// The cell as typed (a formula's export escape undone), `None` without the column.
    fn raw(&self, field: Field) -> Option<&'a str> {
        self.columns.column_of(field).and_then(|c| self.cells.get(c)).map(|c| unescape_formula(c))
    }

    fn text(&self, field: Field) -> String {
        self.raw(field).map(str::trim).unwrap_or_default().to_string()
    }

    fn given(&self, field: Field) -> Option<&'a str> {
        self.raw(field).map(str::trim).filter(|t| !t.is_empty())
    }

    fn fail(&mut self, field: Field, message: impl Into<String>) {
        let column = self.columns.column_of(field);
        if column.is_none() || !self.errors.iter().any(|e| e.column == column) {
            self.errors.push(CellError { column, message: message.into() });
        }
    }

    /// A domain rule's refusal, put on the column its field came from.
    fn refuse(&mut self, err: FieldError) {
        let field = columns_for(err.field).iter().copied().find(|f| self.columns.has(*f)).unwrap_or(Ignore);
        self.fail(field, err.message);
    }

    fn date(&mut self, field: Field, past: bool) -> Option<NaiveDate> {
        let text = self.given(field)?;
        // As in the CLI: a weekday in a date of something that happened is the latest one.
        let parsed = if past { parse_past_date(text, self.today) } else { parse_date(text, self.today) };
        let parsed = parsed.or_else(|e| parse_in_format(text, self.conventions.date_format, self.today).ok_or(e));
        match parsed {
            Ok(date) if past => match not_in_future(date, self.today, "date") {
                Ok(date) => Some(date),
                Err(e) => {
                    self.fail(field, e.message);
                    None
                }
            },
            Ok(date) => Some(date),
            Err(mut e) => {
                e.0 = shown(&e.0);
                self.fail(field, e.to_string());
                None
            }
        }
    }

    fn required_date(&mut self, field: Field, past: bool, what: &str) -> NaiveDate {
        if self.given(field).is_none() {
            self.fail(field, format!("is empty; give {what} (YYYY-MM-DD)"));
        }
        self.date(field, past).unwrap_or(self.today)
    }

    fn number(&mut self, field: Field, min: i64, max: i64) -> Option<i64> {
        let text = self.given(field)?;
        match text.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => Some(n),
            _ => {
                self.fail(field, format!("'{}' is not a whole number from {min} to {max}", shown(text)));
                None
            }
        }
    }

    fn id(&mut self, field: Field) -> Option<i64> {
        let text = self.given(field)?;
        match text.strip_prefix('#').unwrap_or(text).parse::<i64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                self.fail(field, format!("'{}' is not an id (a whole number such as 12 or #12)", shown(text)));
                None
            }
        }
    }

    fn reference(&mut self, by_name: Field, by_id: Field) -> Option<Ref> {
        if self.columns.has(by_id) {
            return self.id(by_id).map(Ref::Id);
        }
        let text = self.given(by_name)?;
        if text.chars().count() > 200 {
            self.fail(by_name, format!("is {} characters; a name is at most 200", text.chars().count()));
            return None;
        }
        Some(Ref::Text(text.to_string()))
    }

    fn customer_ref(&mut self) -> Ref {
        let found = self.reference(Customer, CustomerId);
        if found.is_none()
            && !self
                .errors
                .iter()
                .any(|e| e.column == self.columns.column_of(Customer).or(self.columns.column_of(CustomerId)))
        {
            let field = if self.columns.has(CustomerId) { CustomerId } else { Customer };
            self.fail(field, "is empty; give the customer's name or #id");
        }
        found.unwrap_or(Ref::Id(0))
    }

    fn choice<T>(&mut self, field: Field, parse: fn(&str) -> Result<T, String>, default: T) -> T {
        let Some(text) = self.given(field) else {
            return default;
        };
        match parse(text) {
            Ok(value) => value,
            Err(_) => {
                let accepted = match field {
                    Kind if self.columns.kind == ImportKind::Sales => "sale, refund",
                    Kind if self.columns.kind == ImportKind::Interactions => {
                        "call, email, meeting, demo, visit, message"
                    }
                    Kind => "checkin, quote, complaint, stay_in_touch, reorder, other",
                    Outcome => "won, lost, pending, none",
                    Status => "open, done, cancelled",
                    RecurUnit => "day, week, month",
                    RecurFrom => "due, completion",
                    _ => "",
                };
                self.fail(field, format!("'{}' is not one of: {accepted}", shown(text)));
                default
            }
        }
    }

    fn flag(&mut self, field: Field) -> bool {
        let Some(text) = self.given(field) else {
            return false;
        };
        match text.to_ascii_lowercase().as_str() {
            "1" | "yes" | "y" | "true" | "x" => true,
            "0" | "no" | "n" | "false" => false,
            _ => {
                self.fail(field, format!("'{}' is not yes or no (1/0, yes/no, true/false)", shown(text)));
                false
            }
        }
    }

    /// An amount: `money` through the CLI's parser, or `minor` as whole minor units.
    fn money(&mut self, money: Field, minor: Field, required: bool) -> i64 {
        if self.columns.has(minor) {
            return self.number(minor, 0, super::money::MAX_MINOR).unwrap_or(0);
        }
        let Some(text) = self.given(money) else {
            if required {
                self.fail(money, "is empty; give an amount such as 1234.50");
            }
            return 0;
        };
        match self.conventions.separators.parse_money(text) {
            Ok(minor) => minor,
            Err(MoneyError::NotANumber(_)) => {
                self.fail(money, MoneyError::NotANumber(shown(text)).describe(self.conventions.separators));
                0
            }
            Err(e) => {
                self.fail(money, e.describe(self.conventions.separators));
                0
            }
        }
    }

    fn given_fields(&self, fields: &[Field]) -> Vec<Field> {
        fields.iter().copied().filter(|f| self.given(*f).is_some()).collect()
    }

    fn customer(&mut self) -> CustomerLine {
        let name = match self.given(Name) {
            Some(name) => name.to_string(),
            None => [self.text(FirstName), self.text(LastName)]
                .iter()
                .filter(|s| !s.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" "),
        };
        let ideal = self.number(CadenceIdeal, 1, 36_500).map(|n| n as u32);
        let max = self.number(CadenceMax, 1, 36_500).map(|n| n as u32);
        let customer = NewCustomer {
            name,
            company: self.text(Company),
            email: self.text(Email),
            phone: self.text(Phone),
            segment: self.text(Segment),
            industry: self.text(Industry),
            region: self.text(Region),
            tags: self.text(Tags),
            notes: self.text(Notes),
            cadence_ideal_days: ideal,
            cadence_max_days: max,
            created_on: self.date(CreatedOn, true).unwrap_or(self.today),
        };
        // Each field alone by the domain's own rule, so one row lists all its problems.
        for field in [Name, Company, Email, Phone, Segment, Industry, Region, Tags, Notes] {
            if let Err(err) = customer_probe(&customer, field).validate() {
                self.refuse(err);
            }
        }
        if let Err(err) = customer.validate() {
            self.refuse(err);
        }
        let mut given = self.given_fields(&[
            Company,
            Email,
            Phone,
            Segment,
            Industry,
            Region,
            Tags,
            Notes,
            CadenceIdeal,
            CadenceMax,
            CreatedOn,
            Archived,
        ]);
        if !customer.name.is_empty() {
            given.push(Name);
        }
        CustomerLine {
            id: self.id(Id),
            archived: self.flag(Archived),
            last_contact_on: self.date(LastContactOn, true),
            customer,
            given,
        }
    }

    fn product(&mut self) -> ProductLine {
        let product = NewProduct {
            name: self.text(Name),
            category: self.text(Category),
            price_minor: self.money(Price, PriceMinor, false),
            description: self.text(Description),
        };
        for probe in [
            NewProduct { name: product.name.clone(), ..Default::default() },
            NewProduct { name: "x".into(), category: product.category.clone(), ..Default::default() },
            NewProduct { name: "x".into(), description: product.description.clone(), ..Default::default() },
        ] {
            if let Err(err) = probe.validate() {
                self.refuse(err);
            }
        }
        let given = self.given_fields(&[Name, Category, Price, PriceMinor, Description, Archived]);
        ProductLine { id: self.id(Id), archived: self.flag(Archived), product, given }
    }
}

/// A customer with only `field` (and a placeholder name) set, to check that field alone.
fn customer_probe(c: &NewCustomer, field: Field) -> NewCustomer {
    let mut probe = NewCustomer { name: "x".into(), created_on: c.created_on, ..Default::default() };
    let value = |s: &String| s.clone();
    match field {
        Name => probe.name = value(&c.name),
        Company => probe.company = value(&c.company),
        Email => probe.email = value(&c.email),
        Phone => probe.phone = value(&c.phone),
        Segment => probe.segment = value(&c.segment),
        Industry => probe.industry = value(&c.industry),
        Region => probe.region = value(&c.region),
        Tags => probe.tags = value(&c.tags),
        Notes => probe.notes = value(&c.notes),
        _ => {}
    }
    probe
}

/// The columns a domain rule's field name can have come from.
fn columns_for(field: &str) -> &'static [Field] {
    match field {
        "name" => &[Name, FirstName, LastName],
        "company" => &[Company],
        "email" => &[Email],
        "phone" => &[Phone],
        "segment" => &[Segment],
        "industry" => &[Industry],
        "region" => &[Region],
        "tags" => &[Tags],
        "notes" => &[Notes],
        "cadence ideal" => &[CadenceIdeal],
        "cadence max" => &[CadenceMax],
        "category" => &[Category],
        "price" => &[Price, PriceMinor],
        "description" => &[Description],
        "quantity" => &[Quantity],
        "amount" => &[Amount, AmountMinor],
        "refund of" => &[RefundOf, Kind],
        "note" => &[Note],
        "lost reason" => &[LostReason],
        "response" => &[Response],
        "objection" => &[Objections],
        "reason" => &[Reason],
        "recurrence" => &[RecurEvery],
        _ => &[],
    }
}
