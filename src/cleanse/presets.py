"""The preset filter lists, in the order they run.

Order matters: line endings first (line rules split on ``\\n``), encoding repair
next (so phrase lists see real characters), line removals next, inline punctuation
repair after removals (which leave stray punctuation behind), whitespace last
(removals leave blank-line runs).
"""

from __future__ import annotations

from cleanse.filters import (
    AutoblogTail,
    CallToAction,
    CommentForm,
    EdgeResidue,
    FixEncoding,
    LanguageConsistency,
    LineEndings,
    LinkLines,
    Punctuation,
    RelatedLinks,
    Whitespace,
)
from cleanse.filters.base import Filter

__all__ = ["DEFAULT", "STRICT"]


def DEFAULT() -> list[Filter]:  # noqa: N802 - reads as a constant list, built fresh
    """Filters of :func:`cleanse.default_pipeline`."""
    return [
        LineEndings(),  # first: every line rule must see real lines
        FixEncoding(),
        AutoblogTail(),
        CommentForm(),
        RelatedLinks(),
        LinkLines(),
        CallToAction(),
        # after every other line filter: the edges are where the article starts and
        # ends once the other junk is gone (so cleaning twice = cleaning once)
        EdgeResidue(),
        Punctuation(),
        Whitespace(),
    ]


def STRICT() -> list[Filter]:  # noqa: N802 - reads as a constant list, built fresh
    """Filters of :func:`cleanse.strict_pipeline`."""
    default = DEFAULT()
    # foreign-language paragraphs go right before inline punctuation repair
    at = next((k for k, f in enumerate(default) if f.name in ("punctuation", "whitespace")),
              len(default))
    default.insert(at, LanguageConsistency())
    return default
