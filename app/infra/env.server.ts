// Configuration is read once, validated with zod, and fails loudly naming the variable.
import path from "node:path";
import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000), // 0: any free port (tests),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().default("./data"),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must have at least 32 characters").optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Interessenbekundung <portal@localhost>"),
  UPLOADTHING_TOKEN: z.string().optional(),
  PUBLIC_URL: z.string().url().optional(),
  CITY_NAME: z.string().min(1).default("Landeshauptstadt Dresden"),
  // How many reverse proxies stand in front (each appends to X-Forwarded-For); 0: none,
  // the socket's address is the client's.
  TRUST_PROXY: z.coerce.number().int().min(0, "TRUST_PROXY must be 0 or the number of proxies").max(10).default(0),
  // Aufbewahrung (decision 0036): years a call's record is kept after the later of its award
  // and its last contract's end (VgV § 8 (4): at least three after the award).
  RETENTION_YEARS: z.coerce.number().int().min(3, "RETENTION_YEARS must be at least 3 (VgV § 8 (4))").max(30).default(3),
  // A disabled account is anonymised no earlier than this many days after it was disabled (it may be re-enabled until then).
  RETENTION_ACCOUNT_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  // Master key of sealed storage (VgV § 54): 32 bytes, base64. It wraps every call's data key
  // and never enters the database. Unset: generated once into DATA_DIR/keys/master.key
  // (demo and tests only; see app/infra/sealing.server.ts).
  PORTAL_MASTER_KEY: z
    .string()
    .trim()
    .refine((v) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && Buffer.from(v, "base64").length === 32, {
      message: "PORTAL_MASTER_KEY must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`)",
    })
    .optional(),
});

export type Env = z.infer<typeof EnvSchema> & { dataDir: string };

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  cached = { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
  return cached;
}

/** For tests that change the environment between cases. */
export function resetEnvForTests() {
  cached = undefined;
}
