"""Phrase lists by category; see :mod:`cleanse.phrases` for the file format."""
