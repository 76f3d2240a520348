"""Every ready-made question on a real build of the shipped sample corpus (kg/sample), from the files
and from the store ``kg build --store`` writes. Expected facts come from kg/sample/EXPECTED.md."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.config import SAMPLE_DIR
from kg.query import GraphSource, get_question, list_questions, open_graph, questions

pytestmark = pytest.mark.slow
SAMPLE_FILES = {p.name for p in SAMPLE_DIR.glob("*.txt")}
Rows = list[dict[str, str | None]]


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """``kg build --output DIR --store DIR/store`` on the sample corpus, once per session."""
    out = tmp_path_factory.mktemp("sample-build")
    done = subprocess.run(
        [sys.executable, "-m", "kg", "build", "--output", str(out), "--store", str(out / "store"), "--quiet"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    yield out


@pytest.fixture(scope="session", params=["memory", "store"])
def sample(request: pytest.FixtureRequest, sample_build: Path) -> GraphSource:
    source = open_graph(sample_build if request.param == "memory" else sample_build / "store")
    assert source.kind == request.param
    return source


def ask(source: GraphSource, question: str, /, **bindings: str) -> Rows:
    return questions.ask(source, get_question(question), bindings).records()


def identifiers(rows: Rows, column: str = "articles") -> set[str]:
    return {name for row in rows if row[column] for name in row[column].split(", ")}  # type: ignore[union-attr]


@pytest.mark.parametrize("question", [q.name for q in list_questions()])
def test_every_question_answers(sample: GraphSource, question: str) -> None:
    assert ask(sample, question)


def test_both_backends_agree(sample_build: Path) -> None:
    memory, store = open_graph(sample_build), open_graph(sample_build / "store")
    for question in list_questions():
        assert len(memory.query(question.text)) == len(store.query(question.text)), question.name


def test_posts(sample: GraphSource) -> None:
    rows = ask(sample, "posts")
    assert all(r["person"] and r["role"] and r["organisation"] for r in rows)
    assert identifiers(rows) <= SAMPLE_FILES
    assert all(int(r["sources"] or 0) == len(r["articles"].split(", ")) for r in rows)  # type: ignore[union-attr]
    posts = {(r["person"], r["role"], r["organisation"]) for r in rows}
    assert ("Aistė Merkytė", "Defence Minister", "Lithuania") in posts
    assert ("Kadri Lõhmus", "Foreign Minister", "Estonia") in posts
    assert {r["person"] for r in ask(sample, "posts", name="Merkytė")} == {"Aistė Merkytė"}


def test_mission_leads(sample: GraphSource) -> None:
    rows = ask(sample, "mission-leads", mission_name="Baltic Air Training")
    countries = [r["country"] for r in rows]
    assert "Norway" in countries and "Poland" in countries
    orders = {r["country"]: int(r["order"]) for r in rows if r["order"]}
    if {"Norway", "Poland"} <= set(orders):
        assert orders["Norway"] < orders["Poland"]  # Norway led first
    assert all(r["begin"] is None or r["begin"].startswith("20") for r in rows)
    assert identifiers(rows) <= SAMPLE_FILES


def test_quotes(sample: GraphSource) -> None:
    rows = ask(sample, "quotes")
    assert any(r["speaker"] for r in rows) and identifiers(rows) <= SAMPLE_FILES
    merkyte = ask(sample, "quotes", name="Merkytė")
    assert any(str(r["quote"]).startswith("The mission has given our air forces") for r in merkyte)
    assert {r["speaker"] for r in merkyte} == {"Aistė Merkytė"}


def test_supporting_articles(sample: GraphSource) -> None:
    rows = ask(sample, "supporting-articles", name="Haugvik")
    assert {r["subject"] for r in rows} == {"Torstein Haugvik"}
    assert {"01_batm_extension.txt", "02_batm_command_change.txt"} <= identifiers(rows, "identifier")
    assert all(r["evidence"] for r in rows)  # every fact points to the sentence it was read from


def test_co_mentions(sample: GraphSource) -> None:
    rows = ask(sample, "co-mentions")
    counts = [int(r["articles"] or 0) for r in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 2
    assert all(r["entity"] != r["other"] for r in rows)


def test_mentions(sample: GraphSource) -> None:
    rows = ask(sample, "mentions", name="Solvang")  # "Solvang" alone in 02 and 04 is the same person
    assert {r["label"] for r in rows} == {"Henrik Solvang"}
    assert identifiers(rows, "identifier") == {
        "01_batm_extension.txt",
        "02_batm_command_change.txt",
        "04_warsaw_batm_funding.txt",
    }
    assert all(int(r["times"] or 0) >= 1 for r in rows)
    assert ask(sample, "mentions", entity="kgr:person/henrik-solvang") == rows


def test_timeline(sample: GraphSource) -> None:
    rows = ask(sample, "timeline")
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates)  # type: ignore[type-var]
    assert {r["event"] for r in rows} <= {"published", "begins", "ends"}
    assert sum(r["event"] == "published" for r in rows) == len(SAMPLE_FILES)  # every article is dated
