"""Cheap document-language detection, shared by language-aware filters.

py3langid ships its model inside the package (no download at run time). Detection is
gated: it reads at most a few thousand characters of the longest lines, because a
document's language is decided by its prose, not by its navigation residue.

Its cost is linear in what it reads, so :func:`quick_document_language` first reads
a short sample and reads the long one only when the short one is not clear-cut.
The model is py3langid's, and so is every answer (code and probability, to the
bit): cleanse only runs py3langid's byte automaton and its scoring faster, with
numpy (see :func:`_identifier_class`).

Loading the model takes about half a second, most of it LZMA decompression, which
releases the GIL: a program that knows it will detect languages (the ``cleanse``
command) calls :func:`preload_model` early and does its other start-up work
meanwhile.
"""

from __future__ import annotations

import functools
import os
import threading
from array import array
from itertools import islice
from typing import Any, cast

__all__ = ["detect_document_language", "detect_language", "preload_model",
           "quick_document_language", "rank_languages"]

# Below this many letters a guess is noise (names, datelines, "OK").
MIN_LETTERS = 40
_SAMPLE_CHARS = 3000
# The short sample of quick_document_language, and the probability at which its
# answer stands. On the 877 documents of the benchmark corpus no answer given at
# this confidence disagreed with the long sample on a language's punctuation
# spacing (French or not); two thirds of the documents are answered from it.
_QUICK_CHARS = 300
_QUICK_CONFIDENCE = 0.9999


def detect_language(text: str) -> tuple[str, float] | None:
    """Return ``(iso_code, probability)`` for ``text``, or ``None`` when too short to judge.

    >>> detect_language("La Russie et l'OTAN devraient également s'entretenir le 12 janvier.")[0]
    'fr'
    """
    if not _has_letters(text[:_SAMPLE_CHARS], MIN_LETTERS):
        return None
    code, prob = _identifier().classify(text[:_SAMPLE_CHARS])
    return str(code), float(prob)


def _has_letters(text: str, count: int) -> bool:
    """Whether ``text`` holds at least ``count`` (>= 1) letters, by ``str.isalpha``.

    filter and islice run in C and stop at the count-th letter, which most samples
    reach within their first line; counting every letter cost more than detecting.
    """
    return next(islice(filter(str.isalpha, text), count - 1, None), None) is not None


def rank_languages(text: str) -> list[tuple[str, float]]:
    """Every language the identifier knows with its probability for ``text``, best first.

    >>> rank_languages("Der Gemeinderat hat am Dienstag den Haushalt beschlossen.")[0][0]
    'de'
    """
    return cast("list[tuple[str, float]]", _identifier().rank(text))


def _document_sample(text: str, size: int) -> str:
    """The longest lines of ``text``, joined, until they hold ``size`` characters."""
    lines = sorted(text.split("\n"), key=len, reverse=True)
    sample: list[str] = []
    total = 0
    for line in lines:
        if total >= size:
            break
        sample.append(line)
        total += len(line)
    return " ".join(sample)


def detect_document_language(text: str) -> str | None:
    """The language of a document's prose: its longest lines, up to a few thousand chars."""
    found = detect_language(_document_sample(text, _SAMPLE_CHARS))
    return found[0] if found else None


def quick_document_language(text: str) -> str | None:
    """:func:`detect_document_language`, answered from a short sample when it is clear.

    The first few hundred characters of the longest lines settle most documents at
    a probability of 0.9999 or more; only the others pay for the long sample.

    >>> quick_document_language("Le conseil municipal a voté mardi soir le budget "
    ...                         "de l'année prochaine, qui prévoit une hausse.")
    'fr'
    """
    sample = _document_sample(text, _QUICK_CHARS)[:_QUICK_CHARS]
    found = detect_language(sample)
    if found is not None and found[1] >= _QUICK_CONFIDENCE:
        return found[0]
    return detect_document_language(text)


# The model is loaded once per process, on first use or by preload_model(). It is
# read-only afterwards: no document's result depends on another's.
_MODEL: list[Any] = []
_LOCK = threading.Lock()
_LOADERS: list[threading.Thread] = []


def preload_model() -> None:
    """Start loading the language model in a background thread, unless it is loaded
    or loading already; the first detection waits for it.

    The imports it needs happen here, in the caller's thread; the thread only reads
    and decompresses. A fork waits for the thread to finish, so a child process never
    inherits a half-loaded model (or a held lock) and gets the loaded one instead.
    """
    with _LOCK:
        if _MODEL or _LOADERS:
            return
        _import_model_modules()
        loader = threading.Thread(target=_load_in_background, name="cleanse-language-model",
                                  daemon=True)
        loader.start()  # under the lock: _finish_loading() never sees an unstarted one
        _LOADERS.append(loader)


def _load_in_background() -> None:
    try:
        model = _load_model()
    except Exception:  # _identifier() loads it again, and raises there
        return
    with _LOCK:
        if not _MODEL:
            _MODEL.append(model)


def _finish_loading() -> None:
    """Wait for a background load started by :func:`preload_model`, if any."""
    for loader in _LOADERS:
        if loader is not threading.current_thread():
            loader.join()


def _identifier() -> Any:
    if not _MODEL:
        _finish_loading()
        with _LOCK:
            if not _MODEL:  # not preloaded, or the background load failed
                _import_model_modules()
                _MODEL.append(_load_model())
    return _MODEL[0]


def _import_model_modules() -> None:
    # numpy and np.load's zipfile, imported before the loading thread starts, so that
    # two threads never import at once (and the GIL-bound imports cost the same anyway)
    import zipfile  # noqa: F401, PLC0415

    import numpy  # noqa: F401, PLC0415
    import py3langid.langid  # noqa: F401, PLC0415


def _load_model() -> Any:
    """py3langid's model, as ``LanguageIdentifier.from_model_file`` builds it.

    py3langid 0.4 decompresses its model (npz inside LZMA, 4.5 MB to 68 MB) in
    hundreds of small calls; in a background thread each of them waits for the GIL
    while the main thread runs Python, which makes the load take seconds.
    :func:`_read_npz_model` decompresses it in one call, without the GIL. A model it
    does not know (another py3langid) is left to py3langid.
    """
    import lzma  # noqa: PLC0415
    import zipfile  # noqa: PLC0415

    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # noqa: PLC0415

    if MODEL_FILE.endswith(".npz.xz"):
        try:
            return _read_npz_model()
        except (KeyError, TypeError, ValueError, lzma.LZMAError, zipfile.BadZipFile):
            pass  # not the layout or constructor this reader knows
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _read_npz_model() -> Any:
    """What py3langid 0.4's ``modelio.load_model`` and ``from_model_file`` do, with the
    decompression in one GIL-free call, and the faster identifier of
    :func:`_identifier_class` (tests/test_language_detection.py compares the two)."""
    import lzma  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    import numpy as np  # noqa: PLC0415
    from py3langid.langid import MODEL_DIR, MODEL_FILE  # noqa: PLC0415

    with open(MODEL_DIR / MODEL_FILE, "rb") as f:
        packed = f.read()
    with tempfile.TemporaryFile() as npz:
        # One call: it takes the GIL back only when its output buffer grows (about ten
        # times), each time waiting up to a switch interval (5 ms) for a busy main
        # thread. The 68 MB are freed before the arrays are read back from the file.
        npz.write(lzma.decompress(packed))
        npz.seek(0)
        with np.load(npz, allow_pickle=False) as data:
            return _identifier_class()(
                np.asarray(data["ptc"]), np.asarray(data["pc"]), data["classes"].tolist(),
                _uint_array(data["nextmove"]), data["out_feat"].tolist(), norm_probs=True,
                tk_row=_uint_array(data["nextmove_row"]))


# How many times _walk_states rereads the bytes before it gives up: py3langid 0.4's
# model needs 6 at most (5 on prose); one that forgets its past more slowly is walked
# by py3langid itself.
_MAX_PASSES = 8
# The numpy walk takes about 30 bytes of memory a byte of text, py3langid's 8: longer
# texts (cleanse itself only reads samples) are left to py3langid.
_WALK_MAX_BYTES = 1 << 20


@functools.cache
def _identifier_class() -> Any:
    """py3langid's ``LanguageIdentifier`` with a faster ``_raw_score``, built on first use
    (py3langid and numpy are imported only when a model is loaded).

    ``_raw_score`` is where py3langid spends its time: a pure-Python walk of its byte
    automaton (``visit_counts``), then a naive-Bayes product in which numpy converts
    the model's float16 rows value by value, in software. This one computes the very
    same numbers (same features, same order, same float32 operations), in numpy:
    :func:`_walk_states`, :func:`_first_seen_counts` and :func:`_float32_rows`.
    ``rank`` sorts its list with numpy rather than in Python, in the same order.
    Everything else (text encoding, normalisation, labels) is py3langid's own code.
    """
    import numpy as np  # noqa: PLC0415
    from py3langid.langid import LanguageIdentifier  # noqa: PLC0415

    class Identifier(LanguageIdentifier):  # type: ignore[misc]  # py3langid is untyped
        __slots__ = ("_feature_of", "_label_columns", "_labels", "_negative_halves",
                     "_nextmove", "_row_of", "_take_mode")

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            # the automaton in numpy: state -> row offset, row offset + byte -> next
            # state, state -> feature (or -1)
            self._nextmove = np.asarray(self.tk_nextmove)  # no copy: a buffer
            self._row_of = np.array(self._rowbase, dtype=np.intp)
            self._feature_of = np.array(self.tk_output, dtype=np.intp)
            # numpy's take skips its bounds checks in mode "clip", which clips nothing
            # when every next state and every row (256 bytes long) is in its table
            in_range = (self._nextmove.size > 0 and self._row_of.size > 0
                        and int(self._nextmove.max()) < self._row_of.size
                        and int(self._row_of.max()) + 256 <= self._nextmove.size)
            self._take_mode = "clip" if in_range else "raise"
            # checked once (a few ms): may _float32_rows convert any row of the table?
            # (set_languages keeps a subset of the columns: still true)
            bits = self.nb_ptc.view(np.uint16) if self.nb_ptc.dtype == np.float16 else None
            self._negative_halves = bits is not None and bits.size > 0 and bool(
                bits.min() >= 0x8400 and bits.max() < 0xFC00)

        def _raw_score(self, text: bytes) -> Any:
            states = _walk_states(self._nextmove, self._row_of, text, self._take_mode)
            if states is None:  # no text, too much, or an automaton slow to settle
                return super()._raw_score(text)
            features = self._feature_of.take(states)
            features = features[features >= 0]
            if not features.size:  # py3langid's answer for featureless text
                return super()._raw_score(text)
            idx, counts = _first_seen_counts(features)
            # py3langid's _sparse_score, with the rows its matmul converts made beforehand
            rows = (_float32_rows(self.nb_ptc, idx) if self._negative_halves
                    else self.nb_ptc[idx])
            return np.log1p(counts) @ rows + self.nb_pc

        def _set_alias_pairs(self) -> None:
            # py3langid calls this whenever the labels change (init, set_languages)
            super()._set_alias_pairs()
            first: dict[str, int] = {}  # label -> its first column, in column order
            for column, label in enumerate(self.nb_classes):
                first.setdefault(label, column)
            self._labels = list(first)
            self._label_columns = np.array(list(first.values()), dtype=np.intp)

        def rank(self, text: str | bytes) -> list[tuple[str, float]]:
            """py3langid's rank: each label with the score of its first column (which
            holds its aliases' too), best first, ties in column order; sorted by numpy."""
            scores = self._decide(text)[self._label_columns]
            order = (-scores).argsort(kind="stable")
            ranked = scores[order].tolist()
            if ranked and ranked[-1] != ranked[-1]:  # a NaN (numpy sorts it last)
                return cast("list[tuple[str, float]]", super().rank(text))
            return list(zip(map(self._labels.__getitem__, order.tolist()), ranked,
                            strict=True))

    return Identifier


def _walk_states(nextmove: Any, row_of: Any, data: bytes, mode: str = "raise") -> Any:
    """The state py3langid's automaton is in after each byte of ``data``, or ``None``.

    py3langid walks it one byte at a time: ``state = nextmove[row_of[state] + byte]``
    from state 0. In Python that is slow, and each step waits for a lookup into a
    40 MB table. Here every byte is first read from state 0 alone; each pass then
    reads every byte again from the state its predecessor got in the pass before,
    all positions at once, so after k readings a position holds the state that its
    last k bytes lead to from state 0. py3langid 0.4's automaton forgets: after any
    6 bytes its state no longer depends on where it started (checked on every pair of
    its states), so the 6th reading is exact and the 7th changes nothing (on prose
    the 6th already). A reading that changes nothing proves the states exact, whatever
    the model: each is then the state its predecessor's state and its byte lead to,
    which defines the walk. After _MAX_PASSES rereadings the answer is ``None`` (walk
    sequentially), so the cost stays linear; so it is with no bytes, or more than
    _WALK_MAX_BYTES. ``mode`` is numpy's ``take`` mode.
    """
    import numpy as np  # noqa: PLC0415

    if not data or len(data) > _WALK_MAX_BYTES:
        return None
    text = np.frombuffer(data, dtype=np.uint8).astype(np.intp)
    start = row_of[0]
    states = nextmove.take(text + start, mode=mode)
    rows = np.empty_like(text)
    for _ in range(_MAX_PASSES):
        rows[0] = start
        row_of.take(states[:-1], out=rows[1:], mode=mode)
        rows += text
        after = nextmove.take(rows, mode=mode)
        if (after == states).all():
            return states
        states = after
    return None


def _first_seen_counts(features: Any) -> tuple[Any, Any]:
    """Each distinct feature (non-negative) and its count, in order of first occurrence,
    as py3langid's ``Counter`` lists them: its product sums its terms in that order,
    and a float sum depends on its order.

    One sort does it: ``feature * n + position`` orders by feature, then position.
    """
    import numpy as np  # noqa: PLC0415

    n = len(features)
    keys = features * n
    keys += np.arange(n)
    keys.sort()
    feature = keys // n
    starts_run = np.empty(n + 1, dtype=bool)  # a feature's first key, and the end
    starts_run[0] = starts_run[n] = True
    np.not_equal(feature[1:], feature[:-1], out=starts_run[1:n])
    bounds = np.flatnonzero(starts_run)
    starts = bounds[:-1]
    order = (keys[starts] % n).argsort()  # by first position
    return feature[starts[order]], np.diff(bounds)[order].astype(np.float32)


def _float32_rows(table: Any, idx: Any) -> Any:
    """``table[idx].astype(np.float32)`` for a float16 table of negative normal numbers
    only, which numpy converts in software; here three times faster, and exactly
    (float16 -> float32 is exact; tests compare every such float16).

    A negative normal float16 is the bits 1 eeeee mmmmmmmmmm with e from 1 to 30.
    Shifted left 13 bits they are a float32's bits but for the sign, at bit 28, and
    the exponent bias (127, not 15): adding 0xA8000000 moves the sign to bit 31
    (+ 2**31 - 2**28) and adds 112 to the exponent (+ 112 << 23).
    """
    import numpy as np  # noqa: PLC0415

    out = table.view(np.uint16).take(idx, axis=0).astype(np.uint32)
    out <<= 13
    out += 0xA8000000
    return out.view(np.float32)


def _uint_array(values: Any) -> array[int]:
    """A numpy array of unsigned integers as a stdlib array (py3langid's DFA tables)."""
    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(memoryview(values).cast("B"))  # np.load's arrays are contiguous
    return out


def _fresh_lock_in_child() -> None:
    # a thread of the parent may have held the lock while loading; none runs here
    global _LOCK  # noqa: PLW0603
    _LOCK = threading.Lock()


if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork
    os.register_at_fork(before=_finish_loading, after_in_child=_fresh_lock_in_child)
