#!/usr/bin/env node
'use strict';
// The peer comparison: the same model configs built by TensorFlow.js (what a JavaScript user
// runs: tf.models.modelFromJSON builds every layer and initialises every weight) and checked by
// dimsum (the whole command, process start-up included), in one run, with the ratio.
//
//   node bench/peer/peer.js BUILD_DIR MODEL.json...
//
// dimsum is timed twice: in-process (BUILD_DIR/bench/inprocess_time: check_text on the file's
// text, the same work TensorFlow.js does after its import) and as a whole command
// (BUILD_DIR/bench/cli_time: process creation, reading the file, checking, printing).
//
// TensorFlow.js comes from tests/oracle/node_modules (npm ci there, as scripts/test does).

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

for (const k of ['log', 'info', 'warn']) console[k] = () => {};
const tf = require(path.join(__dirname, '..', '..', 'tests', 'oracle', 'node_modules', '@tensorflow', 'tfjs'));

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeTfjs(config, runs) {
  const times = [];
  for (let i = 0; i < runs; ++i) {
    const start = process.hrtime.bigint();
    const model = await tf.models.modelFromJSON({ modelTopology: config });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    model.dispose();
  }
  return median(times);
}

function timeDimsumInProcess(build, file) {
  return parseFloat(execFileSync(path.join(build, 'bench', 'inprocess_time'), ['200', file]).toString());
}

// cli_time prints "NAME  median X ms ..." for the command, then the /bin/true floor.
function timeDimsumCommand(build, file) {
  const out = execFileSync(path.join(build, 'bench', 'cli_time'),
                           ['51', path.join(build, 'dimsum'), 'check', file]).toString();
  return parseFloat(/median\s+([\d.]+) ms/.exec(out)[1]);
}

async function main() {
  const [build, ...files] = process.argv.slice(2);
  if (!build || files.length === 0) {
    process.stderr.write('usage: peer.js BUILD_DIR MODEL.json...\n');
    process.exit(2);
  }
  const write = (s) => process.stdout.write(s + '\n');
  write('model              TensorFlow.js   dimsum in-process   ratio   dimsum command   ratio');
  for (const file of files) {
    const config = JSON.parse(fs.readFileSync(file, 'utf8'));
    const name = path.basename(file, '.json');
    let tfjsMs;
    try {
      tfjsMs = await timeTfjs(config, 3);
    } catch (e) {  // a layer TensorFlow.js lacks: no comparison for this model
      write(`${name.padEnd(17)}  TensorFlow.js cannot build it: ${String(e.message || e).split('\n')[0]}`);
      continue;
    }
    const inProcessMs = timeDimsumInProcess(build, file);
    const commandMs = timeDimsumCommand(build, file);
    const ratio = (ms) => `${Math.round(tfjsMs / ms)}x`.padStart(7);
    write(`${name.padEnd(17)}  ${tfjsMs.toFixed(1).padStart(10)} ms  ${inProcessMs.toFixed(3).padStart(14)} ms ${ratio(inProcessMs)}` +
          `  ${commandMs.toFixed(2).padStart(12)} ms ${ratio(commandMs)}`);
  }
}

main().catch((e) => {
  process.stderr.write(`peer.js: ${e.stack || e}\n`);
  process.exit(2);
});
