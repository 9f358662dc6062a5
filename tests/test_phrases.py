"""The shared phrase-matching mechanism (cleanse.phrases)."""

from __future__ import annotations

import bisect
import re
import time
import unicodedata
from collections.abc import Callable

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanse.document import Document
from cleanse.phrases import (
    LinePattern,
    Phrasebook,
    PhraseHit,
    build_phrasebook,
    line_indexes,
    line_matches,
    line_pattern,
    line_start_source,
    load_phrases,
    parse_phrases,
    phrase_source,
    regex_class,
    trie_pattern,
    with_blocks,
)


def test_parse_phrases_reads_columns_and_comments() -> None:
    text = "# heading\n\nnl  Mogelijk gemaakt door Blogger  # footer\n*   Powered by Blogger.\n"
    assert parse_phrases(text, "x") == (("nl", "Mogelijk gemaakt door Blogger"),
                                        ("*", "Powered by Blogger.")), text


@pytest.mark.parametrize("line", ["nl  Mogelijk gemaakt door Blogger # footer", "nl",
                                  "nl  # only a comment"])
def test_parse_phrases_names_a_bad_line(line: str) -> None:
    with pytest.raises(ValueError, match=r"data/x\.txt"):
        parse_phrases(line + "\n", "x")


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


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(st.sampled_from(["", "ab", "b a", "xab", "\r", "aa b"]), max_size=12))
def test_line_indexes_and_matches_count_lines_right(lines: list[str]) -> None:
    doc = Document("\n".join(lines))
    starts = doc.line_starts
    want = sorted({bisect.bisect_right(starts, m.start()) - 1: m.span()
                   for m in reversed(list(regex.finditer("a", doc.text)))}.items())
    assert [(i, m.span()) for i, m in line_indexes(doc, regex.compile("a"))] == want
    got = [i for i, _ in line_matches(doc, line_pattern("a+(?: b)?"))]
    assert got == [i for i, line in enumerate(lines) if regex.fullmatch(r"a+(?: b)?\r?", line)]


def test_a_letter_that_casefolding_keeps_apart_is_no_hit() -> None:
    # (?i) matches "I" to the Turkish dotless "ı"; the lookup (casefolded) does not
    book = build_phrasebook("comment_form", reasons=("comment_form", "comment_notice",
                                                     "comment_count", "comments_closed"),
                            kinds=("line", "lead", "count", "label"))
    assert book.scan.search("\nYANITLA") is not None
    assert [i for i, _ in book.hits(Document("Yanıtla\nYANITLA"))] == [0]


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


def test_case_classes_search_every_character_that_case_touches() -> None:
    # the classes come from the few thousand characters that case folding or mapping
    # changes; searching every assigned character instead finds the same
    from cleanse.phrases import _assigned_characters, _case_classes  # noqa: PLC0415

    letters = {c for name in ("edge_residue", "autoblog", "comment_form", "call_to_action",
                              "related", "adblock_notice", "appeared_first")
               for _, p in load_phrases(name) for c in p}
    letters |= {"ǅ", "Ω", "K", "ſ", "ΐ", "ẞ", "ꭰ", "ι", "\u0345", "ﬀ"}
    groups = {c: {c} for c in letters if c != " "}
    got = _case_classes(groups)
    assigned = _assigned_characters()
    for key, chars in groups.items():
        wanted = {c for ch in chars for c in (ch, ch.upper()) if len(c) == 1}
        pattern = regex.compile("(?i)[" + "".join(regex.escape(c) for c in sorted(wanted)) + "]")
        want = set(pattern.findall(assigned)) | wanted
        assert set(re.findall(got[key], _EVERY)) == want, key


def _prefilter_cases() -> list[tuple[str, LinePattern, list[str]]]:
    from cleanse.filters.autoblog import _markers  # noqa: PLC0415 - private under test
    from cleanse.filters.edges import _pattern  # noqa: PLC0415 - private under test
    from cleanse.filters.links import _pattern as _links  # noqa: PLC0415 - private under test

    edge = [p for _, p in load_phrases("edge_residue")]
    edge += [p for _, p in load_phrases("adblock_notice")]
    auto = [p for _, p in load_phrases("autoblog")]
    auto += [p.replace("{title}", "Rain in Spain").replace("{site}", "Example Daily")
             for _, p in load_phrases("appeared_first")]
    auto += ["3 Responses to \"A quiet week\"", "March 3, 2021 at 10:15AM",
             "Posted by Ana at 9:05 AM", "Proudly powered by WordPress", "Powered by Hugo"]
    links = [f"{label}: https://example.com/a" for _, label in load_phrases("source_labels")]
    links += ["https://bit.ly/3xYz", "www.example.com/news", "<http://t.co/abc>",
              "(https://ift.tt/2Ab)", "Bit.ly/abc", "WWW.EXAMPLE.COM"]
    return [("edge_residue", _pattern(), edge), ("autoblog", _markers(), auto),
            ("link_lines", _links(), links)]


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
    full = pattern._replace(lines=None, head=None)
    with_prefilter = [(i, m.span(), m.lastgroup) for i, m in line_matches(doc, pattern)]
    without = [(i, m.span(), m.lastgroup) for i, m in line_matches(doc, full)]
    assert with_prefilter == without


@pytest.mark.parametrize(("name", "pattern", "phrases"), _CASES, ids=[c[0] for c in _CASES])
def test_line_prefilter_on_every_phrase(name: str, pattern: LinePattern,
                                        phrases: list[str]) -> None:
    variants = [f(lead + p) for p in phrases for lead in ("", " - ", "\u00a0• ")
                for f in (str, str.upper, str.lower)]
    doc = Document("\n".join(["Intro line.", *variants]))
    full = pattern._replace(lines=None, head=None)
    got = [i for i, _ in line_matches(doc, pattern)]
    assert got == [i for i, _ in line_matches(doc, full)]
    # many phrases do match whole lines (link lines take no bullet before them)
    assert len(got) > len(variants) // 4, name


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


def _reference_scan(book: Phrasebook) -> re.Pattern[str]:
    """The book's scan written as plainly as possible: any lead, then one flat trie of
    every phrase (no first-character lookahead, no groups, no possessive lead)."""
    from cleanse.phrases import (  # noqa: PLC0415 - private under test
        _GAP,
        _NUM,
        _SPACE_OR_MARK,
        _source,
        _word_end,
        strip_accents,
    )

    def alternation(phrases: list[str], *, fold: bool) -> str:
        sources = {_source(v, fold=fold) for p in phrases for v in (p, strip_accents(p))}
        return (trie_pattern(sorted(sources)).replace(regex.escape(_GAP), _SPACE_OR_MARK + "+")
                .replace(regex.escape(_NUM), r"\d+"))

    parts = []
    if book.entries:
        parts.append(f"(?i:{alternation([e.phrase for e in book.entries.values()], fold=True)})")
    if book.exact:
        parts.append(alternation([e.phrase for e in book.exact.values()], fold=False))
    return re.compile(rf"\n(?P<lead>[^\w\n]*)(?P<first>(?:{'|'.join(parts)}){_word_end()})")


_SCAN_LEADS = ["", " ", "• ", "- ", "-" * 30, "   12. ", "» ", "\u00a0", "“", "_", "\u0345",
               "\u0345ι ", "İ", "\U0001f600 ", "| ", "(", "\r"]


@st.composite
def _scan_line(draw: st.DrawFn, phrases: list[str]) -> str:
    line = draw(_line(phrases))
    return draw(st.sampled_from(_SCAN_LEADS)) + line


@pytest.mark.parametrize(("name", "book"), _BOOKS, ids=[b[0] for b in _BOOKS])
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_phrasebook_scan_matches_the_plain_scan(name: str, book: Phrasebook,
                                                data: st.DataObject) -> None:
    phrases = [e.phrase for e in (*book.entries.values(), *book.exact.values())]
    lines = data.draw(st.lists(st.one_of(_scan_line(phrases), st.text(max_size=20)),
                               max_size=8))
    text = "\n" + "\n".join(lines)
    reference = _reference_scan(book)
    got = [(m.span(), m.group("lead", "first")) for m in book.scan.finditer(text)]
    assert got == [(m.span(), m.group("lead", "first")) for m in reference.finditer(text)]


@pytest.mark.parametrize(("name", "book"), _BOOKS, ids=[b[0] for b in _BOOKS])
def test_phrasebook_scan_on_every_phrase(name: str, book: Phrasebook) -> None:
    phrases = [e.phrase for e in (*book.entries.values(), *book.exact.values())]
    text = "\n" + "\n".join(f(lead + p.replace("%d", "12")) for p in phrases
                            for lead in ("", "• ", "İ", "-- ", "\u0345")
                            for f in (str, str.upper, str.lower))
    reference = _reference_scan(book)
    got = [(m.span(), m.group("lead", "first")) for m in book.scan.finditer(text)]
    assert got == [(m.span(), m.group("lead", "first")) for m in reference.finditer(text)]
    assert len(got) >= len(phrases), name


def _reference_hits(book: Phrasebook, doc: Document) -> list[tuple[int, PhraseHit]]:
    """What ``hits`` finds, computed line by line with the plain scan and no memory."""
    scan = _reference_scan(book)
    out = []
    for index, line in enumerate(doc.lines):
        m = scan.match("\n" + line)
        if index == 0 and len(line) > 1600:  # matched on a cut-off copy
            m = scan.match("\n" + line[:1600])
            m = m if m is not None and m.end() <= 1600 else None
        lead = m and m["lead"]
        if m is None or (lead and (not {'"', "'", "„", "‚", "「", "『", "〝", "〟"}.isdisjoint(lead)
                                   or any(unicodedata.category(c) in ("Pi", "Pf")
                                          for c in lead))):
            continue
        entry = book.lookup(m["first"])
        if entry is None:  # "YANITLA": (?i) matches "ı" to "I", casefolding does not
            continue
        chain, pos, rest = [entry], m.end() - 1, line
        while len(chain) <= 8 and (f := book.follow.match(rest, pos)) is not None:
            item = book.lookup(f["phrase"])
            if item is None:
                break
            chain.append(item)
            pos = f.end()
        if re.fullmatch(r"(?:[^\w\n]|_)*", rest[pos:]):
            out.append((index, PhraseHit(entry, tuple(chain), "", 0)))
        else:
            cut = m.end() - 1
            out.append((index, PhraseHit(entry, None, line[cut:cut + 401], len(line) - cut)))
    return out


@pytest.mark.parametrize(("name", "book"), _BOOKS, ids=[b[0] for b in _BOOKS])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_phrasebook_hits_match_a_line_by_line_reference(name: str, book: Phrasebook,
                                                        data: st.DataObject) -> None:
    phrases = [e.phrase for e in (*book.entries.values(), *book.exact.values())]
    line = st.one_of(_scan_line(phrases), st.text(max_size=20),
                     _scan_line(phrases).map(lambda s: s + " and more" * 30),
                     _scan_line(phrases).map(lambda s: s + " -" * 900),
                     _scan_line(phrases).map(lambda s: " " * 1595 + s))
    lines = data.draw(st.lists(line, max_size=8))
    doc = Document("\n".join(lines))
    # twice: the second time from the book's memory of lines and phrases
    assert list(book.hits(doc)) == _reference_hits(book, doc)
    assert list(book.hits(Document(doc.text))) == _reference_hits(book, doc)
