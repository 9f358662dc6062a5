"""Loading the language model: cleanse's own reader builds what py3langid builds, and a
background load (preload_model) gives the same model to the first detection and to a
forked child."""

from __future__ import annotations

import os
import sys

import numpy as np
import pytest
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
