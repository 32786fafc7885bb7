"""Pure domain: areas, national IDs, BMN indicators, MPI mappings, target policies.

No Django and no DuckDB here, so every other layer can rely on it.
"""
