# syntax=docker/dockerfile:1
# Container image of the Guidewire batch exporter: see docs/deploy.md.
#
#   docker build -t guidewire-batch-exporter --build-arg VERSION=$(node -p "require('./package.json').version") \
#     --build-arg REVISION=$(git rev-parse HEAD) .
#   docker run --rm -p 7723:7723 --read-only guidewire-batch-exporter --demo
#
# Node.js 24 LTS on Debian bookworm (slim). The tag follows 24.x patch releases; pin a digest
# (node:24-bookworm-slim@sha256:...) for byte-for-byte reproducible builds.

FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would run tsc before the sources are copied; the build runs below.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build-info.mjs ./scripts/
COPY src ./src
# .git never reaches the build context: the REVISION build argument is the build's revision, written
# to dist/build-info.json (the `revision` of guidewire_exporter_build_info) by scripts/build-info.mjs.
ARG REVISION=unknown
RUN GWE_REVISION="${REVISION}" npm run build

FROM node:24-bookworm-slim
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="guidewire-batch-exporter" \
      org.opencontainers.image.description="Prometheus exporter for Guidewire InsuranceSuite batch processes" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="https://github.com/guidewire-batch-exporter/guidewire-batch-exporter" \
      org.opencontainers.image.documentation="https://github.com/guidewire-batch-exporter/guidewire-batch-exporter/blob/main/docs/deploy.md"
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only; `prepare` (tsc) is a build step and tsc a dev dependency. The npm cache
# is dropped so that the layer holds node_modules alone.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist ./dist
# The commented example with every key (docs/configuration.md): copy it out with
#   docker run --rm --entrypoint cat guidewire-batch-exporter /app/config.example.yaml > config.yml
COPY config.example.yaml ./
# The exporter writes nothing to disk (logs go to stdout), so the root filesystem can be read-only.
# 65532 is the conventional "nonroot" UID of distroless images; it owns no file in the image.
USER 65532:65532
EXPOSE 7723
# No curl or wget in the slim image: Node.js asks /-/healthy. Adjust it if you change the listen
# address or serve HTTPS (--web.config.file).
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "require('node:http').get('http://127.0.0.1:7723/-/healthy', (r) => process.exit(r.statusCode === 200 ? 0 : 1)).on('error', () => process.exit(1))"]
# Exec form: node is PID 1 and receives SIGTERM (docker stop) and SIGHUP (reload) itself; the CLI
# handles both and exits 0 on SIGTERM.
ENTRYPOINT ["node", "/app/dist/cli.js"]
CMD ["--config.file=/etc/guidewire-batch-exporter/config.yml"]
