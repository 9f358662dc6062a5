"""FixEncoding's shortcut around ftfy's badness scans changes nothing.

``_ftfy_fix_encoding`` runs ftfy's repair step only while ``_MAYBE_BAD`` finds
something; that is exact when ``_MAYBE_BAD`` matches every text that ftfy's
``badness.is_bad`` matches. The first test proves it branch by branch: it expands each
branch of BADNESS_RE into every string it can match and checks each one. A class of
unbounded size (``\\w``, ``[^A-Za-z]``, ``.``) stands for a few characters in none of
``_MAYBE_BAD``'s own classes: ``_MAYBE_BAD`` either ignores that position or tests it
with the very same class, so a pass there holds for every character.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator

import ftfy
import pytest
from ftfy import badness
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
        assert _MAYBE_BAD.search(text), text
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
