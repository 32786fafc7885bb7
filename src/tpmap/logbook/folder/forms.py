"""F14: the family-folder form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tpmap.logbook.forms import PhotoField
from tpmap.logbook.models import (
    COMMUNITY_FUNDS,
    FOLDER_PHOTO_KINDS,
    HELP_KINDS,
    KHOK_NONG_NA_BUDGETS,
    KHOK_NONG_NA_ROLES,
    HouseholdType,
    PhotoKind,
    WantsHelp,
)
from tpmap.logbook.photos import CleanPhoto


class ClassificationForm(forms.Form):
    household_type = forms.ChoiceField(
        label=_("ประเภทครัวเรือน"), choices=HouseholdType.choices, widget=forms.RadioSelect
    )
    household_type_other = forms.CharField(label=_("อื่น ๆ (ระบุ)"), max_length=200, required=False)
    wants_help = forms.ChoiceField(
        label=_("ครัวเรือนนี้มีความประสงค์รับการช่วยเหลือหรือไม่"),
        choices=WantsHelp.choices,
        widget=forms.RadioSelect,
    )
    help_kinds = forms.MultipleChoiceField(
        label=_("ความต้องการการช่วยเหลือของครัวเรือน"),
        choices=HELP_KINDS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    help_other = forms.CharField(label=_("ความต้องการอื่น ๆ (ระบุ)"), max_length=200, required=False)
    debt_cause = forms.CharField(label=_("สาเหตุของการเป็นหนี้"), max_length=300, required=False)
    occupational_skills = forms.CharField(
        label=_("ทักษะด้านอาชีพของคนในครัวเรือน"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    khok_nong_na_role = forms.ChoiceField(
        label=_("การมีส่วนร่วมในโครงการ โคก หนอง นา โมเดล"),
        choices=KHOK_NONG_NA_ROLES,
        widget=forms.RadioSelect,
        initial="none",
    )
    khok_nong_na_budgets = forms.MultipleChoiceField(
        label=_("แหล่งงบประมาณ (เจ้าของแปลง)"),
        choices=KHOK_NONG_NA_BUDGETS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    community_funds = forms.MultipleChoiceField(
        label=_("แหล่งทุนภายในชุมชนที่เข้าถึงได้ (ตอบได้มากกว่า 1 ตัวเลือก)"),
        choices=COMMUNITY_FUNDS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    community_funds_other = forms.CharField(
        label=_("แหล่งทุนอื่น ๆ (ระบุ)"), max_length=200, required=False
    )
    photo_head = PhotoField(label=PhotoKind.HEAD.label)
    photo_members = PhotoField(label=PhotoKind.MEMBERS.label)
    photo_house = PhotoField(label=PhotoKind.HOUSE.label)
    photo_surroundings_1 = PhotoField(label=PhotoKind.SURROUNDINGS_1.label)
    photo_surroundings_2 = PhotoField(label=PhotoKind.SURROUNDINGS_2.label)

    def photos(self) -> dict[str, CleanPhoto]:
        return {
            k: self.cleaned_data[f"photo_{k}"]
            for k in FOLDER_PHOTO_KINDS
            if self.cleaned_data.get(f"photo_{k}")
        }
