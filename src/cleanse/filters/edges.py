"""Navigation residue at the edges of an article: "Search", "Menu", "Skip to content"…

Text extraction often keeps a few words of the page's header or footer: the search
box label, the menu button, a skip link, account links, an ad-blocker notice. They
sit at the very top or bottom of the text, on lines of their own.

Only the lines that the shared scan of line starts (:mod:`cleanse.linestarts`) gives
this rule are matched, a line that is exactly a phrase of the data is looked up, and
a text without a match costs nothing else, not even its lines. The walks from the
edges look for an autoblog tail only when they miss a match without one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from cleanse import linestarts
from cleanse.errors import ConfigError
from cleanse.filters.autoblog import Tail, find_tail, prose_line
from cleanse.filters.base import LineFilter, line_removals
from cleanse.phrases import (
    KnownLines,
    LinePattern,
    class_or_astral,
    judged_lines,
    line_pattern,
    line_start_source,
    load_phrases,
    phrase_keys,
    phrase_prefixes,
    phrase_source,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    import regex

    from cleanse.document import Document
    from cleanse.tracked import Edit

__all__ = ["EdgeResidue"]

_SEP = r"[\t\r\p{Zs}\p{P}\p{S}]"
# Longer lines are never navigation residue, even if the pattern would match.
_MAX_LINE = 150


@cache
def _pattern() -> LinePattern:
    phrases = [p for _, p in load_phrases("edge_residue")]
    notices = [p for _, p in load_phrases("adblock_notice")]
    nav = phrase_source(phrases)
    ad = phrase_source(notices)
    # the stdlib prefilter: the same lead, then the first letters of a phrase
    starts = line_start_source(phrase_prefixes([*phrases, *notices], 8), fold=True)
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
        # (a lead class with every astral character: a run of it is one fast loop)
        lines=rf"{class_or_astral('(?i)' + _SEP)}*{starts}",
        keys=_keys(),
    )


@cache
def _keys() -> frozenset[str]:
    """The keys (see :mod:`cleanse.linestarts`) of :func:`_pattern`'s rule."""
    return frozenset(phrase_keys(p for name in ("edge_residue", "adblock_notice")
                                 for _, p in load_phrases(name)))


@cache
def _phrase_lines() -> KnownLines[str]:
    """Navigation lines that are exactly one of the phrases ("Search", "Menu",
    "Adblock test (Why?)"), judged once, to look up instead of match."""
    return KnownLines.build(_pattern(), (p for name in ("edge_residue", "adblock_notice")
                                         for _, p in load_phrases(name)), _reason)


def _reason(m: regex.Match[str]) -> str:
    return m.lastgroup or "nav_residue"


def _hits(doc: Document) -> dict[int, str]:
    """The lines :func:`_pattern` matches, by index, with their reasons; lines longer
    than ``_MAX_LINE`` aside (they are not even matched)."""
    pattern = _pattern()
    text = doc.text
    hits: dict[int, str] = {}
    if pattern.head is None or pattern.head.match(text):
        m = pattern.first.match(text)
        if m is not None and m.end() <= _MAX_LINE:  # (it ends where the line does)
            hits[0] = _reason(m)
    index = counted = 0  # line breaks in text[:counted]
    for start, reason in judged_lines(doc, pattern, _reason, _phrase_lines(),
                                      max_size=_MAX_LINE):
        index += text.count("\n", counted, start)
        counted = start
        hits[index] = reason
    return hits


# (the tail of a text without one)
_NO_TAIL = Tail(None, {})


# Registered at import, not on first use: the shared scan of line starts is then
# compiled once, with every rule, and not again as each filter first runs.
linestarts.register(_keys())


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
        yield from self._picked(doc).items()

    def edits(self, doc: Document) -> list[Edit]:
        """Line removals for :meth:`rejected` (without a generator: most documents
        have nothing to remove)."""
        picked = self._picked(doc)
        return line_removals(doc, picked.items()) if picked else []

    def _picked(self, doc: Document) -> dict[int, str]:
        """The lines to remove, in order, with their reasons."""
        hits = _hits(doc)
        if not hits:  # most texts: their lines are not needed
            return {}
        lines = doc.lines
        # Walks without the autoblog tail first. A tail only takes the walks further
        # (its lines are crossed for free, and it moves the bottom edge up to it, all of
        # it edge), so when they reach every hit without it, they reach them all with
        # it: it is only looked for otherwise (its search reads the whole text).
        picked = self._walks(lines, hits, _NO_TAIL)
        if len(picked) < len(hits):
            # lines an autoblog tail filter removes are not article: the walks cross them
            picked = self._walks(lines, hits, find_tail(doc))
        return {i: hits[i] for i in sorted(picked)}

    def _walks(self, lines: tuple[str, ...], hits: dict[int, str], tail: Tail) -> set[int]:
        """The hits the walks from the top and from the bottom edge meet, given the
        autoblog tail."""
        gone = tail.removals
        picked = set(self._edge(lines, range(len(lines)), hits, gone))
        end = len(lines)
        if tail.start is not None:  # a tail is outside the article: all of it is edge
            end = tail.start
            picked.update(i for i in hits if i >= end)
        picked.update(self._edge(lines, range(end - 1, -1, -1), hits, gone))
        return picked

    def _edge(self, lines: tuple[str, ...], order: Iterable[int], hits: dict[int, str],
              gone: dict[int, str]) -> Iterator[int]:
        """Hits met walking ``order`` from an edge, until prose or the line budget.

        Only the lines that stay count against the budget, so that removing some
        navigation lines never brings others into reach (cleaning twice = once).
        """
        seen = 0
        for i in order:
            line = lines[i]
            if i in hits:
                yield i
            elif line.strip() and i not in gone:
                seen += 1
                if seen > self.max_edge_lines or prose_line(line):
                    return
