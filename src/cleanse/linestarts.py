"""One scan of a text's line starts for every rule that matches lines from their start.

Six line filters of the default pipeline look for phrases at the start of a line
("Leave a Reply", "Powered by Blogger", "Share this:"). Each used to scan the whole
text with its own pattern: little work per line, but the same work six times, since
every scan stops at every line break and reads the first characters there.

Here each such *rule* registers its *keys* (:func:`register`, :func:`key_of`): the
first few letters or digits of every line it may match, whatever separates them
(rules allow bullets, spaces or punctuation before their phrase and between its
words). All keys of all rules make one trie, so one scan of a text finds, for every
rule, the line breaks before the lines that start with one of its keys
(:meth:`LineStartIndex.candidates`; cached per text by
:meth:`~cleanse.document.Document.line_candidates`). Most lines are prose and go to
no rule at all.

A rule then tries its own pattern only at its candidates, so it finds exactly what
its own scan of the whole text would, provided its keys are complete: the letters
and digits that start every line it can match begin with one of its keys. Keys are
matched generously, so that a rule's own matching is always stricter: letters in
any case (as either ``re`` or ``regex`` folds them), any digit for a digit, any run
of non-word characters between two of them. A key that holds a whole phrase which
ends where a word ends (marked :data:`WORD_END`: "i$", "Share$") matches only where
the line's first word may end there too: "I think", not "Instead". The first line
has no line break before it: rules check it on their own.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import regex

__all__ = ["KEY_SIZE", "WORD_END", "LineBreaks", "LineStartIndex", "build_index", "index", "key_of",
           "register"]

#: How many letters or digits a key holds at most.
KEY_SIZE = 7
#: Ends a key that holds every letter and digit of a phrase which ends where a word
#: ends (as a phrase book's phrases do): the key then matches only where the line's
#: word may end too ("i$" matches "I think" and "I", not "Instead").
WORD_END = "$"
# What may not follow such a key: a digit or a lower-case letter of the common
# scripts. A phrase that ends where a word ends is followed by no word character, or
# by a capital (two link texts glued together), and one that goes on after its last
# letter goes on with punctuation or "_": so this lookahead is a cheap superset of
# each rule's own, and the rule's own pattern still decides.
_WORD_END_SOURCE = "(?![0-9a-z\u00df-\u00f6\u00f8-\u00ff\u0430-\u044f\u0451])"
# What a line may hold before its first letter or digit, and between two words:
# anything but a letter, a digit or a line break ("_" is a word character that is
# neither).
_SEP = r"(?:[^\w\n]|_)"
# The same, any number of times, as the engine runs it faster: no alternation per
# character of the lead (almost every line has none).
_LEAD = r"[^\w\n]*+(?:_[^\w\n]*+)*+"
# A trie node with this many children or more groups them behind lookaheads.
_GROUPED = 6
# Matched keys remembered per index (a memo: keys recur in every document).
_MEMO_SIZE = 4096
# A first line up to this long is scanned (on a copy); a longer one may go to any rule.
_HEAD_SIZE = 4000


def key_of(start: str, size: int = KEY_SIZE) -> str | None:
    """The key of a line that starts with ``start``: its first ``size`` letters and
    numbers, a space where anything else stood between two of them; a number (a
    run of digits, which a rule may match at any length) is written ``0``. ``None``
    when the line holds no letter or digit.

    >>> key_of("Share this"), key_of("S'abonner"), key_of("• A. Smith"), key_of("12 Comments")
    ('Share th', 'S abonne', 'A Smith', '0 Commen')
    """
    key: list[str] = []
    count = 0
    gap = number = False  # since the last letter or digit: something else, digits
    for char in start:
        if char == "\n":
            break
        if char.isdecimal():
            if number and not gap:
                continue
            element = "0"
        elif char.isalnum():  # the stdlib's \w, less "_"
            element = char
        else:
            gap = True
            continue
        if gap and key:
            key.append(" ")
        key.append(element)
        count += 1
        gap, number = False, element == "0"
        if count == size:
            break
    return "".join(key) or None


@cache
def _folds(char: str) -> frozenset[str]:
    """Every character that ``char`` matches case-insensitively under ``re`` or under
    ``regex`` (a superset of both), ``char`` included."""
    from cleanse.phrases import cased_characters  # noqa: PLC0415 - phrases imports us

    cased = cased_characters()
    return frozenset({char, *re.findall(f"(?i){re.escape(char)}", cased),
                      *regex.findall(f"(?i){regex.escape(char)}", cased)})


def _letter_classes(keys: Iterable[str]) -> dict[str, frozenset[str]]:
    """For each letter of ``keys`` (and each character it matches), every character
    it stands for in a line: its folds, and those of every letter that shares one
    with them ("i" and "İ" both match "I"). Letters are grouped this way so that two
    branches of a trie never match the same character: a trie then finds the
    longest key a line starts with."""
    parent: dict[str, str] = {}

    def root(c: str) -> str:
        while parent.setdefault(c, c) != c:
            c = parent[c]
        return c

    letters = {c for key in keys for c in key.removesuffix(WORD_END) if c not in "0 "}
    for letter in letters:
        for c in _folds(letter):
            parent[root(c)] = root(letter)
    groups: dict[str, set[str]] = {}
    for c in list(parent):
        groups.setdefault(root(c), set()).add(c)
    return {c: frozenset(group) for group in groups.values() for c in group}


def _class(chars: frozenset[str]) -> str:
    """What goes inside ``[...]`` for ``chars``."""
    return "".join(re.escape(c) for c in sorted(chars))


def _key_source(keys: Iterable[str], letters: dict[str, frozenset[str]]) -> str:
    """A stdlib pattern that matches the longest of ``keys`` a line starts with, its
    lead included (see the module docstring for how generously); ``letters`` as
    :func:`_letter_classes` gives them, for at least the letters of ``keys``."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for key in keys:
        node = trie
        # a letter's group is named by its first character
        for ch in key.removesuffix(WORD_END):
            node = node.setdefault(ch if ch in "0 " else min(letters[ch]), {})
        node[WORD_END if key.endswith(WORD_END) else ""] = {}

    def first(ch: str) -> str:  # a class of what a branch may start with
        return r"\d" if ch == "0" else r"\W_" if ch == " " else _class(letters[ch])

    def step(ch: str) -> str:  # one element of a key: a number, a gap, or a letter
        if ch == "0":
            return r"\d++"
        if ch == " ":
            return _SEP + "++"
        chars = letters[ch]
        return re.escape(ch) if len(chars) == 1 else f"[{_class(chars)}]"

    def ended(body: str, node: dict) -> str:  # type: ignore[type-arg]
        # every child first, then the end: the longest key wins; a key that may
        # end anywhere wins over one that needs a word end
        if "" in node:
            return f"(?:{body})?" if body else ""
        if WORD_END in node:
            return f"(?:{body}|{_WORD_END_SOURCE})" if body else _WORD_END_SOURCE
        return body

    def source(node: dict, root: bool = False) -> str:  # type: ignore[type-arg]
        # (no two children match the same character)
        chars = sorted(ch for ch in node if ch and ch != WORD_END)
        if not chars:
            return ended("", node)
        children = [step(ch) + source(node[ch]) for ch in chars]
        if len(children) == 1:
            return ended(children[0], node)
        if len(children) < _GROUPED:
            return ended("(?:" + "|".join(children) + ")", node)
        # the engine tries alternatives one by one: a few groups, each behind a class
        # of its first characters, skip most of them
        size = math.isqrt(len(children) - 1) + 1
        groups = [(chars[i:i + size], "(?:" + "|".join(children[i:i + size]) + ")")
                  for i in range(0, len(children), size)]
        if root:
            # Every line enters the root, and most fail a little deeper, after which a
            # branch of groups goes on to try every other group. Here one lookahead
            # (atomic, like all of them) marks the group of the first character with
            # an empty named group, and a chain of conditions on the marks tries that
            # group alone (no key is at the root: it never ends a match): 7% less time
            # for the whole scan on the bench corpus.
            marks = "|".join(f"[{''.join(map(first, firsts))}](?P<_k{n}>)"
                             for n, (firsts, _) in enumerate(groups))
            body = groups[-1][1]
            for n in reversed(range(len(groups) - 1)):
                body = f"(?(_k{n}){groups[n][1]}|{body})"
            return f"(?={marks}){body}"
        return ended("(?:" + "|".join(f"(?=[{''.join(map(first, firsts))}]){group}"
                                      for firsts, group in groups) + ")", node)

    return _LEAD + source(trie, root=True) if trie else "(?!)"


class LineBreaks:
    """What a scan found: the line breaks before candidate lines, in order, and for
    each the rules it goes to."""

    __slots__ = ("_by_rule", "breaks", "owners", "version")

    def __init__(self, version: int, breaks: list[int], owners: list[tuple[int, ...]],
                 by_rule: list[list[int]] | None = None) -> None:
        self.version = version  # of the index that scanned
        self.breaks = breaks
        self.owners = owners
        self._by_rule = by_rule  # the breaks of each rule, when known

    def of(self, rule: int) -> Sequence[int]:
        """The line breaks before the lines that ``rule`` may match (not to be changed:
        the lists of every rule are made at once, by the scan or on the first call)."""
        by_rule = self._by_rule
        if by_rule is None:
            by_rule = self._by_rule = [[] for _ in range(self.version)]
            for pos, ids in zip(self.breaks, self.owners, strict=True):
                for i in ids:
                    by_rule[i].append(pos)
        return by_rule[rule]


@dataclass(frozen=True, slots=True)
class LineStartIndex:
    """The scan for the rules registered so far (see the module docstring)."""

    version: int  # how many rules it covers
    scan: re.Pattern[str]
    # A matched line start goes to every rule with a key that begins its key. Keys are
    # compared in a canonical spelling: each letter as its group's first character.
    canonical: dict[str, str]  # a key letter, or a character it matches -> its group's
    by_key: dict[str, tuple[int, ...]]  # a rule's key, canonical -> the rules it is of
    # characters both in a letter group and not alphanumeric, which the scan may read
    # as a letter or as a separator (the Greek iota subscript): key_of() cannot parse a
    # match that holds one, and each rule's own pattern tells whose it is
    ambiguous: frozenset[str]
    rule_keys: tuple[tuple[str, ...], ...]
    # matched text -> the rules it goes to; a memo of a pure function, bounded
    _owners: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False)
    _patterns: list[tuple[re.Pattern[str], ...]] = field(default_factory=list, compare=False)

    def candidates(self, text: str, pos: int = 0, endpos: int | None = None) -> LineBreaks:
        """The line breaks before lines that some rule may match (between ``pos`` and
        ``endpos``, which must be line breaks or the ends of ``text``)."""
        breaks: list[int] = []
        owners: list[tuple[int, ...]] = []
        # each rule's list made here too: LineBreaks.of() would loop over them again
        by_rule: list[list[int]] = [[] for _ in range(self.version)]
        memo = self._owners
        matches = self.scan.finditer(text, pos) if endpos is None else \
            self.scan.finditer(text, pos, endpos)
        for m in matches:
            key = m[1]
            try:  # (not "in" then "[]": another thread may clear the memo in between)
                ids = memo[key]
            except KeyError:
                ids = self._remembered(key)
            at = m.start()
            breaks.append(at)
            owners.append(ids)
            for i in ids:
                by_rule[i].append(at)
        return LineBreaks(self.version, breaks, owners, by_rule)

    def first_line(self, text: str) -> tuple[int, ...]:
        """The rules that the first line of ``text`` may go to, as :meth:`candidates`
        gives them for the other lines: the line is scanned on a copy with a line
        break put before it. A line longer than a few thousand characters may go to
        every rule (a copy is not worth it).

        >>> build_index([["Share th"], ["Read"]]).first_line("Share this\\nRead")
        (0,)
        """
        end = text.find("\n", 0, _HEAD_SIZE + 1)
        if end < 0:
            if len(text) > _HEAD_SIZE:
                return tuple(range(self.version))
            end = len(text)
        m = self.scan.match("\n" + text[:end])
        if m is None:
            return ()
        key = m[1]
        try:
            return self._owners[key]
        except KeyError:
            return self._remembered(key)

    def _remembered(self, key: str) -> tuple[int, ...]:
        """:meth:`owners_of` ``key``, remembered (a bounded memo)."""
        memo = self._owners
        ids = memo[key] = self.owners_of(key)
        if len(memo) > _MEMO_SIZE:
            memo.clear()
        return ids

    def owners_of(self, matched: str) -> tuple[int, ...]:
        """The rules that a line start the scan matched goes to, in order.

        >>> build_index([["Share th"], ["Sha"], ["Read"]]).owners_of("- SHARE-TH")
        (0, 1)
        """
        if not self.ambiguous.isdisjoint(matched):
            return self.owners_by_patterns(matched)
        key = key_of(matched) or ""
        canonical = self.canonical
        key = "".join([canonical.get(c, c) for c in key])
        by_key = self.by_key
        ids = {i for end in range(1, len(key) + 1) for i in by_key.get(key[:end], ())}
        return tuple(sorted(ids))

    def owners_by_patterns(self, matched: str) -> tuple[int, ...]:
        """:meth:`owners_of` the slow way, which needs no parse of ``matched``: each
        rule's keys compiled alone, and matched against it."""
        with _LOCK:
            if not self._patterns:
                letters = _letter_classes(k for keys in self.rule_keys for k in keys)
                # as owners_of() reads them: a key that needs a word end owns the
                # line starts it begins (only the scan asks for the word end)
                self._patterns.append(tuple(
                    re.compile(_key_source([k.removesuffix(WORD_END) for k in keys], letters))
                    for keys in self.rule_keys))
        return tuple(i for i, r in enumerate(self._patterns[0]) if r.match(matched))


_LOCK = threading.Lock()
_RULES: list[tuple[str, ...]] = []  # each rule's keys, in the order they registered
_NUMBERS: dict[tuple[str, ...], int] = {}  # keys -> their rule
_INDEX: list[LineStartIndex] = []  # the index of every rule, once compiled


def register(keys: Iterable[str]) -> int:
    """Add a rule with these keys (each one as :func:`key_of` gives it); its number.

    A rule with the same keys as one registered before gets that rule's number: a
    pattern built again (per filter instance, per call) does not grow the index.
    """
    keys = tuple(sorted(set(keys)))
    if not keys or any(key_of(plain := k.removesuffix(WORD_END)) != plain for k in keys):
        raise ValueError(f"not keys of KEY_SIZE letters or digits: {keys!r}")
    with _LOCK:
        number = _NUMBERS.get(keys)
        if number is None:
            number = _NUMBERS[keys] = len(_RULES)
            _RULES.append(keys)
            _INDEX.clear()
        return number


def index() -> LineStartIndex:
    """The scan for every rule registered so far (compiled on first use)."""
    try:  # (no "if" first: another thread may register, and clear it, in between)
        return _INDEX[0]
    except IndexError:
        pass
    with _LOCK:
        if not _INDEX:
            _INDEX.append(build_index(_RULES))
        return _INDEX[0]


def build_index(rules: Sequence[Iterable[str]]) -> LineStartIndex:
    """A :class:`LineStartIndex` for rules with these keys (rule ``i`` has ``rules[i]``).

    >>> found = build_index([["Share th", "i"], ["İçeriğe"]]).candidates("x\\nİçeriğe geç")
    >>> found.breaks, found.owners
    ([1], [(0, 1)])
    """
    rule_keys = tuple(tuple(keys) for keys in rules)
    every = [key for keys in rule_keys for key in keys]
    letters = _letter_classes(every)
    canonical = {c: min(group) for c, group in letters.items()}
    by_key: dict[str, set[int]] = {}
    for i, keys in enumerate(rule_keys):
        for key in keys:
            plain = key.removesuffix(WORD_END)  # owners: as if it might end anywhere
            by_key.setdefault("".join([canonical.get(c, c) for c in plain]), set()).add(i)
    return LineStartIndex(len(rule_keys), re.compile(rf"\n({_key_source(every, letters)})"),
                          canonical, {k: tuple(sorted(v)) for k, v in by_key.items()},
                          frozenset(c for c in canonical if not c.isalnum()), rule_keys)
