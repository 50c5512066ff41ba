# fasdip-intake on Debian 12 (bookworm) with Python 3.11: the same packages as scripts/setup.sh.
FROM python:3.11-slim-bookworm

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-eng tesseract-ocr-ind poppler-utils fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY fasdip fasdip
COPY ingest ingest
COPY classifiers classifiers
COPY validators validators
COPY responders responders
COPY config config
COPY samples samples
COPY examples examples
RUN pip install --no-cache-dir .

# Settings come from FASDIP_* variables (see README); the store and outbox live in /app/var.
VOLUME ["/app/var"]
ENTRYPOINT ["fasdip"]
CMD ["triage", "examples/"]
