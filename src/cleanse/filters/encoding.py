"""Encoding repair: mojibake, HTML entities, invisible characters, width forms.

ftfy does the repairs; this module decides *where* it runs and *how it is recorded*.
A gate finds the lines holding a character that mojibake, entities or controls
produce (``Ã©``, ``â€™``, ``&amp;``, C1 controls, zero-width spaces, ...); only those
lines reach Python. The gate is one character pattern; to avoid running it over every
character, the text's UTF-8 bytes are first searched with scans led by literal bytes,
and only the lines they hit are checked with it. On each gated line ftfy's fixes run
as separate passes, each recorded under its own reason at the characters it touched:
a repaired ``donâ€™t`` is recorded as ``â€™`` -> ``’`` (``mojibake``), not as "the line
was replaced". The character passes know exactly what they replace; ftfy's mojibake
repair is a black box, so its before and after are diffed (a diff that pairs the runs
of non-ASCII characters where the repair left the ASCII alone). ftfy's own test for
mojibake is skipped where a cheaper, provably wider search finds nothing, and its repair
step runs with three of its slowest searches replaced by equivalent faster ones.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from types import FunctionType, SimpleNamespace
from typing import TYPE_CHECKING, AnyStr

import ftfy
import regex
from ftfy import badness, chardata, fixes

from cleanse.filters.base import Filter, diff_recoded
from cleanse.tracked import Edit, TrackedText, spliced

if TYPE_CHECKING:
    from cleanse.document import Document

__all__ = ["FixEncoding"]

# ftfy's mojibake repair, configured on purpose (ftfy's defaults are for a different job):
# - normalization=None: NFC would recompose decomposed Vietnamese tone marks, Korean
#   conjoining jamo and "e\u0302"-style accents that the source really contains;
#   changing them is not a repair (and one bench original has such accents).
# - uncurl_quotes=False: curly quotes are correct typography (FixEncoding has an
#   opt-in ``straighten_quotes`` instead).
# - fix_character_width=False, fix_latin_ligatures=False: ftfy would turn Chinese
#   "，" and "？" into ASCII and Dutch "ĳ" into "ij"; a narrower width pass runs below.
# - fix_line_breaks=False: line endings belong to the Whitespace filter, and "\x85"
#   is far more often a cp1252 ellipsis than a line break.
# - remove_control_chars / remove_terminal_escapes / unescape_html / fix_surrogates:
#   run as separate passes below, so each gets its own reason.
# - restore_byte_a0, replace_lossy_sequences, decode_inconsistent_utf8 and
#   fix_c1_controls stay on: they only act on text ftfy already judged to be
#   mojibake, and partial mojibake (one bad line in a good document) needs them.
_MOJIBAKE_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)

# ftfy.fix_encoding repeats one repair step until the text stops changing, and each step
# starts with badness.is_bad: a regex of ~40 branches that ``re`` tries at every
# character (~200 ns a character), the step returning the text unchanged when it finds
# nothing. After a repair the step runs once more, on the repaired text, which is then
# almost never bad: that last scan for nothing was half of ftfy's time on the bench.
# _MAYBE_BAD is a superset of is_bad led by one character class, which ``re`` skips to
# fast: every branch of BADNESS_RE needs a character of _ANCHORS, or one of a few
# characters common in good text (quotation marks, °, œ) in the context that branch
# gives it. Where _MAYBE_BAD finds nothing, is_bad finds nothing, the step would return
# the text as it is and ftfy would stop: so does _ftfy_fix_encoding, without the scan.
# This holds for the BADNESS_RE it was checked against (tests/filters/
# test_encoding_ftfy.py expands every branch); another ftfy release gets plain
# ftfy.fix_encoding until it is checked again.
_BADNESS_CHECKED = "9dcc0f2ac90d9ae3c85eb7b9b2c0b8a8e8126153847c2b30c91a0bb263f3b8c4"
_CATEGORY = badness.MOJIBAKE_CATEGORIES
_ANCHORS = "".join(_CATEGORY[c] for c in ("c1", "bad", "upper_accented", "box", "currency",
                                          "numeric")) + "‚ÙЂ"
_ACCENTED = _CATEGORY["lower_accented"] + _CATEGORY["upper_accented"]
_OPENING, _CLOSING = _CATEGORY["start_punctuation"], _CATEGORY["end_punctuation"]
_MAYBE_BAD = re.compile(
    f"[{_ANCHORS}{_OPENING}{_CLOSING}°œ]"
    f"(?:(?<=[{_ANCHORS}])"
    # a closing quote before an accented letter or an opening quote
    f"|(?<=[{_CLOSING}])[{_CATEGORY['lower_accented']}{_OPENING}]"
    # a quote between an accented letter and a letter
    f"|(?<=[{_ACCENTED}][{_OPENING}{_CLOSING}])(?=\\w)"
    # the middle of a cp1251 or cp1253 triple ("В°В")
    r"|(?<=[ВГРСΒΓΞΟ].)[ВГРСΒΓΞΟ]"
    # œ before anything but a letter
    r"|(?<=œ)[^A-Za-z])"
)
# A step that does repair runs three more searches that are slow for what they find;
# each has a faster equivalent:
# - is_bad itself searches the line from its start, though the first mojibake is often
#   far into it. Every branch of BADNESS_RE is a few characters long, and _MAYBE_BAD
#   matches each at most _BAD_LEAD characters after its start (the test above checks
#   this too), so no match of BADNESS_RE starts before that: _is_bad searches from there.
# - ALTERED_UTF8_RE, searched in the bytes of the line: its branches are alternatives
#   each led by a byte class, which ``re`` tries at every byte; _ALTERED_UTF8 has the
#   same branches led by one byte class (the shape the gate has), which it skips to.
# - replace_lossy_sequences, run on the bytes of every line read as sloppy-windows-1252:
#   a substitution of ten branches tried at every byte. Each branch needs a byte 1A or
#   "?", so without either it changes nothing.
# The step runs as ftfy wrote it (its very code object), looking these up in a copy of
# its module's namespace where they are replaced; each replacement is used only with the
# ftfy pattern it was checked against.
_BAD_LEAD = 3
_ALTERED_CHECKED = "c156e78e9dafd32d947de8902e5471e1ff9caf41f6e224b606c3f9419df7cbbd"
_ALTERED_UTF8 = re.compile(
    rb"[\xc2\xc3\xc5\xce\xd0\xd9\xe0-\xe3\xf0]"
    rb"(?:(?<=[\xc2\xc3\xc5\xce\xd0\xd9]) "
    rb"|(?<=[\xe2\xe3]) [\x80-\x84\x86-\x9f\xa1-\xbf]"
    rb"|(?<=[\xe0-\xe3])[\x80-\x84\x86-\x9f\xa1-\xbf] "
    rb"|(?<=\xf0)(?: [\x80-\xbf][\x80-\xbf]|[\x80-\xbf] [\x80-\xbf]|[\x80-\xbf][\x80-\xbf] ))"
)
_LOSSY_CHECKED = "c63fa038161cd9f6b9fca3679fe59d307b360bd8b0b7c9bd2eb7c4af37b7440f"


def _is_bad(text: str) -> bool:
    """``badness.is_bad(text)``, with BADNESS_RE searched from where it can first match."""
    first = _MAYBE_BAD.search(text)
    return (first is not None
            and badness.BADNESS_RE.search(text, max(first.start() - _BAD_LEAD, 0)) is not None)


def _replace_lossy_sequences(data: bytes) -> bytes:
    """``fixes.replace_lossy_sequences(data)``, not run where it cannot match."""
    if b"\x1a" not in data and b"?" not in data:
        return data
    return bytes(fixes.replace_lossy_sequences(data))


_StepFn = Callable[[str, ftfy.TextFixerConfig], ftfy.ExplainedText]


def _checked_step() -> _StepFn | None:
    """ftfy's repair step with the faster lookups, when the checks above hold for the
    installed ftfy. The step is private to ftfy: without it, or with another
    BADNESS_RE, plain ftfy.fix_encoding runs."""
    step = getattr(ftfy, "_fix_encoding_one_step_and_explain", None)
    if not isinstance(step, FunctionType) or _digest(badness.BADNESS_RE) != _BADNESS_CHECKED:
        return None
    names = {**vars(ftfy), "is_bad": _is_bad}
    if _digest(chardata.ALTERED_UTF8_RE) == _ALTERED_CHECKED:
        names["chardata"] = SimpleNamespace(
            **{**vars(chardata), "ALTERED_UTF8_RE": _ALTERED_UTF8})
    if _digest(chardata.LOSSY_UTF8_RE) == _LOSSY_CHECKED:
        names["fixes"] = SimpleNamespace(
            **{**vars(fixes), "replace_lossy_sequences": _replace_lossy_sequences})
    return FunctionType(step.__code__, names, step.__name__, step.__defaults__, step.__closure__)


def _digest(pattern: re.Pattern[str] | re.Pattern[bytes]) -> str:
    source = pattern.pattern
    return hashlib.sha256(source if isinstance(source, bytes) else source.encode()).hexdigest()


_ONE_STEP = _checked_step()


def _ftfy_fix_encoding(text: str) -> str:
    """``ftfy.fix_encoding(text, _MOJIBAKE_CONFIG)``, without the scans that find nothing."""
    if _ONE_STEP is None:
        return str(ftfy.fix_encoding(text, _MOJIBAKE_CONFIG))
    while _MAYBE_BAD.search(text):  # the loop of ftfy.fix_encoding_and_explain
        fixed = str(_ONE_STEP(text, _MOJIBAKE_CONFIG).text)
        if fixed == text:
            break
        text = fixed
    return text


# -- the gate ---------------------------------------------------------------------------
# The exact test, run on a line: does it hold a trigger? The pattern starts with a single
# character class (the first character of every trigger) and checks the rest with
# lookbehinds; the stdlib ``re`` runs this shape three times faster than ``regex``.
#
# UTF-8 read as Latin-1 / Windows-1252: a lead byte (Â..ô) followed by a continuation
# byte (U+0080-U+00BF, or what cp1252 shows for 0x80-0x9F). Legitimate text rarely has
# these pairs ("é»" in "été»" passes the gate; ftfy then leaves it alone).
_CP1252_CONT = "\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
# UTF-8 read as Windows-1251 (Cyrillic): lead bytes В Г Р С в, then 0x80-0xBF in cp1251.
_CP1251_CONT = "ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—™љ›њќћџ\u00a0ЎўЈ¤Ґ¦§Ё©Є«¬\u00ad®Ї°±Ііґµ¶·ё№є»јЅѕї"
# C0 controls except tab, line feed, form feed and carriage return; DEL; C1 controls
# (mojibake clues); ESC starts terminal escapes; deprecated format characters; the
# interlinear annotation characters and U+FFFC.
_CONTROL = "\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u206a-\u206f\ufff9-\ufffc"
# Zero-width space, word joiner, byte-order mark. ZWNJ (U+200C) and ZWJ (U+200D) are
# not here: Persian, the Indic scripts and emoji sequences need them.
_ZERO_WIDTH = "\u200b\u2060\ufeff"
_SOFT_HYPHEN = "\u00ad"
# Fullwidth ASCII and symbols, halfwidth forms, the ideographic space, Latin ligatures.
_FULLWIDTH = "\uff01-\uffef\u3000"
_LIGATURE = "\ufb00-\ufb06"
_WIDTH = _FULLWIDTH + _LIGATURE
# CJK text uses fullwidth forms on purpose, so the gate only fires for a fullwidth
# character at a line start or after a character of none of these scripts.
_CJK_RANGES = ("\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff"
               "\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f")
_QUOTES = "\u02bc\u2018-\u201f"
# UTF-16 surrogates decoded one by one (a str can hold them; they are never text).
_SURROGATES = "\ud800-\udfff"


def _gate(single: str) -> re.Pattern[str]:
    """The gate: a mojibake pair, an entity, or one of the ``single`` characters."""
    return re.compile(
        f"[\u00c2-\u00f4ВГРСвβā√‚&{_FULLWIDTH}{single}]"
        f"(?:(?<=[\u00c2-\u00f4])[{_CP1252_CONT}]"
        r"|(?<=[ÂÃ])[ ?]"  # a lead byte whose 0xA0 became a space, or a lossy "?"
        f"|(?<=[ВГРСв])[{_CP1251_CONT}]"
        r"|(?<=[βā])€|(?<=√)[±∂†≠®™´≤≥¥µø]|(?<=‚)Ä"  # cp1253, cp1257, MacRoman
        r"|(?<=&)(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,23});"
        f"|(?<=[^{_CJK_RANGES}][{_FULLWIDTH}])|(?<=[{_FULLWIDTH}])(?<![^\n][{_FULLWIDTH}])"
        f"|(?<=[{single}]))"
    )


_SINGLE = _CONTROL + _ZERO_WIDTH + _SOFT_HYPHEN + _LIGATURE + _SURROGATES
# A mojibake pair still present after repairing a line (the gate's first branch).
_MOJIBAKE_LEFT = re.compile(f"[\u00c2-\u00f4][{_CP1252_CONT}]")
_SPACE = re.compile(r"\s")
_UP_TO_SPACE = re.compile(r".*\s", re.DOTALL)  # up to the last space (before endpos)

# -- finding the gated lines -------------------------------------------------------------
# Running the gate over a whole text costs about 5 ns a character even where nothing
# matches: ``re`` tests the class at every position. A search led by one literal byte
# skips ahead about ten times faster. In UTF-8 the gate's triggers begin with a few
# distinct bytes (all of Â..ô begin with C3), so each family of triggers gets such a
# search, written as a superset of its branches of the gate; the lines they hit are
# then checked with the gate itself, so the gated lines are exactly the gate's.
# Lone surrogates are encoded with "surrogatepass" (ED A0-BF ..).
#
# Two families are searched in all of the text's bytes, where the ASCII around their
# triggers decides:
# - a Latin-1 lead (C3 82-B4) before the first byte of a cp1252 continuation (U+0080-
#   00BF, Œ-Ÿ, ƒ, ˆ ˜, ‚-™), or Â/Ã before a space or "?". With the ASCII dropped
#   (below), "für „" would look like the pair "ü„".
_LATIN1_PAIR = re.compile(rb"\xc3(?:[\x82-\xb4][\xc2\xc5\xc6\xcb\xe2]|[\x82\x83][ ?])")
# - an entity: the gate's own branch, all ASCII, so it finds exactly the lines in which
#   the gate matches an entity ("&" alone, as in AT&T, is common; entities are not).
_ENTITY = re.compile(rb"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,23});")
# The other families are searched in the bytes left after dropping ASCII but line feeds
# and controls: a few percent of a Latin-script text. Their triggers are non-ASCII
# characters, which stay adjacent there. A scan runs only if one of its first bytes is
# there at all. "&", "#" and ";" stay too: an entity leaves "&;" or "&#;" there, so
# without those the search for entities in all the bytes is skipped.
_C0 = bytes((*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F))  # C0 controls but \t \n \f \r; DEL
_DROPPED_ASCII = bytes(set(range(0x80)).difference(b"\n&#;", _C0))
_ByteScan = tuple[bytes, re.Pattern[bytes]]  # (the first bytes it can match, the scan)
_BYTE_SCANS: tuple[_ByteScan, ...] = (
    (_C0, re.compile(b"[" + re.escape(_C0) + b"]")),  # C0 controls, DEL
    (b"\xc2", re.compile(rb"\xc2[\x80-\x9f\xad]")),  # C1 controls, soft hyphen
    # В Г Р С в before a cp1251 continuation (Ѐ-Џ, ѐ-џ, Ґ ґ, U+0080-00BF, ‚-№)
    (b"\xd0", re.compile(rb"\xd0[\x92\x93\xa0\xa1\xb2]"
                         rb"(?:[\xc2\xe2]|\xd0[\x80-\x8f]|\xd1[\x90-\x9f]|\xd2[\x90\x91])")),
    # zero-width space, ‚Ä, word joiner, deprecated format characters, √
    (b"\xe2", re.compile(rb"\xe2(?:\x80\x8b|\x80\x9a\xc3\x84|\x81[\xa0\xaa-\xaf]|\x88\x9a)")),
    (b"\xce", re.compile(rb"\xce\xb2\xe2\x82\xac")),  # β€
    (b"\xc4", re.compile(rb"\xc4\x81\xe2\x82\xac")),  # ā€
    (b"\xe3", re.compile(rb"\xe3\x80\x80")),  # ideographic space
    # fullwidth and halfwidth forms, U+FFF9-FFFC, byte-order mark, ligatures
    (b"\xef", re.compile(rb"\xef(?:[\xbc-\xbf]|\xbb\xbf|\xac[\x80-\x86])")),
    (b"\xed", re.compile(rb"\xed[\xa0-\xbf]")),  # surrogates
)
_QUOTE_SCANS: tuple[_ByteScan, ...] = (
    (b"\xca", re.compile(rb"\xca\xbc")),  # ʼ
    (b"\xe2", re.compile(rb"\xe2\x80[\x98-\x9f]")),  # ‘ ’ ‚ ‛ “ ” „ ‟
)
# In Cyrillic, Greek, CJK, ... text most characters take two or three bytes, and the
# byte scans would stop at most of them; such text is searched with the gate directly.
_MAX_BYTES_PER_CHAR = 1.5
# Long texts are searched a piece at a time, so that the bytes stay small and in cache
# (whole-text copies of megabytes grew more than linearly). Pieces overlap by more than
# the longest match of the gate (an entity, 26 characters), so none is cut.
_PIECE = 1 << 16
_OVERLAP = 32


@dataclass(frozen=True, slots=True)
class _Gate:
    """The gate (an exact test for one line) and the byte scans that pick its lines."""

    chars: re.Pattern[str]
    scans: dict[int, tuple[re.Pattern[bytes], ...]]  # first byte -> the scans it begins
    others: bytes  # the bytes that begin no scan

    @classmethod
    def build(cls, single: str, byte_scans: tuple[_ByteScan, ...]) -> _Gate:
        scans: dict[int, tuple[re.Pattern[bytes], ...]] = {}
        for first, pattern in byte_scans:
            for byte in first:
                scans[byte] = (*scans.get(byte, ()), pattern)
        return cls(_gate(single), scans, bytes(set(range(256)).difference(scans)))

    def lines(self, doc: Document) -> list[int]:
        """Indexes of the lines holding at least one match of :attr:`chars`, in order."""
        text = doc.text
        candidates: set[int] = set()
        start = line = 0  # where the piece starts: character, line
        while True:
            piece = text[start : start + _PIECE + _OVERLAP]
            data = piece.encode("utf-8", "surrogatepass")
            if len(data) > _MAX_BYTES_PER_CHAR * len(piece):
                _add_hit_lines(self.chars, piece, "\n", line, candidates)
            else:
                self._scan_bytes(data, line, candidates)
            if start + _PIECE >= len(text):
                break
            line += piece.count("\n", 0, _PIECE)
            start += _PIECE
        if not candidates:
            return []
        # the scans are supersets (and a piece does not see what precedes it)
        lines = doc.lines
        return [i for i in sorted(candidates) if self.chars.search(lines[i])]

    def _scan_bytes(self, data: bytes, line: int, found: set[int]) -> None:
        rest = data.translate(None, _DROPPED_ASCII)
        if b"\xc3" in rest:
            _add_hit_lines(_LATIN1_PAIR, data, b"\n", line, found)
        if b"&" in rest and (b"&;" in rest or b"&#;" in rest):  # one byte is found faster
            _add_hit_lines(_ENTITY, data, b"\n", line, found)
        firsts = set(rest.translate(None, self.others))  # usually a handful
        for pattern in {p for byte in firsts for p in self.scans[byte]}:
            _add_hit_lines(pattern, rest, b"\n", line, found)


_GATE = _Gate.build(_SINGLE, _BYTE_SCANS)
_GATE_WITH_QUOTES = _Gate.build(_SINGLE + _QUOTES, _BYTE_SCANS + _QUOTE_SCANS)


def _add_hit_lines(pattern: re.Pattern[AnyStr], data: AnyStr, newline: AnyStr,
                   line: int, found: set[int]) -> None:
    """Add to ``found`` the lines of ``data`` that ``pattern`` matches in, numbered from ``line``.

    The search jumps to the next line after a hit, so a line dense with hits (a whole
    mojibake paragraph) costs one search; lines are counted incrementally, so the whole
    scan stays linear.
    """
    pos = counted = 0
    while (m := pattern.search(data, pos)) is not None:
        line += data.count(newline, counted, m.start())
        counted = m.start()
        found.add(line)
        pos = data.find(newline, counted) + 1
        if pos == 0:
            break


# -- the passes -------------------------------------------------------------------------
# Lines that look like markup keep their entities: decoding "&lt;b&gt;" inside real HTML
# would change what the markup says (the same rule as ftfy's unescape_html="auto").
_MARKUP = re.compile(r"<[A-Za-z/!]")
# Text in these scripts uses fullwidth punctuation and the ideographic space on purpose.
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Bopomofo}\u3001-\u303f]")
# Thai, Lao, Khmer, Myanmar and Tibetan are written without spaces; a zero-width space
# between two of their letters marks a word boundary and is kept.
_SEA = r"\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}"
_ZERO_WIDTH_RE = regex.compile(rf"[\ufeff\u2060]|(?<![{_SEA}])\u200b|\u200b(?![{_SEA}])")
# ftfy's table of unwanted controls (C0 but whitespace, DEL, U+206A-U+206F, U+FFF9-
# U+FFFC) minus the byte-order mark, which is zero-width; and terminal escapes.
_CONTROL_CHARS = "".join(re.escape(chr(i)) for i in sorted(chardata.CONTROL_CHARS)
                         if chr(i) not in _ZERO_WIDTH)
_CONTROL_RE = re.compile(rf"\x1b\[[0-9;]*[A-Za-z]|[{_CONTROL_CHARS}]+")
# The pattern above starts with an alternation, which ``re`` tries at every position;
# a class alone skips ahead fast, so it tells first whether there is anything to find.
_ANY_CONTROL = re.compile(f"[{_CONTROL_CHARS}]")
_LIGATURES = {i: s for i, s in chardata.LIGATURES.items() if 0xFB00 <= i <= 0xFB06}
_LIGATURES[0xFB05] = "st"  # ftfy gives the long-s form "ſt"; NFKC and readers say "st"
_WIDTH_MAP = {**chardata.WIDTH_MAP, **_LIGATURES}
_WIDTH_RE = re.compile(f"[{_WIDTH}]+")
_ANY_WIDTH = re.compile(f"[{_WIDTH}]")
_QUOTES_RE = re.compile(f"[{_QUOTES}]+")
_SOFT_HYPHEN_RE = re.compile(f"{_SOFT_HYPHEN}+")
_ROUNDS = 4  # passes repeat until stable: "&amp;eacute;" needs two, nothing needs five

# Each pass returns its edits ``(start, end, replacement)`` on the line, and the line
# after them. Character passes say exactly which characters they touch; mojibake repair
# is a black box (ftfy), so its before/after is diffed into minimal edits.
_LineEdits = list[tuple[int, int, str]]
_Fixed = tuple[_LineEdits, str]


def _applied(line: str, edits: _LineEdits) -> _Fixed:
    return edits, (spliced(line, edits) if edits else line)


def _unescape_html(line: str) -> _Fixed:
    """One edit per entity, spanning the whole entity (``&amp;`` -> ``&``, not ``amp;``)."""
    if "&" not in line or _MARKUP.search(line):
        return [], line
    out = []
    for m in chardata.HTML_ENTITY_RE.finditer(line):
        entity = m.group()
        char = str(fixes.unescape_html(entity))
        if char != entity:
            out.append((m.start(), m.end(), char))
    return _applied(line, out)


def _fix_mojibake(line: str) -> _Fixed:
    fixed = str(fixes.fix_surrogates(_ftfy_fix_encoding(line)))
    if _MOJIBAKE_LEFT.search(fixed):
        # ftfy judges a line as a whole; next to other scripts it can miss a word that
        # it fixes alone ("слово  Ã©" stays, "Ã©" -> "é"). Give such words a second try.
        fixed = _fix_words(fixed)
    return diff_recoded(line, fixed), fixed


def _fix_words(text: str) -> str:
    """Each word (``\\S+``) of ``text`` that holds a mojibake pair, repaired on its own.

    Only the words the pairs fall in are looked at (a long line may have a handful of
    pairs and thousands of words): each is found from its pair, back to the space
    before it and on to the space after it.
    """
    out: list[str] = []
    done = 0  # text[:done] is in out; a word starts there or after a space
    for pair in _MOJIBAKE_LEFT.finditer(text):
        lead = pair.start()  # never a space
        if lead < done:  # in the word just handled
            continue
        space = _UP_TO_SPACE.match(text, done, lead)
        start = space.end() if space else done
        after = _SPACE.search(text, lead)
        end = after.start() if after else len(text)
        word = text[start:end]
        # the pair's second character may be a space (U+00A0, U+0085): not in the word
        out += (text[done:start], _ftfy_fix_encoding(word) if _MOJIBAKE_LEFT.search(word) else word)
        done = end
    out.append(text[done:])
    return "".join(out)


def _remove_controls(line: str) -> _Fixed:
    if not _ANY_CONTROL.search(line):  # ESC, which starts terminal escapes, is one
        return [], line
    return _applied(line, [(m.start(), m.end(), "") for m in _CONTROL_RE.finditer(line)])


def _remove_zero_width(line: str) -> _Fixed:
    if "\u200b" not in line and "\u2060" not in line and "\ufeff" not in line:  # _ZERO_WIDTH
        return [], line
    return _applied(line, [(m.start(), m.end(), "") for m in _ZERO_WIDTH_RE.finditer(line)])


def _remove_soft_hyphens(line: str) -> _Fixed:
    if _SOFT_HYPHEN not in line:
        return [], line
    return _applied(line, [(m.start(), m.end(), "") for m in _SOFT_HYPHEN_RE.finditer(line)])


def _fix_width(line: str) -> _Fixed:
    if not _ANY_WIDTH.search(line):  # a class alone skips ahead faster than "[...]+"
        return [], line
    found = [(m.start(), m.end(), m.group().translate(_WIDTH_MAP))
             for m in _WIDTH_RE.finditer(line)]
    if found and _CJK.search(line):  # the script check only where it matters
        return [], line
    return _applied(line, found)


def _straighten_quotes(line: str) -> _Fixed:
    return _applied(line, [(m.start(), m.end(), str(fixes.uncurl_quotes(m.group())))
                           for m in _QUOTES_RE.finditer(line)])


_Pass = tuple[str, Callable[[str], _Fixed]]
# Entities and mojibake may turn anything into anything; each character pass after them
# removes or maps characters of its own class (a pass, its reason, its class).
_TEXT_PASSES: tuple[_Pass, ...] = (("html_entity", _unescape_html), ("mojibake", _fix_mojibake))
_CHAR_PASSES: tuple[tuple[str, Callable[[str], _Fixed], str], ...] = (
    ("control_char", _remove_controls, _CONTROL_CHARS),
    ("zero_width", _remove_zero_width, _ZERO_WIDTH),
    ("soft_hyphen", _remove_soft_hyphens, _SOFT_HYPHEN),
    ("width_form", _fix_width, _WIDTH),
    ("curly_quote", _straighten_quotes, _QUOTES),
)


@dataclass(frozen=True, slots=True)
class _Passes:
    """The passes of one configuration, in order. The character passes run only where
    one search finds a character of their classes: on most repaired lines none does."""

    passes: tuple[_Pass, ...]
    chars_from: int  # the index of the first character pass
    chars: re.Pattern[str]  # a character some character pass acts on

    @classmethod
    def build(cls, *, soft_hyphens: bool, straighten_quotes: bool) -> _Passes:
        off = {"soft_hyphen": not soft_hyphens, "curly_quote": not straighten_quotes}
        chosen = [p for p in _CHAR_PASSES if not off.get(p[0])]
        return cls((*_TEXT_PASSES, *((reason, fn) for reason, fn, _ in chosen)),
                   len(_TEXT_PASSES), re.compile(f"[{''.join(c for *_, c in chosen)}]"))


_PASSES = {(soft, quotes): _Passes.build(soft_hyphens=soft, straighten_quotes=quotes)
           for soft in (False, True) for quotes in (False, True)}


@dataclass(frozen=True, slots=True, kw_only=True)
class FixEncoding(Filter):
    """Repair mojibake and entities and drop invisible junk, recording each character.

    Reasons, one per kind of repair:

    - ``mojibake``: text decoded in the wrong encoding (``donâ€™t`` -> ``don’t``,
      ``CafÃ©`` -> ``Café``, cp1252 C1 controls such as ``\\x93``, UTF-16 surrogates);
    - ``html_entity``: ``&amp;``, ``&#8217;``, ``&eacute;`` -> the character;
    - ``control_char``: C0 controls other than tab/line feed/form feed/carriage
      return, DEL, terminal escapes, deprecated format characters, U+FFF9-U+FFFC;
    - ``zero_width``: zero-width space, word joiner and byte-order mark;
    - ``soft_hyphen``: U+00AD, an invisible hyphenation hint (when ``soft_hyphens``);
    - ``width_form``: fullwidth Latin (``ＬＯＵＤ`` -> ``LOUD``), the ideographic space
      and ``ﬁ``-style ligatures, in lines without CJK text;
    - ``curly_quote``: only with ``straighten_quotes=True``.

    ftfy runs only on lines that contain a character mojibake or entities produce,
    configured deliberately (see ``_MOJIBAKE_CONFIG``). Left alone on purpose:
    curly quotes; Unicode normalization (NFC would change Vietnamese and Korean
    text that is already correct); fullwidth punctuation in Chinese and Japanese
    lines; ZWNJ and ZWJ (Persian, Indic scripts, emoji); zero-width spaces between
    Thai, Lao, Khmer, Myanmar or Tibetan letters; bidi marks; Dutch ``ĳ``; entities
    on lines that contain markup; line endings and odd spaces (Whitespace's job).

    >>> from cleanse.document import Document
    >>> [tuple(e) for e in FixEncoding().edits(Document("CafÃ© &amp; donâ€™t"))]
    [(3, 5, 'é', 'mojibake'), (6, 11, '&', 'html_entity'), (15, 18, '’', 'mojibake')]
    """

    name = "fix_encoding"
    reasons = ("mojibake", "html_entity", "control_char", "zero_width", "width_form",
               "soft_hyphen", "curly_quote")

    soft_hyphens: bool = True
    straighten_quotes: bool = False

    def edits(self, doc: Document) -> list[Edit]:
        """Edits for every gated line that a pass changes."""
        gate = _GATE_WITH_QUOTES if self.straighten_quotes else _GATE
        passes = _PASSES[self.soft_hyphens, self.straighten_quotes]
        edits: list[Edit] = []
        for index in gate.lines(doc):
            edits += _repair(doc.lines[index], doc.line_starts[index], passes, gate.chars)
        return edits


def _repair(line: str, start: int, passes: _Passes, gate: re.Pattern[str]) -> list[Edit]:
    """Run every pass on ``line`` (at ``start``) until stable; the edits, each with its
    first reason.

    Passes compose: where two passes touch the same characters they merge into one
    change, recorded under the earlier reason, which a small :class:`TrackedText` of
    the line works out. Most repaired lines are changed by one pass (their mojibake),
    whose edits then are the changes as they stand, so the TrackedText is only built
    when a second pass (or round) changes the line. A repaired line that no longer
    passes the ``gate`` is done: a second cleaning would not look at it either, so
    another round (another ftfy call) is skipped.
    """
    text = line
    first: list[Edit] = []  # the changes (in the text), while one pass made them
    tracked: TrackedText | None = None
    for _ in range(_ROUNDS):
        before = text
        for k, (reason, fn) in enumerate(passes.passes):
            if k == passes.chars_from and not passes.chars.search(text):
                break
            found, after = fn(text)
            if not found:
                continue
            if tracked is None and not first and _disjoint(found):
                first = [Edit(start + a, start + b, rep, reason)
                         for a, b, rep in found if text[a:b] != rep]
                text = after
                continue
            if tracked is None:
                tracked = TrackedText(line)
                if first:
                    tracked = tracked.apply([e._replace(start=e.start - start, end=e.end - start)
                                             for e in first], filter=FixEncoding.name)
            tracked = tracked.apply([Edit(a, b, rep, reason) for a, b, rep in found],
                                    filter=FixEncoding.name)
            text = tracked.text
        if text == before or gate.search(text) is None:
            break
    if tracked is None:
        return first
    return [Edit(start + c.start, start + c.end, c.after, c.reason.split("+", 1)[0])
            for c in tracked.changes()]


def _disjoint(edits: _LineEdits) -> bool:
    """True when the edits are in order, none overlaps the next, and none is an insertion.

    Then applying them once records exactly the edits that change something; anything
    else goes to :meth:`TrackedText.apply`, which checks (and rejects) it.
    """
    end = 0
    for a, b, _ in edits:
        if a < end or b <= a:
            return False
        end = b
    return True
