//! Importing customers all or nothing: the stored customers are read and the plan made
//! (`domain::vcard::plan`) inside the one write transaction, so nothing changes between
//! deciding and writing, and any failure leaves the database as it was.

use super::Store;
use super::customers::customer_row;
use super::records::insert_customer;
use crate::domain::customer::{Customer, NewCustomer};
use crate::domain::undo::counts;
use crate::domain::vcard::{Action, Planned, plan};
use anyhow::Result;
use rusqlite::Connection;

fn all_customers(conn: &Connection) -> Result<Vec<Customer>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, company, email, phone, segment, industry, region, tags, notes,
                cadence_ideal_days, cadence_max_days, created_on, last_contact_on, archived
         FROM customers ORDER BY id",
    )?;
    let rows = stmt.query_map([], customer_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn update(conn: &Connection, id: i64, c: &NewCustomer) -> Result<()> {
    c.validate()?;
    super::customers::update_row(conn, id, c)
}

impl Store {
    /// Creates, updates (with `merge`) or skips each incoming customer by the duplicate
    /// rules, in one transaction. With `dry_run` it only plans: nothing is written and no
    /// write lock is taken.
    pub fn import_customers(
        &mut self,
        incoming: &[(usize, NewCustomer)],
        merge: bool,
        dry_run: bool,
    ) -> Result<Vec<Planned>> {
        if dry_run {
            return Ok(plan(&all_customers(self.conn())?, incoming, merge));
        }
        self.change(|tx| {
            let planned = plan(&all_customers(tx)?, incoming, merge);
            let (mut created, mut updated) = (0, 0);
            for entry in &planned {
                match &entry.action {
                    Action::Create(customer) => {
                        insert_customer(tx, customer)?;
                        created += 1;
                    }
                    Action::Update { id, customer, .. } => {
                        update(tx, *id, customer)?;
                        updated += 1;
                    }
                    Action::Skip { .. } => {}
                }
            }
            let what = counts(&[(created, "new customer", "new customers"), (updated, "update", "updates")]);
            Ok((planned, format!("Imported vCards: {what}")))
        })
    }
}
