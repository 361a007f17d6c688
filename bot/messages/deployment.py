"""Problems in what an operator deploys, for the people who keep it running: the workspace map
and the routing files it names, ``MADOGUCHI_WORKSPACE``, and a directory edit that could not be
loaded while serving. Each function returns the message and the hint (直し方) of one file:line
``Problem``; ``madoguchi check``, the start-up and the maintainers' channel show them.
"""

from __future__ import annotations


def workspace_twice(team: str) -> tuple[str, str]:
    return f"ワークスペース {team} が2回あります", "1つにまとめます"


def routing_file_missing(path: str) -> tuple[str, str]:
    return (
        f"routing のファイル {path} がありません",
        "この対応表のフォルダから見たファイル名を書きます",
    )


def routing_municipality_unknown(routing: str, municipality: str) -> tuple[str, str]:
    return (
        f"{routing} の市区町村「{municipality}」が窓口データにありません",
        "窓口データに市区町村を足すか、routing の municipality を直します",
    )


def maintainers_workspace_unknown(team: str) -> tuple[str, str]:
    return (
        f"maintainers のワークスペース {team} が workspaces にありません",
        "workspaces に足すか team を直します",
    )


def chosen_workspace_unknown(team: str) -> tuple[str, str]:
    """``MADOGUCHI_WORKSPACE`` names a workspace the map does not have."""
    return (
        f"MADOGUCHI_WORKSPACE のワークスペース {team} がありません",
        "workspaces に足すか MADOGUCHI_WORKSPACE を直します",
    )


def directory_edit_unreadable(error: str) -> tuple[str, str]:
    """A directory edit failed to load for a reason the checks do not name (``error`` is the
    exception's type); the last good directory keeps answering."""
    return (
        f"読み込めませんでした（{error}）",
        "直前に変えたファイルを確かめ、madoguchi check で調べます",
    )
