"""Provenance-tracked text: the only module in cleanse that does offset arithmetic.

A :class:`TrackedText` holds the ``original`` input, the current ``text`` and a tuple
of :class:`Segment` s that map every output span to the source span it came from. A
segment is either a *copy* (equal lengths, identical characters) or a *change*
stamped with the filter and reason that made it; a deletion is a change with an
empty output span. Offsets are ``str`` indices (code points), half-open.

Filters never splice strings. They propose :class:`Edit` s against the text they are
shown, and :meth:`TrackedText.apply` is the one primitive that produces the next text
together with the composed map:

>>> t = TrackedText("a  b\\r\\n")
>>> t2 = t.apply([Edit(1, 3, " ", "space_run"), Edit(4, 5, "", "line_ending")],
...              filter="whitespace")
>>> t2.text
'a b\\n'
>>> [c.before for c in t2.changes()], [c.after for c in t2.changes()]
(['  ', '\\r'], [' ', ''])

A replacement maps to the *whole* source span it replaced, and when a later filter
edits characters an earlier change produced, the two merge into one change that
names both filters in order (``"fix_encoding+punctuation"``), so the changes replay
on the original exactly (law L4) and never overlap.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import NamedTuple

from cleanse.errors import EditError

__all__ = ["Change", "Edit", "Segment", "TrackedText"]

_JOIN = "+"


class Edit(NamedTuple):
    """A proposed replacement of ``text[start:end]`` by ``replacement``, with a reason code.

    An empty ``replacement`` is a deletion; ``start == end`` is an insertion.
    """

    start: int
    end: int
    replacement: str
    reason: str


class Segment(NamedTuple):
    """One piece of the map: output ``[out_start, out_end)`` came from source
    ``[src_start, src_end)``.

    ``filter`` and ``reason`` are ``None`` for a copy (identical characters) and name
    the filter(s) and reason(s) for a change.
    """

    out_start: int
    out_end: int
    src_start: int
    src_end: int
    filter: str | None = None
    reason: str | None = None

    @property
    def is_copy(self) -> bool:
        """True when this segment copies source characters unchanged."""
        return self.filter is None


class Change(NamedTuple):
    """A recorded removal or repair, in source coordinates.

    ``before == original[start:end]``; ``after`` is what stands in the output instead
    (``""`` for a removal).
    """

    start: int
    end: int
    before: str
    after: str
    filter: str
    reason: str

    @property
    def is_removal(self) -> bool:
        """True when the change deleted text without replacing it."""
        return self.after == ""


class _Group(NamedTuple):
    """Edits merged after widening them to whole earlier changes (current-text coords)."""

    start: int
    end: int
    replacement: str
    reasons: tuple[str, ...]


class TrackedText:
    """An immutable text with its map back to the original input.

    Build one with ``TrackedText(original)``; every later state comes from
    :meth:`apply`. Applying no effective edits returns the same object.
    """

    __slots__ = ("_order", "_original", "_out_index", "_segments", "_src_index", "_text")

    def __init__(self, original: str) -> None:
        if not isinstance(original, str):
            raise TypeError(f"TrackedText needs a str, got {type(original).__name__}")
        self._original = original
        self._text = original
        self._segments: tuple[Segment, ...] = (
            (Segment(0, len(original), 0, len(original)),) if original else ()
        )
        self._out_index: tuple[list[int], list[Segment]] | None = None
        self._src_index: tuple[list[int], list[Segment]] | None = None
        self._order: tuple[str, ...] = ()  # filter names in the order they first applied

    @classmethod
    def _derived(cls, original: str, text: str, segments: tuple[Segment, ...],
                 order: tuple[str, ...] = ()) -> TrackedText:
        new = cls.__new__(cls)
        new._original = original
        new._text = text
        new._segments = segments
        new._order = order
        new._out_index = None
        new._src_index = None
        return new

    @classmethod
    def from_changes(cls, original: str, changes: Iterable[Change]) -> TrackedText:
        """Rebuild a tracked text by replaying ``changes`` (sorted, disjoint) on ``original``."""
        segments: list[Segment] = []
        pieces: list[str] = []
        src = out = 0
        for c in changes:
            if c.start < src or c.end < c.start or c.end > len(original):
                raise EditError(f"changes overlap or leave the text at {c.start}:{c.end}")
            if c.start > src:
                segments.append(Segment(out, out + c.start - src, src, c.start))
                pieces.append(original[src : c.start])
                out += c.start - src
            segments.append(Segment(out, out + len(c.after), c.start, c.end, c.filter, c.reason))
            pieces.append(c.after)
            out += len(c.after)
            src = c.end
        if src < len(original):
            segments.append(Segment(out, out + len(original) - src, src, len(original)))
            pieces.append(original[src:])
        order = tuple(dict.fromkeys(name for c in changes for name in c.filter.split(_JOIN)))
        return cls._derived(original, "".join(pieces), tuple(segments), order)

    @property
    def original(self) -> str:
        """The input text, unchanged."""
        return self._original

    @property
    def text(self) -> str:
        """The current text."""
        return self._text

    @property
    def segments(self) -> tuple[Segment, ...]:
        """Ordered segments covering the whole output and the whole source."""
        return self._segments

    def changes(self) -> tuple[Change, ...]:
        """Every change segment in source coordinates, sorted and disjoint."""
        original, text = self._original, self._text
        return tuple(
            Change(s.src_start, s.src_end, original[s.src_start : s.src_end],
                   text[s.out_start : s.out_end], s.filter, s.reason or "")
            for s in self._segments
            if s.filter is not None
        )

    # -- the one primitive -------------------------------------------------------------

    def apply(self, edits: Iterable[Edit], *, filter: str) -> TrackedText:  # noqa: PLR0915 - one linear merge pass
        """Return the text with ``edits`` applied and every change attributed to ``filter``.

        Edits are in current-text coordinates; they must lie inside the text and not
        overlap (two insertions at one position are ambiguous and count as overlap).
        Edits that replace text by itself are dropped. Raises :class:`EditError`
        naming the filter otherwise.
        """
        if not filter:
            raise EditError("apply() needs the name of the filter that proposes the edits")
        planned = self._validated(edits, filter)
        if not planned:
            return self
        groups = self._grouped(planned)
        order = self._order if filter in self._order else (*self._order, filter)
        rank = {name: k for k, name in enumerate(order)}
        text, segs = self._text, self._segments
        new_segs: list[Segment] = []
        pieces: list[str] = []
        i, n = 0, len(segs)
        head: Segment | None = segs[0] if n else None  # segs[i], maybe trimmed on the left
        delta = 0  # new output position minus old, for text before the next group
        src = 0  # source covered so far
        old_pos = 0  # current-text position copied into pieces so far
        for g in groups:
            # 1. segments that end before the group are shifted over unchanged
            while head is not None and head.out_end <= g.start:
                new_segs.append(_shifted(head, delta))
                src = head.src_end
                i += 1
                head = segs[i] if i < n else None
            if head is not None and head.out_start < g.start:
                # a copy straddles the group's start (changes were widened away)
                cut = head.src_start + g.start - head.out_start
                new_segs.append(Segment(head.out_start + delta, g.start + delta,
                                        head.src_start, cut))
                head = Segment(g.start, head.out_end, cut, head.src_end)
                src = cut
            # 2. segments the group covers are absorbed into one change
            names: list[str] = []
            reasons: list[str] = []
            src_start = src
            out_start = g.start + delta
            removal = not g.replacement
            while head is not None and head.out_start < g.end:
                if removal and head.filter is not None and head.out_start == head.out_end:
                    # an earlier removal inside this removal stays its own change, so
                    # "junk line" and "blank line" keep their filters in the statistics
                    if src > src_start or names:
                        new_segs.append(Segment(out_start, out_start, src_start, src,
                                                *_merged(names, reasons, filter, g.reasons,
                                                         rank)))
                    new_segs.append(_shifted(head, out_start - head.out_start))
                    src = src_start = head.src_end
                    names, reasons = [], []
                    i += 1
                    head = segs[i] if i < n else None
                    continue
                if head.filter is not None:
                    names.append(head.filter)
                    reasons.append(head.reason or "")
                if head.out_end > g.end:  # a copy straddles the group's end
                    cut = head.src_start + g.end - head.out_start
                    src = cut
                    head = Segment(g.end, head.out_end, cut, head.src_end)
                    break
                src = head.src_end
                i += 1
                head = segs[i] if i < n else None
            pieces.append(text[old_pos : g.start])
            pieces.append(g.replacement)
            if src > src_start or names or not removal:
                new_segs.append(Segment(out_start, out_start + len(g.replacement), src_start,
                                        src, *_merged(names, reasons, filter, g.reasons, rank)))
            delta += len(g.replacement) - (g.end - g.start)
            old_pos = g.end
        while head is not None:
            new_segs.append(_shifted(head, delta))
            i += 1
            head = segs[i] if i < n else None
        pieces.append(text[old_pos:])
        return TrackedText._derived(self._original, "".join(pieces), tuple(new_segs), order)

    def _validated(self, edits: Iterable[Edit], filter: str) -> list[Edit]:
        text = self._text
        size = len(text)
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        kept: list[Edit] = []
        prev: Edit | None = None
        for e in ordered:
            if not (isinstance(e.start, int) and isinstance(e.end, int)
                    and 0 <= e.start <= e.end <= size):
                raise EditError(f"filter {filter!r} proposed edit {e.start}:{e.end} outside "
                                f"the text (length {size})")
            if not isinstance(e.replacement, str) or not isinstance(e.reason, str):
                raise EditError(f"filter {filter!r} proposed an edit without str replacement "
                                f"and reason: {e!r}")
            if prev is not None and (
                prev.end > e.start or (prev.start == prev.end == e.start == e.end)
            ):
                raise EditError(f"filter {filter!r} proposed overlapping edits "
                                f"{prev.start}:{prev.end} and {e.start}:{e.end}")
            prev = e
            if text[e.start : e.end] != e.replacement:
                kept.append(e)
        return kept

    def _grouped(self, edits: list[Edit]) -> list[_Group]:
        """Widen edits that cut into an earlier change to its whole span, merging overlaps."""
        text = self._text
        starts, segs = self._output_index()
        groups: list[_Group] = []
        for e in edits:
            start, end = e.start, e.end
            seg = _containing(starts, segs, start)
            if seg is not None and seg.filter is not None and seg.out_start < start:
                start = seg.out_start
            seg = _containing(starts, segs, end - 1 if end > e.start else end)
            if seg is not None and seg.filter is not None and seg.out_end > end > seg.out_start:
                end = seg.out_end
            last = groups[-1] if groups else None
            if last is not None and start < last.end:
                # both edits cut into the same earlier change: one merged change. The
                # last group's replacement ends with text copied verbatim up to last.end.
                if last.end >= e.start:
                    head = last.replacement[: len(last.replacement) - (last.end - e.start)]
                else:
                    head = last.replacement + text[last.end : e.start]
                end = max(end, last.end)
                reasons = last.reasons if e.reason in last.reasons else (*last.reasons, e.reason)
                groups[-1] = _Group(last.start, end,
                                    head + e.replacement + text[e.end : end], reasons)
            else:
                replacement = text[start : e.start] + e.replacement + text[e.end : end]
                groups.append(_Group(start, end, replacement, (e.reason,)))
        return groups

    # -- span maps ---------------------------------------------------------------------

    def _output_index(self) -> tuple[list[int], list[Segment]]:
        if self._out_index is None:
            nonempty = [s for s in self._segments if s.out_end > s.out_start]
            self._out_index = ([s.out_start for s in nonempty], nonempty)
        return self._out_index

    def _source_index(self) -> tuple[list[int], list[Segment]]:
        if self._src_index is None:
            nonempty = [s for s in self._segments if s.src_end > s.src_start]
            self._src_index = ([s.src_start for s in nonempty], nonempty)
        return self._src_index

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map an output span to the source span it came from.

        A span touching part of a change maps to the change's whole source span.
        """
        _check_span(start, end, len(self._text), "output")
        starts, segs = self._output_index()
        if start == end:
            seg = _containing(starts, segs, start)
            if seg is None:
                return (len(self._original),) * 2
            if seg.filter is not None and seg.out_start < start:
                return seg.src_start, seg.src_end
            pos = seg.src_start + (start - seg.out_start if seg.filter is None else 0)
            return pos, pos
        first = _containing(starts, segs, start)
        last = _containing(starts, segs, end - 1)
        assert first is not None and last is not None  # spans were checked
        src_start = first.src_start + (start - first.out_start if first.filter is None else 0)
        src_end = last.src_start + (end - last.out_start) if last.filter is None else last.src_end
        return src_start, src_end

    def output_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a source span to the output span it became (empty when it was removed)."""
        _check_span(start, end, len(self._original), "source")
        starts, segs = self._source_index()
        if start == end:
            j = bisect_right(starts, start) - 1
            if j < 0 or start >= segs[j].src_end:
                return (len(self._text),) * 2
            seg = segs[j]
            if seg.filter is not None:
                return (seg.out_start, seg.out_end) if start > seg.src_start else (
                    seg.out_start, seg.out_start)
            pos = seg.out_start + start - seg.src_start
            return pos, pos
        first = segs[bisect_right(starts, start) - 1]
        last = segs[bisect_right(starts, end - 1) - 1]
        out_start = first.out_start + (start - first.src_start if first.filter is None else 0)
        out_end = last.out_start + (end - last.src_start) if last.filter is None else last.out_end
        return out_start, max(out_start, out_end)

    def __repr__(self) -> str:
        return (f"TrackedText(original={_short(self._original)}, text={_short(self._text)}, "
                f"segments={len(self._segments)})")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TrackedText):
            return NotImplemented
        return (self._original, self._text, self._segments) == (
            other._original, other._text, other._segments)

    def __hash__(self) -> int:
        return hash((self._original, self._text, self._segments))

    def __reduce__(self) -> tuple[object, ...]:
        return (TrackedText._derived, (self._original, self._text, self._segments))


def _shifted(seg: Segment, delta: int) -> Segment:
    if delta == 0:
        return seg
    return seg._replace(out_start=seg.out_start + delta, out_end=seg.out_end + delta)


def _merged(names: list[str], reasons: list[str], filter: str,
            new_reasons: tuple[str, ...], rank: dict[str, int]) -> tuple[str, str]:
    """The ``(filter, reason)`` labels of a change that absorbed earlier changes.

    Every filter is named once, in the order the filters ran, and so is every reason
    (ordered by the filter that gave it), so one combination always gets one label.
    """
    if not names:  # the common case: nothing earlier was absorbed
        return filter, new_reasons[0] if len(new_reasons) == 1 else _JOIN.join(
            dict.fromkeys(new_reasons))
    pairs: list[tuple[str, str]] = []
    for name, reason in zip(names, reasons, strict=True):
        fs, rs = name.split(_JOIN), reason.split(_JOIN)
        pairs.extend(zip(fs, rs + [rs[-1]] * (len(fs) - len(rs)), strict=False))
        pairs.extend((fs[-1], r) for r in rs[len(fs):])
    pairs.extend((filter, r) for r in new_reasons)
    pairs.sort(key=lambda pair: rank.get(pair[0], len(rank)))
    return (_JOIN.join(dict.fromkeys(f for f, _ in pairs)),
            _JOIN.join(dict.fromkeys(r for _, r in pairs if r)))


def _containing(starts: list[int], segs: list[Segment], pos: int) -> Segment | None:
    """The non-empty segment whose output holds character ``pos``, if any."""
    j = bisect_right(starts, pos) - 1
    if j < 0 or pos >= segs[j].out_end:
        return None
    return segs[j]


def _check_span(start: int, end: int, size: int, what: str) -> None:
    if not (0 <= start <= end <= size):
        raise IndexError(f"{what} span {start}:{end} is outside 0:{size}")


def _short(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")
