"""FixEncoding's shortcut around ftfy's badness scans changes nothing.

``_ftfy_fix_encoding`` runs ftfy's repair step only while ``_MAYBE_BAD`` finds
something; that is exact when ``_MAYBE_BAD`` matches every text that ftfy's
``badness.is_bad`` matches. The first test proves it branch by branch: it expands each
branch of BADNESS_RE into every string it can match and checks each one. A class of
unbounded size (``\\w``, ``[^A-Za-z]``, ``.``) stands for a few characters in none of
``_MAYBE_BAD``'s own classes: ``_MAYBE_BAD`` either ignores that position or tests it
with the very same class, so a pass there holds for every character. The same
expansion shows that ``_MAYBE_BAD`` matches each branch's string within its first
``_BAD_LEAD`` characters, which lets ``_is_bad`` start searching there.

The repair step itself runs with three of ftfy's searches replaced (``is_bad``,
``ALTERED_UTF8_RE``, ``replace_lossy_sequences``); the tests below check each
replacement against the original and the step against ftfy's.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator

import ftfy
import pytest
from ftfy import badness, chardata, fixes
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanse.filters import encoding as encoding_module

if sys.version_info >= (3, 11):
    import re._constants as sre
    import re._parser as sre_parse
else:  # pragma: no cover
    import sre_constants as sre
    import sre_parse

_MAYBE_BAD = encoding_module._MAYBE_BAD
# Characters in none of _MAYBE_BAD's classes but \w and [^A-Za-z] (which it only uses
# where the branch has the same class): where a branch allows almost anything, these
# stand for all of it.
_NEUTRAL = {
    "word": "a1_中",
    "any": "a1 .中",
    "not": "1 .中",
}
_SPACES = [chr(i) for i in range(0x3001) if chr(i).isspace()]


def _chars(item: tuple[object, object]) -> list[str]:
    """Every character one parsed item can match (or the neutral stand-ins)."""
    op, av = item
    if op is sre.LITERAL:
        assert isinstance(av, int)
        return [chr(av)]
    if op is sre.ANY:
        return list(_NEUTRAL["any"])
    assert op is sre.IN, item
    assert isinstance(av, list)
    out: list[str] = []
    for sub_op, sub_av in av:
        if sub_op is sre.NEGATE:
            return list(_NEUTRAL["not"])
        if sub_op is sre.LITERAL:
            out.append(chr(sub_av))
        elif sub_op is sre.RANGE:
            out.extend(chr(i) for i in range(sub_av[0], sub_av[1] + 1))
        # a str pattern: \s and \w are Unicode's, whatever the parser calls them
        elif sub_op is sre.CATEGORY and sub_av in (sre.CATEGORY_SPACE, sre.CATEGORY_UNI_SPACE):
            out.extend(_SPACES)
        elif sub_op is sre.CATEGORY and sub_av in (sre.CATEGORY_WORD, sre.CATEGORY_UNI_WORD):
            out.extend(_NEUTRAL["word"])
        else:
            raise AssertionError(f"unexpected class item {sub_op} {sub_av}")
    return out


def _positions(branch: sre_parse.SubPattern) -> list[list[str]]:
    """The branch as one list of possible strings per item ("" for an optional one)."""
    positions = []
    for op, av in branch:
        if op is sre.AT:  # "^": no character
            continue
        if op is sre.MAX_REPEAT:  # "\s?"
            low, high, sub = av
            assert (low, high) == (0, 1) and len(sub) == 1
            positions.append(["", *_chars(sub[0])])
        else:
            positions.append(_chars((op, av)))
    return positions


def _branch_strings() -> Iterator[str]:
    parsed = sre_parse.parse(badness.BADNESS_RE.pattern, badness.BADNESS_RE.flags)
    [(op, (_, branches))] = parsed.data
    assert op is sre.BRANCH
    assert len(branches) > 30
    for branch in branches:
        for chars in itertools.product(*_positions(branch)):
            yield "".join(chars)


# The shortcut is on only for the BADNESS_RE it was checked against; with another ftfy
# release FixEncoding runs plain ftfy.fix_encoding, and the superset tests have no
# subject (test_same_as_ftfy* still compare the results).
_ACTIVE = encoding_module._ONE_STEP is not None
_CHECKED_FTFY = pytest.mark.skipif(not _ACTIVE, reason="another ftfy: the shortcut is off")


@_CHECKED_FTFY
def test_maybe_bad_matches_everything_is_bad_matches() -> None:
    count = 0
    for text in _branch_strings():
        assert badness.BADNESS_RE.match(text), text  # the expansion is right
        found = _MAYBE_BAD.search(text)
        assert found, text
        # _MAYBE_BAD has only positive lookarounds: in a longer text it matches there too
        assert found.start() <= encoding_module._BAD_LEAD, text
        count += 1
    assert count > 100_000


def test_shortcut_only_with_the_checked_ftfy() -> None:
    """The shortcut is on exactly when the installed ftfy has the step it calls and
    the BADNESS_RE it was checked against.

    After an ftfy upgrade FixEncoding still gives ftfy's results, only slower: run
    the test above against the new BADNESS_RE, then update ``_BADNESS_CHECKED``.
    """
    import hashlib  # noqa: PLC0415 - only here

    digest = hashlib.sha256(badness.BADNESS_RE.pattern.encode()).hexdigest()
    checked = (digest == encoding_module._BADNESS_CHECKED
               and hasattr(ftfy, "_fix_encoding_one_step_and_explain"))
    assert checked == _ACTIVE


@_CHECKED_FTFY
def test_step_replacements_only_for_the_checked_patterns() -> None:
    assert encoding_module._ONE_STEP is not None
    names = encoding_module._ONE_STEP.__globals__
    assert names["is_bad"] is encoding_module._is_bad
    assert (names["chardata"] is not chardata) == _ALTERED_ACTIVE
    assert (names["fixes"] is not fixes) == _LOSSY_ACTIVE
    if _ALTERED_ACTIVE:
        assert names["chardata"].ALTERED_UTF8_RE is encoding_module._ALTERED_UTF8
        assert names["chardata"].possible_encoding is chardata.possible_encoding
    if _LOSSY_ACTIVE:
        assert names["fixes"].replace_lossy_sequences is encoding_module._replace_lossy_sequences
        assert names["fixes"].restore_byte_a0 is fixes.restore_byte_a0
    # ftfy itself is left as it is
    assert ftfy.is_bad is badness.is_bad
    assert fixes.replace_lossy_sequences.__module__ == "ftfy.fixes"


_ALPHABET = st.sampled_from(
    "aAz .,?!é\u00a0ÃÂÎÐØÙ€£“”‘’«»‚„©®™°µ²×√≈ВГРСвЂβΒΓΞΟāŒœ\x80\x9d¦¤¨¬¯ƒ╔║─é¡ГўЃ\t\n"
)
_suspect = st.lists(_ALPHABET, max_size=40).map("".join)


@_CHECKED_FTFY
@given(st.one_of(_suspect, st.text(max_size=40)))
@settings(max_examples=500)
def test_maybe_bad_is_a_superset(text: str) -> None:
    if badness.is_bad(text):
        assert _MAYBE_BAD.search(text)


@given(st.one_of(_suspect, st.text(max_size=40)))
@settings(max_examples=300)
def test_same_as_ftfy(text: str) -> None:
    expected = ftfy.fix_encoding(text, encoding_module._MOJIBAKE_CONFIG)
    assert encoding_module._ftfy_fix_encoding(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain ascii",
        "CafÃ©, donâ€™t, â€œquotedâ€\x9d",
        "Ã©tÃ© Ã©tÃ©",
        "Ð¿Ñ€Ð¸Ð²ÐµÑ‚",
        "РїСЂРёРІРµС‚",
        "“I’m fine”, she said. «Très bien»",
        "CafÃƒÂ©",  # two layers of mojibake: two repair steps
        "Price \x80 5 and \x93quoted\x94",
    ],
)
def test_same_as_ftfy_cases(text: str) -> None:
    expected = ftfy.fix_encoding(text, encoding_module._MOJIBAKE_CONFIG)
    assert encoding_module._ftfy_fix_encoding(text) == expected


# -- the step's replacements -------------------------------------------------------------
# Each replacement is used only with the ftfy pattern it was checked against.
_ALTERED_ACTIVE = (encoding_module._digest(chardata.ALTERED_UTF8_RE)
                   == encoding_module._ALTERED_CHECKED)
_LOSSY_ACTIVE = encoding_module._digest(chardata.LOSSY_UTF8_RE) == encoding_module._LOSSY_CHECKED
_CHECKED_ALTERED = pytest.mark.skipif(not _ALTERED_ACTIVE, reason="another ALTERED_UTF8_RE")
_CHECKED_LOSSY = pytest.mark.skipif(not _LOSSY_ACTIVE, reason="another LOSSY_UTF8_RE")


# mojibake after plain text, and plain text after it: is_bad's match is anywhere
_late = st.tuples(st.text(max_size=30), _suspect).map("".join)
_early = st.tuples(_suspect, st.text(max_size=30)).map("".join)


@_CHECKED_FTFY
@given(st.one_of(_suspect, _late, _early, st.text(max_size=60)))
@settings(max_examples=500)
def test_is_bad_same_as_ftfy(text: str) -> None:
    assert encoding_module._is_bad(text) == badness.is_bad(text)


# Bytes standing for every class of byte the two patterns tell apart (two of most).
_ALTERED_BYTES = [0xC2, 0xD9, 0xE0, 0xE1, 0xE2, 0xE3, 0xF0, 0x20, 0x80, 0xBF, 0x85, 0xA0,
                  0x61, 0xFF]


@_CHECKED_ALTERED
def test_altered_utf8_matches_where_ftfy_s_pattern_matches() -> None:
    # a match starts at a lead byte and is at most 4 bytes long (its lookbehinds look
    # at the lead only): the same matches on every string of up to 4 bytes from each
    # class mean the same search results on any bytes
    faster, original = encoding_module._ALTERED_UTF8, chardata.ALTERED_UTF8_RE
    for size in range(1, 5):
        for data in itertools.product(_ALTERED_BYTES, repeat=size):
            text = bytes(data)
            a, b = faster.match(text), original.match(text)
            assert (a and a.span()) == (b and b.span()), text


@_CHECKED_ALTERED
@given(st.binary(max_size=40) | st.lists(st.sampled_from(_ALTERED_BYTES), max_size=40).map(bytes))
@settings(max_examples=300)
def test_altered_utf8_searches_as_ftfy_s_pattern(data: bytes) -> None:
    a, b = encoding_module._ALTERED_UTF8.search(data), chardata.ALTERED_UTF8_RE.search(data)
    assert (a and a.span()) == (b and b.span())


@_CHECKED_LOSSY
def test_every_lossy_branch_needs_1a_or_a_question_mark() -> None:
    parsed = sre_parse.parse(chardata.LOSSY_UTF8_RE.pattern.decode("latin-1"))
    [(op, (_, branches))] = parsed.data
    assert op is sre.BRANCH
    for branch in branches:
        assert any(set(_chars(item)) <= {"\x1a", "?"} for item in branch), branch


_LOSSY_BYTES = st.sampled_from([b"\x1a", b"?", b"\xc2", b"\xc3", b"\xe0", b"\xed", b"\xf0",
                                b"\x80", b"\xa0", b"\xb0", b"a", b" "])


@_CHECKED_LOSSY
@given(st.lists(_LOSSY_BYTES, max_size=30).map(b"".join) | st.binary(max_size=30))
@settings(max_examples=300)
def test_replace_lossy_sequences_same_as_ftfy(data: bytes) -> None:
    assert encoding_module._replace_lossy_sequences(data) == fixes.replace_lossy_sequences(data)


@_CHECKED_FTFY
@given(st.one_of(_suspect, st.text(max_size=40)))
@settings(max_examples=500)
def test_step_same_as_ftfy_s(text: str) -> None:
    assert encoding_module._ONE_STEP is not None
    config = encoding_module._MOJIBAKE_CONFIG
    step = ftfy._fix_encoding_one_step_and_explain
    assert encoding_module._ONE_STEP(text, config) == step(text, config)
