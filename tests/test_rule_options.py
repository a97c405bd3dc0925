"""Second-edition rule details that the rule cases cannot show: options named in a
configuration, and a finding whose severity is below its rule's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from collabgain_cli.analysis.facts import Facts
from collabgain_cli.findings import Severity
from collabgain_cli.loader import load_bytes
from collabgain_cli.rules import find_rule

RIVERSIDE = """\
partnership:
  name: Riverside Partnership
  purpose: Bring the riverside back into use
  as_of: 2026-11-01
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: Housing Trust}
funding:
  - {from: council, amount: 90000}
  - {from: trust, amount: 10000}
"""


def test_funding_concentrations_old_option_is_a_usage_error_naming_the_new_one(
    run_line: Callable[..., Any], write: Callable[..., Path]
) -> None:
    write("riverside.yaml", RIVERSIDE)
    write("collabgain.toml", "[rules.CG202]\nmax_hhi = 0.6\n")
    result = run_line("check", "riverside.yaml")
    assert result.exit_code == 2, result.stdout
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "collabgain.toml" in result.stderr
    assert "'max_hhi'" in result.stderr
    assert "max_share" in result.stderr


def test_funding_concentrations_max_share_is_taken_from_the_configuration(
    run_line: Callable[..., Any], write: Callable[..., Path]
) -> None:
    write("riverside.yaml", RIVERSIDE)
    args = ("check", "--select", "CG202", "--format", "json", "riverside.yaml")
    assert '"CG202"' in run_line(*args).stdout
    write("collabgain.toml", "[rules.funding-concentration]\nmax_share = 0.9\n")
    result = run_line(*args)
    assert result.exit_code == 0, result.stdout
    assert '"CG202"' not in result.stdout


def test_a_proposed_aim_with_no_date_is_reported_as_info() -> None:
    text = """\
partnership: {name: Riverside, as_of: 2026-11-01}
organisations:
  - {id: council, name: City Council}
aims:
  - {id: parks, text: Two new parks}
  - {id: homes, text: More homes, proposed: 2025-01-01}
"""
    loaded = load_bytes(text.encode(), "aims.yaml")
    assert loaded.partnership is not None
    rule = find_rule("CG104")
    assert rule is not None
    hits = list(rule.run(Facts(loaded.partnership, dt.date(2026, 11, 1)), rule.options()))
    assert [(h.subject, h.severity) for h in hits] == [("parks", Severity.INFO), ("homes", None)]


def test_windows_longer_than_a_century_are_a_usage_error_naming_the_range(
    run_line: Callable[..., Any], write: Callable[..., Path]
) -> None:
    write(
        "young.yaml",
        "partnership: {name: Young, established: 2020-01-01, as_of: 2026-11-01}\n"
        "organisations:\n  - {id: council, name: City Council}\n"
        "activities:\n  - {id: hub, name: Advice hub, start: 2026-01-01}\n",
    )
    write(
        "collabgain.toml",
        "[rules.CG301]\nfirst_months = 1000000\n[rules.CG304]\nwindow_months = 100000\n"
        "[rules.CG305]\ngrace_months = 100000\n[rules.CG202]\nwindow_months = 100000\n",
    )
    result = run_line("check", "--format", "concise", "young.yaml")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert "first_months must be between 1 and 1200 (100 years), not 1000000" in result.stderr
    # At the range's end the rules run and judge, whatever the partnership's age.
    write(
        "collabgain.toml",
        "[rules.CG301]\nfirst_months = 1200\n[rules.CG304]\nwindow_months = 1200\n"
        "[rules.CG305]\ngrace_months = 1200\n[rules.CG202]\nwindow_months = 1200\n",
    )
    result = run_line("check", "--format", "concise", "young.yaml")
    assert result.exit_code in (0, 1), result.stderr
    assert result.stdout.rstrip().endswith("0 waived")
