"""Cookie sessions done right: HttpOnly, Secure, SameSite, and a server-side CSRF check."""

import re
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import Morsel, SimpleCookie
from typing import Annotated
from urllib.parse import parse_qsl

import httpx
import uvicorn
from fastapi import Depends, FastAPI, HTTPException, Request, Response
from fastapi.responses import HTMLResponse

COOKIE = "__Host-session"  # __Host-: browsers insist on Secure, Path=/ and no Domain
TRUSTED_ORIGINS = {"https://bank.example"}  # the site's own public origin(s)
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}  # these must never change anything


@dataclass
class Session:
    user: str
    # repr=False: a session that ends up in a log line does not carry its token there.
    csrf_token: str = field(
        default_factory=lambda: secrets.token_urlsafe(32), repr=False
    )


sessions: dict[str, Session] = {}  # session id -> session, kept server-side
balances = {"alice": 100, "mallory": 0}
transfers = 0


def session_of(request: Request) -> Session | None:
    """The session our cookie names, read by its exact name.

    request.cookies strips whitespace, "\xa0" included, from cookie names: a cookie
    that a sibling subdomain set as "\xa0__Host-session" would pass for ours.
    """
    ids = [
        value
        for name, _, value in (
            part.strip(" ").partition("=")
            for part in request.headers.get("cookie", "").split(";")
        )
        if name == COOKIE
    ]
    return sessions.get(ids[0]) if len(ids) == 1 else None


async def form_fields(request: Request) -> dict[str, str]:
    """An urlencoded form body (FastAPI's Form() needs python-multipart)."""
    return dict(parse_qsl((await request.body()).decode(errors="replace")))


def is_cross_site(request: Request) -> bool:
    """What the browser says about where the request comes from."""
    origin = request.headers.get("origin")
    if origin is not None:  # every current browser sends Origin with a POST
        return origin not in TRUSTED_ORIGINS  # "null" and sibling subdomains too
    return request.headers.get("sec-fetch-site") in {"cross-site", "same-site"}


async def csrf_protect(request: Request) -> None:
    """Runs before every route: unsafe methods need our origin AND the token."""
    if request.method in SAFE_METHODS:
        return
    if is_cross_site(request):
        raise HTTPException(403, "cross-site request")
    session = session_of(request)
    if session is not None:  # the cookie grants something: the token must match
        sent = (await form_fields(request)).get("csrf_token", "")
        # Constant time, on bytes: compare_digest raises on non-ASCII str.
        if not secrets.compare_digest(sent.encode(), session.csrf_token.encode()):
            raise HTTPException(403, "CSRF token missing or wrong")


def current_session(request: Request) -> Session:
    session = session_of(request)
    if session is None:
        raise HTTPException(401, "not logged in")
    return session


app = FastAPI(dependencies=[Depends(csrf_protect)])  # every route, present and future
Form = Annotated[dict[str, str], Depends(form_fields)]
Auth = Annotated[Session, Depends(current_session)]


@app.post("/login")
async def login(form: Form, response: Response) -> dict[str, str]:
    user = form["user"]  # verify the password here (see the authentication page)
    session_id = secrets.token_urlsafe(32)  # a new id at every login
    sessions[session_id] = Session(user)
    response.set_cookie(COOKIE, session_id, httponly=True, secure=True, samesite="lax")
    return {"user": user}


@app.get("/transfer")
async def transfer_page(session: Auth) -> HTMLResponse:
    # The token goes into the page, which another site's script cannot read
    # (token_urlsafe() uses only A-Z a-z 0-9 - _: nothing to escape).
    return HTMLResponse(
        '<form method="post" action="/transfer">'
        f'<input type="hidden" name="csrf_token" value="{session.csrf_token}">'
        '<input name="to"><input name="amount"><button>Send</button></form>'
    )


@app.post("/transfer")
async def transfer(form: Form, session: Auth) -> dict[str, int]:
    global transfers
    to, amount = form.get("to", ""), form.get("amount", "")
    # len(): int() refuses more than 4300 digits with a ValueError, which is a 500.
    if to not in balances or not (amount.isdecimal() and len(amount) <= 9):
        raise HTTPException(422, "invalid transfer")
    if not 0 < int(amount) <= balances[session.user]:
        raise HTTPException(422, "invalid amount")
    balances[session.user] -= int(amount)
    balances[to] += int(amount)
    transfers += 1
    return {"balance": balances[session.user]}


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


SAME_ORIGIN = {"Origin": "https://bank.example", "Sec-Fetch-Site": "same-origin"}
CROSS_SITE = {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}
SIBLING = {"Origin": "https://uploads.bank.example", "Sec-Fetch-Site": "same-site"}
NO_ORIGIN = {"Sec-Fetch-Site": "same-site"}  # a proxy or an extension dropped Origin
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def session_cookie(response: httpx.Response) -> "Morsel[str]":
    jar = SimpleCookie()
    jar.load(response.headers["set-cookie"])
    return jar[COOKIE]


with serve(app) as url, httpx.Client(base_url=url) as browser:
    signed_in = browser.post("/login", content="user=alice", headers=SAME_ORIGIN | FORM)
    cookie = session_cookie(signed_in)
    print({name: cookie[name] for name in ("httponly", "secure", "samesite", "path")})
    #> {'httponly': True, 'secure': True, 'samesite': 'lax', 'path': '/'}
    print("a session in a log line:", sessions[cookie.value])
    #> a session in a log line: Session(user='alice')
    # httpx ignores SameSite and Secure; we send the cookie the way a browser
    # that let it through would, to test what the server itself checks.
    alice = {"Cookie": f"{COOKIE}={cookie.value}"}
    page = browser.get("/transfer", headers=alice | SAME_ORIGIN)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match is not None
    token = match.group(1)

    def post(body: str, headers: dict[str, str]) -> httpx.Response:
        return browser.post("/transfer", content=body, headers=alice | FORM | headers)

    forged = post("to=mallory&amount=20", CROSS_SITE)
    print("cross-site POST rejected:", forged.status_code, forged.json())
    #> cross-site POST rejected: 403 {'detail': 'cross-site request'}
    senders = {"evil": CROSS_SITE, "sibling": SIBLING, "no Origin": NO_ORIGIN}
    leaked = {
        sender: post(f"to=mallory&amount=20&csrf_token={token}", headers).status_code
        for sender, headers in senders.items()
    }
    print("a leaked token from elsewhere:", leaked)
    #> a leaked token from elsewhere: {'evil': 403, 'sibling': 403, 'no Origin': 403}
    bare = post("to=mallory&amount=20", {})  # an old browser: no Origin, no Sec-Fetch
    print("POST without Origin or token rejected:", bare.status_code, bare.json())
    """
    POST without Origin or token rejected:
    403
    {"detail": "CSRF token missing or wrong"}
    """
    # uploads.bank.example cannot set __Host-session, but it can set "\xa0__Host-session"
    # (a raw 0xA0 byte first) for all of bank.example, and Chromium sends it here:
    # mallory plants her own session id that way, to have alice work in her account.
    mallory = session_cookie(
        browser.post("/login", content="user=mallory", headers=SAME_ORIGIN | FORM)
    )
    tossed = f"{COOKIE}={cookie.value}; \xa0{COOKIE}={mallory.value}".encode("latin-1")
    page = browser.get("/transfer", headers={b"Cookie": tossed})
    print("cookie planted by a subdomain ignored:", token in page.text)
    #> cookie planted by a subdomain ignored: True
    ok = post(f"to=mallory&amount=10&csrf_token={token}", SAME_ORIGIN)
    print("same-origin POST accepted:", ok.status_code, ok.json())
    #> same-origin POST accepted: 200 {'balance': 90}
    print(f"transfers that ran: {transfers}")
    #> transfers that ran: 1
