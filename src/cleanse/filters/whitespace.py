"""Whitespace normalisation: line endings, trailing spaces, blank-line runs, space runs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from cleanse.filters.base import Filter
from cleanse.tracked import Edit

if TYPE_CHECKING:
    from cleanse.document import Document

__all__ = ["Whitespace"]

_HSPACE = r"[\t\p{Zs}]"
_BREAK = r"(?:\r\n|\r|\n)"
# A maximal run of whitespace holding at least one line break, matched only where it
# needs a change: clean text ("\n" or "\n\n" between lines) is skipped by the regex
# engine itself, so clean documents cost one C-level scan. The lookbehind makes every
# match start at the beginning of a run, and possessive quantifiers never backtrack:
# linear even on a megabyte of spaces.
_RUN = (
    rf"(?:\A|(?<![\t\p{{Zs}}\r\n])(?=[^\n]|\n[\t\p{{Zs}}\r]|\n\n[\t\p{{Zs}}\r\n]|\n\n\Z))"
    rf"{_HSPACE}*+{_BREAK}(?:{_HSPACE}*+{_BREAK})*+(?:{_HSPACE}++\Z)?"
)
_END_SPACE = rf"(?<![\t\p{{Zs}}\r\n]){_HSPACE}++\Z"
# Inside a line, between two visible characters: two or more spaces, or any
# typographic space (U+2000-U+200A, U+205F). No-break and ideographic spaces are left
# alone: French puts U+00A0 before « : ; ! ? », and CJK text uses U+3000 on purpose.
_ODD = "\u2000-\u200a\u205f"
_INLINE = rf"(?<=\S)(?: [ {_ODD}]++|[{_ODD}][ {_ODD}]*+)(?=\S)"
_PATTERN = regex.compile(
    rf"(?P<run>{_RUN})|(?P<end>{_END_SPACE})|(?P<inline>{_INLINE})"
)
_BREAKS = regex.compile(_BREAK)
_ODD_CHARS = regex.compile(f"[{_ODD}]")


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
(7, 9, '', 'blank_lines')]
    """

    name = "whitespace"
    reasons = ("line_ending", "trailing_space", "blank_lines", "space_run", "odd_space")

    max_blank_lines: int = 1

    def edits(self, doc: Document) -> list[Edit]:
        """Edits for every whitespace run that is not already normal."""
        text = doc.text
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
