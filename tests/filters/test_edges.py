"""EdgeResidue: navigation words at the edges only, in many languages."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanse import Pipeline, default_pipeline
from cleanse.document import Document
from cleanse.errors import ConfigError
from cleanse.filters import EdgeResidue
from cleanse.filters.autoblog import find_tail
from cleanse.filters.base import line_removals
from cleanse.filters.edges import _MAX_LINE, _NO_TAIL, _hits, _pattern
from cleanse.phrases import line_matches, load_phrases

ER = Pipeline([EdgeResidue()])

PROSE = {
    "en": "The river rose by two metres overnight, and several roads near the old mill "
          "were closed until the water went down.",
    "pt": "O rio subiu dois metros durante a noite e várias estradas perto do velho "
          "moinho foram fechadas até a água baixar.",
    "es": "El río subió dos metros durante la noche y varias carreteras cerca del viejo "
          "molino se cerraron hasta que bajó el agua.",
    "fr": "La rivière a monté de deux mètres pendant la nuit et plusieurs routes près du "
          "vieux moulin ont été fermées jusqu'à la décrue.",
    "it": "Il fiume è salito di due metri durante la notte e diverse strade vicino al "
          "vecchio mulino sono state chiuse fino al calo dell'acqua.",
    "de": "Der Fluss stieg über Nacht um zwei Meter, und mehrere Straßen an der alten "
          "Mühle blieben gesperrt, bis das Wasser zurückging.",
    "nl": "De rivier steeg 's nachts twee meter en verschillende wegen bij de oude molen "
          "werden afgesloten tot het water zakte.",
    "id": "Sungai naik dua meter dalam semalam dan beberapa jalan di dekat penggilingan "
          "tua ditutup sampai air surut kembali.",
    "pl": "Rzeka podniosła się w nocy o dwa metry, a kilka dróg przy starym młynie "
          "zamknięto, dopóki woda nie opadła.",
    "ru": "За ночь река поднялась на два метра, и несколько дорог возле старой мельницы "
          "закрыли, пока вода не спала.",
    "tr": "Nehir gece boyunca iki metre yükseldi ve eski değirmenin yakınındaki birkaç yol "
          "su çekilene kadar kapatıldı.",
}


def removed(text: str, pipe: Pipeline = ER) -> list[tuple[str, str]]:
    r = pipe(text)
    assert pipe(r.text).changes == ()
    return [(c.before.strip(), c.reason) for c in r.changes]


@pytest.mark.parametrize(
    ("lang", "top", "bottom"),
    [
        ("en", ["Skip to main content", "Menu", "Search"], ["Back to top", "Log in | Register"]),
        ("pt", ["Pular para o conteúdo", "Pesquisar"], ["Voltar ao topo"]),
        ("es", ["Ir al contenido principal", "Menú", "Buscar"], ["Iniciar sesión"]),
        ("fr", ["Aller au contenu", "Rechercher"], ["Haut de page", "Se connecter"]),
        ("it", ["Vai al contenuto", "Cerca"], ["Torna su"]),
        ("de", ["Zum Inhalt springen", "Hauptmenü", "Suche"], ["Nach oben", "Anmelden"]),
        ("nl", ["Naar de inhoud springen", "Zoeken"], ["Naar boven"]),
        ("id", ["Beranda", "Cari"], ["Kembali ke atas"]),
        ("pl", ["Przejdź do treści", "Szukaj"], ["Do góry", "Zaloguj się"]),
        ("ru", ["Перейти к содержимому", "Поиск"], ["Наверх", "Войти"]),
        ("tr", ["İçeriğe geç", "Ara"], ["Başa dön", "Giriş yap"]),
    ],
)
def test_nav_words_at_both_edges(lang: str, top: list[str], bottom: list[str]) -> None:
    body = ["Flood Closes Mill Road", "", PROSE[lang], PROSE[lang]]
    text = "\n".join([*top, *body, "", *bottom])
    assert removed(text) == [(w, "nav_residue") for w in [*top, *bottom]]
    assert ER(text).text.strip() == "\n".join(body).strip()


@pytest.mark.parametrize(
    "line",
    ["☰ Menu", "Search …", "Search for:", "× Close", "Home » World » Europe",
     "Sign in / Sign up", "[Home]", "- Home ›", "SEARCH", "Startseite › Lokales",
     "Home | News | Sport", "Início / Política / Eleições"],
)
def test_shapes_of_nav_lines(line: str) -> None:
    text = f"{line}\nA Title Line\n{PROSE['en']}"
    assert removed(text) == [(line, "nav_residue")]


def test_adblock_notice() -> None:
    text = f"Adblock test (Why?)\n{PROSE['de']}\nWerbeblocker erkannt"
    assert removed(text) == [("Adblock test (Why?)", "adblock_notice"),
                             ("Werbeblocker erkannt", "adblock_notice")]


def test_adblock_notice_before_an_autoblog_tail() -> None:
    # The notice sits between the last paragraph and a Blogger tail: the bottom edge
    # is the end of the article, so the edge filter takes it, the tail filter the rest.
    text = (f"Flood Closes Mill Road\n\n{PROSE['en']}\n{PROSE['en']}\n\n"
            "Adblock test (Why?)\n\n\nTop stories - Google News\nMeme Update\n"
            "Post a Comment\nPowered by Blogger.\n")
    r = default_pipeline()(text)
    # (the whitespace filter later merges its blank-line change into neighbouring ones)
    got = [(c.before.strip(), c.filter.split("+")[0], c.reason.split("+")[0])
           for c in r.changes if c.before.strip()]
    assert got[0] == ("Adblock test (Why?)", "edge_residue", "adblock_notice")
    assert {f for _, f, _ in got[1:]} == {"autoblog_tail"}
    assert r.text == f"Flood Closes Mill Road\n\n{PROSE['en']}\n{PROSE['en']}\n"


def test_nav_word_inside_a_tail_is_edge() -> None:
    text = f"{PROSE['en']}\n{PROSE['en']}\nPowered by Blogger.\nHome\n"
    assert removed(text) == [("Home", "nav_residue")]


@pytest.mark.parametrize(
    "text",
    [
        # nav words inside the article, after prose
        f"A Title\n{PROSE['en']}\nHome\n{PROSE['en']}\n{PROSE['en']}\nThe End of It",
        f"{PROSE['de']}\nSuche\n{PROSE['de']}\n{PROSE['de']}",
        # words with more on the line
        f"Search results were mixed\n{PROSE['en']}",
        f"Home is where the heart is\n{PROSE['en']}",
        f"{PROSE['en']}\nMenu of the day: soup and bread",
        # a line longer than any navigation line
        "Home | " * 40 + f"\n{PROSE['en']}",
        "",
    ],
)
def test_leaves_alone(text: str) -> None:
    assert ER(text).text == text


def test_edge_budget() -> None:
    labels = "\n".join(f"Label {k}" for k in range(12))
    text = f"{labels}\nSearch\n{PROSE['en']}"
    assert ER(text).text == text  # beyond the first 10 non-blank lines
    assert removed(text, Pipeline([EdgeResidue(max_edge_lines=13)])) == [("Search",
                                                                          "nav_residue")]
    with pytest.raises(ConfigError):
        EdgeResidue(max_edge_lines=0)


@pytest.mark.parametrize(
    "hostile",
    [
        "Home | " * 100_000,
        "Home » x " * 100_000,
        "»" * 500_000,
        "Search\n" * 100_000,
        "Adblock test (Why" * 50_000,
        "Skip to " * 100_000,
    ],
)
@pytest.mark.linear
def test_adversarial_inputs_are_linear(hostile: str) -> None:
    start = time.perf_counter()
    r = ER(hostile)
    assert len(r.text) <= len(hostile)
    assert time.perf_counter() - start < 10


def test_removed_lines_do_not_use_up_the_budget() -> None:
    # cleaning once must equal cleaning twice: removing "Menu" and "Search" must not
    # bring "Login" within reach only on a second run
    labels = [f"Label {k}" for k in range(9)]
    text = "\n".join(["Menu", "Search", *labels, "Login", PROSE["en"]])
    assert removed(text) == [("Menu", "nav_residue"), ("Search", "nav_residue"),
                             ("Login", "nav_residue")]


def test_a_link_line_is_not_prose() -> None:
    # the bottom edge crosses a credit line ("Source: <url>") to reach the nav word
    text = f"{PROSE['en']}\nSearch\nSource: https://example.com/report"
    assert removed(text) == [("Search", "nav_residue")]


def test_a_hit_beyond_the_budget_is_reached_through_a_tail() -> None:
    # Without the tail, the walk up from the end would count its eleven labels and
    # stop before the notice; the tail (from the feed name down) is all edge.
    labels = [f"Label {k}" for k in range(11)]
    text = "\n".join([PROSE["en"], PROSE["en"], "Adblock test (Why?)",
                      "Top stories - Google News", *labels, "Post a Comment",
                      "Powered by Blogger."])
    assert removed(text) == [("Adblock test (Why?)", "adblock_notice")]


# -- the fast paths: what the filter finds, they find --------------------------------

def _hits_reference(doc: Document) -> dict[int, str]:
    """The short lines the pattern matches, the long way: with line_matches."""
    lines = doc.lines
    return {i: m.lastgroup or "nav_residue" for i, m in line_matches(doc, _pattern())
            if len(lines[i]) <= _MAX_LINE}


def _picked_reference(edge: EdgeResidue, doc: Document) -> dict[int, str]:
    """The lines to remove, the long way: every line matched, the tail always looked
    for (as before the walks without it)."""
    lines = doc.lines
    hits = _hits_reference(doc)
    if not hits:
        return {}
    tail = find_tail(doc)
    gone = tail.removals
    picked = set(edge._edge(lines, range(len(lines)), hits, gone))
    end = len(lines)
    if tail.start is not None:
        end = tail.start
        picked.update(i for i in hits if i >= end)
    picked.update(edge._edge(lines, range(end - 1, -1, -1), hits, gone))
    return {i: hits[i] for i in sorted(picked)}


# nav lines (with the Kelvin sign and the long s that (?i) folds to "k" and "s", an
# astral lead), autoblog markers, labels a tail crosses, prose, titles, long lines
_EDGE_LINES = st.sampled_from([
    "Home", "SEARCH", "ſearch", "S\u212aip to content", "☰ Menu", "𝐇ome", "😀 Menu",
    "Home » World » Europe", "Log in | Register", "Adblock test (Why?)", "Search\r",
    "Home | " * 30, "Home is where the heart is", "Powered by Blogger.", "Post a Comment",
    "Top stories - Google News", "December 30, 2021 at 12:19AM", "Meme Update",
    "Posted by Anna at 10:05 AM", '0 Response to "Flood Closes Mill Road"',
    "Flood Closes Mill Road", "https://ift.tt/3qAz2kJ", "Label 1", "Label 2", "",
    PROSE["en"], PROSE["de"], "x" * 300,
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_EDGE_LINES, max_size=40).map("\n".join), st.integers(1, 12))
def test_the_walks_without_a_tail_pick_what_the_long_way_picks(text: str, budget: int) -> None:
    edge = EdgeResidue(max_edge_lines=budget)
    doc = Document(text)
    expected = _picked_reference(edge, Document(text))
    assert edge._picked(doc) == expected
    assert edge.edits(Document(text)) == line_removals(Document(text), expected.items())
    assert list(edge.rejected(Document(text))) == list(expected.items())
    # the fact the shortcut rests on: a tail only brings more hits into reach
    lines = doc.lines
    hits = {i: m.lastgroup or "" for i, m in line_matches(doc, _pattern())}
    assert edge._walks(lines, hits, _NO_TAIL) <= edge._walks(lines, hits, find_tail(doc))


_PHRASES = [p for name in ("edge_residue", "adblock_notice") for _, p in load_phrases(name)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_EDGE_LINES, st.sampled_from(_PHRASES), st.text(max_size=8)),
                max_size=12).map("\n".join))
def test_hits_are_what_line_matches_finds(text: str) -> None:
    assert _hits(Document(text)) == _hits_reference(Document(text))


def test_every_phrase_of_the_data_is_looked_up_as_matched() -> None:
    # each phrase as a whole line, in every place, as written and in other cases
    for phrase in _PHRASES:
        for line in (phrase, phrase.upper(), phrase.swapcase(), f"{phrase}\r", f" {phrase}"):
            for text in (line, f"x\n{line}", f"x\n{line}\ny", f"{line}\n{line}"):
                assert _hits(Document(text)) == _hits_reference(Document(text)), text
