"""The public expert directory, public profiles, and Profil Saya."""

import logging

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import expert_required
from ops.params import text_param

from .forms import ProfileForm, PublicationFormSet
from .models import ExpertiseField, ExpertProfile, Publication

logger = logging.getLogger(__name__)

PER_PAGE = 12


def public_profiles():
    """Profiles a visitor may see: active expert accounts only."""
    return ExpertProfile.objects.filter(
        user__is_active=True, user__account_type="pakar"
    ).select_related("user")


def directory(request):
    """List experts as cards, filtered by field of expertise and a search term."""
    profiles = public_profiles().prefetch_related(
        Prefetch("fields", queryset=ExpertiseField.objects.only("name", "slug"))
    )
    bidang = text_param(request, "bidang", max_length=120)
    query = text_param(request, "q", max_length=100)
    selected = None
    if bidang:
        selected = ExpertiseField.objects.filter(slug=bidang).first()
        profiles = profiles.filter(fields=selected) if selected else profiles.none()
    if query:
        matches = ExpertProfile.objects.filter(
            Q(user__name__icontains=query)
            | Q(title_prefix__icontains=query)
            | Q(title_suffix__icontains=query)
            | Q(institution__icontains=query)
            | Q(position__icontains=query)
            | Q(bio__icontains=query)
            | Q(fields__name__icontains=query)
            | Q(publications__title__icontains=query)
        ).values("pk")
        profiles = profiles.filter(pk__in=matches)
    profiles = profiles.order_by("user__name", "pk")

    page = Paginator(profiles, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "experts/directory.html",
        {
            "page_obj": page,
            "profiles": page.object_list,
            "all_fields": ExpertiseField.objects.only("name", "slug"),
            "selected_field": selected,
            "query": query,
            "bidang": bidang,
        },
    )


def detail(request, slug):
    """An expert's public profile: bio, fields, publications grouped by kind."""
    profile = get_object_or_404(
        public_profiles().prefetch_related("fields", "publications"), slug=slug
    )
    publications = list(profile.publications.all())
    groups = [
        (label, [p for p in publications if p.kind == kind])
        for kind, label in Publication.Kind.choices
    ]
    return render(
        request,
        "experts/expert_profile.html",
        {
            "profile": profile,
            "publication_groups": [(label, items) for label, items in groups if items],
        },
    )


def _apply_move(forms_in_order, move):
    """Swap one publication with its neighbour, as asked by an up/down button."""
    try:
        prefix, direction = move.rsplit(":", 1)
    except ValueError:
        return forms_in_order
    index = next(
        (i for i, form in enumerate(forms_in_order) if form.prefix == prefix), None
    )
    if index is None:
        return forms_in_order
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(forms_in_order):
        forms_in_order[index], forms_in_order[other] = (
            forms_in_order[other],
            forms_in_order[index],
        )
    return forms_in_order


@expert_required
def my_profile(request):
    """Profil Saya: an expert edits their public profile and publications."""
    profile, _created = ExpertProfile.objects.get_or_create(
        user=request.user,
        defaults={"slug": ExpertProfile.unique_slug(request.user.display_name)},
    )
    data = request.POST if request.method == "POST" else None
    form = ProfileForm(data, request.FILES or None, instance=profile)
    formset = PublicationFormSet(data, instance=profile, prefix="pub")

    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            form.save()
            formset.save()
            deleted = set(formset.deleted_forms)
            kept = [f for f in formset.forms if f.instance.pk and f not in deleted]
            kept = _apply_move(kept, request.POST.get("move", ""))
            for position, item in enumerate(kept):
                if item.instance.sort_order != position:
                    item.instance.sort_order = position
                    item.instance.save(update_fields=["sort_order"])
        if request.POST.get("move"):
            return redirect("experts:my_profile")
        messages.success(request, _("Your profile has been saved."))
        return redirect("experts:my_profile")

    if request.method == "POST":
        messages.error(request, _("Please correct the marked fields below."))
        if request.FILES.get("photo") and "photo" not in form.errors:
            # Browsers cannot refill a file input, so say so instead of losing it.
            messages.info(
                request, _("Your photo was not saved yet: choose it again, please.")
            )
    return render(
        request,
        "experts/my_profile.html",
        {"form": form, "formset": formset, "profile": profile},
    )
