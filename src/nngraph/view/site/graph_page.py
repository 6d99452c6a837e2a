"""The graph view page of the site: nngraph's own ``viz`` page, able to centre on a node.

Topic and work pages link to ``graph.html#<IRI>``; a short script added to the
page selects that node and zooms to it once the layout is ready. The page and
its Content-Security-Policy are the graph view's own (``nngraph.view.network``).
"""

from __future__ import annotations

import rdflib

from nngraph.view.network import build_network, render_html

_FOCUS = """<script>
(function () {
  /* Centre on the node named by the fragment: graph.html#<IRI>. */
  var id = decodeURIComponent(location.hash.slice(1));
  var view = window.nngraph;
  if (!id || !view || !view.network || !view.nodes.get(id)) { return; }
  function centre() {
    view.network.selectNodes([id]);
    view.network.focus(id, {scale: 1.3, animation: false});
    document.body.setAttribute("data-focus", id);
  }
  if (document.body.getAttribute("data-ready")) { centre(); return; }
  new MutationObserver(function (changes, observer) {
    if (document.body.getAttribute("data-ready")) { observer.disconnect(); centre(); }
  }).observe(document.body, {attributes: true});
})();
</script>
"""
_BACK = '<nav aria-label="Site"><a href="index.html">Back to the reading guide</a></nav>'


def render(graph: rdflib.Graph) -> str:
    """The whole graph as one self-contained page, with the focus script and a way back."""
    page = render_html(build_network(graph))
    head, body_tag, rest = page.partition("<body>")
    if body_tag:
        page = head + body_tag + _BACK + rest
    before, end, after = page.rpartition("</body>")
    return before + _FOCUS + end + after if end else page + _FOCUS
