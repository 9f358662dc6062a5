"""The ``cleanse`` command end to end: formats, parallelism, errors, resume, explain.

Filters change as they are written, so outputs are compared with ``cleanse.clean`` on
the same records, never with hard-coded clean text.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

import cleanse
from cleanse.cli import main
from cleanse.io import MAX_NESTING, dumps_line
from cleanse.stats import Stats

CLEANSE = [sys.executable, "-m", "cleanse"]

SENTENCES = [
    "The harbour master opened the new pier on Tuesday.",
    "Residents asked for a later bus on weekends.",
    "La mairie a voté le budget des écoles hier soir.",
    "Les travaux du pont reprendront au printemps.",
    "Der Stadtrat beschloss einen neuen Radweg am Fluss.",
    "Die Bibliothek verlängert ihre Öffnungszeiten im Winter.",
    "El mercado municipal abrirá también los domingos.",
    "A escola recebeu novos computadores esta semana.",
    "Il comune ha approvato il piano per il verde urbano.",
    "市は来年、駅前の広場を改修する予定です。",
    "Городской совет обсудил ремонт набережной.",
    "قررت البلدية توسيع الحديقة العامة.",
]
JUNK = ["Share this:", "Powered by Blogger.", "Leave a Reply", "https://bit.ly/3xYzAbc",
        "Read also: Another story from our archive", "Subscribe to our newsletter"]


def make_doc(rng: random.Random) -> str:
    """An article with artefacts every pipeline removes (spaces, blank runs, CRLF) and
    junk lines later filters will remove."""
    lines = []
    for _ in range(rng.randint(2, 12)):
        line = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 4)))
        if rng.random() < 0.3:
            line = line.replace(" ", "  ", 1)
        if rng.random() < 0.3:
            line += "   "
        lines.append(line)
        if rng.random() < 0.2:
            lines.append("")
            lines.append("")
        if rng.random() < 0.15:
            lines.append(rng.choice(JUNK))
    sep = "\r\n" if rng.random() < 0.1 else "\n"
    return sep.join(lines) + sep


def make_rows(n: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [{"id": f"doc-{i}", "url": f"https://news.example.org/{i}", "lang": "xx",
             "text": make_doc(rng), "meta": {"n": i, "tags": ["a", "b"][: i % 3]}}
            for i in range(n)]


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    data = b"".join(dumps_line(r) for r in rows)
    if path.name.endswith(".gz"):
        data = gzip.compress(data)
    elif path.name.endswith(".zst"):
        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)
    return path


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    elif path.name.endswith(".zst"):
        data = zstandard.ZstdDecompressor().stream_reader(
            io.BytesIO(data), read_across_frames=True).read()
    return [json.loads(line) for line in data.decode().splitlines()]


def expected(rows: list[dict[str, Any]], field: str = "text") -> list[dict[str, Any]]:
    """What `cleanse clean` must write: every field kept, the text cleaned."""
    return [{**r, field: cleanse.clean(r["text"]).text} for r in rows]


def run(*args: str, stdin: bytes | None = None, check: int | None = 0,
        cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    proc = subprocess.run([*CLEANSE, *args], input=stdin, capture_output=True, cwd=cwd,
                          timeout=300, check=False)
    if check is not None:
        assert proc.returncode == check, proc.stderr.decode()
    return proc


# -- conventions ------------------------------------------------------------------------


def test_help_shows_examples_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "cleanse clean corpus.jsonl.zst -o clean.jsonl.zst" in out
    assert "exit status" in out and "usage error" in out
    for command in ("clean", "report", "explain"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "examples:" in capsys.readouterr().out


def test_version_console_script_and_module() -> None:
    assert run("--version").stdout.decode().strip() == f"cleanse {cleanse.__version__}"


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["clean", "x.jsonl"])  # no -o
    assert exc.value.code == 2
    assert main(["clean", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "no such input file" in capsys.readouterr().err
    src = write_jsonl(tmp_path / "in.jsonl", make_rows(2))
    assert main(["clean", str(src), "-o", str(tmp_path / "o.csv")]) == 2
    assert "cannot tell the output format" in capsys.readouterr().err
    assert main(["clean", str(src), "-o", str(src)]) == 2
    assert "also an input" in capsys.readouterr().err
    assert main(["explain", str(tmp_path / "nope.txt")]) == 2


# -- formats ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["in.jsonl", "in.jsonl.gz", "in.jsonl.zst"])
@pytest.mark.parametrize("out_name", ["out.jsonl", "out.jsonl.gz", "out.jsonl.zst"])
def test_jsonl_inputs_and_outputs(tmp_path: Path, name: str, out_name: str) -> None:
    rows = make_rows(40)
    src = write_jsonl(tmp_path / name, rows)
    out = tmp_path / out_name
    assert main(["clean", str(src), "-o", str(out), "--jobs", "1", "-q"]) == 0
    assert read_jsonl(out) == expected(rows)
    assert (tmp_path / "out.errors.jsonl").read_bytes() == b""
    assert not list(tmp_path.glob("*.partial")) and not list(tmp_path.glob("*.progress"))


def test_parquet_in_and_out_keeps_every_column(tmp_path: Path) -> None:
    rows = make_rows(30)
    for i, r in enumerate(rows):
        r["score"] = i / 4
        r["when"] = None if i % 5 else "2024-05-01"
    src = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(rows), src, row_group_size=7)
    out = tmp_path / "out.parquet"
    assert main(["clean", str(src), "-o", str(out), "--jobs", "1", "-q", "--chunk-size", "4"]) == 0
    table = pq.read_table(out)
    assert table.schema.names == list(rows[0])
    assert table.schema.field("meta").type == pq.read_schema(src).field("meta").type
    assert table.to_pylist() == expected(rows)
    # Parquet to JSONL and back again
    out2 = tmp_path / "out2.jsonl"
    assert main(["clean", str(out), "-o", str(out2), "-q"]) == 0
    assert read_jsonl(out2) == expected(rows)


def test_jsonl_to_parquet_with_changes(tmp_path: Path) -> None:
    rows = make_rows(25)
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.parquet"
    assert main(["clean", str(src), "-o", str(out), "--changes", "-q", "--jobs", "1"]) == 0
    got = pq.read_table(out).to_pylist()
    for row, record in zip(rows, got, strict=True):
        result = cleanse.clean(row["text"])
        assert record["text"] == result.text
        assert record["changes"] == [c._asdict() for c in result.changes]


def test_text_files_input(tmp_path: Path) -> None:
    texts = {"a.txt": "Erste Zeile.   \nZweite Zeile.\n\n\n\nDritte.",
             "b.md": "Une ligne.\r\nUne autre.\r\n", "c.txt": ""}
    paths = []
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8", newline="")
        paths.append(str(tmp_path / name))
    out = tmp_path / "out.jsonl"
    assert main(["clean", *paths, "-o", str(out), "-q", "--output-field", "clean"]) == 0
    assert read_jsonl(out) == [{"path": p, "text": t, "clean": cleanse.clean(t).text}
                               for p, t in zip(paths, texts.values(), strict=True)]


def test_stdin_to_stdout(tmp_path: Path) -> None:
    rows = make_rows(30)
    data = b"".join(json.dumps(r).encode() + b"\n" for r in rows)
    proc = run("clean", "-", "-o", "-", "--jobs", "2", stdin=gzip.compress(data), cwd=tmp_path)
    assert [json.loads(line) for line in proc.stdout.splitlines()] == expected(rows)
    assert b"30 records" in proc.stderr  # the summary goes to stderr, never stdout
    assert b"%|" not in proc.stderr and b"\r" not in proc.stderr  # no progress bar: not a tty
    assert not (tmp_path / "cleanse-errors.jsonl").exists()  # created only for errors


def test_stdin_text_and_errors_next_to_stdout(tmp_path: Path) -> None:
    text = "Un texte.   \n\n\n\nFin. Ça marche.".encode()
    proc = run("clean", "--input-format", "text", "-", "-o", "-", stdin=text)
    assert json.loads(proc.stdout) == {"path": "-", "text": cleanse.clean(text.decode()).text}
    proc = run("clean", "-", "-o", "-", stdin=b'{"text": "ok"}\nbroken\n', cwd=tmp_path,
               check=1)
    assert len(proc.stdout.splitlines()) == 1
    errors = read_jsonl(tmp_path / "cleanse-errors.jsonl")
    assert [(e["source"], e["line"], e["error"]) for e in errors] == [("-", 2, "invalid_json")]


def test_output_field_and_fields_kept(tmp_path: Path) -> None:
    rows = make_rows(10)
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(src), "-o", str(out), "-q", "--output-field", "clean_text",
                 "--url-field", "url", "--language-field", "lang"]) == 0
    assert read_jsonl(out) == [
        {**r, "clean_text": cleanse.clean(r["text"], url=r["url"], language="xx").text}
        for r in rows]


def test_changes_replay_to_the_clean_text(tmp_path: Path) -> None:
    rows = make_rows(20)
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(src), "-o", str(out), "-q", "--changes",
                 "--output-field", "clean"]) == 0
    for record in read_jsonl(out):
        result = cleanse.Result.from_dict({"original": record["text"], "text": record["clean"],
                                           "changes": record["changes"]})
        assert result.text == record["clean"]


# -- parallelism ------------------------------------------------------------------------


def test_jobs_1_and_jobs_2_write_identical_bytes(tmp_path: Path) -> None:
    rows = make_rows(600)
    src = write_jsonl(tmp_path / "in.jsonl.gz", rows)
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        run("clean", str(src), "-o", str(out), "--jobs", jobs, "--chunk-size", "16",
            "--changes", "--stats", str(tmp_path / f"stats{jobs}.json"))
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert [json.loads(x)["text"] for x in outputs[0].splitlines()] == [
        r["text"] for r in expected(rows)]
    assert (tmp_path / "stats1.json").read_text() == (tmp_path / "stats2.json").read_text()


# -- nothing lost -----------------------------------------------------------------------


def test_malformed_records_go_to_the_error_output(tmp_path: Path) -> None:
    good = make_rows(6)
    lines = [json.dumps(good[0]).encode(), b"{not json", json.dumps(good[1]).encode(), b"",
             b'{"id": "no-text"}', b'{"id": "int", "text": 42}', json.dumps(good[2]).encode(),
             b'"just a string"', b'{"text": "caf\xe9 latin-1"}', json.dumps(good[3]).encode()]
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "out.jsonl"
    proc = run("clean", str(src), "-o", str(out), "--jobs", "2", check=1)
    written = read_jsonl(out)
    errors = read_jsonl(tmp_path / "out.errors.jsonl")
    assert written == expected(good[:4])
    assert [(e["line"], e["error"]) for e in errors] == [
        (2, "invalid_json"), (5, "missing_field"), (6, "not_a_string"), (8, "not_an_object"),
        (9, "undecodable")]
    assert all(e["source"] == str(src) and e["message"] for e in errors)
    assert errors[1]["record"] == {"id": "no-text"}
    assert errors[0]["raw"] == "{not json"
    non_blank = sum(1 for line in lines if line.strip())
    assert len(written) + len(errors) == non_blank  # records in = out + errors
    stderr = proc.stderr.decode()
    assert "9 records" in stderr and "4 written" in stderr and "5 errors" in stderr
    assert "1 blank line skipped" in stderr
    assert f"{src}:2: invalid_json" in stderr


def test_odd_lines_give_the_same_records_and_errors_whatever_jobs(tmp_path: Path) -> None:
    # the workers parse the lines: each odd case must come out as it does in this
    # process, and a record too deeply nested for pickle must not stop the run
    good = make_rows(3)
    deep = "[" * (MAX_NESTING - 1) + "]" * (MAX_NESTING - 1)
    lines = [
        b"\xef\xbb\xbf" + dumps_line(good[0]),                            # 1 BOM
        b'{"text": "raw \x00 NUL"}\n',                                     # 2 invalid_json
        b'{"id": "\\udfff", "text": "NUL \\u0000, lone \\ud800  \\n"}\n',  # 3
        b'{"text": ""}\n',                                                   # 4
        b'{"text": " \\n\\n  "}\n',                                         # 5
        dumps_line(good[1])[:-1] + b"\r\n",                                  # 6 CRLF
        b'{"text": "caf\xe9"}\n',                                           # 7 undecodable
        f'{{"text": "Deep.  \\n", "m": {deep}}}\n'.encode(),                 # 8
        f'{{"body": "no text", "m": {deep}}}\n'.encode(),                    # 9 missing
        f'{{"text": "Too deep.", "m": [{deep}]}}\n'.encode(),                # 10 invalid_json
        b"   \n",                                                            # blank
        dumps_line(good[2]),                                                # 12
    ]
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"".join(lines))
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        run("clean", str(src), "-o", str(out), "--jobs", jobs, "--chunk-size", "3",
            "--stats", str(tmp_path / f"stats{jobs}.json"), check=1)
        outputs.append([path.read_bytes() for path in (
            out, tmp_path / f"out{jobs}.errors.jsonl", tmp_path / f"stats{jobs}.json")])
    assert outputs[0] == outputs[1]
    errors = read_jsonl(tmp_path / "out2.errors.jsonl")
    assert [(e["line"], e["error"]) for e in errors] == [
        (2, "invalid_json"), (7, "undecodable"), (9, "missing_field"), (10, "invalid_json")]
    assert errors[3]["message"] == "invalid JSON: nested too deeply"
    assert errors[2]["record"] == {"body": "no text", "m": json.loads(deep)}
    texts = [good[0]["text"], "NUL \x00, lone \ud800  \n", "", " \n\n  ", good[1]["text"],
             "Deep.  \n", good[2]["text"]]
    written = read_jsonl(tmp_path / "out2.jsonl")
    assert [r["text"] for r in written] == [cleanse.clean(t).text for t in texts]
    assert written[1]["id"] == "\udfff" and written[5]["m"] == json.loads(deep)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_limit_counts_records_good_or_not_but_not_blank_lines(tmp_path: Path, jobs: str
                                                              ) -> None:
    good = make_rows(5)
    lines = [dumps_line(good[0]), b"  \n", b"{broken\n", dumps_line(good[1]),
             dumps_line(good[2]), dumps_line(good[3])]
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"".join(lines))
    out = tmp_path / "out.jsonl"
    proc = run("clean", str(src), "-o", str(out), "--limit", "3", "--jobs", jobs,
               "--chunk-size", "2", check=1)
    assert read_jsonl(out) == expected(good[:2])
    assert [e["line"] for e in read_jsonl(tmp_path / "out.errors.jsonl")] == [3]
    assert b"3 records" in proc.stderr and b"1 blank line skipped" in proc.stderr


def test_parquet_schema_does_not_depend_on_how_the_json_is_written(tmp_path: Path) -> None:
    # the schema comes from the first chunk's rows: a chunk of JSON lines measured in
    # bytes would hold six times fewer of these records with \\uXXXX escapes, and the
    # field that first appears in record 40 would no longer fit
    text = "市は来年、駅前の広場を改修する予定です。\n" * 150
    rows: list[dict[str, Any]] = [{"id": str(i), "text": text} for i in range(60)]
    rows[40]["extra"] = "only here"
    tables = []
    for ascii_only in (False, True):
        src = tmp_path / f"in-{ascii_only}.jsonl"
        src.write_text("".join(json.dumps(r, ensure_ascii=ascii_only) + "\n" for r in rows),
                       encoding="utf-8")
        out = tmp_path / f"out-{ascii_only}.parquet"
        run("clean", str(src), "-o", str(out), "--jobs", "2", "-q")
        assert (tmp_path / f"out-{ascii_only}.errors.jsonl").read_bytes() == b""
        tables.append(pq.read_table(out))
    assert tables[0].equals(tables[1])
    assert tables[0].column("extra").to_pylist()[39:42] == [None, "only here", None]


def test_records_that_do_not_fit_parquet_are_errors_not_lost(tmp_path: Path) -> None:
    rows = make_rows(5)
    rows[3]["id"] = {"not": "a string"}
    rows[4]["url"] = "lone surrogate \ud800 here"  # JSON can carry it, Parquet cannot
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.parquet"
    assert main(["clean", str(src), "-o", str(out), "-q", "--chunk-size", "2"]) == 1
    assert pq.read_table(out).to_pylist() == expected(rows[:3])
    errors = read_jsonl(tmp_path / "out.errors.jsonl")
    assert [(e["line"], e["error"]) for e in errors] == [(4, "unwritable"), (5, "unwritable")]
    assert errors[1]["record"] == rows[4]  # the input record, unchanged


def test_stats_file_matches_the_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                        ) -> None:
    rows = make_rows(50)
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    stats_path = tmp_path / "stats.json"
    assert main(["clean", str(src), "-o", str(tmp_path / "o.jsonl"), "--stats",
                 str(stats_path)]) == 0
    want = Stats()
    for r in rows:
        want.add_result(cleanse.clean(r["text"]))
    assert json.loads(stats_path.read_text()) == want.to_dict()
    err = capsys.readouterr().err
    assert "filter/reason" in err and "documents" in err and "chars removed" in err
    for name, reason, *_ in want.rows():
        assert f"{name}/{reason}"[:40] in err


# -- interrupted runs -------------------------------------------------------------------


def _kill_midway(args: list[str], progress: Path, checkpoints: int = 3) -> dict[str, Any]:
    """Start `cleanse`, SIGKILL it once ``checkpoints`` checkpoints are recorded."""
    proc = subprocess.Popen([*CLEANSE, *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    seen: set[int] = set()
    deadline = time.monotonic() + 120
    state: dict[str, Any] = {}
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                state = json.loads(progress.read_text())
            except (OSError, ValueError):
                time.sleep(0.002)
                continue
            seen.add(state["counts"]["records"])
            if len(seen) >= checkpoints:
                break
            time.sleep(0.002)
        assert proc.poll() is None, "the run ended before it could be interrupted"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return state


@pytest.mark.parametrize("out_name", ["out.jsonl", "out.jsonl.gz", "out.parquet"])
def test_killed_run_resumes_to_the_uninterrupted_output(tmp_path: Path, out_name: str) -> None:
    rows = make_rows(1500, seed=11)
    lines = [json.dumps(r).encode() for r in rows]
    for i in range(5, len(lines), 97):  # errors along the way, which must not repeat
        lines[i] = b'{"broken": '
    src = tmp_path / "in.jsonl.zst"
    src.write_bytes(zstandard.ZstdCompressor().compress(b"\n".join(lines) + b"\n"))
    reference = tmp_path / "ref" / out_name
    reference.parent.mkdir()
    common = ["--chunk-size", "8", "--stats", "STATS", "--changes"]

    def argv(out: Path, stats: Path, *extra: str) -> list[str]:
        return ["clean", str(src), "-o", str(out),
                *[str(stats) if a == "STATS" else a for a in common], *extra]

    # every run in a subprocess, so that all of them run the same code
    run(*argv(reference, tmp_path / "ref" / "stats.json"), "-q", "--jobs", "1", check=1)

    out = tmp_path / out_name
    stats = tmp_path / "stats.json"
    state = _kill_midway(argv(out, stats, "--checkpoint-interval", "0", "--jobs", "2"),
                         Path(f"{out}.progress"))
    assert 0 < state["counts"]["records"] < len(rows)
    assert not out.exists()
    assert Path(f"{out}.partial").exists() or Path(f"{out}.partial.parts").is_dir()
    # without --resume the partial output is not silently thrown away
    assert "--resume" in run(*argv(out, stats), check=2).stderr.decode()
    assert b"resuming after" in run(*argv(out, stats, "--resume", "--jobs", "1"),
                                    check=1).stderr

    if out_name.endswith(".parquet"):
        assert pq.read_table(out).equals(pq.read_table(reference))
    else:
        assert read_jsonl(out) == read_jsonl(reference)
    assert (tmp_path / "out.errors.jsonl").read_bytes() == (
        tmp_path / "ref" / "out.errors.jsonl").read_bytes()
    assert json.loads(stats.read_text()) == json.loads(
        (tmp_path / "ref" / "stats.json").read_text())
    n_errors = len(read_jsonl(tmp_path / "out.errors.jsonl"))
    n_out = pq.read_table(out).num_rows if out_name.endswith(".parquet") else len(read_jsonl(out))
    assert n_out + n_errors == len(rows)
    assert not [p.name for p in tmp_path.iterdir() if ".partial" in p.name or ".progress" in p.name]


def test_resume_refuses_other_options_and_force_restarts(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    rows = make_rows(30)
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    # a run that stopped after its first checkpoint leaves these two files
    Path(f"{out}.partial").write_bytes(b"")
    state = {"version": 1, "command": "clean", "fingerprint": {}, "position": [0, 0],
             "output": {"bytes": 0}, "errors": {"bytes": 0},
             "counts": {"records": 0, "written": 0, "blank": 0}, "stats": Stats().to_dict()}
    Path(f"{out}.progress").write_text(json.dumps(state))
    assert main(["clean", str(src), "-o", str(out), "--resume"]) == 2
    assert "differ" in capsys.readouterr().err
    assert main(["clean", str(src), "-o", str(out), "-q", "--force"]) == 0
    assert read_jsonl(out) == expected(rows)
    # --resume with nothing to resume simply runs
    out.unlink()
    assert main(["clean", str(src), "-o", str(out), "--resume"]) == 0
    assert "nothing to resume" in capsys.readouterr().err
    assert read_jsonl(out) == expected(rows)


# -- report and explain -----------------------------------------------------------------


def test_report_command_and_clean_report(tmp_path: Path) -> None:
    rows = make_rows(80)
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    page = tmp_path / "report.html"
    run("report", str(src), "-o", str(page), "-q", "--sample", "5", "--jobs", "1")
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html
    assert f"{src}:" in html  # documents are named by file and line
    both = tmp_path / "both.html"
    run("clean", str(src), "-o", str(tmp_path / "o.jsonl"), "-q", "--sample", "5",
        "--report", str(both), "--jobs", "2")
    assert both.read_text(encoding="utf-8").replace(str(both), "") == html.replace(
        str(page), "")


def test_explain_text_files_plain_when_piped(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("Una frase.   \n\n\n\nOtra frase.", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("Nothing to fix.\n", encoding="utf-8")
    out = run("explain", str(a), str(b)).stdout.decode()
    ra, rb = cleanse.clean(a.read_text()), cleanse.clean(b.read_text())
    assert out == (f"==> {a}\n{ra.text}\n{ra.explain()}\n\n"
                   f"==> {b}\n{rb.text}\n{rb.explain()}\n\n")
    assert "\033[" not in out


def test_explain_colours_and_picks_a_record(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    rows = make_rows(5)
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    assert main(["explain", str(src), "--record", "3", "--color", "always"]) == 0
    out = capsys.readouterr().out
    result = cleanse.clean(rows[2]["text"])
    assert out.startswith(f"\033[1m==> {src}:3")
    assert result.text in out
    if result.changes:
        assert "\033[36m" in out and f"{result.changes[0].filter}/" in out
    assert main(["explain", str(src), "--record", "9"]) == 1
    assert "no record at line 9" in capsys.readouterr().out


def test_errors_to_stderr_and_early_usage_checks(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"text": "Bien.  "}\n{"text": 1}\n')
    proc = run("clean", str(src), "-o", str(tmp_path / "out.jsonl"), "--errors", "-", "-q",
               check=1)
    assert json.loads(proc.stderr.splitlines()[0])["error"] == "not_a_string"
    assert not (tmp_path / "out.errors.jsonl").exists()
    assert len(read_jsonl(tmp_path / "out.jsonl")) == 1
    # a report or statistics file that cannot be written is refused before any work
    for option in ("--report", "--stats"):
        proc = run("clean", str(src), "-o", str(tmp_path / "o2.jsonl"), option,
                   str(tmp_path / "no" / "such" / "dir" / "x"), check=2)
        assert b"does not exist" in proc.stderr
    assert run("clean", str(src), "-o", str(tmp_path / "o3.jsonl"), "--errors", "e.txt",
               check=2).stderr.startswith(b"cleanse: error: cannot tell the output format")
