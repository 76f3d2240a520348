"""A deterministic generator of news-like articles for benchmarks and performance tests.

    python benchmarks/corpus.py N OUTDIR [--seed S]

writes ``OUTDIR/bench_00000.txt`` ... : N distinct articles of 400-800 words each. Article
``i`` depends only on ``(seed, i)``, so the first N articles of a corpus of N+1 are the
corpus of N (what an incremental-build benchmark needs).

What goes in, so that no cache or duplicate check can shortcut the work:

* people are invented, their names built from syllable pools (never real people);
* countries are the real ones of ``ontology/gazetteer/countries.tsv`` (with their
  demonyms), organisations a small list of real international bodies, missions invented;
* sentences come from varied templates: posts ("Ruritanian Defence Minister Name Surname
  said"), quotations speaker-first and quote-first, mission lead changes, and filler news
  with numbers and dates, in varied order;
* a little site boilerplate: publication name, byline, a share line, "Advertisement", a
  "Related" block at the end.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES_TSV = ROOT / "ontology" / "gazetteer" / "countries.tsv"

# --- invented people -------------------------------------------------------------------------
FIRST_START = [
    "Al",
    "Bar",
    "Cal",
    "Dar",
    "El",
    "Fen",
    "Gar",
    "Hal",
    "Il",
    "Jor",
    "Kal",
    "Lor",
    "Mar",
    "Nel",
    "Or",
    "Per",
    "Quin",
    "Ros",
    "Sel",
    "Tor",
    "Ul",
    "Val",
    "Wen",
    "Yar",
    "Zel",
    "An",
    "Bri",
    "Cor",
]
FIRST_END = [
    "a",
    "an",
    "en",
    "ia",
    "ik",
    "in",
    "is",
    "o",
    "on",
    "ra",
    "rik",
    "us",
    "ena",
    "ita",
    "mar",
    "wyn",
]
SURNAME_PARTS = [
    "brak",
    "dov",
    "fell",
    "gard",
    "hov",
    "kest",
    "lind",
    "mor",
    "nask",
    "pell",
    "quar",
    "rov",
    "sted",
    "tal",
    "vik",
    "wern",
    "zan",
    "bel",
    "cas",
    "dren",
    "kor",
    "lem",
    "mund",
    "ost",
]
SURNAME_START = [
    "Ab",
    "Bel",
    "Cra",
    "Dun",
    "Ev",
    "Fal",
    "Gru",
    "Hess",
    "Ivo",
    "Jask",
    "Kro",
    "Lun",
    "Mav",
    "Nor",
    "Osk",
    "Pra",
    "Rask",
    "Sav",
    "Tre",
    "Urb",
    "Vos",
    "Wald",
    "Yev",
    "Zor",
]
SURNAME_END = ["", "a", "en", "er", "ic", "ov", "ova", "ski", "sen", "stad", "ström", "ey", "ini", "escu"]

# --- real organisations (a small list of international bodies) and invented missions ---------
ORGANISATIONS = [
    "NATO",
    "the United Nations",
    "the European Union",
    "the African Union",
    "the Organization for Security and Co-operation in Europe",
    "the World Bank",
    "the International Monetary Fund",
    "the World Health Organization",
    "the Arab League",
    "the Association of Southeast Asian Nations",
    "the Council of Europe",
    "the UN Security Council",
]
ORG_ROLES = {
    "NATO": ["Secretary General", "Deputy Secretary General", "spokesman"],
    "the United Nations": ["Secretary General", "Under-Secretary-General", "Special Representative"],
    "the European Union": ["High Representative", "Commissioner", "spokesman"],
}
MISSION_REGIONS = [
    "Baltic",
    "Adriatic",
    "Sahel",
    "Caspian",
    "Arctic",
    "Aegean",
    "Danube",
    "Horn of Africa",
    "Black Sea",
    "Levant",
    "Caribbean",
    "Andean",
    "Pacific",
    "Nordic",
    "Lake Chad",
    "Gulf",
]
MISSION_KINDS = [
    "Air Training Mission",
    "Maritime Security Force",
    "Border Assistance Mission",
    "Stabilisation Force",
    "Advisory Mission",
    "Air Policing Mission",
    "Mine Clearance Task Force",
    "Capacity Building Mission",
]
NATIONAL_ROLES = [
    "Defence Minister",
    "Foreign Minister",
    "Prime Minister",
    "President",
    "Interior Minister",
    "Finance Minister",
    "Chief of Defence",
    "Energy Minister",
    "Trade Minister",
]
RANKS = ["General", "Major General", "Brigadier General", "Lieutenant General", "Admiral", "Colonel"]
CAPITALS = {
    "Austria": "VIENNA",
    "Belgium": "BRUSSELS",
    "Estonia": "TALLINN",
    "France": "PARIS",
    "Germany": "BERLIN",
    "Italy": "ROME",
    "Kenya": "NAIROBI",
    "Lithuania": "VILNIUS",
    "Mali": "BAMAKO",
    "Nigeria": "ABUJA",
    "Norway": "OSLO",
    "Poland": "WARSAW",
    "Spain": "MADRID",
    "Ukraine": "KYIV",
    "Japan": "TOKYO",
    "Canada": "OTTAWA",
    "Egypt": "CAIRO",
    "Ethiopia": "ADDIS ABABA",
    "Switzerland": "GENEVA",
    "Netherlands": "THE HAGUE",
    "Latvia": "RIGA",
    "Finland": "HELSINKI",
}
PUBLICATIONS = [
    "Global Affairs Wire",
    "Nordic Security Wire",
    "The Diplomatic Brief",
    "Continental Monitor",
    "Defence Review Weekly",
    "The Morning Dispatch",
    "World Desk Daily",
    "Frontline Report",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SAY = [
    "said",
    "told reporters",
    "said in a statement",
    "told a news conference",
    "added",
    "warned",
    "stressed",
]

# quotations: built from pools so that almost no two are the same
Q_SUBJECT = [
    "We",
    "Our partners",
    "The allies",
    "Our forces",
    "The member states",
    "Our neighbours",
    "The people of this region",
    "Both governments",
    "Our engineers",
    "The instructors",
]
Q_VERB = [
    "will not abandon",
    "must strengthen",
    "have already doubled",
    "cannot ignore",
    "will keep supporting",
    "need to rebuild",
    "are ready to expand",
    "will fully fund",
    "intend to review",
    "have never doubted",
]
Q_OBJECT = [
    "the training of pilots",
    "our commitment to the region",
    "the monitoring of the border",
    "the air policing effort",
    "the reconstruction programme",
    "the ceasefire arrangements",
    "the coast guard patrols",
    "support for displaced families",
    "the joint exercises",
    "our presence on the ground",
    "the protection of shipping lanes",
    "cooperation on energy",
]
Q_TAIL = [
    "this year",
    "in the coming months",
    "for as long as it takes",
    "despite the costs",
    "without hesitation",
    "before the winter",
    "step by step",
    "together with our allies",
    "",
]
Q_EXTRA = [
    "That is the message we bring today",
    "Nobody should doubt it",
    "The numbers speak for themselves",
    "We owe that to the soldiers who serve there",
    "It will not be easy",
    "Time is short",
    "This is about trust",
    "The decision was unanimous",
    "We expect results, not promises",
]

# filler news sentences with numbers and dates
FILLER = [
    "Around {n} personnel from {k} countries serve with the mission, "
    "according to figures released on {weekday}.",
    "The ministry said {n} troops would deploy by {month} {day}, with a further {m} on standby.",
    "Officials estimated the cost of the programme at {money} million euros over {k} years.",
    "Air traffic over the region fell by {pct} percent in {month}, the aviation authority reported.",
    "A report published on {month} {day}, {year} counted {n} incidents along the border since {month2}.",
    "The talks, held behind closed doors, lasted more than {k} hours and ended late on {weekday}.",
    "Aid agencies say {n} families have been displaced since {month2} and that {m} schools remain closed.",
    "The parliament approved the budget by {k}{k2} votes to {m2} after a debate that ran into the night.",
    "Shipping insurers raised premiums by {pct} percent after {k} vessels reported interference in {month}.",
    "The exercise, the largest in {k} years, involves {n} soldiers, {m2} aircraft and {k2} ships.",
    "Inflation in the region reached {pct}.{k} percent in {month}, the central bank said on {weekday}.",
    "Negotiators will meet again in {city} on {month} {day} to discuss the remaining {k} points.",
    "Since {year}, the programme has trained {n} officers and {m} civilian specialists.",
    "The storm destroyed {m2} homes and left {n} people without power for {k} days.",
    "Exports of grain rose to {money} thousand tonnes in {month2}, up {pct} percent on the year before.",
    "The committee is expected to publish its findings by the end of {month}, a spokesperson said.",
    "{country} has contributed {m} soldiers and {k} helicopters since {year}, the defence ministry said.",
    "Diplomats from {country} and {org} met in {city} on {weekday} to discuss the ceasefire.",
    "{org_cap} said on {weekday} that it would send {m2} observers to {country} before {month} {day}.",
    "Trade between {country} and its neighbours grew by {pct} percent last year to {money} million dollars.",
]
HEADLINE = [
    "{country} takes command of {mission_short} from {country2}",
    "{org_short} ministers meet in {city} as {country} presses for more support",
    "{country} and {country2} agree to expand {mission_short}",
    "{person_surname} calls for unity as {org_short} talks open in {city}",
    "Questions over funding as {mission_short} enters its {ordinal} year",
    "{country} pledges {n} troops to {mission_short}",
]
RELATED = [
    "{country} to review defence spending after {month} vote",
    "Analysis: what the {mission_short} handover means for {country2}",
    "{org_short} envoy visits {city} for talks",
    "Photos: {k} years of {mission_short}",
    "{country2} opposition demands inquiry into border incidents",
]


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    demonym: str


@dataclass(frozen=True, slots=True)
class GeneratedArticle:
    filename: str
    text: str


def load_countries(path: Path = COUNTRIES_TSV) -> list[Country]:
    countries = []
    header_seen = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            header_seen = True
            continue
        name, demonyms, kind = cols[0], cols[3] if len(cols) > 3 else "", cols[4] if len(cols) > 4 else ""
        demonym = demonyms.split("|")[0].strip()
        # names with "the"/"and" or commas read awkwardly in templates; the rest is plenty
        if kind == "Country" and demonym and "," not in name and " and " not in name and "(" not in name:
            countries.append(Country(name, demonym))
    if len(countries) < 20:
        raise SystemExit(f"{path}: too few countries read ({len(countries)})")
    return countries


def possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


class ArticleMaker:
    def __init__(self, rng: random.Random, countries: list[Country]) -> None:
        self.r = rng
        self.countries = countries
        self.people: list[tuple[str, str, str]] = []  # (full name, surname, post phrase or "")

    # names ------------------------------------------------------------------------------------
    def first_name(self) -> str:
        return self.r.choice(FIRST_START) + self.r.choice(FIRST_END)

    def surname(self) -> str:
        if self.r.random() < 0.5:
            return self.r.choice(SURNAME_START) + self.r.choice(SURNAME_PARTS) + self.r.choice(SURNAME_END)
        return self.r.choice(SURNAME_START) + self.r.choice(SURNAME_END) + self.r.choice(SURNAME_PARTS)

    def new_person(self) -> tuple[str, str]:
        first, last = self.first_name(), self.surname().capitalize()
        return f"{first} {last}", last

    def country(self) -> Country:
        return self.r.choice(self.countries)

    def org(self) -> str:
        return self.r.choice(ORGANISATIONS)

    def date_words(self) -> dict[str, object]:
        r = self.r
        return {
            "weekday": r.choice(WEEKDAYS),
            "month": r.choice(MONTHS),
            "month2": r.choice(MONTHS),
            "day": r.randint(1, 28),
            "year": r.randint(2012, 2024),
            "n": f"{r.randint(120, 9800):,}",
            "m": r.randint(12, 900),
            "m2": r.randint(2, 60),
            "k": r.randint(2, 9),
            "k2": r.randint(2, 9),
            "pct": r.randint(3, 45),
            "money": r.randint(5, 950),
            "city": r.choice(list(CAPITALS.values())).title(),
            "country": self.country().name,
            "org": (org := self.org()),
            "org_cap": org[0].upper() + org[1:],
        }

    # sentences --------------------------------------------------------------------------------
    def quote_text(self) -> str:
        r = self.r
        tail = r.choice(Q_TAIL)
        core = f"{r.choice(Q_SUBJECT)} {r.choice(Q_VERB)} {r.choice(Q_OBJECT)}{' ' + tail if tail else ''}"
        return core + (". " + r.choice(Q_EXTRA) if r.random() < 0.4 else "")

    def post_sentence(self, topic: str) -> tuple[str, str]:
        """A sentence naming a person with a post; returns (sentence, surname)."""
        r = self.r
        name, last = self.new_person()
        c = self.country()
        role = r.choice(NATIONAL_ROLES)
        verb = r.choice(["said on " + r.choice(WEEKDAYS), "told reporters", "announced", "warned"])
        forms = [
            f"{c.demonym} {role} {name} {verb} that {topic}.",
            f"{c.name} {role} {name} {verb} that {topic}.",
            f"{name}, {possessive(c.name)} {role.lower()}, {verb} that {topic}.",
            f"{name}, who is {possessive(c.name)} ambassador to {self.org()}, {verb} that {topic}.",
            f"{possessive(c.name)} {role.lower()}, {name}, {verb} that {topic}.",
        ]
        org = r.choice(list(ORG_ROLES))
        forms.append(f"{org[0].upper() + org[1:]} {r.choice(ORG_ROLES[org])} {name} {verb} that {topic}.")
        self.people.append((name, last, ""))
        return r.choice(forms), last

    def quote_paragraph(self) -> str:
        r = self.r
        if self.people and r.random() < 0.6:
            _, last, _ = r.choice(self.people)
            speaker = last
        else:
            speaker, last = self.new_person()
            self.people.append((speaker, last, ""))
        q = self.quote_text()
        say = r.choice(SAY)
        shape = r.randrange(4)
        if shape == 0:
            return f'"{q}," {speaker} {say}.'
        if shape == 1:
            return f'"{q}," said {speaker}.'
        if shape == 2:
            return f'{speaker} said: "{q}."'
        return f'{speaker} {say} that the plan was sound. "{q}," {last if speaker != last else "she"} added.'

    def lead_sentence(self, mission: str, acronym: str) -> str:
        r = self.r
        a, b = self.country(), self.country()
        while b == a:
            b = self.country()
        when = r.choice([f"in {r.choice(MONTHS)}", f"on {r.choice(WEEKDAYS)}", "last month", "next year"])
        rank = r.choice(RANKS)
        name, _ = self.new_person()
        forms = [
            f"{a.name} took command of the {mission} from {b.name} {when}.",
            f"The {mission} was first led by {a.name}, which will hand command over to {b.name} "
            f"{r.choice(['in ' + r.choice(MONTHS), 'next year', 'next month'])}.",
            f"{a.name} handed command of the mission to {b.name} {when}, "
            f"ending a {r.randint(2, 6)}-year tour.",
            f"The {a.demonym}-led {mission} ({acronym}) has about {r.randint(150, 1900):,} personnel.",
            f"{rank} {name} of {a.name} took command of the {mission} {when}, "
            f"replacing an officer from {b.name}.",
        ]
        return r.choice(forms)

    def filler(self) -> str:
        return self.r.choice(FILLER).format(**self.date_words())

    # article ----------------------------------------------------------------------------------
    def article(self, index: int) -> str:
        r = self.r
        region, kind = r.choice(MISSION_REGIONS), r.choice(MISSION_KINDS)
        mission = f"{region} {kind}"
        acronym = "".join(w[0] for w in mission.split() if w[0].isupper())
        c, c2 = self.country(), self.country()
        org = self.org()
        org_short = org.removeprefix("the ")
        fmt = {
            **self.date_words(),
            "country": c.name,
            "country2": c2.name,
            "mission_short": mission,
            "org_short": org_short,
            "ordinal": r.choice(["second", "third", "fifth", "tenth"]),
        }
        author, _ = self.new_person()
        _person, surname = self.new_person()
        fmt["person_surname"] = surname
        headline = r.choice(HEADLINE).format(**fmt)
        city = CAPITALS.get(c.name) or r.choice(list(CAPITALS.values()))
        day, year = r.randint(1, 28), r.randint(2015, 2024)
        head = [r.choice(PUBLICATIONS), headline, f"By {author}", f"{r.choice(MONTHS)} {day}, {year}"]
        if r.random() < 0.7:
            head.append(
                r.choice(["Share this article: Facebook | X | Email", "Share on X", "Share this story"])
            )

        topics = [
            f"the {mission} would be extended",
            f"{c.name} would send more instructors",
            f"talks with {c2.name} had made progress",
            f"{org_short} had to act quickly",
            f"funding for the {mission} was secure",
            "the border situation remained tense",
            f"the {acronym} handover would not interrupt training",
        ]
        lead = (
            f"{city} – {c.name} and {c2.name} on {r.choice(WEEKDAYS)} agreed to review the {mission} "
            f"({acronym}), {r.choice(['a multinational effort', 'an operation', 'a programme'])} "
            "that "
            f"{r.choice(['trains pilots', 'patrols the coast', 'advises border guards', 'clears mines'])} "
            f"for {r.choice(['partner nations', 'the region', 'local forces'])}. "
            f"{self.lead_sentence(mission, acronym)}"
        )
        body = [lead]
        target = r.randint(400, 800)
        words = sum(len(p.split()) for p in head + body)
        ad_done = False
        while words < target - 25:
            kind_roll = r.random()
            if kind_roll < 0.3:
                s, _ = self.post_sentence(r.choice(topics))
                para = s + (" " + self.filler() if r.random() < 0.5 else "")
            elif kind_roll < 0.6:
                para = self.quote_paragraph()
            elif kind_roll < 0.72:
                para = self.lead_sentence(mission, acronym) + " " + self.filler()
            else:
                para = " ".join(self.filler() for _ in range(r.randint(1, 3)))
            body.append(para)
            words += len(para.split())
            if not ad_done and len(body) > 4 and r.random() < 0.3:
                body.append("Advertisement")
                ad_done = True
        tail = []
        if r.random() < 0.6:
            tail = ["Related", *(r.choice(RELATED).format(**fmt) for _ in range(r.randint(2, 4)))]
        return "\n\n".join(head + body + tail) + "\n"


def generate(n: int, seed: int = 0, start: int = 0) -> list[GeneratedArticle]:
    """Articles ``start`` .. ``start + n - 1`` of the corpus of ``seed``; each depends only on (seed, i)."""
    countries = load_countries()
    out = []
    for i in range(start, start + n):
        rng = random.Random(f"kg-bench-{seed}-{i}")
        out.append(GeneratedArticle(f"bench_{i:05d}.txt", ArticleMaker(rng, countries).article(i)))
    return out


def write_corpus(n: int, outdir: Path, seed: int = 0, start: int = 0) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    seen: set[str] = set()
    for art in generate(n, seed, start):
        key = " ".join(art.text.split())
        if key in seen:  # astronomically unlikely; the build would skip it as a duplicate
            raise RuntimeError(f"{art.filename} repeats an earlier article")
        seen.add(key)
        path = outdir / art.filename
        path.write_text(art.text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int, help="number of articles")
    p.add_argument("outdir", type=Path)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    paths = write_corpus(args.n, args.outdir, args.seed)
    words = sum(len(path.read_text(encoding="utf-8").split()) for path in paths)
    print(f"wrote {len(paths)} articles, {words:,} words, to {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
