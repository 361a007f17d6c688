"""Configuration, read once from the environment at the edge and passed on."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MUNICIPALITY = "武蔵野市"


@dataclass(frozen=True)
class Settings:
    directory: Path | None = None
    municipality: str = DEFAULT_MUNICIPALITY
    database_url: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        directory = env.get("MADOGUCHI_DIRECTORY")
        return cls(
            directory=Path(directory) if directory else None,
            municipality=env.get("MADOGUCHI_MUNICIPALITY") or DEFAULT_MUNICIPALITY,
            database_url=env.get("DATABASE_URL") or None,
        )
