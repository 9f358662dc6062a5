"""Hypothesis strategies: clean articles, junk lines, dirty articles with ground truth,
and hostile text.

- :func:`articles` — realistic multi-paragraph articles (title, date, byline,
  dateline, paragraphs, quotations, lists, numbers) in twelve languages and six
  scripts, clean by construction (law L6 must hold for them).
- :func:`junk_lines` — single lines of each spam family (the filter that should
  remove them), in several languages.
- :func:`dirty_articles` — an article with junk injected where it really stands (nav
  residue at the top, ads and related headlines between paragraphs, comment forms and
  autoblog tails at the end), optionally damaged (mojibake, entities, punctuation,
  whitespace), together with the ground truth: every junk line's span, every content
  line's span and what it must read after cleaning, every expected repair, and the
  expected clean text.
- :func:`hostile_text` — NUL and control characters, lone surrogates, every script,
  mixed line breaks, huge lines and pathological repetitions of junk-phrase prefixes.

>>> from hypothesis import given, settings
>>> @settings(max_examples=5, database=None)
... @given(dirty_articles(languages=["pt"], families=["comment_form"]))
... def test(doc):
...     assert doc.expected == doc.article.text
...     assert all(doc.text[s.start:s.end] == s.text for s in doc.junk + doc.content)
>>> test()
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import regex

from cleanse.testing import HYPOTHESIS_MISSING

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised only without the dev extra
    raise ImportError(HYPOTHESIS_MISSING) from exc

from cleanse.testing.junk import FAMILIES, FEEDS, JUNK, SHORTENERS, SITES, TAIL_CATEGORIES, JunkKind
from cleanse.testing.vocab import LANGUAGES, VOCABULARIES, Vocabulary

__all__ = [
    "DAMAGE",
    "FAMILIES",
    "LANGUAGES",
    "Article",
    "DirtyArticle",
    "JunkLine",
    "Repair",
    "Span",
    "articles",
    "dirty_articles",
    "hostile_text",
    "junk_lines",
]

Draw = st.DrawFn

#: Damage that :func:`dirty_articles` can apply, by the filter expected to repair it;
#: each entry is a reason code of that filter.
DAMAGE: dict[str, tuple[str, ...]] = {
    "fix_encoding": ("mojibake", "html_entity", "control_char", "zero_width", "width_form"),
    "punctuation": ("doubled_stop", "stray_comma", "space_before_punct", "doubled_comma",
                    "empty_brackets", "missing_space"),
    "whitespace": ("line_ending", "trailing_space", "blank_lines", "space_run", "odd_space"),
}
_DAMAGE_FILTER = {reason: name for name, reasons in DAMAGE.items() for reason in reasons}


# -- what the strategies produce ---------------------------------------------------------


class Span(NamedTuple):
    """One line of a dirty article (without its line break), with what must become of it.

    ``kind`` is ``"content"`` or the junk family (the filter expected to remove the
    line); ``reason`` is the junk reason code, or the repairs in a content line
    (comma-separated, ``""`` when the line is clean). ``expected`` is what the line
    must read after cleaning: ``""`` for junk, the repaired line for content.
    """

    start: int
    end: int
    text: str
    expected: str
    kind: str
    reason: str

    @property
    def is_junk(self) -> bool:
        """True for an injected junk line."""
        return self.kind != "content"


class Repair(NamedTuple):
    """An expected repair: ``text[start:end]`` (``before``) must become ``after``.

    ``filter`` is the filter of the contract expected to make it, ``reason`` its code.
    """

    start: int
    end: int
    before: str
    after: str
    filter: str
    reason: str


class JunkLine(NamedTuple):
    """A generated junk line: its text, family (filter), reason code, language, and
    where on a page it realistically stands (``top``, ``inline``, ``tail``)."""

    text: str
    family: str
    reason: str
    language: str
    where: frozenset[str]


@dataclass(frozen=True, slots=True)
class Article:
    """A clean generated article."""

    text: str
    language: str
    title: str
    url: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True, repr=False)
class DirtyArticle:
    """A generated article with injected junk and damage, and the ground truth.

    ``text`` is the dirty input and ``expected`` the clean article a perfect pipeline
    returns (up to blank-line runs). ``junk`` and ``content`` are line spans in
    ``text``; ``repairs`` the expected inline repairs.
    """

    text: str
    expected: str
    language: str
    title: str
    url: str
    junk: tuple[Span, ...]
    content: tuple[Span, ...]
    repairs: tuple[Repair, ...]

    @property
    def article(self) -> Article:
        """The clean article the dirty text was made from."""
        return Article(self.expected, self.language, self.title, self.url)

    @property
    def context(self) -> dict[str, str]:
        """Keyword arguments for a pipeline call: ``url``, ``language``, ``title``."""
        return {"url": self.url, "language": self.language, "title": self.title}

    def __repr__(self) -> str:
        junk = [(s.kind, s.reason, s.text) for s in self.junk]
        repairs = [(r.reason, r.before, r.after) for r in self.repairs]
        return (f"DirtyArticle(language={self.language!r}, text={self.text!r}, "
                f"junk={junk!r}, repairs={repairs!r})")


# -- articles ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Block:
    lines: tuple[str, ...]
    role: str  # title, date, byline, para, list


@dataclass(frozen=True, slots=True)
class _Draft:
    vocab: Vocabulary
    blocks: tuple[_Block, ...]
    sep: str
    final_newline: bool
    title: str
    url: str

    @property
    def text(self) -> str:
        body = self.sep.join("\n".join(b.lines) for b in self.blocks)
        return body + ("\n" if self.final_newline else "")


_SLOT = regex.compile(r"\{(n|pct|year|place)\}")


def _number(draw: Draw, v: Vocabulary) -> str:
    # round numbers: no singular/plural agreement to get wrong in any language
    return f"{draw(st.integers(2, 2000)) * 10:,}".replace(",", v.thousands)


def _fill(draw: Draw, v: Vocabulary, template: str) -> str:
    def slot(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name == "n":
            return _number(draw, v)
        if name == "pct":
            whole, tenth = draw(st.integers(1, 12)), draw(st.integers(0, 9))
            return v.percent.format(x=f"{whole}{v.decimal}{tenth}" if tenth else str(whole))
        if name == "year":
            return str(draw(st.integers(2025, 2032)))
        return str(draw(st.sampled_from(v.places)))

    return str(_SLOT.sub(slot, template))


def _headline(draw: Draw, v: Vocabulary) -> str:
    subject = draw(st.sampled_from(v.subjects))
    return subject + v.joint + _fill(draw, v, draw(st.sampled_from(v.predicates)))


def _sentence(draw: Draw, v: Vocabulary) -> str:
    if draw(st.integers(0, 4)) == 0:
        template = draw(st.sampled_from(v.attributions))
        return template.format(quote=draw(st.sampled_from(v.quotes)),
                               person=draw(st.sampled_from(v.people)))
    return _headline(draw, v) + draw(st.sampled_from(v.endings)) + v.stop


def _paragraph(draw: Draw, v: Vocabulary, *, first: bool) -> _Block:
    text = v.gap.join(_sentence(draw, v) for _ in range(draw(st.integers(1, 4))))
    places = [p for p in v.places if p[:1].isupper()]
    if first and v.dateline and places and draw(st.booleans()):
        text = v.dateline.format(PLACE=draw(st.sampled_from(places)).upper()) + text
    return _Block((text,), "para")


def _list_block(draw: Draw, v: Vocabulary) -> _Block:
    intro = draw(st.sampled_from(v.list_intros))
    items = draw(st.lists(st.sampled_from(v.items), min_size=2, max_size=5, unique=True))
    numbered = v.script in ("Latin", "Cyrillic") and draw(st.booleans())
    bullet = draw(st.sampled_from(v.bullets))
    lines = [f"{i}. " if numbered else bullet for i in range(1, len(items) + 1)]
    filled = (b + _fill(draw, v, item) for b, item in zip(lines, items, strict=True))
    return _Block((intro, *filled), "list")


def _date(draw: Draw, v: Vocabulary) -> str:
    mon, day = draw(st.integers(1, 12)), draw(st.integers(1, 28))
    year = draw(st.integers(2019, 2026))
    return v.date.format(day=day, month=v.months[mon - 1], mon=mon, year=year)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = regex.findall(r"[a-z0-9]+", ascii_text.lower())[:8]
    return "-".join(words)


@st.composite
def _drafts(draw: Draw, languages: tuple[str, ...], min_paragraphs: int,
            max_paragraphs: int) -> _Draft:
    v = VOCABULARIES[draw(st.sampled_from(languages))]
    title = _headline(draw, v)
    blocks = [_Block((title,), "title")]
    if draw(st.booleans()):
        blocks.append(_Block((_date(draw, v),), "date"))
    if draw(st.booleans()):
        blocks.append(_Block((v.byline.format(person=draw(st.sampled_from(v.people))),),
                             "byline"))
    count = draw(st.integers(min_paragraphs, max_paragraphs))
    paragraphs: list[_Block] = []
    for i in range(count):
        para = _paragraph(draw, v, first=i == 0)
        while para in paragraphs or para.lines[0] == title:  # articles do not repeat a line
            para = _Block((para.lines[0] + v.gap + _sentence(draw, v),), "para")
        paragraphs.append(para)
    if count >= 2 and draw(st.booleans()):  # a list, never the last block
        paragraphs.insert(draw(st.integers(1, count - 1)), _list_block(draw, v))
    blocks.extend(paragraphs)
    _, host = draw(st.sampled_from(SITES))
    slug = _slug(title) or f"article-{draw(st.integers(1000, 99999))}"
    url = f"https://{host}/{draw(st.sampled_from(_SECTIONS))}/{slug}"
    return _Draft(v, tuple(blocks), draw(st.sampled_from(("\n\n", "\n"))), draw(st.booleans()),
                  title, url)


_SECTIONS = ("news", "world", "politics", "economy", "local", "2024/03")


def _languages(languages: Iterable[str] | None) -> tuple[str, ...]:
    if languages is None:
        return LANGUAGES
    chosen = tuple(languages)
    unknown = [lang for lang in chosen if lang not in VOCABULARIES]
    if unknown or not chosen:
        raise ValueError(f"no vocabulary for {unknown or 'an empty list'}; "
                         f"languages are {', '.join(LANGUAGES)}")
    return chosen


def articles(languages: Iterable[str] | None = None, *, min_paragraphs: int = 2,
             max_paragraphs: int = 6) -> st.SearchStrategy[Article]:
    """Clean, realistic articles in ``languages`` (ISO 639-1 codes; default: all).

    Title, optional date line and byline, ``min_paragraphs`` to ``max_paragraphs``
    paragraphs (sentences with numbers, places and quotations), maybe a list;
    paragraphs are separated by one blank line or by single line breaks. Clean by
    construction: a correct pipeline returns them unchanged (law L6).
    """
    langs = _languages(languages)
    if not 1 <= min_paragraphs <= max_paragraphs:
        raise ValueError("need 1 <= min_paragraphs <= max_paragraphs")
    return _drafts(langs, min_paragraphs, max_paragraphs).map(
        lambda d: Article(d.text, d.vocab.language, d.title, d.url))


# -- junk --------------------------------------------------------------------------------

_CODE = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
_TEMPLATE_SLOT = regex.compile(r"\{(\w+)\}")


def _kinds(families: Iterable[str] | None) -> tuple[JunkKind, ...]:
    """The junk kinds of ``families``: family (filter) names or reason codes."""
    if families is None:
        return tuple(JUNK.values())
    chosen = set(families)
    known = set(FAMILIES) | {k.reason for k in JUNK.values()}
    unknown = chosen - known
    if unknown:
        raise ValueError(f"unknown junk families {sorted(unknown)}; use filter names "
                         f"({', '.join(FAMILIES)}) or their reason codes "
                         f"({', '.join(sorted({k.reason for k in JUNK.values()}))})")
    return tuple(k for k in JUNK.values() if k.family in chosen or k.reason in chosen)


_OWN_TITLE = frozenset({"autoblog_tail", "comment_form"})


def _render(draw: Draw, kind: JunkKind, language: str, *, title: str) -> JunkLine:
    """One junk line of ``kind``: in ``language`` when the kind has phrases for it."""
    options = [lang for lang in (language, "en", "*") if lang in kind.phrases]
    lang = draw(st.sampled_from(options or sorted(kind.phrases)))
    template = draw(st.sampled_from(kind.phrases[lang]))
    v = VOCABULARIES.get(language, VOCABULARIES["en"])
    site, host = draw(st.sampled_from(SITES))

    def slot(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name == "title":
            # the article's own title in tails and comment counts, another headline
            # in related-headline lines
            return title if kind.family in _OWN_TITLE else _headline(draw, v)
        if name == "site":
            return site
        if name == "host":
            return host
        if name == "shortener":
            return str(draw(st.sampled_from(SHORTENERS)))
        if name == "code":
            return str(draw(st.text(_CODE, min_size=5, max_size=8)))
        if name == "slug":
            return _slug(_headline(draw, VOCABULARIES["en"])) or "story"
        if name == "section":
            return str(draw(st.sampled_from(_SECTIONS[:5])))
        if name == "date_path":
            return f"{draw(st.integers(2019, 2026))}/{draw(st.integers(1, 12)):02d}"
        if name == "n":
            return str(draw(st.integers(2, 99)))
        raise AssertionError(f"unknown slot {name!r} in {template!r}")  # pragma: no cover

    text = str(_TEMPLATE_SLOT.sub(slot, template))
    return JunkLine(text, kind.family, kind.reason, lang if lang != "*" else language,
                    kind.where)


def junk_lines(families: Iterable[str] | None = None, *,
               languages: Iterable[str] | None = None) -> st.SearchStrategy[JunkLine]:
    """Single junk lines of ``families`` (filter names; default: all) in ``languages``.

    ``families`` may also name reason codes (``["advertisement", "share"]``). Each
    :class:`JunkLine` carries its family, reason code and where it realistically
    stands; kinds without phrases in the drawn language fall back to English, as real
    sites mix an English theme with local prose.
    """
    kinds = _kinds(families)
    langs = _languages(languages)

    @st.composite
    def one(draw: Draw) -> JunkLine:
        kind = draw(st.sampled_from(kinds))
        language = draw(st.sampled_from(langs))
        title = _headline(draw, VOCABULARIES[language])
        return _render(draw, kind, language, title=title)

    return one()


def _ifttt_date(draw: Draw) -> str:
    month = VOCABULARIES["en"].months[draw(st.integers(0, 11))]
    hour, minute = draw(st.integers(1, 12)), draw(st.integers(0, 59))
    return (f"{month} {draw(st.integers(1, 28)):02d}, {draw(st.integers(2019, 2026))} at "
            f"{hour:02d}:{minute:02d}{draw(st.sampled_from(('AM', 'PM')))}")


def _autoblog_tail(draw: Draw, language: str, title: str) -> list[tuple[str, str, str]]:
    """A Blogger tail fed by IFTTT from Google News: ``(line, family, reason)`` with
    ``""`` for a blank line. Always starts with a feed name and ends with a marker."""
    feeds = FEEDS.get(language, ()) + FEEDS["en"]
    feed = draw(st.sampled_from(feeds))
    link = f"https://ift.tt/{draw(st.text(_CODE, min_size=7, max_size=7))}"
    out: list[tuple[str, str, str]] = [(feed, "autoblog_tail", "feed_name")]
    if draw(st.booleans()):
        out.append((_ifttt_date(draw), "autoblog_tail", "ifttt_date"))
    out.append((link, "link_lines", "short_link"))
    if draw(st.booleans()):
        out += [("", "", ""), (title, "autoblog_tail", "repeated_title"),
                (feed, "autoblog_tail", "feed_name"),
                (f"https://ift.tt/{draw(st.text(_CODE, min_size=7, max_size=7))}",
                 "link_lines", "short_link")]
        out += [(c, "autoblog_tail", "tail_block")
                for c in draw(st.lists(st.sampled_from(TAIL_CATEGORIES), max_size=5, unique=True))]
    marker = JUNK["autoblog_tail", "autoblog_marker"]
    lang = language if language in marker.phrases else "en"
    local = marker.phrases[lang]
    markers = [m.format(title=title) for m in (*local, *marker.phrases["en"])]
    chosen = draw(st.lists(st.sampled_from(markers), min_size=1, max_size=4, unique=True))
    for m in chosen:
        out += [("", "", ""), (m, "autoblog_tail", "autoblog_marker")]
    return out


# -- damage ------------------------------------------------------------------------------

_LocalRepair = tuple[int, int, str, str]  # (start, end) in the damaged line, before, after
_Damaged = tuple[str, list[_LocalRepair]]

_ENTITIES = {"’": ("&rsquo;", "&#8217;", "&#x2019;"), "“": ("&ldquo;", "&#8220;"),
             "”": ("&rdquo;", "&#8221;"), "«": ("&laquo;", "&#171;"), "»": ("&raquo;",),
             "é": ("&eacute;", "&#233;"), "è": ("&egrave;",), "à": ("&agrave;",),
             "ç": ("&ccedil;",), "ã": ("&atilde;",), "ü": ("&uuml;",), "ö": ("&ouml;",),
             "ñ": ("&ntilde;",), "—": ("&mdash;", "&#8212;"), "\"": ("&quot;", "&#34;"),
             "'": ("&#39;", "&#039;"), "&": ("&amp;",)}
_BOUNDARY = regex.compile(r"(?<=\p{Ll}[\p{Pf}»\"]?)\.(?= \p{Lu})")
_COMMA = regex.compile(r"(?<=\p{L}),(?= \p{L})")
_WORD_GAP = regex.compile(r"(?<=\p{L}) (?=\p{L})")
_LOWER_GAP = regex.compile(r"(?<=\p{Ll}{3}) (?=\p{Ll}{3})")
_INNER = regex.compile(r"(?<=\p{L})(?=\p{L})")
_ASCII_WORD = regex.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{3,}(?![A-Za-z0-9])")


def _at(draw: Draw, positions: Sequence[int]) -> int | None:
    return draw(st.sampled_from(positions)) if positions else None


def _mojibake(draw: Draw, line: str, v: Vocabulary) -> _Damaged | None:
    try:
        bad = line.encode("utf-8").decode("cp1252")
    except UnicodeDecodeError:
        return None
    return (bad, [(0, len(bad), bad, line)]) if bad != line else None


def _html_entity(draw: Draw, line: str, v: Vocabulary) -> _Damaged | None:
    i = _at(draw, [i for i, ch in enumerate(line) if ch in _ENTITIES or ord(ch) > 0x7F])
    if i is None:
        return None
    ch = line[i]
    entity = draw(st.sampled_from(_ENTITIES.get(ch, (f"&#{ord(ch)};", f"&#x{ord(ch):x};"))))
    return line[:i] + entity + line[i + 1 :], [(i, i + len(entity), entity, ch)]


def _insert_inside_word(chars: str) -> Any:
    def damage(draw: Draw, line: str, v: Vocabulary) -> _Damaged | None:
        i = _at(draw, [m.start() for m in _INNER.finditer(line)])
        if i is None:
            return None
        ch = draw(st.sampled_from(chars))
        return line[:i] + ch + line[i:], [(i, i + 1, ch, "")]

    return damage


def _width_form(draw: Draw, line: str, v: Vocabulary) -> _Damaged | None:
    if v.script != "Latin":
        return None
    m = draw(st.sampled_from(list(_ASCII_WORD.finditer(line)) or [None]))
    if m is None:
        return None
    wide = "".join(chr(ord(c) + 0xFEE0) for c in m.group())
    return (line[: m.start()] + wide + line[m.end() :],
            [(m.start(), m.start() + len(wide), wide, m.group())])


def _insert(pattern: regex.Pattern[str], choices: Sequence[str], *, after: bool) -> Any:
    """Damage that inserts one of ``choices`` at a match of ``pattern``."""
    def damage(draw: Draw, line: str, v: Vocabulary) -> _Damaged | None:
        if v.script not in ("Latin", "Cyrillic"):
            return None
        m = draw(st.sampled_from(list(pattern.finditer(line)) or [None]))
        if m is None:
            return None
        i = m.end() if after else m.start()
        junk = draw(st.sampled_from(choices))
        return line[:i] + junk + line[i:], [(i, i + len(junk), junk, "")]

    return damage


def _missing_space(draw: Draw, line: str, v: Vocabulary) -> _Damaged | None:
    if v.script not in ("Latin", "Cyrillic"):
        return None
    i = _at(draw, [m.end() for m in _BOUNDARY.finditer(line)])
    if i is None:
        return None
    return line[:i] + line[i + 1 :], [(i, i, "", " ")]


def _replace_space(choices: Sequence[str]) -> Any:
    def damage(draw: Draw, line: str, v: Vocabulary) -> _Damaged | None:
        i = _at(draw, [m.start() for m in _WORD_GAP.finditer(line)])
        if i is None:
            return None
        sp = draw(st.sampled_from(choices))
        return line[:i] + sp + line[i + 1 :], [(i, i + len(sp), sp, " ")]

    return damage


def _trailing_space(draw: Draw, line: str, v: Vocabulary) -> _Damaged | None:
    sp = draw(st.sampled_from((" ", "  ", "\t", " \t")))
    return line + sp, [(len(line), len(line) + len(sp), sp, "")]


_LINE_DAMAGE: dict[str, Any] = {
    "mojibake": _mojibake,
    "html_entity": _html_entity,
    "control_char": _insert_inside_word("\x00\x01\x08\x10\x7f"),
    "zero_width": _insert_inside_word("\u200b\ufeff\u2060"),
    "width_form": _width_form,
    "doubled_stop": _insert(_BOUNDARY, (" .",), after=True),
    "stray_comma": _insert(_BOUNDARY, (",", " ,"), after=True),
    "space_before_punct": _insert(_COMMA, (" ",), after=False),
    "doubled_comma": _insert(_COMMA, (",",), after=True),
    "empty_brackets": _insert(_LOWER_GAP, (" ()", " ( )", " []"), after=False),
    "missing_space": _missing_space,
    "trailing_space": _trailing_space,
    "space_run": _replace_space(("  ", "   ")),
    "odd_space": _replace_space(("\u2009", "\u2002", "\u200a")),
}


def _damage_reasons(damage: bool | Iterable[str]) -> tuple[str, ...]:
    if damage is True:
        return tuple(_DAMAGE_FILTER)
    if damage is False:
        return ()
    out: list[str] = []
    for name in damage:
        if name in DAMAGE:
            out.extend(DAMAGE[name])
        elif name in _DAMAGE_FILTER:
            out.append(name)
        else:
            raise ValueError(f"unknown damage {name!r}; use True, a filter name "
                             f"({', '.join(DAMAGE)}) or a reason code of theirs")
    return tuple(dict.fromkeys(out))


# -- dirty articles ----------------------------------------------------------------------


class _Writer:
    """Appends text, recording spans and repairs in the dirty text's coordinates."""

    def __init__(self, crlf: bool) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.crlf = crlf
        self.junk: list[Span] = []
        self.content: list[Span] = []
        self.repairs: list[Repair] = []

    def _put(self, text: str) -> None:
        self.parts.append(text)
        self.pos += len(text)

    def breaks(self, text: str, extra_blank: int = 0) -> None:
        """Line breaks (``text`` is only ``\\n``), maybe extra blank lines, maybe CRLF."""
        if extra_blank:
            start = self.pos
            self._put("\n" * extra_blank)
            self.repairs.append(Repair(start, self.pos, "\n" * extra_blank, "", "whitespace",
                                       "blank_lines"))
        for _ in text:
            if self.crlf:
                self.repairs.append(Repair(self.pos, self.pos + 1, "\r", "", "whitespace",
                                           "line_ending"))
                self._put("\r")
            self._put("\n")

    def junk_line(self, line: str, family: str, reason: str) -> None:
        self.junk.append(Span(self.pos, self.pos + len(line), line, "", family, reason))
        self._put(line)

    def content_line(self, line: str, clean: str, reasons: list[str],
                     repairs: list[_LocalRepair]) -> None:
        start = self.pos
        self.content.append(Span(start, start + len(line), line, clean, "content",
                                 ",".join(reasons)))
        self.repairs.extend(Repair(start + a, start + b, before, after, _DAMAGE_FILTER[r], r)
                            for (a, b, before, after), r in zip(repairs, reasons, strict=True))
        self._put(line)

    @property
    def text(self) -> str:
        return "".join(self.parts)


_TAIL_ORDER = {"call_to_action": 0, "related_links": 1, "link_lines": 2, "edge_residue": 3,
               "comment_form": 4, "autoblog_tail": 5}
_Entry = tuple[str, str, str]  # (line, family, reason); "" for a blank line


@dataclass(frozen=True, slots=True)
class _Spec:
    languages: tuple[str, ...]
    kinds: tuple[JunkKind, ...]
    damage: tuple[str, ...]
    min_junk: int
    max_paragraphs: int


@dataclass(frozen=True, slots=True)
class _JunkPlan:
    top: list[JunkLine]
    inline: dict[int, list[JunkLine]]  # block index -> lines injected before that block
    tail: list[list[_Entry]]  # blocks after the article, in page order


@dataclass(frozen=True, slots=True)
class _DamagePlan:
    crlf: bool
    lines: dict[tuple[int, int], tuple[str, list[str], list[_LocalRepair]]]
    blank_gaps: frozenset[int]  # block indexes preceded by extra blank lines


def _plan_junk(draw: Draw, draft: _Draft, spec: _Spec) -> _JunkPlan:
    """How many junk lines go where, and which: at least ``min_junk`` in all."""
    lang, title = draft.vocab.language, draft.title
    by_where = {w: [k for k in spec.kinds if w in k.where] for w in ("top", "inline", "tail")}
    limits = {"top": 2, "inline": 3, "tail": 3}
    available = [w for w in ("top", "inline", "tail") if by_where[w]]
    counts = dict.fromkeys(("top", "inline", "tail"), 0)
    for i, where in enumerate(available):
        low = max(0, spec.min_junk - sum(counts.values())) if i == len(available) - 1 else 0
        counts[where] = draw(st.integers(min(low, limits[where]), limits[where]))

    def line_of(where: str) -> JunkLine:
        return _render(draw, draw(st.sampled_from(by_where[where])), lang, title=title)

    top = [line_of("top") for _ in range(counts["top"])]
    gaps = [g for g, b in enumerate(draft.blocks) if g > 0 and b.role in ("para", "list")]
    inline: dict[int, list[JunkLine]] = {}
    for _ in range(counts["inline"]):
        inline.setdefault(draw(st.sampled_from(gaps)), []).append(line_of("inline"))
    tail: list[tuple[int, list[_Entry]]] = []
    blogger = False  # one Blogger tail per page
    for _ in range(counts["tail"]):
        kind = draw(st.sampled_from(by_where["tail"]))
        rank = _TAIL_ORDER[kind.family]
        if kind.family == "autoblog_tail" and not blogger and draw(st.booleans()):
            blogger = True
            tail.append((rank, _autoblog_tail(draw, lang, title)))
            continue
        same = [k for k in by_where["tail"] if k.family == kind.family]
        blank = draw(st.booleans())
        entries: list[_Entry] = []
        for k in [kind, *draw(st.lists(st.sampled_from(same), max_size=2))]:
            junk = _render(draw, k, lang, title=title)
            if entries and blank:
                entries.append(("", "", ""))
            entries.append((junk.text, junk.family, junk.reason))
        tail.append((rank, entries))
    tail.sort(key=lambda t: t[0])
    return _JunkPlan(top, inline, [entries for _, entries in tail])


def _plan_damage(draw: Draw, draft: _Draft, damage: tuple[str, ...]) -> _DamagePlan:
    """Which content lines are damaged how (1-3 of them), CRLF, extra blank lines."""
    crlf = "line_ending" in damage and draw(st.booleans())
    line_kinds = [d for d in damage if d in _LINE_DAMAGE]
    lines: dict[tuple[int, int], tuple[str, list[str], list[_LocalRepair]]] = {}
    if line_kinds:
        cands = [(b, j) for b, block in enumerate(draft.blocks) if block.role == "para"
                 for j in range(len(block.lines))]
        for b, j in draw(st.lists(st.sampled_from(cands), min_size=1, max_size=3, unique=True)):
            reason = draw(st.sampled_from(line_kinds))
            done = _LINE_DAMAGE[reason](draw, draft.blocks[b].lines[j], draft.vocab)
            if done is not None:
                lines[b, j] = (done[0], [reason] * len(done[1]), done[1])
    blank_gaps: frozenset[int] = frozenset()
    if "blank_lines" in damage and draft.sep == "\n\n":
        blank_gaps = frozenset(draw(st.lists(st.integers(1, len(draft.blocks) - 1), max_size=2)))
    return _DamagePlan(crlf, lines, blank_gaps)


@st.composite
def _dirty(draw: Draw, spec: _Spec) -> DirtyArticle:
    draft = draw(_drafts(spec.languages, 2, spec.max_paragraphs))
    junk = _plan_junk(draw, draft, spec)
    damage = _plan_damage(draw, draft, spec.damage)
    w = _Writer(damage.crlf)
    for line in junk.top:
        w.junk_line(line.text, line.family, line.reason)
        w.breaks(draw(st.sampled_from(("\n", "\n\n"))))
    for b, block in enumerate(draft.blocks):
        if b > 0:
            w.breaks(draft.sep, extra_blank=draw(st.integers(1, 2)) if b in damage.blank_gaps
                     else 0)
            for line in junk.inline.get(b, ()):
                w.junk_line(line.text, line.family, line.reason)
                w.breaks(draft.sep)
        for j, text in enumerate(block.lines):
            if j:
                w.breaks("\n")
            dirty, reasons, repairs = damage.lines.get((b, j), (text, [], []))
            w.content_line(dirty, text, reasons, repairs)
    for entries in junk.tail:
        w.breaks(draw(st.sampled_from(("\n", "\n\n"))))
        for j, (text, family, reason) in enumerate(entries):
            if j:
                w.breaks("\n")
            if text:
                w.junk_line(text, family, reason)
    if draft.final_newline:
        w.breaks("\n")
    return DirtyArticle(text=w.text, expected=draft.text, language=draft.vocab.language,
                        title=draft.title, url=draft.url, junk=tuple(w.junk),
                        content=tuple(w.content), repairs=tuple(w.repairs))


def dirty_articles(languages: Iterable[str] | None = None, *,
                   families: Iterable[str] | None = None,
                   damage: bool | Iterable[str] = False, min_junk: int = 1,
                   max_paragraphs: int = 6) -> st.SearchStrategy[DirtyArticle]:
    """Articles with junk lines injected where they really stand, and the ground truth.

    ``families`` picks the junk families (filter names, see :data:`FAMILIES`, or reason
    codes such as ``"advertisement"``; default all); at least ``min_junk`` junk lines
    are injected (fewer only when the families offer none). ``damage`` adds inline
    damage a pipeline must repair: ``True`` for every kind, or filter names / reason
    codes from :data:`DAMAGE` (e.g. ``["fix_encoding", "doubled_stop"]``).
    """
    if max_paragraphs < 2 or min_junk < 0:
        raise ValueError("dirty articles need max_paragraphs >= 2 (junk goes between "
                         "paragraphs) and min_junk >= 0")
    return _dirty(_Spec(_languages(languages), _kinds(families), _damage_reasons(damage),
                        min_junk, max_paragraphs))


# -- hostile text ------------------------------------------------------------------------

_SCRIPTS = ("Ελληνικά κείμενα", "עברית ומילים", "ภาษาไทยไม่มีช่องว่าง", "한국어 문장입니다",
            "ქართული ენა", "አማርኛ ቋንቋ", "Tiếng Việt có dấu", "தமிழ் மொழி", "ᠮᠣᠩᠭᠣᠯ",
            "👩\u200d👩\u200d👧 🏳\ufe0f\u200d🌈", "e\u0301\u0302\u0303 a\u0308",
            "\u200f\u202eabc\u202c",
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛", "ﬁﬂ ＡＢＣ １２３", "Ⅻ ½ ㎞ ℃")
_BREAKS = ("\n", "\r\n", "\r", "\n\n", "\r\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c",
           "\x1c", "\n \n", "\t\n")
_UNITS = ("Powered by ", "READ\u00a0 ", "READ  ", "Leia também: ", "0 Response to \"",
          "https://", "https://bit.ly/", "www.", "&amp;", "&#", "&", "Ã©", "â€", "Ã", "Â",
          ". ", ".", ",", " ,", "., ", "( ", "()", "(", ")", "“", "”. ", "»", "«\u00a0",
          "\u00a0", "  ", " ", "\t", "\r\n", "\n\n", "\n", "\r", "a", "word ", "Share on ",
          "- ", "* ", "—", "…", "!", "?", " ?", "\u200b", "\x00", "Ã\u00a0", "\ud800",
          "Skip to content\n", "Post a Comment\n\n", "https://ift.tt/x\n", "\\", "*",
          "[", "]", "|", "1.", "a.B", "Search\n")


def hostile_text(*, max_repeat: int = 20_000) -> st.SearchStrategy[str]:
    """Text that must not break a filter (law L7): any code point including NUL, C0/C1
    controls and lone surrogates; every script; mixed line breaks; and pathological
    repetitions (junk-phrase prefixes, punctuation, spaces, entities, mojibake
    fragments) up to ``max_repeat`` times, for huge lines and regex stress.
    """
    # every code point: hypothesis leaves out surrogates unless asked for them
    any_chars = st.characters() | st.characters(categories=["Cs"])
    repeated = st.builds(lambda unit, n: unit * n,
                         st.sampled_from(_UNITS) | st.text(any_chars, min_size=1, max_size=4),
                         st.integers(1, max_repeat))
    mixed_breaks = st.lists(st.sampled_from(_SCRIPTS + _UNITS) | st.text(any_chars, max_size=8),
                            max_size=20).flatmap(
        lambda words: st.lists(st.sampled_from(_BREAKS), min_size=len(words),
                               max_size=len(words)).map(
            lambda brs: "".join(w + b for w, b in zip(words, brs, strict=True))))
    pieces = st.one_of(
        st.text(any_chars, max_size=60),
        st.sampled_from(_SCRIPTS),
        repeated,
        mixed_breaks,
        articles().map(str),
        junk_lines().map(lambda j: j.text),
    )
    return st.one_of(
        st.just(""),
        st.text(any_chars, max_size=200),
        repeated,
        mixed_breaks,
        st.lists(pieces, min_size=2, max_size=5).map("".join),
    )
