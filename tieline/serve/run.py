"""Running the application under uvicorn (what ``tieline serve`` calls)."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tieline.errors import InputError

OPTIONS_ENV = "TIELINE_SERVE_OPTIONS"  # how the worker processes receive the options


def app_from_env() -> Any:
    """The application for a uvicorn worker, built from :data:`OPTIONS_ENV`."""
    from tieline.serve.app import create_app

    options = json.loads(os.environ.get(OPTIONS_ENV) or "{}")
    return create_app(options.get("db"), cors_origins=tuple(options.get("cors_origins", ())),
                      max_extract_bytes=int(options.get("max_extract_bytes", 256 * 1024)),
                      config_path=options.get("config_path"),
                      cache_entries=int(options.get("cache_entries", 256)),
                      threads=options.get("threads"))


def serve(db: str | os.PathLike[str], *, host: str = "127.0.0.1", port: int = 8000,
          workers: int = 1, cors_origins: tuple[str, ...] = (),
          max_extract_bytes: int = 256 * 1024, config_path: str | None = None,
          cache_entries: int = 256, log_level: str = "info") -> None:
    """Serve the store ``db`` read-only on ``host:port`` until interrupted."""
    import uvicorn

    from tieline.serve.snapshot import StoreSnapshot

    path = Path(db)
    StoreSnapshot(path).close()  # fail now, with the store's own message, if it cannot be read
    if not 1 <= port <= 65535:
        raise InputError(f"port must be between 1 and 65535: {port}")
    os.environ[OPTIONS_ENV] = json.dumps({
        "db": str(path.resolve()), "cors_origins": list(cors_origins),
        "max_extract_bytes": max_extract_bytes, "config_path": config_path,
        "cache_entries": cache_entries,
        # the cores shared out among the workers: with as many requests in flight as
        # cores, a query's own threads only add overhead
        "threads": max(1, (os.cpu_count() or 1) // max(1, workers))})
    uvicorn.run("tieline.serve.run:app_from_env", factory=True, host=host, port=port,
                workers=workers, log_level=log_level, proxy_headers=False,
                server_header=False, access_log=log_level == "debug")
