"""Pausing Python's cyclic garbage collector while a file is loaded and checked.

Loading a large file creates millions of containers, none of them in reference cycles,
and the collector would scan all of them again each time a generation fills: on a 4 MB
file that was most of the run's time. Everything is still freed by reference counting;
only the search for cycles waits. On the way out, what is still alive (the loaded file)
is frozen, so later collections do not scan it again either.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Run the body with the cyclic collector off (restoring it after, if it was on)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
