"""The seed's container: one class-level dict for everyone, filled with an instance at import."""

import sqlite3
import threading
from typing import Any, Protocol


class Repository(Protocol):
    def get(self, id: str) -> dict[str, Any] | None: ...
    def save(self, entity: dict[str, Any]) -> None: ...


class DatabaseRepository:
    def __init__(self, connection_string: str) -> None:
        self.conn = sqlite3.connect(connection_string)  # the seed's create_connection()
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS items (id TEXT PRIMARY KEY, name TEXT)"
        )

    def get(self, id: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT id, name FROM items WHERE id = ?", [id]
        ).fetchone()
        return None if row is None else {"id": row[0], "name": row[1]}

    def save(self, entity: dict[str, Any]) -> None:
        self.conn.execute("INSERT INTO items VALUES (:id, :name)", entity)


class MockRepository:
    def __init__(self) -> None:
        self.data: dict[str, dict[str, Any]] = {}

    def get(self, id: str) -> dict[str, Any] | None:
        return self.data.get(id)

    def save(self, entity: dict[str, Any]) -> None:
        self.data[entity["id"]] = entity


class EmailService(Protocol):
    def send(self, to: str, subject: str) -> None: ...


class Container:  # the seed's container, verbatim
    _instances: dict = {}

    @classmethod
    def register(cls, interface, implementation):
        cls._instances[interface] = implementation

    @classmethod
    def resolve(cls, interface):
        return cls._instances[interface]


# As in the seed, at module level: the connection opens when anything imports this
# module, and it is the one connection every caller in the process will share.
Container.register(Repository, DatabaseRepository(":memory:"))


def handle_request() -> None:  # e.g. a sync FastAPI endpoint, run in a worker thread
    try:
        Container.resolve(Repository).get("42")
    except sqlite3.ProgrammingError as exc:
        print(str(exc).split(".")[0])
        #> SQLite objects created in a thread can only be used in that same thread


worker = threading.Thread(target=handle_request)
worker.start()
worker.join()

try:
    Container.resolve(EmailService)  # forgotten registration
except KeyError as exc:
    print(f"KeyError: {exc}")
    #> KeyError: <class '__main__.EmailService'>

Container.resolve(Repository).conn.close()  # nothing owns it to close it; the demo does


def test_with_mock() -> None:
    Container.register(Repository, MockRepository())  # a test swaps in a mock...


def test_with_fresh_container() -> None:
    container = Container()  # ...and a later test's "fresh" container still has it
    print(type(container.resolve(Repository)).__name__)
    #> MockRepository


test_with_mock()
test_with_fresh_container()
