"""Quotations and who said them.

Quoted stretches are found by their quotation marks, paragraph by paragraph (a quote left open
at the end of a paragraph ends there, as news style continues quotes that way). The speaker
is the subject of the nearest speech verb ("said", "told", "added", ...) in the quote's
sentence, in either order; a pronoun subject refers back to the last person the article made
the subject of a sentence; an unnamed subject ("a senior diplomat") gives no speaker. A quote
with no speech verb of its own takes the speaker of the paragraph it continues. Short quoted
phrases with no speaker ("delinquent") are scare quotes, not quotations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kg.lexicon import Lexicon
from kg.model import ORGANIZATION, PERSON, LocalEntity, Mention, Quotation, Span

PRONOUNS = {"he", "she"}
MIN_WORDS_WITHOUT_SPEAKER = 5
SHORT_QUOTE = 5


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
        opening = mark == "“" or (mark == '"' and open_at == -1)
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


def _trim(para: str, start: int, end: int) -> tuple[int, int]:
    while start < end and para[start] in " …":
        start += 1
    while end > start and para[end - 1] in " ,;:":
        end -= 1
    return start, end


class QuoteAttributor:
    """Finds the speaker of each quote in one parsed article."""

    def __init__(self, doc: Doc, entities: dict[str, LocalEntity], mentions: list[Mention], lexicon: Lexicon):
        vocab: dict = lexicon.patterns.get("vocabulary", {})
        self.doc, self.entities = doc, entities
        self.text = doc.text  # built once: spaCy joins every token again on each Doc.text
        self.speech = set(vocab.get("speech_verbs", ["say", "tell", "add"]))
        self.anonymous = set(vocab.get("anonymous_speakers", []))
        self.owner: dict[int, str] = {}  # char offset -> entity key
        for m in mentions:
            for i in range(m.span.start, m.span.end):
                self.owner.setdefault(i, m.entity)
        self.quotes: list[Quoted] = []

    def extract(self) -> list[Quotation]:
        self.quotes = find_quotes(self.text)
        result: list[Quotation] = []
        seen: set[str] = set()
        last_speaker: dict[int, str | None] = {}
        for q in self.quotes:
            words = self.text[q.start : q.end]
            if not words.strip() or len(words.split()) < 1:
                continue
            window = self._window(q)
            verbs = self._speech_verbs(q, window)
            verb = next((v for v in verbs if self._speaker(v)), verbs[0] if verbs else None)
            speaker, named = (self._speaker(verb), True) if verb is not None else (None, False)
            if verb is None:
                named = q.paragraph in last_speaker
                speaker = last_speaker.get(q.paragraph) if named else self._paragraph_speaker(q)
                named = named or speaker is not None
            if not self._keep(q, verb, speaker, named):
                continue
            key = " ".join(words.lower().split())
            if key in seen:
                continue
            seen.add(key)
            if named:
                last_speaker[q.paragraph] = speaker
            result.append(
                Quotation(
                    words,
                    Span(q.start, q.end, words),
                    speaker,
                    Span(window.start, window.end, self.text[window.start : window.end]),
                )
            )
        return self._continued(result)

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
        n_words = len(self.text[q.start : q.end].split())
        if speaker is None:
            return n_words >= MIN_WORDS_WITHOUT_SPEAKER and (named or verb is None)
        if n_words < SHORT_QUOTE and verb is not None:
            return self._governed(q, verb)
        return True

    def _window(self, q: Quoted) -> Span:
        """The sentences holding the quote, plus a short attribution sentence right after it."""
        sents = [s for s in self.doc.sents if s.end_char > q.start and s.start_char < q.end + 1]
        if not sents:
            return Span(q.start, q.end, "")
        start, end = sents[0].start_char, sents[-1].end_char
        following = sents[-1].end  # the token after the last sentence
        if following < len(self.doc):
            nxt = self.doc[following].sent
            if len(nxt) <= 8 and any(t.lemma_ in self.speech for t in nxt):
                end = nxt.end_char
        para_end = self.text.find("\n\n", q.end)
        end = min(end, para_end) if para_end != -1 else end
        return Span(start, end, self.text[start:end])

    def _paragraph_speaker(self, q: Quoted) -> str | None:
        """A quote standing alone continues the attribution just before it in its paragraph ("..., he said.")."""
        previous_break = self.text.rfind("\n\n", 0, q.start)
        start = previous_break + 2 if previous_break != -1 else 0
        span = self.doc.char_span(start, q.start, alignment_mode="contract")
        if span is None:
            return None
        verbs = [
            t
            for t in span
            if t.lemma_.lower() in self.speech and t.pos_ == "VERB" and not self._inside_quote(t)
        ]
        return next((s for v in reversed(verbs) if (s := self._speaker(v))), None)

    def _inside_quote(self, token: Token) -> bool:
        return any(q.start <= token.idx < q.end for q in self.quotes)

    def _speech_verbs(self, q: Quoted, window: Span) -> list[Token]:
        """Speech verbs outside quotation marks in the window, nearest to the quote first."""
        span = self.doc.char_span(window.start, window.end, alignment_mode="expand")
        if span is None:
            return []
        verbs = [
            t
            for t in span
            if t.lemma_.lower() in self.speech and t.pos_ in ("VERB", "AUX") and not self._inside_quote(t)
        ]
        return sorted(verbs, key=lambda t: min(abs(t.idx - q.start), abs(t.idx - q.end)))

    def _speaker(self, verb: Token) -> str | None:
        subject = self._subject(verb)
        if subject is None:
            return None
        key = self._entity_of(subject)
        if key:
            kind = self.entities[key].kind
            return key if kind in (PERSON, ORGANIZATION) else None
        if subject.lower_ in PRONOUNS:
            return self._antecedent(subject)
        return None  # "a senior diplomat", "officials": no creator rather than a wrong one

    def _subject(self, verb: Token) -> Token | None:
        token = verb
        for _ in range(4):
            subj = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                return subj[0]
            if token.dep_ in ("conj", "xcomp", "advcl", "ccomp", "parataxis") and token.head is not token:
                token = token.head
            else:
                return None
        return None

    def _entity_of(self, token: Token) -> str | None:
        if (key := self.owner.get(token.idx)) is not None:
            return key
        for t in token.subtree:  # "US Secretary of Defense Jim Mattis": the name is in the phrase
            if (key := self.owner.get(t.idx)) is not None and self.entities[key].kind == PERSON:
                return key
        return None

    def _antecedent(self, pronoun: Token) -> str | None:
        """The last person the article made the subject of a clause, else the last person named."""
        subject = fallback = None
        for token in reversed(self.doc[: pronoun.i]):
            key = self.owner.get(token.idx)
            if key is None or self.entities[key].kind != PERSON or self._inside_quote(token):
                continue
            head = token if token.dep_ in ("nsubj", "nsubjpass") else token.head
            if head.dep_ in ("nsubj", "nsubjpass"):
                if head.head.dep_ == "ROOT" or head.head.lemma_.lower() in self.speech:
                    return key  # the subject of a main clause or of a speech verb
                subject = subject or key
            fallback = fallback or key
        return subject or fallback

    def _governed(self, q: Quoted, verb: Token) -> bool:
        """A short quote counts only when the speech verb governs it without another verb between."""
        inside = [t for t in self.doc if q.start <= t.idx < q.end]
        if not inside:
            return False
        token = next((t for t in inside if not (q.start <= t.head.idx < q.end)), inside[0])
        inside_ids = {t.i for t in inside}
        for _ in range(12):
            if token.i == verb.i:  # spaCy makes a new Token per access: compare positions, not identity
                return True
            if token.pos_ == "VERB" and token.lemma_.lower() not in self.speech and token.i not in inside_ids:
                return False
            if token.head.i == token.i:
                return False
            token = token.head
        return False


def extract_quotations(
    doc: Doc, entities: dict[str, LocalEntity], mentions: list[Mention], lexicon: Lexicon
) -> list[Quotation]:
    return QuoteAttributor(doc, entities, mentions, lexicon).extract()
