//! What generated scenarios are made of: venue kinds with their hours and
//! the drills they hold, and responder agencies with their skills. The same
//! character as the bundled Karamay scenario.

pub struct DrillTemplate {
    pub name: &'static str,
    pub kind: &'static str,
    pub sector: &'static str,
    pub duration: u32,
    pub priority: u64,
    pub needs: &'static [(&'static str, u32)],
}

pub struct VenueKind {
    pub kind: &'static str,
    pub name: &'static str,
    pub hours: &'static [(u32, u32)],
    /// Weekdays open (0 = Monday); empty means every day.
    pub weekdays: &'static [u32],
    pub capacity: u32,
    /// Relative frequency among venues.
    pub weight: u32,
    pub drills: &'static [DrillTemplate],
}

const fn t(name: &'static str, kind: &'static str, sector: &'static str, duration: u32, priority: u64, needs: &'static [(&'static str, u32)]) -> DrillTemplate {
    DrillTemplate { name, kind, sector, duration, priority, needs }
}

const WEEKDAYS: &[u32] = &[0, 1, 2, 3, 4];

pub const VENUE_KINDS: &[VenueKind] = &[
    VenueKind {
        kind: "school", name: "中学", hours: &[(510, 720), (930, 1140)], weekdays: WEEKDAYS, capacity: 1, weight: 14,
        drills: &[
            t("火灾疏散演练", "fire_evacuation", "crowded_places", 60, 6, &[("fire", 1), ("medical", 1)]),
            t("地震应急疏散演练", "earthquake_evacuation", "crowded_places", 45, 4, &[("medical", 1), ("volunteer", 1)]),
            t("校园防暴安全演练", "campus_security", "crowded_places", 45, 3, &[("police", 1)]),
        ],
    },
    VenueKind {
        kind: "kindergarten", name: "幼儿园", hours: &[(510, 720), (930, 1140)], weekdays: WEEKDAYS, capacity: 1, weight: 10,
        drills: &[
            t("幼儿火灾疏散演练", "fire_evacuation", "crowded_places", 30, 5, &[("fire", 1), ("medical", 1)]),
            t("防踩踏疏散演练", "stampede", "crowded_places", 30, 3, &[("volunteer", 1)]),
        ],
    },
    VenueKind {
        kind: "mall", name: "商场", hours: &[(510, 660), (1200, 1320)], weekdays: &[], capacity: 1, weight: 8,
        drills: &[
            t("商场火灾扑救及人员疏散演练", "fire_evacuation", "crowded_places", 90, 7, &[("fire", 2), ("medical", 1), ("police", 1)]),
            t("电梯困人救援演练", "elevator_rescue", "special_equipment", 45, 4, &[("special_equipment", 1), ("rescue", 1)]),
        ],
    },
    VenueKind {
        kind: "community", name: "社区", hours: &[(570, 750), (960, 1200)], weekdays: &[], capacity: 1, weight: 10,
        drills: &[
            t("燃气泄漏处置演练", "gas_leak", "crowded_places", 60, 4, &[("rescue", 1), ("volunteer", 1)]),
            t("高层住宅火灾疏散演练", "fire_evacuation", "crowded_places", 60, 5, &[("fire", 2), ("medical", 1)]),
        ],
    },
    VenueKind {
        kind: "plant", name: "化工厂", hours: &[(540, 1140)], weekdays: &[], capacity: 2, weight: 5,
        drills: &[
            t("危险化学品泄漏应急处置演练", "hazmat_leak", "hazardous_chemicals", 120, 10, &[("hazmat", 2), ("fire", 1), ("medical", 1), ("police", 1)]),
            t("储罐区火灾扑救演练", "tank_fire", "hazardous_chemicals", 120, 9, &[("fire", 2), ("hazmat", 1), ("medical", 1)]),
            t("有限空间中毒窒息救援演练", "confined_space", "hazardous_chemicals", 60, 6, &[("rescue", 1), ("medical", 1)]),
        ],
    },
    VenueKind {
        kind: "oilfield", name: "油田作业区", hours: &[(540, 1140)], weekdays: &[], capacity: 1, weight: 4,
        drills: &[
            t("井喷失控应急演练", "well_blowout", "non_coal_mines", 120, 8, &[("hazmat", 1), ("fire", 1), ("medical", 1)]),
            t("输油管线泄漏处置演练", "pipeline_leak", "non_coal_mines", 90, 7, &[("hazmat", 1), ("rescue", 1)]),
        ],
    },
    VenueKind {
        kind: "mine", name: "矿山", hours: &[(540, 1080)], weekdays: &[0, 1, 2, 3, 4, 5], capacity: 1, weight: 3,
        drills: &[
            t("边坡坍塌救援演练", "slope_collapse", "non_coal_mines", 90, 7, &[("mine_rescue", 1), ("medical", 1)]),
            t("爆破事故应急演练", "blasting_accident", "civil_explosives", 90, 6, &[("explosives", 1), ("mine_rescue", 1)]),
        ],
    },
    VenueKind {
        kind: "construction", name: "建筑工地", hours: &[(540, 1140)], weekdays: &[0, 1, 2, 3, 4, 5], capacity: 1, weight: 6,
        drills: &[
            t("高处坠落救援演练", "fall_rescue", "construction", 60, 5, &[("rescue", 1), ("medical", 1), ("construction", 1)]),
            t("塔吊事故应急演练", "tower_crane", "special_equipment", 60, 5, &[("special_equipment", 1), ("construction", 1), ("rescue", 1)]),
        ],
    },
    VenueKind {
        kind: "road", name: "国道路段", hours: &[(540, 690), (840, 1020)], weekdays: &[], capacity: 1, weight: 5,
        drills: &[
            t("道路交通事故救援演练", "traffic_accident", "road_traffic", 60, 6, &[("traffic", 1), ("rescue", 1), ("medical", 1)]),
            t("危化品运输车辆事故处置演练", "hazmat_transport", "road_traffic", 90, 8, &[("traffic", 1), ("hazmat", 1), ("fire", 1), ("medical", 1)]),
        ],
    },
    VenueKind {
        kind: "hospital", name: "医院", hours: &[(540, 720), (900, 1080)], weekdays: &[], capacity: 1, weight: 3,
        drills: &[t("医院火灾疏散演练", "fire_evacuation", "fire", 60, 5, &[("fire", 1), ("medical", 1)])],
    },
];

pub struct Agency {
    pub agency: &'static str,
    pub name: &'static str,
    pub skill_sets: &'static [&'static [&'static str]],
    /// Share of teams, in percent.
    pub share: u32,
    pub shift: (u32, u32),
    pub weekdays_only: bool,
    pub max_drills: u32,
}

pub const AGENCIES: &[Agency] = &[
    Agency { agency: "fire", name: "消防中队", skill_sets: &[&["fire", "rescue"], &["fire"], &["fire", "rescue", "hazmat"]], share: 26, shift: (480, 1260), weekdays_only: false, max_drills: 3 },
    Agency { agency: "medical", name: "急救分队", skill_sets: &[&["medical"]], share: 22, shift: (510, 1230), weekdays_only: false, max_drills: 4 },
    Agency { agency: "police", name: "公安交警大队", skill_sets: &[&["police", "traffic"], &["police"], &["traffic"]], share: 18, shift: (510, 1230), weekdays_only: false, max_drills: 3 },
    Agency { agency: "hazmat", name: "危化品救援队", skill_sets: &[&["hazmat", "rescue"], &["hazmat", "rescue", "mine_rescue"]], share: 8, shift: (540, 1200), weekdays_only: false, max_drills: 2 },
    Agency { agency: "mine_rescue", name: "矿山救护队", skill_sets: &[&["mine_rescue", "rescue"]], share: 3, shift: (540, 1140), weekdays_only: false, max_drills: 2 },
    Agency { agency: "market_supervision", name: "特种设备检验所", skill_sets: &[&["special_equipment"]], share: 5, shift: (570, 1170), weekdays_only: true, max_drills: 3 },
    Agency { agency: "housing_construction", name: "建设工程安全监督站", skill_sets: &[&["construction"]], share: 5, shift: (570, 1170), weekdays_only: false, max_drills: 3 },
    Agency { agency: "police", name: "民爆管理大队", skill_sets: &[&["explosives", "police"]], share: 3, shift: (570, 1170), weekdays_only: true, max_drills: 2 },
    Agency { agency: "volunteer", name: "志愿服务队", skill_sets: &[&["volunteer"], &["volunteer", "medical"]], share: 10, shift: (540, 1200), weekdays_only: false, max_drills: 2 },
];

pub const DISTRICT_NAMES: &[&str] = &["克拉玛依", "独山子", "白碱滩", "乌尔禾", "奎屯", "乌苏", "沙湾", "石河子", "昌吉", "阜康", "吐鲁番", "哈密", "博乐", "伊宁"];
