//! One self-contained HTML file (inline CSS and SVG, no scripts, no network)
//! that reads well on screen and printed on A4: the summary, a Gantt chart
//! per day by team (with travel) and by venue, the coverage matrix, the
//! drills left out with reasons, and conflict sets and standby over time.

use super::{hhmm, Plan, Stop};
use crate::lang::Label;
use crate::scenario::DrillId;
use chrono::NaiveDate;
use std::fmt::Write;

const PALETTE: [&str; 10] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac",
];
const LABEL_W: f64 = 190.0;
const CHART_W: f64 = 1000.0;
const ROW_H: f64 = 18.0;

pub fn to_bytes(plan: &Plan) -> Vec<u8> {
    let lang = plan.lang;
    let mut h = String::new();
    let title = format!(
        "{} - {}",
        Label::ReportTitle.say(lang),
        esc(&plan.scenario.name)
    );
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{title}</h1>\n",
        if lang == crate::lang::Lang::Zh { "zh-CN" } else { "en" }
    );
    summary(&mut h, plan);
    // Built once: every day's charts draw from the same roster and colours.
    let roster = plan.roster();
    let sectors = plan.coverage().sectors;
    legend(&mut h, plan, &sectors);
    for date in plan.dates() {
        day_charts(&mut h, plan, &roster, &sectors, date);
    }
    coverage(&mut h, plan);
    unscheduled(&mut h, plan);
    h.push_str("</body>\n</html>\n");
    h.into_bytes()
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

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn summary(h: &mut String, plan: &Plan) {
    let lang = plan.lang;
    let s = &plan.score;
    let _ = write!(h, "<h2>{}</h2>\n<table>\n", Label::Summary.say(lang));
    let mut row = |label: &str, value: String| {
        let _ = writeln!(
            h,
            "<tr><th>{}</th><td class=\"num\">{}</td></tr>",
            esc(label),
            esc(&value)
        );
    };
    row(
        Label::ScheduledCount.say(lang),
        format!("{} / {}", s.scheduled, s.drills),
    );
    row(
        Label::UnscheduledCount.say(lang),
        (s.drills - s.scheduled).to_string(),
    );
    row(
        Label::Score.say(lang),
        format!("{} / {}", s.priority, s.total_priority),
    );
    match (plan.bound, plan.gap()) {
        (Some(b), Some(gap)) => {
            row(Label::Bound.say(lang), b.to_string());
            row(Label::Gap.say(lang), format!("{:.2} %", gap * 100.0));
        }
        _ => row(Label::Bound.say(lang), "-".into()),
    }
    row(
        Label::Penalty.say(lang),
        crate::check::score::number(s.penalty),
    );
    row(Label::TravelMinutes.say(lang), s.travel_minutes.to_string());
    row(Label::OffPreference.say(lang), s.off_preference.to_string());
    h.push_str("</table>\n");
    if !plan.violations.is_empty() {
        let _ = write!(
            h,
            "<h2>{}</h2>\n<table class=\"violations\">\n",
            Label::Violations.say(lang)
        );
        for v in &plan.violations {
            let _ = writeln!(h, "<tr><td>{}</td></tr>", esc(v));
        }
        h.push_str("</table>\n");
    }
}

fn sector_colour(plan: &Plan, sectors: &[String], d: DrillId) -> &'static str {
    let i = sectors
        .iter()
        .position(|s| s == plan.sector(d))
        .unwrap_or(0);
    PALETTE[i % PALETTE.len()]
}

fn legend(h: &mut String, plan: &Plan, sectors: &[String]) {
    h.push_str("<div class=\"legend\">");
    for (i, s) in sectors.iter().enumerate() {
        let _ = write!(
            h,
            "<span><i style=\"background:{}\"></i>{}</span>",
            PALETTE[i % PALETTE.len()],
            esc(plan.lang.sector(s))
        );
    }
    let _ = writeln!(
        h,
        "<span><i style=\"background:#999;height:3px\"></i>{}</span></div>",
        esc(Label::TravelTo.say(plan.lang))
    );
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

    fn grid(&self, h: &mut String, height: f64) {
        for hour in (self.from / 60)..=(self.to / 60) {
            let x = self.x(hour * 60);
            let _ = write!(
                h,
                "<line x1=\"{x:.1}\" y1=\"14\" x2=\"{x:.1}\" y2=\"{height:.1}\" stroke=\"#ddd\"/><text x=\"{x:.1}\" y=\"10\" text-anchor=\"middle\">{:02}</text>",
                hour
            );
        }
    }
}

fn day_charts(h: &mut String, plan: &Plan, roster: &[Stop], sectors: &[String], date: NaiveDate) {
    let lang = plan.lang;
    let stops: Vec<&Stop> = roster.iter().filter(|s| s.date == date).collect();
    let drills = plan.scheduled_on(date);
    let _ = write!(
        h,
        "<section class=\"day\">\n<h2>{} {} {} ({} {})</h2>\n",
        Label::Gantt.say(lang),
        date.format("%Y-%m-%d"),
        lang.weekday(date),
        drills.len(),
        Label::Scheduled.say(lang)
    );
    if drills.is_empty() {
        h.push_str("</section>\n");
        return;
    }
    let (from, to) = span(&stops);
    let axis = Axis { from, to };

    // By team: travel as a grey line, the drill as a bar coloured by sector.
    let mut teams: Vec<_> = stops.iter().map(|s| s.team).collect();
    teams.sort();
    teams.dedup();
    let height = 20.0 + teams.len() as f64 * ROW_H;
    let _ = write!(h, "<h3>{}</h3>\n<svg viewBox=\"0 0 {CHART_W} {height}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">", Label::ByTeam.say(lang));
    axis.grid(h, height);
    for (row, &t) in teams.iter().enumerate() {
        let y = 18.0 + row as f64 * ROW_H;
        let _ = write!(
            h,
            "<text x=\"4\" y=\"{:.1}\">{}</text>",
            y + 11.0,
            esc(&clip(plan.team_name(t), 16))
        );
        for s in stops.iter().filter(|s| s.team == t) {
            let mid = y + ROW_H / 2.0 - 1.0;
            let (a, b) = (axis.x(s.leave), axis.x(s.arrive));
            let _ = write!(h, "<line x1=\"{a:.1}\" y1=\"{mid:.1}\" x2=\"{b:.1}\" y2=\"{mid:.1}\" stroke=\"#999\" stroke-width=\"3\"/>");
            if let Some(back) = s.back_at_base {
                let (a, b) = (axis.x(s.end), axis.x(back));
                let _ = write!(h, "<line x1=\"{a:.1}\" y1=\"{mid:.1}\" x2=\"{b:.1}\" y2=\"{mid:.1}\" stroke=\"#999\" stroke-width=\"3\"/>");
            }
            bar(h, plan, &axis, sectors, s.drill, s.start, s.end, y);
        }
    }
    h.push_str("</svg>\n");

    // By venue: the drills only.
    let mut venues: Vec<_> = drills
        .iter()
        .map(|&d| plan.scenario.drill(d).venue)
        .collect();
    venues.sort();
    venues.dedup();
    let height = 20.0 + venues.len() as f64 * ROW_H;
    let _ = write!(h, "<h3>{}</h3>\n<svg viewBox=\"0 0 {CHART_W} {height}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">", Label::ByVenue.say(lang));
    axis.grid(h, height);
    for (row, &v) in venues.iter().enumerate() {
        let y = 18.0 + row as f64 * ROW_H;
        let venue = plan.scenario.venue(v);
        let label = if venue.name.is_empty() {
            &venue.id
        } else {
            &venue.name
        };
        let _ = write!(
            h,
            "<text x=\"4\" y=\"{:.1}\">{}</text>",
            y + 11.0,
            esc(&clip(label, 16))
        );
        for &d in drills
            .iter()
            .filter(|&&d| plan.scenario.drill(d).venue == v)
        {
            let e = plan.entries[d.index()].as_ref().expect("scheduled");
            bar(h, plan, &axis, sectors, d, e.start, e.end, y);
        }
    }
    h.push_str("</svg>\n");
    usage(h, plan, &axis, date, &drills);
    h.push_str("</section>\n");
}

#[allow(clippy::too_many_arguments)]
fn bar(
    h: &mut String,
    plan: &Plan,
    axis: &Axis,
    sectors: &[String],
    d: DrillId,
    start: u32,
    end: u32,
    y: f64,
) {
    let (a, b) = (axis.x(start), axis.x(end));
    let w = (b - a).max(1.0);
    let colour = sector_colour(plan, sectors, d);
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
        hhmm(start),
        hhmm(end),
        plan.venue_name(d),
        Label::Teams.say(plan.lang),
        teams
    );
    let _ = write!(
        h,
        "<g><title>{}</title><rect x=\"{a:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" rx=\"2\" fill=\"{colour}\"/>",
        esc(&tip),
        y + 2.0,
        ROW_H - 4.0
    );
    // About 6.5 units per Latin letter at 10px; a Chinese character takes two.
    let room = (w / 6.5) as usize;
    let label = clip_width(plan.drill_name(d), room);
    if !label.is_empty() {
        let _ = write!(
            h,
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#fff\">{}</text>",
            a + 2.0,
            y + 12.0,
            esc(&label)
        );
    }
    h.push_str("</g>");
}

/// Conflict sets in use and the free teams of each standby rule, over the day.
fn usage(h: &mut String, plan: &Plan, axis: &Axis, date: NaiveDate, drills: &[DrillId]) {
    let sc = plan.scenario;
    let lang = plan.lang;
    let conflicts: Vec<usize> = (0..sc.conflicts.len())
        .filter(|&c| drills.iter().any(|d| sc.conflicts[c].drills.contains(d)))
        .collect();
    let rows = conflicts.len() + sc.standbys.len();
    if rows == 0 {
        return;
    }
    let height = 20.0 + rows as f64 * ROW_H;
    let _ = write!(
        h,
        "<h3>{} / {}</h3>\n<svg viewBox=\"0 0 {CHART_W} {height}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">",
        Label::Conflicts.say(lang),
        Label::Standby.say(lang)
    );
    axis.grid(h, height);
    for (row, &c) in conflicts.iter().enumerate() {
        let y = 18.0 + row as f64 * ROW_H;
        let set = &sc.conflicts[c];
        let _ = write!(
            h,
            "<text x=\"4\" y=\"{:.1}\">{}</text>",
            y + 11.0,
            esc(&clip(&set.name, 16))
        );
        for &d in drills.iter().filter(|d| set.drills.contains(d)) {
            let e = plan.entries[d.index()].as_ref().expect("scheduled");
            let (a, b) = (axis.x(e.start), axis.x(e.end + set.gap));
            let _ = write!(
                h,
                "<g><title>{}</title><rect x=\"{a:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#c0392b\" fill-opacity=\"0.6\"/></g>",
                esc(&format!("{} {}-{} (+{} min)", sc.drill(d).id, hhmm(e.start), hhmm(e.end), set.gap)),
                y + 2.0,
                (b - a).max(1.0),
                ROW_H - 4.0
            );
        }
    }
    for (i, rule) in sc.standbys.iter().enumerate() {
        let y = 18.0 + (conflicts.len() + i) as f64 * ROW_H;
        // Names as the planner reads them: 独山子 消防 ≥1, not `dsz fire ≥1`.
        let district = &sc.districts[rule.district.index()];
        let district = if district.name.is_empty() {
            &district.id
        } else {
            &district.name
        };
        let (skill, keep) = (lang.skill(&sc.skills[rule.skill.index()]), rule.keep);
        let label = drillplan_model::words!(lang,
            en: "{district} {skill} ≥{keep}",
            zh: "{district} {skill} 留守≥{keep}");
        let _ = write!(
            h,
            "<text x=\"4\" y=\"{:.1}\">{}</text>",
            y + 11.0,
            esc(&clip(&label, 24))
        );
        // Free teams of the group, minute by minute, drawn as shaded steps.
        let group = &rule.group;
        let busy_at = |m: u32| {
            drills
                .iter()
                .filter_map(|&d| plan.entries[d.index()].as_ref())
                .filter(|e| e.date == date && e.start <= m && m < e.end)
                .flat_map(|e| e.teams.iter())
                .filter(|t| group.contains(t))
                .count() as u32
        };
        let size = group.len().max(1) as f64;
        let mut m = axis.from;
        while m < axis.to {
            let free = group.len() as u32 - busy_at(m).min(group.len() as u32);
            let bar_h = (ROW_H - 4.0) * free as f64 / size;
            let colour = if free <= rule.keep {
                "#e15759"
            } else {
                "#59a14f"
            };
            let (a, b) = (axis.x(m), axis.x(m + 15));
            let _ = write!(
                h,
                "<rect x=\"{a:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bar_h:.1}\" fill=\"{colour}\" fill-opacity=\"0.7\"><title>{} {}: {free}/{}</title></rect>",
                y + 2.0 + (ROW_H - 4.0 - bar_h),
                b - a,
                hhmm(m),
                esc(Label::Standby.say(lang)),
                group.len()
            );
            m += 15;
        }
    }
    h.push_str("</svg>\n");
}

fn coverage(h: &mut String, plan: &Plan) {
    let lang = plan.lang;
    let c = plan.coverage();
    let _ = write!(
        h,
        "<h2>{}</h2>\n<table>\n<tr><th>{}</th>",
        Label::Coverage.say(lang),
        Label::District.say(lang)
    );
    for s in &c.sectors {
        let _ = write!(h, "<th>{}</th>", esc(lang.sector(s)));
    }
    let _ = writeln!(h, "<th>{}</th></tr>", Label::Total.say(lang));
    for (i, district) in c.districts.iter().enumerate() {
        let _ = write!(h, "<tr><th>{}</th>", esc(district));
        for &n in &c.counts[i] {
            let class = if n == 0 { "num empty" } else { "num" };
            let _ = write!(h, "<td class=\"{class}\">{n}</td>");
        }
        let _ = writeln!(
            h,
            "<td class=\"num\">{}</td></tr>",
            c.counts[i].iter().sum::<u32>()
        );
    }
    h.push_str("</table>\n");
    if c.requirements.is_empty() {
        return;
    }
    let _ = write!(h, "<table>\n<tr>");
    for key in [
        Label::Requirement,
        Label::District,
        Label::Has,
        Label::Minimum,
        Label::Status,
    ] {
        let _ = write!(h, "<th>{}</th>", key.say(lang));
    }
    h.push_str("</tr>\n");
    for r in &c.requirements {
        let class = if r.held() { "num" } else { "num empty" };
        let status = if r.held() { Label::Held } else { Label::Short }.say(lang);
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td class=\"{class}\">{}</td><td class=\"num\">{}</td><td>{status}</td></tr>",
            esc(&r.name),
            esc(&r.district),
            r.has,
            r.min
        );
    }
    h.push_str("</table>\n");
}

fn unscheduled(h: &mut String, plan: &Plan) {
    let lang = plan.lang;
    let drills = plan.unscheduled();
    let _ = writeln!(
        h,
        "<h2>{} ({})</h2>",
        Label::UnscheduledSheet.say(lang),
        drills.len()
    );
    if drills.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", Label::None.say(lang));
        return;
    }
    let _ = writeln!(
        h,
        "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        Label::DrillId.say(lang),
        Label::Drill.say(lang),
        Label::Venue.say(lang),
        Label::Priority.say(lang),
        Label::Reason.say(lang)
    );
    for d in drills {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(&plan.scenario.drill(d).id),
            esc(plan.drill_name(d)),
            esc(plan.venue_name(d)),
            plan.scenario.drill(d).priority,
            esc(&plan.reasons[d.index()])
        );
    }
    h.push_str("</table>\n");
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
