//! Travel times of the contract: overrides first, then 0 for the same point,
//! then `ceil(haversine_km * detour / speed_kmh * 60)`.
//!
//! The checker and the solver both use this: it is arithmetic the contract
//! defines, not feasibility logic.

use super::ids::{TeamId, VenueId};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

const EARTH_RADIUS_KM: f64 = 6371.0;

/// A place a team can be: a venue, or a team's own base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Point {
    Venue(VenueId),
    Base(TeamId),
}

/// Great-circle distance in km between two `[lat, lon]` points in degrees.
pub fn haversine_km(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (lat1, lat2) = (a[0].to_radians(), b[0].to_radians());
    let dlat = (b[0] - a[0]).to_radians();
    let dlon = (b[1] - a[1]).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// A `[lat, lon]` point in degrees on the unit sphere.
fn unit_vector(p: [f64; 2]) -> [f64; 3] {
    let (lat, lon) = (p[0].to_radians(), p[1].to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// Whole minutes by road at the scenario's speed and detour factor,
/// rounded up: the contract's `ceil(haversine_km * detour / speed_kmh * 60)`.
///
/// ```
/// use drillplan_model::scenario::travel::{haversine_km, road_minutes};
///
/// let (school, base) = ([45.58, 84.88], [45.59, 84.87]);
/// let km = haversine_km(school, base);
/// assert!((km - 1.36).abs() < 0.01, "{km}");
/// // 1.36 km x 1.3 at 40 km/h is 2.65 minutes: 3 whole minutes.
/// assert_eq!(road_minutes(school, base, 40.0, 1.3), 3);
/// assert_eq!(road_minutes(school, school, 40.0, 1.3), 0);
/// ```
pub fn road_minutes(a: [f64; 2], b: [f64; 2], speed_kmh: f64, detour: f64) -> u32 {
    minutes_of(haversine_km(a, b), speed_kmh, detour)
}

fn minutes_of(km: f64, speed_kmh: f64, detour: f64) -> u32 {
    let minutes = (km * detour / speed_kmh * 60.0).ceil();
    // Saturate: the farthest two points on Earth are far below this at any sane speed.
    if minutes.is_finite() && minutes < u32::MAX as f64 / 4.0 {
        minutes as u32
    } else {
        u32::MAX / 4
    }
}

/// Venues above which venue-to-venue travel is computed on demand instead
/// of tabled: a dense table grows with the square of the venues (32 MB at 4000).
const DENSE_VENUE_LIMIT: usize = 2500;
/// Base-venue pairs up to which base-to-venue travel is tabled (100 MB at
/// most): a province of 4 000 teams and 8 000 venues has 32 million, and
/// every team's day starts and ends with one of these legs.
const BASE_VENUE_TABLE_LIMIT: usize = 50_000_000;
/// Override endpoints up to which `shortest` is exact: closing them costs
/// the square of their number per point. Beyond, it is a lower bound.
const MAX_HUBS: usize = 200;
/// How far below the largest dot product of unit vectors an endpoint may
/// be and still have its road minutes computed in `near_hubs`. Exactness
/// needs it above the rounding of either formula (about 1e-16); more only
/// computes a few more haversines.
const NEAREST_MARGIN: f64 = 1e-10;
/// Pairs tabled per step between two looks at the table budget.
const TABLE_CHUNK: usize = 1 << 20;
/// A tabled entry whose minutes do not fit in the table's 16 bits (a leg
/// of over 45 days, or such an override): computed again when asked. Half
/// the bytes of 32-bit entries is half the memory a province's table
/// takes, and half the pages the system must clear before it is filled.
const NOT_TABLED: u16 = u16::MAX;

/// What may stop the building of travel tables: `solve`'s time limit and
/// its Ctrl-C flag, set before it reads the scenario. The tables only save
/// time later (the minutes are the same computed on demand), so a run whose
/// time is up when its scenario is read goes on without them instead of
/// spending seconds of a province on them.
struct TableBudget {
    until: Option<Instant>,
    stop: Arc<AtomicBool>,
}

static TABLE_BUDGET: Mutex<Option<TableBudget>> = Mutex::new(None);

/// Tables built from now on stop (and are left out) once `until` has passed
/// or `stop` is set. For `solve`; other commands table whatever the time.
pub fn table_only_while(until: Option<Instant>, stop: Arc<AtomicBool>) {
    if let Ok(mut b) = TABLE_BUDGET.lock() {
        *b = Some(TableBudget { until, stop });
    }
}

fn may_table() -> bool {
    let Ok(budget) = TABLE_BUDGET.lock() else {
        return true;
    };
    budget.as_ref().is_none_or(|b| {
        !b.stop.load(Ordering::Relaxed) && b.until.is_none_or(|u| Instant::now() < u)
    })
}

/// `f` of every index below `len`, in parallel, a chunk at a time, as
/// 16-bit minutes (`NOT_TABLED` where they do not fit); none if the table
/// budget runs out first.
fn tabled(len: usize, f: impl Fn(usize) -> u32 + Sync + Send) -> Option<Arc<Vec<u16>>> {
    use rayon::prelude::*;
    let f = |i| u16::try_from(f(i)).unwrap_or(NOT_TABLED);
    let mut out: Vec<u16> = Vec::new();
    for start in (0..len).step_by(TABLE_CHUNK) {
        if !may_table() {
            return None;
        }
        let end = (start + TABLE_CHUNK).min(len);
        out.par_extend((start..end).into_par_iter().map(&f));
    }
    Some(Arc::new(out))
}

/// The minutes at `index` of `table`, if it was built and they fit in it.
fn minutes_tabled(table: &Option<Arc<Vec<u16>>>, index: usize) -> Option<u32> {
    let m = table.as_ref()?[index];
    (m != NOT_TABLED).then_some(u32::from(m))
}

/// Travel minutes between every venue and every other venue or team base:
/// tabled for a city, computed on demand (same arithmetic) for a region.
#[derive(Debug, Clone)]
pub struct TravelTimes {
    venues: Vec<[f64; 2]>,
    bases: Vec<[f64; 2]>,
    speed_kmh: f64,
    detour: f64,
    overrides: HashMap<(Point, Point), u32>,
    /// `venue_venue[a * venues + b]` when tabled. The tables are shared, not
    /// copied, by a clone: the solver's bound helpers own a copy of the
    /// scenario, and a province's base table is 70 MB.
    table: Option<Arc<Vec<u16>>>,
    /// `base_venue[v * teams + team]` when tabled: venue-major, because the
    /// solver asks for one venue and many teams at a time.
    base_table: Option<Arc<Vec<u16>>>,
    /// Points named by overrides, for `shortest`.
    hubs: Vec<Point>,
    /// Per point (venues, then bases) and hub, row-major: the one-leg
    /// minutes to the hub (`leg`), and the fewest minutes to the hub through
    /// any chain of hubs (`via`). With these, `shortest` costs one pass over
    /// the hubs instead of a pass over every pair of them.
    leg: Arc<Vec<u32>>,
    via: Arc<Vec<u32>>,
    /// Per point: the fewest minutes into any hub and out of any hub, for
    /// `shortest_at_least` (0 for every point when there are no hubs).
    min_via: Vec<u32>,
    min_leg: Vec<u32>,
    /// Per point: its position on the unit sphere, for chord distances.
    unit: Vec<[f64; 3]>,
    /// Per point: whether an override names it. Most pairs have none, and
    /// this spares them the hash lookup (tabling a region's travel does
    /// millions of them).
    overridden: Vec<bool>,
    /// Per point: the cosine of its latitude, as `haversine_km` computes it.
    cos_lat: Vec<f64>,
}

impl TravelTimes {
    pub fn new(
        venue_locations: &[[f64; 2]],
        team_bases: &[[f64; 2]],
        speed_kmh: f64,
        detour: f64,
        overrides: &HashMap<(Point, Point), u32>,
    ) -> Self {
        // Both directions stored, so a lookup is one probe.
        let mut both = HashMap::with_capacity(overrides.len() * 2);
        for (&(a, b), &m) in overrides {
            both.insert((a, b), m);
            both.insert((b, a), m);
        }
        let mut t = TravelTimes {
            venues: venue_locations.to_vec(),
            bases: team_bases.to_vec(),
            speed_kmh,
            detour,
            overrides: both,
            table: None,
            base_table: None,
            hubs: Vec::new(),
            leg: Arc::default(),
            via: Arc::default(),
            min_via: Vec::new(),
            min_leg: Vec::new(),
            unit: venue_locations
                .iter()
                .chain(team_bases)
                .map(|&p| unit_vector(p))
                .collect(),
            overridden: vec![false; venue_locations.len() + team_bases.len()],
            cos_lat: venue_locations
                .iter()
                .chain(team_bases)
                .map(|p| p[0].to_radians().cos())
                .collect(),
        };
        for &(a, b) in overrides.keys() {
            let (i, j) = (t.point_index(a), t.point_index(b));
            t.overridden[i] = true;
            t.overridden[j] = true;
        }
        t.close_over_hubs();
        let n = venue_locations.len();
        if n <= DENSE_VENUE_LIMIT {
            t.table = tabled(n * n, |i| {
                t.compute(
                    Point::Venue(VenueId((i / n) as u32)),
                    Point::Venue(VenueId((i % n) as u32)),
                )
            });
        }
        let m = team_bases.len();
        if m * n <= BASE_VENUE_TABLE_LIMIT {
            t.base_table = tabled(m * n, |i| {
                t.compute(
                    Point::Base(TeamId((i % m) as u32)),
                    Point::Venue(VenueId((i / m) as u32)),
                )
            });
        }
        t
    }

    /// Whether any travel time is a planner's override rather than by road.
    pub fn has_overrides(&self) -> bool {
        !self.overrides.is_empty()
    }

    /// Shortest minutes between override endpoints (Floyd-Warshall; they are
    /// few), then every point's legs to them and best routes into them.
    fn close_over_hubs(&mut self) {
        let mut hubs: Vec<Point> = self.overrides.keys().map(|k| k.0).collect();
        hubs.sort();
        hubs.dedup();
        let k = hubs.len();
        if k > MAX_HUBS {
            self.near_hubs(&hubs);
            return;
        }
        let mut d = vec![0u32; k * k];
        for i in 0..k {
            for j in 0..k {
                d[i * k + j] = if i == j {
                    0
                } else {
                    self.compute(hubs[i], hubs[j])
                };
            }
        }
        for m in 0..k {
            for i in 0..k {
                for j in 0..k {
                    d[i * k + j] = d[i * k + j].min(d[i * k + m].saturating_add(d[m * k + j]));
                }
            }
        }
        use rayon::prelude::*;
        let points = self.venues.len() + self.bases.len();
        let leg: Vec<u32> = (0..points * k)
            .into_par_iter()
            .map(|i| self.leg_minutes(self.point(i / k), hubs[i % k]))
            .collect();
        let via: Vec<u32> = (0..points * k)
            .into_par_iter()
            .map(|i| {
                let (p, j) = (i / k, i % k);
                (0..k)
                    .map(|h| leg[p * k + h].saturating_add(d[h * k + j]))
                    .min()
                    .unwrap_or(u32::MAX)
            })
            .collect();
        let least = |rows: &[u32]| -> Vec<u32> {
            rows.chunks(k.max(1))
                .map(|r| r.iter().copied().min().unwrap_or(u32::MAX))
                .collect()
        };
        self.min_via = least(&via);
        self.min_leg = least(&leg);
        self.hubs = hubs;
        self.leg = Arc::new(leg);
        self.via = Arc::new(via);
    }

    /// With too many override endpoints to close: a route that beats the
    /// road takes at least one override, so it costs at least the way from
    /// its start to the nearest endpoint, the fastest override, and the way
    /// from the nearest endpoint to its end. `shortest` gives that bound.
    ///
    /// The way to the nearest endpoint is the faster of the nearest one by
    /// road and the point's own overrides. The nearest by road is the one
    /// with the largest dot product of unit vectors (three multiplications,
    /// where the road minutes take a haversine); the road minutes are then
    /// computed for the endpoints within a rounding margin of it, so the
    /// result is the minimum over every endpoint of `leg_minutes`, exactly.
    fn near_hubs(&mut self, hubs: &[Point]) {
        use rayon::prelude::*;
        let fastest = self.overrides.values().copied().min().unwrap_or(0);
        let points = self.venues.len() + self.bases.len();
        // Both directions are stored: every override leaving a point.
        let mut own = vec![u32::MAX; points];
        for (&(a, _), &m) in &self.overrides {
            let i = self.point_index(a);
            own[i] = own[i].min(m);
        }
        let hub_units: Vec<[f64; 3]> = hubs
            .iter()
            .map(|&h| self.unit[self.point_index(h)])
            .collect();
        let dot = |u: [f64; 3], v: [f64; 3]| u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
        let near: Vec<u32> = (0..points)
            .into_par_iter()
            .map(|i| {
                let u = self.unit[i];
                let best = hub_units
                    .iter()
                    .map(|&h| dot(u, h))
                    .fold(f64::NEG_INFINITY, f64::max);
                let here = self.location(self.point(i));
                let by_road = hubs
                    .iter()
                    .zip(&hub_units)
                    .filter(|&(_, &h)| dot(u, h) >= best - NEAREST_MARGIN)
                    .map(|(&h, _)| {
                        road_minutes(here, self.location(h), self.speed_kmh, self.detour)
                    })
                    .min()
                    .unwrap_or(u32::MAX);
                by_road.min(own[i])
            })
            .collect();
        self.min_via = near.iter().map(|n| n.saturating_add(fastest)).collect();
        self.min_leg = near;
    }

    /// A lower bound on `shortest(a, b)` in a few multiplications: the
    /// straight chord through the Earth is never longer than the great
    /// circle, and a route through hubs costs at least the cheapest way into
    /// one plus the cheapest way out of one. For pruning pairs before the
    /// exact fastest route.
    pub fn shortest_at_least(&self, a: Point, b: Point) -> u32 {
        if matches!((a, b), (Point::Base(_), Point::Base(_))) {
            return 0;
        }
        let (i, j) = (self.point_index(a), self.point_index(b));
        let (u, v) = (self.unit[i], self.unit[j]);
        let chord_km = EARTH_RADIUS_KM
            * ((u[0] - v[0]).powi(2) + (u[1] - v[1]).powi(2) + (u[2] - v[2]).powi(2)).sqrt();
        // Rounding in either formula is far below a millionth: the margin
        // keeps the bound below the contract's minutes whatever the rounding.
        let by_road = (chord_km * self.detour / self.speed_kmh * 60.0 * 0.999_999).floor();
        let by_road = if by_road.is_finite() && by_road > 1.0 {
            (by_road.min(u32::MAX as f64 / 4.0) as u32) - 1
        } else {
            0
        };
        if self.overrides.is_empty() {
            return by_road;
        }
        by_road.min(self.min_via[i].saturating_add(self.min_leg[j]))
    }

    /// One leg between two points as the shortest-route bound counts it:
    /// the faster of the road and the contract's travel time.
    fn leg_minutes(&self, x: Point, y: Point) -> u32 {
        let road = if x == y {
            0
        } else {
            road_minutes(
                self.location(x),
                self.location(y),
                self.speed_kmh,
                self.detour,
            )
        };
        road.min(self.compute(x, y))
    }

    /// The point with this index: venues first, then team bases.
    fn point(&self, index: usize) -> Point {
        match index.checked_sub(self.venues.len()) {
            None => Point::Venue(VenueId(index as u32)),
            Some(t) => Point::Base(TeamId(t as u32)),
        }
    }

    fn point_index(&self, p: Point) -> usize {
        match p {
            Point::Venue(v) => v.index(),
            Point::Base(t) => self.venues.len() + t.index(),
        }
    }

    /// The fewest minutes in which a team can get from `a` to `b`, possibly
    /// through other places: overrides need not obey the triangle inequality,
    /// so a detour can beat the direct trip. Roads alone do obey it
    /// (great-circle distance does, and rounding up keeps it), so every
    /// shortest route is roads between override endpoints. Each leg counts
    /// as the faster of its road and its override, so with an override
    /// slower than the road this is a lower bound, which is all pruning
    /// needs; with more endpoints than `MAX_HUBS` it is a looser lower bound
    /// (see `near_hubs`).
    pub fn shortest(&self, a: Point, b: Point) -> u32 {
        if self.overrides.is_empty() {
            return self.between(a, b);
        }
        if self.hubs.is_empty() {
            let (i, j) = (self.point_index(a), self.point_index(b));
            return self
                .between(a, b)
                .min(self.min_via[i].saturating_add(self.min_leg[j]));
        }
        let direct = self.between(a, b);
        let (i, j) = (self.point_index(a), self.point_index(b));
        // No route through the hubs beats the cheapest way into one plus the
        // cheapest way out of one: when the direct trip is no dearer, the
        // pass over the hubs cannot change the answer (most pairs of a
        // province, where candidate building asks this tens of millions of times).
        if direct <= self.min_via[i].saturating_add(self.min_leg[j]) {
            return direct;
        }
        let k = self.hubs.len();
        let (a, b) = (i * k, j * k);
        let through_hubs = self.via[a..a + k]
            .iter()
            .zip(&self.leg[b..b + k])
            .map(|(into, out)| into.saturating_add(*out))
            .min()
            .unwrap_or(u32::MAX);
        direct.min(through_hubs)
    }

    fn location(&self, p: Point) -> [f64; 2] {
        match p {
            Point::Venue(v) => self.venues[v.index()],
            Point::Base(t) => self.bases[t.index()],
        }
    }

    /// The contract's rule: an override, else 0 for the same point, else by road.
    fn compute(&self, a: Point, b: Point) -> u32 {
        let (i, j) = (self.point_index(a), self.point_index(b));
        if self.overridden[i] && self.overridden[j] {
            if let Some(&m) = self.overrides.get(&(a, b)) {
                return m;
            }
        }
        if a == b {
            return 0;
        }
        // `road_minutes` with each point's cosine computed once: the same
        // operations on the same values, so the same minutes.
        let (x, y) = (self.location(a), self.location(b));
        let dlat = (y[0] - x[0]).to_radians();
        let dlon = (y[1] - x[1]).to_radians();
        let h = (dlat / 2.0).sin().powi(2)
            + self.cos_lat[i] * self.cos_lat[j] * (dlon / 2.0).sin().powi(2);
        let km = 2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin();
        minutes_of(km, self.speed_kmh, self.detour)
    }

    pub fn venue_to_venue(&self, a: VenueId, b: VenueId) -> u32 {
        minutes_tabled(&self.table, a.index() * self.venues.len() + b.index())
            .unwrap_or_else(|| self.compute(Point::Venue(a), Point::Venue(b)))
    }

    pub fn base_to_venue(&self, team: TeamId, v: VenueId) -> u32 {
        minutes_tabled(
            &self.base_table,
            v.index() * self.bases.len() + team.index(),
        )
        .unwrap_or_else(|| self.compute(Point::Base(team), Point::Venue(v)))
    }

    /// Travel between two points a team route can contain (never base to base).
    ///
    /// A planner's `[[travel.override]]` replaces the road's minutes, in
    /// both directions:
    ///
    /// ```
    /// use drillplan_model::scenario::travel::Point;
    /// use drillplan_model::scenario::{parse, VenueId};
    ///
    /// # let text = r#"
    /// # [plan]
    /// # start = 2017-06-19
    /// # end = 2017-06-20
    /// # [[district]]
    /// # id = "karamay"
    /// # [[venue]]
    /// # id = "school"
    /// # district = "karamay"
    /// # location = [45.58, 84.88]
    /// # [[venue]]
    /// # id = "refinery"
    /// # district = "karamay"
    /// # location = [45.70, 84.95]
    /// # [[team]]
    /// # id = "fire-1"
    /// # skills = ["fire"]
    /// # district = "karamay"
    /// # base = [45.59, 84.87]
    /// # [[drill]]
    /// # id = "evacuation"
    /// # venue = "school"
    /// # duration = 60
    /// # needs = [{ skill = "fire" }]
    /// # "#;
    /// let overridden = format!(
    ///     "{text}\n[[travel.override]]\nfrom = \"refinery\"\nto = \"fire-1\"\nminutes = 45\n"
    /// );
    /// let scenario = parse("plan.toml", &overridden).unwrap();
    /// let team = scenario.find_team("fire-1").unwrap();
    /// let (school, refinery) = (Point::Venue(VenueId(0)), Point::Venue(VenueId(1)));
    /// assert_eq!(scenario.travel.between(Point::Base(team), school), 3);
    /// assert_eq!(scenario.travel.between(Point::Base(team), refinery), 45);
    /// assert_eq!(scenario.travel.between(refinery, Point::Base(team)), 45);
    /// assert!(scenario.travel.has_overrides());
    /// ```
    pub fn between(&self, a: Point, b: Point) -> u32 {
        match (a, b) {
            (Point::Venue(x), Point::Venue(y)) => self.venue_to_venue(x, y),
            (Point::Base(t), Point::Venue(v)) | (Point::Venue(v), Point::Base(t)) => {
                self.base_to_venue(t, v)
            }
            (Point::Base(_), Point::Base(_)) => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haversine_matches_known_distance() {
        // Karamay city to Dushanzi: 1.25 degrees of latitude apart, about 139 km.
        let d = haversine_km([45.5794, 84.8892], [44.3286, 84.8866]);
        assert!((d - 139.1).abs() < 1.0, "{d}");
        assert_eq!(haversine_km([10.0, 20.0], [10.0, 20.0]), 0.0);
    }

    #[test]
    fn tabled_minutes_are_the_contract_formula() {
        let t = random_travel(3, 40, 15, 5);
        for a in all_points(40, 15) {
            for b in all_points(40, 15) {
                if t.overrides.contains_key(&(a, b)) || a == b {
                    continue;
                }
                let road = road_minutes(t.location(a), t.location(b), 40.0, 1.3);
                assert_eq!(t.compute(a, b), road, "{a:?} -> {b:?}");
            }
        }
    }

    #[test]
    fn minutes_over_sixteen_bits_are_not_cut_by_the_tables() {
        let venues = [[45.0, 84.0], [45.1, 84.1]];
        let bases = [[45.0, 84.05]];
        let far = 70_000;
        let overrides = HashMap::from([
            ((Point::Base(TeamId(0)), Point::Venue(VenueId(1))), far),
            (
                (Point::Venue(VenueId(0)), Point::Venue(VenueId(1))),
                far + 1,
            ),
        ]);
        let t = TravelTimes::new(&venues, &bases, 40.0, 1.3, &overrides);
        assert!(t.table.is_some() && t.base_table.is_some());
        let (base, v0, v1) = (
            Point::Base(TeamId(0)),
            Point::Venue(VenueId(0)),
            Point::Venue(VenueId(1)),
        );
        assert_eq!(t.between(base, v1), far);
        assert_eq!(t.between(v1, v0), far + 1);
        assert_eq!(
            t.between(base, v0),
            road_minutes(bases[0], venues[0], 40.0, 1.3)
        );
    }

    #[test]
    fn road_minutes_round_up() {
        // 1 degree of latitude = 111.19 km; x1.3 / 40 km/h x 60 = 216.8 -> 217
        assert_eq!(road_minutes([0.0, 0.0], [1.0, 0.0], 40.0, 1.3), 217);
        assert_eq!(road_minutes([0.0, 0.0], [0.0, 0.0], 40.0, 1.3), 0);
    }

    #[test]
    fn shortest_takes_a_faster_detour_through_overrides() {
        // Venues 0 and 1 are 1 degree apart ; an override
        // makes base 0 -> venue 0 and venue 0 -> venue 1 quick (434 min by road).
        let mut o = HashMap::new();
        o.insert((Point::Base(TeamId(0)), Point::Venue(VenueId(0))), 5);
        o.insert((Point::Venue(VenueId(0)), Point::Venue(VenueId(1))), 10);
        let t = TravelTimes::new(
            &[[45.0, 84.0], [46.0, 84.0]],
            &[[44.0, 84.0]],
            40.0,
            1.3,
            &o,
        );
        assert_eq!(t.base_to_venue(TeamId(0), VenueId(1)), 434);
        assert_eq!(
            t.shortest(Point::Base(TeamId(0)), Point::Venue(VenueId(1))),
            15
        );
        assert_eq!(
            t.shortest(Point::Venue(VenueId(1)), Point::Base(TeamId(0))),
            15
        );
        let plain = TravelTimes::new(
            &[[45.0, 84.0], [46.0, 84.0]],
            &[[44.0, 84.0]],
            40.0,
            1.3,
            &HashMap::new(),
        );
        assert_eq!(
            plain.shortest(Point::Base(TeamId(0)), Point::Venue(VenueId(1))),
            434
        );
    }

    #[test]
    fn overrides_apply_both_ways_and_beat_same_point() {
        let mut o = HashMap::new();
        o.insert((Point::Base(TeamId(0)), Point::Venue(VenueId(1))), 35);
        o.insert((Point::Venue(VenueId(0)), Point::Venue(VenueId(0))), 5);
        let t = TravelTimes::new(
            &[[45.0, 84.0], [45.1, 84.0]],
            &[[45.0, 84.0]],
            40.0,
            1.3,
            &o,
        );
        assert_eq!(t.base_to_venue(TeamId(0), VenueId(1)), 35);
        assert_eq!(t.base_to_venue(TeamId(0), VenueId(0)), 0);
        assert_eq!(t.venue_to_venue(VenueId(0), VenueId(0)), 5);
        assert_eq!(t.venue_to_venue(VenueId(1), VenueId(0)), 22);
    }

    /// Fastest routes over every point by brute force (Floyd-Warshall on
    /// all of them, each leg the contract's time).
    fn brute_shortest(t: &TravelTimes, points: &[Point]) -> Vec<u32> {
        let n = points.len();
        let mut d: Vec<u32> = (0..n * n)
            .map(|i| t.compute(points[i / n], points[i % n]))
            .collect();
        for i in 0..n {
            d[i * n + i] = 0;
        }
        for m in 0..n {
            for i in 0..n {
                for j in 0..n {
                    d[i * n + j] = d[i * n + j].min(d[i * n + m].saturating_add(d[m * n + j]));
                }
            }
        }
        d
    }

    /// Random points around one city and `count` random overrides among
    /// them: faster than the road only, or faster or slower.
    fn random_travel(seed: u64, venues: usize, bases: usize, count: usize) -> TravelTimes {
        random_travel_with(seed, venues, bases, count, false)
    }

    fn random_travel_with(
        seed: u64,
        venues: usize,
        bases: usize,
        count: usize,
        faster_only: bool,
    ) -> TravelTimes {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let mut spot = || {
            [
                45.0 + rng.random_range(0.0..0.6),
                84.0 + rng.random_range(0.0..0.8),
            ]
        };
        let v: Vec<[f64; 2]> = (0..venues).map(|_| spot()).collect();
        let b: Vec<[f64; 2]> = (0..bases).map(|_| spot()).collect();
        let mut o = HashMap::new();
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed + 1);
        while o.len() < count {
            let a = Point::Venue(VenueId(rng.random_range(0..venues as u32)));
            let z = if rng.random_bool(0.5) {
                Point::Venue(VenueId(rng.random_range(0..venues as u32)))
            } else {
                Point::Base(TeamId(rng.random_range(0..bases as u32)))
            };
            if a != z {
                let minutes = rng.random_range(0..200);
                let road = |p: Point| match p {
                    Point::Venue(x) => v[x.index()],
                    Point::Base(x) => b[x.index()],
                };
                if !faster_only || minutes < road_minutes(road(a), road(z), 40.0, 1.3) {
                    o.insert((a, z), minutes);
                }
            }
        }
        TravelTimes::new(&v, &b, 40.0, 1.3, &o)
    }

    fn all_points(venues: usize, bases: usize) -> Vec<Point> {
        (0..venues as u32)
            .map(|i| Point::Venue(VenueId(i)))
            .chain((0..bases as u32).map(|i| Point::Base(TeamId(i))))
            .collect()
    }

    /// Exact when every override beats the road; with slower overrides,
    /// a lower bound (it lets a leg take the faster of the two).
    #[test]
    fn shortest_is_exact_with_few_overrides_and_the_cheap_bound_is_below_it() {
        for seed in 0..8 {
            let (venues, bases) = (30, 10);
            let faster_only = seed % 2 == 0;
            let t = random_travel_with(seed, venues, bases, 12, faster_only);
            let points = all_points(venues, bases);
            let brute = brute_shortest(&t, &points);
            let n = points.len();
            for (i, &a) in points.iter().enumerate() {
                for (j, &b) in points.iter().enumerate() {
                    if matches!((a, b), (Point::Base(_), Point::Base(_))) {
                        continue;
                    }
                    let exact = t.shortest(a, b);
                    if faster_only {
                        assert_eq!(exact, brute[i * n + j], "{a:?} -> {b:?}");
                    } else {
                        assert!(exact <= brute[i * n + j], "{a:?} -> {b:?}");
                    }
                    assert!(t.shortest_at_least(a, b) <= exact, "{a:?} -> {b:?}");
                }
            }
        }
    }

    /// `near_hubs` finds the nearest endpoint by the dot product of unit
    /// vectors: the same minutes as the minimum of `leg_minutes` over every
    /// endpoint, also for points that sit on an endpoint or share a place.
    #[test]
    fn the_nearest_endpoint_is_the_one_every_leg_gives() {
        for seed in 0..6 {
            let (venues, bases) = (300, 80);
            let mut t = random_travel(seed, venues, bases, 230);
            assert!(t.hubs.is_empty(), "past the exact limit");
            // Bases on venues: equal distances to several endpoints.
            t.bases = t.venues[..bases].to_vec();
            t.unit = t
                .venues
                .iter()
                .chain(&t.bases)
                .map(|&p| unit_vector(p))
                .collect();
            t.cos_lat = t
                .venues
                .iter()
                .chain(&t.bases)
                .map(|p| p[0].to_radians().cos())
                .collect();
            let mut hubs: Vec<Point> = t.overrides.keys().map(|k| k.0).collect();
            hubs.sort();
            hubs.dedup();
            t.near_hubs(&hubs);
            for (i, &p) in all_points(venues, bases).iter().enumerate() {
                let brute = hubs.iter().map(|&h| t.leg_minutes(p, h)).min().unwrap();
                assert_eq!(t.min_leg[i], brute, "seed {seed}, {p:?}");
            }
        }
    }

    /// Out of table budget, the tables are left out and every minute is
    /// computed on demand: the same minutes.
    #[test]
    fn travel_untabled_for_want_of_time_gives_the_same_minutes() {
        let tabled = random_travel(3, 120, 40, 30);
        assert!(tabled.table.is_some() && tabled.base_table.is_some());
        let stop = Arc::new(AtomicBool::new(true));
        table_only_while(None, stop);
        let untabled = random_travel(3, 120, 40, 30);
        table_only_while(None, Arc::new(AtomicBool::new(false)));
        assert!(untabled.table.is_none() && untabled.base_table.is_none());
        for &a in &all_points(120, 40) {
            for &b in &all_points(120, 40) {
                assert_eq!(tabled.between(a, b), untabled.between(a, b), "{a:?} {b:?}");
                assert_eq!(
                    tabled.shortest(a, b),
                    untabled.shortest(a, b),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn with_many_override_endpoints_shortest_stays_a_lower_bound_and_prunes() {
        // 250 overrides among 460 points: more endpoints than `MAX_HUBS`.
        let (venues, bases) = (400, 60);
        let t = random_travel(9, venues, bases, 250);
        assert!(t.hubs.is_empty(), "past the exact limit");
        let points = all_points(venues, bases);
        let brute = brute_shortest(&t, &points);
        let n = points.len();
        let mut positive = 0;
        for (i, &a) in points.iter().enumerate() {
            for (j, &b) in points.iter().enumerate() {
                if matches!((a, b), (Point::Base(_), Point::Base(_))) {
                    continue;
                }
                let bound = t.shortest(a, b);
                assert!(bound <= brute[i * n + j], "{a:?} -> {b:?}");
                assert!(t.shortest_at_least(a, b) <= bound, "{a:?} -> {b:?}");
                positive += usize::from(bound > 0);
            }
        }
        assert!(positive > n, "the bound prunes something");
    }
}
