"""cleanse learn: per-site repeated lines, bounded memory, the model, and the filter."""

from __future__ import annotations

import json
import pickle
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from _corpus import SITES, records
from hypothesis import given
from hypothesis import strategies as st

import cleanse
from cleanse.errors import ConfigError
from cleanse.filters import ALL_FILTERS, LearnedBoilerplate
from cleanse.learn import (
    BoilerplateModel,
    Learner,
    learn,
    learn_main,
    learned_pipeline,
    normalised_lines,
)
from cleanse.phrases import normalise_line
from cleanse.testing import check_laws


def _blog(site: str, n: int, *, footer: list[str], start: int = 0) -> list[dict[str, str]]:
    return [{"url": f"https://{site}/post/{i}",
             "text": f"Entry {i} of {site} is about tide pool number {i * 13}.\n"
                     + "\n".join(footer) + "\n"}
            for i in range(start, start + n)]


def test_each_site_keeps_its_own_template_lines() -> None:
    model = learn(records())
    assert set(model) == set(SITES)
    for site, spec in SITES.items():
        assert model[site] == {normalise_line(line) for line in spec["template"]}, site
        assert model.documents(site) == 12
        assert set(model.line_documents(site).values()) == {12}
    # a template line of one site is never another site's boilerplate
    assert model["quillgazette.example"].isdisjoint(model["folhadovale.example"])


def test_lines_shared_across_sites_by_chance_are_left_alone() -> None:
    corpus = []
    for k in range(30):  # thirty blogs, each ending one or two posts with "Thank you."
        site = f"blog{k}.example"
        for i in range(8):
            footer = [f"Written at the {k}th lighthouse"]
            if i in (0, 5) or (k % 2 and i == 3):
                footer.append("Thank you.")
            corpus += _blog(site, 1, footer=footer, start=i)
    model = learn(corpus, min_documents=5)
    assert len(model) == 30
    assert all("thank you" not in lines for lines in model.values())
    assert model["blog7.example"] == {"written at the 7th lighthouse"}


def test_a_line_frequent_within_one_site_is_learned_for_that_site_only() -> None:
    corpus = _blog("warm.example", 20, footer=["Thank you!"])
    corpus += _blog("cool.example", 20, footer=["Bis bald"])
    corpus[20]["text"] += "Thank you.\n"  # once on the other site
    model = learn(corpus)
    assert model["warm.example"] == {"thank you"}
    assert "thank you" not in model["cool.example"]


def test_thresholds() -> None:
    corpus = _blog("big.example", 100, footer=[])
    for doc in corpus[:6]:
        doc["text"] += "Sponsored by the harbour fund\n"
    assert "big.example" not in learn(corpus, min_documents=5, min_share=0.1)
    assert learn(corpus, min_documents=5, min_share=0.05)["big.example"] == {
        "sponsored by the harbour fund"}
    assert "big.example" not in learn(corpus, min_documents=7, min_share=0.0)
    with pytest.raises(ConfigError, match="min_share"):
        learn(corpus, min_share=1.5)
    with pytest.raises(ConfigError, match="min_documents"):
        learn(corpus, min_documents=0)


def test_duplicates_count_once_and_records_without_url_or_text_are_skipped() -> None:
    article = {"url": "https://copy.example/a", "text": "One story.\nA second line.\n"}
    corpus = [dict(article) for _ in range(10)]
    corpus += [{"text": "no url"}, {"url": "https://copy.example/b"}, {"url": "notaurl",
                                                                      "text": "x"}]
    corpus += [{"url": "https://copy.example/c", "text": 42}, "not a record"]  # type: ignore[list-item]
    learner = Learner(min_documents=2)
    learner.add_records(corpus)  # type: ignore[arg-type]
    model = learner.model()
    assert len(model) == 0
    assert (learner.documents, learner.duplicates, learner.skipped) == (1, 9, 5)


def test_memory_stays_within_the_budget_and_frequent_lines_survive() -> None:
    learner = Learner(min_documents=5, min_share=0.2, max_entries=200)
    peak = 0
    for i in range(3000):  # every document has 3 unique lines and the site footer
        site = f"s{i % 7}.example"
        text = (f"unique line {i} alpha\nunique line {i} beta\nunique line {i} gamma\n"
                f"Footer of {site}\n")
        learner.add(text, url=f"https://{site}/{i}")
        held = (learner._entries + len(learner._seen) + len(learner._site_documents))
        peak = max(peak, held)
        assert sum(map(len, learner._counts.values())) == learner._entries
    assert peak <= 200
    assert learner.max_undercount > 0
    model = learner.model()
    assert {site: set(lines) for site, lines in model.items()} == {
        f"s{k}.example": {f"footer of s{k} example"} for k in range(7)}
    assert model.settings["max_undercount"] == learner.max_undercount


@given(st.text(alphabet=st.sampled_from("aZß İ\u00a0\t\r\n.,!?-—«»€😀ﬁ\u3000日本"), max_size=60))
def test_normalised_lines_equals_normalise_line_per_line(text: str) -> None:
    expected = {n for n in map(normalise_line, text.split("\n")) if n}
    assert normalised_lines(text) == expected


def test_model_round_trips_and_is_a_value() -> None:
    model = learn(records())
    again = BoilerplateModel.from_dict(json.loads(json.dumps(model.to_dict())))
    assert again == model and hash(again) == hash(model)
    assert pickle.loads(pickle.dumps(model)) == model
    assert again.line_documents("kawabe.example") == model.line_documents("kawabe.example")
    assert model != BoilerplateModel({"kawabe.example": ["other"]})
    assert "sites" in repr(model)
    with pytest.raises(TypeError):
        model["x"] = frozenset()  # type: ignore[index]
    with pytest.raises(ConfigError, match="cleanse learn"):
        BoilerplateModel.from_dict({"sites": {}})
    with pytest.raises(ConfigError, match="upgrade"):
        BoilerplateModel.from_dict({"format": "cleanse-boilerplate", "version": 99,
                                    "sites": {}})


def test_filter_removes_learned_lines_with_their_reason() -> None:
    model = learn(records())
    pipeline = cleanse.Pipeline([LearnedBoilerplate(model=model)])
    text = ("Categoria — Vida no Vale\nO cais foi pintado de azul.\n"
            "TODOS os direitos reservados à Folha do Vale!\n"
            "Todos os direitos reservados à Folha do Vale e aos leitores\n")
    r = pipeline(text, url="https://folhadovale.example/nova")
    assert r.text == ("O cais foi pintado de azul.\n"
                      "Todos os direitos reservados à Folha do Vale e aos leitores\n")
    assert {(c.filter, c.reason) for c in r.changes} == {
        ("learned_boilerplate", "repeated_on_site")}
    assert cleanse.Result.from_dict(r.to_dict()) == r
    # another site, or no url: nothing is guessed
    assert pipeline(text, url="https://quillgazette.example/").text == text
    assert pipeline(text).text == text
    # German full case folding: "SEESTRASSE" is the learned "Seestraße"
    r = pipeline("RUBRIK: SEESTRASSE\nDie Fähre fährt.\n",
                 url="https://nachrichten-am-see.example/1")
    assert r.text == "Die Fähre fährt.\n"
    r = pipeline("本文です。\nカテゴリー: 川辺のくらし\n川辺新聞　編集部",
                 url="https://kawabe.example/2")
    assert r.text == "本文です。"


def test_learned_pipeline_cleans_the_corpus_and_is_idempotent() -> None:
    corpus = records()
    model = learn(corpus)
    pipeline = learned_pipeline(model)
    default = cleanse.default_pipeline()
    for rec in corpus[:48]:
        r = pipeline(rec["text"], url=rec["url"])
        site = rec["url"].split("/")[2].removeprefix("www.")
        for line in SITES[site]["template"]:
            assert line not in r.text
        assert pipeline(r.text, url=rec["url"]).text == r.text
        # what the learned filter leaves is what the default preset keeps, minus the template
        kept = default(rec["text"], url=rec["url"]).text
        assert set(r.text.splitlines()) <= set(kept.splitlines())


def test_registry_and_empty_model() -> None:
    assert LearnedBoilerplate in ALL_FILTERS
    f = LearnedBoilerplate()
    assert len(f.model) == 0 and f == LearnedBoilerplate()
    assert cleanse.Pipeline([f])("Menu\nText\n", url="https://a.example/").text == "Menu\nText\n"
    assert "learned_boilerplate" not in cleanse.default_pipeline().names
    assert pickle.loads(pickle.dumps(LearnedBoilerplate(model=learn(records())))).model


_MODEL = learn(records())
_LINES = [line for spec in SITES.values() for line in spec["template"]]
_LINES += ["Thank you.", "", "   ", "Filed under", "FILED UNDER harbour notes!!", "Body text."]


@given(st.lists(st.sampled_from(_LINES) | st.text(max_size=20), max_size=12),
       st.sampled_from(sorted(SITES)), st.sampled_from(["\n", "\r\n", "\r"]))
def test_laws_hold_with_a_learned_model(lines: list[str], site: str, sep: str) -> None:
    text = sep.join(lines)
    result = check_laws(LearnedBoilerplate(model=_MODEL), text, url=f"https://{site}/p",
                        idempotent=True)
    kept = {normalise_line(line) for line in result.text.split("\n")}
    assert kept.isdisjoint(_MODEL[site])


@pytest.mark.linear
def test_adversarial_lines_scan_in_linear_time() -> None:
    model = BoilerplateModel({"a.example": ["news news news end", "news , more"]})
    f = cleanse.Pipeline([LearnedBoilerplate(model=model)])

    def timed(n: int) -> float:
        text = ("news " * n) + "\n" + ("!" * n) + "\n" + ("news\n" * (n // 50))
        start = time.perf_counter()
        r = f(text, url="https://a.example/")
        assert r.text == text
        return time.perf_counter() - start

    small, large = timed(20_000), timed(200_000)
    assert large < 40 * max(small, 1e-3)


def test_learn_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:

    corpus = records()
    half = len(corpus) // 2
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus[:half])
                     + "not json\n", encoding="utf-8")
    parquet = tmp_path / "b.parquet"
    pq.write_table(pa.Table.from_pylist(corpus[half:]), parquet)
    out = tmp_path / "model.json"
    assert learn_main([str(jsonl), str(parquet), "-o", str(out), "--min-documents", "5"]) == 0
    err = capsys.readouterr().err
    assert "invalid JSON" in err and "lines learned for 4 sites" in err
    model = BoilerplateModel.load(out)
    assert model == learn(corpus)
    assert json.loads(out.read_text("utf-8"))["format"] == "cleanse-boilerplate"
    assert LearnedBoilerplate.from_file(out).model == model
    assert learn_main([str(tmp_path / "missing.jsonl"), "-o", str(out)]) == 2
