"""Helpers for the tests (file builders, generated corpora, servers), kept apart from the tests themselves."""
