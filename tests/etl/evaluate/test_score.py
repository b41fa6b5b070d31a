"""Field scores on tiny invented tables, one rule of gold.md's "Scoring" per test."""

from etl.evaluate.metrics import Counts
from etl.evaluate.score import evaluate_tables


def test_micro_counts():
    counts = Counts()
    counts.add({"SCO", "OSCE", "UN"}, {"SCO", "OSCE", "ODIHR"})
    counts.add({"EU"}, set())
    assert (counts.tp, counts.fp, counts.fn) == (2, 2, 1)
    assert (counts.precision, counts.recall) == (0.5, 2 / 3)


def test_an_event_field_is_right_when_another_report_of_the_same_event_key_has_it(tiny):
    tables = tiny.tables({"file": "a.txt", "event_id": "e", "event": {"start_date": "2020-03-03"}},
                         {"file": "b.txt", "event_id": "e"})
    gold = [{"file": "a.txt", "event_date": "2020-03-03", "event_key": "k"},
            {"file": "b.txt", "event_date": "2020-03-04", "event_key": "k"}]
    assert evaluate_tables(tables, gold).accuracy["event_date"].right == 2
    for line in gold:
        del line["event_key"]
    result = evaluate_tables(tables, gold)
    assert result.accuracy["event_date"].right == 1
    assert result.reports[1]["wrong"]["event_date"] == {"predicted": "2020-03-03", "gold": "2020-03-04"}


def test_an_event_field_is_right_when_accept_lists_it(tiny):
    tables = tiny.tables({"file": "a.txt", "event": {"start_date": "2017-10-15", "format": "unknown"}})
    gold = [{"file": "a.txt", "event_date": "2017-09-28", "format": "in-person"}]
    assert evaluate_tables(tables, gold).accuracy["event_date"].right == 0
    gold[0]["accept"] = {"event_date": ["2017-10-15"], "format": ["unknown"]}
    result = evaluate_tables(tables, gold)
    assert (result.accuracy["event_date"].right, result.accuracy["format"].right) == (1, 1)


def test_a_null_gold_date_is_not_scored_and_a_null_sibling_date_is_no_right_answer(tiny):
    tables = tiny.tables({"file": "a.txt", "event_id": "e", "event": {"start_date": None}},
                         {"file": "b.txt", "event_id": "e"})
    gold = [{"file": "a.txt", "event_date": "2020-01-01", "event_key": "k"},
            {"file": "b.txt", "event_date": None, "event_key": "k"}]
    date = evaluate_tables(tables, gold).accuracy["event_date"]
    assert (date.right, date.total) == (0, 1)


def test_city_ignores_case_and_accents_and_both_empty_is_right(tiny):
    tables = tiny.tables({"file": "a.txt", "event": {"city": "ASTANÁ"}}, {"file": "b.txt", "event": {"city": None}},
                         {"file": "c.txt", "event": {"city": "Almaty"}})
    gold = [{"file": "a.txt", "city": "Astana"}, {"file": "b.txt", "city": None}, {"file": "c.txt", "city": None}]
    city = evaluate_tables(tables, gold).accuracy["city"]
    assert (city.right, city.total) == (2, 3)


def test_organisations_count_only_listed_short_names_that_took_part(tiny):
    tables = tiny.tables({"file": "a.txt", "actors": [
        tiny.org("SCO"), tiny.org("ODIHR"), tiny.org("NATO", involvement="mentioned"), tiny.org("PACE")]})
    gold = [{"file": "a.txt", "organizations": ["SCO", "OSCE", "Hanns Seidel Foundation"]}]
    result = evaluate_tables(tables, gold)
    orgs = result.sets["organizations"]
    assert (orgs.tp, orgs.fp, orgs.fn) == (1, 1, 1)
    assert result.reports[0]["false_hits"]["organizations"] == ["ODIHR"]
    assert result.reports[0]["misses"]["organizations"] == ["OSCE"]


def test_gold_short_names_are_compared_ignoring_case(tiny):
    tables = tiny.tables({"file": "a.txt", "actors": [tiny.org("Interpol")]})
    orgs = evaluate_tables(tables, [{"file": "a.txt", "organizations": ["INTERPOL"]}]).sets["organizations"]
    assert (orgs.tp, orgs.fp, orgs.fn) == (1, 0, 0)


def test_states_count_whether_they_took_part_or_were_discussed(tiny):
    tables = tiny.tables({"file": "a.txt", "actors": [tiny.state("KAZ", "took-part"), tiny.state("AFG")]})
    countries = evaluate_tables(tables, [{"file": "a.txt", "countries": ["Kazakhstan", "Afghanistan"]}])
    assert countries.sets["countries"].as_dict()["f1"] == 1.0


def test_accept_widens_list_fields_a_hit_counts_and_an_absence_is_no_miss(tiny):
    tables = tiny.tables({"file": "a.txt", "themes": [("terrorism", True), ("extremism", True)],
                          "actors": [tiny.org("SCO")]})
    gold = [{"file": "a.txt", "themes": ["terrorism"], "organizations": [],
             "accept": {"themes": ["extremism", "health"], "organizations": ["SCO", "OSCE"]}}]
    result = evaluate_tables(tables, gold)
    themes, orgs = result.sets["themes"], result.sets["organizations"]
    assert (themes.tp, themes.fp, themes.fn) == (2, 0, 0)
    assert (orgs.tp, orgs.fp, orgs.fn) == (1, 0, 0)
    del gold[0]["accept"]
    assert evaluate_tables(tables, gold).sets["themes"].fp == 1


def test_accepted_persons_count_when_found_and_are_no_miss_when_not(tiny):
    tables = tiny.tables({"file": "a.txt", "actors": [tiny.person("Bo Example", "Envoy")]})
    gold = [{"file": "a.txt", "persons": [], "accept": {"persons": [{"name": "Bo Example", "role": "Consul"},
                                                                    "Cy Example"]}}]
    result = evaluate_tables(tables, gold)
    persons = result.sets["persons"]
    assert (persons.tp, persons.fp, persons.fn) == (1, 0, 0)
    assert result.accuracy["person_roles"].total == 1 and result.accuracy["person_roles"].right == 0


def test_persons_that_were_only_mentioned_are_not_counted(tiny):
    tables = tiny.tables({"file": "a.txt", "actors": [
        tiny.person("Anna Example", "Envoy"), tiny.person("Dan President", involvement="mentioned")]})
    persons = evaluate_tables(tables, [{"file": "a.txt", "persons": [{"name": "Anna Example"}]}]).sets["persons"]
    assert (persons.tp, persons.fp, persons.fn) == (1, 0, 0)


def test_roles_are_scored_only_where_the_gold_gives_one_and_a_missing_role_is_wrong(tiny):
    tables = tiny.tables({"file": "a.txt", "actors": [
        tiny.person("Anna Example", "Envoy"), tiny.person("Bo Example"),
        tiny.person("Cy Example", "Foreign Minister")]})
    gold = [{"file": "a.txt", "persons": [
        {"name": "Anna Example", "role": None}, {"name": "Bo Example", "role": "Consul"},
        {"name": "Cy Example", "role": "Russian Foreign Minister"}]}]
    result = evaluate_tables(tables, gold)
    roles = result.accuracy["person_roles"]
    assert (roles.right, roles.total) == (1, 2)
    assert result.reports[0]["wrong"]["person_roles"] == [{"name": "Bo Example", "predicted": None, "gold": "Consul"}]


def test_persons_pair_by_equal_names_before_initials(tiny):
    tables = tiny.tables({"file": "a.txt", "actors": [
        tiny.person("Arno Example", "Consul"), tiny.person("Anna Example", "Envoy")]})
    gold = [{"file": "a.txt", "persons": [{"name": "A. Example", "role": "Envoy"},
                                          {"name": "Arno Example", "role": "Consul"}]}]
    result = evaluate_tables(tables, gold)
    assert result.sets["persons"].tp == 2
    assert result.accuracy["person_roles"].right == 2


def test_report_scope_counts_only_what_the_reports_own_text_mentions(tiny):
    tables = tiny.tables(
        {"file": "a.txt", "event_id": "e", "actors": [tiny.person("Anna Example")], "themes": [("terrorism", True)]},
        {"file": "b.txt", "event_id": "e", "actors": [tiny.person("Bo Example")], "themes": [("health", True)]})
    gold = [{"file": "a.txt", "persons": [{"name": "Anna Example"}], "themes": ["terrorism"]}]
    report, event = evaluate_tables(tables, gold), evaluate_tables(tables, gold, scope="event")
    assert (report.sets["persons"].fp, report.sets["themes"].fp) == (0, 0)
    assert (event.sets["persons"].fp, event.sets["themes"].fp) == (1, 1)


def test_a_gold_report_that_was_not_built_is_listed(tiny):
    result = evaluate_tables(tiny.tables({"file": "a.txt"}), [{"file": "a.txt"}, {"file": "gone.txt"}])
    assert result.unmatched == ["gone.txt"]
    assert [r["file"] for r in result.reports] == ["a.txt"]


def test_a_field_the_gold_line_leaves_out_is_not_scored(tiny):
    tables = tiny.tables({"file": "a.txt", "actors": [tiny.org("SCO"), tiny.person("Anna Example")],
                          "themes": [("terrorism", True)]})
    result = evaluate_tables(tables, [{"file": "a.txt", "city": "Vienna"}])
    assert [name for name, accuracy in result.accuracy.items() if accuracy.total] == ["city"]
    assert all(counts.tp + counts.fp + counts.fn == 0 for counts in result.sets.values())
