"""Frozen records that worker processes send back, pickled as the values of their fields."""

from __future__ import annotations

import dataclasses
import operator
from typing import Any, TypeVar

T = TypeVar("T")


def pickled_by_fields(cls: type[T]) -> type[T]:
    """Pickle a frozen dataclass as `(cls, (its field values, in order))`, rebuilt by a call.

    The standard library pickles a frozen dataclass with slots through state functions
    written in Python that set one field at a time. The reports that workers send back hold
    thousands of findings, and a portfolio's results every person and organisation of every
    file: read as one tuple of values and rebuilt by the class's own `__init__`, a record
    pickles and unpickles in about half the time. Only for a class whose every field is an
    `__init__` argument (checked here), so that calling it with the values rebuilds it.
    """
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    if len(fields) < 2 or not all(field.init for field in fields):
        raise TypeError(f"{cls.__name__}: every field, two or more, must be an argument")
    values = operator.attrgetter(*(field.name for field in fields))

    def __reduce__(self: Any) -> tuple[type[T], tuple[Any, ...]]:
        return cls, values(self)

    setattr(cls, "__reduce__", __reduce__)  # noqa: B010
    return cls
