"""A real password hasher that counts its work, to show a locked-out attempt hashes nothing."""

from typing import Any, ClassVar

from django.contrib.auth.hashers import MD5PasswordHasher


class CountingHasher(MD5PasswordHasher):
    algorithm = "counting_md5"
    calls: ClassVar[list[str]] = []

    def encode(self, password: str, salt: str) -> str:
        CountingHasher.calls.append("encode")
        return super().encode(password, salt)

    def verify(self, password: str, encoded: str) -> bool:
        CountingHasher.calls.append("verify")
        return super().verify(password, encoded)

    def harden_runtime(self, password: str, encoded: Any) -> None:
        CountingHasher.calls.append("harden")
