"""A small DI container: factories per container, one instance per scope, clear errors."""

import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, closing, contextmanager
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar, cast

T = TypeVar("T")


class Key(Generic[T]):
    """Names a dependency and its type (mypy rejects a Protocol passed as type[T])."""

    def __init__(self, name: str) -> None:
        self.name = name


class Scope:
    """One request or job: one instance per key, all closed when it ends."""

    def __init__(
        self, factories: dict[Key[Any], Callable[["Scope"], Any]], cleanup: ExitStack
    ):
        self._factories = factories
        self._instances: dict[Key[Any], Any] = {}
        self.cleanup = cleanup  # factories register what must be closed with the scope

    def resolve(self, key: Key[T]) -> T:
        if key not in self._instances:
            factory = self._factories.get(key)
            if factory is None:
                known = ", ".join(sorted(k.name for k in self._factories))
                raise LookupError(f"{key.name!r} is not registered (known: {known})")
            self._instances[key] = factory(self)
        return cast(T, self._instances[key])


class Container:
    def __init__(self) -> None:
        self._factories: dict[Key[Any], Callable[[Scope], Any]] = {}  # per container

    def register(self, key: Key[T], factory: Callable[[Scope], T]) -> None:
        self._factories[key] = factory  # a recipe: nothing is created yet

    @contextmanager
    def scope(self) -> Iterator[Scope]:
        with ExitStack() as cleanup:
            yield Scope(self._factories, cleanup)


class Repository(Protocol):
    def get(self, id: str) -> str | None: ...
    def save(self, id: str, name: str) -> None: ...


class SqliteRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def get(self, id: str) -> str | None:
        row = self.conn.execute("SELECT name FROM items WHERE id = ?", [id]).fetchone()
        return None if row is None else str(row[0])

    def save(self, id: str, name: str) -> None:
        self.conn.execute("INSERT INTO items VALUES (?, ?)", [id, name])


class InMemoryRepository:
    def __init__(self) -> None:
        self.data: dict[str, str] = {}

    def get(self, id: str) -> str | None:
        return self.data.get(id)

    def save(self, id: str, name: str) -> None:
        self.data[id] = name


class EmailService(Protocol):
    def send(self, to: str, subject: str) -> None: ...


CONNECTION = Key[sqlite3.Connection]("connection")
REPOSITORY = Key[Repository]("repository")
EMAIL = Key[EmailService]("email")


def production(db_path: Path) -> Container:
    def open_connection(scope: Scope) -> sqlite3.Connection:
        # Opened on first use in a scope, closed when the scope ends.
        conn = sqlite3.connect(db_path, isolation_level=None)
        return scope.cleanup.enter_context(closing(conn))

    container = Container()
    container.register(CONNECTION, open_connection)
    container.register(REPOSITORY, lambda s: SqliteRepository(s.resolve(CONNECTION)))
    return container


def handle_request(app: Container) -> None:
    with app.scope() as scope:  # each thread opens, uses and closes its own scope
        print(f"worker thread: {scope.resolve(REPOSITORY).get('42')}")
        #> worker thread: Ada


with tempfile.TemporaryDirectory() as tmp:
    db_path = Path(tmp) / "app.db"
    with closing(sqlite3.connect(db_path)) as setup:
        setup.execute("CREATE TABLE items (id TEXT PRIMARY KEY, name TEXT)")

    app = production(db_path)  # building the container opens nothing
    with app.scope() as scope:
        repo = scope.resolve(REPOSITORY)
        repo.save("42", "Ada")
        print(type(repo).__name__, repo is scope.resolve(REPOSITORY))
        #> SqliteRepository True
        conn = scope.resolve(CONNECTION)
    try:
        conn.execute("SELECT 1")
    except sqlite3.ProgrammingError as exc:
        print(f"after the scope: {exc}")
        #> after the scope: Cannot operate on a closed database.

    worker = threading.Thread(target=handle_request, args=(app,))
    worker.start()
    worker.join()

    test = production(db_path)  # a test builds its own container and overrides in it
    test.register(REPOSITORY, lambda s: InMemoryRepository())
    with test.scope() as test_scope, app.scope() as app_scope:
        print(type(test_scope.resolve(REPOSITORY)).__name__)
        #> InMemoryRepository
        print(type(app_scope.resolve(REPOSITORY)).__name__)  # the app is untouched
        #> SqliteRepository

    try:
        with app.scope() as scope:
            scope.resolve(EMAIL)
    except LookupError as exc:
        print(f"LookupError: {exc}")
        #> LookupError: 'email' is not registered (known: connection, repository)
