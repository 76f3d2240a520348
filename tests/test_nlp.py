"""The spaCy pipeline kg assembles: its own components."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Minister visits troops in Riga\n\nMaria Lind thanked the soldiers on Monday.",
                     id="headline-without-a-full-stop"),
        pytest.param("Maria Lind at the base. Photo: Ivo Kask / Baltic Wire\n\nLind said the unit was ready.",
                     id="photo-credit-then-paragraph"),
        pytest.param("the talks would go on\n\nOfficials in Tallinn said little.", id="paragraph-ending-mid-sentence"),
    ],
)
def test_no_sentence_runs_across_a_paragraph_break(nlp, text):
    doc = nlp(text)
    assert all("\n\n" not in sentence.text.strip() for sentence in doc.sents)
    last_paragraph = text.split("\n\n")[-1]
    assert any(sentence.text.startswith(last_paragraph.split()[0]) for sentence in doc.sents)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The spokesman, Chilean Brig. Gen. Ana Ruiz, told reporters the strikes would go on.",
                     id="split-abbreviation-brig"),
        pytest.param("The base commander, Lt. Col. Kalle Vuorinen, said the jets were ready.", id="lt-col"),
    ],
)
def test_no_sentence_starts_after_an_abbreviated_title(nlp, text):
    assert [s.text for s in nlp(text).sents] == [text]


def test_a_sentence_still_starts_after_an_ordinary_full_stop(nlp):
    assert len(list(nlp("Maj. Gen. Ana Ruiz met the troops. She said little.").sents)) == 2
