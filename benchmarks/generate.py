"""Generate realistic synthetic partnership files for benchmarks.

    python benchmarks/generate.py typical > typical.yaml
    python benchmarks/generate.py large -o large.yaml
    python benchmarks/generate.py --orgs 50 --people 150 --decisions 300 -o custom.yaml
    python benchmarks/generate.py portfolio --count 1000 -o folder/

Sizes (organisations / people / activities / decisions / meetings):
  typical   20 /     60 /     40 /    100 /    100
  large  1,000 /  5,000 /  2,000 / 10,000 / 10,000
  huge  10,000 / 50,000 / 20,000 /100,000 /100,000

The text is written directly (not through a YAML emitter) so that generating a huge file
takes seconds; every file validates. The same seed gives the same file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

SIZES = {
    "typical": (20, 60, 40, 100, 100),
    "large": (1_000, 5_000, 2_000, 10_000, 10_000),
    "huge": (10_000, 50_000, 20_000, 100_000, 100_000),
}
SECTORS = ("public", "private", "voluntary", "community", "academic")
TYPES = (
    "joint-delivery",
    "pooled-resources",
    "information-sharing",
    "networking-event",
    "consultation",
    "research",
    "capacity-building",
)
STATUSES = ("planned", "active", "active", "completed", "completed", "stalled")
AS_OF = dt.date(2026, 11, 1)
START = dt.date(2021, 1, 1)


def _day(rng: random.Random, start: dt.date = START, end: dt.date = AS_OF) -> str:
    return (start + dt.timedelta(days=rng.randrange((end - start).days))).isoformat()


def generate(
    orgs: int, people: int, activities: int, decisions: int, meetings: int, seed: int = 1
) -> str:
    """A whole partnership file as YAML text."""
    rng = random.Random(seed)
    out: list[str] = []
    w = out.append
    w("# Synthetic partnership for benchmarks (benchmarks/generate.py).\n")
    w("version: 1\npartnership:\n")
    w(f"  name: Synthetic Partnership {seed}\n")
    w("  purpose: Improve health, jobs and housing across the city together\n")
    w(f"  established: {START.isoformat()}\n  as_of: {AS_OF.isoformat()}\n")
    w("  last_reviewed: 2026-06-01\n  sector: regeneration\n")
    org_ids = [f"org-{i}" for i in range(orgs)]
    w("organisations:\n")
    for i, oid in enumerate(org_ids):
        roles = "[funder, convener]" if i == 0 else "[lead]" if i % 7 == 0 else "[member]"
        w(f"  - id: {oid}\n    name: Organisation {i}\n    sector: {SECTORS[i % 5]}\n")
        w(f"    roles: {roles}\n")
        if i % 11 == 0:
            w("    status: uncertain\n")
        w(f"    aims:\n      - text: Aim of organisation {i}\n")
        w(f"        stated: {'explicit' if i % 3 else 'assumed'}\n")
        w(f"    offers: [staff time, venue {i}]\n")
    net_ids = [f"net-{i}" for i in range(max(3, orgs // 10))]
    person_ids = [f"person-{i}" for i in range(people)]
    w("people:\n")
    for i, pid in enumerate(person_ids):
        w(f"  - id: {pid}\n    name: Person {i}\n    organisation: {org_ids[i % orgs]}\n")
        w("    role: Officer\n")
        if i % 9 == 0:
            w(f"    left: {_day(rng)}\n")
        nets = rng.sample(net_ids, k=min(len(net_ids), rng.randrange(0, 4)))
        w(f"    networks: [{', '.join(nets)}]\n")
        if i % 2:
            w("    strengths: [facilitation]\n")
    w("networks:\n")
    for i, nid in enumerate(net_ids):
        w(f"  - id: {nid}\n    name: Network {i}\n    kind: forum\n")
    # A partnership has a handful of shared aims whatever its size; each is agreed by three
    # quarters of the organisations, so the file grows in step with them (not as their square).
    aim_ids = [f"aim-{i}" for i in range(max(2, min(orgs // 20, 12)))]
    w("aims:\n")
    for i, aid in enumerate(aim_ids):
        agreed = rng.sample(org_ids, k=max(1, orgs * 3 // 4))
        w(f"  - id: {aid}\n    text: Shared aim {i}\n    status: agreed\n")
        w(f"    agreed_by: [{', '.join(agreed)}]\n")
    body_ids = [f"body-{i}" for i in range(max(1, orgs // 50))]
    w("governance:\n  decision_rule: majority\n  chairs:\n")
    w(f"    - organisation: {org_ids[0]}\n      from: {START.isoformat()}\n      to: 2024-01-01\n")
    w(f"    - organisation: {org_ids[-1]}\n      from: 2024-01-01\n")
    w("  bodies:\n")
    for i, bid in enumerate(body_ids):
        members = org_ids[i * 50 : i * 50 + 50] or org_ids
        w(f"    - id: {bid}\n      name: Board {i}\n      members: [{', '.join(members)}]\n")
    w("decisions:\n")
    for i in range(decisions):
        makers = rng.sample(org_ids, k=min(orgs, rng.randrange(1, 4)))
        consulted = rng.sample(org_ids, k=min(orgs, rng.randrange(0, 3)))
        w(f"  - date: {_day(rng)}\n    summary: Decision {i}\n")
        w(f"    made_by: [{', '.join(makers)}]\n    body: {body_ids[i % len(body_ids)]}\n")
        w(f"    consulted: [{', '.join(consulted)}]\n")
    w("funding:\n")
    for i in range(max(2, orgs // 4)):
        w(f"  - from: {org_ids[(i * 3) % orgs]}\n    amount: {rng.randrange(1_000, 90_000)}\n")
        w(f"    year: {2022 + i % 5}\n")
    activity_ids = [f"activity-{i}" for i in range(activities)]
    w("activities:\n")
    for i, aid in enumerate(activity_ids):
        partners = rng.sample(org_ids, k=min(orgs, rng.randrange(1, 5)))
        start = _day(rng)
        w(f"  - id: {aid}\n    name: Activity {i}\n    type: {TYPES[i % len(TYPES)]}\n")
        w(f"    scale: {('modest', 'moderate', 'major')[i % 3]}\n")
        w(f"    status: {STATUSES[i % len(STATUSES)]}\n    start: {start}\n")
        w(f"    lead: {org_ids[i % orgs]}\n    owner: {person_ids[i % people]}\n")
        w(f"    partners: [{', '.join(partners)}]\n    aims: [{aim_ids[i % len(aim_ids)]}]\n")
        w(f"    risk_shared: {'true' if i % 2 else 'false'}\n    budget: {1000 * (i % 50 + 1)}\n")
        w(f"    milestones:\n      - name: First milestone\n        due: {_day(rng)}\n")
        w("    monitoring: Quarterly report to the board\n")
    w("meetings:\n")
    for i in range(meetings):
        attended = rng.sample(org_ids, k=min(orgs, rng.randrange(2, 12)))
        w(f"  - date: {_day(rng)}\n    body: {body_ids[i % len(body_ids)]}\n")
        w(f"    attended: [{', '.join(attended)}]\n")
    w("changes:\n")
    for i in range(max(1, orgs // 10)):
        w(f"  - date: {_day(rng)}\n    type: staff\n    description: Change {i}\n")
        w(f"    affects: [{org_ids[i % orgs]}]\n")
        if i % 2:
            w("    response: Handover arranged\n")
    w("commitments:\n")
    for i in range(max(1, orgs // 5)):
        w(f"  - organisation: {org_ids[i % orgs]}\n    text: Commitment {i}\n")
        w(f"    in_operational_plan: {'true' if i % 3 else 'false'}\n")
    w("learning:\n  sharing:\n    - mechanism: Quarterly learning note\n      last: 2026-09-01\n")
    w("  evidence:\n    - source: National review\n      date: 2025-03-01\n")
    w(f"      applied_to: [{activity_ids[0]}]\n")
    w("assessments:\n")
    for i in range(min(people, max(3, orgs // 2))):
        w(f"  - by: {person_ids[i]}\n    date: 2026-10-01\n")
        w(f"    scores: {{managing-aims: {1 + i % 5}, building-trust: {2 + i % 3}}}\n")
    return "".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("size", nargs="?", choices=[*SIZES, "portfolio"], default="typical")
    parser.add_argument("-o", "--output", type=Path, help="file (or folder, for portfolio)")
    parser.add_argument("--count", type=int, default=1000, help="files in a portfolio")
    parser.add_argument("--seed", type=int, default=1)
    for name in ("orgs", "people", "activities", "decisions", "meetings"):
        parser.add_argument(f"--{name}", type=int)
    args = parser.parse_args()
    if args.size == "portfolio":
        if args.output is None:
            parser.error("portfolio needs -o FOLDER")
        args.output.mkdir(parents=True, exist_ok=True)
        for index in range(args.count):
            text = generate(*SIZES["typical"], seed=index + 1)
            (args.output / f"partnership-{index:04d}.yaml").write_text(text, encoding="utf-8")
        return
    sizes = list(SIZES[args.size])
    for position, name in enumerate(("orgs", "people", "activities", "decisions", "meetings")):
        if getattr(args, name) is not None:
            sizes[position] = getattr(args, name)
    text = generate(*sizes, seed=args.seed)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
