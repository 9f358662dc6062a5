"""The language model: cleanse's own reader builds what py3langid builds, a background
load (preload_model) gives the same model to the first detection and to a forked
child, and cleanse's faster identifier answers exactly as py3langid's (code and
probability, compared with ==) on generated, sample and benchmark texts."""

from __future__ import annotations

import gzip
import json
import os
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from cleanse import language

TEXTS = [
    "The council met on Monday to discuss the budget for the new library.",
    "La mairie a voté le budget des écoles hier soir, après un long débat.",
    "Der Stadtrat beschloss einen neuen Radweg am Fluss und mehr Bänke.",
    "市は来年、駅前の広場を改修する予定です。",
    "",
]


@pytest.mark.skipif(not MODEL_FILE.endswith(".npz.xz"),
                    reason="this py3langid's model is loaded by py3langid itself")
def test_reader_builds_what_py3langid_builds() -> None:
    ours = language._read_npz_model()
    theirs = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    for name in ("nb_ptc", "nb_pc"):
        a, b = getattr(ours, name), getattr(theirs, name)
        assert a.dtype == b.dtype and np.array_equal(a, b), name
    for name in ("nb_classes", "tk_output", "_rowbase", "_alias_pairs", "_norm_probs",
                 "min_confidence"):
        assert getattr(ours, name) == getattr(theirs, name), name
    for name in ("tk_nextmove", "tk_row"):
        a, b = getattr(ours, name), getattr(theirs, name)
        assert a.typecode == b.typecode and a == b, name
    for text in TEXTS:
        assert ours.classify(text) == theirs.classify(text)
        assert ours.rank(text) == theirs.rank(text)


def test_preloaded_model_is_the_one_detection_uses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "_MODEL", [])
    monkeypatch.setattr(language, "_LOADERS", [])
    language.preload_model()
    language.preload_model()  # loading already: no second thread
    assert len(language._LOADERS) == 1
    found = language.detect_language(TEXTS[1])
    assert found is not None and found[0] == "fr"
    assert not language._LOADERS[0].is_alive()
    assert len(language._MODEL) == 1


def test_a_failed_background_load_is_retried_and_raises_in_the_caller(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "_MODEL", [])
    monkeypatch.setattr(language, "_LOADERS", [])

    def broken() -> None:
        raise OSError("no model here")

    monkeypatch.setattr(language, "_load_model", broken)
    language.preload_model()
    with pytest.raises(OSError, match="no model here"):
        language.detect_language(TEXTS[0])


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform != "linux",
                    reason="fork is used on Linux only")
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_fork_waits_for_the_background_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "_MODEL", [])
    monkeypatch.setattr(language, "_LOADERS", [])
    language.preload_model()
    pid = os.fork()  # the at-fork hook waits for the loader before the child exists
    if pid == 0:
        os._exit(0 if len(language._MODEL) == 1 else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


# --- The faster identifier gives py3langid's answers, to the bit ---------------------

BENCH = Path("/work/shared/bench/corpus-5mb.jsonl.gz")
SAMPLES = sorted((Path(__file__).parent.parent / "samples").glob("*/input.txt"))


@pytest.fixture(scope="module")
def theirs() -> Any:
    """py3langid's own identifier, loaded by py3langid."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _same(ours: Any, theirs: Any, text: str | bytes) -> None:
    # == on floats: the probabilities must be the same numbers, not close ones
    assert ours.classify(text) == theirs.classify(text), text[:80]
    assert ours.rank(text) == theirs.rank(text), text[:80]


def _generated() -> list[str]:
    """Short, long, multilingual, random and adversarial texts."""
    rng = random.Random(6)
    texts = [*TEXTS, "a", " ", "\x00", "\x00" * 100, "\ud800", "a\udfffb\ud800", "😀" * 50,
             "👩‍👩‍👧 and 🇫🇷 flags", "Ω", "e\u0301" * 30, "ÉCRIT EN MAJUSCULES, LE TEXTE",
             "\ufeffBOM first", "\r\n" * 20, "1234567890" * 30, "\u200b" * 40,
             "Ελληνικά και русский и 中文 और हिन्दी ve Türkçe", "ab" * 5000,
             "The quick brown fox. " * 49_000,  # a megabyte, walked by numpy
             "The quick brown fox. " * 51_000]  # a bit more, walked by py3langid
    for alphabet in ("abcdefghijklmnopqrstuvwxyz    .,'", "аеиоунстрвлк ", "的一是不了人我在有他 ",
                     "".join(map(chr, range(0x20, 0x250)))):
        for size in (1, 7, 40, 300, 3000):
            texts.append("".join(rng.choice(alphabet) for _ in range(size)))
    for size in (1, 5, 64, 1000):  # any code point, surrogates included
        texts.append("".join(chr(rng.randrange(0x110000)) for _ in range(size)))
    return texts


def test_identifier_is_py3langid_on_generated_texts(theirs: Any) -> None:
    ours = language._identifier()
    assert type(ours) is not LanguageIdentifier  # the fast one is under test
    for text in _generated():
        _same(ours, theirs, text)
    for data in (b"", b"\xff\xfe", b"caf\xc3\xa9 au lait" * 9, bytes(range(256)) * 4,
                 "deutsche Sprache".encode("utf-16"), b"trailing \xe2\x82"):
        _same(ours, theirs, data)


def test_identifier_is_py3langid_on_samples(theirs: Any) -> None:
    ours = language._identifier()
    assert SAMPLES
    for path in SAMPLES:
        text = path.read_text(encoding="utf-8")
        _same(ours, theirs, text)
        for line in text.split("\n"):
            _same(ours, theirs, line[:600])


@pytest.mark.skipif(not BENCH.exists(), reason="the benchmark corpus is not here")
def test_identifier_is_py3langid_on_the_benchmark_corpus(theirs: Any) -> None:
    ours = language._identifier()
    with gzip.open(BENCH, "rt", encoding="utf-8") as f:
        docs = [json.loads(line)["text"] for line in f]
    for doc in docs:  # what detect_language and the quick sample read
        for size in (language._QUICK_CHARS, language._SAMPLE_CHARS):
            sample = language._document_sample(doc, size)[:size]
            assert ours.classify(sample) == theirs.classify(sample)
    for doc in docs[::20]:
        _same(ours, theirs, doc)


@given(text=st.text())
@settings(max_examples=150, deadline=None)
def test_identifier_is_py3langid_on_any_text(theirs: Any, text: str) -> None:
    _same(language._identifier(), theirs, text)


def test_detection_functions_answer_as_with_py3langid(
        theirs: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [*_generated(), *(p.read_text(encoding="utf-8") for p in SAMPLES)]
    functions = (language.detect_language, language.rank_languages,
                 language.quick_document_language, language.detect_document_language)
    ours = [[f(t) for f in functions] for t in texts]
    monkeypatch.setattr(language, "_MODEL", [theirs])
    assert ours == [[f(t) for f in functions] for t in texts]


def test_the_fallback_walk_is_py3langid_too(theirs: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    ours = language._identifier()
    monkeypatch.setattr(language, "_MAX_PASSES", 1)  # no automaton settles in one pass
    for text in TEXTS[:4]:
        assert language._walk_states(ours._nextmove, ours._row_of, text.encode()) is None
        _same(ours, theirs, text)


def test_the_walk_is_the_sequential_walk_and_settles() -> None:
    ours = language._identifier()
    nextmove, rowbase = ours.tk_nextmove, ours._rowbase
    for text in [*TEXTS[:4], "ab" * 5000, "".join(map(chr, range(0x20, 0x3000))),
                 *_generated()[-8:]]:
        data = ours._encode(text)
        states = language._walk_states(ours._nextmove, ours._row_of, data, ours._take_mode)
        assert states is not None  # no fallback: the fast walk is the one under test
        walked, state = [], 0
        for byte in data:  # py3langid's visit_counts, keeping every state
            state = nextmove[rowbase[state] + byte]
            walked.append(state)
        assert states.tolist() == walked


@pytest.mark.parametrize("ptc", ["float32", "positive", "nan", "raw", "languages"])
def test_other_tables_and_raw_scores_are_py3langid_too(theirs: Any, ptc: str) -> None:
    table, norm = theirs.nb_ptc, True
    if ptc == "float32":  # no float16 rows to convert
        table = table.astype(np.float32)
    elif ptc in ("positive", "nan"):  # float16s the bit trick leaves to numpy
        table = table.copy()
        table[:, 3] = 1.0 if ptc == "positive" else np.nan
    elif ptc == "raw":  # unnormalised scores (and py3langid's floor for featureless text)
        norm = False
    args = (table, theirs.nb_pc, theirs.nb_classes, theirs.tk_nextmove, theirs.tk_output)
    ours = language._identifier_class()(*args, norm_probs=norm, tk_row=theirs.tk_row)
    plain = LanguageIdentifier(*args, norm_probs=norm, tk_row=theirs.tk_row)
    assert ours._negative_halves == (ptc in ("raw", "languages"))
    if ptc == "languages":  # fewer labels, one of them with an alias column
        aliased = theirs.nb_classes[theirs._alias_pairs[0][0]]
        for identifier in (ours, plain):
            identifier.set_languages(["en", "fr", "de", aliased])
    for text in [*TEXTS, "\x00", "a" * 3000, "Ω" * 50]:
        # repr: NaN is not == NaN
        assert repr(ours.classify(text)) == repr(plain.classify(text))
        assert repr(ours.rank(text)) == repr(plain.rank(text))


def test_float32_rows_converts_every_negative_normal_half_exactly() -> None:
    bits = np.arange(0x8400, 0xFC00, dtype=np.uint16)
    table = bits.view(np.float16).reshape(-1, 2)
    idx = np.arange(len(table))[::-1]
    got = language._float32_rows(table, idx)
    assert got.dtype == np.float32
    assert np.array_equal(got.view(np.uint32), table[idx].astype(np.float32).view(np.uint32))


def test_first_seen_counts_is_counter_order() -> None:
    rng = random.Random(1)
    for size in (1, 2, 3, 50, 2000):
        values = [rng.randrange(size * 2) for _ in range(size)]
        idx, counts = language._first_seen_counts(np.array(values, dtype=np.intp))
        expected = Counter(values)
        assert idx.tolist() == list(expected) and counts.tolist() == list(expected.values())
        assert idx.dtype == np.intp and counts.dtype == np.float32


def test_has_letters_is_counting_isalpha() -> None:
    rng = random.Random(2)
    pool = ["a", "é", "1", "²", "½", "一", "Ⅳ", " ", "_", "\u0301", "ß", "ǅ", "😀", "\ud800"]
    for size in range(0, 120, 3):
        text = "".join(rng.choice(pool) for _ in range(size))
        for count in (1, 2, 10, 40):
            assert language._has_letters(text, count) == (
                sum(ch.isalpha() for ch in text) >= count), (text, count)
    assert not language._has_letters("x" * 39, 40)
    assert language._has_letters("1 " * 1000 + "x" * 40, 40)
    assert language.detect_language("1 " * 1500 + "lettres " * 10) is None  # past the sample
