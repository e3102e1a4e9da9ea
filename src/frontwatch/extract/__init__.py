"""Extraction: a spaCy ``Language`` with frontwatch's components, and event assembly."""
