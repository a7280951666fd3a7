#!/usr/bin/env python3
"""A cut-down copy of a scenario, small enough for the exhaustive search.

    scripts/cut-down.py SCENARIO.toml DISTRICTS DRILLS SEED [--days N] > copy.toml

Keeps the venues and teams of DISTRICTS (ids, comma-separated; and the
teams the kept drills name), DRILLS of the drills at those venues
(drawn with SEED), and the first N days of the plan (7 if not given); the
conflicts and standby rules among what is kept; no pins. Used to compare
the bound and the search with the true optimum (docs/performance.md).
Text-level: the scenario's blocks are copied as they are, so the copy is
read by the same parser and held to the same rules as the original.
"""
import datetime
import random
import re
import sys


def blocks(text):
    head, *rest = re.split(r"(?m)^(?=\[\[)", text)
    return head, rest


def field(block, name):
    m = re.search(rf'(?m)^{name} = "([^"]*)"', block)
    return m.group(1) if m else None


def main():
    args = sys.argv[1:]
    days = 7
    if "--days" in args:
        i = args.index("--days")
        days = int(args[i + 1])
        del args[i : i + 2]
    path, count, seed = args[0], int(args[2]), int(args[3])
    districts = set(args[1].split(","))
    head, rest = blocks(open(path, encoding="utf-8").read())
    start = datetime.date.fromisoformat(re.search(r"(?m)^start = (\S+)", head).group(1))
    end = start + datetime.timedelta(days=days - 1)
    head = re.sub(r"(?m)^end = \S+", f"end = {end.isoformat()}", head)
    head = re.sub(r"(?ms)^\[\[travel\.override\]\].*?(?=^\[|\Z)", "", head)
    by_kind = {}
    for b in rest:
        by_kind.setdefault(b.split("]]", 1)[0][2:], []).append(b)
    venues = [b for b in by_kind.get("venue", []) if field(b, "district") in districts]
    teams = [b for b in by_kind.get("team", []) if field(b, "district") in districts]
    drills = by_kind.get("drill", [])
    kept_venues = {field(b, "id") for b in venues}
    at_venues = [b for b in drills if field(b, "venue") in kept_venues]
    random.Random(seed).shuffle(at_venues)
    chosen = at_venues[:count]
    kept_drills = {field(b, "id") for b in chosen}
    # A team a kept drill names comes along, wherever it is based.
    named = {t for b in chosen for t in re.findall(r'team = "([^"]+)"', b)}
    teams += [
        b
        for b in by_kind.get("team", [])
        if field(b, "district") not in districts and field(b, "id") in named
    ]
    out = [head] + by_kind.get("district", []) + venues + teams + chosen
    for b in by_kind.get("conflict", []):
        key = "drills" if re.search(r"(?m)^drills =", b) else "venues"
        listed = re.search(rf"(?m)^{key} = \[(.*)\]", b).group(1)
        keep = kept_drills if key == "drills" else kept_venues
        members = [m for m in re.findall(r'"([^"]+)"', listed) if m in keep]
        if len(members) >= 2:
            kept = ", ".join(f'"{m}"' for m in members)
            out.append(re.sub(rf"(?m)^{key} = \[.*\]", f"{key} = [{kept}]", b))
    out += [b for b in by_kind.get("standby", []) if field(b, "district") in districts]
    text = "".join(out)
    if days < 7:
        # Days named by date past the plan's end are dropped from day lists.
        text = re.sub(
            r"(?m), (\d{4}-\d{2}-\d{2})(?=[,\]])",
            lambda m: "" if datetime.date.fromisoformat(m.group(1)) > end else m.group(0),
            text,
        )
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
