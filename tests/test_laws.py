"""The laws of DESIGN.md, for every filter in ALL_FILTERS and for both presets.

Parametrised over the registry, so a filter joins these tests by joining ALL_FILTERS.
Inputs come from cleanse.testing's strategies (one source of truth with users' tests):
clean articles, dirty articles with every junk family and damage, hostile text.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import pickle
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

import cleanse
from cleanse.filters import ALL_FILTERS
from cleanse.filters.base import Filter
from cleanse.pipeline import Pipeline
from cleanse.result import Result
from cleanse.testing import (
    Article,
    DirtyArticle,
    articles,
    assert_linear,
    check_laws,
    dirty_articles,
    hostile_text,
    junk_lines,
)

CI = os.environ.get("CI", "").lower() not in ("", "0", "false")
FILTERS = [pytest.param(cls, id=getattr(cls, "name", cls.__name__)) for cls in ALL_FILTERS]
PRESETS = {"default": cleanse.default_pipeline(), "strict": cleanse.strict_pipeline()}
PRESET_IDS = list(PRESETS)
HOSTILE = hostile_text(max_repeat=50_000 if CI else 10_000)
SNAKE = re.compile(r"[a-z][a-z0-9_]*")

# Inputs a filter meets in practice: clean and dirty articles, single junk lines.
TEXTS = st.one_of(
    articles().map(str),
    dirty_articles(damage=True).map(lambda d: d.text),
    junk_lines().map(lambda j: j.text),
)


# -- L1-L4 and L7, every filter ------------------------------------------------------------


@pytest.mark.parametrize("cls", FILTERS)
@given(text=TEXTS)
def test_filter_keeps_provenance_laws_on_articles(cls: type[Filter], text: str) -> None:
    check_laws(cls(), text)


@pytest.mark.parametrize("cls", FILTERS)
@given(text=HOSTILE)
def test_filter_is_total_on_hostile_text(cls: type[Filter], text: str) -> None:
    check_laws(cls(), text)


@pytest.mark.parametrize("cls", FILTERS)
@given(article=articles())
def test_filter_passes_clean_articles_through(cls: type[Filter], article: Article) -> None:
    check_laws(cls(), article.text, clean=True)


# -- L1-L7, presets -------------------------------------------------------------------------


@pytest.mark.parametrize("preset", PRESET_IDS)
@given(doc=dirty_articles(damage=True), with_context=st.booleans())
def test_preset_laws_and_idempotence_on_dirty_articles(preset: str, doc: DirtyArticle,
                                                       with_context: bool) -> None:
    kwargs = doc.context if with_context else {}
    check_laws(PRESETS[preset], doc.text, idempotent=True, **kwargs)


@pytest.mark.parametrize("preset", PRESET_IDS)
@given(article=articles(), with_context=st.booleans())
def test_preset_passes_clean_articles_through(preset: str, article: Article,
                                              with_context: bool) -> None:
    kwargs = {"url": article.url, "language": article.language,
              "title": article.title} if with_context else {}
    check_laws(PRESETS[preset], article.text, clean=True, idempotent=True, **kwargs)


@pytest.mark.parametrize("preset", PRESET_IDS)
@given(text=HOSTILE)
def test_preset_is_total_and_idempotent_on_hostile_text(preset: str, text: str) -> None:
    check_laws(PRESETS[preset], text, idempotent=True)


@pytest.mark.parametrize("preset", PRESET_IDS)
@pytest.mark.parametrize("value", [b"bytes", bytearray(b"x"), None, 42, ["a list"]])
def test_preset_raises_type_error_for_non_str(preset: str, value: object) -> None:
    with pytest.raises(TypeError, match="str"):
        PRESETS[preset](value)  # type: ignore[arg-type]


@pytest.mark.linear
@pytest.mark.parametrize("preset", PRESET_IDS)
def test_preset_handles_one_huge_line(preset: str) -> None:
    size = 50_000_000 if CI else 2_000_000  # DESIGN.md L7: "a 50 MB single line"
    line = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * (size // 57 + 1))
    result = PRESETS[preset](line[:size])
    assert result.text == line[:size].rstrip()


# -- L7, time ----------------------------------------------------------------------------

# Inputs that make naive regexes or per-character Python loops blow up.
ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "spaces": lambda n: " " * n,
    "blank_lines": lambda n: "\n" * n,
    "crlf_spaces": lambda n: " \r\n" * (n // 3),
    "dots": lambda n: "." * n,
    "dot_space": lambda n: ". " * (n // 2),
    "commas": lambda n: " ," * (n // 2),
    "brackets": lambda n: "( " * (n // 2),
    "nbsp": lambda n: "a\u00a0" * (n // 2),
    "read_prefix": lambda n: "READ\u00a0 " * (n // 6),
    "url_prefix": lambda n: "https://" * (n // 8),
    "entities": lambda n: "&amp" * (n // 4),
    "mojibake": lambda n: "Ã©â€" * (n // 4),
    "phrase_lines": lambda n: "Powered by \n" * (n // 12),
    "one_word": lambda n: "a" * n,
    "prose_line": lambda n: ("Le conseil a voté, lundi. " * (n // 26 + 1))[:n],
}


@pytest.mark.linear
@pytest.mark.parametrize("cls", FILTERS)
def test_filter_runs_in_linear_time(cls: type[Filter]) -> None:
    for name, build in ADVERSARIAL.items():
        try:
            assert_linear(cls(), build, n=10_000 if CI else 1_000, repeat=3 if CI else 2)
        except AssertionError as exc:
            raise AssertionError(f"{name}: {exc}") from None


# -- L8 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", FILTERS)
def test_filter_is_a_frozen_keyword_only_dataclass_with_a_contract(cls: type[Filter]) -> None:
    f = cls()  # every filter builds with no arguments
    assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert not hasattr(f, "__dict__"), "slots=True: no per-instance dict to hide state in"
    assert all(field.kw_only for field in dataclasses.fields(cls)), "fields are keyword-only"
    for field in dataclasses.fields(cls):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(f, field.name, getattr(f, field.name))
    hash(f)  # immutable all the way down: every field is hashable
    assert isinstance(f.name, str) and SNAKE.fullmatch(f.name)
    assert isinstance(f.reasons, tuple) and f.reasons
    assert all(SNAKE.fullmatch(r) for r in f.reasons) and len(set(f.reasons)) == len(f.reasons)
    assert cls.__doc__ and ">>>" in cls.__doc__, "the docstring has a doctest"


def test_filter_names_are_unique() -> None:
    names = [cls().name for cls in ALL_FILTERS]
    assert len(names) == len(set(names))


def sample_texts(count: int) -> list[str]:
    """A fixed batch of dirty articles (generated once, the same for every filter)."""
    texts: list[str] = []

    @settings(max_examples=count, database=None, derandomize=True, phases=[Phase.generate])
    @given(dirty_articles(damage=True))
    def collect(doc: DirtyArticle) -> None:
        texts.append(doc.text)

    collect()
    return texts


SAMPLES = sample_texts(12)


@pytest.mark.parametrize("cls", FILTERS)
def test_filter_is_picklable_deterministic_and_unchanged_by_use(cls: type[Filter]) -> None:
    f = cls()
    before = copy.deepcopy(f)
    again = pickle.loads(pickle.dumps(f))
    assert again == f and hash(again) == hash(f)
    first = [Pipeline([f])(t) for t in SAMPLES]
    assert [Pipeline([again])(t) for t in SAMPLES] == first
    assert [Pipeline([cls()])(t) for t in SAMPLES] == first
    assert f == before


@pytest.mark.parametrize("cls", FILTERS)
def test_filter_is_thread_safe(cls: type[Filter]) -> None:
    pipe = Pipeline([cls()])
    sequential = [pipe(t) for t in SAMPLES]
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(3):
            assert list(pool.map(pipe, SAMPLES)) == sequential


@pytest.mark.parametrize("preset", PRESET_IDS)
def test_preset_is_thread_safe_and_picklable(preset: str) -> None:
    pipe = PRESETS[preset]
    sequential = [pipe(t) for t in SAMPLES]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(pipe, SAMPLES)) == sequential
    assert [pickle.loads(pickle.dumps(pipe))(t) for t in SAMPLES] == sequential
    assert [pickle.loads(pickle.dumps(r)) for r in sequential] == sequential


def recount(result: Result) -> dict[str, dict[str, dict[str, int]]]:
    """Statistics recomputed independently from the changes alone."""
    out: dict[str, dict[str, dict[str, int]]] = {}
    for c in result.changes:
        row = out.setdefault(c.filter, {}).setdefault(c.reason, dict.fromkeys(
            ("changes", "chars_removed", "chars_added"), 0))
        row["changes"] += 1
        row["chars_removed"] += len(c.before)
        row["chars_added"] += len(c.after)
    return out


@pytest.mark.parametrize("preset", PRESET_IDS)
def test_preset_stats_derive_from_changes(preset: str) -> None:
    for text in SAMPLES:
        r = PRESETS[preset](text)
        assert r.stats() == recount(r)
        # a result rebuilt from its changes alone has the same statistics: no counters
        assert Result.from_dict(r.to_dict()).stats() == r.stats()
