"""The filter kinds: LineFilter line removal, RegexFix, FunctionFix diffing."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError, dataclass

import pytest

from cleanse import Pipeline
from cleanse.document import Document
from cleanse.filters import FunctionFix, LineFilter
from cleanse.filters.base import LineContext, diff_edits, line_removals


@dataclass(frozen=True, slots=True, kw_only=True)
class DropMarked(LineFilter):
    marker: str = "#"
    name = "drop_marked"
    reasons = ("marked",)

    def reject(self, line: str, ctx: LineContext) -> str | None:
        return "marked" if line.startswith(self.marker) else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# top\nbody", "body"),
        ("body\n# mid\nmore", "body\nmore"),
        ("body\n# end", "body"),
        ("body\n# end\n", "body\n"),
        ("body\n# a\n# b", "body"),
        ("# a\n# b", ""),
        ("# only", ""),
        ("keep\n#x\nkeep\n#y", "keep\nkeep"),
    ],
)
def test_line_removal_takes_one_line_break(text: str, expected: str) -> None:
    r = Pipeline([DropMarked()])(text)
    assert r.text == expected
    assert all(c.reason == "marked" and c.after == "" for c in r.changes)


def test_line_context_sees_neighbours() -> None:
    doc = Document("a\nb\nc")
    ctx = LineContext(doc, 1)
    assert (ctx.previous, ctx.next, ctx.lines) == ("a", "c", ("a", "b", "c"))
    assert LineContext(doc, 0).previous is None
    assert LineContext(doc, 2).next is None


def test_line_removals_direct() -> None:
    doc = Document("x\ny\nz")
    assert [tuple(e) for e in line_removals(doc, [(1, "r")])] == [(2, 4, "", "r")]
    assert line_removals(doc, []) == []


def test_filters_are_frozen_and_picklable() -> None:
    f = DropMarked(marker="!")
    with pytest.raises(FrozenInstanceError):
        f.marker = "?"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(f)) == f


def _shout(line: str) -> str:
    return line.replace("cafe", "café").replace("&amp;", "&")


def test_function_fix_records_minimal_edits_per_line() -> None:
    fix = FunctionFix(name="fixer", fn=_shout, reason="fixed")
    r = Pipeline([fix])("le cafe &amp; le thé\nrien\nun cafe")
    assert r.text == "le café & le thé\nrien\nun café"
    assert [(c.start, c.before, c.after) for c in r.changes] == [
        (6, "e", "é"), (9, "amp;", ""), (32, "e", "é")]
    assert pickle.loads(pickle.dumps(fix)) == fix


def test_function_fix_gate_skips_lines() -> None:
    fix = FunctionFix(name="fixer", fn=str.upper, reason="up", gate=lambda s: s.startswith("!"))
    assert Pipeline([fix])("!a\nb").text == "!A\nb"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("CafÃ© com leite", "Café com leite"),
        ("abc", "xyz"),
        ("a b c", "a  c"),
        ("", "new"),
        ("old", ""),
        ("x" * 3000 + "A" + "y" * 3000, "x" * 3000 + "B" + "y" * 3000),
        ("a" * 2000 + "b" * 2000, "b" * 2000 + "a" * 2000),  # large middle: one edit
    ],
)
def test_diff_edits_replay(before: str, after: str) -> None:
    edits = diff_edits(before, after)
    out, pos = [], 0
    for start, end, rep in edits:
        assert start >= pos
        out.append(before[pos:start])
        out.append(rep)
        pos = end
    out.append(before[pos:])
    assert "".join(out) == after
