"""Views for expert replies: write, edit and withdraw; export for editors."""

import logging

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ops.params import parse_id

from . import services, synthesis
from .forms import ReplyEditForm, ReplyForm
from .models import Reply, RPJPDSectionPage, TopicPage, public_topics
from .permissions import can_change_own_reply, can_moderate_replies, can_post_replies
from .threads import reply_url

logger = logging.getLogger(__name__)


def public_topic_or_404(topic_id):
    """The topic if a visitor may read it: live, not private, not expired."""
    topic = public_topics().filter(pk=topic_id).first()
    if topic is None:
        raise Http404
    return topic


def refuse_non_expert(request):
    """Send visitors to log in; tell other accounts that replies are for experts."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "rpjpd/reply_forbidden.html", status=403)


@require_http_methods(["GET", "POST"])
def reply_create(request, topic_id):
    """Write a reply on a topic, or an answer to another reply (Balas, Kirim)."""
    topic = public_topic_or_404(topic_id)
    if not can_post_replies(request.user):
        return refuse_non_expert(request)

    initial = {"parent": parse_id(request.GET.get("balas"))}
    form = ReplyForm(request.POST or None, topic=topic, initial=initial)
    parent = _parent_for_display(topic, request)
    context = {"page": topic, "topic": topic, "form": form, "parent": parent}

    if not topic.is_open:
        context["closed"] = True
        return render(request, "rpjpd/reply_form_page.html", context, status=403)

    if request.method == "POST" and form.is_valid():
        already_sent = services.submitted_reply(
            request.user, form.cleaned_data["token"]
        )
        if already_sent is not None:
            messages.info(request, _("This reply was already sent; it is shown here."))
            return redirect(reply_url(already_sent, request))

        if services.is_rate_limited(request.user):
            form.add_error(
                None,
                _(
                    "You have sent many replies in a short time. Please wait a few "
                    "minutes and send this one again; your text is kept below."
                ),
            )
            logger.warning("Reply rate limit reached by user %s", request.user.pk)
            return render(request, "rpjpd/reply_form_page.html", context, status=429)

        reply, created = services.post_reply(
            topic=topic,
            author=request.user,
            body=form.cleaned_data["body"],
            parent=form.cleaned_data["parent"],
            token=form.cleaned_data["token"],
            checked=True,
        )
        if created:
            messages.success(request, _("Your reply has been posted."))
        else:
            messages.info(request, _("This reply was already sent; it is shown here."))
        return redirect(reply_url(reply, request))

    form.fresh_token()
    return render(request, "rpjpd/reply_form_page.html", context)


def _parent_for_display(topic, request):
    """The reply being answered, to quote above the form (None when absent)."""
    parent_id = parse_id(request.POST.get("parent") or request.GET.get("balas"))
    if parent_id is None:
        return None
    return (
        Reply.objects.shown()
        .select_related("author", "author__expert_profile")
        .filter(topic=topic, pk=parent_id)
        .first()
    )


@require_GET
def reply_permalink(request, pk):
    """A stable link to one visible reply: redirects to its page and anchor."""
    reply = get_object_or_404(Reply.objects.visible().select_related("topic"), pk=pk)
    return redirect(reply_url(reply, request))


def own_reply_or_404(request, pk):
    """A reply of the signed-in expert on a public topic; 404 for anyone else."""
    reply = get_object_or_404(Reply.objects.select_related("topic"), pk=pk)
    public_topic_or_404(reply.topic_id)
    if reply.author_id != request.user.pk:
        raise Http404
    return reply


@require_http_methods(["GET", "POST"])
def reply_edit(request, pk):
    """Change the text of one's own reply; it is then marked as edited."""
    if not can_post_replies(request.user):
        return refuse_non_expert(request)
    reply = own_reply_or_404(request, pk)
    if not can_change_own_reply(request.user, reply):
        messages.error(request, _("This reply can no longer be changed."))
        return redirect(reply_url(reply, request))

    form = ReplyEditForm(request.POST or None, initial={"body": reply.body})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            services.edit_reply(reply, body=form.cleaned_data["body"])
        messages.success(request, _("Your reply has been updated."))
        return redirect(reply_url(reply, request))

    context = {"page": reply.topic, "topic": reply.topic, "reply": reply, "form": form}
    return render(request, "rpjpd/reply_edit_page.html", context)


@require_http_methods(["GET", "POST"])
def reply_withdraw(request, pk):
    """Withdraw one's own reply after a confirmation; answers to it stay readable."""
    if not can_post_replies(request.user):
        return refuse_non_expert(request)
    reply = own_reply_or_404(request, pk)
    if not can_change_own_reply(request.user, reply):
        messages.error(request, _("This reply can no longer be changed."))
        return redirect(reply_url(reply, request))

    if request.method == "POST":
        with transaction.atomic():
            services.withdraw_reply(reply)
        messages.success(request, _("Your reply has been withdrawn."))
        return redirect(reply_url(reply, request))

    context = {"page": reply.topic, "topic": reply.topic, "reply": reply}
    return render(request, "rpjpd/reply_withdraw_page.html", context)


def moderator_required(request):
    """Refuse anyone but editors who moderate replies."""
    if not can_moderate_replies(request.user):
        raise PermissionDenied


def _export_response(replies, title, fmt):
    """The replies as a CSV or XLSX download named after ``title``."""
    filename = f"masukan-pakar-{slugify(title)[:60] or 'rpjpd'}.{fmt}"
    if fmt == "xlsx":
        content = synthesis.as_xlsx(replies, title)
        content_type = (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        content = synthesis.as_csv(replies)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def export_topic(request, topic_id, fmt):
    """Download every reply on one topic (editors only)."""
    moderator_required(request)
    topic = get_object_or_404(TopicPage, pk=topic_id)
    replies = synthesis.replies_for([topic])
    return _export_response(replies, topic.title, fmt)


@require_GET
def export_section(request, section_id, fmt):
    """Download every reply on a section's topics (editors only)."""
    moderator_required(request)
    section = get_object_or_404(RPJPDSectionPage, pk=section_id)
    replies = synthesis.replies_for(synthesis.topics_of_section(section))
    return _export_response(replies, section.title, fmt)


@require_GET
def summary_topic(request, topic_id):
    """The printable "Rekap masukan pakar" of one topic (editors only)."""
    moderator_required(request)
    topic = get_object_or_404(TopicPage, pk=topic_id)
    return _summary(request, topic.title, [topic], topic)


@require_GET
def summary_section(request, section_id):
    """The printable "Rekap masukan pakar" of a whole section (editors only)."""
    moderator_required(request)
    section = get_object_or_404(RPJPDSectionPage, pk=section_id)
    return _summary(request, section.title, synthesis.topics_of_section(section), None)


def _summary(request, title, topics, topic):
    topics = list(topics)
    replies = list(synthesis.replies_for(topics))
    groups = []
    for each in topics:
        entries = [reply for reply in replies if reply.topic_id == each.pk]
        groups.append({"topic": each, "replies": entries})
    context = {
        "title": title,
        "groups": groups,
        "total": len(replies),
        "shown": sum(1 for reply in replies if reply.is_shown),
        "generated_at": synthesis.format_wita(timezone.now()),
        "single_topic": topic,
    }
    response = render(request, "rpjpd/summary.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
