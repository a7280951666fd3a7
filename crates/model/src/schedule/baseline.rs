//! A published schedule to replan against. Read leniently: the scenario may
//! have changed since it was published, so drills or teams it no longer has
//! become warnings and count as changed, never errors.

use super::csv::{parse_entry_in, read_rows, Row, Status};
use super::{Entry, Placement};
use crate::diagnostics::InputError;
use crate::lang::Lang;
use crate::scenario::Scenario;
use crate::words;

/// Where the baseline had a drill of the scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Published {
    /// A placement a new schedule can repeat exactly.
    At(Placement),
    /// On a date or with a team the scenario no longer has: no schedule can
    /// repeat it, so the drill counts as changed whatever happens.
    Unrepeatable,
}

#[derive(Debug, Clone, Default)]
pub struct Baseline {
    /// Per drill of the scenario, where the baseline had it.
    pub drills: Vec<Option<Published>>,
    /// Scheduled baseline drills the scenario no longer has: changed in any plan.
    pub vanished: Vec<String>,
    pub warnings: Vec<String>,
}

impl Baseline {
    pub fn read(scenario: &Scenario, path: &std::path::Path) -> Result<Baseline, InputError> {
        let text = super::csv::read_text(path)?;
        Baseline::parse(scenario, &path.display().to_string(), &text)
    }

    pub fn parse(scenario: &Scenario, label: &str, text: &str) -> Result<Baseline, InputError> {
        Ok(Baseline::from_rows(scenario, read_rows(label, text)?))
    }

    /// The baseline that rows already read state (from a CSV or from the
    /// schedule sheet of an exported workbook).
    pub fn from_rows(scenario: &Scenario, rows: Vec<(usize, Row)>) -> Baseline {
        Baseline::from_rows_in(scenario, rows, Lang::En)
    }

    /// `from_rows`, its warnings told in `lang`.
    pub fn from_rows_in(scenario: &Scenario, rows: Vec<(usize, Row)>, lang: Lang) -> Baseline {
        let mut out = Baseline {
            drills: vec![None; scenario.drills.len()],
            ..Baseline::default()
        };
        let rows_read = rows.len();
        // Where each "no longer in the scenario" warning went, to fold them
        // into one when no row at all is of this scenario.
        let mut vanished_at = Vec::new();
        // Drills with a row of either status: the contract writes one row
        // per drill, so a drill without one is new to the plan or its row
        // was deleted, and the planner is told which drills those are.
        let mut has_row = vec![false; scenario.drills.len()];
        for (line, row) in rows {
            if let Some(d) = scenario.find_drill(row.drill_id.trim()) {
                has_row[d.index()] = true;
            }
            match row.status() {
                Status::Scheduled => {}
                Status::WrongCase(scheduled) => {
                    let (status, read) = (
                        &row.status,
                        if scheduled {
                            "scheduled"
                        } else {
                            "unscheduled"
                        },
                    );
                    out.warnings.push(words!(lang,
                        en: "line {line}: status `{status}` read as `{read}`",
                        zh: "第 {line} 行：状态 `{status}` 按 `{read}` 读取"));
                    if !scheduled {
                        continue;
                    }
                }
                Status::Unscheduled => continue,
                Status::Unknown => {
                    let status = &row.status;
                    out.warnings.push(words!(lang,
                        en: "line {line}: status `{status}` is neither `scheduled` nor `unscheduled`; the row is ignored",
                        zh: "第 {line} 行：状态 `{status}` 既不是 `scheduled` 也不是 `unscheduled`；此行不读入"));
                    continue;
                }
            }
            // An id with a space around it (typed or pasted) is the id the
            // planner sees: read as that drill, with a word at its line.
            let trimmed = row.drill_id.trim();
            let spaced = trimmed != row.drill_id && scenario.find_drill(&row.drill_id).is_none();
            let found = match spaced {
                true => scenario.find_drill(trimmed),
                false => scenario.find_drill(&row.drill_id),
            };
            if spaced && found.is_some() {
                let id = &row.drill_id;
                out.warnings.push(words!(lang,
                    en: "line {line}: drill id `{id}` has a space before or after it; read as `{trimmed}`",
                    zh: "第 {line} 行：演练编号 `{id}` 前后多了空格；按 `{trimmed}` 读取"));
            }
            let Some(drill) = found else {
                let id = &row.drill_id;
                vanished_at.push(out.warnings.len());
                out.warnings.push(words!(lang,
                    en: "line {line}: drill {id} is no longer in the scenario; it counts as changed",
                    zh: "第 {line} 行：演练 {id} 已不在情景中；计为改动"));
                out.vanished.push(row.drill_id.clone());
                continue;
            };
            if out.drills[drill.index()].is_some() {
                let id = &row.drill_id;
                out.warnings.push(words!(lang,
                    en: "line {line}: drill {id} has a second row; the first one counts",
                    zh: "第 {line} 行：演练 {id} 有第二行；以第一行为准"));
                continue;
            }
            out.drills[drill.index()] =
                Some(published(scenario, &row, line, &mut out.warnings, lang));
        }
        let another_scenario = vanished_at.len() > 1 && out.drills.iter().all(Option::is_none);
        if another_scenario {
            // Every drill gone at once is a baseline of another scenario far
            // more often than a plan whose every drill was renamed: said
            // once, where a line per drill would bury it.
            let first = vanished_at[0];
            for &at in vanished_at.iter().rev() {
                out.warnings.remove(at);
            }
            let (n, ids) = (
                out.vanished.len(),
                quoted(out.vanished.iter().map(String::as_str).take(2), lang),
            );
            out.warnings.insert(
                first,
                words!(lang,
                    en: "none of the baseline's {n} scheduled drills ({ids}, ...) is in the scenario, so each counts as changed: is it the baseline of another scenario? ({rows_read} rows read)",
                    zh: "基线中已安排的 {n} 项演练（{ids} 等）没有一项在此情景中，每项都计为改动：是否用错了基线文件？（共读入 {rows_read} 行）"),
            );
        }
        let without: Vec<&str> = scenario
            .drill_ids()
            .filter(|d| !has_row[d.index()])
            .map(|d| scenario.drill(d).id.as_str())
            .collect();
        // A baseline of another scenario is said above, and one with no row
        // of this scenario at all is empty or that; only a partial one is news.
        if !without.is_empty() && has_row.iter().any(|&h| h) && !another_scenario {
            let n = without.len();
            let shown = quoted(without.iter().copied().take(3), lang);
            let more = match (n > 3, lang) {
                (false, _) => "",
                (true, Lang::En) => ", ...",
                (true, Lang::Zh) => " 等",
            };
            out.warnings.push(words!(lang,
                en: "the baseline has no row for {n} drill(s) of the scenario ({shown}{more}): each counts as not in the published plan (new); if a row was deleted by mistake, put it back from the published schedule",
                zh: "基线中没有情景里 {n} 项演练的行（{shown}{more}）：按不在已发布计划中（新增）处理；如是误删了行，请从已发布的排程中恢复"));
        }
        out
    }

    /// The placements a new schedule can repeat, per drill (what the solver keeps).
    pub fn placements(&self) -> Vec<Option<Placement>> {
        self.drills
            .iter()
            .map(|p| match p {
                Some(Published::At(p)) => Some(p.clone()),
                _ => None,
            })
            .collect()
    }

    /// Baseline drills that count as changed in any schedule: gone from the
    /// scenario, or unrepeatable.
    pub fn always_changed(&self) -> u64 {
        let unrepeatable = self
            .drills
            .iter()
            .filter(|p| matches!(p, Some(Published::Unrepeatable)))
            .count();
        (self.vanished.len() + unrepeatable) as u64
    }

    /// The repeatable placements as a schedule file states them: what the
    /// checker scores a new schedule against (adding `always_changed`), and
    /// the baseline's own plan.
    pub fn entries(&self, scenario: &Scenario) -> Vec<Option<Entry>> {
        super::Schedule {
            placements: self.placements(),
            reasons: Vec::new(),
        }
        .entries(scenario)
    }
}

/// Ids in backquotes, listed as the language lists them.
fn quoted<'a>(ids: impl Iterator<Item = &'a str>, lang: Lang) -> String {
    ids.map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(match lang {
            Lang::En => ", ",
            Lang::Zh => "、",
        })
}

/// Where one scheduled row had its drill, or unrepeatable (with a warning).
fn published(
    scenario: &Scenario,
    row: &Row,
    line: usize,
    warnings: &mut Vec<String>,
    lang: Lang,
) -> Published {
    let id = &row.drill_id;
    let missing: Vec<&str> = row
        .team_ids()
        .filter(|id| scenario.find_team(id).is_none())
        .collect();
    if !missing.is_empty() {
        let missing = missing.join(", ");
        warnings.push(words!(lang,
            en: "line {line}: drill {id} had team(s) {missing} that the scenario no longer has; it counts as changed",
            zh: "第 {line} 行：演练 {id} 的队伍 {missing} 已不在情景中；计为改动"));
        return Published::Unrepeatable;
    }
    match parse_entry_in(scenario, row, lang) {
        Ok(entry) => match scenario.day_of(entry.date) {
            Some(day) => Published::At(Placement {
                day,
                start: entry.start,
                teams: entry.teams,
            }),
            None => {
                let date = entry.date;
                warnings.push(match scenario.in_plan_year(date) {
                    // A date typed without its year (`6/20`) in the spreadsheet.
                    Some(meant) => words!(lang,
                        en: "line {line}: drill {id} was on {date}, outside the plan; it counts as changed (is it {meant}? a spreadsheet gives a date typed without its year the current year)",
                        zh: "第 {line} 行：演练 {id} 原在 {date}，不在计划日期内；计为改动（是否为 {meant}？表格软件会给不带年份输入的日期补上当年年份）"),
                    None => words!(lang,
                        en: "line {line}: drill {id} was on {date}, outside the plan; it counts as changed",
                        zh: "第 {line} 行：演练 {id} 原在 {date}，不在计划日期内；计为改动"),
                });
                Published::Unrepeatable
            }
        },
        Err((field, message)) => {
            warnings.push(words!(lang,
                en: "line {line}: drill {id}: {field}: {message}; it counts as changed",
                zh: "第 {line} 行：演练 {id}：{field}：{message}；计为改动"));
            Published::Unrepeatable
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::TeamId;
    use crate::schedule::{csv::to_bytes, Schedule};

    fn small() -> Scenario {
        crate::scenario::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/scenarios/small.toml"
        )))
        .unwrap()
    }

    fn published_text(s: &Scenario) -> String {
        let mut schedule = Schedule::empty(s);
        let fire = s.find_drill("school-fire").unwrap();
        let quake = s.find_drill("mall-quake").unwrap();
        schedule.placements[fire.index()] = Some(Placement {
            day: 0,
            start: 540,
            teams: vec![TeamId(0), TeamId(2)],
        });
        schedule.placements[quake.index()] = Some(Placement {
            day: 1,
            start: 600,
            teams: vec![TeamId(2)],
        });
        String::from_utf8(to_bytes(s, &schedule, true)).unwrap()
    }

    /// A date typed `6/19` in a spreadsheet is saved in the current year.
    #[test]
    fn a_date_in_another_year_names_the_plan_day_it_most_likely_is() {
        let s = small();
        let text = published_text(&s).replacen("2017-06-19", "2026/6/19", 1);
        let b = Baseline::parse(&s, "b.csv", &text).unwrap();
        let fire = s.find_drill("school-fire").unwrap();
        assert_eq!(b.drills[fire.index()], Some(Published::Unrepeatable));
        assert!(
            b.warnings[0].ends_with("it counts as changed (is it 2017-06-19? a spreadsheet gives a date typed without its year the current year)"),
            "{:?}",
            b.warnings
        );
    }

    #[test]
    fn vanished_drills_and_teams_become_warnings_and_always_count_as_changed() {
        let s = small();
        let text = published_text(&s)
            .replace("mall-quake,", "old-drill,")
            .replace("fire-krm-1;med-krm", "fire-gone;med-krm");
        let b = Baseline::parse(&s, "b.csv", &text).unwrap();
        let fire = s.find_drill("school-fire").unwrap();
        let quake = s.find_drill("mall-quake").unwrap();
        assert_eq!(b.vanished, ["old-drill"]);
        assert_eq!(b.drills[fire.index()], Some(Published::Unrepeatable));
        assert!(b.drills[quake.index()].is_none());
        // The vanished drill, the vanished team, and mall-quake's missing row.
        assert_eq!(b.warnings.len(), 3, "{:?}", b.warnings);
        assert!(
            b.warnings[2].starts_with(
                "the baseline has no row for 1 drill(s) of the scenario (`mall-quake`)"
            ),
            "{:?}",
            b.warnings
        );
        assert_eq!(b.always_changed(), 2);
        // Neither is a placement the solver can keep, nor an entry to score.
        assert!(b.placements().iter().all(Option::is_none));
        assert!(b.entries(&s).iter().all(Option::is_none));
    }

    #[test]
    fn a_repeatable_placement_is_one_entry() {
        let s = small();
        let b = Baseline::parse(&s, "b.csv", &published_text(&s)).unwrap();
        let quake = s.find_drill("mall-quake").unwrap();
        let entry = b.entries(&s)[quake.index()].clone().unwrap();
        assert_eq!(entry.date, s.date(1));
        assert_eq!(
            (entry.start, entry.end),
            (600, 600 + s.drill(quake).duration)
        );
        assert_eq!(b.always_changed(), 0);
    }

    #[test]
    fn a_capitalised_status_is_read_with_a_warning_not_dropped() {
        let s = small();
        let text = published_text(&s).replace(",scheduled,", ",Scheduled,");
        let b = Baseline::parse(&s, "b.csv", &text).unwrap();
        let quake = s.find_drill("mall-quake").unwrap();
        assert!(matches!(b.drills[quake.index()], Some(Published::At(_))));
        assert!(
            b.warnings
                .iter()
                .any(|w| w.contains("`Scheduled` read as `scheduled`")),
            "{:?}",
            b.warnings
        );
    }

    #[test]
    fn a_baseline_of_another_scenario_is_one_warning_not_a_line_per_drill() {
        let s = small();
        let text = published_text(&s)
            .replace("school-fire,", "other-1,")
            .replace("mall-quake,", "other-2,");
        // Only the two scheduled rows are of another plan; the unscheduled
        // rows still name this scenario's drills but place nothing.
        let b = Baseline::from_rows_in(
            &s,
            read_rows("b.csv", &text).unwrap(),
            crate::lang::Lang::Zh,
        );
        assert_eq!(b.vanished, ["other-1", "other-2"]);
        assert_eq!(b.always_changed(), 2);
        assert_eq!(b.warnings.len(), 1, "{:?}", b.warnings);
        assert!(
            b.warnings[0]
                .contains("基线中已安排的 2 项演练（`other-1`、`other-2` 等）没有一项在此情景中")
                && b.warnings[0].contains("是否用错了基线文件"),
            "{}",
            b.warnings[0]
        );
        // One drill of the scenario kept: the lines stay, one per drill.
        let text = published_text(&s).replace("school-fire,", "other-1,");
        let b = Baseline::parse(&s, "b.csv", &text).unwrap();
        assert_eq!(b.warnings.len(), 2, "{:?}", b.warnings);
        assert!(b.warnings[0].contains("drill other-1 is no longer in the scenario"));
        // And the drill whose row that was is new to the plan.
        assert!(b.warnings[1].contains("no row for 1 drill(s) of the scenario (`school-fire`)"));
    }
}
