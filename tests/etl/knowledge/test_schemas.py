"""Every knowledge file has a schema and holds to it; a file of the wrong shape is named with the place."""

import pytest
import yaml

import etl.knowledge as knowledge
from etl.knowledge import KnowledgeFileError, check_knowledge_file, load_knowledge_file

SHIPPED = sorted(path.name for path in knowledge.KNOWLEDGE_DIR.glob("*.yaml"))


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_knowledge_file_holds_to_its_schema(name):
    check_knowledge_file(name)


def test_every_schema_names_a_shipped_file():
    schemas = yaml.safe_load(knowledge.SCHEMAS_FILE.read_text(encoding="utf-8"))
    assert sorted(schemas["files"]) == SHIPPED


@pytest.fixture
def edited(tmp_path, monkeypatch):
    """A copy of the knowledge folder an analyst can break; the loader reads it instead of the shipped one."""
    for name in SHIPPED:
        (tmp_path / name).write_text((knowledge.KNOWLEDGE_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(knowledge, "KNOWLEDGE_DIR", tmp_path)
    load_knowledge_file.cache_clear()
    yield tmp_path
    load_knowledge_file.cache_clear()


def test_a_word_where_a_list_belongs_is_named_with_its_place(edited):
    data = yaml.safe_load((edited / "themes.yaml").read_text(encoding="utf-8"))
    data["themes"][2]["patterns"] = "Kabul"
    (edited / "themes.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(KnowledgeFileError, match=r"themes\.yaml: themes/2/patterns: 'Kabul' is not of type 'array'"):
        check_knowledge_file("themes.yaml")


def test_a_pattern_that_does_not_compile_is_named(edited):
    data = yaml.safe_load((edited / "event_types.yaml").read_text(encoding="utf-8"))
    data["event_types"]["meeting"].append("talks (with")
    (edited / "event_types.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    broken = r"event_types\.yaml: event_types/meeting/\d+: 'talks \(with' is not a"
    with pytest.raises(KnowledgeFileError, match=broken):
        check_knowledge_file("event_types.yaml")


def test_a_misspelt_key_is_named(edited):
    data = yaml.safe_load((edited / "countries.yaml").read_text(encoding="utf-8"))
    data["states"][0]["alias"] = ["Somewhere"]
    (edited / "countries.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(KnowledgeFileError, match=r"countries\.yaml: states/0: Additional properties .*'alias'"):
        check_knowledge_file("countries.yaml")


def test_a_file_without_a_schema_is_named(edited):
    (edited / "extra.yaml").write_text("words: [a]\n", encoding="utf-8")
    with pytest.raises(KnowledgeFileError, match=r"extra\.yaml: no schema for it"):
        check_knowledge_file("extra.yaml")
