"""Log-in, and the pages of an account manager: the accounts below it and the audit log
of its area."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tpmap.accounts import lockout, selectors, services
from tpmap.accounts.audit import client_ip
from tpmap.accounts.forms import (
    AccountCreateForm,
    AuditFilterForm,
    LoginForm,
    OwnPasswordChangeForm,
)
from tpmap.accounts.models import User


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    """The officer's own password; at first login (``must_change_password``) every other
    page leads here until it is done."""

    template_name = "accounts/password_change.html"
    form_class = OwnPasswordChangeForm
    success_url = reverse_lazy("accounts:password_done")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        user = form.user
        services.account_password_change(
            user=user, password=form.cleaned_data["new_password1"], ip=client_ip(self.request)
        )
        update_session_auth_hash(self.request, user)  # stay logged in on this browser
        return HttpResponseRedirect(self.get_success_url())


def _require_manager(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.manages_accounts:
        raise PermissionDenied
    return user


@require_GET
@login_required
def account_list(request: HttpRequest) -> HttpResponse:
    manager = _require_manager(request)
    accounts = selectors.accounts_managed_by(manager)
    page = Paginator(accounts, 50).get_page(request.GET.get("page"))
    locked = lockout.locked_usernames(a.username for a in page)
    return render(request, "accounts/account_list.html", {"page": page, "locked": locked})


@require_http_methods(["GET", "POST"])
@login_required
def account_new(request: HttpRequest) -> HttpResponse:
    manager = _require_manager(request)
    form = AccountCreateForm(request.POST or None, manager=manager)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            user, password = services.account_create(
                manager=manager,
                username=d["username"],
                role=d["role"],
                area_code=d["area_code"],
                first_name=d["first_name"],
                last_name=d["last_name"],
                email=d["email"],
                agency=d["agency"],
                phone=d["phone"],
                ip=client_ip(request),
            )
        except ValidationError as e:
            for field, errs in e.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        except PermissionDenied:
            form.add_error("area_code", _("ไม่มีสิทธิ์สร้างบัญชีบทบาทนี้ในพื้นที่นี้"))
        else:
            return render(
                request, "accounts/password_shown.html", {"account": user, "password": password}
            )
    return render(
        request,
        "accounts/account_form.html",
        {"form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


def _managed_or_404(manager: User, pk: int) -> User:
    return get_object_or_404(selectors.accounts_managed_by(manager), pk=pk)


@require_POST
@login_required
def account_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    manager = _require_manager(request)
    user = _managed_or_404(manager, pk)
    services.account_set_active(
        manager=manager, user=user, active=not user.is_active, ip=client_ip(request)
    )
    messages.success(
        request,
        (_("เปิดใช้งานบัญชี %(u)s แล้ว") if user.is_active else _("ระงับบัญชี %(u)s แล้ว"))
        % {"u": user.username},
    )
    return redirect("accounts:list")


@require_POST
@login_required
def account_reset(request: HttpRequest, pk: int) -> HttpResponse:
    manager = _require_manager(request)
    user = _managed_or_404(manager, pk)
    password = services.account_reset_password(manager=manager, user=user, ip=client_ip(request))
    return render(
        request,
        "accounts/password_shown.html",
        {"account": user, "password": password, "reset": True},
    )


@require_POST
@login_required
def account_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    manager = _require_manager(request)
    user = _managed_or_404(manager, pk)
    services.account_unlock(manager=manager, user=user, ip=client_ip(request))
    messages.success(request, _("ปลดล็อกบัญชี %(u)s แล้ว") % {"u": user.username})
    return redirect("accounts:list")


@require_GET
@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    viewer = _require_manager(request)
    form = AuditFilterForm(request.GET or None)
    filters: dict[str, str] = {}
    if form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v}
    events = selectors.audit_events_for(viewer, **filters)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    alerts = list(selectors.bulk_read_alerts_for(viewer)[:20])
    return render(
        request,
        "accounts/audit_log.html",
        {"form": form, "page": page, "query": query.urlencode(), "alerts": alerts},
    )
