"""The HTTP API (FastAPI): producers hand in documents and read results over HTTP, on the same
service layer and units of work as the CLI and the Celery tasks. ``create_app`` builds it;
``pipeline api`` serves it with uvicorn."""
