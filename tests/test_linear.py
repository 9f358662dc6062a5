"""Linear time: every filter and both presets on adversarial inputs, n vs 2n.

Each case doubles an input that is built to provoke backtracking or quadratic
Python loops (a megabyte-long line, a phrase prefix repeated 100 000 times, runs of
punctuation or spaces, many short lines) and checks that the time at most roughly
doubles. The bound is generous (best of three timings, ratio < 3.5; a quadratic
rule shows 4 and more; a steep doubling is confirmed at 4n, where a quadratic rule
shows 16), so the check is about growth, not about speed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from cleanse import default_pipeline, linestarts, strict_pipeline
from cleanse.document import Document
from cleanse.filters import ALL_FILTERS, Filter
from cleanse.phrases import load_phrases

pytestmark = pytest.mark.linear

#: Growth allowed when the input doubles (linear: about 2).
MAX_RATIO = 3.5
#: Growth allowed from n to 4n when a doubling looked too steep (linear: about 4).
MAX_RATIO_4N = 9.0
#: The smaller input is grown until one run takes this long (timings below it are
#: noise), or until it reaches ``_MAX_UNITS`` repetitions.
_MIN_SECONDS = 0.01
_MAX_UNITS = 200_000


def _prefixes(category: str, count: int = 6) -> str:
    """The first half of a few phrases of a data file, run together on one line."""
    phrases = [p for _, p in load_phrases(category)][:count]
    return " ".join(p[: max(1, len(p) // 2)] for p in phrases)


#: name -> (unit, joiner): the input of size n is ``joiner.join([unit] * n)``.
INPUTS: dict[str, tuple[str, str]] = {
    "long_line_words": ("Le conseil a voté lundi", " "),
    "many_short_lines": ("Share", "\n"),
    "blank_lines": ("", "\n"),
    "space_run": (" ", ""),
    "odd_space_run": ("\u2003\u00a0", ""),
    "carriage_returns": ("x\r", ""),
    "punctuation_run": (". , ; : ! ?", " "),
    "doubled_marks": (",.", ""),
    "empty_brackets": ("() []", " "),
    "glued_stops": ("ab.Cd", ""),
    "mojibake_line": ("donâ€™t Ã©", " "),
    "entities": ("&amp;&#8217;", ""),
    "url_run": ("https://bit.ly/x", ""),
    "comment_prefixes": (_prefixes("comment_form"), " "),
    "comment_prefix_lines": (_prefixes("comment_form"), "\n"),
    "widget_prefixes": (_prefixes("call_to_action"), " "),
    "related_prefixes": (_prefixes("related"), "\n"),
    "edge_prefixes": (_prefixes("edge_residue"), " | "),
    "autoblog_prefixes": (_prefixes("autoblog"), "\n"),
    "response_prefix": ('0 Response to "', ""),
    "posted_by": ("Posted by Anna at ", ""),
    "long_words_line": ("Die Verhandlungen werden nächste Woche fortgesetzt, sagte er. ", ""),
    # the shared scan of line starts (cleanse.linestarts): separators, numbers, keys
    "lead_runs": ("- • ", ""),
    "number_runs": ("1 2 3 ", ""),
    "key_prefix_lines": ("  • Share th", "\n"),
}

def _edits_of(f: Filter) -> Callable[[str], object]:
    return lambda text: f.edits(Document(text))


SUBJECTS: dict[str, Callable[[str], object]] = {cls.name: _edits_of(cls()) for cls in ALL_FILTERS}
SUBJECTS["default_pipeline"] = default_pipeline()
SUBJECTS["strict_pipeline"] = strict_pipeline()
SUBJECTS["line_starts"] = lambda text: linestarts.index().candidates(text)


def _best(fn: Callable[[str], object], text: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - start)
    return best


def _growth(fn: Callable[[str], object], unit: str, joiner: str) -> tuple[int, float, float]:
    """``(n, t(n), t(2n))`` with n grown until t(n) is measurable."""
    n = 1_000
    while True:
        small = _best(fn, joiner.join([unit] * n))
        if small >= _MIN_SECONDS or n >= _MAX_UNITS:
            break
        n *= 4 if small < _MIN_SECONDS / 8 else 2
    return n, small, _best(fn, joiner.join([unit] * (2 * n)))


def _too_slow(fn: Callable[[str], object], inputs: dict[str, tuple[str, str]]
              ) -> tuple[list[str], tuple[float, str]]:
    """The inputs on which ``fn`` grows faster than linearly, and the worst ratio seen."""
    slow: list[str] = []
    worst = (0.0, "")
    for name, (unit, joiner) in inputs.items():
        n, small, big = _growth(fn, unit, joiner)
        ratio = big / max(small, 1e-6)
        worst = max(worst, (ratio, f"{name} n={n} {small * 1e3:.1f}->{big * 1e3:.1f} ms"))
        if ratio >= MAX_RATIO and big >= _MIN_SECONDS:
            # confirm once more before reporting: a loaded machine makes one-off spikes
            n, small, big = _growth(fn, unit, joiner)
            ratio = big / max(small, 1e-6)
        if ratio >= MAX_RATIO and big >= _MIN_SECONDS:
            # A step in the CPU caches can make one doubling look steep; growth that
            # goes on at 4n is real (quadratic: x16 at 4n, linear: x4).
            bigger = _best(fn, joiner.join([unit] * (4 * n)))
            if bigger / max(small, 1e-6) >= MAX_RATIO_4N:
                slow.append(f"{name}: n={n} {small * 1e3:.1f} ms -> 2n {big * 1e3:.1f} ms "
                            f"(x{ratio:.1f}) -> 4n {bigger * 1e3:.1f} ms")
    return slow, worst


@pytest.mark.parametrize("subject", sorted(SUBJECTS))
def test_linear_time(subject: str) -> None:
    slow, worst = _too_slow(SUBJECTS[subject], INPUTS)
    print(f"{subject}: worst x{worst[0]:.2f} ({worst[1]})")  # shown with pytest -s
    assert not slow, f"{subject} grows faster than linearly on:\n" + "\n".join(slow)


def _quadratic(text: str) -> int:
    """A deliberately quadratic rule: rescan the whole text at every 500th position
    (what a lookahead to the end of the text from each candidate would do)."""
    return sum(text.count("lundi lundi") for _ in range(0, len(text), 500))


def test_the_check_catches_a_quadratic_rule() -> None:
    slow, _ = _too_slow(_quadratic, {"words": ("Le conseil a voté lundi", " ")})
    assert slow, "a quadratic rule passed the linear-time check"
