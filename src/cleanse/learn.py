"""Corpus-learned boilerplate: the lines a site repeats across many of its documents.

Phrase lists know the junk that every site shares ("Post a Comment"); they cannot
know one blog's own category names or its own footer. :func:`learn` finds those by
counting, over a corpus, in how many distinct documents of each *site* (the host of
the record's ``url``, as :attr:`cleanse.Context.site` gives it) every normalised line
(:func:`cleanse.phrases.normalise_line`) appears. A line is kept for a site when the
site repeats it in at least ``min_documents`` of its documents *and* in at least
``min_share`` of them. :class:`~cleanse.filters.learned.LearnedBoilerplate` then
removes the kept lines from that site's documents, with the reason
``repeated_on_site``.

Lines are judged per site only: "Thank you." closing one post on each of a thousand
blogs is nobody's boilerplate and is never learned, while a site that closes most of
its posts with it has made it part of its template. Exact duplicate documents (same
site, same text) are counted once, so an article scraped ten times does not turn
into its own boilerplate.

Counting is one streaming pass in bounded memory. Each line is counted under a
64-bit hash of its normalised form; its text is stored only once it reaches
``min_documents``. When the counters outgrow ``max_entries``, the rarest entries are
pruned (lossy counting): every count is then an undercount by at most
``max_undercount`` (recorded in the model), which is 0 unless the budget was hit.
For corpora beyond one machine, :func:`cleanse.integrations.ray.learn_dataset`
computes the same model with Ray Data.

>>> docs = [{"url": f"https://garden.example/p{i}", "text": f"Post {i}.\\nFiled under: Roses"}
...         for i in range(6)]
>>> model = learn(docs, min_documents=5, min_share=0.5)
>>> dict(model)
{'garden.example': frozenset({'filed under roses'})}
>>> BoilerplateModel.from_dict(model.to_dict()) == model
True
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from hashlib import blake2b
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from cleanse.document import Context
from cleanse.errors import ConfigError
from cleanse.phrases import normalise_line, trie_pattern

if TYPE_CHECKING:
    from cleanse.pipeline import Pipeline

__all__ = [
    "BoilerplateModel",
    "Learner",
    "add_arguments",
    "document_lines",
    "learn",
    "learn_main",
    "learned_pipeline",
    "line_key",
    "model_from_counts",
    "normalised_lines",
    "read_records",
    "run",
]

FORMAT = "cleanse-boilerplate"
FORMAT_VERSION = 1

#: Default thresholds (also the CLI's defaults).
MIN_DOCUMENTS = 5
MIN_SHARE = 0.1
MAX_CHARS = 1000
MAX_ENTRIES = 2_000_000

# What normalise_line turns into one space, minus the line break: normalising a whole
# text with it and splitting on "\n" gives normalise_line() of every line in one C-level
# pass (checked against normalise_line by a property test).
_SEP_NO_BREAK = r"[[\s\p{P}\p{S}]--[\n]]"
_NORMALISE_TEXT = regex.compile(rf"(?V1){_SEP_NO_BREAK}+")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")


# ---------------------------------------------------------------------------- the model


class BoilerplateModel(Mapping[str, frozenset[str]]):
    """An immutable mapping ``site -> frozenset of normalised lines`` to remove there.

    Lines given by hand are normalised on the way in (so ``"Follow us!"`` and
    ``"follow us"`` are the same line). ``documents`` (documents seen per site),
    ``line_documents`` (documents per kept line) and ``settings`` (how it was learned)
    are informative only: equality and hashing look at the sites and lines alone.
    The model is picklable, hashable and safe to share between threads.

    >>> m = BoilerplateModel({"www.example.com": ["Follow us!", "  "], "other.org": []})
    >>> dict(m), m.get("other.org"), len(m)
    ({'example.com': frozenset({'follow us'})}, None, 1)
    """

    __slots__ = ("_documents", "_hash", "_line_documents", "_lines", "_patterns", "settings")

    def __init__(self, sites: Mapping[str, Iterable[str]] | None = None, *,
                 documents: Mapping[str, int] | None = None,
                 line_documents: Mapping[str, Mapping[str, int]] | None = None,
                 settings: Mapping[str, Any] | None = None) -> None:
        lines: dict[str, frozenset[str]] = {}
        for raw_site, raw_lines in (sites or {}).items():
            site = _site_key(raw_site)
            kept = frozenset(n for n in map(normalise_line, raw_lines) if n)
            if kept:
                lines[site] = lines.get(site, frozenset()) | kept
        self._lines = dict(sorted(lines.items()))
        self._documents = {_site_key(s): int(n) for s, n in (documents or {}).items()}
        self._line_documents = {
            _site_key(s): {normalise_line(ln): int(n) for ln, n in per_site.items()}
            for s, per_site in (line_documents or {}).items()}
        #: How the model was learned: thresholds and corpus counts (JSON-safe).
        self.settings: dict[str, Any] = dict(settings or {})
        self._hash: int | None = None
        # Compiled per-site line patterns, built on first use: derived from the
        # immutable lines only, so they never make one document depend on another.
        self._patterns: dict[str, regex.Pattern[str]] = {}

    # Mapping
    def __getitem__(self, site: str) -> frozenset[str]:
        return self._lines[site]

    def __iter__(self) -> Iterator[str]:
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, BoilerplateModel):
            return self._lines == other._lines
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._lines.items()))
        return self._hash

    def __repr__(self) -> str:
        count = sum(map(len, self._lines.values()))
        return f"BoilerplateModel({len(self._lines)} sites, {count} lines)"

    def __reduce__(self) -> tuple[Any, ...]:
        return (BoilerplateModel.from_dict, (self.to_dict(),))

    @property
    def line_count(self) -> int:
        """How many (site, line) pairs the model removes."""
        return sum(map(len, self._lines.values()))

    def documents(self, site: str) -> int | None:
        """How many distinct documents of ``site`` were counted (``None`` if unknown)."""
        return self._documents.get(site)

    def line_documents(self, site: str) -> dict[str, int]:
        """``{line: documents it appeared in}`` for ``site`` (empty if unknown)."""
        return dict(self._line_documents.get(site, {}))

    def pattern(self, site: str) -> regex.Pattern[str] | None:
        """A multiline pattern whose matches start on lines that may be ``site``'s
        learned lines (every line of the site factored into one alternation; callers
        confirm each candidate with :func:`~cleanse.phrases.normalise_line`).

        >>> m = BoilerplateModel({"a.example": ["Filed under: News"]})
        >>> bool(m.pattern("a.example").search("x\\n— FILED under   news —\\ny"))
        True
        """
        compiled = self._patterns.get(site)
        if compiled is None:
            lines = self._lines.get(site)
            if not lines:
                return None
            sep = _SEP_NO_BREAK
            body = trie_pattern(sorted(lines)).replace(r"\ ", f"{sep}++")
            # casefolded words compared with full case folding (ß ~ ss); separators
            # are possessive and disjoint from words, so a line is scanned once
            compiled = regex.compile(rf"(?V1fim)^{sep}*+{body}{sep}*+$")
            self._patterns[site] = compiled
        return compiled

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict (what :meth:`save` writes); lines most frequent first."""
        sites: dict[str, Any] = {}
        for site, lines in self._lines.items():
            counts = self._line_documents.get(site, {})
            ordered = sorted(lines, key=lambda ln: (-counts.get(ln, 0), ln))
            entry: dict[str, Any] = {}
            if site in self._documents:
                entry["documents"] = self._documents[site]
            entry["lines"] = {ln: counts.get(ln, 0) for ln in ordered}
            sites[site] = entry
        return {"format": FORMAT, "version": FORMAT_VERSION, "settings": dict(self.settings),
                "sites": sites}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BoilerplateModel:
        """Rebuild a model written by :meth:`to_dict`."""
        if data.get("format") != FORMAT or not isinstance(data.get("sites"), Mapping):
            raise ConfigError("not a cleanse boilerplate model (expected a JSON object with "
                              f"\"format\": \"{FORMAT}\"; write one with `cleanse learn`)")
        if int(data.get("version", 0)) > FORMAT_VERSION:
            raise ConfigError(f"boilerplate model version {data['version']} is newer than "
                              f"this cleanse reads ({FORMAT_VERSION}): upgrade cleanse")
        sites: dict[str, list[str]] = {}
        documents: dict[str, int] = {}
        line_documents: dict[str, dict[str, int]] = {}
        for site, entry in data["sites"].items():
            lines = entry.get("lines", {})
            sites[site] = list(lines)
            if isinstance(lines, Mapping):
                line_documents[site] = {str(k): int(v) for k, v in lines.items()}
            if "documents" in entry:
                documents[site] = int(entry["documents"])
        return cls(sites, documents=documents, line_documents=line_documents,
                   settings=data.get("settings"))

    def save(self, path: str | Path) -> None:
        """Write the model as readable JSON (UTF-8)."""
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=1)
        Path(path).write_text(text + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> BoilerplateModel:
        """Read a model written by :meth:`save` (or by ``cleanse learn``)."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{path}: not a JSON boilerplate model: {exc}") from exc
        if not isinstance(data, Mapping):
            raise ConfigError(f"{path}: not a cleanse boilerplate model")
        return cls.from_dict(data)


def _site_key(site: str) -> str:
    """Sites are compared as :attr:`Context.site` gives them: lower case, no ``www.``."""
    return site.strip().lower().removeprefix("www.")


# ---------------------------------------------------------------------------- counting


def normalised_lines(text: str) -> set[str]:
    """The distinct non-empty normalised lines of ``text`` (one pass over the text).

    >>> sorted(normalised_lines("Share this!\\n\\nshare   THIS\\n© 2024 Example"))
    ['2024 example', 'share this']
    """
    folded = str(_NORMALISE_TEXT.sub(" ", text)).casefold()
    return {stripped for line in folded.split("\n") if (stripped := line.strip())}


def line_key(text: str) -> int:
    """A stable signed 64-bit hash (the same in every process, unlike ``hash()``)."""
    digest = blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def document_lines(text: Any, url: Any, *, max_chars: int = MAX_CHARS,
                   ) -> tuple[str, int, dict[int, str]] | None:
    """``(site, document key, {line key: line})`` for one record, or ``None`` to skip it.

    A record is skipped when its text is not a string or its url names no host. Lines
    longer than ``max_chars`` (normalised) or holding lone surrogates are not counted.
    Both the local learner and the Ray one count exactly these.

    >>> site, _, lines = document_lines("Hi.\\nMenu", "https://www.blog.example/x")
    >>> site, sorted(lines.values())
    ('blog.example', ['hi', 'menu'])
    >>> document_lines(b"bytes", "https://blog.example/") is None
    True
    """
    if not isinstance(text, str) or not isinstance(url, str):
        return None
    try:
        site = Context(url=url).site
    except ValueError:  # urlsplit rejects e.g. an unbalanced "[" in the host
        return None
    if not site:
        return None
    lines = {line_key(ln): ln for ln in normalised_lines(text)
             if len(ln) <= max_chars and not _SURROGATE.search(ln)}
    return site, line_key(f"{site}\x00{text}"), lines


class Learner:
    """Count lines per site, one document at a time, in bounded memory.

    >>> learner = Learner(min_documents=2, min_share=0.5)
    >>> for i in range(3):
    ...     _ = learner.add(f"Story {i}\\nAll rights reserved.", url="https://news.example/")
    >>> dict(learner.model())
    {'news.example': frozenset({'all rights reserved'})}
    """

    def __init__(self, *, min_documents: int = MIN_DOCUMENTS, min_share: float = MIN_SHARE,
                 max_chars: int = MAX_CHARS, max_entries: int = MAX_ENTRIES) -> None:
        if not isinstance(min_documents, int) or min_documents < 1:
            raise ConfigError(f"min_documents must be an integer >= 1, got {min_documents!r}")
        if not 0.0 <= min_share <= 1.0:
            raise ConfigError(f"min_share must be between 0 and 1, got {min_share!r}")
        if max_chars < 1:
            raise ConfigError(f"max_chars must be >= 1, got {max_chars!r}")
        if max_entries < 16:
            raise ConfigError(f"max_entries must be >= 16, got {max_entries!r}")
        self.min_documents = min_documents
        self.min_share = float(min_share)
        self.max_chars = max_chars
        self.max_entries = max_entries
        #: Documents counted, exact duplicates skipped, records skipped (no text / url).
        self.documents = 0
        self.duplicates = 0
        self.skipped = 0
        #: The most any count may have lost to pruning (0 unless the budget was hit).
        self.max_undercount = 0
        self._counts: dict[str, dict[int, int]] = {}  # site -> line key -> documents
        self._texts: dict[str, dict[int, str]] = {}   # lines that reached min_documents
        self._site_documents: dict[str, int] = {}
        self._seen: set[int] = set()                  # document keys, for duplicates
        self._entries = 0                             # line counters held

    def add(self, text: Any, *, url: Any) -> bool:
        """Count one document; ``False`` when it was skipped or a duplicate."""
        facts = document_lines(text, url, max_chars=self.max_chars)
        if facts is None:
            self.skipped += 1
            return False
        site, doc_key, lines = facts
        if doc_key in self._seen:
            self.duplicates += 1
            return False
        self._seen.add(doc_key)
        self.documents += 1
        self._site_documents[site] = self._site_documents.get(site, 0) + 1
        counts = self._counts.get(site)
        if counts is None:
            counts = self._counts[site] = {}
        threshold = self.min_documents
        texts = self._texts.get(site)
        for key, line in lines.items():
            n = counts.get(key, 0) + 1
            counts[key] = n
            if n == 1:
                self._entries += 1
            if n >= threshold:  # a candidate: only now is its text worth keeping
                if texts is None:
                    texts = self._texts[site] = {}
                texts.setdefault(key, line)
        if self._entries + len(self._seen) + len(self._site_documents) > self.max_entries:
            self._prune()
        return True

    def add_records(self, records: Iterable[Mapping[str, Any]], *, text_field: str = "text",
                    url_field: str = "url") -> None:
        """Count every record (a mapping with a text and a url field)."""
        add = self.add
        for record in records:
            if isinstance(record, Mapping):
                add(record.get(text_field), url=record.get(url_field))
            else:
                self.skipped += 1

    def _prune(self) -> None:
        """Lossy counting: drop the rarest counters until half the budget is free."""
        target = self.max_entries // 2
        self._seen.clear()  # duplicates are then only caught within the next stretch
        while self._entries + len(self._site_documents) > target:
            self.max_undercount += 1
            floor = self.max_undercount
            for site in list(self._counts):
                counts = self._counts[site]
                dead = [key for key, n in counts.items() if n <= floor]
                texts = self._texts.get(site)
                for key in dead:
                    del counts[key]
                    if texts is not None:
                        texts.pop(key, None)
                self._entries -= len(dead)
                if not counts:
                    del self._counts[site]
                    self._texts.pop(site, None)
                    if self._site_documents.get(site, 0) <= floor:
                        self._site_documents.pop(site, None)

    def model(self) -> BoilerplateModel:
        """The lines each site repeats often enough, as a :class:`BoilerplateModel`."""
        sites: dict[str, list[str]] = {}
        documents: dict[str, int] = {}
        line_documents: dict[str, dict[str, int]] = {}
        for site, texts in self._texts.items():
            total = self._site_documents.get(site, 0)
            counts = self._counts.get(site, {})
            kept = {line: counts[key] for key, line in texts.items()
                    if key in counts and _keep(counts[key], total, self.min_documents,
                                               self.min_share)}
            if kept:
                sites[site] = list(kept)
                documents[site] = total
                line_documents[site] = kept
        return BoilerplateModel(sites, documents=documents, line_documents=line_documents,
                                settings=self.settings())

    def settings(self) -> dict[str, Any]:
        """Thresholds and corpus counts, as stored in the model."""
        return {"min_documents": self.min_documents, "min_share": self.min_share,
                "max_chars": self.max_chars, "max_entries": self.max_entries,
                "documents": self.documents, "duplicates": self.duplicates,
                "skipped": self.skipped, "sites": len(self._site_documents),
                "max_undercount": self.max_undercount}


def _keep(count: int, total: int, min_documents: int, min_share: float) -> bool:
    return count >= min_documents and count >= min_share * total


def learn(records: Iterable[Mapping[str, Any]], *, text_field: str = "text",
          url_field: str = "url", min_documents: int = MIN_DOCUMENTS,
          min_share: float = MIN_SHARE, max_chars: int = MAX_CHARS,
          max_entries: int = MAX_ENTRIES) -> BoilerplateModel:
    """Learn each site's repeated lines from ``records`` in one streaming pass.

    ``records`` are mappings with the document text under ``text_field`` and its
    address under ``url_field`` (records lacking either are skipped and counted in
    ``model.settings["skipped"]``). See the module docstring for the thresholds.
    """
    learner = Learner(min_documents=min_documents, min_share=min_share,
                      max_chars=max_chars, max_entries=max_entries)
    learner.add_records(records, text_field=text_field, url_field=url_field)
    return learner.model()


def model_from_counts(rows: Iterable[tuple[str, str, int]], *, min_documents: int,
                      min_share: float, settings: Mapping[str, Any] | None = None,
                      ) -> BoilerplateModel:
    """Build a model from ``(site, line, documents)`` rows, where ``line == ""`` gives
    the site's document count (what a distributed counter such as Ray's produces).

    >>> rows = [("a.example", "", 10), ("a.example", "menu", 9), ("a.example", "hi", 1)]
    >>> dict(model_from_counts(rows, min_documents=5, min_share=0.5))
    {'a.example': frozenset({'menu'})}
    """
    totals: dict[str, int] = {}
    candidates: dict[str, dict[str, int]] = {}
    for site, line, n in rows:
        if line == "":
            totals[site] = totals.get(site, 0) + int(n)
        else:
            candidates.setdefault(site, {})[line] = int(n)
    sites: dict[str, list[str]] = {}
    documents: dict[str, int] = {}
    line_documents: dict[str, dict[str, int]] = {}
    for site, lines in candidates.items():
        total = totals.get(site, 0)
        kept = {ln: n for ln, n in lines.items() if _keep(n, total, min_documents, min_share)}
        if kept:
            sites[site] = list(kept)
            documents[site] = total
            line_documents[site] = kept
    return BoilerplateModel(sites, documents=documents, line_documents=line_documents,
                            settings=settings)


def learned_pipeline(model: BoilerplateModel, preset: str = "default") -> Pipeline:
    """A preset with :class:`~cleanse.filters.learned.LearnedBoilerplate` added before
    the inline repairs (``punctuation``, else ``whitespace``), where line filters run.

    >>> names = learned_pipeline(BoilerplateModel({"a.example": ["Menu"]})).names
    >>> names.index("learned_boilerplate") < names.index("whitespace")
    True
    """
    from cleanse.filters.learned import LearnedBoilerplate  # noqa: PLC0415 - avoids a cycle
    from cleanse.pipeline import Pipeline  # noqa: PLC0415
    from cleanse.presets import DEFAULT, STRICT  # noqa: PLC0415 - presets import every filter

    presets = {"default": DEFAULT, "strict": STRICT}
    if preset not in presets:
        raise ConfigError(f"unknown preset {preset!r}: choose one of {', '.join(presets)}")
    filters = presets[preset]()
    names = [f.name for f in filters]
    at = next((names.index(n) for n in ("punctuation", "whitespace") if n in names), len(names))
    filters.insert(at, LearnedBoilerplate(model=model))
    return Pipeline(filters)


# ---------------------------------------------------------------------------- reading


def read_records(paths: Iterable[str | Path], *, text_field: str = "text",
                 on_error: Callable[[str], None] | None = None) -> Iterator[dict[str, Any]]:
    """Stream records with :class:`cleanse.io.RecordReader`: JSONL (plain, gzip, zstd),
    Parquet, or ``"-"`` for JSONL on standard input.

    A line that cannot be read (not JSON, not an object, not UTF-8) is skipped and
    described to ``on_error`` (when given), never raised; records without a text are
    yielded as they are (the learner skips them).
    """
    from cleanse.io import RecordReader  # noqa: PLC0415 - pyarrow / zstandard on use

    for record in RecordReader([str(p) for p in paths], text_field=text_field):
        if record.fields is not None:
            yield record.fields
        elif record.error is not None and on_error is not None:
            on_error(f"{record.source}:{record.line}: {record.message}")


# ---------------------------------------------------------------------------- command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``cleanse learn`` arguments to ``parser`` (a subcommand's parser)."""
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="JSONL (.jsonl, .gz, .zst) or Parquet files; - for stdin")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="MODEL.json",
                        help="where to write the boilerplate model (JSON)")
    parser.add_argument("--text-field", default="text", metavar="NAME",
                        help="field holding the document text (default: text)")
    parser.add_argument("--url-field", default="url", metavar="NAME",
                        help="field holding the page address; its host is the site "
                             "(default: url)")
    parser.add_argument("--min-documents", type=int, default=MIN_DOCUMENTS, metavar="N",
                        help="keep a line only if one site repeats it in at least N "
                             f"distinct documents (default: {MIN_DOCUMENTS})")
    parser.add_argument("--min-share", type=float, default=MIN_SHARE, metavar="F",
                        help="... and in at least this share of the site's documents "
                             f"(default: {MIN_SHARE})")
    parser.add_argument("--max-chars", type=int, default=MAX_CHARS, metavar="N",
                        help=f"ignore lines longer than N characters (default: {MAX_CHARS})")
    parser.add_argument("--max-entries", type=int, default=MAX_ENTRIES, metavar="N",
                        help="memory budget: line counters held at once before the rarest "
                             f"are pruned (default: {MAX_ENTRIES:,}; about 100 bytes each)")
    parser.add_argument("--engine", choices=("local", "ray"), default="local",
                        help="count on this machine (default) or with Ray Data")
    parser.add_argument("--address", default=None, metavar="ADDR",
                        help="Ray cluster address for --engine ray (default: start or join "
                             "a local one, as ray.init() does)")
    parser.add_argument("--partitions", type=int, default=None, metavar="N",
                        help="--engine ray: shuffle partitions of the counting groupby "
                             "(default: Ray's; fewer are quicker for small corpora)")


def run(args: argparse.Namespace) -> int:
    """Run ``cleanse learn`` with parsed ``args``; returns the exit status."""
    err = sys.stderr
    for path in args.inputs:
        if path != "-" and not Path(path).exists() and "://" not in path:
            print(f"cleanse learn: no such file: {path}", file=err)
            return 2
    settings = {"min_documents": args.min_documents, "min_share": args.min_share,
                "max_chars": args.max_chars}
    unreadable = 0

    def on_error(problem: str) -> None:
        nonlocal unreadable
        unreadable += 1
        if unreadable <= 10:
            print(f"cleanse learn: skipped {problem}", file=err)

    try:
        if args.engine == "ray":
            from cleanse.integrations.ray import learn_files  # noqa: PLC0415 - optional extra

            model = learn_files(args.inputs, address=args.address, text_column=args.text_field,
                                url_column=args.url_field, num_partitions=args.partitions,
                                **settings)
        else:
            learner = Learner(max_entries=args.max_entries, **settings)
            records = read_records(args.inputs, text_field=args.text_field,
                                   on_error=on_error)
            learner.add_records(records, text_field=args.text_field, url_field=args.url_field)
            model = learner.model()
    except (ConfigError, ImportError) as exc:
        print(f"cleanse learn: {exc}", file=err)
        return 2
    model.save(args.output)
    if unreadable > 10:
        print(f"cleanse learn: ... and {unreadable - 10:,} more unreadable lines", file=err)
    s = model.settings
    print(f"{s.get('documents', 0):,} documents from {s.get('sites', 0):,} sites "
          f"({s.get('duplicates', 0):,} duplicates, {s.get('skipped', 0):,} skipped): "
          f"{model.line_count:,} lines learned for {len(model):,} sites -> {args.output}",
          file=err)
    if s.get("max_undercount"):
        print(f"cleanse learn: the memory budget was reached; counts may be low by up to "
              f"{s['max_undercount']} (raise --max-entries to count exactly)", file=err)
    return 0


def learn_main(argv: list[str] | None = None) -> int:
    """``cleanse learn`` as a standalone command (the CLI's subcommand calls :func:`run`)."""
    parser = argparse.ArgumentParser(
        prog="cleanse learn",
        description="Learn the lines each site repeats across its documents (boilerplate "
                    "no phrase list knows) and write them as a model for "
                    "LearnedBoilerplate.")
    add_arguments(parser)
    return run(parser.parse_args(argv))
