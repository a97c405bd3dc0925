"""The collaboration level (RULES.md section 9) on real partnership files."""

from __future__ import annotations

import textwrap

import pytest

from collabgain_cli.analysis.facts import Facts
from collabgain_cli.analysis.level import LevelAssessment, assess_level
from collabgain_cli.engine import Settings, check_loaded
from collabgain_cli.loader import load_bytes

HEADER = """\
partnership:
  name: Riverside
  as_of: 2026-11-01
organisations:
  - {id: council, name: City Council}
  - {id: trust, name: Community Trust}
  - {id: college, name: City College}
"""


def level_of(body: str, months: int = 24) -> LevelAssessment:
    """The level of HEADER plus `body`, loaded by the real loader, as of 2026-11-01."""
    loaded = load_bytes((HEADER + textwrap.dedent(body)).encode("utf-8"), "level.yaml")
    assert loaded.errors == (), [e.message for e in loaded.errors]
    assert loaded.partnership is not None
    as_of = loaded.partnership.partnership.as_of
    assert as_of is not None
    return assess_level(Facts(loaded.partnership, as_of), months)


JOINT_RESEARCH = """\
activities:
  - {id: survey, name: Residents' survey, type: research, lead: council, partners: [trust]}
"""


def test_networking_without_activities() -> None:
    level = level_of("")
    assert level == LevelAssessment("networking", "no activities in the 24 months to 2026-11-01")


def test_networking_when_joint_work_is_only_interaction() -> None:
    level = level_of(
        """\
        activities:
          - {id: forum, name: Forum, type: networking-event, lead: council, partners: [trust]}
          - {id: bulletin, name: Bulletin, type: information-sharing, partners: [trust, college]}
          - {id: plan, name: Plan, type: consultation, lead: council, partners: [college]}
        """
    )
    assert level.level == "networking"
    assert level.reason.startswith("3 activities in the 24 months to 2026-11-01, none beyond")


def test_networking_when_other_work_involves_one_organisation() -> None:
    level = level_of(
        """\
        activities:
          - {id: hub, name: Youth hub, type: joint-delivery, lead: council, partners: [council]}
          - {id: untyped, name: Untyped work, lead: council, partners: [trust]}
        """
    )
    assert level.level == "networking"


def test_coordinating_with_joint_work_of_two_organisations() -> None:
    level = level_of(JOINT_RESEARCH)
    assert level.level == "coordinating"
    assert "'survey'" in level.reason
    assert "no pooled resources" in level.reason


def test_partners_without_a_lead_count_as_joint_work() -> None:
    level = level_of(
        """\
        activities:
          - {id: survey, name: Residents' survey, type: research, partners: [trust, college]}
        """
    )
    assert level.level == "coordinating"


def test_cooperating_with_a_pooled_resources_activity() -> None:
    level = level_of(
        """\
        activities:
          - {id: fund, name: Shared fund, type: pooled-resources, lead: council, partners: [trust]}
        """
    )
    assert level.level == "cooperating"
    assert level.reason.startswith("pooled resources in 'fund'")


TWO_FUNDERS_AND_A_BUDGET = """\
funding:
  - {from: council, amount: 50000, year: 2026}
  - {from: trust, amount: 10000, from_date: 2026-01-01, to_date: 2026-12-31}
activities:
  - {id: survey, name: Survey, type: research, lead: council, partners: [trust], budget: 20000}
"""


def test_cooperating_with_cash_from_two_organisations_and_a_budgeted_activity() -> None:
    level = level_of(TWO_FUNDERS_AND_A_BUDGET)
    assert level.level == "cooperating"
    assert level.reason.startswith("cash funding from 2 organisations and a budget for 'survey'")


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
            "  - {from: trust, amount: 10000, from_date: 2023-01-01, to_date: 2024-10-31}\n",
            "a period that ended before the window",
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
        "  - {id: survey, name: Survey, type: research, lead: council, partners: [trust], "
        "budget: 20000}\n"
    )
    assert level_of(body).level == "coordinating", why


def test_two_cash_funders_without_a_budgeted_activity_coordinate() -> None:
    body = TWO_FUNDERS_AND_A_BUDGET.replace(", budget: 20000", "")
    assert level_of(body).level == "coordinating"


def test_funding_in_the_first_year_of_the_window_counts() -> None:
    body = TWO_FUNDERS_AND_A_BUDGET.replace(
        "from_date: 2026-01-01, to_date: 2026-12-31", "year: 2024"
    )
    assert level_of(body).level == "cooperating"


RISK_SHARED_ON_AN_AIM = """\
aims:
  - {{id: homes, text: 200 homes, status: {status}, agreed_by: [council, trust, college]}}
activities:
  - id: homes-build
    name: Build the homes
    type: {type}
    lead: council
    partners: [trust]
    risk_shared: true
    aims: [homes]
  - {{id: fund, name: Shared fund, type: pooled-resources, lead: council, partners: [college]}}
"""


def test_collaborating_when_risk_is_shared_on_an_agreed_aim() -> None:
    level = level_of(RISK_SHARED_ON_AN_AIM.format(status="agreed", type="joint-delivery"))
    assert level.level == "collaborating"
    assert level.reason == (
        "pooled resources in 'fund', and 'homes-build' shares risk in service of an agreed aim"
    )


def test_pooled_resources_that_share_risk_on_an_agreed_aim_collaborate() -> None:
    level = level_of(RISK_SHARED_ON_AN_AIM.format(status="agreed", type="pooled-resources"))
    assert level.level == "collaborating"


@pytest.mark.parametrize(
    ("status", "type_"),
    [("proposed", "joint-delivery"), ("disputed", "joint-delivery"), ("agreed", "research")],
)
def test_risk_shared_elsewhere_stays_cooperating(status: str, type_: str) -> None:
    level = level_of(RISK_SHARED_ON_AN_AIM.format(status=status, type=type_))
    assert level.level == "cooperating"
    assert "no joint-delivery or pooled-resources activity shares risk" in level.reason


def test_shared_risk_without_pooled_resources_is_only_coordinating() -> None:
    body = RISK_SHARED_ON_AN_AIM.format(status="agreed", type="joint-delivery")
    body = body.split("  - {id: fund")[0]
    assert level_of(body).level == "coordinating"


def test_an_activity_with_no_dates_counts() -> None:
    assert level_of(JOINT_RESEARCH).level == "coordinating"


@pytest.mark.parametrize(
    ("dates", "level"),
    [
        ("start: 2023-01-01, end: 2024-10-31", "networking"),
        ("start: 2023-01-01, end: 2024-11-01", "coordinating"),
        ("end: 2024-10-31", "networking"),
        ("start: 2026-11-01", "coordinating"),
        ("start: 2026-11-02", "networking"),
        ("start: 2020-01-01", "coordinating"),
    ],
)
def test_the_window(dates: str, level: str) -> None:
    body = (
        "activities:\n"
        "  - {id: survey, name: Survey, type: research, lead: council, partners: [trust], "
        f"{dates}}}\n"
    )
    assert level_of(body).level == level


def test_a_shorter_window_leaves_out_older_work() -> None:
    body = (
        "activities:\n"
        "  - {id: survey, name: Survey, type: research, lead: council, partners: [trust], "
        "end: 2025-06-30}\n"
    )
    assert level_of(body, months=24).level == "coordinating"
    twelve = level_of(body, months=12)
    assert twelve == LevelAssessment("networking", "no activities in the 12 months to 2026-11-01")


def test_the_report_carries_the_level_and_its_reason() -> None:
    loaded = load_bytes((HEADER + JOINT_RESEARCH).encode("utf-8"), "level.yaml")
    report = check_loaded(loaded, Settings.default())
    assert report.collaboration_level is not None
    assert report.collaboration_level.level == "coordinating"
    assert "'survey'" in report.collaboration_level.reason
