"""LanguageConsistency: foreign paragraphs go only when the verdict is clear."""

from __future__ import annotations

import time

import pytest

from cleanse import Pipeline, default_pipeline, strict_pipeline
from cleanse.errors import ConfigError
from cleanse.filters import LanguageConsistency

LC = Pipeline([LanguageConsistency()])

P = {
    "fr": [
        "Le conseil municipal a adopté mardi soir le budget de l'année prochaine, qui prévoit "
        "une hausse sensible des dépenses pour les écoles, les cantines et les transports "
        "publics.",
        "Selon l'adjointe chargée des finances, cette augmentation sera financée sans toucher "
        "aux impôts locaux, grâce à la vente de plusieurs terrains appartenant à la commune.",
        "L'opposition a dénoncé un budget construit sur des recettes exceptionnelles et a "
        "demandé un audit indépendant des comptes avant la fin du premier trimestre.",
        "Les habitants pourront consulter le détail des dépenses sur le site de la mairie à "
        "partir de la semaine prochaine, ainsi qu'à l'accueil de l'hôtel de ville.",
    ],
    "es": [
        "El ayuntamiento aprobó el martes por la noche el presupuesto del año próximo, que "
        "prevé un aumento notable del gasto en escuelas, comedores y transporte público.",
        "La asociación de vecinos pidió que una parte de los fondos se destine a reparar las "
        "aceras del barrio antiguo, que llevan años sin ningún tipo de mantenimiento.",
    ],
    "de": [
        "Der Stadtrat hat am Dienstagabend den Haushalt für das kommende Jahr beschlossen, der "
        "deutlich höhere Ausgaben für Schulen, Kantinen und den öffentlichen Nahverkehr "
        "vorsieht.",
        "Nach Angaben der Kämmerin soll die Erhöhung ohne neue Steuern finanziert werden, und "
        "zwar durch den Verkauf mehrerer Grundstücke, die der Gemeinde gehören.",
        "Die Opposition kritisierte einen Haushalt, der auf einmaligen Einnahmen beruhe, und "
        "verlangte eine unabhängige Prüfung der Konten noch vor dem Ende des ersten Quartals.",
        "Die Bürgerinnen und Bürger können die Einzelheiten der Ausgaben ab der nächsten Woche "
        "auf der Internetseite der Stadt und im Foyer des Rathauses einsehen.",
    ],
    "en": [
        "The city council approved next year's budget on Tuesday evening, with a marked "
        "increase in spending on schools, canteens and public transport across the district.",
        "According to the finance officer, the increase will be paid for without raising local "
        "taxes, by selling several plots of land that belong to the town.",
    ],
    "pt": [
        "A câmara municipal aprovou na terça-feira à noite o orçamento do próximo ano, que "
        "prevê um aumento significativo das despesas com escolas, cantinas e transportes "
        "públicos.",
        "Segundo a vereadora responsável pelas finanças, o aumento será financiado sem mexer "
        "nos impostos locais, graças à venda de vários terrenos que pertencem ao município.",
        "A oposição criticou um orçamento construído sobre receitas extraordinárias e pediu "
        "uma auditoria independente das contas antes do fim do primeiro trimestre.",
        "Os moradores poderão consultar o detalhe das despesas no site da prefeitura a partir "
        "da próxima semana, e também no balcão de atendimento da câmara.",
    ],
    "it": [
        "Il consiglio comunale ha approvato martedì sera il bilancio del prossimo anno, che "
        "prevede un aumento notevole della spesa per le scuole, le mense e il trasporto "
        "pubblico.",
        "Secondo l'assessora al bilancio, l'aumento sarà finanziato senza toccare le tasse "
        "locali, grazie alla vendita di alcuni terreni che appartengono al comune.",
        "L'opposizione ha criticato un bilancio costruito su entrate straordinarie e ha "
        "chiesto una revisione indipendente dei conti prima della fine del primo trimestre.",
        "I cittadini potranno consultare il dettaglio delle spese sul sito del comune a "
        "partire dalla prossima settimana, oppure allo sportello del municipio.",
    ],
    "gl": [
        "O concello aprobou o martes pola noite o orzamento do vindeiro ano, que prevé un "
        "aumento notable do gasto en escolas, comedores e transporte público para toda a "
        "veciñanza.",
    ],
}


def article(home: str, intruder: str, title: str = "Budget 2025") -> str:
    body = P[home]
    return "\n\n".join([title, body[0], body[1], intruder, body[2], body[3]])


def removed(text: str, **context: str) -> list[tuple[str, str, str]]:
    r = LC(text, **context)
    assert LC(r.text, **context).changes == ()
    return [(c.before.strip(), c.filter, c.reason) for c in r.changes]


@pytest.mark.parametrize(
    ("home", "foreign"),
    [("fr", "es"), ("de", "en"), ("pt", "es"), ("it", "es"), ("en", "de"), ("es", "fr")],
)
@pytest.mark.parametrize("given", [True, False])
def test_foreign_paragraph_is_removed(home: str, foreign: str, given: bool) -> None:
    home_paras = P[home] if len(P[home]) >= 4 else [*P[home], *P[home]]
    intruder = P[foreign][0]
    text = "\n\n".join(["Budget 2025", home_paras[0], home_paras[1], intruder,
                        home_paras[2], home_paras[3]])
    context = {"language": home} if given else {}
    assert removed(text, **context) == [(intruder, "language_consistency",
                                         "foreign_language")]


def test_region_tags_and_case_of_the_callers_language() -> None:
    text = article("pt", P["es"][1])
    assert len(removed(text, language="pt-BR")) == 1
    assert len(removed(text, language="PT")) == 1


@pytest.mark.parametrize(
    ("home", "intruder"),
    [
        # a long English quotation in a German article, presented as a quote
        ("de", "„" + P["en"][0] + "“"),
        ("de", "“" + P["en"][1] + "”, sagte die Kämmerin."),
        ("fr", "« " + P["es"][0] + " »"),
        ("fr", "— " + P["es"][1]),  # dialogue dash
        # announced by the paragraph before ("…as follows:")
        ("de", "::" + P["en"][0]),
        # a close variety of the document's language (Galician in Portuguese)
        ("pt", P["gl"][0]),
        # short foreign lines are never judged
        ("fr", "¿Dónde está la biblioteca municipal?"),
        # names and titles
        ("fr", "Anna Schmidt, Peter Müller, Hans Weber, Klara Fischer, Jonas Becker, Lena "
               "Hoffmann, Paul Schäfer, Emma Koch, Felix Richter und Mia Wagner."),
        # a bibliography entry, a numbered reference
        ("de", "- Smith J, Brown K, 2019. Budget rules in small towns: evidence from thirty "
               "years of municipal accounts. Journal of Local Finance 12, 45-67."),
        ("de", "[3] Jones, Mary. 2016. How cities pay for schools and buses: a comparative "
               "study of European municipalities. London: Example Press."),
        # code
        ("de", "var config = JSON.parse('{\"name\":\"widget\",\"items\":[1,2,3],\"enabled\":"
               "true,\"label\":\"Presupuesto municipal del año próximo para escuelas\"}');"),
    ],
)
def test_false_positive_traps(home: str, intruder: str) -> None:
    if intruder.startswith("::"):
        text = "\n\n".join([P[home][0], P[home][1] + " Die Mitteilung lautet:",
                            intruder[2:], P[home][2], P[home][3]])
    else:
        text = article(home, intruder)
    assert LC(text, language=home).text == text


def test_a_foreign_line_that_announces_another_stays() -> None:
    # removing the first would leave the second unannounced: a second cleaning would
    # then remove more, so neither goes (cleaning twice = cleaning once)
    announce = P["en"][0].rstrip(".") + ", as follows:"
    text = "\n\n".join([*P["de"][:2], announce, P["en"][1], *P["de"][2:]])
    assert removed(text, language="de") == []


def test_close_language_document_is_left_alone() -> None:
    # Portuguese throughout: some lines could look Galician or Spanish to a classifier
    text = "\n\n".join(["Orçamento", *P["pt"], P["pt"][0]])
    assert LC(text).text == text
    assert LC(text, language="pt").text == text


def test_unknown_or_mixed_documents_are_left_alone() -> None:
    # a bilingual document: half German, half English
    mixed = "\n\n".join([P["de"][0], P["en"][0], P["de"][1], P["en"][1]])
    assert LC(mixed, language="de").text == mixed
    # the caller's language disagrees with the whole text
    french = "\n\n".join(P["fr"])
    assert LC(french, language="de").text == french
    # too little text to know the document's language
    short = "Bonjour.\nHola."
    assert LC(short).text == short
    assert LC("").text == ""


def test_only_in_the_strict_preset() -> None:
    assert "language_consistency" not in default_pipeline().names
    names = strict_pipeline().names
    assert "language_consistency" in names
    after = names[names.index("language_consistency") + 1]
    assert after in ("punctuation", "whitespace")


def test_config_is_validated() -> None:
    with pytest.raises(ConfigError):
        LanguageConsistency(min_confidence=1.5)
    with pytest.raises(ConfigError):
        LanguageConsistency(min_chars=0)
    stricter = Pipeline([LanguageConsistency(min_chars=1000)])
    text = article("fr", P["es"][0])
    assert stricter(text, language="fr").text == text


@pytest.mark.parametrize(
    "hostile",
    [
        ("“" * 200_000 + " ") + " ".join(P["es"][0].split()[:20]),
        " ".join(P["en"] * 2_000),  # one huge line of prose
        ("word " * 100_000),
        "\n".join(P["de"] * 2_000),
    ],
)
@pytest.mark.linear
def test_adversarial_inputs_are_linear(hostile: str) -> None:
    start = time.perf_counter()
    r = LC(hostile, language="de")
    assert len(r.text) <= len(hostile)
    assert time.perf_counter() - start < 20
