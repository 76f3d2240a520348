"""Quotations and who said them.

Quoted stretches are found by their quotation marks, paragraph by paragraph (a quote left open at
the end of a paragraph ends there, as news style continues quotes that way; a paragraph opening with
a quote mark continues it; a straight mark opens or closes by its neighbours). The speaker is the
subject of the speech verb ("said", "told", "went on", ...) the quote hangs on in the parse (through
"be" or a gerund after a preposition), else of the outermost one above it ('he said the army had
asked ... and had "..."' is his), else of the nearest one in the quote's sentence or in an
attribution sentence right after it, else of the verb the quote is the object of ('X wished his
successor "..."'), else of the clause a colon ends right before it ('X put a brave face on it:
"..."'); '"...", according to X' is X's. A pronoun subject, or "the 80-year-old", refers back to the
last person its paragraph, else the article, made the subject of a clause (else the object of a main
clause); a definite description ("the defence minister") to the last person named with that title,
or, with a modifier and no such title ("the outgoing commander"), like a pronoun; a surname no
mention covers to the one person whose name ends with it; an unnamed subject ("a senior diplomat")
gives no speaker. A quote with no speech verb of its own takes the speaker of the paragraph it
continues. Short quoted phrases no speech verb governs, one-word phrases inside a sentence, and
verbless phrases with no speaker are scare quotes, not quotations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg.lexicon import Lexicon
from kg.model import ORGANIZATION, PERSON, LocalEntity, Mention, Quotation, Span

PRONOUNS = {"he", "she"}
CREDITS = {"photo", "photos", "picture", "image", "credit", "video"}  # "Photo: <name>" names a photographer
INDEFINITE = {"a", "an", "one", "another", "some", "several", "two", "three"}
MIN_WORDS_WITHOUT_SPEAKER = 5
SHORT_QUOTE = 5
AGE = re.compile(r"\bthe \d+-years?-old$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Quoted:
    start: int  # the words, without the marks
    end: int
    paragraph: int
    open_ended: bool = False  # no closing mark: the quote goes on in the next paragraph


def find_quotes(text: str) -> list[Quoted]:
    """Stretches between double quotation marks (curly or straight), paragraph by paragraph."""
    found = []
    offset = 0
    for number, para in enumerate(text.split("\n\n")):
        found += [
            Quoted(offset + s, offset + e, number, e == len(para.rstrip(" ,;:"))) for s, e in _pairs(para)
        ]
        offset += len(para) + 2
    return found


def _pairs(para: str) -> Iterator[tuple[int, int]]:
    open_at = -1  # where the words of the quote being read start, -1 outside quotes
    for m in re.finditer(r"[“”\"]", para):
        mark, i = m.group(), m.start()
        opening = mark == "“" or (mark == '"' and _opens(para, i, open_at != -1))
        if opening and open_at == -1:
            open_at = i + 1
        elif not opening and open_at != -1:
            yield _trim(para, open_at, i)
            open_at = -1
        elif opening:  # a new quote opens before the last closed: the last ran to here
            yield _trim(para, open_at, i)
            open_at = i + 1
    if open_at != -1 and len(para) - open_at > 20:
        yield _trim(para, open_at, len(para))


def _opens(para: str, i: int, inside: bool) -> bool:
    """Whether a straight mark opens a quote: by its neighbours when they tell ('said "We' opens,
    'yet," one' closes, even when an earlier quote was never closed), else the opposite of the
    state it finds."""
    before = para[i - 1] if i > 0 else " "
    after = para[i + 1] if i + 1 < len(para) else " "
    if before.isspace() and after.isalnum():
        return True
    if after.isspace() and (before in ",.!?;:…" or before.isalnum()):
        return False
    return not inside


def _trim(para: str, start: int, end: int) -> tuple[int, int]:
    while start < end and para[start] in " …":
        start += 1
    while end > start and para[end - 1] in " ,;:":
        end -= 1
    return start, end


def _title_case(words: str) -> bool:
    """A title rather than words spoken: most of its longer words are capitalised."""
    long = [w for w in words.split() if len(w) > 3]
    return bool(long) and sum(w[0].isupper() for w in long) * 2 > len(long)


def _gerund_object(token: Token) -> bool:
    """ "of joining", "by describing": a gerund a preposition takes, not a clause of its own."""
    return token.tag_ == "VBG" and token.dep_ == "pcomp"


class QuoteAttributor:
    """Finds the speaker of each quote in one parsed article."""

    def __init__(self, doc: Doc, entities: dict[str, LocalEntity], mentions: list[Mention], lexicon: Lexicon):
        vocab: dict = lexicon.patterns.get("vocabulary", {})
        self.doc, self.entities = doc, entities
        self.text = doc.text  # built once: spaCy joins every token again on each Doc.text
        verbs = vocab.get("speech_verbs", ["say", "tell", "add"])
        self.speech = {v for v in verbs if " " not in v}
        self.phrasal = {tuple(v.split(" ", 1)) for v in verbs if " " in v}  # ("go", "on"): "he went on"
        self.anonymous = set(vocab.get("anonymous_speakers", []))  # nouns for persons
        self.lexicon = lexicon
        self.owner: dict[int, str] = {}  # char offset -> entity key
        for m in mentions:
            for i in range(m.span.start, m.span.end):
                self.owner.setdefault(i, m.entity)
        self.quotes: list[Quoted] = []

    def extract(self) -> list[Quotation]:
        self.quotes = find_quotes(self.text)
        result: list[Quotation] = []
        seen: set[str] = set()
        self.last_speaker: dict[int, str | None] = {}  # paragraph -> speaker of its last attributed quote
        self.open_speaker: dict[int, str | None] = {}  # paragraph -> speaker of a quote it leaves open
        previous: Quoted | None = None
        for q in self.quotes:
            words = self.text[q.start : q.end]
            if not words.strip():
                continue
            window = self._window(q)
            if previous is not None and self._split_by_attribution(previous, q):
                speaker, keep = self.last_speaker[q.paragraph], True  # "...", he said, "..."
            else:
                verb, speaker, named = self._attribute(q, window)
                keep = self._keep(q, verb, speaker, named)
                if keep and named:
                    self.last_speaker[q.paragraph] = speaker
            if not keep:
                continue
            if q.open_ended:
                self.open_speaker[q.paragraph] = speaker
            previous = q
            key = " ".join(words.lower().split())
            if key in seen:
                continue
            seen.add(key)
            evidence = Span(window.start, window.end, self.text[window.start : window.end])
            result.append(Quotation(words, Span(q.start, q.end, words), speaker, evidence))
        return self._continued(result)

    def _attribute(self, q: Quoted, window: Span) -> tuple[Token | None, str | None, bool]:
        """The quote's speech verb, speaker, and whether the text attributes it at all."""
        n_words = len(self.text[q.start : q.end].split())
        if n_words < 2 and not self._whole_sentence(q):
            return None, None, False  # 'accused them of being "delinquent"': a scare quote
        governing = self._governing_verb(q)
        if governing is not None:
            return governing, self._speaker(governing), True
        verbs = self._speech_verbs(q, window)
        if n_words < SHORT_QUOTE:
            if not self._whole_sentence(q):
                return None, None, False  # a short quote inside a sentence needs a speech verb governing it
            verbs = []
        else:
            verbs = self._reporting_verbs(q) + verbs
        verb = next((v for v in verbs if self._speaker(v)), verbs[0] if verbs else None)
        if verb is not None:
            return verb, self._speaker(verb), True
        if (user := self._user(q) or self._introducer(q)) is not None:
            return None, user, True
        if q.paragraph in self.last_speaker:
            return None, self.last_speaker[q.paragraph], True
        if self._continues_open_quote(q):
            return None, self.open_speaker[q.paragraph - 1], True
        speaker = self._paragraph_speaker(q)
        return None, speaker, speaker is not None

    def _user(self, q: Quoted) -> str | None:
        """The subject of the verb a quote is the object of, when no speech verb is near: 'X wished
        his successor "..."', 'X hailed "..."'. Not for quoted titles ('signed the "Treaty of ..."')."""
        inside = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if inside is None or not len(inside) or _title_case(self.text[q.start : q.end]):
            return None
        token = inside.root
        while inside.start <= token.i < inside.end or token.pos_ not in ("VERB", "AUX"):
            if token.head.i == token.i:
                return None
            token = token.head
        return self._speaker(token) if self._subject(token) is not None else None

    def _introducer(self, q: Quoted) -> str | None:
        """The subject of the clause a colon ends right before the quote: 'X put a brave face on the
        result: "..."', 'X had a simple message: "..."'."""
        before = self.text[: q.start].rstrip(' “"')
        colon = self.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if not before.endswith(":") or colon is None or colon.start == 0:
            return None
        token = self.doc[colon.start - 1]
        while token.i < colon.start and token.pos_ not in ("VERB", "AUX"):
            if token.head.i == token.i:
                return None
            token = token.head
        if token.i >= colon.start or self._subject(token) is None:
            return None
        return self._speaker(token)

    def _whole_sentence(self, q: Quoted) -> bool:
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        return span is not None and self.text[span.sent.start_char : q.start].strip(' “"') == ""

    def _continues_open_quote(self, q: Quoted) -> bool:
        """The paragraph opens with a quote mark after the previous one left its quote open."""
        before = self.text[: q.start].rstrip(' “"…')
        return q.paragraph - 1 in self.open_speaker and before.endswith("\n\n")

    def _split_by_attribution(self, previous: Quoted, q: Quoted) -> bool:
        """One quote split around its attribution: '"...", he said, "..."'."""
        if previous.paragraph != q.paragraph or self.last_speaker.get(q.paragraph) is None:
            return False
        gap = self.text[previous.end : q.start].strip(' “”"')
        words = gap.strip(",").split()
        return gap.startswith(",") and gap.endswith(",") and 1 < len(words) <= 6

    def _continued(self, quotes: list[Quotation]) -> list[Quotation]:
        """A quote left open at a paragraph's end is the speaker's who closes it in the next one."""
        by_start = {q.start: q for q in self.quotes}
        result = list(quotes)
        for i, quote in enumerate(result[:-1]):
            found = by_start.get(quote.span.start)
            following = result[i + 1]
            nxt = by_start.get(following.span.start)
            if (
                quote.speaker is None
                and found
                and found.open_ended
                and nxt
                and nxt.paragraph == found.paragraph + 1
                and following.speaker
            ):
                result[i] = Quotation(quote.text, quote.span, following.speaker, quote.evidence)
        return result

    def _keep(self, q: Quoted, verb: Token | None, speaker: str | None, named: bool) -> bool:
        """Quotations, not scare quotes: a quote without a speaker must be long and a clause."""
        if speaker is None:
            n_words = len(self.text[q.start : q.end].split())
            return n_words >= MIN_WORDS_WITHOUT_SPEAKER and (named or verb is None) and self._has_verb(q)
        return True

    def _has_verb(self, q: Quoted) -> bool:
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)

    def _window(self, q: Quoted) -> Span:
        """The sentences holding the quote, plus a short attribution sentence right after it."""
        sents = [s for s in self.doc.sents if s.end_char > q.start and s.start_char < q.end + 1]
        if not sents:
            return Span(q.start, q.end, "")
        start, end = sents[0].start_char, sents[-1].end_char
        following = sents[-1].end  # the token after the last sentence
        if following < len(self.doc):
            nxt = self.doc[following].sent
            if self._attribution_follows(q, sents[-1].end_char, nxt):
                end = nxt.end_char
        para_end = self.text.find("\n\n", q.end)
        end = min(end, para_end) if para_end != -1 else end
        return Span(start, end, self.text[start:end])

    def _attribution_follows(self, q: Quoted, sentence_end: int, nxt: SpacySpan) -> bool:
        """The next sentence attributes the quote: a short "she said.", or the quote closed its
        sentence ("... Alliance!") and the next one opens with its speaker and verb."""
        closes = self.text[q.end : nxt.start_char].strip(' “”"!?.,') == ""
        own = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if closes and own is not None and not any(self._is_speech(t) for t in own.sent):
            return any(self._is_speech(t) and not any(c.dep_ == "ccomp" for c in t.children) for t in nxt[:8])
        return len(nxt) <= 8 and any(self._is_speech(t) for t in nxt)

    def _paragraph_speaker(self, q: Quoted) -> str | None:
        """A quote standing alone continues the attribution just before it in its paragraph ("..., he said.")."""
        previous_break = self.text.rfind("\n\n", 0, q.start)
        start = previous_break + 2 if previous_break != -1 else 0
        span = self.doc.char_span(start, q.start, alignment_mode="contract")
        if span is None:
            return None
        verbs = [t for t in span if self._is_speech(t, ("VERB",))]
        return next((s for v in reversed(verbs) if (s := self._speaker(v))), None)

    def _is_speech(self, token: Token, kinds: tuple[str, ...] = ("VERB", "AUX")) -> bool:
        """A speech verb ("said", "told") or phrasal speech verb ("went on") outside quotation marks."""
        if token.pos_ not in kinds or self._inside_quote(token):
            return False
        lemma = token.lemma_.lower()
        return lemma in self.speech or any(
            (lemma, c.lower_) in self.phrasal for c in token.children if c.dep_ == "prt"
        )

    def _inside_quote(self, token: Token) -> bool:
        return any(q.start <= token.idx < q.end for q in self.quotes)

    def _speech_verbs(self, q: Quoted, window: Span) -> list[Token]:
        """Speech verbs outside quotation marks in the window, nearest to the quote first."""
        span = self.doc.char_span(window.start, window.end, alignment_mode="expand")
        if span is None:
            return []
        verbs = [t for t in span if self._is_speech(t) or (self._according(t) and self._speaker(t))]
        return sorted(verbs, key=lambda t: min(abs(t.idx - q.start), abs(t.idx - q.end)))

    def _according(self, token: Token) -> bool:
        """'"...", according to X': the phrase attributes the quote like a speech verb, to its object."""
        return token.lower_ == "according" and not self._inside_quote(token)

    def _speaker(self, verb: Token) -> str | None:
        subject = self._subject(verb)
        if subject is None:
            return self._named_before(verb)
        key = self._entity_of(subject)
        if key:
            kind = self.entities[key].kind
            return key if kind in (PERSON, ORGANIZATION) else None
        if subject.lower_ in PRONOUNS or self._age_description(subject):
            return self._antecedent(subject)
        if self._definite(subject):
            return self._described(subject)
        if subject.pos_ == "PROPN":
            return self._surname(subject)
        return None  # "a senior diplomat", "officials": no creator rather than a wrong one

    def _surname(self, subject: Token) -> str | None:
        """The one person the article names in full whose name ends with the words of a subject no
        mention covers ("Ankomah-Bright told" after "Efua Ankomah-Bright")."""
        words = self.text[subject.left_edge.idx : subject.idx + len(subject)]
        found = {
            key
            for key, e in self.entities.items()
            if e.kind == PERSON and e.name != words and e.name.endswith(" " + words)
        }
        return found.pop() if len(found) == 1 else None

    def _named_before(self, verb: Token) -> str | None:
        """The person named right before a verb the parse left without subject ("..., Air Marshal X, said"),
        or described there by age ('"...," the 80-year-old told reporters')."""
        before = [t for t in self.doc[max(0, verb.i - 2) : verb.i] if not t.is_punct]
        if before and self._age_description(before[-1]):
            return self._antecedent(before[-1])
        return self._person_at(before[-1]) if before else None

    def _age_description(self, token: Token) -> bool:
        """ "the 80-year-old": a person the text has named, described by age, read like a pronoun."""
        return (
            token.lower_ == "old" and AGE.search(self.text, max(0, token.idx - 20), token.idx + 3) is not None
        )

    def _subject(self, verb: Token) -> Token | None:
        """The verb's subject, else its governing clause's; of two, the nearer ("The order, the
        president said, ..." makes both subjects of "said")."""
        if verb.lower_ == "according":
            return next(
                (g for c in verb.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"), None
            )
        token = verb
        for _ in range(4):
            subj = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                return min(subj, key=lambda c: abs(c.i - token.i))
            if (
                token.dep_ in ("conj", "xcomp", "advcl", "ccomp", "parataxis", "pcomp", "prep")
                and token.head.i != token.i
            ):
                token = token.head
            else:
                return self._left_clause_subject(token)
        return None

    def _left_clause_subject(self, verb: Token) -> Token | None:
        """'He turned to leave, then added: "..."': the parse made the first clause a complement of the
        second, whose subject it shares."""
        for clause in verb.lefts:
            if clause.dep_ == "ccomp" and not self._inside_quote(clause):
                subj = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subj:
                    return subj[0]
        return None

    def _entity_of(self, token: Token) -> str | None:
        if (key := self.owner.get(token.idx)) is not None:
            return key
        start, end = self._paragraph_bounds(token.idx)
        for t in token.subtree:  # "US Secretary of Defense Tomas Berzins": the name is in the phrase
            if start <= t.idx < end and (key := self._person_at(t)) is not None:
                return key
        return None

    def _paragraph_bounds(self, offset: int) -> tuple[int, int]:
        start = self.text.rfind("\n\n", 0, offset)
        end = self.text.find("\n\n", offset)
        return (0 if start == -1 else start + 2), (len(self.text) if end == -1 else end)

    def _person_at(self, token: Token) -> str | None:
        """The person a token names, unless inside a quote, a stray pronoun or a photo credit."""
        key = self.owner.get(token.idx)
        if key is None or self.entities[key].kind != PERSON or token.lower_ in PRONOUNS:
            return None
        before = self.doc[max(0, token.i - 4) : token.i]
        if any(t.lower_ in CREDITS for t in before) and any(t.text == ":" for t in before):
            return None
        return None if self._inside_quote(token) else key

    def _antecedent(self, pronoun: Token) -> str | None:
        """The person a pronoun (or a description tied to a name) refers back to, in its own
        paragraph if it names one before it, else earlier in the article."""
        start, _ = self._paragraph_bounds(pronoun.idx)
        span = self.doc.char_span(start, pronoun.idx, alignment_mode="contract")
        first = span.start if span is not None else pronoun.i
        if (found := self._antecedent_in(pronoun, first)) is not None:
            return found
        return None if self._unknown_subject(first, pronoun.i) else self._antecedent_in(pronoun, 0)

    def _unknown_subject(self, first: int, last: int) -> bool:
        """A name the entities missed is the subject of a main clause between the two tokens
        ("Oleksandr Petrenko, the governor, accused ..."): a pronoun after it is most likely that
        person, so no earlier one is."""
        return any(
            t.pos_ == "PROPN"
            and t.dep_ == "nsubj"
            and t.head.dep_ == "ROOT"
            and self.owner.get(t.idx) is None
            and any(
                c.dep_ == "compound" and c.pos_ == "PROPN" and self.owner.get(c.idx) is None
                for c in t.children
            )
            and not self._inside_quote(t)
            for t in self.doc[first:last]
        )

    def _antecedent_in(self, pronoun: Token, first: int) -> str | None:
        """The last person the tokens from ``first`` up to the pronoun make the subject of a main or
        speech clause, else of any clause, else the object of a main clause, else the last person they
        name before the pronoun's own sentence ("Of Vice President X, he said" is not X speaking).
        Never the subject of the clause the pronoun interrupts ("X, he said, was")."""
        own = {pronoun.head.head.i} if pronoun.head.dep_ == "parataxis" else set()
        subject = obj = nearest = None
        for token in reversed(self.doc[first : pronoun.i]):
            key = self._person_at(token)
            if key is None:
                continue
            clause = self._subject_of(token)
            if clause is not None and clause.i in own:
                continue
            if clause is not None and (clause.dep_ == "ROOT" or self._is_speech(clause)):
                return key
            subject = subject or (key if clause is not None or _heads_relative_clause(token) else None)
            if token.i < pronoun.sent.start:
                obj = obj or (key if _main_object(token) else None)
                nearest = nearest or key
        return subject or obj or nearest

    def _subject_of(self, token: Token) -> Token | None:
        """The verb a name is the subject of, through its title phrase ("Its envoy to the UN, X, said")."""
        for _ in range(5):
            if token.dep_ in ("nsubj", "nsubjpass"):
                return token.head
            if token.dep_ in ("compound", "appos", "flat", "pobj") or (
                token.dep_ == "prep" and token.head.pos_ in ("NOUN", "PROPN")
            ):
                token = token.head
            else:
                return None
        return None

    def _definite(self, subject: Token) -> bool:
        """ "the minister", "the NATO chief", "America's top diplomat": one person the text can name."""
        if subject.pos_ not in ("NOUN", "PROPN") or subject.tag_ in ("NNS", "NNPS"):
            return False
        dets = [c.lower_ for c in subject.children if c.dep_ == "det"]
        return dets == ["the"] or (not dets and any(c.dep_ == "poss" for c in subject.children))

    def _described(self, subject: Token) -> str | None:
        """The person a definite description names: the last one named with those title words,
        unless the text introduced someone unnamed with the same noun since ("a senior diplomat ...
        the diplomat said"). A description tied to a name ("the NATO chief") or a modified person
        noun no one was named with ("the outgoing commander") reads like a pronoun."""
        head = subject.lemma_.lower()
        words = {head} | {c.lower_ for c in subject.children if c.dep_ == "compound"}
        for token in reversed(self.doc[: subject.i]):
            if token.lemma_.lower() != head or self._inside_quote(token):
                continue
            named = self._titled(token)
            if named is None and self._indefinite(token):
                return None
            if named is not None and words <= self._title_words(token):
                return named
        if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in subject.children):
            return None  # "the minister, <a name the entities missed>": named, but not known
        return self._antecedent(subject) if self._refers_back(subject) else None

    @staticmethod
    def _indefinite(noun: Token) -> bool:
        """ "a senior diplomat", "one officer": a person the text introduces without a name."""
        return any(c.dep_ in ("det", "nummod") and c.lower_ in INDEFINITE for c in noun.children)

    def _refers_back(self, subject: Token) -> bool:
        """A description tied to a name ("the NATO chief", "Norway's top diplomat"), or a person
        noun with a modifier ("the outgoing commander", "the Egyptian officer")."""
        kids = list(subject.children)
        if any(c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN") for c in kids):
            return True
        noun = subject.lemma_.lower()
        person = noun in self.anonymous or self.lexicon.role(noun) is not None
        return person and any(c.dep_ in ("amod", "compound") for c in kids)

    def _titled(self, title: Token) -> str | None:
        """The person a title word belongs to: "Defence Minister X", "X, the defence minister"."""
        for token in [*title.subtree, title.head, *title.head.children, *self.doc[title.i + 1 : title.i + 4]]:
            if token.sent == title.sent and (key := self._person_at(token)) is not None:
                return key
        return None

    def _title_words(self, title: Token) -> set[str]:
        """The words of the title phrase around a title word."""
        words = {title.lower_, title.lemma_.lower()}
        left = title.i
        while left > 0 and _in_title(self.doc[left - 1]) and title.i - left < 5:
            left -= 1
        return words | {t.lower_ for t in self.doc[left : title.i + 3]}

    def _reporting_verbs(self, q: Quoted) -> list[Token]:
        """The speech verbs above the quote in the parse, outermost first: in 'he said the army had
        asked for the troops to be moved and had "met with refusal"' the words are his, not the army's."""
        inside = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if inside is None or not len(inside):
            return []
        found, token = [], inside.root
        while token.head.i != token.i:
            token = token.head
            if not inside.start <= token.i < inside.end and self._is_speech(token):
                found.append(token)
        return found[::-1]

    def _governing_verb(self, q: Quoted) -> Token | None:
        """The speech verb the quote hangs on, through no other verb than "be" or a gerund after a
        preposition ('described it as "stable but fragile"', 'said there were "real issues"',
        'accused them of joining others to "smear and attack us"')."""
        inside = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if inside is None or not len(inside):
            return None
        token = inside.root
        for _ in range(12):
            if not inside.start <= token.i < inside.end:
                if self._is_speech(token):
                    return token
                if token.pos_ == "VERB" and token.lemma_.lower() != "be" and not _gerund_object(token):
                    return None
            if token.head.i == token.i:  # spaCy makes a new Token per access: compare positions
                return None
            token = token.head
        return None


def extract_quotations(
    doc: Doc, entities: dict[str, LocalEntity], mentions: list[Mention], lexicon: Lexicon
) -> list[Quotation]:
    return QuoteAttributor(doc, entities, mentions, lexicon).extract()


def _main_object(token: Token) -> bool:
    """ "The leaders elected X, succeeding Y": X, the object of its sentence's main verb, is more
    likely the one a later pronoun means than a person named further down the sentence."""
    while token.dep_ in ("compound", "flat"):
        token = token.head
    return token.dep_ in ("dobj", "nsubjpass") and token.head.dep_ == "ROOT"


def _in_title(token: Token) -> bool:
    """A word of a title phrase, or the hyphen inside one ("Secretary-General")."""
    return token.pos_ in ("PROPN", "NOUN", "ADJ") or token.tag_ == "HYPH"


def _heads_relative_clause(token: Token) -> bool:
    """ "the arrival of X, who flew in from Oslo": X is the subject of the relative clause."""
    return any(
        child.dep_ == "relcl"
        and any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ in ("who", "that") for g in child.children)
        for child in token.children
    )
