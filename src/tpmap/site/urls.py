from __future__ import annotations

from django.urls import include, path
from django.views.i18n import set_language

from tpmap.accounts.views import LoginView
from tpmap.api.urls import urlpatterns as api_urls
from tpmap.field.views import FieldAwareLogoutView

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", FieldAwareLogoutView.as_view(), name="logout"),
    path("accounts/", include("tpmap.accounts.urls")),
    path("api/", include(api_urls)),
    path("field/", include("tpmap.field.urls")),
    path("", include("tpmap.portal.urls")),
    path("", include("tpmap.logbook.urls")),
    path("", include("tpmap.dashboard.urls")),
    path("", include("tpmap.projects.urls")),
]

handler400 = "tpmap.site.errors.bad_request"
handler403 = "tpmap.site.errors.permission_denied"
handler404 = "tpmap.site.errors.page_not_found"
handler500 = "tpmap.site.errors.server_error"
