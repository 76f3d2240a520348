"""Raw scraped text -> the article's own paragraphs, without site chrome.

Line-level rules, because the input is plain text (HTML-based extractors find nothing to
hold on to). A paragraph is a line, or lines joined where a hard wrap split a sentence.
Three kinds of boilerplate go:

* chrome lines: share widgets, navigation bars, cookie banners, "Advertisement", separators;
* appeal blocks: a subscription or newsletter appeal (second person plus "we/our" or a
  subscription cue, outside quotation marks) and the short lines that follow it
  (bullets, "Thank you,", signatures);
* teaser blocks: a "Related" / "Read more" / "Most popular" heading and the headline-like,
  dated, bulleted or truncated lines under it.

Repeated paragraphs are kept once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]|‘[^‘’]*’")
_WORD = re.compile(r"[A-Za-z’'$€£]+")

_PLATFORM = r"(?:twitter|facebook|x|linkedin|instagram|telegram|youtube|threads|whatsapp)\b"
CHROME = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^share(?: it| this(?: story| article| page)?)?\s*[:!]?\s*$",
        r"^share(?: this(?: story| article| page)?)?\s*(?:on|via|:)\s*(?:facebook|twitter|x|email|linkedin|whatsapp|"
        r"reddit|telegram|copy link)\b.*$",
        r"^read more\s*[:›»|-]\s*\S.*$",
        r"^(advertisement|sponsored( content)?|ad)$",
        r"^(next|previous) (story|article)$",
        r"^\d+ min(ute)?s? read\.?$",
        r"^breaking news\.?$",
        r"\(photo credit:.*\)\s*$",
        r"\bcookies?\b.*\b(accept|consent|settings|preferences|continuing to browse|we use)\b",
        r"^(sign (in|up)|subscribe|log ?in|register)\b.{0,40}$",
        r"^(also read|read also|see also|more on this|(also|more) (on|from|in) [\w&.' -]{1,40})\s*[:|].*$",
        r"^(?:(?:menu|search|sign in|log ?in|subscribe|register|home|my account|newsletters?|e-?paper)\b[\s|·]*){2,}$",
        r"^follow us\b.*$",
        rf"^follow (?-i:[A-Z])[\w&.' -]{{1,40}} on {_PLATFORM}(?:\s*(?:,|and|&|/)\s*{_PLATFORM})*\W*$",
        r"^share(?: this(?: story| article| page)?)?\s*[:!]?(?:\s+(?:\w{1,2}|[^\w\s]))+\s*$",  # "Share  f  t  in  ✉"
        r"^photo:\s.{0,60}$",
        r"^listen to (this|the) (article|story)\b.*$",
        r"^(updated|posted|published)?\s*\d+\s+(minutes?|hours?|days?|mins?|hrs?)\s+ago$",
        r"^(\d+\s+comments?|comments?\s*\(?\d+\)?)$",
        r"^(?:(?:facebook|twitter|x|linkedin|whatsapp|e-?mail|reddit|telegram|pinterest|print|copy link)[\s|·,/]*){3,}$",
        # a share widget in any punctuation: "Share ▸ Facebook ▸ X", "Share this Story: Share On Facebook ..."
        r"^share\b(?:\s+this(?:\s+(?:story|article|page))?)?\s*[:▸›»|·-]?\s*(?:(?:share\s+(?:on|via)\s+)?"
        r"(?:facebook|twitter|x|linkedin|whatsapp|e-?mail(?: this article)?|reddit|telegram|line|pinterest|print|"
        r"copy link)\s*[|·▸›»,/-]?\s*)+$",
        r"\b(recaptcha|privacy policy|terms of (service|use)|all rights reserved)\b",
        r"^(let your voice be heard|join the [\w ]+|discuss this article|other reports by|comments?|print|email)\W*$",
        r"^upgrade your\b|show me later|don't show it again",
        r"^(?:[-=_*•·~]\s*){3,}$",
        # wire-service footers: "(Reporting by X; Editing by Y)", "Our Standards: ...", "© AFP 2023"
        r"^\((?:additional )?(?:reporting|writing|editing|compiled) by [^()]*\)\.?$",
        r"^(?:additional )?(?:reporting|writing) by [^;]*;.*\bediting by\b.*$",
        r"^our standards\s*:",
        r"^(?:trending(?: now)?|hot topics?|related(?: coverage| stories| articles)?|most read)\s*:.*$",
        r"^(?:a[+-]\s*){2}$",  # text-size buttons
        r"^(?:©|\(c\)\s|copyright\s+(?:©\s*)?\d{4})",
        r"^(?:skip to (?:main )?content|click here\b.*|download (?:our|the) app\b.*|.{0,30}\bscroll to continue\W*)$",
        r"^(?:watch|video|listen|podcast)\s*[:|]\s*.{0,80}$",
        r"^\[[^\]]*\]$",
        r"(?:\[\s*[^\[\]\s][^\[\]]{0,12}\]\s*){2,}\S{0,3}$",  # ends on links in brackets: "[ УКР ] [ РУС ] [ ENG ]"
        r"^(?:☰|≡)",  # a menu button
        r"^(?:\(\s?\)\s*[^()]{1,40}){2,}$",  # a poll's options: "( ) Jane Doe  ( ) John Roe"
        r"©\s*(?:\d{4}|[A-Z])",  # a copyright footer, wherever it starts
        r"^about the author\s*:",
        r"^poll\s*:",
        r"^(?:►|▶)?\s*also on [\w&' .-]{1,40}\|",  # "► ALSO ON PGR | Catalonia: ..."
        r"(?:-?\d{1,2}\s?°\s?[CF]\b.*){2}",  # a weather bar: "Riyadh 24°C · Jeddah 31°C"
        r"^skip to (?:main )?(?:content|navigation)\b",
        r"^(?:text|words|story|reporting)\s*:\s*[^|]{2,60}\|\s*(?:photos?|pictures?|images?|video)\s*:",
        r"^(?:▶\s*)?listen to (?:this|the) (?:article|story)\b",
        r"^this (?:article|story|page) is (?:more than|over) (?:\d+|a|an|one|two|three) (?:years?|months?) old\W*$",
        # a market ticker: "BRENT 62.43 ▲1.3% GOLD 1,818.20 ▼0.3%"
        r"^(?:[A-Z$€£/&.\s-]{2,12}\s+[\d.,]+\s*[▲▼△▽↑↓+-]?\s*[\d.,]+%\s*){2,}$",
    )
]
#: Chrome that opens a paragraph which then goes on with real text ("Follow X's Feed! "...").
CHROME_PREFIX = re.compile(r"^follow (us|[\w ]+?'s feed)[^!.]*[!.]\s*", re.IGNORECASE)
TEASER_HEADING = re.compile(
    r"^(related( content| coverage| stories| articles| news| reading)?|read more|more (from|on|stories)\b.*|"
    r"most (popular|read|viewed|shared)|recommended( for you)?|you may also like|trending( now)?|"
    r"top stories|latest( news)?|see also|editor's picks|also read|further reading|you might also like|"
    r"(what to )?read next|up next|don't miss|in other news|more (news|stories)|must read|popular( now)?|"
    r"in case you missed it|more in [\w&' -]{1,40}|elsewhere (?:on|in|at) [\w&' .-]{1,40}|"
    r"latest (?:wires|headlines|videos|stories|updates)|most (?:commented|emailed|shared|watched)|"
    r"(?:also|more) on [\w&' .-]{1,40})\s*:?$",
    re.IGNORECASE,
)
SALUTATION = re.compile(r"^dear (reader|readers|subscriber|subscribers|friend|friends)\b", re.IGNORECASE)
#: A reader's comment opens with its author: "Jane Doe says:" (then its time, then the comment).
COMMENT_AUTHOR = re.compile(r"^[A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,3} (?:says|wrote|replied)\s*:$")
BULLET = re.compile(r"^\s*([•▪◦*·–—»►▸→-]|\d{1,2}[.)])\s+")
NAV_SEPARATORS = re.compile(r"\s[|›»·>/]\s")
SECOND_PERSON = {"you", "your", "yours", "you'll", "you're"}
FIRST_PLURAL = {"we", "our", "us", "ours", "we're", "we've"}
#: Cues that make a short paragraph an appeal on their own ...
STRONG_CUES = re.compile(
    r"\b(subscribe( now| today)?|paywall|donate|become a (member|supporter|subscriber)|sign up|per month|a month|"
    r"sign in (or|to)|log in|create an? (free )?account|already a (subscriber|member)|free to read|"
    r"(keep|continue) reading(?=\s*[.!:,]|\s*$))\b",
    re.IGNORECASE,
)
#: ... and cues that do only when the reader is addressed.
WEAK_CUES = re.compile(
    r"\b(subscri\w*|donat\w*|membership|newsletter|inbox|support (our|independent)|loyal readers|our journalism|free of ads|"
    r"ad-free|premium)\b",
    re.IGNORECASE,
)
TERMINAL = tuple('.!?"”’)')


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    index: int  # position among the raw paragraphs


def paragraphs(text: str) -> list[Paragraph]:
    """Split into paragraphs: one per line, re-joining lines a hard wrap broke."""
    lines = text.split("\n")
    width = wrap_width(lines)
    units: list[str] = []
    previous_raw = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            units.append("")
        elif units and units[-1] and (_wrapped(units[-1], line) or _filled(previous_raw, line, width)):
            units[-1] = f"{units[-1]} {line}"
        else:
            units.append(line)
        previous_raw = raw.rstrip()
    return [Paragraph(u, i) for i, u in enumerate(u for u in units if u)]


def wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped text was wrapped at, or None when its lines are not wrapped.

    Wrapped text has no line longer than a terminal's width, and most of its lines come close
    to the longest: only a paragraph's last line falls short.
    """
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    if len(lengths) < 8 or max(lengths) > 100:
        return None
    width = max(lengths)
    close = sum(1 for n in lengths if n >= width - 15)
    return width if close >= 0.4 * len(lengths) else None


def _wrapped(previous: str, line: str) -> bool:
    return not previous.endswith((*TERMINAL, ":", ",")) and line[0].islower() and len(previous) > 40


def _filled(previous: str, line: str, width: int | None) -> bool:
    """The previous line broke only because the next word would not fit in the wrap width."""
    if width is None or is_chrome(line):
        return False
    return len(previous) + 1 + len(line.split()[0]) > width


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_chrome(text: str) -> bool:
    if any(p.search(text) for p in CHROME):
        return True
    return is_navigation(text) or is_date_footer(text)


_DATE_FOOTER = re.compile(r"^(?:first |last )?(?:published|posted|updated)\b", re.IGNORECASE)
_DATE_WORDS = frozenset(
    (  # noqa: SIM905 (a word list reads best as words)
        "first last published posted updated at on am pm a p m jan january feb february mar march apr april "
        "may jun june jul july aug august sep sept september oct october nov november dec december mon monday "
        "tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday sun sunday"
    ).split()
)


def is_date_footer(text: str) -> bool:
    """ "First published 14/07/2023 13:26 CEST · Last updated ...": a line of dates and times only."""
    if not _DATE_FOOTER.match(text) or not re.search(r"\b(?:19|20)\d\d\b", text):
        return False
    return all(
        w.lower() in _DATE_WORDS or (w.isupper() and len(w) <= 4) for w in re.findall(r"[A-Za-z]+", text)
    )


#: A menu written as bracketed items: "[ Politics ]  [ Economy ]  [ Berlin ]".
BRACKETED_MENU = re.compile(r"^(?:\[\s*[^\[\]\s][^\[\]]{0,40}\]\s*){3,}$")


def is_navigation(text: str) -> bool:
    """A menu or breadcrumb: short segments between |, ›, » or · separators, or in brackets."""
    if BRACKETED_MENU.match(text) and all(
        len(item.split()) <= 4 for item in re.findall(r"\[([^\]]*)\]", text)
    ):
        return True
    parts = NAV_SEPARATORS.split(text)
    if len(parts) >= 4 and not text.endswith(TERMINAL):
        # a menu may run on into its buttons: "☰ Sections Politics | ... | Jobs board Search Sign in"
        inner = all(len(p.split()) <= 4 for p in parts[1:-1])
        return inner and len(parts[0].split()) <= 7 and len(parts[-1].split()) <= 7
    short = all(len(p.split()) <= 4 for p in parts)
    return short and (
        len(parts) >= 3
        or (
            len(parts) == 2
            and (bool(re.search(r"\s[›»>]\s", text)) or all(len(p.split()) <= 2 for p in parts))
        )
    )


def is_appeal(text: str) -> bool:
    """A subscription, newsletter or donation appeal addressed to the reader."""
    if SALUTATION.match(text):
        return True
    bare = _QUOTED.sub(" ", text)
    tokens = {w.lower().replace("’", "'") for w in words(bare)}
    strong = bool(STRONG_CUES.search(bare))
    if tokens & SECOND_PERSON:
        return bool(tokens & FIRST_PLURAL) or strong or bool(WEAK_CUES.search(bare))
    return strong and (bool(tokens & FIRST_PLURAL) or len(words(bare)) < 25)


def is_caps_heading(text: str) -> bool:
    """A heading set in capitals inside the body ("MOST POPULAR", "THE MONITOR BRIEFING")."""
    letters = [c for c in text if c.isalpha()]
    return (
        len(letters) >= 3
        and all(c.isupper() for c in letters)
        and len(text.split()) <= 8
        and not text.endswith(TERMINAL)
    )


def is_teaser_item(text: str) -> bool:
    """A line of a related-content list: bulleted, dated, a bare headline or a cut snippet."""
    if BULLET.match(text) or text.endswith(("...", "…")) or is_chrome(text):
        return True
    return not text.endswith(TERMINAL) and len(text.split()) <= 25


#: A sign-up button: "[Subscribe]", "Sign up", "Join now".
BUTTON = re.compile(
    r"^\[?\s*(subscribe|sign (me )?up|join( now| us)?|get the newsletter|start (a |your )?(free )?trial|try it free)\b"
    r"[^\]]{0,20}\]?$",
    re.IGNORECASE,
)


def strip_boilerplate(body: list[Paragraph]) -> list[Paragraph]:
    """Drop chrome, appeal blocks, teaser blocks and repeated paragraphs."""
    kept: list[Paragraph] = []
    seen: set[str] = set()
    mode = ""  # "appeal" or "teaser" while inside such a block
    for i, para in enumerate(body):
        text = CHROME_PREFIX.sub("", para.text)
        if _before_a_button(body, i):  # a newsletter's blurb: "Africa's stories, every morning." [Subscribe]
            continue
        if mode == "teaser" and is_teaser_item(text):
            continue
        if (
            mode == "appeal"
            and not TEASER_HEADING.match(text)
            and (len(words(text)) < 12 or BULLET.match(text) or is_appeal(text))
        ):
            continue
        mode = ""
        if (
            TEASER_HEADING.match(text)
            or COMMENT_AUTHOR.match(text)
            or (is_caps_heading(text) and _list_follows(body, i))
        ):
            mode = "teaser"  # a heading over a list of links: "ELSEWHERE ON THE COURIER", "» ..."
            continue
        if is_appeal(text):
            mode = "appeal"
            continue
        if not text or is_chrome(text) or is_caps_heading(text):
            continue
        key = " ".join(text.lower().split())
        if key in seen and len(key.split()) >= 4:
            continue
        seen.add(key)
        kept.append(Paragraph(text, para.index))
    return kept


def _list_follows(body: list[Paragraph], i: int) -> bool:
    """Whether the next paragraph is a bulleted or numbered item."""
    return i + 1 < len(body) and bool(BULLET.match(body[i + 1].text))


def _before_a_button(body: list[Paragraph], i: int) -> bool:
    """A short paragraph right above a sign-up button is that button's pitch."""
    return i + 1 < len(body) and bool(BUTTON.match(body[i + 1].text)) and len(words(body[i].text)) <= 60
