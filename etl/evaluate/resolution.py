"""Resolution: does the ETL put two reports into one event exactly when their gold shares an event_key?"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from etl.evaluate.metrics import Counts


@dataclass
class Resolution:
    """Pairwise precision/recall of "these two reports share an event", with the pairs it got wrong."""

    counts: Counts = field(default_factory=Counts)
    wrongly_merged: list[tuple[str, str]] = field(default_factory=list)
    left_apart: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"wrongly_merged": [list(pair) for pair in self.wrongly_merged],
                "left_apart": [list(pair) for pair in self.left_apart]}


def gold_event(item: dict) -> str:
    """The real event a gold line tells: its event_key, or the report itself where it has none."""
    return item.get("event_key") or f"file:{item['file']}"


def score_resolution(gold: list[dict], built_event: dict[str, str]) -> Resolution:
    """Score every pair of gold reports that were both built (`built_event`: file → predicted event_id).

    A pair in one predicted event and one gold event is a true positive; in one predicted event only,
    wrongly merged (a false positive); in one gold event only, left apart (a false negative).
    """
    result = Resolution()
    built = sorted((item for item in gold if item["file"] in built_event), key=lambda item: item["file"])
    for left, right in combinations(built, 2):
        merged = built_event[left["file"]] == built_event[right["file"]]
        same = gold_event(left) == gold_event(right)
        pair = (left["file"], right["file"])
        if merged and same:
            result.counts.tp += 1
        elif merged:
            result.counts.fp += 1
            result.wrongly_merged.append(pair)
        elif same:
            result.counts.fn += 1
            result.left_apart.append(pair)
    return result
