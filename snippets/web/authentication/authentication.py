"""Bearer tokens stored hashed, Argon2 passwords via pwdlib, and a per-client login limit."""

import asyncio
import hashlib
import math
import secrets
import time
from collections import Counter, deque
from dataclasses import dataclass
from typing import Annotated

import httpx
from anyio import CapacityLimiter, to_thread
from fastapi import Depends, FastAPI, HTTPException, Request, Response
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

TOKEN_TTL = 3600  # seconds a bearer token stays valid

password_hash = PasswordHash.recommended()  # Argon2id with argon2-cffi's default cost
# An unknown username is checked against this, so it costs as much as a wrong password.
DUMMY_HASH = password_hash.hash("dummy password")
# Each verification holds 64 MiB: at most 4 at once, in threads of their own, so a
# flood of logins neither exhausts memory nor the threadpool other endpoints share.
HASHING = CapacityLimiter(4)
# alice and mallory registered years ago, when the app hashed with weaker parameters.
legacy = PasswordHash([Argon2Hasher(time_cost=1, memory_cost=8 * 1024)])
USERS = {
    "alice": legacy.hash("correct horse battery staple"),
    "mallory": legacy.hash("mallory's own password"),
}


@dataclass(frozen=True)
class Session:
    username: str
    expires_at: float


SESSIONS: dict[str, Session] = {}  # SHA-256 of the token -> session; never the token


def digest(token: str) -> str:
    # A random 256-bit token cannot be guessed, so a fast hash is enough; a
    # password can, which is why passwords get Argon2.
    return hashlib.sha256(token.encode()).hexdigest()


class FailedLogins:
    """Failed logins per client over a sliding window; remembers at most max_clients."""

    def __init__(self, limit: int, window: float, max_clients: int = 100_000) -> None:
        self.limit, self.window, self.max_clients = limit, window, max_clients
        self._times: dict[str, deque[float]] = {}

    def retry_after(self, client: str) -> int:
        """Seconds until `client` may try again; 0 if it may try now."""
        times = self._times.get(client)
        if not times:
            return 0
        now = time.monotonic()
        while times and times[0] <= now - self.window:
            times.popleft()
        if len(times) < self.limit:
            return 0
        return math.ceil(times[0] + self.window - now)

    def add(self, client: str) -> None:
        times = self._times.pop(client, None) or deque(maxlen=self.limit)
        times.append(time.monotonic())
        self._times[client] = times  # re-inserted last: the dict stays in LRU order
        if len(self._times) > self.max_clients:
            del self._times[next(iter(self._times))]  # forget the stalest client

    def discard_last(self, client: str) -> None:
        if times := self._times.get(client):
            times.pop()


failed_logins = FailedLogins(limit=3, window=60)
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
app = FastAPI()


def authenticate(username: str, password: str) -> str | None:
    stored = USERS.get(username)
    ok, new_hash = password_hash.verify_and_update(password, stored or DUMMY_HASH)
    if not ok or stored is None:
        return None
    if new_hash:  # made with older parameters: store it with today's
        USERS[username] = new_hash
    return username


@app.post("/token")
async def login(
    request: Request,
    response: Response,
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
) -> dict[str, str]:
    client = request.client.host if request.client else "unknown"
    if wait := failed_logins.retry_after(client):
        raise HTTPException(
            429, "Too many failed logins", headers={"Retry-After": str(wait)}
        )
    # Counted before the slow check, so a burst of guesses cannot slip past.
    failed_logins.add(client)
    # Argon2 takes real CPU time: verify in a thread, not on the event loop.
    user = await to_thread.run_sync(
        authenticate, form.username, form.password, limiter=HASHING
    )
    if user is None:
        raise HTTPException(
            401,
            "Incorrect username or password",
            headers={"WWW-Authenticate": "Bearer"},
        )
    failed_logins.discard_last(client)  # it was not a failure after all
    token = secrets.token_urlsafe(32)
    SESSIONS[digest(token)] = Session(user, time.time() + TOKEN_TTL)
    response.headers["Cache-Control"] = "no-store"  # no cache may keep the token
    return {"access_token": token, "token_type": "bearer"}


async def current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> str:
    # Raises instead of returning None: no endpoint can forget to check.
    session = SESSIONS.get(digest(token))
    if session is None or session.expires_at < time.time():
        raise HTTPException(
            401, "Invalid or expired token", headers={"WWW-Authenticate": "Bearer"}
        )
    return session.username


@app.get("/me")
async def me(user: Annotated[str, Depends(current_user)]) -> dict[str, str]:
    return {"username": user}


def client_at(ip: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(ip, 50000))
    return httpx.AsyncClient(transport=transport, base_url="http://api.test")


async def main() -> None:
    # An attacker fires ten guesses at once; only three are checked.
    async with client_at("203.0.113.7") as attacker:
        guesses = [{"username": "alice", "password": f"guess{i}"} for i in range(10)]
        answers = await asyncio.gather(
            *(attacker.post("/token", data=guess) for guess in guesses)
        )
    # 401: the guess was checked and wrong; 429: refused before any check.
    print(Counter(response.status_code for response in answers))
    #> Counter({429: 7, 401: 3})
    print("Retry-After:", answers[-1].headers.get("Retry-After"))
    #> Retry-After: 60

    # mallory guesses at alice, logs into her own account between guesses, guesses on.
    async with client_at("192.0.2.44") as mallory:
        tries = [
            ("alice", "guess"),
            ("alice", "guess"),
            ("mallory", "mallory's own password"),
        ]
        statuses = []
        for username, password in tries + [("alice", "guess")] * 2:
            form = {"username": username, "password": password}
            statuses.append((await mallory.post("/token", data=form)).status_code)
    # Her own login did not count as a failure, nor did it wipe out the two before it.
    print("mallory:", statuses)
    #> mallory: [401, 401, 200, 401, 429]

    async with client_at("198.51.100.2") as client:  # alice, from her own address
        form = {"username": "alice", "password": "correct horse battery staple"}
        print("alice's hash:", USERS["alice"].split("$")[3])
        #> alice's hash: m=8192,t=1,p=4
        response = await client.post("/token", data=form)
        print("alice logs in:", response.status_code, response.headers["Cache-Control"])
        #> alice logs in: 200 no-store
        # Rehashed on login with today's parameters, while the password was at hand.
        print("alice's hash:", USERS["alice"].split("$")[3])
        #> alice's hash: m=65536,t=3,p=4
        token = response.json()["access_token"]
        response = await client.get("/me", headers={"Authorization": f"Bearer {token}"})
        print(response.json())
        #> {'username': 'alice'}
        response = await client.get("/me")
        print(response.status_code, response.headers["WWW-Authenticate"])
        #> 401 Bearer
        # What a leaked sessions table holds does not work as a token.
        leaked = next(iter(SESSIONS))
        response = await client.get(
            "/me", headers={"Authorization": f"Bearer {leaked}"}
        )
        print("token from a leaked table:", response.status_code)
        #> token from a leaked table: 401


asyncio.run(main())
