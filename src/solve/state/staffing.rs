//! Rule 4 with pins: choose distinct teams for a drill's needs at least total
//! travel, within the standby budgets. A small branch and bound: needs are a
//! handful of slots and candidates a few dozen teams.

use crate::scenario::{Need, StandbyId, TeamId};

/// A team that could join the drill, and what it costs.
#[derive(Debug, Clone, Copy)]
pub struct Candidate {
    pub team: TeamId,
    pub cost: i64,
}

pub struct StaffingProblem<'a> {
    pub needs: &'a [Need],
    /// Per need: teams that may fill it, cheapest first.
    pub candidates: Vec<Vec<Candidate>>,
    /// Teams that must be among those chosen.
    pub pinned: &'a [TeamId],
    /// Standby rules of each team (indexed by team), and each rule's free places.
    pub rules_of_team: &'a [Vec<StandbyId>],
    pub free: Vec<(StandbyId, u32)>,
}

/// Enough for every realistic drill; past it the search keeps its best so far.
const NODE_LIMIT: u32 = 20_000;

/// The cheapest staffing: teams need by need (in `needs` order, ids ascending
/// within a need) and the total cost; `None` if none was found.
pub fn staff(p: &StaffingProblem) -> Option<(Vec<TeamId>, i64)> {
    // Fill the most constrained needs first; slots of one need pick teams in
    // candidate order to avoid trying permutations of the same set.
    let mut order: Vec<usize> = (0..p.needs.len()).collect();
    order.sort_by_key(|&n| (p.candidates[n].len() as i64 - p.needs[n].count() as i64, n));
    let slots: Vec<usize> = order
        .iter()
        .flat_map(|&n| std::iter::repeat_n(n, p.needs[n].count() as usize))
        .collect();
    let min_cost: Vec<i64> = p
        .candidates
        .iter()
        .map(|c| c.first().map_or(0, |c| c.cost))
        .collect();
    // Lower bound on the cost of slots k.. (each slot costs at least its need's cheapest).
    let mut rest_bound = vec![0i64; slots.len() + 1];
    for k in (0..slots.len()).rev() {
        rest_bound[k] = rest_bound[k + 1] + min_cost[slots[k]];
    }
    let mut search = Search {
        p,
        slots: &slots,
        rest_bound: &rest_bound,
        chosen: Vec::with_capacity(slots.len()),
        free: p.free.clone(),
        best: None,
        nodes: 0,
    };
    search.dfs(0, 0, 0);
    let (picked, cost) = search.best?;
    let mut by_need: Vec<Vec<TeamId>> = vec![Vec::new(); p.needs.len()];
    for (k, team) in picked.into_iter().enumerate() {
        by_need[slots[k]].push(team);
    }
    Some((
        by_need
            .into_iter()
            .flat_map(|mut ts| {
                ts.sort();
                ts
            })
            .collect(),
        cost,
    ))
}

struct Search<'a, 'p> {
    p: &'a StaffingProblem<'p>,
    slots: &'a [usize],
    rest_bound: &'a [i64],
    /// (team, candidate index within its need)
    chosen: Vec<(TeamId, usize)>,
    free: Vec<(StandbyId, u32)>,
    best: Option<(Vec<TeamId>, i64)>,
    nodes: u32,
}

impl Search<'_, '_> {
    fn dfs(&mut self, k: usize, cost: i64, pinned_used: usize) {
        self.nodes += 1;
        if self.exhausted() {
            return;
        }
        if self
            .best
            .as_ref()
            .is_some_and(|(_, b)| cost + self.rest_bound[k] >= *b)
        {
            return;
        }
        let remaining_pinned = self.p.pinned.len() - pinned_used;
        if remaining_pinned > self.slots.len() - k {
            return;
        }
        if k == self.slots.len() {
            self.best = Some((self.chosen.iter().map(|c| c.0).collect(), cost));
            return;
        }
        let need = self.slots[k];
        // Within one need, candidates are taken in increasing index.
        let from = match k.checked_sub(1) {
            Some(prev) if self.slots[prev] == need => self.chosen[prev].1 + 1,
            _ => 0,
        };
        for i in from..self.p.candidates[need].len() {
            let c = self.p.candidates[need][i];
            if self.chosen.iter().any(|(t, _)| *t == c.team) {
                continue;
            }
            let rules = &self.p.rules_of_team[c.team.index()];
            if rules
                .iter()
                .any(|r| self.free.iter().any(|(x, f)| x == r && *f == 0))
            {
                continue;
            }
            for r in rules {
                if let Some(f) = self.free.iter_mut().find(|(x, _)| x == r) {
                    f.1 -= 1;
                }
            }
            let is_pinned = usize::from(self.p.pinned.contains(&c.team));
            self.chosen.push((c.team, i));
            self.dfs(k + 1, cost + c.cost, pinned_used + is_pinned);
            self.chosen.pop();
            for r in rules {
                if let Some(f) = self.free.iter_mut().find(|(x, _)| x == r) {
                    f.1 += 1;
                }
            }
            if self.exhausted() {
                return;
            }
        }
    }

    /// Stop at the node limit once something was found, and at ten times it regardless.
    fn exhausted(&self) -> bool {
        self.nodes > NODE_LIMIT * 10 || (self.nodes > NODE_LIMIT && self.best.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::SkillId;

    fn cands(list: &[(u32, i64)]) -> Vec<Candidate> {
        list.iter()
            .map(|&(t, cost)| Candidate {
                team: TeamId(t),
                cost,
            })
            .collect()
    }

    #[test]
    fn picks_cheapest_distinct_teams_per_need() {
        let needs = [
            Need::Skill {
                skill: SkillId(0),
                count: 2,
            },
            Need::Skill {
                skill: SkillId(1),
                count: 1,
            },
        ];
        let no_rules = vec![Vec::new(); 5];
        let p = StaffingProblem {
            needs: &needs,
            // team 1 is cheapest for both needs; it must serve only one.
            candidates: vec![cands(&[(1, 1), (2, 5), (3, 9)]), cands(&[(1, 1), (4, 3)])],
            pinned: &[],
            rules_of_team: &no_rules,
            free: vec![],
        };
        let (teams, cost) = staff(&p).unwrap();
        assert_eq!(cost, 1 + 5 + 3);
        assert_eq!(teams, [TeamId(1), TeamId(2), TeamId(4)]);
    }

    #[test]
    fn respects_standby_budget_and_pins() {
        let needs = [Need::Skill {
            skill: SkillId(0),
            count: 2,
        }];
        let rules_of_team = vec![vec![StandbyId(0)], vec![StandbyId(0)], vec![], vec![]];
        let p = StaffingProblem {
            needs: &needs,
            candidates: vec![cands(&[(0, 1), (1, 1), (2, 7), (3, 8)])],
            pinned: &[TeamId(3)],
            rules_of_team: &rules_of_team,
            free: vec![(StandbyId(0), 1)],
        };
        let (teams, cost) = staff(&p).unwrap();
        assert_eq!(teams, [TeamId(0), TeamId(3)]);
        assert_eq!(cost, 9);
    }

    #[test]
    fn impossible_when_too_few_teams() {
        let needs = [Need::Skill {
            skill: SkillId(0),
            count: 3,
        }];
        let no_rules = vec![Vec::new(); 5];
        let p = StaffingProblem {
            needs: &needs,
            candidates: vec![cands(&[(0, 1), (1, 1)])],
            pinned: &[],
            rules_of_team: &no_rules,
            free: vec![],
        };
        assert!(staff(&p).is_none());
    }
}
