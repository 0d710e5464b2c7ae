// A real SMTP server on the loopback interface for tests, built on `smtp-server` (nodemailer's
// sibling package), plus a small MIME reader for what it receives.
//
//   const smtp = await startSmtpServer();
//   process.env.SMTP_URL = smtp.url;          // smtp://127.0.0.1:<port>
//   resetEnvForTests(); resetMailTransportForTests();
//   … code under test sends mail …
//   const mail = await smtp.waitFor((m) => m.to.includes("anna@example.org"));
//   expect(mail.subject).toBe("Eingangsbestätigung …");
//   expect(mail.text).toContain("SHA-256");
//   resetMailTransportForTests();             // closes the pooled SMTP connections first
//   await smtp.close();
//
// The server listens on 127.0.0.1, port 0 (a free port), without TLS (STARTTLS is disabled,
// so nodemailer sends in plain text), accepts any or no authentication (so SMTP_URL may carry
// `user:pass@`) and logs nothing. It keeps every message in `messages` in arrival order; set
// `messages.length = 0` to forget them between tests. An end-to-end test whose server runs in
// another process can pass `url` to that process as SMTP_URL; `onMessage` (optional) sees
// every accepted message with its raw bytes, e.g. to write it where other processes read it.
//
// The MIME reader (`parseMessage`, also usable on the outbox's .eml files) handles what
// nodemailer produces: folded headers, RFC 2047 encoded words (Q and B), RFC 2231
// parameters, nested multiparts, and quoted-printable, base64, 7bit and 8bit bodies in any
// charset TextDecoder knows. Decoded text and HTML have "\n" line ends. It is not a
// general-purpose parser (no S/MIME, no message/rfc822 recursion, no uuencode).
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";

export type ReceivedAttachment = { filename: string; contentType: string; content: Buffer };

export type ReceivedMail = {
  /** The envelope sender (MAIL FROM), a bare address. */
  from: string;
  /** The envelope recipients (RCPT TO), bare addresses as the client sent them. */
  to: string[];
  /** The decoded Subject header. */
  subject: string;
  /** The decoded text/plain body ("" if the message has none), "\n" line ends. */
  text: string;
  /** The decoded text/html body, if any. */
  html?: string;
  /** Parts with a file name or `Content-Disposition: attachment`, decoded. */
  attachments: ReceivedAttachment[];
  /** The top-level headers, names in lower case, values unfolded and decoded (the last one wins). */
  headers: Record<string, string>;
  /** The message as received (UTF-8 view of the bytes). */
  raw: string;
};

export type TestSmtpServer = {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  port: number;
  /** Every message received so far, in arrival order. */
  messages: ReceivedMail[];
  /**
   * The first message (already received or arriving later) that matches `predicate`.
   * Rejects after `timeoutMs` (default 5000) naming the messages that did arrive.
   */
  waitFor(predicate?: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** Stops the server; open client connections are cut after half a second. */
  close(): Promise<void>;
};

export type SmtpServerOptions = {
  /**
   * Called for every accepted message, with the bytes as received, before the server answers
   * the client's DATA command (so a sender that awaited sendMail finds it handled).
   * An exception here is answered to the client as a failed delivery.
   */
  onMessage?: (mail: ReceivedMail, raw: Buffer) => void;
};

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<(mail: ReceivedMail) => void>();

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 500,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? "test" });
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (error: Error) => callback(error));
      stream.on("end", () => {
        let mail: ReceivedMail;
        const raw = Buffer.concat(chunks);
        try {
          const parsed = parseMessage(raw);
          const envelope = session.envelope;
          mail = {
            ...parsed,
            from: envelope.mailFrom ? envelope.mailFrom.address : "",
            to: envelope.rcptTo.map((r) => r.address),
          };
        } catch (error) {
          // Loud on purpose: the sending code sees a 4xx answer and the test fails there.
          return callback(new Error(`test SMTP server could not read the message: ${(error as Error).message}`));
        }
        try {
          options.onMessage?.(mail, raw);
        } catch (error) {
          return callback(new Error(`test SMTP server could not store the message: ${(error as Error).message}`));
        }
        messages.push(mail);
        for (const waiter of [...waiters]) waiter(mail);
        callback(null, "OK: message received by the test server");
      });
    },
  });
  // Connection-level errors (a client resetting its socket) must not crash the test process.
  server.on("error", () => {});

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const address = server.server.address();
  if (!address || typeof address === "string") throw new Error("test SMTP server has no TCP address");
  const port = address.port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitFor(predicate = () => true, timeoutMs = 5000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<ReceivedMail>((resolve, reject) => {
        const waiter = (mail: ReceivedMail) => {
          if (!predicate(mail)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const seen = messages.map((m) => `  to ${m.to.join(", ")}: ${m.subject}`).join("\n") || "  (none)";
          reject(new Error(`no matching mail arrived within ${timeoutMs} ms; received:\n${seen}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ---------------------------------------------------------------------------------------
// A minimal MIME reader.

type Part = { headers: Map<string, string[]>; body: string /* bytes as latin1 */ };

/**
 * Reads a raw RFC 5322 message (as received, or an outbox .eml file). Here `from` and `to`
 * come from the From and To headers (as written, display names included); the server
 * replaces them with the envelope addresses.
 */
export function parseMessage(raw: Buffer | string): ReceivedMail {
  const bytes = typeof raw === "string" ? Buffer.from(raw, "utf8") : raw;
  const root = splitPart(bytes.toString("latin1"));
  const headers: Record<string, string> = {};
  for (const [name, values] of root.headers) headers[name] = decodeWords(values[values.length - 1]);

  let text: string | undefined;
  let html: string | undefined;
  const attachments: ReceivedAttachment[] = [];
  const walk = (part: Part) => {
    const type = parseParams(header(part, "content-type") ?? "text/plain; charset=us-ascii");
    const mime = type.value.toLowerCase();
    if (mime.startsWith("multipart/")) {
      const boundary = type.params.boundary;
      if (!boundary) throw new Error(`${mime} without a boundary`);
      for (const child of splitMultipart(part.body, boundary)) walk(splitPart(child));
      return;
    }
    const disposition = parseParams(header(part, "content-disposition") ?? "");
    const filename = disposition.params.filename ?? type.params.name;
    const content = decodeBody(part.body, header(part, "content-transfer-encoding"));
    if (disposition.value.toLowerCase() === "attachment" || filename !== undefined) {
      attachments.push({ filename: filename ?? "", contentType: mime, content });
    } else if (mime === "text/plain" && text === undefined) {
      text = decodeCharset(content, type.params.charset).replace(/\r\n/g, "\n");
    } else if (mime === "text/html" && html === undefined) {
      html = decodeCharset(content, type.params.charset).replace(/\r\n/g, "\n");
    }
  };
  walk(root);

  return {
    from: headers.from ?? "",
    to: (headers.to ?? "").split(",").map((s) => s.trim()).filter(Boolean),
    subject: headers.subject ?? "",
    text: text ?? "",
    html,
    attachments,
    headers,
    raw: bytes.toString("utf8"),
  };
}

function header(part: Part, name: string): string | undefined {
  const values = part.headers.get(name);
  return values ? values[0] : undefined;
}

/** Splits header block and body at the first empty line; unfolds the headers. */
function splitPart(source: string): Part {
  const match = /\r?\n\r?\n/.exec(source);
  const head = match ? source.slice(0, match.index) : source;
  const body = match ? source.slice(match.index + match[0].length) : "";
  const headers = new Map<string, string[]>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const list = headers.get(name) ?? [];
    list.push(line.slice(colon + 1).trim());
    headers.set(name, list);
  }
  return { headers, body };
}

function splitMultipart(body: string, boundary: string): string[] {
  const lines = body.split(/\r?\n/);
  const parts: string[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed === `--${boundary}--`) {
      if (current) parts.push(current.join("\r\n"));
      return parts;
    }
    if (trimmed === `--${boundary}`) {
      if (current) parts.push(current.join("\r\n"));
      current = [];
    } else if (current) {
      current.push(line);
    }
  }
  if (current) parts.push(current.join("\r\n"));
  return parts;
}

/** `type/sub; a=b; c*=utf-8''%C3%A4; d*0=x; d*1=y` → value and decoded parameters (names lower case). */
function parseParams(input: string): { value: string; params: Record<string, string> } {
  const [value, ...rest] = splitOutsideQuotes(input, ";");
  const pieces = new Map<string, { index: number; encoded: boolean; text: string }[]>();
  for (const raw of rest) {
    const eq = raw.indexOf("=");
    if (eq < 0) continue;
    const key = raw.slice(0, eq).trim().toLowerCase();
    let text = raw.slice(eq + 1).trim();
    if (text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1).replace(/\\(.)/g, "$1");
    const m = /^([^*]+)(?:\*(\d+))?(\*)?$/.exec(key);
    if (!m) continue;
    const list = pieces.get(m[1]) ?? [];
    list.push({ index: m[2] ? Number(m[2]) : 0, encoded: Boolean(m[3]), text });
    pieces.set(m[1], list);
  }
  const params: Record<string, string> = {};
  for (const [name, list] of pieces) {
    list.sort((a, b) => a.index - b.index);
    if (list.some((p) => p.encoded)) {
      // RFC 2231: charset'language'percent-encoded in the first piece.
      let charset = "utf-8";
      const bytes: number[] = [];
      list.forEach((p, i) => {
        let text = p.text;
        if (i === 0 && p.encoded) {
          const q = /^([^']*)'[^']*'(.*)$/.exec(text);
          if (q) {
            charset = q[1] || charset;
            text = q[2];
          }
        }
        if (p.encoded) bytes.push(...Buffer.from(text.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1"));
        else bytes.push(...Buffer.from(text, "latin1"));
      });
      params[name] = decodeCharset(Buffer.from(bytes), charset);
    } else {
      params[name] = decodeWords(list.map((p) => p.text).join(""));
    }
  }
  return { value: value.trim(), params };
}

function splitOutsideQuotes(input: string, separator: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === "\\" && quoted) {
      current += c + (input[++i] ?? "");
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === separator && !quoted) {
      out.push(current);
      current = "";
    } else current += c;
  }
  out.push(current);
  return out;
}

/** RFC 2047: =?charset?Q|B?…?= words, adjacent words joined (their bytes, so split characters survive). */
function decodeWords(value: string): string {
  const word = /=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=/g;
  let out = "";
  let last = 0;
  let pending: { charset: string; bytes: Buffer[] } | undefined;
  const flush = () => {
    if (pending) out += decodeCharset(Buffer.concat(pending.bytes), pending.charset);
    pending = undefined;
  };
  for (const m of value.matchAll(word)) {
    const between = value.slice(last, m.index);
    const charset = m[1].split("*")[0]; // drop an RFC 2231 language tag
    if (!(pending && /^\s*$/.test(between))) {
      flush();
      out += toUnicode(between);
    }
    const bytes =
      m[2].toUpperCase() === "B"
        ? Buffer.from(m[3], "base64")
        : Buffer.from(m[3].replace(/_/g, " ").replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1");
    if (pending && pending.charset.toLowerCase() === charset.toLowerCase()) pending.bytes.push(bytes);
    else {
      flush();
      pending = { charset, bytes: [bytes] };
    }
    last = (m.index ?? 0) + m[0].length;
  }
  flush();
  return out + toUnicode(value.slice(last));
}

/** Header text outside encoded words: raw 8-bit bytes (SMTPUTF8) are UTF-8. */
function toUnicode(latin1: string): string {
  return Buffer.from(latin1, "latin1").toString("utf8");
}

function decodeBody(body: string, encoding: string | undefined): Buffer {
  switch ((encoding ?? "7bit").trim().toLowerCase()) {
    case "base64":
      return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ""), "base64");
    case "quoted-printable":
      return Buffer.from(
        body
          .replace(/[ \t]+(?=\r?\n)/g, "") // trailing whitespace is not part of the content
          .replace(/=\r?\n/g, "") // soft line breaks
          .replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
        "latin1",
      );
    default:
      return Buffer.from(body, "latin1");
  }
}

function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  try {
    return new TextDecoder((charset ?? "utf-8").trim().toLowerCase()).decode(bytes);
  } catch {
    return bytes.toString("utf8");
  }
}
