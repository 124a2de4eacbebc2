"""The site under load as deployed: gunicorn, production settings, PostgreSQL and Redis, with
an editor publishing during the run. Prints a Markdown table for the README.

Usage: .venv/bin/python bench/load.py [--seconds 15] [--workers 2] [--connections 8]
                                      [--reuse-db] [--quick] [--port 8105] [--redis-db 5]

Needs `wrk` (Debian: `apt-get install -y wrk`), PostgreSQL at 127.0.0.1:5432 (user postgres,
trust; another with --database-url, or SQLite to compare with SQLite figures) and Redis at
127.0.0.1:6379. Everything stays on 127.0.0.1.

Steps: (re)creates the database ``bench_load`` and fills it as a new site would be (migrate,
createcachetable, setup, load_demo_content; ``--reuse-db`` keeps a filled one), empties the
chosen Redis database, builds the static files with collectstatic into a temporary folder, then
counts the SQL queries of every URL through Django's test client under the same settings (a
miss: a fresh ``?nocache=`` parameter; and the request after it, a hit when there is a page
cache). Then gunicorn serves the site and wrk loads one URL kind at a time for ``--seconds``:
home, indexes (activities, agenda, sociale kaart, koplopers, news), detail pages (one of each),
search, iCal (an event's file and the agenda feed) and the main CSS file. With a page cache
(``PAGE_CACHE_SECONDS`` exists) this runs three times: on a server started with
``PAGE_CACHE_SECONDS=0 CHROME_CACHE_SECONDS=3600`` ("uncached": every page is rendered; what
many pages share, the header and footer, routing data and the cards of lists, comes from the
cache, as on a production miss), with ``CHROME_CACHE_SECONDS=0`` too ("cold": nothing cached,
as after a restart with an empty cache; home, index, detail and static only) and as configured
("cached"); without one, once.
Last, a mixed run of all URLs while a separate ``manage.py shell -c`` process saves and
publishes a revision of a news page and of an event every second (so purges happen under
load); afterwards the last edits must be visible to an anonymous visitor.

Each rate is compared with the static file's rate on the same server in the same run (the
issue's goals: a cached page >= 0.5, an uncached detail page >= 0.066, an index >= 0.042).
"page cache hits": of the answers the page cache dealt with (X-Cache hit or miss), the share
it served. "CPU ms/req" is the CPU time the gunicorn workers and the bench database's PostgreSQL backends
used per request (from /proc): unlike the rates, it hardly changes when other work shares the
machine, so 1000 x cores / CPU ms is about what a quiet server of this kind could answer.
The search limit (``SEARCH_RATE``) is lifted: wrk asks from one address.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
PYTHON = sys.executable
LUA = BASE_DIR / "bench" / "load_paths.lua"
KINDS = ["home", "index", "detail", "search", "ical", "static"]
GOALS = {"cached": 0.5, "detail": 0.066, "index": 0.042}  # x the static file's rate


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=15, help="length of each wrk run")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--port", type=int, default=8105)
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/bench_load",
        help="PostgreSQL (the database is dropped and created) or sqlite:////path/file.sqlite3",
    )
    parser.add_argument("--redis-db", type=int, default=5)
    parser.add_argument("--reuse-db", action="store_true", help="keep a filled bench database")
    parser.add_argument("--quick", action="store_true", help="smoke test: 3 s per run")
    args = parser.parse_args()
    if args.quick:
        args.seconds = 3
    return args


def say(message):
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}] {message}", file=sys.stderr, flush=True)


def bench_env(args, workdir):
    """The environment of the production settings on 127.0.0.1, shared by every process."""
    return {
        "DJANGO_SETTINGS_MODULE": "coalition.settings.production",
        "SECRET_KEY": "bench-load-" + "x" * 50,
        "SITE_URL": f"http://127.0.0.1:{args.port}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "DATABASE_URL": args.database_url,
        "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "60"),
        "REDIS_URL": f"redis://127.0.0.1:6379/{args.redis_db}",
        "CACHE_KEY_PREFIX": "bench-load",
        "SEARCH_RATE": "1000000/m",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }


def prepare_database(url, reuse):
    """Create the bench database; True when it must be filled."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if path.exists() and not reuse:
            path.unlink()
        return not path.exists()
    name = url.rsplit("/", 1)[1]
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and reuse:
            return False
        if exists:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return True


def fill_database(fresh):
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Page

    started = time.perf_counter()
    # Also on a reused database: migrations added since it was filled.
    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    if not fresh and Page.objects.filter(depth__gte=3).exists():
        say("bench database reused")
        return
    call_command("setup", stdout=open(os.devnull, "w"))  # noqa: SIM115
    say("loading the demo content (a few minutes)")
    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # what autovacuum would do soon after a bulk load
    say(f"database filled in {time.perf_counter() - started:.0f} s")


def find_targets():
    """URL kind -> paths, from the demo content (Dutch pages)."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    from activities.models import ActivityIndexPage, ActivityPage
    from events.models import EventIndexPage, EventPage
    from home.models import HomePage
    from koplopers.models import KoploperIndexPage, KoploperPage
    from news.models import NewsIndexPage, NewsPage
    from social_map.models import PlacePage, SocialMapPage

    def first(model):
        page = model.objects.live().filter(locale__language_code="nl").order_by("path").first()
        assert page is not None, f"no live {model.__name__} in the demo content"
        return page.get_url()

    indexes = [ActivityIndexPage, EventIndexPage, SocialMapPage, KoploperIndexPage, NewsIndexPage]
    details = [ActivityPage, EventPage, PlacePage, KoploperPage, NewsPage]
    event = first(EventPage)
    return {
        "home": [first(HomePage)],
        "index": [first(model) for model in indexes],
        "detail": [first(model) for model in details],
        "search": ["/nl/zoeken/?q=koffie"],
        "ical": [event + "ical/", first(EventIndexPage) + "ical/"],
        "static": [staticfiles_storage.url("core/css/site.css")],
    }


def count_queries(targets, host):
    """Path -> queries on a miss, on the request after it (a hit) and with nothing cached
    ("cold": no page, chrome or fragment cache), and the cookies set, as a new visitor
    without cookies sees them (wrk sends none either)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    counts = {}
    for number, path in enumerate(p for kind in KINDS for p in targets[kind]):
        for _warm_up in range(2):  # templates, chrome, site root paths, the page cache
            Client(HTTP_HOST=host).get(path)
        busted = f"{path}{'&' if '?' in path else '?'}nocache={time.time_ns()}{number}"
        with CaptureQueriesContext(connection) as miss:
            response = Client(HTTP_HOST=host).get(busted)
        assert response.status_code == 200, (path, response.status_code)
        with CaptureQueriesContext(connection) as again:
            Client(HTTP_HOST=host).get(path)
        with (
            override_settings(PAGE_CACHE_SECONDS=0, CHROME_CACHE_SECONDS=0),
            CaptureQueriesContext(connection) as cold,
        ):
            Client(HTTP_HOST=host).get(path)
        counts[path] = {
            "uncached": len(miss.captured_queries),
            "cached": len(again.captured_queries),
            "cold": len(cold.captured_queries),
            "cookies": sorted(response.cookies),
        }
    return counts


class Server:
    """gunicorn with the production settings, stopped by stop() (also on errors)."""

    def __init__(self, args, env, log):
        self.url = f"http://127.0.0.1:{args.port}"
        self.database = args.database_url if args.database_url.startswith("postgres") else None
        command = [
            str(BASE_DIR / ".venv" / "bin" / "gunicorn"),
            "coalition.wsgi:application",
            f"--bind=127.0.0.1:{args.port}",
            f"--workers={args.workers}",
            "--timeout=30",
            "--no-control-socket",  # the default one in ~/.gunicorn is shared by every gunicorn
            "--error-logfile=-",  # with the workers' stderr into the log file
        ]
        with open(log, "a") as output:  # Django's own log (tracebacks) goes to stderr
            self.process = subprocess.Popen(
                command, cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped at start, see {log}")
            try:
                urllib.request.urlopen(self.url + "/robots.txt", timeout=5)
                return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise SystemExit(f"gunicorn did not answer within 90 s, see {log}")

    def get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")

    def worker_memory(self):
        """Resident memory of each worker in MB (a guide for how many fit on a server)."""
        ps = ["ps", "--ppid", str(self.process.pid), "-o", "rss="]
        return [
            int(kb) // 1024
            for kb in subprocess.run(ps, capture_output=True, text=True).stdout.split()
        ]

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def run_wrk(server, paths, args, seconds=None):
    """One wrk run over ``paths`` in turn: rate, median and p99 (ms) and errors."""
    for path in dict.fromkeys(paths):  # warm up; with a page cache this fills it
        server.get(path)
        server.get(path)
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds or args.seconds}s"]
    command += ["--timeout=10s", "-s", str(LUA), server.url, "--", *paths]
    before = cpu_times(server)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    after = cpu_times(server)
    line = next(line for line in output.splitlines() if line.startswith("LOADJSON "))
    data = json.loads(line.removeprefix("LOADJSON "))
    socket = sum(data[key] for key in ("connect", "read", "write", "timeout"))
    return {
        "rps": data["requests"] / (data["duration_us"] / 1e6),
        "p50": data["p50_us"] / 1000,
        "p99": data["p99_us"] / 1000,
        "requests": data["requests"],
        "hits": data["hits"] / max(1, data["hits"] + data["misses"]),
        "cpu_ms": sum(after[pid] - before.get(pid, 0) for pid in after) * 1000 / data["requests"],
        "status_errors": data["status"],
        "socket_errors": socket,
    }


def cpu_times(server):
    """CPU seconds used so far by each gunicorn worker and each PostgreSQL backend of the bench
    database, by process id: the work a request costs, whatever else the machine is doing."""
    pids = subprocess.run(
        ["ps", "--ppid", str(server.process.pid), "-o", "pid="], capture_output=True, text=True
    ).stdout.split()
    if server.database:
        with psycopg.connect(server.database) as connection:
            pids += [
                str(pid)
                for (pid,) in connection.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid()"
                )
            ]
    times = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        times[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return times


EDITOR_CODE = """
import select, sys, time
from events.models import EventPage
from news.models import NewsPage
pages = [model.objects.live().filter(locale__language_code="nl").order_by("path").first()
         for model in (NewsPage, EventPage)]
fields = ["intro", "summary"]
originals = [getattr(page, field) for page, field in zip(pages, fields)]
def publish(index, value):
    page = type(pages[index]).objects.get(pk=pages[index].pk)
    setattr(page, fields[index], value)
    page.save_revision().publish()
print("ready", flush=True)
count, failures, last = 0, 0, {}
while not select.select([sys.stdin], [], [], 0)[0]:  # until the bench says stop
    began = time.monotonic()
    index = count % 2
    last[index] = f"[bench {count}]"
    try:
        publish(index, f"{originals[index][:200]} {last[index]}")
    except Exception as error:
        failures += 1
        print(repr(error), file=sys.stderr)
    count += 1
    time.sleep(max(0.0, 1.0 - (time.monotonic() - began)))
sys.stdin.readline()
print(json.dumps({"published": count, "failures": failures, "pages": [p.url for p in pages],
                  "markers": [last.get(0, ""), last.get(1, "")]}), flush=True)
sys.stdin.readline()  # the bench checks that visitors see the last edits, then says go
for index, original in enumerate(originals):
    publish(index, original)
print("restored", flush=True)
"""


def editor_run(server, paths, args, env, workdir):
    """The mixed run while an editor publishes every second; checks the edits are visible."""
    with open(workdir / "editor.log", "w") as log:
        editor = subprocess.Popen(
            [PYTHON, "manage.py", "shell", "--no-imports", "-c", f"import json\n{EDITOR_CODE}"],
            cwd=BASE_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
        try:
            return editor_session(editor, server, paths, args, workdir)
        finally:
            if editor.poll() is None:
                editor.kill()


def editor_session(editor, server, paths, args, workdir):
    def tell(word):
        editor.stdin.write(word + "\n")
        editor.stdin.flush()

    line = editor.stdout.readline()
    while line and line.strip() != "ready":
        line = editor.stdout.readline()
    assert line, f"the editor stopped at start: {workdir}/editor.log"
    result = run_wrk(server, paths, args)
    tell("stop")
    report = json.loads(editor.stdout.readline())
    pages = zip(report["pages"], report["markers"], strict=True)
    fresh = [marker in server.get(path)[1] for path, marker in pages]
    tell("go")
    restored = editor.stdout.readline().strip() == "restored"
    editor.wait(timeout=60)
    result.update(report, fresh=all(fresh), restored=restored)
    return result


def measure(server, targets, args, kinds):
    rows = {}
    for kind in kinds:
        rows[kind] = run_wrk(server, targets[kind], args)
        say(f"  {kind}: {rows[kind]['rps']:.0f} req/s")
    return rows


def mixed_paths(targets):
    """Every URL once, the CSS three times (a visitor's browser asks for it with each page)."""
    return [path for kind in KINDS for path in targets[kind]] + targets["static"] * 2


def queries_cell(paths, counts, which):
    values = [counts[path][which] for path in paths]
    low, high = min(values), max(values)
    return str(low) if low == high else f"{low}-{high}"


def table(phases, targets, counts, mixed):
    lines = [
        "| URL kind | server | req/s | median ms | p99 ms | errors | x static | CPU ms/req "
        "| page cache hits | SQL queries |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for phase, rows in phases.items():
        static = rows["static"]["rps"]
        for kind, row in rows.items():
            sql = queries_cell(targets[kind], counts, phase) if kind != "static" else "0"
            errors = row["status_errors"] + row["socket_errors"]
            lines.append(
                f"| {kind} | {phase} | {row['rps']:.0f} | {row['p50']:.1f} | {row['p99']:.1f} "
                f"| {errors} | {row['rps'] / static:.3f} | {row['cpu_ms']:.1f} "
                f"| {row['hits']:.0%} | {sql} |"
            )
    errors = mixed["status_errors"] + mixed["socket_errors"]
    lines.append(
        f"| mixed, editor publishing | {list(phases)[-1]} | {mixed['rps']:.0f} | "
        f"{mixed['p50']:.1f} | {mixed['p99']:.1f} | {errors} | | {mixed['cpu_ms']:.1f} "
        f"| {mixed['hits']:.0%} | |"
    )
    return lines


def goals(phases):
    uncached = phases["uncached"]
    ratio = {kind: row["rps"] / uncached["static"]["rps"] for kind, row in uncached.items()}
    checks = [
        ("uncached detail pages", ratio["detail"], GOALS["detail"]),
        ("uncached index pages", ratio["index"], GOALS["index"]),
    ]
    if "cached" in phases:
        cached = phases["cached"]
        page_rate = min(cached[kind]["rps"] for kind in ("home", "index", "detail"))
        checks.insert(0, ("cached pages (slowest kind)", page_rate / cached["static"]["rps"], 0.5))
    lines = [
        f"- {name}: {value:.3f} x static (goal >= {goal}): {'met' if value >= goal else 'NOT met'}"
        for name, value, goal in checks
    ]
    if "cold" in phases:
        cold = phases["cold"]
        lines += [
            f"- with nothing cached (cold: no chrome, routing or fragment cache either), "
            f"{kind} pages: {cold[kind]['rps'] / cold['static']['rps']:.3f} x static"
            for kind in ("detail", "index")
        ]
    return lines


def report(args, phases, targets, counts, mixed, load_before, page_cache, workdir):
    print()
    print("\n".join(table(phases, targets, counts, mixed)))
    print()
    print("\n".join(goals(phases)))
    print(
        f"- mixed run: {mixed['requests']} requests, {mixed['published']} publishes "
        f"({mixed['failures']} failed); last edits visible to visitors right after: "
        f"{'yes' if mixed['fresh'] else 'NO'}; restored: {'yes' if mixed['restored'] else 'NO'}"
    )
    tracebacks = sum(log.read_text().count("Traceback") for log in workdir.glob("gunicorn-*.log"))
    print(f"- tracebacks in the servers' logs (also errors a view caught): {tracebacks}")
    cookies = {path: count["cookies"] for path, count in counts.items() if count["cookies"]}
    print(f"- cookies set for an anonymous visitor: {cookies or 'none'}")
    print()
    print("URLs:")
    for kind in KINDS:
        print(f"- {kind}: {', '.join(targets[kind])}")
    database = "SQLite" if args.database_url.startswith("sqlite") else "PostgreSQL"
    cache = (
        "PAGE_CACHE_SECONDS=0 CHROME_CACHE_SECONDS=3600 for 'uncached', "
        "PAGE_CACHE_SECONDS=0 CHROME_CACHE_SECONDS=0 for 'cold'"
        if page_cache
        else "no page cache in this build"
    )
    print(
        f"\ngunicorn {args.workers} sync workers, wrk -t{args.threads} -c{args.connections} "
        f"-d{args.seconds}s per row (workers' memory after the run: "
        f"{', '.join(str(mb) for mb in mixed['memory'])} MB); {database}, Redis db {args.redis_db}, "
        f"DATABASE_CONN_MAX_AGE={os.environ['DATABASE_CONN_MAX_AGE']}; {cache}; "
        f"SQL queries: a miss (uncached rows), the request after it (cached rows) or one with "
        f"nothing cached (cold rows), "
        f"Django test client, same settings"
    )
    load_after = os.getloadavg()
    print(
        f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} "
        f"({os.cpu_count()} CPUs); {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )


def setup_site(args, workdir):
    """Database, Redis, static files and Django in this process; (targets, counts, page cache)."""
    import django
    import redis

    fresh = prepare_database(args.database_url, args.reuse_db)
    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    fill_database(fresh)
    call_command("collectstatic", interactive=False, verbosity=0)
    say("static files built")
    targets = find_targets()
    counts = count_queries(targets, f"127.0.0.1:{args.port}")
    say("queries counted")
    return targets, counts, hasattr(settings, "PAGE_CACHE_SECONDS")


def main():
    args = parse_args()
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install -y wrk", file=sys.stderr)
        raise SystemExit(2)
    load_before = os.getloadavg()
    workdir = Path(tempfile.mkdtemp(prefix="coalition-bench-load-"))
    env = {**os.environ, **bench_env(args, workdir)}
    os.environ.update(env)
    targets, counts, page_cache = setup_site(args, workdir)
    phases = {}
    server = None
    try:
        names = ["uncached", "cold", "cached"] if page_cache else ["uncached"]
        for name in names:
            # Uncached: no page is served from the page cache; what many pages share (the
            # header and footer, routing, list cards) still is, as on a production miss.
            # Cold: nothing is cached at all, as right after a restart with an empty cache.
            extra = {}
            if page_cache and name == "uncached":
                extra = {"PAGE_CACHE_SECONDS": "0", "CHROME_CACHE_SECONDS": "3600"}
            elif name == "cold":
                extra = {"PAGE_CACHE_SECONDS": "0", "CHROME_CACHE_SECONDS": "0"}
            say(f"{name} server, {args.seconds} s per URL kind")
            server = Server(args, {**env, **extra}, workdir / f"gunicorn-{name}.log")
            kinds = {
                "uncached": KINDS,
                "cold": ["home", "index", "detail", "static"],
                "cached": [k for k in KINDS if k != "search"],
            }[name]
            phases[name] = measure(server, targets, args, kinds)
            if name != names[-1]:
                server.stop()
        say("mixed run with an editor publishing")
        mixed = editor_run(server, mixed_paths(targets), args, env, workdir)
        mixed["memory"] = server.worker_memory()
    finally:
        if server:
            server.stop()
    report(args, phases, targets, counts, mixed, load_before, page_cache, workdir)
    print(f"logs: {workdir}", file=sys.stderr)


if __name__ == "__main__":
    main()
