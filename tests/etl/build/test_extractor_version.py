"""The key of reusable extractions changes with every module and knowledge file of the package, at any depth."""

import shutil
from pathlib import Path

import pytest

import etl.build
from etl.build import extractor_version


@pytest.fixture
def package(tmp_path, monkeypatch) -> Path:
    """A copy of the etl package whose files the test may change; the version is computed from it."""
    copy = tmp_path / "etl"
    shutil.copytree(etl.build.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(etl.build, "PACKAGE_DIR", copy)
    return copy


def test_the_version_is_stable_while_nothing_changes(package):
    assert extractor_version() == extractor_version()


@pytest.mark.parametrize("relative", ["extract/persons.py", "text/sentences.py", "read/html.py",
                                      "resolve/events.py", "knowledge/themes.yaml",
                                      "knowledge/schemas/knowledge-files.yaml"])
def test_changing_any_module_or_knowledge_file_changes_the_version(package, relative):
    before = extractor_version()
    with (package / relative).open("a", encoding="utf-8") as file:
        file.write("\n# changed\n")
    assert extractor_version() != before


def test_a_module_moved_to_another_sub_package_changes_the_version(package):
    before = extractor_version()
    (package / "extract" / "dates.py").rename(package / "text" / "dates.py")
    assert extractor_version() != before


def test_a_new_sub_package_changes_the_version(package):
    before = extractor_version()
    (package / "newstep").mkdir()
    (package / "newstep" / "__init__.py").write_text('"""A new step."""\n', encoding="utf-8")
    assert extractor_version() != before
