"""Files the program keeps in its cache folder (``ocr.template_cache_dir``) to start faster:
used only when this user alone could have written them, written whole or not at all."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def ours_alone(path: Path) -> bool:
    """Whether ``path`` is this user's, writable by no other, in a folder that not anyone
    may write (``OSError`` when it is not there)."""
    file, folder = path.stat(), path.parent.stat()
    return (
        file.st_uid == os.geteuid()
        and not file.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
        and not folder.st_mode & stat.S_IWOTH
    )


def write_atomically(path: Path, data: bytes) -> None:
    """``data`` written to a temporary file renamed over ``path`` (readers starting at the
    same time see the old file or the new one, never half of one); ``OSError`` if not."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise
