"""A small multilingual corpus for the integration tests (sentences written for cleanse).

Each site wraps its articles in its own template (a category line, a footer) that no
phrase list knows; some records carry junk the default preset removes, some are
clean, some have untidy whitespace. Every text is distinct.
"""

from __future__ import annotations

from typing import Any

SUBJECTS = ["The ferry timetable", "A new bakery", "The school choir", "Night frost",
            "The village library", "A cycling club", "The harbour crane", "Spring floods"]
VERBS = ["changed again on Monday", "drew a long queue", "won a regional prize",
         "damaged the orchards", "extended its opening hours", "planned a coastal route",
         "was repaired overnight", "closed two roads"]

SITES: dict[str, dict[str, Any]] = {
    "quillgazette.example": {
        "lang": "en",
        "template": ["Filed under: Harbour Notes", "© Quill Gazette — tips to the newsroom"],
    },
    "folhadovale.example": {
        "lang": "pt",
        "template": ["Categoria: Vida no Vale", "Todos os direitos reservados à Folha do Vale"],
    },
    "nachrichten-am-see.example": {
        "lang": "de",
        "template": ["Rubrik: Seestraße", "Impressum · Redaktion am See"],
    },
    "kawabe.example": {
        "lang": "ja",
        "template": ["カテゴリー：川辺のくらし", "川辺新聞 編集部"],
    },
}
PT_BODY = ["A feira do bairro abriu mais cedo", "O rio subiu durante a noite",
           "A biblioteca ganhou novas estantes", "Os pescadores voltaram ao cais"]
DE_BODY = ["Der Wochenmarkt öffnet früher", "Die Fähre fährt wieder nach Plan",
           "Der Chor probt im alten Rathaus", "Die Brücke wird im Sommer saniert"]
JA_BODY = ["川の水位が夜のうちに上がった", "駅前の図書館が新しい棚を入れた",
           "朝市が一時間早く開いた", "港のクレーンが修理された"]


def body(site: str, i: int) -> list[str]:
    """Two or three distinct article sentences for document ``i`` of ``site``."""
    lang = SITES[site]["lang"]
    if lang == "pt":
        pool = PT_BODY
    elif lang == "de":
        pool = DE_BODY
    elif lang == "ja":
        pool = JA_BODY
    else:
        return [f"{SUBJECTS[i % 8]} {VERBS[(i // 8) % 8]} (report {i}).",
                f"Residents of district {i + 3} said the change came as no surprise."]
    sep = "。" if lang == "ja" else "."
    return [f"{pool[i % 4]} ({i}){sep}", f"{pool[(i + 1) % 4]} — nota {i * 7 + 1}{sep}"]


def records(per_site: int = 12) -> list[dict[str, Any]]:
    """Records ``{"id", "url", "text"}``: per site, ``per_site`` documents in its template,
    some with removable junk and untidy whitespace, one exact duplicate, and records
    without a url (or without a text) that every engine must pass through."""
    out: list[dict[str, Any]] = []
    n = 0
    for site, spec in SITES.items():
        category, footer = spec["template"]
        for i in range(per_site):
            lines = [category, *body(site, i)]
            if i % 3 == 0:
                lines.append("Share this article")
            if i % 4 == 1:
                lines[1] = lines[1] + "   "
                lines.insert(2, "")
                lines.insert(2, "")
            if i % 5 == 2:
                lines.append("Thank you.")
            lines.append(footer)
            url = f"https://www.{site}/{i}/story-{n}"
            out.append({"id": n, "url": url, "text": "\n".join(lines) + "\n"})
            n += 1
    out.append({"id": n, "url": None, "text": "No url here.  Still   cleaned.\n"})
    out.append({"id": n + 1, "url": "https://quillgazette.example/x",
                "text": out[0]["text"]})  # an exact duplicate of document 0
    return out
