"""What a filter is shown: the current text, its lines, and the document's context.

The pipeline builds one :class:`Document` per distinct text and hands the same object
to every filter until one of them changes the text, so line splitting and language
detection are done once, not once per filter. When a filter does change the text,
the next document is built from this one and the filter's edits: in a long text,
the lines the edits left alone are taken over, and only the lines they touched are
split again. The same holds for the shared scan of line starts that the line filters
use (:meth:`Document.line_candidates`). Nothing here outlives one document.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urlsplit

from cleanse import linestarts
from cleanse.linestarts import LineBreaks

if TYPE_CHECKING:
    from cleanse.tracked import Edit

__all__ = ["Context", "Document"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    """Per-document facts given by the caller (all optional, all keyword-only).

    ``url`` is the page address, ``language`` an ISO 639-1 code when known, ``title``
    the article title (e.g. from HTML metadata).
    """

    url: str | None = None
    language: str | None = None
    title: str | None = None

    @property
    def site(self) -> str | None:
        """The host of ``url`` without a leading ``www.``, or ``None``."""
        if not self.url:
            return None
        host = urlsplit(self.url).hostname or ""
        return host.removeprefix("www.") or None


class _Shared:
    """Values computed at most once per document and shared by every filter's view."""

    __slots__ = ("detected",)

    def __init__(self) -> None:
        self.detected: dict[str, str | None] = {}  # detector name -> language


class _Before(NamedTuple):
    """What a document edited from another one keeps of it to derive its own lines."""

    size: int  # of its text
    lines: tuple[str, ...]
    line_starts: tuple[int, ...]
    edits: Sequence[Edit]


class _BreaksBefore(NamedTuple):
    """The shared line-start scan of the text before some edits, to carry over."""

    text: str
    found: LineBreaks
    edits: Sequence[Edit]

    def rescan(self, new: str, index: linestarts.LineStartIndex) -> LineBreaks:
        """The scan of ``new`` (the text after the edits): the old candidates, moved,
        except around the edits, where ``new`` is scanned again, unless an edit
        deletes whole lines.

        The scan of a line reads from the line break before it up to the next one, so
        a line's result can only change if an edit falls between those two breaks:
        each edit's old *region* runs from the break before its first line to the
        break after it (which stays, and keeps its own result), and is scanned again.

        A deletion of whole lines leaves the other lines as they were: it is a *cut*
        ``[a, b)`` of the old breaks, which go, while every break from ``b`` on keeps
        its result, moved. It deletes

        - from a line start through a line break (lines and the break after them):
          ``a``, the break before them, stays and now leads the line after them, so
          it takes the result of ``b``, the last deleted break;
        - from a line start to a line end (lines less their last break): ``a`` stays
          and now leads an empty line, which is never a candidate, and ``b``, the
          break after them, stays too;
        - from a line break to a line end (lines and the break before them): ``b``,
          the break after them, takes the place of ``a``.

        At the text start, where no break leads the deleted lines, ``a`` is -1. A cut
        relies on its breaks, so when the span of an edit next to it reaches into it
        (the edit touches one of them), both are scanned again as one region.
        Deletions that meet are joined first, so that a run of them is one cut.
        """
        old = self.text
        size = len(old)
        # spans of old positions, in order: (lo, hi, shift before, shift after, and
        # for a cut the start and end of its deletion, else -1, -1)
        spans: list[_Span] = []
        delta = 0
        for start, end, added in _joined(self.edits):
            after = delta + added
            if added != start - end:  # not a deletion
                span = _region(old, start, end, delta, after)
            elif not start or old[start - 1] == "\n":
                if old[end - 1] == "\n":
                    span = (start - 1, end - 1 if start else end, delta, after, start, end)
                elif end == size or old[end] == "\n":
                    span = (start - 1, end, delta, after, start, end)
                else:
                    span = _region(old, start, end, delta, after)
            elif old[start] == "\n" and (end == size or old[end] == "\n"):
                span = (start, end, delta, after, start, end)
            else:
                span = _region(old, start, end, delta, after)
            while spans:  # merge with the span before, as long as they overlap
                last = spans[-1]
                if last[4] < 0 and span[4] < 0:
                    if span[0] > last[1]:
                        break  # (two regions that touch are merged, as ever)
                elif span[0] >= last[1]:
                    break  # a cut that only touches its neighbour keeps its breaks
                spans.pop()
                if last[4] >= 0:
                    last = _region(old, last[4], last[5], last[2], last[3])
                if span[4] >= 0:
                    span = _region(old, span[4], span[5], span[2], span[3])
                span = (min(last[0], span[0]), max(last[1], span[1]), last[2], span[3], -1, -1)
            spans.append(span)
            delta = after
        old_breaks, old_owners = self.found.breaks, self.found.owners
        breaks: list[int] = []
        owners: list[tuple[int, ...]] = []
        i = 0  # old candidates before this one are done
        for lo, hi, before, after, cut, _ in spans:
            j = bisect_left(old_breaks, lo, i)
            if j > i:
                breaks += map(before.__add__, old_breaks[i:j]) if before else old_breaks[i:j]
                owners += old_owners[i:j]
            if cut < 0:
                fresh = index.candidates(new, lo + before, hi + after)
                breaks += fresh.breaks
                owners += fresh.owners
            i = bisect_left(old_breaks, hi, j)
        breaks += map(delta.__add__, old_breaks[i:]) if delta else old_breaks[i:]
        owners += old_owners[i:]
        return LineBreaks(self.found.version, breaks, owners)


def _line_sizes(lines: Sequence[str]) -> Iterator[int]:
    """The size of each line with its line break (in C: no Python call per line)."""
    return map((1).__add__, map(len, lines))


_POSITION = attrgetter("start", "end")  # valid edits in this order do not overlap
_Span = tuple[int, int, int, int, int, int]  # see _BreaksBefore.rescan()


def _joined(edits: Sequence[Edit]) -> list[tuple[int, int, int]]:
    """The edits in order as ``(start, end, what they add to the size)``, with
    deletions that meet joined into one (each line deleted on its own, say)."""
    joined: list[tuple[int, int, int]] = []
    for start, end, replacement, _ in sorted(edits, key=_POSITION):
        if replacement:
            joined.append((start, end, len(replacement) - (end - start)))
        elif start < end:  # (an empty insertion changes nothing)
            if joined and joined[-1][1] == start and joined[-1][2] == joined[-1][0] - start:
                joined[-1] = (joined[-1][0], end, joined[-1][0] - end)  # a deletion before
            else:
                joined.append((start, end, start - end))
    return joined


def _region(old: str, start: int, end: int, before: int, after: int) -> _Span:
    """The span (see :meth:`_BreaksBefore.rescan`) of an edit of ``old[start:end]``
    that is scanned again: from the line break before its first line to the one
    after its last line (or the ends of the text)."""
    hi = old.find("\n", end)
    return (max(old.rfind("\n", 0, start), 0), hi if hi >= 0 else len(old), before, after,
            -1, -1)


# with_text() takes lines over from the text before when there are at least this many,
# and this many per edit (measured on the bench corpus: below that, one split of the
# whole text is as fast)
_MIN_LINES = 16
_LINES_PER_EDIT = 8


class Document:
    """The text a filter sees, with lazily computed lines and language.

    >>> doc = Document("Title\\n\\nBody.", Context(url="https://www.example.com/a"))
    >>> doc.lines, doc.line_starts, doc.context.site
    (('Title', '', 'Body.'), (0, 6, 7), 'example.com')
    """

    __slots__ = ("_before", "_breaks", "_head", "_line_starts", "_lines", "_shared", "context",
                 "text")

    def __init__(self, text: str, context: Context | None = None,
                 _shared: _Shared | None = None) -> None:
        self.text = text
        self.context = context or Context()
        self._shared = _shared or _Shared()
        self._lines: tuple[str, ...] | None = None
        self._line_starts: tuple[int, ...] | None = None
        self._before: _Before | None = None  # set by with_text(text, edits)
        # line_candidates(): the shared scan's result, or how to derive it from the
        # text before the edits (set by with_text)
        self._breaks: LineBreaks | _BreaksBefore | None = None
        self._head: tuple[int, tuple[int, ...]] | None = None  # first_line_rules(), version

    def with_text(self, text: str, edits: Sequence[Edit] | None = None) -> Document:
        """The same document after a filter changed its text (shares the language).

        ``edits``, when given, are the edits that made ``text`` of this document's
        text (valid, in any order, as :meth:`~cleanse.tracked.TrackedText.apply`
        accepted them). In a long text, the new document then takes over the lines
        they leave alone, with their starts moved, instead of splitting it all again.

        >>> from cleanse.tracked import Edit
        >>> doc = Document("keep\\njunk\\nkeep too")
        >>> doc.lines, doc.line_starts
        (('keep', 'junk', 'keep too'), (0, 5, 10))
        >>> new = doc.with_text("keep\\nkeep too", [Edit(5, 10, "", "junk")])
        >>> new.lines, new.line_starts
        (('keep', 'keep too'), (0, 5))
        """
        new = Document(text, self.context, self._shared)
        if edits and isinstance(self._breaks, LineBreaks):
            new._breaks = _BreaksBefore(self.text, self._breaks, edits)
        lines, starts = self._lines, self._line_starts
        # Worth it when most lines are untouched; a short text is split about as fast.
        if (edits and lines is not None and starts is not None and len(lines) >= _MIN_LINES
                and len(edits) * _LINES_PER_EDIT <= len(lines)):
            new._before = _Before(len(self.text), lines, starts, edits)
        return new

    @property
    def lines(self) -> tuple[str, ...]:
        """The text split on ``\\n`` (a trailing ``\\r`` stays part of its line)."""
        if self._lines is None:
            if self._before is not None:
                self._lines, self._line_starts = self._carried_over(self._before)
                self._before = None
            else:
                self._lines = tuple(self.text.split("\n"))
        return self._lines

    @property
    def line_starts(self) -> tuple[int, ...]:
        """Offset of the first character of each line in :attr:`text`."""
        if self._line_starts is None:
            if self._before is not None:
                self._lines, self._line_starts = self._carried_over(self._before)
                self._before = None
            else:
                self._line_starts = tuple(accumulate(_line_sizes(self.lines[:-1]), initial=0))
        return self._line_starts

    def _carried_over(self, before: _Before) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """:attr:`lines` and :attr:`line_starts`, from those of the text before the edits.

        Each run of old lines that the edits touch (an edit that reaches the next
        edit's line joins their runs) is cut from the new text and split again; the
        lines in between are the old line objects, their starts moved by what the
        edits before them added.
        """
        old_size, old_lines, old_starts, edits = before
        new = self.text
        ordered = sorted(edits, key=_POSITION)
        lines: list[str] = []
        starts: list[int] = []
        taken = 0  # old lines before this one are done
        delta = 0  # new position minus old, after the edits so far
        j, n_edits, n_lines = 0, len(ordered), len(old_lines)
        while j < n_edits:
            first = bisect_right(old_starts, ordered[j].start, taken) - 1  # the run's first line
            lines += old_lines[taken:first]
            starts += map(delta.__add__, old_starts[taken:first])
            new_lo = old_starts[first] + delta
            last = first  # the run's last line, and where it ends:
            run_end = old_starts[last + 1] - 1 if last + 1 < n_lines else old_size
            while j < n_edits and ordered[j].start <= run_end:
                e = ordered[j]
                delta += len(e.replacement) - (e.end - e.start)
                last = bisect_right(old_starts, e.end, last) - 1  # the line holding its end
                run_end = old_starts[last + 1] - 1 if last + 1 < n_lines else old_size
                j += 1
            region = new[new_lo : run_end + delta].split("\n")
            lines += region
            starts += accumulate(_line_sizes(region[:-1]), initial=new_lo)
            taken = last + 1
        lines += old_lines[taken:]
        starts += map(delta.__add__, old_starts[taken:])
        return tuple(lines), tuple(starts)

    def line_candidates(self, rule: int) -> Sequence[int]:
        """The offsets of the line breaks before the lines that ``rule`` (a rule of
        :mod:`cleanse.linestarts`) may match, in order; the first line aside.

        The first call scans the text once for every rule. A document made by
        :meth:`with_text` from one that was scanned scans again only the lines that
        the edits touched (none where they deleted whole lines).
        """
        breaks = self._breaks
        index = linestarts.index()
        if not isinstance(breaks, LineBreaks) or breaks.version != index.version:
            if isinstance(breaks, _BreaksBefore) and breaks.found.version == index.version:
                breaks = breaks.rescan(self.text, index)
            else:
                breaks = index.candidates(self.text)
            self._breaks = breaks
        return breaks.of(rule)

    def first_line_rules(self) -> tuple[int, ...]:
        """The rules of :mod:`cleanse.linestarts` that the first line may match (it
        has no line break before it, so :meth:`line_candidates` leaves it out)."""
        index = linestarts.index()
        head = self._head
        if head is None or head[0] != index.version:
            head = self._head = (index.version, index.first_line(self.text))
        return head[1]

    @property
    def language(self) -> str | None:
        """The caller's language, else one detected once from the text (or ``None``)."""
        return self._language("detect_document_language")

    @property
    def quick_language(self) -> str | None:
        """The caller's language, else a cheaper guess than :attr:`language`.

        :func:`cleanse.language.quick_document_language` reads a short sample of the
        longest lines and stands by it when it is clear-cut. Good enough for a rule
        that only asks which family a language belongs to (does it put a space
        before ``: ; ! ?``?), not for telling a paragraph from its document.
        """
        return self._language("quick_document_language")

    def _language(self, detector: str) -> str | None:
        if self.context.language:
            return self.context.language
        detected = self._shared.detected
        if detector not in detected:
            from cleanse import language  # noqa: PLC0415 - loads the model only when needed

            detected[detector] = getattr(language, detector)(self.text)
        return detected[detector]

    def __repr__(self) -> str:
        return f"Document({len(self.text)} chars, {self.context!r})"

