"""The dashboard at ``/``: static files, the npm assets, and the page's configuration."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse, JSONResponse

from .config import ApiConfig
from .deps import config

router = APIRouter(include_in_schema=False)


def web_dir() -> Path:
    return Path(str(resources.files("frontwatch").joinpath("web")))


def static_dir() -> Path:
    return web_dir() / "static"


def vendor_dir(cfg: ApiConfig) -> Path:
    return cfg.vendor_dir or web_dir() / "vendor"


@router.get("/")
def index() -> FileResponse:
    return FileResponse(static_dir() / "index.html", headers={"Cache-Control": "no-cache"})


@router.get("/config.json")
def page_config(cfg: Annotated[ApiConfig, Depends(config)]) -> JSONResponse:
    """What the page needs to know: the optional tile URL, whether reads need the token."""
    return JSONResponse({"tile_url": cfg.tile_url, "protect_reads": cfg.protect_reads})
