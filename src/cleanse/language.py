"""Cheap document-language detection, shared by language-aware filters.

py3langid ships its model inside the package (no download at run time). Detection is
gated: it reads at most a few thousand characters of the longest lines, because a
document's language is decided by its prose, not by its navigation residue.

Its cost is linear in what it reads (about 0.6 µs a character, pure Python), so
:func:`quick_document_language` first reads a short sample and reads the long one
only when the short one is not clear-cut.

Loading the model takes about half a second, most of it LZMA decompression, which
releases the GIL: a program that knows it will detect languages (the ``cleanse``
command) calls :func:`preload_model` early and does its other start-up work
meanwhile.
"""

from __future__ import annotations

import os
import threading
from array import array
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
    letters = sum(ch.isalpha() for ch in text[:_SAMPLE_CHARS])
    if letters < MIN_LETTERS:
        return None
    code, prob = _identifier().classify(text[:_SAMPLE_CHARS])
    return str(code), float(prob)


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
    decompression in one GIL-free call (tests/test_language.py compares the two)."""
    import lzma  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    import numpy as np  # noqa: PLC0415
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier  # noqa: PLC0415

    with open(MODEL_DIR / MODEL_FILE, "rb") as f:
        packed = f.read()
    with tempfile.TemporaryFile() as npz:
        # One call: it takes the GIL back only when its output buffer grows (about ten
        # times), each time waiting up to a switch interval (5 ms) for a busy main
        # thread. The 68 MB are freed before the arrays are read back from the file.
        npz.write(lzma.decompress(packed))
        npz.seek(0)
        with np.load(npz, allow_pickle=False) as data:
            return LanguageIdentifier(
                np.asarray(data["ptc"]), np.asarray(data["pc"]), data["classes"].tolist(),
                _uint_array(data["nextmove"]), data["out_feat"].tolist(), norm_probs=True,
                tk_row=_uint_array(data["nextmove_row"]))


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
