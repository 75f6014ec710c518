// Load an (annotated) ONNX model in onnxruntime and run it once on the formula input.
//
//   cd tests/reference && node check_annotated.mjs MODEL.onnx [--expect OUT.npy [--tolerance T]]
//
// Validation tooling only (like make_reference.mjs): nothing here is part of Foldwise's build.
//
// Both annotation styles of `foldwise-cli profile --annotate` must load as they are: in
// fpgaConvNet's form each annotated Conv is a call of a model-local function wrapping the
// standard Conv (core/profile/AnnotatedConv.h), which onnxruntime inlines.
//
// --expect compares the first output with a float32 .npy (e.g. `foldwise-cli run` on the same
// model and the same formula input) within --tolerance (default 1e-4, absolute).
// Prints one JSON line; exits non-zero on any failure.

import { readFileSync } from 'node:fs';
import ort from 'onnxruntime-node';

import { formulaInput, parseScriptArguments } from './common.mjs';

// ---- .npy (float32, C order) for --expect

function readNpyFloat32(path) {
  const buf = readFileSync(path);
  if (buf.toString('latin1', 0, 6) !== '\x93NUMPY') throw new Error(`${path}: not a .npy file`);
  const major = buf[6];
  const headerLength = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const offset = (major === 1 ? 10 : 12) + headerLength;
  const header = buf.toString('latin1', major === 1 ? 10 : 12, offset);
  if (!header.includes("'<f4'") || header.includes("'fortran_order': True")) {
    throw new Error(`${path}: expected little-endian float32 in C order`);
  }
  const data = new Float32Array(buf.buffer.slice(buf.byteOffset + offset, buf.byteOffset + buf.length));
  return data;
}

// ---- main

const usage = 'usage: node check_annotated.mjs MODEL.onnx [--expect OUT.npy [--tolerance T]]';
const { positionals, values } = parseScriptArguments(usage, 1, { expect: null, tolerance: '1e-4' });
const [modelPath] = positionals;
const expectPath = values.expect;
const tolerance = Number(values.tolerance);

const report = { model: modelPath };
try {
  const bytes = readFileSync(modelPath);
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'disabled',
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  const inputName = session.inputNames[0];
  const shape = (session.inputMetadata?.[0]?.shape ?? []).map((d) => (typeof d === 'number' && d > 0 ? d : 1));
  const count = shape.reduce((a, b) => a * b, 1);
  const results = await session.run({ [inputName]: new ort.Tensor('float32', formulaInput(count), shape) });
  const outputName = session.outputNames[0];
  const out = results[outputName];
  report.loaded = true;
  report.input = { name: inputName, shape };
  report.output = { name: outputName, shape: out.dims.map(Number) };
  if (expectPath) {
    const want = readNpyFloat32(expectPath);
    if (want.length !== out.data.length) throw new Error(`--expect holds ${want.length} values, the output ${out.data.length}`);
    let maxError = 0;
    for (let i = 0; i < want.length; i++) maxError = Math.max(maxError, Math.abs(want[i] - out.data[i]));
    report.max_abs_error = maxError;
    if (!(maxError <= tolerance)) throw new Error(`outputs differ by ${maxError} (tolerance ${tolerance})`);
  }
  await session.release();
  console.log(JSON.stringify(report));
} catch (e) {
  report.loaded = report.loaded ?? false;
  report.error = String(e.message ?? e).split('\n')[0];
  console.log(JSON.stringify(report));
  process.exit(1);
}
