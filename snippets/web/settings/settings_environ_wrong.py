"""The pitfall: os.environ read at request time, so a missing variable is a 500, not a refusal."""

import logging
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import chdir, contextmanager
from pathlib import Path

import httpx
import uvicorn
from dotenv import load_dotenv
from fastapi import FastAPI

app = FastAPI()


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/quote")
async def quote() -> dict[str, str]:
    # Looked up when a request arrives: nothing checked it before.
    return {"upstream": os.environ["APP_UPSTREAM_URL"]}


class ErrorLog(logging.Handler):
    """Keeps the exceptions the server logs, so the program can print them."""

    def __init__(self) -> None:
        super().__init__()
        self.exceptions: list[BaseException] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[1]:
            self.exceptions.append(record.exc_info[1])


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Run the app under uvicorn in a background thread; port 0 picks a free port."""
    server = uvicorn.Server(uvicorn.Config(app, port=0, log_config=None))
    thread = threading.Thread(target=server.run)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the server failed to start")
        time.sleep(0.01)
    try:
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()


logging.getLogger("uvicorn.error").addHandler(log := ErrorLog())
with tempfile.TemporaryDirectory() as tmp, chdir(tmp):
    # The deployment's .env has a typo: UPSTREM instead of UPSTREAM.
    Path(".env").write_text("APP_UPSTREM_URL=https://api.example.com/v1\n")
    load_dotenv()  # copies the file into os.environ; it checks no names
    with serve(app) as url:
        print("server started")
        #> server started
        print("GET /health:", httpx.get(f"{url}/health").status_code)
        #> GET /health: 200
        response = httpx.get(f"{url}/quote")  # the first request to need the variable
        print("GET /quote:", response.status_code, response.text)
        #> GET /quote: 500 Internal Server Error
print("server log:", log.exceptions)
#> server log: [KeyError('APP_UPSTREAM_URL')]
