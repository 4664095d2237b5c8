# syntax=docker/dockerfile:1
# Community Affairs Platform: a production image (docs/deployment.md).
# Stage 1 builds the pages with every dependency; stage 2 keeps production dependencies only and
# runs as an unprivileged user. The server is bundled with the pages (build/server/index.js, decision 075)
# and runs as plain JavaScript; app/, server/ and scripts/ are copied as sources for the maintenance
# commands (npm run db:migrate, db:backup…), which run through tsx.

FROM node:20.20-bookworm-slim AS build
WORKDIR /app
ENV NODE_ENV=development NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false NPM_CONFIG_UPDATE_NOTIFIER=false
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npx react-router build

FROM node:20.20-bookworm-slim AS production-dependencies
WORKDIR /app
ENV NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false NPM_CONFIG_UPDATE_NOTIFIER=false
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20.20-bookworm-slim
LABEL org.opencontainers.image.title="Community Affairs Platform" \
      org.opencontainers.image.licenses="EUPL-1.2"
WORKDIR /app
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/data SEED_DEMO=false
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY package.json tsconfig.json ./
COPY app ./app
COPY server ./server
COPY scripts ./scripts
COPY reference ./reference
RUN mkdir -p /data && chown node:node /data
USER node
# The server's JavaScript heap limit (decision 040); override with -e NODE_OPTIONS=--max-old-space-size=N.
ENV NODE_OPTIONS="--max-old-space-size=512"
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "server/main.mjs"]
