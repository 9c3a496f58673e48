//! `a` / `e` on the Customers tab.

use super::{Saved, Subject, status_of, text_status};
use crate::domain::customer::{Customer, NewCustomer};
use crate::store::Store;
use crate::tui::context::Ctx;
use crate::tui::widgets::form::{Field, Form, Purpose, Status};
use anyhow::Result;

const TEXT_FIELDS: [&str; 9] = ["Name", "Company", "Email", "Phone", "Segment", "Industry", "Region", "Tags", "Notes"];

pub fn customer_form(existing: Option<&Customer>) -> Form {
    let blank = NewCustomer::default();
    let c = existing.map(Customer::to_new).unwrap_or(blank);
    let days = |d: Option<u32>| d.map(|d| d.to_string()).unwrap_or_default();
    let (title, purpose) = match existing {
        Some(customer) => (format!("Edit {}", customer.name), Purpose::EditCustomer(customer.id)),
        None => ("Add a customer".to_string(), Purpose::AddCustomer),
    };
    let fields = vec![
        Field::text("Name", &c.name),
        Field::text("Company", &c.company),
        Field::text("Email", &c.email),
        Field::text("Phone", &c.phone),
        Field::text("Segment", &c.segment),
        Field::text("Industry", &c.industry),
        Field::text("Region", &c.region),
        Field::text("Tags", &c.tags),
        Field::text("Notes", &c.notes),
        Field::text("Ideal gap", &days(c.cadence_ideal_days)),
        Field::text("Max gap", &days(c.cadence_max_days)),
    ];
    if existing.is_some() { Form::edit(title, purpose, fields) } else { Form::new(title, purpose, fields) }
}

fn days(value: &str) -> Result<Option<u32>, String> {
    match value {
        "" => Ok(None),
        v => match v.parse::<u32>() {
            Ok(n @ 1..=3650) => Ok(Some(n)),
            _ => Err("days from 1 to 3650, or empty for the segment default".into()),
        },
    }
}

fn build(form: &Form, ctx: &Ctx) -> Result<NewCustomer, String> {
    Ok(NewCustomer {
        name: form.value("Name").into(),
        company: form.value("Company").into(),
        email: form.value("Email").into(),
        phone: form.value("Phone").into(),
        segment: form.value("Segment").into(),
        industry: form.value("Industry").into(),
        region: form.value("Region").into(),
        tags: form.value("Tags").into(),
        notes: form.value("Notes").into(),
        cadence_ideal_days: days(form.value("Ideal gap"))?,
        cadence_max_days: days(form.value("Max gap"))?,
        created_on: ctx.today,
    })
}

pub fn validate(form: &mut Form, store: &Store, ctx: &Ctx) {
    for label in TEXT_FIELDS {
        form.set_status(label, text_status(form.value(label), label == "Name"));
    }
    // Two customers may share a name (two John Smiths), so a namesake is a note, not an error.
    let this = match form.purpose {
        Purpose::EditCustomer(id) => Some(id),
        _ => None,
    };
    if let Ok(namesakes) = store.namesakes(form.value("Name"), this)
        && let Some(first) = namesakes.first()
    {
        form.set_status("Name", Status::Valid(format!("same name as {first}")));
    }
    form.set_status(
        "Ideal gap",
        status_of(form.value("Ideal gap"), false, days, |d| d.map_or(String::new(), |d| format!("{d} days"))),
    );
    form.set_status(
        "Max gap",
        status_of(form.value("Max gap"), false, days, |d| d.map_or(String::new(), |d| format!("{d} days"))),
    );
    // The domain's own rules (email shape, max >= ideal) name the field that is wrong.
    if let Ok(customer) = build(form, ctx) {
        if let Err(err) = customer.validate() {
            let label = match err.field {
                "cadence ideal" => "Ideal gap",
                "cadence max" => "Max gap",
                "company" => "Company",
                "email" => "Email",
                "phone" => "Phone",
                "segment" => "Segment",
                "industry" => "Industry",
                "region" => "Region",
                "tags" => "Tags",
                "notes" => "Notes",
                _ => "Name",
            };
            form.set_status(label, Status::Invalid(err.message));
        }
    }
}

pub fn submit(form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Saved> {
    let mut customer = build(form, ctx).map_err(anyhow::Error::msg)?;
    match form.purpose {
        Purpose::EditCustomer(id) => {
            let existing = store.customer(id)?;
            customer.created_on = existing.created_on;
            store.update_customer(id, &customer)?;
            Ok(Saved::about(Subject::Customer(id), format!("Saved {}", customer.name)))
        }
        _ => {
            let id = store.add_customer(&customer)?;
            Ok(Saved::about(Subject::Customer(id), format!("Added customer #{id}: {}", customer.name)))
        }
    }
}
