"""apply() against a verbatim copy of the implementation it replaced (speed round 3).

The new apply() splices the common case (valid edits in order, none cutting into an
earlier change) in one pass and hands anything else to the general path; it must do
exactly what the old one did. ``OldTrackedText`` below is the old apply() and its
helpers, copied as they were (only the class name differs; what the comparison reads
is added at its end). Random multi-step cases (valid, invalid, shuffled, overlapping,
no-op and change-cutting edits; repeated and empty filter names; odd edit types) must
give the same text, changes, segments and filter order, the same object back when
nothing changes, and the same errors.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import pytest

from cleanse.errors import EditError
from cleanse.tracked import _JOIN, _OUT_END, Change, Edit, Segment, TrackedText, _Span
from cleanse.tracked import _with_copies as with_copies

# -- the old implementation, verbatim ---------------------------------------------------

class _Group(NamedTuple):
    """Edits merged after widening them to whole earlier changes (current-text coords)."""

    start: int
    end: int
    replacement: str
    reasons: tuple[str, ...]


class OldTrackedText:
    """The old apply() on the same state as a :class:`TrackedText`."""

    __slots__ = ("_changed", "_order", "_original", "_out_index", "_segments", "_src_index",
                 "_text")

    @classmethod
    def _derived(cls, original: str, text: str, changed: tuple[_Span, ...],
                 order: tuple[str, ...] = ()) -> OldTrackedText:
        new = cls.__new__(cls)
        new._original = original
        new._text = text
        new._changed = changed
        new._segments = None
        new._order = order
        new._out_index = None
        new._src_index = None
        return new

    def apply(self, edits: Iterable[Edit], *, filter: str) -> OldTrackedText:
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
        groups = self._grouped(edits)
        if groups is None:  # edits out of order, or a bad one: sort and check them first
            groups = self._grouped(self._validated(edits, filter))
            assert groups is not None  # sorted and checked
        if not groups:
            return self
        order = self._order if filter in self._order else (*self._order, filter)
        text, changed = self._text, self._changed
        n = len(changed)
        new: list[_Span] = []
        pieces: list[str] = []
        i = 0  # changed[:i] are done
        copy_out = copy_src = 0  # where the copy before changed[i] starts (output, source)
        delta = 0  # new output position minus old, for text before the next group
        old_pos = 0  # current-text position copied into pieces so far
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
                # the common case: the edit lies in the copy before changed[i] (or inserts
                # right before changed[i]), so it involves no earlier change
                src = copy_src + start - copy_out
                src_end = src + end - start
                out_start = start + delta
                new.append((out_start, out_start + len(replacement), src, src_end, filter,
                            g.reason))
                copy_out, copy_src = end, src_end
            delta += len(replacement) - (end - start)
            old_pos = end
        new += _shifted(changed[i:], delta)
        pieces.append(text[old_pos:])
        return OldTrackedText._derived(self._original, "".join(pieces), tuple(new), order)

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

    def _grouped(self, edits: list[Edit]) -> list[Edit | _Group] | None:
        """The edits that change the text, ready to splice; ``None`` unless they are
        valid and in order (apply() then sorts them, and names a bad one).

        An edit that lies inside copied text, or inserts without cutting into a change,
        involves no earlier change and passes through as it is: the common case. One
        that cuts into an earlier change is widened to its whole span, and merged with
        the next edits that cut into the same one.
        """
        text, changed = self._text, self._changed
        size, n = len(text), len(changed)
        groups: list[Edit | _Group] = []
        done, inserted_at = 0, -1  # where the last edit ended, and where it inserted
        last_end = -1  # where the last group ends
        k = 0  # the first change that ends after the last edit's start
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

    # -- what the comparison reads (not part of the copy) --------------------------------

    @property
    def text(self) -> str:
        return self._text

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(with_copies(self._changed, len(self._text), len(self._original)))

    def changes(self) -> tuple[Change, ...]:
        original, text = self._original, self._text
        return tuple(
            Change(src_start, src_end, original[src_start:src_end], text[out_start:out_end],
                   name, reason or "")
            for out_start, out_end, src_start, src_end, name, reason in self._changed
        )


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


# -- the comparison ---------------------------------------------------------------------

ALPHABET = "ab \n.é\r\u00a0"
REASONS = ("r1", "r2", "r3")
FILTERS = ("f", "g", "h", "f", "g")  # repeated names: a filter that runs twice


class _EditLike(Edit):
    """An Edit subclass: not an Edit to the fast path's type check."""


class _Reason(str):
    """A str subclass: apply() stores a plain str in its place."""


def outcome(t: Any, edits: Any, filter: str) -> tuple[tuple[object, ...], Any]:
    """What apply() did, in comparable form, and the state after it."""
    try:
        r = t.apply(edits, filter=filter)
    except Exception as exc:  # the very exception is what we compare
        return ("error", type(exc), str(exc)), t
    return ("same" if r is t else "new", r.text, r._changed, r._order, r.segments,
            r.changes()), r


def random_edits(rng: random.Random, text: str) -> list[Any]:
    """Edits in order, mostly valid (some insert twice at one point), some no-ops."""
    size = len(text)
    edits: list[Any] = []
    pos = 0
    while pos <= size and rng.random() < 0.85:
        start = rng.randint(pos, min(size, pos + rng.choice((1, 2, 6))))
        end = rng.randint(start, min(size, start + rng.choice((0, 1, 3, 6))))
        r = rng.random()
        if r < 0.15:
            replacement = text[start:end]  # dropped: replaces text by itself
        elif r < 0.5:
            replacement = ""
        else:
            replacement = "".join(rng.choice("xy \n") for _ in range(rng.randint(0, 3)))
        edits.append(Edit(start, end, replacement, rng.choice(REASONS)))
        pos = end
    return edits


def corrupted(rng: random.Random, edits: list[Any], size: int) -> Sequence[Any]:
    """``edits`` spoilt in one of the ways a buggy filter spoils them, or left alone."""
    edits = list(edits)
    how = rng.randrange(14)
    k = rng.randrange(len(edits) + 1)
    p = rng.randint(0, size)
    if how == 0:
        rng.shuffle(edits)
    elif how == 1 and len(edits) >= 2:
        k = min(k, len(edits) - 2)
        edits[k], edits[k + 1] = edits[k + 1], edits[k]
    elif how == 2:
        edits.insert(k, Edit(size - rng.randint(0, 2), size + rng.randint(1, 2), "", "r1"))
    elif how == 3:
        edits.insert(k, Edit(-rng.randint(1, 2), p, "x", "r1"))
    elif how == 4 and p > 0:
        edits.insert(k, Edit(p, p - 1, "", "r2"))
    elif how == 5 and edits:
        e = edits[min(k, len(edits) - 1)]
        edits.insert(k, Edit(max(0, e.start - 1), min(size, e.end + 1), "z", "r3"))
    elif how == 6:
        edits[k:k] = [Edit(p, p, "x", "r1"), Edit(p, p, rng.choice(("", "y")), "r2")]
    elif how == 7 and edits:
        k = min(k, len(edits) - 1)
        e = edits[k]
        odd: list[Any] = [tuple(e), _EditLike(*e), Edit(bool(e.start), e.end, *e[2:]),
                          Edit(float(e.start), e.end, *e[2:]), Edit(*e[:3], _Reason("r9")),
                          Edit(e.start, e.end, None, "r1"), Edit(e.start, e.end, e[2], 7)]
        edits[k] = rng.choice(odd)
    elif how == 8:
        return tuple(edits)
    return edits


def compare(rng: random.Random, text: str, steps: int) -> None:
    new: Any = TrackedText(text)
    old: Any = OldTrackedText._derived(text, text, ())
    for step in range(steps):
        edits = random_edits(rng, new.text)
        if rng.random() < 0.3:
            edits = list(corrupted(rng, edits, len(new.text)))
        filter = "" if rng.random() < 0.02 else rng.choice(FILTERS)
        as_iterator = rng.random() < 0.1  # apply() takes any iterable
        got, new = outcome(new, iter(edits) if as_iterator else list(edits), filter)
        want, old = outcome(old, iter(edits) if as_iterator else list(edits), filter)
        assert got == want, (text, step, filter, edits)


@pytest.mark.parametrize("seed", range(24))
def test_apply_does_what_the_old_apply_did(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(250):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 30)))
        compare(rng, text, rng.randint(1, 6))


@pytest.mark.parametrize("seed", range(4))
def test_apply_does_what_the_old_apply_did_on_longer_texts(seed: int) -> None:
    # many earlier changes, so edits land before, between, after and inside them
    rng = random.Random(1000 + seed)
    for _ in range(40):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(50, 300)))
        compare(rng, text, rng.randint(4, 12))


def test_pipeline_shaped_cases() -> None:
    # what the default pipeline does: whole lines removed, then many tiny in-order
    # edits (spaces, line endings), some of them next to or inside a removed line
    rng = random.Random(7)
    for _ in range(200):
        lines = ["".join(rng.choice("ab é.") for _ in range(rng.randint(0, 12)))
                 for _ in range(rng.randint(1, 12))]
        text = "\n".join(lines)
        new: Any = TrackedText(text)
        old: Any = OldTrackedText._derived(text, text, ())
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)
        cut = sorted(rng.sample(range(len(lines)), rng.randint(0, len(lines))))
        removal = [Edit(starts[j], min(starts[j + 1], len(text)), "", "junk") for j in cut]
        for filter, given in (("spam", removal), ("ws", None), ("ws2", None)):
            edits = given if given is not None else [
                e for e in random_edits(rng, new.text) if e.replacement in ("", " ")]
            got, new = outcome(new, edits, filter)
            want, old = outcome(old, edits, filter)
            assert got == want, (text, filter, edits)
