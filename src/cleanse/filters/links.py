"""Lines that are nothing but a link: shortener links, bare URLs, "Source: <url>".

A text without a "/" or "www." is not read any further; otherwise a stdlib scan finds
the lines that start like a link or a credit label, and only those are matched in
full. Line numbers are counted up to the lines found, not computed for the whole text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from cleanse import linestarts
from cleanse.filters.base import LineFilter
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
# case; a text with neither (most articles) is not scanned at all. The lookbehind
# pattern is led by a literal, which the engine finds at memory speed.
_WWW = re.compile(r"\.(?<=[wW][wW][wW]\.)")


def _maybe_link(text: str) -> bool:
    """The gate: false only for a text in which no line can be a link."""
    return "/" in text or _WWW.search(text) is not None


def _host(url: str) -> str:
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
        shorteners = _shorteners()
        for i, m in line_matches(doc, _pattern()):
            if m.group("label") is not None:
                yield i, "source_url"
            elif _host(m.group("url")).casefold() in shorteners:
                yield i, "short_link"
            else:
                yield i, "bare_url"
