"""Independent random streams, one per (seed, purpose, province[, year]), so that a
province's households do not depend on the data year or on which other provinces run."""

from __future__ import annotations

import numpy as np

LAYOUT = 1
PERSONS = 2
SURVEY = 3
REGISTRY = 4
DIRTY = 5


def stream(seed: int, purpose: int, *keys: int) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, purpose, *keys])))
