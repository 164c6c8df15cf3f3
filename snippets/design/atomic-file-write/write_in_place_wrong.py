"""The pitfall: writing a file in place destroys the old content before the new one is whole."""

import json
import tempfile
from datetime import date
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "settings.json"
    path.write_text(json.dumps({"version": 1, "retries": 3}), encoding="utf-8")

    # The exception stands in for any interruption: a crash, kill -9, a full disk.
    new = {"version": 2, "retries": 5, "deadline": date(2030, 1, 1)}
    try:
        with path.open("w", encoding="utf-8") as f:  # "w" truncates version 1 here
            json.dump(new, f)  # writes each chunk as soon as it is encoded
    except TypeError as exc:
        print(f"write failed: {exc}")
        #> write failed: Object of type date is not JSON serializable

    print(repr(path.read_text(encoding="utf-8")))
    #> '{"version": 2, "retries": 5, "deadline": '
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        print(f"next start-up: {exc}")
        #> next start-up: Expecting value: line 1 column 42 (char 41)
