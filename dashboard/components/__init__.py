"""The page's views and panels, one module each, each with a `show(...)` that draws it.

sidebar (filters, kept in the URL by dashboard/url_state.py), overview (metrics), timeline, participation,
themes, events_table and event_details, downloads; chart draws one figure with its download buttons, and
status the messages shown instead of the page (no tables, unreadable tables, nothing matches, failures).
"""
