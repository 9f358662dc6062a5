"""LinkLines: link-only lines go; links inside prose and credits with words stay."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanse import Pipeline
from cleanse.document import Document
from cleanse.filters import LinkLines
from cleanse.filters.base import line_removals
from cleanse.filters.links import _host, _maybe_link, _no_candidates, _pattern, _shorteners
from cleanse.phrases import line_matches

LL = Pipeline([LinkLines()])
PROSE = "The council approved the new cycle lanes on Thursday after a long debate."


def removed(text: str) -> list[tuple[str, str, str]]:
    r = LL(text)
    assert LL(r.text).changes == ()
    return [(c.before.strip(), c.filter, c.reason) for c in r.changes]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("https://ift.tt/3xAbCdE", "short_link"),
        ("http://bit.ly/2kLmNoP", "short_link"),
        ("https://t.co/a1B2c3D4e5", "short_link"),
        ("https://goo.gl/maps/xyz", "short_link"),
        ("https://tinyurl.com/y8abcd", "short_link"),
        ("https://www.tinyurl.com/y8abcd", "short_link"),
        ("http://ow.ly/Xyz123", "short_link"),
        ("https://buff.ly/3AbCd", "short_link"),
        ("https://dlvr.it/SdF45g", "short_link"),
        ("https://lnkd.in/dXyZ", "short_link"),
        ("https://fb.me/e/abc", "short_link"),
        ("https://trib.al/QwErTy", "short_link"),
        ("http://amzn.to/2hZfAbC", "short_link"),
        ("bit.ly/2kLmNoP", "short_link"),
        ("  https://IFT.TT/3xAbCdE  ", "short_link"),
        ("https://example.com/news/2024/05/cycle-lanes", "bare_url"),
        ("<https://example.org/a?b=c&d=e>", "bare_url"),
        ("(https://doi.org/10.1000/xyz123)", "bare_url"),
        ("www.example.net/page", "bare_url"),
        ("https://de.wikipedia.org/wiki/Fahrrad_(Begriffsklärung)", "bare_url"),
        ("Source: https://example.com/report.pdf", "source_url"),
        ("Fonte: https://exemplo.com.br/noticia", "source_url"),
        ("Fuente: https://ejemplo.es/noticia", "source_url"),
        ("Quelle: https://www.beispiel.de/artikel", "source_url"),
        ("Bron: https://voorbeeld.nl/nieuws", "source_url"),
        ("Źródło: https://przyklad.pl/wiadomosc", "source_url"),
        ("Источник: https://пример.рф/новость", "source_url"),
        ("Kaynak : https://ornek.com.tr/haber", "source_url"),
        ("Sumber: https://contoh.co.id/berita", "source_url"),
        ("via: https://bit.ly/2kLmNoP", "source_url"),
    ],
)
def test_link_only_lines(line: str, reason: str) -> None:
    assert removed(f"{PROSE}\n{line}\n{PROSE}") == [(line.strip(), "link_lines", reason)]


@pytest.mark.parametrize(
    "line",
    [
        "Read the full report at https://example.com/report before the meeting.",
        "Source: Reuters",
        "Quelle: dpa, https://www.beispiel.de/artikel",
        "Fonte: Agência Brasil",
        "https://example.com/a https://example.com/b",
        "- https://example.com/a",
        "1. https://example.com/a",
        "contact@example.com",
        "example.com",
        "Visit bit.ly/2kLmNoP for tickets.",
        "habit.ly/abc",  # not the bit.ly host
        "https://",
    ],
)
def test_leaves_alone(line: str) -> None:
    text = f"{PROSE}\n{line}\n{PROSE}"
    assert LL(text).text == text


def test_first_and_last_line_and_crlf() -> None:
    text = "https://ift.tt/abc\r\n" + PROSE + "\r\nhttps://example.com/x"
    assert [r for _, _, r in removed(text)] == ["short_link", "bare_url"]
    # the last line takes the break before it; the "\r" left is Whitespace's to fix
    assert LL(text).text == PROSE + "\r"


@pytest.mark.parametrize(
    "hostile",
    [
        "https://" + "a" * 1_000_000,
        "Source: " * 200_000,
        "bit.ly/" * 200_000,
        "https://x.y/ " * 200_000,
        "<" * 500_000,
        "https://ift.tt/x\n" * 100_000,
    ],
)
@pytest.mark.linear
def test_adversarial_inputs_are_linear(hostile: str) -> None:
    start = time.perf_counter()
    r = LL(hostile)
    assert len(r.text) <= len(hostile)
    assert time.perf_counter() - start < 10


# -- the gate: a text it turns away has no link line --------------------------------



_LINKISH = st.sampled_from(["https://", "http://", "www.", "WwW.", "bit.ly/", "ift.tt/a",
                            "Source: ", "Fonte:", "\n", " ", "(", ">", "x", "é", ".", "/"])


@given(st.lists(_LINKISH, max_size=12).map("".join))
def test_gate_is_a_superset(text: str) -> None:
    if not _maybe_link(text):
        assert LinkLines().edits(Document(text)) == []


def test_gate_on_links_without_slash() -> None:
    assert _maybe_link("see WWW.Example.org") and _maybe_link("a/b")
    assert not _maybe_link("Source: Reuters\nNo link here.")
    assert LinkLines().edits(Document("intro\nWwW.example.org\n"))


# -- the prefilter: it finds every line that the full pattern matches ---------------

_STARTS = ["https://", "http://", "HTTPS://", "www.", "WwW.", "bit.ly/", "BIT.LY/", "t.co/",
           "ıft.tt/", "ift.tt/", "Source: ", "SOURCE:", "Quelle：", "Źródło: ", "Fonte:", "Via "]


@st.composite
def _link_line(draw: st.DrawFn) -> str:
    lead = draw(st.sampled_from(["", " ", "\t", "\u00a0", "\u3000", "\r", "x", "- "]))
    bracket = draw(st.sampled_from(["", "<", "(", "[", "«"]))
    start = draw(st.sampled_from(_STARTS))
    if draw(st.booleans()):
        start = start + draw(st.sampled_from(_STARTS))
    rest = draw(st.sampled_from(["", "a/b", "example.org/x", "x y", ">", ")", "]", " "]))
    return lead + bracket + start + rest + draw(st.sampled_from(["", "\r", " ", "."]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_link_line(), st.text(max_size=12)), max_size=10).map("\n".join))
def test_prefilter_finds_every_link_line(text: str) -> None:
    doc = Document(text)
    full = _pattern()._replace(lines=None, head=None)
    assert ([(i, m.span()) for i, m in line_matches(doc, _pattern())]
            == [(i, m.span()) for i, m in line_matches(doc, full)])


# -- the fast paths: what the filter finds, they find --------------------------------

def _rejected_reference(doc: Document) -> list[tuple[int, str]]:
    """Every link-only line, the long way: every line matched, every host read by
    urlsplit()."""
    out = []
    for i, m in line_matches(doc, _pattern()):
        if m.group("label") is not None:
            out.append((i, "source_url"))
        else:
            out.append((i, "short_link" if _host_reference(m.group("url")).casefold()
                        in _shorteners() else "bare_url"))
    return out


def _host_reference(url: str) -> str:
    if "://" not in url:
        url = "http://" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_link_line(), st.text(max_size=12)), max_size=10).map("\n".join))
def test_edits_are_those_of_the_long_way(text: str) -> None:
    expected = _rejected_reference(Document(text))
    assert list(LinkLines().rejected(Document(text))) == expected
    assert LinkLines().edits(Document(text)) == line_removals(Document(text), expected)
    if _no_candidates(Document(text), _pattern()):
        assert expected == []


# pieces of URLs: schemes in any case, hosts (a shortener, the Kelvin sign and the
# long s that casefolding turns into ASCII, a dotless i, an astral letter), ports,
# user info, IPv6 brackets, zones, delimiters, and what urlsplit() strips or removes
_URL_PIECES = st.sampled_from([
    "http", "https", "HTTPS", "hTtP", "://", ":/", "//", ":", "www.", "WWW.", "bit.ly",
    "BIT.LY", "ıft.tt", "\u212a", "ſ", "İ", "é", "𝐚", "example", ".", "-", "8080", "@",
    "user", "[", "]", "::1", "%", "zone", "/", "?", "#", "a", "Z", "0", "\t", "\n",
    "\x01", " ", "=",
])


@settings(max_examples=1000, deadline=None)
@given(st.lists(_URL_PIECES, max_size=10).map("".join))
def test_host_is_what_urlsplit_gives(url: str) -> None:
    assert _host(url) == _host_reference(url)


@pytest.mark.parametrize("url", [
    "https://bit.ly/x", "HTTP://BIT.LY", "bit.ly/x?u=http://y", "www.x.com?u=http://y",
    "http://x.com:80/a", "http://user@bit.ly/x", "http://[::1]/x", "http://[::1/x",
    "https://b\u212at.ly/x", "http:/bit.ly/x", "https:///x", "www.ex-ample.org#top", "",
])
def test_host_of_odd_links(url: str) -> None:
    assert _host(url) == _host_reference(url)
