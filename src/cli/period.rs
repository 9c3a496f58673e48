//! `--from D --to D` for the figures that look back over a period: 12 months ending `--to`
//! (today by default), both days included.

use super::Env;
use crate::domain::FieldError;
use crate::domain::date_input::parse_past_date;
use crate::domain::segments::default_period;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::Args;

#[derive(Debug, Args)]
pub struct PeriodArgs {
    /// The first day counted (default: 12 months before --to).
    #[arg(long, allow_hyphen_values = true)]
    pub from: Option<String>,
    /// The last day counted, included (default: today).
    #[arg(long, allow_hyphen_values = true)]
    pub to: Option<String>,
}

impl PeriodArgs {
    pub fn resolve(&self, env: &Env) -> Result<(NaiveDate, NaiveDate)> {
        let day = |text: &Option<String>, field: &'static str| {
            text.as_deref().map(|d| parse_past_date(d, env.today).context(field)).transpose()
        };
        let to = day(&self.to, "to")?.unwrap_or(env.today);
        let from = day(&self.from, "from")?.unwrap_or(default_period(to).0);
        if to < from {
            return Err(
                FieldError::new("to", format!("{to} is before --from {from}; give the earlier day as --from")).into()
            );
        }
        Ok((from, to))
    }
}
