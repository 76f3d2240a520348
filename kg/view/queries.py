"""The SPARQL the view asks of a graph (terms of the query contract and docs/graph-shape.md)."""

from __future__ import annotations

from kg.rdf.namespaces import PREFIXES

#: How many nodes the view draws before ``max_nodes`` trims it: every entity, plus every
#: article from which a quotation of one of them was taken. The browser test compares this
#: count with the nodes drawn on the page.
NODE_COUNT = """
SELECT (COUNT(DISTINCT ?n) AS ?count) WHERE {
  { ?n a ?t . FILTER(?t IN (schema:Person, schema:Organization, schema:Place)) }
  UNION
  { ?q a schema:Quotation ; schema:creator ?s ; prov:wasDerivedFrom ?n .
    ?s a ?st . FILTER(?st IN (schema:Person, schema:Organization, schema:Place)) }
}"""

MEMBERSHIPS = """
SELECT ?m ?member ?org ?role ?roleLabel ?order ?article WHERE {
  ?m a org:Membership ; org:member ?member ; org:organization ?org .
  OPTIONAL { ?m org:role ?role . OPTIONAL { ?role rdfs:label ?roleLabel } }
  OPTIONAL { ?m kg:leadOrder ?order }
  OPTIONAL { ?m prov:wasDerivedFrom ?article }
}"""

INTERVALS = """
SELECT ?m ?begin ?end ?expression WHERE {
  ?m org:memberDuring ?interval .
  OPTIONAL { ?interval time:hasBeginning/time:inXSDDate ?begin }
  OPTIONAL { ?interval time:hasEnd/time:inXSDDate ?end }
  OPTIONAL { ?interval kg:timeExpression ?expression }
}"""

QUOTATIONS = """
SELECT ?q ?text ?speaker ?article WHERE {
  ?q a schema:Quotation ; schema:text ?text .
  OPTIONAL { ?q schema:creator ?speaker }
  OPTIONAL { ?q prov:wasDerivedFrom ?article }
}"""

#: The evidence sentence of every fact node, with the article whose text it is a span of.
EVIDENCE = """
SELECT ?fact ?span ?text ?article WHERE {
  ?fact kg:evidence ?span .
  ?span nif:anchorOf ?text .
  OPTIONAL { ?span nif:referenceContext/nif:sourceUrl ?article }
}"""

#: Where each entity is named: the mention's offsets in its article's text.
MENTION_SPANS = """
SELECT ?entity ?article ?context ?begin ?end WHERE {
  ?phrase itsrdf:taIdentRef ?entity ;
          nif:referenceContext ?context ;
          nif:beginIndex ?begin ;
          nif:endIndex ?end .
  ?context nif:sourceUrl ?article .
}"""

NAMESPACES = PREFIXES
