//! Rule 4 with pins: choose distinct teams for a drill's needs at least total
//! travel, within the standby budgets. A small branch and bound: needs are a
//! handful of slots and candidates a few dozen teams.

use crate::scenario::{Need, StandbyId, TeamId};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A team that could join the drill, and what it costs.
#[derive(Debug, Clone, Copy)]
pub struct Candidate {
    pub team: TeamId,
    pub cost: i64,
}

pub struct StaffingProblem<'a> {
    pub needs: &'a [Need],
    /// Per need: teams that may fill it, cheapest first.
    pub candidates: &'a [Vec<Candidate>],
    /// Teams that must be among those chosen.
    pub pinned: &'a [TeamId],
    /// Standby rules of each team (indexed by team), and each rule's free places.
    pub rules_of_team: &'a [Vec<StandbyId>],
    pub free: &'a [(StandbyId, u32)],
    /// Per need, how many teams could fill it when `candidates` holds only
    /// the cheapest of them (`cut_to_slots`); `None` when the lists are whole.
    /// The slot order is taken from these lengths, so the search branches in
    /// the order it would on the whole lists.
    pub listed: Option<&'a [usize]>,
}

/// How many of a need's cheapest candidates staffing may be given instead of
/// all of them, when none of those has standby rules and no team is pinned:
/// the drill's number of slots. A staffing that used a later candidate leaves
/// one of these free (the other slots take at most one fewer), and that one
/// is no dearer and comes earlier in the search, so the cheapest staffing,
/// and which of equally cheap ones is found first, lie within the cut lists.
pub fn cut_to_slots(needs: &[Need]) -> usize {
    needs.iter().map(|n| n.count() as usize).sum()
}

/// Enough for every realistic drill; past it the search keeps its best so far.
const NODE_LIMIT: u32 = 20_000;

/// The cheapest staffing: teams need by need (in `needs` order, `TeamId`s
/// ascending within a need: file order, not the contract's order of id
/// text, which `canonical_teams` gives) and the total cost; `None` if none
/// was found.
pub fn staff(p: &StaffingProblem) -> Option<(Vec<TeamId>, i64)> {
    cheapest(p, false)
}

/// Whether some staffing exists: exactly when `staff` finds one (the same
/// search up to its first complete staffing, which comes before any
/// pruning by cost), without pricing the alternatives.
pub fn can_staff(p: &StaffingProblem) -> bool {
    cheapest(p, true).is_some()
}

fn cheapest(p: &StaffingProblem, first_only: bool) -> Option<(Vec<TeamId>, i64)> {
    let candidates = pinned_first(p);
    let p = &StaffingProblem {
        candidates: &candidates,
        ..*p
    };
    let slots = slot_order(p);
    let bounds = CostBounds::new(p, &slots);
    let mut search = Search::new(
        p,
        &slots,
        Goal::Cheapest {
            bounds: &bounds,
            best: None,
            nodes: 0,
            first_only,
        },
    );
    search.dfs(0, 0, 0);
    match search.goal {
        Goal::Cheapest { best, .. } => best,
        Goal::All { .. } => unreachable!("the goal does not change"),
    }
}

/// Lower bounds on the cost of the slots still to fill. A need's slots take
/// its candidates in increasing index, so its `r` slots still open after
/// index `f` cost at least the `r` cheapest candidates from `f` on; needs
/// not started cost at least their `count` cheapest. Tabled once per
/// problem. Pruning with a tighter bound only cuts branches that cannot beat
/// the best found, so the staffing chosen is the same, found in fewer nodes.
struct CostBounds {
    /// Per need: for each index i (0..=len) and r (0..=count), the sum of
    /// the r cheapest candidates from i on, row-major; `None` if fewer remain.
    suffix: Vec<Vec<Option<i64>>>,
    /// Per slot index k: the bound on the blocks of slots after k's need.
    after_block: Vec<i64>,
    /// Per slot index k: where k's need block ends.
    block_end: Vec<usize>,
    /// Per need: whether its candidates are sorted by cost (no pins moved up).
    sorted: Vec<bool>,
}

impl CostBounds {
    fn new(p: &StaffingProblem, slots: &[usize]) -> Self {
        let suffix: Vec<Vec<Option<i64>>> = p
            .candidates
            .iter()
            .zip(p.needs)
            .map(|(list, need)| {
                let width = need.count() as usize + 1;
                let mut table = vec![None; (list.len() + 1) * width];
                // The cheapest `count` costs of the suffix, ascending.
                let mut least: Vec<i64> = Vec::with_capacity(width);
                for i in (0..=list.len()).rev() {
                    if let Some(c) = list.get(i) {
                        let at = least.partition_point(|&x| x <= c.cost);
                        least.insert(at, c.cost);
                        least.truncate(width - 1);
                    }
                    let mut sum = 0;
                    table[i * width] = Some(0);
                    for (r, cost) in least.iter().enumerate() {
                        sum += cost;
                        table[i * width + r + 1] = Some(sum);
                    }
                }
                table
            })
            .collect();
        // Slots come in blocks, one per need. Walking the blocks from the
        // back: `after_block[j]` is the cost of every block after j's.
        let n = slots.len();
        let mut block_end = vec![n; n];
        let mut after_block = vec![0i64; n];
        let mut tail = 0i64;
        let mut k = n;
        while k > 0 {
            let need = slots[k - 1];
            let mut start = k - 1;
            while start > 0 && slots[start - 1] == need {
                start -= 1;
            }
            for j in start..k {
                block_end[j] = k;
                after_block[j] = tail;
            }
            let width = p.needs[need].count() as usize + 1;
            // Too few candidates: no staffing, and `rest` says so at the block.
            tail += suffix[need][(k - start).min(width - 1)].unwrap_or(0);
            k = start;
        }
        CostBounds {
            suffix,
            after_block,
            block_end,
            sorted: p
                .candidates
                .iter()
                .map(|c| c.windows(2).all(|w| w[0].cost <= w[1].cost))
                .collect(),
        }
    }

    /// A lower bound on the cost of slots `k..`, where slot k's need takes
    /// candidates from index `from` on; `None` when too few are left.
    fn rest(&self, p: &StaffingProblem, slots: &[usize], k: usize, from: usize) -> Option<i64> {
        if k == slots.len() {
            return Some(0);
        }
        let need = slots[k];
        let r = self.block_end[k] - k;
        let width = p.needs[need].count() as usize + 1;
        let here = self.suffix[need].get(from * width + r).copied().flatten()?;
        Some(here + self.after_block[k])
    }
}

/// Every distinct set of teams that staffs the drill (each as `staff` returns
/// it: need by need, `TeamId`s ascending within a need), in a fixed order; `None`
/// when there are more than `limit`. Which need a team fills does not matter
/// to other drills, so assignments of the same set count once.
pub fn all_staffings(p: &StaffingProblem, limit: usize) -> Option<Vec<Vec<TeamId>>> {
    debug_assert!(p.listed.is_none(), "every staffing needs the whole lists");
    let candidates = pinned_first(p);
    let p = &StaffingProblem {
        candidates: &candidates,
        ..*p
    };
    let slots = slot_order(p);
    let mut search = Search::new(
        p,
        &slots,
        Goal::All {
            found: BTreeMap::new(),
            limit,
            overflow: false,
        },
    );
    search.dfs(0, 0, 0);
    match search.goal {
        Goal::All { overflow: true, .. } => None,
        Goal::All { found, .. } => Some(found.into_values().collect()),
        Goal::Cheapest { .. } => unreachable!("the goal does not change"),
    }
}

/// Each need's candidates with pinned teams moved to the front (otherwise in
/// order): the first staffing found then holds them, instead of the node
/// limit running out on cheaper teams. Without pins, the lists as they are.
fn pinned_first<'a>(p: &StaffingProblem<'a>) -> Cow<'a, [Vec<Candidate>]> {
    if p.pinned.is_empty() {
        return Cow::Borrowed(p.candidates);
    }
    Cow::Owned(
        p.candidates
            .iter()
            .map(|list| {
                let mut list = list.clone();
                list.sort_by_key(|c| !p.pinned.contains(&c.team));
                list
            })
            .collect(),
    )
}

/// Whether every pinned team not chosen yet could still fill one of `slots`.
fn pins_still_fit(p: &StaffingProblem, slots: &[usize], chosen: &[(TeamId, usize)]) -> bool {
    p.pinned.iter().all(|pin| {
        chosen.iter().any(|(t, _)| t == pin)
            || slots
                .iter()
                .any(|&n| p.candidates[n].iter().any(|c| c.team == *pin))
    })
}

/// Needs slot by slot: needs a pinned team can fill first, then the most
/// constrained. Slots of one need pick teams in candidate order, so the
/// same set is not tried in every permutation.
fn slot_order(p: &StaffingProblem) -> Vec<usize> {
    let mut order: Vec<usize> = (0..p.needs.len()).collect();
    order.sort_by_key(|&n| {
        let takes_pin = p.candidates[n].iter().any(|c| p.pinned.contains(&c.team));
        let listed = p.listed.map_or(p.candidates[n].len(), |l| l[n]);
        (!takes_pin, listed as i64 - p.needs[n].count() as i64, n)
    });
    order
        .iter()
        .flat_map(|&n| std::iter::repeat_n(n, p.needs[n].count() as usize))
        .collect()
}

/// Whether a team under the standby rules `rules` may join, given each
/// rule's places still `free`; if so, takes one of each.
fn take_standby(rules: &[StandbyId], free: &mut [(StandbyId, u32)]) -> bool {
    if rules
        .iter()
        .any(|r| free.iter().any(|(x, f)| x == r && *f == 0))
    {
        return false;
    }
    for r in rules {
        if let Some(f) = free.iter_mut().find(|(x, _)| x == r) {
            f.1 -= 1;
        }
    }
    true
}

fn give_back_standby(rules: &[StandbyId], free: &mut [(StandbyId, u32)]) {
    for r in rules {
        if let Some(f) = free.iter_mut().find(|(x, _)| x == r) {
            f.1 += 1;
        }
    }
}

/// What the search over need slots is after.
enum Goal<'a> {
    /// The cheapest staffing, within the node limit.
    Cheapest {
        bounds: &'a CostBounds,
        best: Option<(Vec<TeamId>, i64)>,
        nodes: u32,
        /// Stop at the first complete staffing (feasibility only).
        first_only: bool,
    },
    /// Every distinct team set, up to `limit`.
    All {
        /// Sorted team set -> the assignment found first for it.
        found: BTreeMap<Vec<TeamId>, Vec<TeamId>>,
        limit: usize,
        overflow: bool,
    },
}

struct Search<'a, 'p> {
    p: &'a StaffingProblem<'p>,
    slots: &'a [usize],
    /// (team, candidate index within its need)
    chosen: Vec<(TeamId, usize)>,
    free: Vec<(StandbyId, u32)>,
    goal: Goal<'a>,
}

impl<'a, 'p> Search<'a, 'p> {
    fn new(p: &'a StaffingProblem<'p>, slots: &'a [usize], goal: Goal<'a>) -> Self {
        Search {
            p,
            slots,
            chosen: Vec::with_capacity(slots.len()),
            free: p.free.to_vec(),
            goal,
        }
    }

    fn dfs(&mut self, k: usize, cost: i64, pinned_used: usize) {
        if !self.enter(k, cost) {
            return;
        }
        if self.p.pinned.len() - pinned_used > self.slots.len() - k
            || !pins_still_fit(self.p, &self.slots[k..], &self.chosen)
        {
            return;
        }
        if k == self.slots.len() {
            self.leaf(cost);
            return;
        }
        let need = self.slots[k];
        let from = self.next_index(k);
        for i in from..self.p.candidates[need].len() {
            let c = self.p.candidates[need][i];
            if self.chosen.iter().any(|(t, _)| *t == c.team) {
                continue;
            }
            let rules = &self.p.rules_of_team[c.team.index()];
            if !take_standby(rules, &mut self.free) {
                continue;
            }
            if self.hopeless(k, i, cost + c.cost) {
                give_back_standby(rules, &mut self.free);
                // Sorted costs: every later candidate of this slot costs more.
                break;
            }
            let is_pinned = usize::from(self.p.pinned.contains(&c.team));
            self.chosen.push((c.team, i));
            self.dfs(k + 1, cost + c.cost, pinned_used + is_pinned);
            self.chosen.pop();
            give_back_standby(rules, &mut self.free);
            if self.stopped() {
                return;
            }
        }
    }

    /// Whether taking candidate `i` for slot k (making the cost `cost`) and
    /// every later candidate cannot beat the best staffing found: true only
    /// when the need's candidates are sorted by cost, so later ones cost at
    /// least as much and leave at least as dear a rest.
    fn hopeless(&self, k: usize, i: usize, cost: i64) -> bool {
        let Goal::Cheapest {
            bounds,
            best: Some((_, best)),
            ..
        } = &self.goal
        else {
            return false;
        };
        if !bounds.sorted[self.slots[k]] {
            return false;
        }
        let next = k + 1;
        let from = if next < self.slots.len() && self.slots[next] == self.slots[k] {
            i + 1
        } else {
            0
        };
        bounds
            .rest(self.p, self.slots, next, from)
            .is_none_or(|rest| cost + rest >= *best)
    }

    /// Counts the node; false if the search is over or this branch cannot pay.
    fn enter(&mut self, k: usize, cost: i64) -> bool {
        if let Goal::Cheapest { nodes, .. } = &mut self.goal {
            *nodes += 1;
        }
        if self.stopped() {
            return false;
        }
        match &self.goal {
            Goal::Cheapest { bounds, best, .. } => {
                let from = self.next_index(k);
                match bounds.rest(self.p, self.slots, k, from) {
                    None => false,
                    Some(rest) => best.as_ref().is_none_or(|(_, b)| cost + rest < *b),
                }
            }
            Goal::All { .. } => true,
        }
    }

    /// The first candidate index slot k may take: within one need,
    /// candidates are taken in increasing index.
    fn next_index(&self, k: usize) -> usize {
        match k.checked_sub(1) {
            Some(prev) if k < self.slots.len() && self.slots[prev] == self.slots[k] => {
                self.chosen[prev].1 + 1
            }
            _ => 0,
        }
    }

    fn leaf(&mut self, cost: i64) {
        let assignment = self.assignment();
        match &mut self.goal {
            Goal::Cheapest { best, .. } => *best = Some((assignment, cost)),
            Goal::All {
                found,
                limit,
                overflow,
            } => {
                let mut set = assignment.clone();
                set.sort();
                found.entry(set).or_insert(assignment);
                *overflow = found.len() > *limit;
            }
        }
    }

    /// The chosen teams need by need, `TeamId`s ascending within a need.
    fn assignment(&self) -> Vec<TeamId> {
        let mut by_need: Vec<Vec<TeamId>> = vec![Vec::new(); self.p.needs.len()];
        for (slot, (team, _)) in self.chosen.iter().enumerate() {
            by_need[self.slots[slot]].push(*team);
        }
        by_need
            .into_iter()
            .flat_map(|mut ts| {
                ts.sort();
                ts
            })
            .collect()
    }

    /// Cheapest: at the node limit once something was found, and at ten times
    /// it regardless. All: past the limit of sets.
    fn stopped(&self) -> bool {
        match &self.goal {
            Goal::Cheapest {
                best,
                nodes,
                first_only,
                ..
            } => {
                *nodes > NODE_LIMIT * 10 || (best.is_some() && (*first_only || *nodes > NODE_LIMIT))
            }
            Goal::All { overflow, .. } => *overflow,
        }
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
            candidates: &[cands(&[(1, 1), (2, 5), (3, 9)]), cands(&[(1, 1), (4, 3)])],
            pinned: &[],
            rules_of_team: &no_rules,
            free: &[],
            listed: None,
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
            candidates: &[cands(&[(0, 1), (1, 1), (2, 7), (3, 8)])],
            pinned: &[TeamId(3)],
            rules_of_team: &rules_of_team,
            free: &[(StandbyId(0), 1)],
            listed: None,
        };
        let (teams, cost) = staff(&p).unwrap();
        assert_eq!(teams, [TeamId(0), TeamId(3)]);
        assert_eq!(cost, 9);
    }

    #[test]
    fn enumerates_each_team_set_once_within_standby_and_pins() {
        let needs = [
            Need::Skill {
                skill: SkillId(0),
                count: 1,
            },
            Need::Skill {
                skill: SkillId(1),
                count: 1,
            },
        ];
        // Teams 0 and 1 both have both skills: {0, 1} is one set, not two.
        let rules_of_team = vec![vec![], vec![], vec![StandbyId(0)], vec![StandbyId(0)]];
        let p = StaffingProblem {
            needs: &needs,
            candidates: &[
                cands(&[(0, 1), (1, 1), (2, 1)]),
                cands(&[(0, 1), (1, 1), (3, 1)]),
            ],
            pinned: &[],
            rules_of_team: &rules_of_team,
            free: &[(StandbyId(0), 1)],
            listed: None,
        };
        let mut sets: Vec<Vec<u32>> = all_staffings(&p, 100)
            .unwrap()
            .into_iter()
            .map(|ts| {
                let mut ids: Vec<u32> = ts.iter().map(|t| t.0).collect();
                ids.sort();
                ids
            })
            .collect();
        sets.sort();
        // {2, 3} would leave no standby team free.
        assert_eq!(
            sets,
            [vec![0, 1], vec![0, 2], vec![0, 3], vec![1, 2], vec![1, 3]]
        );
        assert!(all_staffings(&p, 4).is_none(), "more than the limit");
        let pinned = StaffingProblem {
            pinned: &[TeamId(3)],
            ..p
        };
        assert_eq!(all_staffings(&pinned, 100).unwrap().len(), 2);
    }

    #[test]
    fn finds_an_expensive_pinned_team_among_many_cheaper_ones() {
        // Four needs of 60 candidates each: 13 million combinations. The
        // pinned team is the dearest of the first need; a search that tries
        // cheaper teams first ran out of nodes and called the drill unstaffable.
        let needs: Vec<Need> = (0..4)
            .map(|s| Need::Skill {
                skill: SkillId(s),
                count: 1,
            })
            .collect();
        let candidates: Vec<Vec<Candidate>> = (0..4u32)
            .map(|n| {
                (0..60u32)
                    .map(|i| Candidate {
                        team: TeamId(n * 100 + i),
                        cost: i as i64,
                    })
                    .collect()
            })
            .collect();
        let no_rules = vec![Vec::new(); 400];
        let p = StaffingProblem {
            needs: &needs,
            candidates: &candidates,
            pinned: &[TeamId(59)],
            rules_of_team: &no_rules,
            free: &[],
            listed: None,
        };
        let (teams, cost) = staff(&p).unwrap();
        assert_eq!(teams, [TeamId(59), TeamId(100), TeamId(200), TeamId(300)]);
        assert_eq!(cost, 59);
    }

    /// On random small problems (teams shared between needs, costs with
    /// ties, some teams under standby rules with few places), lists cut as
    /// `cut_to_slots` allows give the staffing the whole lists give.
    #[test]
    fn cut_lists_staff_as_the_whole_lists_do() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(21);
        let mut cut_some = 0;
        for _ in 0..3000 {
            let teams = rng.random_range(2..14u32);
            let rules_of_team: Vec<Vec<StandbyId>> = (0..teams)
                .map(|_| {
                    if rng.random_bool(0.15) {
                        vec![StandbyId(rng.random_range(0..2))]
                    } else {
                        Vec::new()
                    }
                })
                .collect();
            let free = [
                (StandbyId(0), rng.random_range(0..2)),
                (StandbyId(1), rng.random_range(0..3)),
            ];
            let needs: Vec<Need> = (0..rng.random_range(1..4u32))
                .map(|s| Need::Skill {
                    skill: SkillId(s),
                    count: rng.random_range(1..4),
                })
                .collect();
            let whole: Vec<Vec<Candidate>> = needs
                .iter()
                .map(|_| {
                    let mut list: Vec<Candidate> = Vec::new();
                    for t in 0..teams {
                        if rng.random_bool(0.6) {
                            list.push(Candidate {
                                team: TeamId(t),
                                cost: rng.random_range(0..6),
                            });
                        }
                    }
                    list.sort_by_key(|c| (c.cost, c.team));
                    list
                })
                .collect();
            let slots = cut_to_slots(&needs);
            let listed: Vec<usize> = whole.iter().map(Vec::len).collect();
            let cut: Vec<Vec<Candidate>> = whole
                .iter()
                .map(|list| {
                    let first = &list[..slots.min(list.len())];
                    if first
                        .iter()
                        .any(|c| !rules_of_team[c.team.index()].is_empty())
                    {
                        list.clone()
                    } else {
                        first.to_vec()
                    }
                })
                .collect();
            cut_some += usize::from(cut.iter().zip(&whole).any(|(c, w)| c.len() < w.len()));
            let full = StaffingProblem {
                needs: &needs,
                candidates: &whole,
                pinned: &[],
                rules_of_team: &rules_of_team,
                free: &free,
                listed: None,
            };
            let short = StaffingProblem {
                candidates: &cut,
                listed: Some(&listed),
                ..full
            };
            assert_eq!(staff(&full), staff(&short), "{needs:?} {whole:?}");
            assert_eq!(can_staff(&full), can_staff(&short));
        }
        assert!(cut_some > 1000, "{cut_some}");
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
            candidates: &[cands(&[(0, 1), (1, 1)])],
            pinned: &[],
            rules_of_team: &no_rules,
            free: &[],
            listed: None,
        };
        assert!(staff(&p).is_none());
    }
}
