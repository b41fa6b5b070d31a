"""Events as groups of reports, kept between builds and updated where reports came or went.

`etl.resolve.events.group_events` joins two dated reports when `_same_event` holds for them (their dates
meet, and more), and attaches each undated report to the dated report `_best_dated_match` picks. The groups
are therefore the connected components of the dated reports under `_same_event` (which is symmetric), each
with the undated reports matched to one of its members. Updating them after a change is exact:

- a component that lost a report is worked out again from its remaining members (`group_events` on them:
  a member was linked only to members of its component);
- a new dated report is compared with every dated report whose dates meet its own, and joins (merges) the
  components of those `_same_event` accepts;
- an undated report is matched again when it is new, or when a dated report came or went inside the
  window of dates it may match (without a publication date: anywhere); otherwise it keeps its match.

A full build is the same update from no groups, every report being new; tests check both against
`group_events`.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from etl.model import Extraction
from etl.resolve import events
from etl.resolve.events import _Facts

Facts = _Facts


def facts_of(extraction: Extraction) -> _Facts:
    return _Facts.of(extraction)


@dataclass
class Grouping:
    """Groups of report keys, and for every undated report the dated report it joined (or None)."""

    groups: list[list[str]] = field(default_factory=list)
    matches: dict[str, str | None] = field(default_factory=dict)


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, key: str) -> None:
        self.parent.setdefault(key, key)

    def root(self, key: str) -> str:
        parent = self.parent
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def join(self, left: str, right: str) -> None:
        a, b = self.root(left), self.root(right)
        if a != b:
            self.parent[a] = b


def update_grouping(previous: Grouping, facts: dict[str, _Facts], doc_ids: dict[str, str], added: Iterable[str],
                    removed: Iterable[str], members: Callable[[list[str]], list[Extraction]]) -> Grouping:
    """The groups of the reports in `doc_ids` (their facts in `facts`, with those of the removed reports),
    knowing the groups of the previous build and which reports were added and removed since; `members`
    gives the (slim) extractions of some reports, needed only where a group lost a report. With an empty
    `previous` and every report added, this is a full grouping."""
    added, removed = set(added), set(removed)
    union = _Union()
    for key in doc_ids:
        union.add(key)
    # Components of the previous dated reports: kept, or worked out again if they lost a member.
    for group in previous.groups:
        dated = [k for k in group if facts[k].start is not None]
        remaining = [k for k in dated if k not in removed]
        if len(remaining) < len(dated):
            extractions = members(remaining)
            position = {id(e): k for k, e in zip(remaining, extractions, strict=True)}
            for sub in events.group_events(extractions):
                keys = [position[id(m)] for m in sub.members]
                for key in keys[1:]:
                    union.join(keys[0], key)
        else:
            for key in remaining[1:]:
                union.join(remaining[0], key)
    # New dated reports: compared with every dated report whose dates meet theirs (once per pair).
    order = _DatedOrder(facts, doc_ids)
    starts = [f.start.toordinal() for f in order.facts]
    widest = max((_end(f) - f.start.toordinal() for f in order.facts), default=0)
    done: set[str] = set()
    for key in sorted((k for k in added if facts[k].start is not None), key=lambda k: (facts[k].start, doc_ids[k])):
        mine = facts[key]
        low = bisect.bisect_left(starts, mine.start.toordinal() - events.MAX_DAYS_APART - max(widest, 0))
        high = bisect.bisect_right(starts, _end(mine) + events.MAX_DAYS_APART)
        for other in order.keys[low:high]:
            if other == key or (other in added and other not in done):
                continue
            if union.root(other) == union.root(key):
                continue  # in one event already: comparing them changes nothing (see group_events)
            theirs = facts[other]
            if _end(theirs) >= mine.start.toordinal() - events.MAX_DAYS_APART and events._same_event(theirs, mine):
                union.join(other, key)
        done.add(key)
    # Undated reports: matched again where what they may match changed.
    changed = [facts[k].start for k in added | removed if facts[k].start is not None]
    matches: dict[str, str | None] = {}
    for key in doc_ids:
        mine = facts[key]
        if mine.start is not None:
            continue
        if key in added or key not in previous.matches or _may_change(mine, changed):
            matches[key] = order.best_match(mine)
        else:
            matches[key] = previous.matches[key]
        if matches[key] is not None:
            union.join(key, matches[key])
    by_root: dict[str, list[str]] = {}
    for key in doc_ids:
        by_root.setdefault(union.root(key), []).append(key)
    return Grouping(list(by_root.values()), matches)


def _end(facts: _Facts) -> int:
    return (facts.end or facts.start).toordinal()


def _may_change(undated: _Facts, changed: list[date]) -> bool:
    if not changed:
        return False
    if undated.published is None:
        return True
    low = undated.published - events.PUBLISHED_AFTER_EVENT
    high = undated.published + events.PUBLISHED_BEFORE_EVENT
    return any(low <= start <= high for start in changed)


class _DatedOrder:
    """The dated reports in the order `group_events` compares them: by start, then by doc_id."""

    def __init__(self, facts: dict[str, _Facts], doc_ids: dict[str, str]) -> None:
        self.keys = sorted((k for k in doc_ids if facts[k].start is not None),
                           key=lambda k: (facts[k].start, doc_ids[k]))
        self.facts = [facts[k] for k in self.keys]
        self.starts = [f.start for f in self.facts]
        self.indices = list(range(len(self.keys)))

    def best_match(self, undated: _Facts) -> str | None:
        found = events._best_dated_match(undated, self.facts, self.indices, self.starts)
        return None if found is None else self.keys[found]
