"""N+1 lazy loading versus eager loading, counted and timed: SQLAlchemy 2.x and the Django ORM.

100 users with 3 posts each, in an in-memory SQLite database; the seed's own scenario
("101 queries for 100 users"). SQLite runs in the process, so a query costs no network round
trip; the ``*_rtt`` figures add a simulated 1 ms round trip to every query to show what a
database across a network does to the same code.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import ModuleType

from sqlalchemy import ForeignKey, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, joinedload, mapped_column, relationship, selectinload

from benchmarks.harness import Benchmark, Claim, Metric

USERS, POSTS_PER_USER = 100, 3
ROUND_TRIP = 0.001


class _Base(DeclarativeBase):
    pass


class _User(_Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    posts: Mapped[list[_Post]] = relationship()


class _Post(_Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class _Counter:
    def __init__(self) -> None:
        self.queries = 0
        self.round_trip = 0.0

    def __call__(self, *_: object) -> None:
        self.queries += 1
        if self.round_trip:
            time.sleep(self.round_trip)


_engine = create_engine("sqlite://")
_counter = _Counter()
_Base.metadata.create_all(_engine)
with Session(_engine) as _session:
    _session.add_all(
        _User(name=f"user{u}", posts=[_Post(title=f"post{p}") for p in range(POSTS_PER_USER)]) for u in range(USERS)
    )
    _session.commit()
event.listen(_engine, "before_cursor_execute", _counter)


def _sa_lazy(session: Session) -> int:
    return sum(len(user.posts) for user in session.scalars(select(_User)))


def _sa_selectin(session: Session) -> int:
    return sum(len(user.posts) for user in session.scalars(select(_User).options(selectinload(_User.posts))))


def _sa_joined(session: Session) -> int:
    users = session.scalars(select(_User).options(joinedload(_User.posts))).unique()
    return sum(len(user.posts) for user in users)


def _sa_run(load: Callable[[Session], int], round_trip: float = 0.0) -> tuple[float, int]:
    _counter.queries, _counter.round_trip = 0, round_trip
    start = time.perf_counter()
    with Session(_engine) as session:
        posts = load(session)
    elapsed = time.perf_counter() - start
    assert posts == USERS * POSTS_PER_USER
    return elapsed, _counter.queries


# --------------------------------------------------------------------------- Django


def _django_models() -> tuple[type, type]:
    import django
    from django.apps import AppConfig, apps
    from django.conf import settings

    class BenchConfig(AppConfig):
        path = "."

    if not settings.configured:
        settings.configure(
            DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
            INSTALLED_APPS=[BenchConfig("perfbench", ModuleType("perfbench"))],
            DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        )
        django.setup()
    if not apps.is_installed("perfbench"):
        raise RuntimeError("Django was configured elsewhere in this process without the perfbench app")
    if "user" in apps.all_models["perfbench"]:
        return apps.get_model("perfbench", "User"), apps.get_model("perfbench", "Post")

    from django.db import connection, models

    class User(models.Model):
        name = models.CharField(max_length=50)

        class Meta:
            app_label = "perfbench"

    class Post(models.Model):
        title = models.CharField(max_length=100)
        author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="posts")

        class Meta:
            app_label = "perfbench"

    with connection.schema_editor() as editor:
        editor.create_model(User)
        editor.create_model(Post)
    users = User.objects.bulk_create(User(name=f"user{u}") for u in range(USERS))
    Post.objects.bulk_create(Post(title=f"post{p}", author=u) for u in users for p in range(POSTS_PER_USER))
    return User, Post


def _django_run(prefetch: bool, round_trip: float = 0.0) -> tuple[float, int]:
    from django.db import connection

    user_model, _ = _django_models()
    counter = _Counter()
    counter.round_trip = round_trip

    def wrapper(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        counter()
        return execute(sql, params, many, context)

    users = user_model.objects.prefetch_related("posts") if prefetch else user_model.objects.all()
    with connection.execute_wrapper(wrapper):
        start = time.perf_counter()
        posts = sum(len(user.posts.all()) for user in users)
        elapsed = time.perf_counter() - start
    assert posts == USERS * POSTS_PER_USER
    return elapsed, counter.queries


def measure() -> dict[str, float]:
    (sa_lazy, sa_lazy_q), (sa_selectin, sa_selectin_q) = _sa_run(_sa_lazy), _sa_run(_sa_selectin)
    sa_joined, sa_joined_q = _sa_run(_sa_joined)
    sa_lazy_rtt, _ = _sa_run(_sa_lazy, ROUND_TRIP)
    sa_selectin_rtt, _ = _sa_run(_sa_selectin, ROUND_TRIP)
    (dj_lazy, dj_lazy_q), (dj_prefetch, dj_prefetch_q) = _django_run(False), _django_run(True)
    dj_lazy_rtt, _ = _django_run(False, ROUND_TRIP)
    dj_prefetch_rtt, _ = _django_run(True, ROUND_TRIP)
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
    _django_run(False)
    _django_run(True)


BENCHMARK = Benchmark(
    title="100 users and their 300 posts: lazy loading (N+1) versus eager loading",
    metrics={
        "sa_lazy_queries": Metric("count", "SQLAlchemy, lazy loading: queries"),
        "sa_selectin_queries": Metric("count", "SQLAlchemy, selectinload: queries"),
        "sa_joined_queries": Metric("count", "SQLAlchemy, joinedload + unique(): queries"),
        "sa_lazy": Metric("seconds", "SQLAlchemy, lazy loading, in-process SQLite"),
        "sa_selectin": Metric("seconds", "SQLAlchemy, selectinload, in-process SQLite"),
        "sa_joined": Metric("seconds", "SQLAlchemy, joinedload + unique(), in-process SQLite"),
        "sa_speedup": Metric("ratio", "SQLAlchemy: lazy time / selectinload time"),
        "sa_speedup_rtt": Metric("ratio", "SQLAlchemy: lazy / selectinload, 1 ms simulated round trip per query"),
        "dj_lazy_queries": Metric("count", "Django, user.posts.all() in a loop: queries"),
        "dj_prefetch_queries": Metric("count", "Django, prefetch_related('posts'): queries"),
        "dj_lazy": Metric("seconds", "Django, lazy, in-process SQLite"),
        "dj_prefetch": Metric("seconds", "Django, prefetch_related, in-process SQLite"),
        "dj_speedup": Metric("ratio", "Django: lazy time / prefetch_related time"),
        "dj_speedup_rtt": Metric("ratio", "Django: lazy / prefetch_related, 1 ms simulated round trip per query"),
    },
    measure=measure,
    setup=_warm_up,
    packages=("SQLAlchemy", "Django"),
    claims=(
        Claim("sa_lazy_queries", at_least=101, at_most=101, why="1 query for the users + 1 per user"),
        Claim("sa_selectin_queries", at_least=2, at_most=2, why="one SELECT ... IN for the posts"),
        Claim("sa_joined_queries", at_least=1, at_most=1, why="one SELECT with a JOIN"),
        Claim("dj_lazy_queries", at_least=101, at_most=101, why="1 query for the users + 1 per user"),
        Claim("dj_prefetch_queries", at_least=2, at_most=2, why="one SELECT ... IN for the posts"),
        Claim("sa_speedup", at_least=2, at_most=50, why="the page says eager loading wins, short of the seed's 50x+"),
        Claim("dj_speedup", at_least=2, at_most=50, why="the page says prefetching wins, short of the seed's 50x+"),
        Claim("sa_speedup_rtt", at_least=5, why="the page says network round trips widen the gap"),
        Claim("dj_speedup_rtt", at_least=5, why="the page says network round trips widen the gap"),
    ),
    repetitions=20,
    quick_repetitions=3,
)
