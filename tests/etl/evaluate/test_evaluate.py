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


def test_report_scope_counts_only_the_reports_own_actors(tmp_path):
    from etl.build import build
    from etl.evaluate import evaluate_tables

    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "sco.md").write_text(
        "SCO observers in Tashkent\n\nOn 22 December 2019 SCO Secretary-General Vladimir Norov led the SCO "
        "observer mission at the parliamentary elections in Tashkent, Uzbekistan.\n")
    (reports / "odihr.md").write_text(
        "ODIHR observes Uzbek vote\n\nOn 22 December 2019 the ODIHR mission headed by Ambassador Jan Petersen "
        "observed the parliamentary elections in Tashkent, Uzbekistan.\n")
    tables = build(reports, tmp_path / "out", progress=False).tables
    assert len(tables["events"]) == 1
    gold = [{"file": "sco.md", "persons": [{"name": "Vladimir Norov", "role": "Secretary-General"}]}]
    event_scope = evaluate_tables(tables, gold, scope="event").sets["persons"]
    report_scope = evaluate_tables(tables, gold, scope="report").sets["persons"]
    assert (event_scope.tp, event_scope.fp) == (1, 1)
    assert (report_scope.tp, report_scope.fp) == (1, 0)
