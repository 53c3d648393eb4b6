from hypothesis import given
from hypothesis import strategies as st

from summarizer.names import name_key, same_person


def test_transliteration_variants_are_one_person():
    assert same_person("Sergei Lavrov", "Sergey Lavrov")
    assert same_person("Lavrov", "Sergey Lavrov")
    assert same_person("Wang", "Wang Yi")
    assert same_person("Foreign Minister Wang Yi", "Wang Yi")
    assert name_key("Sergei Lavrov") == name_key("Sergey  Lavrov")


def test_different_people_differ():
    assert not same_person("Wang Yi", "Sergey Lavrov")
    assert not same_person("Xi Jinping", "Wang Yi")


names = st.lists(
    st.sampled_from(["Sergei", "Sergey", "Lavrov", "Wang", "Yi", "Anna", "Li"]),
    min_size=1,
    max_size=3,
).map(" ".join)


@given(names, names)
def test_same_person_is_symmetric(a, b):
    assert same_person(a, b) == same_person(b, a)


@given(names)
def test_same_person_is_reflexive(a):
    assert same_person(a, a)
