//! What every screen may read while it updates or renders.

use crate::config::Config;
use crate::tui::theme::Theme;
use chrono::NaiveDate;

pub struct Ctx {
    pub today: NaiveDate,
    pub config: Config,
    pub theme: Theme,
}
