from etl.evaluate import Counts, persons_match, roles_agree


def test_person_names_agree_ignoring_case_accents_punctuation_and_order():
    assert persons_match("vladimir NOROV", "Vladimir Norov")
    assert persons_match("Norov, Vladimir", "Vladimir Norov")
    assert persons_match("Lubomír Kopaj", "Lubomir Kopaj")
    assert persons_match("V. Norov", "Vladimir Norov")
    assert not persons_match("Norov", "Vladimir Norov")
    assert not persons_match("Boris Norov", "Vladimir Norov")


def test_roles_agree_when_the_words_of_one_stand_in_the_other():
    assert roles_agree("Foreign Minister", "Russian Foreign Minister")
    assert roles_agree("Secretary-General", "SCO Secretary-General")
    assert roles_agree("the Head of the Mission", "head of mission")
    assert not roles_agree("Deputy Foreign Minister", "Ambassador")
    assert not roles_agree(None, "Ambassador")


def test_micro_counts():
    counts = Counts()
    counts.add({"SCO", "OSCE", "UN"}, {"SCO", "OSCE", "ODIHR"})
    assert (counts.tp, counts.fp, counts.fn) == (2, 1, 1)
    assert round(counts.f1, 3) == 0.667
