// Load an (annotated) ONNX model in onnxruntime and run it once on the formula input.
//
//   cd tests/reference && node check_annotated.mjs MODEL.onnx [--strip-annotations] [--expect OUT.npy [--tolerance T]]
//
// Validation tooling only (like make_reference.mjs): nothing here is part of Foldwise's build.
//
// Models written by `foldwise-cli profile --annotate-style metadata` load as they are.
// fpgaConvNet's form (`--annotate-style fpgaconvnet`, the default) carries a FLOATS attribute
// `channel_sparsity_hist` on each Conv; onnxruntime, like ONNX's checker, rejects attributes a
// standard op does not define ("Unrecognized attribute"). --strip-annotations removes exactly
// those attributes (editing the protobuf bytes, nothing else) before loading, which shows the
// rest of the annotated model (graph, weights, ThresholdedRelu nodes) is valid ONNX.
//
// --expect compares the first output with a float32 .npy (e.g. `foldwise-cli run` on the same
// model and the same formula input) within --tolerance (default 1e-4, absolute).
// Prints one JSON line; exits non-zero on any failure.

import { readFileSync } from 'node:fs';
import ort from 'onnxruntime-node';

import { formulaInput } from './common.mjs';

const ANNOTATION = 'channel_sparsity_hist';

// ---- minimal protobuf wire-format walking (varints, length-delimited fields)

function readVarint(buf, pos) {
  let value = 0;
  let scale = 1;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const b = buf[pos++];
    value += (b & 0x7f) * scale;
    if (b < 0x80) return [value, pos];
    scale *= 128;
  }
}

function writeVarint(value) {
  const out = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return Buffer.from(out);
}

// Splits a message into its fields: {field, wire, raw (the whole field's bytes), payload}.
function fields(buf) {
  const out = [];
  let pos = 0;
  while (pos < buf.length) {
    const start = pos;
    const [tag, afterTag] = readVarint(buf, pos);
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    pos = afterTag;
    let payload = null;
    if (wire === 0) {
      [, pos] = readVarint(buf, pos);
    } else if (wire === 1) {
      pos += 8;
    } else if (wire === 5) {
      pos += 4;
    } else if (wire === 2) {
      const [length, afterLength] = readVarint(buf, pos);
      payload = buf.subarray(afterLength, afterLength + length);
      pos = afterLength + length;
    } else {
      throw new Error(`unsupported wire type ${wire}`);
    }
    if (pos > buf.length) throw new Error('truncated field');
    out.push({ field, wire, raw: buf.subarray(start, pos), payload });
  }
  return out;
}

function lengthDelimited(field, payload) {
  return Buffer.concat([writeVarint(field * 8 + 2), writeVarint(payload.length), payload]);
}

// Rebuilds `buf` with `edit(field)` applied to each field: it returns the replacement bytes.
function rewrite(buf, edit) {
  return Buffer.concat(fields(buf).map(edit));
}

function attributeName(attribute) {
  const name = fields(attribute).find((f) => f.field === 1 && f.wire === 2);
  return name ? name.payload.toString('utf8') : '';
}

// ModelProto.graph (7) -> GraphProto.node (1) -> NodeProto.attribute (5) -> AttributeProto.name (1)
function stripAnnotations(model) {
  let stripped = 0;
  const bytes = rewrite(model, (m) => {
    if (m.field !== 7 || m.wire !== 2) return m.raw;
    const graph = rewrite(m.payload, (g) => {
      if (g.field !== 1 || g.wire !== 2) return g.raw;
      const node = rewrite(g.payload, (n) => {
        if (n.field === 5 && n.wire === 2 && attributeName(n.payload) === ANNOTATION) {
          ++stripped;
          return Buffer.alloc(0);
        }
        return n.raw;
      });
      return lengthDelimited(1, node);
    });
    return lengthDelimited(7, graph);
  });
  return [bytes, stripped];
}

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

let modelPath = null;
let strip = false;
let expectPath = null;
let tolerance = 1e-4;
let usage = false;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--strip-annotations') strip = true;
  else if (args[i] === '--expect' && i + 1 < args.length) expectPath = args[++i];
  else if (args[i] === '--tolerance' && i + 1 < args.length) tolerance = Number(args[++i]);
  else if (!modelPath && !args[i].startsWith('--')) modelPath = args[i];
  else usage = true;
}
if (usage || !modelPath) {
  console.error('usage: node check_annotated.mjs MODEL.onnx [--strip-annotations] [--expect OUT.npy [--tolerance T]]');
  process.exit(2);
}

const report = { model: modelPath, stripped_attributes: 0 };
try {
  let bytes = readFileSync(modelPath);
  if (strip) [bytes, report.stripped_attributes] = stripAnnotations(bytes);
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
