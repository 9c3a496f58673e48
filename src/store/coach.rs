//! The numbers behind technique effectiveness and the coach's insights.

use super::Store;
use crate::config::Config;
use crate::domain::insight::{Insight, InsightInputs, insights};
use crate::domain::technique::{TechniqueCounts, TechniqueStats, judge_all};
use anyhow::Result;
use chrono::{Days, NaiveDate};
use rusqlite::params;

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TechniqueReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub overall_win_rate: Option<f64>,
    pub techniques: Vec<TechniqueStats>,
    /// Why deals were lost, most common first.
    pub lost_reasons: Vec<(String, u64)>,
}

/// Read from the lost interactions' own index (schema 10); only the reasons are sorted.
const LOST_REASONS_SQL: &str =
    "SELECT CASE WHEN trim(lost_reason) = '' THEN '(no reason given)' ELSE lower(trim(lost_reason)) END AS reason, count(*)
     FROM interactions WHERE outcome = 'lost' AND happened_on BETWEEN ?1 AND ?2
     GROUP BY reason ORDER BY 2 DESC, 1";

pub(super) fn hot_queries() -> Vec<super::plans::HotQuery> {
    vec![super::plans::HotQuery::new("lost reasons", LOST_REASONS_SQL, 2).sorting_a_few()]
}

impl Store {
    /// Per technique (and "no technique") from `from` through `to`.
    pub fn technique_counts(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<TechniqueCounts>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT t.id, t.name,
                (SELECT count(*) FROM interactions i WHERE i.technique_id = t.id AND i.happened_on BETWEEN ?1 AND ?2),
                (SELECT count(*) FROM interactions i WHERE i.technique_id = t.id AND i.outcome = 'won' AND i.happened_on BETWEEN ?1 AND ?2),
                (SELECT count(*) FROM interactions i WHERE i.technique_id = t.id AND i.outcome = 'lost' AND i.happened_on BETWEEN ?1 AND ?2),
                (SELECT count(*) FROM sales s WHERE s.technique_id = t.id AND s.kind = 'sale' AND s.sold_on BETWEEN ?1 AND ?2),
                (SELECT coalesce(sum(CASE s.kind WHEN 'refund' THEN -s.amount_minor ELSE s.amount_minor END), 0)
                   FROM sales s WHERE s.technique_id = t.id AND s.sold_on BETWEEN ?1 AND ?2)
             FROM techniques t WHERE t.archived = 0
             UNION ALL
             SELECT NULL, '(no technique)',
                (SELECT count(*) FROM interactions i WHERE i.technique_id IS NULL AND i.happened_on BETWEEN ?1 AND ?2),
                (SELECT count(*) FROM interactions i WHERE i.technique_id IS NULL AND i.outcome = 'won' AND i.happened_on BETWEEN ?1 AND ?2),
                (SELECT count(*) FROM interactions i WHERE i.technique_id IS NULL AND i.outcome = 'lost' AND i.happened_on BETWEEN ?1 AND ?2),
                (SELECT count(*) FROM sales s WHERE s.technique_id IS NULL AND s.kind = 'sale' AND s.sold_on BETWEEN ?1 AND ?2),
                (SELECT coalesce(sum(CASE s.kind WHEN 'refund' THEN -s.amount_minor ELSE s.amount_minor END), 0)
                   FROM sales s WHERE s.technique_id IS NULL AND s.sold_on BETWEEN ?1 AND ?2)",
        )?;
        let count = |v: i64| v.unsigned_abs();
        let rows = stmt.query_map(params![from, to], |r| {
            Ok(TechniqueCounts {
                technique_id: r.get(0)?,
                name: r.get(1)?,
                interactions: count(r.get(2)?),
                wins: count(r.get(3)?),
                losses: count(r.get(4)?),
                sales: count(r.get(5)?),
                revenue: r.get(6)?,
            })
        })?;
        // Interactions with no technique count towards the overall win rate; their row is
        // shown only when there are any.
        let mut rows: Vec<TechniqueCounts> = rows.collect::<rusqlite::Result<_>>()?;
        rows.retain(|c| c.technique_id.is_some() || c.interactions + c.sales > 0);
        rows.sort_by_key(|c| (c.technique_id.is_none(), c.name.to_lowercase()));
        Ok(rows)
    }

    pub fn lost_reasons(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<(String, u64)>> {
        let mut stmt = self.conn().prepare_cached(LOST_REASONS_SQL)?;
        let rows = stmt.query_map(params![from, to], |r| Ok((r.get(0)?, r.get::<_, i64>(1)?.unsigned_abs())))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn technique_report(&self, from: NaiveDate, to: NaiveDate) -> Result<TechniqueReport> {
        let (overall_win_rate, techniques) = judge_all(&self.technique_counts(from, to)?);
        Ok(TechniqueReport { from, to, overall_win_rate, techniques, lost_reasons: self.lost_reasons(from, to)? })
    }

    pub fn cards_overdue(&self, today: NaiveDate) -> Result<u64> {
        let n: i64 = self.conn().query_row(
            "SELECT count(*) FROM flashcards WHERE suspended = 0 AND state <> 'new' AND due_on < ?1",
            params![today],
            |r| r.get(0),
        )?;
        Ok(n.unsigned_abs())
    }

    pub fn last_sale_on_or_before(&self, today: NaiveDate) -> Result<Option<NaiveDate>> {
        Ok(self.conn().query_row(
            "SELECT max(sold_on) FROM sales WHERE sold_on <= ?1 AND kind = 'sale'",
            params![today],
            |r| r.get(0),
        )?)
    }

    /// Every coach insight as of `today`, most urgent first.
    pub fn insights(&self, today: NaiveDate, config: &Config) -> Result<Vec<Insight>> {
        self.insights_with(today, config, &self.technique_report(today - Days::new(364), today)?)
    }

    /// The insights, given the last year's technique report the caller also shows.
    pub fn insights_with(&self, today: NaiveDate, config: &Config, year: &TechniqueReport) -> Result<Vec<Insight>> {
        let goals = self.goal_paces(today)?;
        let checklist = self.checklist(today, &config.cadence_defaults(), config.new_cards_per_day)?;
        self.insights_from(today, config, &goals, &checklist, year)
    }

    /// The insights from a checklist and goal paces the caller already has (Today has both).
    pub fn insights_from(
        &self,
        today: NaiveDate,
        config: &Config,
        goals: &[(crate::domain::goal::Goal, crate::domain::pace::Pace)],
        checklist: &super::Checklist,
        year: &TechniqueReport,
    ) -> Result<Vec<Insight>> {
        let past_max: Vec<(String, i64)> =
            checklist.past_max_gap.iter().map(|s| (s.customer.clone(), s.days_since)).collect();
        let complaints: Vec<(String, NaiveDate)> =
            checklist.complaints.iter().map(|c| (c.customer.clone(), c.opened_on)).collect();
        let last_30 = self.scores_between(today - Days::new(29), today)?;
        let prior_90 = self.scores_between(today - Days::new(119), today - Days::new(30))?;
        let mut found = insights(&InsightInputs {
            today,
            currency: &config.currency,
            working_days: config.working_days,
            goals,
            past_max_cadence: &past_max,
            open_complaints: &complaints,
            scores_last_30: &last_30,
            scores_prior_90: &prior_90,
            techniques: &year.techniques,
            overall_win_rate: year.overall_win_rate,
            cards_overdue: self.cards_overdue(today)?,
            last_sale: self.last_sale_on_or_before(today)?,
        });
        found.extend(self.pipeline_insights(today, config, goals)?);
        found.extend(self.segment_technique_insight(today)?);
        found.extend(self.objection_insight(today, config)?);
        crate::domain::insight::rank(&mut found);
        Ok(found)
    }

    /// The technique most clearly ahead within one segment over the last 12 months, with
    /// that segment's follow-ups due in the coming week.
    fn segment_technique_insight(&self, today: NaiveDate) -> Result<Option<Insight>> {
        use crate::domain::technique_groups::{GroupBy, finding_insight, judge_by_group, strongest_finding};
        let groups = judge_by_group(&self.technique_counts_by(GroupBy::Segment, today - Days::new(364), today)?);
        let Some(found) = strongest_finding(&groups) else { return Ok(None) };
        let due = self.followups_due_in_group(GroupBy::Segment, &found.group, today, today + Days::new(6))?;
        Ok(Some(finding_insight(&found, &due)))
    }

    /// The objection costing the most deals over the last 12 months.
    fn objection_insight(&self, today: NaiveDate, config: &Config) -> Result<Option<Insight>> {
        use crate::domain::objection_figures::objection_figures;
        let (from, to) = crate::domain::segments::default_period(today);
        let inputs = self.objection_inputs(from, to)?;
        let figures = objection_figures(
            &inputs.counts,
            inputs.overall_win_rate,
            &inputs.segment_interactions,
            &config.objections,
        );
        Ok(crate::domain::objection_insight::objection_insight(&figures, inputs.overall_win_rate))
    }

    /// The pipeline rules' inputs: each goal's forecast, the big deals going cold, and the
    /// 12 months of stage moves the stalling stage is read from.
    fn pipeline_insights(
        &self,
        today: NaiveDate,
        config: &Config,
        goals: &[(crate::domain::goal::Goal, crate::domain::pace::Pace)],
    ) -> Result<Vec<Insight>> {
        use crate::domain::forecast::{big_cold_deals, stalling_stage};
        let deals = self.pipeline_deals()?;
        let forecasts: Vec<_> = goals
            .iter()
            .map(|(goal, pace)| {
                (goal.clone(), pace.clone(), crate::domain::forecast::forecast_for(goal, pace.done, today, &deals))
            })
            .collect();
        let stages = self.stages()?;
        // The same open deals the forecasts read, in `open_deals` order: not read twice.
        let open: Vec<_> = deals.into_iter().map(|(deal, _, _)| deal).collect();
        let big = big_cold_deals(&open, &stages, today);
        let stall = stalling_stage(&self.stage_conversion(today)?);
        Ok(crate::domain::insight_pipeline::pipeline_insights(&forecasts, &big, stall.as_ref(), &config.currency))
    }
}
