"""Findings that RULES.md reports at a lower severity than their rule's (CG603, CG805).

The rule says so on the finding itself (`Hit.severity`); a finding at the rule's own
severity leaves it unset.
"""

from __future__ import annotations

import datetime as dt

from collabgain_cli.analysis.facts import Facts
from collabgain_cli.findings import Severity
from collabgain_cli.loader import load_bytes
from collabgain_cli.rules import Hit, all_rules

AS_OF = dt.date(2026, 11, 1)


def hits(code: str, text: str) -> list[Hit]:
    loaded = load_bytes(text.encode("utf-8"), "partnership.yaml")
    assert loaded.partnership is not None, loaded.errors
    rule = all_rules()[code]
    return list(rule.run(Facts(loaded.partnership, AS_OF), rule.options()))


NETWORK = """
partnership: {name: Riverside, as_of: 2026-11-01}
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: Housing Trust}
activities:
  - id: news
    name: Newsletter
    type: information-sharing
    status: active
    lead: council
    partners: [trust]
"""

DELIVERY = """
partnership: {name: Riverside, as_of: 2026-11-01}
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: Housing Trust}
governance:
  chairs:
    - {organisation: council, from: 2024-01-01}
activities:
  - id: hub
    name: Youth hub
    type: joint-delivery
    status: active
    lead: council
    partners: [trust]
"""


def test_no_decision_rule_is_information_at_the_networking_level() -> None:
    [hit] = hits("CG603", NETWORK)
    assert hit.severity is Severity.INFO
    assert "networking level" in hit.message


def test_no_decision_rule_is_the_rules_warning_beyond_networking() -> None:
    [hit] = hits("CG603", DELIVERY)
    assert hit.severity is None
    assert hit.message == "no written decision rule (governance.decision_rule is absent)"


COMMITMENTS = """
partnership: {name: Riverside, as_of: 2026-11-01}
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: Community Trust}
commitments:
  - {organisation: council, text: Two officers' time, in_operational_plan: false}
  - {organisation: trust, text: Volunteers}
  - {organisation: trust, text: Rooms, in_operational_plan: true}
"""


def test_a_commitment_left_out_of_the_plan_warns_and_an_unrecorded_one_informs() -> None:
    found = {hit.subject: hit for hit in hits("CG805", COMMITMENTS)}
    assert set(found) == {"council", "trust"}
    assert found["council"].severity is None
    assert found["council"].message == (
        "'City Council' committed to 'Two officers' time', but it is not in its operational plan"
    )
    assert found["trust"].severity is Severity.INFO
    assert "is not recorded" in found["trust"].message
