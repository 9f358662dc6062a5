"""clean_html: trafilatura extraction + the pipeline, on hand-written pages (tests/pages).

The pages and their reference texts are the specification (see tests/pages/pages.json):
clean_html keeps every reference line trafilatura extracts, drops the junk lines that
trafilatura keeps, and never scores below trafilatura alone.
"""

from __future__ import annotations

import codecs
import gzip
import importlib.util
import io
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import trafilatura
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _warc import build_warc
from cleanse import ConfigError, InputTypeError, Pipeline, Result
from cleanse.document import Document
from cleanse.filters import Whitespace
from cleanse.filters.base import Filter
from cleanse.html import (
    EMPTY_REASONS,
    EXTRACT_DEFAULTS,
    HtmlRecord,
    clean_html,
    decode_html,
    iter_warc_html,
)
from cleanse.tracked import Edit, TrackedText

PAGES = Path(__file__).parent / "pages"
MANIFEST: dict[str, Any] = {k: v for k, v in json.loads(
    (PAGES / "pages.json").read_text("utf-8")).items() if not k.startswith("_")}
JUNK_PAGES = sorted(k for k, v in MANIFEST.items() if v["kind"] == "junk")
CLEAN_PAGES = sorted(k for k, v in MANIFEST.items() if v["kind"] == "clean")


def _load_eval() -> ModuleType:
    path = Path(__file__).parent.parent / "benchmarks" / "eval_html.py"
    spec = importlib.util.spec_from_file_location("eval_html", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_html"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


EVAL = _load_eval()


@dataclass(frozen=True)
class Page:
    name: str
    html: bytes
    reference: str
    url: str
    language: str
    junk: tuple[str, ...]
    residue: tuple[str, ...]

    @property
    def reference_lines(self) -> list[str]:
        return _lines(self.reference)


def _page(name: str) -> Page:
    entry = MANIFEST[name]
    return Page(name, (PAGES / f"{name}.html").read_bytes(),
                (PAGES / f"{name}.txt").read_text("utf-8"), entry["url"], entry["language"],
                tuple(entry["junk"]), tuple(entry["residue"]))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _trafilatura(page: Page) -> str:
    """What trafilatura alone returns for the page, with clean_html's options."""
    return trafilatura.extract(page.html, url=page.url, **EXTRACT_DEFAULTS) or ""


# -- the page set itself -----------------------------------------------------------------

def test_page_set_has_the_promised_coverage() -> None:
    assert len(MANIFEST) >= 8
    assert len({v["language"] for v in MANIFEST.values()}) >= 4
    for name in MANIFEST:
        assert (PAGES / f"{name}.html").exists() and (PAGES / f"{name}.txt").exists()
    assert {"blogger_id_autoblog", "wordpress_pt_feira", "prose_en_bakery"} <= set(MANIFEST)
    assert CLEAN_PAGES and JUNK_PAGES


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_junk_lines_really_come_out_of_trafilatura_or_are_already_gone(name: str) -> None:
    # Keeps the manifest honest: a listed junk line is never part of the reference
    # (beyond the headline it repeats), and residue is never reference text.
    page = _page(name)
    ref = Counter(page.reference_lines)
    for line in page.junk:
        assert ref[line] <= 1, line
    for line in page.residue:
        assert ref[line] == 0, line


# -- the contract, page by page ----------------------------------------------------------

@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_original_is_exactly_trafilatura_text(name: str) -> None:
    page = _page(name)
    decoded = decode_html(page.html).text
    expected = trafilatura.extract(decoded, url=page.url, **EXTRACT_DEFAULTS)
    assert clean_html(page.html, url=page.url).original == expected


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_article_stays_whole(name: str) -> None:
    """Every reference line trafilatura extracted is still there, as often."""
    page = _page(name)
    before = Counter(_lines(_trafilatura(page)))
    after = Counter(_lines(clean_html(page.html, url=page.url).text))
    for line in page.reference_lines[1:]:  # the headline is extraction's business
        expected = min(before[line], Counter(page.reference_lines)[line])
        assert after[line] >= expected, f"lost article line: {line!r}"


@pytest.mark.parametrize("name", JUNK_PAGES)
def test_listed_junk_is_gone(name: str) -> None:
    page = _page(name)
    out = Counter(_lines(clean_html(page.html, url=page.url).text))
    ref = Counter(page.reference_lines)
    left = [line for line in page.junk if out[line] > ref[line]]
    assert not left, f"junk left in clean_html output: {left}"


@pytest.mark.parametrize("name", JUNK_PAGES)
def test_only_article_text_and_known_residue_are_left(name: str) -> None:
    page = _page(name)
    out = Counter(_lines(clean_html(page.html, url=page.url).text))
    allowed = Counter(page.reference_lines) + Counter({line: 99 for line in page.residue})
    extra = sorted((out - allowed).elements())
    assert not extra, f"lines that are neither article nor known residue: {extra}"


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_never_scores_below_trafilatura_alone(name: str) -> None:
    # Token recall is not compared on junk pages: a removed teaser can take with it a
    # token that only matched a reference headline trafilatura did not extract (e.g.
    # "Mehr zum Thema: Wörnitz"). test_article_stays_whole checks recall by lines.
    page = _page(name)
    alone = EVAL.Score.of(_trafilatura(page), page.reference)
    ours = EVAL.Score.of(clean_html(page.html, url=page.url).text, page.reference)
    assert ours.f1 >= alone.f1
    if MANIFEST[name]["kind"] == "clean":
        assert ours.recall >= alone.recall


@pytest.mark.parametrize("name", JUNK_PAGES)
def test_beats_trafilatura_where_it_leaves_junk(name: str) -> None:
    page = _page(name)
    leftovers = [line for line in page.junk if line in _lines(_trafilatura(page))
                 and line not in page.reference_lines]
    alone = EVAL.Score.of(_trafilatura(page), page.reference)
    ours = EVAL.Score.of(clean_html(page.html, url=page.url).text, page.reference)
    if leftovers:
        assert ours.precision > alone.precision
    else:  # trafilatura dropped this page's junk itself: then no worse than it
        assert ours.precision >= alone.precision


@pytest.mark.parametrize("name", CLEAN_PAGES)
def test_clean_page_loses_nothing(name: str) -> None:
    """On a page without junk, clean_html returns all of trafilatura's text."""
    page = _page(name)
    alone = _trafilatura(page)
    r = clean_html(page.html, url=page.url)
    assert EVAL.tokens(r.text) == EVAL.tokens(alone)
    assert _lines(r.text) == _lines(alone)
    assert all(c.filter == "whitespace" or c.filter.startswith("whitespace")
               or c.after.strip() == c.before.strip() for c in r.changes)


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_metadata_and_provenance(name: str) -> None:
    page = _page(name)
    r = clean_html(page.html, url=page.url)
    assert r.metadata["title"] == page.reference_lines[0]
    assert r.metadata["language"] == page.language
    assert r.metadata["declared_language"] == page.language
    assert r.metadata["site"] and r.metadata["date"]
    assert r.metadata["url"] == page.url
    assert r.metadata["encoding_source"] == "meta"
    assert "empty_reason" not in r.metadata
    assert Result.from_dict(json.loads(json.dumps(r.to_dict()))) == r
    replayed = TrackedText.from_changes(r.original, r.changes).text
    assert replayed == r.text


def test_windows_1252_page_is_decoded_by_its_declaration() -> None:
    r = clean_html(_page("news_de_bruecke").html)
    assert r.metadata["encoding"] == "cp1252"
    assert "Fußgänger und Radfahrer die Wörnitz" in r.text


def test_str_and_bytes_give_the_same_result() -> None:
    page = _page("wordpress_pt_feira")
    from_bytes = clean_html(page.html, url=page.url)
    from_str = clean_html(page.html.decode("utf-8"), url=page.url)
    assert from_str.text == from_bytes.text
    assert "encoding" not in {k for k, v in from_str.metadata.items() if v is not None}


# -- document context reaches the filters ------------------------------------------------

@dataclass(frozen=True, slots=True, kw_only=True)
class ContextProbe(Filter):
    """Writes the context it was given at the top (test only)."""

    name = "context_probe"
    reasons = ("probe",)

    def edits(self, doc: Document) -> list[Edit]:
        c = doc.context
        return [Edit(0, 0, f"[{c.site}|{c.language}|{c.title}]\n", "probe")]


def _probe(html: str | bytes, **kwargs: Any) -> str:
    return clean_html(html, preset=Pipeline([ContextProbe()]), **kwargs).text.split("\n")[0]


def test_title_language_and_site_reach_the_filters() -> None:
    page = _page("blogger_en_autoblog")
    assert _probe(page.html) == ("[beritaharianterkini88.blogspot.com|en|Rail union and "
                                 "operator agree pay deal after three months of talks]")
    # the caller's URL wins over the page's canonical one
    assert _probe(page.html, url="https://mirror.example/x").startswith("[mirror.example|en|")


_PT_TEXT = ("<p>A prefeitura anunciou nesta segunda-feira que as obras de recuperação da "
            "ponte sobre o rio serão concluídas antes do período de chuvas, segundo o "
            "secretário municipal de obras.</p><p>O trânsito de caminhões continuará "
            "proibido até a liberação final da estrutura pelos engenheiros.</p>")


def _article(body: str, *, lang: str | None, title: str = "Ponte") -> str:
    lang_attr = f' lang="{lang}"' if lang else ""
    return (f"<!DOCTYPE html><html{lang_attr}><head><meta charset='utf-8'><title>{title}"
            f"</title></head><body><article><h1>{title}</h1>{body}</article></body></html>")


def test_a_template_language_that_the_text_contradicts_is_overruled() -> None:
    r = clean_html(_article(_PT_TEXT, lang="en-US"))
    assert r.metadata["declared_language"] == "en"
    assert r.metadata["language"] == "pt"


def test_an_undeclared_language_is_detected() -> None:
    r = clean_html(_article(_PT_TEXT, lang=None))
    assert r.metadata["declared_language"] is None
    assert r.metadata["language"] == "pt"


def test_locale_forms_of_the_declaration_are_normalised() -> None:
    page = _article(_PT_TEXT, lang=None).replace(
        "<head>", "<head><meta property='og:locale' content='pt_BR'>")
    assert clean_html(page).metadata["declared_language"] == "pt"
    # "und" (undetermined) is no declaration: the next source is read
    page = _article(_PT_TEXT, lang="und").replace(
        "<head>", "<head><meta http-equiv='content-language' content='pt-BR, en'>")
    assert clean_html(page).metadata["declared_language"] == "pt"
    assert clean_html(_article(_PT_TEXT, lang="x-default")).metadata[
        "declared_language"] is None


# -- options and presets -----------------------------------------------------------------

def test_extract_options_reach_trafilatura() -> None:
    page = _page("news_en_harbour")
    assert "old engine could be heard" not in clean_html(page.html).original
    with_comments = clean_html(page.html, include_comments=True)
    assert "old engine could be heard from the castle" in with_comments.original


def test_presets_and_pipelines() -> None:
    page = _page("clean_nl_veerpont")
    assert clean_html(page.html, preset="strict").text
    r = clean_html(page.html, preset=Pipeline([Whitespace()]))
    assert {c.filter for c in r.changes} <= {"whitespace"}
    with pytest.raises(ConfigError, match="unknown preset"):
        clean_html(page.html, preset="fast")


@pytest.mark.parametrize("option", ["output_format", "with_metadata", "as_dict", "url_typo"])
def test_bad_extract_options_are_configuration_errors(option: str) -> None:
    with pytest.raises(ConfigError):
        clean_html("<html></html>", **{option: "txt"})


# -- empty and broken pages: results with a reason, never exceptions ---------------------

@pytest.mark.parametrize(("html", "reason"), [
    ("", "empty_input"),
    (b"", "empty_input"),
    ("  \n\t ", "empty_input"),
    ("<html><head><title>Login</title></head><body></body></html>", "no_article_text"),
    ("<html><body><div class='gallery'><img src='a.jpg'><img src='b.jpg'></div></body></html>",
     "no_article_text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "not_html"),
    ("just a sentence, no markup at all", "not_html"),
])
def test_pages_without_article_text_give_an_empty_result(html: str | bytes,
                                                          reason: str) -> None:
    r = clean_html(html)
    assert r.text == "" and r.original == "" and r.changes == ()
    assert r.metadata["empty_reason"] == reason
    assert reason in EMPTY_REASONS


def test_an_index_page_keeps_its_metadata() -> None:
    r = clean_html("<html lang='de'><head><title>Bildergalerie</title></head><body>"
                   "<div class='gallery'><img src='a.jpg'></div></body></html>")
    assert r.metadata["empty_reason"] == "no_article_text"
    assert r.metadata["title"] == "Bildergalerie"
    assert r.metadata["declared_language"] == "de"


def test_an_extractor_crash_is_an_empty_result(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("lxml said no")

    monkeypatch.setattr(trafilatura, "bare_extraction", boom)
    r = clean_html(_page("news_en_harbour").html)
    assert r.text == ""
    assert r.metadata["empty_reason"] == "extraction_failed"
    assert r.metadata["error"] == "RuntimeError: lxml said no"


def test_a_page_of_nothing_but_junk_says_so() -> None:
    @dataclass(frozen=True, slots=True, kw_only=True)
    class DropAll(Filter):
        name = "drop_all"
        reasons = ("all",)

        def edits(self, doc: Document) -> list[Edit]:
            return [Edit(0, len(doc.text), "", "all")]

    r = clean_html(_page("news_it_parco").html, preset=Pipeline([DropAll()]))
    assert r.text == "" and r.original
    assert r.metadata["empty_reason"] == "all_removed"


@pytest.mark.parametrize("value", [None, 42, ["<html>"], {"html": ""}])
def test_other_input_types_are_type_errors(value: Any) -> None:
    with pytest.raises(InputTypeError, match="str or bytes"):
        clean_html(value)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_any_bytes_give_a_result(data: bytes) -> None:
    r = clean_html(b"<html><body><article><p>" + data + b"</p></article></body></html>")
    assert isinstance(r.text, str)
    assert TrackedText.from_changes(r.original, r.changes).text == r.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_gives_a_result(text: str) -> None:
    r = clean_html(f"<html><body><article><p>{text}</p></article></body></html>")
    assert isinstance(r.text, str)
    assert ("empty_reason" in r.metadata) == (not r.text.strip())


# -- decoding ----------------------------------------------------------------------------

def test_decode_bom_wins_over_everything() -> None:
    body = '<meta charset="iso-8859-1"><p>Ação</p>'
    assert decode_html(codecs.BOM_UTF8 + body.encode()).text == body
    utf16 = decode_html(codecs.BOM_UTF16_LE + body.encode("utf-16-le"), encoding="cp1252")
    assert (utf16.text, utf16.source) == (body, "bom")


def test_decode_transport_charset_beats_the_meta_declaration() -> None:
    data = '<meta charset="utf-8"><p>Größe</p>'.encode("cp1252")
    assert decode_html(data, encoding="ISO-8859-1") == (
        '<meta charset="utf-8"><p>Größe</p>', "cp1252", "transport")


@pytest.mark.parametrize("head", [
    '<meta charset="windows-1252">',
    "<meta charset=windows-1252>",
    '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=Windows-1252">',
    "<meta http-equiv='content-type' content='text/html;charset=latin1'/>",
    '<?xml version="1.0" encoding="ISO-8859-1"?>',
])
def test_decode_reads_the_page_declaration(head: str) -> None:
    text = f"{head}<p>Coût : 20 € – déjà payé</p>"
    decoded = decode_html(text.encode("cp1252"))
    assert decoded == (text, "cp1252", "meta")


def test_decode_a_declaration_after_a_long_script() -> None:
    text = "<head><script>" + "var x = 1;\n" * 300 + "</script><meta charset='koi8-r'>" \
           "<p>Привет, мир</p>"
    assert decode_html(text.encode("koi8-r")).encoding == "koi8-r"


def test_decode_whatwg_labels() -> None:
    sjis = '<meta charset="Shift_JIS"><p>東京都の天気</p>'
    assert decode_html(sjis.encode("cp932")) == (sjis, "cp932", "meta")
    gb = '<meta charset="gb2312"><p>北京天气预报</p>'
    assert decode_html(gb.encode("gb18030")).text == gb
    # a page that can say "utf-16" in ASCII is not UTF-16
    assert decode_html(b'<meta charset="utf-16"><p>ok</p>').encoding == "utf-8"


def test_decode_undeclared_pages_are_detected() -> None:
    assert decode_html(b"<p>plain ascii</p>") == ("<p>plain ascii</p>", "utf-8",
                                                         "detected")
    assert decode_html("<p>São Paulo</p>".encode()).encoding == "utf-8"
    text = ("<p>Die Bürgerinnen und Bürger können ihre Stimme ab Montag im Rathaus "
            "abgeben; die Öffnungszeiten ändern sich während der Wahlwoche nicht.</p>")
    decoded = decode_html(text.encode("cp1252"))
    assert decoded.text == text and decoded.source == "detected"


def test_decode_a_false_utf8_declaration_gives_way() -> None:
    text = ('<meta charset="utf-8"><p>Le député a déclaré qu’il s’opposerait à la réforme '
            "des retraites présentée en conseil des ministres mercredi.</p>")
    decoded = decode_html(text.encode("cp1252"))
    assert decoded.text == text and decoded.source == "detected"


def test_decode_mostly_utf8_with_a_broken_byte_stays_utf8() -> None:
    text = "<p>" + "Coração, ação, informação e São João. " * 20 + "</p>"
    data = text.encode() + b"\xe2\x80"  # a record cut in the middle of a character
    decoded = decode_html(data)
    assert decoded.encoding == "utf-8"
    assert decoded.text.startswith(text) and decoded.text.endswith("\ufffd")


def test_decode_unknown_labels_are_ignored() -> None:
    assert decode_html(b'<meta charset="no-such-charset"><p>x</p>').encoding == "utf-8"


@pytest.mark.linear
@pytest.mark.parametrize("data", [
    b"<meta " * 200_000,
    b"<meta charset" * 100_000,
    b"<?xml " + b" " * 1_000_000,
    b"<meta " + b"a" * 1_000_000,
])
def test_decode_adversarial_heads_are_fast(data: bytes) -> None:
    assert decode_html(data).text


# -- WARC --------------------------------------------------------------------------------

@pytest.mark.parametrize("gzipped", [False, True])
def test_iter_warc_html_yields_html_responses_only(tmp_path: Path, gzipped: bool) -> None:
    german = _page("news_de_bruecke")
    english = _page("news_en_harbour")
    data = build_warc([
        ("request", german.url, b"GET / HTTP/1.1\r\n\r\n", None),
        ("response", german.url, german.html,
         [("Content-Type", "text/html; charset=windows-1252")]),
        ("response", "https://x.example/logo.png", b"\x89PNG", [("Content-Type", "image/png")]),
        ("response", "https://x.example/old", b"<html>moved</html>",
         [(":status", "301 Moved Permanently"), ("Location", "/new")]),
        ("response", english.url, english.html, [("Content-Type", "text/html")]),
        ("response", "https://x.example/no-type", b"<!DOCTYPE html><html><p>x</p></html>", []),
        ("response", "https://x.example/data.bin", b"\x00\x01binary", []),
        ("resource", "file:///saved/page.html", english.html, None),
    ], gzipped=gzipped)
    path = tmp_path / ("pages.warc.gz" if gzipped else "pages.warc")
    path.write_bytes(data)
    records = list(iter_warc_html(path))
    assert [r.url for r in records] == [german.url, english.url, "https://x.example/no-type",
                                        "file:///saved/page.html"]
    assert all(isinstance(r, HtmlRecord) and r.record_id.startswith("<urn:uuid:")
               for r in records)
    assert [r.encoding for r in records] == ["windows-1252", None, None, None]
    assert records[0].html == german.html
    r = clean_html(records[0].html, url=records[0].url, encoding=records[0].encoding)
    assert r.metadata["encoding_source"] == "transport"
    assert "Fußgängerbrücke" in r.text
    # a binary stream works as well as a path
    assert len(list(iter_warc_html(io.BytesIO(data)))) == 4


def test_iter_warc_html_undoes_content_encoding(tmp_path: Path) -> None:
    page = _page("wordpress_es_biblioteca")
    data = build_warc([("response", page.url, gzip.compress(page.html),
                   [("Content-Type", "text/html; charset=UTF-8"),
                    ("Content-Encoding", "gzip")])], gzipped=True)
    (tmp_path / "a.warc.gz").write_bytes(data)
    [record] = iter_warc_html(tmp_path / "a.warc.gz")
    assert record.html == page.html and record.encoding == "UTF-8"


def test_iter_warc_html_names_the_extra_when_warcio_is_missing(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "warcio.archiveiterator", None)
    (tmp_path / "a.warc").write_bytes(b"")
    with pytest.raises(ModuleNotFoundError, match=r"cleanse\[warc\]"):
        next(iter_warc_html(tmp_path / "a.warc"))


# -- the evaluation script ---------------------------------------------------------------

def test_eval_score_arithmetic() -> None:
    s = EVAL.Score.of("the cat sat on the mat", "The cat sat")
    assert (s.overlap, s.predicted, s.reference) == (3, 6, 3)
    assert (s.precision, s.recall) == (0.5, 1.0)
    assert s.f1 == pytest.approx(2 / 3)
    assert EVAL.Score.of("", "x").f1 == 0.0


def test_eval_script_runs_on_the_page_set(capsys: pytest.CaptureFixture[str]) -> None:
    assert EVAL.main([str(PAGES), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {p["name"] for p in out["pages"]} == set(MANIFEST)
