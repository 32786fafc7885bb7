"""The REST API ``/api/v1/`` (CONTRACTS.md section 4, docs/api.md), built on django-ninja.

Endpoints are thin: parse with a schema, call one function of ``calls`` (the only module
that talks to the Logbook's services and the warehouse's selectors), render."""
