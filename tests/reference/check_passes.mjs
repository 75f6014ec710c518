// Runs a model transformed by a Foldwise pass (foldwise-cli fold-bn / fuse) and its original in
// onnxruntime on the same inputs and compares the first outputs.
//
//   cd tests/reference && node check_passes.mjs ORIGINAL.onnx TRANSFORMED.onnx [--tolerance T] [--identical]
//
// Validation tooling only (like check_annotated.mjs): nothing here is part of Foldwise's build.
//
// Inputs: the formula input of common.mjs and two seeded pseudo-random inputs in [-1, 1).
// The error is max |transformed - original| / max |original| (relative to the output's scale);
// it must be <= --tolerance (default 1e-5, the BatchNorm-folding bound). --identical requires
// bit-identical outputs (the fusion pass leaves the graph as it is).
// Prints one JSON line; exits non-zero when a model does not load or the outputs differ.

import { readFileSync } from 'node:fs';
import ort from 'onnxruntime-node';

import { formulaInput } from './common.mjs';

function seededInput(count, seed) {
  // A 32-bit linear congruential generator: reproducible, no dependencies.
  const x = new Float32Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = Math.fround((s / 4294967296) * 2 - 1);
  }
  return x;
}

async function open(path) {
  return ort.InferenceSession.create(readFileSync(path), {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'disabled',
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
}

async function runFirst(session, data, shape) {
  const inputName = session.inputNames[0];
  const results = await session.run({ [inputName]: new ort.Tensor('float32', data, shape) });
  return results[session.outputNames[0]];
}

let original = null;
let transformed = null;
let tolerance = 1e-5;
let identical = false;
let usage = false;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--tolerance' && i + 1 < args.length) tolerance = Number(args[++i]);
  else if (args[i] === '--identical') identical = true;
  else if (!args[i].startsWith('--') && !original) original = args[i];
  else if (!args[i].startsWith('--') && !transformed) transformed = args[i];
  else usage = true;
}
if (usage || !original || !transformed) {
  console.error('usage: node check_passes.mjs ORIGINAL.onnx TRANSFORMED.onnx [--tolerance T] [--identical]');
  process.exit(2);
}

const report = { original, transformed, mode: identical ? 'identical' : `relative <= ${tolerance}` };
try {
  const a = await open(original);
  const b = await open(transformed);
  const shape = (a.inputMetadata?.[0]?.shape ?? []).map((d) => (typeof d === 'number' && d > 0 ? d : 1));
  const count = shape.reduce((x, y) => x * y, 1);
  report.input_shape = shape;
  report.runs = [];
  let ok = true;
  for (const [name, data] of [['formula', formulaInput(count)], ['seed 1', seededInput(count, 1)], ['seed 2', seededInput(count, 2)]]) {
    const want = await runFirst(a, data, shape);
    const got = await runFirst(b, data, shape);
    if (want.data.length !== got.data.length) throw new Error(`${name}: output sizes differ`);
    let diff = 0;
    let scale = 0;
    let equal = true;
    for (let i = 0; i < want.data.length; i++) {
      diff = Math.max(diff, Math.abs(want.data[i] - got.data[i]));
      scale = Math.max(scale, Math.abs(want.data[i]));
      equal = equal && Object.is(want.data[i], got.data[i]);
    }
    const relative = diff / Math.max(scale, 1e-30);
    report.runs.push({ input: name, relative_error: relative, bit_identical: equal });
    ok = ok && (identical ? equal : relative <= tolerance);
  }
  await a.release();
  await b.release();
  report.ok = ok;
  console.log(JSON.stringify(report));
  process.exit(ok ? 0 : 1);
} catch (e) {
  report.ok = false;
  report.error = String(e.message ?? e).split('\n')[0];
  console.log(JSON.stringify(report));
  process.exit(1);
}
