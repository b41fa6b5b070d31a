"""The Frictionless data package that describes the written tables, derived from the contract."""

from __future__ import annotations

from etl.contract import DESCRIPTIONS, FOREIGN_KEYS, PRIMARY_KEYS, SCHEMA, column_doc


def datapackage() -> dict:
    """A Frictionless Tabular Data Package describing every CSV table and column with its type."""
    resources = []
    for name, columns in SCHEMA.items():
        schema: dict = {
            "fields": [{"name": c, "type": t, **({"description": column_doc(name, c)} if column_doc(name, c) else {})}
                       for c, t in columns.items()],
            "missingValues": [""],
        }
        if name in PRIMARY_KEYS:
            schema["primaryKey"] = PRIMARY_KEYS[name]
        if name in FOREIGN_KEYS:
            schema["foreignKeys"] = [{"fields": f, "reference": {"resource": r, "fields": rf}}
                                     for f, r, rf in FOREIGN_KEYS[name]]
        resources.append({
            "name": name, "path": f"{name}.csv", "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "description": DESCRIPTIONS[name], "schema": schema,
        })
    return {
        "profile": "tabular-data-package",
        "name": "sco-osce-events",
        "title": "SCO–OSCE interactions: events, participants and themes extracted from reports",
        "resources": resources,
    }
