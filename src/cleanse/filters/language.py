"""Paragraphs in another language than the document's (strict preset only).

Machine-translated reposts sometimes keep a paragraph of another language: a Spanish
paragraph left untranslated inside a French article, an English press-agency
paragraph inside a German one. Language identification is only trustworthy on long
text, and a foreign paragraph is often legitimate (a quotation, a list of names), so
this filter judges few lines and removes fewer: see :class:`LanguageConsistency`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from cleanse.errors import ConfigError
from cleanse.filters.base import LineFilter
from cleanse.language import rank_languages
from cleanse.phrases import line_matches, line_pattern

if TYPE_CHECKING:
    from collections.abc import Iterator

    from cleanse.document import Document

__all__ = ["LanguageConsistency"]

# Varieties the identifier confuses with a neighbour and that are rarely a real
# injection: a line labelled with a member of its document's group is never foreign.
# (py3langid knows ~200 labels, several of them regional varieties.)
_GROUPS = (
    "es ext an ast lad", "pt gl mwl", "it vec lij nap scn lmo pms co eml fur",
    "de lb bar gsw pfl ksh nds als", "nl li vls zea af", "en sco pcm jam",
    "fr wa pcd nrm frp", "ca oc", "id ms jv su min bjn", "no nb nn da",
    "hr sr bs sh", "cs sk", "ru be", "tr az", "hi mr ne", "fa tg",
)
_FAMILY: dict[str, str] = {code: group.split()[0] for group in _GROUPS for code in group.split()}
# Above this share of capitalised words (not starting a sentence) a line is names and
# titles (a reference, a cast list), not prose. German capitalises every noun.
_NAME_SHARE = {"de": 0.6}

_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*+")
_OPENERS = "\"“„«‘‚‹「『"
_PAIRS = {'"': '"', "“": "”", "„": "“", "«": "»", "‘": "’", "‚": "‘", "‹": "›",
          "「": "」", "『": "』"}
_OPEN = regex.compile(f"[{_OPENERS}]")
_QUOTED_LINE = regex.compile(
    rf"^\s*+(?:[{_OPENERS}]|[—–―]\s)|[{''.join(set(_PAIRS.values()))}][\s.,;:!?)]*+$")
_SENTENCE_START = regex.compile(r"[.!?:;]\s*+$")
# List items and numbered references ("- Smith J, 2003. …", "[2] …", "(1) …"):
# bibliographies cite titles in their own language.
_LIST_ITEM = regex.compile(r"^\s*+(?:[-–—•*·▪►]|\[\d{1,4}\]|\(\d{1,4}\)|\d{1,4}[.)])\s")
# A whitespace-separated token that is a word, maybe with punctuation around it.
_WORDLIKE = regex.compile(r"(?<!\S)\p{P}{0,3}\p{L}[\p{L}\p{M}'’-]*+\p{P}{0,3}(?!\S)")
_TOKEN = regex.compile(r"\S++")


def _family(code: str) -> str:
    code = code.casefold().replace("_", "-").split("-", 1)[0]
    return _FAMILY.get(code, code)


# Enough text to identify a paragraph's language; the identifier's cost is linear in
# what it reads, and a long paragraph says nothing more after its first sentences.
_SAMPLE = 600
_GLANCE = 200


def _family_scores(line: str) -> dict[str, float]:
    """Probability per language family, from the labels that hold nearly all the mass."""
    scores: dict[str, float] = {}
    total = 0.0
    for code, prob in rank_languages(line):
        family = _FAMILY.get(code, code)
        scores[family] = scores.get(family, 0.0) + prob
        total += prob
        if total >= 0.9999:
            break
    return scores


def _quoted_share(line: str) -> float:
    """The share of ``line`` inside paired quotation marks (one linear pass)."""
    inside = pos = 0
    unmatched: set[str] = set()
    while (m := _OPEN.search(line, pos)) is not None:
        close = _PAIRS[m.group()]
        pos = m.end()
        if close in unmatched:
            continue
        end = line.find(close, pos)
        if end < 0:
            unmatched.add(close)
            continue
        inside += end - pos
        pos = end + 1
    return inside / max(len(line), 1)


def _name_share(line: str) -> float:
    """The share of capitalised words that do not start a sentence (names, titles)."""
    words = list(_WORD.finditer(line))
    capital = 0
    for k, w in enumerate(words):
        if k == 0 or not w.group()[0].isupper():
            continue
        if _SENTENCE_START.search(line, words[k - 1].end(), w.start()) is None:
            capital += 1
    return capital / max(len(words) - 1, 1)


@dataclass(frozen=True, slots=True, kw_only=True)
class LanguageConsistency(LineFilter):
    """Remove paragraphs written in another language than the document's.

    The document's language is the caller's (``language=``) or detected from its
    longest lines (:func:`cleanse.language.detect_document_language`). A line is
    judged only when it is long enough (``min_chars``, ``min_words``) and mostly
    words. It is removed (reason ``foreign_language``) only when the identifier
    gives another language a probability of at least ``min_confidence``, ahead of the
    document's language (counted with its close varieties, e.g. pt+gl, de+lb) by at
    least ``min_margin``.

    Left alone on purpose: everything when the document's language is unknown, and
    everything when the judged lines are not mostly (``min_share`` of their
    characters) in the document's language — a bilingual text is not an injection.
    Never judged foreign: quotations (a line starting or ending with a quote mark or
    a dialogue dash, or mostly inside quote marks), a line announced by a colon at
    the end of the line before, and a line ending with a colon; list items and
    numbered references (bibliographies cite titles in their own language); lines of
    mostly capitalised names; code and tables; short lines; close varieties.

    >>> from cleanse import Pipeline
    >>> fr = ("Le conseil municipal a voté mardi soir le budget de l'année prochaine, "
    ...       "qui prévoit une hausse des dépenses pour les écoles et les transports.")
    >>> es = ("El ayuntamiento aprobó el martes por la noche el presupuesto del año "
    ...       "próximo, que prevé un aumento del gasto en escuelas y transporte público.")
    >>> r = Pipeline([LanguageConsistency()])("\\n".join([fr, es, fr, fr]), language="fr")
    >>> [(c.before[:20], c.reason) for c in r.changes]
    [('El ayuntamiento apro', 'foreign_language')]
    """

    name = "language_consistency"
    reasons = ("foreign_language",)

    min_chars: int = 120
    min_words: int = 15
    min_confidence: float = 0.95
    min_margin: float = 0.9
    min_share: float = 0.6
    #: Longer lines are not paragraphs (tables, dumps): never judged.
    max_chars: int = 20_000

    def __post_init__(self) -> None:
        for field in ("min_confidence", "min_margin", "min_share"):
            value = getattr(self, field)
            if not isinstance(value, (int, float)) or not 0 <= value <= 1:
                raise ConfigError(f"LanguageConsistency({field}=...) must be within [0, 1], "
                                  f"got {value!r}")
        if not 0 < self.min_chars <= self.max_chars:
            raise ConfigError("LanguageConsistency needs 0 < min_chars <= max_chars")

    def rejected(self, doc: Document) -> Iterator[tuple[int, str]]:
        """Foreign lines, when the document has a clear language of its own."""
        # the cheap gate: lines long enough to judge, found by one C-level scan
        long_line = line_pattern(rf"[^\n]{{{self.min_chars}}}[^\n]*+")
        candidates = [i for i, _ in line_matches(doc, long_line)
                      if self._judgeable(doc.lines[i])]
        if not candidates:
            return
        language = doc.language
        if not language:
            return
        home = _family(language)
        foreign: list[int] = []
        home_chars = judged_chars = 0
        for i in candidates:
            line = doc.lines[i]
            if _introduced(doc.lines, i) or line.rstrip().endswith((":", "：")):
                # "…the following universities:" then the original, quoted; the line
                # that announces it stays too, so a second cleaning finds nothing new
                continue
            judged_chars += len(line)
            # a first look at the opening words settles most lines (the home language)
            scores = _family_scores(line[:_GLANCE])
            if scores.get(home, 0.0) >= 0.5:
                home_chars += len(line)
                continue
            if len(line) > _GLANCE:
                scores = _family_scores(line[:_SAMPLE])
            best = max(scores, key=scores.__getitem__)
            if best == home:
                home_chars += len(line)
            elif (scores[best] >= self.min_confidence
                  and scores[best] - scores.get(home, 0.0) >= self.min_margin
                  and _name_share(line) < _NAME_SHARE.get(best, 0.35)):
                foreign.append(i)
        if home_chars < self.min_share * judged_chars:
            return  # mostly mixed, or the document's language is wrong: judge nothing
        for i in foreign:
            yield i, "foreign_language"

    def _judgeable(self, line: str) -> bool:
        text = line.strip()
        if not self.min_chars <= len(text) <= self.max_chars or _LIST_ITEM.match(text):
            return False
        wordlike = len(_WORDLIKE.findall(text))
        if wordlike < self.min_words or wordlike < 0.75 * len(_TOKEN.findall(text)):
            return False  # numbers, tables, code
        return not (_QUOTED_LINE.search(text) or _quoted_share(text) >= 0.5)


def _introduced(lines: tuple[str, ...], index: int) -> bool:
    """The previous non-blank line ends with a colon: this line is what it announces."""
    for k in range(index - 1, max(index - 4, -1), -1):
        before = lines[k].rstrip()
        if before:
            return before.endswith((":", "："))
    return False
