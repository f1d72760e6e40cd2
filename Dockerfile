# One image for the gateway, the seed job and both stand-ins (different commands). TypeScript runs via tsx.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NODE_ENV=production
EXPOSE 4000
CMD ["npx", "tsx", "src/server/main.ts"]
