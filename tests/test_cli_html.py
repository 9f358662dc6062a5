"""``cleanse clean --html``: HTML files, WARC records and JSONL / Parquet pages, end to end.

Outputs are compared with :func:`cleanse.clean_html` on the same pages (extraction and
filters change as they are written), never with hard-coded clean text. The pages are
the hand-written ones in tests/pages (see pages.json).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from _warc import build_warc
from cleanse import Result, clean_html
from cleanse.cli import PAGE_METADATA_KEYS, main
from cleanse.html import decode_html, iter_warc_html
from cleanse.io import Position, RecordReader, dumps_line
from cleanse.stats import Stats

CLEANSE = [sys.executable, "-m", "cleanse"]
PAGES = Path(__file__).parent / "pages"
MANIFEST: dict[str, Any] = {k: v for k, v in json.loads(
    (PAGES / "pages.json").read_text("utf-8")).items() if not k.startswith("_")}
NAMES = sorted(MANIFEST)
# Pages that have no article, or nothing but junk: each an empty result with its reason.
BROKEN: dict[str, bytes] = {
    "empty.html": b"",
    "blank.html": b" \n\t\n",
    "image.html": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
    "nothing.html": b"<!DOCTYPE html><html><head><title>Galerie</title></head><body></body></html>",
    "junk_only.html": (b"<html lang='en'><body><article><p>Share this:</p>"
                       b"<p>Subscribe to our newsletter</p></article></body></html>"),
}


def page(name: str) -> bytes:
    return (PAGES / f"{name}.html").read_bytes()


def url(name: str) -> str:
    return str(MANIFEST[name]["url"])


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def crawl(names: list[str], *, gzipped: bool = True,
          broken: dict[str, bytes] | None = None) -> bytes:
    """A crawl of ``names``: each page's request and response, plus records that are
    not HTML pages (an image, a redirect), which the reader must skip, and the HTML
    responses in ``broken`` (name: payload) after every fourth page."""
    records: list[tuple[str, str, bytes, list[tuple[str, str]] | None]] = []
    extra = list((broken or {}).items())
    for i, name in enumerate(names):
        # the German page's charset comes from the HTTP header too (the transport)
        ctype = ("text/html; charset=windows-1252" if name == "news_de_bruecke"
                 else "text/html; charset=utf-8")
        records.append(("request", url(name), b"GET / HTTP/1.1\r\n\r\n", None))
        records.append(("response", url(name), page(name), [("Content-Type", ctype)]))
        if i % 3 == 0:
            records.append(("response", f"https://cdn.example/{i}.png", b"\x89PNG\r\n",
                            [("Content-Type", "image/png")]))
            records.append(("response", f"https://old.example/{i}", b"<html>moved</html>",
                            [(":status", "301 Moved Permanently"), ("Location", "/new")]))
        if i % 4 == 3 and extra:
            label, payload = extra[(i // 4) % len(extra)]
            records.append(("response", f"https://broken.example/{i}/{label}", payload,
                            [("Content-Type", "text/html")]))
    return build_warc(records, gzipped=gzipped)


def check_row(row: dict[str, Any], result: Result, *, text_field: str = "text",
              changes: bool = False) -> None:
    """``row`` is what ``cleanse clean --html`` must write for a page clean_html gave
    ``result`` for."""
    assert row[text_field] == result.text
    assert row["cleanse_empty_reason"] == result.metadata.get("empty_reason")
    assert list(row["metadata"]) == list(PAGE_METADATA_KEYS)
    assert row["metadata"] == {k: result.metadata.get(k) for k in PAGE_METADATA_KEYS}
    if changes:
        assert row["extracted"] == result.original
        assert row["changes"] == [c._asdict() for c in result.changes]
        replayed = Result.from_dict({"original": row["extracted"], "text": row[text_field],
                                     "changes": row["changes"]})
        assert replayed.text == row[text_field]
    else:
        assert "extracted" not in row and "changes" not in row


def run(*args: str, stdin: bytes | None = None, check: int | None = 0,
        cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    proc = subprocess.run([*CLEANSE, *args], input=stdin, capture_output=True, cwd=cwd,
                          timeout=300, check=False)
    if check is not None:
        assert proc.returncode == check, proc.stderr.decode()
    return proc


# -- HTML files ---------------------------------------------------------------------------


def test_html_files_are_decoded_by_their_own_charset(tmp_path: Path) -> None:
    names = ["news_en_harbour", "news_de_bruecke"]  # UTF-8; windows-1252 in <meta>
    paths = [str(PAGES / f"{n}.html") for n in names]
    out = tmp_path / "out.jsonl"
    assert main(["clean", "--html", *paths, "-o", str(out), "-q", "--jobs", "1",
                 "--changes"]) == 0
    rows = read_jsonl(out)
    assert [r["path"] for r in rows] == paths
    for name, row in zip(names, rows, strict=True):
        data = page(name)
        assert row["html"] == decode_html(data).text  # the page is kept, as text
        check_row(row, clean_html(data), changes=True)
        for junk in MANIFEST[name]["junk"]:
            assert junk not in row["text"].splitlines()
        assert row["extracted"] != row["text"]  # the filters did remove something
    english, german = (r["metadata"] for r in rows)
    assert (english["encoding"], english["encoding_source"]) == ("utf-8", "meta")
    assert (german["encoding"], german["encoding_source"]) == ("cp1252", "meta")
    assert "Fußgängerbrücke" in rows[1]["text"] and "\ufffd" not in rows[1]["text"]
    assert german["language"] == "de" and german["title"]
    assert (tmp_path / "out.errors.jsonl").read_bytes() == b""


def test_output_field_and_a_compressed_page(tmp_path: Path) -> None:
    gz = tmp_path / "feira.html.gz"
    gz.write_bytes(gzip.compress(page("wordpress_pt_feira")))
    out = tmp_path / "out.jsonl"
    assert main(["clean", "--html", str(gz), "-o", str(out), "-q", "--jobs", "1",
                 "--text-field", "artigo", "--metadata-field", "pagina"]) == 0
    [row] = read_jsonl(out)
    result = clean_html(page("wordpress_pt_feira"))
    assert row["artigo"] == result.text and "text" not in row
    assert row["pagina"]["language"] == "pt" == result.metadata["language"]
    assert list(row) == ["path", "html", "artigo", "cleanse_empty_reason", "pagina"]


# -- JSONL and Parquet --------------------------------------------------------------------


def test_jsonl_with_an_html_field(tmp_path: Path) -> None:
    rows = [{"id": i, "url": url(n), "html": decode_html(page(n)).text, "meta": {"n": i}}
            for i, n in enumerate(NAMES)]
    src = tmp_path / "pages.jsonl"
    src.write_bytes(b"".join(dumps_line(r) for r in rows))
    out = tmp_path / "out.jsonl"
    assert main(["clean", "--html", str(src), "-o", str(out), "-q", "--jobs", "1",
                 "--changes"]) == 0
    got = read_jsonl(out)
    assert len(got) == len(rows)
    for row, written in zip(rows, got, strict=True):
        assert {k: written[k] for k in row} == row  # every input field kept
        check_row(written, clean_html(row["html"], url=row["url"]), changes=True)
        assert written["metadata"]["encoding"] is None  # the page came as text


def test_jsonl_field_options_and_bad_records(tmp_path: Path) -> None:
    good = [{"link": url(n), "body": decode_html(page(n)).text} for n in NAMES[:3]]
    lines = [dumps_line(good[0]), b"{broken\n", dumps_line({"link": "https://x.example/"}),
             dumps_line(good[1]), dumps_line({"body": 42}), b"\n", dumps_line(good[2]),
             dumps_line({"body": ""})]
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"".join(lines))
    out = tmp_path / "out.jsonl"
    assert main(["clean", "--html", str(src), "-o", str(out), "-q", "--jobs", "1",
                 "--html-field", "body", "--url-field", "link",
                 "--output-field", "article"]) == 1
    written = read_jsonl(out)
    for row, got in zip([*good, {"body": ""}], written, strict=True):
        check_row(got, clean_html(row["body"], url=row.get("link")), text_field="article")
        assert got["body"] == row["body"]
    assert written[-1]["cleanse_empty_reason"] == "empty_input"
    errors = read_jsonl(tmp_path / "out.errors.jsonl")
    assert [(e["line"], e["error"]) for e in errors] == [
        (2, "invalid_json"), (3, "missing_field"), (5, "not_a_string")]
    assert "--html-field" in errors[1]["message"]
    non_blank = sum(1 for line in lines if line.strip())
    assert len(written) + len(errors) == non_blank  # records in = out + errors


def test_parquet_pages_as_bytes_to_parquet(tmp_path: Path) -> None:
    names = ["news_de_bruecke", "news_it_parco", "clean_nl_veerpont"]
    rows = [{"url": url(n), "html": page(n), "crawl": "2024-18"} for n in names]
    rows.append({"url": "https://x.example/empty", "html": b"", "crawl": "2024-18"})
    src = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(rows), src)
    out = tmp_path / "out.parquet"
    assert main(["clean", "--html", str(src), "-o", str(out), "-q", "--jobs", "1",
                 "--chunk-size", "1"]) == 0
    table = pq.read_table(out)
    assert table.schema.field("html").type == pa.binary()  # the input column, untouched
    for row, got in zip(rows, table.to_pylist(), strict=True):
        assert got["html"] == row["html"] and got["crawl"] == row["crawl"]
        check_row(got, clean_html(row["html"], url=row["url"]))
    assert table.column("metadata").to_pylist()[0]["encoding_source"] == "meta"
    assert table.column("cleanse_empty_reason").to_pylist() == [None, None, None,
                                                                "empty_input"]


# -- WARC ---------------------------------------------------------------------------------


@pytest.mark.parametrize("gzipped", [True, False])
def test_warc_records(tmp_path: Path, gzipped: bool) -> None:
    names = ["news_de_bruecke", "news_en_harbour", "blogger_id_autoblog"]
    warc = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    warc.write_bytes(crawl(names, gzipped=gzipped))
    out = tmp_path / "out.jsonl"
    assert main(["clean", "--html", str(warc), "-o", str(out), "-q", "--jobs", "1",
                 "--changes"]) == 0
    got = read_jsonl(out)
    records = list(iter_warc_html(warc))
    assert [r.url for r in records] == [url(n) for n in names]  # HTML responses only
    assert len(got) == len(records)
    for rec, row in zip(records, got, strict=True):
        assert row["warc_record_id"] == rec.record_id != ""
        assert row["url"] == rec.url
        assert row["html"] == decode_html(rec.html, encoding=rec.encoding).text
        check_row(row, clean_html(rec.html, url=rec.url, encoding=rec.encoding), changes=True)
    assert got[0]["metadata"]["encoding_source"] == "transport"
    assert "Fußgängerbrücke" in got[0]["text"]
    assert list(got[0])[:3] == ["warc_record_id", "url", "html"]


def test_warc_on_standard_input_with_another_url_field(tmp_path: Path) -> None:
    data = crawl(["clean_fr_vendanges"])
    proc = run("clean", "--html", "--input-format", "warc", "-", "-o", "-",
               "--url-field", "page", stdin=data, cwd=tmp_path)
    [row] = [json.loads(line) for line in proc.stdout.splitlines()]
    [rec] = iter_warc_html(io.BytesIO(data))
    assert row["page"] == rec.url and "url" not in row
    check_row(row, clean_html(rec.html, url=rec.url, encoding=rec.encoding))


def test_a_broken_warc_is_an_error_record_not_a_crash(tmp_path: Path) -> None:
    good = tmp_path / "good-then-junk.warc"
    good.write_bytes(crawl(["news_it_parco", "prose_en_bakery"], gzipped=False)
                     + b"this is not a WARC record\r\n\r\n")
    junk = tmp_path / "junk.warc.gz"
    junk.write_bytes(b"<html><body>saved_under_the_wrong_name</body></html>\n")
    out = tmp_path / "out.jsonl"
    assert main(["clean", "--html", str(good), str(junk), "-o", str(out), "-q",
                 "--jobs", "1"]) == 1
    written = read_jsonl(out)
    errors = read_jsonl(tmp_path / "out.errors.jsonl")
    assert [r["url"] for r in written] == [url("news_it_parco"), url("prose_en_bakery")]
    assert [(e["source"], e["line"], e["error"]) for e in errors] == [
        (str(good), 3, "invalid_warc"), (str(junk), 1, "invalid_warc")]
    assert all("cannot read the WARC file" in e["message"] for e in errors)


def test_warc_reader_resumes_at_a_page_number(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(crawl(NAMES[:5]))
    full = list(RecordReader([str(warc)], html=True))
    assert [r.line for r in full] == [1, 2, 3, 4, 5]
    assert all(r.kind == "document" and r.meta for r in full)
    rest = list(RecordReader([str(warc)], html=True, start=Position(0, 2)))
    assert [(r.line, r.fields, r.meta) for r in rest] == [(r.line, r.fields, r.meta)
                                                          for r in full[2:]]
    assert list(RecordReader([str(warc)], html=True, start=Position(1, 0))) == []


# -- nothing lost, nothing crashes ---------------------------------------------------------


def test_pages_without_article_text_are_results_with_a_reason(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = []
    for name, data in BROKEN.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    good = str(PAGES / "prose_en_bakery.html")
    out = tmp_path / "out.jsonl"
    stats = tmp_path / "stats.json"
    assert main(["clean", "--html", *paths, good, "-o", str(out), "--jobs", "1",
                 "--stats", str(stats)]) == 0  # empty results are not errors
    rows = read_jsonl(out)
    assert len(rows) == len(BROKEN) + 1
    results = [clean_html(data) for data in BROKEN.values()]
    for row, result in zip(rows[:-1], results, strict=True):
        check_row(row, result)
        assert row["text"] == "" and row["cleanse_empty_reason"]
    assert [r["cleanse_empty_reason"] for r in rows[:-1]] == [
        "empty_input", "empty_input", "not_html", "no_article_text", "all_removed"]
    assert rows[-1]["cleanse_empty_reason"] is None and rows[-1]["text"]
    assert rows[3]["metadata"]["title"] == "Galerie"  # an empty page keeps its metadata
    # statistics count the extracted text: what the changes refer to
    want = Stats()
    for result in [*results, clean_html(Path(good).read_bytes())]:
        want.add_result(result)
    reasons = Counter(r["cleanse_empty_reason"] for r in rows[:-1])
    assert json.loads(stats.read_text()) == {**want.to_dict(), "empty": dict(sorted(
        reasons.items()))}
    err = capsys.readouterr().err
    assert "5 pages without article text: all_removed 1, empty_input 2" in err
    assert "0 errors" in err


def test_jobs_1_and_jobs_2_write_identical_bytes(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(crawl(NAMES))
    jsonl = tmp_path / "pages.jsonl"
    jsonl.write_bytes(b"".join(dumps_line({"url": url(n), "html": decode_html(page(n)).text})
                               for n in NAMES[::2]))
    (tmp_path / "broken.html").write_bytes(BROKEN["image.html"])
    inputs = [str(warc), str(jsonl), str(PAGES / "news_de_bruecke.html"),
              str(tmp_path / "broken.html")]
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        run("clean", "--html", *inputs, "-o", str(out), "--jobs", jobs, "--chunk-size", "2",
            "--changes", "--stats", str(tmp_path / f"stats{jobs}.json"))
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    rows = [json.loads(line) for line in outputs[0].splitlines()]
    assert len(rows) == len(NAMES) + len(NAMES[::2]) + 2
    assert (tmp_path / "stats1.json").read_text() == (tmp_path / "stats2.json").read_text()


def test_killed_warc_run_resumes_to_the_uninterrupted_output(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(crawl(NAMES * 6, broken=BROKEN))
    pages = sum(1 for _ in iter_warc_html(warc))
    ref = tmp_path / "ref.jsonl"
    common = ["--html", "--chunk-size", "1", "--changes", "-q"]
    run("clean", str(warc), "-o", str(ref), *common, "--jobs", "1", "--stats",
        str(tmp_path / "ref-stats.json"))
    out = tmp_path / "out.jsonl"
    argv = [*CLEANSE, "clean", str(warc), "-o", str(out), *common, "--stats",
            str(tmp_path / "stats.json")]
    progress = Path(f"{out}.progress")
    proc = subprocess.Popen([*argv, "--jobs", "2", "--checkpoint-interval", "0"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen: set[int] = set()
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None and len(seen) < 3:
            with contextlib.suppress(OSError, ValueError, KeyError):  # not written yet
                seen.add(json.loads(progress.read_text())["counts"]["records"])
            time.sleep(0.002)
        assert proc.poll() is None, "the run ended before it could be interrupted"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert not out.exists() and Path(f"{out}.partial").exists()
    state = json.loads(progress.read_text())
    assert 0 < state["position"][1] < pages
    resumed = subprocess.run([*argv, "--jobs", "1", "--resume"], capture_output=True,
                             timeout=300, check=False)
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert out.read_bytes() == ref.read_bytes()
    assert len(read_jsonl(out)) == pages > len(NAMES) * 6
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats == json.loads((tmp_path / "ref-stats.json").read_text())
    assert sum(stats["empty"].values()) == pages - len(NAMES) * 6


# -- usage, report ------------------------------------------------------------------------


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warc = tmp_path / "crawl.warc"
    warc.write_bytes(crawl(["prose_en_bakery"], gzipped=False))
    out = str(tmp_path / "out.jsonl")
    assert main(["clean", str(warc), "-o", out]) == 2
    assert "add --html" in capsys.readouterr().err
    assert main(["clean", "--html", str(warc), "-o", out, "--title-field", "t"]) == 2
    assert "do not apply with --html" in capsys.readouterr().err
    zst = tmp_path / "crawl.warc.zst"
    zst.write_bytes(b"")
    assert main(["clean", "--html", str(zst), "-o", out]) == 2
    assert "plain or gzipped" in capsys.readouterr().err
    assert main(["clean", "--html", str(warc), "-o", out, "--engine", "ray"]) == 2
    assert "not supported with --engine ray" in capsys.readouterr().err
    assert main(["explain", str(warc)]) == 2
    assert not list(tmp_path.glob("out*"))
    with pytest.raises(SystemExit):
        main(["clean", "--help"])
    help_text = capsys.readouterr().out
    assert "--html" in help_text and "--html-field" in help_text
    assert "cleanse clean --html crawl.warc.gz" in help_text


def test_report_on_pages(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(crawl(["news_en_harbour", "wordpress_pt_feira", "clean_nl_veerpont"]))
    report = tmp_path / "report.html"
    assert main(["report", "--html", str(warc), "-o", str(report), "-q", "--jobs", "1"]) == 0
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert f"{warc}:1" in html and f"{warc}:2" in html  # documents named by page number
    assert "Westcombe Briefing newsletter" in html  # the extracted text, junk highlighted
    both = tmp_path / "both.html"
    assert main(["clean", "--html", str(warc), "-o", str(tmp_path / "o.jsonl"), "-q",
                 "--jobs", "1", "--report", str(both)]) == 0
    assert both.read_text(encoding="utf-8").replace(str(both), "") == html.replace(
        str(report), "")
