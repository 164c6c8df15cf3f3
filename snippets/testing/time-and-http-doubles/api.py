"""A users-API client: a cached OAuth token, retries on timeouts, its timeout from the environment."""

import os
import time
from time import sleep
from typing import Any

import httpx

ATTEMPTS = 3


def timeout() -> float:
    # Read at call time, not at import: a changed variable (or monkeypatch.setenv) applies.
    return float(os.environ.get("USERS_TIMEOUT", "5"))


class UsersAPI:
    def __init__(self, client: httpx.Client, credentials: httpx.Auth) -> None:
        # The caller sets base_url on the client. The credentials go on the token
        # request only: auth= on the client would replace every request's Bearer header.
        self.client = client
        self._credentials = credentials
        self._token = ""
        self._expires_at = 0.0  # wall-clock time, like the server's own expiry

    def token(self) -> str:
        if time.time() >= self._expires_at:
            response = self.client.post(
                "/oauth/token",
                data={"grant_type": "client_credentials"},
                auth=self._credentials,
                timeout=timeout(),
            )
            response.raise_for_status()
            body = response.json()
            self._token = body["access_token"]
            # Refresh 30 s before the server's expiry.
            self._expires_at = time.time() + body["expires_in"] - 30
        return self._token

    def user(self, user_id: int) -> dict[str, Any]:
        attempt = 1
        while True:
            try:
                response = self.client.get(
                    f"/users/{user_id}",
                    headers={"Authorization": f"Bearer {self.token()}"},
                    timeout=timeout(),
                )
            except httpx.TimeoutException:
                if attempt == ATTEMPTS:
                    raise
                sleep(0.1 * 2 ** (attempt - 1))  # back off: 0.1 s, then 0.2 s
                attempt += 1
            else:
                response.raise_for_status()
                user: dict[str, Any] = response.json()
                return user
