"""Sentence templates: the regex alternation that role and demonym slots are built from."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from kg.extract.template import alternation

WORDS = ["Chief", "Chief of Staff", "Chief of Defence", "Chief Executive", "Vice-President", "Gen.", "Vice Admiral"]


def flat(words: list[str]) -> str:
    """The plain longest-first alternation the trie replaces (a run of spaces and hyphens in a word
    matching any such run, as a single one does)."""
    words = [re.sub(r"[\s-]+", " ", w) for w in words]
    return "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in sorted(set(words), key=len, reverse=True))


def test_the_longest_word_wins_and_spaces_match_hyphens():
    regex = re.compile(alternation(WORDS))
    assert [regex.match(t)[0] for t in ["Chief of Staff X", "Chief Exec", "Vice President", "Vice--Admiral"]] == [
        "Chief of Staff",
        "Chief",
        "Vice President",
        "Vice--Admiral",
    ]
    assert regex.match("General") is None


def test_ignore_case_folds_the_words_for_a_case_blind_pattern():
    regex = re.compile(alternation(["Defence Minister", "defence minister"], ignore_case=True), re.IGNORECASE)
    assert regex.pattern.count("efence") == 1
    assert regex.fullmatch("DEFENCE MINISTER")


def test_no_words_match_nothing():
    assert re.compile(alternation([])).search("anything") is None


word = st.text(alphabet="ab -.", min_size=1, max_size=6).filter(lambda w: w.strip(" -"))


@example(["-.", "--.a"], "--.a")  # a run of two separators inside a word is one separator unit
@given(st.lists(word, min_size=1, max_size=8), st.text(alphabet="ab -.", max_size=10))
def test_the_trie_matches_what_the_flat_alternation_matches(words, text):
    trie, plain = re.compile(alternation(words)), re.compile(flat(words))
    assert bool(trie.fullmatch(text)) == bool(plain.fullmatch(text))
    found, expected = trie.match(text), plain.match(text)
    assert (found[0] if found else None) == (expected[0] if expected else None)
