"""Load the editable knowledge files (etl/knowledge/*.yaml) once, fast, with a clear message when broken.

`check_knowledge_file` checks a file against its schema (schemas/knowledge-files.yaml); a build checks
every file once before it starts, so that a file an analyst edited into the wrong shape is named with the
place and the reason, not met later as a traceback. Workers only load (the check costs a third of a second,
mostly importing jsonschema).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

KNOWLEDGE_DIR = Path(__file__).parent
SCHEMAS_FILE = Path(__file__).parent / "schemas" / "knowledge-files.yaml"
# libyaml's parser is ten times faster; it matters when a rebuild starts a fresh process for one report.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class KnowledgeFileError(ValueError):
    """A knowledge file an analyst edited is not valid YAML or not of its shape; the message says where."""


@functools.cache
def load_knowledge_file(name: str) -> object:
    return _read_yaml(KNOWLEDGE_DIR / name)


def check_knowledge_file(name: str) -> None:
    """Raise KnowledgeFileError naming the file, the place in it and the reason if it is not of its shape."""
    from jsonschema.exceptions import best_match

    path = KNOWLEDGE_DIR / name
    error = best_match(_validator(name, path).iter_errors(load_knowledge_file(name)))
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "the top level"
        raise KnowledgeFileError(f"{path}: {where}: {error.message}")


def _read_yaml(path: Path) -> object:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # _LOADER is a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        raise KnowledgeFileError(f"{path}{where}: not valid YAML ({getattr(error, 'problem', error)})") from None


@functools.cache
def _schemas() -> dict:
    schemas = _read_yaml(SCHEMAS_FILE)
    if not isinstance(schemas, dict) or not isinstance(schemas.get("files"), dict):
        raise KnowledgeFileError(f"{SCHEMAS_FILE}: needs a mapping 'files' of file name to schema")
    return schemas


def _validator(name: str, path: Path) -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker

    schemas = _schemas()
    schema = schemas["files"].get(name)
    if schema is None:
        raise KnowledgeFileError(f"{path}: no schema for it in {SCHEMAS_FILE.name}; add one under 'files'")
    return Draft202012Validator({**schema, "$defs": schemas.get("$defs", {})}, format_checker=FormatChecker())
