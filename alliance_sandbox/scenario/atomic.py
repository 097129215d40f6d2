"""Writing a file so that it is the old one or the new one, never half, and never a trap.

The rules, the same for the app's Save, `run --out` and the autosave (one function,
`write_file`, does it for all three):

- **Atomic**: a temporary file in the target's folder is written, flushed, fsynced and
  renamed over the target (os.replace is atomic on one file system); the folder is fsynced
  so the rename itself survives a power cut. On any failure the temporary file is removed
  and the old file is untouched.
- **Symlinks are written through**: saving to a link replaces the file the link points to
  (atomically, as above) and keeps the link, so a teacher's `current.json -> week3.json`
  keeps working. A link to a link is followed to the end; a dangling link creates its target.
- **Only regular files are replaced**: a FIFO, a device, a socket (or a link to one) is
  refused with a message, so saving over `/dev/null` or a named pipe never replaces it.
- **Short temporary names**: `.as-PID-RANDOM.tmp`, whatever the target's name, so a name of
  up to the file system's limit (255 bytes) can be saved; a longer one is refused up front.
- **No litter**: temporary files left by an interrupted save (our own names only, from a
  process that is no longer running) are removed at the next save into that folder.
"""
from __future__ import annotations

import os
import re
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .errors import Problem, ScenarioError

TEMP_PREFIX = ".as-"
TEMP_SUFFIX = ".tmp"
#: Our temporary names and nothing else: prefix, writer's pid, 6 hex digits, suffix.
TEMP_PATTERN = re.compile(r"\.as-(\d{1,10})-[0-9a-f]{6}\.tmp")
#: Where a writer's pid cannot be checked (not POSIX): a temporary file this old is stale.
STALE_AFTER_S = 3600.0
#: A file name's limit in bytes when the file system does not say (most say 255).
DEFAULT_NAME_MAX = 255

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def temp_name() -> str:
    return f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(3)}{TEMP_SUFFIX}"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "cannot write the file: permission denied"
    return f"cannot write the file: {exc.strerror or exc}"


def _name_max(folder: Path) -> int:
    try:
        return int(os.pathconf(folder, "PC_NAME_MAX"))
    except (AttributeError, OSError, ValueError):
        return DEFAULT_NAME_MAX


def _writer_gone(pid: int) -> bool:
    if pid == os.getpid():
        return False  # ours: a save of this process, under way or cleaned up by itself
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OSError):
        return False  # alive (another user's), or cannot tell
    return False


def remove_stale_temps(folder: Path) -> list[Path]:
    """Remove our temporary files in `folder` whose writer is no longer running; the removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = TEMP_PATTERN.fullmatch(entry.name)
        if not match:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if os.name == "posix":
                stale = _writer_gone(int(match.group(1)))
            else:
                stale = time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER_S
            if stale:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def resolve_target(path: str | os.PathLike) -> Path:
    """The regular file a save to `path` replaces (links followed), or ScenarioError saying
    why nothing may be written there. Does not write anything."""
    source = os.fspath(path)

    def fail(reason: str) -> ScenarioError:
        return ScenarioError([Problem(source, "(file)", reason)])

    if not source or "\0" in source:
        raise fail("not a valid file name")
    target = Path(source)
    _check_name(target, fail)  # before any look-up, which would fail with a raw "name too long"
    try:
        if target.is_symlink():
            target = Path(os.path.realpath(target, strict=False))
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:  # a loop of links, a name too long, ...
        raise fail(_os_reason(exc)) from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise fail("is a folder; choose a file name")
        for test, what in _KINDS:
            if test(info.st_mode):
                raise fail(f"is {what}, not a regular file; only regular files are replaced: choose a file name")
        if not stat.S_ISREG(info.st_mode):
            raise fail("is not a regular file; choose a file name")
    _check_name(target, fail)
    return target


def _check_name(target: Path, fail) -> None:
    folder = target.parent
    if not folder.is_dir():
        raise fail(f"cannot write the file: the folder {os.fspath(folder)!r} does not exist")
    size = len(os.fsencode(target.name))
    limit = _name_max(folder)
    if size > limit:
        raise fail(f"the file name is {size} bytes long; this file system allows at most {limit}: "
                   "choose a shorter name")


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless to skip where unsupported."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(target: Path, payload: bytes | Callable[[BinaryIO], None]) -> None:
    """Write `payload` to the regular file `target` atomically (see the module's rules);
    raises OSError with the old file untouched. Callers normally use `write_file`.

    `payload`: the bytes, or a function that writes them to the open temporary file (a
    long output streamed as it is made, never held whole in memory)."""
    temp = target.parent / temp_name()
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        try:
            handle = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            raise
        with handle:
            if isinstance(payload, bytes):
                handle.write(payload)
            else:
                payload(handle)
            handle.flush()
            os.fsync(handle.fileno())
        try:  # keep the permissions of the file being replaced
            os.chmod(temp, stat.S_IMODE(os.stat(target).st_mode))
        except OSError:
            pass
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    _fsync_folder(target.parent)


def write_file(path: str | os.PathLike, payload: bytes | Callable[[BinaryIO], None]) -> Path:
    """Save `payload` (bytes, or a function writing them: `write_atomic`) at `path` by the
    module's rules; the file written (a link's target).

    Raises ScenarioError (`PATH: (file): reason`) when nothing may or could be written."""
    target = resolve_target(path)
    remove_stale_temps(target.parent)
    try:
        write_atomic(target, payload)
    except OSError as exc:
        raise ScenarioError([Problem(os.fspath(path), "(file)", _os_reason(exc))]) from None
    return target
