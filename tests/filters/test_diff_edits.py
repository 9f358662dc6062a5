"""diff_edits gives exactly what the simpler implementation it replaced gave.

The faster diff_edits (galloping trims, ``str.split(" ")`` pairing, only the differing
token pairs visited) must not change a single edit: provenance of every FunctionFix
and of FixEncoding's mojibake pass comes from it. ``reference_diff_edits`` is a
verbatim copy of the previous implementation. diff_recoded, the shortcut for repairs
that rewrite runs of non-ASCII characters, must give the same edits too.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import ftfy.bad_codecs  # noqa: F401 - registers the sloppy-windows-125x codecs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleanse.filters import base
from cleanse.filters.base import diff_edits, diff_recoded

_MAX_DIFF_CELLS = 250_000
_TOKENS = re.compile(r"[^ \t]+|[ \t]+")


def reference_diff_edits(before: str, after: str) -> list[tuple[int, int, str]]:
    """diff_edits as it was before the speed work (commit b2d1708), verbatim."""
    if before == after:
        return []
    size = min(len(before), len(after))
    lo = 0
    while lo < size and before[lo] == after[lo]:
        lo += 1
    hi = 0
    while hi < size - lo and before[-1 - hi] == after[-1 - hi]:
        hi += 1
    a, b = before[lo : len(before) - hi], after[lo : len(after) - hi]
    if not a or not b:
        return [(lo, lo + len(a), b)]
    tokens_a, tokens_b = _TOKENS.findall(a), _TOKENS.findall(b)
    if len(tokens_a) == len(tokens_b) > 1:
        out: list[tuple[int, int, str]] = []
        pos = lo
        for ta, tb in zip(tokens_a, tokens_b, strict=True):
            if ta != tb:
                out.extend((pos + s, pos + e, r) for s, e, r in reference_diff_edits(ta, tb))
            pos += len(ta)
        return out
    if set(a).isdisjoint(b):  # no common character: what SequenceMatcher would say
        return [(lo, lo + len(a), b)]
    if len(a) * len(b) <= _MAX_DIFF_CELLS:
        matcher = SequenceMatcher(None, a, b, autojunk=False)
        return [(lo + i1, lo + i2, b[j1:j2])
                for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]
    return [(lo, lo + len(a), b)]


# Few distinct characters, so that prefixes, suffixes, tokens and common characters
# (SequenceMatcher) really occur; spaces, tabs and runs of them decide the pairing.
_SMALL = st.sampled_from([*"ab é’ÃÂ©€\t\n", "  ", "â€™", "Ã©", " \t"])
_small_text = st.lists(_SMALL, max_size=30).map("".join)


def _baked(text: str) -> str:
    return text.encode("utf-8").decode("cp1252", "replace")


@st.composite
def _mojibake_pair(draw: st.DrawFn) -> tuple[str, str]:
    """A line with some words as mojibake, and the line as it should be."""
    words = draw(st.lists(st.sampled_from(
        ["don’t", "café", "“quoted”", "naïve", "—", "Größe", "łuż", "plain", "a", "",
         "résumé", "…", "x\ty", "Ã©tÃ©"]), max_size=25))
    seps = draw(st.lists(st.sampled_from([" ", "  ", "\t", " "]), min_size=len(words),
                         max_size=len(words)))
    baked = draw(st.lists(st.booleans(), min_size=len(words), max_size=len(words)))
    good = "".join(w + s for w, s in zip(words, seps, strict=True))
    bad = "".join((_baked(w) if m else w) + s
                  for w, s, m in zip(words, seps, baked, strict=True))
    return bad, good


@st.composite
def _mutated_pair(draw: st.DrawFn) -> tuple[str, str]:
    """A text and a copy with a few random replacements, insertions and deletions."""
    before = draw(st.one_of(_small_text, st.text(max_size=60)))
    after = before
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(after)))
        cut = draw(st.integers(0, 3))
        after = after[:at] + draw(st.one_of(_small_text, st.text(max_size=4))) + after[at + cut:]
    return before, after


def _check(before: str, after: str) -> None:
    expected = reference_diff_edits(before, after)
    assert diff_edits(before, after) == expected
    assert diff_recoded(before, after) == expected


@given(_small_text, _small_text)
@example("", "")
@example("", "x")
@example("x", "")
@example("a b", "a  b")
@example("a b", "a\tb")
@example(" a", "b ")
@example("a b c", "a  c")
@settings(max_examples=400)
def test_same_as_reference_small_alphabet(before: str, after: str) -> None:
    _check(before, after)


@given(st.text(), st.text())
@settings(max_examples=200)
def test_same_as_reference_any_unicode(before: str, after: str) -> None:
    _check(before, after)


@given(_mojibake_pair())
@settings(max_examples=400)
def test_same_as_reference_mojibake(pair: tuple[str, str]) -> None:
    _check(*pair)


@given(_mutated_pair())
@settings(max_examples=400)
def test_same_as_reference_mutations(pair: tuple[str, str]) -> None:
    _check(*pair)


@given(_mutated_pair(), st.integers(1, 3000), st.integers(0, 3000),
       st.sampled_from(["x", " ", "ab "]))
@settings(max_examples=100, deadline=None)
def test_same_as_reference_long(pair: tuple[str, str], left: int, right: int, fill: str) -> None:
    """Long common prefixes and suffixes, and middles past the character-diff limit."""
    before, after = pair
    _check(fill * left + before + fill * right, fill * left + after + fill * right)
    _check(fill * left + before * 40, after * 40 + fill * right)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("x" * 3000 + "A" + "y" * 3000, "x" * 3000 + "B" + "y" * 3000),
        ("a" * 2000 + "b" * 2000, "b" * 2000 + "a" * 2000),  # large middle: one edit
        ("w " * 5000 + "Ã©", "w " * 5000 + "é"),
        ("Ã© " * 3000, "é " * 3000),
        ("Ã© " * 3000, "é  " * 3000),  # token counts differ
        ("a\tÃ© b", "a\té b"),
        ("Ã©tÃ© â€œokâ€\x9d", "été “ok”"),
    ],
)
def test_same_as_reference_cases(before: str, after: str) -> None:
    _check(before, after)


# -- diff_recoded ------------------------------------------------------------------------


@given(_mojibake_pair())
@settings(max_examples=400)
def test_recoded_same_as_reference_the_other_way(pair: tuple[str, str]) -> None:
    bad, good = pair
    _check(good, bad)


# Runs that share characters with the other side's (mojibake of "—" ends with "”"),
# runs at either end on one side only, tabs, and words past the character-diff limit.
_RECODED_PIECES = st.sampled_from(["a", "b", " ", "\t", "é", "Ã©", "â€”", "—", "”", "â€œ",
                                   "“", "Å\x82", "ł", "\u00a0", "\ud800"])


@given(st.lists(_RECODED_PIECES, max_size=30), st.lists(st.booleans(), max_size=30))
@settings(max_examples=500)
def test_recoded_same_as_reference_runs(pieces: list[str], repaired: list[bool]) -> None:
    repair = {"Ã©": "é", "â€”": "—", "â€œ": "“", "Å\x82": "ł", "é": "Ã©", "”": "â€\x9d"}
    before = "".join(pieces)
    after = "".join(repair.get(p, p) if k < len(repaired) and repaired[k] else p
                    for k, p in enumerate(pieces))
    _check(before, after)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Ã©", "é"),
        ("xÃ©", "é"),  # a run on one side only, at an end
        ("Ã©x", "x"),
        ("a Ã© b", "a é b"),
        ("â€”â€œ x”", "—“ x”"),  # "”" is in a changed run and on the other side
        ("Ã©\tÃ©tÃ© x", "é\tété x"),
        ("Ã©t" * 300, "ét" * 300),  # one word of several runs past the limit: one edit
        ("Ã©t " * 300, "ét " * 300),  # many short words: one edit a run
        ("Ã©" + "t" * 600 + "Ã©", "é" + "t" * 600 + "é"),
        ("Ã© a" * 200 + "\t" + "xÃ©" * 200, "é a" * 200 + "\t" + "xé" * 200),
    ],
)
def test_recoded_same_as_reference_cases(before: str, after: str) -> None:
    _check(before, after)
    _check(after, before)


def test_recoded_pairs_runs_without_diff_edits(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(before: str, after: str) -> list[tuple[int, int, str]]:
        raise AssertionError("diff_edits ran")

    fixed = "“It’s a “small” change,” said Zoë… really. " * 20  # ("—" would share "”")
    line = fixed.encode("utf-8").decode("sloppy-windows-1252")
    monkeypatch.setattr(base, "diff_edits", boom)
    assert len(diff_recoded(line, fixed)) == 20 * 6  # ("ë…" is one run)
