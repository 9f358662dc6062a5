"""Corpus statistics: what each filter did, per reason, over many documents.

Everything here is derived from results (law L8): :meth:`Stats.add_result` reads
:meth:`cleanse.Result.stats`, which is itself derived from ``Result.changes``. Counters
are plain integers, so statistics from several processes, or from an interrupted run
and its resumption, merge by addition (:meth:`Stats.merge`) and round-trip through JSON
(:meth:`Stats.to_dict` / :meth:`Stats.from_dict`).

A change that several filters made together (``"fix_encoding+punctuation"``, see
:mod:`cleanse.tracked`) is counted under that joined name, with repeated names
dropped (``"autoblog_tail+whitespace/feed_name+tail_block+blank_lines"``): its
characters belong to all of them, and splitting them would count them twice.

>>> import cleanse
>>> s = Stats()
>>> s.add_result(cleanse.clean("One.  \\nTwo.\\n"))
>>> s.add_result(cleanse.clean("Clean.\\n"))
>>> s.documents, s.documents_changed, s.rows()
(2, 1, [('whitespace', 'trailing_space', 1, 1, 2, 0)])
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cleanse.result import Result

__all__ = ["LABEL_WIDTH", "Row", "Stats", "clip_label", "label"]

FORMAT_VERSION = 1

#: Labels longer than this (changes merged from several filters) are clipped in tables.
LABEL_WIDTH = 48

#: The counters kept for each (filter, reason), in table order.
_COUNTERS = ("documents", "changes", "chars_removed", "chars_added")

Row = tuple[str, str, int, int, int, int]
"""``(filter, reason, documents, changes, chars_removed, chars_added)``."""


@dataclass(slots=True)
class Stats:
    """Per filter and reason: documents touched, changes, characters removed and added.

    Also counts documents, changed documents, characters in and out, and error
    records by code (for the CLI's error output).
    """

    documents: int = 0
    documents_changed: int = 0
    chars_in: int = 0
    chars_out: int = 0
    #: ``{filter: {reason: {"documents", "changes", "chars_removed", "chars_added"}}}``
    filters: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    #: Error records by code (``invalid_json``, ``missing_field``, ...).
    errors: dict[str, int] = field(default_factory=dict)

    def add_result(self, result: Result) -> None:
        """Count one cleaned document."""
        self.add(result.stats(), chars_in=len(result.original), chars_out=len(result.text))

    def add(self, doc_stats: Mapping[str, Mapping[str, Mapping[str, int]]], *,
            chars_in: int, chars_out: int) -> None:
        """Count one document from its :meth:`Result.stats` (what a worker sends back)."""
        self.documents += 1
        self.chars_in += chars_in
        self.chars_out += chars_out
        if doc_stats:
            self.documents_changed += 1
        for raw_name, reasons in doc_stats.items():
            per_filter = self.filters.setdefault(_dedup(raw_name), {})
            for raw_reason, counts in reasons.items():
                row = per_filter.setdefault(_dedup(raw_reason), dict.fromkeys(_COUNTERS, 0))
                row["documents"] += 1
                row["changes"] += counts["changes"]
                row["chars_removed"] += counts["chars_removed"]
                row["chars_added"] += counts["chars_added"]

    def add_error(self, code: str) -> None:
        """Count one record that could not be processed."""
        self.errors[code] = self.errors.get(code, 0) + 1

    @property
    def error_count(self) -> int:
        """How many records could not be processed."""
        return sum(self.errors.values())

    def merge(self, other: Stats) -> None:
        """Add ``other``'s counts to these (e.g. from another process)."""
        self.documents += other.documents
        self.documents_changed += other.documents_changed
        self.chars_in += other.chars_in
        self.chars_out += other.chars_out
        for name, reasons in other.filters.items():
            per_filter = self.filters.setdefault(name, {})
            for reason, counts in reasons.items():
                row = per_filter.setdefault(reason, dict.fromkeys(_COUNTERS, 0))
                for key in _COUNTERS:
                    row[key] += counts[key]
        for code, n in other.errors.items():
            self.errors[code] = self.errors.get(code, 0) + n

    def rows(self) -> list[Row]:
        """One row per (filter, reason), most characters removed first."""
        rows: list[Row] = [
            (name, reason, counts["documents"], counts["changes"], counts["chars_removed"],
             counts["chars_added"])
            for name, reasons in self.filters.items() for reason, counts in reasons.items()]
        return sorted(rows, key=lambda r: (-r[4], -r[3], r[0], r[1]))

    def totals(self) -> tuple[int, int, int]:
        """``(changes, chars_removed, chars_added)`` over every filter and reason."""
        rows = self.rows()
        return (sum(r[3] for r in rows), sum(r[4] for r in rows), sum(r[5] for r in rows))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict (what ``cleanse clean --stats FILE`` writes)."""
        return {
            "version": FORMAT_VERSION,
            "documents": self.documents,
            "documents_changed": self.documents_changed,
            "chars_in": self.chars_in,
            "chars_out": self.chars_out,
            "errors": dict(sorted(self.errors.items())),
            "filters": {name: {reason: dict(counts) for reason, counts in sorted(reasons.items())}
                        for name, reasons in sorted(self.filters.items())},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Stats:
        """Rebuild statistics written by :meth:`to_dict`.

        >>> s = Stats(documents=3, errors={"invalid_json": 1})
        >>> Stats.from_dict(s.to_dict()) == s
        True
        """
        return cls(
            documents=int(data["documents"]),
            documents_changed=int(data["documents_changed"]),
            chars_in=int(data["chars_in"]),
            chars_out=int(data["chars_out"]),
            filters={str(name): {str(reason): {k: int(counts[k]) for k in _COUNTERS}
                                 for reason, counts in reasons.items()}
                     for name, reasons in data["filters"].items()},
            errors={str(code): int(n) for code, n in data.get("errors", {}).items()},
        )

    def table(self) -> str:
        """The statistics as a plain-text table, for a terminal.

        >>> print(Stats(documents=2).table())
        2 documents, 0 changed (0.0%), 0 -> 0 characters
        no changes
        """
        lines = [self.summary()]
        rows = self.rows()
        if not rows:
            lines.append("no changes")
            return "\n".join(lines)
        labels = [clip_label(f"{name}/{reason}") for name, reason, *_ in rows]
        width = max(len("filter/reason"), *(len(label) for label in labels))
        head = ("documents", "changes", "chars removed", "chars added")
        lines.append(f"{'filter/reason':<{width}}  " + "  ".join(f"{h:>13}" for h in head))
        for label, row in zip(labels, rows, strict=True):
            lines.append(f"{label:<{width}}  " + "  ".join(f"{n:>13,}" for n in row[2:]))
        changes, removed, added = self.totals()
        lines.append(f"{'total':<{width}}  {self.documents_changed:>13,}  {changes:>13,}  "
                     f"{removed:>13,}  {added:>13,}")
        return "\n".join(lines)

    def summary(self) -> str:
        """One line: documents, how many changed, characters in and out."""
        share = 100 * self.documents_changed / self.documents if self.documents else 0.0
        line = (f"{self.documents:,} document{'s' if self.documents != 1 else ''}, "
                f"{self.documents_changed:,} changed ({share:.1f}%), "
                f"{self.chars_in:,} -> {self.chars_out:,} characters")
        if self.chars_in:
            line += f" ({100 * (self.chars_out - self.chars_in) / self.chars_in:+.1f}%)"
        return line


def _dedup(joined: str) -> str:
    """``"a+b+a+c"`` -> ``"a+b+c"``: each filter or reason once, in first-seen order.

    >>> _dedup("feed_name+tail_block+feed_name+blank_lines")
    'feed_name+tail_block+blank_lines'
    """
    if "+" not in joined:
        return joined
    return "+".join(dict.fromkeys(joined.split("+")))


def label(filter_name: str, reason: str) -> str:
    """The ``filter/reason`` label statistics use, repeated names dropped.

    >>> label("autoblog_tail+whitespace+autoblog_tail", "tail_block+blank_lines")
    'autoblog_tail+whitespace/tail_block+blank_lines'
    """
    return f"{_dedup(filter_name)}/{_dedup(reason)}"


def clip_label(text: str, width: int = LABEL_WIDTH) -> str:
    """Shorten a long label for display, with an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "…"
