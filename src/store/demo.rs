//! Loading a demo plan: one transaction, only into an empty database, so a seller's real
//! data is never mixed with invented customers.

use super::Store;
use super::records::*;
use crate::demo::Plan;
use anyhow::{Result, bail};
use rusqlite::{Connection, OptionalExtension, params};

/// What a load inserted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct DemoSummary {
    pub deals: usize,
    pub customers: usize,
    pub products: usize,
    pub sales: usize,
    pub interactions: usize,
    pub goals: usize,
    pub followups: usize,
    pub open_followups: usize,
    pub complaints: usize,
    pub scores: usize,
    pub notes: usize,
}

pub type ScaleSummary = DemoSummary;

/// The page cache while a scaled set loads, in KiB. With the bulk indexes dropped the rows
/// are appended in order, and 16 MiB holds the customers the rows touch (48 MiB was 10%
/// faster at a million rows but peaked at 122 MB).
const LOAD_CACHE_KIB: i64 = 16 * 1024;

/// The page cache while the indexes are built again, in KiB: SQLite's sorter keeps about
/// as much again in memory before it spills, and its spilled runs stay in memory too
/// (temporary storage is in memory); the index pages are written once either way.
const REBUILD_CACHE_KIB: i64 = 1024;

impl DemoSummary {
    /// Adds a chunk's rows (its customers and products are the base's, counted once).
    fn add(&mut self, chunk: &DemoSummary) {
        self.deals += chunk.deals;
        self.sales += chunk.sales;
        self.interactions += chunk.interactions;
        self.goals += chunk.goals;
        self.followups += chunk.followups;
        self.open_followups += chunk.open_followups;
        self.complaints += chunk.complaints;
        self.scores += chunk.scores;
        self.notes += chunk.notes;
    }

    /// "12 customers, 8 products, 40 sales and 3 goals".
    fn described(&self) -> String {
        let n = |count: usize| i64::try_from(count).unwrap_or(i64::MAX);
        crate::domain::undo::counts(&[
            (n(self.customers), "customer", "customers"),
            (n(self.products), "product", "products"),
            (n(self.sales), "sale", "sales"),
            (n(self.interactions), "interaction", "interactions"),
            (n(self.goals), "goal", "goals"),
            (n(self.followups), "follow-up", "follow-ups"),
            (n(self.notes), "note", "notes"),
        ])
    }
}

/// The refusal to load demo data over the seller's own.
#[derive(Debug)]
pub struct NotEmpty;

impl std::fmt::Display for NotEmpty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the database already holds data; demo data loads only into an empty database (pick another file with --db)")
    }
}

impl std::error::Error for NotEmpty {}

/// Anything the seller entered, in any table (the shipped starter techniques and
/// motivational items do not count).
pub(super) fn has_user_data(conn: &Connection) -> Result<bool> {
    let starters: Vec<String> = crate::assets::starter_techniques()?.into_iter().map(|t| t.name).collect();
    let found: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM customers) OR EXISTS (SELECT 1 FROM products) OR EXISTS (SELECT 1 FROM sales)
             OR EXISTS (SELECT 1 FROM interactions) OR EXISTS (SELECT 1 FROM goals) OR EXISTS (SELECT 1 FROM followups)
             OR EXISTS (SELECT 1 FROM notes) OR EXISTS (SELECT 1 FROM flashcards) OR EXISTS (SELECT 1 FROM segment_cadence)
             OR EXISTS (SELECT 1 FROM motivation_items WHERE asset_key IS NULL)
             OR EXISTS (SELECT 1 FROM techniques WHERE name NOT IN (SELECT value FROM json_each(?1)))",
        params![serde_json::to_string(&starters)?],
        |r| r.get(0),
    )?;
    Ok(found)
}

impl Store {
    /// Whether the seller has entered anything yet (the welcome screen asks when not).
    pub fn has_user_data(&self) -> Result<bool> {
        has_user_data(self.conn())
    }

    /// Inserts `plan` in one transaction, refusing (`NotEmpty`) when the database already
    /// holds the seller's data; the check runs inside the write lock. One undo step, so a
    /// seller who tried the demo can take it all back.
    pub fn load_plan(&mut self, plan: &Plan) -> Result<DemoSummary> {
        self.change(|tx| {
            if has_user_data(tx)? {
                bail!(NotEmpty);
            }
            let summary = insert_plan(tx, plan)?;
            Ok((summary, format!("Loaded the demo data: {}", summary.described())))
        })
    }

    /// [`Store::load_plan`] for a synthetic data set (`demo --scale`), which can hold
    /// millions of rows: not recorded for undo (recording would double the load), and the
    /// history before it is forgotten, since it no longer fits the database.
    pub fn load_scale_plan(&mut self, plan: &Plan) -> Result<ScaleSummary> {
        self.load_scale(plan, std::iter::empty())
    }

    /// [`Store::load_scale_plan`] with the bulk of the rows streamed in `chunks` that point
    /// into `base` (its customers, products and techniques), one chunk in memory at a time.
    pub fn load_scale(&mut self, base: &Plan, chunks: impl Iterator<Item = Plan>) -> Result<ScaleSummary> {
        // A bigger page cache while loading: the default 2 MB spills the random index pages
        // of one big transaction to the WAL again and again.
        let cache: i64 = self.conn().pragma_query_value(None, "cache_size", |r| r.get(0))?;
        self.conn().pragma_update(None, "cache_size", -LOAD_CACHE_KIB)?;
        let loaded = self.write_unrecorded(|tx| {
            if has_user_data(tx)? {
                bail!(NotEmpty);
            }
            super::undo::forget(tx)?;
            let indexes = drop_bulk_indexes(tx)?;
            let ids = insert_base(tx, base)?;
            let mut total = insert_rows(tx, base, &ids)?;
            for chunk in chunks {
                total.add(&insert_rows(tx, &chunk, &ids)?);
            }
            tx.pragma_update(None, "cache_size", -REBUILD_CACHE_KIB)?;
            for sql in indexes {
                tx.execute_batch(&sql)?;
            }
            Ok(total)
        });
        self.conn().pragma_update(None, "cache_size", cache)?;
        loaded
    }
}

/// The tables a scaled load fills with hundreds of thousands of rows.
const BULK_TABLES: &str = "'followups', 'sales', 'interactions', 'interaction_objections', 'deals', 'deal_moves', 'satisfaction', 'complaints'";

/// Drops the bulk tables' own indexes (the ones made by CREATE INDEX; SQLite's automatic
/// ones behind a table's UNIQUE constraints stay, and the load's statements look rows up
/// by them) and returns the statements that make them again. A unique index dropped here is
/// checked when it is built again: a violation fails the load, which rolls back.
/// Building an index once from all the rows is a sort; keeping it up to date row by row is
/// a random B-tree walk per row and index, which was most of a million-row load. The drop
/// and the rebuild are in the load's transaction: an error or a crash leaves them as they were.
fn drop_bulk_indexes(tx: &Connection) -> Result<Vec<String>> {
    let indexes: Vec<(String, String)> = tx
        .prepare(&format!(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({BULK_TABLES})"
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut rebuild = Vec::with_capacity(indexes.len());
    for (name, sql) in indexes {
        tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
        rebuild.push(sql);
    }
    Ok(rebuild)
}

/// Deals with their stage history; stages are given by position in the pipeline.
fn insert_deals(
    tx: &Connection,
    deals: &[crate::demo::PlannedDeal],
    customers: &[i64],
    products: &[i64],
) -> Result<()> {
    let stage_ids: Vec<(i64, i64)> = tx
        .prepare("SELECT position, id FROM deal_stages ORDER BY position")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let stage = |position: i64| {
        stage_ids
            .iter()
            .find(|(p, _)| *p == position)
            .map(|(_, id)| *id)
            .ok_or_else(|| anyhow::anyhow!("no stage {position}"))
    };
    for planned in deals {
        let d = &planned.deal;
        d.validate()?;
        tx.prepare_cached(
            "INSERT INTO deals (customer_id, title, product_id, value_minor, stage_id, close_on, probability_permille,
                                created_on, last_activity_on, status, lost_reason, closed_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?
        .execute(params![
            customers[d.customer_id as usize],
            d.title,
            d.product_id.map(|p| products[p as usize]),
            d.value_minor,
            stage(d.stage_id)?,
            d.close_on,
            d.probability_permille,
            d.created_on,
            planned.last_activity_on,
            planned.status.as_str(),
            planned.lost_reason,
            planned.closed_on
        ])?;
        let id = tx.last_insert_rowid();
        for (position, on) in &planned.moves {
            tx.prepare_cached("INSERT INTO deal_moves (deal_id, stage_id, moved_on) VALUES (?1, ?2, ?3)")?
                .execute(params![id, stage(*position)?, on])?;
        }
    }
    Ok(())
}

/// The ids the plan's indexes stand for, once its base rows are in.
struct Ids {
    products: Vec<i64>,
    techniques: Vec<i64>,
    customers: Vec<i64>,
}

fn insert_plan(tx: &Connection, plan: &Plan) -> Result<DemoSummary> {
    let ids = insert_base(tx, plan)?;
    insert_rows(tx, plan, &ids)
}

/// Segments, products, techniques and customers: what the other rows point at.
fn insert_base(tx: &Connection, plan: &Plan) -> Result<Ids> {
    for s in &plan.segments {
        tx.execute(
            "INSERT INTO segment_cadence (segment, ideal_days, max_days) VALUES (?1, ?2, ?3)",
            params![s.segment, s.ideal_days, s.max_days],
        )?;
    }
    let products: Vec<i64> = plan.products.iter().map(|p| insert_product(tx, p)).collect::<Result<_>>()?;
    // The starter techniques may already be there (same names): reuse them.
    let techniques: Vec<i64> = plan
        .techniques
        .iter()
        .map(|t| {
            let existing: Option<i64> = tx
                .query_row("SELECT id FROM techniques WHERE name = ?1 COLLATE NOCASE", params![t.name], |r| r.get(0))
                .optional()?;
            existing.map_or_else(|| insert_technique(tx, t), Ok)
        })
        .collect::<Result<_>>()?;
    let customers: Vec<i64> = plan.customers.iter().map(|c| insert_customer(tx, c)).collect::<Result<_>>()?;
    Ok(Ids { products, techniques, customers })
}

/// Everything else in `plan`, its indexes read through `ids` (sales and complaints by their
/// place in this same plan).
fn insert_rows(tx: &Connection, plan: &Plan, ids: &Ids) -> Result<DemoSummary> {
    let Ids { products, techniques, customers } = ids;
    let map = |ids: &[i64], index: i64| ids[index as usize];
    for goal in &plan.goals {
        insert_goal(tx, goal)?;
    }
    let mut sales = Vec::with_capacity(plan.sales.len());
    for sale in &plan.sales {
        let mut sale = sale.clone();
        sale.customer_id = map(customers, sale.customer_id);
        sale.product_id = sale.product_id.map(|p| map(products, p));
        sale.technique_id = sale.technique_id.map(|t| map(techniques, t));
        sales.push(insert_sale(tx, &sale)?);
    }
    for interaction in &plan.interactions {
        let mut interaction = interaction.clone();
        interaction.customer_id = map(customers, interaction.customer_id);
        interaction.product_id = interaction.product_id.map(|p| map(products, p));
        interaction.technique_id = interaction.technique_id.map(|t| map(techniques, t));
        insert_interaction(tx, &interaction)?;
    }
    let mut complaints = Vec::with_capacity(plan.complaints.len());
    for planned in &plan.complaints {
        let mut complaint = planned.complaint.clone();
        complaint.customer_id = map(customers, complaint.customer_id);
        complaint.sale_id = complaint.sale_id.map(|s| map(&sales, s));
        let id = insert_complaint(tx, &complaint)?;
        tx.execute(
            "UPDATE complaints SET first_response_on = ?2, resolved_on = ?3, resolution = ?4 WHERE id = ?1",
            params![id, planned.first_response_on, planned.resolved_on, planned.resolution],
        )?;
        complaints.push(id);
    }
    let mut open_followups = 0;
    for planned in &plan.followups {
        let mut followup = planned.followup.clone();
        followup.customer_id = map(customers, followup.customer_id);
        followup.sale_id = followup.sale_id.map(|s| map(&sales, s));
        followup.complaint_id = followup.complaint_id.map(|c| map(&complaints, c));
        let id = insert_followup(tx, &followup)?;
        match planned.completed_on {
            Some(day) => {
                tx.prepare_cached("UPDATE followups SET status = 'done', completed_on = ?2 WHERE id = ?1")?
                    .execute(params![id, day])?;
            }
            None => open_followups += 1,
        }
    }
    for score in &plan.scores {
        let mut score = score.clone();
        score.customer_id = map(customers, score.customer_id);
        score.sale_id = score.sale_id.map(|s| map(&sales, s));
        insert_score(tx, &score)?;
    }
    for note in &plan.notes {
        let mut note = note.clone();
        note.product_id = note.product_id.map(|p| map(products, p));
        note.technique_id = note.technique_id.map(|t| map(techniques, t));
        let id = insert_note(tx, &note)?;
        super::knowledge::sync_note_cards(tx, id, &note)?;
    }
    insert_deals(tx, &plan.deals, customers, products)?;
    Ok(DemoSummary {
        deals: plan.deals.len(),
        customers: plan.customers.len(),
        products: plan.products.len(),
        sales: sales.len(),
        interactions: plan.interactions.len(),
        goals: plan.goals.len(),
        followups: plan.followups.len(),
        open_followups,
        complaints: complaints.len(),
        scores: plan.scores.len(),
        notes: plan.notes.len(),
    })
}
