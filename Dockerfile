# One image for the gateway, the seed job, both stand-ins and the development identity provider (different
# commands). Built in two stages: the build stage type-checks and compiles TypeScript to JavaScript (dist/); the
# runtime stage holds production dependencies only and runs `node` itself as PID 1 (no npx/tsx in between), so
# SIGTERM reaches the gateway directly.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# a writable place for an embedded store or dev key if someone runs the image without a database (not compose)
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 4000
# liveness; readiness (/readyz) is the orchestrator's probe, see docker-compose.yml
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/src/server/main.js"]
