//! Minimal-change replanning: take the busiest team off on its busiest day,
//! re-solve against the published plan, and compare with solving afresh.

use crate::common;

use drillplan::check::check;
use drillplan::scenario::{parse, Scenario, TeamId};
use drillplan::schedule::baseline::Baseline;
use drillplan::schedule::csv::to_bytes;
use drillplan::schedule::{Entry, Schedule};
use drillplan::solve::replan::{diff, ChangeKind};
use drillplan::solve::SolveOptions;

fn opts(seed: u64, baseline: Option<&Baseline>) -> SolveOptions {
    SolveOptions {
        time_limit: None,
        work_limit: Some(3000),
        stall_moves: Some(800),
        seed,
        self_check: true,
        baseline: baseline.map(|b| b.placements()),
        ..SolveOptions::default()
    }
}

fn entries_of(s: &Scenario, schedule: &Schedule) -> Vec<Option<Entry>> {
    schedule.entries(s)
}

#[test]
fn a_team_off_for_a_day_changes_little_against_the_baseline() {
    let text = std::fs::read_to_string("scenarios/karamay-2017.toml").unwrap();
    let original = parse("karamay.toml", &text).unwrap();
    let published = common::run(&original, &opts(1, None)).schedule;
    let published_csv = String::from_utf8(to_bytes(&original, &published, true)).unwrap();

    // The busiest team-day of the published plan.
    let mut busiest = (TeamId(0), 0u32, 0usize);
    for t in original.team_ids() {
        for day in 0..original.num_days {
            let n = published
                .placements
                .iter()
                .flatten()
                .filter(|p| p.day == day && p.teams.contains(&t))
                .count();
            if n > busiest.2 {
                busiest = (t, day, n);
            }
        }
    }
    let (team, day, lost) = busiest;
    let team_id = original.team(team).id.clone();
    let date = original.date(day);
    let block_start = text.find(&format!("id = \"{team_id}\"\n")).unwrap();
    let block_end = block_start + text[block_start..].find("\n\n").unwrap();
    let block = &text[block_start..block_end];
    let changed_block = if block.contains("off = [") {
        block.replace("off = [", &format!("off = [{date}, "))
    } else {
        format!("{block}\noff = [{date}]")
    };
    let changed_text = format!(
        "{}{}{}",
        &text[..block_start],
        changed_block,
        &text[block_end..]
    );
    let changed = parse("karamay-changed.toml", &changed_text).unwrap();

    let baseline = Baseline::parse(&changed, "published.csv", &published_csv).unwrap();
    let replanned = common::run(&changed, &opts(1, Some(&baseline))).schedule;
    let base_entries = entries_of(
        &changed,
        &Schedule {
            placements: baseline.placements(),
            reasons: Vec::new(),
        },
    );
    let report = check(
        &changed,
        &entries_of(&changed, &replanned),
        Some(&base_entries),
    );
    assert!(report.is_feasible(), "{:?}", report.violations);
    let replan_changes = report.score.changed as usize;

    let afresh = common::run(&changed, &opts(2, None)).schedule;
    let afresh_changes = check(
        &changed,
        &entries_of(&changed, &afresh),
        Some(&base_entries),
    )
    .score
    .changed as usize;

    eprintln!(
        "team {team_id} off on {date}: it had {lost} drills; replanning changed {replan_changes}, solving afresh changed {afresh_changes}"
    );
    assert!(replan_changes >= 1, "the team's drills must change");
    assert!(
        replan_changes <= 2 * lost + 2,
        "replanning changed {replan_changes} for {lost} lost"
    );
    assert!(
        afresh_changes > 3 * replan_changes,
        "afresh {afresh_changes} vs replanned {replan_changes}"
    );
    // Every change has a reason, and the drills the team lost are among them.
    let changes = diff(&changed, &baseline, &replanned);
    assert_eq!(
        changes
            .iter()
            .filter(|c| c.kind != ChangeKind::Added)
            .count(),
        replan_changes
    );
    assert!(changes.iter().all(|c| !c.why.to_string().is_empty()));
    assert!(
        changes.iter().any(|c| c.why.to_string().contains(&team_id)),
        "{changes:#?}"
    );
}

/// A published start moved off the time grid (a planner's edit, 09:00 to
/// 09:05) cannot be kept: the diff says which rule and where, not "the
/// venue's hours, the window or the pin".
#[test]
fn a_published_start_off_the_grid_is_named_as_such() {
    use drillplan::reason::{Broken, Replanned};
    let s = drillplan::scenario::load(std::path::Path::new("tests/scenarios/small.toml")).unwrap();
    let published = common::run(&s, &opts(1, None)).schedule;
    let csv = String::from_utf8(to_bytes(&s, &published, true)).unwrap();
    let moved_id = s.drill(drillplan::scenario::DrillId(0)).id.clone();
    let p = published.placements[0]
        .as_ref()
        .expect("the first drill is mandatory");
    let (from, to) = (
        format!(",{},", drillplan::scenario::time::HhMm(p.start)),
        format!(",{},", drillplan::scenario::time::HhMm(p.start + 5)),
    );
    let moved: String = csv
        .lines()
        .map(|l| {
            if l.starts_with(&format!("{moved_id},")) {
                l.replacen(&from, &to, 1)
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_ne!(moved, csv.trim_end().replace("\r\n", "\n"));
    let baseline = Baseline::parse(&s, "moved.csv", &moved).unwrap();
    let replanned = common::run(&s, &opts(1, Some(&baseline))).schedule;
    let changes = diff(&s, &baseline, &replanned);
    let change = changes.iter().find(|c| c.drill_id == moved_id).unwrap();
    match &change.why {
        Replanned::SlotNotAllowed { broken } => assert!(
            matches!(broken[..], [Broken::OffGrid { slot: 15, .. }]),
            "{broken:?}"
        ),
        other => panic!("{other:?}"),
    }
    assert!(change.why.to_string().contains("时间网格") || change.why.to_string().contains("grid"));
}
