use super::*;
use crate::domain::import_rows::{Conventions, Line, Ref, parse_line};
use crate::domain::money::Separators;
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn headers(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

#[test]
fn headers_match_without_case_spaces_or_punctuation_and_by_synonym() {
    let h = headers(&["Full Name", "E-mail", "Company name", "Phone number", "TAGS", "customer_since"]);
    let cols = Columns::map(ImportKind::Customers, &h, &[]).unwrap();
    let fields: Vec<&str> = cols.mapping().iter().map(|(_, f)| *f).collect();
    assert_eq!(fields, ["name", "email", "company", "phone", "tags", "created_on"]);
    for (header, field) in [
        ("e_mail", Field::Email),
        ("Email Address", Field::Email),
        ("first-name", Field::FirstName),
        ("Surname", Field::LastName),
        ("Příjmení", Field::LastName),
        ("Telefonnummer", Field::Phone),
        ("会社名", Field::Company),
        ("cadence_ideal_days", Field::CadenceIdeal),
    ] {
        assert_eq!(ImportKind::Customers.field_for(header), Some(field), "{header}");
    }
    assert_eq!(ImportKind::Sales.field_for("Sale date"), Some(Field::SoldOn));
    assert_eq!(ImportKind::Interactions.field_for("date"), Some(Field::HappenedOn));
    assert_eq!(ImportKind::Followups.field_for("Due date"), Some(Field::DueOn));
    assert_eq!(ImportKind::Products.field_for("Unit price"), Some(Field::Price));
}

#[test]
fn every_header_problem_is_listed() {
    let h = headers(&["Name", "Emial", "Email", "E-mail", ""]);
    let errors = Columns::map(ImportKind::Customers, &h, &[]).unwrap_err();
    let text: Vec<String> = errors.iter().map(|e| format!("{:?}: {}", e.column, e.message)).collect();
    assert_eq!(errors.len(), 3, "{text:?}");
    assert!(text.iter().any(|t| t.starts_with("Some(1): is not a customer field; accepted: id, name")), "{text:?}");
    assert!(text.iter().any(|t| t.starts_with("Some(3): means email like column 3 (Email)")), "{text:?}");
    assert!(text.iter().any(|t| t.starts_with("Some(4): has no name")), "{text:?}");
    let junk: Vec<String> = (0..100_000).map(|i| format!("junk{i}")).collect();
    let errors = Columns::map(ImportKind::Customers, &junk, &[]).unwrap_err();
    assert_eq!(errors.len(), 1, "the missing name waits until the unknown columns are settled: {errors:?}");
    assert!(
        errors[0]
            .message
            .starts_with("columns 'junk0', 'junk1', 'junk2', 'junk3', 'junk4', … (100000 in all, from column 1)"),
        "{errors:?}"
    );
    let missing = Columns::map(ImportKind::Customers, &headers(&["Email"]), &[]).unwrap_err();
    assert!(missing[0].message.starts_with("no column for a name"), "{missing:?}");
    let both =
        Columns::map(ImportKind::Sales, &headers(&["customer", "customer_id", "amount", "date"]), &[]).unwrap_err();
    assert!(both[0].message.contains("customer and customer_id both given"), "{both:?}");
}

#[test]
fn map_settles_unknown_columns() {
    let h = headers(&["Name", "Mobil", "Created by"]);
    let maps = ["Mobil=phone".to_string(), "created by=ignore".to_string()];
    let cols = Columns::map(ImportKind::Customers, &h, &maps).unwrap();
    assert_eq!(cols.column_of(Field::Phone), Some(1));
    assert_eq!(cols.mapping()[2].1, "ignore");
    let bad = Columns::map(ImportKind::Customers, &h, &["Nope=phone".into(), "Mobil=shoe size".into(), "Mobil".into()]);
    let errors = bad.unwrap_err();
    assert!(errors[0].message.contains("there is no column 'Nope'"), "{errors:?}");
    assert!(errors[1].message.contains("'shoe size' is not a customer field"), "{errors:?}");
    assert!(errors[2].message.contains("write COLUMN=FIELD"), "{errors:?}");
}

fn line(kind: ImportKind, h: &[&str], cells: &[&str]) -> Result<Line, Vec<String>> {
    line_as(kind, h, cells, Conventions { today: today(), separators: Separators::default(), date_format: "%Y-%m-%d" })
}

fn line_as(kind: ImportKind, h: &[&str], cells: &[&str], conventions: Conventions<'_>) -> Result<Line, Vec<String>> {
    let cols = Columns::map(kind, &headers(h), &[]).unwrap();
    parse_line(&cols, cells, conventions).map_err(|errors| {
        errors
            .iter()
            .map(|e| format!("{}: {}", e.column.map_or("row".into(), |c| cols.describe(c)), e.message))
            .collect()
    })
}

#[test]
fn a_german_sheet_reads_with_a_decimal_comma_and_its_own_dates() {
    let german = Conventions {
        today: today(),
        separators: Separators { decimal: ',', thousands: Some('.') },
        date_format: "%d.%m.%Y",
    };
    let h = ["Customer", "Amount", "Date"];
    let Ok(Line::Sale(s)) = line_as(ImportKind::Sales, &h, &["#1", "1.234,50", "04.03.2026"], german) else {
        panic!("a German row reads")
    };
    assert_eq!((s.sale.amount_minor, s.sale.sold_on), (123_450, d("2026-03-04")));
    // What the CSV export writes still reads: ISO dates and a plain decimal point.
    let Ok(Line::Sale(s)) = line_as(ImportKind::Sales, &h, &["#1", "4890.00", "2026-03-04"], german) else {
        panic!("an export's row reads")
    };
    assert_eq!((s.sale.amount_minor, s.sale.sold_on), (489_000, d("2026-03-04")));
    let errors = line_as(ImportKind::Sales, &h, &["#1", "12,345", "31.02.2026"], german).unwrap_err();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].contains("more than two decimals; use digits with an optional , and two decimals, e.g. 1234,50"),
        "{errors:?}"
    );
    assert!(errors[1].contains("'31.02.2026' is not a date"), "{errors:?}");
}

#[test]
fn first_and_last_names_are_joined_and_formulas_kept_as_text() {
    let Ok(Line::Customer(c)) = line(
        ImportKind::Customers,
        &["First name", "Last name", "Notes", "Phone"],
        &["Jiří", "Dvořák", "=1+1", "'+420 777"],
    ) else {
        panic!()
    };
    assert_eq!(c.customer.name, "Jiří Dvořák");
    assert_eq!(c.customer.notes, "=1+1");
    assert_eq!(c.customer.phone, "+420 777");
    assert_eq!(c.customer.created_on, today());
    assert_eq!(c.given, [Field::Phone, Field::Notes, Field::Name]);
}

#[test]
fn a_row_lists_all_of_its_problems() {
    let errors = line(
        ImportKind::Customers,
        &["Name", "Email", "Created", "ideal days", "max days", "archived"],
        &["", "bob@", "32/01/2026", "0", "x", "maybe"],
    )
    .unwrap_err();
    assert_eq!(errors.len(), 6, "{errors:#?}");
    assert!(errors.iter().any(|e| e == "Name: is required"), "{errors:#?}");
    assert!(
        errors.iter().any(|e| e.starts_with("Email: 'bob@' is not an address like name@example.com")),
        "{errors:#?}"
    );
    assert!(errors.iter().any(|e| e.starts_with("Created: '32/01/2026' is not a date; use YYYY-MM-DD")), "{errors:#?}");
    assert!(
        errors.iter().any(|e| e.starts_with("ideal days: '0' is not a whole number from 1 to 36500")),
        "{errors:#?}"
    );
    assert!(errors.iter().any(|e| e.starts_with("archived: 'maybe' is not yes or no")), "{errors:#?}");
}

#[test]
fn sales_use_the_cli_parsers() {
    let h = ["Customer", "Product", "Total", "Date", "Qty"];
    let Ok(Line::Sale(s)) = line(ImportKind::Sales, &h, &["#12", "Beans", "$1,234.50", "2026-11-02", "3"]) else {
        panic!()
    };
    assert_eq!(
        (s.customer, s.product, s.sale.amount_minor, s.sale.quantity),
        (Ref::Text("#12".into()), Some(Ref::Text("Beans".into())), 123_450, 3)
    );
    assert_eq!(s.sale.sold_on, NaiveDate::from_ymd_opt(2026, 11, 2).unwrap());
    let errors = line(ImportKind::Sales, &h, &["", "", "1.234", "2027-01-01", "-1"]).unwrap_err();
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert!(errors.contains(&"Customer: is empty; give the customer's name or #id".to_string()), "{errors:#?}");
    assert!(errors.iter().any(|e| e.starts_with("Total: has more than two decimals")), "{errors:#?}");
    assert!(errors.iter().any(|e| e.starts_with("Date: 2027-01-01 is in the future")), "{errors:#?}");
    let errors = line(ImportKind::Sales, &h, &["Ada", "", "=SUM(A1:A3)", "today", "1"]).unwrap_err();
    assert_eq!(
        errors,
        [
            "Total: '=SUM(A1:A3)' is not an amount; use digits with an optional . and two decimals, e.g. 1234.50 or 1,234.50"
        ]
    );
}

#[test]
fn the_wrong_number_of_cells_is_a_row_error() {
    let errors = line(ImportKind::Products, &["name", "price"], &["Beans", "12", "extra"]).unwrap_err();
    assert_eq!(
        errors,
        ["row: has 3 cells but the header names 2 columns; quote cells that hold the delimiter or a line break"]
    );
}

#[test]
fn followups_check_recurrence_time_and_status() {
    let h = ["customer_id", "due", "time", "every", "unit", "status", "completed"];
    let Ok(Line::Followup(f)) =
        line(ImportKind::Followups, &h, &["7", "2026-12-01", "9:30", "2", "weeks", "done", "2026-11-20"])
    else {
        panic!()
    };
    assert_eq!(f.customer, Ref::Id(7));
    assert_eq!(f.followup.recurrence.map(|r| (r.every, r.unit.as_str())), Some((2, "week")));
    assert_eq!(f.followup.due_time.map(|t| t.to_string()), Some("09:30:00".into()));
    let errors =
        line(ImportKind::Followups, &h, &["x", "soon", "9:5", "", "fortnight", "open", "2026-11-20"]).unwrap_err();
    assert_eq!(errors.len(), 5, "{errors:#?}");
    assert!(errors.iter().any(|e| e.starts_with("customer_id: 'x' is not an id")), "{errors:#?}");
    assert!(errors.iter().any(|e| e.starts_with("unit: 'fortnight' is not one of: day, week, month")), "{errors:#?}");
    assert!(errors.iter().any(|e| e.starts_with("completed: applies only when the status is done")), "{errors:#?}");
}

#[test]
fn long_cells_are_refused_without_being_echoed() {
    let long = "x".repeat(10 * 1024 * 1024);
    let errors = line(ImportKind::Sales, &["customer", "amount", "date"], &[&long, &long, &long]).unwrap_err();
    assert_eq!(errors.len(), 3);
    assert!(errors.iter().all(|e| e.len() < 200), "{:?}", errors.iter().map(|e| e.len()).collect::<Vec<_>>());
}
