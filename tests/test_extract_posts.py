"""Posts: (person, role, organisation) read from sentences written for these tests.

Each case lists every post the sentence states, so a spurious post fails the case as surely as
a missing one. Roles are the canonical labels of ontology/roles.ttl.
"""

from __future__ import annotations

import pytest

from kg.model import LEAD_NATION

pytestmark = pytest.mark.slow


def posts(ex) -> set[tuple[str, str, str | None]]:
    names = {e.key: e.name for e in ex.entities}
    return {(names[m.member], m.role, names.get(m.organization))
            for m in ex.memberships if m.role != LEAD_NATION}


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


POSTS = [
    # title before the name
    pytest.param("U.S. Defense Secretary Laura Whitfield told reporters the mission would grow.",
                 {("Laura Whitfield", "Secretary of Defense", "United States")},
                 id="country-code-defense-secretary"),
    pytest.param("US Secretary of Defense Laura Whitfield told a news conference in Brussels that the "
                 "mission would grow.", {("Laura Whitfield", "Secretary of Defense", "United States")},
                 id="country-code-secretary-of-defense"),
    pytest.param("U.S. Secretary of State John Carver arrived in Riga on Monday.",
                 {("John Carver", "Secretary of State", "United States")},
                 id="secretary-of-state"),
    pytest.param("Lithuanian Defence Minister Rasa Vaitkute said the jets would arrive in May.",
                 {("Rasa Vaitkute", "Defence Minister", "Lithuania")}, id="nationality-adjective"),
    pytest.param("Polish Prime Minister Elena Varga arrived in Vilnius on Monday.",
                 {("Elena Varga", "Prime Minister", "Poland")}, id="nationality-adjective-2"),
    pytest.param("NATO Secretary General Henrik Aasen welcomed the decision on Friday.",
                 {("Henrik Aasen", "Secretary General", "NATO")}, id="organisation-and-role"),
    pytest.param("NATO Secretary-General Henrik Aasen welcomed the decision on Friday.",
                 {("Henrik Aasen", "Secretary General", "NATO")}, id="hyphenated-role-normalised"),
    pytest.param("Ingrid Solheim criticised NATO Secretary General Henrik Aasen on Friday.",
                 {("Henrik Aasen", "Secretary General", "NATO")}, id="title-before-object"),
    pytest.param("Defense Secretary John Carver arrived in Riga on Monday.",
                 {("John Carver", "Secretary of Defense", None)}, id="role-without-organisation"),
    # ranks
    pytest.param("Major General Elena Varga visited the base on Friday.", {("Elena Varga", "General", None)},
                 id="rank-major-general"),
    pytest.param("Lt. Gen. Marek Dvorak said the troops were ready.", {("Marek Dvorak", "General", None)},
                 id="rank-abbreviated"),
    pytest.param("Brigadier General Jonas Petrauskas of Spain said the unit was ready.",
                 {("Jonas Petrauskas", "General", "Spain")}, id="rank-of-country"),
    # after the name
    pytest.param("Ingrid Solheim, NATO's deputy secretary general, told reporters the plan was sound.",
                 {("Ingrid Solheim", "Deputy Secretary General", "NATO")}, id="apposition-possessive"),
    pytest.param("Tomas Berzins, a spokesman for the Foreign Ministry, said the talks would resume.",
                 {("Tomas Berzins", "spokesman", "Foreign Ministry")}, id="apposition-spokesman-for"),
    pytest.param("Ingrid Solheim, a spokeswoman for NATO, said the alliance was united.",
                 {("Ingrid Solheim", "spokesman", "NATO")}, id="apposition-spokeswoman-normalised"),
    pytest.param("Officials said Ingrid Solheim, the former Estonian defence minister, would run.",
                 {("Ingrid Solheim", "Defence Minister", "Estonia")}, id="apposition-former-demonym"),
    pytest.param("Henrik Aasen, the NATO secretary general, said the alliance was united.",
                 {("Henrik Aasen", "Secretary General", "NATO")}, id="apposition-the-org-role"),
    pytest.param("Helga Marstrand, who is Estonia's ambassador to the UN, said the vote was close.",
                 {("Helga Marstrand", "ambassador", "Estonia")}, id="relative-clause-ambassador"),
    pytest.param("Helga Marstrand, Estonia's ambassador to the UN, said the vote was close.",
                 {("Helga Marstrand", "ambassador", "Estonia")}, id="apposition-ambassador"),
    pytest.param("Estonia's ambassador to the UN, Helga Marstrand, said the vote was close.",
                 {("Helga Marstrand", "ambassador", "Estonia")}, id="possessive-ambassador-then-name"),
    pytest.param("Helga Marstrand, who is Estonia's foreign minister, said the vote was close.",
                 {("Helga Marstrand", "Foreign Minister", "Estonia")}, id="relative-clause"),
    pytest.param("Estonia's foreign minister, Ingrid Solheim, said the vote was close.",
                 {("Ingrid Solheim", "Foreign Minister", "Estonia")}, id="possessive-role-then-name"),
    pytest.param("Marek Dvorak became the 27th commander of KFOR on Friday.",
                 {("Marek Dvorak", "commander", "Kosovo Force")}, id="copula-ordinal"),  # the gazetteer's name
    pytest.param("Marek Dvorak became the 27th commander of the Kosovo Force on Friday.",
                 {("Marek Dvorak", "commander", "Kosovo Force")}, id="copula-force-named-after-country"),
    pytest.param("Ingrid Solheim was appointed as Estonia's foreign minister on Friday.",
                 {("Ingrid Solheim", "Foreign Minister", "Estonia")}, id="appointed-as"),
    # two posts in one sentence
    pytest.param("Helga Marstrand, who is Estonia's foreign minister and deputy prime minister, said the "
                 "vote was close.", {("Helga Marstrand", "Foreign Minister", "Estonia"),
                                     ("Helga Marstrand", "Deputy Prime Minister", "Estonia")},
                 id="second-post-joined-by-and"),
    pytest.param("Ingrid Solheim, NATO's deputy secretary general and a former prime minister, said the talks "
                 "went well.", {("Ingrid Solheim", "Deputy Secretary General", "NATO"),
                                ("Ingrid Solheim", "Prime Minister", None)},
                 id="second-post-with-its-own-article"),  # "a former ...": not NATO's
    pytest.param("Estonian Foreign Minister Marek Dvorak and Latvian Defence Minister Tomas Berzins met in "
                 "Riga.", {("Marek Dvorak", "Foreign Minister", "Estonia"),
                           ("Tomas Berzins", "Defence Minister", "Latvia")},
                 id="two-titled-people"),
    # roles added to the lexicon
    pytest.param("Russia's Deputy Foreign Minister Tomas Berzins warned the alliance on Monday.",
                 {("Tomas Berzins", "Deputy Foreign Minister", "Russia")}, id="deputy-foreign-minister"),
    pytest.param("Ingrid Solheim, the EU's operation commander for NATO Mission Iraq, presided over the "
                 "ceremony.", {("Ingrid Solheim", "commander", "NATO Mission Iraq")}, id="operation-commander"),
    pytest.param("Chile sent Ingrid Solheim, its under secretary of state for defence.",
                 {("Ingrid Solheim", "Under-Secretary", "Chile")}, id="country-sent-under-secretary"),
    # the role, then the name; "its" role
    pytest.param("On the night of the vote, the High Representative, Ingrid Solheim, used her powers.",
                 {("Ingrid Solheim", "High Representative", None)}, id="the-role-comma-name"),
    pytest.param("Ingrid Solheim, who led NATO Mission Iraq for two years, returned the mission's flag to its "
                 "Director General, Tomas Berzins.",
                 {("Ingrid Solheim", "commander", "NATO Mission Iraq"),
                  ("Tomas Berzins", "Director", "NATO Mission Iraq")}, id="its-role-comma-name"),
    # heads, successions and predecessors of a mission's command
    pytest.param("Major General Marek Dvorak of Spain took over on Monday as head of NATO Mission Iraq.",
                 {("Marek Dvorak", "General", "Spain"), ("Marek Dvorak", "Head of Mission", "NATO Mission Iraq"),
                  ("Marek Dvorak", "commander", "NATO Mission Iraq")},  # "took over ... M" says command too
                 id="took-over-as-head-of-mission"),
    pytest.param("Major General Marek Dvorak handed over command of NATO Mission Iraq to Major General Elena "
                 "Varga on Sunday.", {("Marek Dvorak", "General", None), ("Elena Varga", "General", None),
                                      ("Marek Dvorak", "commander", "NATO Mission Iraq"),
                                      ("Elena Varga", "commander", "NATO Mission Iraq")},
                 id="handed-over-command-to"),
    pytest.param("NATO Mission Iraq was set up in 2018. Elena Varga is the third Estonian to command NATO "
                 "Mission Iraq, after Major General Marek Dvorak, from 2018 to 2019, and Major General Jonas "
                 "Petrauskas, from 2019 to 2020.",
                 {("Elena Varga", "commander", "NATO Mission Iraq"), ("Marek Dvorak", "General", None),
                  ("Marek Dvorak", "commander", "NATO Mission Iraq"), ("Jonas Petrauskas", "General", None),
                  ("Jonas Petrauskas", "commander", "NATO Mission Iraq")}, id="predecessors-listed"),
    pytest.param("NATO Mission Iraq was set up in 2018. Lt. Gen. Marek Dvorak of Spain, who became force "
                 "commander in 2020, met reporters.",
                 {("Marek Dvorak", "General", "Spain"), ("Marek Dvorak", "commander", "NATO Mission Iraq")},
                 id="relative-clause-after-of-country"),
    pytest.param("Marek Dvorak, a Chilean diplomat, has headed NATO Mission Iraq since 2015.",
                 {("Marek Dvorak", "commander", "NATO Mission Iraq")}, id="commands-after-apposition"),
    # a post given, no organisation named
    pytest.param("Karl Brenner becomes vice chancellor and Nina Falk was named health minister on Tuesday.",
                 {("Karl Brenner", "Vice Chancellor", None), ("Nina Falk", "Health Minister", None)},
                 id="becomes-the-role"),
    pytest.param("Nina Falk, who led the party into the election, becomes Germany's first female foreign minister.",
                 {("Nina Falk", "Foreign Minister", "Germany")}, id="becomes-a-country-s-first-female-role"),
    pytest.param("Nina Falk, previously justice minister, takes over the defence ministry.",
                 {("Nina Falk", "Justice Minister", None), ("Nina Falk", "Defence Minister", None)},
                 id="previously-the-role"),
    pytest.param("Communications Minister Patrick Lumbala said the talks would resume.",
                 {("Patrick Lumbala", "Communications Minister", None)}, id="communications-minister"),
    pytest.param("James Ford remains foreign secretary. Ben Walsh was kept on as defence secretary. Tom Reed "
                 "returns as deputy prime minister and justice secretary. Sue Brett was reinstated as home secretary.",
                 {("James Ford", "Foreign Minister", None), ("Ben Walsh", "Secretary of Defense", None),
                  ("Tom Reed", "Deputy Prime Minister", None), ("Tom Reed", "Justice Minister", None),
                  ("Sue Brett", "Interior Minister", None)}, id="remains-returns-kept-on-reinstated"),
    pytest.param("Egypt was represented by President Omar Hassan, Algeria by President Karim Benali and the Arab "
                 "League by its secretary-general, Samir Haddad.",
                 {("Omar Hassan", "President", "Egypt"), ("Karim Benali", "President", "Algeria"),
                  ("Samir Haddad", "Secretary General", "Arab League")}, id="represented-by-a-list"),
    pytest.param("A visit to France by President Karim Benali was cancelled.",
                 {("Karim Benali", "President", None)}, id="by-a-role-after-a-place-is-no-representation"),
    pytest.param("The leaders also elected Belgium's prime minister, Paul Dumont, as President of the European "
                 "Council.", {("Paul Dumont", "Prime Minister", "Belgium"),
                              ("Paul Dumont", "President", "European Council")},
                 id="elected-someone-described-as"),
    pytest.param("Major General Peter Kamau has formally assumed command of the East African Community Regional "
                 "Force (EACRF) in the eastern Democratic Republic of Congo, replacing Kenyan Major General John "
                 "Ouma, who left the post last month.",
                 {("Peter Kamau", "General", None), ("John Ouma", "General", "Kenya"),
                  ("Peter Kamau", "commander", "East African Community Regional Force"),
                  ("John Ouma", "commander", "East African Community Regional Force")},
                 id="formally-assumed-command-replacing"),
    pytest.param("\"This is a significant moment,\" said Paul Dumont, Belgium's ambassador to NATO, who chairs the "
                 "North Atlantic Council.", {("Paul Dumont", "ambassador", "Belgium"),
                                             ("Paul Dumont", "chairman", "North Atlantic Council")},
                 id="who-chairs"),
    pytest.param("Operation Sentinel is an EU naval mission. Its operation commander is Commodore Nikos Varis of "
                 "the Hellenic Navy.", {("Nikos Varis", "Commodore", "Greece"),
                                        ("Nikos Varis", "commander", "Operation Sentinel")}, id="its-role-is"),
    pytest.param("Karl Brenner, the mayor of Riga, and Ana Diaz, a former governor of Texas, met on Monday.",
                 {("Karl Brenner", "Mayor", "Riga"), ("Ana Diaz", "Governor", "Texas")}, id="role-of-a-city-after-name"),
    pytest.param("In the most contentious appointment, Sue Brett was reinstated as home secretary six days after "
                 "she resigned.", {("Sue Brett", "Interior Minister", None)}, id="reinstated-days-after"),
    pytest.param("Karl Brenner becomes vice chancellor and minister for the economy and climate protection.",
                 {("Karl Brenner", "Vice Chancellor", None), ("Karl Brenner", "Economy Minister", None)},
                 id="minister-for-the-economy"),
    pytest.param("Nina Falk of the SPD is the first woman to head the interior ministry, and Ana Diaz, previously "
                 "justice minister, takes over the defence ministry.",
                 {("Nina Falk", "Interior Minister", None), ("Ana Diaz", "Justice Minister", None),
                  ("Ana Diaz", "Defence Minister", None)}, id="heads-a-ministry"),
    pytest.param("Rear Admiral Kola Ade was named Chief of Naval Staff and Air Vice Marshal Sadiq Bello Chief of "
                 "Air Staff.", {("Kola Ade", "Admiral", None), ("Kola Ade", "Chief of Staff", None),
                                ("Sadiq Bello", "Air Marshal", None)}, id="title-after-a-titled-name"),
    pytest.param("Taoiseach Leo Brennan said Ireland would not be rushed.",
                 {("Leo Brennan", "Prime Minister", "Ireland")}, id="a-title-that-names-its-country"),
    pytest.param("The job fell vacant when Karl Brenner stepped down as managing director on May 18.",
                 {("Karl Brenner", "Managing Director", None)}, id="stepped-down-as"),
    pytest.param("A statement said Major General Kola Ade had been appointed Chief of Defence Staff.",
                 {("Kola Ade", "General", None), ("Kola Ade", "Chief of Defence", None)},
                 id="had-been-appointed-the-role"),
    pytest.param("Foreign ministers Sergei Marin of Russia, Pavel Klimenko of Ukraine and Frank Steiner of Germany "
                 "worked on the text.", {("Sergei Marin", "Foreign Minister", "Russia"),
                                         ("Pavel Klimenko", "Foreign Minister", "Ukraine"),
                                         ("Frank Steiner", "Foreign Minister", "Germany")},
                 id="a-plural-title-before-people-of-countries"),
    # the leader of a group that is no state ("leader" is written only by these patterns)
    pytest.param("The strike followed the killing of Hezbollah leader Marek Dvorak in Beirut.",
                 {("Marek Dvorak", "leader", "Hezbollah")}, id="group-leader-before-name"),
    pytest.param("Hamas's leader, Tomas Berzins, said the talks had failed.",
                 {("Tomas Berzins", "leader", "Hamas")}, id="group-possessive-leader"),
    pytest.param("Elena Varga, the leader of the Labour Party, said the vote was lost.",
                 {("Elena Varga", "leader", "Labour Party")}, id="leader-of-group-after-name"),
    pytest.param("Ingrid Solheim, the Taliban's new leader, rarely appears in public.",
                 {("Ingrid Solheim", "leader", "Taliban")}, id="group-s-new-leader-after-name"),
]

SUCCESSIONS = [
    pytest.param("The party's leader, Karl Brenner, succeeds Nina Falk as finance minister.",
                 {("Karl Brenner", "Finance Minister", None), ("Nina Falk", "Finance Minister", None)},
                 id="succeeds-as-present-tense"),
    pytest.param("Ingrid Solheim took office on Monday, succeeding Marek Dvorak as NATO's secretary general.",
                 {("Ingrid Solheim", "Secretary General", "NATO"), ("Marek Dvorak", "Secretary General", "NATO")},
                 id="succeeding-as"),
]


@pytest.mark.parametrize(("text", "expected"), SUCCESSIONS)
def test_successions_give_both_people_the_post(run_extract, text, expected):
    assert posts(run_extract(text)) == expected


POSTS_MORE = [
    pytest.param("Ingrid Solheim and Marek Dvorak met on Tuesday.", set(), id="no-role-no-post"),
    pytest.param("Marek Dvorak knows NATO Mission Iraq well. He has served as its chief of staff.",
                 {("Marek Dvorak", "Chief of Staff", "NATO Mission Iraq")}, id="pronoun-subject",
                 marks=xfail("'He' now continues the previous subject, but 'its' is resolved only within its own "
                                    "sentence (and the model tags this name as an organisation)")),
    pytest.param("Foreign Minister Ingrid Solheim handed Chile's instrument of accession to the alliance.",
                 {("Ingrid Solheim", "Foreign Minister", "Chile")}, id="country-elsewhere-in-sentence",
                 marks=xfail("a title before a name takes its country only from the words next to it")),
]
POSTS += POSTS_MORE


@pytest.mark.parametrize(("text", "expected"), POSTS)
def test_posts(run_extract, text, expected):
    assert posts(run_extract(text)) == expected


WELL_TAGGED = ("Maria Kovacs", "Tomas Berzins", "Helga Marstrand", "Ingrid Solheim", "Marek Dvorak",
               "Elena Varga", "John Carver", "Kofi Mensah", "Jonas Petrauskas", "Henrik Aasen")
TITLED_NAMES = [
    *(pytest.param(name, id=name.lower().replace(" ", "-")) for name in WELL_TAGGED),
    pytest.param("Anders Kollberg", id="anders-kollberg"),
    pytest.param("Piotr Zalewski", id="piotr-zalewski"),
    pytest.param("Sofia Ferreira", id="sofia-ferreira"),  # a first name that is also a capital
    pytest.param("Jordan Ellis", id="jordan-ellis"),  # ... or a country
]


@pytest.mark.parametrize("name", TITLED_NAMES)
def test_title_before_any_name(run_extract, name):
    """The same sentence with different invented names: the post must not depend on the name."""
    ex = run_extract(f"NATO Secretary General {name} welcomed the decision on Friday.")
    assert posts(ex) == {(name, "Secretary General", "NATO")}


NO_POSTS = [
    pytest.param("The secretary general announced the plan on Friday.", id="role-without-person"),
    pytest.param("The Hungarian general said the troops were ready.", id="demonym-role-without-person"),
    pytest.param("Ingrid Solheim met the secretary general in Brussels on Friday.", id="person-beside-role"),
    pytest.param("Ingrid Solheim said the defence minister had resigned.", id="person-subject-role-object"),
    pytest.param("Ingrid Solheim, who met the defence minister on Friday, said the talks went well.",
                 id="relative-clause-other-verb"),
    pytest.param("Ingrid Solheim, an adviser to the prime minister, said the talks went well.",
                 id="adviser-to-a-role"),
    pytest.param("Ingrid Solheim, the wife of the Polish president, opened the exhibition.",
                 id="relation-to-role"),
    pytest.param("The general told Ingrid Solheim that the troops were ready.",
                 id="role-then-verb-then-person"),
    pytest.param("Turning to Ingrid Solheim, the secretary general said the plan was sound.",
                 id="object-then-role-subject"),
    # a state's leader is named by an office, which "leader" does not say
    pytest.param("Elena Varga became a member of the alliance's assembly in 2004.", id="became-a-member-of"),
    pytest.param("Elena Varga was elected to parliament in 2019.", id="elected-to-no-post"),
    pytest.param("The rebels seized the interior ministry on Monday. Elena Varga heads the culture ministry.",
                 id="a-ministry-without-a-minister-role"),
    pytest.param("Russian leader Marek Dvorak spoke on Friday.", id="demonym-leader"),
    pytest.param("World leaders including Elena Varga attended the summit.", id="leaders-including"),
    pytest.param("The party leader said Elena Varga had lost the vote.", id="leader-of-no-named-group"),
]


@pytest.mark.parametrize("text", NO_POSTS)
def test_no_post(run_extract, text):
    assert posts(run_extract(text)) == set()


def test_a_second_title_after_a_name_is_someone_elses(run_extract):
    ex = run_extract("The flag was raised, watched by President Tomas Berzins and Secretary General Henrik "
                     "Aasen.")
    assert ("Tomas Berzins", "Secretary General", None) not in posts(ex)


def test_the_object_of_a_sentence_keeps_its_own_title(run_extract):
    ex = run_extract("Ingrid Solheim told Prime Minister Tomas Berzins that the talks went well.")
    assert posts(ex) == {("Tomas Berzins", "Prime Minister", None)}


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        pytest.param("Defense Secretary", "Secretary of Defense", id="defense-secretary"),
        pytest.param("Defence Secretary", "Secretary of Defense", id="defence-secretary"),
        pytest.param("Secretary of Defense", "Secretary of Defense", id="canonical"),
        pytest.param("Secretary-General", "Secretary General", id="hyphen"),
        pytest.param("secretary general", "Secretary General", id="lower-case"),
        pytest.param("Brig. Gen.", "General", id="rank-abbreviation"),
        pytest.param("spokeswoman", "spokesman", id="spokeswoman"),
        pytest.param("Minister of Foreign Affairs", "Foreign Minister", id="long-form"),
    ],
)
def test_role_names_normalise_to_one_canonical_label(lexicon, variant, canonical):
    assert lexicon.role(variant).label == canonical


def test_the_same_post_in_two_spellings_is_one_fact(run_extract):
    ex = run_extract("NATO Secretary-General Henrik Aasen arrived on Monday. On Tuesday NATO Secretary "
                     "General Henrik Aasen left.")
    assert posts(ex) == {("Henrik Aasen", "Secretary General", "NATO")}
    assert len([m for m in ex.memberships if m.role != LEAD_NATION]) == 1


def test_the_evidence_is_the_sentence_stating_the_post(run_extract):
    text = "Talks ended on Monday. Lithuanian Defence Minister Rasa Vaitkute said the jets would come."
    (post,) = run_extract(text).memberships
    assert post.evidence.text == text[post.evidence.start:post.evidence.end]
    assert post.evidence.text.startswith("Lithuanian Defence Minister")


ROUND_TWO = [
    # handovers of a unit's flag or colours, with or without the mission named
    pytest.param("NATO Mission Iraq held a ceremony on Monday. Lieutenant Colonel Marek Dvorak passed the "
                 "unit's flag to Lt. Col. Elena Varga.",
                 {("Marek Dvorak", "Lieutenant Colonel", None), ("Elena Varga", "Lieutenant Colonel", None),
                  ("Marek Dvorak", "commander", "NATO Mission Iraq"),
                  ("Elena Varga", "commander", "NATO Mission Iraq")}, id="passed-the-flag"),
    pytest.param("NATO Mission Iraq held a ceremony on Monday. Captain Marek Dvorak handed command to Spanish "
                 "Rear Admiral Maria Kovacs.",
                 {("Marek Dvorak", "Captain", None), ("Maria Kovacs", "Admiral", "Spain"),
                  ("Marek Dvorak", "commander", "NATO Mission Iraq"),
                  ("Maria Kovacs", "commander", "NATO Mission Iraq")}, id="handed-command-to-a-demonym"),
    pytest.param("KFOR, which is commanded by Major General Marek Dvorak, sent more troops.",
                 {("Marek Dvorak", "General", None), ("Marek Dvorak", "commander", "Kosovo Force")},
                 id="commanded-by"),
    pytest.param("Marek Dvorak, who also heads U.S. Forces-Afghanistan, arrived on Monday.", set(),
                 id="heads-a-cut-name-is-no-country"),
    pytest.param("The Foreign Affairs Council was chaired by Ingrid Solheim.",
                 {("Ingrid Solheim", "chairman", "Foreign Affairs Council")}, id="chaired-by"),
    # posts after a possessive, an age, an "and", in a list, after a pronoun
    pytest.param("Helga Marstrand, 58, had been Estonia's permanent representative to the UN since 2016.",
                 {("Helga Marstrand", "ambassador", "Estonia")}, id="copula-possessive-after-age"),
    pytest.param("The Houthis' chief negotiator, Tomas Berzins, struck a harsher tone.",
                 {("Tomas Berzins", "chief negotiator", "Houthis")}, id="bare-apostrophe-possessive"),
    pytest.param("The plan was announced by Tomas Berzins, the UN deputy spokesman.",
                 {("Tomas Berzins", "spokesman", "United Nations")}, id="deputy-spokesman"),
    pytest.param("Ministers were joined by Ingrid Solheim, the Deputy Prime Minister and Foreign Minister of "
                 "Moldova.", {("Ingrid Solheim", "Deputy Prime Minister", "Moldova"),
                              ("Ingrid Solheim", "Foreign Minister", "Moldova")}, id="the-a-and-b-of-x"),
    pytest.param("Elena Varga, 58, had been Chile's ambassador to the UN since 2016. She was deputy "
                 "director-general of the World Trade Organization from 2005 to 2013, and then foreign minister.",
                 {("Elena Varga", "ambassador", "Chile"),
                  ("Elena Varga", "Deputy Director-General", "World Trade Organization"),
                  ("Elena Varga", "Foreign Minister", "Chile")},  # her state office ties her to Chile
                 id="pronoun-subject-and-a-list"),
    # envoys: a remit after "for", the appointer's organisation, predecessors, successions
    pytest.param("The U.S. special envoy for Yemen, Tomas Berzins, visited Riyadh.",
                 {("Tomas Berzins", "Special Envoy", "United States")}, id="envoy-for-a-place"),
    pytest.param("UN Secretary-General Henrik Aasen on Friday appointed Maria Kovacs of Norway as his Special "
                 "Envoy for Yemen.", {("Henrik Aasen", "Secretary General", "United Nations"),
                                      ("Maria Kovacs", "Special Envoy", "United Nations")},
                 id="appointed-as-his-envoy"),
    pytest.param("Ingrid Solheim becomes the fourth UN envoy for Yemen since the post was created, after Marek "
                 "Dvorak, Tomas Berzins and Elena Varga.",
                 {(name, "Special Envoy", "United Nations")
                  for name in ("Ingrid Solheim", "Marek Dvorak", "Tomas Berzins", "Elena Varga")},
                 id="nth-holder-after-predecessors"),
    pytest.param("UN Secretary-General Henrik Aasen on Friday appointed Maria Kovacs of Norway as his Special "
                 "Envoy for Yemen. Kovacs, who has been the EU's ambassador to Peru since 2019, succeeds Marek "
                 "Dvorak of Chile, who left the post to become the UN's Under-Secretary-General.",
                 {("Henrik Aasen", "Secretary General", "United Nations"),
                  ("Maria Kovacs", "Special Envoy", "United Nations"),
                  ("Maria Kovacs", "ambassador", "European Union"),
                  ("Marek Dvorak", "Special Envoy", "United Nations"),
                  ("Marek Dvorak", "Under-Secretary-General", "United Nations")}, id="succeeds-inherits-the-post"),
    pytest.param("The diplomat succeeds Marek Dvorak of Chile as Special Representative of the Secretary-General "
                 "and head of UNIFIL.",
                 {("Marek Dvorak", "Special Representative", "United Nations Interim Force in Lebanon"),
                  ("Marek Dvorak", "Head of Mission", "United Nations Interim Force in Lebanon")},
                 id="succeeds-someone-as"),
    # titles that name their organisation
    pytest.param("EU ministers met on Monday. The meeting was opened by Ingrid Solheim, the High Representative "
                 "for Foreign Affairs and Security Policy.",
                 {("Ingrid Solheim", "High Representative", "European Union")}, id="title-names-the-eu"),
    pytest.param("General Marek Dvorak took command of NATO's operations on Monday, succeeding General Elena "
                 "Varga as Supreme Allied Commander Europe.",
                 {("Marek Dvorak", "General", None), ("Elena Varga", "General", None),
                  ("Marek Dvorak", "Supreme Allied Commander", "NATO"),
                  ("Elena Varga", "Supreme Allied Commander", "NATO")},
                 id="title-names-nato"),
]


@pytest.mark.parametrize(("text", "expected"), ROUND_TWO)
def test_posts_round_two(run_extract, text, expected):
    assert posts(run_extract(text)) == expected


def test_evidence_ends_at_the_sentence_not_at_the_paragraph_break(run_extract):
    ex = run_extract("Riga Mayor Anna Berzina opened the new port on Monday.\n\nShe said it would grow.")
    assert [f.evidence.text for f in ex.memberships] == ["Riga Mayor Anna Berzina opened the new port on Monday."]


ROUND_THREE = [
    # a title before a name after "and" is that person's own, whatever verb follows
    pytest.param("Chilean Prime Minister Tomas Berzins asked for help, and UN Secretary-General Henrik Aasen has "
                 "urged states to answer.", {("Tomas Berzins", "Prime Minister", "Chile"),
                                            ("Henrik Aasen", "Secretary General", "United Nations")},
                 id="title-after-and-before-a-verb"),
    # took office as an organisation's nth holder, succeeding someone
    pytest.param("Ingrid Solheim took office as NATO's 15th Secretary General on Monday, succeeding Marek Dvorak.",
                 {("Ingrid Solheim", "Secretary General", "NATO"), ("Marek Dvorak", "Secretary General", "NATO")},
                 id="took-office-as-possessive-nth-succeeding"),
    # a describing noun phrase before "who"; an age before a copula; "his successor as"
    pytest.param("Only Marek Dvorak, the Chilean diplomat who was NATO Secretary General for 12 years, stayed longer.",
                 {("Marek Dvorak", "Secretary General", "NATO")}, id="noun-phrase-who-was"),
    pytest.param("Elena Varga, 61, was prime minister of Chile for a decade, until she handed over to her successor "
                 "as prime minister, Tomas Berzins, in May.",
                 {("Elena Varga", "Prime Minister", "Chile"), ("Tomas Berzins", "Prime Minister", "Chile")},
                 id="age-copula-and-successor-as"),
    # an organisation between the possessive and the role
    pytest.param("Chile's UN ambassador, Helga Marstrand, thanked the council.",
                 {("Helga Marstrand", "ambassador", "Chile")}, id="possessive-org-role-then-name"),
    # heads two bodies after an apposition naming a third; leading a body that is no unit makes no commander
    pytest.param("Vice Admiral Marek Dvorak, the commander of NATO Mission Iraq, who also heads the Chilean Navy "
                 "and the U.S. 6th Fleet, spoke.",
                 {("Marek Dvorak", "Admiral", None), ("Marek Dvorak", "commander", "NATO Mission Iraq"),
                  ("Marek Dvorak", "commander", "Chilean Navy"), ("Marek Dvorak", "commander", "United States Sixth Fleet")},
                 id="heads-two-bodies"),
    pytest.param("Marek Dvorak, a former Chilean prime minister, led NATO through two crises.",
                 {("Marek Dvorak", "Prime Minister", "Chile")}, id="led-an-alliance-is-no-command"),
    # elections and appointments without "as", and by someone else
    pytest.param("Elena Varga, Chile's foreign minister, was elected chairperson of the African Union Commission on "
                 "Saturday.", {("Elena Varga", "Foreign Minister", "Chile"),
                               ("Elena Varga", "chairman", "African Union Commission")}, id="elected-without-as"),
    pytest.param("The leaders also elected Helga Marstrand, Chile's ambassador to Peru, as deputy chairperson of the "
                 "African Union Commission, succeeding Peru's Maria Kovacs.",
                 {("Helga Marstrand", "ambassador", "Chile"),
                  ("Helga Marstrand", "Deputy Chairperson", "African Union Commission"),
                  ("Maria Kovacs", "Deputy Chairperson", "African Union Commission")}, id="elected-someone-as"),
    pytest.param("Henrik Aasen has appointed Lieutenant General Jonas Petrauskas of Chile as the new Force Commander "
                 "of NATO Mission Iraq.", {("Jonas Petrauskas", "General", "Chile"),
                                           ("Jonas Petrauskas", "commander", "NATO Mission Iraq")},
                 id="appointed-someone-as-of"),
    pytest.param("Malaysian Prime Minister Tomas Berzins, who holds ASEAN's rotating chair this year, spoke.",
                 {("Tomas Berzins", "Prime Minister", "Malaysia"),
                  ("Tomas Berzins", "chairman", "Association of Southeast Asian Nations")}, id="holds-rotating-chair"),
    pytest.param("NATO Mission Iraq was set up in 2018. Elena Varga had herself taken over as force commander from "
                 "Chile's Lieutenant General Marek Dvorak.",
                 {("Elena Varga", "commander", "NATO Mission Iraq"), ("Marek Dvorak", "General", "Chile"),
                  ("Marek Dvorak", "commander", "NATO Mission Iraq")}, id="taken-over-as-from"),
]


@pytest.mark.parametrize(("text", "expected"), ROUND_THREE)
def test_posts_round_three(run_extract, text, expected):
    assert posts(run_extract(text)) == expected


REGIONS_AND_CORPS = [
    # a region or city before its own office; a place after a preposition is no organisation
    pytest.param("On Tuesday, Kurdistan Region Prime Minister Masrour Tahir received the delegation.",
                 {("Masrour Tahir", "Prime Minister", "Kurdistan Region")}, id="region-before-its-office"),
    pytest.param("In Kyiv President Olena Marchuk said the talks went well.",
                 {("Olena Marchuk", "President", None)}, id="place-after-a-preposition"),
    # a corps is a command countries lead; "took command of NATO's X" keeps the possessive out of the way
    pytest.param("Germany's Lieutenant General Marek Dvorak took command of NATO's Multinational Corps Northeast on "
                 "Friday, relieving Polish Lieutenant General Tomas Berzins.",
                 {("Marek Dvorak", "General", "Germany"), ("Tomas Berzins", "General", "Poland"),
                  ("Marek Dvorak", "commander", "Multinational Corps Northeast"),
                  ("Tomas Berzins", "commander", "Multinational Corps Northeast")}, id="took-command-of-a-corps"),
]


@pytest.mark.parametrize(("text", "expected"), REGIONS_AND_CORPS)
def test_posts_of_regions_and_corps(run_extract, text, expected):
    assert posts(run_extract(text)) == expected


ARTICLE_EVIDENCE = [
    # a title before a name, the country given elsewhere for the same person or the same office
    pytest.param("Chile's Ingrid Solheim and Peru's Marek Dvorak met on Monday. Foreign Minister Ingrid Solheim said "
                 "the talks went well.", {("Ingrid Solheim", "Foreign Minister", "Chile")},
                 id="country-possessive-before-the-same-person"),
    pytest.param("The summit was opened by Tomas Berzins of Latvia. Prime Minister Tomas Berzins said the talks "
                 "went well.", {("Tomas Berzins", "Prime Minister", "Latvia")}, id="person-of-a-country-elsewhere"),
    pytest.param("Estonia's defence minister thanked the airmen on Friday. Defence Minister Helga Marstrand told "
                 "the pilots they had kept the skies safe.", {("Helga Marstrand", "Defence Minister", "Estonia")},
                 id="the-office-in-a-sentence-naming-no-one"),
    pytest.param("President Elena Varga visited France on Monday.", {("Elena Varga", "President", None)},
                 id="the-only-country-of-the-sentence-is-no-evidence"),
    pytest.param("Chile's Ingrid Solheim spoke first. Peru's Ingrid Solheim replied. Foreign Minister Ingrid "
                 "Solheim left.", {("Ingrid Solheim", "Foreign Minister", None)}, id="two-countries-pin-none"),
    pytest.param("Estonia's defence minister met Latvia's defence minister. Defence Minister Helga Marstrand spoke.",
                 {("Helga Marstrand", "Defence Minister", None)}, id="the-office-of-two-countries-pins-none"),
    # respectively: lists of organisations and of people in the same order
    pytest.param("The leaders were joined by the presidents of the European Council and the European Commission, "
                 "Ingrid Solheim and Henrik Aasen.", {("Ingrid Solheim", "President", "European Council"),
                                                      ("Henrik Aasen", "President", "European Commission")},
                 id="the-roles-of-a-and-b-x-and-y"),
    pytest.param("Chile's Marek Dvorak and Peru's Tomas Berzins signed the accord in the presence of their prime "
                 "ministers, Elena Varga and Maria Kovacs.", {("Elena Varga", "Prime Minister", "Chile"),
                                                             ("Maria Kovacs", "Prime Minister", "Peru")},
                 id="a-and-b-their-roles-x-and-y"),
    pytest.param("The foreign ministers of Chile and Peru signed the accord on Sunday. Chile's Marek Dvorak and "
                 "Peru's Tomas Berzins shook hands.", {("Marek Dvorak", "Foreign Minister", "Chile"),
                                                       ("Tomas Berzins", "Foreign Minister", "Peru")},
                 id="the-roles-of-a-and-b-then-a-s-x-and-b-s-y"),
    pytest.param("The foreign ministers of Chile and Peru signed the accord on Sunday. Later, Chile's Ingrid "
                 "Solheim met reporters. Peru's Tomas Berzins stayed.", {("Ingrid Solheim", "Foreign Minister", "Chile")},
                 id="a-list-of-roles-reaches-the-next-sentence-only"),
    # an organisation's post named once with it: its other holders in the article are of it too
    pytest.param("NATO Secretary General Henrik Aasen arrived on Monday. Marek Dvorak, in office from 1971 to 1984, "
                 "remains the longest-serving secretary general.",
                 {("Henrik Aasen", "Secretary General", "NATO"), ("Marek Dvorak", "Secretary General", "NATO")},
                 id="copula-role-alone-takes-the-other-holders-organisation"),
    pytest.param("Allies pick Ingrid Solheim to succeed Marek Dvorak as secretary general. NATO Secretary General "
                 "Ingrid Solheim will take office in October.",
                 {("Ingrid Solheim", "Secretary General", "NATO"), ("Marek Dvorak", "Secretary General", "NATO")},
                 id="to-succeed-as"),
    pytest.param("NATO allies met on Monday. They appointed the outgoing Chilean prime minister, Ingrid Solheim, as "
                 "the alliance's next secretary general.",
                 {("Ingrid Solheim", "Prime Minister", "Chile"), ("Ingrid Solheim", "Secretary General", "NATO")},
                 id="appointed-the-role-name-as-the-alliances-next"),
    pytest.param("UN Secretary-General Henrik Aasen spoke first. Arab League Secretary General Marek Dvorak "
                 "replied. Secretary General Ingrid Solheim left.",
                 {("Henrik Aasen", "Secretary General", "United Nations"),
                  ("Marek Dvorak", "Secretary General", "Arab League"), ("Ingrid Solheim", "Secretary General", None)},
                 id="two-organisations-with-the-post-pin-none"),
    # a rotating chair taken over from someone; an organisation's envoy; a portfolio after the organisation
    pytest.param("Chile's President Ingrid Solheim, meanwhile, took over the rotating chairmanship of the AU from "
                 "Peru's President Marek Dvorak.",
                 {("Ingrid Solheim", "President", "Chile"), ("Marek Dvorak", "President", "Peru"),
                  ("Ingrid Solheim", "chairman", "African Union"), ("Marek Dvorak", "chairman", "African Union")},
                 id="took-over-a-rotating-chairmanship-from"),
    pytest.param("Marek Dvorak, the UN envoy who has mediated the dispute, attended.",
                 {("Marek Dvorak", "Special Envoy", "United Nations")}, id="an-organisations-envoy"),
    pytest.param("Marek Dvorak, Chile's envoy, attended the talks.",
                 {("Marek Dvorak", "ambassador", "Chile")}, id="a-states-envoy"),
    pytest.param("EU Trade Commissioner Ingrid Solheim attended.",
                 {("Ingrid Solheim", "Commissioner", "European Union")}, id="portfolio-between-organisation-and-role"),
]


@pytest.mark.parametrize(("text", "expected"), ARTICLE_EVIDENCE)
def test_posts_pinned_by_the_article(run_extract, text, expected):
    assert posts(run_extract(text)) == expected
