// A test file's real SMTP server (tests/support/smtp.ts) as the portal's SMTP_URL: started
// before the file's tests and stopped after them, the previous SMTP_URL restored.
//
//   const smtp = useSmtpServer();
//   beforeEach(() => (smtp.server.messages.length = 0));
import { afterAll, beforeAll } from "vitest";
import { resetEnvForTests } from "../../app/infra/env.server";
import { resetMailTransportForTests } from "../../app/infra/mail.server";
import { startSmtpServer, type TestSmtpServer } from "./smtp";

export function useSmtpServer(): { readonly server: TestSmtpServer } {
  let server: TestSmtpServer | undefined;
  const saved = process.env.SMTP_URL;
  beforeAll(async () => {
    server = await startSmtpServer();
    process.env.SMTP_URL = server.url;
    resetEnvForTests();
    resetMailTransportForTests();
  });
  afterAll(async () => {
    resetMailTransportForTests();
    await server?.close();
    if (saved === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = saved;
    resetEnvForTests();
  });
  return {
    get server() {
      if (!server) throw new Error("the SMTP server starts in beforeAll");
      return server;
    },
  };
}
