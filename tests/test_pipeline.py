"""Pipeline behaviour: composition, validation, errors for bad input."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

import cleanse
from cleanse import ConfigError, EditError, InputTypeError, Pipeline
from cleanse.document import Document
from cleanse.filters import LineFilter, RegexFix, Whitespace
from cleanse.filters.base import LineContext
from cleanse.tracked import Edit


@dataclass(frozen=True, slots=True, kw_only=True)
class DropShouting(LineFilter):
    name = "drop_shouting"
    reasons = ("shouting",)

    def reject(self, line: str, ctx: LineContext) -> str | None:
        return "shouting" if line.isupper() else None


@dataclass(frozen=True, slots=True, kw_only=True)
class UndeclaredReason(LineFilter):
    name = "undeclared"
    reasons = ("declared",)

    def reject(self, line: str, ctx: LineContext) -> str | None:
        return "other"


def test_filters_run_in_order_and_compose_provenance() -> None:
    pipe = Pipeline([DropShouting(), Whitespace()])
    r = pipe("Title\n\nBUY NOW\n\nBody text.\n")
    assert r.text == "Title\n\nBody text.\n"
    assert [(c.filter, c.reason, c.before) for c in r.changes] == [
        ("drop_shouting", "shouting", "BUY NOW\n"),
        ("whitespace", "blank_lines", "\n"),
    ]


def test_bytes_input_says_how_to_decode() -> None:
    with pytest.raises(TypeError, match=r"decode.*clean_html"):
        cleanse.clean(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(InputTypeError):
        cleanse.clean(None)  # type: ignore[arg-type]


def test_pipeline_rejects_non_filters() -> None:
    with pytest.raises(ConfigError):
        Pipeline([str.strip])  # type: ignore[list-item]


def test_undeclared_reason_is_a_filter_bug() -> None:
    with pytest.raises(EditError, match="undeclared"):
        Pipeline([UndeclaredReason()])("a line")


def test_regexfix_and_bad_configuration() -> None:
    fix = RegexFix(name="double_comma", pattern=",{2,}", replacement=",", reason="doubled")
    assert Pipeline([fix])("a,,, b").text == "a, b"
    with pytest.raises(ConfigError):
        RegexFix(name="bad", pattern="(", replacement="", reason="x")
    with pytest.raises(ConfigError):
        RegexFix(name="Not Snake", pattern="a", replacement="", reason="x")


def test_context_reaches_filters() -> None:
    seen: list[tuple[str | None, str | None, str | None]] = []

    @dataclass(frozen=True, slots=True, kw_only=True)
    class Spy(cleanse.Filter):
        name = "spy"
        reasons = ("never",)

        def edits(self, doc: Document) -> list[Edit]:
            seen.append((doc.context.site, doc.language, doc.context.title))
            return []

    Pipeline([Spy()])("text", url="https://www.example.org/a", language="pt", title="T")
    assert seen == [("example.org", "pt", "T")]


def test_presets_are_pipelines() -> None:
    assert isinstance(cleanse.default_pipeline(), Pipeline)
    assert isinstance(cleanse.strict_pipeline(), Pipeline)
    assert "whitespace" in cleanse.default_pipeline().names
    assert set(cleanse.default_pipeline().names) <= set(cleanse.strict_pipeline().names)
