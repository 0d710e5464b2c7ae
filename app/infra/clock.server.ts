// The server's clock: deadlines, receipts and audit entries all read it here.
// End-to-end tests must move time forward (for example past a submission deadline)
// without sleeping. They start the server with PORTAL_TEST_CLOCK_FILE pointing at a file
// that holds an offset in milliseconds; without that variable the offset is always 0.
import fs from "node:fs";

export function now(): Date {
  const file = process.env.PORTAL_TEST_CLOCK_FILE;
  if (!file) return new Date();
  let offset = 0;
  try {
    offset = Number(fs.readFileSync(file, "utf8").trim()) || 0;
  } catch {
    offset = 0;
  }
  return new Date(Date.now() + offset);
}
