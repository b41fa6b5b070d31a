"""Score built tables against gold annotations, as ../shared/spec/gold.md describes."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from unidecode import unidecode

from etl.contract import LISTED_ORGS as CONTRACT_ORGS

if TYPE_CHECKING:
    from etl.output.tables import Tables

LISTED_ORGS = set(CONTRACT_ORGS)
_ROLE_STOPWORDS = {"the", "of", "and"}
_ROLE_ACRONYMS = {o.lower() for o in LISTED_ORGS} | {"pa", "rats"}


class GoldError(ValueError):
    """The gold file cannot be used; the message names the file, the line and the reason."""


def load_gold(path: Path) -> list[dict]:
    if not path.exists():
        raise GoldError(f"{path}: no such gold file")
    lines = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise GoldError(f"{path}, line {number}: not valid JSON ({error.msg})") from None
        if not isinstance(item, dict) or "file" not in item:
            raise GoldError(f"{path}, line {number}: a gold line needs a 'file' field")
        lines.append(item)
    return lines


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set, gold: set) -> tuple[set, set]:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)
        return gold - predicted, predicted - gold

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> bool:
        self.right += ok
        self.total += 1
        return ok

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0

    def as_dict(self) -> dict:
        return {"accuracy": round(self.value, 4), "right": self.right, "total": self.total}


@dataclass
class Evaluation:
    accuracy: dict[str, Accuracy] = field(default_factory=lambda: {
        k: Accuracy() for k in ("event_date", "event_type", "format", "city", "person_roles")})
    sets: dict[str, Counts] = field(default_factory=lambda: {
        k: Counts() for k in ("organizations", "persons", "countries", "themes")})
    reports: list[dict] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)

    def scores(self) -> dict:
        return {**{k: v.as_dict() for k, v in self.accuracy.items()},
                **{k: v.as_dict() for k, v in self.sets.items()}}

    def as_json(self) -> dict:
        return {"scores": self.scores(), "reports": self.reports, "not_built": self.unmatched}


def normalise_name(name: str) -> list[str]:
    return sorted(re.findall(r"[a-z0-9]+", unidecode(name).lower()))


def persons_match(predicted: str, gold: str) -> bool:
    """Same words ignoring case, accents, punctuation and order; or same surname and first initial."""
    if normalise_name(predicted) == normalise_name(gold):
        return True
    p = re.findall(r"[a-z0-9]+", unidecode(predicted).lower())
    g = re.findall(r"[a-z0-9]+", unidecode(gold).lower())
    if not p or not g or p[-1] != g[-1]:
        return False
    if len(p) == 1 or len(g) == 1:
        return False
    return p[0][0] == g[0][0]


def _role_words(role: str | None) -> set[str]:
    words = set(re.findall(r"[a-z0-9]+", unidecode(role or "").lower()))
    return words - _ROLE_STOPWORDS - _ROLE_ACRONYMS


def roles_agree(predicted: str | None, gold: str | None) -> bool:
    p, g = _role_words(predicted), _role_words(gold)
    if not p and not g:
        return True
    if not p or not g:
        return False
    return p <= g or g <= p


def _fold(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


def _iso_countries(names: list[str]) -> set[str]:
    from etl.extract.states import lookup_state

    codes = set()
    for name in names:
        code = lookup_state(name)
        codes.add(code or f"?{name}")
    return codes


SCOPES = ("event", "report")


def evaluate_tables(tables: Tables, gold: list[dict], scope: str = "report") -> Evaluation:
    """Score as gold.md says (scope "event": the actors and themes of the whole merged event).

    Scope "report" counts only the actors and themes found in the report's own text (from `mentions`),
    which is what each gold line describes: where two reports of one event are merged, the event
    scope counts the other report's people as false hits of this one.
    """
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {SCOPES}")
    result = Evaluation()
    mentions = tables["mentions"]
    documents = tables["documents"].set_index("file")
    sources = tables["event_sources"].set_index("doc_id")["event_id"]
    events = tables["events"].set_index("event_id")
    participants = tables["participants"].set_index("participant_id")
    links = tables["event_participants"].join(participants, on="participant_id")
    themes = tables["event_themes"]
    same_event: dict[str, list[dict]] = {}
    for item in gold:
        if item.get("event_key"):
            same_event.setdefault(item["event_key"], []).append(item)
    for item in gold:
        file = item["file"]
        if file not in documents.index:
            result.unmatched.append(file)
            continue
        event_id = sources[documents.loc[file, "doc_id"]]
        event = events.loc[event_id]
        doc_id = documents.loc[file, "doc_id"]
        actors = links[links["event_id"] == event_id]
        predicted_themes = set(themes.loc[themes["event_id"] == event_id, "theme_id"])
        if scope == "report":
            own = mentions[mentions["doc_id"] == doc_id]
            actors = actors[actors["participant_id"].isin(own.loc[own["ref_type"] == "participant", "ref_id"])]
            predicted_themes &= set(own.loc[own["ref_type"] == "theme", "ref_id"])
        report: dict = {"file": file, "event_id": event_id, "wrong": {}, "misses": {}, "false_hits": {}}

        predicted_date = event["start_date"].isoformat() if pd.notna(event["start_date"]) else None
        checks = {
            "event_date": (predicted_date, item.get("event_date")),
            "event_type": (event["event_type"], item.get("event_type")),
            "format": (event["format"], item.get("format")),
        }
        siblings = same_event.get(item.get("event_key") or "", [item])
        accepted = item.get("accept") or {}
        for name, (predicted, expected) in checks.items():
            if name == "event_date" and expected is None:
                continue
            right = {expected, *(s.get(name) for s in siblings), *accepted.get(name, [])}
            if not result.accuracy[name].add(predicted in right):
                report["wrong"][name] = {"predicted": predicted, "gold": expected}
        city = event["city"] if pd.notna(event["city"]) else None
        cities = {_fold(item.get("city")), *(_fold(s.get("city")) for s in siblings),
                  *(_fold(c) for c in accepted.get("city", []))}
        if not result.accuracy["city"].add(_fold(city) in cities):
            report["wrong"]["city"] = {"predicted": city, "gold": item.get("city")}

        took_part = actors[actors["involvement"].fillna("took-part") == "took-part"]
        org_rows = took_part[took_part["kind"] == "organization"]
        predicted_orgs = {s for s in org_rows["short_name"].dropna() if s in LISTED_ORGS}
        gold_orgs = {s for s in item.get("organizations", []) if s in LISTED_ORGS}
        _record(report, "organizations", *result.sets["organizations"].add(predicted_orgs, gold_orgs))

        state_rows = actors[actors["kind"] == "state"]
        predicted_states = set(state_rows["short_name"].dropna())
        _record(report, "countries",
                *result.sets["countries"].add(predicted_states, _iso_countries(item.get("countries", []))))

        _record(report, "themes", *result.sets["themes"].add(predicted_themes, set(item.get("themes", []))))

        people = took_part[took_part["kind"] == "person"]
        _score_persons(result, report, list(zip(people["name"], people["role"], strict=True)),
                       item.get("persons", []))
        result.reports.append(report)
    return result


def _score_persons(result: Evaluation, report: dict, predicted: list[tuple], gold: list[dict]) -> None:
    counts = result.sets["persons"]
    unmatched = list(predicted)
    misses = []
    for person in gold:
        match = next((p for p in unmatched if persons_match(p[0], person["name"])), None)
        if match is None:
            misses.append(person["name"])
            continue
        unmatched.remove(match)
        counts.tp += 1
        role = match[1] if isinstance(match[1], str) else None
        if not result.accuracy["person_roles"].add(roles_agree(role, person.get("role"))):
            report["wrong"].setdefault("person_roles", []).append(
                {"name": person["name"], "predicted": role, "gold": person.get("role")})
    counts.fn += len(misses)
    counts.fp += len(unmatched)
    _record(report, "persons", set(misses), {p[0] for p in unmatched})


def _record(report: dict, field_name: str, misses: set, false_hits: set) -> None:
    if misses:
        report["misses"][field_name] = sorted(misses)
    if false_hits:
        report["false_hits"][field_name] = sorted(false_hits)


def format_scores(evaluation: Evaluation) -> str:
    lines = [f"{'field':<16}{'score':>8}   detail"]
    for name, accuracy in evaluation.accuracy.items():
        lines.append(f"{name:<16}{accuracy.value:>8.3f}   accuracy, {accuracy.right}/{accuracy.total}")
    for name, counts in evaluation.sets.items():
        lines.append(f"{name:<16}{counts.f1:>8.3f}   F1; precision {counts.precision:.3f}, "
                     f"recall {counts.recall:.3f} (tp {counts.tp}, fp {counts.fp}, fn {counts.fn})")
    problems = [r for r in evaluation.reports if r["wrong"] or r["misses"] or r["false_hits"]]
    if problems:
        lines.append("")
        lines.append("Misses and false hits per report:")
    for report in problems:
        lines.append(f"- {report['file']}")
        for name, detail in report["wrong"].items():
            lines.append(f"    wrong {name}: {detail}")
        for name, values in report["misses"].items():
            lines.append(f"    missed {name}: {', '.join(map(str, values))}")
        for name, values in report["false_hits"].items():
            lines.append(f"    false {name}: {', '.join(map(str, values))}")
    for file in evaluation.unmatched:
        lines.append(f"- {file}: in the gold file but not built (skipped or missing)")
    return "\n".join(lines)
