"""Short author columns: family names, suffixes skipped, et al. from three authors on."""

import pytest

from nngraph.analysis.coverage import family_name, first_author


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("Ian Goodfellow", "Goodfellow"),
        ("Wagner Meira Jr.", "Meira"),
        ("Martin Luther King, Jr.", "King"),
        ("Henry Ford II", "Ford"),
        ("OpenAI", "OpenAI"),
        ("Jr.", "Jr."),
    ],
)
def test_family_name(name, family):
    assert family_name(name) == family


def test_first_author_counts_the_authors():
    assert first_author([]) == ""
    assert first_author(["Francis Bach"]) == "Bach"
    assert first_author(["Mohammed Zaki", "Wagner Meira Jr."]) == "Zaki & Meira"
    assert (
        first_author(["Ian Goodfellow", "Yoshua Bengio", "Aaron Courville"]) == "Goodfellow et al."
    )
