#!/usr/bin/python3
"""Drives real LibreOffice Calc (headless, through UNO) the way a planner
uses it, for tests/all/libreoffice.rs. Needs python3-uno (run with /usr/bin/python3).

    calc-loop.py city TEMPLATE.xlsx OUT.xlsx
        Opens `drillplan init --lang zh` output, deletes the example rows,
        types a small county (9:00 opening hours, 必须安排 merged over three
        drills, a 备注 column, a full-width ４５, skills in Chinese, a hidden
        备勤 sheet, a 说明 sheet of the planner's own) and saves it as .xlsx.
    calc-loop.py mistakes CITY.xlsx OUT.xlsx
        Opens the county `city` saved and types what planners get wrong:
        必须 where 必须安排 wants TRUE or FALSE, 一小时 as a duration, a
        misspelt venue id, and an id with a trailing space; saves it.
    calc-loop.py edit SCHEDULE.csv OUT.csv
        Opens the schedule CSV as `resave` does, types 6:00 as the start of
        the first drill (and its end, by its duration), and saves it as CSV.
    calc-loop.py resave SCHEDULE.csv OUT.csv
        Opens the schedule CSV as Calc's import does by default (UTF-8,
        special numbers detected) and saves it as CSV again.
    calc-loop.py sort CITY.xlsx OUT.xlsx
        Opens the county `city` saved, notes a second drill in its 备注
        column, sorts the drills by id from Z to A (the notes move with
        their rows) and saves it.
    calc-loop.py cells BOOK.xlsx OUT.tsv
        Opens any workbook and writes each non-empty cell of each sheet as
        a line `sheet<TAB>A1<TAB>text shown`, hidden sheets too.
    calc-loop.py resave-book SCHEDULE.xlsx OUT.xlsx
        Opens the workbook `solve --xlsx` wrote and saves it as .xlsx
        again, as a planner who only looked at it does.
    calc-loop.py day-end SCHEDULE.xlsx OUT.xlsx
        Opens the workbook `solve --xlsx` wrote and, on its first day
        sheet, types a new end time (`23:30`, a time value) for the first
        drill, leaving its start, as a planner lengthening a drill on the
        printed page does; saves it as .xlsx.
    calc-loop.py day-delete SCHEDULE.xlsx OUT.xlsx
        Opens the workbook `solve --xlsx` wrote and deletes the first
        drill's row on its first day sheet (Delete Rows), as a planner
        cancelling a drill on the printed page does; saves it as .xlsx.
    calc-loop.py copy-sheet BOOK.xlsx OUT.xlsx
        Opens a scenario workbook and copies its 演练 sheet twice, as
        `演练 (2)` (Excel's name for a copy) and `演练备份` (a backup a
        planner names), both visible; saves it as .xlsx.
    calc-loop.py formats BOOK.xlsx OUT.xlsx
        Opens a scenario workbook (`drillplan init --lang zh` output) and
        types numbers under formats a planner applies by hand: 优先级 G2
        1.2 shown as `120%`, 时长 F3 60.5 shown as `61分钟`, 容量 场地!G2
        1000.5 shown as `1,001`, 优先级 G4 a date typed `2017/6/19` shown
        `6月19日`, 时长 F5 1.5 under `0.00E+00`; saves it as .xlsx.
    calc-loop.py password BOOK.xlsx OUT.xlsx
        Opens any workbook and saves it as .xlsx with the password
        `drillplan` (File > Save As > Save with password): an encrypted
        OOXML package inside an OLE compound file, as Excel and WPS write
        one. tests/fixtures/calc/password-drillplan.xlsx was made so, from
        a new Calc document with one cell (`演练`) typed in A1 (`password
        new OUT.xlsx`).

    calc-loop.py fourth-week BOOK.xlsx OUT.xlsx
        Opens a scenario workbook (`drillplan init --lang zh` output) and
        types what a planner in a fourth week does: opening hours the
        Chinese way (场地!H2 `8点-12点，下午2点-6点`, H3 `8：00——18：00`, 队伍!H2
        `8:00~20:00`, 计划!E2 `9点-20点`), a note in the 优先级 header
        (`优先级（1-10）`) and the 容量 header (`容量(个)`), and ticks and
        crosses under 必须安排 (H2 `✓`, H3 `×`); saves it as .xlsx.

Each run starts its own soffice with a private profile and ends it.
"""
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


class Office:
    def __enter__(self):
        self.profile = tempfile.mkdtemp(prefix="lo-drillplan-")
        self.pipe = "drillplan" + str(os.getpid())
        self.proc = subprocess.Popen(
            [
                "soffice",
                f"-env:UserInstallation={url(self.profile)}",
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                f"--accept=pipe,name={self.pipe};urp;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        deadline = time.time() + 60
        while True:
            try:
                ctx = resolver.resolve(
                    f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext"
                )
                break
            except Exception:
                if time.time() > deadline or self.proc.poll() is not None:
                    raise SystemExit("soffice did not start")
                time.sleep(0.3)
        self.desktop = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", ctx
        )
        return self

    def load(self, path, *props):
        return self.desktop.loadComponentFromURL(
            url(path), "_blank", 0, (prop("Hidden", True),) + props
        )

    def __exit__(self, *exc):
        try:
            self.desktop.terminate()
        except Exception:
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        subprocess.run(["rm", "-rf", self.profile])


def clear_examples(sheet):
    """Select the rows below the header and Delete Rows, as a planner does."""
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    last = cursor.RangeAddress.EndRow
    if last >= 1:
        sheet.Rows.removeByIndex(1, last)


def fill(sheet, rows, start=1):
    for r, row in enumerate(rows, start=start):
        for c, value in enumerate(row):
            if value is None:
                continue
            cell = sheet.getCellByPosition(c, r)
            if isinstance(value, (int, float)):
                cell.setValue(float(value))
            else:
                cell.setString(value)


def city(template, out):
    with Office() as office:
        doc = office.load(template)
        sheets = doc.Sheets
        for name in ["区域", "场地", "队伍", "演练", "冲突", "备勤", "覆盖要求", "锁定"]:
            clear_examples(sheets.getByName(name))
        # The travel settings stay; the measured times between example places go.
        travel = sheets.getByName("交通")
        cursor = travel.createCursor()
        cursor.gotoEndOfUsedArea(False)
        if cursor.RangeAddress.EndRow >= 2:
            travel.Rows.removeByIndex(2, cursor.RangeAddress.EndRow - 1)
        travel.getCellRangeByName("C2:E2").clearContents(1 | 2 | 4 | 16)
        plan = sheets.getByName("计划")
        plan.getCellByPosition(0, 1).setString("青溪县2027年应急演练周")
        # Dates typed as a planner types them: the cell becomes a date.
        plan.getCellByPosition(1, 1).FormulaLocal = "2027-06-21"
        plan.getCellByPosition(2, 1).FormulaLocal = "2027-06-25"
        fill(sheets.getByName("区域"), [["qx", "青溪县"]])
        fill(
            sheets.getByName("场地"),
            [
                ["qx-school", "青溪一中", "学校", "qx", 44.42, 84.90, 1, "9:00-12:00, 15:00-18:00"],
                ["qx-mall", "青溪商场", "商场", "qx", 44.43, 84.91, 1, "9:00-21:00"],
                ["qx-plant", "青溪化工厂", "工厂", "qx", 44.45, 84.95, 1, None],
            ],
        )
        fill(
            sheets.getByName("队伍"),
            [
                ["qx-fire-1", "青溪消防一中队", "消防", "消防", "qx", 44.42, 84.91],
                ["qx-fire-2", "青溪消防二中队", "消防", "fire, 救援", "qx", 44.44, 84.93],
                ["qx-fire-3", "青溪专职消防队", "消防", "消防", "qx", 44.45, 84.94],
                ["qx-med", "青溪县医院", "医疗", "医疗", "qx", 44.43, 84.90],
            ],
        )
        drills = sheets.getByName("演练")
        fill(
            drills,
            [
                ["qx-school-fire", "青溪一中消防疏散演练", "qx-school", "火灾疏散", "人员密集场所", 60, 5, None, "fire"],
                ["qx-mall-fire", "青溪商场火灾疏散演练", "qx-mall", "fire_evacuation", "crowded_places", 60, 4, None, "消防, 医疗"],
                ["qx-plant-leak", "青溪化工厂泄漏演练", "qx-plant", "hazmat_leak", "hazardous_chemicals", 90, 5, None, "rescue"],
                ["qx-mall-quake", "青溪商场地震疏散演练", "qx-mall", "earthquake_evacuation", "crowded_places", 45, 2, None, "fire×2"],
            ],
        )
        # 必须安排 (H) = TRUE once, merged over the first three drills.
        drills.getCellByPosition(7, 1).FormulaLocal = "TRUE"
        drills.getCellRangeByName("H2:H4").merge(True)
        # A column of the planner's own.
        drills.getCellByPosition(13, 0).setString("备注")
        drills.getCellByPosition(13, 1).setString("校长亲自参加")
        # A duration typed with the input method in full-width mode.
        drills.getCellRangeByName("F5").setString("４５")
        # A sheet of the planner's own, first in the book.
        sheets.insertNewByName("说明", 0)
        notes = sheets.getByName("说明")
        notes.getCellByPosition(0, 0).setString("联系人：县应急局 张科长")
        # Numbers as a planner formats them: a rate, a phone number, a day.
        formatted = formatter(doc)
        notes.getCellByPosition(0, 1).setString("完成率")
        formatted(notes.getCellByPosition(1, 1), 0.5, "0%")
        notes.getCellByPosition(0, 2).setString("电话")
        formatted(notes.getCellByPosition(1, 2), 13912345678, "0")
        notes.getCellByPosition(0, 3).setString("演练日")
        formatted(notes.getCellByPosition(1, 3), 46194, "M/D")
        standby = sheets.getByName("备勤")
        fill(standby, [["qx", "消防", 1]])
        standby.IsVisible = False
        doc.storeToURL(url(out), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)


def mistakes(city_book, out):
    with Office() as office:
        doc = office.load(city_book)
        drills = doc.Sheets.getByName("演练")
        drills.getCellRangeByName("H5").setString("必须")
        drills.getCellRangeByName("F2").setString("一小时")
        drills.getCellRangeByName("C3").setString("qx-malll")
        # Unambiguous, so read with a warning, not refused.
        drills.getCellRangeByName("A5").setString("qx-mall-quake ")
        doc.storeToURL(url(out), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)


def edit(schedule, out):
    with Office() as office:
        doc = office.load(
            schedule,
            prop("FilterName", "Text - txt - csv (StarCalc)"),
            prop("FilterOptions", CSV_IMPORT),
        )
        sheet = doc.Sheets.getByIndex(0)
        header = [sheet.getCellByPosition(c, 0).getString() for c in range(18)]
        start, end, minutes = (header.index(h) for h in ("start", "end", "duration_min"))
        duration = int(sheet.getCellByPosition(minutes, 1).getValue())
        # Typed as a planner types a time: the cell becomes a time value.
        sheet.getCellByPosition(start, 1).FormulaLocal = "6:00"
        sheet.getCellByPosition(end, 1).FormulaLocal = "%d:%02d" % divmod(6 * 60 + duration, 60)
        doc.storeToURL(
            url(out),
            (
                prop("FilterName", "Text - txt - csv (StarCalc)"),
                prop("FilterOptions", "44,34,76,1"),
            ),
        )
        doc.close(True)


# Calc's CSV import as its dialog defaults it, with special numbers
# detected (times and booleans become numbers), UTF-8 (76).
CSV_IMPORT = "44,34,76,1,,1033,false,true,true,false,false"


def resave(schedule, out):
    with Office() as office:
        doc = office.load(
            schedule,
            prop("FilterName", "Text - txt - csv (StarCalc)"),
            prop("FilterOptions", CSV_IMPORT),
        )
        doc.storeToURL(
            url(out),
            (
                prop("FilterName", "Text - txt - csv (StarCalc)"),
                prop("FilterOptions", "44,34,76,1"),
            ),
        )
        doc.close(True)


def sort(city_book, out):
    with Office() as office:
        doc = office.load(city_book)
        drills = doc.Sheets.getByName("演练")
        # Calc sorts no range with merged cells: 必须安排 typed in each row.
        drills.getCellRangeByName("H2:H4").merge(False)
        for row in range(1, 4):
            drills.getCellByPosition(7, row).FormulaLocal = "TRUE"
        drills.getCellRangeByName("N4").setString("商场经理陪同")
        field = uno.createUnoStruct("com.sun.star.table.TableSortField")
        field.Field = 0
        field.IsAscending = False
        rows = drills.getCellRangeByName("A2:N5")
        descriptor = rows.createSortDescriptor()
        for p in descriptor:
            if p.Name == "SortFields":
                p.Value = uno.Any("[]com.sun.star.table.TableSortField", (field,))
        uno.invoke(rows, "sort", (uno.Any("[]com.sun.star.beans.PropertyValue", tuple(descriptor)),))
        doc.storeToURL(url(out), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)


def cells(book, out):
    with Office() as office:
        doc = office.load(book)
        lines = []
        for sheet in doc.Sheets:
            cursor = sheet.createCursor()
            cursor.gotoEndOfUsedArea(False)
            end = cursor.getRangeAddress()
            for row in range(end.EndRow + 1):
                for col in range(end.EndColumn + 1):
                    text = sheet.getCellByPosition(col, row).getString()
                    if text:
                        name = sheet.getCellByPosition(col, row).AbsoluteName
                        at = name.split(".")[-1].replace("$", "")
                        lines.append("%s\t%s\t%s" % (sheet.Name, at, text.replace("\n", " ")))
        doc.close(True)
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def resave_book(book, out):
    with Office() as office:
        doc = office.load(book)
        doc.storeToURL(url(out), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)


def edit_first_day(book, out, edit):
    """Applies `edit` to the schedule workbook's first day sheet (`06-19 周一`) and saves it as .xlsx."""
    with Office() as office:
        doc = office.load(book)
        day = next(s for s in doc.Sheets if s.Name[:2].isdigit() and s.Name[2] == "-")
        edit(day)
        doc.storeToURL(url(out), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)


def day_end(book, out):
    def type_end(day):
        header = [day.getCellByPosition(c, 0).getString() for c in range(20)]
        day.getCellByPosition(header.index("结束"), 1).FormulaLocal = "23:30"

    edit_first_day(book, out, type_end)


def day_delete(book, out):
    edit_first_day(book, out, lambda day: day.Rows.removeByIndex(1, 1))


def copy_sheet(book, out):
    with Office() as office:
        doc = office.load(book)
        count = doc.Sheets.Count
        doc.Sheets.copyByName("演练", "演练 (2)", count)
        doc.Sheets.copyByName("演练", "演练备份", count + 1)
        doc.storeToURL(url(out), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)


def formatter(doc):
    """`formatted(cell, value, code)`: the number `value` in `cell`, shown by the number format `code`."""
    locale = uno.createUnoStruct("com.sun.star.lang.Locale")

    def formatted(cell, value, code):
        key = doc.NumberFormats.queryKey(code, locale, False)
        if key == -1:
            key = doc.NumberFormats.addNew(code, locale)
        cell.setValue(float(value))
        cell.NumberFormat = key

    return formatted


def formats(book, out):
    with Office() as office:
        doc = office.load(book)
        formatted = formatter(doc)
        drills = doc.Sheets.getByName("演练")
        formatted(drills.getCellRangeByName("G2"), 1.2, "0%")
        # A whole number under a percent format: 1 shown as 100%.
        formatted(drills.getCellRangeByName("G3"), 1, "0%")
        formatted(drills.getCellRangeByName("F3"), 60.5, '0"分钟"')
        formatted(drills.getCellRangeByName("G4"), 42905, 'M"月"D"日"')
        formatted(drills.getCellRangeByName("F5"), 1.5, "0.00E+00")
        formatted(doc.Sheets.getByName("场地").getCellRangeByName("G2"), 1000.5, "#,##0")
        doc.storeToURL(url(out), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)


def password(book, out):
    with Office() as office:
        if book == "new":
            doc = office.desktop.loadComponentFromURL(
                "private:factory/scalc", "_blank", 0, (prop("Hidden", True),)
            )
            doc.Sheets.getByIndex(0).getCellByPosition(0, 0).setString("演练")
        else:
            doc = office.load(book)
        # What File > Save As > "Save with password" hands the filter; this
        # Calc (7.4) writes the ECMA-376 "Standard" encryption, not "Agile".
        from com.sun.star.beans import NamedValue

        def named(name, value):
            v = NamedValue()
            v.Name, v.Value = name, value
            return v

        secret = uno.Any(
            "[]com.sun.star.beans.NamedValue",
            (named("OOXPassword", "drillplan"), named("CryptoType", "Standard")),
        )
        props = (prop("FilterName", "Calc MS Excel 2007 XML"), prop("EncryptionData", secret))
        uno.invoke(
            doc,
            "storeToURL",
            (url(out), uno.Any("[]com.sun.star.beans.PropertyValue", props)),
        )
        doc.close(True)


def fourth_week(book, out):
    with Office() as office:
        doc = office.load(book)
        sheets = doc.Sheets
        for sheet, a1, text in [
            ("场地", "H2", "8点-12点，下午2点-6点"),
            ("场地", "H3", "8：00——18：00"),
            ("场地", "G1", "容量(个)"),
            ("队伍", "H2", "8:00~20:00"),
            ("计划", "E2", "9点-20点"),
            ("演练", "G1", "优先级（1-10）"),
            ("演练", "H2", "✓"),
            ("演练", "H3", "×"),
        ]:
            # As typed at the keyboard: Calc's own input recognition applies.
            sheets.getByName(sheet).getCellRangeByName(a1).setFormula(text)
        doc.storeToURL(url(out), (prop("FilterName", "Calc Office Open XML"),))
        doc.close(True)


if __name__ == "__main__":
    command, src, dst = sys.argv[1:4]
    {
        "city": city,
        "mistakes": mistakes,
        "edit": edit,
        "resave": resave,
        "resave-book": resave_book,
        "sort": sort,
        "cells": cells,
        "password": password,
        "formats": formats,
        "day-end": day_end,
        "day-delete": day_delete,
        "copy-sheet": copy_sheet,
        "fourth-week": fourth_week,
    }[command](src, dst)
