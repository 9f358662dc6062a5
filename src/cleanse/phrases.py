"""Phrase lists (data files) and fast multi-phrase matching for line filters.

Phrase lists live in ``cleanse/data/<category>.txt``, one phrase per line::

    # comment: where this phrase is seen
    pt  Deixe um comentário      # WordPress pt_BR comment form heading
    *   Powered by Blogger.      # any language

The first column is an ISO 639-1 code (``*`` for any language), then two or more
spaces, the phrase, and an optional ``#`` comment. Phrases are facts, not text.

All phrases of a family compile into one *factored* pattern (a trie turned into a
regex), so the cost of a scan does not grow with the number of phrases, and filters
scan the whole document once with it instead of looping over lines in Python.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from cleanse.document import Document

__all__ = ["line_indexes", "load_phrases", "normalise_line", "trie_pattern"]


@cache
def load_phrases(category: str) -> tuple[tuple[str, str], ...]:
    """``(language, phrase)`` pairs from ``data/<category>.txt`` (read once per process)."""
    text = resources.files("cleanse.data").joinpath(f"{category}.txt").read_text("utf-8")
    pairs: list[tuple[str, str]] = []
    for raw in text.splitlines():
        line = raw.split("  #", 1)[0].rstrip() if not raw.startswith("#") else ""
        if not line.strip():
            continue
        lang, _, phrase = line.partition("  ")
        phrase = phrase.strip()
        if not phrase:
            raise ValueError(f"data/{category}.txt: no phrase on line {raw!r}")
        pairs.append((lang.strip(), phrase))
    return tuple(pairs)


def trie_pattern(phrases: Iterable[str]) -> str:
    """A regex source matching any of ``phrases``, factored by common prefixes.

    >>> trie_pattern(["read more", "read also", "see also"])
    '(?:read\\\\ (?:also|more)|see\\\\ also)'
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_source(trie)


def _trie_source(node: dict) -> str:  # type: ignore[type-arg]
    alternatives = []
    optional = False
    for ch in sorted(node):
        if ch == "":
            optional = True
            continue
        alternatives.append(regex.escape(ch) + _trie_source(node[ch]))
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    if optional:
        return f"(?:{body})?"
    return body


_NORMALISE = regex.compile(r"[\s\p{P}\p{S}]+")


def normalise_line(line: str) -> str:
    """Casefolded words only: the form in which whole-line phrases are compared.

    >>> normalise_line("  Post a Comment! ")
    'post a comment'
    """
    return str(_NORMALISE.sub(" ", line)).strip().casefold()


def line_indexes(
    doc: Document, pattern: regex.Pattern[str]
) -> Iterator[tuple[int, regex.Match[str]]]:
    """Yield ``(line_index, match)`` for the first match of ``pattern`` on each line.

    One C-level scan of the whole text; Python only runs for lines that match.
    Use ``(?m)^`` / ``$`` anchors in ``pattern`` for whole-line or line-start rules.
    """
    starts = doc.line_starts
    last = -1
    for m in pattern.finditer(doc.text):
        index = bisect_right(starts, m.start()) - 1
        if index != last:
            last = index
            yield index, m
