//! Everything the seller can ask for. Keys and mouse events become an `Action`; only
//! `App::update` turns an action into a change of state.

use super::tab::Tab;
use ratatui::crossterm::event::KeyEvent;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave the program.
    Quit,
    /// Give the terminal back to the shell and stop, like any program on Ctrl-z; `fg`
    /// returns.
    Suspend,
    /// Close the overlay or form on top, or leave a detail view; on a tab, leave the program.
    Back,
    /// Like `Back`, but on a tab it stays: Esc pressed once too often never quits.
    Leave,
    /// Show or leave out hidden (or archived) items.
    ShowHidden,
    /// Show or hide the help overlay for the current screen.
    ToggleHelp,
    /// In a form: the playbook cards for its technique, objections or customer's segment.
    Playbook,
    /// Switch to the tab to the right (wraps around).
    NextTab,
    /// Switch to the tab to the left (wraps around).
    PrevTab,
    /// Switch to this tab.
    GoTo(Tab),
    /// Move the selection one row up.
    Up,
    /// Move the selection one row down.
    Down,
    /// Move the selection one page up.
    PageUp,
    /// Move the selection one page down.
    PageDown,
    /// Jump to the first row.
    Top,
    /// Jump to the last row.
    Bottom,
    /// Mouse wheel away from the user: scroll three rows up.
    WheelUp,
    /// Mouse wheel towards the user: scroll three rows down.
    WheelDown,
    /// A left click at this screen position: a tab switches to it, a row is selected.
    Click { column: u16, row: u16 },
    /// Reload the current screen from the database.
    Refresh,
    /// On the welcome screen: load the demo business.
    LoadDemo,
    /// On the welcome screen: start with an empty database.
    StartEmpty,
    /// Time passed or the terminal changed size: re-check the date and re-fit lists.
    Tick,
    /// Open the selected item (a goal's chart, a customer).
    Open,
    /// Add an item of the kind the current tab lists.
    Add,
    /// Edit the selected item.
    Edit,
    /// Complete the selected item (a follow-up, a complaint, a stay-in-touch call).
    Complete,
    /// Snooze the selected follow-up, or plan a call with the selected customer.
    Snooze,
    /// Cancel the selected follow-up.
    Cancel,
    /// Archive the selected item.
    Archive,
    /// Rate the selected customer's satisfaction.
    Rate,
    /// Open a complaint for the selected customer.
    Complain,
    /// Record today as the first response to the selected complaint.
    Respond,
    /// Filter the list by typing.
    Filter,
    /// Open the search over notes, products and customers (from any tab).
    Search,
    /// Start today's flashcard review.
    Train,
    /// In a review: show the answer.
    Reveal,
    /// In a review: grade the card 1 (again) to 4 (easy).
    Grade(u8),
    /// Edit the selected note's text in $EDITOR.
    EditBody,
    /// Add a flashcard by hand.
    AddCard,
    /// Add a product or service.
    AddProduct,
    /// Log progress on a custom goal.
    LogProgress,
    /// On Follow-ups: switch between the list by day and the agenda of the next days.
    Agenda,
    /// On Goals: switch between the goals and the sales log.
    SalesLog,
    /// In the sales log: the next period (today, week, month, year, all time).
    Period,
    /// In the sales log: any span of days.
    CustomPeriod,
    /// Refund the selected sale.
    Refund,
    /// On Insights: open or close the results by demographic (segment, industry ...).
    Demographics,
    /// Insights: open or close the objections page.
    Objections,
    /// Insights: open or close the techniques judged within each segment or industry.
    TechniquesBy,
    /// In the results by demographic: group by the next field.
    GroupBy,
    /// On Goals: switch between the goals and the pipeline of open deals.
    Pipeline,
    /// In the pipeline: move the deal a stage on.
    NextStage,
    /// In the pipeline: move the deal a stage back.
    PrevStage,
    /// In the pipeline: win the deal with its sale.
    WinDeal,
    /// In the pipeline: lose the deal, saying why.
    LoseDeal,
    /// Revert the latest change (from any window or command), and further presses the ones before.
    Undo,
    /// Make the latest undone change again.
    Redo,
    /// Mark or unmark the selected item as a favourite.
    Favourite,
    /// Hide or show the selected item.
    Hide,
    /// Delete the selected item.
    Delete,
    /// Open the form to log a sale (from any tab).
    LogSale,
    /// Open the form to log an interaction (from any tab).
    LogInteraction,
    /// In a form: save, if every field is valid.
    Submit,
    /// In a form: focus the next field.
    NextField,
    /// In a form: focus the previous field.
    PrevField,
    /// In a form: the next value of a choice field.
    NextChoice,
    /// In a form: the previous value of a choice field.
    PrevChoice,
    /// In a form: a key typed into the focused field.
    Input(KeyEvent),
}
