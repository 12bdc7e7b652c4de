"""The web UI and JSON API (`corroborate serve`): one FastAPI app over the ledger."""

from corroborate.web.app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]
