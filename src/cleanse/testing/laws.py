"""Ready-made checks: the laws of DESIGN.md on one input, and cleaning against ground truth.

- :func:`check_laws` runs a filter, a pipeline or any ``str -> Result`` callable on one
  text and asserts laws L1-L7, naming the law, the filter and the offending span.
- :func:`check_result` asserts L1-L4 on a result you already have.
- :func:`assert_cleans` runs a pipeline on a generated
  :class:`~cleanse.testing.strategies.DirtyArticle` and asserts that the junk is gone
  and the content kept (and repaired), with a readable diff on failure.
- :func:`assert_linear` compares run times at two sizes (the time half of L7).

None of these needs hypothesis; the strategies that feed them do.

>>> from cleanse.filters import Whitespace
>>> check_laws(Whitespace(), "Tidy  text.\\r\\n").text
'Tidy text.\\n'
"""

from __future__ import annotations

import difflib
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cleanse.errors import ProvenanceError
from cleanse.filters.base import Filter
from cleanse.pipeline import Pipeline
from cleanse.result import Result
from cleanse.tracked import Edit, TrackedText

if TYPE_CHECKING:
    from cleanse.document import Document
    from cleanse.testing.strategies import DirtyArticle, Span

__all__ = ["CleaningError", "LawError", "assert_cleans", "assert_linear", "check_laws",
           "check_result"]

#: What check_laws accepts: a filter, a pipeline, or a callable returning a Result.
Target = Filter | Pipeline | Callable[..., Result]

L1, L2, L3, L4 = "L1 cover", "L2 copy fidelity", "L3 accounting", "L4 replay"
L5, L6, L7 = "L5 idempotence", "L6 passthrough", "L7 totality"


class LawError(AssertionError):
    """A law of DESIGN.md does not hold; ``law`` names it (e.g. ``"L3 accounting"``)."""

    def __init__(self, law: str, message: str) -> None:
        super().__init__(f"{law}: {message}")
        self.law = law


class CleaningError(AssertionError):
    """A pipeline kept junk, lost or changed content, or missed a repair.

    ``problems`` lists one line per offending span.
    """

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message)
        self.problems = problems


# -- running a target under guard --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Guarded(Filter):
    """Runs a filter, turning its exceptions and any change of ``doc.text`` into a law
    violation that names it. Same name and reasons, so results are identical."""

    inner: Filter

    @property
    def name(self) -> str:  # type: ignore[override]
        return self.inner.name

    @property
    def reasons(self) -> tuple[str, ...]:  # type: ignore[override]
        return self.inner.reasons

    def edits(self, doc: Document) -> list[Edit]:
        shown = doc.text
        try:
            edits = list(self.inner.edits(doc))
        except LawError:
            raise
        except Exception as exc:
            raise LawError(L7, f"filter {self.inner.name!r} raised "
                               f"{type(exc).__name__}: {exc}\n  on {_preview(shown)}") from exc
        if doc.text is not shown and doc.text != shown:
            raise LawError(L3, f"filter {self.inner.name!r} changed the text it was shown "
                               f"(doc.text) instead of proposing edits, so "
                               f"{_lost(shown, doc.text)} was never recorded")
        return edits


@dataclass(frozen=True, slots=True)
class _Target:
    label: str
    call: Callable[..., Any]
    filters: tuple[Filter, ...] | None
    is_pipeline: bool

    def run(self, text: str, context: Mapping[str, Any]) -> Result:
        try:
            out = self.call(text, **context)
        except LawError:
            raise
        except Exception as exc:
            raise LawError(L7, f"{self.label} raised {type(exc).__name__}: {exc}\n"
                               f"  on {_preview(text)}") from exc
        if isinstance(out, TrackedText):
            return Result(out)
        if not isinstance(out, Result):
            raise TypeError(f"{self.label} returned {type(out).__name__}, not a cleanse Result")
        return out


def _target(obj: Target) -> _Target:
    if isinstance(obj, Filter):
        guarded = Pipeline([_Guarded(obj)])
        return _Target(f"filter {obj.name!r}", guarded, (obj,), False)
    if type(obj) is Pipeline:
        guarded = Pipeline([_Guarded(f) for f in obj.filters])
        return _Target(f"pipeline [{', '.join(obj.names)}]", guarded, obj.filters, True)
    if callable(obj):
        filters = getattr(obj, "filters", None)
        label = getattr(obj, "__qualname__", None) or type(obj).__name__
        return _Target(str(label), obj, tuple(filters) if filters is not None else None,
                       isinstance(obj, Pipeline))
    raise TypeError(f"expected a Filter, a Pipeline or a callable returning a Result, "
                    f"got {obj!r}")


def _context(url: str | None, language: str | None, title: str | None) -> dict[str, str]:
    given = {"url": url, "language": language, "title": title}
    return {k: v for k, v in given.items() if v is not None}


# -- the laws ----------------------------------------------------------------------------


def check_laws(target: Target, text: str, *, clean: bool = False, idempotent: bool | None = None,
               url: str | None = None, language: str | None = None,
               title: str | None = None) -> Result:
    """Run ``target`` on ``text`` and assert laws L1-L7; return the result.

    ``target`` is a filter, a pipeline, or any callable ``(text, **context) -> Result``.
    Always checked: L7 (no exception; a filter that raises is named), L1-L4 on the
    result (see :func:`check_result`), and that no filter changed the text it was
    shown instead of proposing edits (its dropped characters would be unrecorded, L3).
    L5 (cleaning the output changes nothing) is checked when ``idempotent`` is true;
    by default for pipelines only, as DESIGN.md asks it of pipelines. L6 is checked
    when ``clean=True`` says the input is a clean article: nothing may change.

    Raises :class:`LawError` (an ``AssertionError``) naming the law and showing the
    offending span in context.
    """
    t = _target(target)
    context = _context(url, language, title)
    result = t.run(text, context)
    try:
        check_result(result, filters=t.filters)
    except LawError as exc:
        raise _with_culprit(exc, t, text, context) from None
    if t.is_pipeline if idempotent is None else idempotent:
        again = t.run(result.text, context)
        if again.changes:
            raise LawError(L5, f"{t.label}: cleaning the output again changed it "
                               f"({len(again.changes)} changes), first:\n"
                               + _changes_listing(again, limit=3))
    if clean and result.changes:
        raise LawError(L6, f"{t.label} changed a clean input ({len(result.changes)} "
                           f"changes):\n" + _changes_listing(result, limit=5))
    return result


def check_result(result: Result, *, filters: Iterable[Filter] | None = None) -> None:
    """Assert laws L1-L4 on ``result``; ``filters`` (if known) must account for every
    change's filter and reason names.

    - L1 cover: output segments are contiguous, ordered, and cover the whole output;
    - L2 copy fidelity: each copy segment's output equals its source;
    - L3 accounting: source spans are contiguous and cover the whole input, and every
      change is stamped with a filter (of ``filters``) and a reason it declares;
    - L4 replay: the changes replayed on the original give the text, and the result
      survives ``to_dict`` / ``from_dict``.
    """
    tracked = result.tracked
    original, text, segments = tracked.original, tracked.text, tracked.segments
    out = src = 0
    for s in segments:
        if s.out_start != out or s.out_end < s.out_start:
            what = "gap before" if s.out_start > out else "overlap at"
            raise LawError(L1, f"output segments are not contiguous: {what} output "
                               f"{_show(text, min(out, s.out_start), max(out, s.out_start))}"
                               f" (segment {s})")
        if s.src_start != src or s.src_end < s.src_start:
            if s.src_start > src:
                raise LawError(L3, f"source characters {_show(original, src, s.src_start)}"
                                   f" are neither copied nor inside a recorded change")
            raise LawError(L3, f"source {_show(original, s.src_start, src)} is mapped "
                               f"twice (segment {s})")
        if s.is_copy:
            if s.out_end - s.out_start != s.src_end - s.src_start:
                raise LawError(L2, f"copy segment {s} has output and source of different "
                                   f"lengths: output {_show(text, s.out_start, s.out_end)}, "
                                   f"source {_show(original, s.src_start, s.src_end)}")
            if text[s.out_start : s.out_end] != original[s.src_start : s.src_end]:
                k = _first_difference(text[s.out_start : s.out_end],
                                      original[s.src_start : s.src_end])
                out_at, src_at = s.out_start + k, s.src_start + k
                raise LawError(L2, f"copied output {_show(text, out_at, out_at + 1)} differs "
                                   f"from its source {_show(original, src_at, src_at + 1)}")
        elif not s.filter or not s.reason:
            raise LawError(L3, f"change segment {s} is not stamped with a filter and a "
                               f"reason: source {_show(original, s.src_start, s.src_end)}")
        out, src = s.out_end, s.src_end
    if out != len(text):
        raise LawError(L1, f"segments cover the output only up to {out}, not "
                           f"{len(text)}: {_show(text, out, len(text))} is unmapped")
    if src != len(original):
        raise LawError(L3, f"source characters {_show(original, src, len(original))} are "
                           f"neither copied nor inside a recorded change")
    if filters is not None:
        _check_names(result, tuple(filters))
    _check_replay(result)


def _check_names(result: Result, filters: tuple[Filter, ...]) -> None:
    names = {f.name for f in filters}
    reasons = {r for f in filters for r in f.reasons}
    for c in result.changes:
        unknown = [n for n in c.filter.split("+") if n not in names]
        if unknown:
            raise LawError(L3, f"the change at {_show(result.original, c.start, c.end)} "
                               f"names filter {unknown[0]!r}, which is not among "
                               f"{sorted(names)}")
        undeclared = [r for r in c.reason.split("+") if r not in reasons]
        if undeclared:
            raise LawError(L3, f"the change at {_show(result.original, c.start, c.end)} "
                               f"by {c.filter!r} has reason {undeclared[0]!r}, which no "
                               f"filter declares")


def _check_replay(result: Result) -> None:
    original, text = result.original, result.text
    parts: list[str] = []
    pos = 0
    for c in result.changes:
        if c.start < pos:
            raise LawError(L4, f"changes overlap at {_show(original, c.start, pos)}")
        if original[c.start : c.end] != c.before:
            raise LawError(L4, f"the change at {_show(original, c.start, c.end)} says it "
                               f"replaced {c.before!r}")
        parts += (original[pos : c.start], c.after)
        pos = c.end
    parts.append(original[pos:])
    replayed = "".join(parts)
    if replayed != text:
        k = _first_difference(replayed, text)
        raise LawError(L4, f"replaying the changes gives {_show(replayed, k, k + 1)} "
                           f"where the text has {_show(text, k, k + 1)}")
    try:
        again = Result.from_dict(result.to_dict())
    except ProvenanceError as exc:
        raise LawError(L4, f"the serialised result does not replay: {exc}") from exc
    if again.text != text:  # pragma: no cover - from_dict checks this itself
        raise LawError(L4, "the serialised result replays to a different text")


def _with_culprit(exc: LawError, t: _Target, text: str,
                  context: Mapping[str, Any]) -> LawError:
    """Name the first filter after which a pipeline's result breaks the law."""
    if not t.filters or len(t.filters) < 2 or not t.is_pipeline:
        return exc
    for k in range(1, len(t.filters) + 1):
        prefix = Pipeline([_Guarded(f) for f in t.filters[:k]])
        try:
            check_result(prefix(text, **context), filters=t.filters[:k])
        except LawError:
            name = t.filters[k - 1].name
            return LawError(exc.law, f"{str(exc).split(': ', 1)[1]}\n  first broken "
                                     f"after filter {name!r} ({k} of {len(t.filters)})")
    return exc


# -- cleaning against ground truth -------------------------------------------------------


def assert_cleans(target: Target, doc: DirtyArticle, *, exact: bool = False,
                  context: bool = False, laws: bool = True, max_problems: int = 12) -> Result:
    """Assert that ``target`` cleans ``doc``: every junk line gone, every content line
    kept and repaired as expected; return the result.

    Spans are followed through the result's provenance, so a failure says which junk
    line survived and which filter removed or changed which content line. Blank-line
    runs are ignored unless ``exact=True``, which compares the whole text (up to a
    final line break) — for pipelines that normalise whitespace. ``context=True``
    passes the article's url, language and title. ``laws`` also checks L1-L4 and L7.
    """
    t = _target(target)
    kwargs = doc.context if context else {}
    result = t.run(doc.text, kwargs)
    if laws:
        check_result(result, filters=t.filters)
    problems = [*_junk_problems(result, doc.junk), *_content_problems(result, doc.content)]
    want, got = _comparable(doc.expected, exact), _comparable(result.text, exact)
    if not problems and want != got:
        problems.append("the text differs from the expected article outside the "
                        "injected lines (see the diff)")
    if problems:
        kept = sum(p.startswith("junk kept") for p in problems)
        head = (f"{t.label} did not clean a generated {doc.language!r} article: "
                f"{kept} junk line{'s' * (kept != 1)} kept, {len(problems) - kept} other "
                f"problem{'s' * (len(problems) - kept != 1)}")
        shown = problems[:max_problems]
        if len(problems) > max_problems:
            shown.append(f"… and {len(problems) - max_problems} more")
        diff = list(difflib.unified_diff(want, got, "expected", "cleaned", lineterm="", n=1))
        body = "\n".join(f"  - {p}" for p in shown)
        raise CleaningError(f"{head}\n{body}\ndiff (expected -> cleaned):\n"
                            + "\n".join(diff[:80]) + f"\ninput: {doc.text!r}", problems)
    return result


def _comparable(text: str, exact: bool) -> list[str]:
    if exact:
        return text.rstrip("\n").split("\n")
    return [line for line in text.split("\n") if line.strip()]


def _overlapping(result: Result, start: int, end: int) -> Iterator[Any]:
    """Segments whose source span meets ``[start, end)`` (insertions at ``start`` too)."""
    segments = result.segments
    starts = [s.src_start for s in segments]
    i = max(bisect_right(starts, start) - 1, 0)
    while i < len(segments) and segments[i].src_start < end:
        s = segments[i]
        if s.src_end > start or s.src_start == start:
            yield s
        i += 1


def _junk_problems(result: Result, spans: Iterable[Span]) -> Iterator[str]:
    original, text = result.original, result.text
    for span in spans:
        kept = []
        for s in _overlapping(result, span.start, span.end):
            if s.is_copy:
                kept.append(original[max(s.src_start, span.start) : min(s.src_end, span.end)])
            elif span.start <= s.src_start and s.src_end <= span.end:
                kept.append(text[s.out_start : s.out_end])  # rewritten, not removed
        if "".join(kept).strip():
            yield f"junk kept ({span.kind}/{span.reason}): {span.text!r}"


def _content_problems(result: Result, spans: Iterable[Span]) -> Iterator[str]:
    for span in spans:
        o_start, o_end = result.output_span(span.start, span.end)
        got = result.text[o_start:o_end]
        if got == span.expected:
            continue
        by = ", ".join(dict.fromkeys(f"{c.filter}/{c.reason}" for c in result.changes
                                     if (c.start < span.end and c.end > span.start)
                                     or c.start == c.end == span.start)) or "no filter"
        if not got.strip():
            yield f"content removed by {by}: {span.expected!r}"
        elif span.reason and got == span.text:
            yield f"damage not repaired ({span.reason}): {span.text!r}, expected {span.expected!r}"
        else:
            yield f"content changed by {by}: expected {span.expected!r}, got {got!r}"


# -- time --------------------------------------------------------------------------------


def assert_linear(target: Target, build: Callable[[int], str], *, n: int = 5_000,
                  factor: int = 32, slack: float = 6.0, repeat: int = 3,
                  attempts: int = 2) -> None:
    """Assert that ``target`` runs in roughly linear time on ``build(size)`` inputs.

    Times the best of ``repeat`` runs at size ``n`` (one fewer at ``factor * n``, whose
    time is steadier) and fails when the larger takes more than ``factor * slack`` times
    as long (by default x192, where a quadratic algorithm takes x1024), on each of
    ``attempts`` measurements. Generous on purpose: it catches blow-ups (catastrophic
    backtracking, rescanning the text per line), not slowdowns, and stays quiet on a
    busy machine and across cache sizes (a small input fits the CPU cache, a large one
    does not).
    """
    t = _target(target)
    small, big = build(n), build(n * factor)

    def best(text: str, runs: int) -> float:
        times: list[float] = []
        for _ in range(runs):
            start = time.perf_counter()
            t.run(text, {})
            times.append(time.perf_counter() - start)
            if times[-1] > 2.0:
                break
        return min(times)

    limit = factor * slack
    for _ in range(attempts):
        # the large input's time is steadier, and costly: one run fewer
        t_small, t_big = best(small, repeat), best(big, max(1, repeat - 1))
        ratio = t_big / max(t_small, 1e-4)
        if ratio <= limit:
            return
    raise LawError(L7, f"{t.label} took {t_big:.3f}s on {len(big)} characters but "
                       f"{t_small:.4f}s on {len(small)}: x{ratio:.0f} for x{factor} the "
                       f"input (limit x{limit:.0f}); input starts {big[:60]!r}")


# -- messages ----------------------------------------------------------------------------


def _esc(text: str) -> str:
    return repr(text)[1:-1]


def _show(text: str, start: int, end: int, width: int = 30) -> str:
    """``[start:end] (line N) …left⟦span⟧right…`` with control characters escaped."""
    line = text.count("\n", 0, start) + 1
    mid = text[start:end]
    if len(mid) > 2 * width:
        mid = mid[:width] + "…" + mid[-width:]
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return f"[{start}:{end}] (line {line}) …{_esc(left)}⟦{_esc(mid)}⟧{_esc(right)}…"


def _first_difference(a: str, b: str) -> int:
    k = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            return k
        k += 1
    return k


def _lost(before: str, after: str) -> str:
    """Describe how ``after`` differs from ``before`` (first difference, in ``before``)."""
    k = _first_difference(before, after)
    tail = 0
    while (tail < len(before) - k and tail < len(after) - k
           and before[-1 - tail] == after[-1 - tail]):
        tail += 1
    removed = len(before) - k - tail
    if removed > 0 and len(after) - k - tail == 0:
        return (f"{removed} character{'s' * (removed != 1)} dropped at "
                f"{_show(before, k, k + removed)}")
    return f"a change at {_show(before, k, len(before) - tail)}"


def _preview(text: str, limit: int = 120) -> str:
    shown = text if len(text) <= limit else text[:limit] + "…"
    return f"input of {len(text)} characters: {shown!r}"


def _changes_listing(result: Result, limit: int) -> str:
    lines = []
    for c in result.changes[:limit]:
        lines.append(f"  {c.filter}/{c.reason} {c.before!r} -> {c.after!r} at "
                     f"{_show(result.original, c.start, c.end)}")
    if len(result.changes) > limit:
        lines.append(f"  … and {len(result.changes) - limit} more")
    return "\n".join(lines)
