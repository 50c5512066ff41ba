"""What a ZIP archive says it holds, from its central directory only: nothing is inflated.

A mission sometimes zips its documents. We never extract an archive (not to disk, not to
memory): the entry names are read so that the finding can tell the mission which files
to attach on their own, and the declared sizes are compared with the zip-bomb guards
(entry count, total uncompressed size, compression ratio) so that officers see a bomb for
what it is. The directory is parsed here with ``struct`` rather than ``zipfile``:
``zipfile`` builds an object per entry for as many entries as the directory holds, while
this stops at the entry-count limit. Nothing here raises on any bytes.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from ingest.filenames import clean_filename

_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"
_CENTRAL = b"PK\x01\x02"
_EOCD_SIZE = 22
_EOCD_SEARCH = _EOCD_SIZE + 0xFFFF  # the record may be followed by a comment of 64 KiB
_CENTRAL_SIZE = 46
_ZIP64_EXTRA = 0x0001
_FULL32 = 0xFFFFFFFF


@dataclass
class ZipListing:
    """The central directory of an archive as far as it was read."""

    names: list[str] = field(default_factory=list)  # files: cleaned, display-safe, in order
    paths: list[str] = field(default_factory=list)  # every entry's path as stored (untrusted)
    declared_entries: int = 0  # the count the end record states
    total_uncompressed: int = 0  # sum of declared sizes of the entries read
    total_compressed: int = 0
    max_ratio: float = 0.0  # worst entry: uncompressed / compressed
    encrypted: bool = False  # an entry is password-protected
    nested_archives: int = 0  # entries that are archives themselves (42.zip style)
    complete: bool = True  # False: the directory is damaged or was not read to its end
    problem: str | None = None  # why it could not be read (whole or in part)

    @property
    def ratio(self) -> float:
        """Overall compression ratio declared (uncompressed / compressed)."""
        return self.total_uncompressed / max(self.total_compressed, 1)


def list_zip(data: bytes, max_entries: int) -> ZipListing:
    """Names and declared sizes of at most ``max_entries`` entries of a ZIP archive."""
    listing = ZipListing()
    found = _end_record(data)
    if found is None:
        listing.complete = False
        listing.problem = "the archive has no central directory (damaged or cut off)"
        return listing
    entries, offset, size = found
    listing.declared_entries = entries
    if offset >= len(data):
        listing.complete = False
        listing.problem = "the central directory lies outside the file (damaged or cut off)"
        return listing
    directory = data[offset : offset + size] if size else data[offset:]
    position = 0
    while position + _CENTRAL_SIZE <= len(directory) and directory[position:].startswith(_CENTRAL):
        if len(listing.paths) >= max_entries:
            listing.complete = False
            listing.problem = f"more than {max_entries} entries; the rest were not read"
            break
        step = _read_entry(directory, position, listing)
        if step is None:
            listing.complete = False
            listing.problem = "an entry of the central directory is cut off"
            break
        position += step
    if listing.complete and len(listing.paths) < min(entries, max_entries):
        listing.complete = False
        listing.problem = (
            f"the directory lists {len(listing.paths)} of the {entries} entries it declares"
        )
    return listing


def entry_names(data: bytes, max_entries: int) -> list[str]:
    """The first ``max_entries`` entry paths as stored (for telling DOCX from ZIP)."""
    return list_zip(data, max_entries).paths


def _end_record(data: bytes) -> tuple[int, int, int] | None:
    """(entries, directory offset, directory size) from the end-of-central-directory record."""
    start = max(0, len(data) - _EOCD_SEARCH)
    where = data.rfind(_EOCD, start)
    if where < 0 or where + _EOCD_SIZE > len(data):
        return None
    (entries, size, offset) = struct.unpack_from("<HII", data, where + 10)
    if entries == 0xFFFF or size == _FULL32 or offset == _FULL32:
        zip64 = _zip64_end_record(data, where)
        if zip64 is not None:
            return zip64
    if not data[offset:].startswith(_CENTRAL) and 0 <= where - size < len(data):
        offset = where - size  # data before the archive (a self-extractor): offsets shifted
    return entries, offset, size


def _zip64_end_record(data: bytes, eocd: int) -> tuple[int, int, int] | None:
    locator = eocd - 20
    if locator < 0 or not data[locator:].startswith(_EOCD64_LOCATOR):
        return None
    (record,) = struct.unpack_from("<Q", data, locator + 8)
    if record + 56 > len(data) or not data[record:].startswith(_EOCD64):
        return None
    entries, size, offset = struct.unpack_from("<QQQ", data, record + 32)
    return int(entries), int(offset), int(size)


def _read_entry(directory: bytes, position: int, listing: ZipListing) -> int | None:
    """Read the entry at ``position`` into ``listing``; its length, or None if cut off."""
    (flags, _method, compressed, uncompressed, name_len, extra_len, comment_len) = (
        struct.unpack_from("<H H 8x I I H H H", directory, position + 8)
    )
    end = position + _CENTRAL_SIZE + name_len + extra_len + comment_len
    if end > len(directory):
        return None
    raw_name = directory[position + _CENTRAL_SIZE : position + _CENTRAL_SIZE + name_len]
    extra = directory[
        position + _CENTRAL_SIZE + name_len : position + _CENTRAL_SIZE + name_len + extra_len
    ]
    if compressed == _FULL32 or uncompressed == _FULL32:
        uncompressed, compressed = _zip64_sizes(extra, uncompressed, compressed)
    name = raw_name.decode("utf-8" if flags & 0x800 else "cp437", "replace")
    listing.paths.append(name)
    if not name.endswith(("/", "\\")):  # a folder entry names no file
        listing.names.append(clean_filename(name) or "(no name)")
        if name.lower().endswith((".zip", ".7z", ".rar", ".gz", ".tar", ".tgz")):
            listing.nested_archives += 1
    listing.encrypted = listing.encrypted or bool(flags & 0x1)
    listing.total_uncompressed += uncompressed
    listing.total_compressed += compressed
    listing.max_ratio = max(listing.max_ratio, uncompressed / max(compressed, 1))
    return int(end - position)


def _zip64_sizes(extra: bytes, uncompressed: int, compressed: int) -> tuple[int, int]:
    """Sizes from the ZIP64 extra field (in that order, each present only if 0xFFFFFFFF)."""
    position = 0
    while position + 4 <= len(extra):
        tag, length = struct.unpack_from("<HH", extra, position)
        body = extra[position + 4 : position + 4 + length]
        if tag == _ZIP64_EXTRA:
            cursor = 0
            if uncompressed == _FULL32 and cursor + 8 <= len(body):
                (uncompressed,) = struct.unpack_from("<Q", body, cursor)
                cursor += 8
            if compressed == _FULL32 and cursor + 8 <= len(body):
                (compressed,) = struct.unpack_from("<Q", body, cursor)
            break
        position += 4 + length
    return uncompressed, compressed
