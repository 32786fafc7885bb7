"""Thai first (``ThaiFirstLocaleMiddleware``): the page language is the one the user chose
(the language cookie set by ``set_language``), else Thai; the browser's Accept-Language is
not consulted, so a phone set to English still gets the Thai interface until its user
switches.

``PagesOnlyMiddleware`` and its subclasses: the middlewares only the pages need, which
``/api/`` requests pass by."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.module_loading import import_string


class ThaiFirstLocaleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        lang = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", lang)
        return response


API_PREFIX = "/api/"


class PagesOnlyMiddleware:
    """A middleware only the pages need, passed by for the REST API (``/api/``), whose
    requests carry a bearer token, never a session: no session to load, no messages, no
    first-login redirect (a token of an account that must change its password is refused
    by ``tpmap.accounts.tokens``), no page language (``tpmap.api.middleware`` picks the
    API's). Subclasses name the middleware in ``wrapped``. NID masking, security headers,
    CSRF, axes' lockout and auditing are not here: they run for every request."""

    wrapped: ClassVar[str]

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.inner = import_string(self.wrapped)(get_response)
        if hasattr(self.inner, "process_view"):
            self.process_view = self._process_view

    def skips(self, request: HttpRequest) -> bool:
        return request.path_info.startswith(API_PREFIX)

    def for_api(self, request: HttpRequest) -> None:
        """What an API request gets instead (nothing by default)."""

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.skips(request):
            self.for_api(request)
            return self.get_response(request)
        response: HttpResponse = self.inner(request)
        return response

    def _process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if self.skips(request):
            return None
        result: HttpResponse | None = self.inner.process_view(request, view, args, kwargs)
        return result


class SessionMiddleware(PagesOnlyMiddleware):
    wrapped = "django.contrib.sessions.middleware.SessionMiddleware"


class LocaleMiddleware(PagesOnlyMiddleware):
    wrapped = "tpmap.site.middleware.ThaiFirstLocaleMiddleware"


class AuthenticationMiddleware(PagesOnlyMiddleware):
    wrapped = "django.contrib.auth.middleware.AuthenticationMiddleware"

    def for_api(self, request: HttpRequest) -> None:
        # Anonymous until the API's bearer authentication sets the token's account.
        request.user = AnonymousUser()


class FirstLoginMiddleware(PagesOnlyMiddleware):
    wrapped = "tpmap.site.firstlogin.FirstLoginMiddleware"


class MessageMiddleware(PagesOnlyMiddleware):
    wrapped = "django.contrib.messages.middleware.MessageMiddleware"
