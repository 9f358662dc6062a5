"""Document: lines and line starts, also when derived from the document before an edit."""

from __future__ import annotations

from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from cleanse import document
from cleanse.document import Context, Document
from cleanse.tracked import Edit, TrackedText

# Few characters, many line breaks: edits land on, next to and across line breaks.
TEXTS = st.text(st.sampled_from("ab\n\r "), max_size=40)
REPLACEMENTS = st.text(st.sampled_from("x\n"), max_size=3)


@st.composite
def edit_lists(draw: st.DrawFn, text: str) -> list[Edit]:
    """Valid edits for ``text`` (at most one insertion per position), shuffled."""
    edits: list[Edit] = []
    pos, last_insert_at = 0, -1
    while pos <= len(text) and draw(st.booleans()):
        start = draw(st.integers(pos, min(len(text), pos + 8)))
        end = draw(st.integers(start, min(len(text), start + 6)))
        if start == end == last_insert_at:
            break
        edits.append(Edit(start, end, draw(REPLACEMENTS), "r"))
        last_insert_at = start if start == end else last_insert_at
        pos = end
    return draw(st.permutations(edits))


def test_lines_and_starts() -> None:
    doc = Document("Title\r\n\nBody.")
    assert doc.lines == ("Title\r", "", "Body.")
    assert doc.line_starts == (0, 7, 8)
    assert Document("").lines == ("",)
    assert Document("").line_starts == (0,)


def test_with_text_shares_context_and_language() -> None:
    doc = Document("a\nb", Context(language="pt"))
    new = doc.with_text("a", [Edit(1, 3, "", "r")])
    assert new.context is doc.context
    assert new.language == "pt"
    assert new.lines == ("a",)


@given(TEXTS, st.integers(1, 3), st.data())
def test_lines_after_edits_are_the_lines_of_the_new_text(
        text: str, steps: int, data: st.DataObject) -> None:
    text = "line\n" * data.draw(st.integers(0, 10)) + text
    doc = Document(text)
    tracked = TrackedText(text)
    # take lines over whatever the sizes (the real thresholds are about speed only)
    with mock.patch.multiple(document, _MIN_LINES=0, _LINES_PER_EDIT=0):
        for _ in range(steps):
            doc.lines  # noqa: B018 - as a line filter would
            if data.draw(st.booleans(), label="starts too"):
                doc.line_starts  # noqa: B018
            edits = data.draw(edit_lists(tracked.text))
            tracked = tracked.apply(edits, filter="f")
            doc = doc.with_text(tracked.text, edits)
            assert doc.text == tracked.text
            if data.draw(st.booleans(), label="starts first"):
                assert doc.line_starts == Document(tracked.text).line_starts
            assert doc.lines == tuple(tracked.text.split("\n"))
            assert doc.line_starts == Document(tracked.text).line_starts


def test_a_few_edits_in_a_long_text_keep_the_other_line_objects() -> None:
    lines = [f"line {k}" for k in range(200)]
    doc = Document("\n".join(lines))
    doc.line_starts  # noqa: B018
    start = doc.line_starts[100]
    new = doc.with_text(doc.text[:start] + doc.text[start + 9 :], [Edit(start, start + 9, "", "r")])
    assert new.lines == (*lines[:100], *lines[101:])
    assert new.lines[150] is doc.lines[151]
    assert new.line_starts == Document(new.text).line_starts
