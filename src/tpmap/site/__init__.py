"""The Django project of the TPMAP web apps (the Logbook first): settings, URLs, WSGI."""
