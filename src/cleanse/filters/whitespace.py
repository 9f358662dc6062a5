"""Whitespace normalisation: line endings, trailing spaces, blank-line runs, space runs."""

from __future__ import annotations

import re
from dataclasses import dataclass
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
# Cheap gate: a document with none of these needs no whitespace work at all. Plain
# substring tests run at memory speed (a class search runs at a fraction of it), and
# one for a character wider than any in the text returns at once.
_RARE_SPACE = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_RARE_WIDE = ("\u00a0", "\u1680", *map(chr, range(0x2000, 0x200B)), "\u202f", "\u205f",
              "\u3000")


def _has_rare_space(text: str) -> bool:
    """``_RARE_SPACE.search(text) is not None``, faster."""
    if "\t" in text:
        return True
    if text.isascii():
        return False
    return any(ch in text for ch in _RARE_WIDE)


def _needs_work(text: str) -> bool:
    return bool(text) and (
        "\r" in text or "  " in text or " \n" in text or "\n\n\n" in text
        or text[0] in "\n " or text.endswith((" ", "\n\n"))
        or _has_rare_space(text)
    )


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
        if not _needs_work(text):
            return []
        if "\r" in text and text.count("\r") != text.count("\r\n"):
            # lone "\r" line breaks (old Mac files) reshape lines: the regex path
            return self._edits_by_regex(text)
        return self._edits_by_line(doc)

    def _edits_by_line(self, doc: Document) -> list[Edit]:
        """The fast path: one pass over the shared lines, C-level string tests only."""
        text, lines, starts = doc.text, doc.lines, doc.line_starts
        edits: list[Edit] = []
        content = [ln[:-1] if ln.endswith("\r") else ln for ln in lines]
        bodies = [c.rstrip(_ZS_CHARS) for c in content]
        nonblank = [i for i, b in enumerate(bodies) if b]
        if not nonblank:
            reason = "blank_lines" if "\n" in text else "trailing_space"
            return [Edit(0, len(text), "", reason)] if text else []
        first, last = nonblank[0], nonblank[-1]
        if first > 0:
            edits.append(Edit(0, starts[first], "", "blank_lines"))
        odd = _ODD_CHARS.search(text) is not None
        blank_run = 0
        for i in range(first, last + 1):
            body, start = bodies[i], starts[i]
            if not body:
                blank_run += 1
                if blank_run > self.max_blank_lines:
                    if blank_run == self.max_blank_lines + 1:  # one edit for the excess
                        end = i
                        while not bodies[end + 1]:
                            end += 1
                        edits.append(Edit(start, starts[end + 1], "", "blank_lines"))
                    continue
            else:
                blank_run = 0
                if "  " in body or (odd and _ODD_CHARS.search(body)):
                    for m in _INLINE_RE.finditer(body):
                        reason = "odd_space" if _ODD_CHARS.search(m.group()) else "space_run"
                        edits.append(Edit(start + m.start(), start + m.end(), " ", reason))
            line_end = start + len(content[i])
            if len(content[i]) > len(body):
                edits.append(Edit(start + len(body), line_end, "", "trailing_space"))
            if len(lines[i]) > len(content[i]):  # "\r\n": drop the "\r"
                edits.append(Edit(line_end, line_end + 1, "", "line_ending"))
        # after the last visible line: its line break (if any), and nothing else
        if last + 1 < len(lines) and starts[last + 1] < len(text):
            tail = text[starts[last + 1] :]
            reason = "blank_lines" if "\n" in tail else "trailing_space"
            edits.append(Edit(starts[last + 1], len(text), "", reason))
        return edits

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
