"""Compare trafilatura alone with cleanse.clean_html on pages with reference texts.

Each page is ``<name>.html`` (the saved page, any charset) beside ``<name>.txt`` (the
reference article text, UTF-8). An optional ``pages.json`` in the folder gives each
page's ``url``. Both systems get the same page bytes and URL; trafilatura runs with the
options clean_html uses (no comments, tables kept), so the difference is the pipeline.

Scores are token-level, order-free: tokens are casefolded ``\\w+`` runs, the overlap is
the multiset intersection with the reference, precision = overlap / output tokens,
recall = overlap / reference tokens, F1 their harmonic mean. The total is micro-averaged
(sums over all pages), so long pages weigh more.

    python benchmarks/eval_html.py                    # tests/pages, default preset
    python benchmarks/eval_html.py PAGES --preset strict --json
    python benchmarks/eval_html.py --check            # exit 1 if clean_html's F1 is
                                                      # below trafilatura's on any page
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex
import trafilatura

from cleanse.html import EXTRACT_DEFAULTS, clean_html

_TOKEN = regex.compile(r"\w+")
_DEFAULT_PAGES = Path(__file__).resolve().parent.parent / "tests" / "pages"


def tokens(text: str) -> Counter[str]:
    """The multiset of casefolded word tokens of ``text``."""
    return Counter(_TOKEN.findall(text.casefold()))


@dataclass(frozen=True)
class Score:
    """Token overlap counts; precision, recall and F1 derive from them."""

    overlap: int
    predicted: int
    reference: int

    @classmethod
    def of(cls, predicted: str, reference: str) -> Score:
        """Score ``predicted`` against ``reference``."""
        pred, ref = tokens(predicted), tokens(reference)
        return cls(sum((pred & ref).values()), sum(pred.values()), sum(ref.values()))

    def __add__(self, other: Score) -> Score:
        return Score(self.overlap + other.overlap, self.predicted + other.predicted,
                     self.reference + other.reference)

    @property
    def precision(self) -> float:
        """Share of output tokens that are in the reference."""
        return self.overlap / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Share of reference tokens that are in the output."""
        return self.overlap / self.reference if self.reference else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        """Counts and rates, for JSON output."""
        return {"overlap": self.overlap, "predicted": self.predicted,
                "reference": self.reference, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True)
class PageResult:
    """Both systems' scores on one page."""

    name: str
    trafilatura: Score
    cleanse: Score
    seconds_trafilatura: float
    seconds_cleanse: float


def iter_pages(folder: Path) -> Iterator[tuple[str, bytes, str, str | None]]:
    """``(name, html_bytes, reference_text, url)`` for every page with a reference."""
    manifest_path = folder / "pages.json"
    manifest: dict[str, Any] = (json.loads(manifest_path.read_text("utf-8"))
                                if manifest_path.exists() else {})
    for html_path in sorted(folder.glob("*.html")):
        ref_path = html_path.with_suffix(".txt")
        if not ref_path.exists():
            continue
        entry = manifest.get(html_path.stem, {})
        yield (html_path.stem, html_path.read_bytes(), ref_path.read_text("utf-8"),
               entry.get("url"))


def evaluate(folder: Path, *, preset: str = "default") -> list[PageResult]:
    """Run both systems on every page of ``folder``."""
    pages = list(iter_pages(folder))
    if pages:  # load trafilatura's and the language model's data outside the timings
        clean_html(pages[0][1], url=pages[0][3], preset=preset)
    results = []
    for name, html, reference, url in pages:
        start = time.perf_counter()
        baseline = trafilatura.extract(html, url=url, **EXTRACT_DEFAULTS) or ""
        middle = time.perf_counter()
        cleaned = clean_html(html, url=url, preset=preset).text
        end = time.perf_counter()
        results.append(PageResult(name, Score.of(baseline, reference),
                                  Score.of(cleaned, reference), middle - start, end - middle))
    return results


def regressions(results: list[PageResult]) -> list[str]:
    """Pages where clean_html's F1 is below trafilatura alone's.

    Recall alone is not a regression signal on pages with junk: removing a teaser
    can drop a token that only matched a reference headline trafilatura missed.
    """
    return [r.name for r in results if r.cleanse.f1 < r.trafilatura.f1 - 1e-9]


def _row(name: str, a: Score, b: Score) -> str:
    return (f"{name:<26} {a.precision:6.3f} {a.recall:6.3f} {a.f1:6.3f}   "
            f"{b.precision:6.3f} {b.recall:6.3f} {b.f1:6.3f}   {b.f1 - a.f1:+6.3f}")


def report(results: list[PageResult]) -> str:
    """A fixed-width table: per page, then the micro-averaged total and macro F1."""
    head = (f"{'page':<26} {'trafilatura alone':^20}   {'clean_html':^20}\n"
            f"{'':<26} {'P':>6} {'R':>6} {'F1':>6}   {'P':>6} {'R':>6} {'F1':>6}   "
            f"{'dF1':>6}")
    lines = [head, "-" * len(head.splitlines()[1])]
    lines += [_row(r.name, r.trafilatura, r.cleanse) for r in results]
    if results:
        total_a = sum((r.trafilatura for r in results), Score(0, 0, 0))
        total_b = sum((r.cleanse for r in results), Score(0, 0, 0))
        lines.append("-" * len(lines[1]))
        lines.append(_row(f"TOTAL (micro, {len(results)} pages)", total_a, total_b))
        macro_a = sum(r.trafilatura.f1 for r in results) / len(results)
        macro_b = sum(r.cleanse.f1 for r in results) / len(results)
        lines.append(f"{'macro F1':<26} {'':>13} {macro_a:6.3f}   {'':>13} {macro_b:6.3f}   "
                     f"{macro_b - macro_a:+6.3f}")
        secs_a = sum(r.seconds_trafilatura for r in results)
        secs_b = sum(r.seconds_cleanse for r in results)
        lines.append(f"seconds: trafilatura {secs_a:.3f}, clean_html {secs_b:.3f} "
                     f"(extraction included)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="?", type=Path, default=_DEFAULT_PAGES,
                        help="folder of <name>.html + <name>.txt (default: tests/pages)")
    parser.add_argument("--preset", default="default", choices=("default", "strict"))
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when clean_html's F1 is below trafilatura's on a page")
    args = parser.parse_args(argv)
    results = evaluate(args.pages, preset=args.preset)
    if not results:
        print(f"no <name>.html + <name>.txt pairs in {args.pages}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"preset": args.preset, "pages": [
            {"name": r.name, "trafilatura": r.trafilatura.as_dict(),
             "clean_html": r.cleanse.as_dict()} for r in results]}, indent=2))
    else:
        print(report(results))
    worse = regressions(results)
    if worse:
        print(f"clean_html below trafilatura on: {', '.join(worse)}", file=sys.stderr)
    return 1 if args.check and worse else 0


if __name__ == "__main__":
    sys.exit(main())
