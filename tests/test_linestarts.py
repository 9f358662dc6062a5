"""The shared scan of line starts (cleanse.linestarts) and its use by Document.

The laws: a rule's candidates hold every line its own pattern matches (checked per
filter in tests/test_phrases.py, against each pattern's full scan); candidates carried
over through edits equal a fresh scan of the edited text; the trie finds the longest
key, so overlapping letters never hide a rule.
"""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from cleanse import default_pipeline, linestarts, strict_pipeline
from cleanse.document import Document
from cleanse.linestarts import LineBreaks, LineStartIndex, build_index, key_of
from cleanse.phrases import load_phrases, phrase_keys
from cleanse.tracked import Edit, TrackedText

# every rule of both presets registers when its filter first runs
default_pipeline()("Warm-up line.\nShare this:")
strict_pipeline()("Warm-up line.\nShare this:")


def test_key_of_reads_letters_and_numbers_across_separators() -> None:
    assert key_of("Share this: Facebook") == "Share th"
    assert key_of("  • Leave a Reply") == "Leave a R"  # seven letters
    assert key_of("12 Comments") == "0 Commen"
    assert key_of("mp3 player") == "mp0 play"
    assert key_of("2.000 Kommentare") == "0 0 Komme"
    assert key_of("---") is None
    assert key_of("") is None
    assert key_of("a\nbcdefgh") == "a"  # a key never crosses a line break


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_a_key_is_its_own_key(text: str) -> None:
    key = key_of(text)
    if key is not None:
        assert key_of(key) == key
        assert sum(c != " " for c in key) <= linestarts.KEY_SIZE


def test_register_rejects_what_is_no_key() -> None:
    with pytest.raises(ValueError, match="not keys"):
        linestarts.register(["Share this"])  # longer than a key, and not as key_of gives it
    with pytest.raises(ValueError, match="not keys"):
        linestarts.register([])


def test_the_longest_key_wins_when_letters_overlap() -> None:
    # "i" (any case) and "İ" match each other: one branch for both, or "İçeriğe"
    # would be hidden behind the shorter "i"
    index = build_index([["i"], ["İçeriğe"], ["Icerige"]])
    found = index.candidates("x\nİçeriğe geç\nIcerige\ni̇çeriğe\nIn")
    assert found.breaks == [1, 13, 21, 30]
    assert found.owners == [(0, 1), (0, 2), (0,), (0,)]


def test_a_number_is_any_run_of_digits_and_gaps_any_separators() -> None:
    index = build_index([["0 Commen"], ["Share th"]])
    # letters of one word stand together; words may be apart by anything
    text = "x\n12345 Comments\n1Comments\n• Share - th\nS-hare th\nShare\n2 3 Comments"
    found = index.candidates(text)
    assert [text[p + 1 : p + 6] for p in found.breaks] == ["12345", "• Sha"]


_RULE_PHRASES = [p for name in ("comment_form", "call_to_action", "related", "edge_residue",
                                "autoblog", "source_labels")
                 for _, p in load_phrases(name)]
_LINES = st.one_of(st.sampled_from(_RULE_PHRASES), st.text(max_size=12),
                   st.sampled_from(["", "Prose goes on here.", "- • ", "12 x", "İ", "i̇ç"]))


@st.composite
def _edited(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    """A text of phrase lines, and valid edits of it (deletions, insertions,
    replacements; line breaks included)."""
    text = "\n".join(draw(st.lists(_LINES, max_size=12)))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits, end = [], 0
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if a < end:
            continue
        if a == b and edits and edits[-1].start == edits[-1].end == a:
            continue  # two insertions at one position: not a valid pair
        edits.append(Edit(a, b, draw(st.sampled_from(["", "\n", "Share this", "x\nLeave"])),
                          "test"))
        end = b
    return text, [e for e in edits if e.start != e.end or e.replacement]


@settings(max_examples=400, deadline=None)
@given(_edited())
def test_candidates_carried_through_edits_equal_a_fresh_scan(case: tuple[str, list[Edit]]
                                                             ) -> None:
    text, edits = case
    doc = Document(text)
    rules = linestarts.index().version
    before = [doc.line_candidates(rule) for rule in range(rules)]
    new_text = TrackedText(text).apply(edits, filter="test").text
    carried = doc.with_text(new_text, edits)
    fresh = Document(new_text)
    assert [carried.line_candidates(r) for r in range(rules)] == \
           [fresh.line_candidates(r) for r in range(rules)]
    assert before == [Document(text).line_candidates(r) for r in range(rules)]


@st.composite
def _line_edits(draw: st.DrawFn, text: str) -> list[Edit]:
    """Valid edits of ``text`` from and to line starts, line breaks and the ends of
    the text: most of them delete whole lines (with the break after them, the break
    before them, or neither), often several in a row; some insert or replace text
    right next to them."""
    points = sorted({0, len(text)} | {i for i, c in enumerate(text) if c == "\n"}
                    | {i + 1 for i, c in enumerate(text) if c == "\n"})
    picks = sorted(draw(st.lists(st.sampled_from(points), max_size=14)))
    edits: list[Edit] = []
    for a, b in zip(picks[::2], picks[1::2], strict=False):
        replacement = draw(st.sampled_from(["", "", "", "\n", " ", "x", "Share this",
                                            "x\nLeave"]))
        if (edits and a < edits[-1].end) or (a == b and not replacement):
            continue
        if a == b and edits and edits[-1].start == edits[-1].end == a:
            continue  # two insertions at one position: not a valid pair
        edits.append(Edit(a, b, replacement, "test"))
    return edits


def _scanned_alike(doc: Document, text: str) -> None:
    """``doc`` (made with with_text) has the candidates of a fresh scan of ``text``."""
    rules = linestarts.index().version
    fresh = linestarts.index().candidates(text)
    assert [doc.line_candidates(r) for r in range(rules)] == [fresh.of(r) for r in range(rules)]
    found = doc._breaks  # the carried result itself, read directly
    assert isinstance(found, LineBreaks)
    assert (found.breaks, found.owners) == (fresh.breaks, fresh.owners)


# lines for line deletions: empty ones too, and phrases cut in two (so that an edit
# that joins two lines may make a phrase of them)
_HALVES = st.sampled_from(_RULE_PHRASES).flatmap(
    lambda p: st.sampled_from([p[:i] for i, c in enumerate(p) if c == " "] + [p]))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(_LINES, st.just(""), _HALVES), min_size=1, max_size=12), st.data())
def test_candidates_carried_through_line_deletions_equal_a_fresh_scan(
        lines: list[str], data: st.DataObject) -> None:
    # two rounds: the second carries over what the first carried over
    text = "\n".join(lines)
    doc = Document(text)
    doc.line_candidates(0)
    for _ in range(2):
        edits = data.draw(_line_edits(text))
        text = TrackedText(text).apply(edits, filter="test").text
        doc = doc.with_text(text, edits)
        _scanned_alike(doc, text)


_TEXT = "Intro.\nShare this:\nLeave a Reply\n\nProse.\nRead also: x\nShare this"
_LAST = _TEXT.rindex("\n")  # 53: the break before the last line
_HALF = "Intro.\nShare\nfoo\nthis:"  # "Share" alone is no candidate, "Share this:" is


@pytest.mark.parametrize(("text", "edits", "scans"), [
    (_TEXT, [Edit(7, 19, "", "t")], 0),  # a whole line
    (_TEXT, [Edit(7, 19, "", "t"), Edit(19, 33, "", "t")], 0),  # two in a row
    (_TEXT, [Edit(0, 7, "", "t")], 0),  # the first line: no break before it
    (_TEXT, [Edit(0, 19, "", "t")], 0),  # the first lines: a candidate becomes the first
    (_TEXT, [Edit(18, 32, "", "t")], 0),  # a break and the line after it
    (_TEXT, [Edit(_LAST + 1, len(_TEXT), "", "t")], 0),  # the last line, less its break
    (_TEXT, [Edit(_LAST, len(_TEXT), "", "t")], 0),  # the last line and the break before
    (_TEXT, [Edit(7, 18, "", "t")], 0),  # a line's text, less its break: now empty
    (_TEXT, [Edit(0, len(_TEXT), "", "t")], 0),  # everything
    (_TEXT, [Edit(7, 19, "", "t"), Edit(19, 19, "- ", "t")], 1),  # an insertion right after
    (_TEXT, [Edit(7, 7, "x", "t"), Edit(7, 19, "", "t")], 1),  # an insertion right before
    (_TEXT, [Edit(0, 0, "x", "t"), Edit(0, 7, "", "t")], 1),  # the same at the text start
    (_TEXT, [Edit(5, 7, ". ", "t"), Edit(7, 19, "", "t")], 1),  # the break before replaced
    (_TEXT, [Edit(7, 18, "", "t"), Edit(18, 19, " ", "t")], 1),  # the break after replaced
    (_TEXT, [Edit(19, 19, "x", "t"), Edit(19, 32, "", "t")], 1),  # into a line's text
    # the break before replaced, where the deleted lines start with an empty one (the
    # region of that edit ends one past the cut's first break)
    (_TEXT, [Edit(32, 33, " ", "t"), Edit(33, 41, "", "t")], 1),
    (_TEXT, [Edit(18, 33, "", "t"), Edit(33, 41, "", "t")], 1),  # each alone deletes lines,
    # together they join two
    (_HALF, [Edit(12, 16, "", "t"), Edit(16, 17, " ", "t")], 1),  # "\nfoo" goes, and the
    # break after it: "Share" and "this:" join, so the line before the cut changes
])
def test_line_deletions_carry_over_without_a_scan(
        text: str, edits: list[Edit], scans: int, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = Document(text)
    doc.line_candidates(0)
    new_text = TrackedText(text).apply(edits, filter="test").text
    fresh = Document(new_text).line_candidates  # (scanned before the count starts)
    rules = linestarts.index().version
    expected = [fresh(r) for r in range(rules)]
    calls: list[tuple[int, int | None]] = []
    scan = LineStartIndex.candidates

    def counted(self: LineStartIndex, text: str, pos: int = 0, endpos: int | None = None
                ) -> LineBreaks:
        calls.append((pos, endpos))
        return scan(self, text, pos, endpos)

    monkeypatch.setattr(LineStartIndex, "candidates", counted)
    carried = doc.with_text(new_text, edits)
    assert [carried.line_candidates(r) for r in range(rules)] == expected
    assert len(calls) == scans


_MIXED = st.one_of(_LINES, _LINES.map(str.upper), _LINES.map(str.swapcase),
                  st.text(alphabet="aAiIİıι\u0345ⓐⒶßẞ0123 -_.", max_size=10),
                  # a phrase whose word goes on, or ends, just after it (word-end keys)
                  st.builds(str.__add__, st.sampled_from(_RULE_PHRASES),
                            st.sampled_from(["s", "1", "_", "_*", "A", " x", "é", "ж", "."])))


@settings(max_examples=500, deadline=None)
@given(st.lists(_MIXED, min_size=1, max_size=6))
@example(["a\u0345", "A\u0345 b"])  # the subscript read as the iota of "aι"
def test_owners_read_from_keys_equal_each_rules_own_pattern(lines: list[str]) -> None:
    # owners_of() parses a match into its key; each rule's keys compiled alone say
    # the same without a parse (iota and its subscript: both ways, letter or not)
    index = linestarts.index()
    tricky = build_index([["i"], ["ιa", "aι"], ["a"], ["Icerige", "Ss"], ["0 Commen", "ß"]])
    text = "\n" + "\n".join(lines)
    for ix in (index, tricky):
        for m in ix.scan.finditer(text):
            assert ix.owners_of(m.group(1)) == ix.owners_by_patterns(m.group(1)), m.group(1)


@cache
def _each_key_alone(keys: tuple[tuple[str, ...], ...], *, plain: bool = False
                    ) -> list[list[re.Pattern[str]]]:
    """Per rule with these keys, a pattern for each key alone: no branches of groups,
    no lookahead at the root; with ``plain``, no word end either."""
    letters = linestarts._letter_classes(k for rule in keys for k in rule)
    return [[re.compile(linestarts._key_source([k.removesuffix("$") if plain else k], letters))
             for k in rule] for rule in keys]


@settings(max_examples=200, deadline=None)
@given(st.lists(_MIXED, min_size=1, max_size=6))
def test_the_scan_finds_what_each_key_alone_finds(lines: list[str]) -> None:
    # the one trie of all keys (with its lookahead at the root) against a plain
    # pattern per key (what a character may be read as is tested above): the scan
    # stops where some key matches; a line goes to every rule with a key that
    # matches it, and maybe to a rule whose key would but for its word end
    index = linestarts.index()
    text = "\n" + "\n".join(lines)
    assume(index.ambiguous.isdisjoint(text))

    def rules(patterns: list[list[re.Pattern[str]]], pos: int) -> set[int]:
        return {rule for rule, keys in enumerate(patterns)
                if any(p.match(text, pos + 1) for p in keys)}

    exact = _each_key_alone(index.rule_keys)
    plain = _each_key_alone(index.rule_keys, plain=True)
    breaks = [pos for pos, c in enumerate(text) if c == "\n" and rules(exact, pos)]
    found = index.candidates(text)
    assert found.breaks == breaks
    for pos, owners in zip(found.breaks, found.owners, strict=True):
        assert rules(exact, pos) <= set(owners) <= rules(plain, pos)


def test_every_candidate_is_a_line_break_and_scans_are_in_order() -> None:
    text = "\n".join(["Leave a Reply", "Prose.", "", "  - Share this:", "3 Comments"] * 50)
    for rule in range(linestarts.index().version):
        got = Document(text).line_candidates(rule)
        assert all(text[p] == "\n" for p in got)
        assert got == sorted(set(got))


def test_the_same_keys_are_one_rule() -> None:
    first = linestarts.register(["Qwzx"])
    version = linestarts.index().version
    assert linestarts.register(["Qwzx", "Qwzx"]) == first
    assert linestarts.index().version == version


def test_a_rule_registered_after_a_scan_gets_its_candidates() -> None:
    doc = Document("Intro.\nZyzzyva quux\nZyzzyva")
    assert doc.line_candidates(0) == []
    rule = linestarts.register(phrase_keys(["Zyzzyva quux"]))  # key "Zyzzyva"
    assert doc.line_candidates(rule) == [6, 19]
    carried = doc.with_text("Intro.\nZyzzyva quux", [Edit(19, 27, "", "test")])
    assert carried.line_candidates(rule) == [6]


def test_the_scan_is_linear_on_separators_digits_and_key_prefixes() -> None:
    import time  # noqa: PLC0415 - only here

    index = linestarts.index()
    texts = ["\n" + "- " * 400_000, "\n" + "1 " * 400_000,
             "\nS" + "h" * 800_000, "\nShare th" * 100_000]
    for text in texts:
        start = time.perf_counter()
        index.candidates(text)
        assert time.perf_counter() - start < 2, text[:20]


def test_every_rule_of_the_presets_registers_at_import() -> None:
    # on first use, each late rule would compile the shared scan again (a start-up
    # cost of ~0.15 s per rule); a fresh interpreter shows what import alone does
    script = (
        "import cleanse\n"
        "from cleanse import linestarts\n"
        "registered = len(linestarts._RULES)\n"
        "built = linestarts.index()\n"
        "for pipeline in (cleanse.default_pipeline(), cleanse.strict_pipeline()):\n"
        "    pipeline('Intro.\\nLeave a Reply\\nShare this:\\nPowered by Blogger.\\n"
        "Read also: x\\nSource: https://ift.tt/x\\nMenu')\n"
        "print(registered, len(linestarts._RULES), linestarts.index() is built)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["6", "6", "True"]


def test_keys_of_the_presets_rules_are_keys() -> None:
    for keys in linestarts._RULES:  # the registry, read directly
        plain = [k.removesuffix(linestarts.WORD_END) for k in keys]
        assert all(key_of(k) == k for k in plain)
        assert all(re.fullmatch(r"[^\n]+", k) for k in plain)


def test_a_key_that_needs_a_word_end() -> None:
    # "i$": the line's first word may end after "i" (the scan reads one character:
    # "iPhone" stays, the rule's own pattern tells); "Nome$": a phrase that goes on
    # with punctuation ("Nome *") may go on with "_", as its gaps allow
    index = build_index([["i$"], ["Share th", "Share$"], ["Nome$"]])
    text = ("x\nInstead\nI think\n- I\niPhone\nIPhone\nShare this\nShared\nShare\n"
            "Nome_*\nNomes\nNome1")
    found = index.candidates(text)
    assert [text[p + 1 :].split("\n", maxsplit=1)[0] for p in found.breaks] == \
        ["I think", "- I", "iPhone", "IPhone", "Share this", "Share", "Nome_*"]
    assert found.owners == [(0,), (0,), (0,), (0,), (1,), (1,), (2,)]


@settings(max_examples=300, deadline=None)
@given(st.lists(_MIXED, min_size=1, max_size=4))
def test_the_first_line_goes_where_it_would_after_a_line_break(lines: list[str]) -> None:
    index = linestarts.index()
    text = "\n".join(lines)
    found = index.candidates("\n" + text)
    expected = found.owners[0] if found.breaks[:1] == [0] else ()
    assert index.first_line(text) == expected
    assert Document(text).first_line_rules() == expected


def test_a_long_first_line_may_go_to_every_rule() -> None:
    index = linestarts.index()
    assert index.first_line("- " * 3000 + "Share this") == tuple(range(index.version))
    assert index.first_line("Share this" + " x" * 3000)  # its start is read
