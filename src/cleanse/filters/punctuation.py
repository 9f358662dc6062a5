"""Punctuation repair: the marks left behind by link removal and machine translation.

Removing a link or a quoted fragment often leaves its punctuation behind: ``o
ministro”. . A reunião``, ``la Polonia. , (ONU)``, ``word ,``, ``,,``, an empty ``()``; bad
translation glues sentences (``said.The``). Compiled regexes find the *suspicious*
spots only (two marks in a row, a space before a mark, an empty bracket; a stop
glued to a capital), each regex led by one literal character that the engine skips
to in a tight loop (or, for a mark the text holds only a few times, ``str.find``),
so clean prose costs a few fast C-level scans; Python decides each spot with its
neighbours and, only when a rule depends on it, the document's language.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from cleanse.filters.base import Filter
from cleanse.tracked import Edit, spliced

if TYPE_CHECKING:
    from cleanse.document import Document

__all__ = ["Punctuation"]

# Spaces a mark may be separated by. It includes the typographic spaces that the
# Whitespace filter (which runs later) turns into " ", so a second run finds nothing
# new; it excludes the no-break spaces, which French puts before : ; ! ? » on purpose.
_HCHARS = " \t" + "".join(map(chr, range(0x2000, 0x200B))) + "\u205f"
_H = "[ \t\u2000-\u200a\u205f]"
_MARK = "[.,;:!?]"
_EMPTY = rf"(?:\({_H}*\)|\[{_H}*\])"
# Suspicious spots only, each from its first mark or bracket: a mark after a space
# (``word ,``), a mark followed by another (``.,``, ``. .``, ``,,``), or empty
# brackets. A lone ``, `` or ``. `` never reaches Python, which then widens a spot to
# the spaces before it. Linear: every repetition consumes a mark, and spaces and marks
# are disjoint; the repeats are possessive, so the engine keeps no backtracking state
# for a long run (a greedy one would grow its stack with the run and leave the CPU
# caches). (Stdlib ``re``, here and below: faster than ``regex`` on these shapes.)
# Possessive repeats need Python 3.11's `re`; nothing that a repeat could give back
# follows one in these patterns, so a greedy repeat matches exactly the same (only
# slower on huge runs) on Python 3.10.
_MANY = "*+" if sys.version_info >= (3, 11) else "*"
_SPOTS = re.compile(
    rf"[.,;:!?(\[]"
    rf"(?:(?<=[.,;:!?])(?:(?<={_H}.)|(?={_H}*{_MARK}))(?:{_H}*{_MARK}){_MANY}"  # a cluster
    rf"|(?<=\()(?:{_H}*\))(?:{_H}*{_EMPTY}){_MANY}|(?<=\[)(?:{_H}*\])(?:{_H}*{_EMPTY}){_MANY})"
)
# A sentence stop glued to the next sentence: two lowercase letters (or one and a
# closer), a stop (maybe a closing quote), then a capitalised word that is not code
# (``Math.Max(``) or a path.
_MISSING = regex.compile(
    r"[.!?](?<=\p{Ll}\p{Ll}[.!?]|\p{Ll}[”»\"’)][.!?])”?+"
    r"(?=\p{Lu}\p{Ll}*+(?![\p{L}\p{M}\p{N}_(.\[@/:\\]))"
)
# Where a glued stop may start, checked by the stdlib engine before the slower
# ``regex`` one: a stop after two characters that might be lowercase (or one and a
# closer), before a character (maybe after a closing quote) that might be a capital.
# Only what is no lowercase letter (ASCII other than a-z) or no capital (spaces, ASCII
# lower case, digits and punctuation, quotation marks) in any Unicode version is ruled
# out, so every match of _MISSING starts where this matches. Quotation marks and ASCII
# capitals matter: without them, ``them.”`` at a line end and ``U.S. Virgin`` would
# reach ``regex``, some 1,500 stops on the bench corpus for 27 glued ones. _GLUE reads
# from just after the stop.
_MAYBE_LOWER = r"a-z\x80-\U0010ffff"
_GLUE = (rf"(?<=[{_MAYBE_LOWER}][{_MAYBE_LOWER}\")][.!?])"
         r"”?[^\sa-z0-9.,;:!?'\"()\[\]{}<>/\\|@#$%^&*+=~`_\-“”‘’«»„‚‹›]")
_MISSING_GATE = re.compile(rf"[.!?](?={_GLUE})")

# _SPOTS and _MISSING_GATE are only ever *matched*, at the positions the scans below
# find: a scan led by a character class stops at every comma and full stop of the
# prose and costs several times as much as a scan led by one literal character,
# which the engine skips to in a tight loop. So each mark and bracket gets its own
# literal-led scan, whose lookarounds are those of _SPOTS and, for a stop, of
# _MISSING_GATE: together they find every position where either matches (and a few
# more, where neither does). A character the text lacks costs no scan, and a scan
# starts at the first one (``str.find`` runs at memory speed). A zero-width tail keeps
# every match one character long, so none hides another.
# Most stops in prose are followed by a lowercase letter, a digit, a line end, or a
# space and a word: no spot or glued stop starts there, and a negative lookahead
# rejects them before the lookahead for another mark or a capital runs. The other
# marks go without it: their one lookahead (for another mark) rejects ``, x``, most of
# the commas, as fast, and every extra step runs at every comma.
_PROSE = r"(?![a-z0-9\n]| [^\s.,;:!?])"


def _start_scan(mark: str) -> re.Pattern[str]:
    """Where ``mark`` may start a spot or (a stop) a glued sentence."""
    if mark not in ".!?":
        return re.compile(rf"{re.escape(mark)}(?:(?<={_H}.)|(?={_H}{_MANY}{_MARK}))")
    return re.compile(rf"{re.escape(mark)}(?:(?<={_H}.)|{_PROSE}(?={_H}{_MANY}{_MARK}|{_GLUE}))")


# How many of a mark's first occurrences in a block are checked one at a time, with a
# match each, before the rest of the block is left to the mark's scan; ``.`` and ``,``,
# which prose holds on every line, go straight to the scan. ``str.find`` jumps from
# one occurrence to the next several times as fast per character as the engine's
# loop to a literal, but a check costs a call, as much as scanning a few hundred
# characters. Most blocks hold a few semicolons, colons, question marks or brackets
# and no start at all: those cost a few finds, and no scan.
_SPARSE = 8
_START_SCANS = (  # (mark, its scan, how many occurrences to check one by one first)
    *[(mark, _start_scan(mark), 0 if mark in ".," else _SPARSE) for mark in ".,;:!?"],
    ("(", re.compile(rf"\((?={_H}*\))"), _SPARSE),
    ("[", re.compile(rf"\[(?={_H}*\])"), _SPARSE),
)


# A long text is scanned in blocks that stay in the CPU caches: eight scans of a block
# cost little more than one, while eight scans of a text of tens of megabytes would
# each stream it from memory again.
_BLOCK = 1 << 16
_NO_SPACE = re.compile(f"[^{_HCHARS}]")
_START = re.Match.start  # map(_START, matches) reads the starts without a Python loop


def _starts(text: str) -> list[int]:
    """Every position where _SPOTS or _MISSING_GATE may match, in order."""
    found: list[int] = []
    size = len(text)
    start = 0
    while start < size:
        # A block ends before a character that is no space, so no lookahead from
        # inside it reads more than two characters past its end: a run of spaces
        # stops there, and _PROSE and the capital test read two characters.
        end = size
        if size - start > _BLOCK:
            after = _NO_SPACE.search(text, start + _BLOCK)
            end = after.start() if after else size
        seen = min(end + 2, size)
        for char, scan, sparse in _START_SCANS:
            i = text.find(char, start, end)
            if i < 0:
                continue  # a character the block lacks costs no scan
            for _ in range(sparse):
                if scan.match(text, i, seen):
                    found.append(i)
                i = text.find(char, i + 1, end)
                if i < 0:
                    break
            else:  # the rest of the block, from the next occurrence
                matches = scan.finditer(text, i, seen)
                if seen == end:  # the last block: every match is in it
                    found += map(_START, matches)
                else:
                    found.extend(p for m in matches if (p := m.start()) < end)
        start = end
    found.sort()
    return found


def _spots(text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``_SPOTS.finditer(text)``, given ``_starts(text)``."""
    pos = 0
    for start in starts:
        if start >= pos:
            m = _SPOTS.match(text, start)
            if m is not None:
                pos = m.end()
                yield m


def _missing_spaces(text: str, starts: list[int]) -> Iterator[regex.Match[str]]:
    """``_MISSING.finditer(text)``, given ``_starts(text)``."""
    pos = 0
    for start in starts:
        if start >= pos and _MISSING_GATE.match(text, start):
            m = _MISSING.match(text, start)
            if m is not None:
                pos = m.end()
                yield m

# Languages whose typography puts no space before ; : ! ? (French does, with a no-break
# space that scraped text often turns into a plain one). Unknown language: left alone.
_UNSPACED = frozenset((  # noqa: SIM905 - a code list reads better as prose
    "en de es it pt nl pl cs sk sl hr sr bs ro hu fi sv da no nb nn is et lv lt ru uk bg be "
    "mk el tr id ms ca gl tl vi sq af sw"
).split())
# Languages where ” also opens a quotation (”Hej”), so ``.”X`` may be a new quote.
_RIGHT_QUOTE_OPENS = frozenset({"sv", "fi"})
# Abbreviations that take a stop and then a comma ("etc., ", "Calif., ", "godz., ").
# Words without a vowel and words ending in three consonants count as abbreviations
# anyway, so "Jr", "bzw", "Jahrg" need no entry.
_ABBREVIATIONS = frozenset((  # noqa: SIM905 - a word list reads better as prose
    """
    abb abr abs acc ago al am ant ap app apr art aug av ave ca cap cca cfr cia cía cit co
    col dec dep dez dic dir dto ecc ed eds em ene env est etc evt ex fax feb fev fig fri
    gal gen giu gov ibd inc ing jan jul jun lat lit loc lug mag mar max min mon nos nov
    núm oct okt op ord ott out pag par pm pow poz pág ref rep rev sat sec sen sep seq set
    sig sog sra srs sun tel thu tue tys uds ul ust usw ver vid vol wed woj
    изд им обл ок ред рис руб см тыс ул
    abbr admón approx assn assoc atty aufl ausg bearb blvd boul bros calif capt chap cmdr
    colo conn corp dept dipl dott dpto durchges ehem einschl esq exkl febr févr gegr geom
    ggfs godz govt hosp hrsg ibid inkl insb inst intl janv jahrg juil lieut mass messrs
    mich minn misc mlle mmes nachf natl nebr neubearb okla oprac pagg págs penn ppal prof
    profa przyp resp sept sras srta stellv suiv supt tenn thur thurs trad tues univ verh
    vollst vorw wash wisc zzgl aprox avda bspw übers млрд табл
    """
).split())
_VOWELS = frozenset("aeiouyäöüàáâãåæèéêëìíîïòóôõøùúûýœаеёиоуыэюяіїєαεηιουω")
_CONSONANTS = frozenset("bcdfghjklmnpqrstvwxzß")
# The pairs of marks a rule of _cluster_edits acts on (besides runs of commas).
_RULED_PAIRS = frozenset({"..", "?.", "!.", ".,", ",."})
_CLOSERS = frozenset("”’»)]\"'")
_CONTENT = frozenset(")]}”’»\"'%°")
_OPENERS = frozenset("“‘«„\"'([¿¡")
_GENERIC_TLDS = frozenset({"com", "net", "org", "info", "gov", "edu", "io", "co"})
_URLISH = frozenset("./@:\\_=#&?~")
_DOT_CAPITAL = regex.compile(r"[.!?]”?(?=\p{Lu})")
# Guillemets with inner spaces, or a no-break space before ; : ! ? »: a line set in French
# typography. One literal-led pattern per shape, each searched only when its rare first
# character is on the line (an alternation would stop at every space of a long line).
_FRENCH_SPACING = (("«", re.compile("« ")), ("»", re.compile("»(?<= »)")),
                   ("\u00a0", re.compile("\u00a0[;:!?»]")), ("\u202f", re.compile("\u202f[;:!?»]")))


@dataclass(frozen=True, slots=True, kw_only=True)
class Punctuation(Filter):
    """Repair punctuation broken by link removal and bad translation.

    - ``doubled_stop``: ``ministro”. . A`` -> ``ministro”. A`` (two stops between two
      sentences); ``Really?. Then`` -> ``Really? Then``;
    - ``stray_comma``: ``Poland., (UN)`` and ``Poland. , (UN)`` -> ``Poland. (UN)``;
      ``word,. Next`` -> ``word. Next``;
    - ``space_before_punct``: ``word , next`` -> ``word, next``, ``word .`` ->
      ``word.``; before ``; : ! ?`` only in languages that do not space them;
    - ``doubled_comma``: ``word,, next`` and ``word, , next`` -> ``word, next``;
    - ``empty_brackets``: ``the report () says`` -> ``the report says``;
    - ``missing_space``: ``said.The`` -> ``said. The``.

    The language comes from the caller (``language=``) or a cheap detection
    (:attr:`~cleanse.document.Document.quick_language`), and is looked up only when a
    rule depends on it.

    Left alone on purpose: French spacing before ``: ; ! ? »`` (and every no-break
    space); ellipses ``...``, ``. . .`` and the informal ``..``; two stops at the end
    of a line (a spaced ellipsis may have been cut there); abbreviations before a
    comma (``U.S.,``, ``etc.,``, ``Calif.,``, ``XVI.,``, ordinals ``3.,``);
    ``,,Wort`` (a German opening quote); function calls ``f()`` and code such as
    ``x = []`` or ``() =>``; emoticons ``:)``; decimals (``3.14``), domains
    (``example.com``, ``Example.Com``), paths, initials (``J.R.R. Tolkien``) and
    dotted abbreviations (``z.B.Kinder``), identifiers (``Math.Max(``, ``AF_INET``).

    >>> from cleanse import Pipeline
    >>> r = Pipeline([Punctuation()])("o plano”. . O fim. Polónia., (ONU) e () mais ok.Fim , sim")
    >>> r.text
    'o plano”. O fim. Polónia. (ONU) e mais ok. Fim, sim'
    >>> [c.reason for c in r.changes]
    ['doubled_stop', 'stray_comma', 'empty_brackets', 'missing_space', 'space_before_punct']
    """

    name = "punctuation"
    reasons = ("doubled_stop", "stray_comma", "space_before_punct", "doubled_comma",
               "empty_brackets", "missing_space")

    def edits(self, doc: Document) -> list[Edit]:
        """Edits for every suspicious spot that is an artefact."""
        text = doc.text
        language: list[str | None] = []  # looked up once, on first need

        def lang() -> str | None:
            if not language:
                language.append(doc.quick_language)
            return language[0]

        # Three phases, each on the text as the previous one leaves it, so that one
        # pass finishes the job (idempotence): empty brackets go first ("word ()." ->
        # "word."), then clusters of marks ("word! ()." -> "word!." -> "word!"), then
        # glued sentences ("word ().Next" -> "word. Next"). The first two only delete,
        # so positions map back to the input by counting the deleted characters.
        starts = _starts(text)
        if not starts:
            return []  # clean prose: nothing suspicious anywhere
        brackets: list[Edit] = []
        clusters: list[tuple[int, int]] = []
        for m in _spots(text, starts):
            first, end = m.span()
            start = _spaces_before(text, first)
            if text[first] not in "([":
                clusters.append((start, end))
            else:
                edit = _bracket_edit(text, start, first, end)
                if edit is not None:
                    brackets.append(edit)
        view = text
        if brackets:
            brackets = _disjoint(brackets)
            view = spliced(text, brackets)
            starts = _starts(view)
            clusters = [(_spaces_before(view, m.start()), m.end())
                        for m in _spots(view, starts) if view[m.start()] not in "(["]
        marks: list[Edit] = []
        if clusters:
            french = _french_lines(view)
            for start, end in clusters:
                if start > 0 and _is_content(view[start - 1]):
                    marks.extend(_cluster_edits(view, start, end, lang, french))
        edits = brackets
        if marks:
            marks = _disjoint(marks)
            edits = brackets + _to_source(brackets, marks)
            view = spliced(view, marks)
            starts = _moved(starts, marks)
        deletions = _disjoint(edits)
        floor = 0  # a space inserted splits a token: later checks look only past it
        for m in _missing_spaces(view, starts):
            if _glued(view, m.start(), m.end(), floor, lang):
                floor = m.end()
                edits.extend(_to_source(deletions, [Edit(m.end(), m.end(), " ",
                                                         "missing_space")]))
        return _disjoint(edits)


def _moved(starts: list[int], deletions: list[Edit]) -> list[int]:
    """Where _MISSING_GATE may match once the sorted, disjoint ``deletions`` are applied,
    from the ``starts`` of the text before them (no rescan).

    The gate reads a stop and the two characters after it, so it can only change
    for the two positions before each seam; every other position keeps its answer
    and moves left by the characters deleted before it.
    """
    moved: list[int] = []
    k, shift = 0, 0  # deletions[:k] end at or before the current start, ``shift`` chars
    for pos in starts:
        while k < len(deletions) and deletions[k].end <= pos:
            shift += deletions[k].end - deletions[k].start
            k += 1
        if k == len(deletions) or pos < deletions[k].start:  # not deleted
            moved.append(pos - shift)
    shift = 0
    for e in deletions:
        seam = e.start - shift
        moved.extend(p for p in (seam - 2, seam - 1) if p >= 0)
        shift += e.end - e.start
    moved.sort()
    return moved


def _to_source(deletions: list[Edit], edits: list[Edit]) -> list[Edit]:
    """Map ``edits`` on the text after ``deletions`` back onto the text before them.

    Both lists are sorted and disjoint. A deletion that spans an earlier deletion is
    split around it; an insertion lands after the deletions at its position.
    """
    if not deletions:
        return list(edits)
    out: list[Edit] = []
    k, shift = 0, 0  # deletions[:k] lie before the current position, ``shift`` chars
    for e in edits:
        cur = e.start
        while k < len(deletions) and deletions[k].start - shift <= cur:
            shift += deletions[k].end - deletions[k].start
            k += 1
        if e.start == e.end:
            out.append(Edit(cur + shift, cur + shift, e.replacement, e.reason))
            continue
        while k < len(deletions) and deletions[k].start - shift < e.end:
            gap = deletions[k].start - shift  # the next deletion, in view coordinates
            if gap > cur:
                out.append(Edit(cur + shift, gap + shift, "", e.reason))
            cur = gap
            shift += deletions[k].end - deletions[k].start
            k += 1
        out.append(Edit(cur + shift, e.end + shift, e.replacement, e.reason))
    return out


def _disjoint(edits: list[Edit]) -> list[Edit]:
    """The edits in order, without any that would overlap an earlier one.

    The rules are built not to overlap; this keeps a missed corner case from turning
    into an error on someone's corpus (law L7).
    """
    edits.sort()
    kept: list[Edit] = []
    for e in edits:
        if kept and (e.start < kept[-1].end or e.start == e.end == kept[-1].start == kept[-1].end):
            continue
        kept.append(e)
    return kept


def _cluster_edits(text: str, start: int, end: int, lang: Callable[[], str | None],
                   french: Callable[[int], bool]) -> list[Edit]:
    """Edits for one cluster ``text[start:end]``: optional spaces, then two or more marks
    (maybe spaced), or spaces and one mark."""
    cluster = text[start:end]
    marks = "".join(cluster.split())  # a cluster holds only spaces and marks
    if len(marks) > 1 and marks not in _RULED_PAIRS and marks.strip(","):
        return []  # ellipses "...", ". . .", "?!", "::" and the like stay
    body = start + len(cluster) - len(cluster.lstrip(_HCHARS))  # the first mark
    spaced = len(marks) < end - body  # spaces between the marks
    after, nxt = _after(text, end)
    core: list[Edit] = []
    if len(marks) == 1:
        pass
    elif marks == ".." and spaced and after == "space" and _starts_sentence(nxt):
        # ". ." between two sentences; at a line end it may be a cut spaced ellipsis
        core.append(Edit(body + 1, end, "", "doubled_stop"))
    elif marks in ("?.", "!.") and after != "word":
        core.append(Edit(body + 1, end, "", "doubled_stop"))
    elif marks == ".," and after in ("eol", "space"):
        # "Polónia., (ONU)" and "Polonia. , (ONU)"; but "U.S., Canada", "Calif., police"
        if _ends_sentence(text, start, nxt):
            core.append(Edit(body + 1, end, "", "stray_comma"))
        elif spaced:  # "Jr . , 55" -> "Jr., 55"
            core.append(Edit(body + 1, end - 1, "", "space_before_punct"))
    elif marks == ",." and after != "word" and not text[start - 1].isdigit():
        core.append(Edit(body, end - 1, "", "stray_comma"))
    elif set(marks) == {","} and after in ("eol", "space"):  # not ",,Wort", a quote
        core.append(Edit(body + 1, end, "", "doubled_comma"))
    else:
        return []  # "..", "?.Word", ",,Wort" and the like stay
    if body > start and _lead_removable(text, start, marks[0], after, nxt, lang=lang,
                                           french=french):
        core.insert(0, Edit(start, body, "", "space_before_punct"))
    return core


def _lead_removable(text: str, start: int, mark: str, after: str, nxt: str, *,
                    lang: Callable[[], str | None], french: Callable[[int], bool]) -> bool:
    """May the spaces before ``mark`` go? Never before a word (`` .com``, `` ,,Wort``)."""
    if after == "word":
        return False
    if mark == ",":
        return True
    if mark == ".":
        # not a path or a command: "COPY . /app", "poetry.lock ."; a dot before a
        # capital ("U.S .", "said.The .") is a stop, not part of a file name
        token = _DOT_CAPITAL.sub("", _token_before(text, start))
        return nxt not in "/\\.-" and not _URLISH.intersection(token)
    if after == "close" or (mark == ":" and text[start - 1].isdigit()):
        return False  # emoticons ":)", ";-)", scores and ratios "2 : 1"
    if french(start):
        return False  # "« Oui » : French typography, whatever the document's language
    return lang() in _UNSPACED


def _french_lines(text: str) -> Callable[[int], bool]:
    """``french(pos)``: is the line of ``text`` around ``pos`` set in French typography?

    Each line is searched once, however many spots it holds (a one-line page may
    hold thousands): the spots come in order, so remembering the last line is enough.
    """
    line, found = (0, -1), False  # the line last searched (start, end) and its answer

    def french(pos: int) -> bool:
        nonlocal line, found
        if not line[0] <= pos < line[1]:
            end = text.find("\n", pos)
            line = (_line_start(text, pos), len(text) if end < 0 else end)
            found = _french_spacing(text, *line)
        return found

    return french


def _french_spacing(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` hold any of the shapes of _FRENCH_SPACING?"""
    for char, shape in _FRENCH_SPACING:
        i = text.find(char, start, end)
        if i >= 0 and shape.search(text, i, end):
            return True
    return False


def _after(text: str, pos: int) -> tuple[str, str]:
    """What follows a cluster: ``eol``, ``space``, ``close`` (a closer) or ``word``; and
    :func:`_next_visible` (one walk over the spaces for both).

    Any space counts, no-break ones included: Whitespace later strips them at a line
    end, and the answer must not change when it does.
    """
    i = _skip_spaces(text, pos)
    nxt = text[i] if i < len(text) else "\n"
    if nxt in "\r\n":
        return "eol", nxt
    if i > pos:
        return "space", nxt
    return ("close" if nxt in _CLOSERS else "word"), nxt


def _skip_spaces(text: str, pos: int) -> int:
    """The first position at or after ``pos`` that is not a space within the line."""
    while pos < len(text) and text[pos].isspace() and text[pos] not in "\r\n":
        pos += 1
    return pos


def _next_visible(text: str, pos: int) -> str:
    """The first character at or after ``pos`` that is not a space (``"\\n"`` at the end)."""
    i = _skip_spaces(text, pos)
    return text[i] if i < len(text) else "\n"


def _starts_sentence(ch: str) -> bool:
    """Can ``ch`` start a sentence: uppercase, a digit, an opener, an uncased letter?"""
    return ch.isupper() or ch.isdigit() or ch in _OPENERS or (ch.isalpha() and not ch.islower())


def _token_before(text: str, pos: int, floor: int = 0) -> str:
    """The run of non-space characters that ends at ``pos`` (starting at ``floor`` or later)."""
    i = pos
    while i > floor and not text[i - 1].isspace():
        i -= 1
    return text[i:pos]


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _ends_sentence(text: str, stop: int, nxt: str) -> bool:
    """Does the word ending at ``stop`` end a sentence rather than an abbreviation?

    ``nxt`` is the first visible character after the cluster. Precision first: a word
    in capitals, after a dot, listed, without a vowel, or ending in three consonants
    of which the last is not s, t, h or d ("Jahrg", "Eigenvlg") is an abbreviation, so
    "etc., and" keeps its comma; a word of three letters or fewer ends a sentence only
    when it is lowercase and a new sentence follows ("mes., La"). The price: a rare
    real ending such as "Berg., Das" is left as it is.
    """
    prev = text[stop - 1] if stop > 0 else ""
    if prev in _CLOSERS:  # "plano”.,"
        return True
    i = stop
    while i > 0 and (text[i - 1].isalpha() or unicodedata.category(text[i - 1])[0] == "M"):
        i -= 1
    word = text[i:stop]
    if not word or word.isupper() or (i > 0 and text[i - 1] == "."):  # "XVI", "U.S."
        return False
    lower = word.lower()
    if lower in _ABBREVIATIONS or not any(ch in _VOWELS for ch in lower):
        return False
    if len(word) <= 3:
        return word == lower and (nxt.isupper() or nxt in _OPENERS)
    # "Jahrg", "Eigenvlg" are cut short; "ports", "first", "world", "length" are words
    return not (all(ch in _CONSONANTS for ch in lower[-3:]) and lower[-1] not in "sthd")


def _bracket_edit(text: str, start: int, first: int, end: int) -> Edit | None:
    """Remove empty brackets ``text[first:end]`` (and the spaces from ``start``).

    Only after a word and a space, or at a line start; never code (``f()``, ``= []``,
    ``() =>``, ``[](url)``).
    """
    at_line_start = start == 0 or text[start - 1] == "\n"
    if not at_line_start and (start == first or not _is_word_end(text[start - 1])):
        return None  # "f()", "x = []"
    i = end
    while i < len(text) and text[i] in _HCHARS:
        i += 1
    nxt = _next_visible(text, end)
    if nxt in "=-+*/<>{[&|^%~" or (i == end and not text[i:i + 1].isspace()
                                    and nxt not in ".,;:!?)]”’»\"'\n"):
        return None  # "() =>", "[](url)", "()()"
    if at_line_start and nxt not in ".,;:!?":
        return Edit(start, i, "", "empty_brackets")  # "() Text" -> "Text"
    return Edit(start, end, "", "empty_brackets")


def _spaces_before(text: str, pos: int) -> int:
    """The start of the run of spaces that ends at ``pos``."""
    while pos > 0 and text[pos - 1] in _HCHARS:
        pos -= 1
    return pos


def _is_content(ch: str) -> bool:
    """A character a cluster of marks may follow: a letter, digit, accent or closer."""
    return ch.isalnum() or ch in _CONTENT or unicodedata.category(ch)[0] == "M"


def _is_word_end(ch: str) -> bool:
    """What empty brackets may follow: content, or sentence punctuation."""
    return _is_content(ch) or unicodedata.category(ch) == "Po"


def _glued(text: str, start: int, end: int, floor: int,
           lang: Callable[[], str | None]) -> bool:
    """Is ``text[start:end]`` (a stop glued to a capital) a missing space, not a name?

    The token before the stop starts no earlier than ``floor``.
    """
    token = _token_before(text, start, floor)
    if any(ch in _URLISH or ch.isdigit() for ch in token):
        return False  # paths, e-mail, URLs, dotted names ("J.Biol.Chem"), "v2.Beta"
    j = end
    while j < len(text) and text[j].isalpha():
        j += 1
    if text[end:j].lower() in _GENERIC_TLDS:
        return False  # "Example.Com"
    return not (text[end - 1] == "”" and lang() in _RIGHT_QUOTE_OPENS)
