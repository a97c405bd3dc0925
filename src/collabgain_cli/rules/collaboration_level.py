"""Interaction or collaboration: where the partnership sits on Himmelman's continuum."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import Field

from ..analysis.dates import percent
from ..analysis.level import DEFAULT_MIN_PAIR_SHARE, LEVELS
from ..findings import Severity
from . import Hit, rule
from .options import Options

if TYPE_CHECKING:
    from ..analysis.facts import Facts

PRINCIPLE = "collaboration-level"


class LevelOptions(Options):
    min_pair_share: float = Field(
        DEFAULT_MIN_PAIR_SHARE,
        gt=0,
        le=1,
        description="Share of the pairs of members who work together that must reach a level "
        "for the partnership to be at it.",
    )


@rule("CG901", "interaction-not-collaboration", PRINCIPLE, Severity.WARNING, options=LevelOptions)
def interaction_not_collaboration(facts: Facts, options: LevelOptions) -> Iterator[Hit]:
    """Finds a partnership that only exchanges information.

    What it finds:
    A partnership at the `networking` level of the collaboration continuum: fewer than
    `min_pair_share` of the pairs of members who work together in live (active or completed)
    activities in the 24 months to the as-of date do more than share information, network or
    consult; or no two members share live work at all. Planned and cancelled work does not
    count. The message gives how many pairs are at each level, and the partnership's peak
    activity.

    Why it matters:
    Many partnerships are vehicles for interaction rather than collaboration: partners meet
    and share news but never do together what none could do alone. That may be all they
    need (a network of networks is valuable as one), but then the partnership should say so
    rather than claim collaborative advantage.

    How to fix:
    If joint work is the aim, agree one modest piece of joint work with a lead and at least one
    partner, and build from there towards pooled resources and shared risk. If the partnership
    is meant to be a network, say so in its purpose.

    For the file:
    Record the work under `activities` with its `type`; for a network, waive this finding with
    that reason.

    Example:
    ```yaml
    activities:
      - {id: forum, name: Quarterly forum, type: networking-event, status: active,
         lead: council}
    ```
    """
    level = facts.collaboration_level()
    if level.level != "networking":
        return
    if level.pair_count:
        joint = level.pair_count - level.pairs[0]
        detail = (
            f"{joint} of the {level.pair_count} pairs of members who work together "
            f"({percent(joint, level.pair_count)}) do more than share information, "
            f"under the {percent(options.min_pair_share, 1)} that would make it a "
            f"{LEVELS[1]} partnership ({level.pair_shares()})"
        )
    else:
        detail = level.reason
    if level.peak and not level.peak.startswith("networking"):
        detail += f"; its highest is {level.peak}"
    yield Hit(
        "partnership",
        f"the partnership is a vehicle for interaction, not yet for collaboration: {detail}",
        ("activities",) if facts.partnership.activities else ("partnership",),
    )
