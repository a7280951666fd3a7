//! Labels for the scenario's free-text keys that the planners' notice names:
//! drill sectors, drill kinds and team skills. A key not listed here is
//! shown as written.

use super::Lang;

/// (key, English, Chinese): the notice's key sectors.
const SECTORS: &[(&str, &str, &str)] = &[
    ("road_traffic", "road traffic", "道路交通"),
    ("fire", "fire", "消防"),
    ("construction", "construction", "建筑施工"),
    ("civil_explosives", "civil explosives", "民用爆炸物品"),
    ("special_equipment", "special equipment", "特种设备"),
    ("hazardous_chemicals", "hazardous chemicals", "危险化学品"),
    ("non_coal_mines", "non-coal mines", "非煤矿山"),
    ("crowded_places", "crowded places", "人员密集场所"),
];

/// (key, English, Chinese): the drill kinds of the bundled and generated scenarios.
const KINDS: &[(&str, &str, &str)] = &[
    ("fire_evacuation", "fire evacuation", "火灾疏散"),
    ("earthquake_evacuation", "earthquake evacuation", "地震疏散"),
    ("crowd_evacuation", "crowd evacuation", "人员疏散"),
    ("visitor_evacuation", "visitor evacuation", "游客疏散"),
    ("stampede", "stampede", "踩踏事故"),
    ("campus_security", "campus security", "校园安保"),
    ("counter_terror", "counter-terrorism", "反恐防暴"),
    ("fire_rescue", "fire rescue", "火灾救援"),
    ("highrise_fire", "high-rise fire", "高层建筑火灾"),
    ("station_fire", "station fire", "车站火灾"),
    ("depot_fire", "depot fire", "仓库火灾"),
    ("fire_explosion", "fire and explosion", "火灾爆炸"),
    ("oil_tank_fire", "oil tank fire", "油罐火灾"),
    ("tank_fire", "storage tank fire", "储罐火灾"),
    ("well_blowout", "well blowout", "井喷"),
    ("pipeline_leak", "pipeline leak", "管道泄漏"),
    ("gas_leak", "gas leak", "燃气泄漏"),
    ("canteen_gas_leak", "canteen gas leak", "食堂燃气泄漏"),
    ("hazmat_leak", "hazardous chemical leak", "危化品泄漏"),
    (
        "hazmat_transport",
        "hazardous chemical transport",
        "危化品运输事故",
    ),
    ("h2s_poisoning", "hydrogen sulphide poisoning", "硫化氢中毒"),
    ("fuel_spill", "fuel spill", "燃油泄漏"),
    ("pressure_vessel", "pressure vessel", "压力容器事故"),
    ("elevator_entrapment", "elevator entrapment", "电梯困人"),
    ("elevator_rescue", "elevator rescue", "电梯救援"),
    ("ride_rescue", "amusement ride rescue", "游乐设施救援"),
    ("tower_crane", "tower crane", "塔吊事故"),
    ("collapse_rescue", "collapse rescue", "坍塌救援"),
    ("trench_collapse", "trench collapse", "沟槽坍塌"),
    ("slope_collapse", "slope collapse", "边坡坍塌"),
    ("fall_rescue", "fall from height", "高处坠落救援"),
    ("confined_space", "confined space", "有限空间救援"),
    ("mine_rescue", "mine rescue", "矿山救援"),
    ("tailings_dam", "tailings dam", "尾矿库险情"),
    ("blasting", "blasting", "爆破作业"),
    ("blasting_accident", "blasting accident", "爆破事故"),
    ("explosives_storage", "explosives storage", "爆炸物品储存"),
    ("traffic_accident", "traffic accident", "交通事故"),
    ("mass_casualty", "mass casualties", "群体伤亡"),
    ("power_outage", "power outage", "停电事故"),
];

/// (key, English, Chinese): the team skills of the bundled and generated
/// scenarios. A planner may write either the key or the Chinese label.
const SKILLS: &[(&str, &str, &str)] = &[
    ("fire", "fire", "消防"),
    ("rescue", "rescue", "救援"),
    ("medical", "medical", "医疗"),
    ("police", "police", "公安"),
    ("traffic", "traffic", "交通"),
    ("hazmat", "hazardous materials", "危化品处置"),
    ("mine_rescue", "mine rescue", "矿山救护"),
    ("special_equipment", "special equipment", "特种设备"),
    ("construction", "construction", "建筑施工"),
    ("explosives", "explosives", "爆破"),
    ("volunteer", "volunteer", "志愿者"),
    ("observe", "observers", "观摩"),
];

/// The key a Chinese label stands for in `table`; any other text as written.
fn key_of<'a>(table: &[(&'static str, &str, &str)], text: &'a str) -> &'a str {
    table
        .iter()
        .find(|(_, _, zh)| *zh == text)
        .map_or(text, |&(k, _, _)| k)
}

/// The notice's standard skills, by key, in the glossary's order.
pub fn standard_skills() -> impl Iterator<Item = &'static str> {
    SKILLS.iter().map(|&(k, _, _)| k)
}

/// A skill as the scenario keys it: `消防` is `fire`.
pub fn skill_key(text: &str) -> &str {
    key_of(SKILLS, text)
}

/// A drill sector as the scenario keys it: `人员密集场所` is `crowded_places`.
pub fn sector_key(text: &str) -> &str {
    key_of(SECTORS, text)
}

/// A drill kind as the scenario keys it: `火灾疏散` is `fire_evacuation`.
pub fn kind_key(text: &str) -> &str {
    key_of(KINDS, text)
}

pub(super) fn skill(key: &str, lang: Lang) -> &str {
    label(SKILLS, key, lang)
}

fn label<'a>(table: &[(&str, &'static str, &'static str)], key: &'a str, lang: Lang) -> &'a str {
    table
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or(key, |&(_, en, zh)| match lang {
            Lang::En => en,
            Lang::Zh => zh,
        })
}

pub(super) fn sector(key: &str, lang: Lang) -> &str {
    label(SECTORS, key, lang)
}

pub(super) fn kind(key: &str, lang: Lang) -> &str {
    label(KINDS, key, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_once_with_both_labels() {
        for table in [SECTORS, KINDS, SKILLS] {
            for (i, (k, en, zh)) in table.iter().enumerate() {
                assert!(!en.is_empty() && !zh.is_empty(), "{k}");
                assert!(table[..i].iter().all(|(o, _, _)| o != k), "{k} twice");
            }
        }
    }

    #[test]
    fn the_notice_sectors_in_chinese_and_unknown_keys_as_written() {
        assert_eq!(sector("crowded_places", Lang::Zh), "人员密集场所");
        assert_eq!(sector("hazardous_chemicals", Lang::Zh), "危险化学品");
        assert_eq!(sector("crowded_places", Lang::En), "crowded places");
        assert_eq!(sector("ports", Lang::Zh), "ports");
        assert_eq!(kind("counter_terror", Lang::Zh), "反恐防暴");
        assert_eq!(kind("my_own_kind", Lang::Zh), "my_own_kind");
    }

    #[test]
    fn chinese_labels_are_read_as_their_keys() {
        assert_eq!(skill_key("消防"), "fire");
        assert_eq!(skill_key("fire"), "fire");
        assert_eq!(skill_key("潜水"), "潜水");
        assert_eq!(sector_key("人员密集场所"), "crowded_places");
        assert_eq!(kind_key("火灾疏散"), "fire_evacuation");
        for table in [SECTORS, KINDS, SKILLS] {
            for (i, (k, _, zh)) in table.iter().enumerate() {
                assert!(
                    table[..i].iter().all(|(_, _, o)| o != zh),
                    "{k}: {zh} twice"
                );
                assert_eq!(key_of(table, zh), *k);
            }
        }
    }
}
