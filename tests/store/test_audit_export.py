"""Audit exports (issue 18 item 1): `audit export` writes canonical JSON lines and a head signed with
the operator's Ed25519 key; `audit verify --file --public-key` checks them with no database, and
any one-byte edit of the file (an entry, the head, the signature, the key) fails."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from typer.testing import CliRunner

from driftwatch import audit
from driftwatch.cli import app
from driftwatch.cli.app import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from driftwatch.settings import Settings
from driftwatch.store import Store
from driftwatch.store import audit as rows
from driftwatch.store.models import AuditEntry
from tests.store.test_audit import NOW, history

runner = CliRunner()


def keys(directory: Path) -> tuple[Path, Path, bytes]:
    """A fresh Ed25519 key pair as PEM files (private, public) and the raw public key."""
    key = Ed25519PrivateKey.generate()
    private, public = directory / "audit.pem", directory / "audit.pub.pem"
    private.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    public.write_bytes(key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo))
    return private, public, key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def export(database_url: str, out: Path, private: Path | None, *args: str) -> None:
    env = {"DRIFTWATCH_DATABASE_URL": database_url}
    if private is not None:
        env["DRIFTWATCH_AUDIT_SIGNING_KEY"] = str(private)
    result = runner.invoke(app, ["audit", "export", "--output", str(out), *args], env=env)
    assert result.exit_code == EXIT_OK, result.output


def verify_file(path: Path, public: Path | None = None) -> tuple[int, dict[str, object]]:
    args = ["audit", "verify", "--format", "json", "--file", str(path)]
    result = runner.invoke(app, [*args, "--public-key", str(public)] if public else args)
    return result.exit_code, json.loads(result.stdout)


@pytest.fixture
def signed(settings: Settings, store: Store, database_url: str, tmp_path: Path) -> tuple[Path, Path, bytes]:
    """A signed export of the whole record (11 entries), its public key file, its raw key."""
    history(settings, store)
    private, public, raw = keys(tmp_path)
    out = tmp_path / "audit.jsonl"
    export(database_url, out, private)
    return out, public, raw


def test_a_signed_export_verifies_with_the_public_key_alone(
    signed: tuple[Path, Path, bytes], store: Store
) -> None:
    out, public, _ = signed
    store.close()  # no database from here on
    code, shown = verify_file(out, public)
    assert code == EXIT_OK, shown
    assert shown["ok"] is True and shown["signed"] is True and shown["entries"] == 11
    lines = out.read_text().splitlines()
    assert len(lines) == 12 and json.loads(lines[-1])["head"]["seq"] == 11
    assert "sensitive-file-access" in lines[7]  # the entries are readable JSON (jq), not opaque


def test_every_one_byte_edit_of_a_signed_export_fails(signed: tuple[Path, Path, bytes]) -> None:
    """Each byte flipped in turn (its lowest bit, and a letter's case bit: `\\u00E9` would parse as
    `\\u00e9`): entries, the head, the signature, the public key, the newlines; none verifies."""
    out, _, raw = signed
    data = out.read_bytes()
    assert audit.verify_export(data, raw).ok
    passed = []
    for position in range(len(data)):
        for bit in (0x01, 0x20) if chr(data[position]).isalpha() else (0x01,):
            edited = bytearray(data)
            edited[position] ^= bit
            if audit.verify_export(bytes(edited), raw).ok:
                passed.append((position, bit))
    assert passed == []


@pytest.mark.parametrize("where", ["entry", "head", "signature"])
def test_a_one_byte_edit_fails_from_the_command_line(signed: tuple[Path, Path, bytes], where: str) -> None:
    out, public, _ = signed
    data = out.read_bytes()
    lines = data.split(b"\n")
    marker = {"entry": b'"actor":"a', "head": b'"head":{"at":"20', "signature": b'"signature":"'}[where]
    line = next(i for i, text in enumerate(lines) if marker in text)  # (the head: the last line)
    at = sum(len(one) + 1 for one in lines[:line]) + lines[line].index(marker) + len(marker)
    edited = bytearray(data)
    edited[at] ^= 0x01
    out.write_bytes(bytes(edited))
    code, shown = verify_file(out, public)
    assert code == EXIT_FINDINGS and shown["ok"] is False
    if where == "entry":
        assert shown["first_bad"] == 2 and "content does not match its hash" in str(shown["problem"])
    elif where == "head":
        assert "signature does not verify" in str(shown["problem"])


def test_another_key_or_no_signature_fails(
    signed: tuple[Path, Path, bytes], settings: Settings, database_url: str, tmp_path: Path
) -> None:
    out, _, _ = signed
    (tmp_path / "other").mkdir()
    _, stranger, _ = keys(tmp_path / "other")
    code, shown = verify_file(out, stranger)
    assert code == EXIT_FINDINGS and "signed with another key" in str(shown["problem"])
    unsigned = tmp_path / "unsigned.jsonl"
    export(database_url, unsigned, None)
    assert verify_file(unsigned)[0] == EXIT_OK  # the chain alone verifies
    code, shown = verify_file(unsigned, signed[1])
    assert code == EXIT_FINDINGS and shown["problem"] == "the export is not signed"


def test_a_since_export_starts_mid_chain_and_cannot_lose_its_first_lines(
    settings: Settings, store: Store, tmp_path: Path
) -> None:
    """Scans date their entries by the clock, the rest of `history` at NOW (later): an export since
    NOW starts at entry 2, anchored on entry 1's hash, which it does not hold."""
    history(settings, store)
    key = Ed25519PrivateKey.generate()
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    lines = store.read(audit.export, NOW, NOW, key)
    assert json.loads(lines[0])["entry"]["seq"] == 2 and json.loads(lines[-1])["head"]["first"] == 2
    whole = audit.verify_export(("\n".join(lines) + "\n").encode(), raw)
    assert whole.ok and whole.entries == len(lines) - 1
    shortened = audit.verify_export(("\n".join(lines[2:]) + "\n").encode(), raw)
    assert not shortened.ok and "starts at entry 2, not 4" in str(shortened.problem)
    gap = audit.verify_export(("\n".join(lines[:3] + lines[4:]) + "\n").encode(), raw)
    assert not gap.ok and gap.first_bad == 5 and "entry 5 is missing" in str(gap.problem)
    nothing = store.read(audit.export, NOW + timedelta(days=1), NOW, key)
    assert len(nothing) == 1 and audit.verify_export((nothing[0] + "\n").encode(), raw).ok


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    key = tmp_path / "key.pem"
    key.write_text("not a key")
    assert runner.invoke(app, ["audit", "verify", "--public-key", str(key)]).exit_code == EXIT_USAGE
    out = tmp_path / "x.jsonl"
    out.write_text("{}\n")
    result = runner.invoke(app, ["audit", "verify", "--file", str(out), "--public-key", str(key)])
    assert result.exit_code == EXIT_USAGE and "not a PEM public key" in result.output
    result = runner.invoke(
        app, ["audit", "export", "--since", "90"], env={"DRIFTWATCH_AUDIT_SIGNING_KEY": str(key)}
    )
    assert result.exit_code == EXIT_USAGE


def test_a_signing_key_that_is_not_ed25519_is_a_configuration_error(
    store: Store, database_url: str, tmp_path: Path
) -> None:
    key = tmp_path / "key.pem"
    key.write_text("-----BEGIN PRIVATE KEY-----\nTUlJQ1hBSUJBQUtCZ1FD\n-----END PRIVATE KEY-----\n")
    env = {"DRIFTWATCH_DATABASE_URL": database_url, "DRIFTWATCH_AUDIT_SIGNING_KEY": str(key)}
    result = runner.invoke(app, ["audit", "export"], env=env)
    assert result.exit_code == EXIT_USAGE and "audit_signing_key" in result.output
    assert "TUlJ" not in result.output  # the key file is never quoted


def test_a_since_export_starts_at_the_first_entry_by_seq_whatever_the_clocks_said(store: Store) -> None:
    """Replicas' clocks may disagree: entry 2 dated after entry 3. The first entry at or after a
    cutoff is the lowest seq so dated (what the chain is anchored on), not the earliest date."""
    dated = {1: NOW - timedelta(hours=3), 2: NOW + timedelta(minutes=2), 3: NOW + timedelta(minutes=1)}
    with store.transaction() as session:  # entry 3 dated before entry 2
        session.add_all(AuditEntry(seq=n, at=at, kind="k", body="{}", hash="h") for n, at in dated.items())
    assert store.read(rows.first_since, NOW) == 2
    assert store.read(rows.first_since, NOW + timedelta(seconds=90)) == 2
    assert store.read(rows.first_since, NOW + timedelta(hours=1)) is None
