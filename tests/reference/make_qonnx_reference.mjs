// Generate onnxruntime reference tensors for Foldwise's execution of quantized (QONNX) models.
//
//   cd tests/reference && npm install --ignore-scripts && node make_qonnx_reference.mjs
//
// For each model below: qonnx_to_standard.py (Debian's /usr/bin/python3 with python3-onnx; override
// with the PYTHON environment variable) rewrites the QONNX operators into standard ONNX and adds the
// output of every activation quantizer as a graph output (--expose-quantizer-outputs); onnxruntime-node
// runs the rewrite on the formula input of README.md with the same session options as
// make_reference.mjs; every graph output and exposed quantizer output is written to
// qonnx/<model>__<sanitised tensor name>.npy and described in qonnx/manifest.json. Finally
// tests/data/qonnx/make_qonnx_fixtures.py --check compares the references with numpy formulas.
//
// onnxruntime-node is used here only as a validation tool; Foldwise never links or ships it.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { endianness, tmpdir } from 'node:os';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import ort from 'onnxruntime-node';

import { formulaInput, referenceSessionOptions } from './common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const require = createRequire(import.meta.url);
const ortVersion = require('onnxruntime-node/package.json').version;
const python = process.env.PYTHON ?? '/usr/bin/python3';
const outDir = join(here, 'qonnx');
const maxExposedElements = 200000;

const fixture = (name) => ({ name, source: `tests/data/qonnx/${name}.onnx` });
const real = (name, inputShape) => ({ name, source: `tests/data/qonnx/real/${name}.onnx`, inputShape });
const models = [
  fixture('quant_modes'),
  fixture('bipolar_trunc'),
  fixture('multithreshold'),
  fixture('small_qcnn'),
  fixture('channels_last'),
  real('radioml_vgg10_w8a8'),
  real('qonnxzoo_TFC_1W1A'),
  real('qonnxzoo_qkeras_jettagging'),
  real('labs_tfc_w2a2'),
  real('qonnx_qkeras_qconv2d_conversion'),
  real('hls4ml_separable_conv_model_ch_last', [1, 32, 32, 3]), // 1x512x512x3 upstream
];

const sessionOptions = referenceSessionOptions;

const npyDescr = { float32: '<f4', float64: '<f8', int64: '<i8', int32: '<i4', uint8: '|u1', int8: '|i1', bool: '|b1' };

// NumPy .npy format 1.0 of any plain numeric tensor (header as in common.mjs: padded to 64 bytes).
function writeNpy(path, tensor, shape) {
  const descr = npyDescr[tensor.type];
  if (!descr) throw new Error(`writeNpy: unsupported tensor type ${tensor.type} for ${path}`);
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = 10 + header.length + 1;
  header = header + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const data = tensor.data;
  const body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const pre = Buffer.alloc(10);
  pre.write('\x93NUMPY', 0, 'latin1');
  pre.writeUInt8(1, 6);
  pre.writeUInt8(0, 7);
  pre.writeUInt16LE(header.length, 8);
  writeFileSync(path, Buffer.concat([pre, Buffer.from(header, 'latin1'), body]));
}

const sanitise = (name) => name.replace(/[^A-Za-z0-9._-]/g, '_');
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function minMax(data) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of data) {
    const x = Number(v);
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}

if (endianness() !== 'LE') throw new Error('the .npy files are written as little-endian; run on a little-endian machine');
mkdirSync(outDir, { recursive: true });
for (const f of readdirSync(outDir)) if (f.endsWith('.npy')) unlinkSync(join(outDir, f));
const tmp = mkdtempSync(join(tmpdir(), 'qonnx-ref-'));

const manifest = {
  generator: 'tests/reference/make_qonnx_reference.mjs',
  rewriter: 'tests/reference/qonnx_to_standard.py --expose-quantizer-outputs',
  onnxruntime_node: ortVersion,
  session_options: sessionOptions,
  input_formula:
    'x[i] = float32(((i * 7919) % 10007) / 10007.0 * 4.0 - 2.0), i = flat row-major index, float64 arithmetic, one final rounding to float32',
  max_exposed_elements: maxExposedElements,
  models: {},
};

try {
  for (const model of models) {
    const src = join(repo, model.source);
    const rewritten = join(tmp, `${model.name}.onnx`);
    const infoPath = join(tmp, `${model.name}.json`);
    const args = [join(here, 'qonnx_to_standard.py'), src, rewritten, '--expose-quantizer-outputs', '--info-json', infoPath];
    if (model.inputShape) args.push('--input-shape', model.inputShape.join(','));
    execFileSync(python, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    const info = JSON.parse(readFileSync(infoPath, 'utf8'));

    const session = await ort.InferenceSession.create(rewritten, sessionOptions);
    if (session.inputNames.length !== 1) throw new Error(`${model.name}: expected one graph input, got ${session.inputNames}`);
    const inputName = session.inputNames[0];
    const inputShape = session.inputMetadata?.[0]?.shape;
    if (!inputShape || inputShape.some((d) => typeof d !== 'number' || d <= 0)) {
      throw new Error(`${model.name}: input shape is not static: ${JSON.stringify(inputShape)}`);
    }
    const x = formulaInput(inputShape.reduce((a, b) => a * b, 1));
    const results = await session.run({ [inputName]: new ort.Tensor('float32', x, inputShape) });

    const quantizerOf = new Map(info.quantizers.map((q) => [q.tensor, q]));
    const usedFiles = new Set();
    const tensors = [];
    for (const name of session.outputNames) {
      const t = results[name];
      const shape = t.dims.map(Number);
      const q = quantizerOf.get(name);
      const isGraphOutput = info.original_outputs.includes(name);
      const entry = {
        tensor: name,
        file: null,
        shape,
        dtype: npyDescr[t.type] ?? t.type,
        is_graph_output: isGraphOutput,
        is_quantizer_output: q !== undefined,
        quantizer_op: q?.op ?? null,
        scale: q?.output_scale_scalar ?? null,
      };
      if (q) {
        const { tensor, op, x_is_constant, exposed, output_scale_scalar, ...params } = q;
        entry.quantizer = params;
      }
      if (q && !isGraphOutput && t.data.length > maxExposedElements) {
        entry.skipped = `${t.data.length} elements > ${maxExposedElements}: not written`;
      } else {
        let file = `${model.name}__${sanitise(name)}.npy`;
        for (let k = 1; usedFiles.has(file); k++) file = `${model.name}__${sanitise(name)}_${k}.npy`;
        usedFiles.add(file);
        writeNpy(join(outDir, file), t, shape);
        entry.file = file;
        [entry.min, entry.max] = minMax(t.data);
      }
      tensors.push(entry);
    }
    await session.release();

    manifest.models[model.name] = {
      source: model.source,
      model_sha256: sha256(readFileSync(src)),
      original_opset: info.original_opset,
      rewritten_opset: info.opset,
      upgraded_ops: info.upgraded_ops,
      input_name: inputName,
      input_shape: inputShape,
      input_shape_overridden: model.inputShape !== undefined,
      input_sha256_f32le: sha256(Buffer.from(x.buffer, x.byteOffset, x.byteLength)),
      input_first: Array.from(x.slice(0, 4)),
      quantizers: info.quantizers.map((q) => ({
        tensor: q.tensor, op: q.op, domain: q.domain, x_is_constant: q.x_is_constant, exposed: q.exposed,
      })),
      tensors,
    };
    const written = tensors.filter((e) => e.file).length;
    console.log(`${model.name}: input ${inputName} [${inputShape}], ${tensors.length} tensors (${written} written), ` +
      `${info.quantizers.length} quantizers (${info.quantizers.filter((q) => q.exposed).length} exposed)`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
const total = readdirSync(outDir).reduce((sum, f) => sum + statSync(join(outDir, f)).size, 0);
console.log(`onnxruntime-node ${ortVersion}; wrote qonnx/manifest.json, qonnx/ holds ${(total / 1e6).toFixed(2)} MB`);
if (total > 3e6) console.warn('warning: qonnx/ is larger than 3 MB');

// Independent check of the references against numpy formulas.
execFileSync(python, [join(repo, 'tests', 'data', 'qonnx', 'make_qonnx_fixtures.py'), '--check', outDir], {
  stdio: ['ignore', 'inherit', 'inherit'],
});
