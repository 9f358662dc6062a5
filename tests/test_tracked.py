"""Exact tests of the provenance core on tiny inputs: full expected segment lists."""

from __future__ import annotations

import pickle

import pytest

from cleanse.errors import EditError
from cleanse.tracked import Change, Edit, Segment, TrackedText


def replay(t: TrackedText) -> str:
    parts, pos = [], 0
    for c in t.changes():
        parts.append(t.original[pos : c.start])
        parts.append(c.after)
        pos = c.end
    parts.append(t.original[pos:])
    return "".join(parts)


def test_new_text_is_one_copy_segment() -> None:
    t = TrackedText("abc")
    assert t.text == t.original == "abc"
    assert t.segments == (Segment(0, 3, 0, 3),)
    assert t.changes() == ()


def test_segments_are_segments_with_the_copies_between_changes() -> None:
    t = TrackedText("one two three").apply([Edit(3, 4, "_", "gap")], filter="f")
    t = t.apply([Edit(0, 1, "O", "cap"), Edit(8, 13, "", "cut")], filter="g")
    assert t.text == "One_two "
    assert [type(s) for s in t.segments] == [Segment] * 5
    assert [s.is_copy for s in t.segments] == [False, True, False, True, False]
    assert t.segments[1] == Segment(1, 3, 1, 3)
    assert t.segments[-1] == Segment(8, 8, 8, 13, "g", "cut")
    assert replay(t) == t.text


def test_empty_text_has_no_segments() -> None:
    t = TrackedText("")
    assert t.segments == ()
    assert t.apply([], filter="f") is t


def test_no_edits_and_noop_edits_return_the_same_object() -> None:
    t = TrackedText("abc")
    assert t.apply([], filter="f") is t
    assert t.apply([Edit(1, 2, "b", "same")], filter="f") is t


def test_deletion_replacement_and_insertion_segments() -> None:
    t = TrackedText("hello world").apply(
        [Edit(0, 1, "H", "cap"), Edit(5, 6, "", "gap"), Edit(11, 11, "!", "bang")], filter="f")
    assert t.text == "Helloworld!"
    assert t.segments == (
        Segment(0, 1, 0, 1, "f", "cap"),
        Segment(1, 5, 1, 5),
        Segment(5, 5, 5, 6, "f", "gap"),
        Segment(5, 10, 6, 11),
        Segment(10, 11, 11, 11, "f", "bang"),
    )
    assert t.changes() == (
        Change(0, 1, "h", "H", "f", "cap"),
        Change(5, 6, " ", "", "f", "gap"),
        Change(11, 11, "", "!", "f", "bang"),
    )
    assert replay(t) == t.text


def test_second_filter_editing_a_change_merges_into_one_change() -> None:
    t1 = TrackedText("donâ€™t . .").apply([Edit(3, 6, "’", "mojibake")], filter="fix_encoding")
    assert t1.text == "don’t . ."
    # the second filter touches the repaired character and its neighbour
    t2 = t1.apply([Edit(3, 5, "'t", "ascii")], filter="punctuation")
    assert t2.text == "don't . ."
    assert t2.changes() == (Change(3, 7, "â€™t", "'t", "fix_encoding+punctuation",
                                   "mojibake+ascii"),)
    assert replay(t2) == t2.text


def test_edit_inside_a_change_widens_to_the_whole_change() -> None:
    t1 = TrackedText("a&amp;&amp;b").apply([Edit(1, 11, "&&", "html_entity")], filter="enc")
    t2 = t1.apply([Edit(2, 3, "", "dup")], filter="punct")
    assert t2.text == "a&b"
    assert t2.segments == (
        Segment(0, 1, 0, 1),
        Segment(1, 2, 1, 11, "enc+punct", "html_entity+dup"),
        Segment(2, 3, 11, 12),
    )


def test_two_edits_cutting_one_change_merge() -> None:
    t1 = TrackedText("xABCDy").apply([Edit(1, 5, "abcd", "lower")], filter="one")
    t2 = t1.apply([Edit(1, 2, "A", "up"), Edit(3, 4, "C", "up")], filter="two")
    assert t2.text == "xAbCdy"
    assert t2.changes() == (Change(1, 5, "ABCD", "AbCd", "one+two", "lower+up"),)


def test_insertion_next_to_a_deletion_keeps_both() -> None:
    t1 = TrackedText("ab--cd").apply([Edit(2, 4, "", "dash")], filter="one")
    t2 = t1.apply([Edit(2, 2, " ", "space")], filter="two")
    assert t2.text == "ab cd"
    assert t2.changes() == (Change(2, 4, "--", "", "one", "dash"),
                            Change(4, 4, "", " ", "two", "space"))
    assert replay(t2) == t2.text


def test_edit_spanning_a_deletion_absorbs_it() -> None:
    t1 = TrackedText("a-b-c").apply([Edit(1, 2, "", "dash")], filter="one")
    assert t1.text == "ab-c"
    t2 = t1.apply([Edit(0, 2, "AB", "up")], filter="two")
    assert t2.changes() == (Change(0, 3, "a-b", "AB", "one+two", "dash+up"),)


@pytest.mark.parametrize(
    "edits",
    [
        [Edit(0, 2, "", "x"), Edit(1, 3, "", "x")],  # overlap
        [Edit(1, 1, "a", "x"), Edit(1, 1, "b", "x")],  # two insertions at one point
        [Edit(-1, 1, "", "x")],
        [Edit(2, 9, "", "x")],
        [Edit(2, 1, "", "x")],
    ],
)
def test_bad_edits_raise_edit_error_naming_the_filter(edits: list[Edit]) -> None:
    with pytest.raises(EditError, match="'buggy'"):
        TrackedText("abcd").apply(edits, filter="buggy")


def test_edit_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        TrackedText("ab").apply([Edit(0, 5, "", "x")], filter="f")


def test_span_maps() -> None:
    t = TrackedText("aXXbc").apply([Edit(1, 3, "", "x"), Edit(4, 5, "CC", "y")], filter="f")
    assert t.text == "abCC"
    assert t.source_span(0, 1) == (0, 1)
    assert t.source_span(0, 2) == (0, 4)  # copy 'a', deleted 'XX', copy 'b'
    assert t.source_span(3, 4) == (4, 5)  # part of a replacement maps to all of it
    assert t.output_span(1, 3) == (1, 1)  # removed: empty
    assert t.output_span(0, 4) == (0, 2)
    assert t.output_span(4, 5) == (2, 4)
    with pytest.raises(IndexError):
        t.source_span(0, 9)


def test_from_changes_round_trips_and_pickles() -> None:
    t = TrackedText("one  two\r\n").apply(
        [Edit(3, 5, " ", "space"), Edit(8, 9, "", "cr")], filter="ws")
    assert TrackedText.from_changes(t.original, t.changes()) == t
    assert pickle.loads(pickle.dumps(t)) == t


def test_constructor_rejects_bytes() -> None:
    with pytest.raises(TypeError):
        TrackedText(b"abc")  # type: ignore[arg-type]


def test_removal_around_earlier_removals_keeps_them_apart() -> None:
    # junk lines removed first, then the blank lines between them: three changes, not one
    t1 = TrackedText("a\n\nJ1\n\nJ2\n\nb").apply(
        [Edit(3, 6, "", "junk"), Edit(7, 10, "", "junk")], filter="spam")
    assert t1.text == "a\n\n\n\nb"
    t2 = t1.apply([Edit(3, 5, "", "blank_lines")], filter="whitespace")
    assert t2.text == "a\n\nb"
    assert t2.changes() == (
        Change(3, 6, "J1\n", "", "spam", "junk"),
        Change(6, 7, "\n", "", "whitespace", "blank_lines"),
        Change(7, 10, "J2\n", "", "spam", "junk"),
        Change(10, 11, "\n", "", "whitespace", "blank_lines"),
    )
    assert replay(t2) == t2.text
