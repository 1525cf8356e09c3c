"""Simultaneous submissions on PostgreSQL: one message per token, exact limits.

SQLite serialises writers anyway, so these run only against PostgreSQL, in
real transactions and threads.
"""

import threading
import uuid

import pytest
from django.db import connection, connections

from accounts.tests.factories import UserFactory
from consult import services
from consult.models import Consultation, Message
from experts.tests.factories import ExpertProfileFactory
from outbox.models import OutgoingEmail

from .factories import ConsultationFactory, MessageFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks"
    ),
]


def run_together(count, work):
    """Run ``work(i)`` in ``count`` threads released at the same moment."""
    barrier = threading.Barrier(count)
    errors = []

    def runner(index):
        try:
            barrier.wait()
            work(index)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_same_token_from_many_threads_stores_one_message():
    consultation = ConsultationFactory()
    MessageFactory(consultation=consultation)
    token = uuid.uuid4()

    errors = run_together(
        6,
        lambda i: services.post_message(
            consultation=consultation,
            sender=consultation.expert,
            body="Sekali saja",
            token=token,
        ),
    )

    assert errors == []
    assert Message.objects.filter(body="Sekali saja").count() == 1
    assert OutgoingEmail.objects.count() == 1


def test_different_messages_at_once_are_all_stored():
    consultation = ConsultationFactory()
    MessageFactory(consultation=consultation)

    errors = run_together(
        6,
        lambda i: services.post_message(
            consultation=consultation,
            sender=consultation.expert if i % 2 else consultation.requester,
            body=f"Pesan {i}",
            token=uuid.uuid4(),
        ),
    )

    assert errors == []
    assert Message.objects.filter(body__startswith="Pesan ").count() == 6
    assert OutgoingEmail.objects.count() == 6


def test_daily_limit_holds_under_simultaneous_starts(settings):
    settings.CONSULT_MAX_NEW_PER_DAY = 2
    requester = UserFactory()
    experts = [ExpertProfileFactory().user for __ in range(5)]

    errors = run_together(
        5,
        lambda i: services.start_consultation(
            requester=requester,
            expert=experts[i],
            subject="Judul",
            body="Isi",
            token=uuid.uuid4(),
        ),
    )

    assert Consultation.objects.filter(requester=requester).count() == 2
    assert len(errors) == 3
    assert all(isinstance(error, services.LimitReached) for error in errors)
