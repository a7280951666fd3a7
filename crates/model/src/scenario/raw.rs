//! The raw serde layer: the TOML as written, with source spans kept for the
//! checks that `build` makes after parsing.

use serde::Deserialize;
use toml::value::Datetime;
use toml::Spanned;

pub type S<T> = Spanned<T>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub plan: S<RawPlan>,
    pub travel: Option<S<RawTravel>>,
    pub objective: Option<S<RawObjective>>,
    #[serde(default)]
    pub district: Vec<S<RawDistrict>>,
    #[serde(default)]
    pub venue: Vec<S<RawVenue>>,
    #[serde(default)]
    pub team: Vec<S<RawTeam>>,
    #[serde(default)]
    pub drill: Vec<S<RawDrill>>,
    #[serde(default)]
    pub conflict: Vec<S<RawConflict>>,
    #[serde(default)]
    pub standby: Vec<S<RawStandby>>,
    #[serde(default)]
    pub pin: Vec<S<RawPin>>,
    #[serde(default)]
    pub coverage: Vec<S<RawCoverage>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlan {
    pub name: Option<S<String>>,
    pub start: S<Datetime>,
    pub end: S<Datetime>,
    pub slot_minutes: Option<S<i64>>,
    pub hours: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTravel {
    pub speed_kmh: Option<S<f64>>,
    pub detour: Option<S<f64>>,
    #[serde(default, rename = "override")]
    pub overrides: Vec<S<RawOverride>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOverride {
    pub from: S<String>,
    pub to: S<String>,
    pub minutes: S<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawObjective {
    pub travel: Option<S<f64>>,
    pub off_preference: Option<S<f64>>,
    pub change: Option<S<f64>>,
    pub spread: Option<S<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDistrict {
    pub id: S<String>,
    pub name: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVenue {
    pub id: S<String>,
    pub name: Option<S<String>>,
    pub kind: Option<S<String>>,
    pub district: S<String>,
    pub location: S<Vec<f64>>,
    pub capacity: Option<S<i64>>,
    pub hours: Option<S<Vec<S<String>>>>,
    pub days: Option<S<Vec<S<toml::Value>>>>,
    pub closed: Option<Vec<S<Datetime>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTeam {
    pub id: S<String>,
    pub name: Option<S<String>>,
    pub agency: Option<S<String>>,
    pub skills: S<Vec<S<String>>>,
    pub district: S<String>,
    pub base: S<Vec<f64>>,
    pub hours: Option<S<String>>,
    pub days: Option<S<Vec<S<toml::Value>>>>,
    pub off: Option<Vec<S<Datetime>>>,
    pub max_drills_per_day: Option<S<i64>>,
    pub max_minutes_per_day: Option<S<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDrill {
    pub id: S<String>,
    pub name: Option<S<String>>,
    pub venue: S<String>,
    pub kind: Option<S<String>>,
    pub sector: Option<S<String>>,
    pub duration: S<i64>,
    pub priority: Option<S<i64>>,
    pub mandatory: Option<bool>,
    pub needs: S<Vec<S<RawNeed>>>,
    pub window: Option<S<RawWindow>>,
    pub prefer: Option<S<RawPrefer>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNeed {
    pub skill: Option<S<String>>,
    pub team: Option<S<String>>,
    pub count: Option<S<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWindow {
    pub from: S<Datetime>,
    pub to: S<Datetime>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPrefer {
    pub days: Option<S<Vec<S<toml::Value>>>>,
    pub hours: Option<S<Vec<S<String>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConflict {
    pub name: Option<S<String>>,
    #[serde(default)]
    pub drills: Vec<S<String>>,
    #[serde(default)]
    pub venues: Vec<S<String>>,
    pub gap: Option<S<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStandby {
    pub district: S<String>,
    pub skill: S<String>,
    pub keep: S<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPin {
    pub drill: S<String>,
    pub start: Option<S<Datetime>>,
    pub teams: Option<Vec<S<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCoverage {
    pub name: Option<S<String>>,
    pub sector: Option<S<String>>,
    pub kind: Option<S<String>>,
    pub districts: Option<S<Vec<S<String>>>>,
    pub min_drills: Option<S<i64>>,
}
