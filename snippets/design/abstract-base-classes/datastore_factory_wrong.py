"""The seed's factory: **kwargs hides what each store needs; its usage awaits at module level."""

from pathlib import Path


class DataStore:  # stand-ins for the seed's classes: only the constructors matter
    pass


class FileDataStore(DataStore):
    def __init__(self, base_path: Path) -> None:
        self.base_path = base_path


class RedisDataStore(DataStore):
    def __init__(self, redis_client: object) -> None:
        self.redis = redis_client


class DataStoreFactory:  # the seed's factory
    @staticmethod
    def create(store_type: str, **kwargs) -> DataStore:
        if store_type == "file":
            return FileDataStore(Path(kwargs["path"]))
        elif store_type == "redis":
            return RedisDataStore(kwargs["redis_client"])
        else:
            raise ValueError(f"Unknown store type: {store_type}")


# Each mistake passes a type checker; the first two fail only when the line runs.
try:
    DataStoreFactory.create("file", base_path="data")  # FileDataStore's own name
except KeyError as exc:
    print(f"KeyError: {exc}")
    #> KeyError: 'path'
try:
    DataStoreFactory.create("File", path="data")
except ValueError as exc:
    print(f"ValueError: {exc}")
    #> ValueError: Unknown store type: File
store = DataStoreFactory.create("file", path="data", redis_client="redis://cache")
print(f"{type(store).__name__}, redis_client silently ignored")
#> FileDataStore, redis_client silently ignored

# The seed's usage lines, as a module would hold them:
usage = """
file_store = DataStoreFactory.create("file", path="/tmp/data")
await save_user_data(file_store, "123", {"name": "Alice"})
"""
try:
    compile(usage, "usage.py", "exec")
except SyntaxError as exc:
    print(f"SyntaxError: {exc.msg} (line {exc.lineno})")
    #> SyntaxError: 'await' outside function (line 3)
