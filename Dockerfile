# kms-tutor as a container: build with `docker build -t kms-tutor .`, run as described in
# README.md ("Running as a service"). The app runs TypeScript directly with tsx (a runtime dependency), so there is no
# compile step; the build stage exists for better-sqlite3's native addon and the dev-dependency prune.

# ---- build: install dependencies (compiling better-sqlite3 if no prebuilt binary fits), then drop dev ones
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci && npm prune --omit=dev && npm cache clean --force

# ---- runtime: no compilers, app files owned by root (read-only to the app), data owned by `node`
# The same image runs on either store: the SQLite file under /app/data (DATABASE_PATH, the default),
# or PostgreSQL when DATABASE_URL=postgres://… is passed at `docker run` (node-postgres is plain
# JavaScript; /app/data then holds only the heartbeat file).
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_PATH=/app/data/kms-tutor.db \
    HEARTBEAT_PATH=/app/data/heartbeat \
    CONTENT_DIR=/app/content \
    PORT=3000
WORKDIR /app
# tini as PID 1: forwards SIGTERM/SIGINT to node and reaps zombies; node as PID 1 would ignore any
# signal it has no listener for (so a second Ctrl-C during shutdown would do nothing).
# fonts-dejavu-core: the font chart pictures are drawn with (src/charts/vega-chart.ts).
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY content ./content
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
# The Slack HTTP receiver (and, in Socket Mode, Bolt's /healthz server) listens on PORT.
EXPOSE 3000
STOPSIGNAL SIGTERM
# Healthy = the scheduler's heartbeat file is fresh, and, when Slack runs, GET /healthz on PORT answers.
HEALTHCHECK --interval=60s --timeout=10s --start-period=90s --retries=3 \
  CMD ["node", "/app/src/schedule/healthcheck.mjs"]
# node directly, not `npm start`: npm does not pass SIGTERM on reliably. tsx is loaded in-process.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--import", "tsx", "src/main.ts"]
