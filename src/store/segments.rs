//! Results by demographic: one grouped query per figure family (sales, interactions,
//! scores, open complaints), each walking its date or open index, plus the customers with
//! their cadence. Rows come keyed by the field's raw text; `domain::segments` splits them.

use super::Store;
use super::plans::HotQuery;
use crate::domain::cadence::{CadenceDefaults, CadenceState, days_since};
use crate::domain::segments::{
    Contacts, CustomerFacts, Dimension, GroupFigures, SaleDay, SegmentInputs, group_figures,
};
use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::params;

/// The key column and the join it needs, from a table aliased `x` with `customer_id` and
/// `product` (the expression giving its product id).
fn keyed(dimension: Dimension, product: &str) -> (String, String) {
    let customer = |column: &str| (format!("c.{column}"), "JOIN customers c ON c.id = x.customer_id".to_string());
    match dimension {
        Dimension::Segment => customer("segment"),
        Dimension::Industry => customer("industry"),
        Dimension::Region => customer("region"),
        Dimension::Tag => customer("tags"),
        Dimension::Product => ("coalesce(p.name, '')".into(), format!("LEFT JOIN products p ON p.id = {product}")),
    }
}

fn sales_sql(dimension: Dimension) -> String {
    let (key, join) = keyed(dimension, "x.product_id");
    format!(
        "SELECT {key}, x.customer_id, x.sold_on, sum(x.kind = 'sale'),
                sum(CASE x.kind WHEN 'refund' THEN -x.amount_minor ELSE x.amount_minor END)
         FROM sales x {join}
         WHERE x.sold_on BETWEEN ?1 AND ?2
         GROUP BY 1, x.customer_id, x.sold_on"
    )
}

fn interactions_sql(dimension: Dimension) -> String {
    let (key, join) = keyed(dimension, "x.product_id");
    format!(
        "SELECT {key}, x.customer_id, count(*), sum(x.outcome = 'won'), sum(x.outcome = 'lost')
         FROM interactions x {join}
         WHERE x.happened_on BETWEEN ?1 AND ?2
         GROUP BY 1, x.customer_id"
    )
}

/// A score or a complaint is about a product through the sale it names, if any.
fn through_sale(dimension: Dimension) -> (String, String) {
    let (key, join) = keyed(dimension, "s.product_id");
    match dimension {
        Dimension::Product => (key, format!("LEFT JOIN sales s ON s.id = x.sale_id {join}")),
        _ => (key, join),
    }
}

fn scores_sql(dimension: Dimension) -> String {
    let (key, join) = through_sale(dimension);
    format!(
        "SELECT {key}, x.score, count(*) FROM satisfaction x {join}
         WHERE x.rated_on BETWEEN ?1 AND ?2 GROUP BY 1, x.score"
    )
}

/// Open today, whenever opened: an open complaint is work still to do. An archived
/// customer's are left out, as on the checklist.
fn complaints_sql(dimension: Dimension) -> String {
    let (key, join) = through_sale(dimension);
    let customers = match dimension {
        Dimension::Product => "JOIN customers c ON c.id = x.customer_id",
        _ => "",
    };
    format!(
        "SELECT {key}, count(*) FROM complaints x {join} {customers}
         WHERE x.resolved_on IS NULL AND +c.archived = 0 GROUP BY 1"
    )
}

/// The customers of the business now, with what their cadence is resolved from (as the
/// checklist's stay-in-touch query reads it).
const CUSTOMERS_SQL: &str = "SELECT c.id, c.segment, c.industry, c.region, c.tags, c.last_contact_on,
        c.cadence_ideal_days, c.cadence_max_days, s.ideal_days, s.max_days
    FROM customers c LEFT JOIN segment_cadence s ON s.segment = c.segment
    WHERE c.archived = 0";

pub(super) fn hot_queries() -> Vec<HotQuery> {
    let mut queries = vec![HotQuery::new("segments: customers", CUSTOMERS_SQL, 0)];
    for d in Dimension::ALL {
        let name = |family: &str| format!("segments by {} ({family})", d.as_str());
        queries.push(HotQuery::new(name("sales"), sales_sql(*d), 2));
        queries.push(HotQuery::new(name("interactions"), interactions_sql(*d), 2));
        queries.push(HotQuery::new(name("scores"), scores_sql(*d), 2));
        queries.push(HotQuery::new(name("open complaints"), complaints_sql(*d), 0));
    }
    queries
}

impl Store {
    /// Each group's figures over `from..=to`; cadence and open complaints as of `today`.
    pub fn segment_figures(
        &self,
        dimension: Dimension,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
        cadences: &CadenceDefaults,
    ) -> Result<Vec<GroupFigures>> {
        Ok(group_figures(dimension, &self.segment_inputs(dimension, from, to, today, cadences)?))
    }

    fn segment_inputs(
        &self,
        dimension: Dimension,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
        cadences: &CadenceDefaults,
    ) -> Result<SegmentInputs> {
        let count = |v: i64| v.unsigned_abs();
        let mut inputs =
            SegmentInputs { customers: self.segment_customers(dimension, today, cadences)?, ..Default::default() };
        let mut stmt = self.conn().prepare_cached(&sales_sql(dimension))?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok(SaleDay {
                key: r.get(0)?,
                customer_id: r.get(1)?,
                day: r.get(2)?,
                sales: count(r.get(3)?),
                net_minor: r.get(4)?,
            })
        })?;
        inputs.sales = rows.collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn().prepare_cached(&interactions_sql(dimension))?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok(Contacts {
                key: r.get(0)?,
                customer_id: r.get(1)?,
                interactions: count(r.get(2)?),
                won: count(r.get(3)?),
                lost: count(r.get(4)?),
            })
        })?;
        inputs.contacts = rows.collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn().prepare_cached(&scores_sql(dimension))?;
        let mut rows = stmt.query(params![from, to])?;
        while let Some(r) = rows.next()? {
            let (key, score, n): (String, u8, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
            inputs.scores.extend(std::iter::repeat_n((key, score), count(n) as usize));
        }
        let mut stmt = self.conn().prepare_cached(&complaints_sql(dimension))?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, count(r.get(1)?))))?;
        inputs.open_complaints = rows.collect::<rusqlite::Result<_>>()?;
        Ok(inputs)
    }

    fn segment_customers(
        &self,
        dimension: Dimension,
        today: NaiveDate,
        cadences: &CadenceDefaults,
    ) -> Result<Vec<CustomerFacts>> {
        let column = match dimension {
            Dimension::Segment | Dimension::Product => 1,
            Dimension::Industry => 2,
            Dimension::Region => 3,
            Dimension::Tag => 4,
        };
        let mut stmt = self.conn().prepare_cached(CUSTOMERS_SQL)?;
        let rows = stmt.query_map([], |r| {
            let cadence = super::followups::row_cadence(r, (6, 7), (8, 9), 1, cadences)?;
            let since = days_since(r.get(5)?, today);
            Ok(CustomerFacts {
                customer_id: r.get(0)?,
                key: r.get(column)?,
                past_max_gap: cadence.state(since) == CadenceState::Red,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
