#!/usr/bin/env python3
"""``make bench``: measure the production configuration on this machine.

1. Creates (if needed) a PostgreSQL database whose name contains "bench", migrates
   it and loads the large data set (``manage.py load_bench_data``).
2. Starts a private Redis (if ``redis-server`` exists) and gunicorn with
   ``gunicorn.conf.py`` and the production settings (plus one minimal view, the
   ceiling), on 127.0.0.1 only.
3. Drives each page with wrk at 1 and 16 connections, prints requests per second,
   p50 and p99 latency, the percentage of the ceiling and the SQL queries per page,
   and writes the table to ``bench-results/``.

Bounded: about 10 s per measurement, ~4 minutes of wrk, plus ~6 minutes to load the
data the first time. Loopback only.
"""

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"
WEB_PORT = int(os.environ.get("BENCH_PORT", "8160"))
REDIS_PORT = int(os.environ.get("BENCH_REDIS_PORT", "8161"))
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/rr_ops_bench"
TARGETS = {"visitor": 25.0, "signed-in": 4.0, "search": 3.0}
MAX_QUERIES = 12


def log(message):
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def django_env(args, redis_url):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ruangrunding.settings.bench",
        "DATABASE_URL": args.database_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        "ACCESS_LOG": "0",
        "GUNICORN_BIND": f"{HOST}:{WEB_PORT}",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    else:
        env.pop("REDIS_URL", None)
    return env


def manage(env, *command, capture=False):
    result = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *command],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=capture,
    )
    return result.stdout if capture else None


def ensure_database(url):
    name = url.rsplit("/", 1)[1].split("?")[0]
    if "bench" not in name:
        sys.exit(f"Refusing to use database {name!r}: its name must contain 'bench'.")
    server = url.rsplit("/", 1)[0] + "/postgres"
    exists = subprocess.run(  # noqa: S603
        ["psql", server, "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        log(f"creating database {name}")
        subprocess.run(["psql", server, "-qc", f'CREATE DATABASE "{name}"'], check=True)  # noqa: S603, S607


def start_redis():
    if not shutil.which("redis-server"):
        log("redis-server not found: the cache lives in PostgreSQL for this run")
        return None, None
    process = subprocess.Popen(  # noqa: S603
        [
            shutil.which("redis-server"),
            "--port",
            str(REDIS_PORT),
            "--bind",
            HOST,
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    return process, f"redis://{HOST}:{REDIS_PORT}/0"


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def start_gunicorn(env):
    process = subprocess.Popen(  # noqa: S603
        [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(ROOT / "bench-results" / "gunicorn.log", "w"),  # noqa: SIM115
        start_new_session=True,
    )
    wait_for(f"http://{HOST}:{WEB_PORT}/healthz")
    return process


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(output, percentile):
    found = re.search(rf"{percentile}%\s+([\d.]+)(us|ms|s|m)\b", output)
    return float(found.group(1)) * _UNITS[found.group(2)] if found else float("nan")


def run_wrk(url, connections, seconds, headers, script=None):
    threads = 1 if connections == 1 else 2
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "10s",
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", script]
    output = subprocess.run(  # noqa: S603
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    with open(ROOT / "bench-results" / "wrk.log", "a") as raw:
        raw.write(f"$ {' '.join(command)} {url}\n{output}\n")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _ms(output, 50)
    p99 = _ms(output, 99)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    total = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)\b", output)
    return {
        "rps": rps,
        "p50_ms": p50,
        "p99_ms": p99,
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1) if errors else "",
        "requests": int(total.group(1)) if total else 0,
        "seconds": (
            float(total.group(2)) * _UNITS[total.group(3)] / 1000 if total else 0.0
        ),
        "statuses": {
            int(code): int(count)
            for code, count in re.findall(r"^status (\d+): (\d+)$", output, re.M)
        },
    }


def count_rows(database_url, table):
    """Rows in ``table`` of the benchmark database (to count stored posts)."""
    return int(
        subprocess.run(  # noqa: S603
            ["psql", database_url, "-tAc", f"SELECT count(*) FROM {table}"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )


# Every reply the benchmark posts starts with this, so they can be removed.
POSTED_BODY = "Masukan uji beban untuk topik ini nomor"
POST_SCRIPT = """
-- Posts a new reply per request, each with its own form token, rotating over
-- many experts so that no account reaches the reply rate limit. Counts the
-- answers by status; bench.py also counts the rows stored in the database.
local cookies = {%(cookies)s}
local threads = {}
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  statuses = {}
  run = os.time()
end

request = function()
  counter = counter + 1
  -- wrk.format replaces wrk.headers with the table it is given: copy them
  -- (X-Forwarded-Proto, Referer, Content-Type) before adding the cookie.
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  headers["Cookie"] = cookies[((counter * 8 + id) %% #cookies) + 1]
  -- Unique per run, thread and request: a resent token would be answered
  -- with the reply stored the first time, not with a new one.
  local token = string.format("%%08x-%%04x-4000-8000-%%012x", run %% 0x100000000,
    id, counter)
  local body = "csrfmiddlewaretoken=%(csrf)s&token=" .. token ..
    "&body=%(body)s+" .. counter .. "+dari+" ..
    id .. "%(extra)s"
  return wrk.format("POST", nil, headers, body)
end

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  for status, count in pairs(totals) do
    io.write(string.format("status %%d: %%d\\n", status, count))
  end
end
"""


VARIED_SEARCH_SCRIPT = """
local words = {"rencana", "pembangunan", "tata", "ruang", "air", "bersih", "desa",
  "pesisir", "energi", "kesehatan", "pendidikan", "jalan", "sungai", "ekonomi",
  "pertanian", "stunting", "investasi", "budaya", "mangrove", "atur"}
local counter = 0
request = function()
  counter = counter + 1
  local path = "%(path)s?q=" .. words[math.random(#words)] .. "+" ..
    words[math.random(#words)] .. "&n=" .. counter .. "-" .. math.random(1000000000)
  return wrk.format("GET", path)
end
"""


def classify(key):
    if key in ("topic-expert", "konsultasi-saya", "post-reply"):
        return "signed-in"
    if key.startswith("pustaka-search"):
        return "search"
    if key == "ceiling":
        return None
    return "visitor"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    )
    parser.add_argument("--seconds", type=int, default=8, help="per measurement")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--only", help="comma-separated target keys")
    args = parser.parse_args()
    for tool in ("wrk", "psql"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is needed (Debian packages wrk and postgresql-client).")
    (ROOT / "bench-results").mkdir(exist_ok=True)

    started = time.monotonic()
    redis, redis_url = start_redis()
    env = django_env(args, redis_url)
    gunicorn = None
    try:
        ensure_database(args.database_url)
        log("migrating")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "createcachetable")
        manage(env, "collectstatic", "--noinput", "-v0")
        if not args.skip_load:
            log("loading the data set (first run: several minutes)")
            manage(env, "load_bench_data")
        # Plan queries with statistics, as PostgreSQL's autovacuum would have
        # gathered them after the load in production (it may be off here).
        subprocess.run(["psql", args.database_url, "-qc", "ANALYZE"], check=True)  # noqa: S603, S607
        described = json.loads(manage(env, "bench_targets", capture=True))
        targets = described["targets"]
        keep = set(args.only.split(",")) if args.only else set()
        if args.only:
            targets = [t for t in targets if t["key"] in keep or t["key"] == "ceiling"]

        gunicorn = start_gunicorn(env)
        base = f"http://{HOST}:{WEB_PORT}"
        results = []
        for target in targets:
            headers = {"X-Forwarded-Proto": "https"}
            if target["cookie"]:
                headers["Cookie"] = target["cookie"]
            for _ in range(3):  # warm up caches and connections
                urllib.request.urlopen(  # noqa: S310
                    urllib.request.Request(base + target["url"], headers=headers)
                ).read()
            script = None
            if target["key"] == "pustaka-search-varied":
                with tempfile.NamedTemporaryFile(
                    "w", suffix=".lua", delete=False
                ) as lua:
                    lua.write(
                        VARIED_SEARCH_SCRIPT % {"path": target["url"].split("?")[0]}
                    )
                script = lua.name
            row = {**target, "runs": {}}
            for connections in (1, 16):
                log(f"{target['key']} at {connections} connection(s)")
                row["runs"][connections] = run_wrk(
                    base + target["url"], connections, args.seconds, headers, script
                )
            results.append(row)

        post = post_reply_target(described)
        if post and (not args.only or "post-reply" in keep):
            with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
                lua.write(post["script"])
            row = {**post, "runs": {}}
            for connections in (1, 16):
                log(f"post-reply at {connections} connection(s)")
                before = count_rows(args.database_url, "rpjpd_reply")
                run = run_wrk(
                    base + post["url"],
                    connections,
                    args.seconds,
                    {
                        "X-Forwarded-Proto": "https",
                        "Referer": f"https://{HOST}:{WEB_PORT}{post['url']}",
                    },
                    script=lua.name,
                )
                stored_posts(run, count_rows(args.database_url, "rpjpd_reply") - before)
                row["runs"][connections] = run
            results.append(row)
    finally:
        if gunicorn:
            os.killpg(gunicorn.pid, signal.SIGTERM)
            gunicorn.wait(timeout=30)
            remove_posted_replies(env)
        if redis:
            redis.terminate()
            redis.wait(timeout=10)

    report = render(
        results, described["missing"], time.monotonic() - started, redis_url
    )
    print(report)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (ROOT / "bench-results" / f"bench-{stamp}.md").write_text(report)
    (ROOT / "bench-results" / f"bench-{stamp}.json").write_text(
        json.dumps(results, indent=2)
    )


def remove_posted_replies(env):
    """Delete the replies the posting measurement stored, and what hangs on them.

    They go to the busiest topic; left in place, the next ``--skip-load`` run
    would measure a topic with more than 500 replies.
    """
    manage(
        env,
        "shell",
        "-c",
        "from rpjpd.models import Reply; "
        f"Reply.objects.filter(body__startswith={POSTED_BODY!r}).delete()",
    )


def stored_posts(run, stored):
    """Count only posts that were stored: answered 302 and a new database row.

    wrk counts every answer, and a 302 is also what a refused session (to the
    login page) or a resent form gets; a 429 (rate limit) is not a post either.
    Posts still in flight when wrk stops may be stored without being counted
    by wrk, so the rate is the smaller of the two counts per second.
    """
    answered = run["statuses"].get(302, 0)
    run["answered"] = run["requests"]
    run["stored"] = stored
    run["rps"] = min(stored, answered) / run["seconds"] if run["seconds"] else 0.0
    if stored < answered or answered < run["requests"]:
        log(
            f"posting: {stored} rows stored for {run['requests']} answers "
            f"(by status: {run['statuses']})"
        )


def post_reply_target(described):
    """The reply form's URL and a wrk script posting unique replies, if replies exist."""
    post = described.get("post")
    if not post:
        return None
    cookies = ", ".join(f'"{cookie}"' for cookie in described["poster_cookies"])
    script = POST_SCRIPT % {
        "body": POSTED_BODY.replace(" ", "+"),
        "cookies": cookies,
        "csrf": described["csrf"],
        "extra": post.get("extra", ""),
    }
    return {
        "key": "post-reply",
        "url": post["url"],
        "label": "posting a reply (stored replies/s)",
        "queries": post.get("queries", {"count": "-", "status": "-"}),
        "script": script,
    }


def render(results, missing, elapsed, redis_url):
    ceiling = next(r for r in results if r["key"] == "ceiling")["runs"]
    cpu = platform.processor() or platform.machine()
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        model = cpu
    lines = [
        f"Machine: {os.cpu_count()} CPU ({model}), Python {platform.python_version()}, "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; cache: "
        f"{'Redis' if redis_url else 'PostgreSQL'}; run took {elapsed / 60:.1f} min.",
        "",
        "| page | SQL | c=1 req/s | p50 ms | p99 ms | % ceiling | c=16 req/s | p50 ms "
        "| p99 ms | % ceiling | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    verdicts = []
    for row in results:
        cells = [row["label"], str(row["queries"]["count"])]
        shares = []
        for connections in (1, 16):
            run = row["runs"][connections]
            share = 100.0 * run["rps"] / ceiling[connections]["rps"]
            shares.append(share)
            flag = f" ({run['non_2xx']} non-2xx)" if run["non_2xx"] else ""
            cells += [
                f"{run['rps']:.0f}{flag}",
                f"{run['p50_ms']:.1f}",
                f"{run['p99_ms']:.1f}",
                "100%" if row["key"] == "ceiling" else f"{share:.1f}%",
            ]
        kind = classify(row["key"])
        if kind:
            goal = TARGETS[kind]
            met = min(shares) >= goal
            over = (
                isinstance(row["queries"]["count"], int)
                and row["queries"]["count"] > MAX_QUERIES
            )
            cells.append(
                f"≥{goal:g}% {'met' if met else 'MISSED'}"
                + (", >12 SQL" if over else "")
            )
            if not met or over:
                verdicts.append(row["label"])
        else:
            cells.append("")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    for row in results:
        if row["key"] == "post-reply":
            lines.append(
                "Posting a reply counts stored replies only (answered 302 and a new "
                "row in the database): "
                + "; ".join(
                    f"c={connections}: {run['stored']} rows stored, "
                    f"{run['answered']} answers by status {run['statuses']}"
                    for connections, run in row["runs"].items()
                )
                + "."
            )
    lines.append(
        "Missed: " + ", ".join(verdicts) if verdicts else "Every measured target met."
    )
    if missing:
        lines.append("Not measured (not in the code yet): " + "; ".join(missing) + ".")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
