"""The filter API: every filter proposes :class:`~cleanse.tracked.Edit` s, nothing else.

Three kinds cover almost every rule:

- :class:`LineFilter` says why a line is junk (``reject(line, ctx) -> reason | None``);
  the line goes with its line break. Rules that need neighbours override
  :meth:`LineFilter.rejected`, which sees all lines at once.
- :class:`RegexFix` turns each match of a pattern into a replacement (inline repairs).
- :class:`FunctionFix` wraps any ``str -> str`` function and diffs before/after per
  line, so even a black-box repair gets exact, minimal provenance.

A filter is a small frozen dataclass: its fields are its configuration, so equality,
``repr`` and pickling come free, and it holds no state between documents (law L8).
Its ``name`` is stable snake_case and ``reasons`` lists every reason code it may use.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import accumulate, compress, count, islice
from operator import ne
from typing import TYPE_CHECKING

import regex

from cleanse.errors import ConfigError
from cleanse.tracked import Edit

if TYPE_CHECKING:
    from cleanse.document import Context, Document

__all__ = ["Filter", "FunctionFix", "LineContext", "LineFilter", "RegexFix", "line_removals"]


class Filter(ABC):
    """Base of every filter: propose edits for one document.

    Subclasses are ``@dataclass(frozen=True, slots=True, kw_only=True)`` and set the
    class attributes ``name`` and ``reasons``.
    """

    __slots__ = ()
    name: str
    reasons: tuple[str, ...]

    @abstractmethod
    def edits(self, doc: Document) -> Iterable[Edit]:
        """The edits this filter proposes for ``doc.text`` (any order, non-overlapping)."""


@dataclass(frozen=True, slots=True)
class LineContext:
    """Where a line sits: the document, the line's index, and all lines around it."""

    doc: Document
    index: int

    @property
    def lines(self) -> tuple[str, ...]:
        """Every line of the document."""
        return self.doc.lines

    @property
    def context(self) -> Context:
        """The document's url, language and title."""
        return self.doc.context

    @property
    def previous(self) -> str | None:
        """The line before, or ``None`` at the top."""
        return self.doc.lines[self.index - 1] if self.index > 0 else None

    @property
    def next(self) -> str | None:
        """The line after, or ``None`` at the bottom."""
        lines = self.doc.lines
        return lines[self.index + 1] if self.index + 1 < len(lines) else None


class LineFilter(Filter):
    """Removes whole lines, each with its line break, for a reason.

    Implement :meth:`reject` for a rule about one line, or override :meth:`rejected`
    for a rule that needs the neighbours (a trailing block, a repeated title).
    """

    __slots__ = ()

    def reject(self, line: str, ctx: LineContext) -> str | None:
        """The reason to remove ``line``, or ``None`` to keep it."""
        raise NotImplementedError(f"{type(self).__name__} must implement reject() or rejected()")

    def rejected(self, doc: Document) -> Iterator[tuple[int, str]]:
        """Yield ``(line_index, reason)`` for every line to remove, in order."""
        reject = self.reject
        for index, line in enumerate(doc.lines):
            reason = reject(line, LineContext(doc, index))
            if reason is not None:
                yield index, reason

    def edits(self, doc: Document) -> list[Edit]:
        """Line removals for every rejected line."""
        return line_removals(doc, self.rejected(doc))


def line_removals(doc: Document, rejected: Iterable[tuple[int, str]]) -> list[Edit]:
    """Edits removing each rejected line together with one line break.

    A line takes its own trailing break; the lines at the very end of a text without a
    final break take the break before them instead, so removing them leaves no
    dangling newline.

    >>> from cleanse.document import Document
    >>> doc = Document("keep\\njunk\\nmore junk")
    >>> [(e.start, e.end) for e in line_removals(doc, [(1, "x"), (2, "x")])]
    [(4, 9), (9, 19)]
    """
    picked = dict(rejected)
    if not picked:
        return []
    lines, starts = doc.lines, doc.line_starts
    last = len(lines) - 1
    # the run of removed lines that ends the text, when the text has no final break
    tail_from = last + 1
    while tail_from - 1 in picked:
        tail_from -= 1
    edits = []
    for index, reason in sorted(picked.items()):
        start = starts[index]
        end = start + len(lines[index])
        if index >= tail_from > 0:
            edits.append(Edit(start - 1, end, "", reason))
        elif index < last:
            edits.append(Edit(start, end + 1, "", reason))
        else:
            edits.append(Edit(start, end, "", reason))
    return edits


@dataclass(frozen=True, slots=True, kw_only=True)
class RegexFix(Filter):
    """Replace every match of ``pattern`` by ``replacement`` (``regex`` template syntax).

    >>> from cleanse.document import Document
    >>> fix = RegexFix(name="double_comma", pattern=",,+", replacement=",", reason="doubled")
    >>> [tuple(e) for e in fix.edits(Document("a,, b"))]
    [(1, 3, ',', 'doubled')]
    """

    name: str
    pattern: str
    replacement: str
    reason: str
    flags: int = 0

    def __post_init__(self) -> None:
        _check_name(self.name)
        _check_name(self.reason)
        try:
            regex.compile(self.pattern, self.flags)
        except regex.error as exc:
            raise ConfigError(f"RegexFix {self.name!r}: bad pattern: {exc}") from exc

    @property
    def reasons(self) -> tuple[str, ...]:  # type: ignore[override]
        """The single reason this fix records."""
        return (self.reason,)

    def edits(self, doc: Document) -> list[Edit]:
        """One edit per match."""
        compiled = regex.compile(self.pattern, self.flags)  # regex caches compiled patterns
        return [Edit(m.start(), m.end(), m.expand(self.replacement), self.reason)
                for m in compiled.finditer(doc.text)]


@dataclass(frozen=True, slots=True, kw_only=True)
class FunctionFix(Filter):
    """Wrap any ``str -> str`` function, recording the minimal edits it made, per line.

    The function is applied to each line (without its line break) that ``gate``
    accepts (default: every line); the difference is diffed into small edits, so a
    black-box repair still gets exact provenance. Use a module-level function so the
    filter stays picklable.

    >>> from cleanse.document import Document
    >>> fix = FunctionFix(name="upper_x", fn=str.upper, reason="upper")
    >>> [tuple(e) for e in fix.edits(Document("a-x\\nok"))]
    [(0, 1, 'A', 'upper'), (2, 3, 'X', 'upper'), (4, 6, 'OK', 'upper')]
    """

    name: str
    fn: Callable[[str], str]
    reason: str
    gate: Callable[[str], bool] | None = None

    def __post_init__(self) -> None:
        _check_name(self.name)
        _check_name(self.reason)
        if not callable(self.fn):
            raise ConfigError(f"FunctionFix {self.name!r}: fn must be callable")

    @property
    def reasons(self) -> tuple[str, ...]:  # type: ignore[override]
        """The single reason this fix records."""
        return (self.reason,)

    def edits(self, doc: Document) -> list[Edit]:
        """Diff ``fn(line)`` against each line."""
        edits: list[Edit] = []
        fn, gate, reason = self.fn, self.gate, self.reason
        for line, start in zip(doc.lines, doc.line_starts, strict=True):
            if gate is not None and not gate(line):
                continue
            fixed = fn(line)
            if fixed != line:
                edits.extend(Edit(start + a, start + b, rep, reason)
                             for a, b, rep in diff_edits(line, fixed))
        return edits


_NAME = regex.compile(r"[a-z][a-z0-9_]*")


def _check_name(name: str) -> None:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ConfigError(f"names and reason codes are snake_case identifiers, got {name!r}")


# Above this size (product of the two lengths) a character diff could be slow: the
# changed middle is then recorded as one edit, which is still exact, just coarser.
_MAX_DIFF_CELLS = 250_000
_TOKENS = re.compile(r"[^ \t]+|[ \t]+")


def diff_edits(before: str, after: str) -> list[tuple[int, int, str]]:
    """Minimal ``(start, end, replacement)`` edits turning ``before`` into ``after``.

    Linear for the common cases: common prefix and suffix are trimmed; if the middles
    have the same token structure (runs of spaces and tabs, runs of anything else),
    tokens are paired one to one and each differing pair gets a character diff;
    otherwise a character diff runs when it is small, else the middle is one edit.

    >>> diff_edits("donâ€™t stop", "don’t stop")
    [(3, 6, '’')]
    """
    if before == after:
        return []
    size = min(len(before), len(after))
    lo = _common_prefix(before, after, size)
    hi = _common_suffix(before, after, size - lo)
    a, b = before[lo : len(before) - hi], after[lo : len(after) - hi]
    if not a or not b:
        return [(lo, lo + len(a), b)]
    out: list[tuple[int, int, str]] = []
    # Tokens are diffed one pair at a time in Python, so only the differing pairs are
    # visited (compress/ne run in C). Without tabs, ``str.split(" ")`` gives the same
    # pairing several times faster than the token pattern: when both sides have as many
    # pieces and every differing pair is two words (no "" from a run of spaces on one
    # side only), the space runs are equal and word k of one side pairs with word k
    # of the other. Any other case is left to the token pattern.
    if "\t" not in a and "\t" not in b:
        pieces_a, pieces_b = a.split(" "), b.split(" ")
        if len(pieces_a) == len(pieces_b):
            starts = list(accumulate(map(len, pieces_a), initial=lo))  # + k spaces
            for k in compress(range(len(pieces_a)), map(ne, pieces_a, pieces_b)):
                if not pieces_a[k] or not pieces_b[k]:
                    out.clear()
                    break
                _token_edits(pieces_a[k], pieces_b[k], starts[k] + k, out)
            else:
                return out
    tokens_a, tokens_b = _TOKENS.findall(a), _TOKENS.findall(b)
    if len(tokens_a) == len(tokens_b) > 1:
        starts = list(accumulate(map(len, tokens_a), initial=lo))
        for k in compress(range(len(tokens_a)), map(ne, tokens_a, tokens_b)):
            _token_edits(tokens_a[k], tokens_b[k], starts[k], out)
        return out
    return _char_edits(a, b, lo)


def diff_recoded(before: str, after: str) -> list[tuple[int, int, str]]:
    """:func:`diff_edits` for a repair that rewrites runs of non-ASCII characters.

    Same result, about twice as fast where the repair left the ASCII alone, as
    mojibake repair does (``â€™`` -> ``’``); otherwise one failed check slower.

    >>> diff_recoded("â€œItâ€™s Ã©tÃ©", "“It’s été")
    [(0, 3, '“'), (5, 8, '’'), (10, 12, 'é'), (13, 15, 'é')]
    """
    if before == after:
        return []
    if (len(before) * len(after) <= _MAX_DIFF_CELLS  # the character-diff limit, below
            or max(map(len, before.split(" "))) * max(map(len, after.split(" ")))
            <= _MAX_DIFF_CELLS):
        # runs of non-ASCII characters at the even indexes ("" only at either end),
        # separated by runs of ASCII characters
        pieces_a, pieces_b = _ASCII_RUNS.split(before), _ASCII_RUNS.split(after)
        if (len(pieces_a) == len(pieces_b) and pieces_a[1::2] == pieces_b[1::2]
                and bool(pieces_a[0]) == bool(pieces_b[0])
                and bool(pieces_a[-1]) == bool(pieces_b[-1])):
            changed = list(compress(count(0, 2), map(ne, pieces_a[::2], pieces_b[::2])))
            if _apart(pieces_a, pieces_b, changed):
                starts = list(accumulate(map(len, pieces_a), initial=0))
                return [(starts[k], starts[k + 1], pieces_b[k]) for k in changed]
    return diff_edits(before, after)


_FEW_CHARS = 32


def _apart(pieces_a: list[str], pieces_b: list[str], changed: list[int]) -> bool:
    """Whether no changed run (``changed`` indexes both) of one side shares a character
    with any run of the other side."""
    runs_a, runs_b = "".join(pieces_a[::2]), "".join(pieces_b[::2])
    # Usually no character at all is common to both sides' runs: the few distinct
    # characters of the (shorter) runs after are looked for in C. (Not many: each
    # look reads all the runs before.)
    chars_b = set(runs_b)
    if len(chars_b) <= _FEW_CHARS and not any(char in runs_a for char in chars_b):
        return True
    return (set("".join([pieces_a[k] for k in changed])).isdisjoint(runs_b)
            and set("".join([pieces_b[k] for k in changed])).isdisjoint(runs_a))


# Why diff_recoded gives what diff_edits gives. A mojibake repair turns runs of non-ASCII
# characters into other runs and keeps the ASCII between them: split at the runs, both
# sides have the same ASCII pieces. When, besides, no changed run shares a character
# with a run of the other side (so not with its replacement either), diff_edits finds
# exactly one edit per changed run:
# - the common prefix and suffix of the texts, and of each word, stop at a changed run's
#   first and last characters, which differ from the other side's; the middles of the
#   texts span from the first changed run to the last (a "span" within both lengths);
# - words pair one to one, by spaces or by the token pattern (all ASCII, all equal);
# - a word with one changed run has that run and its replacement as middles, which
#   have no character in common: one edit;
# - in a word with several, the characters common to both middles are those of the
#   stretches between the changed runs (ASCII and unchanged runs), equal on both sides
#   and in the same order. The longest block SequenceMatcher matches is then the first
#   of the longest stretches, matched with itself (an equal stretch earlier in the
#   other middle would be an earlier longest stretch of this one); the parts before and
#   after it have the same shape, so every stretch is matched with itself and each
#   changed run becomes one "replace", unless the character diff is over its limit:
#   diff_recoded checks that the longest word of either side (split at spaces only: a
#   word between spaces and tabs is no longer) is short enough, or the texts are.
# (Splitting at the ASCII runs is faster than at the others, which a class under a
# repeat cannot skip to.)
_ASCII_RUNS = re.compile(r"([\x00-\x7f]+)")


def _token_edits(a: str, b: str, pos: int, out: list[tuple[int, int, str]]) -> None:
    """Append the edits turning token ``a`` (at ``pos``) into token ``b``.

    A token holds no token boundary, so this is :func:`diff_edits` without the
    pairing step. Tokens are short: plain loops trim them faster than slicing.
    """
    size = min(len(a), len(b))
    lo = 0
    while lo < size and a[lo] == b[lo]:
        lo += 1
    end_a, end_b = len(a), len(b)
    while end_a > lo and end_b > lo and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    a, b = a[lo:end_a], b[lo:end_b]
    if not a or not b or set(a).isdisjoint(b):
        out.append((pos + lo, pos + end_a, b))
    else:
        out.extend(_char_edits(a, b, pos + lo))


def _char_edits(a: str, b: str, lo: int) -> list[tuple[int, int, str]]:
    """A character diff of two non-empty middles that start at ``lo``."""
    if set(a).isdisjoint(b):  # no common character: what SequenceMatcher would say
        return [(lo, lo + len(a), b)]
    if len(a) * len(b) <= _MAX_DIFF_CELLS:
        matcher = SequenceMatcher(None, a, b, autojunk=False)
        return [(lo + i1, lo + i2, b[j1:j2])
                for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]
    return [(lo, lo + len(a), b)]


# Common prefix and suffix. The first characters are compared by iterators in C, with
# no Python step per character (most differences are near); past _NEAR, slices are
# compared in doubling lengths, then halved down to the first difference: log(n)
# comparisons, so a long line with one change costs no more than a short one.
_NEAR = 32


def _common_prefix(a: str, b: str, limit: int) -> int:
    """Length of the common prefix of ``a`` and ``b``; ``limit`` is the shorter length."""
    near = next(compress(count(), map(ne, islice(a, _NEAR), b)), None)
    if near is not None:
        return near
    return _gallop(lambda i, j: a[i:j] == b[i:j], limit)


def _common_suffix(a: str, b: str, limit: int) -> int:
    """Length of the common suffix of ``a`` and ``b``, at most ``limit``."""
    near = next(compress(count(), map(ne, islice(reversed(a), _NEAR), reversed(b))), None)
    if near is not None:
        return min(near, limit)
    len_a, len_b = len(a), len(b)
    return _gallop(lambda i, j: a[len_a - j : len_a - i] == b[len_b - j : len_b - i], limit)


def _gallop(same: Callable[[int, int], bool], limit: int) -> int:
    """How far a common run goes, at most ``limit``, given that its first ``_NEAR``
    characters (or ``limit``) are common; ``same(i, j)`` compares characters i to j of
    the run. Doubling steps, then halving down to the first difference."""
    good, step = min(_NEAR, limit), _NEAR
    while good < limit:
        end = min(good + step, limit)
        if not same(good, end):
            while end - good > 1:
                mid = (good + end) // 2
                if same(good, mid):
                    good = mid
                else:
                    end = mid
            return good
        good, step = end, step * 2
    return good
