"""Official reports (F10, F22) for logged-in officers, limited to their area."""
