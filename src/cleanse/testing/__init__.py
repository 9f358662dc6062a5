"""Property-based testing of cleanse filters and pipelines, for users and for cleanse.

The law checks need nothing beyond cleanse; the strategies need hypothesis, which
comes with the dev extra (``pip install 'cleanse[dev]'``) or on its own
(``pip install hypothesis``). They are imported lazily, so ``import cleanse.testing``
works without it and only touching a strategy asks for it.

>>> from cleanse.filters import Whitespace
>>> from cleanse.testing import check_laws
>>> check_laws(Whitespace(), "Already  tidy?").text
'Already tidy?'

A test of your own pipeline (see docs/testing.md)::

    from hypothesis import given
    from cleanse.testing import assert_cleans, dirty_articles

    @given(dirty_articles(languages=["pt", "es"], families=["comment_form"]))
    def test_my_pipeline_removes_comment_forms(doc):
        assert_cleans(my_pipeline, doc)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cleanse.testing.laws import (
    CleaningError,
    LawError,
    assert_cleans,
    assert_linear,
    check_laws,
    check_result,
)

if TYPE_CHECKING:
    from cleanse.testing.strategies import (
        DAMAGE,
        FAMILIES,
        LANGUAGES,
        Article,
        DirtyArticle,
        JunkLine,
        Repair,
        Span,
        articles,
        dirty_articles,
        hostile_text,
        junk_lines,
    )

__all__ = [
    "DAMAGE",
    "FAMILIES",
    "HYPOTHESIS_MISSING",
    "LANGUAGES",
    "PROFILES",
    "Article",
    "CleaningError",
    "DirtyArticle",
    "JunkLine",
    "LawError",
    "Repair",
    "Span",
    "articles",
    "assert_cleans",
    "assert_linear",
    "check_laws",
    "check_result",
    "dirty_articles",
    "hostile_text",
    "junk_lines",
    "register_profiles",
]

#: The message of the ImportError raised when hypothesis is missing.
HYPOTHESIS_MISSING = ("cleanse.testing strategies need hypothesis: install the dev extra "
                      "(pip install 'cleanse[dev]') or hypothesis itself (pip install hypothesis)")

_STRATEGIES = frozenset({"DAMAGE", "FAMILIES", "LANGUAGES", "Article", "DirtyArticle",
                         "JunkLine", "Repair", "Span", "articles", "dirty_articles",
                         "hostile_text", "junk_lines"})

#: Hypothesis settings of cleanse's own profiles, by name. ``dev``: quick and random
#: (new examples every run); ``ci``: many more examples, derandomised so a failure
#: reproduces, no example database. No deadline: timing is L7's business, measured by
#: :func:`assert_linear`, not per example on a busy CI machine.
PROFILES: dict[str, dict[str, Any]] = {
    "dev": {"max_examples": 12, "deadline": None, "print_blob": True},
    "ci": {"max_examples": 150, "deadline": None, "derandomize": True, "database": None,
           "print_blob": True},
}


def register_profiles(prefix: str = "") -> tuple[str, ...]:
    """Register :data:`PROFILES` with hypothesis as ``prefix + name``; return the names.

    Registering changes nothing until a profile is loaded
    (``hypothesis.settings.load_profile(name)``, or ``pytest --cleanse-profile=ci``).
    """
    try:
        from hypothesis import HealthCheck, settings  # noqa: PLC0415 - optional dependency
    except ImportError as exc:
        raise ImportError(HYPOTHESIS_MISSING) from exc
    names = []
    for name, values in PROFILES.items():
        settings.register_profile(prefix + name, suppress_health_check=[HealthCheck.too_slow],
                                  **values)
        names.append(prefix + name)
    return tuple(names)


def __getattr__(name: str) -> Any:
    if name in _STRATEGIES:
        from cleanse.testing import strategies  # noqa: PLC0415 - needs hypothesis

        return getattr(strategies, name)
    raise AttributeError(f"module 'cleanse.testing' has no attribute {name!r}")
