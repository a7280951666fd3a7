//! `drillplan validate SCENARIO`: is the file valid, what is in it, and
//! which drills can never be placed.

use super::failure::Failure;
use super::terminal::escape;
use std::path::Path;

pub fn run(path: &Path) -> Result<(), Failure> {
    let scenario = super::load_scenario(path)?;
    let lang = super::lang_arg::current();
    let (file, name, first, last, days) = (
        path.display(),
        escape(&scenario.name),
        scenario.start,
        scenario.date(scenario.num_days - 1),
        scenario.num_days,
    );
    // A plan left without a name (its 名称 cell empty) is not quoted as `「」`.
    let said = match name.is_empty() {
        true => crate::words!(lang,
            en: "{file}: valid scenario, {first} to {last} ({days} days)",
            zh: "{file}：情景有效，{first} 至 {last}（{days} 天）"),
        false => crate::words!(lang,
            en: "{file}: valid scenario \"{name}\", {first} to {last} ({days} days)",
            zh: "{file}：情景有效「{name}」，{first} 至 {last}（{days} 天）"),
    };
    outln!("{}", said);
    let required = scenario.drills.iter().filter(|d| d.is_required()).count();
    let (districts, venues, teams, drills, total) = (
        counted(lang, scenario.districts.len(), Noun::District),
        counted(lang, scenario.venues.len(), Noun::Venue),
        counted(lang, scenario.teams.len(), Noun::Team),
        counted(lang, scenario.drills.len(), Noun::Drill),
        scenario.total_priority(),
    );
    outln!(
        "{}",
        crate::words!(lang,
            en: "  {districts}, {venues}, {teams}, {drills} ({required} mandatory or pinned), \
                 total priority {total}",
            zh: "  {districts}、{venues}、{teams}、{drills}（其中必须安排或锁定 {required} 个），\
                 优先级合计 {total}")
    );
    let (conflicts, mut standbys, coverage) = (
        counted(lang, scenario.conflicts.len(), Noun::ConflictSet),
        counted(lang, scenario.standbys.len(), Noun::StandbyRule),
        counted(lang, scenario.coverage.len(), Noun::CoverageRow),
    );
    // The rules as the planner wrote them on 备勤: district name and skill
    // label, so a rule read from the wrong row or a hidden sheet shows.
    let rules: Vec<String> = scenario
        .standbys
        .iter()
        .take(5)
        .map(|r| {
            crate::lang::standby_rule(
                lang,
                scenario.district_label(r.district),
                &scenario.skills[r.skill.index()],
                r.keep,
            )
        })
        .collect();
    if !rules.is_empty() {
        let more = if scenario.standbys.len() > rules.len() {
            match lang {
                crate::lang::Lang::En => ", ...",
                crate::lang::Lang::Zh => "……",
            }
        } else {
            ""
        };
        let rules = rules.join(match lang {
            crate::lang::Lang::En => "; ",
            crate::lang::Lang::Zh => "；",
        });
        standbys += &crate::words!(lang, en: " ({rules}{more})", zh: "（{rules}{more}）");
    }
    let standbys = escape(&standbys);
    outln!(
        "{}",
        crate::words!(lang,
            en: "  {conflicts}, {standbys}, {coverage}",
            zh: "  {conflicts}、{standbys}、{coverage}")
    );
    let pairs = crate::solve::drill_team_pairs(&scenario);
    let max_pairs = crate::solve::MAX_DRILL_TEAM_PAIRS;
    if pairs > max_pairs {
        errln!(
            "{}",
            crate::words!(lang,
                en: "note: {pairs} drill-team pairs exceed the solver's limit of {max_pairs}; \
                     `solve` refuses this scenario. Split it by district or region.",
                zh: "注意：演练与队伍的组合有 {pairs} 个，超过求解上限 {max_pairs}；\
                     `solve` 将拒绝此情景。请按区域拆分。")
        );
        return Ok(());
    }
    let starts = crate::solve::candidate_starts(&scenario);
    let (slot, max_starts) = (scenario.slot_minutes, crate::solve::MAX_CANDIDATE_STARTS);
    if starts > max_starts {
        errln!(
            "{}",
            crate::words!(lang,
                en: "note: {starts} candidate starts (each drill's starts on the {slot}-minute \
                     grid) exceed the solver's limit of {max_starts}; `solve` refuses this \
                     scenario. Use a coarser slot_minutes, shorter hours or fewer days, or split it.",
                zh: "注意：候选开始时间有 {starts} 个（各演练在 {slot} 分钟网格上的开始时间），\
                     超过求解上限 {max_starts}；`solve` 将拒绝此情景。请加大时间网格、\
                     缩短开放时段、减少天数，或拆分情景。")
        );
        return Ok(());
    }
    for warning in coverage_rows_without_districts(&scenario, lang) {
        errln!("{warning}");
    }
    for (drill, reason) in crate::solve::never_placeable(&scenario) {
        let d = scenario.drill(drill);
        let (id, why) = (&d.id, escape(&lang.say(&reason)).into_owned());
        errln!(
            "{}",
            match d.is_required() {
                true => crate::words!(lang,
                    en: "warning: drill {id} can never be placed (required: solve will fail): {why}",
                    zh: "警告：演练 {id} 无法安排（必须安排：求解将失败）：{why}"),
                false => crate::words!(lang,
                    en: "warning: drill {id} can never be placed: {why}",
                    zh: "警告：演练 {id} 无法安排：{why}"),
            }
        );
    }
    Ok(())
}

/// A warning per coverage row whose `districts` list is empty. The contract
/// reads such a row literally, as asking nothing of any district, and so do
/// `solve` and `check`; but a planner who wrote `districts = []` most likely
/// meant every district, which is what leaving the key out says.
pub(super) fn coverage_rows_without_districts(
    scenario: &crate::scenario::Scenario,
    lang: crate::lang::Lang,
) -> Vec<String> {
    scenario
        .coverage
        .iter()
        .filter(|row| row.districts.is_empty())
        .map(|row| {
            let row = row.name.row_phrase(lang);
            let row = escape(&row);
            crate::words!(lang,
                en: "warning: {row} lists no district (`districts = []`), so it asks \
                     nothing of any district; to count every district, leave `districts` out",
                zh: "警告：{row}没有列出任何区域（`districts = []`），因此对任何区域都不作要求；\
                     要计入所有区域，请删去 `districts` 这一项")
        })
        .collect()
}

/// What `validate` counts.
#[derive(Clone, Copy)]
enum Noun {
    District,
    Venue,
    Team,
    Drill,
    ConflictSet,
    StandbyRule,
    CoverageRow,
}

/// `1 conflict set`, `2 conflict sets`; `2 个冲突组`.
fn counted(lang: crate::lang::Lang, n: usize, noun: Noun) -> String {
    let (en, zh) = match noun {
        Noun::District => ("district", "个区域"),
        Noun::Venue => ("venue", "个场地"),
        Noun::Team => ("team", "支队伍"),
        Noun::Drill => ("drill", "项演练"),
        Noun::ConflictSet => ("conflict set", "个冲突组"),
        Noun::StandbyRule => ("standby rule", "条备勤规则"),
        Noun::CoverageRow => ("coverage row", "条覆盖要求"),
    };
    let s = if n == 1 { "" } else { "s" };
    crate::words!(lang, en: "{n} {en}{s}", zh: "{n} {zh}")
}
