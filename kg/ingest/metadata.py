"""The lines above the story: headline, publication date, publisher, authors; and the dateline.

The header is every paragraph before the first one that reads as running text. A date in
it counts as the publication date only with a year ("Wednesday, May 18th | 17 Iyyar 5782" is
a scrape stamp, not a publication date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from kg.ingest.clean import (
    NAV_SEPARATORS,
    TERMINAL,
    Paragraph,
    is_appeal,
    is_chrome,
    is_date_footer,
    is_navigation,
    words,
)

MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DATE_PATTERNS = [
    re.compile(
        rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE
    ),
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE
    ),
    # ISO 8601, with or without a time: "2022-03-21", "2022-03-21T19:47:00+01:00"
    re.compile(
        r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)"
        r"(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?\b"
    ),
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d\d)\b"),
    # day first, as outside the United States; parse_date falls back to month first when invalid
    _DAY_FIRST := re.compile(r"\b(?P<day>\d{1,2})([/-])(?P<month>\d{1,2})\2(?P<year>(?:19|20)\d\d)\b"),
]
_TIME = re.compile(
    r"\b\d{1,2}[:.h]\d\d(\s?[ap]\.?m\.?)?(\s?[A-Z]{2,4}\b)?|\b\d{1,2}\s?[ap]\.m\.(\s?[A-Z]{2,4}\b)?"
    r"|\(\w+\)|⏱?\s*\d+\s*min(?:ute)?s?(?: read)?\b",  # "21h40 (Paris) · ⏱ 4 min"
    re.IGNORECASE,
)
_DATE_WORDS = re.compile(
    r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b\.?"
    r"|\b(published|updated|posted|on|last modified|modified|ago|years?|months?|weeks?|days?|hours?)\b|[|·,–—:/-]",
    re.IGNORECASE,
)
DATE_THEN_BYLINE = re.compile(r"^(?P<date>.+?)\s+(?:\w+\s*/\s*)?by:?\s+(?P<names>[^|]+)$", re.IGNORECASE)
BYLINE = re.compile(r"^(?:\w+\s+)?by:?\s+(?P<names>.+)$", re.IGNORECASE)
NAME_TOKEN = re.compile(r"^[A-ZÀ-Ý][\w’'.-]*$")
STAFF = re.compile(r"^(?P<org>.+?)\s+staff$", re.IGNORECASE)
CREDIT_STAFF = re.compile(r"photo credit:\s*(?P<org>[\w .&-]+?)\s+staff\b", re.IGNORECASE)
DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][\w.'’-]+(?: [^\W\d_][\w.'’-]+)*)(?:,\s+(?P<region>[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*)*))?"
    r"(?:\s+\((?P<agency>[^)]{2,60})\))?\s*(?:[-–—:]\s)"
)


@dataclass(slots=True)
class Header:
    headline: str | None = None
    date_published: date | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    leftover: list[Paragraph] = field(default_factory=list)  # header lines that are article text


def parse_date(text: str) -> date | None:
    """The first full date (day, month, year) written in ``text``."""
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            month = m["month"]
            number = int(month) if month.isdigit() else MONTHS[month.lower()[:3]]
            day = int(m["day"])
            for month_day in ((number, day), (day, number)) if pattern is _DAY_FIRST else ((number, day),):
                try:
                    return date(int(m["year"]), *month_day)
                except ValueError:
                    continue
    return None


def is_date_line(text: str) -> bool:
    """A line that holds a date and little else (weekday, time, "Published")."""
    rest = text
    for pattern in DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    if rest == text and not re.search(_MONTH, text, re.IGNORECASE):
        return False
    rest = _DATE_WORDS.sub(" ", _TIME.sub(" ", rest))
    rest = re.sub(_MONTH + r"\s+\d{1,2}(st|nd|rd|th)?|\d+", " ", rest, flags=re.IGNORECASE)
    return len(rest.split()) <= 3 and len(rest.split()) < len(text.split())


def is_running_text(text: str) -> bool:
    """The first paragraph of the story proper, as opposed to header lines."""
    n = len(words(text))
    return (n >= 10 and text.endswith(TERMINAL)) or n >= 20


def looks_like_name(text: str) -> bool:
    tokens = text.split()
    return 2 <= len(tokens) <= 4 and all(NAME_TOKEN.match(t) for t in tokens) and not text.isupper()


#: Last words of a news site's name (general knowledge of English-language mastheads).
PUBLICATION_WORDS = frozenset(
    (  # noqa: SIM905 (a word list reads best as words)
        "observer post times herald review daily news journal courier monitor report gazette tribune ledger "
        "wire brief dispatch chronicle press today weekly digest standard guardian telegraph express mail "
        "record bulletin insider magazine online network agency"
    ).split()
)


def looks_like_site(text: str) -> bool:
    """A short title-case line ending in a publication word: "Levant Observer", "The Baltic Times"."""
    tokens = text.split()
    return looks_like_masthead(text) and len(tokens) >= 2 and tokens[-1].lower() in PUBLICATION_WORDS


def looks_like_masthead(text: str) -> bool:
    tokens = text.split()
    return (
        1 <= len(tokens) <= (7 if text.isupper() else 5)
        and (not any(c.isdigit() for c in text) or _one_word_with_digits(tokens))
        and not text.endswith(TERMINAL)
        and all(t[0].isupper() for t in tokens if t[0].isalpha())
    )


def _one_word_with_digits(tokens: list[str]) -> bool:
    """A site named with digits in one word: "Citadel24", "France24"."""
    return len(tokens) == 1 and tokens[0][0].isalpha() and tokens[0].isalnum()


def body_start(kept: list[Paragraph]) -> int:
    """Raw index of the first paragraph of running text among the paragraphs boilerplate left.

    A notice above the headline can read like running text ("This story is published
    automatically from our wire partners."): when a date line follows it before any other running
    text, the header goes on, and the story starts at the next running paragraph."""
    running = [i for i, para in enumerate(kept) if is_running_text(para.text)]
    if not running:
        return kept[1].index if len(kept) > 1 else (kept[0].index + 1 if kept else 0)
    first = running[0]
    for para in kept[first + 1 : first + 5]:
        if is_running_text(para.text):
            break
        if is_date_line(para.text):
            later = [i for i in running if kept[i].index > para.index]
            return kept[later[0]].index if later else kept[first].index
    return kept[first].index


def parse_header(lines: list[Paragraph], body: list[Paragraph]) -> Header:
    """Read headline, date, publisher and authors from the header lines."""
    header = Header()
    candidates: list[Paragraph] = []
    first_menu = None  # how many candidates came before the first navigation bar
    brand = None  # the site's name opening its menu
    updated: date | None = None
    for para in lines:
        text = para.text
        credit = CREDIT_STAFF.search(text)
        if credit and not header.publisher:
            header.publisher = _tidy_name(credit["org"])
        if byline := BYLINE.match(text):
            _read_byline(byline["names"], header)
            continue
        dated = DATE_THEN_BYLINE.match(text)  # a date line, then "by X"
        if dated and is_date_line(dated["date"]):
            header.date_published = header.date_published or parse_date(dated["date"])
            _read_byline(dated["names"], header)
            continue
        if is_date_line(text):
            if UPDATED.match(text):  # "Updated ..." or a scrape stamp: only when nothing better comes
                updated = updated or parse_date(text)
            else:
                header.date_published = header.date_published or parse_date(text)
            continue
        if is_navigation(text) and first_menu is None:
            first_menu = len(candidates)
            brand = None if candidates else _menu_brand(text)
        if is_chrome(text) or is_appeal(text) or is_navigation(text):
            header.publisher = header.publisher or _name_between_buttons(text)
            continue
        candidates.append(para)
    if len(candidates) >= 2 and (masthead := _masthead(candidates[0].text)):
        header.publisher = header.publisher or _tidy_name(masthead)
    if first_menu and first_menu < len(candidates):
        # the site's name and tagline sit above its menu; the story's headline below it
        candidates = candidates[first_menu:]
    elif len(candidates) >= 2 and _masthead(candidates[0].text):
        candidates = candidates[1:]
    publisher = (header.publisher or "").lower()
    candidates = [p for p in candidates if p.text.lower() != publisher]  # the site's name again
    candidates = [p for p in candidates if not _section_label(p.text, candidates)]
    if len(candidates) >= 2 and _kicker(candidates[0].text, candidates[1].text):
        candidates = candidates[1:]
    if candidates:
        candidates = candidates[_headline_index(candidates, body) :]  # lines above the headline: page chrome
        header.headline, site = _title_and_site(candidates[0].text)
        header.publisher = header.publisher or site
        for para in candidates[1:]:
            if looks_like_site(para.text):
                header.publisher = header.publisher or _tidy_name(para.text)
            elif looks_like_name(para.text) and not header.authors:
                header.authors.append(para.text)
            else:
                header.leftover.append(para)
    elif body:
        header.headline = body[0].text if len(body[0].text.split()) <= 25 else None
    header.publisher = header.publisher or brand
    header.date_published = header.date_published or updated
    if header.date_published is None:
        header.date_published = _date_near_top(body)
    return header


def _menu_brand(text: str) -> str | None:
    """The site's name opening the page's first menu, set apart by its own separator:
    "EuroPolitics Now  |  Institutions  ·  Member States  ·  Podcast"."""
    separators = [m.group().strip() for m in NAV_SEPARATORS.finditer(text)]
    first = NAV_SEPARATORS.split(text, maxsplit=1)[0].strip()
    if len(separators) >= 3 and separators[0] not in separators[1:] and looks_like_masthead(first):
        return _tidy_name(first)
    return None


_TITLE_SEPARATOR = re.compile(r"\s[|–—]\s|\s-\s")


def _name_between_buttons(text: str) -> str | None:
    """ "≡ MENU  THE PENNINE POST  🔍 Sign in": the site's name in capitals on a bar of buttons (a run
    of words in capitals that ends like a site's name, the buttons before it dropped)."""
    for run in re.findall(r"(?:[A-Z][A-Z&'.-]* )+[A-Z][A-Z&'.-]*", text):
        words = run.split()
        while words and words[0].lower() in _BUTTONS:
            words = words[1:]
        if len(words) > 1 and looks_like_site(" ".join(words)):
            return _tidy_name(" ".join(words))
    return None


_BUTTONS = frozenset({"menu", "search", "home", "sign", "login", "subscribe", "sections", "newsletter"})


#: Links to the site in other scripts after its name: "GULF HORIZON DAILY العربية".
NON_LATIN_TAIL = re.compile(r"(?:\s+[^\x00-\u024F\s]+)+$")


def _masthead(text: str) -> str | None:
    """The site's name on a masthead line: the whole line, or its name before a tagline
    ("Northstar Post – Europe, security and the world"), or between a menu's buttons
    ("≡ MENU      THE PENNINE POST      🔍   Sign in")."""
    text = NON_LATIN_TAIL.sub("", text)
    if looks_like_masthead(text):
        return text
    if name := _name_between_buttons(text):
        return name
    m = _TITLE_SEPARATOR.search(text)
    if m is None or text.endswith(TERMINAL):
        return None
    name, tagline = text[: m.start()], text[m.end() :].split()
    name = NON_LATIN_TAIL.sub("", name)
    # a tagline is written in sentence case; "Ministers Meet in Riga – Talks Continue" is a headline in title case
    in_sentence_case = any(w.isalpha() and w.islower() and len(w) > 4 for w in tagline)
    in_capitals = name.isupper() and len(name.split()) <= 4  # "ROMA REPORT — Italy in English"
    return name if looks_like_masthead(name) and (in_sentence_case or in_capitals) else None


def _title_and_site(text: str) -> tuple[str, str | None]:
    """A page title "Headline | Site Name" -> ("Headline", "Site Name"); other lines are whole."""
    head, sep, site = text.rpartition(" | ")
    if sep and len(head.split()) >= 4 and looks_like_masthead(site):
        return head, _tidy_name(site)
    return text, None


def _headline_index(candidates: list[Paragraph], body: list[Paragraph]) -> int:
    """Which header line is the headline: the first, unless it shares almost no words with the
    story's opening and a later line shares several (a tagline, a menu or a ticker the rules above
    did not recognise sits over the real headline): then the first line that does."""
    lede = _key_words(" ".join(p.text for p in body[:3]))
    overlaps = [len(_key_words(p.text) & lede) if 3 <= len(p.text.split()) <= 30 else 0 for p in candidates]
    if overlaps[0] >= 2:
        return 0
    return next((i for i, n in enumerate(overlaps) if n >= 2), 0)  # a standfirst or bullets come after it


_STOP = frozenset(
    (  # noqa: SIM905 (a word list reads best as words)
        "that this with from have will were been their they said says after over into about than more also "
        "which when while where what your news world page home more read since until before under other "
        "there these those would could should being just only even most many much some such very first last "
        "year years week weeks month months today"
    ).split()
)


def _key_words(text: str) -> set[str]:
    """Content words of a line, lowercased: the words a headline shares with its story."""
    return {w for w in re.findall(r"[^\W\d_]{4,}", text.lower()) if w not in _STOP}


#: A date line that says when the page changed or was scraped, not when the story was published.
UPDATED = re.compile(
    r"^(?:\w+day,?\s+)?[^|]*\|\s*updated\b|^(?:last\s+)?(?:updated|modified)\b", re.IGNORECASE
)


def _kicker(first: str, second: str) -> bool:
    """A short kicker over the headline ("Changing of the guard"): neither line is a sentence,
    and the headline under it is the longer."""
    return (
        len(first.split()) <= 4
        and len(first.split()) < len(second.split()) <= 25
        and not first.endswith(TERMINAL)
        and not second.endswith(TERMINAL)
        and not looks_like_name(second)
    )


def _section_label(text: str, candidates: list[Paragraph]) -> bool:
    """A section label in capitals over the headline ("DEFENCE", "EU FOREIGN POLICY", "DEFENCE /
    LITHUANIA"): dropped when a line in ordinary case is there to be the headline."""
    if not text.isupper():
        return False
    return len(text.split()) == 1 or (
        len(text.split()) <= 6 and any(not p.text.isupper() for p in candidates)
    )


def footer_date(paragraphs: list[Paragraph]) -> date | None:
    """The date of a "First published ..." line under the story, if the page has one."""
    return next((parse_date(p.text) for p in reversed(paragraphs) if is_date_footer(p.text)), None)


def _date_near_top(body: list[Paragraph]) -> date | None:
    """A date line just under the masthead that the header split missed."""
    for para in body[:2]:
        if is_date_line(para.text):
            return parse_date(para.text)
    return None


def _read_byline(names: str, header: Header) -> None:
    rest = names
    for part in re.split(r"\s[|·–—]\s", names):
        # "Online Desk on July 13, 2015 at 9:41 pm": the names, then when
        names_then_date = re.match(r"^(.*?)\s+on\s+(.+)$", part)
        if names_then_date and is_date_line(names_then_date[2]):
            header.date_published = header.date_published or parse_date(names_then_date[2])
            rest = rest.replace(part, names_then_date[1])
        elif is_date_line(part):
            header.date_published = header.date_published or parse_date(part)
            rest = rest.replace(part, "")
    for name in re.split(r",\s*|\s+and\s+|\s*&\s*", rest.strip(" |·")):
        name = name.strip()
        if staff := STAFF.match(name):
            header.publisher = header.publisher or _tidy_name(staff["org"])
        elif looks_like_name(name):
            header.authors.append(name)


def _tidy_name(name: str) -> str:
    """Masthead capitals to title case: "PACIFIC LEDGER" -> "Pacific Ledger"."""
    name = name.strip(" .:-")
    if name.isupper() and len(name) > 5:
        return " ".join(
            w.capitalize() if len(w) > 3 or i == 0 else w.lower() for i, w in enumerate(name.split())
        )
    return name


@dataclass(frozen=True, slots=True)
class Dateline:
    start: int  # offsets of the place words inside the paragraph
    end: int
    place: str  # title-cased: "BRUSSELS" -> "Brussels"


def find_dateline(text: str) -> Dateline | None:
    """The place that opens a news story: "BRUSSELS - ", "KABUL, Afghanistan — "."""
    m = DATELINE.match(text)
    if not m or len(m["place"]) < 3 or not m["place"].isupper():
        return None
    place = " ".join(w.capitalize() for w in m["place"].split())
    return Dateline(m.start("place"), m.end("place"), place)
