"""Configuration, read once from the environment at the edge and passed on."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from bot.messages import common as common_msg

DEFAULT_MUNICIPALITY = common_msg.SAMPLE_MUNICIPALITY
DEFAULT_DATA_DIR = Path.home() / ".local" / "share" / "madoguchi"
DEFAULT_CACHE_DIR = Path.home() / ".cache" / "madoguchi"


@dataclass(frozen=True)
class Settings:
    directory: Path | None = None
    municipality: str = DEFAULT_MUNICIPALITY
    database_url: str | None = None  # None: a SQLite file in data_dir
    data_dir: Path = DEFAULT_DATA_DIR
    routing: Path | None = None
    ssw_users: tuple[str, ...] = ()
    lease: timedelta = timedelta(seconds=60)
    workspace_map: Path | None = None
    workspace: str = ""
    cache_dir: Path | None = None  # None: read the lexicon from its sources at each start

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        directory = env.get("MADOGUCHI_DIRECTORY")
        return cls(
            directory=Path(directory) if directory else None,
            municipality=env.get("MADOGUCHI_MUNICIPALITY") or DEFAULT_MUNICIPALITY,
            database_url=env.get("DATABASE_URL") or None,
            data_dir=Path(env.get("MADOGUCHI_DATA_DIR") or DEFAULT_DATA_DIR),
            routing=Path(env["MADOGUCHI_ROUTING"]) if env.get("MADOGUCHI_ROUTING") else None,
            workspace_map=Path(env["MADOGUCHI_WORKSPACES"])
            if env.get("MADOGUCHI_WORKSPACES")
            else None,
            workspace=env.get("MADOGUCHI_WORKSPACE", "").strip(),
            cache_dir=_cache_dir(env),
            lease=timedelta(seconds=float(env.get("MADOGUCHI_LEASE_SECONDS") or 60)),
            ssw_users=tuple(
                u.strip() for u in env.get("MADOGUCHI_SSW_USERS", "").split(",") if u.strip()
            ),
        )


def _cache_dir(env: Mapping[str, str]) -> Path | None:
    """MADOGUCHI_CACHE names the folder; ``off`` turns the cache off; else XDG_CACHE_HOME's."""
    named = env.get("MADOGUCHI_CACHE", "").strip()
    if named.lower() == "off":
        return None
    if named:
        return Path(named)
    xdg = env.get("XDG_CACHE_HOME", "").strip()
    return Path(xdg) / "madoguchi" if xdg else DEFAULT_CACHE_DIR
