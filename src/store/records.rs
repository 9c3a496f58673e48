//! Inserts for every record family; each takes the open transaction so callers compose
//! several writes into one atomic step.

use crate::domain::care::{NewComplaint, NewScore};
use crate::domain::customer::NewCustomer;
use crate::domain::followup::NewFollowup;
use crate::domain::goal::NewGoal;
use crate::domain::knowledge::{NewNote, NewProduct, NewTechnique};
use crate::domain::sale::{NewInteraction, NewSale};
use anyhow::Result;
use rusqlite::{Connection, params};

pub fn insert_customer(conn: &Connection, c: &NewCustomer) -> Result<i64> {
    c.validate()?;
    conn.prepare_cached(
        "INSERT INTO customers (name, company, email, phone, segment, industry, region, tags, notes,
                                cadence_ideal_days, cadence_max_days, created_on, last_contact_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
    )?
    .execute(params![
        c.name.trim(),
        c.company.trim(),
        c.email.trim(),
        c.phone.trim(),
        c.segment.trim(),
        c.industry.trim(),
        c.region.trim(),
        c.tags.trim(),
        c.notes,
        c.cadence_ideal_days,
        c.cadence_max_days,
        c.created_on
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_product(conn: &Connection, p: &NewProduct) -> Result<i64> {
    p.validate()?;
    conn.prepare_cached("INSERT INTO products (name, category, price_minor, description) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![p.name.trim(), p.category.trim(), p.price_minor, p.description])?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_technique(conn: &Connection, t: &NewTechnique) -> Result<i64> {
    t.validate()?;
    conn.prepare_cached("INSERT INTO techniques (name, description) VALUES (?1, ?2)")?
        .execute(params![t.name.trim(), t.description])?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_sale(conn: &Connection, s: &NewSale) -> Result<i64> {
    s.validate()?;
    conn.prepare_cached(
        "INSERT INTO sales (customer_id, product_id, technique_id, kind, quantity, amount_minor, sold_on, note, refund_of)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        s.customer_id,
        s.product_id,
        s.technique_id,
        s.kind.as_str(),
        s.quantity,
        s.amount_minor,
        s.sold_on,
        s.note,
        s.refund_of
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_interaction(conn: &Connection, i: &NewInteraction) -> Result<i64> {
    i.validate()?;
    conn.prepare_cached(
        "INSERT INTO interactions (customer_id, technique_id, product_id, kind, outcome, lost_reason, happened_on, note,
                                   response)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        i.customer_id,
        i.technique_id,
        i.product_id,
        i.kind.as_str(),
        i.outcome.as_str(),
        i.lost_reason.trim(),
        i.happened_on,
        i.note,
        i.response.trim()
    ])?;
    let id = conn.last_insert_rowid();
    write_objections(conn, id, &i.objections)?;
    Ok(id)
}

/// Makes `objections` the interaction's whole list (an edit replaces it).
pub fn write_objections(conn: &Connection, interaction_id: i64, objections: &[String]) -> Result<()> {
    conn.prepare_cached("DELETE FROM interaction_objections WHERE interaction_id = ?1")?.execute([interaction_id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO interaction_objections (interaction_id, objection) VALUES (?1, ?2)
         ON CONFLICT (interaction_id, objection) DO NOTHING",
    )?;
    for objection in objections {
        insert.execute(params![interaction_id, objection.trim()])?;
    }
    Ok(())
}

/// An interaction's objections, by name (the order the interaction list shows them in).
pub fn objections_of(conn: &Connection, interaction_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare_cached("SELECT objection FROM interaction_objections WHERE interaction_id = ?1 ORDER BY objection")?;
    let rows = stmt.query_map([interaction_id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(rows)
}

pub fn insert_goal(conn: &Connection, g: &NewGoal) -> Result<i64> {
    g.validate()?;
    conn.prepare_cached(
        "INSERT INTO goals (title, metric, unit, target, start_on, deadline_on, working_days)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        g.title.trim(),
        g.metric.as_str(),
        g.unit.trim(),
        g.target,
        g.start_on,
        g.deadline_on,
        g.working_days.0
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_followup(conn: &Connection, f: &NewFollowup) -> Result<i64> {
    f.validate()?;
    let time = f.due_time.map(|t| t.format("%H:%M").to_string());
    let rule = f.recurrence;
    conn.prepare_cached(
        "INSERT INTO followups (customer_id, kind, reason, due_on, due_time, recur_every, recur_unit, recur_from,
                                sale_id, complaint_id, created_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        f.customer_id,
        f.kind.as_str(),
        f.reason.trim(),
        f.due_on,
        time,
        rule.map(|r| r.every),
        rule.map(|r| r.unit.as_str()),
        rule.map(|r| r.from.as_str()),
        f.sale_id,
        f.complaint_id,
        f.created_on
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_complaint(conn: &Connection, c: &NewComplaint) -> Result<i64> {
    c.validate()?;
    conn.prepare_cached(
        "INSERT INTO complaints (customer_id, sale_id, severity, summary, opened_on) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![c.customer_id, c.sale_id, c.severity.as_str(), c.summary.trim(), c.opened_on])?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_score(conn: &Connection, s: &NewScore) -> Result<i64> {
    s.validate()?;
    conn.prepare_cached(
        "INSERT INTO satisfaction (customer_id, sale_id, score, comment, rated_on) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![s.customer_id, s.sale_id, s.score, s.comment, s.rated_on])?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_note(conn: &Connection, n: &NewNote) -> Result<i64> {
    n.validate()?;
    conn.prepare_cached(
        "INSERT INTO notes (title, body, tags, product_id, created_on, updated_on, kind, technique_id, objection)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        n.title.trim(),
        n.body,
        n.tags.trim(),
        n.product_id,
        n.created_on,
        n.kind.as_str(),
        n.technique_id,
        n.objection.trim()
    ])?;
    Ok(conn.last_insert_rowid())
}
