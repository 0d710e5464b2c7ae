// The baseline of `npm run bench`: a bare node:http server, no framework, no database.
// GET (any path) answers the bytes and headers of the portal's call page captured once
// (already compressed, as the portal sent them); POST streams the body to a file, fsyncs it
// and answers 303, the least any server must do to keep an upload.
// Usage: node scripts/bench/baseline-server.mjs <page.json> <upload dir>
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const [pageFile, uploadDir] = process.argv.slice(2);
const page = JSON.parse(fs.readFileSync(pageFile, "utf8"));
const body = Buffer.from(page.bodyBase64, "base64");
let uploads = 0;

const server = http.createServer((req, res) => {
  if (req.method === "POST") {
    const file = path.join(uploadDir, `upload-${++uploads}`);
    const out = fs.createWriteStream(file);
    req.pipe(out);
    out.on("finish", () => {
      const fd = fs.openSync(file, "r");
      fs.fsync(fd, () => {
        fs.closeSync(fd);
        res.writeHead(303, { Location: "/?hochgeladen=1", "Content-Length": "0" });
        res.end();
      });
    });
    return;
  }
  res.writeHead(200, { ...page.headers, "content-length": String(body.length) });
  res.end(body);
});
server.listen(0, "127.0.0.1", () => console.log(`Baseline listening on http://127.0.0.1:${server.address().port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
