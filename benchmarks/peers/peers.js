// Renders a DOCX table with Carbone 3 or docxtemplater, for benchmarks/bench_peers.py.
//   node peers.js serve            JSON lines on stdin: {"engine", "template", "data", "out"};
//                                  answers {"seconds"}: render and save, timed inside node
//   node peers.js once ENGINE TEMPLATE DATA.json OUT.docx   one whole process, as a user runs it
"use strict";
const fs = require("fs");
const readline = require("readline");

function carbone(template, data, out, done) {
  require("carbone").render(template, data, {}, (error, result) => {
    if (error) throw error;
    fs.writeFileSync(out, result);
    done();
  });
}

function docxtemplater(template, data, out, done) {
  const PizZip = require("pizzip");
  const Docxtemplater = require("docxtemplater");
  const doc = new Docxtemplater(new PizZip(fs.readFileSync(template)), { paragraphLoop: true, linebreaks: true });
  doc.render(data);
  fs.writeFileSync(out, doc.getZip().generate({ type: "nodebuffer", compression: "DEFLATE" }));
  done();
}

const ENGINES = { carbone, docxtemplater };
const [mode, ...args] = process.argv.slice(2);

if (mode === "once") {
  const [engine, template, dataPath, out] = args;
  ENGINES[engine](template, JSON.parse(fs.readFileSync(dataPath, "utf8")), out, () => {});
} else if (mode === "serve") {
  const cache = new Map(); // data files parsed once: the render is what is timed
  const lines = readline.createInterface({ input: process.stdin });
  lines.on("line", (line) => {
    const job = JSON.parse(line);
    if (!cache.has(job.data)) cache.set(job.data, JSON.parse(fs.readFileSync(job.data, "utf8")));
    const started = process.hrtime.bigint();
    ENGINES[job.engine](job.template, cache.get(job.data), job.out, () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      process.stdout.write(JSON.stringify({ seconds }) + "\n");
    });
  });
} else {
  console.error("usage: node peers.js serve | once ENGINE TEMPLATE DATA OUT");
  process.exit(2);
}
