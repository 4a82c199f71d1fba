#!/usr/bin/env node
// Prints each skipped test with the reason it gave, from the TRX files `dotnet test --logger trx` wrote: the console
// logger says only "Skipped NAME". Usage: node scripts/skipped.mjs FILE.trx...
import { readFileSync } from "node:fs";

const unescape = (s) => s.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-f]+));/gi, (_, name, dec, hex) =>
  dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16))
    : { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" }[name.toLowerCase()]);
const attribute = (tag, name) => unescape((tag.match(new RegExp(`\\b${name}="([^"]*)"`)) ?? [, ""])[1]);

const skipped = [];
for (const file of process.argv.slice(2)) {
  const trx = readFileSync(file, "utf8");
  for (const [, tag, body = ""] of trx.matchAll(/(<UnitTestResult\b[^>]*?)(?:\/>|>([\s\S]*?)<\/UnitTestResult>)/g)) {
    if (attribute(tag, "outcome") !== "NotExecuted") continue;
    const message = body.match(/<Message>([\s\S]*?)<\/Message>/);
    skipped.push(`  ${attribute(tag, "testName")}: ${message ? unescape(message[1]).trim() : "(no reason given)"}`);
  }
}
if (skipped.length > 0) console.log(`Skipped tests (${skipped.length}), and why:\n${skipped.sort().join("\n")}`);
