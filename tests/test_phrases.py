"""The shared phrase-matching mechanism (cleanse.phrases)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanse.document import Document
from cleanse.phrases import (
    LinePattern,
    Phrasebook,
    build_phrasebook,
    line_matches,
    line_pattern,
    line_start_source,
    load_phrases,
    phrase_source,
    regex_class,
    trie_pattern,
    with_blocks,
)


def test_line_matches_whole_lines_only_and_first_line() -> None:
    pattern = line_pattern(phrase_source(["Powered by Blogger."]), "i")
    doc = Document("powered  by blogger.\nText. Powered by Blogger.\nPOWERED BY BLOGGER.\r\n")
    assert [i for i, _ in line_matches(doc, pattern)] == [0, 2]


def test_line_matches_gate_skips_the_scan() -> None:
    seen: list[str] = []

    def gate(text: str) -> bool:
        seen.append(text)
        return False

    doc = Document("Menu\nSearch")
    assert list(line_matches(doc, line_pattern("Menu", gate=gate))) == []
    assert seen == ["Menu\nSearch"]


def test_trie_pattern_is_factored() -> None:
    assert trie_pattern(["ab", "ac", "b"]) == "(?:a(?:b|c)|b)"


def test_phrasebook_hits_lines_starting_with_a_phrase() -> None:
    book = build_phrasebook("comment_form", reasons=("comment_form", "comment_notice",
                                                     "comment_count", "comments_closed"),
                            kinds=("line", "lead", "count", "label"))
    doc = Document("Texto do artigo.\nDeixe um comentário\n“Deixe um comentário”, disse.\n")
    hits = list(book.hits(doc))
    assert [i for i, _ in hits] == [1]
    assert hits[0][1].whole is not None and hits[0][1].entry.reason == "comment_form"


def test_with_blocks_takes_weak_lines_next_to_strong_ones() -> None:
    lines = ["Leave a Reply", "", "Name", "Body text", "Website"]
    assert list(with_blocks(lines, {0: "form"}, {2: "label", 4: "label"})) == [
        (0, "form"), (2, "label")]


# --------------------------------------------------------------------------------------
# Line-start prefilters: exact supersets of the ``regex`` line patterns
# --------------------------------------------------------------------------------------

_EVERY = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


@pytest.mark.parametrize("source", [r"(?i)[\t\r\p{Zs}\p{P}\p{S}]", r"(?i)\d",
                                    r"(?i)[\t\p{Zs}]", "(?i)[-–—|·•©]", "[a-c_]"])
def test_regex_class_matches_what_regex_matches(source: str) -> None:
    assert re.findall(regex_class(source), _EVERY) == regex.findall(source, _EVERY)


def test_line_start_source_folds_case_as_regex_does() -> None:
    letters = ["k", "S", "i", "İ", "ı", "ß", "Ω", "ǅ", "é", "Я", "σ", "1", "'", "’", "©"]
    for letter in letters:
        want = regex.findall(f"(?i){regex.escape(letter)}", _EVERY)
        got = re.findall(line_start_source([letter], fold=True), _EVERY)
        assert set(want) <= set(got), letter


def _prefilter_cases() -> list[tuple[str, LinePattern, list[str]]]:
    from cleanse.filters.autoblog import _markers  # noqa: PLC0415 - private under test
    from cleanse.filters.edges import _pattern  # noqa: PLC0415 - private under test

    edge = [p for _, p in load_phrases("edge_residue")]
    edge += [p for _, p in load_phrases("adblock_notice")]
    auto = [p for _, p in load_phrases("autoblog")]
    auto += [p.replace("{title}", "Rain in Spain").replace("{site}", "Example Daily")
             for _, p in load_phrases("appeared_first")]
    auto += ["3 Responses to \"A quiet week\"", "March 3, 2021 at 10:15AM",
             "Posted by Ana at 9:05 AM", "Proudly powered by WordPress", "Powered by Hugo"]
    return [("edge_residue", _pattern(), edge), ("autoblog", _markers(), auto)]


_CASES = _prefilter_cases()
_LEADS = ["", " ", "\t", "\u00a0", "\u3000", "- ", "– ", "• ", "© ", "| ", "» ", "*", "_",
          "«", "(", "\r", "1", "x", "É", "\u0301", "\U0001f600 ", "\U00011f50"]
_SPACES = [" ", "  ", "\u00a0", "\t", "\u2009"]


@st.composite
def _line(draw: st.DrawFn, phrases: list[str]) -> str:
    phrase = draw(st.sampled_from(phrases))
    cases: list[Callable[[str], str]] = [str, str.upper, str.lower, str.title, str.swapcase]
    text = draw(st.sampled_from(cases))(phrase)
    if draw(st.booleans()):
        text = text.replace(" ", draw(st.sampled_from(_SPACES)))
    if draw(st.booleans()):
        text = text.replace("'", "’") if "'" in text else text.replace("’", "'")
    cut = draw(st.integers(0, len(text)))
    if draw(st.booleans()):  # damage it: a prefix, a change inside, a tail
        text = text[:cut] + draw(st.text(max_size=3)) + text[cut + draw(st.integers(0, 2)):]
    return draw(st.sampled_from(_LEADS)) + text + draw(st.sampled_from(["", ".", " ", ":", "\r"]))


@pytest.mark.parametrize(("name", "pattern", "phrases"), _CASES, ids=[c[0] for c in _CASES])
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_line_prefilter_finds_every_line_the_full_scan_finds(
        name: str, pattern: LinePattern, phrases: list[str], data: st.DataObject) -> None:
    assert pattern.lines is not None, name
    lines = data.draw(st.lists(st.one_of(_line(phrases), st.text(max_size=20)), max_size=8))
    doc = Document("\n".join(lines))
    full = pattern._replace(lines=None)
    with_prefilter = [(i, m.span(), m.lastgroup) for i, m in line_matches(doc, pattern)]
    without = [(i, m.span(), m.lastgroup) for i, m in line_matches(doc, full)]
    assert with_prefilter == without


@pytest.mark.parametrize(("name", "pattern", "phrases"), _CASES, ids=[c[0] for c in _CASES])
def test_line_prefilter_on_every_phrase(name: str, pattern: LinePattern,
                                        phrases: list[str]) -> None:
    variants = [f(lead + p) for p in phrases for lead in ("", " - ", "\u00a0• ")
                for f in (str, str.upper, str.lower)]
    doc = Document("\n".join(["Intro line.", *variants]))
    full = pattern._replace(lines=None)
    got = [i for i, _ in line_matches(doc, pattern)]
    assert got == [i for i, _ in line_matches(doc, full)]
    assert len(got) > len(variants) // 2, name  # most phrases do match whole lines


def test_line_prefilter_is_linear_on_a_long_run_of_separators() -> None:
    from cleanse.filters.edges import _pattern  # noqa: PLC0415 - private under test

    doc = Document("x\n" + "- " * 200_000 + "Se\n" + "\u00a0" * 200_000)
    start = time.perf_counter()
    assert list(line_matches(doc, _pattern())) == []
    assert time.perf_counter() - start < 2


def _books() -> list[tuple[str, Phrasebook]]:
    from cleanse.filters.comments import _comment_book  # noqa: PLC0415 - private under test
    from cleanse.filters.related import _book  # noqa: PLC0415 - private under test
    from cleanse.filters.widgets import _book as _widget_book  # noqa: PLC0415

    return [("comment_form", _comment_book()), ("related", _book()),
            ("call_to_action", _widget_book())]


_BOOKS = _books()


def _without_first_class(scan: re.Pattern[str]) -> re.Pattern[str]:
    """The scan without its first-character lookahead (the reference)."""
    lead = r"(?P<lead>[^\w\n]*)"
    head, rest = scan.pattern.split(lead, 1)
    assert rest.startswith("(?=")
    return re.compile(head + lead + rest[rest.index("(?P<first>"):])


@pytest.mark.parametrize(("name", "book"), _BOOKS, ids=[b[0] for b in _BOOKS])
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_phrasebook_first_class_changes_no_match(name: str, book: Phrasebook,
                                                 data: st.DataObject) -> None:
    phrases = [e.phrase for e in (*book.entries.values(), *book.exact.values())]
    lines = data.draw(st.lists(st.one_of(_line(phrases), st.text(max_size=20)), max_size=8))
    text = "\n" + "\n".join(lines)
    reference = _without_first_class(book.scan)
    got = [(m.span(), m.group("lead", "first")) for m in book.scan.finditer(text)]
    assert got == [(m.span(), m.group("lead", "first")) for m in reference.finditer(text)]


@pytest.mark.parametrize(("name", "book"), _BOOKS, ids=[b[0] for b in _BOOKS])
def test_phrasebook_first_class_on_every_phrase(name: str, book: Phrasebook) -> None:
    phrases = [e.phrase for e in (*book.entries.values(), *book.exact.values())]
    text = "\n" + "\n".join(f(lead + p.replace("%d", "12")) for p in phrases
                            for lead in ("", "• ", "İ") for f in (str, str.upper, str.lower))
    reference = _without_first_class(book.scan)
    got = [(m.span(), m.group("first")) for m in book.scan.finditer(text)]
    assert got == [(m.span(), m.group("first")) for m in reference.finditer(text)]
    assert len(got) >= len(phrases), name
