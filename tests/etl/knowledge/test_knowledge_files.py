import pytest

import etl.knowledge as knowledge_files
from etl.knowledge import KnowledgeFileError, load_knowledge_file


def test_every_shipped_knowledge_file_loads_as_a_mapping():
    for path in sorted(knowledge_files.KNOWLEDGE_DIR.glob("*.yaml")):
        assert isinstance(load_knowledge_file(path.name), dict), path.name


def test_a_broken_knowledge_file_is_named_with_its_line(tmp_path, monkeypatch):
    (tmp_path / "themes.yaml").write_text("themes:\n  - id: terrorism\n    label: [unclosed\n")
    monkeypatch.setattr(knowledge_files, "KNOWLEDGE_DIR", tmp_path)
    load_knowledge_file.cache_clear()
    try:
        with pytest.raises(KnowledgeFileError, match=r"themes\.yaml, line \d+: not valid YAML"):
            load_knowledge_file("themes.yaml")
    finally:
        load_knowledge_file.cache_clear()


def test_the_build_stops_on_a_broken_knowledge_file_with_a_message(tmp_path, monkeypatch, capsys):
    import shutil

    from etl.__main__ import main

    broken = tmp_path / "knowledge"
    shutil.copytree(knowledge_files.KNOWLEDGE_DIR, broken)
    (broken / "roles.yaml").write_text("honorifics: [Mr, Ms\n")
    monkeypatch.setattr(knowledge_files, "KNOWLEDGE_DIR", broken)
    import etl.build

    monkeypatch.setattr(etl.build, "KNOWLEDGE_DIR", broken)
    load_knowledge_file.cache_clear()
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.md").write_text("Title\n\nOn 3 May 2021 the OSCE met the SCO in Vienna.\n")
    try:
        assert main(["build", str(reports), "--out", str(tmp_path / "out")]) == 2
    finally:
        load_knowledge_file.cache_clear()
    err = capsys.readouterr().err
    assert "roles.yaml, line" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()
