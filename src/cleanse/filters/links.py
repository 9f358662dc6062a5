"""Lines that are nothing but a link: shortener links, bare URLs, "Source: <url>".

Only the lines that start like a link or a credit label are matched in full: the ones
the shared scan of line starts (:mod:`cleanse.linestarts`) gives this rule, and the
first line if it starts so. A text without any (most articles) costs nothing more; one
with some is still turned away when it holds no "/" and no "www.". Line numbers are
counted up to the lines found, not computed for the whole text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from cleanse import linestarts
from cleanse.filters.base import LineFilter, line_removals
from cleanse.phrases import (
    LinePattern,
    line_matches,
    line_pattern,
    line_start_source,
    load_phrases,
    phrase_keys,
    phrase_prefixes,
    phrase_source,
    regex_class,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from cleanse.document import Document
    from cleanse.tracked import Edit

__all__ = ["LinkLines"]

_H = r"[\t\p{Zs}]"


@cache
def _shorteners() -> frozenset[str]:
    return frozenset(host.casefold() for _, host in load_phrases("link_shorteners"))


@cache
def _pattern() -> LinePattern:
    labels = phrase_source(p for _, p in load_phrases("source_labels"))
    hosts = phrase_source(sorted(_shorteners()))
    return line_pattern(
        rf"[\t\r\p{{Zs}}]*+(?:(?P<label>{labels}){_H}*+[:：]{_H}*+)?[<(\[]?"
        # possessive runs of non-space: one linear scan whatever the line holds
        rf"(?P<url>(?:https?://|www\.)[^\s<>]++|(?<![\w.]){hosts}/[^\s<>]++)"
        rf"[>)\]]?{_H}*+",
        "i",
        gate=_maybe_link,
        lines=_starts(),
        keys=_keys(),
    )


@cache
def _keys() -> frozenset[str]:
    """The keys (see :mod:`cleanse.linestarts`) of :func:`_pattern`'s rule."""
    return frozenset(phrase_keys([*(p for _, p in load_phrases("source_labels")), "http",
                                  "www", *_shorteners()]))


# Registered at import, not on first use: the shared scan of line starts is then
# compiled once, with every rule, and not again as each filter first runs.
linestarts.register(_keys())


@cache
def _starts() -> str:
    """The stdlib prefilter of :func:`_pattern`: the same lead, then the start of a
    credit label, or of a link (in a bracket or not)."""
    links = ["http", "www.", *(f"{host}/" for host in _shorteners())]
    starts = [*phrase_prefixes((p for _, p in load_phrases("source_labels")), 8),
              *links, *(bracket + link for bracket in "<([" for link in links)]
    return regex_class(r"(?i)[\t\r\p{Zs}]") + "*" + line_start_source(starts, fold=True)


# Every link the pattern takes holds a "/" ("https://", "bit.ly/…") or "www." in any
# case; a text with neither is not matched at all (the gate, asked only about a text
# with candidate lines). The lookbehind pattern is led by a literal, which the engine
# finds at memory speed.
_WWW = re.compile(r"\.(?<=[wW][wW][wW]\.)")


def _maybe_link(text: str) -> bool:
    """The gate: false only for a text in which no line can be a link."""
    return "/" in text or _WWW.search(text) is not None


def _no_candidates(doc: Document, pattern: LinePattern) -> bool:
    """True when :func:`~cleanse.phrases.line_matches` finds nothing for sure: no line
    start the shared scan gives ``pattern``, and a first line its prefilter rejects.
    A test of what is already known, far cheaper than the gate and the generators."""
    return (pattern.rule is not None and pattern.head is not None
            and not doc.line_candidates(pattern.rule) and pattern.head.match(doc.text) is None)


# Most links have a plain shape: "https://host/…" or, with no "://" anywhere, "host/…"
# ("www.host/…", "bit.ly/…"), the host made of ASCII letters, digits, dots and hyphens
# up to a "/", "?", "#" or the end. urlsplit() would take that host as it is (and
# lowercase it) at several times the cost: it only reads the other links.
_PLAIN_URL = re.compile(r"(?:[hH][tT][tT][pP][sS]?://)?([A-Za-z0-9.-]+)(?:[/?#]|\Z)")


def _host(url: str) -> str:
    """The host of a link, lowercased, without a leading ``www.`` ("" for none).

    >>> _host("HTTPS://WWW.Example.org/a"), _host("bit.ly/x"), _host("www.x.com?u=http://y")
    ('example.org', 'bit.ly', '')
    """
    plain = _PLAIN_URL.match(url)
    if plain is not None and (plain.start(1) > 0 or "://" not in url):
        return plain.group(1).lower().removeprefix("www.")
    if "://" not in url:
        url = "http://" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # e.g. a malformed IPv6 literal: still a link line
        return ""
    return host.removeprefix("www.")


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkLines(LineFilter):
    """Remove lines that hold a link and nothing else.

    - ``short_link``: a link on a shortener or redirector (ift.tt, bit.ly, t.co,
      goo.gl, tinyurl.com, ow.ly, buff.ly, dlvr.it, lnkd.in, fb.me, trib.al, … — see
      ``data/link_shorteners.txt``), with or without ``https://``;
    - ``bare_url``: any other line that is only a URL (``https://…`` or ``www.…``,
      possibly in ``<>``, ``()`` or ``[]``);
    - ``source_url``: a credit label followed by nothing but a link ("Source: <url>",
      "Fonte: <url>", "Quelle: <url>", "Via: <url>"; ``data/source_labels.txt``).

    Left alone on purpose: a URL inside a sentence, a credit with words ("Source:
    Reuters", "Quelle: dpa, https://…"), a line of two links, bulleted link lists,
    and e-mail addresses.

    >>> from cleanse import Pipeline
    >>> r = Pipeline([LinkLines()])("Read the report.\\nhttps://bit.ly/3xYz\\n"
    ...                             "Quelle: https://example.de/a\\nSee example.org.")
    >>> r.text
    'Read the report.\\nSee example.org.'
    >>> [c.reason for c in r.changes]
    ['short_link', 'source_url']
    """

    name = "link_lines"
    reasons = ("short_link", "bare_url", "source_url")

    def rejected(self, doc: Document) -> Iterator[tuple[int, str]]:
        """Every link-only line."""
        yield from self._found(doc)

    def edits(self, doc: Document) -> list[Edit]:
        """Line removals for :meth:`rejected` (without a generator: most documents
        have nothing to remove)."""
        found = self._found(doc)
        return line_removals(doc, found) if found else []

    def _found(self, doc: Document) -> list[tuple[int, str]]:
        """Every link-only line and its reason, in order."""
        pattern = _pattern()
        if _no_candidates(doc, pattern):  # most texts
            return []
        shorteners = _shorteners()
        found = []
        for i, m in line_matches(doc, pattern):
            if m.group("label") is not None:
                found.append((i, "source_url"))
            elif _host(m.group("url")).casefold() in shorteners:
                found.append((i, "short_link"))
            else:
                found.append((i, "bare_url"))
        return found
