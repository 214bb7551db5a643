# syntax=docker/dockerfile:1
# driftwatch: a small runtime image. Build with Node.js to launch npm stdio servers in the pod:
#   docker build --build-arg WITH_NODE=true -t driftwatch .
# and with the semantic layer (docs/semantic.md: about 100 MB more, an x86-64 CPU with AVX2):
#   docker build --build-arg EXTRAS=otel,semantic -t driftwatch .
#
# Nothing driftwatch does at run time needs a shell: ENTRYPOINT, CMD and HEALTHCHECK are exec form
# and stdio servers are started from their argv, never through `sh -c` (tests/test_deployment_files.py
# checks both). The final stage stays python-slim rather than distroless all the same: npm runs a
# package's binary through /bin/sh (`npx`, the usual stdio launch), WITH_NODE needs apt, and a
# distroless Python is Debian's (/usr/bin/python3) while the build stage installs into /usr/local.
ARG PYTHON_IMAGE=python:3.11.7-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ARG EXTRAS=otel
WORKDIR /src
COPY pyproject.toml README.md alembic.ini ./
COPY driftwatch ./driftwatch
COPY migrations ./migrations
# The [otel] extra: traces when OTEL_* asks for them (docs/telemetry.md); off by default. The
# [semantic] extra only when EXTRAS asks for it: the daemon then reads with it (semantic_detection=auto).
# (DL3013 reads ".[...]" as an unpinned package: it is this checkout, pinned by pyproject.toml.)
# hadolint ignore=DL3013
RUN pip install --no-cache-dir --prefix=/install ".[${EXTRAS}]"

FROM ${PYTHON_IMAGE}
ARG WITH_NODE=false
# hadolint ignore=DL3008
RUN if [ "$WITH_NODE" = "true" ]; then \
        apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*; \
    fi \
    && useradd --uid 10001 --create-home --shell /usr/sbin/nologin driftwatch
COPY --from=build /install /usr/local
USER 10001
ENV DRIFTWATCH_DATABASE_URL=sqlite:////home/driftwatch/driftwatch.db \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD ["python", "-c", "import urllib.request, sys; urllib.request.urlopen('http://127.0.0.1:9464/healthz', timeout=4)"]
ENTRYPOINT ["driftwatch"]
CMD ["run"]
