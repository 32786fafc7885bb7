"""Login-only oversight: the monitoring dashboard (F17) and the official reports (F10,
F22), each limited to the officer's area. Reads unsuppressed counts and Logbook records,
so nothing here is public (the public statistics are tpmap.portal's)."""
