# The application image: the pipeline, the Celery workers, Flower and tesseract.
FROM python:3.11-slim-bookworm

RUN apt-get update \
    && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng \
        tesseract-ocr-script-latn \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir uv

WORKDIR /app
ENV UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    OMP_THREAD_LIMIT=1
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project --compile-bytecode
COPY pipeline ./pipeline
COPY workers ./workers
COPY alembic ./alembic
COPY alembic.ini ./
# Bytecode made here: the image's user cannot write __pycache__, so without it every worker and
# every `pipeline` call would compile the libraries and the pipeline from source at start-up.
RUN uv sync --frozen --no-dev --compile-bytecode && python -m compileall -q pipeline workers alembic

RUN useradd --create-home --uid 10001 pipeline && mkdir -p /app/var && chown pipeline /app/var
USER pipeline
CMD ["celery", "-A", "workers", "worker", "-Q", "ingest,extract,maintenance", "--loglevel=INFO"]
