"""Ingest: raw scraped text -> Article (cleaned text, metadata, dateline, offsets), and manifests."""

from __future__ import annotations

import json
from datetime import date

import pytest

from kg.errors import InputError
from kg.extract import extract
from kg.ingest import clean_article
from kg.ingest.manifest import ManifestRecord, find_manifests, load_manifest
from kg.ingest.metadata import find_dateline
from kg.ingest.read import make_raw

HEADLINE = "Baltic ministers extend air training mission"
P1 = ("VILNIUS – Defence ministers from the three Baltic states agreed on Thursday to extend the air "
      "training mission for another two years, officials said.")
P2 = "The ministers said the mission had trained more than four hundred pilots since it began in 2019."
P3 = "The next phase of the programme will begin in the spring, according to a statement from the ministry."


def clean(*lines: str, record: ManifestRecord | None = None):
    return clean_article(make_raw("a.txt", "\n".join(lines) + "\n"), record)


def story_with(*block: str):
    """The three story paragraphs with ``block`` between the second and the third."""
    return clean(HEADLINE, "May 16, 2022", P1, P2, *block, P3)


# --- boilerplate ----------------------------------------------------------------------------

BOILERPLATE = [
    pytest.param(["Share this article", "Share on Facebook", "Share on X", "Email", "Print"],
                 id="share-widget"),
    pytest.param(["Home | World | Europe | Politics | Defence"], id="nav-bar-pipes"),
    pytest.param(["News › Europe › Baltics"], id="breadcrumb"),
    pytest.param(["[ Politics ]  [ Economy ]  [ Berlin ]  [ Culture ]  [ About us ]"], id="nav-bar-brackets"),
    pytest.param(["☰ Sections Epidemics | Policy | Funding | Science | Data | Jobs board Search Sign in"],
                 id="nav-bar-running-into-buttons"),
    pytest.param(["عربي | Français"], id="language-switcher"),
    pytest.param(["This article is more than 1 year old"], id="article-age-notice"),
    pytest.param(["☰ Menu    Local    Business    World    Sport    Wires    E-paper          Valletta 17°C ☀"],
                 id="menu-button-bar"),
    pytest.param(["Sunday 7 Rabi al-Awwal 1439 — 26 November 2017 Riyadh 24°C · Jeddah 31°C · Dubai 29°C"],
                 id="weather-bar"),
    pytest.param(["News and analysis from the Baltic [ EST ] [ РУС ] [ ENG ]"], id="ends-on-language-links"),
    pytest.param(["Skip to main content | Skip to navigation"], id="skip-links"),
    pytest.param(["Text: Mathilde Rouvier | Photos: Jean-Baptiste Ollier"], id="text-and-photo-credits"),
    pytest.param(["▶ Listen to this article  (5 min 12 sec)"], id="listen-button"),
    pytest.param(["ELSEWHERE ON THE COURIER", "» World Cup: Spain edge Paraguay to set up semi-final",
                  "» Photo essay: Fourth of July at the air base"], id="caps-heading-over-a-list"),
    pytest.param(["LATEST WIRES", "• Japan: radiation in seawater near the plant rises again",
                  "• Cricket: India to face Sri Lanka in the final"], id="latest-wires"),
    pytest.param(["MOST COMMENTED", "1. City complete historic domestic treble with cup rout",
                  "2. Huawei: what the Android ban means for your phone"], id="most-commented"),
    pytest.param(["POLL: Who should be the next party leader?",
                  "( ) Jane Doe   ( ) John Roe   ( ) Ana Diaz   ( ) Li Wei", "[ Vote ]   [ See results ]"],
                 id="poll"),
    pytest.param(["The Northern Courier is part of Moorland Media Group. © 2019. Privacy | Cookies | Contact us"],
                 id="copyright-inside-a-footer"),
    pytest.param(["About the author: Ana Diaz covers the courts. She previously worked at the tribunal."],
                 id="about-the-author"),
    pytest.param(["Jane Doe says:", "July 13, 2015 at 10:19 pm"], id="comment-author"),
    pytest.param(["► ALSO ON PGR | Catalonia: the regional leader suspends the declaration"], id="also-on-site"),
    pytest.param(["BRENT 62.43 ▲1.3% GOLD 1,818.20 ▼0.3% EUR/USD 1.2129 ▲0.1% DOW 31,458.40 ▲0.1%"],
                 id="market-ticker"),
    pytest.param(["We use cookies to improve your experience. By continuing to browse, you agree to our "
                  "use of cookies."], id="cookie-banner"),
    pytest.param(["This website uses cookies. Accept all | Manage settings"], id="cookie-buttons"),
    pytest.param(["Advertisement"], id="advertisement"),
    pytest.param(["ADVERTISEMENT"], id="advertisement-caps"),
    pytest.param(["Sign up for our daily newsletter to get the top stories in your inbox."], id="newsletter"),
    pytest.param(["Pilots at the base. (Photo credit: REUTERS)"], id="photo-credit"),
    pytest.param(["-----"], id="separator"),
    pytest.param(["Support independent journalism. Subscribe today for just $5 a month.",
                  "• Unlimited access", "• No ads on any page", "Thank you,", "Marta Example, Publisher"],
                  id="appeal-bullets-signature"),
    pytest.param(["Dear Reader,", "As you know, we rely on your support to keep our reporting free for "
                  "everyone. Our journalists work around the clock.", "Thank you,", "The Editors"],
                  id="dear-reader-appeal"),
    pytest.param(["Related", "Estonia buys new radar systems", "Latvia hosts naval exercise",
                  "Finland joins training talks..."], id="related-teaser-mid-article"),
    pytest.param(["Related coverage:", "• Estonia buys new radar systems", "• Latvia hosts naval exercise"],
                 id="related-bullets"),
    pytest.param(["Read more", "Estonia buys new radar systems", "March 3, 2022"], id="read-more-dated"),
    pytest.param(["Most popular", "1. Storm closes ports along the coast", "2. Prices rise again"],
                 id="most-popular-numbered"),
    pytest.param(["MOST POPULAR", "Storm closes ports along the coast", "Prices rise again in December"],
                 id="most-popular-caps"),
    pytest.param(["Read more: Estonia buys new radar systems"], id="read-more-inline"),
    pytest.param(["Facebook Twitter LinkedIn WhatsApp Email"], id="share-row-of-network-names"),
    pytest.param(["* * *"], id="spaced-separator"),
    pytest.param(["Also read: Estonia buys new radar systems"],
                 id="also-read-inline"),
    pytest.param(["ALSO READ", "Estonia buys new radar systems"],
                 id="also-read-heading"),
    pytest.param(["Follow us on Twitter and Facebook"], id="follow-us"),
    pytest.param(["Photo: AFP/Getty Images"], id="photo-colon-credit"),
    pytest.param(["Listen to this article"], id="listen-widget"),
    pytest.param(["Updated 2 hours ago"], id="relative-timestamp"),
    pytest.param(["Comments (12)"], id="comment-count"),
    pytest.param(["Also on The Courier: Minister meets envoy in Tallinn | Navy drills in the Gulf"],
                 id="also-on-site-teaser-line"),
    pytest.param(["More from Baltic News: Estonia buys new radar systems"], id="more-from-site-teaser-line"),
    pytest.param(["Menu   Search   Sign in"], id="site-menu-words"),
    pytest.param(["Trending: Minister resigns over radar deal · Storm closes ports"], id="trending-line"),
    pytest.param(["Related: Estonia buys new radar systems · Latvia hosts naval exercise"], id="related-inline"),
    pytest.param(["A+ A-"], id="text-size-buttons"),
    pytest.param(["Follow The Courier on Twitter and LinkedIn"], id="follow-site-on-platforms"),
    pytest.param(["Share this article   f   t   in   ✉"], id="share-with-icon-letters"),
    pytest.param(["MORE IN DEFENCE & SECURITY", "• Minister opens radar station", "• Navy drills in the Gulf"],
                 id="more-in-section-heading"),
    pytest.param(["Get the Courier Daily free for 30 days. Cancel anytime.", "[Start trial]"], id="trial-pitch"),
    pytest.param(["ALSO READ | Minister resigns over radar deal"], id="also-read-with-a-bar"),
    pytest.param(["THE BALTIC BRIEFING", "The region's biggest stories, every weekday morning. \"Journalism that goes "
                  "where others don't.\" - Ilse Brandt, Editor", "[Subscribe]"], id="newsletter-pitch-over-a-button"),
    pytest.param(["Share ▸ Facebook ▸ X ▸ LINE ▸ Email"], id="share-with-triangles"),
    pytest.param(["Share this Story: Share On Facebook Share On Twitter"], id="share-this-story-share-on"),
    pytest.param(["(Reporting by Ilse Brandt; Editing by Jonas Arvidsen)"], id="wire-reporting-footer"),
    pytest.param(["Reporting by Ilse Brandt in Riga; additional reporting by Petra Holmqvist; Editing by Jonas Arvidsen"],
                 id="wire-reporting-footer-bare"),
    pytest.param(["Our Standards: The Example Trust Principles."], id="wire-standards-line"),
    pytest.param(["© Baltic Wire 2023"], id="copyright-sign"),
    pytest.param(["Copyright 2023 Baltic Wire"], id="copyright-year"),
    pytest.param(["Skip to main content"], id="skip-link"),
    pytest.param(["Advertisement · Scroll to continue"], id="scroll-to-continue"),
    pytest.param(["Watch: Minister visits the air base"], id="video-teaser"),
    pytest.param(["Get the latest news delivered to your inbox every morning."], id="inbox-appeal"),
    pytest.param(["READ NEXT", "• Minister opens new radar station", "• Navy drills in the Gulf"],
                 id="read-next-heading"),
    pytest.param(["DEFENCE INSIDER", "Our editor on the week in defence. Every Friday in your inbox. [Sign up]",
                  "Related", "Minister opens a new radar station in the far north of the country after years of delays",
                  "Navy drills in the Gulf"], id="teaser-heading-right-after-an-appeal"),
    pytest.param(["Sign in or create a free account to keep reading. Already a subscriber? Log in"],
                 id="sign-in-wall-without-you"),
    pytest.param(["Our reporting is free to read. Help keep it that way and become a supporter today."],
                 id="supporter-appeal-without-you"),
]


@pytest.mark.parametrize("block", BOILERPLATE)
def test_boilerplate_goes_and_the_story_around_it_stays(block):
    article = story_with(*block)
    assert [line for line in block if line in article.text] == []
    assert article.text == "\n\n".join([HEADLINE, P1, P2, P3])


def test_a_teaser_block_ends_where_the_story_resumes():
    """A story paragraph under a "Related" list is the story again, not another teaser."""
    article = clean(HEADLINE, P1, "Related", "Estonia buys new radar systems", "Latvia hosts naval exercise",
                    P2, "Latvia hosts naval exercise", P3)
    assert article.text.split("\n\n") == [HEADLINE, P1, P2, "Latvia hosts naval exercise", P3]


def test_an_appeal_block_ends_at_the_next_long_paragraph():
    article = clean(HEADLINE, P1, "Dear Reader,", "Thank you,", "The Editors", P2)
    assert article.text.split("\n\n") == [HEADLINE, P1, P2]


STORY_SENTENCES = [
    pytest.param("Print and broadcast journalists were barred from the meeting on Thursday.",
                 id="starts-print"),
    pytest.param("Related talks on air defence will take place in Tallinn next month, the ministry said.",
                 id="starts-related"),
    pytest.param("“We will not leave you alone,” the minister told the pilots at the base.",
                 id="you-we-in-quote"),
    pytest.param("Shares in the Lithuanian drone maker rose by a tenth on Friday.", id="starts-shares"),
    pytest.param("Share prices of European arms makers rose sharply after the announcement on Thursday.",
                 id="starts-share-prices"),
    pytest.param("Breaking news of the agreement reached the capital late on Thursday, officials said.",
                 id="starts-breaking-news"),
    pytest.param("Latest figures show the mission has cost about €40 million a year.",
                 id="short-sentence-with-money"),
    pytest.param("Each pilot costs the programme $2 million to train, officials said.",
                 id="dollar-amount"),
    pytest.param("Subscribers to the treaty include all three Baltic states, which signed it in 2004.",
                 id="subscribers-to-a-treaty"),
    pytest.param("Sweden's membership bid was backed by Hungary on Monday, our correspondent in Budapest "
                 "reports.",
                 id="membership-and-our"),
    pytest.param("Register of arms exports shows the three states bought 12 jets last year.",
                 id="starts-register"),
    pytest.param("Newsletter editors at the ministry had leaked the plan, the minister said.",
                 id="newsletter-word"),
    pytest.param("The two ministers will sign in Riga on Tuesday a deal to keep reading rooms open.",
                 id="sign-in-a-city"),
    pytest.param("Reporting by the Baltic Wire showed the troops had left the base, officials said.",
                 id="starts-reporting-by"),
    pytest.param("Video footage showed the strike on Monday, the ministry said.", id="starts-video"),
    pytest.param("Copyright disputes were also discussed at the meeting in Riga.", id="starts-copyright"),
    pytest.param("Published on Friday, the report said that 2023 was the warmest year on record.",
                 id="starts-published-with-a-year"),
    pytest.param("Follow the money on Twitter, the minister said of the scheme.", id="starts-follow"),
]


@pytest.mark.parametrize("sentence", STORY_SENTENCES)
def test_story_sentences_that_look_like_chrome_are_kept(sentence):
    article = story_with(sentence)
    assert sentence in article.text
    assert P3 in article.text


def test_a_repeated_paragraph_is_kept_once():
    article = clean(HEADLINE, P1, P2, P3, P2)
    assert article.text.count(P2) == 1
    assert article.text.split("\n\n") == [HEADLINE, P1, P2, P3]


def test_hard_wrapped_lines_are_joined_into_one_paragraph():
    wrapped = P1.replace(" the air training", " the air\ntraining")
    assert wrapped.split("\n")[1].startswith("training")
    article = clean(HEADLINE, wrapped, "", P2)
    assert article.text.split("\n\n") == [HEADLINE, P1, P2]


def test_a_line_ending_a_sentence_is_not_joined_to_the_next():
    article = clean(HEADLINE, P1, P2)
    assert P1 + "\n\n" + P2 in article.text


def test_removed_counts_the_characters_taken_out():
    article = story_with("Advertisement", "Share this article")
    assert article.removed > len("Advertisement") + len("Share this article")


# --- header metadata ------------------------------------------------------------------------

MASTHEAD = ["THE NORTHERN COURIER", "Home | World | Politics | Defence"]


@pytest.mark.parametrize(
    ("line", "published"),
    [
        pytest.param("February 15, 2018 14:05", date(2018, 2, 15), id="month-day-year-time"),
        pytest.param("Saturday, 16 October 2021 · 09:40 CET", date(2021, 10, 16),
                     id="weekday-day-month-year-zone"),
        pytest.param("17.12.2022", date(2022, 12, 17), id="dotted"),
        pytest.param("2021-06-18", date(2021, 6, 18), id="iso"),
        pytest.param("2022-03-21T19:47:00+01:00", date(2022, 3, 21), id="iso-8601-with-time-and-offset"),
        pytest.param("Published 2022-03-21T19:47Z", date(2022, 3, 21), id="iso-8601-utc"),
        pytest.param("Published 19/11/2021 18:02 · Updated 20/11/2021 09:15", date(2021, 11, 19),
                     id="slashed-day-first"),
        pytest.param("11/19/2021", date(2021, 11, 19), id="slashed-month-first-when-day-first-is-invalid"),
        pytest.param("11-01-2024", date(2024, 1, 11), id="dashed-day-first"),
        pytest.param("Jan. 20, 2023", date(2023, 1, 20), id="abbreviated-month"),
        pytest.param("Published: 3 March 2020", date(2020, 3, 3), id="published-prefix"),
        pytest.param("Updated March 3, 2020 at 5 p.m. EST", date(2020, 3, 3), id="updated-prefix"),
        pytest.param("Wednesday, May 18th | 17 Iyyar 5782", None, id="scrape-stamp-without-year"),
        pytest.param("July 18, 2018 / 3:47 PM / Updated 6 years ago", date(2018, 7, 18), id="slashes-and-relative-update"),
        pytest.param("Tue 25 Oct 2022 13.02 BST  Last modified on Tue 25 Oct 2022 21.40 BST", date(2022, 10, 25),
                     id="short-weekday-last-modified"),
    ],
)
@pytest.mark.parametrize("masthead", [pytest.param(MASTHEAD, id="masthead-nav"), pytest.param([], id="bare")])
def test_publication_date_and_headline(masthead, line, published):
    article = clean(*masthead, HEADLINE, line, P1, P2)
    assert article.date_published == published
    assert article.headline == HEADLINE
    assert line not in article.text
    assert article.text.startswith(HEADLINE + "\n\n" + P1[:20])


@pytest.mark.parametrize(
    "label", ["DEFENCE", "EU FOREIGN POLICY", "DEFENCE / LITHUANIA", "MIDDLE EAST"]
)
def test_a_section_label_in_capitals_is_not_the_headline(label):
    article = clean(*MASTHEAD, label, HEADLINE, "By Petra Holmqvist", "May 16, 2022", P1, P2)
    assert article.headline == HEADLINE
    assert label not in article.text


def test_a_headline_in_capitals_is_still_the_headline():
    article = clean(*MASTHEAD, HEADLINE.upper(), "May 16, 2022", P1, P2)
    assert article.headline == HEADLINE.upper()


def test_a_masthead_with_a_tagline_gives_the_publisher_and_the_headline_follows():
    article = clean("Northern Courier – Europe, security and the world", "Home | Europe | Defence | Opinion",
                    HEADLINE, "EUROPE / DEFENCE", HEADLINE, "By Petra Holmqvist | 16 May 2022, 16:20", P1, P2)
    assert (article.publisher, article.headline) == ("Northern Courier", HEADLINE)
    assert article.date_published == date(2022, 5, 16)
    assert article.text.count(HEADLINE) == 1


def test_a_headline_in_title_case_with_a_dash_is_not_a_masthead():
    headline = "Baltic Ministers Extend Air Mission – Talks Continue in Riga"
    article = clean(headline, "May 16, 2022", P1, P2)
    assert (article.headline, article.publisher) == (headline, None)


def test_a_page_title_gives_the_headline_and_the_site():
    article = clean(f"{HEADLINE} | The Northern Courier", "Home  ›  Region  ›  Baltics", P1, P2)
    assert (article.headline, article.publisher) == (HEADLINE, "The Northern Courier")


def test_a_breadcrumb_with_slashes_is_not_the_headline():
    article = clean("THE NORTHERN COURIER", "Home / Europe / Defence / Baltics", "Subscribe | Log in", HEADLINE, P1, P2)
    assert article.headline == HEADLINE


def test_a_kicker_over_the_headline_is_not_the_headline():
    article = clean(*MASTHEAD, "Changing of the guard", HEADLINE, "By Petra Holmqvist", P1, P2)
    assert article.headline == HEADLINE


def test_an_updated_stamp_above_the_date_does_not_hide_it():
    article = clean("Tuesday, March 8th 2022 | Updated 09:12", "February 28, 2022 4:47 pm", HEADLINE, P1, P2)
    assert article.date_published == date(2022, 2, 28)


def test_a_breadcrumb_with_angle_brackets_is_not_the_headline():
    article = clean("THE NORTHERN COURIER", "Home > Europe > Baltics", HEADLINE, P1, P2)
    assert article.headline == HEADLINE


def test_a_tagline_above_the_menu_is_not_the_headline():
    article = clean("25.07.2018", "THE NORTHERN COURIER", "News from the cities of the Baltic coast",
                    "Home | Diplomacy | Courts | Culture", HEADLINE.upper(), "By Northern Courier Staff", P1, P2)
    assert (article.headline, article.publisher) == (HEADLINE.upper(), "Northern Courier")
    assert "cities of the Baltic coast" not in article.text


def test_a_tagline_above_a_bracketed_menu_is_not_the_headline():
    article = clean("northcourier — English news from the Baltic coast", "[ Politics ]  [ Economy ]  [ Culture ]",
                    "POLITICS", HEADLINE, "Wednesday, 8 December 2021 · 18:05 CET", P1, P2)
    assert article.headline == HEADLINE and article.date_published == date(2021, 12, 8)
    assert "Politics ]" not in article.text and "English news" not in article.text


def test_the_headline_is_the_header_line_that_shares_words_with_the_story():
    """A tagline, a ticker or a bar the chrome rules miss sits over the headline: the headline is the
    first header line that shares several words with the story's opening."""
    article = clean("NORTHERN COURIER", "Independent reporting on war, diplomacy and the men and women in uniform",
                    "Home · World · Defence · Archive", "CAC 40 3,842.25 +1.06% BRENT $105.97 GOLD 1,512",
                    "Berzins takes command of the Baltic mission, warns of long contest", "By Ana Diaz",
                    "Sun Jul 4, 2010 7:31am EDT",
                    "RIGA — General Tomas Berzins took command of the Baltic mission on Sunday, warning of a long "
                    "contest with the rebels.", P2)
    assert article.headline == "Berzins takes command of the Baltic mission, warns of long contest"
    assert article.date_published == date(2010, 7, 4)
    assert "Independent reporting" not in article.text and "CAC 40" not in article.text


def test_a_notice_above_the_headline_is_not_where_the_story_starts():
    article = clean("HARBOUR GAZETTE", "This story is published automatically from our wire service partners and "
                    "has not been edited by our staff.", HEADLINE, "2011-03-31T08:05Z", P1, P2)
    assert (article.headline, article.date_published) == (HEADLINE, date(2011, 3, 31))
    assert "published automatically" not in article.text


@pytest.mark.parametrize(
    ("line", "published", "authors"),
    [
        ("Posted by: Online Desk  on  July 13, 2015 at 9:41 pm  |  In: Headlines  |  12 Comments",
         date(2015, 7, 13), []),
        ("13 feb 2021 | 14:20 CET — Aggiornato / Updated 18:55 di / by Tiberio Colonna", date(2021, 2, 13),
         ["Tiberio Colonna"]),
        ("13.10.2017 · 21h40 (Paris) · ⏱ 4 min", date(2017, 10, 13), []),
    ],
)
def test_dates_beside_bylines_and_clocks(line, published, authors):
    article = clean(*MASTHEAD, HEADLINE, line, P1, P2)
    assert (article.headline, article.date_published, list(article.authors)) == (HEADLINE, published, authors)


@pytest.mark.parametrize(
    ("masthead", "publisher"),
    [
        ("≡ MENU  THE NORTHERN POST  🔍 Sign in", "The Northern Post"),
        ("NORTHERN COURIER العربية", "Northern Courier"),
        ("ROMA REPORT — Italy in English", "Roma Report"),
    ],
)
def test_a_masthead_among_buttons_or_links_gives_the_publisher(masthead, publisher):
    article = clean(masthead, "Politics | Economy | Culture | Travel", HEADLINE, "May 24, 2019", P1, P2)
    assert (article.headline, article.publisher) == (HEADLINE, publisher)


def test_a_site_name_opening_its_menu_is_the_publisher():
    article = clean("Northern Courier  |  Institutions  ·  Member States  ·  Elections  ·  Podcast", HEADLINE,
                    "Published: 02/07/2019 - 22:31 | Updated: 03/07/2019 - 09:15", P1, P2)
    assert (article.headline, article.publisher) == (HEADLINE, "Northern Courier")
    assert article.date_published == date(2019, 7, 2)


def test_a_site_named_with_digits_is_the_publisher_and_not_repeated_in_the_text():
    article = clean("COURIER24", "Baltics | World | Opinion | Video", HEADLINE, "11-01-2024", "Courier24", "A+ A-",
                    P1, P2)
    assert (article.headline, article.publisher) == (HEADLINE, "Courier24")
    assert article.date_published == date(2024, 1, 11)
    assert "Courier24" not in article.text


def test_a_site_name_under_the_headline_is_the_publisher_not_an_author():
    article = clean(HEADLINE, "Northern Observer", "Mon 16 May 2022 18.40 GMT",
                    "Share on Facebook / Share on Twitter / Share via Email", P1, P2)
    assert (article.headline, article.publisher, article.authors) == (HEADLINE, "Northern Observer", ())
    assert article.date_published == date(2022, 5, 16)


def test_a_date_under_the_story_is_the_publication_date_when_the_header_has_none():
    article = clean(HEADLINE, P1, P2, "First published 16/05/2022 13:26 CEST · Last updated 16/05/2022 17:02 CEST")
    assert article.date_published == date(2022, 5, 16)
    assert "published" not in article.text


def test_a_long_masthead_in_capitals_is_the_publisher():
    article = clean("GREAT LAKES & CENTRAL AFRICA MONITOR", "Menu   Search   Sign in", "Updated 3 hours ago",
                    HEADLINE, "By Petra Holmqvist", P1, P2)
    assert (article.publisher, article.headline) == ("Great Lakes & Central Africa Monitor", HEADLINE)


def test_an_appeal_above_the_headline_is_not_where_the_story_starts():
    """A sentence-like appeal between the masthead and the headline is chrome, not the first paragraph."""
    appeal = "Our journalism is free to read. Help keep it that way and become a supporter today."
    article = clean(*MASTHEAD, appeal, HEADLINE, "By Petra Holmqvist", "May 16, 2022", P1, P2)
    assert (article.headline, article.date_published) == (HEADLINE, date(2022, 5, 16))
    assert (article.publisher, article.authors) == ("The Northern Courier", ("Petra Holmqvist",))
    assert appeal not in article.text


def test_a_scrape_stamp_above_the_masthead_does_not_hide_the_real_date():
    article = clean("Wednesday, May 18th | 17 Iyyar 5782", *MASTHEAD, HEADLINE, "May 16, 2022", P1)
    assert article.date_published == date(2022, 5, 16)
    assert article.headline == HEADLINE
    assert article.publisher == "The Northern Courier"


@pytest.mark.parametrize(
    ("lines", "publisher", "authors", "published"),
    [
        pytest.param([HEADLINE, "By Petra Holmqvist and Jonas Arvidsen | 30 June 2022"], None,
                     ("Petra Holmqvist", "Jonas Arvidsen"), date(2022, 6, 30), id="two-authors-and-date"),
        pytest.param([HEADLINE, "By Petra Holmqvist, Jonas Arvidsen and Ilse Brandt"], None,
                     ("Petra Holmqvist", "Jonas Arvidsen", "Ilse Brandt"), None, id="three-authors"),
        pytest.param([HEADLINE, "By Courier Staff"], "Courier", (), None, id="staff-is-publisher"),
        pytest.param([HEADLINE, "By Northern Courier Staff"], "Northern Courier", (), None,
                     id="two-word-staff"),
        pytest.param([*MASTHEAD, HEADLINE], "The Northern Courier", (), None, id="masthead-caps-title-cased"),
        pytest.param(["Northern Courier", "News › Europe › Baltics", HEADLINE], "Northern Courier", (), None,
                     id="masthead-then-breadcrumb"),
        pytest.param([*MASTHEAD, HEADLINE, "Petra Holmqvist"], "The Northern Courier", ("Petra Holmqvist",),
                     None,
                     id="bare-name-line-is-author"),
        pytest.param([HEADLINE], None, (), None, id="headline-only"),
        pytest.param([HEADLINE, "By Petra Holmqvist | 30 June 2022"], None, ("Petra Holmqvist",),
                     date(2022, 6, 30),
                     id="one-author-and-date"),
    ],
)
def test_byline_publisher_and_authors(lines, publisher, authors, published):
    article = clean(*lines, P1, P2)
    assert article.headline == HEADLINE
    assert article.publisher == publisher
    assert article.authors == authors
    assert article.date_published == published
    assert "By " not in article.text and "Staff" not in article.text


def test_the_headline_opens_the_text_once_even_when_repeated_in_the_body():
    article = clean(*MASTHEAD, HEADLINE, P1, HEADLINE, P2)
    assert article.text.count(HEADLINE) == 1
    assert article.text.split("\n\n") == [HEADLINE, P1, P2]


# --- dateline -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("opening", "place"),
    [
        pytest.param("VILNIUS – Ministers met.", "Vilnius", id="en-dash"),
        pytest.param("KABUL, Afghanistan — The talks", "Kabul", id="city-country-em-dash"),
        pytest.param("BRUSSELS (Reuters) - NATO", "Brussels", id="agency"),
        pytest.param("NEW YORK – The council", "New York", id="two-words"),
        pytest.param("RIGA: Ministers", "Riga", id="colon"),
        pytest.param("The minister – who spoke", None, id="sentence-with-dash"),
        pytest.param("UN – ministers met", None, id="too-short"),
        pytest.param("Vilnius – ministers", None, id="not-capitals"),
        pytest.param("NATO ministers met in Riga – again.", None, id="caps-word-then-text"),
    ],
)
def test_find_dateline(opening, place):
    found = find_dateline(opening)
    assert (found.place if found else None) == place
    if found:
        assert opening[found.start:found.end].upper() == place.upper()


def test_the_dateline_span_indexes_the_cleaned_text():
    article = clean(*MASTHEAD, HEADLINE, "May 16, 2022", "Advertisement", P1, P2)
    assert article.dateline is not None
    assert article.dateline.text == "VILNIUS"
    assert article.text[article.dateline.start:article.dateline.end] == "VILNIUS"


def test_a_dateline_only_opens_the_story():
    late = "RIGA – A later paragraph about a meeting in the Latvian capital is not a dateline at all."
    more = [P2.replace("mission", "programme"), P3.replace("spring", "autumn")]
    article = clean(HEADLINE, P2, P3, *more, late)
    assert article.dateline is None


# --- offsets: Article.text is what every later span indexes ---------------------------------

MESSY = "\n".join([
    "THE NORTHERN COURIER", "Home | World | Politics | Defence", HEADLINE, "By Petra Holmqvist | 16 May 2022",
    "Share on Facebook",
    "VILNIUS – Lithuanian Defence Minister Rasa Vaitkute said on Thursday that the NATO air training mission",
    "would be extended. “The pilots have done more than we hoped,” Vaitkute told reporters.",
    "Advertisement",
    "Related", "Estonia buys new radar systems", "Latvia hosts naval exercise",
    "NATO Secretary General Henrik Aasen welcomed the decision, a spokesman for the alliance said.",
    "Dear Reader,", "Our journalism needs your support. Subscribe today.", "Thank you,", "The Editors",
])


@pytest.mark.slow
def test_every_span_extracted_from_a_cleaned_article_indexes_its_text(nlp, lexicon):
    article = clean_article(make_raw("messy.txt", MESSY))
    ex = extract(nlp(article.text), article, lexicon)
    spans = [m.span for m in ex.mentions] + [f.evidence for f in ex.memberships]
    spans += [s for q in ex.quotations for s in (q.span, q.evidence)] + [article.dateline]
    assert len(ex.mentions) >= 4 and ex.quotations and ex.memberships
    for span in spans:
        assert article.text[span.start:span.end] == span.text
    assert all(f.evidence.text == f.evidence.text.strip() for f in ex.memberships)  # no paragraph break
    names = {e.name for e in ex.entities}
    assert {"Rasa Vaitkute", "Henrik Aasen", "NATO", "Vilnius"} <= names
    assert not names & {"Estonia", "Latvia", "The Northern Courier", "Petra Holmqvist"}  # chrome, header


# --- manifests ------------------------------------------------------------------------------

MANIFEST_CSV = (
    "file,url,date,publisher,author,headline\n"
    "a.txt,https://example.org/a,2022-05-16,Northern Courier,Petra Holmqvist; Jonas Arvidsen,"
    "Air mission extended\n"
    "sub/b.txt,,,,,\n"
)


def test_csv_manifest_records(tmp_path):
    path = tmp_path / "manifest.csv"
    path.write_text("\ufeff" + MANIFEST_CSV, encoding="utf-8")
    records = load_manifest(path)
    assert records["a.txt"] == ManifestRecord("a.txt", "https://example.org/a", date(2022, 5, 16),
                                              "Northern Courier", ("Petra Holmqvist", "Jonas Arvidsen"),
                                              "Air mission extended")
    assert records["b.txt"] == ManifestRecord("b.txt")


def test_jsonl_manifest_records(tmp_path):
    path = tmp_path / "manifest.jsonl"
    lines = [{"file": "a.txt", "date": "2022-05-16T08:00:00", "author": "Petra Holmqvist", "url": None}, {},
             {"file": "c.txt", "publisher": "Courier"}]
    path.write_text("\n".join(json.dumps(x) if x else "" for x in lines) + "\n", encoding="utf-8")
    records = load_manifest(path)
    assert records["a.txt"].date == date(2022, 5, 16)
    assert records["a.txt"].authors == ("Petra Holmqvist",)
    assert records["a.txt"].url is None
    assert records["c.txt"].publisher == "Courier"


def test_find_manifests_next_to_the_inputs(tmp_path):
    (tmp_path / "manifest.csv").write_text(MANIFEST_CSV, encoding="utf-8")
    (tmp_path / "a.txt").write_text(P1, encoding="utf-8")
    assert find_manifests([tmp_path]) == [tmp_path / "manifest.csv"]
    assert find_manifests([tmp_path / "a.txt"]) == [tmp_path / "manifest.csv"]


def test_manifest_values_override_what_the_text_says():
    record = ManifestRecord("a.txt", "https://example.org/a", date(2020, 1, 2), "Baltic Wire",
                            ("Ilse Brandt",), "Manifest headline")
    article = clean(*MASTHEAD, HEADLINE, "By Petra Holmqvist | 16 May 2022", P1, P2, record=record)
    assert (article.headline, article.date_published, article.publisher, article.authors, article.url) == (
        "Manifest headline", date(2020, 1, 2), "Baltic Wire", ("Ilse Brandt",), "https://example.org/a")
    assert article.text.startswith("Manifest headline\n\n")


def test_an_empty_manifest_record_keeps_what_the_text_says():
    article = clean(*MASTHEAD, HEADLINE, "By Petra Holmqvist and Ilse Brandt | 16 May 2022", P1,
                    record=ManifestRecord("a.txt"))
    assert (article.headline, article.date_published, article.publisher, article.authors) == (
        HEADLINE, date(2022, 5, 16), "The Northern Courier", ("Petra Holmqvist", "Ilse Brandt"))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("manifest.csv", "file,date\na.txt,2022-05-16\nb.txt,16/05/2022\n",
                     r"manifest\.csv:3: date '16/05/2022' is not YYYY-MM-DD", id="csv-bad-date"),
        pytest.param("manifest.csv", "file,date\na.txt,2022-05-16\n,2022-05-17\n",
                     r"manifest\.csv:3: a manifest record needs a 'file' value", id="csv-no-file"),
        pytest.param("manifest.csv", "name,date\na.txt,2022-05-16\n",
                     r"manifest\.csv:2: a manifest record needs a 'file' value", id="csv-no-file-column"),
        pytest.param("manifest.jsonl", '{"file": "a.txt"}\n\n{"file": "b.txt",\n',
                     r"manifest\.jsonl:3: not JSON", id="jsonl-broken-line"),
        pytest.param("manifest.jsonl", '{"file": "a.txt"}\n["b.txt"]\n',
                     r"manifest\.jsonl:2: each line must be a JSON object", id="jsonl-not-an-object"),
        pytest.param("manifest.jsonl", '{"file": "a.txt", "date": "May 2022"}\n',
                     r"manifest\.jsonl:1: date 'May 2022'", id="jsonl-bad-date"),
    ],
)
def test_a_malformed_manifest_is_an_input_error_naming_the_line(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_manifest(path)


def test_an_unreadable_manifest_is_an_input_error(tmp_path):
    path = tmp_path / "manifest.csv"
    path.write_bytes(b"file,date\n\xff\xfe.txt,2022\n")
    with pytest.raises(InputError, match="cannot read manifest"):
        load_manifest(path)


def test_a_text_wrapped_at_a_fixed_width_is_joined_where_a_capitalised_word_opens_the_line():
    """A hard wrap before a capital ("... the Republic of" / "Valdoria") still splits no name."""
    import textwrap

    body = ("VILNIUS – The defence ministers of Estonia and the Republic of Valdoria agreed on Thursday "
            "to extend the air training mission for another two years, said the ministers of the Republic "
            "of Valdoria and of Estonia in a joint statement issued after the talks in the capital.")
    lines = textwrap.wrap(body, 66)
    assert any(line.startswith(("Valdoria", "Thursday")) for line in lines[1:])
    article = clean(HEADLINE, "", *lines, "", *textwrap.wrap(P2, 66))
    assert article.text.split("\n\n") == [HEADLINE, body, P2]
