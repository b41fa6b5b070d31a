"""gold.md's matching rules for person names, roles, cities and organisation short names."""

import pytest

from etl.evaluate.match import fold, iso_countries, listed_org, listed_orgs, persons_match, roles_agree


def test_person_names_agree_ignoring_case_accents_punctuation_and_order():
    assert persons_match("anna EXAMPLE", "Anna Example")
    assert persons_match("Example, Anna", "Anna Example")
    assert persons_match("Ánna Exämple", "Anna Example")
    assert not persons_match("Anna Exampel", "Anna Example")


def test_person_names_agree_on_surname_and_first_initial():
    assert persons_match("A. Example", "Anna Example")
    assert persons_match("A.Example", "Anna Example")
    assert not persons_match("Example", "Anna Example")
    assert not persons_match("Berta Example", "Anna Example")
    assert not persons_match("Anna Sample", "Anna Example")


@pytest.mark.parametrize("predicted, gold", [
    ("Foreign Minister", "Russian Foreign Minister"),
    ("Russian Foreign Minister", "Foreign Minister"),
    ("Secretary-General", "SCO Secretary-General"),
    ("Secretary General", "Secretary-General"),
    ("the Head of the Mission", "head of mission"),
    ("Co-ordinator for Addressing Threats", "Coordinator for Addressing Threats"),
    ("Head of the delegation of the Parliamentary Assembly", "Head of the PACE delegation"),
    ("President of the Parliamentary Assembly of the CoE", "President of the Parliamentary Assembly of the Council"),
    ("Head of the OSCE/ODIHR mission", "Head of mission"),
    ("CEC member", "member of the Election Commission"),
])
def test_roles_agree_when_the_words_of_one_all_stand_in_the_other(predicted, gold):
    assert roles_agree(predicted, gold)


@pytest.mark.parametrize("predicted, gold", [
    ("Deputy Foreign Minister", "Ambassador"),
    ("Minister of Foreign Affairs", "Deputy Prime Minister and Minister of Defence"),
    ("Deputy PM", "Deputy Foreign Minister"),  # PM is a title, not an organisation's acronym
    ("Head of the Regional Centre", "Head of the Regional Center"),  # spelling is not ignored
    (None, "Ambassador"),
    ("", "Ambassador"),
])
def test_roles_disagree(predicted, gold):
    assert not roles_agree(predicted, gold)


def test_cities_fold_case_and_accents():
    assert fold("  Astaná ") == fold("ASTANA") == "astana"
    assert fold(None) == fold("") == ""


def test_organisation_short_names_are_the_listed_ones_whatever_their_case():
    assert listed_org("INTERPOL") == "Interpol"
    assert listed_org("osce pa") == "OSCE PA"
    assert listed_org("Hanns Seidel Foundation") is None
    assert listed_orgs(["SCO", "sco", "PACE"]) == {"SCO"}


def test_states_become_iso_codes_and_unknown_names_stay_misses():
    assert iso_countries(["Kazakhstan", "Russia"]) == {"KAZ", "RUS"}
    assert iso_countries(["Atlantis"]) == {"?Atlantis"}
