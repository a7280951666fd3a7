#!/usr/bin/env python3
"""Writes the schedule CSV as spreadsheets re-save it, for tests/all/spreadsheet_csv.rs.

    python3 scripts/spreadsheet-renderings.py SCHEDULE.csv OUT_DIR

SCHEDULE.csv is a schedule drillplan wrote. Each rendering changes only how
the same values are written, the way each program does when a planner opens
the file and saves it again (observed in LibreOffice 7.4 and as reported for
Excel and WPS on Chinese Windows):

- excel-zh: Excel / WPS, zh-CN, plain "CSV": GB18030 without a BOM, CRLF,
  dates 2017/6/19, times 8:45, booleans TRUE/FALSE, and an empty row ,,,,
  below the table (a formatted row);
- calc-en: LibreOffice Calc, en-US: UTF-8 without a BOM, LF, times
  08:45:00 AM, booleans TRUE/FALSE;
- calc-zh: LibreOffice Calc, zh-CN: UTF-8 without a BOM, LF, times 08:45:00,
  booleans TRUE/FALSE;
- wps-typed: UTF-8 with a BOM, CRLF, dates 2017/6/19, times 8:45, and the
  mandatory column typed 是/否 by a planner.
"""
import csv
import io
import sys
from pathlib import Path


def no_zero(t):
    h, m = t.split(":")
    return f"{int(h)}:{m}"


def am_pm(t):
    h, m = (int(x) for x in t.split(":"))
    suffix = "AM" if h < 12 else "PM"
    h12 = h % 12 or 12
    return f"{h12:02}:{m:02}:00 {suffix}"


def slash_date(d):
    y, m, day = d.split("-")
    return f"{y}/{int(m)}/{int(day)}"


RENDERINGS = {
    "excel-zh": dict(date=slash_date, time=no_zero, mandatory=str.upper,
                     encoding="gb18030", newline="\r\n", empty_row=True),
    "calc-en": dict(date=None, time=am_pm, mandatory=str.upper,
                    encoding="utf-8", newline="\n"),
    "calc-zh": dict(date=None, time=lambda t: t + ":00", mandatory=str.upper,
                    encoding="utf-8", newline="\n"),
    "wps-typed": dict(date=slash_date, time=no_zero,
                      mandatory=lambda b: "是" if b == "true" else "否",
                      encoding="utf-8-sig", newline="\r\n"),
}


def main():
    source, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8-sig"))))
    header = rows[0]
    col = {name: i for i, name in enumerate(header)}
    stem = source.name.removesuffix(".schedule.csv")
    for name, r in RENDERINGS.items():
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator=r["newline"])
        w.writerow(header)
        for row in rows[1:]:
            row = list(row)
            if r["date"] and row[col["date"]]:
                row[col["date"]] = r["date"](row[col["date"]])
            for c in ("start", "end"):
                if row[col[c]]:
                    row[col[c]] = r["time"](row[col[c]])
            row[col["mandatory"]] = r["mandatory"](row[col["mandatory"]])
            w.writerow(row)
        if r.get("empty_row"):
            w.writerow([""] * len(header))
        path = out_dir / f"{stem}.{name}.csv"
        path.write_bytes(buf.getvalue().encode(r["encoding"]))
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
