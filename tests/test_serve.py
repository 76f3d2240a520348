"""``kg serve``: a real uvicorn in a subprocess on a free loopback port, asked with SPARQLWrapper, httpx."""

from __future__ import annotations

import csv
import io
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.cli import main, make_parser
from kg.query import load_store

SAMPLE = Path(__file__).parent / "data" / "query_sample.trig"
PEOPLE = "SELECT ?person ?label WHERE { ?person a schema:Person ; rdfs:label ?label } ORDER BY ?label"
LABELS = ["Clay Curtis", "Jens Stoltenberg", "Jim Mattis", "Mette Frederiksen"]
#: Every triple four times over: 366^4 rows, far beyond any timeout on either backend.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@dataclass
class Server:
    base: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def sparql(self) -> str:
        return f"{self.base}/sparql"

    def wrapper(self, query: str, fmt: str = JSON) -> SPARQLWrapper:
        sw = SPARQLWrapper(self.sparql)
        sw.setQuery(query)
        sw.setReturnFormat(fmt)
        sw.setTimeout(30)
        return sw


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running(graph: Path, workdir: Path, timeout: float = 1.0) -> Iterator[Server]:
    """``kg serve GRAPH`` in a subprocess until the block ends; waits until it answers."""
    port, log = free_port(), workdir / f"serve-{time.monotonic_ns()}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", str(graph), "--port", str(port), "--timeout", str(timeout)],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=workdir,
        )
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_until_up(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(server: Server) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(f"kg serve exited: {server.log.read_text()}")
        try:
            httpx.get(server.base + "/", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"kg serve did not answer within 60 s: {server.log.read_text()}")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running(SAMPLE, tmp_path_factory.mktemp("serve")) as s:
        yield s


@pytest.fixture(scope="module")
def store_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """An output folder with graph.html beside the store folder it serves."""
    out = tmp_path_factory.mktemp("serve-store")
    load_store(SAMPLE, out / "store")
    (out / "graph.html").write_text("<!doctype html><title>the view</title><p>drawn graph</p>\n")
    with running(out / "store", out) as s:
        yield s


# --- SELECT in each format, with SPARQLWrapper -------------------------------------------------
def test_select_json(server: Server) -> None:
    data = server.wrapper(PEOPLE, JSON).queryAndConvert()
    assert [b["label"]["value"] for b in data["results"]["bindings"]] == LABELS  # type: ignore[index]


def test_select_xml(server: Server) -> None:
    document = server.wrapper(PEOPLE, XML).queryAndConvert()
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]  # type: ignore[union-attr]
    assert literals == LABELS


def test_select_csv(server: Server) -> None:
    body = server.wrapper(PEOPLE, CSV).queryAndConvert()
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))  # type: ignore[union-attr]
    assert rows[0] == ["person", "label"] and [r[1] for r in rows[1:]] == LABELS


def test_select_tsv(server: Server) -> None:
    lines = server.wrapper(PEOPLE, TSV).queryAndConvert().decode("utf-8").splitlines()  # type: ignore[union-attr]
    assert lines[0] == "?person\t?label" and lines[2].endswith('\t"Jens Stoltenberg"')


def test_select_by_post_form(server: Server) -> None:
    sw = server.wrapper(PEOPLE, JSON)
    sw.setMethod(POST)
    data = sw.queryAndConvert()
    assert len(data["results"]["bindings"]) == 4  # type: ignore[index]


def test_select_by_post_direct(server: Server) -> None:
    sw = server.wrapper(PEOPLE, JSON)
    sw.setMethod(POST)
    sw.setRequestMethod(POSTDIRECTLY)
    data = sw.queryAndConvert()
    assert len(data["results"]["bindings"]) == 4  # type: ignore[index]


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        (None, "application/sparql-results+json"),
    ],
)
def test_content_negotiation(server: Server, accept: str | None, media_type: str) -> None:
    headers = {"Accept": accept} if accept else {}
    response = httpx.get(server.sparql, params={"query": PEOPLE}, headers=headers, timeout=30)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type


def test_post_sparql_query_body(server: Server) -> None:
    response = httpx.post(
        server.sparql,
        content=PEOPLE.encode(),
        timeout=30,
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert response.status_code == 200 and response.text.count("\r\n") == 5


# --- ASK and CONSTRUCT ------------------------------------------------------------------------
def test_ask(server: Server) -> None:
    assert server.wrapper("ASK { ?m a kg:Mission }", JSON).queryAndConvert() == {"head": {}, "boolean": True}
    sw = server.wrapper("ASK { ?p a schema:Event }", XML)
    boolean = sw.queryAndConvert().getElementsByTagName("boolean")[0]  # type: ignore[union-attr]
    assert boolean.firstChild.data == "false"


def test_construct_turtle(server: Server) -> None:
    query = "CONSTRUCT { ?m rdfs:label ?l } WHERE { ?m a kg:Mission ; rdfs:label ?l }"
    body = server.wrapper(query, TURTLE).queryAndConvert()
    expected = Graph()
    expected.add(
        (
            URIRef("https://w3id.org/kg-news/id/organization/nato-mission-iraq"),
            URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
            Literal("NATO Mission Iraq"),
        )
    )
    assert isomorphic(Graph().parse(data=body, format="turtle"), expected)  # type: ignore[arg-type]
    response = httpx.get(server.sparql, params={"query": query}, timeout=30)  # no Accept: Turtle
    assert response.headers["content-type"].startswith("text/turtle")


def test_construct_rdfxml_by_default_in_sparqlwrapper(server: Server) -> None:
    graph = server.wrapper("DESCRIBE <https://w3id.org/kg-news/id/place/denmark>", XML).queryAndConvert()
    assert isinstance(graph, Graph) and Literal("Denmark") in set(graph.objects())


# --- what is refused ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "request_kwargs",
    [
        {
            "method": "POST",
            "content": b"INSERT DATA { <a:b> <a:c> <a:d> }",
            "headers": {"Content-Type": "application/sparql-update"},
        },
        {"method": "POST", "data": {"update": "DROP ALL"}},
        {"method": "GET", "params": {"query": "insert data { <a:b> <a:c> <a:d> }"}},
        {"method": "POST", "data": {"query": "LOAD <http://example.org/x.ttl>"}},
        {
            "method": "POST",
            "content": b"CLEAR DEFAULT",
            "headers": {"Content-Type": "application/sparql-query"},
        },
    ],
)
def test_updates_are_refused(server: Server, request_kwargs: dict) -> None:  # type: ignore[type-arg]
    response = httpx.request(url=server.sparql, timeout=30, **request_kwargs)
    assert response.status_code == 403 and "read-only" in response.text
    assert httpx.get(server.sparql, params={"query": "ASK { ?s ?p ?o }"}, timeout=30).text.count("true") == 1


def test_update_through_sparqlwrapper_is_refused(server: Server) -> None:
    sw = server.wrapper("INSERT DATA { <a:b> <a:c> <a:d> }")
    sw.setMethod(POST)
    with pytest.raises(HTTPError) as caught:
        sw.query()
    caught.value.close()  # urllib keeps the connection open in the error
    assert caught.value.code == 403


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "select * where { ?x ?y ?z { select ?s where { service silent <http://127.0.0.1:9/> { ?s ?p ?o } } } }",
        "ASK { FILTER EXISTS { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
    ],
)
def test_service_is_refused(server: Server, query: str) -> None:
    response = httpx.get(server.sparql, params={"query": query}, timeout=30)
    assert response.status_code == 403 and "SERVICE is refused" in response.text


def test_from_is_refused(server: Server) -> None:
    response = httpx.get(server.sparql, params={"query": "SELECT * FROM <http://127.0.0.1:9/x> { ?s ?p ?o }"})
    assert response.status_code == 403 and "FROM" in response.text


def test_malformed_query_is_400_with_the_parsers_message(server: Server) -> None:
    response = httpx.get(server.sparql, params={"query": "SELEC ?x WHERE { ?x ?p ?o }"}, timeout=30)
    assert response.status_code == 400
    assert response.text.startswith("malformed query: Expected") and "'SELEC'" in response.text
    with pytest.raises(QueryBadFormed) as caught:
        server.wrapper("SELECT ?x WHERE { ?x ?p }").query()
    assert isinstance(caught.value.__context__, HTTPError)
    caught.value.__context__.close()  # SPARQLWrapper leaves urllib's connection open


@pytest.mark.parametrize(
    ("request_kwargs", "status", "message"),
    [
        ({"method": "GET"}, 400, "give exactly one query"),
        (
            {"method": "GET", "params": [("query", "ASK {}"), ("query", "ASK {}")]},
            400,
            "give exactly one query",
        ),
        ({"method": "GET", "params": {"query": "ASK {}", "default-graph-uri": "a:g"}}, 400, "not supported"),
        (
            {"method": "POST", "content": b"ASK {}", "headers": {"Content-Type": "text/plain"}},
            415,
            "POST a query",
        ),
    ],
)
def test_bad_requests(server: Server, request_kwargs: dict, status: int, message: str) -> None:  # type: ignore[type-arg]
    response = httpx.request(url=server.sparql, timeout=30, **request_kwargs)
    assert response.status_code == status and message in response.text


# --- slow queries are stopped ------------------------------------------------------------------
def test_slow_query_is_stopped_and_the_server_goes_on(server: Server) -> None:
    response = httpx.get(server.sparql, params={"query": SLOW}, timeout=60)
    assert response.status_code == 503 and "was stopped" in response.text
    # the stopped worker is replaced; the endpoint keeps answering
    for _ in range(3):
        again = httpx.get(server.sparql, params={"query": "ASK { ?m a kg:Mission }"}, timeout=60)
        assert again.status_code == 200 and again.json()["boolean"] is True


def test_other_workers_answer_while_one_is_busy(server: Server) -> None:
    slow: list[httpx.Response] = []
    thread = threading.Thread(
        target=lambda: slow.append(httpx.get(server.sparql, params={"query": SLOW}, timeout=60))
    )
    thread.start()
    try:
        quick = httpx.get(server.sparql, params={"query": "ASK { ?p a schema:Person }"}, timeout=60)
        assert quick.status_code == 200 and quick.json()["boolean"] is True
    finally:
        thread.join(timeout=60)
    assert slow[0].status_code == 503


# --- the view, the store, the process ----------------------------------------------------------
def test_index_without_a_view_says_how_to_draw_one(server: Server) -> None:
    response = httpx.get(server.base + "/", timeout=30)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "kg view" in response.text and 'action="sparql"' in response.text


def test_index_serves_the_graph_html_beside_the_graph(store_server: Server) -> None:
    response = httpx.get(store_server.base + "/", timeout=30)
    assert response.status_code == 200 and "drawn graph" in response.text


def test_store_answers_the_same(store_server: Server, server: Server) -> None:
    for query in (
        PEOPLE,
        "SELECT ?g (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    ):
        ours, theirs = (
            httpx.get(s.sparql, params={"query": query}, timeout=30).json() for s in (store_server, server)
        )
        assert ours == theirs
    assert "Oxigraph store" in store_server.log.read_text()


def test_slow_query_on_the_store_is_stopped(store_server: Server) -> None:
    response = httpx.get(store_server.sparql, params={"query": SLOW}, timeout=60)
    assert response.status_code == 503
    assert httpx.get(store_server.sparql, params={"query": PEOPLE}, timeout=60).status_code == 200


def test_listens_on_loopback_by_default() -> None:
    assert make_parser().parse_args(["serve", "graph.trig"]).host == "127.0.0.1"


def test_shutdown_leaves_no_worker_behind(tmp_path: Path) -> None:
    with running(SAMPLE, tmp_path) as server:
        children = _children(server.process.pid)
        assert len(children) >= 2  # the workers (and multiprocessing's resource tracker)
    deadline = time.monotonic() + 20
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in children if _alive(pid)]


def test_a_graph_that_cannot_be_read_fails_before_listening(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a:b> <a:c> .\n")
    assert main(["serve", str(broken), "--port", str(free_port())]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert main(["serve", str(tmp_path / "missing.trig")]) == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    shutil.copy(SAMPLE, tmp_path / "other.trig")
    assert main(["serve", str(empty)]) == 2


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "\nState:\tZ" in status.read_text())
