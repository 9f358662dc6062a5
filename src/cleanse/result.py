"""The result of cleaning one document: the text, and the proof of how it was made."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cleanse.errors import EditError, ProvenanceError
from cleanse.tracked import Change, Segment, TrackedText

__all__ = ["Result"]

FORMAT_VERSION = 1


class Result:
    """Clean text with its provenance: every change, and span maps both ways.

    >>> from cleanse import clean
    >>> r = clean("Hello  world.\\r\\n")
    >>> r.text
    'Hello world.\\n'
    >>> [(c.start, c.end, c.before, c.after, c.filter, c.reason) for c in r.changes]
    [(5, 7, '  ', ' ', 'whitespace', 'space_run'), (13, 14, '\\r', '', 'line_endings', \
'line_ending')]
    >>> r.source_span(6, 11), r.output_span(5, 7)
    ((7, 12), (5, 6))
    """

    __slots__ = ("_changes", "_tracked", "metadata")

    def __init__(self, tracked: TrackedText, metadata: Mapping[str, Any] | None = None) -> None:
        self._tracked = tracked
        self._changes: tuple[Change, ...] | None = None
        #: Facts about the page, e.g. from HTML extraction (title, author, date, ...).
        self.metadata: dict[str, Any] = dict(metadata or {})

    @property
    def text(self) -> str:
        """The clean text."""
        return self._tracked.text

    @property
    def original(self) -> str:
        """The input, unchanged."""
        return self._tracked.original

    @property
    def tracked(self) -> TrackedText:
        """The underlying :class:`~cleanse.tracked.TrackedText`."""
        return self._tracked

    @property
    def segments(self) -> tuple[Segment, ...]:
        """The output-to-source map, as ordered copy and change segments."""
        return self._tracked.segments

    @property
    def changes(self) -> tuple[Change, ...]:
        """Every removal and repair, sorted by source position and disjoint."""
        if self._changes is None:
            self._changes = self._tracked.changes()
        return self._changes

    @property
    def changed(self) -> bool:
        """True when the text differs from the input."""
        return self.text != self.original

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Output span -> the input span it came from."""
        return self._tracked.source_span(start, end)

    def output_span(self, start: int, end: int) -> tuple[int, int]:
        """Input span -> the output span it became (empty when it was removed)."""
        return self._tracked.output_span(start, end)

    def stats(self) -> dict[str, dict[str, dict[str, int]]]:
        """Per filter and reason: ``changes``, ``chars_removed`` and ``chars_added``.

        Derived from :attr:`changes` only (law L8).
        """
        out: dict[str, dict[str, dict[str, int]]] = {}
        for c in self.changes:
            row = out.setdefault(c.filter, {}).setdefault(
                c.reason, {"changes": 0, "chars_removed": 0, "chars_added": 0})
            row["changes"] += 1
            row["chars_removed"] += len(c.before)
            row["chars_added"] += len(c.after)
        return out

    def explain(self, *, width: int = 70) -> str:
        """A readable account of every change: where, what, by which filter, and why."""
        changes = self.changes
        if not changes:
            return "no changes"
        lines = [f"{len(changes)} change{'s' if len(changes) != 1 else ''}, "
                 f"{len(self.original)} -> {len(self.text)} characters"]
        for c in changes:
            where = f"{c.start}:{c.end}"
            label = f"{c.filter}/{c.reason}"
            if c.is_removal:
                what = f"removed {_clip(c.before, width)}"
            else:
                what = f"{_clip(c.before, width // 2)} -> {_clip(c.after, width // 2)}"
            lines.append(f"  {where:>13}  {label:<36} {what}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict that :meth:`from_dict` turns back into an equal result."""
        out: dict[str, Any] = {
            "version": FORMAT_VERSION,
            "original": self.original,
            "text": self.text,
            "changes": [c._asdict() for c in self.changes],
        }
        if self.metadata:
            out["metadata"] = self.metadata
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Result:
        """Rebuild a result from :meth:`to_dict` output, checking that it replays."""
        try:
            original = data["original"]
            changes = [Change(int(c["start"]), int(c["end"]), str(c["before"]),
                              str(c["after"]), str(c["filter"]), str(c["reason"]))
                       for c in data["changes"]]
        except (KeyError, TypeError, ValueError) as exc:
            raise ProvenanceError(f"not a serialised cleanse result: {exc!r}") from exc
        for c in changes:
            if original[c.start : c.end] != c.before:
                raise ProvenanceError(f"change at {c.start}:{c.end} does not match the original")
        try:
            tracked = TrackedText.from_changes(original, changes)
        except EditError as exc:
            raise ProvenanceError(str(exc)) from exc
        if "text" in data and data["text"] != tracked.text:
            raise ProvenanceError("the changes do not replay to the recorded text")
        return cls(tracked, data.get("metadata"))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Result):
            return NotImplemented
        return self._tracked == other._tracked and self.metadata == other.metadata

    def __hash__(self) -> int:
        return hash(self._tracked)

    def __repr__(self) -> str:
        return f"Result(text={_clip(self.text, 40)}, changes={len(self.changes)})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Result, (self._tracked, self.metadata))


def _clip(text: str, limit: int) -> str:
    return repr(text if len(text) <= limit else text[: max(limit - 1, 1)] + "…")
