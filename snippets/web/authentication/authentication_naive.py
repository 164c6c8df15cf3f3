"""The pitfall: fast unsalted password hashes, plain tokens, an optional user, no limit."""

import asyncio
import hashlib
import secrets
from typing import Annotated

import httpx
from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


USERS = {"alice": sha256("sunshine7"), "bob": sha256("sunshine7")}
TOKENS: dict[str, str] = {}  # token -> username, stored as issued

app = FastAPI()
# auto_error=False: a request without a token gets None instead of a 401.
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token", auto_error=False)


@app.post("/token")
async def login(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
) -> dict[str, str]:
    if USERS.get(form.username) != sha256(form.password):
        raise HTTPException(401, "Incorrect username or password")
    token = secrets.token_urlsafe(32)
    TOKENS[token] = form.username
    return {"access_token": token, "token_type": "bearer"}


async def current_user(
    token: Annotated[str | None, Depends(oauth2_scheme)],
) -> str | None:
    return TOKENS.get(token) if token else None


@app.get("/orders")
async def orders(
    user: Annotated[str | None, Depends(current_user)],
) -> dict[str, object]:
    # Forgotten: `if user is None: raise HTTPException(401)`.
    return {"user": user, "orders": ["#1001", "#1002"]}


# An attacker's word list: common words with a digit appended.
WORDS = [
    w + str(n) for w in ("password", "qwerty", "letmein", "sunshine") for n in range(10)
]


async def main() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://api.test"
    ) as api:
        print("no token:", (await api.get("/orders")).json())
        #> no token: {'user': None, 'orders': ['#1001', '#1002']}

        # Online guessing: every guess is checked, however many come.
        guesses = 0
        for word in WORDS:
            guesses += 1
            response = await api.post(
                "/token", data={"username": "bob", "password": word}
            )
            if response.status_code == 200:
                break
        print(
            f"bob's password found after {guesses} guesses: {response.status_code == 200}"
        )
        #> bob's password found after 38 guesses: True

        # A leaked database: its tokens work as they are...
        leaked = next(iter(TOKENS))
        response = await api.get(
            "/orders", headers={"Authorization": f"Bearer {leaked}"}
        )
        print("token from the leaked table is", response.json()["user"])
        #> token from the leaked table is bob
    # ...and one SHA-256 pass over the word list recovers the passwords offline.
    print("alice's hash is bob's:", USERS["alice"] == USERS["bob"])  # no salt
    #> alice's hash is bob's: True
    cracked = {sha256(word): word for word in WORDS}
    print({user: cracked.get(stored) for user, stored in USERS.items()})
    #> {'alice': 'sunshine7', 'bob': 'sunshine7'}


asyncio.run(main())
