from __future__ import annotations

from django.contrib.auth.views import LogoutView
from django.urls import include, path
from django.views.i18n import set_language

from tpmap.accounts.views import LoginView
from tpmap.api.urls import urlpatterns as api_urls

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("accounts/", include("tpmap.accounts.urls")),
    path("api/", include(api_urls)),
    path("", include("tpmap.portal.urls")),
    path("", include("tpmap.logbook.urls")),
    path("", include("tpmap.dashboard.urls")),
]

handler400 = "tpmap.site.errors.bad_request"
handler403 = "tpmap.site.errors.permission_denied"
handler404 = "tpmap.site.errors.page_not_found"
handler500 = "tpmap.site.errors.server_error"
