# sync-worker: multi-stage build, non-root runtime. Build from the repository root:
#   docker build -f docker/sync-worker.Dockerfile -t qbd/sync-worker .
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json nx.json ./
COPY libs ./libs
COPY apps ./apps
COPY tools ./tools
# The image runs only what type-checks.
RUN npx tsc -p tsconfig.json --noEmit

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/package.json /app/tsconfig.base.json ./
COPY --from=build --chown=node:node /app/libs ./libs
COPY --from=build --chown=node:node /app/apps/sync-worker ./apps/sync-worker
COPY --from=build --chown=node:node /app/tools/dev ./tools/dev
COPY --from=build --chown=node:node /app/tools/db ./tools/db
USER node
EXPOSE 8090
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:8090/health/live').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# TypeScript is compiled by SWC as it loads (decorator metadata and path aliases included).
CMD ["node", "tools/dev/run-ts.js", "apps/sync-worker/src/main.ts"]
