"""Ten experts press Kirim at the same moment: every reply is stored, in order.

Real threads and real transactions need a database that allows concurrent
writers, so this runs on PostgreSQL only (CI does; SQLite in memory cannot).
"""

import threading
import uuid

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from experts.tests.factories import ExpertFactory
from rpjpd.models import Reply

from .factories import TopicFactory, build_site

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent writers need PostgreSQL (set DATABASE_URL)",
    ),
]

WRITERS = 10


def run_together(worker, count):
    """Start ``count`` threads that wait at a barrier, then run ``worker(i)``."""
    barrier = threading.Barrier(count)
    results = [None] * count
    errors = []

    def target(index):
        try:
            barrier.wait(timeout=30)
            results[index] = worker(index)
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


def test_ten_experts_posting_at_once_are_all_stored_in_order():
    _home, _hub, section = build_site()
    topic = TopicFactory(parent=section)
    experts = [ExpertFactory() for _ in range(WRITERS)]
    url = reverse("replies:create", args=[topic.pk])

    def post(index):
        client = Client()
        client.force_login(experts[index])
        return client.post(
            url,
            {
                "body": f"Balasan serentak dari pakar nomor {index} untuk topik ini.",
                "token": str(uuid.uuid4()),
            },
        ).status_code

    statuses = run_together(post, WRITERS)

    assert statuses == [302] * WRITERS
    replies = list(Reply.objects.filter(topic=topic).order_by("created_at", "pk"))
    assert len(replies) == WRITERS
    assert {reply.author_id for reply in replies} == {e.pk for e in experts}
    client = Client()
    shown = [entry.reply.pk for entry in client.get(topic.url).context["entries"]]
    assert shown == [reply.pk for reply in replies]


def test_the_same_form_sent_ten_times_at_once_stores_one_reply():
    _home, _hub, section = build_site()
    topic = TopicFactory(parent=section)
    expert = ExpertFactory()
    url = reverse("replies:create", args=[topic.pk])
    data = {
        "body": "Satu balasan yang terkirim sepuluh kali sekaligus.",
        "token": str(uuid.uuid4()),
    }

    def post(_index):
        client = Client()
        client.force_login(expert)
        return client.post(url, data).status_code

    statuses = run_together(post, WRITERS)

    assert statuses == [302] * WRITERS
    assert Reply.objects.filter(topic=topic).count() == 1
