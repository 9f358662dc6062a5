"""Every filter cleanse ships, and the registry the contract tests run over."""

from __future__ import annotations

from cleanse.filters.autoblog import AutoblogTail
from cleanse.filters.base import Filter, FunctionFix, LineContext, LineFilter, RegexFix
from cleanse.filters.comments import CommentForm
from cleanse.filters.edges import EdgeResidue
from cleanse.filters.encoding import FixEncoding
from cleanse.filters.language import LanguageConsistency
from cleanse.filters.learned import LearnedBoilerplate
from cleanse.filters.links import LinkLines
from cleanse.filters.punctuation import Punctuation
from cleanse.filters.related import RelatedLinks
from cleanse.filters.whitespace import LineEndings, Whitespace
from cleanse.filters.widgets import CallToAction

__all__ = [
    "ALL_FILTERS",
    "AutoblogTail",
    "CallToAction",
    "CommentForm",
    "EdgeResidue",
    "Filter",
    "FixEncoding",
    "FunctionFix",
    "LanguageConsistency",
    "LearnedBoilerplate",
    "LineContext",
    "LineEndings",
    "LineFilter",
    "LinkLines",
    "Punctuation",
    "RegexFix",
    "RelatedLinks",
    "Whitespace",
]

#: Every shipped filter class; each builds with no arguments. Tests check the laws
#: (DESIGN.md L1-L8) for every entry, so a new filter joins here.
ALL_FILTERS: tuple[type[Filter], ...] = (
    LineEndings,
    FixEncoding,
    EdgeResidue,
    AutoblogTail,
    CommentForm,
    RelatedLinks,
    LinkLines,
    CallToAction,
    LanguageConsistency,
    LearnedBoilerplate,
    Punctuation,
    Whitespace,
)
