//! RFC 5545 calendars: one per team and one per venue, each scheduled drill
//! a VEVENT. A UID is `<drill id>-<plan start>@drillplan`, the same in every
//! file and every run, so importing a revised plan updates events instead of
//! duplicating them.
//! Times carry `TZID=Asia/Shanghai` (China's one civil time, Xinjiang's
//! official time included) with its VTIMEZONE, so a phone set to another
//! zone still shows the drill at the planned instant.
//!
//! A revised plan updates phones: `calendars` is given the calendars the
//! folder held before (`Previous`). An event whose content changed gets the
//! next SEQUENCE and a new DTSTAMP; one gone from a team's or venue's
//! calendar (the team taken off the drill, the drill dropped) is written
//! once more with `STATUS:CANCELLED` and the next SEQUENCE, so the phone
//! removes it. An event that did not change keeps its SEQUENCE and DTSTAMP,
//! so the same plan written twice gives the same bytes; a first plan's
//! events have SEQUENCE 0 and DTSTAMP the plan's start.
//!
//! Names are the scenario's free text and may hold anything. Every TEXT
//! value is escaped as RFC 5545 section 3.3.11 says (`\\`, `\;`, `\,`, `\n`),
//! and control characters other than the line feed are dropped: a raw CR
//! or LF in a name would otherwise end the line and let the name write
//! properties, or whole calendars, of its own.

use super::Plan;
use crate::lang::Label;
use crate::scenario::time::HhMm;
use crate::scenario::{DrillId, TeamId, VenueId};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike, EventStatus, Property};
use std::collections::BTreeMap;

/// The zone every time is given in.
const TZID: &str = "Asia/Shanghai";

/// China Standard Time, UTC+8 all year, as RFC 5545 section 3.6.5 wants a
/// zone named by TZID described.
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\nBEGIN:STANDARD\r\n\
DTSTART:19700101T000000\r\nTZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\nTZNAME:CST\r\n\
END:STANDARD\r\nEND:VTIMEZONE\r\n";

/// What a calendar folder held before this export: per file, per UID, the
/// event as it was written.
#[derive(Debug, Default, Clone)]
pub struct Previous {
    files: BTreeMap<String, BTreeMap<String, PreviousEvent>>,
}

#[derive(Debug, Clone)]
struct PreviousEvent {
    sequence: u32,
    stamp: String,
    digest: String,
    cancelled: bool,
    /// The event's own lines (unfolded, without BEGIN, END, SEQUENCE,
    /// DTSTAMP and STATUS), to write it again as cancelled.
    lines: Vec<String>,
}

impl Previous {
    /// The events of the calendar files `(name, text)` a folder held.
    /// Anything that is not an event drillplan wrote is ignored: at worst a
    /// phone keeps an event it should have dropped, as before this existed.
    pub fn read(files: &[(String, String)]) -> Previous {
        let mut out = Previous::default();
        for (name, text) in files {
            let unfolded = text.replace("\r\n ", "").replace("\n ", "");
            let mut events = BTreeMap::new();
            let mut current: Option<(String, PreviousEvent)> = None;
            for line in unfolded.lines() {
                let line = line.trim_end_matches('\r');
                match line {
                    "BEGIN:VEVENT" => {
                        current = Some((
                            String::new(),
                            PreviousEvent {
                                sequence: 0,
                                stamp: String::new(),
                                digest: String::new(),
                                cancelled: false,
                                lines: Vec::new(),
                            },
                        ))
                    }
                    "END:VEVENT" => {
                        if let Some((uid, event)) = current.take() {
                            if !uid.is_empty() {
                                events.insert(uid, event);
                            }
                        }
                    }
                    _ => {
                        let Some((uid, event)) = current.as_mut() else {
                            continue;
                        };
                        if let Some(v) = line.strip_prefix("UID:") {
                            *uid = v.to_string();
                            event.lines.push(line.to_string());
                        } else if let Some(v) = line.strip_prefix("SEQUENCE:") {
                            event.sequence = v.trim().parse().unwrap_or(0);
                        } else if let Some(v) = line.strip_prefix("DTSTAMP:") {
                            event.stamp = v.to_string();
                        } else if let Some(v) = line.strip_prefix("X-DRILLPLAN-DIGEST:") {
                            event.digest = v.to_string();
                            event.lines.push(line.to_string());
                        } else if let Some(v) = line.strip_prefix("STATUS:") {
                            event.cancelled = v == "CANCELLED";
                        } else {
                            event.lines.push(line.to_string());
                        }
                    }
                }
            }
            out.files.insert(name.clone(), events);
        }
        out
    }
}

/// `(file name, bytes)` for every team and every venue with drills, or
/// with an event of `previous` to cancel. `now` stamps the events that
/// changed since `previous`.
pub fn calendars(
    plan: &Plan,
    previous: &Previous,
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<(String, Vec<u8>)> {
    let revision = Revision { previous, now };
    let sc = plan.scenario;
    let scheduled = plan.scheduled();
    let mut out = Vec::new();
    for t in sc.team_ids() {
        let drills: Vec<DrillId> = scheduled
            .iter()
            .filter(|(_, e)| e.teams.contains(&t))
            .map(|&(d, _)| d)
            .collect();
        let name = file_name("team", &sc.team(t).id);
        if let Some(bytes) = calendar(plan, &name, plan.team_name(t), &drills, Some(t), &revision) {
            out.push((name, bytes));
        }
    }
    for (i, venue) in sc.venues.iter().enumerate() {
        let drills: Vec<DrillId> = scheduled
            .iter()
            .filter(|(d, _)| sc.drill(*d).venue == VenueId(i as u32))
            .map(|&(d, _)| d)
            .collect();
        let label = if venue.name.is_empty() {
            &venue.id
        } else {
            &venue.name
        };
        let name = file_name("venue", &venue.id);
        if let Some(bytes) = calendar(plan, &name, label, &drills, None, &revision) {
            out.push((name, bytes));
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

struct Revision<'p> {
    previous: &'p Previous,
    now: chrono::DateTime<chrono::Utc>,
}

/// One calendar file's text, or None when it has no event to show or to
/// cancel.
fn calendar(
    plan: &Plan,
    file: &str,
    title: &str,
    drills: &[DrillId],
    team: Option<TeamId>,
    revision: &Revision,
) -> Option<Vec<u8>> {
    let sc = plan.scenario;
    let first_stamp = sc
        .start
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc()
        .format("%Y%m%dT%H%M%SZ")
        .to_string();
    let now = revision.now.format("%Y%m%dT%H%M%SZ").to_string();
    let before = revision.previous.files.get(file);
    let mut cal = Calendar::new();
    let name = text(&format!("{} - {title}", Label::ReportTitle.say(plan.lang)));
    // The library escapes the properties it knows as TEXT, X-WR-CALNAME
    // among them, but writes RFC 7986's NAME as given.
    cal.append_property(Property::new("NAME", escaped(&name)));
    cal.append_property(Property::new("X-WR-CALNAME", &name));
    cal.append_property(Property::new("X-WR-TIMEZONE", TZID));
    let mut uids = Vec::new();
    let roster = team.map(|_| plan.roster());
    for &d in drills {
        let e = plan.entries[d.index()].as_ref().expect("scheduled");
        let drill = sc.drill(d);
        let venue = sc.venue(drill.venue);
        let at = |minute: u32| CalendarDateTime::WithTimezone {
            date_time: e.date.and_hms_opt(0, 0, 0).expect("midnight exists")
                + chrono::Duration::minutes(minute as i64),
            tzid: TZID.to_string(),
        };
        let others: Vec<&str> = e
            .teams
            .iter()
            .filter(|&&t| Some(t) != team)
            .map(|&t| plan.team_name(t))
            .collect();
        let mut description = format!(
            "{}: {} ({})\n{}: {}\n{}: {}-{}\n{}: {}",
            Label::Drill.say(plan.lang),
            plan.drill_name(d),
            drill.id,
            Label::Contacts.say(plan.lang),
            if others.is_empty() {
                Label::None.say(plan.lang).to_string()
            } else {
                others.join("、")
            },
            Label::Time.say(plan.lang),
            HhMm(e.start),
            HhMm(e.end),
            Label::District.say(plan.lang),
            plan.district_name(d),
        );
        // The team's own leg to the drill: when it leaves, and from where.
        if let (Some(t), Some(stops)) = (team, &roster) {
            if let Some(stop) = stops.iter().find(|s| s.team == t && s.drill == d) {
                let from = stop
                    .from
                    .map_or(Label::Base.say(plan.lang), |p| plan.venue_name(p));
                let (label, leave, minutes) = (
                    Label::Departure.say(plan.lang),
                    HhMm(stop.leave),
                    stop.travel_to,
                );
                // A Chinese calendar says 分钟, as the roster's headers do.
                description.push_str(&drillplan_model::words!(plan.lang,
                    en: "\n{label}: {leave} ({from}, {minutes} min)",
                    zh: "\n{label}: {leave}（{from}出发，车程 {minutes} 分钟）"));
            }
        }
        let uid = format!(
            "{}-{}@drillplan",
            file_safe(&drill.id),
            sc.start.format("%Y%m%d")
        );
        let mut event = Event::new()
            .uid(&text(&uid))
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
        // What a phone shows of the event, to tell a changed one.
        let digest = format!(
            "{:016x}",
            fnv1a(
                format!(
                    "{}|{}|{}|{}|{}|{description}",
                    e.date,
                    e.start,
                    e.end,
                    plan.drill_name(d),
                    plan.venue_name(d)
                )
                .as_bytes()
            )
        );
        let (sequence, stamp) = match before.and_then(|b| b.get(&text(&uid))) {
            Some(p) if p.digest == digest && !p.cancelled => (p.sequence, p.stamp.clone()),
            Some(p) => (p.sequence + 1, now.clone()),
            None => (0, first_stamp.clone()),
        };
        event.add_property("X-DRILLPLAN-DIGEST", digest);
        event.add_property("SEQUENCE", sequence.to_string());
        event.add_property("DTSTAMP", stamp);
        event.status(EventStatus::Confirmed);
        uids.push(text(&uid));
        cal.push(event);
    }
    // Events this file had that the plan no longer gives it: cancelled.
    let mut cancelled = String::new();
    for (uid, p) in before.into_iter().flatten() {
        if uids.contains(uid) {
            continue;
        }
        let (sequence, stamp) = if p.cancelled {
            (p.sequence, p.stamp.clone())
        } else {
            (p.sequence + 1, now.clone())
        };
        cancelled.push_str("BEGIN:VEVENT\r\n");
        for line in &p.lines {
            cancelled.push_str(line);
            cancelled.push_str("\r\n");
        }
        cancelled.push_str(&format!(
            "SEQUENCE:{sequence}\r\nDTSTAMP:{stamp}\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n"
        ));
    }
    if uids.is_empty() && cancelled.is_empty() {
        return None;
    }
    let body = cal.done().to_string();
    // The zone's description goes before the first event, the cancelled
    // events after the last.
    let body = match body.find("BEGIN:VEVENT") {
        Some(i) => format!("{}{VTIMEZONE}{}", &body[..i], &body[i..]),
        None => body.replacen("END:VCALENDAR", &format!("{VTIMEZONE}END:VCALENDAR"), 1),
    };
    let body = body.replacen("END:VCALENDAR", &format!("{cancelled}END:VCALENDAR"), 1);
    Some(fold(&body).into_bytes())
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
