"""Accounts of the Logbook: users with a role, an area and an agency; area scopes; the
audit trail."""
