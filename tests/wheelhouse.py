"""A folder of wheels repacked from the distributions installed in this interpreter.

The pre-commit and install tests build newslint the way a user's machine does (``pip install``
from a clone), but without the network: pip runs with ``--no-index --find-links`` pointing
here. The wheels are rebuilt from what the test environment already holds (the files each
distribution's RECORD lists, under its original wheel tag), so they are exactly the versions
the rest of the suite runs against, and nothing is downloaded.
"""

from __future__ import annotations

import base64
import hashlib
import re
import zipfile
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from packaging.requirements import Requirement

# Files pip writes at install time; a wheel does not carry them (RECORD is written afresh).
_INSTALL_ONLY = {"INSTALLER", "REQUESTED", "RECORD", "direct_url.json"}


class RepackedWheel(NamedTuple):
    name: str
    version: str
    path: Path


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def requirement_closure(roots: Iterable[str]) -> list[metadata.Distribution]:
    """The installed distributions that ``roots`` (requirement strings) need, transitively,
    with the extras each requirement names, under this interpreter's environment markers."""
    found: dict[str, metadata.Distribution] = {}
    done: set[tuple[str, str]] = set()  # (distribution, extra) pairs already expanded
    pending = [(Requirement(r), "") for r in roots]
    while pending:
        requirement, extra = pending.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": extra}):
            continue
        key = _normalized(requirement.name)
        # PackageNotFoundError here: the test environment lacks a dependency newslint declares.
        dist = found.setdefault(key, metadata.distribution(requirement.name))
        for wanted in ("", *sorted(requirement.extras)):
            if (key, wanted) not in done:
                done.add((key, wanted))
                pending.extend((Requirement(r), wanted) for r in dist.requires or ())
    return sorted(found.values(), key=lambda d: _normalized(d.metadata["Name"]))


def _wheel_tag(dist: metadata.Distribution) -> str:
    for line in (dist.read_text("WHEEL") or "").splitlines():
        if line.startswith("Tag:"):
            return line.split(":", 1)[1].strip()
    return "py3-none-any"


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode("ascii")


def repack(dist: metadata.Distribution, target: Path) -> RepackedWheel:
    """One installed distribution as a wheel in ``target``. Files installed outside
    site-packages (console scripts, which pip regenerates from entry points) are left out,
    and so is byte code."""
    name, version = dist.metadata["Name"], dist.version
    wheel = target / f"{_normalized(name)}-{version}-{_wheel_tag(dist)}.whl"
    base = Path(str(dist.locate_file("")))
    records: list[str] = []
    dist_info = None
    with zipfile.ZipFile(wheel, "w", compression=zipfile.ZIP_STORED) as archive:
        for entry in dist.files or ():
            posix = PurePosixPath(str(entry))
            if posix.parts[0] == ".." or "__pycache__" in posix.parts or posix.suffix == ".pyc":
                continue
            if len(posix.parts) == 2 and posix.parts[0].endswith(".dist-info"):
                # The distribution's own metadata (vendored packages carry their own deeper).
                dist_info = posix.parent
                if posix.name in _INSTALL_ONLY:
                    continue
            data = (base / posix).read_bytes()
            archive.writestr(str(posix), data)
            records.append(f"{posix},{_record_hash(data)},{len(data)}")
        if dist_info is None:
            raise ValueError(f"{name} {version}: no .dist-info in its RECORD")
        records.append(f"{dist_info}/RECORD,,")
        archive.writestr(f"{dist_info}/RECORD", "\n".join(records) + "\n")
    return RepackedWheel(name, version, wheel)


def build_wheelhouse(target: Path, roots: Iterable[str]) -> list[RepackedWheel]:
    """Wheels for ``roots`` and everything they need, repacked into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    return [repack(dist, target) for dist in requirement_closure(roots)]
