// Runs an induced-ReLU model (foldwise-cli induce) in onnxruntime on a .npy input and compares
// its first output with Foldwise's output for the same input (foldwise-cli run ... --output-dir).
//
//   cd tests/reference && node check_induced.mjs INDUCED.onnx INPUT.npy FOLDWISE_OUTPUT.npy [--tolerance T]
//
// Validation tooling only (like check_passes.mjs): nothing here is part of Foldwise's build.
//
// The induced model computes masks with GreaterOrEqual (or Less before opset 12), Cast, Gather
// and Reshape and multiplies them into the induced layers' inputs; this checks that onnxruntime
// loads it and computes what Foldwise's executor does. The error is max |ort - foldwise| /
// max |foldwise| (relative to the output's scale) and must be <= --tolerance (default 1e-5);
// the top-1 agreement per item is reported too. Prints one JSON line; exits non-zero when the
// model does not load or the outputs differ.

import { readFileSync } from 'node:fs';
import ort from 'onnxruntime-node';

import { parseScriptArguments } from './common.mjs';

// A little-endian float32 .npy file (format 1.0 or 2.0, C order): {data, shape}.
function readNpyFloat32(path) {
  const bytes = readFileSync(path);
  if (bytes.toString('latin1', 0, 6) !== '\x93NUMPY') throw new Error(`${path}: not a .npy file`);
  const major = bytes.readUInt8(6);
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = bytes.toString('latin1', start, start + headerLength);
  if (!/'descr':\s*'<f4'/.test(header)) throw new Error(`${path}: only little-endian float32 is read here`);
  if (/'fortran_order':\s*True/.test(header)) throw new Error(`${path}: Fortran order is not read here`);
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)[1];
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s.length).map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const offset = start + headerLength;
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = bytes.readFloatLE(offset + 4 * i);
  return { data, shape };
}

function argmaxRows(data, rows) {
  const cols = data.length / rows;
  const out = [];
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < cols; c++) if (data[r * cols + c] > data[r * cols + best]) best = c;
    out.push(best);
  }
  return out;
}

const usage = 'usage: node check_induced.mjs INDUCED.onnx INPUT.npy FOLDWISE_OUTPUT.npy [--tolerance T]';
const { positionals, values } = parseScriptArguments(usage, 3, { tolerance: '1e-5' });
const [model, input, expected] = positionals;
const tolerance = Number(values.tolerance);

const report = { model, input, expected, tolerance };
try {
  const session = await ort.InferenceSession.create(readFileSync(model), {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'disabled',
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  const x = readNpyFloat32(input);
  const want = readNpyFloat32(expected);
  // A model exported with batch 1 (most are) runs item by item; the outputs are stacked.
  const declared = session.inputMetadata?.[0]?.shape ?? [];
  const fixedBatch = typeof declared[0] === 'number' && declared[0] > 0 ? declared[0] : x.shape[0];
  if (x.shape[0] % fixedBatch !== 0) throw new Error(`${x.shape[0]} items do not split into runs of ${fixedBatch}`);
  const itemSize = x.data.length / x.shape[0];
  const chunks = [];
  for (let first = 0; first < x.shape[0]; first += fixedBatch) {
    const part = x.data.subarray(first * itemSize, (first + fixedBatch) * itemSize);
    const results = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', part, [fixedBatch, ...x.shape.slice(1)]) });
    chunks.push(results[session.outputNames[0]].data);
  }
  const got = { data: new Float32Array(chunks.reduce((n, c) => n + c.length, 0)) };
  chunks.reduce((offset, c) => (got.data.set(c, offset), offset + c.length), 0);
  got.dims = want.shape;
  if (got.data.length !== want.data.length) throw new Error(`output sizes differ: ${got.data.length} values against [${want.shape}]`);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < want.data.length; i++) {
    diff = Math.max(diff, Math.abs(want.data[i] - got.data[i]));
    scale = Math.max(scale, Math.abs(want.data[i]));
  }
  const rows = want.shape[0];
  const a = argmaxRows(got.data, rows);
  const b = argmaxRows(want.data, rows);
  report.output_shape = got.dims;
  report.relative_error = diff / Math.max(scale, 1e-30);
  report.top1_agreement = a.filter((v, i) => v === b[i]).length / rows;
  report.ok = report.relative_error <= tolerance;
  await session.release();
  console.log(JSON.stringify(report));
  process.exit(report.ok ? 0 : 1);
} catch (e) {
  report.ok = false;
  report.error = String(e.message ?? e).split('\n')[0];
  console.log(JSON.stringify(report));
  process.exit(1);
}
