"""Whether a path named on the command line is an fsspec URL.

Every run asks it of every path, while only a run given a URL reads one: the test lives
here, apart from ``newslint.distributed`` (fsspec reads and Dask runs), so that a run on
local files does not import that module.
"""

from __future__ import annotations

import os

from newslint.lazy import lazy_compile

_URL_RE = lazy_compile(r"[A-Za-z][A-Za-z0-9+.-]+://")


def is_url(path: str) -> bool:
    """Whether a path named on the command line is an fsspec URL, not a local file. A local
    file whose name merely looks like a URL ('a://b' in the current folder) stays a file."""
    return "://" in path and bool(_URL_RE.match(path)) and not os.path.lexists(path)
