//! What a schedule file restates about the scenario (names, venue,
//! district, weekday, duration, priority, team names) must agree with it.
//! A planner who edits `venue_id` in a spreadsheet believes the drill moved;
//! it did not, and `check` must say so rather than accept the file.
//!
//! Reading-side only: the rules themselves are checked on the entries.

use crate::scenario::Scenario;
use crate::schedule::csv::{expected_row, parse_entry, Row, Status};
use crate::schedule::{canonical_teams, Entry};
use drillplan_model::lang::{Lang, Say};
use drillplan_model::words;
use std::fmt;

/// One cell that says something else than the scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellMismatch {
    pub line: usize,
    pub drill: String,
    pub column: &'static str,
    pub found: String,
    pub expected: String,
}

impl Say for CellMismatch {
    fn say(&self, lang: Lang) -> String {
        let CellMismatch {
            line,
            drill,
            column,
            found,
            expected,
        } = self;
        drillplan_model::words!(lang,
            en: "line {line}: drill {drill}: column {column} is `{found}`, but the scenario gives `{expected}`",
            zh: "第 {line} 行：演练 {drill}：{column} 列为 `{found}`，而情景中为 `{expected}`")
    }
}

impl fmt::Display for CellMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

/// Every restated cell of `rows` that contradicts the scenario. Rows of
/// unknown drills or with unreadable times are the strict reader's business.
pub fn restated(scenario: &Scenario, rows: &[(usize, Row)]) -> Vec<CellMismatch> {
    let mut out = Vec::new();
    for (line, row) in rows {
        let Some(drill) = scenario.find_drill(&row.drill_id) else {
            continue;
        };
        let placed = match row.status() {
            Status::Scheduled => match parse_entry(scenario, row) {
                Ok(e) => Some((e.date, e.start, e.teams)),
                Err(_) => continue,
            },
            _ => None,
        };
        let scheduled = placed.is_some();
        let expected = expected_row(scenario, drill, placed, "");
        let mut compare = |column: &'static str, found: &str, wanted: &str| {
            if found != wanted {
                out.push(CellMismatch {
                    line: *line,
                    drill: row.drill_id.clone(),
                    column,
                    found: found.to_string(),
                    expected: wanted.to_string(),
                });
            }
        };
        compare("drill_name", &row.drill_name, &expected.drill_name);
        compare("venue_id", &row.venue_id, &expected.venue_id);
        compare("venue_name", &row.venue_name, &expected.venue_name);
        compare("district", &row.district, &expected.district);
        // The scenario's own text or its key: both name the same sector (人员密集场所 is
        // crowded_places), and a schedule written before the column kept the text had the key.
        let sd = scenario.drill(drill);
        if drillplan_model::lang::kind_key(&row.kind) != sd.kind {
            compare("kind", &row.kind, &expected.kind);
        }
        if drillplan_model::lang::sector_key(&row.sector) != sd.sector {
            compare("sector", &row.sector, &expected.sector);
        }
        compare("duration_min", &row.duration_min, &expected.duration_min);
        compare("priority", &row.priority, &expected.priority);
        compare("mandatory", &row.mandatory, &expected.mandatory);
        if scheduled {
            compare("weekday", &row.weekday, &expected.weekday);
            compare("team_names", &row.team_names, &expected.team_names);
        }
    }
    out
}

/// Rows that are accepted but not as the contract writes them: an
/// unscheduled drill that still has a date, start or teams; team ids not in
/// ascending order within a need.
pub fn warnings(
    scenario: &Scenario,
    rows: &[(usize, Row)],
    entries: &[Option<Entry>],
) -> Vec<String> {
    warnings_in(scenario, rows, entries, Lang::En)
}

/// `warnings`, told in `lang`.
pub fn warnings_in(
    scenario: &Scenario,
    rows: &[(usize, Row)],
    entries: &[Option<Entry>],
    lang: Lang,
) -> Vec<String> {
    let mut out = Vec::new();
    for (line, row) in rows {
        let Some(drill) = scenario.find_drill(&row.drill_id) else {
            continue;
        };
        if row.status() == Status::Unscheduled {
            let stated: Vec<&str> = [
                ("date", &row.date),
                ("start", &row.start),
                ("end", &row.end),
                ("teams", &row.teams),
            ]
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(c, _)| *c)
            .collect();
            if !stated.is_empty() {
                let (id, stated) = (&row.drill_id, stated.join(", "));
                out.push(words!(lang,
                    en: "line {line}: drill {id} is unscheduled but its row still has {stated}; it is read as unscheduled",
                    zh: "第 {line} 行：演练 {id} 未安排，但此行仍填有 {stated}；按未安排读取"));
            }
        }
        if let Some(entry) = &entries[drill.index()] {
            let canonical = canonical_teams(scenario, drill, &entry.teams);
            if canonical != entry.teams {
                let ids: Vec<&str> = canonical
                    .iter()
                    .map(|&t| scenario.team(t).id.as_str())
                    .collect();
                let (id, teams, ordered) = (&row.drill_id, &row.teams, ids.join(";"));
                out.push(words!(lang,
                    en: "line {line}: drill {id}: teams `{teams}` are not in the contract's order (ascending within each need): `{ordered}`",
                    zh: "第 {line} 行：演练 {id}：队伍 `{teams}` 不是契约的顺序（每项需求内升序）：`{ordered}`"));
            }
        }
    }
    out
}
