#!/usr/bin/env python3
"""Encoding and punctuation repair on the bench corpus: recall, precision, speed.

    python benchmarks/mojibake_check.py                 # ../shared/bench
    python benchmarks/mojibake_check.py --bench DIR     # a folder with the same files

Reads ``corpus-5mb.jsonl.gz`` (``{"id", "text"}``) and the ground truth of its damaged
documents, ``corpus-5mb.mojibake-truth.jsonl.gz`` (``{"id", "kind", "original"}``), and
prints:

- how many damaged documents FixEncoding restores exactly to their originals, and how
  many the default pipeline restores modulo other filters (its output on the damaged
  document equals its output on the original);
- how many *other* documents FixEncoding changes, with a breakdown by reason (on this
  corpus only real entities and invisible characters should appear);
- throughput in MB/s of FixEncoding alone, Punctuation alone (with the language
  detection it triggers, the detector's one-time model load excluded; and with the
  language given) and ``ftfy.fix_text`` on the same documents, best of ``--runs``.

Exits 0 with a message when the corpus is absent (it lives outside the project), 1
when a damaged document is not restored.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import ftfy

from cleanse import Pipeline, default_pipeline
from cleanse.document import Context, Document
from cleanse.filters import FixEncoding, Punctuation
from cleanse.language import detect_language

DEFAULT_BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
CORPUS = "corpus-5mb.jsonl.gz"
TRUTH = "corpus-5mb.mojibake-truth.jsonl.gz"


def read_jsonl(path: Path) -> list[dict[str, str]]:
    """Every record of a gzipped JSONL file."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def best_time(fn: Callable[[str], object], docs: list[str], runs: int) -> float:
    """Fastest wall time of ``fn`` over all ``docs``, in seconds."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for doc in docs:
            fn(doc)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH,
                    help=f"folder holding {CORPUS} and {TRUTH} (default: {DEFAULT_BENCH})")
    ap.add_argument("--runs", type=int, default=3, help="timing runs; the best counts")
    args = ap.parse_args(argv)
    if not (args.bench / CORPUS).is_file() or not (args.bench / TRUTH).is_file():
        print(f"bench corpus not found in {args.bench} (it lives in ../shared/bench beside "
              "the project); nothing to check")
        return 0

    docs = {r["id"]: r["text"] for r in read_jsonl(args.bench / CORPUS)}
    truth = {r["id"]: r for r in read_jsonl(args.bench / TRUTH)}
    encoding = Pipeline([FixEncoding()])
    pipeline = default_pipeline()

    restored = modulo_others = 0
    for doc_id, row in truth.items():
        text = docs[doc_id]
        if encoding(text).text == row["original"]:
            restored += 1
        else:
            print(f"  not restored: {doc_id} ({row['kind']})")
        if pipeline(text).text == pipeline(row["original"]).text:
            modulo_others += 1
    print(f"damaged documents restored by FixEncoding: {restored}/{len(truth)}")
    print(f"  by the default pipeline, modulo other filters: {modulo_others}/{len(truth)}")

    changed_docs: Counter[str] = Counter()
    changes: Counter[str] = Counter()
    for doc_id, text in docs.items():
        if doc_id in truth:
            continue
        reasons = Counter(c.reason for c in encoding(text).changes)
        changes.update(reasons)
        changed_docs.update(reasons.keys())
    others = sum(1 for d, t in docs.items() if d not in truth and encoding(t).changed)
    print(f"other documents changed by FixEncoding: {others}/{len(docs) - len(truth)}")
    for reason, n in changes.most_common():
        print(f"  {reason:<14} {n:>5} changes in {changed_docs[reason]:>3} documents")

    texts = list(docs.values())
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    detect_language("warm up the language model once, outside the timings " * 3)
    fix, punct = FixEncoding(), Punctuation()
    known = Context(language="en")  # what a caller's language= saves: the detection
    timings = {
        "FixEncoding alone": best_time(lambda t: fix.edits(Document(t)), texts, args.runs),
        "Punctuation alone": best_time(lambda t: punct.edits(Document(t)), texts, args.runs),
        "  language given": best_time(lambda t: punct.edits(Document(t, known)), texts,
                                      args.runs),
        "ftfy.fix_text": best_time(ftfy.fix_text, texts, args.runs),
    }
    print(f"throughput on {len(texts)} documents, {size:.1f} MB (best of {args.runs}):")
    for name, seconds in timings.items():
        print(f"  {name:<18} {size / seconds:>7.1f} MB/s")
    return 0 if restored == len(truth) else 1


if __name__ == "__main__":
    sys.exit(main())
