"""Punctuation: every rule in several languages and scripts, the look-alikes each rule
must leave alone, language awareness, idempotence and adversarial input."""

from __future__ import annotations

import itertools

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from cleanse import Pipeline, Result
from cleanse.document import Document
from cleanse.filters import Punctuation, Whitespace, punctuation
from cleanse.filters.punctuation import (
    _MISSING,
    _MISSING_GATE,
    _SPOTS,
    _missing_spaces,
    _moved,
    _spots,
    _starts,
)
from cleanse.tracked import Edit, spliced

PU = Pipeline([Punctuation()])
PW = Pipeline([Punctuation(), Whitespace()])


def test_contract() -> None:
    assert Punctuation.name == "punctuation"
    assert Punctuation.reasons == ("doubled_stop", "stray_comma", "space_before_punct",
                                   "doubled_comma", "empty_brackets", "missing_space")


@pytest.mark.parametrize(
    ("dirty", "clean", "reasons"),
    [
        # doubled stops between two sentences (a removed link or quote left its stop)
        ("disse o ministro”. . A reunião acabou.", "disse o ministro”. A reunião acabou.",
         {"doubled_stop"}),
        ("ha detto il sindaco. . Il consiglio vota.", "ha detto il sindaco. Il consiglio vota.",
         {"doubled_stop"}),
        ("сказал министр. . Заседание окончено.", "сказал министр. Заседание окончено.",
         {"doubled_stop"}),
        ("Really?. Then we left.", "Really? Then we left.", {"doubled_stop"}),
        ("What a goal!.\nNext line", "What a goal!\nNext line", {"doubled_stop"}),
        # stray commas next to stops
        ("o acordo foi assinado na Polónia., (ONU) e depois",
         "o acordo foi assinado na Polónia. (ONU) e depois", {"stray_comma"}),
        ("il treno arriva a Bologna. , (FS) e poi riparte",
         "il treno arriva a Bologna. (FS) e poi riparte", {"stray_comma"}),
        ("cerró a finales de mes., La empresa respondió.",
         "cerró a finales de mes. La empresa respondió.", {"stray_comma"}),
        ("the council voted,. Then it adjourned.", "the council voted. Then it adjourned.",
         {"stray_comma"}),
        # spaces before commas and stops (any language, French included)
        ("Der Zug kam an , aber niemand stieg aus .", "Der Zug kam an, aber niemand stieg aus.",
         {"space_before_punct"}),
        ("Il a dit « oui » , puis il est parti .", "Il a dit « oui », puis il est parti.",
         {"space_before_punct"}),
        ("Tom Baker Jr . , 40 , was elected.", "Tom Baker Jr., 40, was elected.",
         {"space_before_punct"}),
        ("Он пришёл , но ушёл .", "Он пришёл, но ушёл.", {"space_before_punct"}),
        # doubled commas
        ("apples,, pears and plums", "apples, pears and plums", {"doubled_comma"}),
        ("manzanas, , peras y ciruelas", "manzanas, peras y ciruelas", {"doubled_comma"}),
        # empty brackets left by removed links
        ("the report () says so", "the report says so", {"empty_brackets"}),
        ("den Plänen ( ), über die", "den Plänen, über die", {"empty_brackets"}),
        ("as shown [] below", "as shown below", {"empty_brackets"}),
        ("the source (). Then more", "the source. Then more", {"empty_brackets"}),
        ("() Opening words", "Opening words", {"empty_brackets"}),
        ("a note () () here", "a note here", {"empty_brackets"}),
        # a missing space after a sentence stop
        ("announced on Friday.The mayor left.", "announced on Friday. The mayor left.",
         {"missing_space"}),
        ("Was it over?Nobody knew.", "Was it over? Nobody knew.", {"missing_space"}),
        ("la reunión.El alcalde habló.", "la reunión. El alcalde habló.", {"missing_space"}),
        ("в пятницу.Полиция прибыла.", "в пятницу. Полиция прибыла.", {"missing_space"}),
        ("sagte sie.”Danach ging sie.", "sagte sie.” Danach ging sie.", {"missing_space"}),
    ],
)
def test_rules(dirty: str, clean: str, reasons: set[str]) -> None:
    r = PU(dirty)
    assert r.text == clean
    assert {c.reason for c in r.changes} == reasons
    assert PU(r.text).changes == ()


def test_several_rules_in_one_cluster() -> None:
    r = PU("the end . . Next one")
    assert r.text == "the end. Next one"
    assert [(c.before, c.reason) for c in r.changes] == [
        (" ", "space_before_punct"), (" .", "doubled_stop")]


def test_edits_are_exact() -> None:
    text = "o plano”. . O fim. Polónia., (ONU) e () mais ok.Fim , sim"
    edits = Punctuation().edits(Document(text))
    assert [(text[e.start:e.end], e.replacement, e.reason) for e in edits] == [
        (" .", "", "doubled_stop"), (",", "", "stray_comma"), (" ()", "", "empty_brackets"),
        ("", " ", "missing_space"), (" ", "", "space_before_punct")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Il a dit : « Non ! » Pourquoi ? Parce que ; voilà.", "fr"),
        ("Il a dit\u00a0: «\u00a0Non\u00a0!\u00a0» Pourquoi\u202f?", "fr"),
        ("Elle hésite : « Et toi ? » dit-elle ; puis rien.", "en"),  # French spacing, any doc
        ("Wait : what ? Really !", None),  # unknown language: left alone
        ("Das Spiel endete 2 : 1 für uns.", "de"),  # a score
        ("Great day :) and ;-) too", "en"),  # emoticons
    ],
)
def test_space_before_other_marks_is_language_aware(text: str, language: str | None) -> None:
    assert PU(text, language=language).changes == ()


@pytest.mark.parametrize(
    ("text", "language", "clean"),
    [
        ("Wait : what ? Really !", "en", "Wait: what? Really!"),
        ("Achtung : das ist neu !", "de", "Achtung: das ist neu!"),
        ("¿Qué pasa ? Nada ; todo bien.", "es", "¿Qué pasa? Nada; todo bien."),
    ],
)
def test_space_before_other_marks_in_languages_that_do_not_space(
        text: str, language: str, clean: str) -> None:
    r = PU(text, language=language)
    assert r.text == clean
    assert {c.reason for c in r.changes} == {"space_before_punct"}


def test_language_is_detected_when_not_given() -> None:
    text = ("The committee met on Tuesday to discuss the budget for next year , and the "
            "members agreed on most points . Was it enough ? Nobody could say for sure.")
    assert PU(text).text == ("The committee met on Tuesday to discuss the budget for next "
                             "year, and the members agreed on most points. Was it enough? "
                             "Nobody could say for sure.")


@pytest.mark.parametrize(
    "clean",
    [
        # abbreviations, initials, decimals, domains, paths, identifiers
        "The U.S. Army and the E.U. met, e.g. in Geneva.",
        "J.R.R. Tolkien wrote it in 1937; pi is 3.14 and 2.5 is half of 5.",
        "Visit example.com or www.Example.Com, mail me@example.org today.",
        "Call Math.Max(a, b) or socket.AF_INET; see os.path.join and README.md.",
        "Er kaufte z.B.Kinderbücher bei der Fa. Müller GmbH & Co. KG.",
        "The file is at ./configure and ../lib, then run cd .. to go back.",
        "ADD . /srv/site",
        # ellipses in every form
        "Wait... what? And then… nothing. She paused . . . and left.",
        "Wir warten noch. . .\nDann kam der Bus.",
        "قال ذلك.. ثم غادر",
        "Hmm.. maybe later.",
        # two stops at a line end (a spaced ellipsis may have been cut)
        "Il a parlé des projets de la ville. .\nLa suite.",
        # abbreviations keep their comma
        "Apples, pears, etc., and plums.",
        "In Los Angeles, Calif., police said so.",
        "König Ludwig II., Schloss Neuschwanstein.",
        "Zeitschrift für Musik, 12. Jahrg., Heft 3, Mai 1921.",
        "Am 3., 4. und 5. Mai war geschlossen.",
        "Anna K., age 9, sent it; 15 maja 2019 r., w Warszawie.",
        "Acme Inc., a company, and Smith Ltd., another.",
        # German low-9 quotes typed as two commas
        "Er sagte ,,Hallo'' und ging.",
        # code and markdown
        "Call print() and items() here.",
        "results = [] and data = ()",
        "const f = () => x;",
        "- [ ] todo item",
        "See [](https://example.com) here.",
        # French typography
        "Il a dit\u00a0: «\u00a0Bonjour\u00a0!\u00a0»",
        # clean prose in several scripts
        "Он сказал: «Да». Потом ушёл.",
        "他说：“好的。”然后走了。",
        "Ναι, είπε. Μετά έφυγε;",
        "",
    ],
)
def test_leaves_alone(clean: str) -> None:
    assert PU(clean, language="en").changes == ()


@pytest.mark.xfail(strict=True, reason="a dotted product name reads like 'said.The'")
def test_dotted_product_names() -> None:
    assert PU("Product names like Xamarin.Forms stay as they are.").changes == ()


def test_right_quote_that_opens_is_respected_in_swedish() -> None:
    # Swedish and Finnish open quotations with ” too
    assert PU("Hon sa nej.”Nästa fråga kom.", language="sv").changes == ()


@pytest.mark.linear
@pytest.mark.parametrize(
    "hostile",
    [
        ". " * 200_000,
        " ," * 200_000,
        "word ," * 100_000,
        ", " * 200_000,
        ",," * 200_000,
        ". . " * 100_000 + "X",
        "( " * 200_000,
        "() " * 100_000,
        "ab.Cd" * 100_000,
        " " * 200_000 + ".",
        "a" + " " * 200_000 + ", ," * 1000,
        "?." * 100_000,
    ],
)
def test_adversarial_input(hostile: str) -> None:
    r = PW(hostile, language="en")
    assert PW(r.text, language="en").changes == ()


# -- properties --------------------------------------------------------------------------

_TOKENS = ("word", "Word", "Polónia", "plano”", "palavra", "слово", "Слово", "etc", "U.S",
           "3", "x", "()", "[]", "(", ")", "«", "»", "“", "”", ".", ",", ";", ":", "!", "?",
           "...", "…", " ", " ", " ", "  ", "\u00a0", "\u2009", "\n", ".com", "a.B")
_LANGUAGES = st.sampled_from(["en", "fr", "de", "pt", "sv", None])


@given(st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join), _LANGUAGES)
def test_repaired_text_is_stable_under_a_second_pass(text: str, language: str | None) -> None:
    r = PW(text, language=language)
    assert PW(r.text, language=language).changes == ()
    assert Result.from_dict(r.to_dict()) == r


@given(st.text(max_size=80), _LANGUAGES)
def test_any_text_is_accepted(text: str, language: str | None) -> None:
    r = PU(text, language=language)
    assert Result.from_dict(r.to_dict()) == r


# The scans led by one literal character stand in for _SPOTS and _MISSING run over the
# whole text: they must find the same matches, and _moved must keep every glued-stop
# start when a phase deletes characters.
_SCAN_TOKENS = (*_TOKENS, "\t", "\u2003", "Ab", "b”", "’", "?.", ". ,", ", .", "( )", "[\t]")


@given(st.lists(st.sampled_from(_SCAN_TOKENS), max_size=40).map("".join))
def test_literal_led_scans_find_what_the_full_scans_find(text: str) -> None:
    starts = _starts(text)
    assert [m.span() for m in _spots(text, starts)] == [m.span() for m in _SPOTS.finditer(text)]
    assert ([m.span() for m in _missing_spaces(text, starts)]
            == [m.span() for m in _MISSING.finditer(text)])


def test_moved_starts_keep_every_glued_stop() -> None:
    # every way of cutting pieces out of every short sequence of stops, capitals, and
    # what may stand between them: seams fall between pieces
    pieces = ("ab.", "ab.”", "Cd", "x", " ", "”", "?", ",")
    for sequence in itertools.product(pieces, repeat=3):
        for cuts in itertools.product((False, True), repeat=3):
            text, deletions = "", []
            for piece, cut in zip(sequence, cuts, strict=True):
                if cut:
                    deletions.append(Edit(len(text), len(text) + len(piece), "", "test"))
                text += piece
            view = spliced(text, deletions)
            starts = _moved(_starts(text), deletions)
            assert ([m.span() for m in _missing_spaces(view, starts)]
                    == [m.span() for m in _MISSING.finditer(view)]), (text, cuts)


def test_scanning_in_blocks_finds_the_same_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    runs = "ab.     ,cd(    )ef ?  \t\u2003 !gh"  # lookaheads over runs of spaces
    runs += " xy.”Ab xy!”Жи xy?”Ա xy.Ab"  # and over a closing quote to a capital
    text = "".join(_SCAN_TOKENS) + runs + "".join(reversed(_SCAN_TOKENS))
    whole = _starts(text)  # one block
    assert len(whole) > 20
    for block in range(1, 12):  # every token meets a block boundary somewhere
        monkeypatch.setattr(punctuation, "_BLOCK", block)
        assert _starts(text) == whole


# Random punctuation-heavy text: every mark, bracket and space (typographic and no-break),
# quotes and closers, lower and upper case in several scripts (Greek, Cyrillic, Armenian,
# Georgian, Deseret beyond the BMP, titlecase), digits and code, alone or in long runs.
_WORDS = ("ab", "ß", "ωσ", "жи", "աբ", "\U00010428\U00010429", "ǆa", "Ab", "É", "Ωσ", "Жи", "Աբ",
          "Აბ", "\U00010400\U00010429", "ǅa", "İ", "AB", "中", "ー")
_SCAN_CHARS = ".,;:!?()[] \t\u2003\u00a0\u202f\n“”‘’«»„‚‹›\"')3_/-…"
_SCAN_TEXT = st.lists(
    st.one_of(st.sampled_from(_SCAN_CHARS), st.sampled_from(_WORDS), st.sampled_from(_SCAN_TOKENS),
              st.builds(str.__mul__, st.sampled_from(_SCAN_CHARS), st.integers(2, 40))),
    max_size=30,
).map("".join)


@given(_SCAN_TEXT)
def test_starts_hold_every_position_where_a_spot_or_a_glued_stop_may_start(text: str) -> None:
    starts = _starts(text)
    assert starts == sorted(set(starts))
    assert {p for p in range(len(text)) if _SPOTS.match(text, p)} <= set(starts)
    assert {p for p in range(len(text)) if _MISSING_GATE.match(text, p)} <= set(starts)
    assert all(_MISSING_GATE.match(text, p) for p in range(len(text)) if _MISSING.match(text, p))
    assert [m.span() for m in _spots(text, starts)] == [m.span() for m in _SPOTS.finditer(text)]
    assert ([m.span() for m in _missing_spaces(text, starts)]
            == [m.span() for m in _MISSING.finditer(text)])


def test_starts_in_every_short_sequence_of_pieces() -> None:
    pieces = ("ab", "Ab", "ж", "Ж", "3", ".", ",", ":", "!", "?", "(", ")", "[", "]", " ", "\t",
              "\u2003", "\u00a0", "\n", "”", "“", "»")
    for sequence in itertools.product(pieces, repeat=3):
        text = "".join(sequence) + "b"
        starts = set(_starts(text))
        for p in range(len(text)):
            if _SPOTS.match(text, p) or _MISSING_GATE.match(text, p):
                assert p in starts, (text, p)


def test_glued_stops_in_every_script_pass_the_gate() -> None:
    # the stdlib gate may rule out only what is no lowercase letter (before the stop) or
    # no capital (after it) for ``regex``, whose Unicode tables may be newer than Python's
    every = "".join(map(chr, range(0x110000)))
    for lower in regex.findall(r"\p{Ll}", every):
        for text in (f"{lower}{lower}.Ab ", f"a{lower}!Ab ", f"{lower}”?Ab ", f"{lower})?Ab "):
            assert _MISSING.match(text, 2) and _MISSING_GATE.match(text, 2), text
    for upper in regex.findall(r"\p{Lu}", every):
        for text in (f"ab.{upper} ", f"ab!”{upper}b "):
            assert _MISSING.match(text, 2) and _MISSING_GATE.match(text, 2), text


def test_glued_stops_between_every_few_characters_pass_the_gate() -> None:
    chars = ("a", "ж", "\U00010428", "A", "Ж", "ǅ", "3", "_", " ", "\u00a0", "\n", "”", "»",
             "\"", "’", ")", "“", "«", "(", ".", ",", "!", "?")
    for a, b, stop, quote, c in itertools.product(chars, chars, ".!?", ("", "”"), chars):
        text = f"{a}{b}{stop}{quote}{c}b "
        if _MISSING.match(text, 2):
            assert _MISSING_GATE.match(text, 2), text


@given(_SCAN_TEXT, st.integers(1, 12))
def test_blocks_find_the_same_starts_as_one_scan(text: str, block: int) -> None:
    whole = _starts(text)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(punctuation, "_BLOCK", block)
        assert _starts(text) == whole


@given(_SCAN_TEXT, st.sampled_from((0, 1, 2, 1000)), st.sampled_from((4, 1 << 16)))
def test_marks_checked_one_by_one_give_the_starts_of_the_scans(text: str, sparse: int,
                                                               block: int) -> None:
    # every mark's first occurrences checked one at a time (as many as ``sparse``, then
    # the scan), in blocks or not: the same starts as the scans alone, in one block
    scans_only = tuple((char, scan, 0) for char, scan, _ in punctuation._START_SCANS)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(punctuation, "_START_SCANS", scans_only)
        whole = _starts(text)
        mp.setattr(punctuation, "_START_SCANS",
                   tuple((char, scan, sparse) for char, scan, _ in scans_only))
        mp.setattr(punctuation, "_BLOCK", block)
        assert _starts(text) == whole
