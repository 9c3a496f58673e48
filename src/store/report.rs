//! Gathering a period's numbers for the review report.

use super::Store;
use crate::config::Config;
use crate::domain::pace;
use crate::domain::report::{FollowupSummary, GoalMovement, Period, ReportData, SalesSummary};
use crate::domain::report_buyers::SegmentSales;
use crate::domain::segments::Dimension;
use crate::domain::technique_groups::{GroupBy, judge_by_group, strongest_finding};
use anyhow::Result;
use chrono::{Datelike, Days, Months, NaiveDate};
use rusqlite::params;

/// The review's complaints resolved in its period (complaints_by_resolved).
const COMPLAINTS_RESOLVED_SQL: &str = "SELECT count(*) FROM complaints WHERE resolved_on BETWEEN ?1 AND ?2";

pub(super) fn hot_queries() -> Vec<super::plans::HotQuery> {
    vec![super::plans::HotQuery::new("complaints resolved in a period", COMPLAINTS_RESOLVED_SQL, 2)]
}

/// The period containing `date` (a week from the configured week start, or a calendar
/// month) up to `date`, and the same days of the period before (a week-to-date against
/// the same weekdays last week, so early in a period the comparison is fair).
pub fn bounds(
    period: Period,
    date: NaiveDate,
    week_starts_monday: bool,
) -> (NaiveDate, NaiveDate, NaiveDate, NaiveDate) {
    let (from, prior_from) = match period {
        Period::Week => {
            let back = if week_starts_monday {
                date.weekday().num_days_from_monday()
            } else {
                date.weekday().num_days_from_sunday()
            };
            let from = date - Days::new(u64::from(back));
            (from, from - Days::new(7))
        }
        Period::Month => {
            let from = date.with_day(1).unwrap_or(date);
            (from, from.checked_sub_months(Months::new(1)).unwrap_or(from))
        }
    };
    let elapsed = Days::new((date - from).num_days().unsigned_abs());
    let prior_to = (prior_from + elapsed).min(from - Days::new(1));
    (from, date, prior_from, prior_to)
}

impl Store {
    fn sales_summary(&self, from: NaiveDate, to: NaiveDate) -> Result<SalesSummary> {
        Ok(self.conn().query_row(
            "SELECT count(*) FILTER (WHERE kind = 'sale'), count(*) FILTER (WHERE kind = 'refund'),
                    coalesce(sum(CASE kind WHEN 'refund' THEN -amount_minor ELSE amount_minor END), 0)
             FROM sales WHERE sold_on BETWEEN ?1 AND ?2",
            params![from, to],
            |r| {
                Ok(SalesSummary {
                    sales: r.get::<_, i64>(0)?.unsigned_abs(),
                    refunds: r.get::<_, i64>(1)?.unsigned_abs(),
                    revenue: r.get(2)?,
                })
            },
        )?)
    }

    fn count_between(&self, sql: &str, from: NaiveDate, to: NaiveDate) -> Result<u64> {
        let n: i64 = self.conn().query_row(sql, params![from, to], |r| r.get(0))?;
        Ok(n.unsigned_abs())
    }

    pub fn report_data(&self, period: Period, date: NaiveDate, config: &Config) -> Result<ReportData> {
        let (from, to, prior_from, prior_to) = bounds(period, date, config.week_starts_monday);
        let goals = self
            .goals(true)?
            .into_iter()
            .filter(|g| g.start_on <= to && g.deadline_on >= from)
            .map(|goal| {
                let daily = self.goal_daily(&goal)?;
                let before = pace::compute(&goal.window(), &daily, from - Days::new(1)).done;
                let pace_at_end = pace::compute(&goal.window(), &daily, to);
                Ok(GoalMovement { goal, done_before: before, pace_at_end })
            })
            .collect::<Result<_>>()?;
        let followups = self.followup_dates(from, to)?;
        let followups = FollowupSummary {
            due: followups.len() as u64,
            on_time: followups.iter().filter(|f| f.completed.is_some_and(|c| c <= f.due)).count() as u64,
            late: followups.iter().filter(|f| f.completed.is_some_and(|c| c > f.due)).count() as u64,
            open: followups.iter().filter(|f| f.completed.is_none()).count() as u64,
        };
        let techniques = self.technique_report(from, to)?;
        let buyers = |from, to| -> Result<Vec<SegmentSales>> {
            let groups = self.segment_figures(Dimension::Segment, from, to, date, &config.cadence_defaults())?;
            Ok(groups
                .into_iter()
                .map(|g| SegmentSales {
                    segment: g.group,
                    revenue: g.revenue_minor,
                    share: g.revenue_share,
                    sales: g.sales,
                })
                .collect())
        };
        let year = self.technique_counts_by(GroupBy::Segment, to - Days::new(364), to)?;
        let finding = strongest_finding(&judge_by_group(&year));
        let mut insights = self.insights(to, config)?;
        insights.truncate(5);
        Ok(ReportData {
            period,
            from,
            to,
            prior_from,
            prior_to,
            goals,
            sales: self.sales_summary(from, to)?,
            prior_sales: self.sales_summary(prior_from, prior_to)?,
            followups,
            new_customers: self.count_between(
                "SELECT count(DISTINCT s.customer_id) FROM sales s WHERE s.kind = 'sale' AND s.sold_on BETWEEN ?1 AND ?2
                   AND NOT EXISTS (SELECT 1 FROM sales e WHERE e.customer_id = s.customer_id AND e.kind = 'sale' AND e.sold_on < ?1)",
                from,
                to,
            )?,
            repeat_customers: self.count_between(
                "SELECT count(DISTINCT s.customer_id) FROM sales s WHERE s.kind = 'sale' AND s.sold_on BETWEEN ?1 AND ?2
                   AND EXISTS (SELECT 1 FROM sales e WHERE e.customer_id = s.customer_id AND e.kind = 'sale' AND e.sold_on < ?1)",
                from,
                to,
            )?,
            scores: self.scores_between(from, to)?,
            complaints_opened: self.count_between("SELECT count(*) FROM complaints WHERE opened_on BETWEEN ?1 AND ?2", from, to)?,
            complaints_resolved: self.count_between(COMPLAINTS_RESOLVED_SQL, from, to)?,
            overall_win_rate: techniques.overall_win_rate,
            techniques: techniques.techniques,
            insights,
            buyers: buyers(from, to)?,
            prior_buyers: buyers(prior_from, prior_to)?,
            finding,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn period_bounds() {
        let b = |p, day, monday| bounds(p, d(day), monday);
        // Mon-Fri this week against Mon-Fri last week (Friday 27 Nov 2026).
        assert_eq!(
            b(Period::Week, "2026-11-27", true),
            (d("2026-11-23"), d("2026-11-27"), d("2026-11-16"), d("2026-11-20"))
        );
        assert_eq!(
            b(Period::Week, "2026-11-27", false),
            (d("2026-11-22"), d("2026-11-27"), d("2026-11-15"), d("2026-11-20"))
        );
        // March 1-31 against all of February, which has fewer days.
        assert_eq!(
            b(Period::Month, "2026-03-31", true),
            (d("2026-03-01"), d("2026-03-31"), d("2026-02-01"), d("2026-02-28"))
        );
        assert_eq!(
            b(Period::Month, "2026-11-10", true),
            (d("2026-11-01"), d("2026-11-10"), d("2026-10-01"), d("2026-10-10"))
        );
    }
}
