"""The password rules of every account, said in Thai (Django's own validators, whose
messages have no Thai translation): at least 10 characters, not like the account's name,
not a common password, not only digits. Listed in settings.AUTH_PASSWORD_VALIDATORS; the
password forms show their help texts and the services (account creation, the operator
command) raise their messages."""

from __future__ import annotations

from django.contrib.auth import password_validation as django_rules
from django.utils.translation import gettext as _


class MinimumLengthValidator(django_rules.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return _("รหัสผ่านสั้นเกินไป ต้องมีอย่างน้อย %(min_length)d ตัวอักษร") % {
            "min_length": self.min_length
        }

    def get_help_text(self) -> str:
        return _("รหัสผ่านต้องมีอย่างน้อย %(min_length)d ตัวอักษร") % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(django_rules.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        # %(verbose_name)s is the account field's own (Thai) label, e.g. ชื่อผู้ใช้.
        return _("รหัสผ่านคล้ายกับ%(verbose_name)sมากเกินไป")

    def get_help_text(self) -> str:
        return _("รหัสผ่านต้องไม่คล้ายกับชื่อผู้ใช้ ชื่อ นามสกุล หรืออีเมลของท่าน")


class CommonPasswordValidator(django_rules.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("รหัสผ่านนี้ใช้กันทั่วไป เดาง่าย กรุณาตั้งรหัสผ่านอื่น")

    def get_help_text(self) -> str:
        return _("รหัสผ่านต้องไม่ใช่รหัสผ่านที่ใช้กันทั่วไป")


class NumericPasswordValidator(django_rules.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("รหัสผ่านต้องไม่เป็นตัวเลขล้วน ให้มีตัวอักษรปนด้วย")

    def get_help_text(self) -> str:
        return _("รหัสผ่านต้องไม่เป็นตัวเลขทั้งหมด")
