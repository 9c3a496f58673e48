//! Products from CSV: the same name (accents and case aside) is the same product.

use super::{Importer, Refusal, refuse};
use crate::domain::import::Field;
use crate::domain::import_rows::ProductLine;
use crate::domain::knowledge::NewProduct;
use crate::domain::text::fold;
use anyhow::Result;
use rusqlite::{OptionalExtension, params};

impl Importer<'_> {
    pub(super) fn product(&mut self, line: u64, p: ProductLine) -> Result<std::result::Result<(), Refusal>> {
        let key = fold(p.product.name.trim());
        let same = self.products.get(&key).map(|(id, _)| *id);
        if let Some(id) = p.id {
            let stored: Option<String> =
                self.tx.query_row("SELECT name FROM products WHERE id = ?1", params![id], |r| r.get(0)).optional()?;
            match (stored, same) {
                (Some(_), Some(found)) if found == id => return self.product_duplicate(line, id, &p),
                (Some(name), _) => {
                    return refuse(
                        Field::Id,
                        format!(
                            "#{id} is already the product '{name}'; leave the id column out to add this one as new"
                        ),
                    );
                }
                (None, _) => {}
            }
        }
        if let Some(id) = same {
            return self.product_duplicate(line, id, &p);
        }
        let new = &p.product;
        self.tx
            .prepare_cached("INSERT INTO products (id, name, category, price_minor, description, archived) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
            .execute(params![p.id, new.name.trim(), new.category.trim(), new.price_minor, new.description, p.archived])?;
        let id = self.tx.last_insert_rowid();
        self.products.insert(key, (id, new.name.trim().to_string()));
        self.report.created += 1;
        Ok(Ok(()))
    }

    fn product_duplicate(&mut self, line: u64, id: i64, p: &ProductLine) -> Result<std::result::Result<(), Refusal>> {
        let (stored, archived): (NewProduct, bool) = self.tx.query_row(
            "SELECT name, category, price_minor, description, archived FROM products WHERE id = ?1",
            params![id],
            |r| {
                Ok((
                    NewProduct { name: r.get(0)?, category: r.get(1)?, price_minor: r.get(2)?, description: r.get(3)? },
                    r.get(4)?,
                ))
            },
        )?;
        let shown = format!("same name as #{id} {}", stored.name);
        if !self.merge {
            self.note(line, "skipped", Some(id), shown);
            return Ok(Ok(()));
        }
        let given = |f: Field| p.given.contains(&f);
        let mut merged = stored.clone();
        if given(Field::Name) {
            merged.name = p.product.name.clone();
        }
        if given(Field::Category) {
            merged.category = p.product.category.clone();
        }
        if given(Field::Price) || given(Field::PriceMinor) {
            merged.price_minor = p.product.price_minor;
        }
        if given(Field::Description) {
            merged.description = p.product.description.clone();
        }
        let merged_archived = if given(Field::Archived) { p.archived } else { archived };
        if merged == stored && merged_archived == archived {
            self.note(line, "skipped", Some(id), format!("{shown}, nothing to change"));
            return Ok(Ok(()));
        }
        self.tx
            .prepare_cached("UPDATE products SET name = ?2, category = ?3, price_minor = ?4, description = ?5, archived = ?6 WHERE id = ?1")?
            .execute(params![id, merged.name.trim(), merged.category.trim(), merged.price_minor, merged.description, merged_archived])?;
        self.note(line, "updated", Some(id), shown);
        Ok(Ok(()))
    }
}
