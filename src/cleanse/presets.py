"""The preset filter lists, in the order they run.

Order matters: encoding repair first (so phrase lists see real characters), line
removals next, inline punctuation repair after removals (which leave stray
punctuation behind), whitespace last (removals leave blank-line runs).
"""

from __future__ import annotations

from cleanse.filters import Whitespace
from cleanse.filters.base import Filter

__all__ = ["DEFAULT", "STRICT"]


def DEFAULT() -> list[Filter]:  # noqa: N802 - reads as a constant list, built fresh
    """Filters of :func:`cleanse.default_pipeline`."""
    return [
        Whitespace(),
    ]


def STRICT() -> list[Filter]:  # noqa: N802 - reads as a constant list, built fresh
    """Filters of :func:`cleanse.strict_pipeline`."""
    default = DEFAULT()
    return default
