"""Views of a person's own account ("Akun Saya")."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from wagtail.admin.views.account import LoginView as WagtailLoginView

from .forms import AccountForm


@login_required
def account_settings(request):
    """Let a signed-in person edit the details they gave at sign-up."""
    form = AccountForm(request.POST or None, instance=request.user)

    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("Your account details have been saved."))
        return redirect("accounts:settings")

    return render(request, "accounts/account_settings.html", {"form": form})


class AdminLoginView(WagtailLoginView):
    """Wagtail's admin login, sending an editor who is signed in on to ``next``.

    Wagtail passes ``next`` to ``redirect()``, which reads a value without "/"
    or "." (``?next=2``) as the name of a URL pattern and fails with
    NoReverseMatch, a 500. ``next`` has been checked to be a safe address by
    then, so it is used as the address it is.
    """

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.has_perm(
            "wagtailadmin.access_admin"
        ):
            return HttpResponseRedirect(self.get_success_url())
        return super().get(request, *args, **kwargs)
