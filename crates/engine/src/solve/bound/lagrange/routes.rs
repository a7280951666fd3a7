//! The route of one team and day with the most to collect under the
//! current multipliers, by dynamic programming; and the team-days themselves.

use super::super::super::candidates::Prepared;
use super::DrillRow;
use super::{Node, RouteBound, TeamDay, BLOCK, BLOCKS, HOUR};
use crate::scenario::travel::Point;
use crate::scenario::{Scenario, TeamId, VenueId};

impl RouteBound<'_> {
    /// The best route of one team-day under the current multipliers, by
    /// dynamic programming over its nodes in order of start: the best route
    /// ending at a node is the node's gain plus the best route that can
    /// reach it (or nothing, from base). Adds its subgradient to `grad`.
    ///
    /// Travel is the fastest route between two places (`shortest`), which
    /// is never more than the contract's direct leg and obeys the triangle
    /// inequality: so a node that gains nothing never helps a route as a
    /// stepping stone, and only nodes with a positive gain take part. Times
    /// are compared in whole slots, rounding the latest possible end down:
    /// `end <= start - travel` implies `slot(end) <= slot(start - travel)`,
    /// so no route is lost.
    pub(super) fn route(
        &self,
        i: usize,
        td: &TeamDay,
        w: &mut RouteWork,
        grad: &mut [Vec<f64>; 6],
    ) -> f64 {
        let slot = self.scenario.slot_minutes;
        let (h0, h1) = td.shift;
        let first = h0 / slot;
        let width = (h1 / slot - first + 1) as usize;
        w.active.clear();
        for (j, node) in td.nodes.iter().enumerate() {
            let (g, need) = self.gain(i, td, node);
            if g > 0.0 {
                w.active.push((j as u32, g, need as u32));
            }
        }
        // Venues with an active node, numbered densely.
        w.venue_slot.clear();
        w.venue_slot.resize(self.part_venues, u32::MAX);
        w.venues.clear();
        for &(j, _, _) in &w.active {
            let v = td.nodes[j as usize].venue as usize;
            if w.venue_slot[v] == u32::MAX {
                w.venue_slot[v] = w.venues.len() as u32;
                w.venues.push(v);
            }
        }
        let nv = w.venues.len();
        w.best.clear();
        w.best.resize(nv * width, (f64::NEG_INFINITY, u32::MAX));
        w.value.clear();
        w.value
            .resize(w.active.len(), (f64::NEG_INFINITY, u32::MAX));
        w.head.clear();
        w.head.resize(width, u32::MAX);
        w.next.clear();
        w.next.resize(w.active.len(), u32::MAX);
        let mut filled = 0usize;
        let mut k = 0;
        let nloc = self.part_venues;
        while k < w.active.len() {
            let start = td.nodes[w.active[k].0 as usize].start;
            let col = (start / slot - first) as usize;
            while filled < col {
                filled += 1;
                for v in 0..nv {
                    w.best[v * width + filled] = w.best[v * width + filled - 1];
                }
                let mut a = w.head[filled];
                while a != u32::MAX {
                    let node = td.nodes[w.active[a as usize].0 as usize];
                    let v = w.venue_slot[node.venue as usize] as usize;
                    let cell = &mut w.best[v * width + filled];
                    if w.value[a as usize].0 > cell.0 {
                        *cell = (w.value[a as usize].0, a);
                    }
                    a = w.next[a as usize];
                }
            }
            let mut group_end = k;
            while group_end < w.active.len()
                && td.nodes[w.active[group_end].0 as usize].start == start
            {
                group_end += 1;
            }
            let mut j = k;
            while j < group_end {
                let v = td.nodes[w.active[j].0 as usize].venue as usize;
                let mut pred = (f64::NEG_INFINITY, u32::MAX);
                let into = &self.travel_slots[v * nloc..(v + 1) * nloc];
                for (u, &lu) in w.venues.iter().enumerate() {
                    // Starts lie on the slot grid, so the latest end that
                    // still allows `start` falls in slot `start / slot - ceil(travel / slot)`.
                    let Some(at) = col.checked_sub(into[lu] as usize) else {
                        continue;
                    };
                    let cell = w.best[u * width + at];
                    if cell.0 > pred.0 {
                        pred = cell;
                    }
                }
                while j < group_end && td.nodes[w.active[j].0 as usize].venue as usize == v {
                    let node = &td.nodes[w.active[j].0 as usize];
                    let g = w.active[j].1;
                    // Every node can be reached from base (`team_days` keeps no other).
                    let mut here = pred;
                    if here.0 < 0.0 {
                        here = (0.0, u32::MAX);
                    }
                    if here.0 > f64::NEG_INFINITY {
                        w.value[j] = (here.0 + g, here.1);
                        let end_col = (node.end / slot).saturating_sub(first);
                        if end_col as usize <= filled {
                            // Ends within the slot already filled (drills shorter than a slot).
                            let u = w.venue_slot[node.venue as usize] as usize;
                            for c in end_col as usize..=filled {
                                let cell = &mut w.best[u * width + c];
                                if w.value[j].0 > cell.0 {
                                    *cell = (w.value[j].0, j as u32);
                                }
                            }
                        } else {
                            w.next[j] = w.head[end_col as usize];
                            w.head[end_col as usize] = j as u32;
                        }
                    }
                    j += 1;
                }
            }
            k = group_end;
        }
        let mut best = (0.0, u32::MAX);
        // Every node can get back to base in time, too.
        for a in 0..w.active.len() {
            if w.value[a].0 > best.0 {
                best = (w.value[a].0, a as u32);
            }
        }
        // Walk the best route back, adding what it serves to the subgradient.
        let days = self.scenario.num_days as usize;
        let (mut count, mut minutes) = (0.0, 0.0);
        let mut at = best.1;
        while at != u32::MAX {
            let (j, _, need) = w.active[at as usize];
            let node = &td.nodes[j as usize];
            let r = &self.rows[node.drill as usize];
            grad[0][r.offset + need as usize] += 1.0;
            count += 1.0;
            minutes += r.duration as f64 / HOUR;
            for &rule in &td.rules {
                let base = (rule * days + td.day as usize) * BLOCKS;
                for_blocks(node.start, node.end, |b, m| {
                    grad[3][base + b] -= m as f64 / HOUR
                });
            }
            at = w.value[at as usize].1;
        }
        let mut value = best.0;
        if let Some(k) = td.max_drills {
            value += self.m.drills_limit[i] * k as f64;
            grad[4][i] = k as f64 - count;
        }
        if let Some(mm) = td.max_minutes {
            value += self.m.minutes_limit[i] * mm as f64 / HOUR;
            grad[5][i] = mm as f64 / HOUR - minutes;
        }
        value
    }
}

#[derive(Default)]
pub(super) struct RouteWork {
    /// Nodes with a positive gain: (node, gain, need it fills), by start.
    active: Vec<(u32, f64, u32)>,
    /// Per venue of the team-day, its number among active venues.
    venue_slot: Vec<u32>,
    venues: Vec<usize>,
    /// Per active venue and slot of the shift: the best route ending there by then.
    best: Vec<(f64, u32)>,
    /// Per active node: best route ending with it, and its predecessor.
    value: Vec<(f64, u32)>,
    /// Active nodes by the slot of their end, as linked lists, pending
    /// until the fill reaches that slot.
    head: Vec<u32>,
    next: Vec<u32>,
}

/// Calls `f(block, minutes)` for each block `[start, end)` overlaps.
pub(super) fn for_blocks(start: u32, end: u32, mut f: impl FnMut(usize, u32)) {
    let mut b = start / BLOCK;
    while b * BLOCK < end {
        let lo = start.max(b * BLOCK);
        let hi = end.min((b + 1) * BLOCK);
        if hi > lo {
            f(b as usize, hi - lo);
        }
        b += 1;
    }
}

/// Every team-day with at least one drill start it could serve, with the
/// starts reachable from its base and back by the fastest route there is.
pub(super) fn team_days(
    scenario: &Scenario,
    prepared: &Prepared,
    rows: &[DrillRow],
    venue_number: &[u32],
    standby_rules: &[(usize, f64)],
) -> Vec<TeamDay> {
    let mut out = Vec::new();
    let travel = &scenario.travel;
    // Per team, the (row, needs bits) it could serve.
    let mut serves: Vec<Vec<(u32, u64)>> = vec![Vec::new(); scenario.teams.len()];
    for (ri, r) in rows.iter().enumerate() {
        let needs = &prepared.need_teams[r.id.index()];
        let mut per_team: Vec<(TeamId, u64)> = Vec::new();
        for (n, teams) in needs.iter().enumerate().take(64) {
            for &t in teams {
                match per_team.iter_mut().find(|(x, _)| *x == t) {
                    Some((_, bits)) => *bits |= 1 << n,
                    None => per_team.push((t, 1 << n)),
                }
            }
        }
        for (t, bits) in per_team {
            serves[t.index()].push((ri as u32, bits));
        }
    }
    for (t, team) in scenario.teams.iter().enumerate() {
        let tid = TeamId(t as u32);
        let rules: Vec<usize> = standby_rules
            .iter()
            .filter(|(r, _)| scenario.standbys[*r].group.contains(&tid))
            .map(|(r, _)| *r)
            .collect();
        for day in 0..scenario.num_days {
            if !team.works[day as usize] || serves[t].is_empty() {
                continue;
            }
            let (h0, h1) = (team.shift.start, team.shift.end);
            let mut nodes = Vec::new();
            for &(ri, bits) in &serves[t] {
                let r = &rows[ri as usize];
                if team.max_minutes_per_day.is_some_and(|m| m < r.duration) {
                    continue;
                }
                let v = VenueId(r.venue as u32);
                let (base, here) = (Point::Base(tid), Point::Venue(v));
                let out_fast = travel.shortest(base, here);
                let back_fast = travel.shortest(here, base);
                let starts = &prepared.starts[r.id.index()];
                let lo = starts.partition_point(|s| s.0 < day);
                let hi = starts.partition_point(|s| s.0 <= day);
                for &(_, start) in &starts[lo..hi] {
                    let end = start + r.duration;
                    if start < h0 + out_fast || end + back_fast > h1 {
                        continue;
                    }
                    nodes.push(Node {
                        start,
                        end,
                        venue: venue_number[r.venue],
                        drill: ri,
                        needs: bits,
                    });
                }
            }
            if nodes.is_empty() {
                continue;
            }
            nodes.sort_by_key(|n| (n.start, n.venue, n.drill));
            out.push(TeamDay {
                day,
                nodes,
                rules: rules.clone(),
                max_drills: team.max_drills_per_day,
                max_minutes: team.max_minutes_per_day,
                shift: (h0, h1),
            });
        }
    }
    out
}
