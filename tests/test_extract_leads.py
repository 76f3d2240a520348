"""Lead nations: (country, mission, order, time) read from sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from kg.model import LEAD_NATION

pytestmark = pytest.mark.slow

PUBLISHED = date(2022, 3, 10)  # a Thursday
IRAQ = "NATO agreed to expand its training mission in Iraq. "
HANDOVER = IRAQ + "The mission was first led by Norway, which will hand command over to Poland in June."
TOOK_COMMAND = "Italy took command of the mission from Denmark on Tuesday."
MNI = "NATO Mission Iraq was led by Norway. Poland took command of NATO Mission Iraq from Norway in December."


def leads(ex) -> set[tuple]:
    """(country, mission, order, time expression, begin) for every lead the article states."""
    names = {e.key: e.name for e in ex.entities}
    return {(names[m.member], names[m.organization], m.order, m.time.expression if m.time else None,
             m.time.begin if m.time else None) for m in ex.memberships if m.role == LEAD_NATION}


LEADS = [
    pytest.param(HANDOVER, PUBLISHED, {("Norway", "NATO mission in Iraq", 1, None, None),
                             ("Poland", "NATO mission in Iraq", 2, "in June", "2022-06-01")},
                 id="first-led-then-handed-over-future"),
    pytest.param(HANDOVER, None, {("Norway", "NATO mission in Iraq", 1, None, None),
                        ("Poland", "NATO mission in Iraq", 2, "in June", None)},
                 id="undated-article-keeps-the-words"),
    pytest.param(IRAQ + TOOK_COMMAND, PUBLISHED,
                 {("Italy", "NATO mission in Iraq", 2, "on Tuesday", "2022-03-08"),
                  ("Denmark", "NATO mission in Iraq", 1, None, None)}, id="took-command-from"),
    pytest.param(IRAQ + "Norway handed command of the mission to Poland in June.", PUBLISHED,
                 {("Norway", "NATO mission in Iraq", 1, None, None),
                  ("Poland", "NATO mission in Iraq", 2, "in June", "2021-06-01")}, id="handed-over-past"),
    pytest.param(MNI, PUBLISHED, {("Norway", "NATO Mission Iraq", 1, None, None),
                                  ("Poland", "NATO Mission Iraq", 2, "in December", "2021-12-01")},
                 id="proper-name-two-sentences"),
    pytest.param("Hungary took command of NATO Mission Iraq on Friday.", PUBLISHED,
                 {("Hungary", "NATO Mission Iraq", None, "on Friday", "2022-03-04")},
                 id="took-command-last-friday"),
    pytest.param("Hungary will take command of NATO Mission Iraq in October.", PUBLISHED,
                 {("Hungary", "NATO Mission Iraq", None, "in October", "2022-10-01")},
                 id="will-take-command"),
    pytest.param(IRAQ + "Poland's leadership of the mission ends in May.", PUBLISHED,
                 {("Poland", "NATO mission in Iraq", None, None, None)}, id="leadership-of"),
    pytest.param("Officials praised the Canada-led NATO mission in Latvia on Friday.", PUBLISHED,
                 {("Canada", "NATO mission in Latvia", None, None, None)}, id="country-led"),
    pytest.param("Officials praised the Spanish-led NATO mission in Latvia on Friday.", PUBLISHED,
                 {("Spain", "NATO mission in Latvia", None, None, None)}, id="demonym-led"),
    pytest.param("Hungary assumed command of the NATO-led Kosovo Force (KFOR) in October.", PUBLISHED,
                 {("Hungary", "Kosovo Force", None, "in October", "2021-10-01")}, id="kosovo-force"),
    # a standing mission known by its acronym (ontology/gazetteer/missions.tsv)
    pytest.param("Hungary took command of KFOR on Friday.", PUBLISHED,
                 {("Hungary", "Kosovo Force", None, "on Friday", "2022-03-04")}, id="acronym-of-a-force"),
    pytest.param("Italy will hand command of UNIFIL to Spain in June.", PUBLISHED,
                 {("Italy", "United Nations Interim Force in Lebanon", 1, None, None),
                  ("Spain", "United Nations Interim Force in Lebanon", 2, "in June", "2022-06-01")},
                 id="un-mission-acronym"),
    # a handover stated as a passing of command, a country that has led a mission, a rotating chair
    pytest.param("The handover passes command of UNIFIL from Italy to Spain.", PUBLISHED,
                 {("Italy", "United Nations Interim Force in Lebanon", 1, None, None),
                  ("Spain", "United Nations Interim Force in Lebanon", 2, None, None)},
                 id="handover-passes-command-from-to"),
    pytest.param("The handover passes the UNIFIL commander's post from Italy to Spain.", PUBLISHED,
                 {("Italy", "United Nations Interim Force in Lebanon", 1, None, None),
                  ("Spain", "United Nations Interim Force in Lebanon", 2, None, None)},
                 id="handover-passes-the-post"),
    pytest.param("Hungary took charge of NATO's Kosovo Force on Wednesday.", PUBLISHED,
                 {("Hungary", "Kosovo Force", None, "on Wednesday", "2022-03-09")},
                 id="took-charge-of-an-organisations-mission"),
    pytest.param("Hungary, which has led KFOR since 2021, sent more troops.", PUBLISHED,
                 {("Hungary", "Kosovo Force", None, None, None)}, id="which-has-led"),
    pytest.param("Major General Marek Dvorak of Spain took command of UNIFIL on Monday.", PUBLISHED,
                 {("Spain", "United Nations Interim Force in Lebanon", None, "on Monday", "2022-03-07")},
                 id="commander-nationality"),  # the gold's reading: the commander's country leads
    pytest.param("Spanish Major General Marek Dvorak took command of UNIFIL on Monday.", PUBLISHED,
                 {("Spain", "United Nations Interim Force in Lebanon", None, "on Monday", "2022-03-07")},
                 id="commander-nationality-adjective",
                 marks=pytest.mark.xfail(strict=True, reason="a nationality adjective before a commander's "
                                                              "rank is not read as the lead nation")),
    # a framework nation, a multinational force referred back to, a time before the verb
    pytest.param("NATO Mission Iraq grew in 2019. A new rotation of the multinational force, which Norway leads "
                 "as framework nation, began in May.", PUBLISHED,
                 {("Norway", "NATO Mission Iraq", None, None, None)}, id="which-a-country-leads"),
    pytest.param("Norway is the framework nation of NATO Mission Iraq.", PUBLISHED,
                 {("Norway", "NATO Mission Iraq", None, None, None)}, id="framework-nation-of"),
    pytest.param("Hungary on Friday assumed command of NATO Mission Iraq from Norway.", PUBLISHED,
                 {("Hungary", "NATO Mission Iraq", 2, "on Friday", "2022-03-04"),
                  ("Norway", "NATO Mission Iraq", 1, None, None)}, id="time-before-the-verb"),
    # a list of framework nations; "the corps" is the corps named before, not the last command
    pytest.param("Multinational Corps Northeast was inspected by the Allied Joint Force Command Brunssum. Denmark, "
                 "Germany and Poland, the corps' three framework nations, founded it in 1999.", PUBLISHED,
                 {(c, "Multinational Corps Northeast", None, None, None) for c in ("Denmark", "Germany", "Poland")},
                 id="a-list-of-framework-nations"),
    # an unknown body with no mission word is still no mission
    pytest.param("Hungary took command of Zelta on Friday.", PUBLISHED, set(), id="unknown-acronym"),
    # a mission described, not named: the article's body whose name has the noun
    pytest.param("A new general took charge of the Canada-led coalition on Monday. The Northern Shield Coalition "
                 "said the handover went well.", PUBLISHED,
                 {("Canada", "Northern Shield Coalition", None, None, None)}, id="country-led-described"),
    pytest.param("The council authorised a multinational force led by Chile. Officials said the "
                 "Multinational Stability Force would deploy in May.", PUBLISHED,
                 {("Chile", "Multinational Stability Force", None, None, None)}, id="a-force-led-by"),
    # a lead stated through its commanders' nationality
    pytest.param("Lina Varga is now the eleventh Austrian to lead KFOR.", PUBLISHED,
                 {("Austria", "Kosovo Force", None, None, None)}, id="nth-of-a-nationality"),
    pytest.param("Lina Varga is the fourth Spanish general to head NATO Mission Iraq.", PUBLISHED,
                 {("Spain", "NATO Mission Iraq", None, None, None)}, id="nth-general-of-a-nationality"),
    # an unknown body written with its acronym and then "mission" is mission-like
    pytest.param("The council backed the Coastal Support Group (CSG) mission on Monday. Chile, which leads the "
                 "mission, sent 400 officers.", PUBLISHED,
                 {("Chile", "Coastal Support Group", None, None, None)}, id="acronym-then-mission"),
    pytest.param("The council backed the Coastal Support Group (CSG) on Monday. Chile, which leads the "
                 "mission, sent 400 officers.", PUBLISHED, set(), id="acronym-without-mission"),
    # "it" is the mission of the sentence
    pytest.param("Turkey first commanded it in 2009, when Lina Varga took over NATO Mission Iraq.", PUBLISHED,
                 {("Turkey", "NATO Mission Iraq", None, None, None)}, id="commanded-it"),
    pytest.param("Spain, which commands the EU's counter-piracy operation Atalanta from Rota, declined to take part.",
                 PUBLISHED, {("Spain", "Operation Atalanta", None, None, None)},
                 id="which-commands-a-lowercase-operation"),
    pytest.param("Greece approved its part in the EU's new naval mission Operation Sentinel, which Greece will lead "
                 "from Larissa.", PUBLISHED, {("Greece", "Operation Sentinel", None, None, None)},
                 id="which-a-country-will-lead"),
    pytest.param("Aspides operates apart from Operation Sentinel, the US-led coalition set up in December.",
                 PUBLISHED, {("United States", "Operation Sentinel", None, None, None)},
                 id="country-led-apposition"),
]


@pytest.mark.parametrize(("text", "published", "expected"), LEADS)
def test_leads(run_extract, text, published, expected):
    assert leads(run_extract(text, published)) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Canada led the talks on Friday.", id="no-mission"),
        pytest.param("NATO's training mission in Iraq will grow. Canada led the talks on Friday.",
                     id="mission-elsewhere"),
        pytest.param("Canada led the talks with Norway on NATO Mission Iraq.", id="led-talks-on-a-mission"),
        pytest.param("NATO Mission Iraq met Norway's defence minister, who had led the talks.",
                     id="led-the-talks"),
        pytest.param("Norway's leadership of the talks on NATO Mission Iraq was praised.",
                     id="leadership-of-talks"),
        pytest.param("NATO Mission Iraq grew. The police force led by Norway stayed home.",
                     id="a-police-force-led-by"),
        pytest.param("Norway led it to the final of the cup.", id="led-it-no-mission"),
    ],
)
def test_no_lead(run_extract, text):
    assert leads(run_extract(text, PUBLISHED)) == set()


def test_a_lead_is_no_post(run_extract):
    ex = run_extract(IRAQ + TOOK_COMMAND, PUBLISHED)
    assert {m.role for m in ex.memberships} == {LEAD_NATION}


def test_a_lead_stated_twice_is_one_fact(run_extract):
    ex = run_extract("Hungary took command of NATO Mission Iraq on Friday. Officials said Hungary took "
                     "command of NATO Mission Iraq after a vote.", PUBLISHED)
    assert len([m for m in ex.memberships if m.role == LEAD_NATION]) == 1


def test_the_lead_evidence_is_its_sentence(run_extract):
    text = IRAQ + TOOK_COMMAND
    ex = run_extract(text, PUBLISHED)
    assert {m.evidence.text for m in ex.memberships} == {TOOK_COMMAND}
    for m in ex.memberships:
        assert text[m.evidence.start:m.evidence.end] == m.evidence.text
