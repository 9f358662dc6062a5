"""RelatedLinks: "READ  <headline>" and "Read also: …" injections, and the prose that stays."""

from __future__ import annotations

import pickle
from collections.abc import Callable

import pytest

from cleanse import Pipeline
from cleanse.filters import RelatedLinks
from cleanse.phrases import read_phrase_rows
from cleanse.testing import assert_linear, check_laws

RL = Pipeline([RelatedLinks()])

BODY = (
    "The city council approved the new tram line on Tuesday evening.\n"
    "Construction is expected to start in the spring and last two years.\n"
)


def removed(text: str) -> list[str]:
    """Lines removed as related_headline; checks the laws, the reason and idempotence."""
    r = check_laws(RL, text)
    assert RL(r.text).changes == ()
    assert {(c.filter, c.reason) for c in r.changes} <= {("related_links", "related_headline")}
    return [c.before.strip("\n") for c in r.changes]


@pytest.mark.parametrize(
    "line",
    [
        # the injection template: "READ", a no-break space, a space, a headline
        "READ\u00a0 Minister promises cheaper train tickets for students",
        "READ  Minister promises cheaper train tickets for students",
        "READ\u00a0\u00a0„Wir brauchen mehr Züge“: Verband fordert neue Strecken",
        "READ\u00a0 Królowa wraca do portu. Tłumy na nabrzeżu",  # two short sentences
        "READ ALSO: Harbour reopens after the storm",
        "Read also: Harbour reopens after the storm",
        "Read more: Harbour reopens after the storm",
        "See also: Harbour reopens after the storm",
        "Related: Harbour reopens after the storm",
        "RELATED: Harbour reopens after the storm",
        "[Related: Harbour reopens after the storm]",
        "- Read next: iOS update fixes the battery drain",  # first word not all lower-case
        "Leia também: Prefeitura anuncia nova ciclovia na zona sul",
        "Leia também Prefeitura anuncia nova ciclovia na zona sul",
        "Veja também: Chuva forte deve continuar até sexta",
        "Lee también: El metro amplía su horario los fines de semana",
        "Te puede interesar: ¿Cuánto cuesta vivir en la capital?",
        "(Le puede interesar: Nuevo puente une los dos barrios)",
        "À lire aussi : Le tramway arrive enfin à la gare",
        "Lire aussi Le tramway arrive enfin à la gare",
        "Leggi anche: Il nuovo ponte apre a dicembre",
        "(Leggi anche su: Il nuovo ponte apre a dicembre)",
        "Lesen Sie auch: Neue Radwege für die Innenstadt",
        "Mehr zum Thema: Neue Radwege für die Innenstadt",
        "Lees ook: Nieuwe fietsbrug geopend in het centrum",
        "Baca juga: Harga cabai naik menjelang Lebaran",
        "Baca Juga Harga cabai naik menjelang Lebaran",
        "Czytaj też: Nowy most otwarty dla pieszych",
        "Zobacz też: Nowy most otwarty dla pieszych",
        "Читайте также: В городе открылась новая станция метро",
        "Ayrıca okuyun: Yeni köprü trafiğe açıldı",
        "LEE MÁS | El metro amplía su horario",
        "À lire aussi » Cinq idées pour un week-end à vélo",
        # bare markers and teaser links
        "Related Posts",
        "Related",
        "Continue reading the main story",
        "Mehr lesen...",
        "Seguir leyendo:",
        "Czytaj też:",
        "Articoli correlati",
        "Похожие статьи",
        "Devamını oku",
        "You may also like...",
    ],
)
def test_related_lines_go(line: str) -> None:
    assert removed(BODY + line + "\n" + BODY) == [line]


@pytest.mark.parametrize(
    "line",
    [
        # prose that starts with a marker's words
        "Read more books, the minister said.",
        "Read more about this in our report.",
        "Read the full report on the council's website.",
        "READ the full report here.",  # capital READ, then a sentence in lower case
        "Read also the annex, which lists every stop.",
        "Related party transactions rose by a third last year.",
        "Leia também o relatório completo da prefeitura.",
        "Lesen Sie auch die Stellungnahme des Verbands.",
        "Baca juga artikel berikut untuk informasi lebih lanjut.",
        "Lire aussi les conclusions du rapport.",
        "Mehr zum Thema finden Sie in unserem Dossier.",  # no colon after "Mehr zum Thema"
        # headings and cross-references
        "See also",
        "Siehe auch",
        "See also Figure 3 for the full timetable.",
        "Related Party Transactions",
        # quotations and markers in the middle of a line
        "“Read more,” she told the students.",
        "„Lesen Sie auch: das Kleingedruckte“, riet der Anwalt.",
        "He said: Read also: the second page.",
        "The sign said READ  Slowly Please",
        # a long sentence after a colon is not a headline
        "Read more: " + " ".join(["the plan"] * 20) + ".",
        "READ  " + " ".join(["Tram"] * 40),
    ],
)
def test_prose_headings_and_quotes_stay(line: str) -> None:
    assert removed(BODY + line + "\n" + BODY) == []


def test_a_seed_like_injection_keeps_the_article_exact() -> None:
    article = ("A prefeitura abriu as inscrições para o programa de hortas urbanas.\n"
               "\n"
               "As vagas são limitadas e o prazo termina na sexta-feira.\n")
    text = article + "READ\u00a0 Chuva forte deve continuar até sexta\n\nMais texto aqui.\n"
    r = RL(text)
    assert r.text == article + "\nMais texto aqui.\n"
    assert [(c.filter, c.reason) for c in r.changes] == [("related_links", "related_headline")]


def test_max_words_is_configurable_and_the_filter_is_pure() -> None:
    f = RelatedLinks(max_words=3)
    assert pickle.loads(pickle.dumps(f)) == f
    line = "Read also: Harbour reopens after the storm"
    assert Pipeline([f])(line).changes == ()
    assert Pipeline([RelatedLinks()])(line).text == ""


def test_data_file_is_well_formed() -> None:
    rows = read_phrase_rows("related")
    assert {r.reason for r in rows} == {"related_headline"}
    assert {"en", "pt", "es", "fr", "it", "de", "nl", "id", "pl", "ru", "tr"} <= {
        r.lang for r in rows}
    assert [r.phrase for r in rows if r.kind == "upper"] == ["READ"]


@pytest.mark.linear
@pytest.mark.parametrize(
    "build",
    [
        lambda n: "Read also " * n,  # a 2 MB line of markers at the default size below
        lambda n: "READ\u00a0 " * n,
        lambda n: "Read also:\n" * n,
        lambda n: "Leia também: " + "Título " * n,
        lambda n: "READ  " + "A. " * n,
        lambda n: "- " * n + "Related Posts",
    ],
)
def test_adversarial_inputs_are_linear(build: Callable[[int], str]) -> None:
    assert_linear(RelatedLinks(), build, n=10_000)
    check_laws(RelatedLinks(), build(10_000))


def test_a_two_megabyte_line_of_markers() -> None:
    text = "Read also " * 200_000
    assert len(text) == 2_000_000
    assert removed(text) == []
