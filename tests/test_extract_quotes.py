"""Quotations and their speakers, from sentences written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

USEFUL = "The talks were difficult but useful"
COURSE = "We will stay the course in the region"


def quotes(ex) -> list[tuple[str, str | None]]:
    names = {e.key: e.name for e in ex.entities}
    return [(q.text, names[q.speaker] if q.speaker else None) for q in ex.quotations]


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


GOVERNED = ("QuoteAttributor._governed compares spaCy tokens with 'is' ('token is verb'), but token.head "
            "makes a new Token object on every access, so the walk never meets the speech verb: every quote "
            "under SHORT_QUOTE (5) words that has a speech verb is dropped, partial or whole")


QUOTES = [
    pytest.param(f'Ingrid Solheim said: "{USEFUL}."', [(USEFUL + ".", "Ingrid Solheim")], id="speaker-first"),
    pytest.param(f'"{USEFUL}," Ingrid Solheim said.', [(USEFUL, "Ingrid Solheim")], id="quote-first"),
    pytest.param(f'"{USEFUL}," said Ingrid Solheim.', [(USEFUL, "Ingrid Solheim")], id="inverted"),
    pytest.param(f"“{USEFUL},” Ingrid Solheim said.", [(USEFUL, "Ingrid Solheim")], id="curly-marks"),
    pytest.param(f'"{USEFUL}," said NATO Secretary General Henrik Aasen.', [(USEFUL, "Henrik Aasen")],
                 id="inverted-with-title"),
    pytest.param(f'Ingrid Solheim told reporters: "{USEFUL}."', [(USEFUL + ".", "Ingrid Solheim")],
                 id="told-speaker-first"),
    pytest.param(f'"{USEFUL}," Ingrid Solheim told reporters in Oslo.', [(USEFUL, "Ingrid Solheim")],
                 id="told-quote-first"),
    pytest.param(f'Ingrid Solheim met the press in Oslo. "{COURSE}," she added.',
                 [(COURSE, "Ingrid Solheim")],
                 id="added-pronoun"),
    pytest.param(f'Ingrid Solheim underlined: "{COURSE}."', [(COURSE + ".", "Ingrid Solheim")],
                 id="underlined"),
    pytest.param(f'Ingrid Solheim arrived in Oslo on Monday.\n\n"{COURSE}," she said.',
                 [(COURSE, "Ingrid Solheim")], id="pronoun-in-next-paragraph"),
    pytest.param(f'Ingrid Solheim met the press on Monday. Tomas Berzins arrived on Tuesday. "{COURSE}," '
                 "he said.",
                 [(COURSE, "Tomas Berzins")], id="pronoun-last-named-person"),
    pytest.param(f'"{COURSE}," Henrik Aasen told reporters. Aasen left on Friday.',
                 [(COURSE, "Henrik Aasen")],
                 id="speaker-later-called-by-surname"),
    pytest.param(f'"{COURSE}," Ingrid Solheim said. "The alliance is united and the mission will continue."',
                 [(COURSE, "Ingrid Solheim"), ("The alliance is united and the mission will continue.",
                                                "Ingrid Solheim")], id="continued-in-next-sentence"),
    pytest.param('"The alliance is divided over the mission and the money," a senior diplomat said.',
                 [("The alliance is divided over the mission and the money", None)], id="anonymous-speaker"),
    pytest.param('"The mission will continue as planned," NATO said in a statement.',
                 [("The mission will continue as planned", "NATO")], id="organisation-speaker"),
    pytest.param('Ingrid Solheim said on Friday that "the talks were difficult but useful for everyone".',
                 [("the talks were difficult but useful for everyone", "Ingrid Solheim")], id="partial-long"),
    pytest.param('Ingrid Solheim called the plan "a serious mistake that will cost lives".',
                 [("a serious mistake that will cost lives", "Ingrid Solheim")], id="partial-called"),
    pytest.param('Ingrid Solheim described the situation as "stable but fragile".',
                 [("stable but fragile", "Ingrid Solheim")],
                 id="partial-described-as"),
    pytest.param('Ingrid Solheim warned that the plan was "a serious mistake".',
                 [("a serious mistake", "Ingrid Solheim")], id="partial-warned-that"),
    pytest.param('"We are ready," Ingrid Solheim said.', [("We are ready", "Ingrid Solheim")],
                 id="short-full-quote"),
    pytest.param(f'Ingrid Solheim spoke on Friday.\n\n"{COURSE}.\n\n"The alliance is united," she said.',
                 [(COURSE + ".", "Ingrid Solheim"), ("The alliance is united", "Ingrid Solheim")],
                 id="quote-open-across-paragraphs"),
    pytest.param('Ingrid Solheim arrived on Monday. She described the talks as "stable but fragile" and said more '
                 "would follow.", [("stable but fragile", "Ingrid Solheim")], id="short-governed-by-earlier-verb"),
    pytest.param('Ingrid Solheim said there were "very real risks" in the plan.',
                 [("very real risks", "Ingrid Solheim")], id="short-through-there-were"),
    pytest.param('"We welcome the new members!" Ingrid Solheim said as the flags were raised.',
                 [("We welcome the new members!", "Ingrid Solheim")], id="exclamation-then-speaker"),
    pytest.param('A senior diplomat said the plan "needed to be seen to work at last." Tomas Berzins later said the '
                 "talks would go on.", [("needed to be seen to work at last.", None)],
                 id="next-sentence-with-its-own-complement"),
    pytest.param('Tomas Berzins arrived on Monday. The mission would remain "a steady and reliable partner", he '
                 'said, "ready for anything."',
                 [("a steady and reliable partner", "Tomas Berzins"), ("ready for anything.", "Tomas Berzins")],
                 id="split-around-he-said"),
    pytest.param('"The first point is simple," Ingrid Solheim said. "We will stay in the region for years.\n\n'
                 '"If we want peace, we must talk."',
                 [("The first point is simple", "Ingrid Solheim"),
                  ("We will stay in the region for years.", "Ingrid Solheim"),
                  ("If we want peace, we must talk.", "Ingrid Solheim")],
                 id="paragraph-continues-open-quote"),
    pytest.param(f'Ingrid Solheim spoke first.\n\nShe went on: "{COURSE}."', [(COURSE + ".", "Ingrid Solheim")],
                 id="went-on"),
    pytest.param(f"Defence Minister Ingrid Solheim opened the meeting. Tomas Berzins, a farmer, listened.\n\n"
                 f'"{COURSE}," the defence minister said.', [(COURSE, "Ingrid Solheim")], id="the-minister-said"),
    pytest.param(f'Ingrid Solheim struck a lighter note.\n\n"{COURSE}," Norway\'s top diplomat told reporters.',
                 [(COURSE, "Ingrid Solheim")], id="description-tied-to-a-name"),
    pytest.param('Ingrid Solheim left early. A senior diplomat stayed. "The alliance is divided over the money," '
                 "the diplomat said.", [("The alliance is divided over the money", None)],
                 id="the-diplomat-unnamed"),
    pytest.param("Ingrid Solheim chaired the session.\n\nIts envoy to the UN, Tomas Berzins, told the council the "
                 'text was weak. "The drafters ignored our three requests," he said.',
                 [("The drafters ignored our three requests", "Tomas Berzins")], id="pronoun-after-appositive-name"),
    pytest.param("Ingrid Solheim praised the new commander.\n\nTomas Berzins, she said, was \"ready to lead the "
                 'mission from the first day."', [("ready to lead the mission from the first day.", "Ingrid Solheim")],
                 id="pronoun-interrupting-its-clause"),
    pytest.param('Ingrid Solheim warned that "the plan will fail and it will cost us dearly. Others disagreed. '
                 '"We are not there yet," one diplomat said after the meeting.',
                 [("the plan will fail and it will cost us dearly. Others disagreed.", "Ingrid Solheim"),
                  ("We are not there yet", None)], id="straight-mark-never-closed"),
    pytest.param('President Tomas Berzins overruled him. The order, the president said in a statement, "had been '
                 'issued by an office with no power to act alone."',
                 [("had been issued by an office with no power to act alone.", "Tomas Berzins")],
                 id="fronted-object-then-speaker"),
    pytest.param("Tomas Berzins opened the talks on Monday.\n\nThe meeting was delayed by the arrival of President "
                 f'Ingrid Solheim, who flew in from Oslo. "{COURSE}," she wrote on arrival.',
                 [(COURSE, "Ingrid Solheim")], id="pronoun-prefers-its-own-paragraph"),
    pytest.param("Tomas Berzins said he was not worried about the vote.\n\n"
                 f'Of Deputy Minister Ingrid Solheim, the rival candidate, he said: "{COURSE}."',
                 [(COURSE + ".", "Tomas Berzins")], id="pronoun-not-the-person-it-speaks-of"),
    pytest.param("Admiral Tomas Berzins handed over on Monday.\n\n"
                 "The outgoing admiral said the crews under Ingrid Solheim's command had done well, a record, "
                 f'he added, "{COURSE}."',
                 [(COURSE + ".", "Tomas Berzins")], id="pronoun-not-a-possessive-in-its-sentence"),
    pytest.param("Colonel Tomas Berzins handed over the brigade on Monday. The post of brigade commander now passes "
                 f'to Norway.\n\n"{COURSE}," the outgoing commander said.', [(COURSE, "Tomas Berzins")],
                 id="the-outgoing-commander"),
    pytest.param(f'Ingrid Solheim, a submariner, took command on Monday.\n\n"{COURSE}," the Norwegian officer said.',
                 [(COURSE, "Ingrid Solheim")], id="modified-person-noun-named-by-no-title"),
    pytest.param(f'Ingrid Solheim took command on Monday.\n\n"{COURSE}," the spokesman said.', [(COURSE, None)],
                 id="bare-person-noun-stays-unnamed"),
    pytest.param('Ingrid Solheim went further than the report, by describing the plan as posing "the greatest '
                 'challenge of our age" to peace.', [("the greatest challenge of our age", "Ingrid Solheim")],
                 id="speech-verb-in-a-by-phrase"),
    pytest.param("Secretary-General Kari Lund announced the appointment on Monday. Tomas Berzins, who had led the "
                 'mission since 2019, wished his successor "plein succès et bonne chance".',
                 [("plein succès et bonne chance", "Tomas Berzins")], id="object-of-a-verb-that-is-not-speech"),
    pytest.param('Kari Lund spoke on Monday. Tomas Berzins hailed "a real breakthrough at this summit, thanks to the '
                 'support of our allies."',
                 [("a real breakthrough at this summit, thanks to the support of our allies.", "Tomas Berzins")],
                 id="hailed"),
    pytest.param('Ingrid Solheim said she was concerned by the move. She reaffirmed her "full trust and confidence" in '
                 "the envoy.", [("full trust and confidence", "Ingrid Solheim")], id="reaffirmed"),
    pytest.param('Ingrid Solheim summoned the ambassador and accused the host of joining others to "smear and attack '
                 'Norway".', [("smear and attack Norway", "Ingrid Solheim")], id="through-a-gerund-after-of"),
    pytest.param('"Never," Ingrid Solheim said.', [("Never", "Ingrid Solheim")], id="one-word-sentence"),
    pytest.param("Secretary-General Kari Lund has appointed Colonel Tomas Berzins of Latvia as the new commander.\n\n"
                 "Berzins succeeds Ingrid Solheim, who has led the brigade since 2019. In the statement, the "
                 "Secretary-General said she was grateful to Ingrid Solheim \"for her tireless "
                 'service and steady leadership of the brigade."',
                 [("for her tireless service and steady leadership of the brigade.", "Kari Lund")],
                 id="hyphenated-title-names-its-holder"),
    pytest.param("The ministers also elected Ingrid Solheim, Norway's envoy to Latvia, as deputy chair, succeeding "
                 'Latvia\'s Kari Lund. The council needed "fresh energy in unlocking the region\'s potential," she said.',
                 [("fresh energy in unlocking the region's potential", "Ingrid Solheim")],
                 id="pronoun-means-the-object-of-the-main-clause"),
    pytest.param('Tomas Berzins conceded defeat on Monday. "I accept the outcome of the vote," the 71-year-old told '
                 "reporters.", [("I accept the outcome of the vote", "Tomas Berzins")], id="the-71-year-old"),
    pytest.param("President Tomas Berzins, who had campaigned for his rival, put a brave face on the result: \"This "
                 'vote was not about persons; it was about the region."',
                 [("This vote was not about persons; it was about the region.", "Tomas Berzins")],
                 id="clause-before-a-colon"),
    pytest.param("Tomas Berzins spoke on Monday.\n\nIn the second part of the message he said the Latvian National "
                 "Armed Forces (LNAF) had asked repeatedly for the guards to be moved and had \"met with refusal, "
                 "which leaves the guards in harm's way.\"",
                 [("met with refusal, which leaves the guards in harm's way.", "Tomas Berzins")],
                 id="outermost-speech-verb-above-the-quote"),
    pytest.param("Latvia's prime minister, Tomas Berzins, was less diplomatic.\n\n"
                 "He turned to leave, then added: \u201cI should not have said that.\u201d",
                 [("I should not have said that.", "Tomas Berzins")], id="then-added-after-a-first-clause"),
    pytest.param(f'"{COURSE}," according to Ingrid Solheim.', [(COURSE, "Ingrid Solheim")], id="according-to"),
    pytest.param('According to Ingrid Solheim, the force will "stay the course in the region for years".',
                 [("stay the course in the region for years", "Ingrid Solheim")], id="according-to-first"),
    pytest.param(f'Ingrid Solheim met Tomas Berzins on Monday. "{COURSE}," the latter said.',
                 [(COURSE, "Tomas Berzins")], id="the-latter",
                 marks=xfail("'the latter' and 'the former' are read as unnamed descriptions, not as the second "
                             "or first of the two persons just named")),
    pytest.param("Kenya's ambassador, Ama Owusu-Mensah, said the plan was ready.\n\n\"We are offering our own people "
                 'for this task," Owusu-Mensah told reporters outside the chamber.',
                 [("We are offering our own people for this task", "Ama Owusu-Mensah")],
                 id="hyphenated-surname-no-mention-covers"),
]


@pytest.mark.parametrize(("text", "expected"), QUOTES)
def test_quotations(run_extract, text, expected):
    assert quotes(run_extract(text)) == expected


NO_QUOTES = [
    pytest.param('Ingrid Solheim accused allies of being "delinquent" on spending.', id="scare-quote"),
    pytest.param('Officials said the talks were "difficult" and would resume.', id="scare-quote-after-said"),
    pytest.param('The so-called "peace plan" was rejected by Ingrid Solheim on Friday.', id="so-called"),
    pytest.param("Ingrid Solheim said the talks were difficult but useful.", id="reported-speech"),
    pytest.param('The summit adopted a plan that calls the blockade the "most serious and direct threat to peace".',
                 id="quoted-noun-phrase-without-speaker"),
    pytest.param('Ingrid Solheim spoke of the "deep and lasting harm" done, referring to the floods.',
                 id="short-quote-not-governed-by-speech"),
    pytest.param('Kari Lund spoke on Monday. Tomas Berzins signed the "Agreement on Defence Cooperation Between Norway '
                 'and Latvia" on Friday.', id="quoted-title-object"),
    pytest.param('Ingrid Solheim said the talks were "difficult" and would resume.', id="one-word-after-said"),
    pytest.param('Ingrid Solheim said the plan was unworkable, referring to the "deep and lasting harm" it did.',
                 id="short-quote-under-a-participle-clause"),
]


@pytest.mark.parametrize("text", NO_QUOTES)
def test_no_quotation(run_extract, text):
    assert quotes(run_extract(text)) == []


def test_the_same_quote_twice_is_one_quotation(run_extract):
    ex = run_extract(f'Ingrid Solheim said: "{COURSE}." Later she repeated: "{COURSE}."')
    assert quotes(ex) == [(COURSE + ".", "Ingrid Solheim")]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('"Unbalanced quotes " are here" and "there', id="odd-marks"),
        pytest.param('Ingrid Solheim said: "We will stay the course. And the rest follows.',
                     id="never-closed"),
        pytest.param('”Backwards marks,“ she said. “ ” "', id="backwards-and-empty"),
        pytest.param('"', id="one-mark"),
    ],
)
def test_unbalanced_quotation_marks_do_not_crash(run_extract, text):
    ex = run_extract(text)
    for q in ex.quotations:
        assert text[q.span.start:q.span.end] == q.text
        assert '"' not in q.text and "“" not in q.text


def test_a_quote_left_open_runs_to_the_end_of_its_paragraph(run_extract):
    text = 'Ingrid Solheim said: "We will stay the course. And the rest follows.\n\nTalks resumed on Friday.'
    assert quotes(run_extract(text)) == [("We will stay the course. And the rest follows.", "Ingrid Solheim")]


def test_quote_spans_and_evidence_index_the_text(run_extract):
    text = f'Talks ended on Monday. "{USEFUL}," Ingrid Solheim said. Officials left.'
    (q,) = run_extract(text).quotations
    assert (q.span.start, q.span.end) == (text.index(USEFUL), text.index(USEFUL) + len(USEFUL))
    assert q.evidence.text == text[q.evidence.start:q.evidence.end]
    assert q.evidence.start <= q.span.start and q.span.end <= q.evidence.end
    assert "Ingrid Solheim said" in q.evidence.text and "Talks ended" not in q.evidence.text


WRAPPED = """Harbour talks resume in Tallinn

TALLINN - Ingrid Solheim, the harbour authority's chair, opened the talks
with shipping firms on Monday and said the new quay would be ready in May.

The firms had asked for a delay. Solheim refused, and the meeting ran late
into the evening before the two sides agreed to meet again on Thursday in
Tallinn.

"We will stay the course in the region and the quay will open on time," said
Ingrid Solheim at the end of the meeting on Monday in the harbour office. "The
firms know it."
"""


def test_a_quote_in_hard_wrapped_lines_is_read_whole(nlp, lexicon):
    """A wrapped line starting with a capital ("Ingrid", "The") still continues its paragraph."""
    from kg.extract import extract
    from kg.ingest import clean_article
    from kg.ingest.read import make_raw

    article = clean_article(make_raw("w.txt", WRAPPED))
    ex = extract(nlp(article.text), article, lexicon)
    assert quotes(ex) == [
        ("We will stay the course in the region and the quay will open on time", "Ingrid Solheim"),
        ("The firms know it.", "Ingrid Solheim"),
    ]


def test_a_pronoun_after_a_name_the_entities_missed_has_no_earlier_speaker(nlp, lexicon):
    """The governor's name is taken out of the entities, as when the entity extractor misses it: "he"
    then names no one rather than the person of an earlier paragraph."""
    from kg.extract.entities import extract_entities
    from kg.extract.quotes import extract_quotations
    from kg.model import Article

    text = (f"Ingrid Solheim arrived on Monday.\n\nTomas Berzins, the governor of the region, accused the rebels "
            f'of shelling the road. "{COURSE}," he wrote.')
    doc = nlp(text)
    found = extract_entities(doc, Article(identifier="t.txt", text=text, content_hash="h"), lexicon)
    entities = {k: e for k, e in found.by_key().items() if e.name != "Tomas Berzins"}
    mentions = [m for m in found.mentions if m.entity in entities]
    assert {e.name for e in found.by_key().values()} >= {"Ingrid Solheim", "Tomas Berzins"}
    assert [(q.text, q.speaker) for q in extract_quotations(doc, entities, mentions, lexicon)] == [(COURSE, None)]
