"""Load the large data set ``make bench`` measures (idempotent, PostgreSQL).

At least 20 topics with 500 replies each, 5,000 Pustaka documents, 300 experts
and 2,000 consultations (200 of them with one expert, for Konsultasi Saya).
Parts whose models are not in the code yet are skipped and reported.
"""

import random
import time
import uuid

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from home.models import HomePage, StandardPage
from pustaka.models import DocumentKind, PustakaDocumentPage, PustakaIndexPage
from rpjpd.models import RPJPDIndexPage, RPJPDSectionPage, TopicPage

BENCH_PASSWORD = "bench-password-123"  # noqa: S105  (a throw-away benchmark database)
SECTIONS = ["Kata Kunci Visi", "Isu Strategis Daerah", "Sasaran Pokok"]
KINDS = [
    ("Regulasi", "regulasi", True),
    ("Dokumen Perencanaan", "dokumen-perencanaan", False),
    ("Rekomendasi Kebijakan", "rekomendasi-kebijakan", False),
    ("Data dan Statistik", "data-dan-statistik", False),
    ("Kajian", "kajian", False),
]
WORDS = (
    "pembangunan perencanaan penataan ruang air bersih sanitasi pendidikan kesehatan "
    "pertanian perikanan perkebunan pariwisata energi transportasi sungai mahakam "
    "desa kecamatan ekonomi hijau hilirisasi batubara pesisir mangrove infrastruktur "
    "jalan jembatan stunting kemiskinan investasi budaya kutai adat tenggarong"
).split()


def _sentence(rng, words=12):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


class Command(BaseCommand):
    help = "Load the benchmark data set into the current database (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--topics", type=int, default=20)
        parser.add_argument("--replies-per-topic", type=int, default=500)
        parser.add_argument("--documents", type=int, default=5000)
        parser.add_argument("--experts", type=int, default=300)
        parser.add_argument("--consultations", type=int, default=2000)
        parser.add_argument("--threads-for-one-expert", type=int, default=200)

    def handle(self, *args, **options):
        self.rng = random.Random(2045)  # noqa: S311  (reproducible fake data)
        self.missing = []
        started = time.monotonic()
        with transaction.atomic():
            home = self._site()
            topics = self._topics(home, options["topics"])
            self._documents(home, options["documents"])
            experts = self._experts(options["experts"])
            self._replies(topics, experts, options["replies_per_topic"])
            self._consultations(
                experts, options["consultations"], options["threads_for_one_expert"]
            )
        self._reindex()
        for what in self.missing:
            self.stdout.write(f"skipped: {what}")
        self.stdout.write(f"bench data ready in {time.monotonic() - started:.0f} s")

    # -- pages ---------------------------------------------------------------

    def _site(self):
        home = HomePage.objects.first()
        if home is None:
            Locale.objects.get_or_create(language_code="id")
            root = Page.get_first_root_node()
            home = root.add_child(
                instance=HomePage(
                    title="Beranda", slug="beranda", hero_title="Ruang Runding Kukar"
                )
            )
            Site.objects.update_or_create(
                is_default_site=True,
                defaults={"hostname": "127.0.0.1", "port": 80, "root_page": home},
            )
            Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
            home.add_child(instance=StandardPage(title="Tentang", slug="tentang"))
        return home

    def _topics(self, home, count):
        hub = RPJPDIndexPage.objects.first() or home.add_child(
            instance=RPJPDIndexPage(title="RPJPD 2025-2045", slug="rpjpd")
        )
        sections = list(RPJPDSectionPage.objects.child_of(hub))
        for title in SECTIONS[len(sections) :]:
            sections.append(hub.add_child(instance=RPJPDSectionPage(title=title)))
        topics = list(TopicPage.objects.order_by("pk"))
        for n in range(len(topics), count):
            section = sections[n % len(sections)]
            topics.append(
                section.add_child(
                    instance=TopicPage(
                        title=f"Topik {n + 1}: {_sentence(self.rng, 4)}",
                        slug=f"topik-{n + 1}",
                        summary=_sentence(self.rng, 30),
                        body=f"<p>{_sentence(self.rng, 80)}</p>",
                    )
                )
            )
        self.stdout.write(f"topics: {len(topics)}")
        return topics[:count]

    def _documents(self, home, count):
        library = PustakaIndexPage.objects.first() or home.add_child(
            instance=PustakaIndexPage(title="Pustaka", slug="pustaka")
        )
        kinds = [
            DocumentKind.objects.get_or_create(
                slug=slug, defaults={"name": name, "is_regulation": regulation}
            )[0]
            for name, slug, regulation in KINDS
        ]
        existing = PustakaDocumentPage.objects.count()
        for n in range(existing, count):
            kind = kinds[n % len(kinds)]
            year = 2000 + n % 25
            page = PustakaDocumentPage(
                title=f"{kind.name} {n + 1}: {_sentence(self.rng, 6)}",
                slug=f"dokumen-{n + 1}",
                kind=kind,
                year=year,
                abstract=_sentence(self.rng, 40),
                publisher="Bappeda Kutai Kartanegara",
            )
            if kind.is_regulation:
                page.jdih_jenis = "Peraturan Daerah"
                page.jdih_nomor = str(n + 1)
                page.jdih_tentang = _sentence(self.rng, 8)
            library.add_child(instance=page)
            if (n + 1) % 1000 == 0:
                self.stdout.write(f"documents: {n + 1}")
        self.stdout.write(f"documents: {PustakaDocumentPage.objects.count()}")

    # -- people --------------------------------------------------------------

    def _experts(self, count):
        User = get_user_model()
        ExpertProfile = apps.get_model("experts", "ExpertProfile")
        ExpertiseField = apps.get_model("experts", "ExpertiseField")
        fields = [
            ExpertiseField.objects.get_or_create(
                slug=f"bidang-{n}", defaults={"name": f"Bidang {WORDS[n].title()} {n}"}
            )[0]
            for n in range(18)
        ]
        existing = set(
            User.objects.filter(username__startswith="pakar").values_list(
                "username", flat=True
            )
        )
        new = [
            User(
                username=f"pakar{n:03d}",
                email=f"pakar{n:03d}@bench.example",
                name=f"Pakar Uji {n:03d}",
                account_type="pakar",
                is_active=True,
            )
            for n in range(count)
            if f"pakar{n:03d}" not in existing
        ]
        for user in new:
            user.set_password(BENCH_PASSWORD)
        User.objects.bulk_create(new)
        experts = list(
            User.objects.filter(username__startswith="pakar").order_by("username")
        )[:count]
        have_profile = set(ExpertProfile.objects.values_list("user_id", flat=True))
        profiles = ExpertProfile.objects.bulk_create(
            ExpertProfile(
                user=user,
                slug=user.username,
                institution="Universitas Mulawarman",
                position="Dosen",
                bio=_sentence(self.rng, 30),
                accepts_consultations=True,
            )
            for user in experts
            if user.pk not in have_profile
        )
        through = ExpertProfile.fields.through
        through.objects.bulk_create(
            [
                through(expertprofile_id=profile.pk, expertisefield_id=field.pk)
                for profile in profiles
                for field in self.rng.sample(fields, 2)
            ]
        )
        self._verify_emails(experts)
        self.stdout.write(f"experts: {len(experts)}")
        return experts

    def _verify_emails(self, users):
        from allauth.account.models import EmailAddress

        verified = set(
            EmailAddress.objects.filter(user__in=users).values_list(
                "user_id", flat=True
            )
        )
        EmailAddress.objects.bulk_create(
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in users
            if user.pk not in verified
        )

    def _citizens(self, count):
        User = get_user_model()
        existing = User.objects.filter(username__startswith="warga").count()
        new = [
            User(
                username=f"warga{n:04d}",
                email=f"warga{n:04d}@bench.example",
                name=f"Warga Uji {n:04d}",
                account_type="masyarakat",
            )
            for n in range(existing, count)
        ]
        for user in new:
            user.set_password(BENCH_PASSWORD)
        User.objects.bulk_create(new)
        citizens = list(User.objects.filter(username__startswith="warga"))[:count]
        self._verify_emails(citizens)
        return citizens

    # -- what users write ----------------------------------------------------

    def _replies(self, topics, experts, per_topic):
        try:
            Reply = apps.get_model("rpjpd", "Reply")
        except LookupError:
            self.missing.append("replies (rpjpd.Reply is not in the code yet)")
            return
        start = timezone.now() - timezone.timedelta(days=60)
        for number, topic in enumerate(topics):
            have = Reply.objects.filter(topic=topic).count()
            if have >= per_topic:
                continue
            # Two in three start a conversation; the rest answer one of those.
            top_count = max(per_topic * 2 // 3 - have, 0)
            top = Reply.objects.bulk_create(
                Reply(
                    topic=topic,
                    author=self.rng.choice(experts),
                    body=_sentence(self.rng, self.rng.randint(20, 90)),
                    created_at=start + timezone.timedelta(minutes=number * 600 + n),
                )
                for n in range(top_count)
            ) or list(Reply.objects.filter(topic=topic, parent__isnull=True))
            answers = per_topic - have - top_count
            Reply.objects.bulk_create(
                Reply(
                    topic=topic,
                    author=self.rng.choice(experts),
                    parent=parent,
                    thread=parent,
                    body=_sentence(self.rng, self.rng.randint(15, 60)),
                    created_at=parent.created_at + timezone.timedelta(hours=1 + n % 9),
                )
                for n, parent in enumerate(self.rng.choices(top, k=answers))
            )
        self.stdout.write(f"replies: {Reply.objects.count()}")

    def _consultations(self, experts, count, for_one_expert):
        try:
            Consultation = apps.get_model("consult", "Consultation")
            Message = apps.get_model("consult", "Message")
        except LookupError:
            self.missing.append(
                "consultations (consult.Consultation is not in the code yet)"
            )
            return
        have = Consultation.objects.count()
        if have >= count:
            return
        citizens = self._citizens(300)
        busiest = experts[0]
        start = timezone.now() - timezone.timedelta(days=90)
        new = []
        for n in range(have, count):
            expert = busiest if n < for_one_expert else self.rng.choice(experts[1:])
            created = start + timezone.timedelta(minutes=37 * n)
            new.append(
                Consultation(
                    requester=self.rng.choice(citizens),
                    expert=expert,
                    subject=f"Konsultasi {n + 1}: {_sentence(self.rng, 5)}",
                    status=self.rng.choice(["new", "answered", "closed"]),
                    created_at=created,
                    last_activity_at=created + timezone.timedelta(hours=5),
                )
            )
        consultations = Consultation.objects.bulk_create(new)
        Message.objects.bulk_create(
            Message(
                consultation=consultation,
                sender=consultation.requester if turn % 2 == 0 else consultation.expert,
                body=_sentence(self.rng, self.rng.randint(15, 60)),
                created_at=consultation.created_at + timezone.timedelta(hours=turn),
                client_token=uuid.uuid4(),
            )
            for consultation in consultations
            for turn in range(3)
        )
        self.stdout.write(
            f"consultations: {Consultation.objects.count()}, "
            f"{Consultation.objects.filter(expert=busiest).count()} for {busiest.username}"
        )

    def _reindex(self):
        """Drop the per-object index tasks queued while loading; index in bulk."""
        DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
        DBTaskResult.objects.filter(status="READY").delete()
        call_command("update_index", stdout=self.stdout, verbosity=0)
        self.stdout.write(f"indexed at {timezone.now():%H:%M:%S}")
