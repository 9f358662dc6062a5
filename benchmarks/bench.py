#!/usr/bin/env python3
"""Throughput of cleanse beside ftfy, measured in the same run.

    python benchmarks/bench.py                       # ../shared/bench corpus if present
    python benchmarks/bench.py --corpus docs.jsonl   # any JSONL with a "text" field
    python benchmarks/bench.py --generate 2000       # a corpus it makes itself

Prints MB/s and docs/s (median of --runs runs) for the default pipeline, each of its
filters alone, and ``ftfy.fix_text`` on the same documents, with the ratio; the peak
memory of this process; and the CLI's throughput with ``--jobs 1`` and ``--jobs 2``
(peak RSS of the CLI process included). Nothing here asserts: numbers are for notes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import ftfy

import cleanse

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "corpus-5mb.jsonl.gz"

_WORDS = (  # noqa: SIM905 - a word list reads better as prose
    "the government said on Tuesday that talks would continue next week after officials "
    "met in the capital to discuss trade energy prices and security while critics warned "
    "that the plan could delay reforms o governo disse que as negociações continuarão "
    "le ministre a déclaré que la réunion aura lieu demain der Minister sagte dass"
).split()
_JUNK = (
    "Powered by Blogger.", "Post a Comment", "Deixe um comentário", "Share on Facebook",
    "https://ift.tt/3aBcD1e", "Advertisement", "READ\u00a0 Officials meet again in the capital",
    "Leave a Reply", "Skip to content", "Baca juga: Harga minyak naik lagi",
)


def generated_corpus(count: int, seed: int = 7) -> list[str]:
    """Articles with injected junk and artefacts, from a fixed seed (no files needed)."""
    rng = random.Random(seed)
    docs = []
    for _ in range(count):
        lines = [" ".join(rng.choices(_WORDS, k=8)).capitalize()]
        for _ in range(rng.randint(5, 15)):
            sentence = " ".join(rng.choices(_WORDS, k=rng.randint(20, 60))).capitalize()
            if rng.random() < 0.1:
                sentence = sentence.replace(" that ", " thatâ€™s ", 1)
            if rng.random() < 0.1:
                sentence += "”. ."
            lines.append(sentence + ".")
            if rng.random() < 0.15:
                lines.append(rng.choice(_JUNK))
        docs.append("\n\n".join(lines) + "\n")
    return docs


def load_corpus(path: Path) -> list[str]:
    """The ``text`` field of every line of a (gzipped) JSONL file."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def timed(fn: Callable[[str], object], docs: list[str], runs: int) -> float:
    """Median wall time of ``fn`` over all docs, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for doc in docs:
            fn(doc)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cli_throughput(docs: list[str], jobs: int) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of ``cleanse clean --jobs N`` on the docs."""
    exe = shutil.which("cleanse") or str(Path(sys.executable).with_name("cleanse"))
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for i, doc in enumerate(docs):
                fh.write(json.dumps({"id": i, "text": doc}) + "\n")
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c",
             "import resource, subprocess, sys; "
             "r = subprocess.run(sys.argv[1:]); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
             "sys.exit(r.returncode)",
             exe, "clean", str(src), "-o", str(Path(tmp) / "out.jsonl"), "--jobs", str(jobs)],
            capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            raise SystemExit(f"cleanse clean failed: {proc.stderr[-500:]}")
        peak_kb = int(proc.stdout.strip().splitlines()[-1])
    return elapsed, peak_kb / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="JSONL(.gz) with a text field")
    parser.add_argument("--generate", type=int, default=0, help="make N documents instead")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--no-cli", action="store_true", help="skip the CLI measurements")
    args = parser.parse_args()

    if args.generate:
        docs, source = generated_corpus(args.generate), f"generated ({args.generate} docs)"
    elif args.corpus or SHARED_CORPUS.exists():
        path = args.corpus or SHARED_CORPUS
        docs, source = load_corpus(path), str(path)
    else:
        docs, source = generated_corpus(1000), "generated (1000 docs; ../shared absent)"
    megabytes = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    print(f"corpus: {source}: {len(docs)} docs, {megabytes:.2f} MB, median of {args.runs} runs")

    pipeline = cleanse.default_pipeline()
    pipeline(docs[0])  # load lazy models (language id) outside the timing

    def row(label: str, seconds: float) -> None:
        print(f"  {label:<28} {megabytes / seconds:8.2f} MB/s {len(docs) / seconds:9.0f} docs/s")

    ftfy_s = timed(ftfy.fix_text, docs, args.runs)
    pipe_s = timed(pipeline, docs, args.runs)
    row("ftfy.fix_text", ftfy_s)
    row("cleanse default pipeline", pipe_s)
    print(f"  ratio default/ftfy: {ftfy_s / pipe_s:.1f}x")
    for f in pipeline.filters:
        row(f"  {f.name} alone", timed(cleanse.Pipeline([f]), docs, args.runs))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory of this process: {peak:.0f} MB")

    if not args.no_cli:
        one, rss1 = cli_throughput(docs, 1)
        two, rss2 = cli_throughput(docs, 2)
        print("cli (process start included):")
        row("cleanse clean --jobs 1", one)
        row("cleanse clean --jobs 2", two)
        print(f"  speed-up jobs 2 / jobs 1: {one / two:.2f}x; "
              f"peak RSS {rss1:.0f} MB / {rss2:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
