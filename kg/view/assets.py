"""The page around the drawing: markup, style sheet and script (kept here, not as package data).

The script builds every piece of text with ``textContent`` and links only ``http(s)`` URLs, so
strings from the graph never become markup. It exposes ``window.kgView`` for tests and for
anyone scripting the page:

- ``network``, ``nodes``, ``edges``: the vis-network objects (``nodes.length``: drawn nodes);
- ``ready``: true once the first frame is drawn;
- ``nodeIdOf(iri)``: the node id drawn for an entity or article IRI (or null);
- ``selectNode(id)``: select, centre and describe a node, as the search box does;
- ``showNode(id)``, ``showEdge(id)``, ``showOverview()``: fill the details panel;
- ``findNodes(text)``: node ids whose label matches, best first;
- ``setKindVisible(kind, visible)``, ``setEdgeKindVisible(kind, visible)``: the legend's filters.
"""

from __future__ import annotations

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="@@CSP@@">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kg view</title>
<style>@@VIS_CSS@@</style>
<style>@@PAGE_CSS@@</style>
</head>
<body>
<header id="kg-bar">
  <h1 id="kg-title">kg view</h1>
  <input id="kg-search" type="search" list="kg-names" placeholder="Find a node by name…"
         aria-label="Find a node by name" autocomplete="off">
  <datalist id="kg-names"></datalist>
  <button id="kg-fit" type="button" title="Show the whole graph">Fit</button>
  <span id="kg-status" role="status"></span>
</header>
<main id="kg-main">
  <div id="kg-stage">
    <div id="kg-canvas"></div>
    <section id="kg-legend" aria-label="Legend and filters"></section>
  </div>
  <aside id="kg-panel" aria-live="polite"></aside>
</main>
<noscript>This view needs JavaScript.</noscript>
<script type="application/json" id="kg-data">@@DATA@@</script>
<script>@@VIS_JS@@</script>
<script>@@PAGE_JS@@</script>
</body>
</html>
"""

PAGE_CSS = """
html, body { margin: 0; height: 100%; }
body { display: flex; flex-direction: column; color: #1f2328; background: #fff;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
#kg-bar { display: flex; align-items: center; gap: 10px; padding: 8px 14px;
  border-bottom: 1px solid #d0d7de; background: #f6f8fa; }
#kg-title { margin: 0; font-size: 16px; font-weight: 600; white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; max-width: 40%; }
#kg-search { flex: 0 1 320px; font: inherit; padding: 4px 8px;
  border: 1px solid #afb8c1; border-radius: 6px; }
#kg-fit { font: inherit; padding: 4px 12px; border: 1px solid #afb8c1; border-radius: 6px;
  background: #fff; cursor: pointer; }
#kg-status { color: #9a3412; font-size: 13px; }
#kg-main { flex: 1; display: flex; min-height: 0; position: relative; }
#kg-stage { flex: 1; min-width: 0; position: relative; }
#kg-canvas { position: absolute; inset: 0; }
#kg-panel { width: 340px; flex: none; overflow-y: auto; box-sizing: border-box; padding: 10px 16px 24px;
  border-left: 1px solid #d0d7de; overflow-wrap: anywhere; }
#kg-panel h2 { font-size: 18px; margin: 4px 0 6px; }
#kg-panel h3 { font-size: 14px; margin: 16px 0 4px; }
#kg-panel p { margin: 4px 0; }
#kg-legend { position: absolute; left: 8px; bottom: 8px; z-index: 2; max-width: calc(100% - 36px);
  padding: 4px 10px; background: rgba(255, 255, 255, 0.94); border: 1px solid #d0d7de; border-radius: 8px;
  font-size: 13px; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.08); }
.kg-legend-row { display: flex; flex-wrap: wrap; align-items: center; column-gap: 14px; }
#kg-legend h2 { font-size: 13px; margin: 0; min-width: 44px; }
#kg-legend label { display: flex; align-items: center; gap: 5px; cursor: pointer; line-height: 1.9; }
#kg-legend input { margin: 0; }
.kg-count { color: #57606a; }
.kg-note { color: #57606a; font-size: 12px; }
.kg-chip { display: inline-block; padding: 0 8px; border-radius: 10px; color: #fff; font-size: 12px; }
.kg-meta, .kg-iri { color: #57606a; font-size: 12.5px; }
.kg-list { list-style: none; margin: 0; padding: 0; }
.kg-list > li { border-top: 1px solid #eaeef2; padding: 6px 0; }
.kg-list .kg-list { margin: 4px 0 0 12px; }
.kg-headline { font-weight: 600; }
.kg-fact { font-weight: 600; }
.kg-quote { font-style: italic; margin-top: 3px; }
blockquote.kg-evidence { margin: 4px 0 0; padding: 3px 8px; border-left: 3px solid #afb8c1;
  background: #f6f8fa; white-space: pre-wrap; }
div.vis-tooltip { white-space: pre-line; max-width: 360px; font: 13px/1.4 system-ui, sans-serif; }
"""

PAGE_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var details = data.details;
  var panel = document.getElementById("kg-panel");
  var status = document.getElementById("kg-status");
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("kg-canvas"), {nodes: nodes, edges: edges},
    data.options);
  var byIri = {};
  Object.keys(details.nodes).forEach(function (id) { byIri[details.nodes[id].iri] = id; });

  // --- safe DOM building: text only ever goes through textContent --------------------------
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function add(parent, child) { parent.appendChild(child); return child; }
  function link(url, text) {
    if (!/^https?:\/\//i.test(url)) { return el("span", "kg-iri", text || url); }
    var a = el("a", null, text || url);
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }
  function list(items, render) {
    var ul = el("ul", "kg-list");
    items.forEach(function (item) { add(ul, render(item)); });
    return ul;
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function chip(kind) {
    var style = data.legend.kinds[kind] || {label: kind, color: "#777"};
    var c = el("span", "kg-chip", style.label);
    c.style.background = style.color;
    return c;
  }
  function clearPanel() {
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    panel.scrollTop = 0;
  }

  // --- details panel ----------------------------------------------------------------------
  function articleCard(articleId) {
    var box = el("div", "kg-article");
    var a = articleId ? data.articles[articleId] : null;
    if (!a) { add(box, el("div", "kg-headline", "(article not described in the graph)")); return box; }
    add(box, el("div", "kg-headline", a.headline || a.identifier || a.iri));
    var facts = [a.date, a.publisher, a.identifier].filter(Boolean);
    if (facts.length) { add(box, el("div", "kg-meta", facts.join(" · "))); }
    return box;
  }
  function supportItem(support) {
    var item = el("li");
    add(item, articleCard(support.article));
    (support.quotes || []).forEach(function (q) { add(item, el("div", "kg-quote", "“" + q + "”")); });
    (support.evidence || []).forEach(function (t) { add(item, el("blockquote", "kg-evidence", t)); });
    if (support.snippet) { add(item, el("blockquote", "kg-evidence", support.snippet)); }
    return item;
  }
  function nodeLabel(id) { return details.nodes[id] ? details.nodes[id].label : id; }
  function factSentence(d) { return nodeLabel(d.from) + " — " + d.text + " — " + nodeLabel(d.to); }
  function countText(d) {
    if (d.kind === "quote") { return plural(d.count, "quotation"); }
    if (d.kind === "co-mention") { return "named together in " + plural(d.count, "article"); }
    return "stated in " + plural(d.count, "article");
  }

  function showOverview() {
    clearPanel();
    var m = data.meta;
    add(panel, el("h2", null, "Overview"));
    add(panel, el("p", null, plural(m.shown, "node") + " · " + plural(m.edges, "edge") + " · " +
      plural(m.articles, "article")));
    add(panel, el("p", "kg-meta", "Click a node or an edge to see the articles and sentences behind it. " +
      "Find a node with the box above; untick a type in the legend to hide it."));
    return true;
  }

  function showNode(id) {
    var d = details.nodes[id];
    if (!d) { return false; }
    clearPanel();
    add(panel, el("h2", null, d.label));
    add(panel, chip(d.kind));
    if (d.entityKind) { add(panel, el("span", "kg-meta", "  " + d.entityKind)); }
    if (d.aliases.length) { add(panel, el("p", null, "Also known as: " + d.aliases.join("; "))); }
    d.sameAs.forEach(function (s) { add(add(panel, el("p")), link(s.url, s.label)); });
    add(panel, el("p", "kg-iri", d.iri));
    if (d.article) { add(add(panel, el("h3", null, "Article")), articleCard(d.article)); }
    if (d.quotes.length) {
      add(panel, el("h3", null, "Quotations in this article"));
      add(panel, list(d.quotes, function (q) {
        var li = el("li");
        add(li, el("div", "kg-meta", q.speaker || "unattributed"));
        add(li, el("div", "kg-quote", "“" + q.text + "”"));
        return li;
      }));
    }
    var facts = d.edges.filter(function (e) { return details.edges[e].kind !== "co-mention"; });
    if (facts.length) {
      add(panel, el("h3", null, "Facts (" + facts.length + ")"));
      add(panel, list(facts, function (e) {
        var f = details.edges[e], li = el("li");
        add(li, el("div", "kg-fact", factSentence(f)));
        add(li, el("div", "kg-meta", countText(f)));
        add(li, list(f.supports, supportItem));
        return li;
      }));
    }
    var together = d.edges.filter(function (e) { return details.edges[e].kind === "co-mention"; });
    if (together.length) {
      add(panel, el("h3", null, "Named together with"));
      add(panel, el("p", null, together.map(function (e) {
        var f = details.edges[e];
        return nodeLabel(f.from === id ? f.to : f.from) + " (" + f.count + ")";
      }).join("; ")));
    }
    if (d.mentionCount) {
      add(panel, el("h3", null, "Mentioned in " + plural(d.mentionCount, "article")));
      add(panel, list(d.mentions, supportItem));
      if (d.mentionCount > d.mentions.length) {
        add(panel, el("p", "kg-meta", "and " + (d.mentionCount - d.mentions.length) + " more"));
      }
    }
    return true;
  }

  function showEdge(id) {
    var d = details.edges[id];
    if (!d) { return false; }
    clearPanel();
    add(panel, el("h2", null, factSentence(d)));
    add(panel, chip(d.kind));
    add(panel, el("p", "kg-meta", countText(d)));
    if (d.leadOrder) { add(panel, el("p", null, "Lead nation number " + d.leadOrder)); }
    var when = [d.begin && "from " + d.begin, d.end && "until " + d.end].filter(Boolean).join(" ");
    if (when || d.timeExpression) {
      var words = d.timeExpression ? "(“" + d.timeExpression + "”)" : "";
      add(panel, el("p", null, [when, words].filter(Boolean).join(" ")));
    }
    add(panel, el("h3", null, "Sources"));
    add(panel, list(d.supports, supportItem));
    return true;
  }

  // --- selection, search, filters ---------------------------------------------------------
  function selectNode(id) {
    var d = details.nodes[id];
    if (!d) { return false; }
    setKindVisible(d.kind, true);
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: {duration: 300}});
    return showNode(id);
  }
  function findNodes(text) {
    var q = String(text || "").trim().toLowerCase();
    if (!q) { return []; }
    var scored = [];
    Object.keys(details.nodes).forEach(function (id) {
      var d = details.nodes[id], names = [d.label].concat(d.aliases), best = 9;
      names.forEach(function (n) {
        var s = n.toLowerCase();
        best = Math.min(best, s === q ? 0 : s.indexOf(q) === 0 ? 1 : s.indexOf(q) > 0 ? 2 : 9);
      });
      if (best < 9) { scored.push([best + (d.label.toLowerCase() === q ? 0 : 0.5), d.label, id]); }
    });
    scored.sort(function (a, b) { return a[0] - b[0] || a[1].localeCompare(b[1]); });
    return scored.map(function (s) { return s[2]; });
  }
  function search() {
    var input = document.getElementById("kg-search"), found = findNodes(input.value);
    status.textContent = "";
    if (!input.value.trim()) { return; }
    if (!found.length) { status.textContent = "No node matches “" + input.value.trim() + "”"; return; }
    if (found.length > 1) { status.textContent = found.length + " matches; showing the best"; }
    selectNode(found[0]);
  }
  var hiddenKinds = {}, hiddenEdgeKinds = {};
  function setKindVisible(kind, visible) {
    hiddenKinds[kind] = !visible;
    nodes.update(nodes.getIds({filter: function (n) { return details.nodes[n.id].kind === kind; }})
      .map(function (id) { return {id: id, hidden: !visible}; }));
    var box = document.getElementById("kg-kind-" + kind);
    if (box) { box.checked = visible; }
  }
  function setEdgeKindVisible(kind, visible) {
    hiddenEdgeKinds[kind] = !visible;
    edges.update(edges.getIds({filter: function (e) { return details.edges[e.id].kind === kind; }})
      .map(function (id) { return {id: id, hidden: !visible}; }));
  }

  // --- legend ------------------------------------------------------------------------------
  var SVG = "http://www.w3.org/2000/svg";
  var SHAPES = {
    dot: "M9 2a7 7 0 1 0 0.01 0Z", square: "M3 3h12v12H3Z", diamond: "M9 1L17 9L9 17L1 9Z",
    triangle: "M9 2L16.5 15.5H1.5Z", hexagon: "M5 2h8l4 7l-4 7H5L1 9Z"
  };
  function swatch(shape, color, dashes) {
    var svg = document.createElementNS(SVG, "svg"), path = document.createElementNS(SVG, "path");
    svg.setAttribute("width", "18");
    svg.setAttribute("height", "18");
    svg.setAttribute("viewBox", "0 0 18 18");
    if (shape === "line") {
      path.setAttribute("d", "M1 9H17");
      path.setAttribute("stroke", color); path.setAttribute("stroke-width", "2.5");
      if (dashes) { path.setAttribute("stroke-dasharray", "3 3"); }
    } else {
      path.setAttribute("d", SHAPES[shape] || SHAPES.dot);
      path.setAttribute("fill", color);
    }
    svg.appendChild(path);
    return svg;
  }
  function legendRow(parent, id, swatchEl, text, count, onToggle) {
    var label = add(parent, el("label")), box = add(label, el("input"));
    box.type = "checkbox"; box.checked = true; box.id = id;
    box.addEventListener("change", function () { onToggle(box.checked); });
    add(label, swatchEl);
    add(label, el("span", null, text));
    add(label, el("span", "kg-count", "(" + count + ")"));
  }
  function buildLegend() {
    var legend = document.getElementById("kg-legend"), m = data.meta;
    var row = add(legend, el("div", "kg-legend-row"));
    add(row, el("h2", null, m.communities ? "Nodes (shape: type, colour: community)" : "Nodes"));
    data.legend.nodes.forEach(function (k) {
      var colour = m.communities ? "#8c959f" : k.color;
      legendRow(row, "kg-kind-" + k.kind, swatch(k.shape, colour), k.label, k.count,
        function (on) { setKindVisible(k.kind, on); });
    });
    if (data.legend.edges.length) {
      row = add(legend, el("div", "kg-legend-row"));
      add(row, el("h2", null, "Edges"));
    }
    data.legend.edges.forEach(function (k) {
      legendRow(row, "kg-edge-" + k.kind, swatch("line", k.color, k.dashes), k.label, k.count,
        function (on) { setEdgeKindVisible(k.kind, on); });
    });
    add(legend, el("div", "kg-note", m.notes.join(" · ")));
  }

  // Fit the whole graph into the part of the canvas the legend leaves free.
  function fitBesideLegend() {
    network.fit({animation: false});
    var height = document.getElementById("kg-canvas").clientHeight;
    var free = document.getElementById("kg-legend").offsetHeight + 16;
    if (height > 2 * free) {
      var scale = network.getScale() * (height - free) / height, centre = network.getViewPosition();
      network.moveTo({position: {x: centre.x, y: centre.y + free / 2 / scale}, scale: scale});
    }
  }

  // --- wiring ------------------------------------------------------------------------------
  document.getElementById("kg-title").textContent = data.meta.title;
  document.title = data.meta.title + " · kg view";
  var names = document.getElementById("kg-names");
  Object.keys(details.nodes).map(function (id) { return details.nodes[id].label; }).sort()
    .forEach(function (label) { var o = add(names, el("option")); o.value = label; });
  var searchBox = document.getElementById("kg-search");
  searchBox.addEventListener("change", search);
  searchBox.addEventListener("keydown", function (e) { if (e.key === "Enter") { search(); } });
  document.getElementById("kg-fit").addEventListener("click", fitBesideLegend);
  network.on("click", function (p) {
    if (p.nodes.length) { showNode(p.nodes[0]); }
    else if (p.edges.length) { showEdge(p.edges[0]); }
    else { showOverview(); }
  });
  var api = {
    network: network, nodes: nodes, edges: edges, data: data, ready: false,
    nodeIdOf: function (iri) { return byIri[iri] || null; },
    selectNode: selectNode, showNode: showNode, showEdge: showEdge, showOverview: showOverview,
    findNodes: findNodes, setKindVisible: setKindVisible, setEdgeKindVisible: setEdgeKindVisible
  };
  network.once("afterDrawing", function () {
    api.ready = true;
    document.body.setAttribute("data-ready", "true");
  });
  buildLegend();
  showOverview();
  fitBesideLegend();
  window.network = network;
  window.nodes = nodes;
  window.edges = edges;
  window.kgView = api;
})();
"""
