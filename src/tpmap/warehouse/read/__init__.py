"""Reads of a published warehouse by subject: base (the read handle), areas, statistics,
households, reports, public (the suppressed tables the portal reads). Never imports the
build."""
