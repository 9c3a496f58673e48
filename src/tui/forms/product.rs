//! `P` / `e` on the Knowledge tab: a product or service.

use super::{Saved, Subject, short, status_of, text_status};
use crate::domain::FieldError;
use crate::domain::knowledge::{NewProduct, Product};
use crate::domain::money::parse_money;
use crate::store::Store;
use crate::tui::context::Ctx;
use crate::tui::widgets::form::{Field, Form, Purpose};
use anyhow::Result;

pub fn product_form(existing: Option<&Product>) -> Form {
    let (title, purpose) = match existing {
        Some(p) => (format!("Edit {}", p.name), Purpose::EditProduct(p.id)),
        None => ("Add a product or service".to_string(), Purpose::AddProduct),
    };
    let price = existing.map(|p| crate::domain::money::format_plain(p.price_minor.unsigned_abs())).unwrap_or_default();
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
            |v| parse_money(v).map_err(|e| e.to_string()),
            |m| ctx.config.currency.format(m),
        ),
    );
    form.set_status("Description", text_status(form.value("Description"), false));
}

pub fn submit(form: &Form, store: &mut Store) -> Result<Saved> {
    let product = NewProduct {
        name: form.value("Name").into(),
        category: form.value("Category").into(),
        price_minor: match form.value("Price") {
            "" => 0,
            v => parse_money(v).map_err(|e| FieldError::new("price", e.to_string()))?,
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
