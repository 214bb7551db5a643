"""The network as a company runs it: which proxy a URL goes through, which CAs are trusted, and
which addresses a server may send driftwatch to. One home, so MCP servers, OAuth and alerts agree.

- Proxies (`proxy_for`): `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` (lower case wins, as in curl)
  and `NO_PROXY` (`*`; host names, each also matching its subdomains, with or without a leading
  `.` or `*.`; IP addresses and CIDR blocks, v4 and v6; an optional `:port`). Decided here per
  destination, because a client given its own transport (collect/client.py) no longer reads them.
- Trust (`tls_context`): the `ca_bundle` setting (a PEM file, or an OpenSSL hashed directory)
  wins; else `SSL_CERT_FILE` / `SSL_CERT_DIR`; else the system's store. One context per scan cycle.
- The SSRF guard's words (`refusal`, `Allowance`): an address a server names is refused when it is
  loopback, link-local (cloud metadata), private, shared (CGNAT), unspecified, multicast or
  otherwise not global, IPv4-mapped and NAT64 forms included, unless the `ssrf_allow` setting
  allows it. The guard itself (resolve once, check, pin, each hop) is collect/guard.py.
"""

from __future__ import annotations

import ipaddress
import re
import ssl
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

CLOUD_METADATA = frozenset({ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")})
"""The instance metadata services of AWS, GCP, Azure (IPv4) and AWS (IPv6): named as such."""
SHARED = ipaddress.ip_network("100.64.0.0/10")
"""RFC 6598 shared address space (carrier-grade NAT): not global, and Python calls it neither
private nor reserved."""
PRIVATE = tuple(
    ipaddress.ip_network(block) for block in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")
)
NAT64 = ipaddress.ip_network("64:ff9b::/96")
"""RFC 6052's well-known prefix: the IPv4 address in its last 32 bits is the one reached."""
_HOST_NAME = re.compile(r"(?:\*\.)?[a-z0-9_](?:[a-z0-9_.-]{0,251}[a-z0-9_])?", re.IGNORECASE)


def proxy_for(url: str, proxies: Mapping[str, str] | None = None) -> str | None:
    """The proxy `url` goes through (`http://proxy:3128`), or None to connect directly. Read from
    the environment at each call (urllib's reading: lower case wins, as in curl), unless given
    `proxies`, the environment's as `environment_proxies` read them (a scan cycle reads them once:
    reading them walks the whole environment, ~0.1 ms per server of a fleet)."""
    parts = urlsplit(url)
    if proxies is None:
        proxies = environment_proxies()
    proxy = proxies.get(parts.scheme) or proxies.get("all")
    if not proxy or parts.hostname is None or bypassed(parts.hostname, parts.port, proxies.get("no", "")):
        return None
    return proxy if "://" in proxy else f"http://{proxy}"


def environment_proxies() -> dict[str, str]:
    """The proxy variables of the environment now, by scheme (`https`, `all`, `no`...)."""
    return urllib.request.getproxies_environment()


def bypassed(host: str, port: int | None, no_proxy: str) -> bool:
    """Whether `NO_PROXY` sends `host` (and `port`) direct."""
    host = host.strip("[]").lower().rstrip(".")
    address = _address(host)
    for raw in re.split(r"[\s,]+", no_proxy.strip()):
        entry = raw.lower()
        if not entry:
            continue
        if entry == "*":
            return True
        name, wanted = _split_port(entry)
        if wanted is not None and wanted != port:
            continue
        if address is not None:
            network = _network(name)
            if network is not None and address in network:
                return True
            continue
        name = name.removeprefix("*").lstrip(".").rstrip(".")
        if name and (host == name or host.endswith(f".{name}")):
            return True
    return False


def _split_port(entry: str) -> tuple[str, int | None]:
    """`host:port`, `[v6]:port`, `v6`, `v6/len`, `host` -> the name and the port (None: any)."""
    if entry.startswith("["):
        name, _, rest = entry[1:].partition("]")
        return name, int(rest[1:]) if rest.startswith(":") and rest[1:].isdigit() else None
    if entry.count(":") == 1:
        name, _, port = entry.partition(":")
        return name, int(port) if port.isdigit() else None
    return entry, None


def _address(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _network(text: str) -> IPNetwork | None:
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        return None


def tls_context(ca_bundle: Path | None) -> ssl.SSLContext:
    """The context every HTTPS connection of a scan cycle (and the alert channels) verifies with:
    `ca_bundle` when set (replacing the system's CAs, as `SSL_CERT_FILE` does), else
    `SSL_CERT_FILE` / `SSL_CERT_DIR`, else the system's store (httpx2's default)."""
    if ca_bundle is not None:
        path = ca_bundle.expanduser()
        if path.is_dir():
            return ssl.create_default_context(capath=str(path))
        return ssl.create_default_context(cafile=str(path))
    import httpx2  # (the SDK's httpx, which reads SSL_CERT_FILE and SSL_CERT_DIR)

    return httpx2.create_ssl_context()


def embedded(address: IPAddress) -> IPAddress:
    """The IPv4 address an IPv6 one stands for (IPv4-mapped, NAT64, 6to4), else itself."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address in NAT64:
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if address.sixtofour is not None:
            return address.sixtofour
    return address


def refusal(address: IPAddress) -> str | None:
    """Why a server may not send driftwatch to `address` ("link-local address (cloud metadata)"),
    or None for a global unicast address."""
    metadata = " (cloud metadata)" if address in CLOUD_METADATA else ""
    inner = embedded(address)
    if inner != address:
        why = refusal(inner)
        return f"{why}, IPv6-embedded" if why else None
    kinds = (
        (address.is_unspecified, "unspecified address"),
        (address.is_loopback, "loopback address"),
        (address.is_link_local, "link-local address"),
        (address in SHARED, "shared (CGNAT) address"),
        (address.is_multicast, "multicast address"),
        (_rfc1918(address), "private address"),
    )
    for hit, kind in kinds:
        if hit:
            return kind + metadata
    if address.is_reserved or address.is_private or not address.is_global:
        return "reserved address"
    return None


def _rfc1918(address: IPAddress) -> bool:
    """The private ranges proper: 10/8, 172.16/12, 192.168/16, and unique local fc00::/7."""
    return any(address in network for network in PRIVATE)


def check_allow_entry(entry: str) -> str:
    """One `ssrf_allow` entry as the setting keeps it: an IP address, a CIDR block or a host name."""
    text = entry.strip()
    if _network(text) is None and not _HOST_NAME.fullmatch(text):
        raise ValueError(f"{entry!r} is neither an IP address, a CIDR block nor a host name")
    return text


@dataclass(frozen=True)
class Allowance:
    """What the operator allows a server to send driftwatch to (`ssrf_allow`): addresses in the
    networks listed, and the host names listed (`*.corp.example` for its subdomains), whatever
    they resolve to."""

    networks: tuple[IPNetwork, ...] = ()
    names: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> Allowance:
        networks, names = [], set()
        for entry in entries:
            network = _network(entry.strip())
            if network is not None:
                networks.append(network)
            else:
                names.add(entry.strip().lower().rstrip("."))
        return cls(tuple(networks), frozenset(names))

    def allows(self, host: str, address: IPAddress) -> bool:
        """Whether `address`, reached as `host`, is allowed whatever its class."""
        if any(address in network or embedded(address) in network for network in self.networks):
            return True
        host = host.lower().rstrip(".")
        return host in self.names or any(
            name.startswith("*.") and host.endswith(name[1:]) for name in self.names
        )
