"""The file names inside a ``winmail.dat`` (TNEF, Microsoft's Transport Neutral Encapsulation).

Outlook sending "Rich Text" wraps the attachments of a mail into one ``winmail.dat``. We
do not unpack it (the mission is asked to send again without Rich Text); we only read
the names of the files inside so that the finding can list them. The format (MS-OXTNEF)
is a signature, then attributes ``level u8, id u32, length u32, data, checksum u16``;
an attachment's name is in ``attAttachTitle`` and, long form, in the MAPI property
``PR_ATTACH_LONG_FILENAME`` of ``attAttachment``. Nothing here raises on any bytes, and
the walk is bounded (attributes, properties, names).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from ingest.filenames import clean_filename

SIGNATURE = 0x223E9F78
ATT_ATTACH_REND_DATA = 0x00069002  # starts each attachment
ATT_ATTACH_TITLE = 0x00018010  # its (short) file name, 8-bit text
ATT_ATTACH_DATA = 0x0006800F  # its bytes
ATT_ATTACHMENT = 0x00069005  # its MAPI properties
PR_ATTACH_LONG_FILENAME = 0x3707
PR_DISPLAY_NAME = 0x3001

_MAX_ATTRIBUTES = 10_000
_MAX_PROPERTIES = 2_000
_FIXED_SIZES = {
    0x0001: 4,  # PT_NULL
    0x0002: 4,  # PT_I2 (padded)
    0x0003: 4,  # PT_LONG
    0x0004: 4,  # PT_R4
    0x0005: 8,  # PT_DOUBLE
    0x0006: 8,  # PT_CURRENCY
    0x0007: 8,  # PT_APPTIME
    0x000A: 4,  # PT_ERROR
    0x000B: 4,  # PT_BOOLEAN (padded)
    0x0014: 8,  # PT_I8
    0x0040: 8,  # PT_SYSTIME
    0x0048: 16,  # PT_CLSID
}
_VARIABLE = {0x000D, 0x001E, 0x001F, 0x0102}  # object, string8, unicode, binary
_MULTI = 0x1000


class _Cut(Exception):
    """The data ends inside a structure (caught here, never leaves the module)."""


@dataclass
class TnefListing:
    names: list[str] = field(default_factory=list)  # display-safe, one per attachment
    attachments: int = 0
    complete: bool = True
    problem: str | None = None


def is_tnef(data: bytes) -> bool:
    return len(data) >= 6 and struct.unpack_from("<I", data)[0] == SIGNATURE


def list_tnef(data: bytes, max_entries: int) -> TnefListing:
    """The names of at most ``max_entries`` files inside a winmail.dat."""
    listing = TnefListing()
    if not is_tnef(data):
        listing.complete = False
        listing.problem = "not a TNEF file (no winmail.dat signature)"
        return listing
    titles: list[str] = []  # one slot per attachment: the best name seen
    position = 6
    for _ in range(_MAX_ATTRIBUTES):
        if position + 9 > len(data):
            break
        _level, attribute, length = struct.unpack_from("<BII", data, position)
        start = position + 9
        end = start + length
        if end + 2 > len(data):
            listing.complete = False
            listing.problem = "the winmail.dat is cut off"
            break
        value = data[start:end]
        if attribute == ATT_ATTACH_REND_DATA:
            listing.attachments += 1
            titles.append("")
        elif attribute == ATT_ATTACH_TITLE and titles and not titles[-1]:
            titles[-1] = value.split(b"\x00", 1)[0].decode("cp1252", "replace")
        elif attribute == ATT_ATTACHMENT and titles:
            long_name = _long_filename(value)
            if long_name:
                titles[-1] = long_name
        position = end + 2
        if listing.attachments > max_entries:
            listing.complete = False
            listing.problem = f"more than {max_entries} files inside; the rest were not read"
            break
    else:
        listing.complete = False
        listing.problem = f"more than {_MAX_ATTRIBUTES} TNEF attributes; the rest were not read"
    listing.names = [clean_filename(t) or "(no name)" for t in titles[:max_entries]]
    return listing


def _long_filename(props: bytes) -> str:
    """PR_ATTACH_LONG_FILENAME (else PR_DISPLAY_NAME) from a MAPI property block; "" if none."""
    found: dict[int, str] = {}
    try:
        (count,) = _unpack("<I", props, 0)
        position = 4
        for _ in range(min(count, _MAX_PROPERTIES)):
            ptype, pid = _unpack("<HH", props, position)
            position += 4
            if pid >= 0x8000:  # a named property: GUID, kind, then an id or a name
                (kind,) = _unpack("<I", props, position + 16)
                position += 20
                if kind == 0:
                    position += 4
                else:
                    (name_len,) = _unpack("<I", props, position)
                    position += 4 + _padded(name_len)
            values, position = _values(props, position, ptype)
            if pid in (PR_ATTACH_LONG_FILENAME, PR_DISPLAY_NAME) and values:
                found[pid] = _as_text(values[0], ptype & ~_MULTI)
    except _Cut:
        pass
    return found.get(PR_ATTACH_LONG_FILENAME) or found.get(PR_DISPLAY_NAME) or ""


def _values(props: bytes, position: int, ptype: int) -> tuple[list[bytes], int]:
    base = ptype & ~_MULTI
    multi = bool(ptype & _MULTI)
    if base in _VARIABLE:
        (count,) = _unpack("<I", props, position)
        position += 4
        values = []
        for _ in range(min(count, _MAX_PROPERTIES)):
            (length,) = _unpack("<I", props, position)
            position += 4
            if position + length > len(props):
                raise _Cut
            values.append(props[position : position + length])
            position += _padded(length)
        return values, position
    size = _FIXED_SIZES.get(base)
    if size is None:
        raise _Cut  # an unknown type: its length is unknown, stop reading
    count = 1
    if multi:
        (count,) = _unpack("<I", props, position)
        position += 4
    position += size * min(count, _MAX_PROPERTIES)
    if position > len(props):
        raise _Cut
    return [], position


def _as_text(value: bytes, base: int) -> str:
    if base == 0x001F:
        return value.decode("utf-16-le", "replace").split("\x00", 1)[0]
    return value.split(b"\x00", 1)[0].decode("cp1252", "replace")


def _unpack(fmt: str, data: bytes, position: int) -> tuple[int, ...]:
    if position < 0 or position + struct.calcsize(fmt) > len(data):
        raise _Cut
    return struct.unpack_from(fmt, data, position)


def _padded(length: int) -> int:
    return (length + 3) // 4 * 4
