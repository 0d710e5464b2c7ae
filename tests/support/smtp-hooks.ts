// The loopback SMTP server (smtp.ts) for one test file: started before its tests with
// SMTP_URL pointing at it, stopped after them with SMTP_URL restored. A separate file so
// that smtp.ts stays free of vitest (processes outside the test runner use it).
import { afterAll, beforeAll } from "vitest";
import { resetEnvForTests } from "../../app/infra/env.server";
import { resetMailTransportForTests } from "../../app/infra/mail.server";
import { startSmtpServer, type TestSmtpServer } from "./smtp";

/** The file's server; its fields are there once the file's tests run. */
export function useSmtpServer(): TestSmtpServer {
  const server = {} as TestSmtpServer;
  const saved = process.env.SMTP_URL;
  beforeAll(async () => {
    Object.assign(server, await startSmtpServer());
    process.env.SMTP_URL = server.url;
    resetEnvForTests();
    resetMailTransportForTests();
  });
  afterAll(async () => {
    resetMailTransportForTests(); // closes the pooled connections before the server goes
    await server.close?.();
    if (saved === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = saved;
    resetEnvForTests();
  });
  return server;
}
