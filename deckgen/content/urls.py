"""Web addresses that are safe to put into any output.

A URL from content is parsed and rebuilt: only ``https``, ``http`` and
``mailto`` are kept, a web address needs a host, and every character that
could end an attribute or start markup (``"``, ``'``, ``<``, ``>``, spaces,
control characters, backslashes) is percent-encoded. Writers still escape the
result as an attribute; this only guarantees what the address *means*.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit, urlunsplit

SCHEMES = ("https", "http", "mailto")

# Characters left as they are in each part; everything else is %-encoded.
# '%' stays so that an address already encoded is not encoded twice.
_PATH_SAFE = "/%:@!$&()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"
_HOST_SAFE = "-._~:[]@%!$&()*+,;="


def safe_url(url: str) -> str | None:
    """Return ``url`` rebuilt with only safe characters, or None when it is not allowed."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    if not text or any(ord(c) < 0x20 or ord(c) == 0x7F for c in text):
        return None
    try:
        parts = urlsplit(text)
        if parts.scheme.lower() in ("http", "https"):
            parts.port   # raises ValueError on a port that is not a number
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        return None
    if scheme == "mailto":
        if parts.netloc or not parts.path.strip():
            return None
        path = quote(parts.path, safe="@.+-_~%!$&*=,;")
        query = quote(parts.query, safe=_QUERY_SAFE)
        return urlunsplit(("mailto", "", path, query, ""))
    host = parts.netloc
    if not host or not parts.hostname or "\\" in host:
        return None
    if not host.isascii():
        try:   # an international domain name becomes its ASCII (punycode) form
            name = parts.hostname.encode("idna").decode("ascii")
        except UnicodeError:
            return None
        host = name + (f":{parts.port}" if parts.port is not None else "")
        if parts.username is not None:
            return None     # user:password@ with a non-ASCII host: not worth guessing
    netloc = quote(host, safe=_HOST_SAFE)
    path = quote(parts.path, safe=_PATH_SAFE)
    query = quote(parts.query, safe=_QUERY_SAFE)
    fragment = quote(parts.fragment, safe=_QUERY_SAFE)
    return urlunsplit((scheme, netloc, path, query, fragment))


def attribute(url: str) -> str:
    """Return ``url`` (already made safe) escaped for a double-quoted markup attribute."""
    return (url.replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#39;")
               .replace("<", "&lt;").replace(">", "&gt;"))
