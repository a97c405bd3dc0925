"""Where each value and key of a file's data sits, for errors to point at."""

from __future__ import annotations

from typing import Any

from .base import PathKey


class SourceMap:
    """Where each value and key of a file's data sits (1-based line and column).

    Marks are kept per container, keyed by the container's identity, so the map holds the
    data it describes (ids stay valid) and finds a path by walking down it.
    """

    __slots__ = ("_keys", "_root", "_root_mark", "_values")

    def __init__(
        self, root: Any, root_mark: Any, values: dict[int, Any], keys: dict[int, dict[str, Any]]
    ) -> None:
        self._root = root
        self._root_mark = root_mark
        self._values = values
        self._keys = keys

    def _walk(self, path: PathKey) -> tuple[Any, Any, int]:
        """(container holding the last step reached, its mark, steps reached)."""
        node, mark = self._root, self._root_mark
        for depth, part in enumerate(path):
            marks = self._values.get(id(node))
            if marks is None:
                return node, mark, depth
            try:
                found = marks[part]
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return node, mark, depth
            mark = found
        return node, mark, len(path)

    @staticmethod
    def _position(mark: Any) -> tuple[int, int]:
        return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)

    def locate(self, path: PathKey) -> tuple[int, int]:
        """The position of the value at `path`, or of its nearest recorded ancestor."""
        return self._position(self._walk(path)[1])

    def locate_key(self, path: PathKey) -> tuple[int, int]:
        """The position of the key that ends `path`, falling back to its value."""
        if path:
            parent, _mark, reached = self._walk(path[:-1])
            if reached == len(path) - 1:
                keys = self._keys.get(id(parent), {})
                found = keys.get(path[-1]) if isinstance(path[-1], str) else None
                if found is not None:
                    return self._position(found)
        return self.locate(path)
