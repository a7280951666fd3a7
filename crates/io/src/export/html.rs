//! One self-contained HTML file (inline CSS and SVG, no scripts, no network)
//! that reads well on screen and printed on A4: the summary, a Gantt chart
//! per day by team (with travel) and by venue, the coverage matrix, the
//! drills left out with reasons, and conflict sets and standby over time.
//!
//! Written with maud: every value spliced into the page is escaped by the
//! template, so a name from the planner's file cannot open a tag or end an
//! attribute. The literal `"\n"`s keep one row or block per line of the file,
//! for whoever reads or diffs it.

use super::{Plan, Stop};
use crate::lang::{Label, Lang};
use crate::scenario::time::HhMm;
use crate::scenario::DrillId;
use chrono::NaiveDate;
use maud::{html, Markup, PreEscaped, DOCTYPE};

const PALETTE: [&str; 10] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac",
];
const LABEL_W: f64 = 190.0;
const CHART_W: f64 = 1000.0;
const ROW_H: f64 = 18.0;
const SVG_NS: &str = "http://www.w3.org/2000/svg";

pub fn to_bytes(plan: &Plan) -> Vec<u8> {
    let lang = plan.lang;
    let title = format!("{} - {}", Label::ReportTitle.say(lang), plan.scenario.name);
    // Built once: every day's charts draw from the same roster and colours.
    let roster = plan.roster();
    let sectors = plan.coverage().sectors;
    let page = html! {
        (DOCTYPE) "\n"
        html lang=(if lang == Lang::Zh { "zh-CN" } else { "en" }) {
            "\n"
            head {
                "\n"
                meta charset="utf-8"; "\n"
                title { (title) } "\n"
                // A constant of this file, not data: nothing to escape.
                style { (PreEscaped(CSS)) } "\n"
            }
            "\n"
            body {
                "\n"
                h1 { (title) } "\n"
                (summary(plan))
                (legend(plan, &sectors))
                @for date in plan.dates() {
                    (day_charts(plan, &roster, &sectors, date))
                }
                (coverage(plan))
                (unscheduled(plan))
            }
            "\n"
        }
        "\n"
    };
    page.into_string().into_bytes()
}

const CSS: &str = "
@page { size: A4 landscape; margin: 10mm; }
body { font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', sans-serif; color: #222; margin: 16px; }
h1 { font-size: 20px; margin: 0 0 8px; }
h2 { font-size: 16px; margin: 18px 0 6px; border-bottom: 1px solid #ccc; }
h3 { font-size: 13px; margin: 10px 0 4px; color: #444; }
table { border-collapse: collapse; font-size: 12px; margin-bottom: 8px; }
th, td { border: 1px solid #bbb; padding: 2px 6px; text-align: left; }
th { background: #dde6f0; }
td.num { text-align: right; }
td.empty { background: #ffc7ce; color: #9c0006; }
.violations td { background: #fff2cc; }
.legend span { display: inline-block; margin: 0 10px 4px 0; font-size: 12px; }
.legend i { display: inline-block; width: 12px; height: 12px; vertical-align: middle; margin-right: 4px; }
section.day { break-inside: avoid; page-break-inside: avoid; }
svg { width: 100%; height: auto; display: block; }
svg text { font-size: 10px; }
@media print { body { margin: 0; } section.day { break-before: page; } }
";

/// One decimal, the precision of every coordinate of the charts.
fn f1(x: f64) -> String {
    format!("{x:.1}")
}

fn summary(plan: &Plan) -> Markup {
    let lang = plan.lang;
    let s = &plan.score;
    let mut rows = vec![
        (
            Label::ScheduledCount,
            format!("{} / {}", s.scheduled, s.drills),
        ),
        (
            Label::UnscheduledCount,
            (s.drills - s.scheduled).to_string(),
        ),
        (
            Label::Score,
            format!("{} / {}", s.priority, s.total_priority),
        ),
    ];
    match (plan.bound, plan.gap()) {
        (Some(b), Some(gap)) => {
            rows.push((Label::Bound, b.to_string()));
            rows.push((Label::Gap, format!("{:.2} %", gap * 100.0)));
        }
        _ => rows.push((Label::Bound, "-".into())),
    }
    rows.push((Label::Penalty, crate::check::score::number(s.penalty)));
    rows.push((Label::TravelMinutes, s.travel_minutes.to_string()));
    rows.push((Label::OffPreference, s.off_preference.to_string()));
    // The penalty's other terms, where they count, as `check` lists them:
    // without them its parts did not add up to the penalty shown.
    if plan.has_baseline() {
        rows.push((Label::ChangedCount, s.changed.to_string()));
    }
    let spread = plan.scenario.weights.spread;
    if spread != 0.0 {
        let pairs = s.same_day_pairs;
        let each = crate::check::score::number(spread);
        let value = drillplan_model::words!(lang,
            en: "{pairs} (spread {each} each)",
            zh: "{pairs}（每对分散惩罚 {each}）");
        rows.push((Label::SameDayPairs, value));
    }
    html! {
        h2 { (Label::Summary.say(lang)) } "\n"
        table {
            "\n"
            @for (label, value) in &rows {
                tr { th { (label.say(lang)) } td.num { (value) } } "\n"
            }
        }
        "\n"
        @if !plan.violations.is_empty() {
            h2 { (Label::Violations.say(lang)) } "\n"
            table.violations {
                "\n"
                @for v in &plan.violations {
                    tr { td { (v) } } "\n"
                }
            }
            "\n"
        }
    }
}

fn sector_colour(plan: &Plan, sectors: &[String], d: DrillId) -> &'static str {
    let i = sectors
        .iter()
        .position(|s| s == plan.sector(d))
        .unwrap_or(0);
    PALETTE[i % PALETTE.len()]
}

fn legend(plan: &Plan, sectors: &[String]) -> Markup {
    html! {
        div.legend {
            @for (i, s) in sectors.iter().enumerate() {
                span {
                    i style=(format!("background:{}", PALETTE[i % PALETTE.len()])) {}
                    (plan.lang.sector(s))
                }
            }
            span { i style="background:#999;height:3px" {} (Label::TravelTo.say(plan.lang)) }
        }
        "\n"
    }
}

/// The minutes shown on a day's charts: whole hours around every stop.
fn span(stops: &[&Stop]) -> (u32, u32) {
    let first = stops.iter().map(|s| s.leave).min().unwrap_or(8 * 60);
    let last = stops
        .iter()
        .map(|s| s.back_at_base.unwrap_or(s.end + s.travel_on))
        .max()
        .unwrap_or(18 * 60);
    (
        (first / 60) * 60,
        last.div_ceil(60).max(first / 60 + 1) * 60,
    )
}

struct Axis {
    from: u32,
    to: u32,
}

impl Axis {
    fn x(&self, minute: u32) -> f64 {
        let m = minute.clamp(self.from, self.to) as f64;
        LABEL_W + (m - self.from as f64) / (self.to - self.from) as f64 * (CHART_W - LABEL_W - 10.0)
    }

    fn grid(&self, height: f64) -> Markup {
        html! {
            @for hour in (self.from / 60)..=(self.to / 60) {
                @let x = f1(self.x(hour * 60));
                line x1=(x) y1="14" x2=(x) y2=(f1(height)) stroke="#ddd" {}
                text x=(x) y="10" text-anchor="middle" { (format!("{hour:02}")) }
            }
        }
    }
}

/// A chart `rows` rows high, its hour grid drawn, titled `heading`.
fn chart(heading: &str, axis: &Axis, rows: usize, body: Markup) -> Markup {
    let height = 20.0 + rows as f64 * ROW_H;
    html! {
        h3 { (heading) } "\n"
        svg viewBox=(format!("0 0 {CHART_W} {height}")) xmlns=(SVG_NS) role="img" {
            (axis.grid(height))
            (body)
        }
        "\n"
    }
}

/// The top of row `row` of a chart.
fn row_y(row: usize) -> f64 {
    18.0 + row as f64 * ROW_H
}

/// A row's name at the left of a chart.
fn row_label(y: f64, text: &str) -> Markup {
    html! { text x="4" y=(f1(y + 11.0)) { (text) } }
}

fn day_charts(plan: &Plan, roster: &[Stop], sectors: &[String], date: NaiveDate) -> Markup {
    let lang = plan.lang;
    let stops: Vec<&Stop> = roster.iter().filter(|s| s.date == date).collect();
    let drills = plan.scheduled_on(date);
    let heading = format!(
        "{} {} {} ({} {})",
        Label::Gantt.say(lang),
        date.format("%Y-%m-%d"),
        lang.weekday(date),
        drills.len(),
        Label::Scheduled.say(lang)
    );
    let (from, to) = span(&stops);
    let axis = Axis { from, to };

    // By team: travel as a grey line, the drill as a bar coloured by sector.
    let mut teams: Vec<_> = stops.iter().map(|s| s.team).collect();
    teams.sort();
    teams.dedup();
    let by_team = html! {
        @for (row, &t) in teams.iter().enumerate() {
            @let y = row_y(row);
            (row_label(y, &clip(plan.team_name(t), 16)))
            @for s in stops.iter().filter(|s| s.team == t) {
                @let mid = f1(y + ROW_H / 2.0 - 1.0);
                line x1=(f1(axis.x(s.leave))) y1=(mid) x2=(f1(axis.x(s.arrive))) y2=(mid)
                    stroke="#999" stroke-width="3" {}
                @if let Some(back) = s.back_at_base {
                    line x1=(f1(axis.x(s.end))) y1=(mid) x2=(f1(axis.x(back))) y2=(mid)
                        stroke="#999" stroke-width="3" {}
                }
                (bar(plan, &axis, sectors, s.drill, (s.start, s.end), y))
            }
        }
    };

    // By venue: the drills only.
    let mut venues: Vec<_> = drills
        .iter()
        .map(|&d| plan.scenario.drill(d).venue)
        .collect();
    venues.sort();
    venues.dedup();
    let by_venue = html! {
        @for (row, &v) in venues.iter().enumerate() {
            @let y = row_y(row);
            @let venue = plan.scenario.venue(v);
            (row_label(y, &clip(if venue.name.is_empty() { &venue.id } else { &venue.name }, 16)))
            @for &d in drills.iter().filter(|&&d| plan.scenario.drill(d).venue == v) {
                @let e = plan.entries[d.index()].as_ref().expect("scheduled");
                (bar(plan, &axis, sectors, d, (e.start, e.end), y))
            }
        }
    };

    html! {
        section.day {
            "\n"
            h2 { (heading) } "\n"
            @if !drills.is_empty() {
                (chart(Label::ByTeam.say(lang), &axis, teams.len(), by_team))
                (chart(Label::ByVenue.say(lang), &axis, venues.len(), by_venue))
                (usage(plan, &axis, date, &drills))
            }
        }
        "\n"
    }
}

/// A drill's bar from `start` to `end` on the row at `y`.
fn bar(
    plan: &Plan,
    axis: &Axis,
    sectors: &[String],
    d: DrillId,
    (start, end): (u32, u32),
    y: f64,
) -> Markup {
    let (a, b) = (axis.x(start), axis.x(end));
    let w = (b - a).max(1.0);
    // The bar shows as much of the name as fits; hovering shows it whole,
    // with the time, the venue and the teams (an SVG title: no script).
    let teams = plan.entries[d.index()]
        .as_ref()
        .map(|e| plan.team_names(e))
        .unwrap_or_default();
    let tip = format!(
        "{} ({})\n{}-{} {}\n{}: {}",
        plan.drill_name(d),
        plan.scenario.drill(d).id,
        HhMm(start),
        HhMm(end),
        plan.venue_name(d),
        Label::Teams.say(plan.lang),
        teams
    );
    // About 6.5 units per Latin letter at 10px; a Chinese character takes two.
    let label = clip_width(plan.drill_name(d), (w / 6.5) as usize);
    html! {
        g {
            title { (tip) }
            rect x=(f1(a)) y=(f1(y + 2.0)) width=(f1(w)) height=(f1(ROW_H - 4.0)) rx="2"
                fill=(sector_colour(plan, sectors, d)) {}
            @if !label.is_empty() {
                text x=(f1(a + 2.0)) y=(f1(y + 12.0)) fill="#fff" { (label) }
            }
        }
    }
}

/// Conflict sets in use and the free teams of each standby rule, over the day.
fn usage(plan: &Plan, axis: &Axis, date: NaiveDate, drills: &[DrillId]) -> Markup {
    let sc = plan.scenario;
    let lang = plan.lang;
    let conflicts: Vec<usize> = (0..sc.conflicts.len())
        .filter(|&c| drills.iter().any(|d| sc.conflicts[c].drills.contains(d)))
        .collect();
    let rows = conflicts.len() + sc.standbys.len();
    if rows == 0 {
        return html! {};
    }
    let conflict_rows = html! {
        @for (row, &c) in conflicts.iter().enumerate() {
            @let y = row_y(row);
            @let set = &sc.conflicts[c];
            (row_label(y, &clip(&set.name, 16)))
            @for &d in drills.iter().filter(|d| set.drills.contains(d)) {
                @let e = plan.entries[d.index()].as_ref().expect("scheduled");
                @let (a, b) = (axis.x(e.start), axis.x(e.end + set.gap));
                g {
                    title {
                        ({
                            let (id, a, b, gap) = (&sc.drill(d).id, HhMm(e.start), HhMm(e.end), set.gap);
                            drillplan_model::words!(plan.lang,
                                en: "{id} {a}-{b} (+{gap} min)",
                                zh: "{id} {a}-{b}（另加间隔 {gap} 分钟）")
                        })
                    }
                    rect x=(f1(a)) y=(f1(y + 2.0)) width=(f1((b - a).max(1.0))) height=(f1(ROW_H - 4.0))
                        fill="#c0392b" fill-opacity="0.6" {}
                }
            }
        }
    };
    let standby_rows = html! {
        @for (i, rule) in sc.standbys.iter().enumerate() {
            @let y = row_y(conflicts.len() + i);
            @let label = standby_label(plan, rule);
            (row_label(y, &clip(&label, 24)))
            // Free teams of the group, a quarter-hour at a time, drawn as shaded steps.
            @for m in (axis.from..axis.to).step_by(15) {
                @let free = free_teams(plan, drills, date, &rule.group, m);
                @let bar_h = (ROW_H - 4.0) * free as f64 / rule.group.len().max(1) as f64;
                @let colour = if free <= rule.keep { "#e15759" } else { "#59a14f" };
                rect x=(f1(axis.x(m))) y=(f1(y + 2.0 + (ROW_H - 4.0 - bar_h)))
                    width=(f1(axis.x(m + 15) - axis.x(m))) height=(f1(bar_h))
                    fill=(colour) fill-opacity="0.7" {
                    title { (HhMm(m)) " " (Label::Standby.say(lang)) ": " (free) "/" (rule.group.len()) }
                }
            }
        }
    };
    let heading = format!(
        "{} / {}",
        Label::Conflicts.say(lang),
        Label::Standby.say(lang)
    );
    chart(
        &heading,
        axis,
        rows,
        html! { (conflict_rows) (standby_rows) },
    )
}

/// A standby lane's name as the planner reads it: 独山子区 消防 留守≥1, not
/// `dsz fire ≥1`.
fn standby_label(plan: &Plan, rule: &crate::scenario::Standby) -> String {
    let sc = plan.scenario;
    drillplan_model::lang::standby_rule(
        plan.lang,
        sc.district_label(rule.district),
        &sc.skills[rule.skill.index()],
        rule.keep,
    )
}

/// How many teams of `group` are not in a drill at minute `m` of `date`.
fn free_teams(
    plan: &Plan,
    drills: &[DrillId],
    date: NaiveDate,
    group: &[crate::scenario::TeamId],
    m: u32,
) -> u32 {
    let busy = drills
        .iter()
        .filter_map(|&d| plan.entries[d.index()].as_ref())
        .filter(|e| e.date == date && e.start <= m && m < e.end)
        .flat_map(|e| e.teams.iter())
        .filter(|t| group.contains(t))
        .count() as u32;
    group.len() as u32 - busy.min(group.len() as u32)
}

fn coverage(plan: &Plan) -> Markup {
    let lang = plan.lang;
    let c = plan.coverage();
    let keys = [
        Label::Requirement,
        Label::District,
        Label::Has,
        Label::Minimum,
        Label::Status,
    ];
    html! {
        h2 { (Label::Coverage.say(lang)) } "\n"
        table {
            "\n"
            tr {
                th { (Label::District.say(lang)) }
                @for s in &c.sectors { th { (lang.sector(s)) } }
                th { (Label::Total.say(lang)) }
            }
            "\n"
            @for (district, counts) in c.districts.iter().zip(&c.counts) {
                tr {
                    th { (district) }
                    @for &n in counts {
                        td class=(if n == 0 { "num empty" } else { "num" }) { (n) }
                    }
                    td.num { (counts.iter().sum::<u32>()) }
                }
                "\n"
            }
        }
        "\n"
        @if !c.requirements.is_empty() {
            table {
                "\n"
                tr { @for key in keys { th { (key.say(lang)) } } } "\n"
                @for r in &c.requirements {
                    tr {
                        td { (r.name) }
                        td { (r.district) }
                        td class=(if r.held() { "num" } else { "num empty" }) { (r.has) }
                        td.num { (r.min) }
                        td { (if r.held() { Label::Held } else { Label::Short }.say(lang)) }
                    }
                    "\n"
                }
            }
            "\n"
        }
    }
}

fn unscheduled(plan: &Plan) -> Markup {
    let lang = plan.lang;
    let drills = plan.unscheduled();
    let keys = [
        Label::DrillId,
        Label::Drill,
        Label::Venue,
        Label::Priority,
        Label::Reason,
    ];
    html! {
        h2 { (Label::UnscheduledSheet.say(lang)) " (" (drills.len()) ")" } "\n"
        @if drills.is_empty() {
            p { (Label::None.say(lang)) } "\n"
        } @else {
            table {
                "\n"
                tr { @for key in keys { th { (key.say(lang)) } } } "\n"
                @for d in drills {
                    tr {
                        td { (plan.scenario.drill(d).id) }
                        td { (plan.drill_name(d)) }
                        td { (plan.venue_name(d)) }
                        td.num { (plan.scenario.drill(d).priority) }
                        td { (plan.reasons[d.index()]) }
                    }
                    "\n"
                }
            }
            "\n"
        }
    }
}

/// As much of `text` as fits in `room` columns (`lang::display_width`: a CJK character
/// counts two), with an ellipsis when cut; empty when not even one character
/// and the ellipsis fit.
fn clip_width(text: &str, room: usize) -> String {
    let width = crate::lang::char_width;
    if crate::lang::display_width(text) <= room {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 1; // the ellipsis
    for c in text.chars() {
        if used + width(c) > room {
            break;
        }
        used += width(c);
        out.push(c);
    }
    if out.is_empty() {
        return out;
    }
    out + "…"
}

/// At most `n` characters, with an ellipsis when cut.
fn clip(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_string()
    } else {
        text.chars().take(n.saturating_sub(1)).collect::<String>() + "…"
    }
}
