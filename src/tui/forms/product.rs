//! `P` / `e` on the Knowledge tab: a product or service.

use super::{Saved, Subject, short, status_of, text_status};
use crate::domain::knowledge::{NewProduct, Product};
use crate::domain::money::Currency;
use crate::store::Store;
use crate::tui::context::Ctx;
use crate::tui::widgets::form::{Field, Form, Purpose};
use anyhow::Result;

pub fn product_form(existing: Option<&Product>, currency: &Currency) -> Form {
    let (title, purpose) = match existing {
        Some(p) => (format!("Edit {}", p.name), Purpose::EditProduct(p.id)),
        None => ("Add a product or service".to_string(), Purpose::AddProduct),
    };
    let price = existing.map(|p| currency.separators.plain(p.price_minor.unsigned_abs())).unwrap_or_default();
    let fields = vec![
        Field::text("Name", existing.map_or("", |p| &p.name)),
        Field::text("Category", existing.map_or("", |p| &p.category)),
        Field::text("Price", &price),
        Field::text("Description", existing.map_or("", |p| &p.description)),
    ];
    if existing.is_some() { Form::edit(title, purpose, fields) } else { Form::new(title, purpose, fields) }
}

pub fn validate(form: &mut Form, ctx: &Ctx) {
    form.set_status("Name", text_status(form.value("Name"), true));
    form.set_status("Category", text_status(form.value("Category"), false));
    form.set_status(
        "Price",
        status_of(
            form.value("Price"),
            false,
            |v| ctx.config.currency.amount(v, "price").map_err(|e| e.message),
            |m| ctx.config.currency.format(m),
        ),
    );
    form.set_status("Description", text_status(form.value("Description"), false));
}

pub fn submit(form: &Form, store: &mut Store, ctx: &Ctx) -> Result<Saved> {
    let product = NewProduct {
        name: form.value("Name").into(),
        category: form.value("Category").into(),
        price_minor: match form.value("Price") {
            "" => 0,
            v => ctx.config.currency.amount(v, "price")?,
        },
        description: form.value("Description").into(),
    };
    match form.purpose {
        Purpose::EditProduct(id) => {
            store.update_product(id, &product).map_err(|e| anyhow::anyhow!(short(&e)))?;
            Ok(Saved::about(Subject::Product(id), format!("Saved {}", product.name)))
        }
        _ => {
            let id = store.add_product(&product).map_err(|e| anyhow::anyhow!(short(&e)))?;
            Ok(Saved::about(Subject::Product(id), format!("Added product #{id}: {}", product.name)))
        }
    }
}
