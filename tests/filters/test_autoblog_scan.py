"""AutoblogTail's cheap searches: each finds a superset of what the exact pattern finds.

The marker scan skips a text when a cheap search finds nothing: ``(?ia)google`` for
the feed names, a hop between closing parentheses for "(Atom)", a casefolded word of
each title before a line is normalised. These tests pin the facts that make each one
exact: ``regex``'s case folding of the letters involved (over every code point), and
random texts built from the phrase data, in random case, spacing and leads.
"""

from __future__ import annotations

import regex
from _autoblog_reference import markers_line_by_line, quoted_line_by_line
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanse.document import Document
from cleanse.filters.autoblog import (
    _SITE_SEPARATOR,
    _ascii_start,
    _find_atom,
    _scan_markers,
    _suffixed,
    _title_forms,
    _title_shaped,
    _Titles,
    prose_line,
)
from cleanse.phrases import _code_points, load_phrases, normalise_line

_FEEDS = [p for _, p in load_phrases("autoblog_feeds")]


def _feed_gate() -> regex.Pattern[str]:
    start = _ascii_start(_FEEDS)
    assert start == "google"  # the data's common start: the gate is worth having
    return regex.compile(f"(?ia){start}")


def test_the_feed_gate_folds_like_the_feed_pattern_over_every_code_point() -> None:
    every = _code_points()
    for letter in _ascii_start(_FEEDS):
        exact = set(regex.findall(f"(?i){letter}", every))
        assert exact <= set(regex.findall(f"(?ia){letter}", every)), letter


def test_ascii_start_leaves_out_letters_that_fold_beyond_ascii() -> None:
    # "k": the Kelvin sign; "s": the long s; "i": the dotted and dotless i
    assert _ascii_start(["Kit", "kin"]) == ""
    assert _ascii_start(["Google News", "GOOGLE Berita"]) == "google"
    assert _ascii_start(["Alas", "alaska"]) == "ala"
    assert _ascii_start(["Lid", "lie"]) == "l"
    assert _ascii_start(["Ad", "Be"]) == ""


_SPACE = st.sampled_from(["", " ", "  ", "\t", "\u00a0", "\u2003", "\u3000", " \u00a0"])
_SEPARATOR = st.sampled_from(["-", "–", "—", "|", "·", ":", "/"])
_NOISE = st.sampled_from(["", "World", "U.S. - Latest", "google.com", "Googles", "(x)", ")",
                          "Comments (Atom", "(Atom)", "Atom)", "((Atom))", "Top stories",
                          "Subscribe to: Post Comments", "Langganan: Posting Komentar",
                          "Anna (Atom) Smith", "Goo gle", "ſ", "K", "İ"])


@st.composite
def _random_case(draw: st.DrawFn, text: str) -> str:
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(c.swapcase() if flip else c for c, flip in zip(text, flips, strict=True))


@st.composite
def _feed_name(draw: st.DrawFn) -> str:
    google, _, name = draw(st.sampled_from(_FEEDS)).partition(" ")
    space = draw(_SPACE.filter(bool))
    return draw(_random_case(google)) + space + draw(_random_case(name))


@st.composite
def _line(draw: st.DrawFn) -> str:
    lead = draw(st.sampled_from(["", " ", "- ", "• ", "\u00a0| "]))
    body = draw(st.one_of(
        st.builds(lambda a, s1, sep, s2, feed: f"{a}{s1}{sep}{s2}{feed}",
                  _NOISE, _SPACE, _SEPARATOR, _SPACE, _feed_name()),
        st.builds(lambda a, s, b: f"{a}{s}{b}", _NOISE, _SPACE, _NOISE),
        st.builds(lambda a, s: f"{a}:{s}Post Comments{s}(Atom)", _NOISE, _SPACE),
        st.text(alphabet="gGoOlLeE()Atom -|:\u00a0", max_size=30),
    ))
    trail = draw(st.sampled_from(["", " ", ".", " :", "!\u00a0", "\r", "x"]))
    return lead + body + trail


_TEXTS = st.lists(_line(), max_size=25).map("\n".join)


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_every_feed_match_starts_where_the_gate_matches(text: str) -> None:
    gate = _feed_gate()
    feed = _suffixed()[0]
    for m in feed.scan.finditer(text):
        assert gate.match(text, m.start()), (text, m)
    # -1 only when there is no match; else at or before the first one
    first = next(feed.scan.finditer(text), None)
    if first is not None:
        assert 0 <= feed.find(text) <= first.start()


@settings(max_examples=200, deadline=None)
@given(st.one_of(_TEXTS, st.text(alphabet="(Atom)x\n", max_size=200)))
def test_find_atom_is_str_find(text: str) -> None:
    assert _find_atom(text) == text.find("(Atom)")
    # and at any length of the run of parentheses it hops over
    for hops in (0, 15, 16, 17, 40):
        padded = ")" * hops + text
        assert _find_atom(padded) == padded.find("(Atom)")


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_marker_scan_of_random_suffixes_finds_what_every_line_holds(text: str) -> None:
    doc = Document(text)
    assert _scan_markers(doc)[0] == markers_line_by_line(doc)


_PHRASES = [p for _, p in load_phrases("autoblog")]


# the data's phrases as whole lines (looked up, not matched), and lines like them
_PHRASE_LINE = st.one_of(
    st.sampled_from(_PHRASES),
    st.sampled_from(_PHRASES).map(str.upper),
    st.sampled_from(_PHRASES).map(lambda p: f" - {p}.\r"),
    st.sampled_from(["Share this:", '0 Response to "A Title Here"', 'O Response to "Title"',
                     '2 Comments on "Title"',
                     "Post a Comment\u2003", "Powered by Blogger", "Posted by Anna at 10:05 AM",
                     "December 30, 2021 at 12:19AM", "The post X appeared first on Y."]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PHRASE_LINE, _line()), max_size=20).map("\n".join))
def test_marker_scan_of_phrase_lines_finds_what_every_line_holds(text: str) -> None:
    doc = Document(text)
    assert _scan_markers(doc) == (markers_line_by_line(doc), quoted_line_by_line(doc))


def test_every_phrase_of_the_data_is_looked_up_as_matched() -> None:
    for phrase in _PHRASES:
        for line in (phrase, phrase.upper(), f"{phrase}\r", f"• {phrase}"):
            for text in (f"x\n{line}", f"x\n{line}\ny", f"{line}\n{line}"):
                doc = Document(text)
                assert _scan_markers(doc)[0] == markers_line_by_line(doc), text


# -- titles: what lets _Titles skip normalise_line -------------------------------------

def test_casefold_goes_character_by_character() -> None:
    every = _code_points()
    assert "".join(c.casefold() for c in every) == every.casefold()


def test_site_separators_start_with_a_character_normalise_line_replaces() -> None:
    spaces = "".join(regex.findall(r"[\t\p{Zs}]", _code_points()))
    assert regex.fullmatch(r"[\s\p{P}\p{S}]+", spaces)
    assert _SITE_SEPARATOR.pattern.startswith(r"[\t\p{Zs}]")


# cased letters that fold to several or to others, spaces, separators, controls that
# str.strip() removes but normalise_line() keeps, a combining accent, a ligature
_TITLE_CHARS = st.sampled_from([*"aAbßẞİıΣσς \t\u00a0\u3000|-–:·.,!'’\x1c\x1f\u0301ﬁŉ",
                                "Rail", "deal", "DW", "23.05.2011", " | ", " - ", " – "])
_TITLE_LINES = st.lists(_TITLE_CHARS, max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(_TITLE_LINES)
def test_a_line_holds_the_words_of_every_title_it_starts_with(line: str) -> None:
    whole = normalise_line(line)
    # the shorter forms are starts of the whole line's words (so only a title the
    # line starts with can be one of them)
    forms = _title_forms(line)
    assert forms[0] == whole
    assert all(whole.startswith(form) for form in forms)
    assert _title_forms(line, whole) == forms
    # a title the line starts with is whole[:k]: each of its words is in the line,
    # casefolded (the test before normalise_line in _Titles._repeats)
    folded = line.casefold()
    for k in range(len(whole) + 1):
        assert all(word in folded for word in whole[:k].split(" ")), (line, k)


def _repeats_reference(titles: _Titles, index: int) -> bool:
    """``_Titles._repeats`` without its cheap tests (the reference)."""
    line = titles._lines[index]
    if not titles._first or len(line) > 400:
        return False
    if not _title_shaped(line) and line.strip() not in titles._raw:
        return False
    whole = normalise_line(line)
    return (any(whole.startswith(title) for title in titles._first)
            and any(index > titles._first.get(form, index) for form in _title_forms(line)))


_TITLE = st.sampled_from(["Rail Deal Agreed", "Straße der Einheit wird gesperrt",
                          "İstanbul'da yeni köprü açıldı", "ΟΔΥΣΣΕΑΣ ΣΤΗΝ ΙΘΑΚΗ",
                          "La perte des terres fertiles en Guinée-Conakry"])
_SUFFIX = st.sampled_from(["", " | DW", " - CNN | 23.05.2011", " – Le Monde", ":", " !"])


@st.composite
def _titled_doc(draw: st.DrawFn) -> tuple[str, list[str]]:
    title = draw(_TITLE)
    variants = st.builds(lambda t, cased, suffix: (t.upper() if cased else t) + suffix,
                         st.just(title), st.booleans(), _SUFFIX)
    lines = draw(st.lists(st.one_of(variants, _TITLE_LINES, _TITLE, st.just("")),
                          min_size=1, max_size=20))
    quoted = draw(st.lists(st.one_of(variants, _TITLE), max_size=2))
    return "\n".join(lines), quoted


def _first_reference(doc: Document, quoted: list[str]) -> dict[str, int]:
    """``_Titles``' titles and their first lines, without its cheap tests (the
    reference; a document without markers)."""
    head: list[int] = []
    seen = prose = 0
    for i, line in enumerate(doc.lines[:200]):
        if not line.strip():
            continue
        seen += 1
        if not prose_line(line) or _title_shaped(line):
            head.append(i)
        else:
            prose += 1
        if seen >= 10 or prose >= 2:
            break
    first: dict[str, int] = {}
    for title in (doc.context.title or "", *quoted):
        if len(norm := normalise_line(title)) >= 8:
            first.setdefault(norm, -1)
    for i in head:
        line = doc.lines[i]
        if len(line) > 300:
            continue
        forms = _title_forms(line)
        for title, at in first.items():
            if at < 0 and title in forms:
                first[title] = i
        if len(forms[0]) >= 8 and forms[0] not in first and _title_shaped(line):
            first[forms[0]] = i
    return first


@settings(max_examples=300, deadline=None)
@given(_titled_doc())
def test_title_repeats_are_what_the_reference_finds(case: tuple[str, list[str]]) -> None:
    text, quoted = case
    doc = Document(text)
    titles = _Titles(doc, {}, quoted, lambda i: prose_line(doc.lines[i]))
    assert titles._first == _first_reference(doc, quoted)
    for i in range(len(doc.lines)):
        assert titles.repeated(i) == _repeats_reference(titles, i), (text, quoted, i)
