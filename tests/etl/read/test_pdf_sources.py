"""The shipped PDFs are what the PDF writer makes of their sources, byte for byte.

A change to tools/pdf_writer.py or to a layout that would move a line break (and so change the text the
ETL reads) fails here before anyone regenerates the corpus.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tools import pdf_writer

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(not pdf_writer.fonts_available(("", "B", "I")), reason="DejaVu fonts not installed")


def _script(relative: str) -> ModuleType:
    """A script of the repository (not a package) loaded as a module."""
    name = "script_" + relative.replace("/", "_").removesuffix(".py")
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / relative)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up by name
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.mark.parametrize("source", sorted((ROOT / "data" / "pdf-sources").glob("*.txt")), ids=lambda p: p.stem)
def test_corpus_pdf_is_its_source_rendered(source: Path) -> None:
    make_pdfs = _script("data/tools/make_pdfs.py")
    parsed = make_pdfs.parse(source)
    shipped = ROOT / "data" / "reports" / parsed.year / f"{parsed.name}.pdf"
    assert pdf_writer.to_bytes(make_pdfs.render(parsed)) == shipped.read_bytes()


def test_fixture_pdf_is_what_make_fixtures_writes() -> None:
    make_fixtures = _script("tests/fixtures/reports/make_fixtures.py")
    shipped = ROOT / "tests" / "fixtures" / "reports" / "good" / "report.pdf"
    assert pdf_writer.to_bytes(make_fixtures._pdf(True)) == shipped.read_bytes()


def test_heldout_pdfs_are_their_sources_rendered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_pdfs = _script("bench/heldout2/make_pdfs.py")
    monkeypatch.setattr(make_pdfs, "OUT", tmp_path)
    for stem, meta in make_pdfs.DOCS.items():
        written = make_pdfs.build(stem, meta)
        assert written.read_bytes() == (ROOT / "bench" / "heldout2" / "reports" / f"{stem}.pdf").read_bytes()
