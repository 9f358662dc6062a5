"""The HTML review report: its content, its sampling, and how a real browser shows it.

The browser test runs Debian's Chromium headless (``make test`` installs it when it is
missing). It is never skipped: without Chromium it fails and says how to install it.
"""

from __future__ import annotations

import html
import json
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cleanse import Pipeline, RegexFix
from cleanse.filters import Whitespace
from cleanse.report import ReportDocument, Sampler, render_report
from cleanse.stats import Stats

PIPE = Pipeline([RegexFix(name="zero_width", pattern="\u200b", replacement="",
                          reason="zero_width"),
                 RegexFix(name="entity", pattern="&amp;", replacement="&", reason="html_entity"),
                 Whitespace()])

ARTICLE = ("Le conseil municipal s'est réuni lundi.   \n"
           "Il a voté le budget des écoles &amp; des crèches.\n\n\n\n"
           "Zero\u200bwidth here, and <script>alert(1)</script> as text.\r\n"
           + "".join(f"Ligne inchangée numéro {i}.\n" for i in range(30))
           + "Fin de l'article.  \n")


def _page(*texts: str, stats: Stats | None = None) -> str:
    docs = [ReportDocument("corpus.jsonl", i, PIPE(t)) for i, t in enumerate(texts, 1)]
    if stats is None:
        stats = Stats()
        for d in docs:
            stats.add_result(d.result)
    return render_report(docs, stats, about=[("inputs", "corpus.jsonl")])


class _Collector(HTMLParser):
    """Collects attributes that could make a browser fetch something."""

    def __init__(self) -> None:
        super().__init__()
        self.fetching: list[tuple[str, str, str]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "srcset", "action", "poster", "data") and value:
                self.fetching.append((tag, name, value))
        if tag == "link":
            self.fetching.append((tag, "link", str(attrs)))


def test_report_is_self_contained() -> None:
    page = _page(ARTICLE)
    parser = _Collector()
    parser.feed(page)
    assert parser.fetching == []  # no src=, href=, <link>: nothing to fetch
    assert "url(" not in page and "@import" not in page and "@font-face" not in page
    assert "default-src 'none'" in page  # and the CSP forbids fetching anyway
    assert parser.tags.count("script") == 1 and parser.tags.count("style") == 1


def test_changes_are_highlighted_and_labelled() -> None:
    page = _page(ARTICLE)
    # removals: struck through, labelled, invisible characters drawn
    assert re.search(r'<span class="chg" data-r="whitespace/trailing_space" '
                     r'data-tip="whitespace/trailing_space: removed 3 characters"', page)
    assert '<span class="mark">⟨U+200B⟩</span>' in page
    assert '<span class="mark">␍</span>' in page
    # a repair shows the old text struck through and the new one inserted
    assert "<del>&amp;amp;</del><ins>&amp;</ins>" in page
    assert f'data-tip="{html.escape("entity/html_entity: {!r} → {!r}".format("&amp;", "&"))}"' \
        in page
    # text is escaped, never markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    # the long unchanged run folds away, the lines around changes stay
    assert "unchanged lines</summary>" in page
    assert "Fin de l'article." in page
    # legend, chart and table name every reason
    for label in ("whitespace/trailing_space", "whitespace/blank_lines",
                  "whitespace/line_ending", "zero_width/zero_width", "entity/html_entity"):
        assert f'data-pick="{label}"' in page
    assert page.count("<svg") == 1


def test_report_without_changes_and_with_surrogates() -> None:
    page = _page(stats=Stats(documents=3))
    assert "No document in the sample was changed." in page
    assert "No filter changed anything." in page
    page = _page("broken \ud800 surrogate  \n")
    page.encode("utf-8")  # writable as UTF-8
    assert "⟨U+D800⟩" in page


def test_sampler_is_deterministic_bounded_and_keeps_rare_reasons() -> None:
    docs = [(f"shard-{i % 3}.jsonl", i, f"text {i}", ["common/reason"]) for i in range(500)]
    docs.append(("shard-0.jsonl", 1000, "rare", ["rare/reason"]))
    docs.append(("shard-0.jsonl", 1001, "unchanged", []))
    docs.append(("shard-0.jsonl", 1002, "x" * 200, ["big/reason"]))

    def sample(order: list[tuple[str, int, str, list[str]]]) -> list[tuple[str, int]]:
        s = Sampler(size=10, per_reason=2, max_chars=100)
        for source, line, text, labels in order:
            s.offer(source, line, text, {"url": None}, labels)
        return [(d["source"], d["line"]) for d in s.documents()]

    first = sample(docs)
    shuffled = docs[:]
    random.Random(3).shuffle(shuffled)
    assert sample(shuffled) == first  # independent of arrival order (and of --jobs)
    assert len(first) <= 10 + 2
    assert ("shard-0.jsonl", 1000) in first  # a rare reason is always shown
    assert ("shard-0.jsonl", 1001) not in first  # unchanged documents are not sampled
    assert ("shard-0.jsonl", 1002) not in first  # too long to show


def test_sampler_state_round_trips_through_json() -> None:
    a, b = Sampler(size=3), Sampler(size=3)
    for i in range(20):
        a.offer("f", i, f"t{i}", {}, [f"f/r{i % 4}"])
        if i == 9:
            b.restore(json.loads(json.dumps(a.to_dict())))
        if i > 9:
            b.offer("f", i, f"t{i}", {}, [f"f/r{i % 4}"])
    assert a.documents() == b.documents()


# -- in a real browser ------------------------------------------------------------------

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--hide-scrollbars",
                  "--no-first-run", "--disable-extensions"]


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and os.path.exists("/usr/bin/chromium"):
        found = "/usr/bin/chromium"
    if found is None:
        pytest.fail("Chromium is needed to test the HTML report in a real browser and was "
                    "not found. `make test` installs it on Debian (apt-get install -y "
                    "--no-install-recommends chromium); elsewhere install Chromium and put "
                    "`chromium` on PATH.")
    return found


def _browser(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    proc = subprocess.run(
        [_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
         "--enable-logging=stderr", "--v=0", *args],
        capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


def _png_size_and_colours(path: Path) -> tuple[int, int, int]:
    """Width, height and number of distinct byte values in the decoded image data."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    pos, idat = 8, b""
    while pos < len(data):
        length = struct.unpack(">I", data[pos : pos + 4])[0]
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    return width, height, len(set(zlib.decompress(idat)))


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report made by the command line on a small corpus with known artefacts."""
    tmp = tmp_path_factory.mktemp("report")
    rng = random.Random(5)
    words = ["harbour", "council", "budget", "école", "Brücke", "mercado", "図書館", "парк"]
    rows = []
    for i in range(60):
        lines = [" ".join(rng.choice(words) for _ in range(8)) + "." for _ in range(6)]
        lines[rng.randrange(6)] += "   "  # trailing spaces, which every preset removes
        if i % 3 == 0:
            lines.insert(2, "\n\n")  # a run of blank lines
        rows.append({"id": i, "text": "\n".join(lines) + "\n"})
    src = tmp / "corpus.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                   encoding="utf-8")
    page = tmp / "report.html"
    subprocess.run([sys.executable, "-m", "cleanse", "report", str(src), "-o", str(page),
                    "--sample", "8", "-q"], check=True, timeout=120)
    return page


def test_report_in_headless_chromium_filters_by_reason(report_page: Path,
                                                       tmp_path: Path) -> None:
    page = report_page.read_text(encoding="utf-8")
    docs = re.findall(r'<section class="doc" id="(doc\d+)" data-reasons="([^"]*)"', page)
    assert docs
    label = "whitespace/trailing_space"
    assert f'data-pick="{label}"' in page
    url = report_page.as_uri() + "#reason=" + label
    proc = _browser(["--virtual-time-budget=5000", "--dump-dom", url], tmp_path)
    dom = proc.stdout
    assert 'data-ready="1"' in dom, "the page's script did not run"
    assert f'data-pick="{label}"' in dom.split("<body", 1)[1].split(">", 1)[0]
    for doc_id, reasons in docs:
        tag = re.search(rf'<section class="doc" id="{doc_id}"[^>]*>', dom)
        assert tag is not None
        assert ("hidden" in tag.group(0)) == (label not in reasons.split()), tag.group(0)
    shown = sum(label in reasons.split() for _, reasons in docs)
    assert f'<span id="shown">{shown}</span>' in dom
    # no script errors, nothing refused by the Content-Security-Policy, no fetch at all
    assert "Uncaught" not in proc.stderr
    assert "Refused to" not in proc.stderr


def test_report_screenshot_in_headless_chromium(report_page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    _browser(["--window-size=1280,1800", "--virtual-time-budget=5000",
              f"--screenshot={shot}", report_page.as_uri()], tmp_path)
    width, height, colours = _png_size_and_colours(shot)
    assert (width, height) == (1280, 1800)
    assert colours > 50  # text, bars and highlights, not a blank page
    keep = os.environ.get("CLEANSE_SCREENSHOT_DIR")
    if keep:  # to look at it: CLEANSE_SCREENSHOT_DIR=/tmp make test
        shutil.copy(shot, Path(keep) / "cleanse-report.png")
