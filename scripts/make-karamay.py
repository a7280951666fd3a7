#!/usr/bin/env python3
"""Writes scenarios/karamay-2017.toml: Karamay's 2017 emergency drill week
(克安办发〔2017〕28号, section 五(八)), as a planner would enter it, and the
same scenario as a workbook, scenarios/karamay-2017.xlsx, with
`drillplan convert` (built first if need be; $DRILLPLAN names another
binary).

Deterministic: the same script always writes the same file. Coordinates are
real to about a kilometre; venues are jittered around their district's
centre or a named site.
"""
import os
import random
import subprocess
import sys

rng = random.Random(2017)

DISTRICTS = {
    "karamay": ("克拉玛依区", (45.5794, 84.8892)),
    "dushanzi": ("独山子区", (44.3286, 84.8866)),
    "baijiantan": ("白碱滩区", (45.6890, 85.1292)),
    "urho": ("乌尔禾区", (46.0880, 85.6930)),
}

SCHOOL_HOURS = '["08:30-12:00", "15:30-19:00"]'
WEEKDAYS = '["mon", "tue", "wed", "thu", "fri"]'

# kind -> (hours, days, capacity, templates)
# template: (name suffix, kind, sector, duration, priority, needs, prefer)
VENUE_KINDS = {
    "school": (SCHOOL_HOURS, WEEKDAYS, 1, [
        ("火灾疏散演练", "fire_evacuation", "crowded_places", 60, 6, [("fire", 1), ("medical", 1)], '{ hours = ["09:30-11:30"] }'),
        ("地震应急疏散演练", "earthquake_evacuation", "crowded_places", 45, 4, [("medical", 1), ("volunteer", 1)], None),
        ("校园防暴安全演练", "campus_security", "crowded_places", 45, 3, [("police", 1)], '{ days = ["mon", "tue", "wed"] }'),
        ("食堂燃气泄漏处置演练", "canteen_gas_leak", "crowded_places", 45, 3, [("rescue", 1), ("volunteer", 1)], None),
    ]),
    "kindergarten": (SCHOOL_HOURS, WEEKDAYS, 1, [
        ("幼儿火灾疏散演练", "fire_evacuation", "crowded_places", 30, 5, [("fire", 1), ("medical", 1)], '{ hours = ["09:00-11:00"] }'),
        ("防踩踏疏散演练", "stampede", "crowded_places", 30, 3, [("volunteer", 1)], None),
    ]),
    "mall": ('["08:30-11:00", "20:00-22:00"]', None, 1, [
        ("商场火灾扑救及人员疏散演练", "fire_evacuation", "crowded_places", 90, 7, [("fire", 2), ("medical", 1), ("police", 1)], None),
        ("电梯困人救援演练", "elevator_rescue", "special_equipment", 45, 4, [("special_equipment", 1), ("rescue", 1)], None),
        ("商场反恐防暴演练", "counter_terror", "crowded_places", 60, 5, [("police", 2)], None),
    ]),
    "community": ('["09:30-12:30", "16:00-20:00"]', None, 1, [
        ("居民楼燃气泄漏处置演练", "gas_leak", "crowded_places", 60, 4, [("rescue", 1), ("volunteer", 1)], '{ days = ["sat", "sun"] }'),
        ("高层住宅火灾疏散演练", "fire_evacuation", "crowded_places", 60, 5, [("fire", 2), ("medical", 1)], None),
        ("社区地震应急疏散演练", "earthquake_evacuation", "crowded_places", 45, 3, [("volunteer", 1), ("medical", 1)], '{ days = ["sat", "sun"] }'),
    ]),
    "petrochem": ('["09:00-19:00"]', None, 2, [
        ("危险化学品泄漏应急处置演练", "hazmat_leak", "hazardous_chemicals", 120, 10, [("hazmat", 2), ("fire", 1), ("medical", 1), ("police", 1)], None),
        ("储罐区火灾扑救演练", "tank_fire", "hazardous_chemicals", 120, 9, [("fire", 2), ("hazmat", 1), ("medical", 1)], None),
        ("有限空间中毒窒息救援演练", "confined_space", "hazardous_chemicals", 60, 6, [("rescue", 1), ("medical", 1)], None),
    ]),
    "oilfield": ('["09:00-19:00"]', None, 1, [
        ("井喷失控应急演练", "well_blowout", "non_coal_mines", 120, 8, [("hazmat", 1), ("fire", 1), ("medical", 1)], None),
        ("输油管线泄漏处置演练", "pipeline_leak", "non_coal_mines", 90, 7, [("hazmat", 1), ("rescue", 1)], None),
        ("硫化氢中毒救援演练", "h2s_poisoning", "non_coal_mines", 90, 7, [("rescue", 1), ("medical", 1), ("hazmat", 1)], None),
    ]),
    "mine": ('["09:00-18:00"]', '["mon", "tue", "wed", "thu", "fri", "sat"]', 1, [
        ("边坡坍塌救援演练", "slope_collapse", "non_coal_mines", 90, 7, [("mine_rescue", 1), ("medical", 1)], None),
        ("采场爆破事故应急演练", "blasting_accident", "civil_explosives", 90, 6, [("explosives", 1), ("mine_rescue", 1)], None),
    ]),
    "construction": ('["09:00-19:00"]', '["mon", "tue", "wed", "thu", "fri", "sat"]', 1, [
        ("高处坠落救援演练", "fall_rescue", "construction", 60, 5, [("rescue", 1), ("medical", 1), ("construction", 1)], None),
        ("塔吊事故应急演练", "tower_crane", "special_equipment", 60, 5, [("special_equipment", 1), ("construction", 1), ("rescue", 1)], None),
        ("基坑坍塌救援演练", "trench_collapse", "construction", 90, 6, [("rescue", 1), ("construction", 1), ("medical", 1)], None),
    ]),
    "explosives_depot": ('["10:00-18:00"]', WEEKDAYS, 1, [
        ("民爆物品仓库火灾应急演练", "depot_fire", "civil_explosives", 90, 8, [("explosives", 1), ("fire", 2), ("police", 1)], None),
    ]),
    "road": ('["09:00-11:30", "14:00-17:00"]', None, 1, [
        ("道路交通事故救援演练", "traffic_accident", "road_traffic", 60, 6, [("traffic", 1), ("rescue", 1), ("medical", 1)], None),
        ("危化品运输车辆事故处置演练", "hazmat_transport", "road_traffic", 90, 8, [("traffic", 1), ("hazmat", 1), ("fire", 1), ("medical", 1)], None),
    ]),
    "hospital": ('["09:00-12:00", "15:00-18:00"]', None, 1, [
        ("医院火灾疏散演练", "fire_evacuation", "fire", 60, 5, [("fire", 1), ("medical", 1)], None),
        ("大批伤员救治演练", "mass_casualty", "fire", 90, 6, [("medical", 2), ("police", 1)], None),
    ]),
    "gas_station": ('["09:00-19:00"]', None, 1, [
        ("加油站火灾扑救演练", "station_fire", "fire", 45, 5, [("fire", 1), ("hazmat", 1)], None),
        ("加油站油品泄漏处置演练", "fuel_spill", "hazardous_chemicals", 45, 4, [("hazmat", 1), ("police", 1)], None),
    ]),
    "scenic": ('["09:00-19:00"]', None, 1, [
        ("景区游乐设施故障救援演练", "ride_rescue", "special_equipment", 60, 4, [("special_equipment", 1), ("rescue", 1), ("medical", 1)], None),
        ("景区游客疏散演练", "visitor_evacuation", "crowded_places", 45, 3, [("police", 1), ("volunteer", 1)], None),
    ]),
}

# (id, name, kind, district, near)
VENUES = [
    ("krm-no1-school", "克拉玛依市第一中学", "school", "karamay", (45.5951, 84.8731)),
    ("krm-no2-school", "克拉玛依市第二中学", "school", "karamay", None),
    ("krm-no5-school", "克拉玛依市第五中学", "school", "karamay", None),
    ("krm-exp-school", "克拉玛依市实验中学", "school", "karamay", None),
    ("krm-no13-school", "克拉玛依市第十三中学", "school", "karamay", None),
    ("krm-friendship-primary", "友谊路小学", "school", "karamay", None),
    ("krm-kg-1", "克拉玛依区第一幼儿园", "kindergarten", "karamay", None),
    ("krm-kg-2", "克拉玛依区第二幼儿园", "kindergarten", "karamay", None),
    ("krm-kg-oil", "油田第三幼儿园", "kindergarten", "karamay", None),
    ("krm-kg-sun", "阳光幼儿园", "kindergarten", "karamay", None),
    ("krm-kg-hongxing", "红星幼儿园", "kindergarten", "karamay", None),
    ("krm-no9-school", "克拉玛依市第九中学", "school", "karamay", None),
    ("krm-youhao-mall", "友好商场", "mall", "karamay", None),
    ("krm-department-store", "克拉玛依百货大楼", "mall", "karamay", None),
    ("krm-wanda", "克拉玛依万达广场", "mall", "karamay", None),
    ("krm-kunlun-community", "昆仑路社区", "community", "karamay", None),
    ("krm-tianshan-community", "天山路社区", "community", "karamay", None),
    ("krm-yingbin-community", "迎宾路社区", "community", "karamay", None),
    ("krm-zhundong-community", "准东社区", "community", "karamay", None),
    ("krm-site-library", "市图书馆改扩建工地", "construction", "karamay", None),
    ("krm-site-housing", "南湖保障房建设工地", "construction", "karamay", None),
    ("krm-g217-junction", "217国道城区入口", "road", "karamay", None),
    ("krm-ring-road", "克拉玛依环城路收费站", "road", "karamay", None),
    ("krm-central-hospital", "克拉玛依市中心医院", "hospital", "karamay", None),
    ("krm-gas-zhungeer", "准噶尔路加油站", "gas_station", "karamay", None),
    ("dsz-refinery", "独山子石化炼油厂", "petrochem", "dushanzi", (44.3165, 84.8530)),
    ("dsz-ethylene", "独山子石化乙烯厂", "petrochem", "dushanzi", (44.3050, 84.8700)),
    ("dsz-no1-school", "独山子第一中学", "school", "dushanzi", None),
    ("dsz-no3-primary", "独山子第三小学", "school", "dushanzi", None),
    ("dsz-kg-1", "独山子区第一幼儿园", "kindergarten", "dushanzi", None),
    ("dsz-mall", "独山子商业中心", "mall", "dushanzi", None),
    ("dsz-jinshan-community", "金山社区", "community", "dushanzi", None),
    ("dsz-hospital", "独山子人民医院", "hospital", "dushanzi", None),
    ("dsz-g312-road", "312国道独山子段", "road", "dushanzi", None),
    ("dsz-gas-station", "独山子大庆东路加油站", "gas_station", "dushanzi", None),
    ("bjt-oil-no2", "采油二厂联合站", "oilfield", "baijiantan", None),
    ("bjt-baikouquan", "百口泉采油厂作业区", "oilfield", "baijiantan", (45.7920, 85.3140)),
    ("bjt-school", "白碱滩区第一中学", "school", "baijiantan", None),
    ("bjt-kg", "白碱滩区幼儿园", "kindergarten", "baijiantan", None),
    ("bjt-mall", "白碱滩购物中心", "mall", "baijiantan", None),
    ("bjt-community", "平北社区", "community", "baijiantan", None),
    ("bjt-explosives", "白碱滩民爆器材仓库", "explosives_depot", "baijiantan", None),
    ("bjt-s201-road", "201省道白碱滩段", "road", "baijiantan", None),
    ("bjt-site", "白碱滩工业园区厂房工地", "construction", "baijiantan", None),
    ("urho-fengcheng", "风城油田作业区", "oilfield", "urho", (46.1150, 85.8620)),
    ("urho-quarry", "乌尔禾石料矿", "mine", "urho", None),
    ("urho-devil-city", "世界魔鬼城景区", "scenic", "urho", (46.1200, 85.6500)),
    ("urho-school", "乌尔禾区中学", "school", "urho", None),
    ("urho-community", "乌尔禾社区", "community", "urho", None),
    ("urho-gas-station", "乌尔禾加油站", "gas_station", "urho", None),
]

# (id, name, agency, skills, district, shift, days, off, max_drills, max_minutes)
TEAMS = [
    ("fire-krm-1", "克拉玛依区消防一中队", "fire", ["fire", "rescue"], "karamay", "08:00-21:00", None, None, 3, 300),
    ("fire-krm-2", "克拉玛依区消防二中队", "fire", ["fire", "rescue"], "karamay", "08:00-21:00", None, ["2017-06-21"], 3, 300),
    ("fire-krm-3", "克拉玛依区消防三中队", "fire", ["fire"], "karamay", "08:00-21:00", None, None, 3, 300),
    ("fire-krm-4", "克拉玛依区特勤中队", "fire", ["fire", "rescue", "hazmat"], "karamay", "08:00-21:00", None, None, 3, 300),
    ("fire-dsz-1", "独山子区消防中队", "fire", ["fire", "rescue"], "dushanzi", "08:00-21:00", None, None, 3, 300),
    ("fire-dsz-petro", "独山子石化专职消防支队", "fire", ["fire", "hazmat", "rescue"], "dushanzi", "08:00-21:00", None, None, 3, 360),
    ("fire-dsz-2", "独山子石化专职消防二大队", "fire", ["fire", "hazmat"], "dushanzi", "08:00-21:00", None, ["2017-06-23"], 3, 360),
    ("fire-bjt-1", "白碱滩区消防中队", "fire", ["fire", "rescue"], "baijiantan", "08:00-21:00", None, None, 3, 300),
    ("fire-bjt-oil", "油田消防支队白碱滩大队", "fire", ["fire", "hazmat"], "baijiantan", "08:00-21:00", None, None, 3, 300),
    ("fire-urho-1", "乌尔禾区消防中队", "fire", ["fire", "rescue"], "urho", "08:00-21:00", None, None, 3, 300),
    ("fire-urho-oil", "油田消防支队风城大队", "fire", ["fire", "hazmat"], "urho", "08:00-21:00", None, None, 3, 300),
    ("hazmat-city", "市危险化学品应急救援队", "hazmat", ["hazmat", "rescue"], "karamay", "09:00-20:00", None, None, 2, 240),
    ("oil-rescue", "新疆油田应急抢险救援中心", "hazmat", ["hazmat", "rescue", "mine_rescue"], "baijiantan", "09:00-20:00", None, None, 2, 240),
    ("mine-rescue-urho", "乌尔禾矿山救护队", "mine_rescue", ["mine_rescue", "rescue"], "urho", "09:00-19:00", None, None, 2, 240),
    ("med-krm-120", "克拉玛依市急救中心", "medical", ["medical"], "karamay", "08:30-20:30", None, None, 4, 360),
    ("med-krm-central", "市中心医院急救分队", "medical", ["medical"], "karamay", "09:00-19:00", None, None, 3, 300),
    ("med-krm-tcm", "市中医医院急救分队", "medical", ["medical"], "karamay", "09:00-19:00", WEEKDAYS, None, 3, 240),
    ("med-krm-oil", "油田总医院急救分队", "medical", ["medical"], "karamay", "09:00-19:00", None, ["2017-06-24"], 3, 300),
    ("med-dsz-1", "独山子人民医院急救分队", "medical", ["medical"], "dushanzi", "08:30-20:30", None, None, 4, 360),
    ("med-dsz-petro", "独山子石化职工医院急救分队", "medical", ["medical"], "dushanzi", "09:00-19:00", None, None, 3, 300),
    ("med-bjt", "白碱滩区人民医院急救分队", "medical", ["medical"], "baijiantan", "09:00-19:00", None, None, 3, 300),
    ("med-urho", "乌尔禾区卫生院急救分队", "medical", ["medical"], "urho", "09:00-19:00", None, None, 3, 240),
    ("police-krm-traffic", "克拉玛依区交警大队", "police", ["police", "traffic"], "karamay", "08:30-20:30", None, None, 3, 300),
    ("police-krm-1", "克拉玛依区公安分局巡警大队", "police", ["police"], "karamay", "08:30-20:30", None, None, 3, 300),
    ("police-krm-2", "昆仑路派出所", "police", ["police"], "karamay", "09:00-20:00", None, None, 3, 300),
    ("police-city-traffic", "市公安局交警支队", "police", ["traffic", "police"], "karamay", "08:30-20:30", None, None, 3, 300),
    ("police-dsz", "独山子区公安分局", "police", ["police", "traffic"], "dushanzi", "08:30-20:30", None, None, 3, 300),
    ("police-dsz-traffic", "独山子区交警大队", "police", ["traffic"], "dushanzi", "08:30-20:30", None, None, 3, 300),
    ("police-bjt", "白碱滩区公安分局", "police", ["police", "traffic"], "baijiantan", "08:30-20:30", None, None, 3, 300),
    ("police-urho", "乌尔禾区公安分局", "police", ["police", "traffic"], "urho", "08:30-20:30", None, None, 3, 300),
    ("explosives-police", "市公安局治安支队民爆管理大队", "police", ["explosives", "police"], "karamay", "09:30-19:30", WEEKDAYS, None, 2, 240),
    ("se-inspect-krm", "市特种设备检验所", "market_supervision", ["special_equipment"], "karamay", "09:30-19:30", WEEKDAYS, None, 3, 240),
    ("se-inspect-dsz", "独山子特种设备检验站", "market_supervision", ["special_equipment"], "dushanzi", "09:30-19:30", WEEKDAYS, None, 2, 180),
    ("construction-krm", "市建设工程质量安全监督站", "housing_construction", ["construction"], "karamay", "09:30-19:30", '["mon", "tue", "wed", "thu", "fri", "sat"]', None, 3, 240),
    ("construction-bjt", "白碱滩区住建局安监组", "housing_construction", ["construction"], "baijiantan", "09:30-19:30", WEEKDAYS, None, 2, 180),
    ("volunteer-krm-1", "克拉玛依区安全生产志愿服务队", "volunteer", ["volunteer"], "karamay", "09:00-20:00", None, None, 2, 180),
    ("volunteer-krm-2", "市红十字会志愿服务队", "volunteer", ["volunteer", "medical"], "karamay", "09:00-20:00", None, None, 2, 180),
    ("volunteer-krm-3", "团市委青年志愿者服务队", "volunteer", ["volunteer"], "karamay", "09:00-20:00", '["wed", "thu", "fri", "sat", "sun"]', None, 2, 180),
    ("volunteer-dsz", "独山子区志愿服务队", "volunteer", ["volunteer"], "dushanzi", "09:00-20:00", None, None, 2, 180),
    ("volunteer-bjt", "白碱滩区志愿服务队", "volunteer", ["volunteer"], "baijiantan", "09:00-20:00", None, None, 2, 180),
    ("volunteer-urho", "乌尔禾区志愿服务队", "volunteer", ["volunteer"], "urho", "09:00-20:00", None, None, 2, 180),
    ("edu-safety", "市教育局校园安全督导组", "education", ["police", "volunteer"], "karamay", "09:00-19:00", WEEKDAYS, None, 3, 240),
    ("leaders-obs", "市安全生产月活动领导小组观摩组", "leadership", ["observe"], "karamay", "08:30-20:00", '["mon", "tue", "wed", "thu"]', None, 2, 300),
]

# The leadership group observes the showcase drills (it must be there).
OBSERVED = {
    ("dsz-refinery", "hazmat_leak"), ("krm-no1-school", "fire_evacuation"),
    ("krm-youhao-mall", "fire_evacuation"), ("bjt-oil-no2", "well_blowout"),
    ("krm-g217-junction", "hazmat_transport"), ("urho-quarry", "slope_collapse"),
}
MANDATORY = {("dsz-refinery", "hazmat_leak"), ("krm-no1-school", "fire_evacuation"),
             ("krm-youhao-mall", "fire_evacuation"), ("dsz-ethylene", "tank_fire"),
             ("bjt-explosives", "depot_fire")}
PINS = [
    # The 6.16 main venue's follow-up: the refinery drill opens the week, observed.
    ('dsz-refinery-hazmat_leak', '2017-06-19T14:00:00', ["leaders-obs", "fire-dsz-petro"]),
    ('krm-no1-school-fire_evacuation', '2017-06-20T10:00:00', ["leaders-obs"]),
]


COVERAGE = [
    ("人员密集场所演练（各区至少2次）", "crowded_places", [], 2),
    ("特种设备演练（各区至少1次）", "special_equipment", [], 1),
    ("危险化学品演练", "hazardous_chemicals", ["karamay", "dushanzi", "urho"], 1),
    ("非煤矿山演练", "non_coal_mines", ["baijiantan", "urho"], 1),
    ("道路交通演练", "road_traffic", ["karamay", "dushanzi", "baijiantan"], 1),
    ("建筑施工演练", "construction", ["karamay", "baijiantan"], 1),
    ("消防演练", "fire", ["karamay", "dushanzi", "urho"], 1),
    ("民用爆炸物品演练", "civil_explosives", ["baijiantan", "urho"], 1),
]


def toml_str(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


def jitter(center, km):
    lat, lon = center
    return (round(lat + rng.uniform(-km, km) / 111.0, 4), round(lon + rng.uniform(-km, km) / 78.0, 4))


def main(out):
    w = out.write
    w("# Karamay (克拉玛依市) emergency drill week, 19-25 June 2017.\n")
    w("# Built from 克安办发〔2017〕28号 section 五(八) by scripts/make-karamay.py; edit the script, not this file.\n\n")
    w('[plan]\nname = "克拉玛依市2017年安全生产月应急预案演练周"\nstart = 2017-06-19\nend = 2017-06-25\nslot_minutes = 15\nhours = "09:00-20:00"\n\n')
    w("[travel]\nspeed_kmh = 60.0\ndetour = 1.25\n\n")
    w('[[travel.override]]\nfrom = "fire-dsz-petro"\nto = "dsz-refinery"\nminutes = 5\n\n')
    w('[[travel.override]]\nfrom = "fire-dsz-petro"\nto = "dsz-ethylene"\nminutes = 8\n\n')
    w('[[travel.override]]\nfrom = "krm-g217-junction"\nto = "krm-ring-road"\nminutes = 20\n\n')
    # spread: a second drill of one district on one day costs as much as 10
    # team-minutes on the road, so the week is spread where travel allows.
    w("[objective]\ntravel = 1\noff_preference = 60\nchange = 1000\nspread = 10\n\n")
    for did, (name, _) in DISTRICTS.items():
        w(f'[[district]]\nid = "{did}"\nname = {toml_str(name)}\n\n')
    drills = []
    for vid, vname, kind, district, near in VENUES:
        hours, days, capacity, templates = VENUE_KINDS[kind]
        loc = near if near else jitter(DISTRICTS[district][1], 3.0)
        w(f'[[venue]]\nid = "{vid}"\nname = {toml_str(vname)}\nkind = "{kind}"\ndistrict = "{district}"\n')
        w(f"location = [{loc[0]}, {loc[1]}]\n")
        if capacity != 1:
            w(f"capacity = {capacity}\n")
        w(f"hours = {hours}\n")
        if days:
            w(f"days = {days}\n")
        if vid == "krm-central-hospital":
            w("closed = [2017-06-22]\n")
        w("\n")
        for suffix, dkind, sector, duration, priority, needs, prefer in templates:
            drills.append((f"{vid}-{dkind}", vname + suffix, vid, dkind, sector, duration, priority, needs, prefer))
    for tid, name, agency, skills, district, shift, days, off, max_d, max_m in TEAMS:
        base = jitter(DISTRICTS[district][1], 4.0)
        w(f'[[team]]\nid = "{tid}"\nname = {toml_str(name)}\nagency = "{agency}"\n')
        w("skills = [" + ", ".join(f'"{s}"' for s in skills) + "]\n")
        w(f'district = "{district}"\nbase = [{base[0]}, {base[1]}]\nhours = "{shift}"\n')
        if days:
            w(f"days = {days}\n")
        if off:
            w("off = [" + ", ".join(off) + "]\n")
        w(f"max_drills_per_day = {max_d}\nmax_minutes_per_day = {max_m}\n\n")
    for did, name, vid, dkind, sector, duration, priority, needs, prefer in drills:
        key = (vid, dkind)
        w(f'[[drill]]\nid = "{did}"\nname = {toml_str(name)}\nvenue = "{vid}"\nkind = "{dkind}"\nsector = "{sector}"\n')
        w(f"duration = {duration}\npriority = {priority}\n")
        if key in MANDATORY:
            w("mandatory = true\n")
        parts = [f'{{ skill = "{s}", count = {c} }}' if c > 1 else f'{{ skill = "{s}" }}' for s, c in needs]
        if key in OBSERVED:
            parts.append('{ team = "leaders-obs" }')
        w("needs = [" + ", ".join(parts) + "]\n")
        if dkind == "campus_security":
            w("window = { from = 2017-06-19T08:00:00, to = 2017-06-22T19:00:00 }\n")
        if prefer:
            w(f"prefer = {prefer}\n")
        w("\n")
    w('[[conflict]]\nname = "独山子区主干道交通管制"\ndrills = ["dsz-g312-road-traffic_accident", "dsz-g312-road-hazmat_transport", "dsz-refinery-hazmat_leak"]\ngap = 30\n\n')
    w('[[conflict]]\nname = "独山子石化厂区应急通道（同一时间只开放一处演练）"\nvenues = ["dsz-refinery", "dsz-ethylene"]\ngap = 15\n\n')
    w('[[conflict]]\nname = "市中心医院急救通道"\ndrills = ["krm-central-hospital-fire_evacuation", "krm-g217-junction-traffic_accident", "krm-g217-junction-hazmat_transport", "krm-ring-road-traffic_accident", "krm-ring-road-hazmat_transport"]\ngap = 30\n\n')
    w('[[conflict]]\nname = "克拉玛依主城区交通管制"\nvenues = ["krm-g217-junction", "krm-ring-road"]\ngap = 60\n\n')
    w('[[conflict]]\nname = "油田作业区井控演练"\nvenues = ["bjt-oil-no2", "bjt-baikouquan", "urho-fengcheng"]\n\n')
    for district, skill, keep in [("karamay", "fire", 1), ("dushanzi", "fire", 1), ("baijiantan", "fire", 1), ("urho", "fire", 1), ("karamay", "medical", 1), ("karamay", "rescue", 1)]:
        w(f'[[standby]]\ndistrict = "{district}"\nskill = "{skill}"\nkeep = {keep}\n\n')
    # The notice's sectors (section 五(八)), each where its districts have
    # such drills: crowded places and special equipment everywhere, the
    # industrial sectors where the plants, mines and sites are.
    for name, sector, districts, least in COVERAGE:
        w(f"[[coverage]]\nname = {toml_str(name)}\nsector = \"{sector}\"\n")
        if districts:
            w("districts = [" + ", ".join(f'"{d}"' for d in districts) + "]\n")
        w(f"min_drills = {least}\n\n")
    for drill, start, teams in PINS:
        w(f'[[pin]]\ndrill = "{drill}"\nstart = {start}\nteams = [' + ", ".join(f'"{t}"' for t in teams) + "]\n\n")


def write_workbook(toml_path):
    """The workbook beside the TOML, converted by drillplan itself."""
    xlsx_path = toml_path[: -len(".toml")] + ".xlsx"
    drillplan = os.environ.get("DRILLPLAN")
    if not drillplan:
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        subprocess.run(["cargo", "build", "--release", "-q"], cwd=root, check=True)
        drillplan = os.path.join(root, "target", "release", "drillplan")
    subprocess.run([drillplan, "convert", "--force", "--lang", "zh", toml_path, xlsx_path],
                   check=True, stderr=subprocess.DEVNULL)


if __name__ == "__main__":
    path = sys.argv[1] if len(sys.argv) > 1 else "scenarios/karamay-2017.toml"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        main(f)
    print(f"wrote {path}")
    write_workbook(path)
