"""Error pages in Thai for people (never a stack trace, never the request's details), and
the one mapping of a service's errors to a form, a status and a page."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from tpmap.site.params import BadParameter
from tpmap.site.rules import NON_FIELD, StaleVersion
from tpmap.site.warehouse import NotFound


def _page(request: HttpRequest | None, status: int, title: str, text: str) -> HttpResponse:
    html = render_to_string("error.html", {"status": status, "title": title, "text": text})
    return HttpResponse(html, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # A query-string value the page does not accept says which one (a Thai message of ours,
    # never the value typed).
    text = (
        str(exception)
        if isinstance(exception, BadParameter)
        else _("ข้อมูลที่ส่งมาไม่ถูกต้อง กรุณากลับไปลองใหม่")
    )
    return _page(request, 400, _("คำขอไม่ถูกต้อง"), text)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 403, _("ไม่มีสิทธิ์เข้าถึง"), _("บัญชีของท่านไม่มีสิทธิ์ใช้งานหน้านี้"))


#: Addresses of the public portal (its short /2566/34 addresses start with a year).
PUBLIC_PATHS = re.compile(r"^/(open/|open-data/|25[0-9]{2}(/|$))")


def speaks_to_public(request: HttpRequest | None) -> bool:
    """A page for the public, not for an officer: a visitor who is not logged in, or
    anyone on the public portal's addresses."""
    if request is None:
        return True
    user = getattr(request, "user", None)
    logged_in = bool(user is not None and user.is_authenticated)
    return not logged_in or bool(PUBLIC_PATHS.match(request.path))


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The public's 404 (the portal's look, a way home, nothing about accounts or areas)
    for visitors and on the portal; the Logbook's (maybe outside the officer's area) for
    an officer."""
    if speaks_to_public(request):
        html = render_to_string("error_public.html", {"status": 404}, request=None)
        return HttpResponse(html, status=404)
    return _page(
        request,
        404,
        _("ไม่พบหน้าที่ต้องการ"),
        _("ไม่พบข้อมูลนี้ หรือข้อมูลอยู่นอกพื้นที่ที่บัญชีของท่านรับผิดชอบ"),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        500,
        _("ระบบขัดข้อง"),
        _("ขออภัย ระบบไม่สามารถทำรายการนี้ได้ในขณะนี้ ข้อมูลที่บันทึกไว้แล้วไม่สูญหาย กรุณาลองใหม่อีกครั้ง"),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent from a page that has expired (or without its token): say what to do."""
    return _page(
        request,
        403,
        _("หน้านี้หมดอายุแล้ว"),
        _("กรุณากลับไปโหลดหน้าใหม่ (หรือเข้าสู่ระบบอีกครั้ง) แล้วส่งข้อมูลอีกครั้ง"),
    )


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        429,
        _("มีการเรียกดูถี่เกินไป"),
        _("บัญชีหรือเครือข่ายนี้เรียกดูข้อมูลถี่เกินกำหนด กรุณารอสักครู่แล้วลองใหม่"),
    )


# -- service errors, mapped in one place for pages and the API ------------------------------
def error_messages(error: ValidationError) -> dict[str, list[str]]:
    """A service's validation error as field -> messages ('__all__' for the whole input)."""
    if hasattr(error, "error_dict"):
        return {field: list(msgs) for field, msgs in error.message_dict.items()}
    return {NON_FIELD: list(error.messages)}


def add_to_form(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's validation error on the form that made its input: each message on
    its field when the form has one, on the form otherwise."""
    for field, msgs in error_messages(error).items():
        form.add_error(field if field in form.fields else None, msgs)


def error_status(error: Exception, *, api: bool = False) -> int:
    """The HTTP status of an error a service or a lookup raised. Input that breaks a rule
    is 400 on a page and 422 in the API (its body parsed, its content refused); a write
    based on a stale version is 409."""
    if isinstance(error, StaleVersion):
        return 409
    if isinstance(error, ValidationError):
        return 422 if api else 400
    if isinstance(error, PermissionDenied):
        return 403
    if isinstance(error, Http404 | NotFound):  # NotFound: a household the warehouse lacks
        return 404
    return 500


def error_response(request: HttpRequest, error: Exception) -> HttpResponse:
    """A page for an error a service raised outside a form (the API will answer JSON with
    ``error_messages`` and ``error_status`` instead)."""
    status = error_status(error)
    if status == 400:
        return bad_request(request, error)
    if status == 403:
        return permission_denied(request, error)
    if status == 404:
        return page_not_found(request, error)
    if status == 409:
        return _page(
            request,
            409,
            _("ข้อมูลนี้ถูกแก้ไขไปแล้ว"),
            _("มีผู้แก้ไขข้อมูลนี้หลังจากที่ท่านเปิดหน้า กรุณาโหลดหน้าใหม่แล้วแก้ไขอีกครั้ง"),
        )
    return server_error(request)
