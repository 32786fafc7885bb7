from __future__ import annotations

import pytest

from tpmap.logbook.models import Agency, MenuItem
from tpmap.logbook.routing.seed import seed_catalogue


@pytest.fixture(autouse=True)
def _catalogue(db: None) -> None:
    """The seeded catalogue and menu, even after a transactional test flushed them."""
    seed_catalogue(Agency, MenuItem)
