"""Hostile and clumsy input on every URL of the site: the server never answers 5xx.

The URLs and who may open them come from the permission walk's tables
(``<app>/tests/url_permissions.py``, see ``accounts/tests/url_walk.py``), so a new
view is swept as soon as it is listed there. Each request runs inside a savepoint
that is rolled back, so one request's writes (or a failed query) never change
what the next one sees.

Besides the status, every sweep checks that markup sent in is never echoed
unescaped, that a consultation's subject and text never reach anyone but its two
participants, and that they never reach a log line.
"""

import json
import logging
import sys
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import got_request_exception
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import PASSWORD
from accounts.tests.test_url_permissions import _tables, _world
from consult.tests.conftest import jpeg_file, pdf_file, png_file
from ops.logs import JSONFormatter
from pustaka.tests.factories import PustakaDocumentPageFactory, PustakaIndexPageFactory
from rpjpd.tests.factories import ReplyFactory

pytestmark = pytest.mark.django_db

# What a consultation says: it must reach its two participants and no one else.
SECRET_SUBJECT = "Sengketa-lahan-rahasia-4711"
SECRET_BODY = "Isi-konsultasi-rahasia-0815"
PARTICIPANTS = {"masyarakat", "pakar"}
# What people type into a form may come back to them, but never into a log.
TYPED_SECRET = "Teks-ketikan-pengguna-2342"
MARKUP = "<script>x</script>"

# Query parameters the site's views, Wagtail's listings and filters read.
PARAMS = [
    "page", "p", "halaman", "percakapan", "balas", "q", "bidang", "status",
    "arah", "belum_dibaca", "kind", "year", "tag", "sort", "ordering", "next",
    "author", "topic", "section", "state", "outcome", "created_at_after",
    "created_at_before", "is_active", "action", "account_type", "jdih_status",
    "collection_id", "locale", "id", "parent", "token", "timestamp_after",
    "timestamp_before", "content_type", "user", "layout",
]  # fmt: skip

# One hostile value per variant, sent in every parameter at once.
QUERY_VALUES = {
    # PostgreSQL refuses NUL in text; the bytes after it are not UTF-8.
    "nul-bad-utf8": "kata%00kata%ff%fe",
    "huge-number": "99999999999999999999",
    # "²".isdigit() is True, but int("²") fails.
    "odd-digits": "%C2%B2",
    "negative-float": "-1.5",
    "long-markup": "%3Cscript%3Ex%3C%2Fscript%3E" + "a" * 10_000,
    "bad-date": "0000-00-00",
    # The last day there is: a filter that adds a day or a time zone overflows.
    "last-date": "9999-12-31",
}
QUERY_SHAPES = {
    "repeated": lambda name: f"{name}=1&{name}=2",
    "array-and-no-value": lambda name: f"{name}[]=1&{name}[0]=x&{name}",
}

# Wagtail admin screens whose listings, filters and searches read the query.
ADMIN_PATHS = [
    "/admin/",
    "/admin/pages/",
    "/admin/pages/search/",
    "/admin/choose-page/search/",
    "/admin/documents/",
    "/admin/images/",
    "/admin/users/",
    "/admin/snippets/experts/expertisefield/",
    "/admin/snippets/pustaka/documentkind/",
    "/admin/rpjpd_reply/",
    "/admin/rpjpd_reply/results/",
    "/admin/rpjpd_topics/",
    "/admin/pustaka_documents/",
    "/admin/pakar/",
    "/admin/privacy_events/",
    "/admin/konsultasi/statistik/",
    "/admin/reports/site-history/",
    "/admin/reports/aging-pages/",
    "/admin/images/chooser/",
    "/admin/choose-page/chosen-multiple/",
    "/admin/snippets/choose/pustaka/documentkind/chosen-multiple/",
]


@dataclass
class Target:
    """One request to make: where, as whom, and (for forms) a valid body."""

    label: str
    path: str
    role: str
    method: str = "get"
    data: dict = field(default_factory=dict)


class Sweeper:
    """Send requests as each role and collect every answer that breaks a rule."""

    def __init__(self, world, caplog):
        self.world = world
        self.caplog = caplog
        self.failures = []
        self.exceptions = []
        self.clients = {}
        got_request_exception.connect(self._record)
        caplog.set_level(logging.INFO)

    def close(self):
        got_request_exception.disconnect(self._record)

    def _record(self, sender, request=None, **kwargs):
        self.exceptions.append(repr(sys.exc_info()[1])[:300])

    def client(self, role, **options):
        key = (role, tuple(sorted(options.items())))
        if key not in self.clients:
            client = Client(raise_request_exception=False, **options)
            if self.world.users[role] is not None:
                client.force_login(self.world.users[role])
            self.clients[key] = (client, client.cookies.output(header="", sep="\n"))
        return self.clients[key]

    def send(self, target, variant, path=None, client_options=None, **kwargs):
        """Make one request; note a 5xx, echoed markup or a leaked secret."""
        client, cookies = self.client(target.role, **(client_options or {}))
        # Every request starts signed in as the role.
        client.cookies = SimpleCookie(cookies)
        self.exceptions.clear()
        savepoint = transaction.savepoint()
        try:
            response = getattr(client, target.method)(path or target.path, **kwargs)
        finally:
            transaction.savepoint_rollback(savepoint)
        where = f"{target.role:<10} {target.method.upper()} {target.label} [{variant}]"
        if response.status_code >= 500 and self._known_on_sqlite(path or target.path):
            return response
        if response.status_code >= 500:
            self.failures.append(f"{where}: {response.status_code} {self.exceptions}")
            return response
        content = b"" if response.streaming else response.content
        if MARKUP.encode() in content and "html" in response.get("Content-Type", ""):
            self.failures.append(f"{where}: echoed markup unescaped")
        if target.role not in PARTICIPANTS and (
            SECRET_SUBJECT.encode() in content or SECRET_BODY.encode() in content
        ):
            self.failures.append(f"{where}: shows a consultation to a non-participant")
        return response

    def _known_on_sqlite(self, path):
        # TODO: SQLite (development only) cannot take a 20-digit number in an
        # ``IN (...)`` list, which Wagtail's page explorer uses to filter by
        # content type (OverflowError). PostgreSQL answers it; remove when Django
        # or Wagtail guard the lookup.
        return (
            connection.vendor == "sqlite"
            and path.startswith("/admin/pages/")
            and bool(self.exceptions)
            and all(error.startswith("OverflowError") for error in self.exceptions)
        )

    def check_logs(self):
        formatter = JSONFormatter()
        for record in self.caplog.records:
            line = formatter.format(record)
            for secret in (SECRET_SUBJECT, SECRET_BODY, TYPED_SECRET):
                if secret in line:
                    self.failures.append(f"log line holds {secret}: {line[:300]}")

    def assert_clean(self):
        self.check_logs()
        assert not self.failures, f"{len(self.failures)} broken:\n" + "\n".join(
            self.failures[:60]
        )


def _build_world():
    urls, paths, builders = _tables()
    world = _world()
    for build in builders:
        build(world)
    home = world.topic.get_parent().get_parent().get_parent()
    world.library = PustakaIndexPageFactory(parent=home)
    world.document = PustakaDocumentPageFactory(parent=world.library, tags=["air"])
    world.consultation.subject = SECRET_SUBJECT
    world.consultation.save(update_fields=["subject"])
    world.message = world.consultation.messages.order_by("pk").first()
    world.message.body = SECRET_BODY
    world.message.save(update_fields=["body"])
    # A reply by another expert, to answer (or tamper with).
    world.other_reply = ReplyFactory(topic=world.topic)
    world.cases = {**urls, **paths}
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One user per role, the walk's objects, a library, and a secret consultation.

    Built once for the module inside a transaction rolled back at its end; each
    test (and each request) runs in a savepoint within it.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def sweeper(world, caplog, settings):
    # Hundreds of failed logins and sign-ups would soon be throttled (a 429)
    # before the form is read; the throttles have tests of their own.
    settings.ACCOUNT_RATE_LIMITS = False
    sweeper = Sweeper(world, caplog)
    yield sweeper
    sweeper.close()


# Roles a GET sweep sends, in turn: the first who may see each page get most variants.
SWEEP_ROLES = ("visitor", "masyarakat", "pakar", "editor", "superuser")


def get_targets(world, seen_only=False):
    """Every GET URL of the permission walk, with the roles that see its page.

    ``seen_only`` leaves out URLs that answer every role with a redirect, 403 or
    404 (the view never reads the query) and paths listed twice.
    """
    targets, paths = [], set()
    for label, case in world.cases.items():
        if case.method != "get":
            continue
        path = case.resolve_path(world)
        seeing = [role for role in SWEEP_ROLES if case.expected[role] == 200]
        if seen_only and (not seeing or path in paths):
            continue
        paths.add(path)
        targets.append((label, path, seeing or ["visitor"]))
    targets.append(("library", world.library.url, ["visitor", "masyarakat"]))
    targets.append(("library document", world.document.url, ["visitor"]))
    targets.extend(
        (path, path, ["editor", "superuser"])
        for path in ADMIN_PATHS
        if path not in paths
    )
    return targets


def _query(variant):
    if variant in QUERY_VALUES:
        return "&".join(f"{name}={QUERY_VALUES[variant]}" for name in PARAMS)
    return "&".join(QUERY_SHAPES[variant](name) for name in PARAMS)


def _mixed_query(shift):
    """Each parameter a different hostile value, so none masks another everywhere."""
    values = list(QUERY_VALUES.values())
    return "&".join(
        f"{name}={values[(index + shift) % len(values)]}"
        for index, name in enumerate(PARAMS)
    )


@pytest.mark.parametrize("variant", [*QUERY_VALUES, *QUERY_SHAPES])
def test_hostile_query_strings(world, sweeper, variant):
    query = _query(variant)
    turn = list(QUERY_VALUES).index(variant) if variant in QUERY_VALUES else 0
    for label, path, roles in get_targets(world, seen_only=True):
        # Every variant reaches a page as one of the roles that see it, in turn.
        role = roles[turn % len(roles)]
        sweeper.send(Target(label, path, role), variant, path=f"{path}?{query}")
    sweeper.assert_clean()


def test_mixed_hostile_query_as_every_role(world, sweeper):
    for shift, role in enumerate(world.users):
        query = _mixed_query(shift)
        for label, path, roles in get_targets(world):
            if path.startswith("/admin/") and role not in roles:
                continue  # a 403 before any view; the permission walk checks it
            sweeper.send(Target(label, path, role), "mixed", path=f"{path}?{query}")
    sweeper.assert_clean()


def test_hostile_path_segments(world, sweeper):
    suffixes = {
        "nul": "%00/",
        "junk-bad-utf8": "x%ff/",
        "huge-number-odd-digits": "99999999999999999999%C2%B2/",
    }
    for label, path, roles in get_targets(world, seen_only=True):
        for turn, (variant, suffix) in enumerate(suffixes.items()):
            role = roles[turn % len(roles)]
            sweeper.send(Target(label, path, role), variant, path=path + suffix)
    for template in (
        "/konsultasi/{}/",
        "/konsultasi/{}/lampiran/{}/",
        "/balasan/{}/",
        "/balasan/topik/{}/tulis/",
        "/pakar/{}/",
        "/admin/pages/{}/",
        "/admin/pages/{}/edit/",
        "/admin/rpjpd_reply/edit/{}/",
        "/admin/rpjpd_reply/hide/{}/",
        "/admin/pakar/edit/{}/",
        "/admin/pakar/resend-invitation/{}/",
        "/admin/privacy_events/inspect/{}/",
        "/balasan/rekap/topik/{}/",
        "/balasan/ekspor/bagian/{}.csv",
    ):
        role = "editor" if template.startswith("/admin/") else "pakar"
        for value in ("99999999999999999999", "9223372036854775808", "%00"):
            path = template.replace("{}", value)
            sweeper.send(Target(template, path, role), value)
    sweeper.assert_clean()


def form_targets(world):
    """Every form a role can send, with a body that would be accepted."""
    consultation = world.consultation.public_id
    reply = world.reply.pk
    topic = world.topic.pk

    def token():
        return str(uuid.uuid4())

    return [
        Target(
            "account settings",
            reverse("accounts:settings"),
            "pemerintah",
            "post",
            {
                "name": "Pegawai Contoh",
                "account_type": "pemerintah",
                "instansi": "Dinas",
                "jabatan": "Analis",
                "kecamatan": "Tenggarong",
                "occupation": "PNS",
            },
        ),
        Target(
            "profil saya",
            reverse("experts:my_profile"),
            "pakar",
            "post",
            {
                "name": "Pakar Contoh",
                "institution": "Universitas",
                "bio": "Bio singkat.",
                "accepts_consultations": "on",
                "pub-TOTAL_FORMS": "1",
                "pub-INITIAL_FORMS": "0",
                "pub-MIN_NUM_FORMS": "0",
                "pub-MAX_NUM_FORMS": "100",
                "pub-0-kind": "article",
                "pub-0-title": "Judul",
                "pub-0-year": "2020",
                "pub-0-link": "10.1234/abcd",
                "move": "pub-0:up",
            },
        ),
        Target(
            "start consultation",
            reverse("consult:start", args=[world.consult_expert.slug]),
            "masyarakat",
            "post",
            {"subject": "Pertanyaan", "body": "Pertanyaan saya.", "token": token()},
        ),
        Target(
            "consultation follow-up",
            reverse("consult:reply", args=[consultation]),
            "masyarakat",
            "post",
            {"body": "Pesan susulan.", "token": token()},
        ),
        Target(
            "close consultation",
            reverse("consult:close", args=[consultation]),
            "pakar",
            "post",
        ),
        Target(
            "write reply",
            reverse("replies:create", args=[topic]),
            "pakar",
            "post",
            {
                "body": "Balasan yang cukup panjang untuk diterima.",
                "parent": str(world.other_reply.pk),
                "token": token(),
            },
        ),
        Target(
            "edit reply",
            reverse("replies:edit", args=[reply]),
            "pakar",
            "post",
            {"body": "Balasan yang diperbaiki dan cukup panjang."},
        ),
        Target(
            "withdraw reply", reverse("replies:withdraw", args=[reply]), "pakar", "post"
        ),
        Target(
            "delete account",
            reverse("privacy:delete_account"),
            "pemerintah",
            "post",
            {"password": PASSWORD, "confirm": "on"},
        ),
        Target(
            "login",
            reverse("account_login"),
            "visitor",
            "post",
            {"login": world.users["masyarakat"].username, "password": PASSWORD},
        ),
        Target(
            "sign-up",
            reverse("account_signup"),
            "visitor",
            "post",
            {
                "name": "Warga Baru",
                "email": "baru@example.com",
                "account_type": "masyarakat",
                "password1": "kata-sandi-baru-987",
                "password2": "kata-sandi-baru-987",
            },
        ),
        Target(
            "password reset",
            reverse("account_reset_password"),
            "visitor",
            "post",
            {"email": world.users["masyarakat"].email},
        ),
        Target(
            "password reset from key",
            "/akun/password/reset/key/1-bukan-kunci/",
            "visitor",
            "post",
            {"password1": "kata-sandi-baru-987", "password2": "kata-sandi-baru-987"},
        ),
        Target(
            "change password",
            reverse("account_change_password"),
            "masyarakat",
            "post",
            {
                "oldpassword": PASSWORD,
                "password1": "kata-sandi-baru-987",
                "password2": "kata-sandi-baru-987",
            },
        ),
        Target(
            "email addresses",
            reverse("account_email"),
            "masyarakat",
            "post",
            {"email": "lain@example.com", "action_add": ""},
        ),
        Target(
            "reauthenticate",
            reverse("account_reauthenticate"),
            "masyarakat",
            "post",
            {"password": PASSWORD},
        ),
        Target(
            "confirm email",
            "/akun/confirm-email/bukan-kunci/",
            "visitor",
            "post",
        ),
        Target("logout", reverse("account_logout"), "masyarakat", "post"),
        Target(
            "admin login",
            "/admin/login/",
            "visitor",
            "post",
            {"username": world.users["editor"].username, "password": PASSWORD},
        ),
        Target(
            "hide reply (admin)",
            f"/admin/rpjpd_reply/hide/{reply}/",
            "editor",
            "post",
            {"reason": "Di luar topik."},
        ),
        Target(
            "reply follow-up (admin)",
            f"/admin/rpjpd_reply/edit/{reply}/",
            "editor",
            "post",
            {"outcome": "accommodated", "outcome_reason": "Masuk ke draf."},
        ),
        Target(
            "new expert (admin)",
            "/admin/pakar/new/",
            "editor",
            "post",
            {
                "name": "Pakar Baru",
                "username": "pakarbaru",
                "email": "pakarbaru@example.com",
                "password_mode": "password",
                "password": "kata-sandi-awal-123",
            },
        ),
        Target(
            "resend invitation (admin)",
            f"/admin/pakar/resend-invitation/{world.users['pakar'].pk}/",
            "editor",
            "post",
            {"click": token()},
        ),
    ]


def _every_field(data, value):
    return {name: value(original) for name, original in data.items()}


FORM_VARIANTS = {
    "as sent": lambda data: data,
    "nothing": lambda data: {},
    "nul": lambda data: _every_field(data, lambda v: f"{v}\x00{TYPED_SECRET}"),
    "huge-number": lambda data: _every_field(data, lambda v: "9" * 20),
    "odd-digits": lambda data: _every_field(data, lambda v: "\u00b2"),
    "long-markup": lambda data: _every_field(
        data, lambda v: TYPED_SECRET + MARKUP + "a" * 10_000
    ),
    "lists": lambda data: _every_field(data, lambda v: [v, "x", "\x00"]),
}
RAW_BODIES = {
    "bad-utf8": (
        b"body=%ff%fe&name=\xff\xfe&token=%ff",
        "application/x-www-form-urlencoded",
    ),
    "json": (b'{"body": ["x"]}', "application/json"),
    "broken-multipart": (
        b"--b\r\nContent-Disposition: form-data; name=body",
        "multipart/form-data; boundary=b",
    ),
    "multipart-without-boundary": (b"abc", "multipart/form-data"),
}


def test_hostile_form_bodies(world, sweeper):
    for target in form_targets(world):
        for variant, make in FORM_VARIANTS.items():
            sweeper.send(target, variant, data=make(target.data))
        for variant, (body, content_type) in RAW_BODIES.items():
            sweeper.send(target, variant, data=body, content_type=content_type)
    sweeper.assert_clean()


def test_forms_sent_twice(world, sweeper):
    """A double click (or a replayed form) is no 5xx, whatever the form."""
    for target in form_targets(world):
        client, cookies = sweeper.client(target.role)
        client.cookies = SimpleCookie(cookies)
        savepoint = transaction.savepoint()
        try:
            for attempt in ("first", "second"):
                sweeper.exceptions.clear()
                response = getattr(client, target.method)(target.path, target.data)
                if response.status_code >= 500:
                    sweeper.failures.append(
                        f"{target.role} {target.label} [{attempt}]: "
                        f"{response.status_code} {sweeper.exceptions}"
                    )
        finally:
            transaction.savepoint_rollback(savepoint)
    sweeper.assert_clean()


def _upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def upload_variants():
    pdf, png, jpeg = pdf_file().read(), png_file().read(), jpeg_file().read()
    return {
        "empty file": ("lampiran.pdf", b""),
        "path in name": ("../../../etc/passwd.pdf", pdf),
        "windows path in name": ("..\\..\\windows\\laporan.pdf", pdf),
        "NUL in name": (f"{TYPED_SECRET}\x00.pdf", pdf),
        "long name": ("a" * 5000 + ".pdf", pdf),
        "only an extension": (".pdf", pdf),
        "right-to-left name": ("gpj.\u202efdp.pdf", pdf),
        "image named pdf": ("foto.pdf", png),
        "html named png": ("foto.png", b"<html><script>alert(1)</script></html>"),
        "truncated png": ("foto.png", png[:40]),
        "pdf named jpg": ("foto.jpg", pdf),
        "jpeg": ("foto.jpg", jpeg),
        "oversize": ("besar.pdf", b"%PDF-1.4\n" + b"0" * (6 * 1024 * 1024)),
    }


def test_hostile_uploads(world, sweeper):
    uploads = {
        "start consultation": "attachment",
        "consultation follow-up": "attachment",
        "profil saya": "photo",
    }
    for target in form_targets(world):
        if target.label not in uploads:
            continue
        for variant, (name, content) in upload_variants().items():
            data = {**target.data, uploads[target.label]: _upload(name, content)}
            if "token" in data:
                data["token"] = str(uuid.uuid4())
            sweeper.send(target, variant, data=data)
    sweeper.assert_clean()


HEADER_VARIANTS = {
    "unknown host": {"HTTP_HOST": "evil.example"},
    "host with NUL": {"HTTP_HOST": "testserver\x00"},
    "odd Accept-Language": {"HTTP_ACCEPT_LANGUAGE": "xx-YY;q=2,*;q=abc," + "a" * 5000},
    "English Accept-Language": {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"},
    "NUL in session cookie": {"HTTP_COOKIE": 'sessionid="abcdefgh\\000ijkl"'},
    "garbage cookies": {"HTTP_COOKIE": "sessionid=%ff%00; csrftoken=\x00; messages=x"},
    "long session cookie": {"HTTP_COOKIE": "sessionid=" + "a" * 5000},
    "odd request id": {"HTTP_X_REQUEST_ID": "\x00" * 20},
    "odd forwarding": {
        "HTTP_X_FORWARDED_FOR": "\x00, not-an-ip",
        "HTTP_X_FORWARDED_PROTO": "https\x00",
    },
    "odd Content-Length": {"CONTENT_LENGTH": "abc"},
    "odd Referer": {"HTTP_REFERER": "\x00://%ff"},
    "odd conditional": {"HTTP_IF_MODIFIED_SINCE": "kemarin", "HTTP_IF_NONE_MATCH": "\x00"},
}  # fmt: skip


def test_hostile_headers(world, sweeper):
    targets = [
        *(
            Target(label, path, roles[0])
            for label, path, roles in get_targets(world)
            if label in {"wagtail_serve", "library", "consult:index", "consult:detail"}
        ),
        *(
            target
            for target in form_targets(world)
            if target.label in {"login", "write reply", "consultation follow-up"}
        ),
    ]
    for target in targets:
        for variant, headers in HEADER_VARIANTS.items():
            sweeper.send(target, variant, data=target.data or None, **headers)
    sweeper.assert_clean()


def test_posts_without_a_good_referer_are_refused_not_broken(world, sweeper):
    """Over HTTPS Django checks the Referer of every POST: a 403, never a 500."""
    targets = form_targets(world)
    for turn, referer in enumerate(
        (None, "", "\x00", "http://evil.example/", "not a url", "https://[bad/")
    ):
        headers = {"secure": True}
        if referer is not None:
            headers["HTTP_REFERER"] = referer
        # Each odd Referer on a third of the forms, in turn: the check comes first.
        for target in targets[turn % 3 :: 3]:
            response = sweeper.send(
                target,
                f"referer {referer!r}",
                client_options={"enforce_csrf_checks": True},
                data={"csrfmiddlewaretoken": "x" * 64, **target.data},
                **headers,
            )
            assert response.status_code == 403, target.label
    sweeper.assert_clean()


def test_the_sweep_sees_consultations_where_it_should(world, sweeper):
    """The leak check can fail: participants do get the secret text."""
    case = world.cases["consult:detail"]
    response = sweeper.send(
        Target("consult:detail", case.resolve_path(world), "masyarakat"), "plain"
    )
    assert SECRET_SUBJECT in response.text and SECRET_BODY in response.text
    sweeper.assert_clean()


def test_the_sweep_notices_a_secret_in_the_logs(world, sweeper):
    """The log check can fail too."""
    logging.getLogger("consult").warning("oops %s", SECRET_BODY)
    with pytest.raises(AssertionError, match="log line holds"):
        sweeper.assert_clean()


def test_json_logs_of_hostile_requests_hold_no_consultation(world, sweeper):
    """Refused attachments and forms are logged by reason, never by content."""
    target = next(t for t in form_targets(world) if t.label == "consultation follow-up")
    for variant, (name, content) in upload_variants().items():
        data = {
            **target.data,
            "body": TYPED_SECRET,
            "attachment": _upload(f"{TYPED_SECRET}-{name}", content),
            "token": str(uuid.uuid4()),
        }
        sweeper.send(target, variant, data=data)
    lines = [JSONFormatter().format(record) for record in sweeper.caplog.records]
    assert any("attachment refused" in line for line in lines)
    assert all(json.loads(line) for line in lines)
    sweeper.assert_clean()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/choose-page/chosen-multiple/",
        "/admin/documents/chooser/chosen-multiple/",
        "/admin/images/chooser/chosen-multiple/",
        "/admin/snippets/choose/experts/expertisefield/chosen-multiple/",
        "/admin/snippets/choose/pustaka/documentkind/chosen-multiple/",
    ],
)
def test_wagtail_chosen_multiple_ignores_ids_that_are_not_ids(client, path):
    """Wagtail 7.4 filtered ``pk__in`` with ``?id=abc`` (ValueError, a 500)."""
    from accounts.tests.factories import EditorFactory
    from experts.tests.factories import ExpertiseFieldFactory

    field = ExpertiseFieldFactory(name="Hidrologi")
    client.force_login(EditorFactory())

    from wagtail.models import Page

    root = Page.objects.get(depth=1)

    response = client.get(
        path, {"id": ["abc", "", "\x00", "9" * 30, "²", str(root.pk), str(field.pk)]}
    )

    assert response.status_code == 200
    if "expertisefield" in path:
        assert "Hidrologi" in response.text


def test_wagtail_image_chooser_search_with_a_tag(client):
    """The database search backend cannot filter images by tag (FilterFieldError)."""
    from accounts.tests.factories import EditorFactory

    client.force_login(EditorFactory())

    for path in ("/admin/images/chooser/", "/admin/images/chooser/results/"):
        assert client.get(path, {"q": "peta", "tag": "air"}).status_code == 200
        assert client.get(path, {"tag": "air"}).status_code == 200


def test_bad_host_gets_django_400_in_indonesian():
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert "Permintaan tidak dapat dibaca" in response.text
    assert '<html lang="id">' in response.text


def test_expired_form_token_gets_a_403_that_explains_in_indonesian():
    """A form sent after its CSRF cookie went (signed out elsewhere, cookies
    cleared): nothing is stored, and the page says how to get the text back."""
    from accounts.tests.factories import UserFactory

    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())

    response = client.post(
        reverse("accounts:settings"), {"name": "Nama", "csrfmiddlewaretoken": "x"}
    )

    assert response.status_code == 403
    assert "Formulir ini sudah kedaluwarsa" in response.text
    assert "Belum ada yang terkirim" in response.text
