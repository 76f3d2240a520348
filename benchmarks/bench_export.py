"""Export speed: writing a ~1,000,000-triple graph as TriG and Turtle.

    python benchmarks/bench_export.py [--triples 1000000] [--rdflib-triples 200000]

The graph is synthesised in the shape ``kg build`` writes (docs/graph-shape.md): per article a
named graph with the NIF context (the article text as a literal), NIF phrases for ~60
mentions, ``schema:mentions``, memberships with evidence sentences and quotations; in the
default graph the article, entity and role descriptions. Terms are rdflib terms, as
``kg.rdf.build.StatementBuilder`` yields them.

Measured (triples/s = triples of the graph / seconds):

1. ``kg.rdf.export.GraphWriter``: what ``kg build`` runs, article by article, TriG and Turtle
   side by side (so each triple is serialised twice); split into rdflib -> pyoxigraph term
   conversion (``to_quad``) and the rest;
2. ``pyoxigraph.serialize`` of all quads at once (TriG; and Turtle of the triples);
3. ``pyoxigraph.Store.dump`` (in-memory store, loaded first): TriG and N-Quads; Turtle of one
   named graph is what dump allows for graph formats, so the union is not dumped as Turtle;
4. rdflib's own TriG and Turtle serialisers, on the first ``--rdflib-triples`` (rdflib is slow:
   extrapolate with care, its cost is roughly linear).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.rdf.export import GraphWriter, to_quad, to_term
from kg.rdf.iri import article_iri, entity_iri, fact_iri, graph_iri, role_iri, text_iri
from kg.rdf.namespaces import ITSRDF, KG, NIF, ORG, OWL, PREFIXES, PROV, RDF, RDFS, SCHEMA, SKOS, WD

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_build import RssSampler  # noqa: E402

WORDS = [
    "the",
    "minister",
    "said",
    "mission",
    "forces",
    "training",
    "border",
    "council",
    "talks",
    "agreement",
    "region",
    "country",
    "pilots",
    "instructors",
    "handover",
    "command",
    "funding",
    "security",
    "observers",
    "ceasefire",
    "report",
    "officials",
    "aid",
]
ROLES = [
    "Defence Minister",
    "Foreign Minister",
    "Prime Minister",
    "commander",
    "lead nation",
    "ambassador",
    "Secretary General",
    "spokesman",
    "President",
    "General",
]
MIB = 1024 * 1024

Quad = tuple


def synthesise(target: int, seed: int = 0) -> tuple[list[list[Quad]], list[Quad]]:
    """Per-article chunks of named-graph quads, and the default-graph quads; ~``target`` in all."""
    r = random.Random(seed)
    n_entities = max(200, target // 60)
    entities = [
        (r.choice(["person", "organization", "place"]), f"Name{i} Surname{r.randint(0, 99999)}")
        for i in range(n_entities)
    ]
    chunks: list[list[Quad]] = []
    default: list[Quad] = []
    used: set[int] = set()
    total = 0
    i = 0
    while total < target:
        h = f"{r.getrandbits(256):064x}"
        a, g = article_iri(h), graph_iri(h)
        text = " ".join(r.choice(WORDS) for _ in range(r.randint(450, 750)))
        ctx = text_iri(a, 0, len(text))
        q: list[Quad] = [
            (ctx, RDF.type, NIF.Context, g),
            (ctx, NIF.isString, Literal(text), g),
            (ctx, NIF.beginIndex, Literal(0), g),
            (ctx, NIF.endIndex, Literal(len(text)), g),
            (ctx, NIF.sourceUrl, a, g),
        ]
        mentioned = set()

        def span(node, cls, start, end, q=q, g=g, ctx=ctx, text=text):
            q.extend(
                [
                    (node, RDF.type, cls, g),
                    (node, NIF.referenceContext, ctx, g),
                    (node, NIF.anchorOf, Literal(text[start:end]), g),
                    (node, NIF.beginIndex, Literal(start), g),
                    (node, NIF.endIndex, Literal(end), g),
                ]
            )

        for _ in range(r.randint(40, 80)):
            e = r.randrange(n_entities)
            used.add(e)
            ent = entity_iri(*entities[e])
            mentioned.add(ent)
            start = r.randrange(len(text) - 20)
            phrase = text_iri(a, start, start + 12)
            span(phrase, NIF.Phrase, start, start + 12)
            q.append((phrase, ITSRDF.taIdentRef, ent, g))
        q.extend((a, SCHEMA.mentions, e, g) for e in sorted(mentioned))
        for _ in range(r.randint(3, 12)):
            member, org = (
                entity_iri(*entities[r.randrange(n_entities)]),
                entity_iri(*entities[r.randrange(n_entities)]),
            )
            role = role_iri(r.choice(ROLES))
            node = fact_iri("membership", member, role, org)
            q.extend(
                [
                    (node, RDF.type, ORG.Membership, g),
                    (node, ORG.member, member, g),
                    (node, ORG.role, role, g),
                    (node, ORG.organization, org, g),
                ]
            )
            start = r.randrange(len(text) - 200)
            sentence = text_iri(a, start, start + 150)
            span(sentence, NIF.Sentence, start, start + 150)
            q.extend(
                [
                    (sentence, RDF.type, KG.EvidenceSentence, g),
                    (node, KG.evidence, sentence, g),
                    (node, PROV.wasDerivedFrom, a, g),
                ]
            )
        for _ in range(r.randint(2, 9)):
            start = r.randrange(len(text) - 200)
            words = text[start : start + 80]
            node = fact_iri("quotation", words)
            q.extend(
                [
                    (node, RDF.type, SCHEMA.Quotation, g),
                    (node, SCHEMA.text, Literal(words), g),
                    (node, SCHEMA.creator, entity_iri(*entities[r.randrange(n_entities)]), g),
                ]
            )
            phrase = text_iri(a, start, start + 80)
            span(phrase, NIF.Phrase, start, start + 80)
            q.append((node, KG.quoteSpan, phrase, g))
            sentence = text_iri(a, start - 10, start + 120)
            span(sentence, NIF.Sentence, start - 10, start + 120)
            q.extend(
                [
                    (sentence, RDF.type, KG.EvidenceSentence, g),
                    (node, KG.evidence, sentence, g),
                    (node, PROV.wasDerivedFrom, a, g),
                ]
            )
        chunks.append(q)
        default += [
            (g, PROV.wasDerivedFrom, a, None),
            (a, RDF.type, SCHEMA.NewsArticle, None),
            (a, SCHEMA.identifier, Literal(f"bench_{i:05d}.txt"), None),
            (a, KG.contentHash, Literal(h), None),
            (a, SCHEMA.headline, Literal(text[:70]), None),
            (a, SCHEMA.datePublished, Literal(date(2020, 1, 1 + i % 28)), None),
            (a, SCHEMA.publisher, entity_iri("organization", f"Publisher {i % 20}"), None),
        ]
        total += len(q) + 7
        i += 1
    for e in sorted(used):
        kind, name = entities[e]
        node = entity_iri(kind, name)
        default += [
            (node, RDF.type, SCHEMA[kind.capitalize()], None),
            (node, RDFS.label, Literal(name), None),
            (node, SCHEMA.alternateName, Literal(name.split()[-1]), None),
        ]
        if e % 7 == 0:
            default.append((node, OWL.sameAs, WD[f"Q{e}"], None))
    for label in ROLES:
        node = role_iri(label)
        default += [
            (node, RDF.type, ORG.Role, None),
            (node, RDF.type, SKOS.Concept, None),
            (node, RDFS.label, Literal(label), None),
            (node, SKOS.prefLabel, Literal(label, lang="en"), None),
        ]
    return chunks, default


# --- what-if writers: the fixes suggested for kg.rdf.export, measured on the same quads ---------
class MemoWriter(GraphWriter):
    """Fix A: NamedNodes memoised per IRI, ``Quad.triple`` for Turtle, only the head's prefix lines cut."""

    def __init__(self, trig: Path, turtle: Path) -> None:
        super().__init__(trig, turtle)
        self._nodes: dict[str, ox.NamedNode] = {}

    def _term(self, t):
        if type(t) is URIRef:
            node = self._nodes.get(t)
            if node is None:
                node = self._nodes[t] = ox.NamedNode(t)
                if len(self._nodes) > 200_000:  # bounded: most repeats are predicates, classes, entities
                    self._nodes.clear()
            return node
        if type(t) is Literal:
            if t.language:
                return ox.Literal(t, language=t.language)
            return ox.Literal(t, datatype=self._term(t.datatype)) if t.datatype else ox.Literal(t)
        return to_term(t)

    def write(self, quads) -> None:
        term, default = self._term, ox.DefaultGraph()
        ox_quads = [
            ox.Quad(term(s), term(p), term(o), default if g is None else term(g)) for s, p, o, g in quads
        ]
        if not ox_quads:
            return
        self.count += len(ox_quads)
        self._emit(0, ox.serialize(ox_quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES))
        self._emit(
            1, ox.serialize([q.triple for q in ox_quads], format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        )

    def _emit(self, i: int, data: bytes) -> None:
        if self._started[i]:
            data = strip_prefix_head(data)
        self._started[i] = True
        self._files[i].write(data)
        self._files[i].write(b"\n")


def strip_prefix_head(data: bytes) -> bytes:
    """Drop the @prefix lines at the top of a pyoxigraph serialisation (and only there)."""
    pos = 0
    while data.startswith(b"@prefix ", pos):
        pos = data.index(b"\n", pos) + 1
    return data[pos:]


def _nt(t) -> str:
    if type(t) is URIRef:
        return f"<{t}>"
    if type(t) is Literal:
        text = json.dumps(str(t), ensure_ascii=False)
        if t.language:
            return f"{text}@{t.language}"
        return f"{text}^^<{t.datatype}>" if t.datatype else text
    raise TypeError(f"no blank nodes expected: {t!r}")


class TextWriter(MemoWriter):
    """Fix B: statements as N-Quads text, parsed and pretty-printed by pyoxigraph (no Python term objects)."""

    def write(self, quads) -> None:
        lines, triples = [], []
        for s, p, o, g in quads:
            spo = f"{_nt(s)} {_nt(p)} {_nt(o)}"
            lines.append(f"{spo} <{g}> .\n" if g is not None else f"{spo} .\n")
            triples.append(f"{spo} .\n")
        if not lines:
            return
        self.count += len(lines)
        nq = "".join(lines).encode()
        self._emit(
            0,
            ox.serialize(
                ox.parse(nq, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.TRIG, prefixes=PREFIXES
            ),
        )
        nt = "".join(triples).encode()
        self._emit(
            1,
            ox.serialize(
                ox.parse(nt, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES
            ),
        )


def same_quads(a: Path, b: Path) -> bool:
    fmt = ox.RdfFormat.TRIG if a.suffix == ".trig" else ox.RdfFormat.TURTLE
    return {str(q) for q in ox.parse(path=a, format=fmt)} == {str(q) for q in ox.parse(path=b, format=fmt)}


def rate(n: int, s: float) -> str:
    return f"{n / s:,.0f}"


class Rows:
    """Each measurement the best of ``repeat`` runs, wall-clock and CPU (CPU is steadier on a busy box)."""

    def __init__(self, repeat: int) -> None:
        self.repeat = repeat
        self.rows: list[tuple[str, int, float, float, str]] = []

    def measure(self, name: str, n: int, fn, note=lambda result: "", repeat: int | None = None):
        best_wall = best_cpu = float("inf")
        result = None
        for _ in range(repeat or self.repeat):
            w, c = time.perf_counter(), time.process_time()
            result = fn()
            best_wall, best_cpu = (
                min(best_wall, time.perf_counter() - w),
                min(best_cpu, time.process_time() - c),
            )
        self.rows.append((name, n, best_wall, best_cpu, note(result)))
        print(
            f"{name}: {best_wall:.2f} s wall, {best_cpu:.2f} s CPU = {rate(n, best_wall)} triples/s "
            f"(CPU: {rate(n, best_cpu)})",
            flush=True,
        )
        return result

    def add(self, name: str, n: int, wall: float, cpu: float, note: str = "") -> None:
        self.rows.append((name, n, wall, cpu, note))

    def table(self) -> str:
        out = [
            "| what | triples | wall s | triples/s | CPU s | triples/CPU-s | note |",
            "|---|---:|---:|---:|---:|---:|---|",
        ]
        for name, n, wall, cpu, note in self.rows:
            out.append(
                f"| {name} | {n:,} | {wall:.2f} | {rate(n, wall)} | {cpu:.2f} | {rate(n, cpu)} | {note} |"
            )
        return "\n".join(out)


def write_with(cls, folder: Path, chunks: list[list[Quad]], default: list[Quad]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with cls(folder / "graph.trig", folder / "graph.ttl") as writer:
        for chunk in chunks:
            writer.write(chunk)
        writer.write(default)
    return folder


def nquads_text(chunk: list[Quad]) -> tuple[bytes, bytes]:
    nq = "".join(
        f"{_nt(s)} {_nt(p)} {_nt(o)}" + (f" <{g}> .\n" if g is not None else " .\n") for s, p, o, g in chunk
    ).encode()
    nt = "".join(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o, _g in chunk).encode()
    return nq, nt


def serialise_texts(texts: list[tuple[bytes, bytes]], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "graph.trig", "wb") as trig, open(folder / "graph.ttl", "wb") as ttl:
        for i, (nq, nt) in enumerate(texts):
            data = ox.serialize(
                ox.parse(nq, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.TRIG, prefixes=PREFIXES
            )
            trig.write(strip_prefix_head(data) if i else data)
            data = ox.serialize(
                ox.parse(nt, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES
            )
            ttl.write(strip_prefix_head(data) if i else data)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--triples", type=int, default=1_000_000)
    p.add_argument("--rdflib-triples", type=int, default=100_000, help="0: skip rdflib")
    p.add_argument("--repeat", type=int, default=3, help="best of this many runs (default 3)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--workdir")
    args = p.parse_args(argv)
    work = Path(args.workdir or tempfile.mkdtemp(prefix="kg-export-"))
    work.mkdir(parents=True, exist_ok=True)

    t = time.perf_counter()
    chunks, default = synthesise(args.triples, args.seed)
    n = sum(map(len, chunks)) + len(default)
    print(
        f"synthesised {n:,} quads ({len(chunks)} article graphs, {len(default):,} in the default graph) "
        f"in {time.perf_counter() - t:.1f} s; load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    rows = Rows(args.repeat)

    # 1. GraphWriter, as kg build runs it, and its parts
    with RssSampler() as mem:
        rows.measure(
            "GraphWriter (kg build): TriG + Turtle, per article",
            n,
            lambda: write_with(GraphWriter, work / "kg", chunks, default),
            lambda out: (
                f"TriG {(out / 'graph.trig').stat().st_size / MIB:.0f} MiB, "
                f"Turtle {(out / 'graph.ttl').stat().st_size / MIB:.0f} MiB"
            ),
        )
    print(
        f"  peak RSS during GraphWriter {mem.peak_self / MIB:.0f} MiB (quads held in memory by the benchmark)"
    )
    ox_chunks = rows.measure(
        "&nbsp;&nbsp;part: to_quad (rdflib -> pyoxigraph terms)",
        n,
        lambda: [[to_quad(x) for x in chunk] for chunk in [*chunks, default]],
    )
    rows.measure(
        "&nbsp;&nbsp;part: ox.Triple(...) for the Turtle copy",
        n,
        lambda: [[ox.Triple(q.subject, q.predicate, q.object) for q in c] for c in ox_chunks],
    )
    rows.measure(
        "&nbsp;&nbsp;part: ox.serialize TriG + Turtle per article (terms ready)",
        n,
        lambda: [
            (
                ox.serialize(c, format=ox.RdfFormat.TRIG, prefixes=PREFIXES),
                ox.serialize([q.triple for q in c], format=ox.RdfFormat.TURTLE, prefixes=PREFIXES),
            )
            for c in ox_chunks
        ],
    )

    # what-if: the suggested fixes, checked to write the same quads
    for cls, label in (
        (MemoWriter, "what-if fix A: memoised NamedNodes, Quad.triple, prefix head only"),
        (TextWriter, "what-if fix B: N-Quads text, parsed + serialised by pyoxigraph"),
    ):
        rows.measure(
            label,
            n,
            lambda cls=cls: write_with(cls, work / cls.__name__, chunks, default),
            lambda out: (
                "same quads as GraphWriter: "
                + str(all(same_quads(work / "kg" / f, out / f) for f in ("graph.trig", "graph.ttl")))
            ),
        )
    texts = [nquads_text(c) for c in [*chunks, default]]
    rows.measure(
        "&nbsp;&nbsp;fix B, pyoxigraph part only (statements arrive as N-Quads text)",
        n,
        lambda: serialise_texts(texts, work / "rust"),
    )
    texts = []

    # 2. pyoxigraph.serialize, all at once
    ox_quads = [q for c in ox_chunks for q in c]
    ox_chunks = []
    rows.measure(
        "pyoxigraph.serialize, all quads at once: TriG",
        n,
        lambda: ox.serialize(ox_quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES),
        lambda data: f"{len(data) / MIB:.0f} MiB",
    )
    triples = [q.triple for q in ox_quads]
    rows.measure(
        "pyoxigraph.serialize, all triples at once: Turtle",
        n,
        lambda: ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES),
        lambda data: f"{len(data) / MIB:.0f} MiB",
    )
    triples = []

    # 3. Store.dump
    store = ox.Store()
    rows.measure(
        "pyoxigraph Store (in memory): bulk_extend, for scale",
        n,
        lambda: store.bulk_extend(ox_quads),
        repeat=1,
    )
    ox_quads = []
    for fmt, name in ((ox.RdfFormat.TRIG, "TriG"), (ox.RdfFormat.N_QUADS, "N-Quads")):
        target = work / f"dump.{name.lower()}"
        extra = {"prefixes": PREFIXES} if fmt == ox.RdfFormat.TRIG else {}
        rows.measure(
            f"pyoxigraph Store.dump: {name} to a file",
            n,
            lambda fmt=fmt, target=target, extra=extra: store.dump(str(target), format=fmt, **extra),
            lambda _r, target=target: f"{target.stat().st_size / MIB:.0f} MiB",
        )
    store = ox.Store()

    # 4. rdflib
    if args.rdflib_triples:
        from rdflib import Dataset, Graph

        subset: list[Quad] = []
        for chunk in chunks:
            subset += chunk
            if len(subset) >= args.rdflib_triples:
                break
        ds, graph = Dataset(), Graph()
        for s_, p_, o_, g_ in subset:
            ds.add((s_, p_, o_, g_))
            graph.add((s_, p_, o_))
        for prefix, iri in PREFIXES.items():
            ds.bind(prefix, iri)
            graph.bind(prefix, iri)
        rows.measure(
            "rdflib Dataset.serialize: TriG (subset)",
            len(subset),
            lambda: ds.serialize(format="trig"),
            repeat=1,
        )
        rows.measure(
            "rdflib Graph.serialize: Turtle (subset)",
            len(subset),
            lambda: graph.serialize(format="turtle"),
            repeat=1,
        )

    print(
        f"\n{n:,} quads; python {sys.version.split()[0]}, pyoxigraph {ox.__version__}, "
        f"best of {args.repeat}, "
        f"load average {os.getloadavg()[0]:.1f}\n"
    )
    print(rows.table())
    print("\ntarget: export > 200,000 triples/s (GraphWriter row)")
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
