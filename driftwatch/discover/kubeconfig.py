"""Where the Kubernetes API is and how to authenticate to it, without the `kubernetes` package.

The place is looked for in the order controller-runtime uses (`discover --kubeconfig`, then
`KUBECONFIG`, then the in-cluster service account, then `~/.kube/config`):

- in a pod, `KUBERNETES_SERVICE_HOST`/`KUBERNETES_SERVICE_PORT` name the API server and the
  service-account directory holds `token`, `ca.crt` and `namespace`;
- a kubeconfig (YAML; of a `KUBECONFIG` list, the first file that exists: lists are not merged)
  names, for its current context (or the one asked for), the cluster's `server` and
  `certificate-authority(-data)`, and the user's `token`/`tokenFile` or
  `client-certificate(-data)` + `client-key(-data)`. Relative file paths are relative to the
  kubeconfig's directory, as kubectl reads them.

An `exec` plugin or an `auth-provider` would mean running a program the kubeconfig names (cloud
CLIs): out of scope, a one-line `KubeUnavailable`, as is anything missing or malformed. The
bearer token is registered with `driftwatch.redact` the moment it is read, so no message, log
line or report can carry it.
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from driftwatch import redact
from driftwatch.errors import ConfigError
from driftwatch.files import UnreadableFile, read_regular
from driftwatch.settings import load_yaml

SERVICE_ACCOUNT = Path("/var/run/secrets/kubernetes.io/serviceaccount")
Mode = Literal["off", "auto", "on"]
MAX_FILE = 4 * 1024 * 1024
"""A kubeconfig, token or certificate larger than this is refused."""


@dataclass(frozen=True)
class KubeOptions:
    """Whether and where to look: `off`; `auto`, when a kubeconfig or service account is there;
    `on`, where finding none is a problem."""

    mode: Mode = "auto"
    kubeconfig: Path | None = None
    context: str | None = None
    namespaces: tuple[str, ...] = ()
    """Empty: every namespace (cluster-wide lists)."""
    env: Mapping[str, str] | None = field(default=None, repr=False)
    service_account: Path = SERVICE_ACCOUNT
    home: Path | None = None


class KubeUnavailable(ConfigError):
    """No usable Kubernetes API configuration: why, in one line that quotes no secret."""


@dataclass(frozen=True)
class Cluster:
    """One API server and the credentials to call it."""

    name: str
    """The kubeconfig's cluster name, or `in-cluster`: how reports name where a server was found."""
    server: str
    ca_pem: str | None = None
    """Trusted CA certificates (PEM); None: the system's trust store."""
    insecure: bool = False
    """`insecure-skip-tls-verify: true` in the kubeconfig (kubectl honours it; so does this)."""
    token: str | None = field(default=None, repr=False)
    client_cert_pem: str | None = field(default=None, repr=False)
    client_key_pem: str | None = field(default=None, repr=False)


def locate(options: KubeOptions) -> Cluster | None:
    """The cluster to ask (see the module doc); None when nothing says there is one."""
    env = os.environ if options.env is None else options.env
    context, service_account = options.context, options.service_account
    if options.kubeconfig is not None:
        return from_kubeconfig(options.kubeconfig, context)
    listed = [Path(p).expanduser() for p in env.get("KUBECONFIG", "").split(os.pathsep) if p]
    if listed:
        present = [p for p in listed if p.exists()]
        if present:
            return from_kubeconfig(present[0], context)
    if env.get("KUBERNETES_SERVICE_HOST") and (service_account / "token").exists():
        return in_cluster(env, service_account)
    default = (options.home or Path.home()) / ".kube" / "config"
    if default.exists():
        return from_kubeconfig(default, context)
    return None


def in_cluster(env: Mapping[str, str], directory: Path = SERVICE_ACCOUNT) -> Cluster:
    """The API server of the pod this runs in, with its service account's token."""
    host, port = env.get("KUBERNETES_SERVICE_HOST", ""), env.get("KUBERNETES_SERVICE_PORT", "443")
    if not host or not port.isdigit():
        raise KubeUnavailable("KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT are not set")
    token = _secret(_text(directory / "token", "service-account token").strip())
    ca = directory / "ca.crt"
    server = f"https://[{host}]:{port}" if ":" in host else f"https://{host}:{port}"
    authority = _text(ca, "service-account ca.crt") if ca.exists() else None
    return Cluster("in-cluster", server, authority, token=token)


def from_kubeconfig(path: Path, context: str | None = None) -> Cluster:
    """The cluster and user of `context` (default: the current one) of the kubeconfig at `path`."""
    try:
        document = load_yaml(_text(path, "kubeconfig"))
    except (yaml.YAMLError, RecursionError):
        raise KubeUnavailable(f"kubeconfig {path}: not valid YAML") from None
    if not isinstance(document, dict):
        raise KubeUnavailable(f"kubeconfig {path}: expected a mapping at the top")
    chosen = context or document.get("current-context")
    if not isinstance(chosen, str) or not chosen:
        raise KubeUnavailable(f"kubeconfig {path}: no current-context (give one with --context)")
    ctx = _named(document, "contexts", "context", chosen, path)
    cluster_name, user_name = ctx.get("cluster"), ctx.get("user")
    if not isinstance(cluster_name, str):
        raise KubeUnavailable(f"kubeconfig {path}: context {_short(chosen)!r} names no cluster")
    cluster = _named(document, "clusters", "cluster", cluster_name, path)
    user = _named(document, "users", "user", user_name, path) if isinstance(user_name, str) else {}
    server = cluster.get("server")
    if not isinstance(server, str) or not server.startswith(("https://", "http://")):
        raise KubeUnavailable(f"kubeconfig {path}: cluster {_short(cluster_name)!r} has no http(s) server")
    base = path.parent
    return Cluster(
        name=cluster_name,
        server=server.rstrip("/"),
        ca_pem=_material(cluster, "certificate-authority", base, path),
        insecure=cluster.get("insecure-skip-tls-verify") is True,
        token=_token(user, base, path),
        client_cert_pem=_material(user, "client-certificate", base, path),
        client_key_pem=_material(user, "client-key", base, path),
    )


def _named(document: dict[str, Any], key: str, inner: str, name: str, path: Path) -> dict[str, Any]:
    """`contexts[name=…].context` and the like."""
    entries = document.get(key)
    for item in entries if isinstance(entries, list) else []:
        if isinstance(item, dict) and item.get("name") == name:
            value = item.get(inner)
            if isinstance(value, dict):
                return value
            break
    raise KubeUnavailable(f"kubeconfig {path}: no {inner} named {_short(name)!r}")


def _token(user: dict[str, Any], base: Path, path: Path) -> str | None:
    for plugin in ("exec", "auth-provider"):
        if plugin in user:
            raise KubeUnavailable(
                f"kubeconfig {path}: the user authenticates with an `{plugin}` plugin, which "
                "driftwatch does not run; give it a token or a client certificate"
            )
    token = user.get("token")
    if isinstance(token, str) and token:
        return _secret(token)
    token_file = user.get("tokenFile")
    if isinstance(token_file, str) and token_file:
        return _secret(_text(base / Path(token_file).expanduser(), "tokenFile").strip())
    return None


def _material(section: dict[str, Any], key: str, base: Path, path: Path) -> str | None:
    """PEM text from `key-data` (base64) or from the file `key` names."""
    data = section.get(f"{key}-data")
    if isinstance(data, str) and data:
        try:
            return base64.b64decode(data, validate=True).decode("ascii")
        except (binascii.Error, ValueError):
            raise KubeUnavailable(f"kubeconfig {path}: `{key}-data` is not base64 of a PEM text") from None
    named = section.get(key)
    if isinstance(named, str) and named:
        return _text(base / Path(named).expanduser(), key)
    return None


def _text(path: Path, what: str) -> str:
    try:
        return read_regular(path, MAX_FILE).decode("utf-8-sig")
    except UnreadableFile as exc:
        raise KubeUnavailable(f"{what} {path}: {exc}") from None
    except UnicodeDecodeError:
        raise KubeUnavailable(f"{what} {path}: not UTF-8 text") from None


def _secret(token: str) -> str:
    if not token:
        raise KubeUnavailable("the bearer token is empty")
    redact.register(token, name="kubernetes-token", credential=True)
    return token


def _short(text: str) -> str:
    return text if len(text) <= 80 else f"{text[:80]}…"
