//! Every screen drawn on ratatui's TestBackend at fixed sizes and a fixed day.

mod common;

use common::{app, demo_store, draw};
use salescoach::store::Store;
use salescoach::tui::{Action, Tab};

const SIZES: [(u16, u16); 2] = [(80, 24), (40, 12)];

#[test]
fn welcome_screen() {
    let app = app(Store::open_in_memory().unwrap());
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("welcome_{w}x{h}"), draw(&app, w, h));
    }
}

#[test]
fn every_tab_with_demo_data() {
    let mut app = app(demo_store());
    for tab in Tab::ALL {
        app.update(Action::GoTo(tab));
        for (w, h) in SIZES {
            let name = format!("tab_{}_{w}x{h}", tab.title().to_lowercase().replace('-', ""));
            insta::assert_snapshot!(name, draw(&app, w, h));
        }
    }
}

#[test]
fn help_overlay() {
    let mut app = app(demo_store());
    app.update(Action::ToggleHelp);
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("help_{w}x{h}"), draw(&app, w, h));
    }
}

#[test]
fn tiny_and_odd_sizes_never_panic() {
    let mut app = app(demo_store());
    for tab in Tab::ALL {
        app.update(Action::GoTo(tab));
        for (w, h) in [(1, 1), (9, 3), (20, 5), (39, 11), (40, 12), (41, 13), (200, 60), (300, 8)] {
            draw(&app, w, h);
        }
    }
    app.update(Action::ToggleHelp);
    for (w, h) in [(1, 1), (12, 4), (40, 12)] {
        draw(&app, w, h);
    }
}

#[test]
fn goal_list_and_detail_with_chart() {
    let mut app = app(demo_store());
    app.update(Action::GoTo(Tab::Goals));
    for (w, h) in [(80, 24), (120, 40), (40, 12)] {
        insta::assert_snapshot!(format!("goals_list_{w}x{h}"), draw(&app, w, h));
    }
    app.update(Action::Down);
    app.update(Action::Open);
    for (w, h) in [(80, 24), (120, 40), (40, 12)] {
        insta::assert_snapshot!(format!("goal_detail_{w}x{h}"), draw(&app, w, h));
    }
    app.update(Action::ToggleHelp);
    insta::assert_snapshot!("goal_explained_120x40", draw(&app, 120, 40));
}

#[test]
fn forms() {
    let mut app = app(demo_store());
    app.update(Action::LogSale);
    for (w, h) in [(80, 24), (40, 12)] {
        insta::assert_snapshot!(format!("sale_form_{w}x{h}"), draw(&app, w, h));
    }
    app.update(Action::Back);
    app.update(Action::GoTo(Tab::Goals));
    app.update(Action::Edit);
    insta::assert_snapshot!("goal_edit_form_80x24", draw(&app, 80, 24));
}

#[test]
fn customers_list_and_detail() {
    let mut app = app(demo_store());
    app.update(Action::GoTo(Tab::Customers));
    app.update(Action::Down);
    insta::assert_snapshot!("customers_side_by_side_120x40", draw(&app, 120, 40));
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("customers_list_{w}x{h}"), draw(&app, w, h));
    }
    app.update(Action::Open);
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("customer_detail_{w}x{h}"), draw(&app, w, h));
    }
}

#[test]
fn followups_grouped_by_day() {
    let mut app = app(demo_store());
    app.update(Action::GoTo(Tab::Followups));
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("followups_{w}x{h}"), draw(&app, w, h));
    }
}

#[test]
fn completing_from_today() {
    let mut app = app(demo_store());
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Complete);
    insta::assert_snapshot!("complete_form_80x24", draw(&app, 80, 24));
}

#[test]
fn knowledge_search_and_review() {
    let mut app = app(demo_store());
    app.update(Action::GoTo(Tab::Knowledge));
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("knowledge_{w}x{h}"), draw(&app, w, h));
    }
    app.update(Action::Search);
    for c in "lever".chars() {
        app.handle_event(&ratatui::crossterm::event::Event::Key(ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char(c),
            ratatui::crossterm::event::KeyModifiers::NONE,
        )));
    }
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("search_{w}x{h}"), draw(&app, w, h));
    }
    app.update(Action::Back);
    app.update(Action::Train);
    insta::assert_snapshot!("review_front_80x24", draw(&app, 80, 24));
    app.update(Action::Reveal);
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("review_back_{w}x{h}"), draw(&app, w, h));
    }
}

#[test]
fn the_coachs_screens_at_two_sizes() {
    let mut app = app(demo_store());
    for tab in [Tab::Today, Tab::Motivation, Tab::Insights] {
        app.update(Action::GoTo(tab));
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("coach_{}_{w}x{h}", tab.title().to_lowercase()), draw(&app, w, h));
        }
    }
}

#[test]
fn followups_agenda_of_the_next_fortnight() {
    let mut app = app(demo_store());
    app.update(Action::GoTo(Tab::Followups));
    app.update(Action::Agenda);
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("followups_agenda_{w}x{h}"), draw(&app, w, h));
    }
    // Enter on a day lists it: the cursor lands on that day's first follow-up.
    app.update(Action::Down);
    app.update(Action::Open);
    let screen = draw(&app, 80, 24);
    let selected = screen.lines().position(|l| l.contains('▸')).expect("a selected row");
    let header = screen.lines().take(selected).filter(|l| !l.starts_with(' ') && l.contains('(')).last().unwrap();
    let tomorrow = (common::today() + chrono::Days::new(1)).format("%a %-d %b").to_string();
    assert!(header.contains(&tomorrow), "{header} / {tomorrow}\n{screen}");
    app.update(Action::Agenda);
    app.update(Action::Agenda);
    assert!(!draw(&app, 80, 24).contains("Next 14 days"), "w again returns to the list");
}

#[test]
fn goals_sales_log_and_an_entry_whole() {
    let mut app = app(demo_store());
    app.update(Action::GoTo(Tab::Goals));
    app.update(Action::SalesLog);
    app.update(Action::Period); // this month
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("sales_log_{w}x{h}"), draw(&app, w, h));
    }
    app.update(Action::Open);
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("sales_log_entry_{w}x{h}"), draw(&app, w, h));
    }
}

#[test]
fn goals_pipeline_by_stage() {
    let mut app = app(demo_store());
    app.update(Action::GoTo(Tab::Goals));
    app.update(Action::Pipeline);
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        insta::assert_snapshot!(format!("pipeline_{w}x{h}"), draw(&app, w, h));
    }
}

#[test]
fn insights_results_by_demographic() {
    let mut app = app(demo_store());
    app.update(Action::GoTo(Tab::Insights));
    app.handle_event(&common::key('d'));
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        insta::assert_snapshot!(format!("segments_{w}x{h}"), draw(&app, w, h));
    }
    for (w, h) in [(1, 1), (9, 3), (20, 5), (39, 11), (300, 8)] {
        draw(&app, w, h);
    }
    common::type_text(&mut app, "bbb");
    insta::assert_snapshot!("segments_by_tag_120x40", draw(&app, 120, 40));
    // Scrolled to the end, the last group is in view and the first is not.
    draw(&app, 80, 24);
    app.update(Action::Bottom);
    let end = draw(&app, 80, 24);
    assert!(end.contains("(none)") && !end.contains("office "), "{end}");
    app.update(Action::ToggleHelp);
    let help = draw(&app, 120, 40);
    assert!(help.contains("group by: segment → industry") && help.contains("back to the insights"), "{help}");
    app.update(Action::ToggleHelp);
    common::type_text(&mut app, "bb");
    assert!(draw(&app, 80, 24).contains("By segment (b: next)"), "b cycles back to the segments");
    app.handle_event(&common::key('d'));
    assert!(draw(&app, 80, 24).contains("Coach"), "d again returns to the insights");
}

#[test]
fn a_segment_name_with_control_characters_is_drawn_harmless() {
    let mut store = Store::open_in_memory().unwrap();
    let customer = salescoach::domain::customer::NewCustomer {
        name: "Ada".into(),
        segment: "Caf\u{1b}[31mé\u{7}".into(),
        created_on: common::today(),
        ..Default::default()
    };
    store.add_customer(&customer).unwrap();
    let mut app = app(store);
    app.update(Action::GoTo(Tab::Insights));
    app.update(Action::Demographics);
    let screen = draw(&app, 80, 24);
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{7}'), "{screen}");
    assert!(screen.contains("Caf"), "{screen}");
}
