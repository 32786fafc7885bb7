"""Error pages in Thai for people: never a stack trace, never the request's details."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def _page(request: HttpRequest | None, status: int, title: str, text: str) -> HttpResponse:
    html = render_to_string("error.html", {"status": status, "title": title, "text": text})
    return HttpResponse(html, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 400, _("คำขอไม่ถูกต้อง"), _("ข้อมูลที่ส่งมาไม่ถูกต้อง กรุณากลับไปลองใหม่"))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 403, _("ไม่มีสิทธิ์เข้าถึง"), _("บัญชีของท่านไม่มีสิทธิ์ใช้งานหน้านี้"))


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
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
