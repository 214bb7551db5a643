"""MCP servers that run in a Kubernetes cluster, read through its API: ToolHive `MCPServer`
resources and pods labelled as MCP servers.

No Kubernetes client package: a handful of GETs with httpx, each bounded. A response is read no
further than `MAX_BODY` bytes, every read within `TIMEOUT`, the whole run within `DEADLINE`; lists
are paged (`limit`, `continue`) and stop after `MAX_PAGES` pages. An API that is unreachable,
refuses (401/403), answers garbage or too much is one `Problem` (one line, naming the source,
never quoting the answer or the token) and never stops the other sources of a discovery.

What is read (docs/contract.md, "discover"):

- `toolhive.stacklok.dev` `MCPServer` (its preferred version, `v1alpha1` today): `spec.image` is
  the server's identity (`oci:` as a `docker run IMAGE` registry entry has it) and
  `status.url`, the in-cluster service URL ToolHive's proxy serves, a second identity: a
  registry entry with either one matches. A cluster without ToolHive (404) has none.
- pods labelled `driftwatch.io/mcp-server: "true"` (a label, not an annotation: the API selects
  on labels, so the cluster sends only those pods rather than every pod it runs): the image of
  the container `driftwatch.io/mcp-container` names (default: the first), and the URL annotation
  `driftwatch.io/mcp-url` when set. Replicas of one workload (same namespace, image and URL) are
  one sighting.

Every object is reported as `kubernetes:<cluster>/<namespace>/<kind>/<name>`, the client
`kubernetes`. Names the API returns are checked against Kubernetes' own name syntax; an object
whose name, image or URL does not fit is one problem, the rest are still read.
"""

from __future__ import annotations

import json
import re
import ssl
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx

from driftwatch import netconf, redact
from driftwatch.discover.clients import ServerEntry
from driftwatch.discover.found import Discovery, Found, Problem, register_secrets
from driftwatch.discover.identity import Identity, oci_image, of_url
from driftwatch.discover.kubeconfig import Cluster, KubeOptions, KubeUnavailable, locate
from driftwatch.errors import ConfigError
from driftwatch.settings import Settings

GROUP = "toolhive.stacklok.dev"
SERVER_LABEL = "driftwatch.io/mcp-server"
URL_ANNOTATION = "driftwatch.io/mcp-url"
CONTAINER_ANNOTATION = "driftwatch.io/mcp-container"

PAGE_SIZE = 250
MAX_PAGES = 40
MAX_BODY = 16 * 1024 * 1024
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
MAX_PROBLEMS = 100
"""Problems reported one by one; more are counted in one last line."""
DEADLINE = 60.0
"""Seconds one discovery may spend on the API, all requests together (a slow drip included)."""

_NAME = re.compile(r"^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
_NAMESPACE = re.compile(r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
_REASON = re.compile(r"^[A-Za-z]{1,40}$")
_VERSION = re.compile(r"^v[0-9]+(?:(?:alpha|beta)[0-9]+)?$")


def options(settings: Settings) -> KubeOptions:
    """The `discovery_kubernetes*` settings as options (the CLI's flags replace some)."""
    return KubeOptions(
        mode=settings.discovery_kubernetes,
        kubeconfig=settings.discovery_kubeconfig,
        context=settings.discovery_kubernetes_context,
        namespaces=tuple(settings.discovery_kubernetes_namespaces),
    )


class KubeError(ConfigError):
    """The API could not be read: one line, quoting neither the answer nor the token."""


def discover_kubernetes(options: KubeOptions) -> Discovery:
    """The MCP servers of the cluster `options` point at (see the module doc); never raises for
    anything the cluster or the kubeconfig does."""
    if options.mode == "off":
        return Discovery((), (), ())
    try:
        cluster = locate(options)
    except KubeUnavailable as exc:
        return Discovery((), (), (Problem("kubernetes", str(exc)),))
    if cluster is None:
        if options.mode == "on":
            why = "no kubeconfig (KUBECONFIG, ~/.kube/config) and no in-cluster service account"
            return Discovery((), (), (Problem("kubernetes", why),))
        return Discovery((), (), ())
    source = f"kubernetes:{cluster.name}"
    bad = [n for n in options.namespaces if not _NAMESPACE.match(n)]
    if bad:
        return Discovery((source,), (), (Problem(source, f"not a namespace name: {_short(bad[0])!r}"),))
    found: list[Found] = []
    problems: list[Problem] = []
    try:
        with Api(cluster) as api:
            for read in (_mcpservers, _pods):
                try:
                    read(api, options.namespaces, found, problems)
                except KubeError as exc:
                    problems.append(Problem(source, str(exc)))
    except KubeError as exc:  # the server URL or the TLS material itself
        problems.append(Problem(source, str(exc)))
    if len(problems) > MAX_PROBLEMS:
        more = len(problems) - MAX_PROBLEMS
        problems[MAX_PROBLEMS:] = [Problem(source, f"{more} more objects or lists could not be read")]
    return Discovery((source,), tuple(found), tuple(problems))


# ------------------------------------------------------------------------------------------ API


class Api:
    """Bounded GETs against one cluster (see the module doc)."""

    def __init__(self, cluster: Cluster, *, deadline: float = DEADLINE) -> None:
        self.cluster = cluster
        self.deadline = time.monotonic() + deadline
        headers = {"Accept": "application/json", "Accept-Encoding": "identity", "User-Agent": "driftwatch"}
        if cluster.token:
            headers["Authorization"] = f"Bearer {cluster.token}"
        verify = _tls(cluster)
        try:
            self.client = httpx.Client(
                base_url=cluster.server,
                headers=headers,
                verify=verify,
                timeout=TIMEOUT,
                follow_redirects=False,
                # the proxy as for every other destination (netconf.py: NO_PROXY's CIDR blocks
                # too, which httpx's own reading misses; a cluster's API is often at 10.x)
                proxy=netconf.proxy_for(cluster.server),
                trust_env=False,
            )
        except (httpx.InvalidURL, ValueError):
            raise KubeError("the cluster's server is not a usable URL") from None

    def __enter__(self) -> Api:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.client.close()

    def get(self, path: str, params: Mapping[str, str] | None = None) -> dict[str, Any] | None:
        """The JSON object at `path`; None for 404; KubeError for anything else that is not one."""
        if time.monotonic() > self.deadline:
            raise KubeError(f"GET {path}: gave up after {DEADLINE:.0f} s on the API")
        try:
            with self.client.stream("GET", path, params=params) as response:
                body = self._body(path, response)
        except httpx.HTTPError as exc:
            message = redact.scrub(" ".join(str(exc).split()))[:200] or type(exc).__name__
            raise KubeError(f"GET {path}: {message}") from None
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise KubeError(f"GET {path}: HTTP {response.status_code}{_reason(body)}")
        try:
            document = json.loads(body)
        except (ValueError, RecursionError):
            raise KubeError(f"GET {path}: the answer is not JSON") from None
        if not isinstance(document, dict):
            raise KubeError(f"GET {path}: the answer is not a JSON object")
        return document

    def _body(self, path: str, response: httpx.Response) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_raw():  # identity encoding asked for: no decompression bomb
            size += len(chunk)
            if size > MAX_BODY:
                raise KubeError(f"GET {path}: the answer is larger than {_size(MAX_BODY)}")
            if time.monotonic() > self.deadline:
                raise KubeError(f"GET {path}: gave up after {DEADLINE:.0f} s on the API")
            chunks.append(chunk)
        return b"".join(chunks)

    def items(self, path: str, params: Mapping[str, str] | None = None) -> Iterator[Any]:
        """Every item of a list, page by page; nothing for 404."""
        query = {**(params or {}), "limit": str(PAGE_SIZE)}
        for _ in range(MAX_PAGES):
            page = self.get(path, query)
            if page is None:
                return
            items = page.get("items")
            if not isinstance(items, list):
                raise KubeError(f"GET {path}: the answer is not a list of objects")
            yield from items
            meta = page.get("metadata")
            token = meta.get("continue") if isinstance(meta, dict) else None
            if not isinstance(token, str) or not token:
                return
            if len(token) > 8192:
                raise KubeError(f"GET {path}: a `continue` token longer than 8192 characters")
            query = {**query, "continue": token}
        raise KubeError(f"GET {path}: stopped after {MAX_PAGES} pages of {PAGE_SIZE}")


def _tls(cluster: Cluster) -> ssl.SSLContext:
    """The TLS context: the kubeconfig's CA (or the system's), and its client certificate."""
    context = ssl.create_default_context()
    try:
        if cluster.ca_pem:
            context.load_verify_locations(cadata=cluster.ca_pem)
        if cluster.insecure:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        if cluster.client_cert_pem and cluster.client_key_pem:
            with tempfile.TemporaryDirectory(prefix="driftwatch-kube-") as directory:
                cert, key = Path(directory, "client.crt"), Path(directory, "client.key")
                cert.write_text(cluster.client_cert_pem, encoding="ascii")
                key.touch(mode=0o600)
                key.write_text(cluster.client_key_pem, encoding="ascii")
                context.load_cert_chain(cert, key)  # read now; the files go with the directory
    except (ssl.SSLError, ValueError, OSError) as exc:
        raise KubeError(f"the cluster's certificates cannot be used: {type(exc).__name__}") from None
    return context


def _reason(body: bytes) -> str:
    """` Forbidden` from a Kubernetes `Status` answer (its free-text message is not repeated)."""
    try:
        status = json.loads(body[:65536])
    except (ValueError, RecursionError):
        return ""
    reason = status.get("reason") if isinstance(status, dict) else None
    return f" {reason}" if isinstance(reason, str) and _REASON.match(reason) else ""


def _paths(prefix: str, resource: str, namespaces: tuple[str, ...]) -> list[str]:
    if not namespaces:
        return [f"{prefix}/{resource}"]
    return [f"{prefix}/namespaces/{ns}/{resource}" for ns in namespaces]


# -------------------------------------------------------------------------------------- objects


def _mcpservers(api: Api, namespaces: tuple[str, ...], found: list[Found], problems: list[Problem]) -> None:
    group = api.get(f"/apis/{GROUP}")
    if group is None:
        return  # ToolHive is not installed in this cluster
    preferred = group.get("preferredVersion")
    version = preferred.get("version") if isinstance(preferred, dict) else None
    version = version if isinstance(version, str) and _VERSION.match(version) else "v1alpha1"
    for path in _paths(f"/apis/{GROUP}/{version}", "mcpservers", namespaces):
        for item in api.items(path):
            try:
                found.append(_mcpserver(api.cluster.name, item))
            except ConfigError as exc:
                problems.append(Problem(_where(api.cluster.name, item, "MCPServer"), str(exc)))


def _pods(api: Api, namespaces: tuple[str, ...], found: list[Found], problems: list[Problem]) -> None:
    seen: set[tuple[str, ...]] = set()
    for path in _paths("/api/v1", "pods", namespaces):
        for item in api.items(path, {"labelSelector": f"{SERVER_LABEL}=true"}):
            try:
                namespace, pod = _pod(api.cluster.name, item)
            except ConfigError as exc:
                problems.append(Problem(_where(api.cluster.name, item, "Pod"), str(exc)))
                continue
            key = (namespace, pod.identity.key, *(a.key for a in pod.also))
            if key not in seen:  # the replicas of one workload
                seen.add(key)
                found.append(pod)


def _mcpserver(cluster: str, item: Any) -> Found:
    name, namespace, _ = _meta(item)
    spec = _object(item.get("spec"), "spec")
    image = _image(spec.get("image"), "spec.image")
    status = item.get("status")
    url = _url(status.get("url") if isinstance(status, dict) else None, "status.url")
    return _found(cluster, namespace, "MCPServer", name, image, url)


def _pod(cluster: str, item: Any) -> tuple[str, Found]:
    name, namespace, annotations = _meta(item)
    spec = _object(item.get("spec"), "spec")
    containers = [c for c in spec.get("containers") or [] if isinstance(c, dict)]
    wanted = annotations.get(CONTAINER_ANNOTATION)
    chosen = next((c for c in containers if c.get("name") == wanted), None) if wanted else None
    if chosen is None and containers and not wanted:
        chosen = containers[0]
    if chosen is None:
        raise ConfigError(f"no container {_short(str(wanted))!r}" if wanted else "no containers")
    image = _image(chosen.get("image"), "the container's image")
    url = _url(annotations.get(URL_ANNOTATION), f"annotation {URL_ANNOTATION}")
    return namespace, _found(cluster, namespace, "Pod", name, image, url)


def _found(cluster: str, namespace: str, kind: str, name: str, image: str, url: str | None) -> Found:
    """One object as a found server: its image is its identity, its URL a second one; `--add`
    registers the URL when there is one (what a daemon in the cluster can reach), else the
    image as `docker run` would launch it."""
    if url:
        transport = "sse" if url.split("#")[0].rstrip("/").endswith("/sse") else "streamable_http"
        declared = ServerEntry(name=name, transport=transport, url=url)
        also: tuple[Identity, ...] = (of_url(url),)
    else:
        launch = ("run", "-i", "--rm", image)
        declared = ServerEntry(name=name, transport="stdio", command="docker", args=launch)
        also = ()
    register_secrets(declared)
    source = f"kubernetes:{cluster}/{namespace}/{kind}/{name}"
    return Found(oci_image(image), "kubernetes", source, name, declared, also)


def _meta(item: Any) -> tuple[str, str, dict[str, Any]]:
    meta = _object(_object(item, "object").get("metadata"), "metadata")
    name, namespace = meta.get("name"), meta.get("namespace")
    if not isinstance(name, str) or not _NAME.match(name):
        raise ConfigError("an object without a valid metadata.name")
    if not isinstance(namespace, str) or not _NAMESPACE.match(namespace):
        raise ConfigError("an object without a valid metadata.namespace")
    annotations = meta.get("annotations")
    return name, namespace, annotations if isinstance(annotations, dict) else {}


def _where(cluster: str, item: Any, kind: str) -> str:
    try:
        name, namespace, _ = _meta(item)
    except ConfigError:
        return f"kubernetes:{cluster}"
    return f"kubernetes:{cluster}/{namespace}/{kind}/{name}"


def _object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"`{what}` is not an object")
    return value


def _image(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 1024 or not value.isprintable():
        raise ConfigError(f"{what} is missing or not an image reference")
    return value.strip()


def _url(value: Any, what: str) -> str | None:
    if value is None or value == "":
        return None
    ok = isinstance(value, str) and len(value) <= 2048 and value.isprintable() and " " not in value
    if not ok or not re.match(r"(?i)^https?://[^/]", str(value)):
        raise ConfigError(f"{what} is not an http(s) URL")
    return str(value)


def _size(limit: int) -> str:
    return f"{limit >> 20} MiB" if limit >= 1 << 20 else f"{limit >> 10} KiB"


def _short(text: str) -> str:
    return text if len(text) <= 80 else f"{text[:80]}…"
