"""The seed's FileDataStore: keys become paths, and its async methods never let others run."""

import asyncio
import json
import tempfile
from pathlib import Path


class FileDataStore:  # the seed's class (its ABC base left out)
    def __init__(self, base_path: Path) -> None:
        self.base_path = base_path
        self.base_path.mkdir(exist_ok=True)

    async def save(self, key: str, value: dict) -> None:
        file_path = self.base_path / f"{key}.json"
        with open(file_path, "w") as f:  # noqa: ASYNC230 (ruff spots the seed's bug)
            json.dump(value, f)

    async def delete(self, key: str) -> bool:
        file_path = self.base_path / f"{key}.json"
        if file_path.exists():
            file_path.unlink()
            return True
        return False


async def save_while_serving(store: FileDataStore) -> list[str]:
    served: list[str] = []

    async def save_user() -> None:
        await store.save("user:1", {"name": "Ada"})
        served.append("save finished")

    async def other_request() -> None:
        served.append("other request")

    await asyncio.gather(save_user(), other_request())
    return served


with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    (root / "settings.json").write_text("{}")  # the application's own file
    store = FileDataStore(root / "store")

    # Keys often come from outside (a request, a message); here they become paths.
    asyncio.run(store.save("../escaped", {"name": "Mallory"}))
    print(sorted(p.relative_to(root).as_posix() for p in root.rglob("*.json")))
    #> ['escaped.json', 'settings.json']
    print(asyncio.run(store.delete("../settings")), (root / "settings.json").exists())
    #> True False

    # No await inside save(): it holds the event loop until its disk IO is done,
    # so the other request, ready all along, waits for the whole write.
    print(asyncio.run(save_while_serving(store)))
    #> ['save finished', 'other request']
