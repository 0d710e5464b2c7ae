// The bench and the end-to-end tests start the server with the Node options it is operated
// with (`npm run serve`, docs/operations.md): P6 measures the young generation those options
// size, so a change to one must be a change to both.
import fs from "node:fs";
import { expect, it } from "vitest";
import { SERVER_NODE_OPTIONS } from "../support/portal-http";

it("starts the server in tests and the bench with the Node options of npm run serve", () => {
  const scripts = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
  expect(scripts.serve).toBe(["node", ...SERVER_NODE_OPTIONS, "server.mjs"].join(" "));
  expect(scripts.start).toMatch(/&& npm run serve$/);
});
