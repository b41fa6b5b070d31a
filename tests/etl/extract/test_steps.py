"""The shape of the extraction: one document, an ordered list of steps, no step importing another."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

from etl.extract import STEPS
from etl.extract.document import Document

STEP_MODULES = {f"etl.extract.{name}" for name in (
    "dates", "places", "event_kind", "organisations", "states", "persons", "themes", "figures")}


def _imported_modules(module: str) -> set[str]:
    """Every module a module imports, at its top or inside a function, with `from package import module`
    counted as the module."""
    path = Path(importlib.import_module(module).__file__ or "")
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            base = node.module if node.level == 0 else f"etl.extract.{node.module}"
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def test_every_step_module_runs_in_the_list_of_steps():
    assert {step.run.__module__ for step in STEPS} - {"etl.extract"} == STEP_MODULES


def test_no_step_module_imports_another():
    for module in sorted(STEP_MODULES):
        borrowed = _imported_modules(module) & (STEP_MODULES - {module})
        assert not borrowed, f"{module} imports {sorted(borrowed)}"


def test_what_the_steps_share_imports_no_step():
    package = Path(importlib.import_module("etl.extract").__file__ or "").parent
    shared = {f"etl.extract.{path.stem}" for path in package.glob("*.py") if path.stem != "__init__"} - STEP_MODULES
    assert "etl.extract.document" in shared
    for module in sorted(shared):
        assert not _imported_modules(module) & STEP_MODULES, module


def test_a_step_needs_only_what_earlier_steps_found():
    earlier: set[str] = set()
    for step in STEPS:
        assert set(step.needs) <= earlier, step.name
        earlier.add(step.name)


def test_the_document_keeps_what_it_computed():
    document = Document("Kazakhstan and the OSCE met.\nSource: Kazinform\nSee https://kazinform.kz/x")
    assert document.sentences is document.sentences
    assert document.state_mentions is document.state_mentions
    assert [document.text[s:e] for s, e in document.attribution_spans] == [
        "Source: Kazinform", "https://kazinform.kz/x"]
    assert document.in_source_line(document.text.index("Kazinform"))
    assert not document.in_source_line(document.text.index("OSCE"))


def test_the_body_leaves_out_the_title_repeated_and_the_furniture():
    text = "# OSCE meets SCO\nThe OSCE met the SCO in Vienna.\nRelated news\nThe SCO met the CIS."
    document = Document(text, title="OSCE meets SCO")
    assert [s.text for s in document.sentences_without_title] == [
        "The OSCE met the SCO in Vienna.", "Related news", "The SCO met the CIS."]
    assert [s.text for s in document.body] == ["The OSCE met the SCO in Vienna."]
    assert document.furniture_start == text.index("Related news")


def test_spans_of_the_document_point_into_its_text():
    text = "Kazakhstan, Kyrgyzstan and the Shanghai Cooperation Organisation (SCO) met the OSCE."
    document = Document(text)
    assert [text[s:e] for s, e in document.state_spans] == ["Kazakhstan", "Kyrgyzstan"]
    assert [text[s:e] for s, e in document.organisation_spans] == [
        "Shanghai Cooperation Organisation", "SCO", "OSCE"]
    assert [(short, span.text) for short, span in document.organisation_mentions] == [
        ("SCO", "Shanghai Cooperation Organisation"), ("SCO", "SCO"), ("OSCE", "OSCE")]
