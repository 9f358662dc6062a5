"""AutoblogTail: Blogger / IFTTT / feed tails as a block, and what must survive."""

from __future__ import annotations

import time

import pytest
from _autoblog_reference import markers_line_by_line
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanse import Pipeline
from cleanse.document import Document
from cleanse.filters import AutoblogTail, EdgeResidue, LinkLines
from cleanse.filters.autoblog import (
    _scan_markers,
    find_tail,
    prose_line,
)

AB = Pipeline([AutoblogTail()])

BODY_EN = (
    "Harbour Town Opens New Ferry Terminal\n"
    "\n"
    "The new terminal will handle twice as many passengers as the old wooden pier, "
    "the port authority said on Tuesday.\n"
    "Construction took three years and ran slightly over budget, according to the "
    "council's annual report published last spring.\n"
    "Local shop owners expect more visitors during the summer season, when ferries "
    "leave every forty minutes.\n"
)
TITLE_EN = "Harbour Town Opens New Ferry Terminal"


def removed(text: str, pipe: Pipeline = AB, **context: str) -> list[tuple[str, str, str]]:
    """(line, filter, reason) of every removal, checking replay and idempotence."""
    r = pipe(text, **context)
    out, pos = [], 0
    for c in r.changes:
        out.append(r.original[pos:c.start] + c.after)
        pos = c.end
    assert "".join(out) + r.original[pos:] == r.text  # the changes replay (law L4)
    assert pipe(r.text, **context).changes == ()  # nothing left to remove
    return [(c.before.strip(), c.filter, c.reason) for c in r.changes]


def test_blogger_ifttt_tail_is_removed_as_a_block() -> None:
    tail = (
        "\n\n"
        "World - Latest - Google News\n"
        "March 4, 2022 at 07:05PM\n"
        "https://ift.tt/AbC123x\n"
        "\n"
        f"{TITLE_EN} - Coastal Daily\n"
        "Business - Latest - Google News\n"
        "https://ift.tt/ZyX987w\n"
        "Garden Tips Daily\n"
        "Football Update\n"
        "\n"
        "Bagikan Berita Ini\n"
        "\n"
        f'0 Response to "{TITLE_EN} - Coastal Daily"\n'
        "\n"
        "Post a Comment\n"
        "\n"
        "Powered by Blogger."
    )
    got = removed(BODY_EN + tail)
    assert got == [
        ("World - Latest - Google News", "autoblog_tail", "feed_name"),
        ("March 4, 2022 at 07:05PM", "autoblog_tail", "ifttt_date"),
        ("https://ift.tt/AbC123x", "autoblog_tail", "tail_block"),
        (f"{TITLE_EN} - Coastal Daily", "autoblog_tail", "repeated_title"),
        ("Business - Latest - Google News", "autoblog_tail", "feed_name"),
        ("https://ift.tt/ZyX987w", "autoblog_tail", "tail_block"),
        ("Garden Tips Daily", "autoblog_tail", "tail_block"),
        ("Football Update", "autoblog_tail", "tail_block"),
        ("Bagikan Berita Ini", "autoblog_tail", "autoblog_marker"),
        (f'0 Response to "{TITLE_EN} - Coastal Daily"', "autoblog_tail", "autoblog_marker"),
        ("Post a Comment", "autoblog_tail", "autoblog_marker"),
        ("Powered by Blogger.", "autoblog_tail", "autoblog_marker"),
    ]
    assert AB(BODY_EN + tail).text.startswith(BODY_EN)  # title and body untouched


@pytest.mark.parametrize(
    ("body", "tail", "expected"),
    [
        (  # Spanish article, Spanish Blogger interface
            "El ayuntamiento amplía el horario de la biblioteca municipal durante los "
            "exámenes de junio, según informó ayer la concejala de cultura.\n",
            "Noticias principales - Google Noticias\nCultura Local\nPublicar un comentario\n"
            "Con la tecnología de Blogger.",
            [("Noticias principales - Google Noticias", "feed_name"),
             ("Cultura Local", "tail_block"),
             ("Publicar un comentario", "autoblog_marker"),
             ("Con la tecnología de Blogger.", "autoblog_marker")],
        ),
        (  # German article, German Blogger interface, pager split over lines
            "Die Stadtwerke erhöhen zum ersten Januar die Preise für Fernwärme, teilte "
            "das Unternehmen am Montag mit.\n",
            "\nNeuerer Post Älterer Post Startseite\nAbonnieren: Kommentare zum Post (Atom)\n"
            "Bereitgestellt von Blogger.",
            [("Neuerer Post Älterer Post Startseite", "autoblog_marker"),
             ("Abonnieren: Kommentare zum Post (Atom)", "autoblog_marker"),
             ("Bereitgestellt von Blogger.", "autoblog_marker")],
        ),
        (  # Indonesian autoblog
            "Pemerintah kota membuka jalur sepeda baru di sepanjang sungai pada akhir "
            "pekan ini, kata wali kota kepada wartawan.\n",
            "Berita Utama - Google Berita\nBagikan Berita Ini\n2 Responses to \"Jalur sepeda\"\n"
            "Posting Komentar\nDiberdayakan oleh Blogger.",
            [("Berita Utama - Google Berita", "feed_name"),
             ("Bagikan Berita Ini", "autoblog_marker"),
             ('2 Responses to "Jalur sepeda"', "autoblog_marker"),
             ("Posting Komentar", "autoblog_marker"),
             ("Diberdayakan oleh Blogger.", "autoblog_marker")],
        ),
        (  # WordPress feed footer, French
            "La mairie a inauguré samedi un nouveau marché couvert dans le quartier de "
            "la gare, après deux ans de travaux.\n",
            "L’article Un marché couvert pour la gare est apparu en premier sur Le Petit "
            "Journal.",
            [("L’article Un marché couvert pour la gare est apparu en premier sur Le Petit "
              "Journal.", "appeared_first")],
        ),
        (  # WordPress feed footer, English, followed by a platform credit
            "The museum will reopen its east wing in May after a two-year restoration of "
            "the painted ceilings.\n",
            "The post Museum East Wing to Reopen appeared first on City Arts Weekly.\n"
            "Powered by Ghost",
            [("The post Museum East Wing to Reopen appeared first on City Arts Weekly.",
              "appeared_first"),
             ("Powered by Ghost", "autoblog_marker")],
        ),
        (  # German and Portuguese WordPress footers
            "Der Verein sucht für die neue Saison noch ehrenamtliche Trainerinnen und "
            "Trainer für die Jugendmannschaften.\n",
            "Der Beitrag Trainer gesucht erschien zuerst auf Sportverein Nord.\n"
            "O post Treinadores procurados apareceu primeiro em Clube Norte.",
            [("Der Beitrag Trainer gesucht erschien zuerst auf Sportverein Nord.",
              "appeared_first"),
             ("O post Treinadores procurados apareceu primeiro em Clube Norte.",
              "appeared_first")],
        ),
    ],
)
def test_tails_in_many_languages(body: str, tail: str, expected: list[tuple[str, str]]) -> None:
    got = removed("Headline For The Story\n\n" + body + "\n" + tail)
    assert [(line, reason) for line, _, reason in got] == expected


def test_caller_title_marks_the_repeat() -> None:
    text = (BODY_EN + "\nFerry terminal opens | Harbour News\nTop stories - Google News\n"
            "Powered by Blogger.")
    got = removed(text, title="Ferry terminal opens")
    assert ("Ferry terminal opens | Harbour News", "autoblog_tail", "repeated_title") in got


def test_prose_inside_a_tail_stays() -> None:
    prose = ("Readers who want to know more can visit the terminal's open day, which will "
             "take place on the first Sunday of next month.")
    text = BODY_EN + "\nTop stories - Google News\n" + prose + "\nMeme Update\nPowered by Blogger."
    got = removed(text)
    assert [line for line, _, _ in got] == ["Top stories - Google News", "Meme Update",
                                           "Powered by Blogger."]
    assert prose in AB(text).text


def test_post_a_comment_before_real_comments() -> None:
    comments = (
        "I took the ferry last week and the new waiting room is very comfortable indeed.\n"
        "Reply\n"
        "Great news for the island, although parking near the pier is still a problem.\n"
        "Reply\n"
    )
    text = BODY_EN + "\nPost a Comment\n" + comments
    assert removed(text) == [("Post a Comment", "autoblog_tail", "autoblog_marker")]


@pytest.mark.parametrize(
    "text",
    [
        # prose that mentions the phrases
        BODY_EN + "The ferries are powered by Blogger-class electric engines built in Norway.\n",
        BODY_EN + "Feel free to post a comment below if you travelled on the first day.\n",
        BODY_EN + "Powered by wind and sun, the terminal needs no grid electricity at all.\n",
        # a title repeated at the end without any other marker
        BODY_EN + "\n" + TITLE_EN + "\n",
        # a real short last paragraph, a byline, a dateline, a list of countries
        BODY_EN + "\nThat is all for now.\nBy Maria Jensen\n",
        "(CNN) Ferries to the island were cancelled on Friday because of the storm.\n"
        "Services resume on Monday.\n",
        BODY_EN + "Ferries also sail to:\nDenmark\nNorway\nSweden\nGermany\n",
        # an IFTTT-like date alone: one weak marker is not a tail
        BODY_EN + "\nMarch 4, 2022 at 07:05PM\n",
        # a date with a space before PM is an ordinary timestamp
        BODY_EN + "\nUpdated\nMarch 4, 2022 at 07:05 PM\n",
        "",
        "\n\n\n",
    ],
)
def test_leaves_alone(text: str) -> None:
    assert AB(text).text == text


def test_a_sentence_that_starts_like_the_title_is_not_a_repeat() -> None:
    title = "Council approves housing budget"
    last = "Council approves housing budget of 20 million on Monday."
    text = (f"{title}\nThe vote was close, with seven members in favour and six against.\n"
            f"{last}\nThe post {title} appeared first on Valley Post.")
    for context in ({}, {"title": title}):
        assert removed(text, **context) == [
            (f"The post {title} appeared first on Valley Post.", "autoblog_tail",
             "appeared_first")]


def test_short_lines_before_the_first_marker_stay() -> None:
    text = BODY_EN + "\nBy Maria Jensen\nPhotos: Port Authority\n\nPowered by Blogger."
    assert removed(text) == [("Powered by Blogger.", "autoblog_tail", "autoblog_marker")]


def test_two_weak_markers_make_a_tail() -> None:
    text = BODY_EN + "\nPosted by Anna at 7:15 PM\nLabels Travel\nMarch 4, 2022 at 07:05PM\n"
    assert [r for _, _, r in removed(text)] == ["autoblog_marker", "tail_block", "ifttt_date"]


def test_feed_name_at_the_top_goes_title_stays() -> None:
    text = "U.S. - Top Stories - Google News\n" + BODY_EN
    assert removed(text) == [("U.S. - Top Stories - Google News", "autoblog_tail",
                              "feed_name")]


def test_crlf_lines() -> None:
    text = (BODY_EN.replace("\n", "\r\n")
            + "Top stories - Google News\r\nMeme Update\r\nPowered by Blogger.\r\n")
    assert [r for _, _, r in removed(text)] == ["feed_name", "tail_block", "autoblog_marker"]


def test_find_tail_start_and_prose_line() -> None:
    doc = Document(BODY_EN + "\nAdblock test (Why?)\nTop stories - Google News\n"
                   "Powered by Blogger.")
    tail = find_tail(doc)
    assert tail.start == doc.lines.index("Top stories - Google News")
    assert find_tail(Document(BODY_EN)).start is None
    assert not prose_line("Korean Entertainment News")
    assert prose_line("这是一个很长的中文句子，用来测试没有空格的文字是否被当作正文的判断。")


def test_adblock_line_before_a_tail_goes_to_the_edge_filter() -> None:
    text = BODY_EN + "\nAdblock test (Why?)\n\nTop stories - Google News\nPowered by Blogger."
    got = removed(text, Pipeline([EdgeResidue(), AutoblogTail()]))
    assert got == [("Adblock test (Why?)", "edge_residue", "adblock_notice"),
                   ("Top stories - Google News", "autoblog_tail", "feed_name"),
                   ("Powered by Blogger.", "autoblog_tail", "autoblog_marker")]


@pytest.mark.parametrize(
    "hostile",
    [
        '0 Response to "' * 100_000,
        "The post " * 200_000,
        "The post x appeared first on " * 50_000,
        "Powered by " * 200_000,
        " - Google News" * 100_000,
        "x - " * 200_000 + "Google News",
        ("Subscribe to: " * 50_000) + "(Atom)",
        "Posted by " * 200_000,
        "-" * 500_000,
        "Meme Update\n" * 100_000 + "Powered by Blogger.",
        "Powered by Blogger.\n" * 50_000,
        "January 1, 2020 at " * 100_000,
    ],
)
@pytest.mark.linear
def test_adversarial_inputs_are_linear(hostile: str) -> None:
    start = time.perf_counter()
    r = AB(hostile)
    assert len(r.text) <= len(hostile)
    assert time.perf_counter() - start < 10  # quadratic would take minutes


def test_config() -> None:
    assert AutoblogTail() == AutoblogTail(max_gap=20)
    assert AutoblogTail.name == "autoblog_tail"
    assert set(AutoblogTail.reasons) == {"autoblog_marker", "feed_name", "ifttt_date",
                                         "repeated_title", "appeared_first", "tail_block"}


_FRAGMENTS = st.sampled_from([
    "", "", TITLE_EN, "Search", "Menu", "Home", "Adblock test (Why?)",
    "World - Latest - Google News", "March 4, 2022 at 07:05PM", "https://ift.tt/AbC123x",
    "Meme Update", "Bagikan Berita Ini", '0 Response to "Harbour Town Opens New Ferry Terminal"',
    "Post a Comment", "Powered by Blogger.", "Powered by Ghost", "Posted by Anna at 7:15 PM",
    "The post Ferry Day appeared first on Harbour News.", "By Maria Jensen",
    "The new terminal will handle twice as many passengers as the old pier, officials said.",
    "Construction took three years and ran slightly over budget, the council said today.",
    "Source: https://example.com/report", "\r",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=30).map("\n".join))
def test_spam_filters_replay_and_are_idempotent(text: str) -> None:
    for pipe in (AB, Pipeline([EdgeResidue()]), Pipeline([LinkLines()]),
                 Pipeline([EdgeResidue(), AutoblogTail(), LinkLines()]),
                 Pipeline([AutoblogTail(), LinkLines(), EdgeResidue()])):
        removed(text, pipe)
        # every removal is a whole line, never part of one
        r = pipe(text)
        kept = r.text.split("\n")
        assert all(line in text.split("\n") for line in kept if line)


# Long documents too: the fast paths read only the ends of a text longer than a few
# kilobytes, and must agree with a reading of every line.
_LONG_LINK = "https://example.com/" + "a" * 400  # long, and still no prose
_LONG_FRAGMENTS = st.one_of(
    _FRAGMENTS, st.just(BODY_EN), st.just(BODY_EN.replace("\n", " ") * 3), st.just(_LONG_LINK),
    st.builds(lambda lead, line: lead + line,
              st.sampled_from(["", " ", "- ", "\u00a0• ", "| "]), _FRAGMENTS))
_DOCS = st.builds(
    lambda head, paragraphs, end: "\n".join([*head, *[BODY_EN] * paragraphs, *end]),
    st.lists(_LONG_FRAGMENTS, max_size=12), st.integers(0, 30),
    st.lists(_LONG_FRAGMENTS, max_size=40))


@settings(max_examples=200, deadline=None)
@given(_DOCS)
def test_marker_scan_finds_what_every_line_holds(text: str) -> None:
    doc = Document(text)
    assert _scan_markers(doc)[0] == markers_line_by_line(doc)


def test_a_tail_far_from_the_end_in_characters() -> None:
    # a tail of long link lines: its first marker is many kilobytes from the end
    text = BODY_EN * 10 + "Powered by Blogger.\n" + "\n".join([_LONG_LINK] * 15)
    doc = Document(text)
    assert find_tail(doc).start == doc.lines.index("Powered by Blogger.")


def test_the_dutch_blogger_footer_is_a_marker() -> None:
    # its data line once held a comment after one space, which made it part of the phrase
    body = "De gemeenteraad heeft dinsdag de begroting voor volgend jaar goedgekeurd."
    result = Pipeline([AutoblogTail()])(body + "\nMogelijk gemaakt door Blogger.")
    assert result.text == body
    assert [c.reason for c in result.changes] == ["autoblog_marker"]
