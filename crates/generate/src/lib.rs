//! `drillplan generate`: realistic scenarios of any size, built around a
//! planted feasible schedule, so that with `tightness = 1` every drill fits
//! and the optimum is known (the total priority). Lower tightness adds drills
//! beyond the planted ones: an oversubscribed week.
//!
//! Deterministic per seed. `drillplan generate` has the independent checker
//! accept the planted schedule before it writes anything (this crate knows
//! only the model).

mod catalog;
mod coverage;
mod plant;
mod write;

// The model's modules, under the names the generator's files use.
use drillplan_model::{scenario, schedule};

use catalog::{VenueKind, AGENCIES, DISTRICT_NAMES, VENUE_KINDS};
pub use coverage::CoverageRows;
pub use plant::Planted;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[derive(Debug, Clone)]
pub struct GenerateOptions {
    pub drills: usize,
    /// Default: one team per five drills, at least 12. Given or not, at
    /// least six per district.
    pub teams: Option<usize>,
    /// Default: one district per 250 drills, at least one.
    pub districts: Option<usize>,
    pub seed: u64,
    /// Share of drills planted in a feasible schedule, in (0, 1].
    pub tightness: f64,
    /// A province: districts about 110 km apart instead of 280, and one team
    /// in twenty a provincial team (rare skills, long shifts, based at the
    /// capital) that the planted schedule uses in any district it reaches.
    pub province: bool,
    /// Measured travel overrides to write, each faster than the road (so
    /// the planted schedule stays feasible), between a venue and a team
    /// base or another venue of its district.
    pub overrides: usize,
    /// Coverage rows (rule 12) to write, last in the file.
    pub coverage: CoverageRows,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            drills: 100,
            teams: None,
            districts: None,
            seed: 0,
            tightness: 1.0,
            province: false,
            overrides: 0,
            coverage: CoverageRows::None,
        }
    }
}

/// A generated scenario: its TOML text and the planted schedule.
pub struct Generated {
    pub toml: String,
    /// Per drill (in file order): the planted placement, for drills planted.
    pub planted: Vec<Option<Planted>>,
}

pub(crate) struct District {
    pub id: String,
    pub name: String,
    pub centre: [f64; 2],
}

pub(crate) struct Venue {
    pub id: String,
    pub name: String,
    pub kind: &'static VenueKind,
    pub district: usize,
    pub location: [f64; 2],
}

pub(crate) struct Team {
    pub id: String,
    pub name: String,
    pub agency: &'static str,
    pub skills: &'static [&'static str],
    pub district: usize,
    pub base: [f64; 2],
    pub shift: (u32, u32),
    pub weekdays_only: bool,
    pub off_day: Option<u32>,
    pub max_drills: u32,
}

impl Team {
    pub fn works(&self, day: u32) -> bool {
        // Plan day 0 is Monday 2017-06-19.
        !(self.weekdays_only && day % 7 >= 5) && self.off_day != Some(day)
    }
}

pub(crate) struct Drill {
    pub id: String,
    pub name: String,
    pub venue: usize,
    pub template: &'static catalog::DrillTemplate,
    pub priority: u64,
    pub planted: Option<Planted>,
    pub mandatory: bool,
    pub pin_team: Option<usize>,
    pub window_days: Option<(u32, u32)>,
    pub prefer_hours: Option<(u32, u32)>,
}

pub const PLAN_DAYS: u32 = 7;

pub fn generate(opts: &GenerateOptions) -> Generated {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let n = opts.drills.max(1);
    let k = opts.districts.unwrap_or((n / 250).max(1)).max(1);
    let m = opts.teams.unwrap_or((n / 5).max(12)).max(k * 6);
    let districts: Vec<District> = (0..k)
        .map(|i| {
            let name = DISTRICT_NAMES[i % DISTRICT_NAMES.len()];
            let round = i / DISTRICT_NAMES.len();
            District {
                id: format!("d{i:03}"),
                name: if round == 0 {
                    format!("{name}区")
                } else {
                    format!("{name}{}区", round + 1)
                },
                centre: if opts.province {
                    // Prefectures of one province, seats about 110 km apart:
                    // a team can reach the next one, and the provincial
                    // teams at the capital reach those around it.
                    grid(i, 4, 46, [43.0, 84.0], [1.0, 1.4])
                } else {
                    // Prefecture seats about 280 km apart: teams stay in their own.
                    grid(i, 6, 20, [40.0, 80.0], [2.5, 3.5])
                },
            }
        })
        .collect();
    let venues = make_venues(&mut rng, &districts, (n as f64 / 2.5).ceil() as usize);
    let mut teams = make_teams(&mut rng, &districts, m);
    let mut districts = districts;
    let shared: Vec<usize> = if opts.province {
        provincial_teams(&mut rng, &mut districts, &mut teams, (m / 20).max(1))
    } else {
        Vec::new()
    };
    let target_planted = ((n as f64) * opts.tightness.clamp(0.01, 1.0)).round() as usize;
    let mut drills = plant::plant(&mut rng, &venues, &teams, &shared, target_planted);
    let mut serial = drills.len();
    while drills.len() < n {
        let venue = rng.random_range(0..venues.len());
        let template =
            &venues[venue].kind.drills[rng.random_range(0..venues[venue].kind.drills.len())];
        drills.push(plant::unplanted(&mut rng, &venues, venue, template, serial));
        serial += 1;
    }
    let overrides = measured_overrides(&mut rng, &venues, &teams, opts.overrides);
    let rows = coverage::rows(opts.coverage, districts.len(), &venues, &drills);
    let toml = write::scenario_toml(
        &districts, &venues, &teams, &drills, &overrides, &rows, opts,
    );
    Generated {
        toml,
        planted: drills.into_iter().map(|d| d.planted).collect(),
    }
}

/// The seat of district `i` on a grid `cols` wide from `origin`, `step`
/// degrees apart. After `rows` rows the grid goes on in a band to the east
/// (the longitude wrapped into [-180, 180)): a column of more rows ran past
/// latitude 90, and `generate --drills 40000` made 160 districts and an
/// invalid scenario. Fewer districts lie where they always did.
fn grid(i: usize, cols: usize, rows: usize, origin: [f64; 2], step: [f64; 2]) -> [f64; 2] {
    let (row, col) = (i / cols, i % cols);
    let (band, row) = (row / rows, row % rows);
    let mut lon = origin[1] + step[1] * (col + band * cols) as f64;
    // Only a wrapped seat is moved, so the others keep their exact values.
    while lon >= 180.0 {
        lon -= 360.0;
    }
    [origin[0] + step[0] * row as f64, lon]
}

/// Coordinates as the file states them (4 decimals, about 10 m), so that
/// travel planted here and travel computed from the file agree exactly.
fn round4(p: [f64; 2]) -> [f64; 2] {
    let r = |x: f64| (x * 10_000.0).round() / 10_000.0;
    [r(p[0]), r(p[1])]
}

fn make_venues(rng: &mut ChaCha8Rng, districts: &[District], count: usize) -> Vec<Venue> {
    let total_weight: u32 = VENUE_KINDS.iter().map(|k| k.weight).sum();
    (0..count)
        .map(|i| {
            let district = i % districts.len();
            let mut pick = rng.random_range(0..total_weight);
            let kind = VENUE_KINDS
                .iter()
                .find(|k| {
                    if pick < k.weight {
                        true
                    } else {
                        pick -= k.weight;
                        false
                    }
                })
                .unwrap_or(&VENUE_KINDS[0]);
            let c = districts[district].centre;
            Venue {
                id: format!("{}-{}-{i:05}", districts[district].id, kind.kind),
                name: format!(
                    "{}第{}{}",
                    districts[district].name,
                    i / districts.len() + 1,
                    kind.name
                ),
                kind,
                district,
                location: round4([
                    c[0] + rng.random_range(-0.12..0.12),
                    c[1] + rng.random_range(-0.16..0.16),
                ]),
            }
        })
        .collect()
}

fn make_teams(rng: &mut ChaCha8Rng, districts: &[District], count: usize) -> Vec<Team> {
    let per_district = count / districts.len();
    let mut teams = Vec::with_capacity(count);
    for (d, district) in districts.iter().enumerate() {
        let here = per_district + usize::from(d < count % districts.len());
        for j in 0..here {
            // Walk the agencies by share so every district gets every agency early.
            let slot = (j * 100 / here.max(1)) as u32;
            let mut acc = 0;
            let agency = AGENCIES
                .iter()
                .find(|a| {
                    acc += a.share;
                    slot < acc
                })
                .unwrap_or(&AGENCIES[0]);
            let c = district.centre;
            teams.push(Team {
                id: format!("{}-{}-{j:03}", district.id, agency.agency),
                name: format!("{}{}{}", district.name, agency.name, j + 1),
                agency: agency.agency,
                skills: agency.skill_sets[rng.random_range(0..agency.skill_sets.len())],
                district: d,
                base: round4([
                    c[0] + rng.random_range(-0.08..0.08),
                    c[1] + rng.random_range(-0.1..0.1),
                ]),
                shift: agency.shift,
                weekdays_only: agency.weekdays_only,
                off_day: rng
                    .random_bool(0.25)
                    .then(|| rng.random_range(0..PLAN_DAYS)),
                max_drills: agency.max_drills,
            });
        }
    }
    teams
}

/// Provincial teams: a district of their own at the capital (the centre of
/// the counties), rare skills and long shifts. Returns their indices.
fn provincial_teams(
    rng: &mut ChaCha8Rng,
    districts: &mut Vec<District>,
    teams: &mut Vec<Team>,
    count: usize,
) -> Vec<usize> {
    let n = districts.len() as f64;
    let centre = [
        districts.iter().map(|d| d.centre[0]).sum::<f64>() / n,
        districts.iter().map(|d| d.centre[1]).sum::<f64>() / n,
    ];
    let district = districts.len();
    districts.push(District {
        id: "province".to_string(),
        name: "省级应急救援总队".to_string(),
        centre,
    });
    // Hazmat, mine rescue, special equipment and explosives: skills a
    // county has few of and the province lends.
    let rare = [3, 4, 5, 7];
    (0..count)
        .map(|j| {
            let agency = &AGENCIES[rare[j % rare.len()]];
            teams.push(Team {
                id: format!("province-{}-{j:03}", agency.agency),
                name: format!("省{}{}", agency.name, j + 1),
                agency: agency.agency,
                skills: agency.skill_sets[rng.random_range(0..agency.skill_sets.len())],
                district,
                base: round4([
                    centre[0] + rng.random_range(-0.05..0.05),
                    centre[1] + rng.random_range(-0.05..0.05),
                ]),
                shift: (420, 1320),
                weekdays_only: false,
                off_day: None,
                max_drills: agency.max_drills + 1,
            });
            teams.len() - 1
        })
        .collect()
}

/// A travel time a planner measured: faster than the road.
pub(crate) struct Override {
    pub from: String,
    pub to: String,
    pub minutes: u32,
}

/// `count` overrides between a venue and a team base or another venue of
/// its district, each 50-100 % of the road time: shorter legs keep every
/// planted route feasible.
fn measured_overrides(
    rng: &mut ChaCha8Rng,
    venues: &[Venue],
    teams: &[Team],
    count: usize,
) -> Vec<Override> {
    use crate::scenario::travel::road_minutes;
    let mut out: Vec<Override> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut tries = 0;
    while out.len() < count && tries < count * 20 + 100 {
        tries += 1;
        let v = &venues[rng.random_range(0..venues.len())];
        let (other, at) = if rng.random_bool(0.5) {
            let t = &teams[rng.random_range(0..teams.len())];
            (&t.id, t.base)
        } else {
            let w = &venues[rng.random_range(0..venues.len())];
            (&w.id, w.location)
        };
        let road = road_minutes(v.location, at, 40.0, 1.3);
        let same_district = road <= 240;
        if *other == v.id
            || !same_district
            || road < 2
            || !seen.insert((v.id.clone(), other.clone()))
        {
            continue;
        }
        seen.insert((other.clone(), v.id.clone()));
        out.push(Override {
            from: v.id.clone(),
            to: other.clone(),
            minutes: (road as f64 * rng.random_range(0.5..1.0)).floor() as u32,
        });
    }
    out
}

/// The planted schedule of a generated scenario, for the checker and the CSV
/// writer; `scenario` is the generated TOML, parsed (same drill and team order).
pub fn planted_schedule(
    scenario: &crate::scenario::Scenario,
    planted: &[Option<Planted>],
) -> crate::schedule::Schedule {
    use crate::scenario::TeamId;
    let mut schedule = crate::schedule::Schedule::empty(scenario);
    for (d, p) in planted.iter().enumerate() {
        let Some(p) = p else { continue };
        let mut teams: Vec<TeamId> = Vec::new();
        let mut rest = &p.teams[..];
        for need in &scenario.drills[d].needs {
            let (now, later) = rest.split_at(need.count() as usize);
            let mut group: Vec<TeamId> = now.iter().map(|&t| TeamId(t as u32)).collect();
            group.sort_by(|a, b| scenario.team(*a).id.cmp(&scenario.team(*b).id));
            teams.extend(group);
            rest = later;
        }
        schedule.placements[d] = Some(crate::schedule::Placement {
            day: p.day,
            start: p.start,
            teams,
        });
    }
    schedule
}
