"""Print, as JSON, who does what in ``make loadtest``: sessions, URLs, forms.

Run against the load-test database (after ``load_bench_data``). Clears the
outbox first so every email counted at the end was caused by the test.
"""

import json
import secrets

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.urls import NoReverseMatch, reverse

from pustaka.models import PustakaDocumentPage, PustakaIndexPage
from rpjpd.models import RPJPDSectionPage, TopicPage

from .bench_targets import _session_for


def _reverse(name, **kwargs):
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


class Command(BaseCommand):
    help = "Describe the load test's users and targets as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--experts", type=int, default=20)
        parser.add_argument("--threads", type=int, default=20)

    def handle(self, *args, **options):
        csrf = secrets.token_hex(16)

        def cookie(user):
            return f"sessionid={_session_for(user)}; csrftoken={csrf}"

        visitor_urls = ["/", "/privasi/"]
        visitor_urls += [page.url for page in RPJPDSectionPage.objects.live()[:3]]
        visitor_urls += [page.url for page in TopicPage.objects.live()[:6]]
        library = PustakaIndexPage.objects.live().first()
        if library:
            visitor_urls += [library.url, f"{library.url}?q=rencana+pembangunan"]
            visitor_urls += [p.url for p in PustakaDocumentPage.objects.live()[:5]]
        if _reverse("experts:directory"):
            visitor_urls.append(reverse("experts:directory"))

        User = get_user_model()
        experts = list(
            User.objects.filter(username__startswith="pakar").order_by("username")[
                : options["experts"]
            ]
        )
        plan = {
            "csrf": csrf,
            "visitor_urls": visitor_urls,
            "reply_posts": [],
            "consultation_posts": [],
            "missing": [],
        }

        topics = list(TopicPage.objects.live().order_by("pk")[:6])
        if _reverse("replies:create", topic_id=topics[0].pk):
            plan["reply_posts"] = [
                {
                    "cookie": cookie(expert),
                    "url": reverse("replies:create", kwargs={"topic_id": topic.pk}),
                }
                for expert in experts
                for topic in topics[:2]
            ]
        else:
            plan["missing"].append("experts posting replies (replies:create)")

        try:
            Consultation = apps.get_model("consult", "Consultation")
        except LookupError:
            Consultation = None
        if Consultation is not None and Consultation.objects.exists():
            threads = Consultation.objects.select_related("requester", "expert")[
                : options["threads"]
            ]
            for thread in threads:
                url = reverse("consult:reply", kwargs={"public_id": thread.public_id})
                plan["consultation_posts"] += [
                    {"cookie": cookie(thread.requester), "url": url},
                    {"cookie": cookie(thread.expert), "url": url},
                ]
        else:
            plan["missing"].append("consultation messages (consult.Consultation)")

        OutgoingEmail = apps.get_model("outbox", "OutgoingEmail")
        OutgoingEmail.objects.all().delete()
        print(json.dumps(plan))
