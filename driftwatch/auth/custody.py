"""Encryption of stored OAuth secrets with the operator's key (`DRIFTWATCH_SECRET_KEY`).

Fernet (AES-128-CBC with HMAC-SHA256, from `cryptography`) authenticates as well as encrypts, so
a wrong key is detected rather than decrypting to garbage. Several comma-separated keys rotate:
every key can decrypt, the first encrypts (MultiFernet).
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from driftwatch import redact
from driftwatch.errors import ConfigError, CustodyError
from driftwatch.settings import Settings


class Vault:
    """Encrypts and decrypts with the configured key(s)."""

    def __init__(self, keys: list[str]) -> None:
        self.rotating = len(keys) > 1
        """Whether old keys are given too: what they sealed should be resealed with the first."""
        try:
            self._fernet = MultiFernet([Fernet(key.encode()) for key in keys])
        except ValueError as exc:
            raise ConfigError(
                "DRIFTWATCH_SECRET_KEY must be Fernet keys (32 url-safe base64-encoded bytes each, "
                "comma-separated to rotate): `driftwatch auth new-key` prints one"
            ) from exc

    @classmethod
    def from_settings(cls, settings: Settings) -> Vault:
        if settings.secret_key is None:
            raise CustodyError(
                "OAuth tokens are stored encrypted and DRIFTWATCH_SECRET_KEY is not set: "
                "`driftwatch auth new-key` prints a key to put in it"
            )
        keys = [key.strip() for key in settings.secret_key.get_secret_value().split(",") if key.strip()]
        for key in keys:
            redact.register(key, credential=True)
        return cls(keys)

    def encrypt(self, plain: str) -> str:
        return self._fernet.encrypt(plain.encode()).decode()

    def decrypt(self, token: str, *, what: str) -> str:
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken:
            raise self._unreadable(what) from None

    def reseal(self, token: str, *, what: str) -> str:
        """`token` encrypted with the first key, whichever key sealed it."""
        try:
            return self._fernet.rotate(token.encode()).decode()
        except InvalidToken:
            raise self._unreadable(what) from None

    @staticmethod
    def _unreadable(what: str) -> CustodyError:
        return CustodyError(
            f"{what} was encrypted with a different DRIFTWATCH_SECRET_KEY: put the old key after "
            "the new one (`NEW,OLD`) or log in again"
        )


def new_key() -> str:
    return Fernet.generate_key().decode()
