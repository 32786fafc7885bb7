from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from tpmap.portal.publish import Count

register = template.Library()


@register.filter(name="cnt")
def cnt(c: Count) -> SafeString:
    """A published count: the number, or "*" with an explanation when hidden."""
    if c.is_suppressed:
        return format_html(
            '<span class="cnt sup" title="{}">{}</span>',
            _("ปิดไว้เพื่อคุ้มครองข้อมูลส่วนบุคคล (จำนวน 1 ถึง 4 หรือจำนวนที่ใช้คำนวณย้อนหาจำนวนนั้นได้)"),
            str(c),
        )
    return format_html('<span class="cnt">{}</span>', str(c))
