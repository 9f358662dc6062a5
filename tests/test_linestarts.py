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

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleanse import default_pipeline, linestarts, strict_pipeline
from cleanse.document import Document
from cleanse.linestarts import build_index, key_of
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
        if a == b and edits and edits[-1].end == a:
            continue  # an insertion right after another edit: not a valid pair
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


_MIXED = st.one_of(_LINES, _LINES.map(str.upper), _LINES.map(str.swapcase),
                  st.text(alphabet="aAiIİıι\u0345ⓐⒶßẞ0123 -_.", max_size=10))


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
        assert all(key_of(k) == k for k in keys)
        assert all(re.fullmatch(r"[^\n]+", k) for k in keys)
