"""The API's one error shape, ``{"error": {"code", "message"[, "fields"]}}``, in Thai or,
with ``Accept-Language: en``, English."""

from __future__ import annotations

from typing import Any, TypedDict, Unpack

from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

# code -> (Thai, English)
MESSAGES: dict[str, tuple[str, str]] = {
    "unauthorized": (
        "ต้องส่งโทเคนที่ยังใช้งานได้ (Authorization: Bearer ...)",
        "A valid bearer token is required (Authorization: Bearer ...)",
    ),
    "bad_credentials": ("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง", "Wrong user name or password"),
    "locked": (
        "บัญชีนี้ถูกระงับชั่วคราวเพราะใส่รหัสผ่านผิดหลายครั้ง",
        "This account is locked for a while after too many failed log-ins",
    ),
    "password_change_required": (
        "ต้องเปลี่ยนรหัสผ่านที่หน้าเว็บก่อน จึงจะขอโทเคนได้",
        "Change the password on the website first, then ask for a token",
    ),
    "forbidden": ("บัญชีนี้ไม่มีสิทธิ์ทำรายการนี้", "This account may not do this"),
    "out_of_area": (
        "พื้นที่นี้อยู่นอกพื้นที่ที่บัญชีนี้รับผิดชอบ",
        "This area is outside the area of this account",
    ),
    "not_found": (
        "ไม่พบข้อมูลนี้ หรือข้อมูลอยู่นอกพื้นที่ที่บัญชีนี้รับผิดชอบ",
        "Not found, or outside the area of this account",
    ),
    "conflict": (
        "ข้อมูลนี้ถูกแก้ไขไปแล้วหลังจากที่อ่าน กรุณาโหลดใหม่แล้วแก้ไขอีกครั้ง",
        "The record has changed since it was read: reload it and apply the change again",
    ),
    "rate_limited": (
        "เรียกใช้ถี่เกินกำหนด กรุณารอแล้วลองใหม่",
        "Too many requests: wait and try again",
    ),
    "invalid": ("ข้อมูลที่ส่งมาไม่ถูกต้อง", "The data sent is not valid"),
    "duplicate_assistance": (
        "หน่วยงานอื่นช่วยเหลือครัวเรือนนี้ในตัวชี้วัดเดียวกันในช่วงเวลาที่ทับซ้อนกันแล้ว",
        "Another agency already helps this household on the same indicator in an overlapping period",
    ),
    "bad_request": ("คำขอไม่ถูกต้อง", "Bad request"),
    "method_not_allowed": ("ไม่รองรับวิธีเรียกนี้", "Method not allowed"),
    "unavailable": ("ยังไม่มีคลังข้อมูลให้อ่าน", "No warehouse has been built yet"),
    "server_error": ("ระบบขัดข้อง กรุณาลองใหม่", "Server error: please try again"),
}
STATUS_CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "bad_request",
    422: "invalid",
    429: "rate_limited",
    503: "unavailable",
}
REQUIRED_TH, INVALID_TH = "จำเป็นต้องระบุ", "ค่าไม่ถูกต้อง"


class Details(TypedDict, total=False):
    """What an error may carry besides its status and code."""

    message: str | None  # the code's own message when None
    fields: dict[str, list[str]] | None  # field name -> messages
    headers: dict[str, str] | None


class ApiError(Exception):
    def __init__(self, status: int, code: str, **details: Unpack[Details]) -> None:
        super().__init__(code)
        self.status, self.code, self.message = status, code, details.get("message")
        self.fields, self.headers = details.get("fields"), details.get("headers") or {}


def wants_english(request: HttpRequest) -> bool:
    """Thai unless the client's first known language in Accept-Language is English."""
    for lang, _q in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        base = lang.split("-")[0].lower()
        if base in ("th", "en"):
            return base == "en"
    return False


def bilingual(th: str, en: str) -> str:
    """A message of the API's own in the request's language."""
    return en if translation.get_language() == "en" else th


def message_for(code: str) -> str:
    th, en = MESSAGES.get(code, MESSAGES["server_error"])
    return en if translation.get_language() == "en" else th


def error_response(status: int, code: str, **details: Unpack[Details]) -> JsonResponse:
    fields = details.get("fields")
    body: dict[str, Any] = {"code": code, "message": details.get("message") or message_for(code)}
    if fields is not None or status in (400, 422):
        body["fields"] = fields or {}
    response = JsonResponse(
        {"error": body}, status=status, json_dumps_params={"ensure_ascii": False}
    )
    for k, v in (details.get("headers") or {}).items():
        response[k] = v
    return response


def pydantic_fields(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Field name -> messages, from ninja's (pydantic's) error list."""
    english = translation.get_language() == "en"
    out: dict[str, list[str]] = {}
    for e in errors:
        loc = [p for p in e.get("loc", ()) if p not in ("body", "query", "path", "payload")]
        # The field is the first name; later parts name a union member or a list index.
        names = [str(p) for p in loc if isinstance(p, str)]
        name = names[0] if names else "__all__"
        if english:
            msg = str(e.get("msg", "invalid"))
        else:
            msg = REQUIRED_TH if e.get("type") == "missing" else INVALID_TH
        out.setdefault(name, []).append(msg)
    return out
