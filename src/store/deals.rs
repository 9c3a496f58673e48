//! Deals and their stages: add, move along, win (with its sale in the same transaction),
//! lose, edit. Every move is kept in `deal_moves`, from the day the deal was added.

use super::Store;
use super::customers::customer_name;
use super::plans::HotQuery;
use super::records::{insert_followup, insert_sale};
use crate::domain::FieldError;
use crate::domain::deal::{Deal, DealStatus, NewDeal, Stage, validate_lost_reason};
use crate::domain::followup::NewFollowup;
use crate::domain::money::format_plain;
use crate::domain::sale::NewSale;
use anyhow::{Result, bail};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

const DEAL_COLUMNS: &str = "d.id, d.customer_id, c.name, d.title, d.product_id, d.value_minor, d.stage_id, s.name,
    d.close_on, d.probability_permille, d.created_on, d.last_activity_on, d.status, d.lost_reason, d.closed_on, d.sale_id";

const OPEN_DEALS_SQL: &str = "SELECT d.id, d.customer_id, c.name, d.title, d.product_id, d.value_minor, d.stage_id, s.name,
    d.close_on, d.probability_permille, d.created_on, d.last_activity_on, d.status, d.lost_reason, d.closed_on, d.sale_id
    FROM deals d JOIN customers c ON c.id = d.customer_id JOIN deal_stages s ON s.id = d.stage_id
    WHERE d.status = 'open' ORDER BY d.close_on, d.id";

const MOVES_SQL: &str =
    "SELECT deal_id, stage_id, moved_on FROM deal_moves WHERE moved_on >= ?1 ORDER BY deal_id, moved_on, id";

pub(super) fn hot_queries() -> Vec<HotQuery> {
    vec![HotQuery::new("open deals", OPEN_DEALS_SQL, 0), HotQuery::new("deal moves since", MOVES_SQL, 1)]
}

fn deal_row(r: &Row<'_>) -> rusqlite::Result<Deal> {
    let status: String = r.get(12)?;
    Ok(Deal {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        customer: r.get(2)?,
        title: r.get(3)?,
        product_id: r.get(4)?,
        value_minor: r.get(5)?,
        stage_id: r.get(6)?,
        stage: r.get(7)?,
        close_on: r.get(8)?,
        probability_permille: r.get(9)?,
        created_on: r.get(10)?,
        last_activity_on: r.get(11)?,
        status: DealStatus::parse(&status)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(12, rusqlite::types::Type::Text, e.into()))?,
        lost_reason: r.get(13)?,
        closed_on: r.get(14)?,
        sale_id: r.get(15)?,
    })
}

fn deal_in(conn: &Connection, id: i64) -> Result<Deal> {
    conn.query_row(
        &format!(
            "SELECT {DEAL_COLUMNS} FROM deals d JOIN customers c ON c.id = d.customer_id
             JOIN deal_stages s ON s.id = d.stage_id WHERE d.id = ?1"
        ),
        params![id],
        deal_row,
    )
    .optional()?
    .ok_or_else(|| FieldError::new("id", format!("there is no deal #{id}")).into())
}

fn open_deal_in(conn: &Connection, id: i64) -> Result<Deal> {
    let deal = deal_in(conn, id)?;
    if deal.status != DealStatus::Open {
        bail!(FieldError::new("id", format!("deal #{id} is {} already", deal.status.label())));
    }
    Ok(deal)
}

impl Store {
    /// The pipeline's stages, in order.
    pub fn stages(&self) -> Result<Vec<Stage>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, name, position, probability_permille, idle_days FROM deal_stages ORDER BY position",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Stage {
                id: r.get(0)?,
                name: r.get(1)?,
                position: r.get(2)?,
                probability_permille: r.get(3)?,
                idle_days: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A stage by name (case aside, or its start) or `#id`.
    pub fn resolve_stage(&self, text: &str) -> Result<Stage> {
        let stages = self.stages()?;
        let wanted = text.trim();
        let by_id = wanted.strip_prefix('#').and_then(|n| n.parse::<i64>().ok());
        let folded = crate::domain::text::fold(wanted);
        let found: Vec<&Stage> = stages
            .iter()
            .filter(|s| {
                by_id == Some(s.id) || crate::domain::text::fold(&s.name).starts_with(&folded) && !folded.is_empty()
            })
            .collect();
        let exact = found.iter().find(|s| crate::domain::text::fold(&s.name) == folded);
        match (exact, found.as_slice()) {
            (Some(s), _) => Ok((*s).clone()),
            (None, [one]) => Ok((*one).clone()),
            _ => {
                let names: Vec<&str> = stages.iter().map(|s| s.name.as_str()).collect();
                bail!(FieldError::new(
                    "stage",
                    format!("'{wanted}' is not one stage; the stages are {}", names.join(", "))
                ))
            }
        }
    }

    pub fn add_deal(&mut self, deal: &NewDeal) -> Result<i64> {
        deal.validate()?;
        self.change(|tx| {
            tx.execute(
                "INSERT INTO deals (customer_id, title, product_id, value_minor, stage_id, close_on, probability_permille,
                                    created_on, last_activity_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![
                    deal.customer_id,
                    deal.title.trim(),
                    deal.product_id,
                    deal.value_minor,
                    deal.stage_id,
                    deal.close_on,
                    deal.probability_permille,
                    deal.created_on
                ],
            )?;
            let id = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO deal_moves (deal_id, stage_id, moved_on) VALUES (?1, ?2, ?3)",
                params![id, deal.stage_id, deal.created_on],
            )?;
            let label = format!(
                "Added deal #{id}: {} ({}) with {}",
                deal.title.trim(),
                format_plain(deal.value_minor.unsigned_abs()),
                customer_name(tx, deal.customer_id)?
            );
            Ok((id, label))
        })
    }

    pub fn deal(&self, id: i64) -> Result<Deal> {
        deal_in(self.conn(), id)
    }

    /// Open deals, the nearest expected close first (those without a date last).
    pub fn open_deals(&self) -> Result<Vec<Deal>> {
        let mut stmt = self.conn().prepare_cached(OPEN_DEALS_SQL)?;
        let rows: Vec<Deal> = stmt.query_map([], deal_row)?.collect::<rusqlite::Result<_>>()?;
        // The index gives dateless deals first (NULL sorts low); they go last.
        let (dated, undated): (Vec<Deal>, Vec<Deal>) = rows.into_iter().partition(|d| d.close_on.is_some());
        Ok(dated.into_iter().chain(undated).collect())
    }

    /// A goal's pipeline from the stored deals: `done` is the goal's own figure. For
    /// several goals, read [`Store::pipeline_deals`] once and forecast each from it.
    pub fn goal_pipeline(
        &self,
        goal: &crate::domain::goal::Goal,
        done: i64,
        today: NaiveDate,
    ) -> Result<Option<crate::domain::forecast::PipelineForecast>> {
        Ok(crate::domain::forecast::forecast_for(goal, done, today, &self.pipeline_deals()?))
    }

    /// The open deals as the forecast reads them: each with its probability and whether
    /// its customer is new (has no sale yet), asked once per customer.
    pub fn pipeline_deals(&self) -> Result<Vec<(Deal, i64, bool)>> {
        let stages = self.stages()?;
        let mut has_sale = self
            .conn()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM sales WHERE customer_id = ?1 AND kind = 'sale')")?;
        let mut new_customer = std::collections::HashMap::new();
        let mut input = Vec::new();
        for deal in self.open_deals()? {
            let probability = crate::domain::forecast::resolved_probability(&deal, &stages);
            let new = match new_customer.get(&deal.customer_id) {
                Some(&new) => new,
                None => {
                    let new = !has_sale.query_row(params![deal.customer_id], |r| r.get::<_, bool>(0))?;
                    *new_customer.entry(deal.customer_id).or_insert(new)
                }
            };
            input.push((deal, probability, new));
        }
        Ok(input)
    }

    /// Every deal, open or closed, newest first (for `deal list --all` and the figures).
    pub fn all_deals(&self) -> Result<Vec<Deal>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {DEAL_COLUMNS} FROM deals d JOIN customers c ON c.id = d.customer_id
             JOIN deal_stages s ON s.id = d.stage_id ORDER BY d.id DESC"
        ))?;
        let rows = stmt.query_map([], deal_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Stage moves on or after `since`: (deal, stage, day), by deal then day.
    pub fn deal_moves(&self, since: NaiveDate) -> Result<Vec<(i64, i64, NaiveDate)>> {
        let mut stmt = self.conn().prepare_cached(MOVES_SQL)?;
        let rows = stmt.query_map(params![since], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Moves an open deal to `stage` on `on`: a move is activity, and is kept.
    pub fn move_deal(&mut self, id: i64, stage: &Stage, on: NaiveDate) -> Result<()> {
        self.change(|tx| {
            let deal = open_deal_in(tx, id)?;
            if deal.stage_id == stage.id {
                bail!(FieldError::new("stage", format!("deal #{id} is at {} already", stage.name)));
            }
            tx.execute(
                "UPDATE deals SET stage_id = ?2, last_activity_on = max(last_activity_on, ?3) WHERE id = ?1",
                params![id, stage.id, on],
            )?;
            tx.execute(
                "INSERT INTO deal_moves (deal_id, stage_id, moved_on) VALUES (?1, ?2, ?3)",
                params![id, stage.id, on],
            )?;
            Ok(((), format!("Moved deal #{id} {} from {} to {}", deal.title, deal.stage, stage.name)))
        })
    }

    /// Wins an open deal on `on`, logging `sale` (with its post-sale follow-ups) in the
    /// same transaction; none for a deal whose sale was logged another way. Returns the
    /// sale's id.
    pub fn win_deal(
        &mut self,
        id: i64,
        on: NaiveDate,
        sale: Option<(&NewSale, &[NewFollowup])>,
    ) -> Result<Option<i64>> {
        self.change(|tx| {
            let deal = open_deal_in(tx, id)?;
            let sale_id = match sale {
                Some((sale, followups)) => {
                    if sale.customer_id != deal.customer_id {
                        bail!(FieldError::new("customer", "the sale of a deal is its customer's"));
                    }
                    let sale_id = insert_sale(tx, sale)?;
                    for followup in followups {
                        insert_followup(tx, &NewFollowup { sale_id: Some(sale_id), ..followup.clone() })?;
                    }
                    Some(sale_id)
                }
                None => None,
            };
            tx.execute(
                "UPDATE deals SET status = 'won', closed_on = ?2, sale_id = ?3,
                     last_activity_on = max(last_activity_on, ?2) WHERE id = ?1",
                params![id, on, sale_id],
            )?;
            let with = match (sale_id, sale) {
                (Some(s), Some((sale, _))) => {
                    format!(" with sale #{s} of {}", format_plain(sale.amount_minor.unsigned_abs()))
                }
                _ => String::new(),
            };
            Ok((sale_id, format!("Won deal #{id} {} with {}{with}", deal.title, deal.customer)))
        })
    }

    pub fn lose_deal(&mut self, id: i64, reason: &str, on: NaiveDate) -> Result<()> {
        validate_lost_reason(reason)?;
        self.change(|tx| {
            let deal = open_deal_in(tx, id)?;
            tx.execute(
                "UPDATE deals SET status = 'lost', lost_reason = ?2, closed_on = ?3,
                     last_activity_on = max(last_activity_on, ?3) WHERE id = ?1",
                params![id, reason.trim(), on],
            )?;
            Ok(((), format!("Lost deal #{id} {} with {} ({})", deal.title, deal.customer, reason.trim())))
        })
    }

    /// Logs an interaction about a deal: its customer's, and the deal's latest activity
    /// (the schema's trigger moves it).
    pub fn log_deal_interaction(
        &mut self,
        deal_id: i64,
        interaction: &crate::domain::sale::NewInteraction,
    ) -> Result<i64> {
        self.change(|tx| {
            let deal = open_deal_in(tx, deal_id)?;
            if deal.customer_id != interaction.customer_id {
                bail!(FieldError::new("deal", format!("deal #{deal_id} is with {}, not this customer", deal.customer)));
            }
            let id = super::records::insert_interaction(tx, interaction)?;
            tx.execute("UPDATE interactions SET deal_id = ?2 WHERE id = ?1", params![id, deal_id])?;
            tx.execute(
                "UPDATE deals SET last_activity_on = ?2 WHERE id = ?1 AND last_activity_on < ?2",
                params![deal_id, interaction.happened_on],
            )?;
            let label = format!("{} on deal #{deal_id}", super::sales::interaction_label(tx, interaction)?);
            Ok((id, label))
        })
    }

    /// Plans a follow-up about an open deal, with its customer.
    pub fn add_deal_followup(&mut self, deal_id: i64, followup: &NewFollowup) -> Result<i64> {
        self.change(|tx| {
            let deal = open_deal_in(tx, deal_id)?;
            if deal.customer_id != followup.customer_id {
                bail!(FieldError::new("deal", format!("deal #{deal_id} is with {}, not this customer", deal.customer)));
            }
            let id = insert_followup(tx, followup)?;
            tx.execute("UPDATE followups SET deal_id = ?2 WHERE id = ?1", params![id, deal_id])?;
            Ok((id, format!("Added follow-up #{id} on deal #{deal_id} for {} on {}", deal.customer, followup.due_on)))
        })
    }

    /// Changes a deal's customer, title, product, value, expected close and own
    /// probability; its stage moves only through `move_deal`, so the history stays true.
    pub fn update_deal(&mut self, id: i64, deal: &NewDeal) -> Result<()> {
        deal.validate()?;
        self.change(|tx| {
            let old = deal_in(tx, id)?;
            if deal.stage_id != old.stage_id {
                bail!(FieldError::new("stage", "move a deal with deal move, so its history is kept"));
            }
            tx.execute(
                "UPDATE deals SET customer_id = ?2, title = ?3, product_id = ?4, value_minor = ?5, close_on = ?6,
                     probability_permille = ?7 WHERE id = ?1",
                params![
                    id,
                    deal.customer_id,
                    deal.title.trim(),
                    deal.product_id,
                    deal.value_minor,
                    deal.close_on,
                    deal.probability_permille
                ],
            )?;
            Ok(((), format!("Edited deal #{id} {}", deal.title.trim())))
        })
    }
}
