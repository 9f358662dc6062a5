"""HTML in, clean article out: trafilatura extracts the article, the pipeline cleans it.

trafilatura removes boilerplate on the DOM (navigation, sidebars, comment sections,
most widgets), but what sits *inside* the article container reaches its text: inline
"Read more:" teasers, share and follow lines, newsletter promos, autoblog tails.
:func:`clean_html` runs trafilatura, then the cleanse pipeline on its text, so those
leftovers go too, each removal recorded::

    HTML (str or bytes) --decode_html--> str --trafilatura--> article text + metadata
                                                                  |
                                 Result(original=article text) <--pipeline(url, language, title)

Provenance is into the *extracted* text: ``Result.original`` is exactly what
``trafilatura.extract(html, include_comments=False, include_tables=True)`` returns for
the decoded page, and ``Result.changes`` replay on it. The page's metadata (title,
author, date, site, language, ...) is in ``Result.metadata``.

A page with no article text is a result, not an exception: ``Result.text`` is empty
and ``metadata["empty_reason"]`` says why (see :data:`EMPTY_REASONS`).

Bytes are decoded like a careful browser: byte-order mark, then the transport charset
(``encoding=``, e.g. from the HTTP ``Content-Type`` header), then the page's own
``<meta charset>`` / ``http-equiv`` / XML declaration, then detection
(charset_normalizer, a dependency of trafilatura).

:func:`iter_warc_html` reads HTML responses from a WARC file with warcio (the optional
``warc`` extra), for the command line and for batch jobs.
"""

from __future__ import annotations

import codecs
import inspect
import os
import unicodedata
from collections.abc import Iterator, Mapping
from functools import cache
from typing import IO, Any, Final, NamedTuple

import regex

from cleanse.errors import ConfigError, InputTypeError
from cleanse.pipeline import Pipeline, default_pipeline, strict_pipeline
from cleanse.result import Result
from cleanse.tracked import TrackedText

__all__ = [
    "EMPTY_REASONS",
    "EXTRACT_DEFAULTS",
    "Decoded",
    "HtmlRecord",
    "clean_html",
    "decode_html",
    "iter_warc_html",
]

#: trafilatura options clean_html uses unless the caller overrides them: the article
#: only (reader comments are not the article), tables and lists kept, plain text with
#: one paragraph per line (no Markdown, no link targets, no image lines).
EXTRACT_DEFAULTS: Final[Mapping[str, Any]] = {
    "include_comments": False,
    "include_tables": True,
    "include_formatting": False,
    "include_links": False,
    "include_images": False,
}

#: Values of ``Result.metadata["empty_reason"]`` when ``Result.text`` is empty.
EMPTY_REASONS: Final[Mapping[str, str]] = {
    "empty_input": "the page is empty or only whitespace",
    "not_html": "the input does not parse as an HTML document",
    "no_article_text": "trafilatura found no main text (index page, login wall, "
                       "media page, or target_language did not match)",
    "extraction_failed": "trafilatura raised an error; metadata['error'] has it",
    "all_removed": "trafilatura found text, and every line of it was junk",
}

# Options that would change what trafilatura returns instead of plain text, or that
# clean_html sets itself.
_RESERVED_OPTIONS = frozenset({
    "filecontent", "url", "output_format", "with_metadata", "as_dict", "options",
    "record_id", "tei_validation", "settingsfile", "max_tree_size", "no_fallback",
})

_PRESETS = {"default": default_pipeline, "strict": strict_pipeline}
# Always present in Result.metadata (None or [] when the page does not say).
_METADATA_KEYS = ("title", "author", "date", "site", "language", "declared_language",
                  "url", "hostname", "description", "categories", "tags")


# -- the entry point ---------------------------------------------------------------------

def clean_html(html: str | bytes, *, url: str | None = None,
               preset: str | Pipeline = "default", encoding: str | None = None,
               **extract_options: Any) -> Result:
    """Extract the main text of an HTML page with trafilatura, then clean it.

    ``html`` is the page as ``str`` or as ``bytes`` (decoded with :func:`decode_html`;
    ``encoding`` is the charset the transport declared, e.g. the HTTP header's, and
    is ignored for ``str``). ``url`` is the page's address: it helps trafilatura and
    gives filters the site; without it the page's canonical URL is used. ``preset``
    is ``"default"``, ``"strict"`` or any :class:`~cleanse.pipeline.Pipeline`.
    ``extract_options`` go to ``trafilatura.bare_extraction`` on top of
    :data:`EXTRACT_DEFAULTS` (e.g. ``include_comments=True``, ``favor_precision=True``,
    ``target_language="de"``).

    The pipeline is told the page's title (for the repeated-title rule), its URL, and
    its language: the one the page declares (``<html lang>``, ``og:locale``, ...) when
    the text agrees, else the one detected from the text.

    ``Result.original`` is the extracted text; ``Result.metadata`` holds ``title``,
    ``author``, ``date``, ``site``, ``language`` (the one used for cleaning),
    ``declared_language``, ``url``, ``hostname``, ``description``, ``categories``,
    ``tags``, and, for bytes, ``encoding`` and ``encoding_source``. An empty result
    has ``metadata["empty_reason"]`` (one of :data:`EMPTY_REASONS`).

    Raises :class:`~cleanse.errors.InputTypeError` for input that is neither ``str``
    nor ``bytes``, and :class:`~cleanse.errors.ConfigError` for an unknown preset or
    extraction option; never for the page's content.

    >>> page = ("<html lang='en'><head><title>Tide tables</title></head><body><article>"
    ...         "<h1>Tide tables</h1><p>High water at the harbour is at 06:12 and 18:40 "
    ...         "today, with a range of 4.1 metres, the port authority said.</p>"
    ...         "</article></body></html>")
    >>> r = clean_html(page, url="https://news.example/tides")
    >>> r.metadata["title"], r.metadata["language"]
    ('Tide tables', 'en')
    >>> r.text.splitlines()[-1][:26]
    'High water at the harbour '
    >>> clean_html("<html><body></body></html>").metadata["empty_reason"]
    'no_article_text'
    """
    pipeline = _pipeline(preset)
    options = _options(extract_options)
    metadata: dict[str, Any] = dict.fromkeys(_METADATA_KEYS)
    if isinstance(html, (bytes, bytearray, memoryview)):
        decoded = decode_html(bytes(html), encoding=encoding)
        page = decoded.text
        metadata["encoding"], metadata["encoding_source"] = decoded.encoding, decoded.source
    elif isinstance(html, str):
        page = html
    else:
        raise InputTypeError(f"clean_html takes the page as str or bytes, got "
                             f"{type(html).__name__}")
    if not page.strip():
        return _empty(metadata, "empty_input")
    import trafilatura  # noqa: PLC0415 - keeps `import cleanse` light
    from trafilatura.utils import load_html  # noqa: PLC0415 - same place in 1.x and 2.x

    try:
        tree = load_html(page)
        if tree is None:
            return _empty(metadata, "not_html")
        declared = _declared_language(tree)
        metadata["declared_language"] = declared
        extracted = trafilatura.bare_extraction(tree, url=url, with_metadata=True,
                                                output_format="python", **options)
    except Exception as exc:  # a page must never crash a batch: see EMPTY_REASONS
        metadata["error"] = f"{type(exc).__name__}: {exc}"
        return _empty(metadata, "extraction_failed")
    if extracted is None:
        _page_metadata(metadata, _fields(_metadata_only(tree, url)))
        return _empty(metadata, "no_article_text")
    fields = _fields(extracted)
    _page_metadata(metadata, fields)
    text = _extract_text(fields)
    if not text.strip():
        return _empty(metadata, "no_article_text")
    language = _checked_language(declared, text)
    metadata["language"] = language
    result = pipeline(text, url=url or metadata["url"], language=language,
                      title=metadata["title"])
    result.metadata.update(metadata)
    if not result.text.strip():
        result.metadata["empty_reason"] = "all_removed"
    return result


def _empty(metadata: dict[str, Any], reason: str) -> Result:
    metadata["empty_reason"] = reason
    return Result(TrackedText(""), metadata)


def _pipeline(preset: str | Pipeline) -> Pipeline:
    if isinstance(preset, Pipeline):
        return preset
    if preset not in _PRESETS:
        raise ConfigError(f"unknown preset {preset!r}: use one of "
                          f"{', '.join(map(repr, _PRESETS))} or a Pipeline")
    return _preset_pipeline(preset)


@cache
def _preset_pipeline(name: str) -> Pipeline:
    # Pipelines are immutable and filters hold no state, so one per process is safe.
    return _PRESETS[name]()


def _options(extract_options: Mapping[str, Any]) -> dict[str, Any]:
    allowed = _extraction_parameters()
    for key in extract_options:
        if key in _RESERVED_OPTIONS:
            raise ConfigError(f"clean_html sets {key!r} itself; pass the page's address "
                              f"as url= and leave the output format to clean_html")
        if key not in allowed:
            raise ConfigError(f"trafilatura.bare_extraction has no option {key!r} "
                              f"(known: {', '.join(sorted(allowed - _RESERVED_OPTIONS))})")
    return {**EXTRACT_DEFAULTS, **extract_options}


@cache
def _extraction_parameters() -> frozenset[str]:
    import trafilatura  # noqa: PLC0415 - keeps `import cleanse` light

    return frozenset(inspect.signature(trafilatura.bare_extraction).parameters)


def _fields(extracted: Any) -> dict[str, Any]:
    """trafilatura 2 returns a Document object, 1.x a dict: read both the same way."""
    if isinstance(extracted, Mapping):
        return dict(extracted)
    return {name: getattr(extracted, name, None)
            for name in ("text", "comments", "title", "author", "date", "sitename", "url",
                         "hostname", "description", "categories", "tags")}


def _extract_text(fields: Mapping[str, Any]) -> str:
    """The text ``trafilatura.extract()`` would return: the body, then the comments when
    they were asked for, stripped and NFC-normalised as its txt output is."""
    text = f"{fields.get('text') or ''}\n{fields.get('comments') or ''}".strip()
    return unicodedata.normalize("NFC", text)


def _metadata_only(tree: Any, url: str | None) -> Any:
    """Title, date, etc. of a page without article text (an index page still has them)."""
    from trafilatura.metadata import extract_metadata  # noqa: PLC0415 - keeps import light

    try:
        return extract_metadata(tree, default_url=url)
    except Exception:  # metadata of a page without text is a courtesy, not a duty
        return {}


def _page_metadata(metadata: dict[str, Any], fields: Mapping[str, Any]) -> None:
    for key, source in (("title", "title"), ("author", "author"), ("date", "date"),
                        ("site", "sitename"), ("url", "url"), ("hostname", "hostname"),
                        ("description", "description")):
        value = fields.get(source)
        metadata[key] = value if isinstance(value, str) and value.strip() else None
    for key in ("categories", "tags"):
        value = fields.get(key)
        metadata[key] = [str(v) for v in value] if isinstance(value, (list, tuple)) else []


# -- language ----------------------------------------------------------------------------

# ISO 639 codes that name no language: undetermined, multiple, none, uncoded.
_NOT_A_LANGUAGE = frozenset({"und", "mul", "zxx", "mis"})
_LANGUAGE_TAG = regex.compile(r"\s*+([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*+\s*+")


def _declared_language(tree: Any) -> str | None:
    """The page's declared language as an ISO 639 code: ``<html lang>``, ``xml:lang``,
    ``<meta http-equiv="content-language">``, ``og:locale``, in that order."""
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
                  tree.get("xml:lang")]
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "")
        if key.lower() in ("content-language", "og:locale", "language", "dc.language"):
            candidates.append(meta.get("content"))
    for value in candidates:
        if value:
            m = _LANGUAGE_TAG.fullmatch(value.split(",")[0])
            if m and m.group(1).lower() not in _NOT_A_LANGUAGE:
                return str(m.group(1)).lower()
    return None


# Below this probability a detection that contradicts the page's declaration is not
# trusted: close languages (id/ms, pt/gl, hr/sr/bs, da/no) are confused at lower levels.
_OVERRULE_PROBABILITY = 0.9


def _checked_language(declared: str | None, text: str) -> str | None:
    """The declared language unless the text clearly says otherwise, then the detected
    one: templates often declare the theme's language, not the article's."""
    from cleanse.language import detect_language  # noqa: PLC0415 - loads a model

    found = detect_language(text)
    if found is None:
        return declared
    detected, probability = found
    if declared is None or (detected != declared and probability >= _OVERRULE_PROBABILITY):
        return detected
    return declared


# -- decoding ----------------------------------------------------------------------------

class Decoded(NamedTuple):
    """A decoded page: the text, the Python codec used, and where the charset came from
    (``"bom"``, ``"transport"``, ``"meta"``, ``"detected"`` or ``"fallback"``)."""

    text: str
    encoding: str
    source: str


_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
# How far into the page to look for a charset declaration. The HTML standard's
# prescan reads 1024 bytes; real pages put long scripts and comments first, so more.
_PRESCAN_BYTES = 8192
_META_CHARSET = regex.compile(
    rb"""<meta\b[^>]{0,1024}?\bcharset\s*+=\s*+["']?\s*+([A-Za-z0-9._:\-]{1,40})""",
    regex.IGNORECASE)
_XML_ENCODING = regex.compile(
    rb"""\A\s*+<\?xml\b[^>]{0,200}?\bencoding\s*+=\s*+["']([A-Za-z0-9._\-]{1,40})["']""",
    regex.IGNORECASE)
# The labels browsers read differently from Python's codec of the same name (the
# WHATWG Encoding Standard): "latin-1" pages are windows-1252 in practice, and so on.
_WHATWG = {
    **dict.fromkeys(("iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii",
                     "us-ascii", "cp819", "ibm819", "iso-ir-100", "x-cp1252",
                     "windows-1252"), "cp1252"),
    **dict.fromkeys(("iso-8859-9", "latin5", "l5", "iso-ir-148", "windows-1254"), "cp1254"),
    **dict.fromkeys(("iso-8859-11", "tis-620", "windows-874", "dos-874"), "cp874"),
    **dict.fromkeys(("gb2312", "gbk", "x-gbk", "gb_2312-80", "chinese", "csgb2312"),
                    "gb18030"),
    **dict.fromkeys(("shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j"),
                    "cp932"),
    **dict.fromkeys(("euc-kr", "ks_c_5601-1987", "windows-949"), "cp949"),
    **dict.fromkeys(("big5", "big5-hkscs", "x-x-big5"), "big5hkscs"),
}


def decode_html(data: bytes, *, encoding: str | None = None) -> Decoded:
    """Decode a page's bytes: BOM, then ``encoding`` (the transport's charset, e.g.
    from the HTTP ``Content-Type`` header), then the page's own declaration
    (``<meta charset>``, ``http-equiv``, XML declaration), then detection.

    A declared charset that the bytes contradict (they do not decode) gives way to
    UTF-8 when the bytes are mostly valid UTF-8, else to detection; bytes that fit
    nothing are decoded as windows-1252 with replacement characters. Never raises
    for the bytes' content.

    >>> decode_html('<meta charset="iso-8859-1"><p>Fußgänger</p>'.encode("cp1252"))
    Decoded(text='<meta charset="iso-8859-1"><p>Fußgänger</p>', encoding='cp1252', source='meta')
    >>> decode_html(codecs.BOM_UTF8 + "<p>olá</p>".encode()).source
    'bom'
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom):].decode(codec, errors="replace"), codec, "bom")
    declared: list[tuple[str | None, str]] = [(encoding, "transport")]
    declared.append((_declared_charset(data[:_PRESCAN_BYTES]), "meta"))
    for label, source in declared:
        found = _codec(label) if label else None
        if found is None:
            continue
        if found.startswith(("utf-16", "utf-32")):
            # a page that could be read far enough to find this label is not UTF-16
            found = "utf-8"
        try:
            return Decoded(data.decode(found), found, source)
        except UnicodeDecodeError:
            return _undeclared(data, fallback=found)
    return _undeclared(data, fallback=None)


def _declared_charset(head: bytes) -> str | None:
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii") if m else None


def _codec(label: str) -> str | None:
    """The Python codec for a charset label, read as browsers read it, or ``None``."""
    name = label.strip().strip("\"'").lower()
    name = _WHATWG.get(name, name)
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if info.name in ("latin-1", "iso8859-1", "ascii"):  # labels the table above missed
        return "cp1252"
    return "utf-8" if info.name == "utf-8" else info.name


def _undeclared(data: bytes, *, fallback: str | None) -> Decoded:
    """Decode bytes whose charset is unknown or wrong: UTF-8, detection, then fallback."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "detected")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - broken
    if multibyte > 4 * broken:  # mostly UTF-8 with a damaged or truncated spot
        return Decoded(text, "utf-8", "detected")
    detected = _detect(data)
    if detected is not None:
        try:
            return Decoded(data.decode(detected), detected, "detected")
        except (UnicodeDecodeError, LookupError):
            pass
    codec = fallback or "cp1252"
    return Decoded(data.decode(codec, errors="replace"), codec, "fallback")


def _detect(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes  # noqa: PLC0415 - optional, via trafilatura
    except ImportError:  # pragma: no cover - trafilatura depends on it
        return None
    best = from_bytes(data[:65536]).best()
    return _codec(best.encoding) if best is not None else None


# -- WARC --------------------------------------------------------------------------------

class HtmlRecord(NamedTuple):
    """One HTML page from a WARC file.

    ``record_id`` is the ``WARC-Record-ID`` (e.g. ``<urn:uuid:...>``), ``url`` the
    ``WARC-Target-URI``, ``html`` the payload with transfer and content encodings
    undone, ``encoding`` the charset of the HTTP ``Content-Type`` header, if any: pass
    it on as ``clean_html(r.html, url=r.url, encoding=r.encoding)``.
    """

    record_id: str
    url: str | None
    html: bytes
    encoding: str | None


_HTML_TYPES = ("text/html", "application/xhtml+xml")
_SNIFF = regex.compile(rb"\A(?:\xef\xbb\xbf)?\s*+<(?:!doctype\s++html|html\b|head\b|!--|\?xml\b)",
                       regex.IGNORECASE)
_CHARSET_PARAM = regex.compile(r";\s*+charset\s*+=\s*+[\"']?([^\"';\s]++)", regex.IGNORECASE)


def iter_warc_html(source: str | os.PathLike[str] | IO[bytes]) -> Iterator[HtmlRecord]:
    """Yield every HTML page of a WARC file (plain or gzipped), in file order.

    Reads ``response`` records with a 2xx HTTP status and ``resource`` records whose
    content type is HTML (or, when the type is missing, whose payload starts like an
    HTML document). Requests, metadata, revisits, redirects and error pages are
    skipped. ``source`` is a path or a binary stream. Needs warcio: install the
    ``warc`` extra (``pip install 'cleanse[warc]'``).
    """
    archive_iterator = _warcio_archive_iterator()
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as stream:
            yield from _warc_records(archive_iterator(stream))
    else:
        yield from _warc_records(archive_iterator(source))


def _warc_records(records: Any) -> Iterator[HtmlRecord]:
    for record in records:
        kind = record.rec_type
        if kind == "response":
            http = record.http_headers
            if http is None:
                continue
            status = http.get_statuscode() or ""
            if not status.startswith("2"):
                continue
            content_type = http.get_header("Content-Type") or ""
        elif kind == "resource":
            content_type = record.rec_headers.get_header("Content-Type") or ""
        else:
            continue
        media = content_type.split(";", 1)[0].strip().lower()
        if media and media not in _HTML_TYPES:
            continue
        payload = record.content_stream().read()
        if not media and not _SNIFF.match(payload[:1024]):
            continue
        charset = _CHARSET_PARAM.search(content_type)
        yield HtmlRecord(
            record_id=record.rec_headers.get_header("WARC-Record-ID") or "",
            url=record.rec_headers.get_header("WARC-Target-URI"),
            html=payload,
            encoding=charset.group(1) if charset else None,
        )


def _warcio_archive_iterator() -> Any:
    try:
        from warcio.archiveiterator import (  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415 - optional extra
            ArchiveIterator,
        )
    except ImportError as exc:
        raise ModuleNotFoundError(
            "reading WARC files needs warcio, which is not installed: "
            "pip install 'cleanse[warc]' (or pip install warcio)", name="warcio") from exc
    return ArchiveIterator
