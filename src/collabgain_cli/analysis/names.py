"""The names the file gives to its ids, for the sentences people read."""

from __future__ import annotations

from ..model import Partnership


def names_of(partnership: Partnership | None) -> dict[str, str]:
    """Id -> name of every organisation, person, network, shared aim, body and activity, for
    messages that quote an id; an id two records share is left out (it would be a guess)."""
    if partnership is None:
        return {}
    found: dict[str, str] = {}
    shared: set[str] = set()
    records: list[tuple[str, str]] = [
        *((o.id, o.name) for o in partnership.organisations),
        *((p.id, p.name) for p in partnership.people),
        *((n.id, n.name) for n in partnership.networks),
        *((a.id, a.text) for a in partnership.aims),
        *((a.id, a.name) for a in partnership.activities),
    ]
    if partnership.governance is not None:
        records.extend((b.id, b.name) for b in partnership.governance.bodies)
    for record_id, name in records:
        # The first name kept; an id that a record names differently is left out.
        name = " ".join(name.split())
        if found.setdefault(record_id, name) != name:
            shared.add(record_id)
    if not shared:
        return found
    return {record_id: name for record_id, name in found.items() if record_id not in shared}
