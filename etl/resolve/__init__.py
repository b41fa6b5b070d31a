"""Resolve across reports: events (one per real event) and people (one per real actor)."""
