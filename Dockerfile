# syntax=docker/dockerfile:1

# Switchboard: Slack, Discord and console chat-ops for ConnexCS fleets.
#   docker build -t switchboard .
#   docker run -d --env-file .env -v switchboard-data:/data -p 127.0.0.1:9464:9464 switchboard
# The bot's state (approvals, audit log, alert state, the embedded demo fleet) lives in /data.

ARG NODE_IMAGE=node:20-slim

# --- 1. Production dependencies, with the tools to compile better-sqlite3 should no prebuilt
#        binary fit this platform (a prebuilt one is used when it does).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY src ./src
COPY commands ./commands
# `prepare` compiles src/ and commands/ to dist/ (esbuild), so the image starts on node alone.
RUN npm ci --omit=dev --no-audit --no-fund \
    && npm cache clean --force

# --- 2. The runtime: no compilers, no dev dependencies, not root.
FROM ${NODE_IMAGE}
# Inside a container 127.0.0.1 is unreachable from outside, so the ops endpoints listen on every
# interface of the container; publish the port on the host's loopback (-p 127.0.0.1:9464:9464)
# to keep /metrics private.
ENV NODE_ENV=production \
    SWITCHBOARD_DATA_DIR=/data \
    METRICS_HOST=0.0.0.0 \
    METRICS_PORT=9464
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/dist ./dist
COPY package.json ./
# The volume's mount point must exist, owned by the user, before VOLUME: a new named volume
# takes its ownership from it.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# 9464: /healthz, /readyz, /metrics. 3000: Slack's HTTP mode only (no SLACK_APP_TOKEN).
EXPOSE 9464 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.METRICS_PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node itself is PID 1 (not npm, not a shell), so SIGTERM reaches Switchboard's graceful shutdown:
# in-flight commands finish (up to 10 s), then the database is closed. A second signal exits at once.
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
