"""The REST API and the dashboard server (issue 6): FastAPI, thin over ``store.api_queries``."""

from .app import create_app
from .config import ApiConfig

__all__ = ["ApiConfig", "create_app"]
