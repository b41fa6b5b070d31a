"""`python -m etl evaluate` on a tiny invented folder: scores, resolution and a broken gold file."""

import json

import pytest

from etl.__main__ import main

SCO_REPORT = ("SCO observers in Tashkent\n\nOn 22 December 2019 SCO Secretary-General Vladimir Norov led the SCO "
              "observer mission at the parliamentary elections in Tashkent, Uzbekistan.\n")
ODIHR_REPORT = ("ODIHR observes Uzbek vote\n\nOn 22 December 2019 the ODIHR mission headed by Ambassador Jan "
                "Petersen observed the parliamentary elections in Tashkent, Uzbekistan.\n")


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "sco.md").write_text(SCO_REPORT)
    (folder / "odihr.md").write_text(ODIHR_REPORT)
    return folder


def _gold(tmp_path, *lines) -> str:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return str(path)


def test_json_output_holds_the_scores_and_the_resolution(reports, tmp_path, capsys):
    gold = _gold(tmp_path, {"file": "sco.md", "event_key": "uz-2019",
                            "persons": [{"name": "Vladimir Norov", "role": "Secretary-General"}]},
                 {"file": "odihr.md", "event_key": "uz-2019"})
    assert main(["evaluate", "--gold", gold, str(reports), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["scores"]["resolution"]["tp"] == 1
    assert result["scores"]["persons"]["tp"] == 1
    assert result["resolution"] == {"wrongly_merged": [], "left_apart": []}


def test_text_output_names_a_wrong_merge(reports, tmp_path, capsys):
    gold = _gold(tmp_path, {"file": "sco.md"}, {"file": "odihr.md"})
    assert main(["evaluate", "--gold", gold, str(reports)]) == 0
    out = capsys.readouterr().out
    assert "resolution" in out
    assert "wrongly merged: odihr.md + sco.md" in out


def test_a_gold_line_of_the_wrong_shape_stops_before_building(reports, tmp_path, capsys):
    gold = _gold(tmp_path, {"file": "sco.md"}, {"file": "odihr.md", "themes": ["space-travel"]})
    assert main(["evaluate", "--gold", gold, str(reports)]) == 2
    assert "line 2: 'themes': unknown theme ID 'space-travel'" in capsys.readouterr().err
