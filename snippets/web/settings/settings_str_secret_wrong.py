"""The pitfall: secrets typed as str print in full, and validation errors echo them."""

import tempfile
from contextlib import chdir
from pathlib import Path

from pydantic import ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_", env_file=".env")

    api_key: str  # a plain str: nothing marks it as secret
    db_password: str


with tempfile.TemporaryDirectory() as tmp, chdir(tmp):
    Path(".env").write_text("APP_API_KEY=sk-live-51HxQ\nAPP_DB_PASSWORD=pg-s3cret\n")
    print(
        f"loaded {Settings()!r}"
    )  # a debugging line (or log.info), left in production
    #> loaded Settings(api_key='sk-live-51HxQ', db_password='pg-s3cret')

    # A typo in a name: the error names the unknown variable, and quotes its value.
    Path(".env").write_text("APP_APIKEY=sk-live-51HxQ\nAPP_DB_PASSWORD=pg-s3cret\n")
    try:
        Settings()
    except ValidationError as exc:
        message = str(exc)  # what a logged traceback ends with
        print(message.splitlines()[0])
        #> 2 validation errors for Settings
        print("the secret is in the error:", "sk-live-51HxQ" in message)
        #> the secret is in the error: True
