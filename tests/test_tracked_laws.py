"""Laws L1-L4 of the provenance core, over random texts and random edit sequences.

A naive model runs beside :meth:`TrackedText.apply`: it splices the text and keeps, for
every output character, the source index it was copied from (``None`` when a filter
wrote it). Every step, the tracked text must agree with the model — same text, copy
segments pointing where the model says, span maps that cover what they should — and
pass :func:`cleanse.testing.check_result` (L1-L4).
"""

from __future__ import annotations

import itertools
import pickle
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanse.errors import EditError
from cleanse.result import Result
from cleanse.testing import check_result
from cleanse.tracked import Edit, TrackedText

# Small alphabets make edits collide with earlier changes, line breaks and each other.
CHARS = st.sampled_from("ab \n.é\r\u00a0") | st.characters()
TEXTS = st.text(CHARS, max_size=24)
REPLACEMENTS = st.text(st.sampled_from("xy \n"), max_size=3)
MORE = settings(max_examples=max(50, 4 * settings.default.max_examples))

Model = list[int | None]  # per output character: source index, or None if written


@st.composite
def edit_lists(draw: st.DrawFn, text: str) -> list[Edit]:
    """Valid edits for ``text``: in range, disjoint, at most one insertion per position,
    insertions right before and after deletions; shuffled (apply sorts them)."""
    edits: list[Edit] = []
    pos = 0
    last_insert_at = -1
    while pos <= len(text) and draw(st.booleans()):
        start = draw(st.integers(pos, min(len(text), pos + 6)))
        end = draw(st.integers(start, min(len(text), start + 5)))
        if start == end == last_insert_at:
            break
        reason = draw(st.sampled_from(("r1", "r2", "r3")))
        edits.append(Edit(start, end, draw(REPLACEMENTS), reason))
        if start == end:
            last_insert_at = start
        pos = end
    return draw(st.permutations(edits))


def splice(text: str, model: Model, edits: Sequence[Edit]) -> tuple[str, Model]:
    """The naive reference: apply sorted edits by slicing, tracking sources per char."""
    pieces: list[str] = []
    out: Model = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        pieces += (text[pos : e.start], e.replacement)
        out += model[pos : e.start]
        out += model[e.start : e.end] if text[e.start : e.end] == e.replacement else (
            [None] * len(e.replacement))
        pos = e.end
    pieces.append(text[pos:])
    out += model[pos:]
    return "".join(pieces), out


def check_against_model(t: TrackedText, model: Model) -> None:
    check_result(Result(t))
    assert len(model) == len(t.text)
    for s in t.segments:
        if s.is_copy:  # a copied character comes from where the model says
            assert model[s.out_start : s.out_end] == list(range(s.src_start, s.src_end)), s
        else:  # a change's output never claims a source outside its span
            for src in model[s.out_start : s.out_end]:
                assert src is None or s.src_start <= src < s.src_end, (s, src)


def check_span_maps(t: TrackedText, model: Model, data: st.DataObject) -> None:
    n_out, n_src = len(t.text), len(t.original)
    # character level: copies map one to one, both ways
    for s in t.segments:
        if s.is_copy:
            for k in range(s.out_end - s.out_start):
                i, j = s.out_start + k, s.src_start + k
                assert t.source_span(i, i + 1) == (j, j + 1)
                assert t.output_span(j, j + 1) == (i, i + 1)
    # an output span maps to a source span holding every copied character's source
    a = data.draw(st.integers(0, n_out), label="out_start")
    b = data.draw(st.integers(a, n_out), label="out_end")
    sa, sb = t.source_span(a, b)
    assert 0 <= sa <= sb <= n_src
    assert all(sa <= src < sb for src in model[a:b] if src is not None)
    if a < b and model[a] is not None and model[b - 1] is not None:
        # and back again: the output span holds the one we started from (inserted
        # text at its edges is left out on purpose: it came from no source character)
        oa, ob = t.output_span(sa, sb)
        assert oa <= a and b <= ob, (a, b, sa, sb, oa, ob)
    # nested output spans map to nested source spans
    c = data.draw(st.integers(a, b), label="inner_start")
    d = data.draw(st.integers(c, b), label="inner_end")
    if c < d:
        ia, ib = t.source_span(c, d)
        assert sa <= ia <= ib <= sb, ((a, b), (sa, sb), (c, d), (ia, ib))
    # a source span maps to an output span holding every character copied from it...
    a = data.draw(st.integers(0, n_src), label="src_start")
    b = data.draw(st.integers(a, n_src), label="src_end")
    oa, ob = t.output_span(a, b)
    assert 0 <= oa <= ob <= n_out
    assert all(oa <= i < ob for i, src in enumerate(model) if src is not None and a <= src < b)
    # ... and to nothing when all of it was deleted
    if a < b and not any(s.src_start < b and a < s.src_end and s.out_end > s.out_start
                         for s in t.segments):
        assert oa == ob, ((a, b), (oa, ob))
    c = data.draw(st.integers(a, b), label="inner_src_start")
    d = data.draw(st.integers(c, b), label="inner_src_end")
    if c < d:
        ia, ib = t.output_span(c, d)
        assert oa <= ia <= ib <= ob, ((a, b), (oa, ob), (c, d), (ia, ib))


@MORE
@given(TEXTS, st.data())
def test_one_step_records_each_effective_edit_exactly(text: str, data: st.DataObject) -> None:
    edits = data.draw(edit_lists(text))
    base = TrackedText(text)
    t = base.apply(edits, filter="f")
    effective = sorted((e for e in edits if text[e.start : e.end] != e.replacement),
                       key=lambda e: (e.start, e.end))
    if not effective:
        assert t is base
        return
    assert [(c.start, c.end, c.before, c.after, c.filter, c.reason) for c in t.changes()] == [
        (e.start, e.end, text[e.start : e.end], e.replacement, "f", e.reason) for e in effective]
    expected, model = splice(text, list(range(len(text))), edits)
    assert t.text == expected
    check_against_model(t, model)


@MORE
@given(TEXTS, st.integers(1, 4), st.data())
def test_composed_steps_keep_laws_and_agree_with_the_model(text: str, steps: int,
                                                           data: st.DataObject) -> None:
    t = TrackedText(text)
    model: Model = list(range(len(text)))
    names = [f"f{k}" for k in range(steps)]
    for name in names:
        edits = data.draw(edit_lists(t.text), label=name)
        current, model = splice(t.text, model, edits)
        t = t.apply(edits, filter=name)
        assert t.text == current
        check_against_model(t, model)
        check_span_maps(t, model, data)
    for c in t.changes():  # merged changes name only filters that ran, never twice in a row
        parts = c.filter.split("+")
        assert set(parts) <= set(names), c
        assert all(a != b for a, b in itertools.pairwise(parts)), c
        assert c.reason, c


def _merged(steps: list[tuple[str, list[Edit]]]) -> list[tuple[str, str]]:
    t = TrackedText("abcd")
    for name, edits in steps:
        t = t.apply(edits, filter=name)
    return [(c.filter, c.reason) for c in t.changes()]


@pytest.mark.parametrize(("steps", "expected"), [
    # "second" repairs just left of "first"'s repair; "third" rewrites both
    ([("first", [Edit(2, 3, "C", "a")]), ("second", [Edit(1, 2, "B", "b")]),
      ("third", [Edit(1, 3, "x", "c")])], [("first+second+third", "a+b+c")]),
    # "first" changed both sides of "second"'s change; "third" merges all three
    ([("first", [Edit(0, 1, "A", "up"), Edit(2, 3, "C", "up")]),
      ("second", [Edit(1, 2, "B", "up")]), ("third", [Edit(0, 3, "", "cut")])],
     [("first+second+third", "up+cut")]),
], ids=["order", "repeat"])
def test_merged_change_names_each_filter_once_in_the_order_they_ran(
        steps: list[tuple[str, list[Edit]]], expected: list[tuple[str, str]]) -> None:
    # DESIGN.md: a merged change "names both filters in order"; otherwise stats()
    # counts one combination under several keys ("second+first+third", ...).
    assert _merged(steps) == expected


@given(TEXTS, st.data())
def test_merged_changes_replay_and_round_trip(text: str, data: st.DataObject) -> None:
    t = TrackedText(text)
    for name in ("fix_encoding", "punctuation", "whitespace"):
        t = t.apply(data.draw(edit_lists(t.text), label=name), filter=name)
    rebuilt = TrackedText.from_changes(text, t.changes())
    assert (rebuilt.text, rebuilt.changes()) == (t.text, t.changes())
    again = pickle.loads(pickle.dumps(t))
    assert again == t and hash(again) == hash(t)
    r = Result(t)
    assert Result.from_dict(r.to_dict()) == r


@given(TEXTS, st.data())
def test_insertions_next_to_deletions(text: str, data: st.DataObject) -> None:
    p = data.draw(st.integers(0, len(text)))
    q = data.draw(st.integers(p, len(text)))
    edits = [Edit(p, p, "<", "ins"), Edit(p, q, "", "del"), Edit(q, q, ">", "ins")]
    if p == q:
        edits = [Edit(p, p, "<>", "ins")]
    t = TrackedText(text).apply(edits, filter="f")
    expected, model = splice(text, list(range(len(text))), edits)
    assert t.text == expected == text[:p] + "<>" + text[q:]
    check_against_model(t, model)
    check_span_maps(t, model, data)
    # a second step cutting across the seam merges with the changes beside it
    trim = [Edit(p, p + 1, "", "trim")]
    u = t.apply(trim, filter="g")
    expected, model = splice(t.text, model, trim)
    assert u.text == expected
    check_against_model(u, model)
    check_span_maps(u, model, data)


@given(TEXTS, st.data())
def test_noop_edits_return_the_same_object(text: str, data: st.DataObject) -> None:
    t = TrackedText(text).apply(data.draw(edit_lists(text)), filter="first")
    starts = data.draw(st.lists(st.integers(0, max(len(t.text) - 1, 0)), max_size=4, unique=True))
    same = [Edit(i, i + 1, t.text[i : i + 1], "same") for i in sorted(starts) if i < len(t.text)]
    assert t.apply(same, filter="again") is t


@given(TEXTS, st.data())
def test_invalid_edits_raise_naming_the_filter(text: str, data: st.DataObject) -> None:
    n = len(text)
    bad = data.draw(st.sampled_from(("outside", "backwards", "overlap", "two_inserts")))
    if bad == "outside":
        edits = [Edit(0, n + 1, "", "r")]
    elif bad == "backwards":
        edits = [Edit(1, 0, "", "r")]
    elif bad == "overlap" and n >= 2:
        edits = [Edit(0, 2, "", "r"), Edit(1, n, "x", "r")]
    else:
        p = data.draw(st.integers(0, n))
        edits = [Edit(p, p, "x", "r"), Edit(p, p, "y", "r")]
    with pytest.raises(EditError, match="'buggy_filter'"):
        TrackedText(text).apply(edits, filter="buggy_filter")
