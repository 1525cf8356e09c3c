"""Konsultasi: the public explanation, the start form, threads and Konsultasi Saya.

Every view that touches a consultation looks it up through its participant
(:func:`~consult.permissions.get_consultation_for`), so anyone else gets the same
404 whether or not it exists, and nothing they send is stored or mailed.
"""

import logging
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page as ResultsPage
from django.core.paginator import Paginator
from django.db.models import Count, Q, Window
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.models import User
from experts.models import ExpertiseField
from ops.params import text_param

from . import services
from .forms import ConsultationForm, MessageForm
from .models import Consultation, unread_condition
from .permissions import (
    REFUSAL_MESSAGES,
    consultable_experts,
    get_consultable_expert,
    get_consultation_for,
    start_refusal,
)

logger = logging.getLogger(__name__)

EXPERTS_PER_PAGE = 12
CONSULTATIONS_PER_PAGE = 20
# A page number past this is past any real list: answered with the last page.
MAX_PAGE_NUMBER = 10**9
# What a row of Konsultasi Saya shows, read as plain values: no model instances.
ROW_FIELDS = (
    "public_id",
    "subject",
    "status",
    "last_activity_at",
    "requester_read_at",
    "expert_read_at",
    "requester_id",
    "expert_id",
    "field__name",
)
# What naming the other participant needs (``services.participant_name``).
PERSON_FIELDS = (
    "name",
    "first_name",
    "last_name",
    "username",
    "account_type",
    "expert_profile__title_prefix",
    "expert_profile__title_suffix",
    "expert_profile__user",
)
# Any UUID stands in for each row's own in the detail URL, reversed once a page.
_URL_PLACEHOLDER = uuid.UUID(int=0)


def _profile_url(profile):
    """The public profile link, once the expert directory is installed."""
    try:
        return profile.get_absolute_url()
    except NoReverseMatch:
        return None


def _not_found_for_visitor(request):
    """The 404 a visitor gets, with a way to sign in in case it is theirs."""
    return render(request, "consult/not_found.html", status=404)


def _participant_or_404(request, public_id):
    """The consultation if the signed-in user takes part in it; else raise 404."""
    return get_consultation_for(request.user, public_id)


def index(request):
    """Explain the service and let the user pick an expert by name and field."""
    query = text_param(request, "q", max_length=100)
    field_slug = text_param(request, "bidang", max_length=120)

    experts = (
        consultable_experts()
        .select_related("user")
        .prefetch_related("fields")
        .order_by("user__name", "pk")
    )
    if query:
        experts = experts.filter(
            Q(user__name__icontains=query)
            | Q(user__first_name__icontains=query)
            | Q(user__last_name__icontains=query)
            | Q(institution__icontains=query)
            | Q(fields__name__icontains=query)
        ).distinct()
    if field_slug:
        experts = experts.filter(fields__slug=field_slug)

    page = Paginator(experts, EXPERTS_PER_PAGE).get_page(request.GET.get("page"))
    for profile in page.object_list:
        profile.public_url = _profile_url(profile)

    return render(
        request,
        "consult/index.html",
        {
            "page_obj": page,
            "query": query,
            "field_slug": field_slug,
            "expertise_fields": ExpertiseField.objects.filter(
                experts__in=consultable_experts()
            ).distinct(),
        },
    )


@never_cache
@login_required
def start(request, slug):
    """Start a consultation with one expert: subject, question, field, attachment."""
    profile = get_consultable_expert(slug)
    if profile.user_id == request.user.pk:
        messages.error(request, _("You cannot start a consultation with yourself."))
        return redirect("consult:index")
    refusal = start_refusal(request.user)
    if refusal:
        return render(
            request,
            "consult/start_refused.html",
            {
                "profile": profile,
                "reason": refusal,
                "message": REFUSAL_MESSAGES[refusal],
            },
            status=403,
        )

    form = ConsultationForm(
        request.POST or None, request.FILES or None, expert_profile=profile
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation, created = services.start_consultation(
                requester=request.user,
                expert=profile.user,
                subject=data["subject"],
                body=data["body"],
                field=data["field"],
                attachment=data["attachment"],
                attachment_type=form.attachment_type,
                token=data["token"],
            )
        except services.LimitReached as limit:
            form.add_error(None, limit.message)
            status = 429
        else:
            if created:
                messages.success(
                    request,
                    _("Your consultation has been sent to %(name)s.")
                    % {"name": profile.full_name},
                )
            return redirect(consultation)
    form.renew_token_if_invalid()

    return render(
        request,
        "consult/start.html",
        {"form": form, "profile": profile, "profile_url": _profile_url(profile)},
        status=status,
    )


@never_cache
@login_required
def my_consultations(request):
    """Konsultasi Saya: the user's consultations, newest activity first.

    A page at a time; how many have unread activity is said at the top, with
    a filter that lists only those, so none is lost on a later page.
    """
    user = request.user
    status = request.GET.get("status", "")
    direction = request.GET.get("arah", "")
    only_unread = request.GET.get("belum_dibaca") == "1"

    listed = Q()
    if status in Consultation.Status.values:
        listed &= Q(status=status)
    else:
        status = ""
    if direction == "masuk":
        listed &= Q(expert=user)
    elif direction == "terkirim":
        listed &= Q(requester=user)
    else:
        direction = ""
    if only_unread:
        listed &= unread_condition(user)

    page, unread = _page_of_consultations(user, listed, request.GET.get("page"))
    # The menu's badge shows the same count.
    request._unread_consultations = unread

    return render(
        request,
        "consult/my_consultations.html",
        {
            "page_obj": page,
            "status": status,
            "direction": direction,
            "only_unread": only_unread,
            "unread_count": unread,
            "statuses": Consultation.Status.choices,
        },
    )


def _page_of_consultations(user, listed, requested):
    """``(page, unread)``: the requested page of ``user``'s consultations matching
    ``listed``, as rows for the template, and how many of all theirs are unread.

    Unfiltered, one query reads the page and counts what is listed and what is
    unread on the way (``COUNT(*) OVER ()``); a filter costs a count of its own
    first. Naming the other participants costs one more. A page number that is
    not a number means the first page and one out of range the last, as with
    ``Paginator.get_page``; only the latter costs a count on top.
    """
    mine = Consultation.objects.for_participant(user)
    unread = unread_condition(user)
    ordered = mine.filter(listed).order_by("-last_activity_at", "-pk")
    paginator = Paginator(ordered, CONSULTATIONS_PER_PAGE)
    counts = None
    if listed:
        counts = mine.aggregate(
            listed=Count("pk", filter=listed), unread=Count("pk", filter=unread)
        )
        paginator.count = counts["listed"]
        rows = ordered.values_list(*ROW_FIELDS)
    else:
        rows = ordered.annotate(
            listed_total=Window(Count("pk")),
            unread_total=Window(Count("pk", filter=unread)),
        ).values_list(*ROW_FIELDS, "listed_total", "unread_total")

    try:
        number = int(requested)
    except (TypeError, ValueError):
        number = 1
    found = []
    if 1 <= number <= MAX_PAGE_NUMBER and (
        counts is None or number <= paginator.num_pages
    ):
        found = _rows_of_page(rows, number)
    if counts is None:
        if found:
            counts = {"listed": found[0][-2], "unread": found[0][-1]}
        else:
            counts = mine.aggregate(
                listed=Count("pk"), unread=Count("pk", filter=unread)
            )
        paginator.count = counts["listed"]
    if not found and number != 1:
        number = paginator.num_pages
        found = _rows_of_page(rows, number) if paginator.count else []
    return ResultsPage(_listed_rows(user, found), number, paginator), counts["unread"]


def _rows_of_page(rows, number):
    start = (number - 1) * CONSULTATIONS_PER_PAGE
    return list(rows[start : start + CONSULTATIONS_PER_PAGE])


def _listed_rows(user, found):
    """Rows of Konsultasi Saya, as the template shows them, in one more query."""
    others = {row[6] if row[7] == user.pk else row[7] for row in found}
    people = (
        User.objects.filter(pk__in=others)
        .select_related("expert_profile")
        .only(*PERSON_FIELDS)
        .in_bulk()
        if others
        else {}
    )
    status_labels = dict(Consultation.Status.choices)
    url = reverse("consult:detail", kwargs={"public_id": _URL_PLACEHOLDER})
    placeholder = str(_URL_PLACEHOLDER)
    listed = []
    for (
        public_id,
        subject,
        status,
        last_activity_at,
        requester_read_at,
        expert_read_at,
        requester_id,
        expert_id,
        field_name,
        *_counts,
    ) in found:
        is_expert = expert_id == user.pk
        read_at = expert_read_at if is_expert else requester_read_at
        activity = timezone.localtime(last_activity_at)
        listed.append(
            {
                "subject": subject,
                "status": status,
                "status_label": status_labels.get(status, ""),
                "field_name": field_name,
                "received": is_expert,
                "other_name": services.participant_name(
                    people[requester_id if is_expert else expert_id]
                ),
                "unread": read_at is None or last_activity_at > read_at,
                "url": url.replace(placeholder, str(public_id)),
                "activity_iso": activity.isoformat(),
                # dateformat's "j F Y, H.i", without its per-call overhead.
                "activity_display": (
                    f"{activity.day} {MONTHS[activity.month]} {activity.year:04d}, "
                    f"{activity.hour:02d}.{activity.minute:02d}"
                ),
            }
        )
    return listed


def _render_thread(request, consultation, form, status=200):
    thread_messages = consultation.messages.select_related(
        "sender", "sender__expert_profile"
    )
    for message in thread_messages:
        message.sender_name = services.participant_name(message.sender)
        message.is_mine = message.sender_id == request.user.pk
    return render(
        request,
        "consult/consultation_detail.html",
        {
            "consultation": consultation,
            "thread_messages": thread_messages,
            "form": form,
            "other": consultation.other_participant(request.user),
            "other_name": services.participant_name(
                consultation.other_participant(request.user)
            ),
            "closed_by_name": (
                services.participant_name(consultation.closed_by)
                if consultation.closed_by
                else ""
            ),
        },
        status=status,
    )


@never_cache
def detail(request, public_id):
    """One thread, for its two participants only; opening it marks it read."""
    if not request.user.is_authenticated:
        return _not_found_for_visitor(request)
    consultation = _participant_or_404(request, public_id)

    services.mark_read(consultation, request.user)

    return _render_thread(request, consultation, MessageForm())


@never_cache
def reply(request, public_id):
    """Add a follow-up message (POST) from either participant."""
    if not request.user.is_authenticated:
        raise Http404
    consultation = _participant_or_404(request, public_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])

    form = MessageForm(request.POST, request.FILES)
    if not form.is_valid():
        form.renew_token_if_invalid()
        return _render_thread(request, consultation, form)

    data = form.cleaned_data
    try:
        __, created = services.post_message(
            consultation=consultation,
            sender=request.user,
            body=data["body"],
            attachment=data["attachment"],
            attachment_type=form.attachment_type,
            token=data["token"],
        )
    except services.LimitReached as limit:
        form.add_error(None, limit.message)
        return _render_thread(request, consultation, form, status=429)

    if created:
        messages.success(request, _("Your message has been sent."))
    return redirect(consultation.get_absolute_url() + "#pesan-terakhir")


@never_cache
def close(request, public_id):
    """Close the consultation (POST); either participant may."""
    if not request.user.is_authenticated:
        raise Http404
    consultation = _participant_or_404(request, public_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])

    if services.close_consultation(consultation=consultation, user=request.user):
        messages.success(
            request,
            _("The consultation is closed. A new message will reopen it."),
        )
    return redirect(consultation)


@never_cache
def attachment(request, public_id, attachment_id):
    """Send an attachment to a participant as a download, never inline."""
    if not request.user.is_authenticated:
        return _not_found_for_visitor(request)
    consultation = _participant_or_404(request, public_id)
    message = (
        consultation.messages.filter(public_id=attachment_id)
        .exclude(attachment="")
        .first()
    )
    if message is None:
        raise Http404

    try:
        handle = message.attachment.open("rb")
    except FileNotFoundError:
        logger.error("Consultation attachment of message %s is missing", message.pk)
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=message.attachment_name or "lampiran",
        content_type=message.attachment_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
