"""Whitespace normalisation: line endings, trailing spaces, blank-line runs, space runs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from cleanse.filters.base import Filter
from cleanse.tracked import Edit

if TYPE_CHECKING:
    from cleanse.document import Document

__all__ = ["LineEndings", "Whitespace"]

# Horizontal whitespace: tab and the Unicode space separators (category Zs), spelled out
# so the stdlib engine can use them (3x faster than `regex` with \p{Zs} here).
_ZS = "\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_HSPACE = f"[{_ZS}]"
_BREAK = r"(?:\r\n|\r|\n)"
# A maximal run of whitespace holding at least one line break, matched only where it
# needs a change: clean text ("\n" or "\n\n" between lines) is skipped by the regex
# engine itself. The lookbehind makes every match start at the beginning of a run, so
# each run is scanned a bounded number of times: linear even on a megabyte of spaces.
_RUN = (
    rf"(?:\A|(?<![{_ZS}\r\n])(?=[^\n]|\n[{_ZS}\r]|\n\n[{_ZS}\r\n]|\n\n\Z))"
    rf"{_HSPACE}*{_BREAK}(?:{_HSPACE}*{_BREAK})*(?:{_HSPACE}+\Z)?"
)
_END_SPACE = rf"(?<![{_ZS}\r\n]){_HSPACE}+\Z"
# Inside a line, between two visible characters: two or more spaces, or any
# typographic space (U+2000-U+200A, U+205F). No-break and ideographic spaces are left
# alone: French puts U+00A0 before « : ; ! ? », and CJK text uses U+3000 on purpose.
_ODD = "\u2000-\u200a\u205f"
_INLINE = rf"(?<=\S)(?: [ {_ODD}]+|[{_ODD}][ {_ODD}]*)(?=\S)"
_PATTERN = re.compile(rf"(?P<run>{_RUN})|(?P<end>{_END_SPACE})|(?P<inline>{_INLINE})")
_BREAKS = re.compile(_BREAK)
_ODD_CHARS = re.compile(f"[{_ODD}]")
_INLINE_RE = re.compile(_INLINE)
_ZS_CHARS = "\t \u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
# The fast path: texts whose every "\r" is part of a "\r\n" (nearly all of them). Its
# scans stop only where there may be work: a pattern led by a literal is searched for
# in C, while one led by a lookbehind or a class is tried at every position.
_BLANK = _ZS_CHARS + "\r"  # all that a blank line holds, line break aside
_WS = _BLANK + "\n"
# Two or more spaces between visible characters (texts with typographic spaces use
# _INLINE_RE): led by the double space, the lookbehind is only tried where one is.
_SPACE_RUN = re.compile(r"  (?<=\S  ) *(?=\S)")
_ODD_LIST = (*map(chr, range(0x2000, 0x200B)), "\u205f")
_span = re.Match.span
# Edit(...) runs a Python-level __new__ (it is a NamedTuple); tuple.__new__(Edit, ...)
# builds the same Edit in C, twice as fast, for texts with thousands of edits.
_new = tuple.__new__


@cache
def _breaks_to_fix(max_blank_lines: int) -> re.Pattern[str]:
    """A line break that needs work, and the rest of its whitespace run up to the
    run's last line break.

    Needs work: a break after a space, tab or ``\\r`` (trailing space, ``\\r\\n``), or
    one that starts more blank lines than allowed. Clean text (one or two ``\\n``
    between visible lines, indentation after them) never stops the scan, which is led
    by the rare ``\\n``.
    """
    # Capped at two blank lines, so that the lookahead stays short (linear for any
    # setting): a longer run that is still allowed just gives no blank_lines edit.
    following = "\n" * (min(max_blank_lines, 1) + 1)
    return re.compile(rf"\n(?:(?<=[{_ZS}\r]\n)|(?={following}))(?:[{_ZS}\r]*\n)*")


def _has_odd_space(text: str) -> bool:
    """``_ODD_CHARS.search(text) is not None``, faster: a plain character search runs
    in C near memory speed, and one for a character wider than any in the text returns
    at once (a class search tries each character in turn, ten times slower)."""
    # str.find rather than `in`: on 2-byte text it finds U+2000 twice as fast (3.11)
    return not text.isascii() and max(map(text.find, _ODD_LIST)) >= 0


def _run_start(text: str, brk: int) -> int:
    """Where the whitespace run holding the line break at ``brk`` starts: just after
    the last visible character before it.

    ``brk`` is the first break of its run that needs work, so the lines walked back
    over are few: the empty ones that the scan let pass, then the visible one.
    """
    while True:
        line_start = text.rfind("\n", 0, brk) + 1
        visible = len(text[line_start:brk].rstrip(_BLANK))
        if visible or not line_start:
            return line_start + visible
        brk = line_start - 1


def _line_run_edits(run: str, offset: int, keep: int) -> list[Edit]:
    """:func:`_run_edits` without a regex, for a run whose breaks are all ``\\n`` or
    ``\\r\\n``: split off the first ``keep`` lines, and drop what follows them."""
    edits: list[Edit] = []
    *lines, rest = run.split("\n", keep)
    for line in lines:  # the spaces before each kept line break
        spaces = len(line.rstrip("\r"))
        if spaces:
            edits.append(_new(Edit, (offset, offset + spaces, "", "trailing_space")))
        if spaces < len(line):  # "\r\n": the smallest edit drops the "\r"
            edits.append(_new(Edit, (offset + spaces, offset + spaces + 1, "", "line_ending")))
        offset += len(line) + 1
    if rest:  # more blank lines than kept, or spaces at the very end of the text
        reason = "blank_lines" if "\n" in rest else "trailing_space"
        edits.append(_new(Edit, (offset, offset + len(rest), "", reason)))
    return edits


@dataclass(frozen=True, slots=True, kw_only=True)
class Whitespace(Filter):
    """Normalise whitespace without touching the words.

    - ``line_ending``: ``\\r\\n`` and lone ``\\r`` become ``\\n``;
    - ``trailing_space``: spaces and tabs at the end of a line (and of the text) go;
    - ``blank_lines``: runs of blank lines shrink to one (``max_blank_lines``), blank
      lines at the top go, and the text ends with at most one line break;
    - ``space_run`` / ``odd_space``: two or more spaces inside a line, or typographic
      spaces, become one space.

    Left alone on purpose: indentation at the start of a line, tabs inside a line,
    no-break spaces (French typography), ideographic spaces (CJK).

    >>> from cleanse.document import Document
    >>> [tuple(e) for e in Whitespace().edits(Document("a  b \\r\\n\\n\\n\\nc"))]
    [(1, 3, ' ', 'space_run'), (4, 5, '', 'trailing_space'), (5, 6, '', 'line_ending'), \
(8, 10, '', 'blank_lines')]
    """

    name = "whitespace"
    reasons = ("line_ending", "trailing_space", "blank_lines", "space_run", "odd_space")

    max_blank_lines: int = 1

    def edits(self, doc: Document) -> list[Edit]:
        """Edits for every whitespace run that is not already normal."""
        text = doc.text
        if "\r" in text and text.count("\r") != text.count("\r\n"):
            # lone "\r" line breaks (old Mac files) reshape lines: the regex path
            return self._edits_by_regex(text)
        return self._edits_by_scan(text)

    def _edits_by_scan(self, text: str) -> list[Edit]:
        """The fast path: C-level scans that stop only where there is work.

        Every line-level edit lies in a maximal run of spaces and line breaks: at the
        top (blank lines go, indentation stays), at the end (one line break at most),
        or inside, found from its first line break that needs work (:func:`_breaks_to_fix`)
        and handled whole, as on the regex path. Space runs inside lines are found
        apart, from a double space (or, if the text has any, a typographic space).
        """
        if not text:
            return []
        n = len(text)
        body_start = n - len(text.lstrip(_WS)) if text[0] in _WS else 0
        if body_start == n:  # nothing visible at all
            return [Edit(0, n, "", "blank_lines" if "\n" in text else "trailing_space")]
        body_end = len(text.rstrip(_WS)) if text[-1] in _WS else n
        edits: list[Edit] = []
        top = text.rfind("\n", 0, body_start) + 1
        if top:
            edits.append(Edit(0, top, "", "blank_lines"))
        keep = self.max_blank_lines + 1
        for brk, end in map(_span, _breaks_to_fix(self.max_blank_lines).finditer(
                text, top, body_end)):
            if end - brk == 1:
                # Usually the scan stopped for spaces at the end of a visible line, the
                # only break in their run: one edit, seen a few characters back. Anything
                # else (a blank line or "\r" before the spaces, more than 16 of them)
                # takes the general way below.
                before = text[brk - 16 if brk > 16 else 0 : brk]
                line = before.rstrip(_ZS_CHARS)
                if line and line[-1] not in "\r\n" and len(line) < len(before):
                    edits.append(_new(Edit, (brk - len(before) + len(line), brk, "",
                                             "trailing_space")))
                    continue
            start = _run_start(text, brk)
            if keep > 0:
                edits += _line_run_edits(text[start:end], start, keep)
            else:  # a negative max_blank_lines has always left inner blank lines alone
                edits += _line_run_edits(text[start : text.index("\n", start) + 1], start, 1)
        if text[body_end:] not in ("", "\n"):  # (a text may end with one line break)
            edits += _line_run_edits(text[body_end:], body_end, 1)
        inline = self._inline_edits(text)
        if inline:
            edits = sorted(edits + inline) if edits else inline
        return edits

    @staticmethod
    def _inline_edits(text: str) -> list[Edit]:
        """``space_run`` and ``odd_space`` edits: runs of spaces between visible
        characters (no line break in them, so they never meet a run above)."""
        if _has_odd_space(text):
            return [_new(Edit, (*m.span(), " ",
                                "odd_space" if _ODD_CHARS.search(m.group()) else "space_run"))
                    for m in _INLINE_RE.finditer(text)]
        # Most texts have no double space, and proving it is a search through the whole
        # text, slow for a needle of frequent characters (~2 ns a character): rfind is
        # about 15% faster at it than find. The regex stops after the last double space
        # and the character after it.
        last = text.rfind("  ")
        if last < 0:
            return []
        runs = _SPACE_RUN.finditer(text, 0, last + 3)
        return [_new(Edit, (start, end, " ", "space_run")) for start, end in map(_span, runs)]

    def _edits_by_regex(self, text: str) -> list[Edit]:
        """The reference path: one regex over the whole text (handles lone "\r")."""
        edits: list[Edit] = []
        for m in _PATTERN.finditer(text):
            kind = m.lastgroup
            if kind == "run":
                keep = self.max_blank_lines + 1
                if m.start() == 0:
                    keep = 0
                elif m.end() == len(text):
                    keep = 1
                edits.extend(_run_edits(m.group(), m.start(), keep))
            elif kind == "end":
                edits.append(Edit(m.start(), m.end(), "", "trailing_space"))
            else:
                reason = "odd_space" if _ODD_CHARS.search(m.group()) else "space_run"
                edits.append(Edit(m.start(), m.end(), " ", reason))
        return edits


def _run_edits(run: str, offset: int, keep: int) -> list[Edit]:
    """Edits for one whitespace run holding line breaks: keep ``keep`` plain ``\\n``."""
    edits: list[Edit] = []
    pos = 0
    for kept, brk in enumerate(_BREAKS.finditer(run)):
        if kept == keep:
            edits.append(Edit(offset + pos, offset + len(run), "", "blank_lines"))
            return edits
        if brk.start() > pos:
            edits.append(Edit(offset + pos, offset + brk.start(), "", "trailing_space"))
        if brk.group() == "\r\n":  # the smallest edit: drop the "\r"
            edits.append(Edit(offset + brk.start(), offset + brk.start() + 1, "", "line_ending"))
        elif brk.group() == "\r":
            edits.append(Edit(offset + brk.start(), offset + brk.end(), "\n", "line_ending"))
        pos = brk.end()
    if pos < len(run):  # spaces after the last break, at the very end of the text
        edits.append(Edit(offset + pos, offset + len(run), "", "trailing_space"))
    return edits


_CARRIAGE_RETURN = re.compile(r"\r\n?")


@dataclass(frozen=True, slots=True, kw_only=True)
class LineEndings(Filter):
    """Turn ``\\r\\n`` and lone ``\\r`` into ``\\n`` before any rule reads lines.

    Line filters split on ``\\n``; a page saved with old Mac line endings would
    otherwise look like one long line to them, and only become lines when
    :class:`Whitespace` fixes the endings at the end, so a second cleaning would
    remove more (law L5). Running this first makes every later filter see real
    lines. Nothing else is touched.

    >>> from cleanse.document import Document
    >>> [tuple(e) for e in LineEndings().edits(Document("a\\r\\nb\\rc"))]
    [(1, 2, '', 'line_ending'), (4, 5, '\\n', 'line_ending')]
    """

    name = "line_endings"
    reasons = ("line_ending",)

    def edits(self, doc: Document) -> list[Edit]:
        """One edit per carriage return; none (and no scan) when there is none."""
        text = doc.text
        if "\r" not in text:
            return []
        return [Edit(m.start(), m.start() + 1, "", "line_ending") if m.end() - m.start() == 2
                else Edit(m.start(), m.end(), "\n", "line_ending")
                for m in _CARRIAGE_RETURN.finditer(text)]
