"""Interaction or collaboration: where the partnership sits on Himmelman's continuum."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..findings import Severity
from . import Hit, NoOptions, rule

if TYPE_CHECKING:
    from ..analysis.facts import Facts

PRINCIPLE = "collaboration-level"


@rule("CG901", "interaction-not-collaboration", PRINCIPLE, Severity.WARNING)
def interaction_not_collaboration(facts: Facts, options: NoOptions) -> Iterator[Hit]:
    """Finds a partnership that only exchanges information.

    What it finds:
    A partnership at the `networking` level of the collaboration continuum: in the 24 months
    to the as-of date it has no activities, or only information-sharing, networking events
    and consultation, or none of its other activities involves two or more organisations.

    Why it matters:
    Many partnerships are vehicles for interaction rather than collaboration: partners meet
    and share news but never do together what none could do alone. That may be all they
    need, but then the partnership should say so rather than claim collaborative advantage.

    How to fix:
    Agree one modest piece of joint work with a lead and at least one partner, record it
    under `activities` with its `type`, and build from there towards pooled resources and
    shared risk.

    Example:
    ```yaml
    activities:
      - {id: forum, name: Quarterly forum, type: networking-event, lead: council}
    ```
    """
    level = facts.collaboration_level()
    if level.level == "networking":
        yield Hit(
            "partnership",
            f"the partnership is at the networking level: {level.reason}",
            ("activities",) if facts.partnership.activities else ("partnership",),
        )
