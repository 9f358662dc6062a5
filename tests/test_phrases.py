"""The shared phrase-matching mechanism (cleanse.phrases)."""

from __future__ import annotations

from cleanse.document import Document
from cleanse.phrases import (
    build_phrasebook,
    line_matches,
    line_pattern,
    phrase_source,
    trie_pattern,
    with_blocks,
)


def test_line_matches_whole_lines_only_and_first_line() -> None:
    pattern = line_pattern(phrase_source(["Powered by Blogger."]), "i")
    doc = Document("powered  by blogger.\nText. Powered by Blogger.\nPOWERED BY BLOGGER.\r\n")
    assert [i for i, _ in line_matches(doc, pattern)] == [0, 2]


def test_line_matches_gate_skips_the_scan() -> None:
    seen: list[str] = []

    def gate(text: str) -> bool:
        seen.append(text)
        return False

    doc = Document("Menu\nSearch")
    assert list(line_matches(doc, line_pattern("Menu", gate=gate))) == []
    assert seen == ["Menu\nSearch"]


def test_trie_pattern_is_factored() -> None:
    assert trie_pattern(["ab", "ac", "b"]) == "(?:a(?:b|c)|b)"


def test_phrasebook_hits_lines_starting_with_a_phrase() -> None:
    book = build_phrasebook("comment_form", reasons=("comment_form", "comment_notice",
                                                     "comment_count", "comments_closed"),
                            kinds=("line", "lead", "count", "label"))
    doc = Document("Texto do artigo.\nDeixe um comentário\n“Deixe um comentário”, disse.\n")
    hits = list(book.hits(doc))
    assert [i for i, _ in hits] == [1]
    assert hits[0][1].whole is not None and hits[0][1].entry.reason == "comment_form"


def test_with_blocks_takes_weak_lines_next_to_strong_ones() -> None:
    lines = ["Leave a Reply", "", "Name", "Body text", "Website"]
    assert list(with_blocks(lines, {0: "form"}, {2: "label", 4: "label"})) == [
        (0, "form"), (2, "label")]
