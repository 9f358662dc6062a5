"""CallToAction: share / follow / subscribe / newsletter / app / cookie / ad / click lines,
and articles *about* those things, which must survive."""

from __future__ import annotations

import pickle
from collections.abc import Callable

import pytest

from cleanse import Pipeline
from cleanse.filters import CallToAction
from cleanse.phrases import read_phrase_rows
from cleanse.testing import assert_linear, check_laws

CTA = Pipeline([CallToAction()])

BODY = (
    "The bakery on Rua Augusta reopened on Monday after a two-month renovation.\n"
    "Its owners added a second oven and a small reading corner for customers.\n"
)


def removed(text: str) -> list[tuple[str, str]]:
    """(line, reason) of every removal; checks the laws, the filter name, idempotence."""
    r = check_laws(CTA, text)
    assert CTA(r.text).changes == ()
    assert {c.filter for c in r.changes} <= {"call_to_action"}
    return [(c.before.strip("\n"), c.reason) for c in r.changes]


CASES = [
    # share
    ("Share this:", "share"), ("Share on Facebook", "share"), ("Compartilhe:", "share"),
    ("Compartilhe no WhatsApp", "share"), ("Compartir en Twitter", "share"),
    ("Partager sur Facebook", "share"), ("Condividi questo articolo su Facebook e WhatsApp",
                                         "share"),
    ("Teilen mit:", "share"), ("Auf Facebook teilen", "share"), ("Delen op LinkedIn", "share"),
    ("Bagikan ke Facebook", "share"), ("Udostępnij", "share"), ("Поделиться в Telegram", "share"),
    ("Paylaş", "share"), ("Like this:", "share"), ("Like Loading...", "share"),
    ("Click to share on Telegram (Opens in new window)", "share"),
    ("View this post on Instagram", "share"),
    ("Share this article: Facebook | X | WhatsApp | Email", "share"),
    # follow
    ("Follow us on Telegram: t.me/example", "follow"), ("Siga-nos no Instagram", "follow"),
    ("Síguenos en Twitter", "follow"), ("Siguenos en Facebook", "follow"),
    ("Suivez-nous sur Twitter", "follow"), ("Seguici su Facebook", "follow"),
    ("Folgen Sie uns auf Instagram", "follow"), ("Volg ons op Facebook", "follow"),
    ("Ikuti kami di Instagram", "follow"), ("Obserwuj nas na Facebooku", "follow"),
    ("Подписывайтесь на нас в Telegram", "follow"),
    ("Bizi Twitter ve Instagram'da takip edin", "follow"),
    ("Follow Radio Nova on Instagram, Facebook and YouTube.", "follow"),
    # subscribe
    ("Subscribe", "subscribe"), ("Subscribe now", "subscribe"),
    ("Subscribe to our YouTube channel", "subscribe"), ("Inscreva-se", "subscribe"),
    ("Suscríbete a nuestro canal de YouTube", "subscribe"), ("Abonnez-vous", "subscribe"),
    ("Iscriviti al nostro canale YouTube", "subscribe"),
    ("Abonnieren Sie unseren YouTube-Kanal", "subscribe"), ("Abone ol", "subscribe"),
    ("Подпишитесь", "subscribe"), ("Berlangganan", "subscribe"),
    # newsletter
    ("Subscribe to our newsletter", "newsletter"), ("Sign up for our newsletter", "newsletter"),
    ("Sign up for the Morning Bakery newsletter", "newsletter"),
    ("Newsletter", "newsletter"), ("Assine nossa newsletter", "newsletter"),
    ("Suscríbete a nuestra newsletter", "newsletter"),
    ("Inscrivez-vous à notre newsletter", "newsletter"),
    ("Iscriviti alla nostra newsletter", "newsletter"),
    ("Jetzt Newsletter abonnieren", "newsletter"),
    ("Melden Sie sich für unseren Newsletter an", "newsletter"),
    ("Schrijf je in voor onze nieuwsbrief", "newsletter"),
    ("Zapisz się do newslettera", "newsletter"),
    # app download
    ("Download our app", "app_download"), ("Get the app", "app_download"),
    ("Baixe o nosso aplicativo", "app_download"), ("Descarga nuestra app", "app_download"),
    ("Téléchargez notre application", "app_download"),
    ("Laden Sie unsere App herunter", "app_download"), ("Pobierz aplikację", "app_download"),
    ("Get it on Google Play", "app_download"),
    # cookie banners
    ("We use cookies to improve your experience on our website.", "cookie"),
    ("This website uses cookies.", "cookie"), ("Accept all cookies", "cookie"),
    ("Este site utiliza cookies para melhorar sua experiência.", "cookie"),
    ("Este sitio web utiliza cookies.", "cookie"), ("Ce site utilise des cookies.", "cookie"),
    ("Questo sito utilizza i cookie.", "cookie"), ("Cookies akzeptieren", "cookie"),
    ("Wir verwenden Cookies, um unsere Website für Sie optimal zu gestalten.", "cookie"),
    ("Ta strona używa plików cookies. Korzystając ze strony, wyrażasz zgodę na ich użycie.",
     "cookie"),
    ("Privacy Policy | Terms of Use | Cookie Policy", "cookie"),
    # advertisement slots
    ("Advertisement", "advertisement"), ("ADVERTISEMENT", "advertisement"),
    ("Publicidade", "advertisement"), ("Publicidad", "advertisement"),
    ("Publicité", "advertisement"), ("Pubblicità", "advertisement"),
    ("Anzeige", "advertisement"), ("Advertentie", "advertisement"),
    ("Iklan", "advertisement"), ("REKLAMA", "advertisement"), ("Реклама", "advertisement"),
    ("Reklam", "advertisement"), ("SCROLL TO CONTINUE WITH CONTENT", "advertisement"),
    ("CONTINUA DEPOIS DA PUBLICIDADE CONTINUA DEPOIS DA PUBLICIDADE", "advertisement"),
    # click here
    ("Click here to read more: https://example.com/x", "click_here"),
    ("Clique aqui para ler mais", "click_here"), ("Haz clic aquí para leer más", "click_here"),
    ("Cliquez ici pour en savoir plus", "click_here"),
    ("Clicca qui per saperne di più", "click_here"),
    ("Klicken Sie hier für mehr Informationen", "click_here"),
    ("Klik hier voor meer informatie", "click_here"),
    ("Klik di sini untuk membaca selengkapnya", "click_here"),
    ("Kliknij tutaj, aby przeczytać więcej", "click_here"),
    ("Нажмите здесь, чтобы узнать больше", "click_here"),
]


@pytest.mark.parametrize(("line", "reason"), CASES)
def test_widget_lines_go(line: str, reason: str) -> None:
    assert removed(BODY + line + "\n" + BODY) == [(line, reason)]


def test_reasons_are_all_covered_in_many_languages() -> None:
    assert {reason for _, reason in CASES} == set(CallToAction.reasons)


def test_share_bar_items_go_with_their_heading() -> None:
    text = BODY + "\nShare this:\nTwitter\nFacebook\nWhatsApp\n\nLike this:\nLike Loading...\n"
    assert removed(text) == [("Share this:", "share"), ("Twitter", "share"),
                             ("Facebook", "share"), ("WhatsApp", "share"),
                             ("Like this:", "share"), ("Like Loading...", "share")]


def test_follow_rows_split_into_lines_go_together() -> None:
    text = BODY + "Síguenos en\nTelegram,\nInstagram,\nFacebook y\nTwitter\n" + BODY
    assert [line for line, _ in removed(text)] == [
        "Síguenos en", "Telegram,", "Instagram,", "Facebook y", "Twitter"]


@pytest.mark.parametrize(
    "text",
    [
        # articles about advertising, cookies, newsletters, subscriptions
        BODY + "Advertisement revenue fell by a fifth in the last quarter.\n",
        BODY + "Anzeige erstattet hat die Bäckerei bereits im März.\n",
        BODY + "Anzeige gegen Unbekannt: Die Polizei ermittelt.\n",
        BODY + "Cookies are small text files that websites store in your browser.\n",
        BODY + "We use cookies to test every new flour before it goes near the bread, the "
               "head baker explained.\n",
        BODY + "The newsletter, founded in 1998, now reaches 40,000 readers every week.\n",
        BODY + "Subscribers grew by ten percent after the paper cut its prices.\n",
        BODY + "Share prices fell sharply on Monday.\n",
        BODY + "Publicidade enganosa é crime, lembra o Procon.\n",
        BODY + "Reklama w telewizji kosztuje coraz więcej.\n",
        # instructions without a social network, newsletter or app in them
        BODY + "Follow the steps below to install the new oven.\n",
        BODY + "Sign up for a free trial account before the offer ends in March.\n",
        BODY + "Download the report as a PDF from the council's website.\n",
        BODY + "Siga em frente até a praça e vire à esquerda.\n",
        # a lone widget item, or two, is an ordinary word
        BODY + "Facebook\n" + BODY,
        BODY + "Email\n",
        BODY + "Privacy Policy\nWe collect your name and address only to deliver orders.\n",
        "Facebook and Twitter\nBoth platforms changed their rules this week.\n",
        # a grid of letters, not a row of widgets
        "x              x              x\n",
        # a quotation
        BODY + "“Subscribe to our newsletter,” the sign in the window said.\n",
        "",
    ],
)
def test_prose_about_these_things_stays(text: str) -> None:
    assert removed(text) == []


def test_configuration_and_purity() -> None:
    f = CallToAction(max_words=2)
    assert pickle.loads(pickle.dumps(f)) == f
    line = "Click here to read the full interview"
    assert Pipeline([f])(line).changes == ()
    assert CTA(line).text == ""


def test_data_file_is_well_formed() -> None:
    rows = read_phrase_rows("call_to_action")
    assert {r.reason for r in rows} == set(CallToAction.reasons)
    langs = {r.lang for r in rows}
    assert {"en", "pt", "es", "fr", "it", "de", "nl", "id", "pl", "ru", "tr"} <= langs


@pytest.mark.linear
@pytest.mark.parametrize(
    "build",
    [
        lambda n: "Share this " * n,
        lambda n: "Share this:\n" + "Twitter\n" * n,
        lambda n: "Twitter\n" * n,
        lambda n: "Follow " + "Instagram " * n,
        lambda n: "We use cookies to " + "website " * n,
        lambda n: "Click here " * n + "\n" + "Click here\n" * n,
        lambda n: "\u2022 " * n + "Advertisement",
        lambda n: "Privacy Policy | " * n,
    ],
)
def test_adversarial_inputs_are_linear(build: Callable[[int], str]) -> None:
    assert_linear(CallToAction(), build, n=10_000)
    check_laws(CallToAction(), build(10_000))
