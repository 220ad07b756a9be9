// For the Prisma CLI on a machine that reaches Prisma's binary host (migrate dev/deploy, studio).
// The project itself generates and migrates without it: see scripts/ and src/db/migrate.ts.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/bot.db" },
});
