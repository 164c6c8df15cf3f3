"""The pitfall: a strict CORS allow-list does not stop a cross-site form POST."""

import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Annotated
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx
import uvicorn
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.middleware.cors import CORSMiddleware

balances = {"alice": 100, "mallory": 0}
sessions: dict[str, str] = {}  # session id -> user

app = FastAPI()
app.add_middleware(
    CORSMiddleware,
    allow_origins=["https://bank.example"],  # strict: the bank's own front end only
    allow_credentials=True,
    allow_methods=["POST"],
)


def current_user(request: Request) -> str:
    user = sessions.get(request.cookies.get("session", ""))
    if user is None:
        raise HTTPException(401, "not logged in")
    return user


@app.post("/transfer")
async def transfer(
    request: Request, user: Annotated[str, Depends(current_user)]
) -> dict[str, int]:
    # The cookie is the only credential checked: whoever makes the browser send it wins.
    form = dict(parse_qsl((await request.body()).decode()))
    amount = int(form["amount"])
    balances[user] -= amount
    balances[form["to"]] += amount
    return {"balance": balances[user]}


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Run the app under uvicorn in a background thread; port 0 picks a free port."""
    server = uvicorn.Server(uvicorn.Config(app, port=0, log_level="warning"))
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


class Form(HTMLParser):
    """The action and the fields of a form, as a browser submits it."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.action = ""
        self.fields: list[tuple[str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form":
            self.action = found.get("action") or ""
        elif tag == "input":
            self.fields.append((found.get("name") or "", found.get("value") or ""))


victim_session = secrets.token_urlsafe(32)
sessions[victim_session] = (
    "alice"  # alice logged in earlier; her browser keeps the cookie
)

with serve(app) as url, httpx.Client(base_url=url) as browser:
    # A script on evil.example asking to POST JSON needs a preflight: CORS refuses it.
    preflight = browser.options(
        "/transfer",
        headers={
            "Origin": "https://evil.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    print(f"preflight from evil.example: {preflight.status_code}")
    #> preflight from evil.example: 400
    # The hidden form on evil.example (evil_form.html), submitted by its script, is a
    # "simple" request: no preflight. This is what the browser sends for it, with
    # alice's cookie if its SameSite attribute lets it go (see the page).
    form = Form(Path(__file__).with_name("evil_form.html").read_text())
    forged = browser.post(
        urlsplit(form.action).path,
        content=urlencode(form.fields),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": "https://evil.example",
            "Sec-Fetch-Site": "cross-site",
            "Cookie": f"session={victim_session}",
        },
    )
    print(f"forged form POST: {forged.status_code}, mallory has {balances['mallory']}")
    #> forged form POST: 200, mallory has 100
    # CORS did its job: no Access-Control-Allow-Origin, so the browser hides this
    # response from evil.example's script. The money has moved all the same.
    print(
        f"response readable by evil.example: {'access-control-allow-origin' in forged.headers}"
    )
    #> response readable by evil.example: False
