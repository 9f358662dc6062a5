"""The reference for AutoblogTail's marker scan: every line matched in full, without
the prefilters, the shared scan of line starts or the phrase lookups (shared by
test_autoblog.py and test_autoblog_scan.py)."""

from __future__ import annotations

from cleanse.document import Document
from cleanse.filters.autoblog import _markers, _suffixed
from cleanse.phrases import line_matches


def markers_line_by_line(doc: Document) -> dict[int, str]:
    """What ``_scan_markers`` finds, by matching every line in full."""
    markers = {i: m.lastgroup or "" for i, m in
               line_matches(doc, _markers()._replace(lines=None, head=None))}
    for suffixed in _suffixed():
        for i, line in enumerate(doc.lines):
            if len(line) <= 200 and suffixed.scan.search(line) and suffixed.line.fullmatch(line):
                markers[i] = suffixed.kind
    return markers


def quoted_line_by_line(doc: Document) -> list[str]:
    """The titles ``_scan_markers`` finds quoted, by matching every line in full."""
    return [m.group("quoted") for _, m in
            line_matches(doc, _markers()._replace(lines=None, head=None))
            if m.lastgroup == "response"]
