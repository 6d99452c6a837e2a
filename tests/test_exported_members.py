import nngraph


def test_all_names_resolve():
    for name in nngraph.__all__:
        assert getattr(nngraph, name) is not None, name
    assert sorted(dir(nngraph)) == sorted(nngraph.__all__)
