"""The HTML view in headless Chromium: draws offline, shows sources on click, runs no injected code.

Skipped when /usr/bin/chromium or playwright is missing. Every page is opened from file:// and
must make no request but for itself (and data: URLs), log no console error and open no dialog.
Screenshots are saved under each test's tmp_path. The page's Content-Security-Policy forbids
eval, so predicates given to ``wait_for_function`` must be written as functions ("() => ...").
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from test_view import HOSTILE, HOSTILE_STRINGS, SAMPLE, sparql_node_count, synthetic_dataset

from kg.view import ViewConfig, load_graph, project, write_view, write_view_from_dataset

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STOLTENBERG = "https://w3id.org/kg-news/id/person/jens-stoltenberg"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@dataclass
class Opened:
    """A page and everything it did that a test may object to."""

    page: object
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(("file://", "data:"))]

    def check_clean(self) -> None:
        assert self.errors == []
        assert self.foreign_requests() == []
        assert self.dialogs == []


@pytest.fixture
def open_view(browser, tmp_path):
    contexts = []

    def open_(html: Path) -> Opened:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page)
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on("request", lambda r: opened.requests.append(r.url))
        page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
        page.goto(html.resolve().as_uri())
        page.wait_for_function("() => window.kgView && window.kgView.ready", timeout=60_000)
        return opened

    yield open_
    for context in contexts:
        context.close()


def node_on_screen(page, iri: str) -> dict:
    """Where a node is drawn, in page coordinates."""
    return page.evaluate(
        """(iri) => {
            const id = kgView.nodeIdOf(iri);
            const at = network.canvasToDOM(network.getPositions([id])[id]);
            const box = document.getElementById("kg-canvas").getBoundingClientRect();
            return {id: id, x: box.left + at.x, y: box.top + at.y};
        }""",
        iri,
    )


def panel_text(page) -> str:
    return page.inner_text("#kg-panel")


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory) -> Path:
    return write_view(SAMPLE, tmp_path_factory.mktemp("sample") / "graph.html")


def test_sample_draws_every_node_offline(open_view, sample_page, tmp_path):
    opened = open_view(sample_page)
    page = opened.page
    assert page.evaluate("nodes.length") == sparql_node_count(load_graph(SAMPLE)) == 14
    assert page.evaluate("network.body.data.nodes.length") == 14
    page.screenshot(path=str(tmp_path / "sample.png"))
    opened.check_clean()


@pytest.fixture(scope="module")
def fifty_page(tmp_path_factory) -> Path:
    return write_view_from_dataset(synthetic_dataset(50, 25), tmp_path_factory.mktemp("fifty") / "graph.html")


@pytest.mark.parametrize("which", ["sample_page", "fifty_page"])
def test_labels_are_legible_without_zooming(open_view, request, which, tmp_path):
    """At 1280x800 the fitted graph keeps node labels at 12 px or more, all inside the canvas."""
    page = open_view(request.getfixturevalue(which)).page
    font = page.evaluate("kgView.data.options.nodes.font.size")
    assert font * page.evaluate("network.getScale()") >= 12
    outside = page.evaluate(
        """() => {
            const box = document.getElementById("kg-canvas").getBoundingClientRect();
            return Object.values(network.getPositions()).map(p => network.canvasToDOM(p))
                .filter(p => p.x < 0 || p.y < 0 || p.x > box.width || p.y > box.height).length;
        }"""
    )
    assert outside == 0
    page.screenshot(path=str(tmp_path / f"{which}.png"))


def test_clicking_a_node_shows_its_sources(open_view, sample_page, tmp_path):
    opened = open_view(sample_page)
    page = opened.page
    where = node_on_screen(page, STOLTENBERG)
    page.mouse.click(where["x"], where["y"])
    page.wait_for_function("() => document.querySelector('#kg-panel h2').textContent === 'Jens Stoltenberg'")
    text = panel_text(page)
    assert "NATO Secretary General Jens Stoltenberg said the alliance would send trainers." in text
    assert "NATO agrees training mission in Iraq" in text  # the headline,
    assert "2018-02-15 · The Jerusalem Post" in text  # date and publisher of a supporting article
    assert "Secretary General ×2" in text
    assert "Our presence will be conditions-based" in text
    assert page.evaluate("network.getSelectedNodes()") == [where["id"]]
    page.screenshot(path=str(tmp_path / "clicked.png"))
    opened.check_clean()


def test_lead_nation_edge_shows_order_and_date(open_view, sample_page):
    page = open_view(sample_page).page
    edge = page.evaluate("kgView.data.edges.find(e => e.label.startsWith('lead nation #2')).id")
    assert page.evaluate("(id) => kgView.showEdge(id)", edge)
    text = panel_text(page)
    assert "Denmark — lead nation #2, from 2020-12-01 — NATO Mission Iraq" in text
    assert "Lead nation number 2" in text and "(“in December”)" in text
    assert "Denmark will take over command of NATO Mission Iraq from Canada in December" in text


def test_search_box_selects_and_describes_a_node(open_view, sample_page):
    page = open_view(sample_page).page
    page.fill("#kg-search", "stoltenb")
    page.press("#kg-search", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == [page.evaluate(f"kgView.nodeIdOf('{STOLTENBERG}')")]
    assert page.inner_text("#kg-panel h2") == "Jens Stoltenberg"
    page.fill("#kg-search", "no such thing")
    page.press("#kg-search", "Enter")
    assert "No node matches" in page.inner_text("#kg-status")


def test_type_filter_hides_a_kind(open_view, sample_page):
    page = open_view(sample_page).page
    visible = "nodes.get({filter: n => !n.hidden}).length"
    page.uncheck("#kg-kind-person")
    assert page.evaluate(visible) == 10
    page.check("#kg-kind-person")
    assert page.evaluate(visible) == 14


def test_hostile_strings_show_as_text_and_never_run(open_view, tmp_path):
    opened = open_view(write_view(HOSTILE, tmp_path / "hostile.html"))
    page = opened.page
    for iri in page.evaluate("Object.values(kgView.data.details.nodes).map(d => d.iri)"):
        where = node_on_screen(page, iri)
        page.mouse.move(where["x"], where["y"])  # the tooltip
        page.wait_for_timeout(250)
        page.mouse.click(where["x"], where["y"])  # the panel
        page.wait_for_timeout(100)
        assert (
            page.evaluate("document.querySelectorAll('#kg-panel *:is(img, iframe, script, b, svg)').length")
            == 0
        )
        hrefs = page.evaluate(
            "[...document.querySelectorAll('#kg-panel a')].map(a => a.getAttribute('href'))"
        )
        assert all(h.startswith("https://") for h in hrefs)
    page.evaluate("kgView.selectNode(kgView.nodeIdOf('https://w3id.org/kg-news/id/person/script'))")
    text = panel_text(page)
    for hostile in HOSTILE_STRINGS[:6]:
        assert hostile in text
    page.wait_for_timeout(600)  # selectNode centres the node with a short animation
    where = node_on_screen(page, "https://w3id.org/kg-news/id/person/script")
    page.mouse.move(where["x"] + 60, where["y"] + 60)
    page.mouse.move(where["x"] + 2, where["y"] + 2, steps=4)
    page.wait_for_function("() => document.querySelector('div.vis-tooltip').style.visibility === 'visible'")
    tooltip = page.evaluate(
        """() => {
            const tip = document.querySelector("div.vis-tooltip");
            return {text: tip.innerText, tags: [...tip.querySelectorAll("*")].map(e => e.tagName)};
        }"""
    )
    assert tooltip["text"].startswith(HOSTILE_STRINGS[0])
    assert set(tooltip["tags"]) <= {"BR"}  # vis-network sets plain-text titles with innerText
    page.screenshot(path=str(tmp_path / "hostile.png"))
    opened.check_clean()


@pytest.fixture(scope="module")
def large_page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("large") / "graph.html"
    return write_view_from_dataset(synthetic_dataset(1500, 900), out, ViewConfig(max_nodes=2000))


def test_a_large_graph_opens_laid_out(open_view, large_page, tmp_path):
    opened = open_view(large_page)
    page = opened.page
    assert page.evaluate("nodes.length") == 1500
    moved = page.evaluate(
        """() => {
            const at = network.getPositions();
            const off = (n) => Math.abs(at[n.id].x - n.x) > 1 || Math.abs(at[n.id].y - n.y) > 1;
            return kgView.data.nodes.filter(off).length;
        }"""
    )
    assert moved == 0  # drawn where Python put them: no physics ran
    page.screenshot(path=str(tmp_path / "large.png"))
    opened.check_clean()


def test_max_nodes_page_says_how_many_were_left_out(open_view, tmp_path):
    out = write_view(SAMPLE, tmp_path / "small.html", ViewConfig(max_nodes=5))
    page = open_view(out).page
    assert page.evaluate("nodes.length") == 5
    assert "9 less connected nodes left out (max nodes: 5)" in page.inner_text("#kg-legend")


# --- a real build of the sample corpus ----------------------------------------------------------


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """``kg build`` of the sample corpus shipped with kg, once per session."""
    out = tmp_path_factory.mktemp("build")
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    result = subprocess.run(
        [sys.executable, "-m", "kg", "build", "--output", str(out), "-q"],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return out


@pytest.mark.slow
def test_real_build_page_draws_the_graph_it_was_built_with(open_view, built, tmp_path):
    opened = open_view(built / "graph.html")
    page = opened.page
    graph = load_graph(built / "graph.trig")
    expected = sparql_node_count(graph)
    assert expected > 20
    assert page.evaluate("nodes.length") == expected == project(graph).number_of_nodes()
    busiest = max(project(graph).nodes(data=True), key=lambda n: len(n[1]["mentions"]))
    where = node_on_screen(page, busiest[0])
    page.mouse.click(where["x"], where["y"])
    page.wait_for_function(
        "(label) => document.querySelector('#kg-panel h2').textContent === label", arg=busiest[1]["label"]
    )
    assert "Mentioned in" in panel_text(page)
    page.screenshot(path=str(tmp_path / "build.png"))
    opened.check_clean()
