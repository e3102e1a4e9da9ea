"""Evaluation against annotated data: FA-KES (main incidents), later places and incidents."""
