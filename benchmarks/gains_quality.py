"""Measure how well `collabgain gains` matches offers to needs, on a labelled set.

    python benchmarks/gains_quality.py             # precision, recall and the counts
    python benchmarks/gains_quality.py --mistakes  # also every pair it gets wrong, with why

The set is tests/data/gains_pairs.yaml: offer/need pairs written as partnerships write them,
each judged by a reader as meeting or not. A *suggestion* is a pair the matcher matches (what
`gains` would show); precision is the share of suggestions that the reader judged a match,
recall the share of the reader's matches that the matcher suggests. Only collabgain's shipped
synonyms are used, as on a first run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from collabgain_cli.matching import Matcher

PAIRS = Path(__file__).resolve().parents[1] / "tests" / "data" / "gains_pairs.yaml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mistakes", action="store_true", help="list the pairs it gets wrong")
    args = parser.parse_args()
    pairs = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))["pairs"]
    matcher = Matcher()
    true_pos = false_pos = false_neg = true_neg = 0
    mistakes: list[str] = []
    for pair in pairs:
        found = matcher.match(pair["offer"], pair["need"])
        if found and pair["match"]:
            true_pos += 1
        elif found:
            false_pos += 1
            mistakes.append(
                f"suggested, but no match: {pair['offer']!r} / {pair['need']!r} "
                f"(score {found.score:.2f}, on {', '.join(found.words)})"
            )
        elif pair["match"]:
            false_neg += 1
            mistakes.append(f"missed: {pair['offer']!r} / {pair['need']!r}")
        else:
            true_neg += 1
    suggested = true_pos + false_pos
    labelled = true_pos + false_neg
    precision = true_pos / suggested if suggested else 0.0
    recall = true_pos / labelled if labelled else 0.0
    print(f"labelled pairs: {len(pairs)} ({labelled} matching, {len(pairs) - labelled} not)")
    print(f"suggestions: {suggested} ({true_pos} right, {false_pos} wrong); missed: {false_neg}")
    print(f"precision: {precision:.2f}")
    print(f"recall:    {recall:.2f}")
    if args.mistakes:
        print("\n".join(["", *mistakes]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
