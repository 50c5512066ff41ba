# fasdip-intake on Debian 12 (bookworm) with Python 3.11: the same packages as scripts/setup.sh.
FROM python:3.11-slim-bookworm

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-eng tesseract-ocr-ind poppler-utils fonts-dejavu-core \
      fonts-ocr-a fonts-ocr-b fonts-liberation2 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY fasdip fasdip
COPY ingest ingest
COPY classifiers classifiers
COPY readers readers
COPY validators validators
COPY responders responders
COPY config config
COPY samples samples
COPY examples examples
RUN pip install --no-cache-dir .

# Settings come from FASDIP_* variables (see README): FASDIP_IMAP__HOST, FASDIP_SMTP__HOST,
# FASDIP_STORE__URL…; without them the inbox, store and outbox are folders under /app/var.
VOLUME ["/app/var"]
# The officers' console: `docker run -p 8080:8080 IMAGE web --host 0.0.0.0` (behind the
# office's HTTPS proxy; `fasdip officer add NAME` first, in the same volume).
EXPOSE 8080
ENTRYPOINT ["fasdip"]
CMD ["run"]
