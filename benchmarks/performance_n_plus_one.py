"""N+1 lazy loading versus eager loading, counted and timed: SQLAlchemy 2.x and the Django ORM.

100 users with 3 posts each — the seed's own scenario ("101 queries for 100 users") — with the
models and the data set-up imported from the pages' snippets. In-process SQLite first: a query
costs no network round trip. Then the same code against a real PostgreSQL server on this machine,
reached over TCP (the ``*_rtt`` figures): every query pays a real round trip. The server is the one
POSTGRES_URL names, or else a throw-away one this benchmark starts with initdb (as the test suite
does); the benchmark creates its own database on it and drops it afterwards.
"""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Callable
from functools import partial
from types import ModuleType

import psycopg
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.orm import Session, joinedload, selectinload

from benchmarks._postgres import postgres_server
from benchmarks.harness import Benchmark, Claim, Metric, in_turn, load_snippet

USERS, POSTS_PER_USER = 100, 3
DATABASE = "perf_n_plus_one"


_sa = load_snippet("performance/n-plus-one-sqlalchemy/n_plus_one_sqlalchemy.py")


class _Counter:
    def __init__(self) -> None:
        self.queries = 0

    def __call__(self, *_: object) -> None:
        self.queries += 1


# --------------------------------------------------------------------------- PostgreSQL


class _Postgres:
    """A database of its own on a real PostgreSQL server, for the round-trip figures."""

    def __init__(self) -> None:
        self._stack = contextlib.ExitStack()
        self.server = self._stack.enter_context(postgres_server())
        with psycopg.connect(self.server, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
            conn.execute(f"CREATE DATABASE {DATABASE}")
        self.url = self.server.rsplit("/", 1)[0] + f"/{DATABASE}"

    def close(self) -> None:
        with psycopg.connect(self.server, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        self._stack.close()


_pg: _Postgres | None = None


def _postgres() -> _Postgres:
    global _pg
    if _pg is None:
        _pg = _Postgres()
        import atexit

        atexit.register(_pg.close)
    return _pg


# --------------------------------------------------------------------------- SQLAlchemy


def _sa_engine(url: str) -> tuple[Engine, _Counter]:
    engine = create_engine(url)
    _sa.Base.metadata.create_all(engine)
    with Session(engine) as session:
        if session.scalar(select(_sa.User.id).limit(1)) is None:
            _sa.add_users(session, USERS)  # the page's data: 3 posts per user (and comments)
    counter = _Counter()
    event.listen(engine, "before_cursor_execute", counter)
    return engine, counter


_engines: dict[str, tuple[Engine, _Counter]] = {}


def _sa_db(where: str) -> tuple[Engine, _Counter]:
    if where not in _engines:
        url = "sqlite://" if where == "sqlite" else _postgres().url.replace("postgresql://", "postgresql+psycopg://")
        _engines[where] = _sa_engine(url)
    return _engines[where]


def _sa_lazy(session: Session) -> int:
    return sum(len(user.posts) for user in session.scalars(select(_sa.User)))


def _sa_selectin(session: Session) -> int:
    return sum(len(user.posts) for user in session.scalars(select(_sa.User).options(selectinload(_sa.User.posts))))


def _sa_joined(session: Session) -> int:
    users = session.scalars(select(_sa.User).options(joinedload(_sa.User.posts))).unique()
    return sum(len(user.posts) for user in users)


def _sa_run(load: Callable[[Session], int], where: str = "sqlite") -> tuple[float, int]:
    engine, counter = _sa_db(where)
    counter.queries = 0
    start = time.perf_counter()
    with Session(engine) as session:
        posts = load(session)
    elapsed = time.perf_counter() - start
    assert posts == USERS * POSTS_PER_USER
    return elapsed, counter.queries


# --------------------------------------------------------------------------- Django


@functools.cache
def _django() -> ModuleType:
    """The page's models; their tables and rows in SQLite, and in PostgreSQL as alias 'pg'."""
    from django.conf import settings

    if settings.configured:
        raise RuntimeError("Django was configured elsewhere in this process; run this benchmark on its own")
    dj = load_snippet("performance/n-plus-one-django/n_plus_one_django.py")  # configures Django
    dj.create_tables_and_rows(USERS)
    from django.db import connections

    url = psycopg.conninfo.conninfo_to_dict(_postgres().url)
    pg = {"ENGINE": "django.db.backends.postgresql", "NAME": url["dbname"], "USER": url.get("user", ""),
          "HOST": url.get("host", ""), "PORT": str(url.get("port", ""))}  # fmt: skip
    connections.settings["pg"] = connections.configure_settings({"default": {}, "pg": pg})["pg"]
    with connections["pg"].schema_editor() as editor:
        for model in (dj.User, dj.Profile, dj.Post, dj.Comment):
            editor.create_model(model)
    users = dj.User.objects.using("pg").bulk_create(dj.User(name=f"user{u}") for u in range(USERS))
    dj.Post.objects.using("pg").bulk_create(
        dj.Post(title=f"post{p}", author=u) for u in users for p in range(POSTS_PER_USER)
    )
    return dj


def _django_run(prefetch: bool, alias: str = "default") -> tuple[float, int]:
    from django.db import connections

    dj = _django()
    counter = _Counter()

    def wrapper(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        counter()
        return execute(sql, params, many, context)

    users = dj.User.objects.using(alias)
    users = users.prefetch_related("posts") if prefetch else users.all()
    with connections[alias].execute_wrapper(wrapper):
        start = time.perf_counter()
        posts = sum(len(user.posts.all()) for user in users)
        elapsed = time.perf_counter() - start
    assert posts == USERS * POSTS_PER_USER
    return elapsed, counter.queries


def measure(turn: int) -> dict[str, float]:
    # Each comparison runs its sides in an order that rotates from one repetition to the next.
    sa = in_turn(turn, {"lazy": partial(_sa_run, _sa_lazy), "selectin": partial(_sa_run, _sa_selectin),
                        "joined": partial(_sa_run, _sa_joined)})  # fmt: skip
    sa_pg = in_turn(turn, {"lazy": partial(_sa_run, _sa_lazy, "postgres"),
                           "selectin": partial(_sa_run, _sa_selectin, "postgres")})  # fmt: skip
    dj = in_turn(turn, {"lazy": partial(_django_run, False), "prefetch": partial(_django_run, True)})
    dj_pg = in_turn(turn, {"lazy": partial(_django_run, False, "pg"), "prefetch": partial(_django_run, True, "pg")})
    (sa_lazy, sa_lazy_q), (sa_selectin, sa_selectin_q), (sa_joined, sa_joined_q) = sa.values()
    (sa_lazy_rtt, _), (sa_selectin_rtt, _) = sa_pg.values()
    (dj_lazy, dj_lazy_q), (dj_prefetch, dj_prefetch_q) = dj.values()
    (dj_lazy_rtt, _), (dj_prefetch_rtt, _) = dj_pg.values()
    return {
        "sa_lazy_queries": sa_lazy_q,
        "sa_selectin_queries": sa_selectin_q,
        "sa_joined_queries": sa_joined_q,
        "sa_lazy": sa_lazy,
        "sa_selectin": sa_selectin,
        "sa_joined": sa_joined,
        "sa_speedup": sa_lazy / sa_selectin,
        "sa_speedup_rtt": sa_lazy_rtt / sa_selectin_rtt,
        "dj_lazy_queries": dj_lazy_q,
        "dj_prefetch_queries": dj_prefetch_q,
        "dj_lazy": dj_lazy,
        "dj_prefetch": dj_prefetch,
        "dj_speedup": dj_lazy / dj_prefetch,
        "dj_speedup_rtt": dj_lazy_rtt / dj_prefetch_rtt,
    }


def _warm_up() -> None:
    """Compile and cache every statement once, so that repetitions time the loading only."""
    for load in (_sa_lazy, _sa_selectin, _sa_joined):
        _sa_run(load)
        _sa_run(load, "postgres")
    for prefetch in (False, True):
        _django_run(prefetch)
        _django_run(prefetch, "pg")


BENCHMARK = Benchmark(
    title="100 users and their 300 posts: lazy loading (N+1) versus eager loading",
    metrics={
        "sa_lazy_queries": Metric("count", "SQLAlchemy, lazy loading: queries"),
        "sa_selectin_queries": Metric("count", "SQLAlchemy, selectinload: queries"),
        "sa_joined_queries": Metric("count", "SQLAlchemy, joinedload + unique(): queries"),
        "sa_lazy": Metric("seconds", "SQLAlchemy, lazy loading, in-process SQLite"),
        "sa_selectin": Metric("seconds", "SQLAlchemy, selectinload, in-process SQLite"),
        "sa_joined": Metric("seconds", "SQLAlchemy, joinedload + unique(), in-process SQLite"),
        "sa_speedup": Metric("ratio", "SQLAlchemy: lazy time / selectinload time, in-process SQLite"),
        "sa_speedup_rtt": Metric("ratio", "SQLAlchemy: lazy / selectinload, local PostgreSQL over TCP"),
        "dj_lazy_queries": Metric("count", "Django, user.posts.all() in a loop: queries"),
        "dj_prefetch_queries": Metric("count", "Django, prefetch_related('posts'): queries"),
        "dj_lazy": Metric("seconds", "Django, lazy, in-process SQLite"),
        "dj_prefetch": Metric("seconds", "Django, prefetch_related, in-process SQLite"),
        "dj_speedup": Metric("ratio", "Django: lazy time / prefetch_related time, in-process SQLite"),
        "dj_speedup_rtt": Metric("ratio", "Django: lazy / prefetch_related, local PostgreSQL over TCP"),
    },
    measure=measure,
    setup=_warm_up,
    packages=("SQLAlchemy", "Django", "psycopg"),
    claims=(
        Claim("sa_lazy_queries", at_least=101, at_most=101, why="1 query for the users + 1 per user"),
        Claim("sa_selectin_queries", at_least=2, at_most=2, why="one SELECT ... IN for the posts"),
        Claim("sa_joined_queries", at_least=1, at_most=1, why="one SELECT with a JOIN"),
        Claim("dj_lazy_queries", at_least=101, at_most=101, why="1 query for the users + 1 per user"),
        Claim("dj_prefetch_queries", at_least=2, at_most=2, why="one SELECT ... IN for the posts"),
        Claim("sa_speedup", at_least=2, at_most=50, why="the page says eager loading wins, short of the seed's 50x+"),
        Claim("dj_speedup", at_least=2, at_most=50, why="the page says prefetching wins, short of the seed's 50x+"),
        Claim("sa_speedup_rtt", at_least=3, why="the page says real round trips widen the gap"),
        Claim("dj_speedup_rtt", at_least=3, why="the page says real round trips widen the gap"),
    ),
    notes="Models and data come from the pages' snippets. The *_rtt figures run the same code against a "
    "PostgreSQL server on the same machine over TCP (POSTGRES_URL, or one started with initdb).",
    repetitions=20,
    quick_repetitions=3,
)
