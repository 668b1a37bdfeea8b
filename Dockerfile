# syntax=docker/dockerfile:1
# Portico: a multi-stage build. The runtime image holds only Next's standalone output (server.js, the traced
# node_modules, static assets and public/) and runs as an unprivileged user. Migrations run at start-up (each
# instance applies pending ones under the migrator's lock), or separately with the `migrate` target — see docs/deploy.md.

ARG NODE_IMAGE=node:20-bookworm-slim

# Dependencies, including the toolchain better-sqlite3 compiles with when no prebuilt binary can be downloaded.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# The production build: .next/standalone with .next/static, public/ and portico-server.mjs copied beside server.js.
FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm run build

# Optional one-off migration step for deployments that migrate before rolling out:
#   docker build --target migrate -t portico-migrate . && docker run --rm -e DATABASE_URL=… portico-migrate
FROM build AS migrate
CMD ["npm", "run", "db:migrate"]

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    PORTICO_DATA_DIR=/data
WORKDIR /app
RUN groupadd --system --gid 10001 portico \
  && useradd --system --uid 10001 --gid portico --home-dir /app --shell /usr/sbin/nologin portico \
  && mkdir -p /data \
  && chown portico:portico /data
# Owned by root and read-only to the app user: the running server cannot rewrite its own code.
COPY --from=build /app/.next/standalone ./
# Next's only writable place at run time (its fetch/image cache).
RUN mkdir -p .next/cache && chown portico:portico .next/cache
USER portico
# SQLite deployments keep their database here; PostgreSQL deployments need no volume.
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Portico's entrypoint stamps each request's client address (TRUSTED_PROXY_HOPS: proxies in front), then runs server.js.
CMD ["node", "portico-server.mjs"]
