#!/usr/bin/env python3
"""Throughput of cleanse beside ftfy, and of the ``cleanse clean`` command, in one run.

    python benchmarks/bench.py                       # ../shared/bench corpus if present
    python benchmarks/bench.py --corpus docs.jsonl   # any JSONL with a "text" field
    python benchmarks/bench.py --generate 2000       # a corpus it makes itself
    python benchmarks/bench.py --no-library --cli-copies 40   # the CLI on ~200 MB

The library: MB/s and docs/s (median of --runs runs, after one untimed run that loads
what is loaded lazily) of the default pipeline, of each of its filters alone, and of
``ftfy.fix_text`` on the same documents, with the ratio, and the peak memory of this
process. MB are the documents' text in UTF-8.

The command: ``python -m cleanse clean`` (this Python, on a JSONL file of the
documents) with ``--jobs 1`` and ``--jobs 2``, wall time of the whole
command (start-up included, best of --runs runs) and peak RSS of its largest process,
on three inputs: one short record (start-up alone), the corpus, and the corpus
repeated --cli-copies times with distinct ids (about 50 MB by default), where start-up
matters less. Last, the steady state: the large input's text over its time less the
start-up, and the ratio of --jobs 2 to --jobs 1 there.

Other processes on the machine slow every figure (hence best-of-N for the command).
Nothing here asserts: numbers are for notes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
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
    """Median wall time of ``fn`` over all docs, in seconds, after one pass that is not
    timed: the first pass loads what is loaded lazily (the language model, patterns a
    filter compiles for the first line that needs them), about 1 s for the pipeline,
    which would be most of a single run."""
    for doc in docs:
        fn(doc)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for doc in docs:
            fn(doc)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def write_jsonl(path: Path, docs: list[str], copies: int = 1) -> None:
    """The docs as JSONL records, ``copies`` times over, each record with its own id."""
    with path.open("w", encoding="utf-8") as fh:
        for copy in range(copies):
            for i, doc in enumerate(docs):
                fh.write(json.dumps({"id": f"{copy}-{i}", "text": doc}) + "\n")


def cli_run(src: Path, jobs: int, runs: int) -> tuple[float, float]:
    """Best wall seconds over ``runs`` runs, and the peak RSS (MB) of the largest
    process, of ``cleanse clean SRC --jobs N``."""
    times, peak_kb = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            start = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-c",
                 "import resource, subprocess, sys; "
                 "r = subprocess.run(sys.argv[1:]); "
                 "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
                 "sys.exit(r.returncode)",
                 sys.executable, "-m", "cleanse", "clean", str(src), "-o",
                 str(Path(tmp) / "out.jsonl"),
                 "--jobs", str(jobs), "-q", "--force"],
                capture_output=True, text=True, check=False)
            times.append(time.perf_counter() - start)
            if proc.returncode != 0:
                raise SystemExit(f"cleanse clean failed: {proc.stderr[-500:]}")
            peak_kb = max(peak_kb, int(proc.stdout.strip().splitlines()[-1]))
    return min(times), peak_kb / 1024


def cli_section(docs: list[str], megabytes: float, copies: int, runs: int) -> None:
    """``cleanse clean`` with --jobs 1 and 2: start-up, the corpus, the corpus x copies."""
    print(f"cli: wall time of `cleanse clean` (process start-up included), best of {runs}, "
          "peak RSS of the largest process:")
    with tempfile.TemporaryDirectory() as tmp:
        one, small, large = Path(tmp) / "one.jsonl", Path(tmp) / "small.jsonl", \
            Path(tmp) / "large.jsonl"
        write_jsonl(one, ["One short document.\n"])
        write_jsonl(small, docs)
        write_jsonl(large, docs, copies)
        sizes = {"start-up: a 1-record file": (one, 0.0, 1),
                 f"corpus: {megabytes:.1f} MB, {len(docs)} docs": (small, megabytes, len(docs)),
                 f"corpus x{copies}: {megabytes * copies:.0f} MB, {len(docs) * copies} docs":
                     (large, megabytes * copies, len(docs) * copies)}
        seconds: dict[tuple[str, int], float] = {}
        for label, (path, mb, count) in sizes.items():
            cells = []
            for jobs in (1, 2):
                secs, rss = cli_run(path, jobs, runs)
                seconds[label, jobs] = secs
                rate = f", {mb / secs:5.2f} MB/s, {count / secs:5.0f} docs/s" if mb else ""
                cells.append(f"--jobs {jobs} {secs:6.2f} s{rate}, {rss:4.0f} MB")
            ratio = seconds[label, 1] / seconds[label, 2]
            print(f"  {label:<36} {'   '.join(cells)}   jobs 2 / jobs 1: {ratio:.2f}x")
    startup = {jobs: seconds["start-up: a 1-record file", jobs] for jobs in (1, 2)}
    large_label = list(sizes)[-1]
    steady = {jobs: megabytes * copies / max(seconds[large_label, jobs] - startup[jobs], 1e-9)
              for jobs in (1, 2)}
    print(f"  steady state (corpus x{copies} without start-up): --jobs 1 {steady[1]:.2f} MB/s, "
          f"--jobs 2 {steady[2]:.2f} MB/s, {steady[2] / steady[1]:.2f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="JSONL(.gz) with a text field")
    parser.add_argument("--generate", type=int, default=0, help="make N documents instead")
    parser.add_argument("--runs", type=int, default=3,
                        help="runs per measurement (the library: median; the command: best)")
    parser.add_argument("--no-library", action="store_true",
                        help="skip the library measurements (pipeline, filters, ftfy)")
    parser.add_argument("--no-cli", action="store_true",
                        help="skip the command's measurements")
    parser.add_argument("--cli-copies", type=int, default=0, metavar="N",
                        help="the command's large input: the corpus N times (default: as "
                             "many as make about 50 MB, at least 2)")
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

    if not args.no_library:
        library_section(docs, megabytes, args.runs)
    if not args.no_cli:
        copies = args.cli_copies or max(2, round(50 / megabytes))
        cli_section(docs, megabytes, copies, args.runs)
    return 0


def library_section(docs: list[str], megabytes: float, runs: int) -> None:
    """The default pipeline, each of its filters alone, and ftfy, in this process."""
    pipeline = cleanse.default_pipeline()

    def row(label: str, seconds: float) -> None:
        print(f"  {label:<28} {megabytes / seconds:8.2f} MB/s {len(docs) / seconds:9.0f} docs/s")

    ftfy_s = timed(ftfy.fix_text, docs, runs)
    pipe_s = timed(pipeline, docs, runs)
    row("ftfy.fix_text", ftfy_s)
    row("cleanse default pipeline", pipe_s)
    print(f"  ratio default/ftfy: {ftfy_s / pipe_s:.1f}x")
    for f in pipeline.filters:
        row(f"  {f.name} alone", timed(cleanse.Pipeline([f]), docs, runs))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory of this process: {peak:.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
