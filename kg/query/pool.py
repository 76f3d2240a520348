"""Worker processes that answer queries and can be stopped when a query runs too long.

Neither rdflib nor pyoxigraph can interrupt a running query, and a thread cannot be killed. So the
endpoint never runs a query in its own process: each worker process opens the graph once (an rdflib
Dataset in memory, or the Oxigraph store read-only) and answers one query at a time, parsing,
checking, evaluating and serialising it. The server waits ``timeout`` seconds for the answer; if
none comes the worker is killed (SIGKILL: nothing to clean up, a read-only store included) and a
fresh one is started in its place while the others keep answering.

Workers are started with the ``spawn`` method: a fresh interpreter that inherits no threads or
locks from the server. A replacement re-reads the graph: instant for a store, seconds for a large
file read into rdflib memory, which is one reason to serve big graphs from ``--store``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import signal
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from kg.errors import GraphError, KGError, QueryError
from kg.query.check import QueryRefused, check_query
from kg.query.formats import negotiate, write
from kg.query.source import GraphSource, open_graph

log = logging.getLogger(__name__)
_SPAWN = multiprocessing.get_context("spawn")


class QueryTimeout(QueryError):
    """A query that ran longer than the endpoint's timeout and was stopped."""


class PoolBusy(QueryError):
    """Every worker stayed busy (or was restarting) for the whole timeout."""


@dataclass(frozen=True, slots=True)
class Answer:
    """A worker's reply: ``status`` is "ok" (``body`` in ``media_type``), "refused" or "error"."""

    status: str
    body: bytes = b""
    media_type: str = "text/plain"
    message: str = ""


def answer(source: GraphSource, text: str, accept: str | None) -> Answer:
    """Check, run and serialise one query in the format ``accept`` asks for."""
    try:
        checked = check_query(text)
        fmt = negotiate(accept, checked.returns_graph)
        body = write(source.run(checked), fmt.name).encode("utf-8")
    except QueryRefused as e:
        return Answer("refused", message=str(e))
    except QueryError as e:
        return Answer("error", message=str(e))
    return Answer("ok", body=body, media_type=fmt.media_type)


def _worker_main(graph: Path, conn: Connection) -> None:
    """A worker: open the graph, say so, then answer ``(text, accept)`` requests until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the server stops us
    try:
        source = open_graph(graph)
    except KGError as e:
        conn.send(("failed", str(e)))
        return
    conn.send(("ready", source.kind))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):  # the server is gone
            return
        if request is None:
            return
        try:
            reply = answer(source, *request)
        except Exception as e:  # a bug: report it rather than leave the server waiting
            log.exception("query worker failed")
            reply = Answer("error", message=f"internal error: {type(e).__name__}: {e}")
        conn.send(reply)


@dataclass(eq=False, slots=True)
class _Worker:
    process: BaseProcess
    conn: Connection


class WorkerPool:
    """``workers`` processes answering queries on ``graph``, each stopped after ``timeout`` seconds."""

    def __init__(self, graph: Path, *, workers: int = 2, timeout: float = 10.0) -> None:
        if workers < 1 or timeout <= 0:
            raise QueryError("the endpoint needs at least one worker and a timeout above 0 seconds")
        self.graph, self.size, self.timeout = Path(graph), workers, timeout
        self.kind = ""  # "memory" or "store", once started
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    def start(self) -> None:
        """Start every worker and wait until each has opened the graph; GraphError if one cannot."""
        workers = [self._spawn() for _ in range(self.size)]
        try:
            for worker in workers:
                self.kind = self._await_ready(worker)
                self._idle.put_nowait(worker)
        except BaseException:
            self.close()
            raise

    async def ask(self, text: str, accept: str | None) -> Answer:
        """Answer ``text`` on an idle worker: QueryTimeout if it runs too long, PoolBusy if no worker
        frees up in time."""
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout=self.timeout)
        except TimeoutError:
            busy = f"every query worker stayed busy for {self.timeout:g} s; try again later"
            raise PoolBusy(busy) from None
        healthy = False
        try:
            worker.conn.send((text, accept))
            reply = await asyncio.to_thread(_reply_within, worker.conn, self.timeout)
            if reply is None:
                raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped")
            healthy = True
            return reply
        except (EOFError, OSError) as e:
            raise QueryError(f"the query worker stopped unexpectedly ({type(e).__name__})") from e
        finally:
            if healthy:
                self._idle.put_nowait(worker)
            else:  # timed out, died, or this request was cancelled mid-query: start afresh
                self._replace(worker)

    def close(self) -> None:
        """Stop every worker (politely, then by force)."""
        for task in self._tasks:
            task.cancel()
        for worker in list(self._all):
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        for worker in list(self._all):
            worker.process.join(timeout=2)
            self._kill(worker)

    def _spawn(self) -> _Worker:
        ours, theirs = _SPAWN.Pipe()
        process = _SPAWN.Process(
            target=_worker_main, args=(self.graph, theirs), daemon=True, name="kg-query-worker"
        )
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        self._all.add(worker)
        return worker

    def _await_ready(self, worker: _Worker) -> str:
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            message = ("failed", f"the query worker exited with status {worker.process.exitcode}")
        if message[0] != "ready":
            self._kill(worker)
            raise GraphError(message[1])
        return str(message[1])

    def _replace(self, worker: _Worker) -> None:
        self._kill(worker)
        fresh = self._spawn()
        task = asyncio.get_running_loop().create_task(self._enlist(fresh))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _enlist(self, worker: _Worker) -> None:
        try:
            await asyncio.to_thread(self._await_ready, worker)
        except GraphError as e:
            log.error("a replacement query worker could not open the graph: %s", e)
            return
        self._idle.put_nowait(worker)

    def _kill(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join(timeout=5)
        with contextlib.suppress(OSError):
            worker.conn.close()
        self._all.discard(worker)


def _reply_within(conn: Connection, timeout: float) -> Answer | None:
    return conn.recv() if conn.poll(timeout) else None
