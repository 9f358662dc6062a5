"""FixEncoding: every repair with its reason and exact span, the many scripts it must
leave alone, its options, the gate, and adversarial input."""

from __future__ import annotations

import dataclasses
import re
import time

import ftfy.bad_codecs  # noqa: F401 - registers the sloppy-windows-125x codecs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanse import Pipeline, Result
from cleanse.document import Document
from cleanse.filters import FixEncoding, Whitespace
from cleanse.filters import encoding as encoding_module
from cleanse.filters.base import diff_edits

FE = Pipeline([FixEncoding()])


def baked(text: str, codec: str = "sloppy-windows-1252") -> str:
    """``text`` as mojibake: its UTF-8 bytes read in a single-byte encoding."""
    return text.encode("utf-8").decode(codec)


def test_contract() -> None:
    assert FixEncoding.name == "fix_encoding"
    assert set(FixEncoding.reasons) >= {"mojibake", "html_entity", "control_char",
                                        "zero_width", "width_form", "soft_hyphen"}


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("Ela nÃ£o sabia que o cafÃ© jÃ¡ estava frio.", "Ela não sabia que o café já estava frio."),
        ("Die GrÃ¶ÃŸe der StraÃŸe Ã¼berrascht.", "Die Größe der Straße überrascht."),
        ("Itâ€™s a â€œsmallâ€\x9d change â€” really.", "It’s a “small” change — really."),
        ("El niÃ±o comiÃ³ â€¦ y se fue.", "El niño comió … y se fue."),
        ("Ð¿Ñ€Ð¸Ð²ÐµÑ‚, Ð¼Ð¸Ñ€", "привет, мир"),
        ("РїСЂРёРІРµС‚ РјРёСЂ, РєР°Рє РґРµР»Р°?", "привет мир, как дела?"),  # via cp1251
        ("Price \x80 5 and \x93quoted\x94", "Price € 5 and “quoted”"),  # C1 controls
        ("O cafÃ© e o “chá” de hoje", "O café e o “chá” de hoje"),  # partial line
        ("Â°C and 5 Â± 1", "°C and 5 ± 1"),
    ],
)
def test_mojibake(dirty: str, clean: str) -> None:
    r = FE(dirty)
    assert r.text == clean
    assert {c.reason for c in r.changes} == {"mojibake"}


@pytest.mark.parametrize(
    "clean",
    [
        "Καλημέρα κόσμε, τι κάνεις;",
        "مرحبا بالعالم، كيف حالك؟",
        "日本語のテキストです。東京へ行きます！",
        "中文测试，今天天气很好！",
        "Tiếng Việt có dấu: Người dân ở Hà Nội.",
        "한국어 문장입니다. 서울에 갑니다.",
        "हिन्दी में एक वाक्य।",
        "ภาษาไทยสวยงาม",
        "Ukraine’s “grain” deal 😀 👍🏽",
    ],
)
@pytest.mark.parametrize("codec", ["latin-1", "sloppy-windows-1252"])
def test_mojibake_of_every_script_is_restored(clean: str, codec: str) -> None:
    dirty = baked(clean, codec)
    assert dirty != clean
    assert FE(dirty).text == clean


@pytest.mark.parametrize(
    ("dirty", "clean", "reason"),
    [
        ("Fish &amp; chips", "Fish & chips", "html_entity"),
        ("l&#8217;été et l&#x2019;hiver", "l’été et l’hiver", "html_entity"),
        ("caf&eacute; &quot;noir&quot;", "café \"noir\"", "html_entity"),
        ("&amp;eacute; double-escaped", "é double-escaped", "html_entity"),
        ("&#x4E2D;&#x6587; text", "中文 text", "html_entity"),
        ("A\x00B and bell\x07 and del\x7f", "AB and bell and del", "control_char"),
        ("\x1b[31mred\x1b[0m text", "red text", "control_char"),
        ("zero\u200bwidth, word\u2060joiner, \ufeffbom", "zerowidth, wordjoiner, bom",
         "zero_width"),
        ("Versiche\u00adrungs\u00adnehmer", "Versicherungsnehmer", "soft_hyphen"),
        ("ＬＯＵＤ　ＮＯＩＳＥＳ", "LOUD NOISES", "width_form"),
        ("the ﬁnal ﬂight", "the final flight", "width_form"),
    ],
)
def test_entities_and_invisible_characters(dirty: str, clean: str, reason: str) -> None:
    r = FE(dirty)
    assert r.text == clean
    assert {c.reason for c in r.changes} == {reason}


def test_changes_are_recorded_at_the_characters_touched() -> None:
    text = "Ok: donâ€™t &amp; CafÃ©\u200b."
    r = FE(text)
    assert r.text == "Ok: don’t & Café."
    assert [(c.start, c.end, c.before, c.after, c.reason) for c in r.changes] == [
        (7, 10, "â€™", "’", "mojibake"),
        (12, 17, "&amp;", "&", "html_entity"),
        (21, 23, "Ã©", "é", "mojibake"),
        (23, 24, "\u200b", "", "zero_width"),
    ]
    assert Result.from_dict(r.to_dict()) == r  # the changes replay on the original


def test_overlapping_sub_fixes_merge_under_the_first_reason() -> None:
    # the entities decode to mojibake, which decodes to one letter: one change
    r = FE("&Atilde;&copy;t&eacute;")
    assert r.text == "été"
    assert [(c.before, c.after, c.reason) for c in r.changes] == [
        ("&Atilde;&copy;", "é", "html_entity"), ("&eacute;", "é", "html_entity")]


@pytest.mark.parametrize(
    "clean",
    [
        # Portuguese capitals hold "Ã" next to letters that mojibake also produces
        "SÃO PAULO — A IRMÃ É MÉDICA. NÃO HÁ ÁGUA! CAMPEÃO, MAÇÃ, À VENDA.",
        "São Tomé, Conceição, João e a irmã às três horas.",
        # Vietnamese, precomposed and decomposed: NFC would change the second
        "Tiếng Việt có dấu: Người dân ở Hà Nội đã được thông báo.",
        "Tie\u0302\u0301ng Vie\u0323\u0302t",
        # Korean conjoining jamo (NFC would compose them) and syllables
        "\u1100\u1161\u11a8 한국어 문장입니다.",
        # CJK fullwidth punctuation and digits, Japanese halfwidth katakana
        "中文句子，包括全角标点：“引号”！（括号）？１２３",
        "日本語の文章です。ｶﾀｶﾅ半角。ＡＢＣ全角。東京\u3000大阪",
        "Русский текст: Сёмга, ёлка, «кавычки» — тире. СІЧЕНЬ.",
        "Українська: Їжак, Євген, ґанок.",
        "العربية: مرحبا بالعالم، هذه جملة عربية. ـــ",
        "فارسی: می\u200cخواهم به خانه بروم",  # ZWNJ
        "हिन्दी: क्\u200dष",  # ZWJ
        "👨\u200d👩\u200d👧 family, 🏴\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f",
        "Türkçe: İstanbul’da ığdır şişe; Ğ Ş İ ı",
        "Ελληνικά: Καλημέρα κόσμε; Ναι.",
        "עברית \u200fסימן\u200e ו\u202aהטמעה\u202c",  # bidi marks
        "ไทย\u200bภาษา\u200bไทย",  # ZWSP marks Thai word boundaries
        "Nederlands: ĳs, Ĳsland; ǅ",
        "Français : « Bonjour\u00a0! » — l’été… Ça va\u202f?",
        "Deutsch: „Zitat“ und »Zitat« — Straße, Größe.",
        "Symbols: © ® ™ ° ± ² ³ µ ¶ · ¼ ½ ¾ × ÷ € £ ¥ œuvre cœur naïve",
        "AT&T, R&D, a &b, &notanentity; &#; and 5 &lt 6",
        "<p>Fish &amp; chips</p> stays: this line is markup",
        "Tab\tinside, form\x0cfeed and a Windows line\r\nend",
        "",
    ],
)
def test_leaves_clean_text_alone(clean: str) -> None:
    assert FE(clean).changes == ()


def test_curly_quotes_stay_unless_asked() -> None:
    text = "“Hi,” she said — it’s ‘fine’."
    assert FE(text).changes == ()
    r = Pipeline([FixEncoding(straighten_quotes=True)])(text)
    assert r.text == "\"Hi,\" she said — it's 'fine'."
    assert {c.reason for c in r.changes} == {"curly_quote"}


def test_soft_hyphens_can_be_kept() -> None:
    text = "Versiche\u00adrung"
    assert Pipeline([FixEncoding(soft_hyphens=False)])(text).changes == ()


def test_clean_lines_never_reach_python(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object) -> None:
        raise AssertionError("a clean line was repaired")

    monkeypatch.setattr(encoding_module, "_repair", boom)
    clean = ("Le café est déjà prêt — “ça va”, dit-il… Straße, Größe, año, ñandú.\n"
             "Пример текста. 中文，日本語。 عربي. Tiếng Việt.\n") * 500
    assert FixEncoding().edits(Document(clean)) == []


def test_only_gated_lines_are_repaired() -> None:
    text = "clean line\nbad line: CafÃ©\nanother clean line"
    assert [(e.start, e.end, e.replacement) for e in FixEncoding().edits(Document(text))] == [
        (24, 26, "é")]


# -- the gate's byte scans ---------------------------------------------------------------
# The lines the gate finds are, by definition, the lines in which its character pattern
# matches; the byte scans only choose which lines to test, so they must never miss one.

_GATES = pytest.mark.parametrize(
    "gate", [encoding_module._GATE, encoding_module._GATE_WITH_QUOTES], ids=["gate", "quotes"])


def _gate_lines_by_definition(gate: encoding_module._Gate, text: str) -> list[int]:
    return [i for i, line in enumerate(text.split("\n")) if gate.chars.search(line)]


def _by_bytes(text: str) -> bool:
    """True when the gate takes the byte route for ``text`` (mostly one-byte characters)."""
    assert len(text) <= encoding_module._PIECE
    size = len(text.encode("utf-8", "surrogatepass"))
    return size <= encoding_module._MAX_BYTES_PER_CHAR * len(text)


def _chars(ranges: str) -> list[str]:
    """The characters of a character-class body such as ``"a-z"`` (no escapes)."""
    out: list[str] = []
    i = 0
    while i < len(ranges):
        if i + 2 < len(ranges) and ranges[i + 1] == "-":
            out += map(chr, range(ord(ranges[i]), ord(ranges[i + 2]) + 1))
            i += 3
        else:
            out.append(ranges[i])
            i += 1
    return out


# Every first character of a trigger (surrogates sampled), and what can follow it.
_FIRST = [*_chars("\u00c2-\u00f4ВГРСвβā√‚&" + encoding_module._FULLWIDTH),
          *_chars(encoding_module._SINGLE.replace(encoding_module._SURROGATES, "")),
          *_chars(encoding_module._QUOTES), "\ud800", "\udbff", "\udc00", "\udfff"]
_NEXT = sorted({*_chars(encoding_module._CP1252_CONT), *_chars(encoding_module._CP1251_CONT),
                *" ?€Ä±∂†≠®™´≤≥¥µø", *"a#;é中あ한аяёＡ＋", *_FIRST[:60]})


@_GATES
def test_byte_scans_find_every_trigger_pair(gate: encoding_module._Gate) -> None:
    # one pair a line: after ASCII, at the line start, after a CJK character
    pad = " " + "x" * 12
    lines = [f"{before}{a}{b}{pad}" for a in _FIRST for b in _NEXT for before in ("ab ", "", "中")]
    for k in range(0, len(lines), 3000):
        text = "\n".join(lines[k : k + 3000])
        assert _by_bytes(text)
        assert gate.lines(Document(text)) == _gate_lines_by_definition(gate, text)


@pytest.mark.parametrize("trigger", ["Ã©", "&amp;", "&" + "a" * 24 + ";", "中＋", "β€", "√±",
                                     "a\u00ad", "\ud83d\ude00", "\n" + " " * 40 + "Ã©"])
@pytest.mark.parametrize("script", ["latin", "cyrillic"])
def test_triggers_across_the_cut_between_pieces(trigger: str, script: str) -> None:
    # long texts are searched a piece at a time: nothing may fall between two pieces
    filler = ("plain words " if script == "latin" else "простые слова ") * 12 + "\n"
    head = (filler * (2 * encoding_module._PIECE // len(filler)))[: encoding_module._PIECE]
    gate = encoding_module._GATE
    for shift in range(-len(trigger) - 1, 2):
        text = head[: len(head) + shift] + trigger + " tail\n" + filler * 3
        assert gate.lines(Document(text)) == _gate_lines_by_definition(gate, text)


@_GATES
@pytest.mark.parametrize("entity", ["&amp;", "&#8217;", "&#x2019;", "&#1234567;", "&#xAbCdEf;",
                                    "&a1;", "&" + "a" * 24 + ";", "&#;", "& amp;", "&amp",
                                    "&" + "a" * 25 + ";", "&#12345678;"])
def test_byte_scans_find_entities(gate: encoding_module._Gate, entity: str) -> None:
    text = f"plain line\nFish {entity} chips\nplain line"
    assert gate.lines(Document(text)) == _gate_lines_by_definition(gate, text)


_SNIPPETS = ("plain ", "words ", "\n", "\n\n", "é", "Ã©", "â€™", "Â ", "Ã?", "Ã", "ô\u00a0",
             "’", "“", "—", "&amp;", "&", "&#39;", "\x00", "\x1b[1m", "\x7f", "\x85", "\x93",
             "\u00ad", "\u200b", "\u2060", "\ufeff", "\u206a", "\ufffc", "ﬁ", "ＬＯＵＤ",
             "\u3000", "中文，", "日本語。", "Ð¿", "РїСЂ", "вЂ", "β€", "ā€", "√±", "‚Ä",
             "\ud83d", "\udc00", "ʼ", "Привет, мир. ", "Γειά σου ", "한국어 ")


@_GATES
@given(st.lists(st.sampled_from(_SNIPPETS), max_size=40).map("".join))
def test_gated_lines_are_the_lines_the_gate_matches(gate: encoding_module._Gate,
                                                    text: str) -> None:
    assert gate.lines(Document(text)) == _gate_lines_by_definition(gate, text)


def test_texts_in_multibyte_scripts_are_scanned_by_characters() -> None:
    text = "Привет, мир, как дела?\nРїСЂРёРІРµС‚\n" * 3
    assert not _by_bytes(text)
    gate = encoding_module._GATE
    assert gate.lines(Document(text)) == _gate_lines_by_definition(gate, text) == [1, 3, 5]


@pytest.mark.linear
@pytest.mark.parametrize(
    "hostile",
    [
        "CafÃ© " * 20_000,
        "Ã©" * 100_000,
        "&amp;" * 50_000,
        "&" * 200_000,
        "a\u200b" * 100_000,
        "\ud83d" * 50_000,
        "\x00" * 100_000,
        "ＡＢ" * 100_000,
        "Ã\n" * 100_000,
    ],
)
def test_adversarial_input(hostile: str) -> None:
    r = FE(hostile)
    assert FE(r.text).changes == ()


# -- properties --------------------------------------------------------------------------

_CLEAN_WORDS = (
    "café", "não", "SÃO", "IRMÃ", "Größe", "Straße", "naïve", "l’été", "“quoted”", "—", "…",
    "привет", "Сёмга", "中文，", "日本語。", "한국어", "Việt", "مرحبا", "می\u200cخواهم",
    "Καλημέρα", "İstanbul", "«\u00a0oui\u00a0»", "ĳs", "©", "½", "€5", "AT&T", "x²", "１２月")
_DAMAGE = ("Ã©", "â€™", "â€", "Ã", "Â", "Â\u00a0", "&amp;", "&#8217;", "&eacute;", "&",
           "\x00", "\x1b[1m", "\x93", "\x9d", "\u200b", "\ufeff", "\u00ad", "Ｘ", "ﬁ",
           "\ud83d\ude00", "\udc00", "Ð¿", "Ñ€")
_SEPARATORS = (" ", " ", "\n", "", "\r\n", "\t")


@given(st.lists(st.sampled_from(_CLEAN_WORDS), max_size=30))
def test_clean_words_pass_through(words: list[str]) -> None:
    text = " ".join(words)
    assert FE(text).changes == ()


@given(st.lists(st.sampled_from(_CLEAN_WORDS + _DAMAGE + _SEPARATORS), max_size=40)
       .map("".join))
def test_repaired_text_is_stable_and_replays(text: str) -> None:
    r = FE(text)
    assert FE(r.text).changes == ()
    assert Result.from_dict(r.to_dict()) == r


@given(st.text(st.characters() | st.characters(categories=["Cs"]), max_size=60))
def test_any_text_is_accepted(text: str) -> None:  # surrogates, controls, every script
    r = Pipeline([FixEncoding(), Whitespace()])(text)
    assert Result.from_dict(r.to_dict()) == r


@given(st.lists(st.sampled_from(_CLEAN_WORDS + _DAMAGE + _SEPARATORS), max_size=40)
       .map("".join))
def test_one_pass_lines_record_what_tracked_text_records(text: str) -> None:
    # a line changed by a single pass skips TrackedText; forcing it changes nothing
    expected = FE(text).to_dict()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(encoding_module, "_disjoint", lambda edits: False)
        assert FE(text).to_dict() == expected


# -- the fast paths ----------------------------------------------------------------------
# Each shortcut must give what the plain way gives: diff_recoded (diff_edits), the step
# with faster searches (plain ftfy.fix_encoding), words repaired one by one (a
# substitution over every word), the character passes behind one search (always run).

_WORD = re.compile(r"\S+")


def _fix_words_one_by_one(text: str) -> str:
    def fix(m: re.Match[str]) -> str:
        word = m.group()
        if not encoding_module._MOJIBAKE_LEFT.search(word):
            return word
        return encoding_module._ftfy_fix_encoding(word)

    return _WORD.sub(fix, text)


def _slow_paths(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(encoding_module, "diff_recoded", diff_edits)
    mp.setattr(encoding_module, "_ONE_STEP", None)
    mp.setattr(encoding_module, "_fix_words", _fix_words_one_by_one)
    always = re.compile("")  # matches every text
    mp.setattr(encoding_module, "_PASSES", {
        key: dataclasses.replace(passes, chars=always)
        for key, passes in encoding_module._PASSES.items()})


_MIXED = (*_CLEAN_WORDS, *_DAMAGE, *_SEPARATORS, "â€”", "â€œ", "Å\x82", "ZoÃ«â€¦", "Ã©t" * 200,
          "x" * 300, "中文，", "ＬＯＵＤ", "\u3000", "&lt;b&gt;", "<p>", "\ud800", "\x85",
          "\u2028", "ʼ", "\x1b[31m", "\u206a", "слово  Ã©", "ï¬\x81")


@given(st.lists(st.sampled_from(_MIXED), max_size=40).map("".join), st.booleans(),
       st.booleans())
@settings(max_examples=300, deadline=None)
def test_fast_paths_change_nothing(text: str, soft_hyphens: bool, quotes: bool) -> None:
    fix = FixEncoding(soft_hyphens=soft_hyphens, straighten_quotes=quotes)
    fast = fix.edits(Document(text))
    with pytest.MonkeyPatch.context() as mp:
        _slow_paths(mp)
        assert fix.edits(Document(text)) == fast


@given(st.lists(st.sampled_from(["Ã©", "â€™", "Ã", "Â", "x", "слово", "中", " ", "  ", "\t",
                                  "\u00a0", "\x85", "\u3000", "\u2028", "\n", "\x93"]),
                max_size=30).map("".join))
def test_words_are_repaired_as_one_by_one(text: str) -> None:
    assert encoding_module._fix_words(text) == _fix_words_one_by_one(text)


def test_ampersands_alone_leave_the_text_unsplit() -> None:
    # "&" is common and entities are not: the gate finds entities in the bytes exactly,
    # so a text with no other trigger is never split into lines to check them
    doc = Document("AT&T and R&D; a &b, &#; &notanentity, 5 &lt 6 & co.\n" * 50)
    assert encoding_module._GATE.lines(doc) == []
    assert doc._lines is None


@pytest.mark.linear
def test_mojibake_of_many_distinct_characters_is_linear() -> None:
    # one line of n words of n different characters (CJK, Hangul, ...) as mojibake: the
    # repair must not look for each distinct character in the whole line
    def seconds(n: int) -> float:
        line = " ".join(baked(chr(0x3400 + k) * 2) for k in range(n))
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            FixEncoding().edits(Document(line))
            best = min(best, time.perf_counter() - start)
        return best

    # eight times the words: about eight times the time (a quadratic search shows 30+)
    assert seconds(40_000) < 20 * seconds(5_000)
