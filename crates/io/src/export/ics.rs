//! RFC 5545 calendars: one per team and one per venue, each scheduled drill
//! a VEVENT. A UID is `<drill id>-<plan start>@drillplan`, the same in every
//! file and every run, so importing a revised plan updates events instead of
//! duplicating them.
//! Times are floating local times, as a drill at 09:00 is at 09:00 wherever
//! the phone is; DTSTAMP is fixed to the plan's start so files are
//! byte-identical run to run.
//!
//! Names are the scenario's free text and may hold anything. Every TEXT
//! value is escaped as RFC 5545 section 3.3.11 says (`\\`, `\;`, `\,`, `\n`),
//! and control characters other than the line feed are dropped: a raw CR
//! or LF in a name would otherwise end the line and let the name write
//! properties, or whole calendars, of its own.

use super::{hhmm, Plan};
use crate::scenario::{DrillId, TeamId, VenueId};
use icalendar::{Calendar, Component, Event, EventLike, Property};

/// `(file name, bytes)` for every team and every venue with drills.
pub fn calendars(plan: &Plan) -> Vec<(String, Vec<u8>)> {
    let sc = plan.scenario;
    let scheduled = plan.scheduled();
    let mut out = Vec::new();
    for t in sc.team_ids() {
        let drills: Vec<DrillId> = scheduled
            .iter()
            .filter(|(_, e)| e.teams.contains(&t))
            .map(|&(d, _)| d)
            .collect();
        if !drills.is_empty() {
            let name = file_name("team", &sc.team(t).id);
            out.push((name, calendar(plan, plan.team_name(t), &drills, Some(t))));
        }
    }
    for (i, venue) in sc.venues.iter().enumerate() {
        let drills: Vec<DrillId> = scheduled
            .iter()
            .filter(|(d, _)| sc.drill(*d).venue == VenueId(i as u32))
            .map(|&(d, _)| d)
            .collect();
        if !drills.is_empty() {
            let label = if venue.name.is_empty() {
                &venue.id
            } else {
                &venue.name
            };
            out.push((
                file_name("venue", &venue.id),
                calendar(plan, label, &drills, None),
            ));
        }
    }
    out
}

/// Bytes of an id kept in a file name: with the prefix, the hash and
/// `.ics`, well within the 255 bytes file systems allow.
const MAX_NAME_BYTES: usize = 200;

/// The calendar file of a team or venue. An id that file names cannot hold
/// as it is (a `:` or another character replaced, more than 200 bytes, or
/// any capital letter, since Windows and macOS fold case) gets a hash of
/// itself appended, so two ids never share a file.
fn file_name(kind: &str, id: &str) -> String {
    let safe = file_safe(id);
    let mut end = safe.len().min(MAX_NAME_BYTES);
    while !safe.is_char_boundary(end) {
        end -= 1;
    }
    let kept = &safe[..end];
    if kept == id && !id.chars().any(char::is_uppercase) {
        format!("{kind}-{id}.ics")
    } else {
        format!("{kind}-{kept}-{:016x}.ics", fnv1a(id.as_bytes()))
    }
}

/// FNV-1a, 64 bits: stable across Rust releases and platforms, unlike the
/// standard library's hasher, so a file keeps its name run to run.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn file_safe(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn calendar(plan: &Plan, title: &str, drills: &[DrillId], team: Option<TeamId>) -> Vec<u8> {
    let sc = plan.scenario;
    let stamp = sc
        .start
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc();
    let mut cal = Calendar::new();
    let name = text(&format!("{} - {title}", plan.lang.t("report_title")));
    // The library escapes the properties it knows as TEXT, X-WR-CALNAME
    // among them, but writes RFC 7986's NAME as given.
    cal.append_property(Property::new("NAME", escaped(&name)));
    cal.append_property(Property::new("X-WR-CALNAME", &name));
    for &d in drills {
        let e = plan.entries[d.index()].as_ref().expect("scheduled");
        let drill = sc.drill(d);
        let venue = sc.venue(drill.venue);
        let at = |minute: u32| {
            e.date.and_hms_opt(0, 0, 0).expect("midnight exists")
                + chrono::Duration::minutes(minute as i64)
        };
        let others: Vec<&str> = e
            .teams
            .iter()
            .filter(|&&t| Some(t) != team)
            .map(|&t| plan.team_name(t))
            .collect();
        let description = format!(
            "{}: {} ({})\n{}: {}\n{}: {}-{}\n{}: {}",
            plan.lang.t("drill"),
            plan.drill_name(d),
            drill.id,
            plan.lang.t("contacts"),
            if others.is_empty() {
                plan.lang.t("none").to_string()
            } else {
                others.join("、")
            },
            plan.lang.t("start"),
            hhmm(e.start),
            hhmm(e.end),
            plan.lang.t("district"),
            plan.district_name(d),
        );
        let uid = format!(
            "{}-{}@drillplan",
            file_safe(&drill.id),
            sc.start.format("%Y%m%d")
        );
        let event = Event::new()
            .uid(&text(&uid))
            .timestamp(stamp)
            .summary(&text(plan.drill_name(d)))
            .description(&text(&description))
            .location(&text(&format!(
                "{} ({:.5}, {:.5})",
                plan.venue_name(d),
                venue.location[0],
                venue.location[1]
            )))
            .add_property(
                "GEO",
                format!("{:.6};{:.6}", venue.location[0], venue.location[1]),
            )
            .starts(at(e.start))
            .ends(at(e.end))
            .done();
        cal.push(event);
    }
    fold(&cal.done().to_string()).into_bytes()
}

/// A TEXT value for the calendar library, which escapes it: control
/// characters other than the line feed dropped.
fn text(value: &str) -> String {
    value
        .chars()
        .filter(|&c| c == '\n' || !c.is_control())
        .collect()
}

/// A TEXT value escaped as RFC 5545 section 3.3.11 says, for the properties
/// the library writes as given.
fn escaped(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in text(value).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Lines of at most 75 octets (RFC 5545 3.1), cut only between characters;
/// a continuation line starts with one space. Unfolds first, so lines folded
/// by the calendar library are folded again by this one rule.
fn fold(text: &str) -> String {
    let unfolded = text.replace("\r\n ", "");
    let mut out = String::with_capacity(text.len() + text.len() / 70);
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let mut used = 0;
        for c in line.chars() {
            if used + c.len_utf8() > 75 {
                out.push_str("\r\n ");
                used = 1;
            }
            out.push(c);
            used += c.len_utf8();
        }
        out.push_str("\r\n");
    }
    out
}
