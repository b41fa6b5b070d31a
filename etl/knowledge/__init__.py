"""Load the editable knowledge files (etl/knowledge/*.yaml) once, fast, with a clear message when broken."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

KNOWLEDGE_DIR = Path(__file__).parent
# libyaml's parser is ten times faster; it matters when a rebuild starts a fresh process for one report.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class KnowledgeFileError(ValueError):
    """A knowledge file an analyst edited is not valid YAML; the message names it and the line."""


@functools.cache
def load_knowledge_file(name: str) -> object:
    path = KNOWLEDGE_DIR / name
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # _LOADER is a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        raise KnowledgeFileError(f"{path}{where}: not valid YAML ({getattr(error, 'problem', error)})") from None
