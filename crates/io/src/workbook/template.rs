//! `drillplan init`: a workbook to start from, with example rows cut from
//! the bundled Karamay scenario: Dushanzi's venues and a few of their
//! drills, the teams of Dushanzi and of Karamay district (whose hazmat and
//! fire teams the refinery drills need), and the rules among them. Every
//! sheet shows rows that validate, and every drill can be placed.

use crate::lang::Lang;
use toml::{Table, Value};

const KARAMAY: &str = include_str!("../../../../scenarios/karamay-2017.toml");
/// The district whose venues the examples come from: it has a bit of everything.
const DISTRICT: &str = "dushanzi";
/// Districts whose teams the examples keep.
const TEAM_DISTRICTS: [&str; 2] = [DISTRICT, "karamay"];
/// Example drills per venue.
const DRILLS_PER_VENUE: usize = 2;

/// The template workbook.
pub fn to_xlsx(lang: Lang) -> Result<Vec<u8>, super::WriteError> {
    super::to_xlsx(&example_in(lang), lang)
}

/// The example scenario as the template in `lang` writes it: in Chinese,
/// its skills, sectors and kinds by their Chinese labels (`消防`, which
/// the reader takes for `fire`), as the header notes and the skills
/// dropdown name them; in English, by their keys. Either reads as the
/// same scenario as `example`.
pub fn example_in(lang: Lang) -> Table {
    let mut doc = example();
    if lang == Lang::Zh {
        labelled(&mut doc, lang);
    }
    doc
}

/// Puts `lang`'s label in place of each skill, sector and kind key of `doc`.
fn labelled(doc: &mut Table, lang: Lang) {
    fn relabel(value: Option<&mut Value>, label: &dyn Fn(&str) -> String) {
        match value {
            Some(Value::String(s)) => *s = label(s),
            Some(Value::Array(items)) => {
                for item in items {
                    relabel(Some(item), label);
                }
            }
            _ => {}
        }
    }
    let skill = |k: &str| lang.skill(k).to_string();
    let sector = |k: &str| lang.sector(k).to_string();
    let kind = |k: &str| lang.kind(k).to_string();
    let each = |doc: &mut Table, t: &str, f: &mut dyn FnMut(&mut Table)| {
        if let Some(a) = doc.get_mut(t).and_then(Value::as_array_mut) {
            a.iter_mut().filter_map(Value::as_table_mut).for_each(f);
        }
    };
    each(doc, "team", &mut |t| relabel(t.get_mut("skills"), &skill));
    each(doc, "standby", &mut |t| relabel(t.get_mut("skill"), &skill));
    each(doc, "drill", &mut |d| {
        relabel(d.get_mut("sector"), &sector);
        relabel(d.get_mut("kind"), &kind);
        if let Some(Value::Array(needs)) = d.get_mut("needs") {
            for need in needs.iter_mut().filter_map(Value::as_table_mut) {
                relabel(need.get_mut("skill"), &skill);
            }
        }
    });
    each(doc, "coverage", &mut |c| {
        relabel(c.get_mut("sector"), &sector);
        relabel(c.get_mut("kind"), &kind);
    });
}

/// The example scenario: a valid cut of the Karamay scenario.
pub fn example() -> Table {
    let mut doc: Table = toml::from_str(KARAMAY).expect("the bundled scenario is valid TOML");
    let rows = |doc: &Table, t: &str| -> Vec<Table> {
        doc.get(t)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_table).cloned().collect())
            .unwrap_or_default()
    };
    let str_of =
        |row: &Table, k: &str| row.get(k).and_then(Value::as_str).unwrap_or("").to_string();

    let venues: Vec<Table> = rows(&doc, "venue")
        .into_iter()
        .filter(|v| str_of(v, "district") == DISTRICT)
        .collect();
    let venue_ids: Vec<String> = venues.iter().map(|v| str_of(v, "id")).collect();
    let mut per_venue = std::collections::HashMap::new();
    let drills: Vec<Table> = rows(&doc, "drill")
        .into_iter()
        .filter(|d| {
            let n = per_venue.entry(str_of(d, "venue")).or_insert(0);
            *n += 1;
            venue_ids.contains(&str_of(d, "venue")) && *n <= DRILLS_PER_VENUE
        })
        .collect();
    let drill_ids: Vec<String> = drills.iter().map(|d| str_of(d, "id")).collect();
    let named_teams: Vec<String> = drills
        .iter()
        .flat_map(|d| {
            d.get("needs")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|n| n.get("team").and_then(Value::as_str).map(str::to_string))
        .collect();
    let teams: Vec<Table> = rows(&doc, "team")
        .into_iter()
        .filter(|t| {
            TEAM_DISTRICTS.contains(&str_of(t, "district").as_str())
                || named_teams.contains(&str_of(t, "id"))
        })
        .collect();
    let team_ids: Vec<String> = teams.iter().map(|t| str_of(t, "id")).collect();
    let mut district_ids: Vec<String> = teams.iter().map(|t| str_of(t, "district")).collect();
    district_ids.push(DISTRICT.into());
    let districts: Vec<Table> = rows(&doc, "district")
        .into_iter()
        .filter(|d| district_ids.contains(&str_of(d, "id")))
        .collect();

    let kept = |list: Option<&Value>, ids: &[String]| -> Vec<Value> {
        list.and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter(|x| x.as_str().is_some_and(|s| ids.contains(&s.to_string())))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    };
    let conflicts: Vec<Table> = rows(&doc, "conflict")
        .into_iter()
        .filter_map(|mut c| {
            let d = kept(c.get("drills"), &drill_ids);
            let v = kept(c.get("venues"), &venue_ids);
            if d.len() + v.len() < 2 && v.is_empty() {
                return None;
            }
            for (key, list) in [("drills", d), ("venues", v)] {
                if list.is_empty() {
                    c.remove(key);
                } else {
                    c.insert(key.into(), Value::Array(list));
                }
            }
            Some(c)
        })
        .collect();
    let standby: Vec<Table> = rows(&doc, "standby")
        .into_iter()
        .filter(|s| {
            let with_skill = teams
                .iter()
                .filter(|t| {
                    str_of(t, "district") == str_of(s, "district")
                        && t.get("skills").and_then(Value::as_array).is_some_and(|k| {
                            k.iter()
                                .any(|x| x.as_str() == s.get("skill").and_then(Value::as_str))
                        })
                })
                .count() as i64;
            district_ids.contains(&str_of(s, "district"))
                && s.get("keep")
                    .and_then(Value::as_integer)
                    .is_some_and(|k| k < with_skill)
        })
        .collect();
    // Coverage rows for the example district, each kept only where its
    // drills are among the examples often enough to hold it.
    let coverage: Vec<Table> = rows(&doc, "coverage")
        .into_iter()
        .filter_map(|mut c| {
            let least = c.get("min_drills").and_then(Value::as_integer).unwrap_or(1);
            let listed = kept(c.get("districts"), &[DISTRICT.to_string()]);
            let everywhere = c.get("districts").is_none();
            let matching = drills
                .iter()
                .filter(|d| {
                    ["sector", "kind"]
                        .iter()
                        .all(|k| c.get(*k).is_none_or(|v| d.get(*k) == Some(v)))
                })
                .count() as i64;
            if (everywhere || !listed.is_empty()) && matching >= least {
                c.insert("districts".into(), Value::Array(vec![DISTRICT.into()]));
                Some(c)
            } else {
                None
            }
        })
        .collect();
    let pins: Vec<Table> = rows(&doc, "pin")
        .into_iter()
        .filter(|p| {
            drill_ids.contains(&str_of(p, "drill"))
                && kept(p.get("teams"), &team_ids).len()
                    == p.get("teams").and_then(Value::as_array).map_or(0, Vec::len)
        })
        .collect();
    if let Some(Value::Table(travel)) = doc.get_mut("travel") {
        let points: Vec<String> = venue_ids.iter().chain(&team_ids).cloned().collect();
        if let Some(Value::Array(o)) = travel.get_mut("override") {
            o.retain(|o| {
                o.get("from")
                    .and_then(Value::as_str)
                    .is_some_and(|s| points.contains(&s.to_string()))
                    && o.get("to")
                        .and_then(Value::as_str)
                        .is_some_and(|s| points.contains(&s.to_string()))
            });
        }
    }
    let array = |rows: Vec<Table>| Value::Array(rows.into_iter().map(Value::Table).collect());
    doc.insert("district".into(), array(districts));
    doc.insert("venue".into(), array(venues));
    doc.insert("team".into(), array(teams));
    doc.insert("drill".into(), array(drills));
    doc.insert("conflict".into(), array(conflicts));
    doc.insert("standby".into(), array(standby));
    doc.insert("coverage".into(), array(coverage));
    doc.insert("pin".into(), array(pins));
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_is_a_valid_scenario_with_every_table() {
        let doc = example();
        let text = toml::to_string(&doc).unwrap();
        let s = crate::scenario::parse("template", &text).unwrap();
        assert!(s.drills.len() >= 6, "{}", s.drills.len());
        assert!(!s.conflicts.is_empty() && !s.standbys.is_empty());
        assert!(s.drills.iter().any(|d| d.pin.is_some()));
        let blocked = crate::solve::never_placeable(&s);
        assert!(blocked.is_empty(), "{blocked:?}");
        for t in [
            "plan",
            "travel",
            "objective",
            "district",
            "venue",
            "team",
            "drill",
            "conflict",
            "standby",
            "coverage",
            "pin",
        ] {
            assert!(doc.contains_key(t), "{t}");
        }
    }
}
