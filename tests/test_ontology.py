import pyoxigraph
import rdflib
from pyshacl import validate as shacl_validate
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from nngraph.store.files import ontology_path, shapes_path
from nngraph.vocab import NN


def test_ontology_and_shapes_parse_in_rdflib_and_oxigraph():
    for path in (ontology_path(), shapes_path()):
        graph = rdflib.Graph().parse(path)
        store = pyoxigraph.Store()
        store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
        assert len(store) == len(graph) > 100


def test_every_own_term_has_a_label_and_a_definition():
    graph = rdflib.Graph().parse(ontology_path())
    own = {s for s in graph.subjects() if isinstance(s, rdflib.URIRef) and s.startswith(str(NN))}
    assert len(own) > 30
    for term in own:
        assert graph.value(term, RDFS.label) or graph.value(term, SKOS.prefLabel), term
        assert graph.value(term, SKOS.definition), term


def test_depth_scale_is_ordered():
    graph = rdflib.Graph().parse(ontology_path())
    ranks = {str(d).split("#")[1]: int(r) for d, r in graph.subject_objects(NN.rank)}
    assert ranks == {"mention": 0, "intuition": 1, "derivation": 2, "rigorous": 3}
    assert (NN.Coverage, RDF.type, OWL.Class) in graph


def test_shapes_graph_is_itself_valid_shacl():
    shacl_shacl = rdflib.Graph().parse(shapes_path())
    # pySHACL's meta-shapes check: validating the shapes graph against SHACL-SHACL.
    conforms, _, text = shacl_validate(shacl_shacl, meta_shacl=True, shacl_graph=shacl_shacl)
    assert conforms, text
