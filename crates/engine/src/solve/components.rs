//! Independent parts of a scenario: drills that can never affect each other
//! (no team could serve both, no shared venue, conflict set, standby group
//! or coverage need, and no district under a spread weight)
//! are solved apart and in parallel, and their bounds add up.

use super::candidates::Prepared;
use crate::scenario::{DrillId, Scenario};

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index becomes the root, so roots do not depend on merge order.
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// The components, each a list of drills ascending, ordered by their first drill.
pub fn components(scenario: &Scenario, prepared: &Prepared) -> Vec<Vec<DrillId>> {
    let drills = scenario.drills.len();
    let team_node = |t: usize| drills + t;
    let venue_node = |v: usize| drills + scenario.teams.len() + v;
    let conflict_node = |c: usize| drills + scenario.teams.len() + scenario.venues.len() + c;
    let nodes = drills + scenario.teams.len() + scenario.venues.len() + scenario.conflicts.len();
    let mut uf = UnionFind((0..nodes).collect());
    for d in scenario.drill_ids() {
        let drill = scenario.drill(d);
        uf.union(d.index(), venue_node(drill.venue.index()));
        for t in &prepared.any_team[d.index()] {
            uf.union(d.index(), team_node(t.index()));
        }
        for c in &drill.conflicts {
            uf.union(d.index(), conflict_node(c.index()));
        }
    }
    // A coverage need's drills trade places with one another (one may drop
    // out only if another holds the row): they are searched together.
    for need in &prepared.cover {
        for pair in need.drills.windows(2) {
            uf.union(pair[0].index(), pair[1].index());
        }
    }
    // Under a spread weight, any two drills of one district may share a
    // day and so price each other: a district is searched as one part.
    if scenario.weights.spread != 0.0 {
        let mut first_of: Vec<Option<usize>> = vec![None; scenario.districts.len()];
        for d in scenario.drill_ids() {
            let k = scenario.district_of(d).index();
            match first_of[k] {
                Some(f) => uf.union(f, d.index()),
                None => first_of[k] = Some(d.index()),
            }
        }
    }
    for rule in &scenario.standbys {
        for pair in rule.group.windows(2) {
            uf.union(team_node(pair[0].index()), team_node(pair[1].index()));
        }
    }
    let mut by_root: std::collections::BTreeMap<usize, Vec<DrillId>> =
        std::collections::BTreeMap::new();
    for d in scenario.drill_ids() {
        let root = uf.find(d.index());
        by_root.entry(root).or_default().push(d);
    }
    let mut parts: Vec<Vec<DrillId>> = by_root.into_values().collect();
    parts.sort_by_key(|p| p[0]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn far_apart_districts_fall_apart() {
        let generated = crate::generate::generate(&crate::generate::GenerateOptions {
            drills: 300,
            teams: Some(80),
            districts: Some(3),
            seed: 4,
            tightness: 1.0,
            ..Default::default()
        });
        let s = crate::scenario::parse("g.toml", &generated.toml).unwrap();
        let parts = components(&s, &Prepared::new(&s));
        assert!(parts.len() >= 3, "{} parts", parts.len());
        assert_eq!(parts.iter().map(Vec::len).sum::<usize>(), 300);
        // No two parts share a venue.
        for (i, a) in parts.iter().enumerate() {
            for b in &parts[i + 1..] {
                assert!(a
                    .iter()
                    .all(|x| b.iter().all(|y| s.drill(*x).venue != s.drill(*y).venue)));
            }
        }
    }
}
