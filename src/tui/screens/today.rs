//! Today: the morning briefing. Goal pace lines on top, then the checklist worked top to
//! bottom: open complaints, overdue, due today, customers to get back in touch with.

use super::goals::GoalRow;
use super::today_coach::{CoachDone, CoachJob, coach_lines};
use super::today_rest::{Rest, RestDone, RestJob, read_rest};
use super::{Effect, Screen, briefing};
use crate::domain::followup::{FollowupStatus, Section};
use crate::domain::text::{fit, one_line, truncate};
use crate::present::{Urgency, item_text};
use crate::store::{Checklist, ChecklistItem, ChecklistRow, Store};
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::forms;
use crate::tui::keymap::{self, Binding, KeyCode};
use crate::tui::widgets::list_window::ListWindow;
use crate::tui::widgets::sections::{LineRef, SectionLayout};
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// Rows fetched beyond the screen in each direction, so scrolling rarely queries.
const MARGIN: u64 = 100;

const KEYS: &[Binding] = &[
    keymap::bind(&[keymap::ch('x'), keymap::ch(' ')], Action::Complete, "done: log what happened, set the next date"),
    keymap::bind(&[keymap::ch('s')], Action::Snooze, "snooze to another day (or plan a call)"),
    keymap::bind(&[keymap::ch('F')], Action::Respond, "complaint: record today's first response"),
    keymap::bind(&[keymap::ch('e')], Action::Edit, "edit the follow-up, complaint or deal (a new close date)"),
    keymap::bind(&[keymap::key(KeyCode::Enter)], Action::Open, "open the customer"),
    keymap::bind(&[keymap::ch('>')], Action::NextStage, "deal going cold: move it a stage on"),
    keymap::bind(&[keymap::ch('W')], Action::WinDeal, "deal going cold: won, with its sale"),
    keymap::bind(&[keymap::ch('X')], Action::LoseDeal, "deal going cold: lost, say why"),
];

#[derive(Default)]
pub struct TodayScreen {
    goals: Vec<GoalRow>,
    insights: Vec<crate::domain::insight::Insight>,
    /// The coach lines come after the frame is drawn (`settle`): at a million rows they
    /// take seconds, the rest of the screen milliseconds. Off in tests, which draw at once.
    defer_coach: bool,
    /// The coach lines are older than the rest of the screen.
    coach_stale: bool,
    /// Counts refreshes: which one the coach lines are wanted for (`coach_job`).
    coach_ticket: u64,
    /// A coach job was handed out and has not come back; only one is out at a time.
    coach_out: bool,
    /// The next refresh reads only the quick part (the first frame, when deferring).
    quick_next: bool,
    /// The goals, stay in touch and the deals going cold are still to be read (`settle`).
    rest_stale: bool,
    /// A job for them was handed out (`rest_job`) and has not come back.
    rest_out: bool,
    /// The refresh whose rest is on screen (`coach_ticket` then): an answer from beside is
    /// shown only when newer.
    rest_ticket: u64,
    item_of_the_day: Option<String>,
    checklist: Checklist,
    layout: SectionLayout,
    window: ListWindow,
    cache_start: u64,
    cache: Vec<Option<ChecklistRow>>,
}

impl TodayScreen {
    /// From now on the coach lines wait for `settle` (the real terminal's loop), and the
    /// first refresh reads only the checklist's quick part: at a million rows the goals,
    /// stay in touch and the deals going cold take half a second, the rest milliseconds.
    pub fn defer_coach(&mut self) {
        self.defer_coach = true;
        self.quick_next = true;
    }

    /// One step towards a complete screen, if one is left: what the first frame left out,
    /// then the coach lines, unless they are worked out `beside` (`coach_job`). True if it
    /// took one (the caller draws again).
    pub fn settle(&mut self, ctx: &Ctx, store: &mut Store, beside: bool) -> Result<bool> {
        if self.rest_stale {
            if beside {
                return Ok(false);
            }
            self.refresh(ctx, store)?;
            return Ok(true);
        }
        if !self.coach_stale || beside {
            return Ok(false);
        }
        self.refresh_coach(ctx, store)?;
        Ok(true)
    }

    /// Puts a refresh's goals and checklist on screen, keeping the selection on its item.
    fn show(&mut self, rest: Rest, ctx: &Ctx, store: &mut Store) -> Result<()> {
        let kept = self.selected_row().map(|row| identity(&row.item));
        self.goals = rest.goals;
        self.checklist = rest.checklist;
        self.coach_stale = true;
        self.coach_ticket += 1;
        if !self.defer_coach {
            self.refresh_coach(ctx, store)?;
        }
        self.item_of_the_day = store.item_of_the_day(ctx.today)?.map(|i| i.summary());
        self.layout = SectionLayout::new(&self.checklist.counts());
        let layout = &self.layout;
        self.window.set_total(layout.len(), |i| layout.is_selectable(i));
        self.cache.clear();
        self.fill_cache(store)?;
        let start = self.cache_start;
        let rows = self.cache.iter().enumerate();
        let cached = rows.filter_map(|(i, row)| Some((start + i as u64, identity(&row.as_ref()?.item))));
        // An item that moved further than the rows at hand (hundreds of customers to call
        // come in above the cards row, a day of imports among the overdue) is looked for
        // by what it is.
        let cached_has = |item: Identity| self.cache.iter().flatten().any(|row| identity(&row.item) == item);
        let moved_far = match kept.filter(|item| !cached_has(*item)) {
            Some(item) => self.line_of(item, store)?.map(|line| (line, item)),
            None => None,
        };
        let layout = &self.layout;
        self.window.keep_on(kept, cached.chain(moved_far), |i| layout.is_selectable(i));
        self.fill_cache(store)
    }

    /// The line of an item wherever it is: in the sections the checklist holds whole, or,
    /// for a due follow-up (read a window at a time), by its place in its section.
    fn line_of(&self, item: Identity, store: &Store) -> Result<Option<u64>> {
        let list = &self.checklist;
        let found = match item {
            Identity::Complaint(id) => {
                list.complaints.iter().position(|c| c.id == id).map(|i| (Section::Complaints, i as u64))
            }
            Identity::ColdDeal(id) => {
                list.cold_deals.iter().position(|d| d.deal_id == id).map(|i| (Section::ColdDeals, i as u64))
            }
            Identity::StayInTouch(id) => {
                list.stay_in_touch.iter().position(|s| s.customer_id == id).map(|i| (Section::StayInTouch, i as u64))
            }
            Identity::Cards => Some((Section::Cards, 0)),
            Identity::Followup(id) => match store.followup_if_any(id)? {
                Some(f) if f.status == FollowupStatus::Open => {
                    let section = if Some(f.due_on) == list.today { Section::Today } else { Section::Overdue };
                    store.due_position(list, section, &f)?.map(|i| (section, i))
                }
                _ => None,
            },
        };
        let Some((section, index)) = found else { return Ok(None) };
        let shown = self.layout.sections().iter().any(|&(s, rows)| s == section && index < rows);
        Ok(shown.then(|| self.layout.first_line_of(section) + 1 + index))
    }

    fn refresh_coach(&mut self, ctx: &Ctx, store: &Store) -> Result<()> {
        self.insights = coach_lines(store, ctx.today, &ctx.config, &self.paces(), &self.checklist)?;
        self.coach_stale = false;
        Ok(())
    }

    fn paces(&self) -> Vec<(crate::domain::goal::Goal, crate::domain::pace::Pace)> {
        self.goals.iter().map(|row| (row.goal.clone(), row.pace.clone())).collect()
    }

    /// Back on the tab from another, or another process wrote: the quick part read now, and
    /// the rows it had of the rest (the goals, stay in touch, the deals going cold) kept on
    /// screen until a fresh rest comes from beside (`rest_job`), as on the first frame. At a
    /// million rows the rest held the keys half a second.
    pub fn refresh_keeping_rest(&mut self, ctx: &Ctx, store: &mut Store) -> Result<()> {
        let quick = store.checklist_first(ctx.today, ctx.config.new_cards_per_day)?;
        let checklist = rest_with_quick(std::mem::take(&mut self.checklist), quick);
        self.rest_stale = true;
        let goals = std::mem::take(&mut self.goals);
        self.show(Rest { goals, checklist }, ctx, store)
    }

    /// Nothing is left to read or out: the rest and the coach lines are those of the
    /// latest refresh.
    pub fn settled(&self) -> bool {
        !(self.rest_stale || self.rest_out || self.coach_stale || self.coach_out)
    }

    /// The rest of the first frame as a job for another thread, while it is still to be read
    /// and no job for it is out; the screen shows the quick part until it comes.
    pub fn rest_job(&mut self, ctx: &Ctx, store: &Store) -> Option<RestJob> {
        if !self.rest_stale || self.rest_out {
            return None;
        }
        let job = RestJob {
            path: store.path()?.to_path_buf(),
            ticket: self.coach_ticket,
            today: ctx.today,
            config: ctx.config.clone(),
        };
        self.rest_out = true;
        Some(job)
    }

    /// Takes a rest job's answer: true when shown. The answer for the latest refresh ends
    /// the wait; one overtaken by a return or another process's write is shown too when it
    /// is newer than the rest on screen, with the quick part kept and the rest asked for
    /// again, so it comes even while another process writes faster than it is read. One
    /// older than a read in place is dropped. The latest's failure is returned to be said.
    pub fn accept_rest(&mut self, done: RestDone, ctx: &Ctx, store: &mut Store) -> Result<bool> {
        self.rest_out = false;
        if !self.rest_stale || done.ticket <= self.rest_ticket {
            return Ok(false);
        }
        let latest = done.ticket == self.coach_ticket;
        let rest = match done.read {
            Ok(rest) => *rest,
            Err(why) if latest => {
                self.rest_stale = false;
                anyhow::bail!(why)
            }
            Err(_) => return Ok(false),
        };
        self.rest_stale = !latest;
        self.rest_ticket = done.ticket;
        let rest = if latest {
            rest
        } else {
            // The quick part on screen is a newer refresh's.
            Rest { checklist: rest_with_quick(rest.checklist, std::mem::take(&mut self.checklist)), ..rest }
        };
        self.show(rest, ctx, store)?;
        Ok(true)
    }

    /// The coach lines as a job for another thread, when they are all that is left and no
    /// job is out; the screen shows its older lines until the answer comes (`accept_coach`).
    /// `None` for a store with no file, which only this connection can read.
    pub fn coach_job(&mut self, ctx: &Ctx, store: &Store) -> Option<CoachJob> {
        if self.rest_stale || !self.coach_stale || self.coach_out {
            return None;
        }
        let job = CoachJob {
            path: store.path()?.to_path_buf(),
            ticket: self.coach_ticket,
            today: ctx.today,
            config: ctx.config.clone(),
            paces: self.paces(),
            checklist: self.checklist.clone(),
        };
        self.coach_out = true;
        Some(job)
    }

    /// Takes a coach job's answer: true when it was for the latest refresh and is shown.
    /// A failure is given up on until the next refresh (and returned to be said).
    pub fn accept_coach(&mut self, done: CoachDone) -> Result<bool> {
        self.coach_out = false;
        if done.ticket != self.coach_ticket {
            return Ok(false);
        }
        self.coach_stale = false;
        self.insights = *done.read.map_err(anyhow::Error::msg)?;
        Ok(true)
    }

    fn selected_row(&self) -> Option<&ChecklistRow> {
        self.cached(self.window.selected()?)
    }

    fn cached(&self, flat: u64) -> Option<&ChecklistRow> {
        let index = flat.checked_sub(self.cache_start)?;
        self.cache.get(index as usize)?.as_ref()
    }

    /// Makes sure every visible line's row is in the cache, fetching a margin around it.
    fn fill_cache(&mut self, store: &Store) -> Result<()> {
        let visible = self.window.visible();
        let covered = self.cache_start..self.cache_start + self.cache.len() as u64;
        if visible.start >= covered.start && visible.end <= covered.end && !self.cache.is_empty() {
            return Ok(());
        }
        let start = visible.start.saturating_sub(MARGIN);
        let end = (visible.end + MARGIN).min(self.layout.len());
        let mut cache: Vec<Option<ChecklistRow>> = vec![None; (end - start) as usize];
        for (section, rows) in self.layout.row_ranges(start..end) {
            let fetched = store.checklist_rows(&self.checklist, section, rows.start, rows.end - rows.start)?;
            let first_line = self.layout.first_line_of(section) + 1 + rows.start;
            for (i, row) in fetched.into_iter().enumerate() {
                if let Some(slot) = cache.get_mut((first_line + i as u64 - start) as usize) {
                    *slot = Some(row);
                }
            }
        }
        self.cache_start = start;
        self.cache = cache;
        Ok(())
    }

    fn row_line(&self, row: &ChecklistRow, width: usize, ctx: &Ctx, selected: bool) -> Line<'static> {
        let mut text = item_text(&row.item, ctx.today);
        let when_width = if width >= 60 { 13 } else { 8 };
        if let ChecklistItem::Complaint(c) = &row.item {
            // Two clocks, each named: its age (as the coach counts it) and the reply due;
            // narrow, the reply's state alone, as short as the follow-ups' "1d late".
            let (age, reply) = super::complaint_clocks(c, ctx.today);
            if width >= 60 {
                text.what = format!("{age} · {}", text.what).into();
                text.when_short = reply;
            } else if c.first_response_on.is_some() {
                text.when_short = reply;
            }
        }
        let when = if width >= 60 { text.when_short.clone() } else { text.when_short.replace("today ", "") };
        let when_style = match text.urgency {
            Urgency::Late => ctx.theme.danger,
            Urgency::Due => ctx.theme.warning,
            Urgency::Soon => ctx.theme.dim,
        };
        let name_width = if width >= 70 { 22 } else { (width / 3).max(8) };
        // Two spaces after the tag, so "overdue a call" never reads on into the text after it.
        let tag_width = if width >= 70 { 16 } else { 0 };
        let what_width = width.saturating_sub(2 + name_width + 1 + tag_width + when_width + 1);
        let mut spans =
            vec![Span::raw(if selected { "▸ " } else { "  " }), Span::raw(format!("{} ", fit(&text.who, name_width)))];
        if tag_width > 0 {
            spans.push(Span::styled(format!("{}  ", fit(&text.tag, tag_width - 2)), ctx.theme.dim));
        }
        spans.push(Span::raw(fit(&text.what, what_width)));
        spans.push(Span::styled(format!(" {:>when_width$}", truncate(&when, when_width)), when_style));
        let line = Line::from(spans);
        if selected { line.style(ctx.theme.selected) } else { line }
    }

    /// The form for `x` on the selected row.
    fn complete(&self, store: &Store) -> Result<Effect> {
        let Some(row) = self.selected_row() else { return Ok(Effect::Status("Nothing selected".into())) };
        Ok(match &row.item {
            ChecklistItem::Followup { followup_id, .. } => Effect::OpenForm(forms::complete_followup_form(
                &store.followup(*followup_id)?,
                store,
                self.checklist.today.unwrap_or_default(),
            )?),
            ChecklistItem::Complaint(complaint) => Effect::OpenForm(forms::resolve_complaint_form(complaint)),
            ChecklistItem::StayInTouch(s) => Effect::OpenForm(forms::interaction_form_for(s.customer_id)),
            ChecklistItem::ColdDeal(d) => Effect::OpenForm(forms::deal_touch_form(d.deal_id, &d.title, d.customer_id)),
            ChecklistItem::Cards { .. } => Effect::StartReview,
        })
    }

    /// `F` on a complaint: today is its first response (the 48 hours are met or missed).
    fn respond(&mut self, ctx: &Ctx, store: &mut Store) -> Result<Effect> {
        let Some(ChecklistItem::Complaint(c)) = self.selected_row().map(|row| row.item.clone()) else {
            return Ok(Effect::Status("F records the first response to a complaint: select one".into()));
        };
        if let Some(day) = c.first_response_on {
            return Ok(Effect::Status(format!("Already answered on {}; x resolves it", day.format("%a %-d %b"))));
        }
        store.respond_to_complaint(c.id, ctx.today)?;
        self.refresh(ctx, store)?;
        let days = (ctx.today - c.opened_on).num_days();
        Ok(Effect::Status(format!(
            "First response to {}'s complaint recorded (open {}); x resolves it",
            c.customer,
            crate::domain::text::counted(days, "day", "days")
        )))
    }

    fn snooze(&self, ctx: &Ctx, store: &Store) -> Result<Effect> {
        let Some(row) = self.selected_row() else { return Ok(Effect::Status("Nothing selected".into())) };
        Ok(match &row.item {
            ChecklistItem::Followup { followup_id, .. } => {
                Effect::OpenForm(forms::snooze_form(&store.followup(*followup_id)?, ctx))
            }
            ChecklistItem::StayInTouch(s) => Effect::OpenForm(forms::followup_form_for(Some(s.customer_id), ctx)),
            ChecklistItem::Complaint(_) => Effect::Status("A complaint cannot wait: x resolves it".into()),
            ChecklistItem::ColdDeal(_) => {
                Effect::Status("A deal waits by a new close date: e sets one; > moves it on, W wins, X loses".into())
            }
            ChecklistItem::Cards { .. } => Effect::Status("Cards wait until tomorrow on their own".into()),
        })
    }
}

/// The rest of one read (stay in touch, the deals going cold) with the quick part of another.
fn rest_with_quick(rest: Checklist, quick: Checklist) -> Checklist {
    Checklist {
        stay_in_touch: rest.stay_in_touch,
        past_max_gap: rest.past_max_gap,
        cold_deals: rest.cold_deals,
        ..quick
    }
}

/// What a selection is: the item, not its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Identity {
    Complaint(i64),
    Followup(i64),
    StayInTouch(i64),
    ColdDeal(i64),
    Cards,
}

/// What a checklist row is about, to find it again after a reload: its kind and its id.
fn identity(item: &ChecklistItem) -> Identity {
    match item {
        ChecklistItem::Complaint(complaint) => Identity::Complaint(complaint.id),
        ChecklistItem::Followup { followup_id, .. } => Identity::Followup(*followup_id),
        ChecklistItem::StayInTouch(s) => Identity::StayInTouch(s.customer_id),
        ChecklistItem::ColdDeal(d) => Identity::ColdDeal(d.deal_id),
        ChecklistItem::Cards { .. } => Identity::Cards,
    }
}

impl Screen for TodayScreen {
    fn customer_in_view(&self) -> Option<i64> {
        self.selected_row()?.item.customer_id()
    }

    fn keys(&self) -> &'static [Binding] {
        KEYS
    }

    fn refresh(&mut self, ctx: &Ctx, store: &mut Store) -> Result<()> {
        self.rest_stale = std::mem::take(&mut self.quick_next);
        let rest = if self.rest_stale {
            Rest { goals: Vec::new(), checklist: store.checklist_first(ctx.today, ctx.config.new_cards_per_day)? }
        } else {
            read_rest(store, ctx.today, &ctx.config)?
        };
        self.show(rest, ctx, store)?;
        if !self.rest_stale {
            self.rest_ticket = self.coach_ticket;
        }
        Ok(())
    }

    fn update(&mut self, action: Action, ctx: &Ctx, store: &mut Store) -> Result<Effect> {
        if let Some(ChecklistItem::ColdDeal(d)) = self.selected_row().map(|row| &row.item) {
            let deal = store.deal(d.deal_id)?;
            if let Some(effect) = super::pipeline::act_on_deal(action, &deal, ctx, store)? {
                self.refresh(ctx, store)?;
                return Ok(effect);
            }
        }
        if matches!(action, Action::NextStage | Action::WinDeal | Action::LoseDeal) {
            return Ok(Effect::Status(">, W and X work on a deal going cold".into()));
        }
        let layout = &self.layout;
        let selectable = |i| layout.is_selectable(i);
        match action {
            action if self.window.navigate(action, selectable) => {}
            Action::Complete => return self.complete(store),
            Action::Respond => return self.respond(ctx, store),
            Action::Snooze => return self.snooze(ctx, store),
            Action::Edit => {
                return Ok(match self.selected_row().map(|row| &row.item) {
                    Some(ChecklistItem::Followup { followup_id, .. }) => {
                        Effect::OpenForm(forms::edit_followup_form(&store.followup(*followup_id)?))
                    }
                    Some(ChecklistItem::Complaint(c)) => Effect::OpenForm(forms::edit_complaint_form(c)),
                    Some(_) => Effect::Status(
                        "Only a follow-up, a complaint or a deal is edited here; Enter opens the customer".into(),
                    ),
                    None => Effect::Status("Nothing selected".into()),
                });
            }
            Action::Open => {
                return Ok(match self.selected_row().map(|row| (&row.item, row.item.customer_id())) {
                    Some((_, Some(id))) => Effect::OpenCustomer(id),
                    Some((ChecklistItem::Cards { .. }, None)) => Effect::StartReview,
                    _ => Effect::Done,
                });
            }
            _ => return Ok(Effect::Ignored),
        }
        self.fill_cache(store)?;
        Ok(Effect::Done)
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        if area.height == 0 {
            return;
        }
        let summary = briefing::summary(&self.layout, self.checklist.cards_due, ctx, area.width);
        Paragraph::new(summary).render(Rect { height: 1, ..area }, buf);
        let area = Rect { y: area.y + 1, height: area.height - 1, ..area };
        // The briefing: the coach's top three, one pace line per goal, the item of the day;
        // each capped so most of the room stays with the checklist.
        let coach_lines = (self.insights.len().min(3) as u16).min(area.height / 6);
        briefing::render_coach(&self.insights, ctx, Rect { height: coach_lines, ..area }, buf);
        let area = Rect { y: area.y + coach_lines, height: area.height - coach_lines, ..area };
        let goal_lines = (self.goals.len() as u16).min(area.height / 4);
        briefing::render_goals(&self.goals, ctx, Rect { height: goal_lines, ..area }, buf);
        let area = Rect { y: area.y + goal_lines, height: area.height - goal_lines, ..area };
        let quote_lines = u16::from(self.item_of_the_day.is_some() && area.height >= 12);
        if let (1, Some(item)) = (quote_lines, &self.item_of_the_day) {
            let text = truncate(&one_line(item), usize::from(area.width).saturating_sub(2)).into_owned();
            Paragraph::new(Line::from(vec![Span::styled("❝ ", ctx.theme.key), Span::styled(text, ctx.theme.good)]))
                .render(Rect { height: 1, ..area }, buf);
        }
        let list_area = Rect { y: area.y + quote_lines, height: area.height - quote_lines, ..area };
        self.window.set_area(list_area, 1);
        if self.layout.is_empty() {
            let lines = vec![
                Line::raw(""),
                Line::styled("Nothing overdue, nothing due today.", ctx.theme.good),
                Line::styled("A good day to call a customer you have not heard from.", ctx.theme.dim),
            ];
            crate::tui::widgets::wrap::render_hint(lines, list_area, buf);
            return;
        }
        let selected = self.window.selected();
        let width = list_area.width as usize;
        let lines: Vec<Line> = self
            .window
            .visible()
            .map(|flat| match self.layout.line(flat) {
                Some(LineRef::Header { section, count }) => {
                    let style = match section {
                        Section::Overdue | Section::Complaints => ctx.theme.danger,
                        _ => ctx.theme.header,
                    };
                    Line::styled(format!("{} ({count})", section.title()), style)
                }
                Some(LineRef::Row { .. }) => match self.cached(flat) {
                    Some(row) => self.row_line(row, width, ctx, selected == Some(flat)),
                    None => Line::styled("  …", ctx.theme.dim),
                },
                None => Line::raw(""),
            })
            .collect();
        Paragraph::new(lines).render(list_area, buf);
    }
}
