"""Score built tables against gold lines, field by field, as ../shared/spec/gold.md's "Scoring" says."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from etl.evaluate.gold import same_event_groups
from etl.evaluate.match import fold, iso_countries, listed_orgs, names_agree, persons_match, roles_agree
from etl.evaluate.metrics import Accuracy, Counts
from etl.evaluate.predictions import BuiltTables, Predicted
from etl.evaluate.resolution import Resolution, score_resolution

if TYPE_CHECKING:
    from etl.output.tables import Tables

EVENT_FIELDS = ("event_date", "event_type", "format", "city")
SET_FIELDS = ("organizations", "persons", "countries", "themes")


@dataclass
class Evaluation:
    accuracy: dict[str, Accuracy] = field(
        default_factory=lambda: {k: Accuracy() for k in (*EVENT_FIELDS, "person_roles")})
    sets: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in SET_FIELDS})
    resolution: Resolution = field(default_factory=Resolution)
    reports: list[dict] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)

    def scores(self) -> dict:
        return {**{k: v.as_dict() for k, v in self.accuracy.items()},
                **{k: v.as_dict() for k, v in self.sets.items()},
                "resolution": self.resolution.counts.as_dict()}

    def as_json(self) -> dict:
        return {"scores": self.scores(), "reports": self.reports, "resolution": self.resolution.as_dict(),
                "not_built": self.unmatched}


def evaluate_tables(tables: Tables, gold: list[dict], scope: str = "report") -> Evaluation:
    """Score every gold line whose report was built, on the fields it holds; list the others as not built.

    Scope "report" (gold.md) counts only the actors and themes found in each report's own text; scope
    "event" counts those of the whole merged event, so a right merge turns the other report's actors
    into false hits.
    """
    built = BuiltTables(tables, scope)
    result = Evaluation()
    groups = same_event_groups(gold)
    events: dict[str, str] = {}
    for item in gold:
        predicted = built.predicted(item["file"])
        if predicted is None:
            result.unmatched.append(item["file"])
            continue
        events[item["file"]] = predicted.event_id
        siblings = groups.get(item.get("event_key") or "", [item])
        result.reports.append(_score_report(result, item, predicted, siblings))
    result.resolution = score_resolution(gold, events)
    return result


def _score_report(result: Evaluation, item: dict, predicted: Predicted, siblings: list[dict]) -> dict:
    report: dict = {"file": item["file"], "event_id": predicted.event_id, "wrong": {}, "misses": {},
                    "false_hits": {}}
    accept = item.get("accept") or {}
    for name in EVENT_FIELDS:
        _score_event_field(result, report, name, item, predicted.fields[name], siblings)
    expected = {"organizations": (listed_orgs(item.get("organizations", [])),
                                  listed_orgs(accept.get("organizations", []))),
                "countries": (iso_countries(item.get("countries", [])), iso_countries(accept.get("countries", []))),
                "themes": (set(item.get("themes", [])), set(accept.get("themes", [])))}
    for name, (gold, accepted) in expected.items():
        if name not in item:
            continue
        misses, false_hits = _add_set(result.sets[name], getattr(predicted, name), gold, accepted)
        _record(report, name, misses, false_hits)
    if "persons" in item:
        _score_persons(result, report, predicted.persons, item["persons"], accept.get("persons", []))
    return report


def right_values(name: str, item: dict, siblings: list[dict]) -> set:
    """The values of an event field that count as right for a report: its gold, the gold of the other
    reports with the same event_key (where they give one), and its `accept` list."""
    values = {item.get(name)} | {s.get(name) for s in siblings if s.get(name) is not None}
    values |= set((item.get("accept") or {}).get(name, []))
    return {fold(v) for v in values} if name == "city" else values


def _score_event_field(result: Evaluation, report: dict, name: str, item: dict, predicted: str | None,
                       siblings: list[dict]) -> None:
    if name not in item or (name == "event_date" and item[name] is None):
        return  # a field the gold line leaves out, or a date the report does not fix, is not scored
    value = fold(predicted) if name == "city" else predicted
    if not result.accuracy[name].add(value in right_values(name, item, siblings)):
        report["wrong"][name] = {"predicted": predicted, "gold": item.get(name)}


def _add_set(counts: Counts, predicted: set, gold: set, accepted: set) -> tuple[set, set]:
    """Count a set field; a predicted value that is only in `accept` counts as right, and is no miss when absent."""
    optional = (accepted - gold) & predicted
    counts.tp += len(optional)
    return counts.add(predicted - optional, gold)


def pair_persons(predicted: list[tuple[str, str | None]], gold: list[dict]) -> tuple[list, list, list]:
    """Pair predicted and gold persons one to one: equal names first, then surname and initial.

    Returns the (predicted, gold) pairs, the gold persons left unpaired and the predicted ones left unpaired.
    """
    free = list(predicted)
    pairs: list[tuple[tuple[str, str | None], dict]] = []
    unpaired = list(gold)
    for rule in (names_agree, persons_match):
        for person in list(unpaired):
            match = next((p for p in free if rule(p[0], person["name"])), None)
            if match is not None:
                free.remove(match)
                unpaired.remove(person)
                pairs.append((match, person))
    return pairs, unpaired, free


def _score_persons(result: Evaluation, report: dict, predicted: list[tuple[str, str | None]], gold: list[dict],
                   accepted: list) -> None:
    """Persons that took part, and the roles of matched persons whose gold role is given."""
    pairs, misses, free = pair_persons(predicted, gold)
    optional = [p if isinstance(p, dict) else {"name": p} for p in accepted]
    optional_pairs, _, free = pair_persons(free, optional)
    counts = result.sets["persons"]
    counts.tp += len(pairs) + len(optional_pairs)
    counts.fn += len(misses)
    counts.fp += len(free)
    for (_, role), person in pairs + optional_pairs:
        if not person.get("role"):
            continue
        if not result.accuracy["person_roles"].add(roles_agree(role, person["role"])):
            report["wrong"].setdefault("person_roles", []).append(
                {"name": person["name"], "predicted": role, "gold": person["role"]})
    _record(report, "persons", {p["name"] for p in misses}, {p[0] for p in free})


def _record(report: dict, field_name: str, misses: set, false_hits: set) -> None:
    if misses:
        report["misses"][field_name] = sorted(misses)
    if false_hits:
        report["false_hits"][field_name] = sorted(false_hits)
