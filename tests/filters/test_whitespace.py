"""Whitespace: every rule, the look-alikes it leaves alone, and adversarial runs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanse import Pipeline
from cleanse.filters import LineEndings, Whitespace

WS = Pipeline([Whitespace()])


@pytest.mark.parametrize(
    ("dirty", "clean", "reasons"),
    [
        ("a\r\nb\rc", "a\nb\nc", {"line_ending"}),
        ("a \t\nb  ", "a\nb", {"trailing_space"}),
        ("a\n\n\n\n\nb", "a\n\nb", {"blank_lines"}),
        ("a\n  \n \t \n\nb", "a\n\nb", {"blank_lines", "trailing_space"}),
        ("\n\n  \nTitle", "Title", {"blank_lines"}),
        ("Text\n\n\n", "Text\n", {"blank_lines"}),
        ("Text\n   ", "Text\n", {"trailing_space"}),
        ("один  два", "один два", {"space_run"}),
        ("词\u2003语 a\u2009b", "词 语 a b", {"odd_space"}),
        ("   \n \r\n", "", {"blank_lines"}),
    ],
)
def test_rules(dirty: str, clean: str, reasons: set[str]) -> None:
    r = WS(dirty)
    assert r.text == clean
    assert {c.reason for c in r.changes} == reasons
    assert WS(r.text).changes == ()  # idempotent


@pytest.mark.parametrize(
    "clean",
    [
        "Titre\n\n« Bonjour\u00a0! » dit-il\u00a0: oui.\n",  # French no-break spaces
        "東京\u3000大阪",  # ideographic space is deliberate in CJK
        "    indented code line\n\tTabbed\tcolumns",
        "One paragraph.\n\nAnother one.\n",
        "",
    ],
)
def test_leaves_alone(clean: str) -> None:
    assert WS(clean).text == clean


def test_max_blank_lines_is_configurable() -> None:
    assert Pipeline([Whitespace(max_blank_lines=0)])("a\n\n\nb").text == "a\nb"
    # also where nothing else needs fixing
    assert Pipeline([Whitespace(max_blank_lines=0)])("a\n\nb").text == "a\nb"
    assert Pipeline([Whitespace(max_blank_lines=2)])("a\n\n\nb\n\n\n\nc").text == "a\n\n\nb\n\n\nc"


@pytest.mark.parametrize(
    "hostile",
    [
        " " * 200_000 + "x",
        "\n" * 200_000 + "x",
        "x" + " \n" * 100_000 + "y",
        "a" + "  " * 100_000 + "b",
        "\r" * 100_000,
    ],
)
def test_adversarial_runs_are_linear(hostile: str) -> None:
    # quadratic matching would take minutes here; linear takes milliseconds
    r = WS(hostile)
    assert len(r.text) <= len(hostile)
    assert WS(r.text).changes == ()


_ALPHABET = st.sampled_from(["a", "b", "é", "词", " ", "  ", "\t", "\u00a0", "\u2003", "\n",
                             "\r\n", "\n\n\n", ".", "\u3000", "\u2000", "\u2028", "\x0b"])


@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_fast_scan_path_agrees_with_the_regex_path(text: str) -> None:
    # the scan path is an optimisation of the regex path; both must propose the same edits
    ws = Whitespace()
    assert sorted(ws._edits_by_scan(text)) == sorted(ws._edits_by_regex(text))


@given(st.lists(st.sampled_from(["x", " ", "\r", "\n", "\r\n", "\u2009"]), max_size=40)
       .map("".join))
def test_idempotent_with_lone_carriage_returns(text: str) -> None:
    once = WS(text).text
    assert WS(once).text == once


def test_line_endings_runs_first_so_line_rules_see_lines() -> None:
    r = Pipeline([LineEndings()])("one\r\ntwo\rthree")
    assert r.text == "one\ntwo\nthree"
    assert {(c.filter, c.reason) for c in r.changes} == {("line_endings", "line_ending")}
    assert Pipeline([LineEndings()])("no carriage returns").changes == ()


_SPACEY = st.sampled_from(["a", "é", "Ж", "中", "\U0001f600", " ", "\n", "\t", "\u00a0",
                           "\u1680", "\u2000", "\u2003", "\u200a", "\u200b", "\u202f",
                           "\u205f", "\u3000", "\u2028"])


@given(st.lists(_SPACEY, max_size=12).map("".join))
def test_odd_space_gate_is_the_class_search(text: str) -> None:
    from cleanse.filters.whitespace import _ODD_CHARS, _has_odd_space  # noqa: PLC0415

    assert _has_odd_space(text) == (_ODD_CHARS.search(text) is not None)
