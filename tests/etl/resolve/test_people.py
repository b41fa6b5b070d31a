from etl.model import Actor
from etl.resolve.people import ParticipantRegistry, name_key, same_person


def test_spellings_of_one_person_agree():
    assert same_person("Vladimir Norov", "V. Norov")
    assert same_person("Vladimir Norov", "Norov")
    assert same_person("Evgeny Sysoev", "Yevgeny Sysoyev")
    assert same_person("Rashid Alimov", "Alimov Rashid")


def test_different_people_do_not_agree():
    assert not same_person("Vladimir Norov", "Vladimir Putin")
    assert not same_person("Rashid Alimov", "Bakhtiyor Alimov")


def test_registry_gives_one_participant_per_person_with_the_fullest_name():
    registry = ParticipantRegistry()
    first = registry.resolve(Actor(kind="person", name="V. Norov", affiliation="SCO"))
    second = registry.resolve(Actor(kind="person", name="Vladimir Norov"))
    third = registry.resolve(Actor(kind="person", name="Mr Putin"))
    assert first is second and first is not third
    participants = registry.finish()
    assert first.name == "Vladimir Norov" and first.affiliation == "SCO"
    assert len({p.participant_id for p in participants}) == 2


def test_name_key_drops_accents_and_punctuation():
    assert name_key("Lubomír  Kopaj.") == "lubomir kopaj"


def test_the_canonical_name_is_the_fullest_then_the_most_used_spelling():
    registry = ParticipantRegistry()
    for name in ("Norov", "V. Norov", "Vladimir Norov", "Yevgeny Sysoyev", "Evgeny Sysoev", "Evgeny Sysoev"):
        registry.resolve(Actor(kind="person", name=name))
    names = sorted(p.name for p in registry.finish())
    assert names == ["Evgeny Sysoev", "Vladimir Norov"]
