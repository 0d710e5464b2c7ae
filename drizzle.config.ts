import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./app/infra/schema.ts",
  out: "./drizzle",
});
