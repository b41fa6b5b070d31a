from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from etl.model import Actor, EventDate, Extraction, Place, Report, Span, content_id
from etl.resolve.events import group_events


def extraction(file: str, text: str, day: date, city: str | None = "Tashkent", country: str | None = "UZB",
               event_type: str = "observation", people: tuple[str, ...] = (), title: str = "") -> Extraction:
    actors = [Actor(kind="person", name=n, mentions=(Span(0, 1, "x"),)) for n in people]
    return Extraction(report=Report(file=file, title=title or file, text=text),
                      date=EventDate(day, None, "day"), event_type=event_type, format="in-person",
                      place=Place(city, country), actors=actors, title=title or file)


def test_two_sides_of_one_election_become_one_event():
    sco = extraction("sco.txt", "a", date(2019, 12, 22), people=("Vladimir Norov",))
    odihr = extraction("odihr.txt", "b", date(2019, 12, 22), city=None)
    other = extraction("other.txt", "c", date(2019, 12, 22), city="Bishkek", country="KGZ")
    groups = group_events([sco, odihr, other])
    assert sorted(len(g.members) for g in groups) == [1, 2]


def test_events_far_apart_stay_apart_even_with_the_same_people():
    first = extraction("a.txt", "a", date(2020, 3, 1), people=("Vladimir Norov",))
    second = extraction("b.txt", "b", date(2020, 10, 4), people=("Vladimir Norov",))
    assert len(group_events([first, second])) == 2


def test_a_conference_and_an_election_on_the_same_day_stay_apart():
    first = extraction("a.txt", "a", date(2022, 6, 6), city="Dushanbe", country="TJK", event_type="conference")
    second = extraction("b.txt", "b", date(2022, 6, 6), city="Dushanbe", country="TJK")
    assert len(group_events([first, second])) == 2


@given(st.text(max_size=80), st.text(max_size=80))
def test_content_ids_are_stable_and_depend_on_content_only(title, text):
    assert content_id(title, text) == content_id(title, text)
    assert Report("a.txt", title, text).doc_id == Report("b/c.md", title, text).doc_id


@given(st.permutations(["one", "two", "three"]))
def test_grouping_does_not_depend_on_input_order(order):
    items = {n: extraction(f"{n}.txt", n, date(2021, 1, 10), people=("Norov",)) for n in ["one", "two", "three"]}
    groups = group_events([items[n] for n in order])
    assert [sorted(m.report.file for m in g.members) for g in groups] == [["one.txt", "three.txt", "two.txt"]]


def test_an_undated_report_joins_the_event_it_shares_place_type_and_people_with():
    dated = extraction("a.txt", "a", date(2022, 6, 6), city="Dushanbe", country="TJK", event_type="conference",
                       people=("Zhang Ming",), title="Dushanbe water conference opens")
    title = "SCO chief at Dushanbe water conference"
    undated = Extraction(report=Report(file="b.pdf", title=title, text="b"), date=None, event_type="conference",
                         place=Place("Dushanbe", "TJK"), actors=[Actor(kind="person", name="Zhang Ming")], title=title)
    elsewhere = Extraction(report=Report(file="c.pdf", title="Other", text="c"), date=None, event_type="conference",
                           place=Place("Vienna", "AUT"), title="Other")
    groups = group_events([dated, undated, elsewhere])
    assert sorted(len(g.members) for g in groups) == [1, 2]


def test_a_report_under_an_agency_dateline_joins_the_event_its_title_places_elsewhere():
    wire = extraction("wire.txt", "a", date(2017, 11, 9), city="Bishkek", country="KGZ", event_type="conference",
                      title="Samarkand conference on Central Asia to bring together 500 guests")
    host = extraction("host.txt", "b", date(2017, 11, 10), city="Samarkand", country="UZB",
                      event_type="conference", title="Central Asia conference opens in Samarkand")
    elsewhere = extraction("other.txt", "c", date(2017, 11, 10), city="Bishkek", country="KGZ",
                           event_type="conference", title="Bishkek hosts a trade conference")
    groups = group_events([wire, host, elsewhere])
    assert sorted(sorted(m.report.file for m in g.members) for g in groups) == [["host.txt", "wire.txt"],
                                                                               ["other.txt"]]


def test_titles_naming_different_kinds_of_election_stay_apart():
    first = extraction("a.txt", "a", date(2021, 1, 10), city="Astana", country="KAZ",
                       title="Observers accredited for the presidential election")
    second = extraction("b.txt", "b", date(2021, 1, 10), city="Astana", country="KAZ",
                        title="Observers accredited for the parliamentary elections")
    assert len(group_events([first, second])) == 2


def undated(file: str, title: str, published: date | None, city: str | None, country: str = "KAZ",
            orgs: tuple[str, ...] = ("OSCE", "ODIHR", "CIS"), states: tuple[str, ...] = ("KAZ", "KGZ")) -> Extraction:
    actors = [Actor(kind="organization", name=o, short_name=o) for o in orgs]
    actors += [Actor(kind="state", name=s, short_name=s) for s in states]
    return Extraction(report=Report(file=file, title=title, text=file, published=published), date=None,
                      event_type="observation", place=Place(city, country), actors=actors, title=title)


def test_an_undated_report_with_a_publication_date_joins_the_event_it_resembles_near_that_date():
    event = extraction("event.txt", "a", date(2021, 1, 10), city="Astana", country="KAZ",
                       title="Foreign observers registered for the parliamentary election")
    event.actors.extend([Actor(kind="organization", name=o, short_name=o) for o in ("OSCE", "ODIHR", "CIS")]
                        + [Actor(kind="state", name="KAZ", short_name="KAZ")])
    earlier = extraction("earlier.txt", "b", date(2016, 3, 20), city="Astana", country="KAZ",
                         title="Foreign observers registered for the parliamentary election")
    near = undated("near.txt", "International observers to monitor Kazakhstan election", date(2021, 1, 4), None)
    groups = {m.report.file: g for g in group_events([event, earlier, near]) for m in g.members}
    assert groups["near.txt"] is groups["event.txt"] and groups["earlier.txt"] is not groups["event.txt"]


def test_an_undated_report_without_a_publication_date_needs_its_city_and_shared_title_words():
    event = extraction("event.txt", "a", date(2021, 1, 10), city="Astana", country="KAZ",
                       title="Foreign observers registered for the parliamentary election")
    vague = undated("vague.txt", "International observers to monitor Kazakhstan election", None, None)
    assert len(group_events([event, vague])) == 2
    placed = undated("placed.txt", "Foreign observers registered for the vote", None, "Astana")
    assert len(group_events([event, placed])) == 1
