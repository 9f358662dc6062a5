"""Navigation residue at the edges of an article: "Search", "Menu", "Skip to content"…

Text extraction often keeps a few words of the page's header or footer: the search
box label, the menu button, a skip link, account links, an ad-blocker notice. They
sit at the very top or bottom of the text, on lines of their own.

Only the edges are read: the first and the last ``max_edge_lines + 1`` non-blank
lines, where the walks in from the top and from the bottom stop at the latest. A walk
goes further only across lines that an autoblog tail filter removes, or starts higher
up when a tail ends the text; the rest is read only to rule that out (the middle of
the text when it is short, else the edges again, for autoblog markers). A text of a
few kilobytes is read whole, in one scan. Only a text with navigation lines within
reach is walked line by line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from cleanse.errors import ConfigError
from cleanse.filters.autoblog import (
    _class_or_astral,
    first_lines_end,
    last_lines_start,
    may_have_tail,
    may_hold_markers,
    prose_line,
    tail_removals,
)
from cleanse.filters.base import LineFilter
from cleanse.phrases import (
    LinePattern,
    line_pattern,
    line_start_source,
    load_phrases,
    phrase_prefixes,
    phrase_source,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from cleanse.document import Document

__all__ = ["EdgeResidue"]

_SEP = r"[\t\r\p{Zs}\p{P}\p{S}]"
# Longer lines are never navigation residue, even if the pattern would match.
_MAX_LINE = 150


@cache
def _starts() -> str:
    """The stdlib prefilter: the same lead, then the first letters of a phrase. The
    lead is one character class (that lets every character beyond the BMP through),
    which the engine tests quickly on every line."""
    phrases = [p for _, p in load_phrases("edge_residue")]
    notices = [p for _, p in load_phrases("adblock_notice")]
    starts = line_start_source(phrase_prefixes([*phrases, *notices], 8), fold=True)
    return f"{_class_or_astral(_SEP)}*{starts}"


@cache
def _head() -> re.Pattern[str]:
    """:func:`_starts` for the first line (which has no line break before it)."""
    return re.compile(_starts())


@cache
def _pattern() -> LinePattern:
    phrases = [p for _, p in load_phrases("edge_residue")]
    notices = [p for _, p in load_phrases("adblock_notice")]
    nav = phrase_source(phrases)
    ad = phrase_source(notices)
    return line_pattern(
        rf"{_SEP}*+(?:"
        rf"(?P<adblock_notice>{ad})"
        # one nav phrase, or several separated by punctuation ("Log in | Register")
        rf"|(?P<nav_residue>{nav}(?:{_SEP}++{nav}){{0,8}}"
        # or a breadcrumb or menu bar that starts with one ("Home » World » Europe",
        # "Home | News | Sport")
        rf"|{nav}(?:[\t\p{{Zs}}]*+[»›>|/·•][\t\p{{Zs}}]*+[^\n»›>|/·•]{{1,40}}+){{1,6}})"
        rf"){_SEP}*+",
        "i",
        lines=_starts(),
    )


def _hit_between(text: str, start: int, end: int) -> bool:
    """Whether a line that starts in ``text[start:end]`` is navigation (``start`` and
    ``end`` are line starts or ``len(text)``)."""
    pattern = _pattern()
    if start == 0 < end and _head().match(text, 0, end):
        m = pattern.first.match(text)
        if m is not None and m.end() <= _MAX_LINE:
            return True
    lines = pattern.lines
    assert lines is not None
    for g in lines.finditer(text, max(start - 1, 0), end):
        m = pattern.rest.match(text, g.start())
        if m is not None and m.end() - g.start() <= _MAX_LINE + 1:
            return True
    return False


@dataclass(frozen=True, slots=True, kw_only=True)
class EdgeResidue(LineFilter):
    """Remove navigation words left at the top or bottom edge of the text.

    A line goes when it is made only of navigation phrases ("Search", "Menu",
    "Skip to content", "Log in | Register", "Home » News", and their equivalents in
    pt, es, fr, it, de, nl, id, pl, ru, tr — see ``data/edge_residue.txt``;
    reason ``nav_residue``) or is an ad-blocker notice such as "Adblock test (Why?)"
    (``adblock_notice``), *and* it lies at an edge: among the first or last
    ``max_edge_lines`` other non-blank lines, with no prose line between it and the
    edge.

    The presets run it after the other line filters, so the edges are those of the
    article once the other junk (cookie banners, comment forms, share rows) is gone;
    otherwise a prose-like junk line would hide a navigation line until a second
    cleaning. On its own, or earlier in a pipeline, it still finds the end of the
    article: when an autoblog tail follows (see
    :func:`~cleanse.filters.autoblog.find_tail`), the bottom edge is the last lines
    before it (and the tail itself, which is outside the article), and the lines the
    tail filter removes do not count as article. Either way "Adblock test (Why?)"
    between the last paragraph and a Blogger tail goes here, and
    :class:`~cleanse.filters.autoblog.AutoblogTail` takes the tail.

    Left alone on purpose: the same words inside the article ("Home" as a heading
    after the first paragraph), in a sentence, or with other words on the line
    ("Search results were mixed").

    >>> from cleanse import Pipeline
    >>> r = Pipeline([EdgeResidue()])("Menu\\nSearch\\nA quiet week\\n\\nIt rained all "
    ...                               "week in the valley, and the river rose.\\nHome")
    >>> [(c.before, c.reason) for c in r.changes]
    [('Menu\\n', 'nav_residue'), ('Search\\n', 'nav_residue'), ('\\nHome', 'nav_residue')]
    """

    name = "edge_residue"
    reasons = ("nav_residue", "adblock_notice")

    max_edge_lines: int = 10

    def __post_init__(self) -> None:
        if not isinstance(self.max_edge_lines, int) or self.max_edge_lines < 1:
            raise ConfigError(f"EdgeResidue(max_edge_lines=...) must be a positive int, "
                              f"got {self.max_edge_lines!r}")

    def rejected(self, doc: Document) -> Iterator[tuple[int, str]]:
        """Navigation lines inside the top and bottom edges."""
        text = doc.text
        count = self.max_edge_lines + 1  # a walk from an edge stops at this line
        bottom = last_lines_start(text, count)
        top = first_lines_end(text, count) if bottom > 0 else 0
        bottom = max(top, bottom)
        if not (_hit_between(text, 0, top) or _hit_between(text, bottom, len(text))):
            # The walks stop inside [0, top) and [bottom, end) unless lines there are
            # removed by an autoblog tail filter, or a tail moves the bottom edge up.
            if top == bottom:
                return
            # One scan of the middle for navigation lines, or three scans of the edges
            # for autoblog markers (and their last lines): the middle when it is cheaper.
            if bottom - top <= 4 * (len(text) - bottom + top):
                if not _hit_between(text, top, bottom):
                    return
            elif not (may_hold_markers(text, 0, top) or may_have_tail(text)):
                return
        yield from self._walks(doc)

    def _walks(self, doc: Document) -> Iterator[tuple[int, str]]:
        """Walk in from both edges; lines are judged when a walk reaches them."""
        lines = doc.lines
        pattern, head = _pattern(), _head()
        judged: set[int] = set()
        hits: dict[int, str] = {}  # the navigation lines among those judged

        def hit(index: int) -> bool:
            if index not in judged:
                judged.add(index)
                line = lines[index]
                m = (pattern.first.match(line)
                     if len(line) <= _MAX_LINE and head.match(line) else None)
                if m is not None:
                    hits[index] = m.lastgroup or "nav_residue"
            return index in hits

        # lines an autoblog tail filter removes are not article: the walks cross them
        start, gone = tail_removals(doc)
        picked = set(self._edge(lines, range(len(lines)), hit, gone))
        end = len(lines)
        if start is not None:  # a tail is outside the article: all of it is edge
            end = start
            picked.update(i for i in range(end, len(lines)) if hit(i))
        picked.update(self._edge(lines, range(end - 1, -1, -1), hit, gone))
        for i in sorted(picked):
            yield i, hits[i]

    def _edge(self, lines: tuple[str, ...], order: Iterable[int],
              hit: Callable[[int], bool], gone: Callable[[int], bool]) -> Iterator[int]:
        """Hits met walking ``order`` from an edge, until prose or the line budget.

        Only the lines that stay count against the budget, so that removing some
        navigation lines never brings others into reach (cleaning twice = once).
        """
        seen = 0
        for i in order:
            line = lines[i]
            if hit(i):
                yield i
            elif line.strip() and not gone(i):
                seen += 1
                if seen > self.max_edge_lines or prose_line(line):
                    return
