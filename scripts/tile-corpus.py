#!/usr/bin/env python3
"""A province from another generator's region: COPIES copies of a corpus
scenario side by side, each copy's ids suffixed `-pK` and its places moved
DLON degrees of longitude east per copy, the header (plan, travel and its
overrides, objective) kept once. Teams near a copy's edge reach the next
copy, so the province is one part, with the corpus generator's structure
(district sizes, team mixes, venue hours) rather than drillplan's own.
With --planted, the planted schedule is tiled the same way, so the copy's
optimum is known when the original's is.

    scripts/tile-corpus.py tests/fixtures/corpus/c-region-5000.toml 4 2.2 \\
        -o target/provinces/t4.toml --planted target/provinces/t4.planted.csv

The 4-copy region is 20 000 drills, 5 000 teams and 9 092 venues
(issue 21's held-out province was 20 000 drills and 4 000 teams).
"""
import argparse
import csv
import io
import re
import sys

ap = argparse.ArgumentParser()
ap.add_argument("scenario")
ap.add_argument("copies", type=int)
ap.add_argument("dlon", type=float)
ap.add_argument("-o", "--output", required=True)
ap.add_argument("--planted", help="write the tiled planted schedule here")
args = ap.parse_args()

text = open(args.scenario, encoding="utf-8").read()
cut = text.index("\n[[district]]")
head, body = text[: cut + 1], text[cut + 1 :]
ids = set(re.findall(r'^id = "([^"]+)"', body, re.M))
quoted = re.compile(r'"([^"]+)"')
place = re.compile(r"^(location|base) = \[([-\d.]+), ([-\d.]+)\]", re.M)


def suffixed(k, ident):
    return ident if k == 0 or ident not in ids else f"{ident}-p{k}"


out = [head]
for k in range(args.copies):
    if k == 0:
        out.append(body)
        continue
    b = quoted.sub(lambda m: '"%s"' % suffixed(k, m.group(1)), body)
    b = place.sub(
        lambda m: "%s = [%s, %.5f]" % (m.group(1), m.group(2), float(m.group(3)) + k * args.dlon), b
    )
    # Names stay readable and tell the copies apart.
    b = re.sub(r'^(name = "[^"]+)"', lambda m: m.group(1) + '·%d"' % (k + 1), b, flags=re.M)
    out.append("\n" + b)
with open(args.output, "w", encoding="utf-8") as f:
    f.write("".join(out))

if args.planted:
    planted = args.scenario[: -len(".toml")] + ".planted.csv"
    rows = list(csv.DictReader(io.open(planted, encoding="utf-8-sig")))
    with open(args.planted, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        for k in range(args.copies):
            for r in rows:
                r = dict(r)
                for col in ("drill_id", "venue_id", "district"):
                    r[col] = suffixed(k, r[col])
                if r["teams"]:
                    r["teams"] = ";".join(suffixed(k, t) for t in r["teams"].split(";"))
                if k > 0:
                    for col in ("drill_name", "venue_name"):
                        r[col] += "·%d" % (k + 1)
                    if r["team_names"]:
                        r["team_names"] = ";".join(
                            n + "·%d" % (k + 1) for n in r["team_names"].split(";")
                        )
                w.writerow(r)
print(f"wrote {args.output}", file=sys.stderr)
