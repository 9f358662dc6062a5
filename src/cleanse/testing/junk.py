"""Junk lines by family, reason and language, for generated dirty articles.

Families are the names of the filters expected to remove them (the filter contract in
``cleanse.filters``), reasons are those filters' reason codes. Each entry says where on
a page such a line realistically stands (``top``, ``inline`` between paragraphs, or
``tail`` after the article) — the generator only injects it there, because a filter is
allowed to use position (navigation residue is junk at the edges, not mid-article).

Templates may contain ``{title}`` (another headline, or the article's own title for a
repeated title), ``{site}``, ``{host}``, ``{code}`` (a short-link code), ``{slug}``,
``{n}``, ``{date}`` and ``{feed}``. The phrases are the template texts of CMS themes,
widgets and autoposters, as they appear on many sites.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FAMILIES", "FEEDS", "JUNK", "SHORTENERS", "SITES", "TAIL_CATEGORIES", "JunkKind"]


@dataclass(frozen=True, slots=True)
class JunkKind:
    """One reason's phrases: where they stand and, per language, their templates."""

    family: str
    reason: str
    where: frozenset[str]
    phrases: dict[str, tuple[str, ...]]


_TOP = frozenset({"top"})
_TAIL = frozenset({"tail"})
_INLINE = frozenset({"inline"})
_EDGES = frozenset({"top", "tail"})
_INLINE_TAIL = frozenset({"inline", "tail"})
_ANY = frozenset({"top", "inline", "tail"})

#: Link shorteners whose bare links autoposters leave behind.
SHORTENERS = ("bit.ly", "ift.tt", "t.co", "goo.gl", "tinyurl.com", "ow.ly", "buff.ly",
              "dlvr.it", "trib.al")
#: (site name, host) pairs for feed footers and bare links (reserved example domains).
SITES = (("Daily Harbor", "example.com"), ("The Valley Post", "example.org"),
         ("Metro Courier", "news.example.net"), ("Noticias del Sur", "sur.example.com"),
         ("Jornal da Serra", "serra.example.org"), ("Berita Kota", "kota.example.net"))

_KINDS = (
    # -- edge_residue -------------------------------------------------------------------
    JunkKind("edge_residue", "nav_residue", _EDGES, {
        "en": ("Skip to content", "Skip to main content", "Menu", "Search", "Home",
               "Toggle navigation", "Back to top", "Home | News | Sport"),
        "pt": ("Pular para o conteúdo", "Menu", "Pesquisar", "Início"),
        "es": ("Saltar al contenido", "Menú", "Buscar", "Inicio"),
        "fr": ("Aller au contenu", "Menu", "Rechercher", "Accueil"),
        "de": ("Zum Inhalt springen", "Menü", "Suche", "Startseite"),
        "it": ("Vai al contenuto", "Menu", "Cerca"),
        "id": ("Langsung ke konten", "Menu", "Cari", "Beranda"),
        "ru": ("Перейти к содержимому", "Меню", "Поиск", "Главная"),
    }),
    JunkKind("edge_residue", "adblock_notice", _TAIL, {
        "en": ("Adblock test (Why?)", "Please disable your ad blocker",
               "Ad blocker detected"),
        "de": ("Bitte deaktivieren Sie Ihren Adblocker",),
        "fr": ("Veuillez désactiver votre bloqueur de publicité",),
    }),
    # -- autoblog_tail (single lines; dirty_articles also builds whole tail blocks) ------
    JunkKind("autoblog_tail", "autoblog_marker", _TAIL, {
        "en": ("Powered by Blogger.", "Post a Comment", "0 Response to \"{title}\"",
               "Powered by Blogger"),
        "id": ("Diberdayakan oleh Blogger.", "Posting Komentar", "Bagikan Berita Ini"),
        "pt": ("Tecnologia do Blogger.", "Postar um comentário"),
        "es": ("Con la tecnología de Blogger.", "Publicar un comentario"),
        "fr": ("Fourni par Blogger.", "Publier un commentaire"),
        "de": ("Bereitgestellt von Blogger.", "Kommentar veröffentlichen"),
    }),
    JunkKind("autoblog_tail", "appeared_first", _TAIL, {
        "en": ("The post {title} appeared first on {site}.",),
        "de": ("Der Beitrag {title} erschien zuerst auf {site}.",),
        "fr": ("L’article {title} est apparu en premier sur {site}.",),
        "es": ("La entrada {title} se publicó primero en {site}.",),
        "pt": ("O post {title} apareceu primeiro em {site}.",),
        "it": ("L’articolo {title} sembra essere il primo su {site}.",),
    }),
    # -- comment_form --------------------------------------------------------------------
    JunkKind("comment_form", "comment_form", _TAIL, {
        "en": ("Leave a Reply", "Leave a Comment", "Cancel reply", "Post Comment"),
        "pt": ("Deixe um comentário", "Deixe uma resposta", "Cancelar resposta"),
        "es": ("Deja una respuesta", "Deja un comentario", "Cancelar la respuesta"),
        "fr": ("Laisser un commentaire", "Laisser une réponse", "Annuler la réponse"),
        "de": ("Schreibe einen Kommentar", "Hinterlasse einen Kommentar",
               "Antworten abbrechen"),
        "it": ("Lascia un commento", "Annulla risposta"),
        "id": ("Tinggalkan Balasan", "Batalkan balasan"),
        "ru": ("Добавить комментарий", "Отменить ответ"),
    }),
    JunkKind("comment_form", "comment_notice", _TAIL, {
        "en": ("Your email address will not be published. Required fields are marked *",
               "Save my name, email, and website in this browser for the next time I "
               "comment."),
        "pt": ("O seu endereço de email não será publicado. Campos obrigatórios marcados "
               "com *",
               "Salvar meus dados neste navegador para a próxima vez que eu comentar."),
        "es": ("Tu dirección de correo electrónico no será publicada. Los campos "
               "obligatorios están marcados con *",),
        "fr": ("Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont "
               "indiqués avec *",),
        "de": ("Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind "
               "mit * markiert",),
        "it": ("Il tuo indirizzo email non sarà pubblicato. I campi obbligatori sono "
               "contrassegnati *",),
        "id": ("Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *",),
        "ru": ("Ваш адрес email не будет опубликован. Обязательные поля помечены *",),
    }),
    JunkKind("comment_form", "comment_count", _TAIL, {
        "en": ("{n} Comments", "No Comments", "{n} Responses",
               "{n} thoughts on “{title}”"),
        "pt": ("{n} comentários",),
        "es": ("{n} comentarios",),
        "fr": ("{n} commentaires",),
        "de": ("{n} Kommentare",),
        "it": ("{n} commenti",),
        "id": ("{n} Komentar",),
    }),
    JunkKind("comment_form", "comments_closed", _TAIL, {
        "en": ("Comments are closed.",),
        "pt": ("Comentários encerrados.",),
        "es": ("Los comentarios están cerrados.",),
        "fr": ("Les commentaires sont fermés.",),
        "de": ("Kommentare sind geschlossen.",),
        "it": ("I commenti sono chiusi.",),
        "ru": ("Комментарии закрыты.",),
    }),
    # -- related_links ------------------------------------------------------------------
    JunkKind("related_links", "related_headline", _INLINE_TAIL, {
        "en": ("READ\u00a0 {title}", "READ  {title}", "Read also: {title}",
               "Read more: {title}", "ALSO READ: {title}", "Related: {title}"),
        "pt": ("Leia também: {title}", "LEIA MAIS: {title}", "Leia mais: {title}"),
        "es": ("Lee también: {title}", "Te puede interesar: {title}", "Leer más: {title}"),
        "fr": ("À lire aussi\u00a0: {title}", "Lire aussi\u00a0: {title}",
               "À LIRE AUSSI\u00a0: {title}"),
        "de": ("Lesen Sie auch: {title}", "Auch interessant: {title}", "Mehr zum Thema: {title}"),
        "it": ("Leggi anche: {title}", "LEGGI ANCHE: {title}"),
        "id": ("Baca juga: {title}", "Baca Juga: {title}", "BACA JUGA: {title}"),
        "ru": ("Читайте также: {title}",),
    }),
    # -- link_lines -----------------------------------------------------------------------
    JunkKind("link_lines", "short_link", _INLINE_TAIL, {
        "*": ("https://{shortener}/{code}", "http://{shortener}/{code}"),
    }),
    JunkKind("link_lines", "bare_url", _INLINE_TAIL, {
        "*": ("https://www.{host}/{section}/{date_path}/{slug}",
              "https://{host}/{section}/{slug}.html", "https://{host}/?p={n}"),
    }),
    JunkKind("link_lines", "source_url", _TAIL, {
        "en": ("Source: https://{host}/{section}/{slug}", "Via: https://{host}/{slug}"),
        "pt": ("Fonte: https://{host}/{section}/{slug}",),
        "es": ("Fuente: https://{host}/{section}/{slug}",),
        "fr": ("Source\u00a0: https://{host}/{section}/{slug}",
               "Source : https://{host}/{section}/{slug}"),
        "de": ("Quelle: https://{host}/{section}/{slug}",),
        "it": ("Fonte: https://{host}/{section}/{slug}",),
        "id": ("Sumber: https://{host}/{section}/{slug}",),
        "ru": ("Источник: https://{host}/{section}/{slug}",),
    }),
    # -- call_to_action -------------------------------------------------------------------
    JunkKind("call_to_action", "share", _INLINE_TAIL, {
        "en": ("Share on Facebook", "Share this:", "Share this article", "Share on Twitter",
               "Share on WhatsApp"),
        "pt": ("Compartilhe:", "Compartilhar no Facebook", "Compartilhe no WhatsApp"),
        "es": ("Compartir en Facebook", "Compartir en Twitter", "Comparte esto:"),
        "fr": ("Partager sur Facebook", "Partager sur Twitter", "Partager\u00a0:"),
        "de": ("Auf Facebook teilen", "Teilen:", "Artikel teilen"),
        "it": ("Condividi su Facebook", "Condividi:"),
        "id": ("Bagikan ke Facebook", "Bagikan:"),
        "ru": ("Поделиться:", "Поделиться в Telegram"),
    }),
    JunkKind("call_to_action", "follow", _TAIL, {
        "en": ("Follow us on Twitter", "Follow us on Facebook and Instagram"),
        "pt": ("Siga-nos no Instagram", "Siga a gente no Twitter"),
        "es": ("Síguenos en Twitter", "Síguenos en Facebook"),
        "fr": ("Suivez-nous sur Twitter", "Suivez-nous sur Facebook"),
        "de": ("Folgen Sie uns auf Facebook", "Folge uns auf Instagram"),
        "it": ("Seguici su Facebook",),
        "id": ("Ikuti kami di Instagram",),
        "ru": ("Подписывайтесь на нас в Telegram",),
    }),
    JunkKind("call_to_action", "subscribe", _TAIL, {
        "en": ("Subscribe to our YouTube channel", "Subscribe now"),
        "pt": ("Inscreva-se no nosso canal do YouTube",),
        "es": ("Suscríbete a nuestro canal de YouTube",),
        "fr": ("Abonnez-vous à notre chaîne YouTube",),
        "de": ("Abonnieren Sie unseren YouTube-Kanal",),
        "it": ("Iscriviti al nostro canale YouTube",),
    }),
    JunkKind("call_to_action", "newsletter", _TAIL, {
        "en": ("Sign up for our newsletter", "Subscribe to our newsletter"),
        "pt": ("Assine nossa newsletter", "Receba nossa newsletter"),
        "es": ("Suscríbete a nuestra newsletter",),
        "fr": ("Inscrivez-vous à notre newsletter",),
        "de": ("Melden Sie sich für unseren Newsletter an", "Jetzt Newsletter abonnieren"),
        "it": ("Iscriviti alla nostra newsletter",),
    }),
    JunkKind("call_to_action", "app_download", _TAIL, {
        "en": ("Download our app", "Get the app"),
        "pt": ("Baixe o nosso aplicativo",),
        "es": ("Descarga nuestra app",),
        "fr": ("Téléchargez notre application",),
        "de": ("Laden Sie unsere App herunter",),
    }),
    JunkKind("call_to_action", "cookie", _EDGES, {
        "en": ("We use cookies to improve your experience. By continuing to browse, you "
               "agree to our use of cookies.", "This website uses cookies.",
               "Accept cookies"),
        "pt": ("Este site utiliza cookies para melhorar sua experiência.",),
        "es": ("Este sitio web utiliza cookies.", "Aceptar cookies"),
        "fr": ("Ce site utilise des cookies.", "Accepter les cookies"),
        "de": ("Diese Website verwendet Cookies.", "Cookies akzeptieren"),
        "it": ("Questo sito utilizza i cookie.",),
    }),
    JunkKind("call_to_action", "advertisement", _INLINE, {
        "en": ("Advertisement", "ADVERTISEMENT", "Sponsored"),
        "pt": ("Publicidade", "PUBLICIDADE"),
        "es": ("Publicidad",),
        "fr": ("Publicité",),
        "de": ("Anzeige", "ANZEIGE"),
        "it": ("Pubblicità",),
        "id": ("Iklan", "ADVERTISEMENT"),
        "ru": ("Реклама",),
    }),
    JunkKind("call_to_action", "click_here", _INLINE_TAIL, {
        "en": ("Click here to read more", "Click here for more news"),
        "pt": ("Clique aqui para ler mais",),
        "es": ("Haz clic aquí para leer más",),
        "fr": ("Cliquez ici pour en savoir plus",),
        "de": ("Klicken Sie hier für mehr Informationen",),
        "it": ("Clicca qui per saperne di più",),
        "id": ("Klik di sini untuk membaca selengkapnya",),
    }),
)

#: Every junk kind, by (family, reason).
JUNK: dict[tuple[str, str], JunkKind] = {(k.family, k.reason): k for k in _KINDS}
#: Family names (the filters that remove them), in pipeline order.
FAMILIES: tuple[str, ...] = tuple(dict.fromkeys(k.family for k in _KINDS))

#: Autoblog tails (Blogger fed by IFTTT from Google News): feed names per language.
FEEDS: dict[str, tuple[str, ...]] = {
    "en": ("World - Latest - Google News", "Business - Top stories - Google News",
           "U.K. - Latest - Google News", "Technology - Latest - Google News"),
    "id": ("Berita Utama - Google Berita", "Teknologi - Terbaru - Google Berita"),
    "pt": ("Principais notícias - Google Notícias",),
    "es": ("Últimas noticias - Google Noticias",),
    "fr": ("À la une - Google Actualités",),
}
#: Category lists that Blogger autoblog themes print inside the tail (English themes
#: are used on sites in every language).
TAIL_CATEGORIES = ("Daily Gadget Update", "Anime News Update", "Travel Tips Today",
                   "Football Update", "Recipe Of The Day", "Celebrity Gossip Update",
                   "Crypto News Today", "Movie Review Update")
