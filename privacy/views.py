"""Views for a person's own data: the privacy page, download, account deletion."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import services
from .forms import DeleteAccountForm


def policy(request):
    """The privacy page: what is stored, why, for how long, and people's rights."""
    return render(request, "privacy/policy.html")


@never_cache
@login_required
def my_data(request):
    """Where a signed-in person downloads their data or deletes their account."""
    return render(request, "privacy/my_data.html")


@never_cache
@require_GET
@login_required
def export(request):
    """Download everything kept about the signed-in person, as JSON."""
    data = services.export_data(request.user)

    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"ruangrunding-data-saya-{timezone.localdate():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
def delete_account(request):
    """Delete the signed-in person's account after they confirm with their password."""
    if request.user.is_staff or request.user.is_superuser:
        return render(
            request, "privacy/delete_account.html", {"staff": True}, status=403
        )

    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "privacy/delete_account.html", {"form": form})

    services.delete_account(request.user)
    logout(request)
    messages.success(request, _("Your account and your data have been deleted."))
    return redirect("/")
