//! `a` on the Motivation tab: a quote, tip or resource of the seller's own.

use super::{Saved, Subject, labels, status_of, text_status};
use crate::domain::FieldError;
use crate::domain::motivation::{ItemKind, ResourceKind};
use crate::store::{NewItem, Store};
use crate::tui::widgets::form::{Field, Form, Purpose, Status};
use anyhow::Result;

pub fn item_form() -> Form {
    Form::new(
        "Add to your motivation",
        Purpose::AddItem,
        vec![
            Field::choice("Kind", labels(ItemKind::ALL, ItemKind::label), ItemKind::Tip.label()),
            Field::text("Text", ""),
            Field::text("Author", ""),
            Field::choice("Resource", labels(ResourceKind::ALL, ResourceKind::label), ResourceKind::Book.label()),
            Field::text("Why", ""),
        ],
    )
}

pub fn edit_item_form(item: &crate::domain::motivation::Item) -> Form {
    Form::edit(
        format!("Edit #{}", item.id),
        Purpose::EditItem(item.id),
        vec![Field::text("Text", &item.body), Field::text("Author", &item.author), Field::text("Why", &item.why)],
    )
}

pub fn validate(form: &mut Form) {
    if matches!(form.purpose, Purpose::EditItem(_)) {
        form.set_status("Text", text_status(form.value("Text"), true));
        return;
    }
    let kind = ItemKind::parse(form.value("Kind"));
    form.set_status("Kind", status_of(form.value("Kind"), true, ItemKind::parse, |k| k.label().into()));
    form.set_status("Text", text_status(form.value("Text"), true));
    let is_resource = kind == Ok(ItemKind::Resource);
    let author = match (kind == Ok(ItemKind::Quote), form.value("Author")) {
        (true, value) => text_status(value, false),
        (false, "") => Status::Empty,
        (false, _) => Status::Invalid("only quotes have an author".into()),
    };
    form.set_status("Author", author);
    form.set_status(
        "Resource",
        if is_resource {
            status_of(form.value("Resource"), true, ResourceKind::parse, |k| k.label().into())
        } else {
            Status::Empty
        },
    );
    form.set_status("Why", Status::Empty);
}

pub fn submit(form: &Form, store: &mut Store) -> Result<Saved> {
    if let Purpose::EditItem(id) = form.purpose {
        store.edit_item(id, form.value("Text"), form.value("Author"), form.value("Why"))?;
        return Ok(Saved::about(Subject::Item(id), format!("Saved #{id}")));
    }
    let kind = ItemKind::parse(form.value("Kind")).map_err(|e| FieldError::new("kind", e))?;
    let resource_kind = (kind == ItemKind::Resource)
        .then(|| ResourceKind::parse(form.value("Resource")).map_err(|e| FieldError::new("resource", e)))
        .transpose()?;
    let id = store.add_item(&NewItem {
        kind,
        resource_kind,
        body: form.value("Text").into(),
        author: if kind == ItemKind::Quote { form.value("Author").into() } else { String::new() },
        why: form.value("Why").into(),
    })?;
    Ok(Saved::about(Subject::Item(id), format!("Added #{id}; f makes it a favourite")))
}
