# One image for every process of the marketplace; docker-compose.yml picks the entry point per
# service with `command:` (the default runs everything in one process).
FROM node:24-bookworm-slim AS build
# Native addons (better-sqlite3, argon2) compile from source when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# Sources stay beside dist/: views, templates and assets are read from the project root.
COPY --from=build /app /app
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000 3001 3002
CMD ["node", "dist/apps/worker/src/embedded.js"]
