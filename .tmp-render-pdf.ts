import { readFileSync, writeFileSync } from "node:fs";
import { parseCallDefinition } from "./app/procurement/call-definition";
import { callViewFromDefinition } from "./app/procurement/call-view-from-definition";
import { renderCallPdf } from "./app/procurement/call-pdf.server";
const r = parseCallDefinition(JSON.parse(readFileSync("app/calls/dresden-2017.json", "utf8")));
if (!r.ok) throw new Error("bad");
const call = callViewFromDefinition(r.definition, { isDemo: process.argv[2] === "demo" });
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  const bytes = await renderCallPdf(call, { locale: (process.argv[3] as "de") ?? "de", generatedAt: new Date("2017-01-27T09:30:00Z"), cityName: "Dresden", publicUrl: "https://portal.example.org/aufrufe/dresden-2017" });
  console.log(Math.round(performance.now() - t0), "ms", bytes.length, "bytes");
  writeFileSync("/tmp/pdfx/call.pdf", bytes);
}
