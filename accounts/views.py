"""Views of a person's own account ("Akun Saya")."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

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
