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

The pipeline calls :meth:`~TrackedText.apply` about ten times per document, so the
map is kept in the form that is cheapest to compose: only the *change* segments, as
plain tuples in :class:`Segment`'s field order. The copies are the gaps between them
(equal lengths on both sides), so an edit inside copied text adds one tuple, and the
changes between two edits are carried over in bulk (``bisect`` finds where the next
edit falls). Edits come in order and valid, and seldom touch an earlier change, so
apply() checks and splices them in one pass; only from an edit that cuts into an
earlier change on does it take the careful path (which widens and merges), and edits
out of order or invalid are sorted and checked first.
:attr:`TrackedText.segments` builds the full map, copies included, on first use.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from operator import itemgetter
from typing import NamedTuple

from cleanse.errors import EditError

__all__ = ["Change", "Edit", "Segment", "TrackedText", "spliced"]

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


# A change segment as a plain tuple: (out_start, out_end, src_start, src_end, filter,
# reason).
_Span = tuple[int, int, int, int, str, str]
_OUT_END = itemgetter(1)  # bisect key: the first change that ends after a position


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

    __slots__ = ("_changed", "_order", "_original", "_out_index", "_segments", "_src_index",
                 "_text")

    def __init__(self, original: str) -> None:
        if not isinstance(original, str):
            raise TypeError(f"TrackedText needs a str, got {type(original).__name__}")
        self._original = original
        self._text = original
        self._changed: tuple[_Span, ...] = ()  # the change segments; copies fill the gaps
        self._segments: tuple[Segment, ...] | None = None  # the whole map, on demand
        self._out_index: tuple[list[int], list[Segment]] | None = None
        self._src_index: tuple[list[int], list[Segment]] | None = None
        self._order: tuple[str, ...] = ()  # filter names in the order they first applied

    @classmethod
    def _derived(cls, original: str, text: str, changed: tuple[_Span, ...],
                 order: tuple[str, ...] = ()) -> TrackedText:
        new = cls.__new__(cls)
        new._original = original
        new._text = text
        new._changed = changed
        new._segments = None
        new._order = order
        new._out_index = None
        new._src_index = None
        return new

    @classmethod
    def from_changes(cls, original: str, changes: Iterable[Change]) -> TrackedText:
        """Rebuild a tracked text by replaying ``changes`` (sorted, disjoint) on ``original``."""
        changed: list[_Span] = []
        pieces: list[str] = []
        src = out = 0
        for c in changes:
            if c.start < src or c.end < c.start or c.end > len(original):
                raise EditError(f"changes overlap or leave the text at {c.start}:{c.end}")
            pieces.append(original[src : c.start])
            out += c.start - src
            changed.append((out, out + len(c.after), c.start, c.end, c.filter, c.reason))
            pieces.append(c.after)
            out += len(c.after)
            src = c.end
        pieces.append(original[src:])
        order = tuple(dict.fromkeys(name for c in changes for name in c.filter.split(_JOIN)))
        return cls._derived(original, "".join(pieces), tuple(changed), order)

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
        if self._segments is None:
            self._segments = tuple(_with_copies(self._changed, len(self._text),
                                                len(self._original)))
        return self._segments

    def changes(self) -> tuple[Change, ...]:
        """Every change segment in source coordinates, sorted and disjoint."""
        original, text = self._original, self._text
        return tuple(
            Change(src_start, src_end, original[src_start:src_end], text[out_start:out_end],
                   name, reason or "")
            for out_start, out_end, src_start, src_end, name, reason in self._changed
        )

    # -- the one primitive -------------------------------------------------------------

    def apply(self, edits: Iterable[Edit], *, filter: str) -> TrackedText:
        """Return the text with ``edits`` applied and every change attributed to ``filter``.

        Edits are in current-text coordinates; they must lie inside the text and not
        overlap (two insertions at one position are ambiguous and count as overlap).
        Edits that replace text by itself are dropped. Raises :class:`EditError`
        naming the filter otherwise.
        """
        if not filter:
            raise EditError("apply() needs the name of the filter that proposes the edits")
        edits = edits if isinstance(edits, list) else list(edits)
        if not edits:
            return self
        # One pass for the common case: valid edits in order, none cutting into an
        # earlier change. It checks each edit as _grouped() does and splices it as
        # _spliced() splices an edit that passes through; the first edit that cuts into
        # a change hands the rest over to those two, and a bad edit or one out of order
        # sends all of them the slow way round (sorted, checked, then grouped).
        text, changed = self._text, self._changed
        size, n = len(text), len(changed)
        new: list[_Span] = []
        pieces: list[str] = []
        i = 0  # changed[:i] are done
        lag = 0  # source position minus current position, in the copy before changed[i]
        delta = 0  # new output position minus old, for text after the last edit
        done, inserted_at = 0, -1  # where the last edit ended, and where it inserted
        pos = 0  # text[:pos] is in pieces
        rest = iter(edits)
        for e in rest:
            if type(e) is not Edit:
                return self._applied_sorted(edits, filter)
            start, end, replacement, reason = e
            if not (type(start) is type(end) is int and done <= start <= end <= size
                    and type(replacement) is type(reason) is str
                    ) or start == end == inserted_at:
                return self._applied_sorted(edits, filter)
            done = end
            size_r = len(replacement)
            if start == end:
                inserted_at = start
                if not size_r:
                    continue  # inserts nothing: dropped
            elif size_r == end - start and text[start:end] == replacement:
                continue  # replaces text by itself: dropped
            if i < n:
                if changed[i][1] <= start:  # then the first change that ends after start
                    k = bisect_right(changed, start, i + 1, key=_OUT_END)
                else:
                    k = i
                if k < n and changed[k][0] < end:
                    # e cuts into changed[k]: e and the rest go through _grouped(), which
                    # checks e against nothing before it (it was checked here)
                    groups = self._grouped(chain((e,), rest), done=start, k=k)
                    if groups is None:
                        return self._applied_sorted(edits, filter)
                    # (_spliced() wants the copy's start on both sides: only lag matters)
                    i, delta, pos = self._spliced(groups, new, pieces, (i, 0, lag, delta, pos),
                                                  filter=filter)
                    break
                if k > i:  # changes that end before e are carried over, shifted, in one go
                    new += _shifted(changed[i:k], delta)
                    _, copy_out, _, copy_src, _, _ = changed[k - 1]
                    lag = copy_src - copy_out
                    i = k
            # e lies in the copy before changed[i] (or inserts right before it)
            out_start = start + delta
            if lag:
                new.append((out_start, out_start + size_r, start + lag, end + lag, filter,
                            reason))
            else:  # the same without making two ints (lag is 0 before any earlier change)
                new.append((out_start, out_start + size_r, start, end, filter, reason))
            delta += size_r - (end - start)
            pieces += (text[pos:start], replacement)
            pos = end
        if not pieces:
            return self
        return self._finished(new, pieces, (i, delta, pos), filter=filter)

    def _applied_sorted(self, edits: list[Edit], filter: str) -> TrackedText:
        """apply() for edits that are out of order or bad: sort and check them first."""
        groups = self._grouped(self._validated(edits, filter))
        assert groups is not None  # sorted and checked
        if not groups:
            return self
        new: list[_Span] = []
        pieces: list[str] = []
        at = self._spliced(groups, new, pieces, (0, 0, 0, 0, 0), filter=filter)
        return self._finished(new, pieces, at, filter=filter)

    def _finished(self, new: list[_Span], pieces: list[str], at: tuple[int, int, int], *,
                  filter: str) -> TrackedText:
        """The next state, once the edits are spliced: ``at`` is ``(i, delta, pos)``,
        the first earlier change not carried over yet, how far it moves, and how much
        of the current text is in ``pieces``."""
        i, delta, pos = at
        if i < len(self._changed):
            new += _shifted(self._changed[i:], delta)
        pieces.append(self._text[pos:])
        order = self._order if filter in self._order else (*self._order, filter)
        return TrackedText._derived(self._original, "".join(pieces), tuple(new), order)

    def _spliced(self, groups: list[Edit | _Group], new: list[_Span], pieces: list[str],
                 at: tuple[int, int, int, int, int], *, filter: str) -> tuple[int, int, int]:
        """Splice ``groups`` (from :meth:`_grouped`) into ``pieces`` and their changes
        into ``new``, with the changes before them carried over.

        ``at`` is ``(i, copy_out, copy_src, delta, pos)``: the first earlier change not
        yet done, where the copy before it starts (old output, source), the new output
        position minus the old one, and how much of the text is in ``pieces``. Returns
        ``(i, delta, pos)`` after the last group.
        """
        text, changed = self._text, self._changed
        n = len(changed)
        order = self._order if filter in self._order else (*self._order, filter)
        i, copy_out, copy_src, delta, old_pos = at
        for g in groups:
            start, end, replacement, _ = g
            if i < n and changed[i][1] <= start:
                # changes that end before the group are carried over, shifted, in one go
                k = bisect_right(changed, start, i + 1, key=_OUT_END)
                new += _shifted(changed[i:k], delta)
                i = k
                _, copy_out, _, copy_src, _, _ = changed[k - 1]
            pieces += (text[old_pos:start], replacement)
            if isinstance(g, _Group):
                i, copy_out, copy_src = self._absorbed(g, new, (i, copy_out, copy_src), delta,
                                                       filter=filter, order=order)
            else:
                # the edit lies in the copy before changed[i] (or inserts right before
                # changed[i]), so it involves no earlier change
                src = copy_src + start - copy_out
                src_end = src + end - start
                out_start = start + delta
                new.append((out_start, out_start + len(replacement), src, src_end, filter,
                            g.reason))
                copy_out, copy_src = end, src_end
            delta += len(replacement) - (end - start)
            old_pos = end
        return i, delta, old_pos

    def _absorbed(self, g: _Group, new: list[_Span], at: tuple[int, int, int], delta: int,
                  *, filter: str, order: tuple[str, ...]) -> tuple[int, int, int]:
        """Append the change for a group that covers earlier changes.

        ``at`` and the result are ``(i, copy_out, copy_src)``: the first earlier change
        not yet done, and where the copy before it starts (old output, source).
        """
        changed = self._changed
        n = len(changed)
        i, copy_out, copy_src = at
        names: list[str] = []
        reasons: list[str] = []
        src_start = copy_src + g.start - copy_out  # g.start lies in that copy, or ends it
        out_start = g.start + delta
        removal = not g.replacement
        while i < n and changed[i][0] < g.end:
            c_start, c_end, c_src, c_src_end, name, reason = changed[i]
            if removal and c_start == c_end:
                # an earlier removal inside this removal stays its own change, so
                # "junk line" and "blank line" keep their filters in the statistics
                if c_src > src_start or names:
                    new.append((out_start, out_start, src_start, c_src,
                                *_merged(names, reasons, filter, g.reasons, order)))
                new.append((out_start, out_start, c_src, c_src_end, name, reason))
                src_start = c_src_end
                names, reasons = [], []
            else:
                names.append(name)
                reasons.append(reason)
            copy_out, copy_src = c_end, c_src_end
            i += 1
        src_end = copy_src + g.end - copy_out  # g.end lies in the copy after them, or starts it
        if src_end > src_start or names or not removal:
            new.append((out_start, out_start + len(g.replacement), src_start, src_end,
                        *_merged(names, reasons, filter, g.reasons, order)))
        return i, g.end, src_end

    def _grouped(self, edits: Iterable[Edit], done: int = 0, k: int = 0
                 ) -> list[Edit | _Group] | None:
        """The edits that change the text, ready to splice; ``None`` unless they are
        valid and in order (apply() then sorts them, and names a bad one). No edit may
        start before ``done`` (where the edit before them ended), and ``changed[:k]``
        all end at or before the first edit's start.

        An edit that lies inside copied text, or inserts without cutting into a change,
        involves no earlier change and passes through as it is: the common case. One
        that cuts into an earlier change is widened to its whole span, and merged with
        the next edits that cut into the same one.
        """
        text, changed = self._text, self._changed
        size, n = len(text), len(changed)
        groups: list[Edit | _Group] = []
        inserted_at = -1  # where the last edit inserted
        last_end = -1  # where the last group ends
        # done: where the last edit ended; k: the first change that may end after its start
        for e in edits:
            if type(e) is not Edit:
                return None
            start, end, replacement, reason = e
            if not (type(start) is type(end) is int and done <= start <= end <= size
                    and type(replacement) is type(reason) is str
                    ) or start == end == inserted_at:
                return None
            done = end
            if start == end:
                inserted_at = start
            if (replacement or start == end) and text[start:end] == replacement:
                continue  # replaces text by itself: dropped
            if k < n and changed[k][1] <= start:
                k = bisect_right(changed, start, k + 1, key=_OUT_END)
            # the edit stays in copied text, up to the next change, or inserts before it
            simple = k == n or changed[k][0] >= end
            if not simple:
                c_start, c_end = changed[k][:2]
                start = min(start, c_start)  # when it cuts into a change, all of it
                if end > e.start:  # the change holding the last character, if any
                    j = bisect_right(changed, end - 1, k, key=_OUT_END)
                    c_start, c_end = changed[j][:2] if j < n else (end, end)
                if c_start < end < c_end:
                    end = c_end
            if start < last_end:
                # both edits cut into the same earlier change: one merged change. The
                # last group's replacement ends with text copied verbatim up to last.end.
                last = groups[-1]
                if last.end >= e.start:
                    head = last.replacement[: len(last.replacement) - (last.end - e.start)]
                else:
                    head = last.replacement + text[last.end : e.start]
                end = max(end, last.end)
                reasons = last.reasons if isinstance(last, _Group) else (last.reason,)
                if e.reason not in reasons:
                    reasons = (*reasons, e.reason)
                groups[-1] = _Group(last.start, end,
                                    head + e.replacement + text[e.end : end], reasons)
            elif simple:
                groups.append(e)
            else:
                groups.append(_Group(start, end, text[start : e.start] + replacement
                                     + text[e.end : end], (reason,)))
            last_end = end
        return groups

    def _validated(self, edits: list[Edit], filter: str) -> list[Edit]:
        """The edits sorted and checked (:class:`EditError` names the filter and the
        first bad edit), without those that change nothing."""
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
                # as plain Edits of plain ints and strs, which _grouped() takes as they are
                kept.append(Edit(int(e.start), int(e.end), str(e.replacement), str(e.reason)))
        return kept

    # -- span maps ---------------------------------------------------------------------

    def _output_index(self) -> tuple[list[int], list[Segment]]:
        if self._out_index is None:
            nonempty = [s for s in self.segments if s.out_end > s.out_start]
            self._out_index = ([s.out_start for s in nonempty], nonempty)
        return self._out_index

    def _source_index(self) -> tuple[list[int], list[Segment]]:
        if self._src_index is None:
            nonempty = [s for s in self.segments if s.src_end > s.src_start]
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
                f"segments={len(self.segments)})")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TrackedText):
            return NotImplemented
        # the changes determine the copies between them
        return (self._original, self._text, self._changed) == (
            other._original, other._text, other._changed)

    def __hash__(self) -> int:
        return hash((self._original, self._text, self._changed))

    def __reduce__(self) -> tuple[object, ...]:
        return (TrackedText._derived, (self._original, self._text, self._changed))


def _with_copies(changed: tuple[_Span, ...], size: int, source_size: int
                 ) -> Iterator[Segment]:
    """The whole map: the changes, and copies in the gaps between them."""
    out = src = 0
    for span in changed:
        if span[0] > out:
            yield Segment(out, span[0], src, span[2])
        yield Segment._make(span)
        out, src = span[1], span[3]
    if out < size:
        yield Segment(out, size, src, source_size)


def spliced(text: str, edits: Iterable[tuple[int, int, str] | Edit]) -> str:
    """``text`` with sorted, disjoint ``(start, end, replacement, ...)`` edits applied,
    and nothing recorded: a filter's own working view between its phases (what it
    proposes still goes through :meth:`TrackedText.apply`).

    >>> spliced("a,, b", [Edit(1, 3, ",", "doubled_comma")])
    'a, b'
    """
    pieces: list[str] = []
    pos = 0
    for e in edits:
        pieces += (text[pos : e[0]], e[2])
        pos = e[1]
    pieces.append(text[pos:])
    return "".join(pieces)


def _shifted(spans: Sequence[_Span], delta: int) -> Sequence[_Span]:
    """``spans`` moved by ``delta`` in the output (their source does not move)."""
    if delta == 0:
        return spans
    return [(out_start + delta, out_end + delta, src_start, src_end, name, reason)
            for out_start, out_end, src_start, src_end, name, reason in spans]


def _merged(names: list[str], reasons: list[str], filter: str,
            new_reasons: tuple[str, ...], order: tuple[str, ...]) -> tuple[str, str]:
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
    rank = {name: k for k, name in enumerate(order)}
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
