use super::*;

fn row(
    objection: &str,
    segment: &str,
    technique: Option<(i64, &str)>,
    response: &str,
    won: u64,
    lost: u64,
    other: u64,
) -> ObjectionCount {
    ObjectionCount {
        objection: objection.into(),
        segment: segment.into(),
        technique_id: technique.map(|t| t.0),
        technique: technique.map_or("(no technique)", |t| t.1).into(),
        response: response.into(),
        interactions: won + lost + other,
        wins: won,
        losses: lost,
    }
}

fn rows() -> Vec<ObjectionCount> {
    vec![
        row("price", "Cafe", Some((1, "Live demo")), "Offer a trial", 10, 2, 0),
        row("price", "Office", Some((2, "Cold call")), "", 1, 6, 1),
        row("Price", "", None, "offer a trial ", 1, 1, 0),
        row("timing", "Cafe", Some((1, "Live demo")), "", 0, 0, 1),
        row("too far", "Office", None, "", 0, 0, 1),
    ]
}

fn segments() -> Vec<(String, u64)> {
    vec![("Cafe".into(), 40), ("Office".into(), 30), (String::new(), 5)]
}

fn list() -> Vec<String> {
    ["price", "timing"].map(String::from).to_vec()
}

fn close(actual: Option<(f64, f64)>, expected: (f64, f64)) {
    let (low, high) = actual.expect("an interval");
    assert!((low - expected.0).abs() < 0.0005 && (high - expected.1).abs() < 0.0005, "{actual:?} vs {expected:?}");
}

#[test]
fn each_objection_counts_its_interactions_case_aside() {
    let figures = objection_figures(&rows(), Some(0.5), &segments(), &list());
    let names: Vec<(&str, u64, bool)> = figures.iter().map(|f| (f.objection.as_str(), f.raised, f.listed)).collect();
    assert_eq!(names, [("price", 22, true), ("timing", 1, true), ("too far", 1, false)]);
    let price = &figures[0];
    // 12 won, 9 lost (one pending): 12/21 = 57.1%, Wilson 36.6-75.5% straddles the usual 50%.
    assert_eq!((price.wins, price.decided), (12, 21));
    assert!((price.win_rate.unwrap() - 12.0 / 21.0).abs() < 1e-9);
    close(price.interval, (0.3655, 0.7553));
    assert_eq!(price.verdict, Verdict::NoDifference);
    let timing = &figures[1];
    assert_eq!((timing.decided, timing.win_rate, timing.verdict), (0, None, Verdict::TooFewCases));
}

#[test]
fn segments_are_shares_of_their_own_interactions() {
    let figures = objection_figures(&rows(), Some(0.5), &segments(), &list());
    let shares: Vec<(&str, u64, u64)> =
        figures[0].by_segment.iter().map(|s| (s.segment.as_str(), s.raised, s.interactions)).collect();
    assert_eq!(shares, [("Cafe", 12, 40), ("Office", 8, 30), ("(none)", 2, 5)]);
    assert_eq!(usual_for_segment(&figures, "Cafe"), ["price", "timing"]);
    assert_eq!(usual_for_segment(&figures, "office"), ["price", "too far"]);
    assert_eq!(usual_for_segment(&figures, ""), ["price"]);
    assert!(usual_for_segment(&figures, "Retail").is_empty());
}

#[test]
fn techniques_and_responses_are_judged_against_the_objections_own_rate() {
    let figures = objection_figures(&rows(), Some(0.5), &segments(), &list());
    let price = &figures[0];
    let techniques: Vec<(&str, u64, Verdict)> =
        price.techniques.iter().map(|t| (t.counts.name.as_str(), t.decided, t.verdict)).collect();
    // Live demo 10/12: Wilson 55.2-95.3%, its low end under price's 57.1%: no clear difference.
    assert_eq!(
        techniques,
        [
            ("Live demo", 12, Verdict::NoDifference),
            ("Cold call", 7, Verdict::TooFewCases),
            ("(no technique)", 2, Verdict::NotJudged)
        ]
    );
    // "Offer a trial" and "offer a trial " are one response: 11 won of 14.
    let responses: Vec<(&str, u64, u64)> =
        price.responses.iter().map(|t| (t.counts.name.as_str(), t.counts.wins, t.decided)).collect();
    assert_eq!(responses, [("Offer a trial", 11, 14), (NO_RESPONSE, 1, 7)]);
    close(price.responses[0].interval, (0.5241, 0.9243));
    // The higher low bound converts best: Live demo's 55.2% over the trial's 52.4%.
    let best = price.converts_best.as_ref().unwrap();
    assert_eq!(
        (best.kind, best.name.as_str(), best.decided, best.verdict),
        ("technique", "Live demo", 12, Verdict::NoDifference)
    );
    assert!(figures[1].converts_best.is_none(), "nothing with 10 decided cases");
}

#[test]
fn a_converter_clearly_ahead_is_called_so() {
    let mut all = rows();
    // Cold call also lost 10 more times on price: price falls to 12/31 = 38.7%, and Live
    // demo's low bound of 55.2% clears it.
    all.push(row("price", "Office", Some((2, "Cold call")), "", 0, 10, 0));
    let figures = objection_figures(&all, Some(0.6), &segments(), &list());
    let price = &figures[0];
    let verdicts: Vec<(&str, Verdict)> = price.techniques.iter().map(|t| (t.counts.name.as_str(), t.verdict)).collect();
    // Most decided first. 1 of 17 with cold calls: Wilson 1.0-27.0%, under 38.7%.
    assert_eq!(verdicts[..2], [("Cold call", Verdict::HoldingYouBack), ("Live demo", Verdict::WorksBest)]);
    // 12/31, Wilson 23.7-56.1%, all under the usual 60%.
    assert_eq!(price.verdict, Verdict::HoldingYouBack);
    assert_eq!(verdict_label(price.verdict), "costs you deals");
    assert_eq!(price.converts_best.as_ref().unwrap().verdict, Verdict::WorksBest);
}

#[test]
fn nothing_raised_is_no_figures() {
    assert!(objection_figures(&[], Some(0.5), &segments(), &list()).is_empty());
}
