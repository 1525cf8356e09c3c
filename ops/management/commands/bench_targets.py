"""Print, as JSON, what ``make bench`` measures: URLs, cookies, SQL query counts.

Run against the benchmark database (after ``load_bench_data``). Signed-in
targets get a real session for a benchmark expert; query counts are taken
in-process with the visitor page cache off, so they count a full render.
"""

import json
import secrets
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from pustaka.models import PustakaIndexPage
from rpjpd.models import RPJPDSectionPage, TopicPage


def _reverse(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _session_for(user):
    """A logged-in session cookie value, as the login view would make it."""
    engine = import_module(settings.SESSION_ENGINE)
    session = engine.SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key


def _busiest_topic():
    try:
        Reply = apps.get_model("rpjpd", "Reply")
    except LookupError:
        return TopicPage.objects.live().order_by("pk").first(), 0
    from django.db.models import Count

    row = (
        Reply.objects.values("topic_id").annotate(n=Count("pk")).order_by("-n").first()
    )
    if row is None:
        return TopicPage.objects.live().order_by("pk").first(), 0
    return TopicPage.objects.get(pk=row["topic_id"]), row["n"]


def _expert_with_most_threads():
    User = get_user_model()
    try:
        Consultation = apps.get_model("consult", "Consultation")
    except LookupError:
        return User.objects.filter(username="pakar000").first(), 0
    from django.db.models import Count

    row = (
        Consultation.objects.values("expert_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    if row is None:
        return User.objects.filter(username="pakar000").first(), 0
    return User.objects.get(pk=row["expert_id"]), row["n"]


class Command(BaseCommand):
    help = "Describe the benchmark targets as JSON (URLs, cookies, query counts)."

    def handle(self, *args, **options):
        settings.PAGE_CACHE_ENABLED = False
        csrf = secrets.token_hex(16)  # an unmasked 32-character CSRF secret
        topic, reply_count = _busiest_topic()
        expert, thread_count = _expert_with_most_threads()
        section = RPJPDSectionPage.objects.live().order_by("pk").first()
        library = PustakaIndexPage.objects.live().first()
        expert_cookie = f"sessionid={_session_for(expert)}; csrftoken={csrf}"
        # Every benchmark expert posts in turn, so no account reaches the reply
        # rate limit (10 per 10 minutes each): what is measured is posting.
        posters = get_user_model().objects.filter(username__startswith="pakar")
        poster_cookies = [
            f"sessionid={_session_for(user)}; csrftoken={csrf}" for user in posters
        ]

        targets = [
            ("ceiling", "/bench/ceiling", None, "minimal Django view"),
            ("home", "/", None, "home page"),
            ("section", section.url, None, "RPJPD section page"),
            ("topic", topic.url, None, f"topic, {reply_count} replies, visitor"),
            (
                "topic-expert",
                topic.url,
                expert_cookie,
                f"topic, {reply_count} replies, signed-in expert",
            ),
            (
                "pustaka-search",
                f"{library.url}?q=perencanaan+pembangunan+daerah",
                None,
                "Pustaka search, same query (cached)",
            ),
            (
                "pustaka-search-varied",
                f"{library.url}?q=rencana+tata+ruang",
                None,
                "Pustaka search, a new query each request (uncached)",
            ),
            (
                "pustaka-filter",
                f"{library.url}?kind=regulasi&year=2020",
                None,
                "Pustaka filtered listing",
            ),
        ]
        directory = _reverse("experts:directory")
        if directory:
            targets.append(("experts", directory, None, "expert directory"))
        mine = _reverse("consult:mine") or _reverse("consult:index")
        if mine and thread_count:
            targets.append(
                (
                    "konsultasi-saya",
                    mine,
                    expert_cookie,
                    f"Konsultasi Saya, expert with {thread_count} threads",
                )
            )

        described = []
        for key, url, cookie, label in targets:
            described.append(
                {
                    "key": key,
                    "url": url,
                    "cookie": cookie,
                    "label": label,
                    "queries": self._count_queries(url, cookie),
                }
            )
        print(
            json.dumps(
                {
                    "targets": described,
                    "csrf": csrf,
                    "topic_id": topic.pk,
                    "poster_cookies": poster_cookies,
                    "missing": self._missing(
                        directory, mine, reply_count, thread_count
                    ),
                    "post": self._post(topic),
                }
            )
        )

    def _count_queries(self, url, cookie):
        client = Client(headers={"x-forwarded-proto": "https"}, HTTP_HOST="127.0.0.1")
        if cookie:
            for part in cookie.split("; "):
                name, value = part.split("=", 1)
                client.cookies[name] = value
        client.get(url, secure=True)  # warm Wagtail's per-process caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, secure=True)
        return {"count": len(queries), "status": response.status_code}

    def _post(self, topic):
        url = _reverse("replies:create", topic.pk)
        if not url:
            return None
        return {"url": url, "queries": {"count": "-", "status": "-"}}

    def _missing(self, directory, mine, reply_count, thread_count):
        missing = []
        if not reply_count:
            missing.append("replies on topics (rpjpd.Reply)")
        if not directory:
            missing.append("expert directory (experts:directory)")
        if not (mine and thread_count):
            missing.append("Konsultasi Saya (consult)")
        return missing
