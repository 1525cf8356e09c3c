#!/usr/bin/env python3
"""``make loadtest``: two minutes of mixed load while things break, then checks.

Runs the production configuration (gunicorn, a database task worker, Redis) on
127.0.0.1 against its own PostgreSQL database, with a local fake mail server.
For two minutes visitors read pages, experts post replies and people exchange
consultation messages. Meanwhile the mail server refuses connections for 40 s and
one gunicorn worker is killed (gunicorn starts a new one). Submissions whose
connection was cut are sent again with the same form token, as a browser would.

At the end: every submission answered as stored is in the database exactly once,
none refused is, every queued email was sent once the mail server was back and
the mail server received each exactly once, and no request got a 5xx answer.
"""

import argparse
import http.client
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # noqa: E402
from fake_smtp import FakeSMTP  # noqa: E402

ROOT = bench.ROOT
SMTP_PORT = int(os.environ.get("LOADTEST_SMTP_PORT", "8162"))
WEB_PORT = int(os.environ.get("LOADTEST_PORT", "8164"))
REDIS_PORT = int(os.environ.get("LOADTEST_REDIS_PORT", "8165"))
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/rr_ops_bench_load"


class Stats:
    """What the virtual users saw; shared by every thread."""

    def __init__(self):
        self.lock = threading.Lock()
        self.status = Counter()
        self.connection_errors = 0
        self.markers = {}
        self.server_errors = []

    def answer(self, status, path):
        with self.lock:
            self.status[status] += 1
            if status >= 500:
                self.server_errors.append(f"{status} {path}")

    def cut(self):
        with self.lock:
            self.connection_errors += 1

    def mark(self, marker, outcome):
        with self.lock:
            self.markers[marker] = outcome


def _request(connection, method, path, headers, body=None):
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    return response.status


def _connection():
    return http.client.HTTPConnection(bench.HOST, WEB_PORT, timeout=30)


def visitor(stop, stats, plan):
    """Read public pages, as someone without an account."""
    connection = _connection()
    headers = {"X-Forwarded-Proto": "https"}
    while not stop.is_set():
        path = random.choice(plan["visitor_urls"])  # noqa: S311
        try:
            stats.answer(_request(connection, "GET", path, headers), path)
        except (OSError, http.client.HTTPException):
            stats.cut()
            connection.close()
            connection = _connection()
        time.sleep(random.uniform(0.0, 0.05))  # noqa: S311


def submitter(stop, stats, plan, targets, kind):
    """Post replies or consultation messages, each with a unique marker."""
    connection = _connection()
    while not stop.is_set():
        target = random.choice(targets)  # noqa: S311
        marker = f"LT-{uuid.uuid4().hex}"
        form = {
            "csrfmiddlewaretoken": plan["csrf"],
            "body": f"Masukan uji beban {kind} {marker}: air bersih dan sanitasi desa.",
            "token": str(uuid.uuid4()),
        }
        body = urllib.parse.urlencode(form)
        headers = {
            "X-Forwarded-Proto": "https",
            "Cookie": target["cookie"],
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"https://{bench.HOST}:{WEB_PORT}{target['url']}",
        }
        outcome = "unknown"
        for _attempt in range(3):  # a cut connection: send the same form again
            try:
                status = _request(connection, "POST", target["url"], headers, body)
            except (OSError, http.client.HTTPException):
                stats.cut()
                connection.close()
                connection = _connection()
                time.sleep(0.5)
                continue
            stats.answer(status, target["url"])
            if status in (301, 302, 303):
                outcome = "stored"
            elif status < 500:
                outcome = "refused"  # rate limit (429) or a form error
            break
        stats.mark(marker, outcome)
        time.sleep(random.uniform(0.2, 0.6))  # noqa: S311


def gunicorn_workers(master_pid):
    children = subprocess.run(
        ["pgrep", "-P", str(master_pid)], capture_output=True, text=True
    ).stdout.split()
    return [int(pid) for pid in children]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("LOADTEST_DATABASE_URL", DEFAULT_DB)
    )
    parser.add_argument("--seconds", type=int, default=120)
    args = parser.parse_args()
    (ROOT / "bench-results").mkdir(exist_ok=True)

    bench.WEB_PORT, bench.REDIS_PORT = WEB_PORT, REDIS_PORT
    redis, redis_url = bench.start_redis()
    env = bench.django_env(args, redis_url)
    env.update(
        {
            "EMAIL_HOST": bench.HOST,
            "EMAIL_PORT": str(SMTP_PORT),
            "EMAIL_TIMEOUT": "5",
            "WEB_CONCURRENCY": "3",
            "GUNICORN_BIND": f"{bench.HOST}:{WEB_PORT}",
            "LOG_LEVEL": "WARNING",
        }
    )
    smtp = FakeSMTP(SMTP_PORT)
    smtp.up()
    gunicorn = worker = None
    stats = Stats()
    events = []
    try:
        bench.ensure_database(args.database_url)
        bench.log("migrating and loading a small data set")
        bench.manage(env, "migrate", "--noinput", "-v0")
        bench.manage(env, "createcachetable")
        bench.manage(env, "collectstatic", "--noinput", "-v0")
        bench.manage(
            env,
            "load_bench_data",
            "--topics",
            "6",
            "--replies-per-topic",
            "20",
            "--documents",
            "60",
            "--experts",
            "40",
            "--consultations",
            "60",
            "--threads-for-one-expert",
            "10",
        )
        plan = json.loads(bench.manage(env, "loadtest_plan", capture=True))
        gunicorn = bench.start_gunicorn(env)
        worker = subprocess.Popen(
            [bench.PYTHON, "manage.py", "db_worker", "--interval", "0.5"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=open(ROOT / "bench-results" / "loadtest-worker.log", "w"),  # noqa: SIM115
        )

        stop = threading.Event()
        threads = [
            threading.Thread(target=visitor, args=(stop, stats, plan)) for _ in range(6)
        ]
        for kind, key in (
            ("balasan", "reply_posts"),
            ("konsultasi", "consultation_posts"),
        ):
            if plan[key]:
                threads += [
                    threading.Thread(
                        target=submitter, args=(stop, stats, plan, plan[key], kind)
                    )
                    for _ in range(3)
                ]
        bench.log(f"load for {args.seconds} s with {len(threads)} virtual users")
        started = time.monotonic()
        for thread in threads:
            thread.start()

        schedule = [
            (args.seconds * 0.15, "mail server refuses connections", smtp.down),
            (args.seconds * 0.40, "one gunicorn worker killed", None),
            (args.seconds * 0.50, "mail server back", smtp.up),
        ]
        for at, what, action in schedule:
            time.sleep(max(0, at - (time.monotonic() - started)))
            if action is None:
                victim = gunicorn_workers(gunicorn.pid)[0]
                os.kill(victim, signal.SIGKILL)
                what += f" (pid {victim})"
            else:
                action()
            events.append(f"t={time.monotonic() - started:.0f}s {what}")
            bench.log(what)
        time.sleep(max(0, args.seconds - (time.monotonic() - started)))
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        events.append(f"t={time.monotonic() - started:.0f}s load stopped")
        bench.log("load stopped; letting the worker and the cron safety net send mail")

        # The worker retries after its back-off; the documented cron job
        # (send_queued_email) is the safety net that makes this bounded.
        for _ in range(12):
            time.sleep(5)
            output = bench.manage(env, "send_queued_email", capture=True)
            if output.startswith("0 of 0"):
                break
        verdict = json.loads(
            subprocess.run(
                [bench.PYTHON, "manage.py", "loadtest_verify"],
                cwd=ROOT,
                env=env,
                check=True,
                text=True,
                capture_output=True,
                input=json.dumps({"markers": stats.markers, "received": smtp.messages}),
            ).stdout
        )
    finally:
        smtp.down()
        for process in (worker, gunicorn):
            if process:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=60)
        if redis:
            redis.terminate()
            redis.wait(timeout=10)

    log_text = (ROOT / "bench-results" / "gunicorn.log").read_text()
    logged_errors = len(
        re.findall(r"Internal Server Error|\"level\": \"ERROR\"", log_text)
    )
    report = render(args, stats, verdict, events, logged_errors, plan["missing"])
    print(report)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (ROOT / "bench-results" / f"loadtest-{stamp}.md").write_text(report)
    sys.exit(1 if verdict["problems"] or stats.server_errors else 0)


def render(args, stats, verdict, events, logged_errors, missing):
    answered = sum(stats.status.values())
    lines = [
        f"Load test, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {args.seconds} s, "
        f"{os.cpu_count()} CPU:",
        "",
        f"- requests answered: {answered} "
        f"({', '.join(f'{code}: {n}' for code, n in sorted(stats.status.items()))})",
        f"- 5xx answers: {len(stats.server_errors)}; errors in the server log: "
        f"{logged_errors}",
        f"- connections cut (the killed worker's requests): {stats.connection_errors}",
        f"- submissions: {json.dumps(verdict['submissions'])}",
        f"- emails: {verdict['emails_sent']} sent, {verdict['emails_received']} "
        f"received by the mail server, {verdict['emails_pending']} pending, "
        f"most attempts for one email: {verdict['max_attempts']}",
        "- events: " + "; ".join(events),
        "",
        "Result: "
        + (
            "PASS: every stored submission is in the database exactly once, "
            "every email was delivered exactly once, no 5xx."
            if not verdict["problems"] and not stats.server_errors
            else "FAIL: " + "; ".join(verdict["problems"] + stats.server_errors[:5])
        ),
    ]
    if missing:
        lines.append("Not exercised (not in the code yet): " + "; ".join(missing) + ".")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
