"""CommentForm: WordPress-style comment forms in many languages, and what must survive."""

from __future__ import annotations

import pickle
from collections.abc import Callable

import pytest

from cleanse import Pipeline
from cleanse.filters import CommentForm
from cleanse.filters.comments import _comment_book
from cleanse.phrases import read_phrase_rows
from cleanse.testing import assert_linear, check_laws

CF = Pipeline([CommentForm()])

BODY = (
    "The river ferry will run every half hour from next Monday, the harbour office said.\n"
    "\n"
    "Tickets stay at the old price until the end of the year.\n"
)


def removed(text: str, pipe: Pipeline = CF) -> list[tuple[str, str, str]]:
    """(line, filter, reason) of every removal; the result obeys the laws and is stable."""
    r = check_laws(pipe, text)
    assert pipe(r.text).changes == ()  # nothing left to remove (idempotent)
    return [(c.before.strip("\n"), c.filter, c.reason) for c in r.changes]


def reasons(text: str) -> list[tuple[str, str]]:
    return [(line, reason) for line, _, reason in removed(text)]


H, N, C, X = "comment_form", "comment_notice", "comment_count", "comments_closed"

# One WordPress comment form per language: (line, reason) in page order.
FORMS = {
    "en": [("Leave a Reply Cancel reply", H),
           ("Your email address will not be published. Required fields are marked *", N),
           ("Comment *", N), ("Name *", N), ("Email *", N), ("Website", N),
           ("Save my name, email, and website in this browser for the next time I comment.", N),
           ("Post Comment", N)],
    "pt": [("Deixe um comentário", H),
           ("O seu endereço de e-mail não será publicado. Campos obrigatórios são marcados com *",
            N),
           ("Comentário *", N), ("Nome *", N), ("E-mail *", N), ("Site", N),
           ("Publicar comentário", N)],
    "es": [("Deja una respuesta", H),
           ("Tu dirección de correo electrónico no será publicada. Los campos obligatorios "
            "están marcados con *", N),
           ("Comentario *", N), ("Nombre *", N), ("Correo electrónico *", N), ("Web", N),
           ("Publicar el comentario", N)],
    "fr": [("Laisser un commentaire Annuler la réponse", H),
           ("Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués "
            "avec *", N),
           ("Commentaire *", N), ("Nom *", N), ("E-mail *", N), ("Site web", N)],
    "it": [("Lascia un commento", H),
           ("Il tuo indirizzo email non sarà pubblicato. I campi obbligatori sono "
            "contrassegnati *", N),
           ("Commento *", N), ("Nome *", N), ("Email *", N), ("Sito web", N),
           ("Invia commento", N)],
    "de": [("Schreibe einen Kommentar", H),
           ("Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * "
            "markiert", N),
           ("Kommentar *", N), ("Name *", N), ("E-Mail *", N), ("Website", N),
           ("Kommentar abschicken", N)],
    "nl": [("Geef een reactie", H), ("Reactie annuleren", H),
           ("Je e-mailadres wordt niet gepubliceerd. Vereiste velden zijn gemarkeerd met *", N),
           ("Reactie *", N), ("Naam *", N), ("E-mail *", N), ("Site", N),
           ("Reactie plaatsen", N)],
    "id": [("Tinggalkan Balasan", H),
           ("Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *", N),
           ("Komentar *", N), ("Nama *", N), ("Email *", N), ("Situs Web", N)],
    "pl": [("Dodaj komentarz", H), ("Anuluj pisanie odpowiedzi", H),
           ("Twój adres e-mail nie zostanie opublikowany. Wymagane pola są oznaczone *", N),
           ("Komentarz *", N), ("Nazwa *", N), ("E-mail *", N), ("Witryna internetowa", N),
           ("Opublikuj komentarz", N)],
    "ru": [("Добавить комментарий", H), ("Отменить ответ", H),
           ("Ваш адрес email не будет опубликован. Обязательные поля помечены *", N),
           ("Комментарий *", N), ("Имя *", N), ("Email *", N), ("Сайт", N),
           ("Отправить комментарий", N)],
    "tr": [("Bir yanıt yazın", H), ("Yanıtı iptal et", H),
           ("E-posta hesabınız yayımlanmayacak. Gerekli alanlar * ile işaretlenmişlerdir", N),
           ("Yorum *", N), ("Ad *", N), ("E-posta *", N), ("İnternet sitesi", N),
           ("Yorum gönder", N)],
}


@pytest.mark.parametrize("lang", sorted(FORMS))
def test_a_whole_form_goes_line_by_line_with_its_reason(lang: str) -> None:
    form = FORMS[lang]
    text = BODY + "\n" + "\n".join(line for line, _ in form) + "\n"
    assert removed(text) == [(line, "comment_form", reason) for line, reason in form]
    assert CF(text).text == BODY + "\n"


def test_blank_lines_inside_the_form_do_not_split_it() -> None:
    text = BODY + "\nDeixe um comentário\n\n\nNome *\n\nE-mail *\n"
    assert reasons(text) == [("Deixe um comentário", H), ("Nome *", N), ("E-mail *", N)]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("12 Comments", C),
        ("No comments yet", C),
        ("3 thoughts on “Why the ferry runs late”", C),
        ("One thought on “Why the ferry runs late”", C),
        ("2 Responses to \"Why the ferry runs late\"", C),
        ("5 Gedanken zu „Warum die Fähre zu spät kommt“", C),
        ("Ein Gedanke zu „Warum die Fähre zu spät kommt“", C),
        ("4 réflexions sur « Pourquoi le bac est en retard »", C),
        ("7 comentários em “Por que a balsa atrasa”", C),
        ("Se han publicado 8 comentarios", C),
        ("3 commenti su “Perché il traghetto è in ritardo”", C),
        ("6 gedachten over “Waarom de veerboot te laat is”", C),
        ("9 tanggapan pada “Mengapa feri terlambat”", C),
        ("15 комментариев", C),
        ("Comments are closed.", X),
        ("Los comentarios están cerrados.", X),
        ("Les commentaires sont fermés.", X),
        ("Kommentare sind geschlossen.", X),
        ("I commenti sono chiusi.", X),
        ("Reacties zijn gesloten.", X),
        ("Komentar ditutup.", X),
        ("Комментарии закрыты.", X),
        ("Yorumlar kapalı.", X),
        ("Comentários encerrados.", X),
    ],
)
def test_counts_and_closed_sections(line: str, reason: str) -> None:
    assert reasons(BODY + line + "\n") == [(line, reason)]


@pytest.mark.parametrize(
    "line",
    [
        "LEAVE A REPLY",
        "Leave  a\u00a0reply",
        "- Leave a Reply",
        "Leave a Reply to Ana Cancel reply",
        "Deixe um comentario",  # accents lost in extraction
        "Lascia un commentoAnnulla risposta",  # link texts glued together
        "Schreibe einen Kommentar\r",
    ],
)
def test_spelling_variants_of_a_heading(line: str) -> None:
    assert reasons(BODY + line + "\nmore text\n") == [(line, H)]


@pytest.mark.parametrize(
    "line",
    [
        "Logged in as Ana. Log out?",
        "You are commenting using your Twitter account. ( Log Out / Change )",
        "Du kommentierst mit Deinem Facebook-Konto. ( Abmelden / Ändern )",
        "Notify me of new posts by email.",
        "Informiere mich über neue Beiträge per E-Mail.",
        "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
    ],
)
def test_jetpack_and_akismet_notices(line: str) -> None:
    assert reasons(BODY + line + "\n") == [(line, N)]


@pytest.mark.parametrize(
    "text",
    [
        # a form label on its own is an ordinary word or a section title
        BODY + "Comment\n" + BODY,
        BODY + "Website\n",
        "Komentarz\nRząd ogłosił nowy plan dla kolei regionalnych.\n",
        "Name\nEmail\nWebsite\n",  # labels together, but no heading or notice
        # sentences that merely start like a heading or a count
        BODY + "Leave a comment below and tell us what you think about the new ferry.\n",
        BODY + "3 comments from the minister stood out:\n",
        BODY + "Comments are closed on Sundays, the shop owner said.\n",
        BODY + "Name: Maria Silva\nWebsite: www.example.org\n",
        # a quotation that contains a notice
        BODY + "“Your email address will not be published,” the bank promised.\n",
        # a count without a quoted title
        BODY + "3 thoughts on the new timetable\n",
        "",
        "\n\n",
    ],
)
def test_leaves_alone(text: str) -> None:
    assert removed(text) == []


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("Leave a Reply", ""),  # the whole text, no line break
        ("Leave a Reply\nThe ferry is late.", "The ferry is late."),  # the first line
        ("Leave a Reply\r\nName *\r\n", ""),
        ("\nLeave a Reply", ""),  # the last line takes the break before it
        ("-" * 1587 + "Leave a Reply", ""),  # a long lead, still within the first-line copy
        ("-" * 1587 + "Leave a Replyy", "-" * 1587 + "Leave a Replyy"),  # cut-off copy
    ],
)
def test_first_and_only_lines(text: str, left: str) -> None:
    assert CF(text).text == left


def test_a_label_separated_from_the_form_by_prose_stays() -> None:
    text = "Leave a Reply\nName *\nThe ferry also stops at the island.\nWebsite\n"
    assert reasons(text) == [("Leave a Reply", H), ("Name *", N)]


def test_a_label_next_to_a_closed_notice_goes() -> None:
    assert reasons(BODY + "Comments are closed.\nComment\n") == [
        ("Comments are closed.", X), ("Comment", N)]


def test_seed_like_portuguese_form_leaves_the_article_exactly() -> None:
    article = (
        "O prefeito anunciou novas linhas de ônibus para a zona norte.\n"
        "\n"
        "As obras começam em março e devem durar seis meses.\n"
    )
    text = (article + "\nDeixe um comentário\n\n"
            "O seu endereço de email não será publicado. Campos obrigatórios marcados com *")
    r = CF(text)
    assert r.text == article + "\n"  # the blank line before the form is Whitespace's
    assert [(c.filter, c.reason) for c in r.changes] == [(H, H), (H, N)]


def test_configuration_and_purity() -> None:
    f = CommentForm(max_words=3)
    assert pickle.loads(pickle.dumps(f)) == f
    long_rest = "Logged in as Ana Maria da Silva Pereira. Log out?"
    assert reasons(BODY + long_rest + "\n") == [(long_rest, N)]
    assert Pipeline([f])(BODY + long_rest + "\n").changes == ()
    with pytest.raises(AttributeError):
        f.max_words = 4  # type: ignore[misc]


def test_data_file_is_well_formed() -> None:
    rows = read_phrase_rows("comment_form")
    langs = {r.lang for r in rows}
    assert {"en", "pt", "es", "fr", "it", "de", "nl", "id", "pl", "ru", "tr"} <= langs
    assert {r.reason for r in rows} == set(CommentForm.reasons)
    assert _comment_book().entries  # builds without conflicts


@pytest.mark.linear
@pytest.mark.parametrize(
    "build",
    [
        lambda n: "Leave a Reply " * n,  # one huge line of heading words
        lambda n: "Leave a " * n,  # a phrase prefix repeated
        lambda n: "Name *\n" * n,  # labels, never a heading
        lambda n: "Leave a Reply\n" + "\n" * n + "Name *\n",  # a block across blank lines
        lambda n: "9" * n + " comments",
        lambda n: "Comment Name Email Website " * n + "\n" + "Comment\n" * n,
        lambda n: "*" * n + "Leave a Reply",
    ],
)
def test_adversarial_inputs_are_linear(build: Callable[[int], str]) -> None:
    assert_linear(CommentForm(), build, n=10_000)
    check_laws(CommentForm(), build(10_000))
