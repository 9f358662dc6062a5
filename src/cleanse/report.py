"""The HTML review report: what the filters removed and repaired, on real documents.

One self-contained page (inline CSS, inline JavaScript, an inline SVG chart, no
fonts, images or scripts from anywhere; a Content-Security-Policy forbids fetching
anything), so it opens from disk, offline, and can be mailed around. It shows:

- the statistics (:class:`~cleanse.stats.Stats`) as a bar chart and a table;
- for a sample of documents, the *original* text with every removed or repaired span
  highlighted in its filter's colour, the replacement after it, and the filter and
  reason on hover; invisible characters (line breaks, zero-width and control
  characters, odd spaces) are drawn as visible marks;
- a legend of every filter/reason; clicking one (or opening the page with
  ``#reason=filter/reason``) shows only the documents it touched and dims the rest.

Which documents: :class:`Sampler` keeps a small, deterministic sample of the changed
documents of a corpus in constant memory, with a few documents for every reason so
rare reasons are seen too.

>>> import cleanse
>>> doc = ReportDocument("a.txt", 1, cleanse.clean("Body.  \\n"))
>>> page = render_report([doc], Stats(documents=1))
>>> page.startswith("<!DOCTYPE html>"), 'data-r="whitespace/trailing_space"' in page
(True, True)
"""

from __future__ import annotations

import hashlib
import html
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cleanse.result import Result
from cleanse.stats import Stats, clip_label
from cleanse.stats import label as make_label

__all__ = ["ReportDocument", "Sampler", "render_report"]

# One colour per filter of the presets, in pipeline order; unknown filters get a
# colour from the same palette by a stable hash, changes made by two filters together
# ("fix_encoding+punctuation") a colour of their own.
_PALETTE = ("#d1495b", "#edae49", "#00798c", "#7a4eb8", "#2e86de", "#c2569e", "#3c9d5d",
            "#e07a27", "#6b7b8c", "#8c6d31", "#17a2b8", "#b8336a")
_KNOWN = ("fix_encoding", "edge_residue", "autoblog_tail", "comment_form", "related_links",
          "link_lines", "call_to_action", "language_consistency", "punctuation", "whitespace")
_JOINED_COLOUR = "#555f6d"


def _colour(filter_name: str) -> str:
    if "+" in filter_name:
        return _JOINED_COLOUR
    if filter_name in _KNOWN:
        return _PALETTE[_KNOWN.index(filter_name)]
    digest = hashlib.blake2b(filter_name.encode(), digest_size=2).digest()
    return _PALETTE[int.from_bytes(digest, "big") % len(_PALETTE)]


@dataclass(frozen=True, slots=True)
class ReportDocument:
    """A document to show: where it came from (input file and line) and its result."""

    source: str
    line: int
    result: Result


# -- sampling ---------------------------------------------------------------------------


class Sampler:
    """A deterministic sample of changed documents, in constant memory.

    Each document gets a priority from a hash of its source and line (bottom-k
    sampling), so the sample does not depend on the order documents arrive in, on
    the number of worker processes, or on a run being interrupted and resumed.
    ``size`` documents are kept among all changed ones, plus ``per_reason`` for every
    filter/reason, so a rare reason is shown even in a large corpus. Documents longer
    than ``max_chars`` are not sampled (a page should stay readable).

    >>> s = Sampler(size=1, per_reason=1)
    >>> s.offer("a.jsonl", 1, "x  \\n", {}, ["whitespace/trailing_space"])
    >>> s.offer("a.jsonl", 2, "clean\\n", {}, [])
    >>> [(d["source"], d["line"]) for d in s.documents()]
    [('a.jsonl', 1)]
    """

    def __init__(self, *, size: int = 30, per_reason: int = 3, max_chars: int = 100_000) -> None:
        self.size = size
        self.per_reason = per_reason
        self.max_chars = max_chars
        self._strata: dict[str, list[tuple[int, str]]] = {}
        self._docs: dict[str, dict[str, Any]] = {}

    @staticmethod
    def _priority(key: str) -> int:
        return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"),
                                              digest_size=8).digest(), "big")

    def offer(self, source: str, line: int, text: str, context: Mapping[str, Any],
              labels: Iterable[str]) -> None:
        """Consider one document; ``labels`` are its ``filter/reason`` s (none: unchanged)."""
        labels = list(labels)
        if not labels or len(text) > self.max_chars:
            return
        key = f"{source}:{line}"
        priority = self._priority(key)
        kept = False
        for stratum, limit in (("", self.size), *((label, self.per_reason) for label in labels)):
            heap = self._strata.setdefault(stratum, [])
            if len(heap) < limit:
                heap.append((priority, key))
                kept = True
            elif limit and priority < heap[-1][0]:
                heap[-1] = (priority, key)
                kept = True
            else:
                continue
            heap.sort()
        if kept:
            self._docs[key] = {"source": source, "line": line, "text": text,
                               "context": dict(context)}
            self._collect()

    def _collect(self) -> None:
        live = {key for heap in self._strata.values() for _, key in heap}
        for key in [k for k in self._docs if k not in live]:
            del self._docs[key]

    def documents(self) -> list[dict[str, Any]]:
        """The sampled documents (``source``, ``line``, ``text``, ``context``), in input order."""
        return sorted(self._docs.values(), key=lambda d: (d["source"], d["line"]))

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe state, to resume an interrupted run."""
        return {"strata": {k: [list(p) for p in v] for k, v in self._strata.items()},
                "docs": self._docs}

    def restore(self, state: Mapping[str, Any]) -> None:
        """Continue from :meth:`to_dict` output."""
        self._strata = {k: [(int(p), str(key)) for p, key in v]
                        for k, v in state["strata"].items()}
        self._docs = {str(k): dict(v) for k, v in state["docs"].items()}


# -- rendering --------------------------------------------------------------------------


_LINE_BREAK = '<span class="mark">↵</span>\n'
_CR = '<span class="mark">␍</span>'
_TAB = '<span class="mark">→</span>\t'


def _visible(text: str) -> str:
    """Escape text for HTML and draw characters a reader could not otherwise see."""
    out: list[str] = []
    for ch in text:
        if ch == "\n":
            out.append(_LINE_BREAK)
        elif ch == "\r":
            out.append(_CR)
        elif ch == "\t":
            out.append(_TAB)
        elif ch != " " and unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Cs",
                                                          "Co", "Cn"):
            out.append(f'<span class="mark">⟨U+{ord(ch):04X}⟩</span>')
        else:
            out.append(html.escape(ch, quote=False))
    return "".join(out)


def _text(text: str) -> str:
    """Unchanged text: escaped, and lone surrogates shown as marks (they cannot be UTF-8)."""
    escaped = html.escape(text, quote=False)
    try:
        escaped.encode("utf-8")
    except UnicodeEncodeError:
        return "".join(_visible(ch) if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in escaped)
    return escaped


_CONTEXT_LINES = 3
_MIN_FOLD = 4  # folding fewer lines than this saves nothing


def _unchanged(text: str, *, head: bool, tail: bool) -> str:
    """Unchanged text between changes: long runs of lines fold away (click to open).

    ``head`` keeps the first lines (text after a change), ``tail`` the last ones (text
    before a change).
    """
    lines = text.split("\n")
    keep_head = _CONTEXT_LINES if head else 0
    keep_tail = _CONTEXT_LINES if tail else 0
    cut_a = keep_head
    cut_b = len(lines) - keep_tail - 1
    if cut_b - cut_a < _MIN_FOLD:
        return _text(text)
    first = "\n".join(lines[:cut_a]) + ("\n" if cut_a else "")
    middle = "\n".join(lines[cut_a:cut_b])
    last = "\n".join(lines[cut_b:])
    n = cut_b - cut_a
    return (f'{_text(first)}<details class="fold"><summary>⋯ {n} unchanged line'
            f'{"s" if n != 1 else ""}</summary>{_text(middle)}</details>{_text(last)}')


def _clip(text: str, limit: int = 60) -> str:
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(text).encode("ascii", "backslashreplace").decode("ascii") if any(
        0xD800 <= ord(c) <= 0xDFFF for c in text) else repr(text)


def _document_html(doc: ReportDocument, number: int) -> str:
    result = doc.result
    original = result.original
    labels: dict[str, int] = {}
    parts: list[str] = []
    pos = 0
    for c in result.changes:
        label = make_label(c.filter, c.reason)
        labels[label] = labels.get(label, 0) + 1
        if c.start > pos:
            parts.append(_unchanged(original[pos : c.start], head=pos > 0, tail=True))
        if c.after:
            tip = f"{label}: {_clip(c.before)} → {_clip(c.after)}"
        else:
            tip = f"{label}: removed {len(c.before)} character{'s' if len(c.before) != 1 else ''}"
        inserted = f'<ins>{_visible(c.after)}</ins>' if c.after else ""
        parts.append(f'<span class="chg" data-r="{html.escape(label)}" '
                     f'data-tip="{html.escape(tip)}" style="--c:{_colour(c.filter)}">'
                     f'<del>{_visible(c.before)}</del>{inserted}</span>')
        pos = c.end
    if pos < len(original):
        parts.append(_unchanged(original[pos:], head=True, tail=False))
    chips = "".join(f'<span class="tag" style="--c:{_colour(label.split("/")[0])}" '
                    f'title="{html.escape(label)}">{html.escape(clip_label(label, 44))} ×{n}'
                    '</span>' for label, n in sorted(labels.items()))
    n_changes = len(result.changes)
    where = f"{doc.source}:{doc.line}"
    return (f'<section class="doc" id="doc{number}" data-reasons="{html.escape(" ".join(labels))}">'
            f'<header><b>{html.escape(where)}</b> <span class="muted">{len(original):,} → '
            f'{len(result.text):,} characters, {n_changes} change'
            f'{"s" if n_changes != 1 else ""}</span> {chips}</header>'
            f'<pre class="text">{"".join(parts)}</pre></section>')


def _chart(stats: Stats) -> str:
    """Two horizontal bar charts side by side: documents touched, characters removed."""
    rows = stats.rows()
    if not rows:
        return '<p class="muted">No filter changed anything.</p>'
    label_w, bar_w, row_h, gap = 330, 250, 22, 40
    width = label_w + 2 * (bar_w + gap + 70)
    height = 28 + row_h * len(rows)
    max_docs = max(r[2] for r in rows) or 1
    max_removed = max(r[4] for r in rows) or 1
    out = [f'<svg class="chart" role="img" aria-label="changes per filter and reason" '
           f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
           f'<text x="{label_w}" y="16" class="axis">documents touched</text>',
           f'<text x="{label_w + bar_w + gap + 70}" y="16" class="axis">characters removed</text>']
    for i, (name, reason, docs, _changes, removed, _added) in enumerate(rows):
        y = 28 + i * row_h
        label = f"{name}/{reason}"
        shown = clip_label(label, 42)
        colour = _colour(name)
        w1 = max(1.0, bar_w * docs / max_docs)
        w2 = max(1.0 if removed else 0.0, bar_w * removed / max_removed)
        x2 = label_w + bar_w + gap + 70
        out.append(
            f'<g class="bar" data-pick="{html.escape(label)}">'
            f'<title>{html.escape(label)}: {docs:,} documents, {removed:,} characters removed'
            f'</title>'
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{html.escape(shown)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w1:.1f}" height="{row_h - 6}" '
            f'fill="{colour}"/>'
            f'<text x="{label_w + w1 + 5:.1f}" y="{y + 15}" class="num">{docs:,}</text>'
            f'<rect x="{x2}" y="{y + 3}" width="{w2:.1f}" height="{row_h - 6}" '
            f'fill="{colour}" opacity="0.75"/>'
            f'<text x="{x2 + w2 + 5:.1f}" y="{y + 15}" class="num">{removed:,}</text></g>')
    out.append("</svg>")
    return "".join(out)


def _table(stats: Stats) -> str:
    rows = stats.rows()
    if not rows:
        return ""
    body = "".join(
        f'<tr data-pick="{html.escape(f"{n}/{r}")}" title="{html.escape(f"{n}/{r}")}"><td>'
        f'<span class="sw" style="--c:{_colour(n)}"></span>{html.escape(clip_label(f"{n}/{r}"))}'
        f'</td><td>{d:,}</td><td>{c:,}</td>'
        f'<td>{rm:,}</td><td>{ad:,}</td></tr>'
        for n, r, d, c, rm, ad in rows)
    changes, removed, added = stats.totals()
    return ('<details><summary>the numbers</summary><table class="stats"><thead><tr>'
            '<th>filter/reason</th><th>documents</th>'
            '<th>changes</th><th>chars removed</th><th>chars added</th></tr></thead>'
            f'<tbody>{body}</tbody><tfoot><tr><td>total</td><td>{stats.documents_changed:,}'
            f'</td><td>{changes:,}</td><td>{removed:,}</td><td>{added:,}</td></tr></tfoot>'
            '</table></details>')


def _legend(documents: Sequence[ReportDocument], stats: Stats) -> str:
    counts: dict[str, int] = {}
    for doc in documents:
        for label in {make_label(c.filter, c.reason) for c in doc.result.changes}:
            counts[label] = counts.get(label, 0) + 1
    for name, reason, *_ in stats.rows():
        counts.setdefault(f"{name}/{reason}", 0)
    chips = ['<button class="chip all" data-pick="">all documents</button>']
    # single-filter reasons first, then changes merged from several filters
    for label, n in sorted(counts.items(), key=lambda kv: ("+" in kv[0], kv[0])):
        chips.append(f'<button class="chip" data-pick="{html.escape(label)}" '
                     f'title="{html.escape(label)}" style="--c:{_colour(label.split("/")[0])}">'
                     f'<span class="sw"></span>{html.escape(clip_label(label, 44))} '
                     f'<small>{n}</small></button>')
    return "".join(chips)


_CSS = """
:root{--fg:#1d232b;--muted:#6b7380;--bg:#fbfbfa;--line:#e3e5e8}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
 color:var(--fg);background:var(--bg)}
main{max-width:1240px;margin:0 auto;padding:20px 24px 60px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px}
.muted{color:var(--muted)}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px 14px}
.card b{display:block;font-size:20px}
.chart{max-width:100%;height:auto;background:#fff;border:1px solid var(--line);
 border-radius:8px;padding:6px}
.chart text{font-size:12px;fill:var(--fg)}.chart .axis{font-weight:600}
.chart .num{fill:var(--muted)}.chart .bar{cursor:pointer}.chart .bar:hover text{font-weight:700}
details{margin-top:10px}summary{cursor:pointer;color:var(--muted)}
table.stats{border-collapse:collapse;margin-top:8px;background:#fff;font-size:13px}
.stats td,.stats th{border:1px solid var(--line);padding:3px 9px;text-align:right}
.stats td:first-child,.stats th:first-child{text-align:left}
.stats tbody tr{cursor:pointer}.stats tbody tr:hover{background:#f2f4f7}
.stats tfoot{font-weight:600}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;background:var(--c,#999);
 margin-right:6px}
.legend{position:sticky;top:0;z-index:5;background:var(--bg);padding:8px 0;max-height:30vh;
 overflow:auto;border-bottom:1px solid var(--line)}
.chip{font:inherit;font-size:13px;border:1px solid var(--line);background:#fff;
 border-radius:14px;padding:2px 10px;margin:2px;cursor:pointer}
.chip small{color:var(--muted)}
.chip.on{border-color:var(--c,#333);box-shadow:0 0 0 2px var(--c,#333) inset;font-weight:600}
.doc{background:#fff;border:1px solid var(--line);border-radius:8px;margin:14px 0}
.doc header{padding:8px 12px;border-bottom:1px solid var(--line);font-size:13px}
.tag{display:inline-block;font-size:11px;border-left:4px solid var(--c);background:#f3f4f6;
 padding:0 6px;margin:2px 2px 0 0;border-radius:3px}
pre.text{margin:0;padding:10px 14px;white-space:pre-wrap;overflow-wrap:anywhere;
 font:13px/1.5 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;max-height:48em;
 overflow:auto}
details.fold{display:block;margin:0}
details.fold>summary{display:block;cursor:pointer;color:var(--muted);background:#f3f4f6;
 font:12px/1.6 system-ui,sans-serif;padding:0 8px;margin:2px 0;border-radius:3px;
 list-style:none}
details.fold>summary::-webkit-details-marker{display:none}
details.fold[open]>summary{margin-bottom:0}
.chg{position:relative;border-radius:2px;
 background:color-mix(in srgb,var(--c) 22%,transparent);
 outline:1px solid color-mix(in srgb,var(--c) 55%,transparent)}
.chg del{text-decoration:line-through;text-decoration-color:var(--c)}
.chg ins{text-decoration:none;background:#c9f2d2;color:#0b5d1e;border-radius:2px;
 margin-left:1px}
.chg .mark{color:var(--c);font-weight:700}
.chg:hover{outline:2px solid var(--c)}
.chg:hover::after{content:attr(data-tip);position:absolute;left:0;top:100%;z-index:10;
 white-space:pre;font:12px/1.3 system-ui,sans-serif;background:#1d232b;color:#fff;
 padding:4px 8px;border-radius:4px;pointer-events:none}
.chg.dim{background:none;outline:none}.chg.dim del{text-decoration:none}
.chg.dim ins{display:none}
.mark{color:var(--muted)}
"""

_JS = """
(function () {
  var docs = document.querySelectorAll('.doc');
  var spans = document.querySelectorAll('.chg');
  var pickers = document.querySelectorAll('[data-pick]');
  function apply(label) {
    var shown = 0;
    document.body.setAttribute('data-pick', label);
    docs.forEach(function (d) {
      var has = !label || d.getAttribute('data-reasons').split(' ').indexOf(label) >= 0;
      d.hidden = !has;
      if (has) { shown += 1; }
    });
    spans.forEach(function (s) {
      s.classList.toggle('dim', !!label && s.getAttribute('data-r') !== label);
    });
    pickers.forEach(function (p) {
      p.classList.toggle('on', p.getAttribute('data-pick') === label);
    });
    document.getElementById('shown').textContent = String(shown);
  }
  function fromHash() {
    var m = /^#reason=(.*)$/.exec(location.hash);
    apply(m ? decodeURIComponent(m[1]) : '');
  }
  pickers.forEach(function (p) {
    p.addEventListener('click', function () {
      var label = p.getAttribute('data-pick');
      if (label === document.body.getAttribute('data-pick')) { label = ''; }
      location.hash = label ? 'reason=' + encodeURIComponent(label) : '';
    });
  });
  window.addEventListener('hashchange', fromHash);
  fromHash();
  if (document.body.getAttribute('data-pick')) {
    document.getElementById('samples').scrollIntoView();
  }
  document.body.setAttribute('data-ready', '1');
})();
"""

_CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'")


def render_report(documents: Sequence[ReportDocument], stats: Stats, *,
                  title: str = "cleanse review report",
                  about: Sequence[tuple[str, str]] = ()) -> str:
    """The report page as one HTML string (write it as UTF-8).

    ``about`` is shown under the title as ``key: value`` pairs (inputs, preset...).
    """
    share = 100 * stats.documents_changed / stats.documents if stats.documents else 0.0
    changes, removed, _added = stats.totals()
    cards = [("documents", f"{stats.documents:,}"),
             ("changed", f"{stats.documents_changed:,} ({share:.1f}%)"),
             ("changes", f"{changes:,}"),
             ("characters removed", f"{removed:,}"),
             ("characters", f"{stats.chars_in:,} → {stats.chars_out:,}")]
    if stats.errors:
        cards.append(("error records", f"{stats.error_count:,}"))
    about_html = " · ".join(f"{html.escape(k)}: {html.escape(v)}" for k, v in about)
    docs_html = "".join(_document_html(d, i) for i, d in enumerate(documents, 1))
    if not documents:
        docs_html = '<p class="muted">No document in the sample was changed.</p>'
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{_CSS}</style>
</head>
<body data-pick="">
<main>
<h1>{html.escape(title)}</h1>
<div class="muted">{about_html}</div>
<div class="cards">{"".join(f'<div class="card">{html.escape(k)}<b>{v}</b></div>'
                            for k, v in cards)}</div>
<h2>What each filter did</h2>
{_chart(stats)}
{_table(stats)}
<h2 id="samples">Sample documents</h2>
<p class="muted">The original text of each document: removed or repaired text is
highlighted in its filter's colour and struck through, a replacement follows in green;
hover a highlight for its filter and reason. Click a reason to show only the documents it
touched. Showing <span id="shown">{len(documents)}</span> of {len(documents)} sampled
documents.</p>
<nav class="legend">{_legend(documents, stats)}</nav>
{docs_html}
</main>
<script>{_JS}</script>
</body>
</html>
"""
