"""Reproducible output: the same inputs give byte-identical files.

Office files are zip archives whose entries carry the time they were
written, and python-pptx embeds a chart's data as an .xlsx (written by
XlsxWriter) that records its creation time. Every zip-based output is
rewritten here with fixed entry times, a fixed entry order and fixed
document dates; embedded workbooks are normalised the same way, recursively.
The date used is ``SOURCE_DATE_EPOCH`` when set, else the content's own
``date`` (else 2000-01-01): never the clock.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path

_ZIP_SUFFIXES = {".pptx", ".docx", ".xlsx", ".zip"}
_DATE_TAG = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def build_time(date: str = "") -> datetime:
    """Return the timestamp outputs carry: SOURCE_DATE_EPOCH, else the content's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).replace(tzinfo=None)
    parts = [int(x) for x in date.split("-")] if date else [2000]
    while len(parts) < 3:
        parts.append(1)
    return datetime(parts[0], parts[1], parts[2])


def _zip_time(when: datetime) -> tuple:
    # zip cannot hold dates before 1980
    when = max(when, datetime(1980, 1, 1))
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def _order(names) -> list[str]:
    # [Content_Types].xml first, as Office writes it; the rest in a fixed order
    return sorted(names, key=lambda n: (n != "[Content_Types].xml", n))


def normalize_zip_bytes(data: bytes, when: datetime) -> bytes:
    """Return a zip archive rewritten with fixed times and order (recursing into zips)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    return zip_entries({name: src.read(name) for name in src.namelist()}, when)


def zip_entries(entries: dict, when: datetime) -> bytes:
    """Return a reproducible zip archive of ``entries`` (name -> bytes).

    The same archive :func:`normalize_zip_bytes` makes of a zip holding them,
    so a writer that has its parts in memory (the pptx writer) is spared
    compressing everything twice.
    """
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in _order(entries):
            body = entries[name]
            if Path(name).suffix.lower() in _ZIP_SUFFIXES and body[:2] == b"PK":
                body = normalize_zip_bytes(body, when)
            elif name.endswith("core.xml"):
                body = _DATE_TAG.sub(rb"\g<1>" + stamp + rb"\g<2>", body)
            info = zipfile.ZipInfo(name, date_time=_zip_time(when))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, body)
    return out.getvalue()


def is_normalized(data: bytes, when: datetime) -> bool:
    """True when ``data`` is a zip :func:`normalize_zip_bytes` would leave as it is.

    Checks the entries' order, times and attributes, the document dates and,
    recursively, the zips inside, without recompressing anything else.
    """
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return False
    infos = src.infolist()
    names = [i.filename for i in infos]
    if names != _order(names) or len(set(names)) != len(names) or src.comment:
        return False
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    for info in infos:
        if (info.date_time != _zip_time(when) or info.compress_type != zipfile.ZIP_DEFLATED
                or info.external_attr != 0o644 << 16 or info.create_system != 0 or info.extra
                or info.comment):
            return False
        if Path(info.filename).suffix.lower() in _ZIP_SUFFIXES or \
                info.filename.endswith("core.xml"):
            body = src.read(info.filename)
            if body[:2] == b"PK" and Path(info.filename).suffix.lower() in _ZIP_SUFFIXES:
                if not is_normalized(body, when):
                    return False
            elif info.filename.endswith("core.xml") and \
                    _DATE_TAG.sub(rb"\g<1>" + stamp + rb"\g<2>", body) != body:
                return False
    return True


def normalize(path: Path, when: datetime) -> None:
    """Make one output file reproducible in place (zip-based formats; others untouched)."""
    if path.suffix.lower() not in _ZIP_SUFFIXES:
        return
    data = path.read_bytes()
    if data[:2] != b"PK" or is_normalized(data, when):
        return
    path.write_bytes(normalize_zip_bytes(data, when))
