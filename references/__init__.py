"""Curated data that ships with refcheck (quotes table, bundled example and its snapshot)."""
