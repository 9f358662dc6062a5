"""Every filter cleanse ships, and the registry the contract tests run over."""

from __future__ import annotations

from cleanse.filters.base import Filter, FunctionFix, LineContext, LineFilter, RegexFix
from cleanse.filters.whitespace import Whitespace

__all__ = [
    "ALL_FILTERS",
    "Filter",
    "FunctionFix",
    "LineContext",
    "LineFilter",
    "RegexFix",
    "Whitespace",
]

#: Every shipped filter class; each builds with no arguments. Tests check the laws
#: (DESIGN.md L1-L8) for every entry, so a new filter joins here.
ALL_FILTERS: tuple[type[Filter], ...] = (
    Whitespace,
)
