//! Team rosters as CSV: one row per team per drill, with when it leaves,
//! how long it travels, when it arrives, the drill, and where it goes next.
//! Same encoding rules as the contract's CSV: UTF-8 with a BOM (unless
//! `--no-bom`), CRLF, formula-safe cells.

use super::Plan;
use crate::lang::Label;
use crate::scenario::time::HhMm;
use crate::schedule::csv::CsvOut;

pub fn to_bytes(plan: &Plan, bom: bool) -> Vec<u8> {
    let lang = plan.lang;
    let mut writer = CsvOut::new(bom);
    let header: Vec<&str> = [
        Label::TeamId,
        Label::Team,
        Label::Date,
        Label::Weekday,
        Label::Departure,
        Label::TravelTo,
        Label::Arrival,
        Label::Start,
        Label::End,
        Label::DrillId,
        Label::Drill,
        Label::Venue,
        Label::District,
        Label::Contacts,
        Label::TravelFrom,
        Label::Next,
        Label::Return,
    ]
    .iter()
    .map(|k| k.say(lang))
    .collect();
    writer.record(&header);
    for s in plan.roster() {
        let entry = plan.entries[s.drill.index()]
            .as_ref()
            .expect("roster stops are scheduled");
        let others: Vec<&str> = entry
            .teams
            .iter()
            .filter(|&&t| t != s.team)
            .map(|&t| plan.team_name(t))
            .collect();
        let cells = [
            plan.scenario.team(s.team).id.clone(),
            plan.team_name(s.team).to_string(),
            s.date.format("%Y-%m-%d").to_string(),
            lang.weekday(s.date).to_string(),
            HhMm(s.leave).to_string(),
            s.travel_to.to_string(),
            HhMm(s.arrive).to_string(),
            HhMm(s.start).to_string(),
            HhMm(s.end).to_string(),
            plan.scenario.drill(s.drill).id.clone(),
            plan.drill_name(s.drill).to_string(),
            plan.venue_name(s.drill).to_string(),
            plan.district_name(s.drill).to_string(),
            others.join("、"),
            s.travel_on.to_string(),
            s.next.map_or(Label::Base.say(lang).to_string(), |n| {
                plan.venue_name(n).to_string()
            }),
            s.back_at_base
                .map(|m| HhMm(m).to_string())
                .unwrap_or_default(),
        ];
        writer.record(&cells);
    }
    writer.into_bytes()
}
