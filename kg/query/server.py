"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint at ``/sparql`` and the HTML view at ``/``.

- ``GET /sparql?query=...``, ``POST`` form-encoded (``query=...``) or ``POST`` with
  ``Content-Type: application/sparql-query``. Results as the ``Accept`` header asks: SPARQL JSON
  (default), XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle (default), N-Triples, RDF/XML or JSON-LD.
- Refused with 403: SPARQL Update (``update=``, ``application/sparql-update``, or an update sent as
  a query), ``SERVICE``, and ``FROM``/``FROM NAMED``; decided on the parsed algebra (``check.py``).
  ``default-graph-uri``/``named-graph-uri`` are answered 400: the dataset is fixed.
- Malformed query: 400 with the parser's message. A query running longer than the timeout is
  stopped (its worker process is killed, see ``pool.py``) and answered 503.
- Listens on 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import parse_qs

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from rich.console import Console

from kg.errors import QueryError
from kg.query.pool import Answer, PoolBusy, QueryTimeout, WorkerPool
from kg.query.source import resolve

_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"
_UPDATE = "application/sparql-update"
_READ_ONLY = "this endpoint is read-only: SPARQL Update is refused"


def serve(
    graph_path: Path, *, host: str = "127.0.0.1", port: int = 8000, timeout: float = 10.0, workers: int = 2
) -> None:
    """Serve ``graph_path`` (file, output folder or store folder) until interrupted."""
    kind, target = resolve(graph_path)
    pool = WorkerPool(Path(graph_path), workers=workers, timeout=timeout)
    pool.start()  # fails here, before listening, if the graph cannot be read
    try:
        app = create_app(pool, html_beside(Path(graph_path)), title=str(graph_path))
        where = f"http://{host if ':' not in host else f'[{host}]'}:{port}"
        Console(stderr=True, highlight=False, soft_wrap=True).print(
            f"serving {target} ({'Oxigraph store' if kind == 'store' else 'in memory'}, {workers} workers, "
            f"{timeout:g} s per query): view at {where}/ , SPARQL at {where}/sparql"
        )
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        pool.close()


def html_beside(graph_path: Path) -> Path | None:
    """The ``graph.html`` that sits beside the graph (in an output folder, or beside a store folder)."""
    graph_path = Path(graph_path)
    folders = [graph_path, graph_path.parent] if graph_path.is_dir() else [graph_path.parent]
    return next((f / "graph.html" for f in folders if (f / "graph.html").is_file()), None)


def create_app(pool: WorkerPool, view: Path | None, title: str = "graph") -> FastAPI:
    """The ASGI app: ``/`` (the view) and ``/sparql``; queries are answered by ``pool``."""
    app = FastAPI(title="kg SPARQL endpoint", docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/", response_model=None)
    async def index() -> Response:
        if view is not None and view.is_file():
            return FileResponse(view, media_type="text/html")
        return HTMLResponse(_no_view_page(title))

    @app.get("/sparql")
    async def sparql_get(request: Request) -> Response:
        return await _answer(pool, parse_qs(request.url.query, keep_blank_values=True), request)

    @app.post("/sparql")
    async def sparql_post(request: Request) -> Response:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await request.body()
        params = parse_qs(request.url.query, keep_blank_values=True)
        if content_type == _UPDATE:
            return _refuse(403, _READ_ONLY)
        if content_type == _FORM:
            try:
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
            except UnicodeDecodeError:
                return _refuse(400, "the form is not UTF-8")
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        elif content_type == _QUERY:
            try:
                params.setdefault("query", []).append(body.decode("utf-8"))
            except UnicodeDecodeError:
                return _refuse(400, "the query is not UTF-8")
        else:
            return _refuse(415, f"POST a query as {_QUERY} or as a {_FORM} form with query=...")
        return await _answer(pool, params, request)

    return app


async def _answer(pool: WorkerPool, params: dict[str, list[str]], request: Request) -> Response:
    if "update" in params:
        return _refuse(403, _READ_ONLY)
    if "default-graph-uri" in params or "named-graph-uri" in params:
        return _refuse(
            400,
            "default-graph-uri and named-graph-uri are not supported: the default graph "
            "is the union of all graphs; use GRAPH <iri> { ... } for one article's graph",
        )
    queries = params.get("query", [])
    if len(queries) != 1:
        return _refuse(400, "give exactly one query parameter, e.g. /sparql?query=ASK{?s ?p ?o}")
    try:
        reply: Answer = await pool.ask(queries[0], request.headers.get("accept"))
    except (QueryTimeout, PoolBusy) as e:
        return _refuse(503, str(e))
    except QueryError as e:
        return _refuse(500, str(e))
    if reply.status == "refused":
        return _refuse(403, reply.message)
    if reply.status != "ok":
        return _refuse(400, reply.message)
    return Response(reply.body, media_type=reply.media_type, headers={"Vary": "Accept"})


def _refuse(status: int, message: str) -> Response:
    return PlainTextResponse(message + "\n", status_code=status)


def _no_view_page(title: str) -> str:
    name = html.escape(title)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg: {name}</title></head>
<body style="font-family: sans-serif; max-width: 48em; margin: 2em auto">
<h1>{name}</h1>
<p>There is no <code>graph.html</code> beside this graph. Draw one with
<code>kg view {name}</code> (or build with <code>kg build</code>, which writes it), then reload.</p>
<p>The SPARQL endpoint is at <a href="sparql"><code>/sparql</code></a>:</p>
<form action="sparql" method="get">
<textarea name="query" rows="8" cols="80">
SELECT ?person ?label WHERE {{ ?person a schema:Person ; rdfs:label ?label }} LIMIT 20
</textarea>
<p><button type="submit">Run</button></p>
</form>
</body></html>
"""
