"""Encoding repair: mojibake, HTML entities, invisible characters, width forms.

ftfy does the repairs; this module decides *where* it runs and *how it is recorded*.
One compiled regex over the whole text finds the lines holding a character that
mojibake, entities or controls produce (``Ã©``, ``â€™``, ``&amp;``, C1 controls,
zero-width spaces, ...); only those lines reach Python. On each of them ftfy's fixes
run as separate passes, each recorded under its own reason at the characters it
touched: a repaired ``donâ€™t`` is recorded as ``â€™`` -> ``’`` (``mojibake``), not
as "the line was replaced". The character passes know exactly what they replace;
ftfy's mojibake repair is a black box, so its before and after are diffed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ftfy
import regex
from ftfy import chardata, fixes

from cleanse.filters.base import Filter, diff_edits
from cleanse.tracked import Edit, TrackedText

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

# -- the gate ---------------------------------------------------------------------------
# One scan of the whole text finds the lines worth repairing. The pattern starts with a
# single character class (the first character of every trigger) and checks the rest
# with lookbehinds, so the engine skips clean text at C speed; the stdlib ``re`` runs
# this shape three times faster than ``regex`` (about 190 MB/s on the bench corpus).
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


# A mojibake pair still present after repairing a line (the gate's first branch).
_MOJIBAKE_LEFT = re.compile(f"[\u00c2-\u00f4][{_CP1252_CONT}]")
_TOKEN = re.compile(r"\S+")
_SINGLE = _CONTROL + _ZERO_WIDTH + _SOFT_HYPHEN + _LIGATURE + _SURROGATES
_GATE = _gate(_SINGLE)
_GATE_WITH_QUOTES = _gate(_SINGLE + _QUOTES)

# -- the passes -------------------------------------------------------------------------
# Lines that look like markup keep their entities: decoding "&lt;b&gt;" inside real HTML
# would change what the markup says (the same rule as ftfy's unescape_html="auto").
_MARKUP = regex.compile(r"<[A-Za-z/!]")
# Text in these scripts uses fullwidth punctuation and the ideographic space on purpose.
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Bopomofo}\u3001-\u303f]")
# Thai, Lao, Khmer, Myanmar and Tibetan are written without spaces; a zero-width space
# between two of their letters marks a word boundary and is kept.
_SEA = r"\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}"
_ZERO_WIDTH_RE = regex.compile(rf"[\ufeff\u2060]|(?<![{_SEA}])\u200b|\u200b(?![{_SEA}])")
# ftfy's table of unwanted controls (C0 but whitespace, DEL, U+206A-U+206F, U+FFF9-
# U+FFFC) minus the byte-order mark, which is zero-width; and terminal escapes.
_CONTROL_RE = regex.compile(
    r"\x1b\[[0-9;]*[A-Za-z]|["
    + "".join(regex.escape(chr(i)) for i in sorted(chardata.CONTROL_CHARS)
              if chr(i) not in _ZERO_WIDTH)
    + "]+"
)
_LIGATURES = {i: s for i, s in chardata.LIGATURES.items() if 0xFB00 <= i <= 0xFB06}
_LIGATURES[0xFB05] = "st"  # ftfy gives the long-s form "ſt"; NFKC and readers say "st"
_WIDTH_MAP = {**chardata.WIDTH_MAP, **_LIGATURES}
_WIDTH_RE = regex.compile(f"[{_WIDTH}]+")
_QUOTES_RE = regex.compile(f"[{_QUOTES}]+")
_SOFT_HYPHEN_RE = regex.compile(f"{_SOFT_HYPHEN}+")
_ROUNDS = 4  # passes repeat until stable: "&amp;eacute;" needs two, nothing needs five

# Each pass returns its edits ``(start, end, replacement)`` on the line. Character
# passes say exactly which characters they touch; mojibake repair is a black box
# (ftfy), so its before/after is diffed into minimal edits.
_LineEdits = list[tuple[int, int, str]]


def _unescape_html(line: str) -> _LineEdits:
    """One edit per entity, spanning the whole entity (``&amp;`` -> ``&``, not ``amp;``)."""
    if "&" not in line or _MARKUP.search(line):
        return []
    out = []
    for m in chardata.HTML_ENTITY_RE.finditer(line):
        entity = m.group()
        char = str(fixes.unescape_html(entity))
        if char != entity:
            out.append((m.start(), m.end(), char))
    return out


def _fix_mojibake(line: str) -> _LineEdits:
    fixed = str(fixes.fix_surrogates(ftfy.fix_encoding(line, _MOJIBAKE_CONFIG)))
    if _MOJIBAKE_LEFT.search(fixed):
        # ftfy judges a line as a whole; next to other scripts it can miss a word that
        # it fixes alone ("слово  Ã©" stays, "Ã©" -> "é"). Give such words a second try.
        fixed = _TOKEN.sub(_fix_token, fixed)
    return diff_edits(line, fixed)


def _fix_token(m: re.Match[str]) -> str:
    token = m.group()
    if not _MOJIBAKE_LEFT.search(token):
        return token
    return str(ftfy.fix_encoding(token, _MOJIBAKE_CONFIG))


def _remove_controls(line: str) -> _LineEdits:
    return [(m.start(), m.end(), "") for m in _CONTROL_RE.finditer(line)]


def _remove_zero_width(line: str) -> _LineEdits:
    return [(m.start(), m.end(), "") for m in _ZERO_WIDTH_RE.finditer(line)]


def _remove_soft_hyphens(line: str) -> _LineEdits:
    return [(m.start(), m.end(), "") for m in _SOFT_HYPHEN_RE.finditer(line)]


def _fix_width(line: str) -> _LineEdits:
    if _CJK.search(line):
        return []
    return [(m.start(), m.end(), m.group().translate(_WIDTH_MAP))
            for m in _WIDTH_RE.finditer(line)]


def _straighten_quotes(line: str) -> _LineEdits:
    return [(m.start(), m.end(), str(fixes.uncurl_quotes(m.group())))
            for m in _QUOTES_RE.finditer(line)]


_Pass = tuple[str, Callable[[str], _LineEdits]]
_PASSES: tuple[_Pass, ...] = (
    ("html_entity", _unescape_html),
    ("mojibake", _fix_mojibake),
    ("control_char", _remove_controls),
    ("zero_width", _remove_zero_width),
    ("soft_hyphen", _remove_soft_hyphens),
    ("width_form", _fix_width),
)
_QUOTE_PASS: _Pass = ("curly_quote", _straighten_quotes)


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
        passes = [p for p in _PASSES if self.soft_hyphens or p[0] != "soft_hyphen"]
        if self.straighten_quotes:
            passes.append(_QUOTE_PASS)
        lines = doc.lines
        edits: list[Edit] = []
        for index in _gated_lines(gate, doc):
            start = doc.line_starts[index]
            edits.extend(Edit(start + a, start + b, rep, reason)
                         for a, b, rep, reason in _repair(lines[index], passes, gate))
        return edits


def _gated_lines(gate: re.Pattern[str], doc: Document) -> list[int]:
    """Indexes of the lines holding at least one gate match, in one scan of the text.

    Unlike :func:`cleanse.phrases.line_indexes`, the scan jumps to the next line after
    a hit, so a line dense with hits (a whole mojibake paragraph) costs one search.
    """
    text = doc.text
    found: list[int] = []
    pos, size = 0, len(text)
    while pos < size:
        m = gate.search(text, pos)
        if m is None:
            break
        found.append(bisect_right(doc.line_starts, m.start()) - 1)
        nxt = text.find("\n", m.start())
        pos = size if nxt < 0 else nxt + 1
    return found


def _repair(line: str, passes: list[_Pass],
            gate: re.Pattern[str]) -> list[tuple[int, int, str, str]]:
    """Run every pass on ``line`` until stable; the edits, each with its first reason.

    Each pass's edits are applied to a small :class:`TrackedText` of the line, which
    composes later passes onto earlier ones: where two passes touch the same
    characters they merge into one change, recorded under the earlier reason. A
    repaired line that no longer passes the ``gate`` is done: a second cleaning
    would not look at it either, so another round (another ftfy call) is skipped.
    """
    tracked = TrackedText(line)
    for _ in range(_ROUNDS):
        before = tracked.text
        for reason, fn in passes:
            found = fn(tracked.text)
            if found:
                tracked = tracked.apply([Edit(a, b, rep, reason) for a, b, rep in found],
                                        filter="fix_encoding")
        if tracked.text == before or gate.search(tracked.text) is None:
            break
    return [(c.start, c.end, c.after, c.reason.split("+", 1)[0]) for c in tracked.changes()]
