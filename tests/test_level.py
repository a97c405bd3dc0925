"""The collaboration level (RULES.md section 9, second edition) on real partnership files.

Each live activity has a level; each pair of members takes the highest level of the live work
it shares; the partnership is at the highest level that at least a third of its pairs reach.
"""

from __future__ import annotations

import textwrap
from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collabgain_cli.analysis.facts import Facts
from collabgain_cli.analysis.level import LevelAssessment, assess_level, pairs_by_level
from collabgain_cli.engine import Settings
from collabgain_cli.loader import load_bytes
from collabgain_cli.pipeline import check

HEADER = """\
partnership:
  name: Riverside
  as_of: 2026-11-01
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: Community Trust}
  - {id: college, name: City College}
"""


def level_of(body: str, months: int = 24, header: str = HEADER) -> LevelAssessment:
    """The level of a header plus `body`, loaded by the real loader, as of 2026-11-01."""
    loaded = load_bytes((header + textwrap.dedent(body)).encode("utf-8"), "level.yaml")
    assert loaded.errors == (), [e.message for e in loaded.errors]
    assert loaded.partnership is not None
    as_of = loaded.partnership.partnership.as_of
    assert as_of is not None
    return assess_level(Facts(loaded.partnership, as_of), months)


JOINT_RESEARCH = """\
activities:
  - {id: survey, name: Residents' survey, type: research, status: active, lead: council,
     partners: [trust]}
"""


def test_networking_without_live_activities() -> None:
    level = level_of("")
    assert level == LevelAssessment(
        "networking", "no live (active or completed) activities in the 24 months to 2026-11-01"
    )


@pytest.mark.parametrize("status", ["planned", "cancelled", "stalled"])
def test_work_that_is_not_live_does_not_count_and_is_never_cited(status: str) -> None:
    level = level_of(JOINT_RESEARCH.replace("status: active", f"status: {status}"))
    assert level.level == "networking"
    assert "survey" not in level.reason
    assert level.peak is None


def test_interaction_is_networking_whatever_its_budget() -> None:
    level = level_of(
        """\
        funding:
          - {from: council, amount: 3000, year: 2026}
          - {from: trust, amount: 500, year: 2026}
        activities:
          - {id: forum, name: Annual forum, type: networking-event, status: completed,
             lead: council, partners: [trust, college], budget: 3000}
          - {id: bulletin, name: Bulletin, type: information-sharing, status: active,
             partners: [trust, college]}
        """
    )
    assert level.level == "networking"
    assert level.pairs == (3, 0, 0, 0)
    assert level.peak == "networking: Annual forum"


def test_coordinating_with_joint_work_of_two_members() -> None:
    level = level_of(JOINT_RESEARCH)
    assert level.level == "coordinating"
    assert level.pairs == (0, 1, 0, 0)
    assert level.reason == (
        "1 of 1 pairs of members who work together (100%) do so at coordinating or above "
        "in the 24 months to 2026-11-01"
    )


def test_work_of_one_organisation_is_networking() -> None:
    level = level_of(
        """\
        activities:
          - {id: hub, name: Youth hub, type: joint-delivery, status: active, lead: council,
             partners: [council]}
        """
    )
    assert level.level == "networking"
    assert level.reason.endswith("none shared by two or more members")


def test_cooperating_with_a_pooled_resources_activity() -> None:
    level = level_of(
        """\
        activities:
          - {id: fund, name: Shared fund, type: pooled-resources, status: active, lead: council,
             partners: [trust]}
        """
    )
    assert level.level == "cooperating"
    assert level.peak == "cooperating: Shared fund"


TWO_FUNDERS_AND_A_BUDGET = """\
funding:
  - {from: council, amount: 50000, year: 2026}
  - {from: trust, amount: 10000, from_date: 2026-01-01, to_date: 2026-12-31}
activities:
  - {id: survey, name: Survey, type: research, status: active, lead: council, partners: [trust],
     budget: 20000}
"""


def test_cooperating_with_cash_from_two_organisations_and_a_budgeted_activity() -> None:
    assert level_of(TWO_FUNDERS_AND_A_BUDGET).level == "cooperating"


@pytest.mark.parametrize(
    ("funding", "why"),
    [
        (
            "  - {from: council, amount: 50000, year: 2026}\n"
            "  - {from: council, amount: 10000, year: 2025}\n",
            "one organisation's cash, however many entries",
        ),
        (
            "  - {from: council, amount: 50000, year: 2026}\n"
            "  - {from: trust, amount: 10000, year: 2026, in_kind: true}\n",
            "in-kind value is not cash",
        ),
        (
            "  - {from: council, amount: 50000, year: 2026}\n"
            "  - {from: trust, amount: 10000, year: 2023}\n",
            "a year before the window",
        ),
        (
            "  - {from: council, amount: 50000, year: 2026}\n"
            "  - {from: trust, amount: 10000, from_date: 2026-12-01}\n",
            "a period that starts after the as-of date",
        ),
    ],
)
def test_funding_that_does_not_make_two_cash_funders_in_the_window(funding: str, why: str) -> None:
    body = (
        "funding:\n" + funding + "activities:\n"
        "  - {id: survey, name: Survey, type: research, status: active, lead: council, "
        "partners: [trust], budget: 20000}\n"
    )
    assert level_of(body).level == "coordinating", why


def test_two_cash_funders_without_a_budgeted_activity_coordinate() -> None:
    body = TWO_FUNDERS_AND_A_BUDGET.replace(",\n     budget: 20000", "")
    assert level_of(body).level == "coordinating"


RISK_SHARED_ON_AN_AIM = """\
aims:
  - {{id: homes, text: 200 homes, status: {status}, agreed_by: [council, trust, college]}}
activities:
  - id: homes-build
    name: Build the homes
    type: {type}
    status: active
    lead: council
    partners: [trust, college]
    risk_shared: true
    aims: [homes]
    budget: 100000
funding:
  - {{from: council, amount: 50000, year: 2026}}
  - {{from: trust, amount: 50000, year: 2026}}
"""


def test_collaborating_when_risk_is_shared_on_an_agreed_aim() -> None:
    level = level_of(RISK_SHARED_ON_AN_AIM.format(status="agreed", type="joint-delivery"))
    assert level.level == "collaborating"
    assert level.pairs == (0, 0, 0, 3)


@pytest.mark.parametrize(
    ("status", "type_", "level"),
    [
        ("proposed", "joint-delivery", "cooperating"),
        ("disputed", "joint-delivery", "cooperating"),
        ("agreed", "research", "cooperating"),
    ],
)
def test_risk_shared_without_an_agreed_aim_or_a_risky_kind(
    status: str, type_: str, level: str
) -> None:
    assert level_of(RISK_SHARED_ON_AN_AIM.format(status=status, type=type_)).level == level


FIVE_MEMBERS = """\
partnership:
  name: Riverside
  as_of: 2026-11-01
organisations:
  - {id: a, name: Alpha Trust}
  - {id: b, name: Beta Housing}
  - {id: c, name: Gamma College}
  - {id: d, name: Delta Health}
  - {id: e, name: Epsilon Council}
  - {id: pcc, name: Crime Commissioner, roles: [funder, observer]}
"""


def test_one_project_does_not_lift_the_whole_partnership() -> None:
    """Two members pool resources; the other 9 pairs only network: the partnership networks,
    and its peak names the project."""
    level = level_of(
        """\
        activities:
          - {id: larder, name: Larder Fund, type: pooled-resources, status: active, lead: a,
             partners: [b]}
          - {id: forum, name: Forum, type: networking-event, status: active, lead: e,
             partners: [a, b, c, d]}
        """,
        header=FIVE_MEMBERS,
    )
    assert level.pairs == (9, 0, 1, 0)
    assert level.level == "networking"
    assert level.peak == "cooperating: Larder Fund"
    assert level.reason.endswith("; its Larder Fund cooperates")


def test_a_third_of_the_pairs_set_the_level() -> None:
    level = level_of(
        """\
        activities:
          - {id: larder, name: Larder Fund, type: pooled-resources, status: active, lead: a,
             partners: [b, c]}
          - {id: study, name: Study, type: research, status: completed, lead: d, partners: [e]}
          - {id: forum, name: Forum, type: networking-event, status: active, lead: e,
             partners: [a, b, c, d]}
        """,
        header=FIVE_MEMBERS,
    )
    # 3 pairs cooperate (a-b, a-c, b-c), 1 coordinates (d-e), 6 only network: 3/10 < 0.33,
    # 4/10 at coordinating or above.
    assert level.pairs == (6, 1, 3, 0)
    assert level.level == "coordinating"


def test_observers_are_not_counted_in_pairs() -> None:
    level = level_of(
        """\
        activities:
          - {id: fund, name: Fund, type: pooled-resources, status: active, lead: pcc,
             partners: [a]}
        """,
        header=FIVE_MEMBERS,
    )
    assert level.pair_count == 0
    assert level.level == "networking"


@pytest.mark.parametrize(
    ("dates", "level"),
    [
        ("start: 2023-01-01, end: 2024-10-31", "networking"),
        ("start: 2023-01-01, end: 2024-11-01", "coordinating"),
        ("start: 2026-11-01", "coordinating"),
        ("start: 2026-11-02", "networking"),
        ("start: 2020-01-01", "coordinating"),
    ],
)
def test_the_window(dates: str, level: str) -> None:
    body = (
        "activities:\n"
        "  - {id: survey, name: Survey, type: research, status: active, lead: council, "
        f"partners: [trust], {dates}}}\n"
    )
    assert level_of(body).level == level


def test_the_min_pair_share_option_sets_the_level() -> None:
    text = FIVE_MEMBERS + textwrap.dedent(
        """\
        activities:
          - {id: larder, name: Larder Fund, type: pooled-resources, status: active, lead: a,
             partners: [b]}
          - {id: forum, name: Forum, type: networking-event, status: active, lead: e,
             partners: [a, b, c, d]}
        """
    )
    loaded = load_bytes(text.encode("utf-8"), "level.yaml")
    default = check(loaded, Settings.default()).report
    assert default.collaboration_level is not None
    assert default.collaboration_level.level == "networking"
    low = Settings(
        tuple(
            type(s)(s.rule, s.severity, s.rule.options(min_pair_share=0.1))
            if s.rule.code == "CG901"
            else s
            for s in Settings.default().rules
        )
    )
    report = check(loaded, low).report
    assert report.collaboration_level is not None
    assert report.collaboration_level.level == "cooperating"
    assert report.collaboration_level.peak == "cooperating: Larder Fund"


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=3),
            st.sets(st.sampled_from("abcdefgh"), min_size=2, max_size=8),
        ),
        max_size=8,
    )
)
def test_pairs_are_counted_as_if_listed_one_by_one(shared: list[tuple[int, set[str]]]) -> None:
    """The bitmask count agrees with listing every pair and taking its highest level."""
    best: dict[tuple[str, str], int] = {}
    for level, inside in shared:
        for pair in combinations(sorted(inside), 2):
            best[pair] = max(best.get(pair, -1), level)
    expected = [sum(1 for v in best.values() if v == level) for level in range(4)]
    assert pairs_by_level([(level, sorted(s)) for level, s in shared], 4) == expected
