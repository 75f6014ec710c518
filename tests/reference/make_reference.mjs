// Generate onnxruntime reference outputs for Foldwise's whole-model executor tests.
//
//   cd tests/reference && npm install --ignore-scripts && node make_reference.mjs [/path/to/build/release/models]
//
// The models folder defaults to ../../build/release/models relative to this script:
// where the release build writes the seeded reference models (tests/models, target
// reference_models). The example model is always read from
// ../../resources/example/digits_cnn.onnx.
//
// onnxruntime-node is used here only as a validation tool; Foldwise never
// links or ships it.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import ort from 'onnxruntime-node';

import { formulaInput, writeNpyFloat32, referenceSessionOptions } from './common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const ortVersion = require('onnxruntime-node/package.json').version;

const modelsDir = resolve(process.argv[2] ?? join(here, '..', '..', 'build', 'release', 'models'));
const exampleDir = resolve(here, '..', '..', 'resources', 'example');

const models = [
  { name: 'resnet18', path: join(modelsDir, 'resnet18.onnx'), label: 'build/release/models/resnet18.onnx (tests/models)' },
  { name: 'mobilenet_v2', path: join(modelsDir, 'mobilenet_v2.onnx'), label: 'build/release/models/mobilenet_v2.onnx (tests/models)' },
  { name: 'cnv', path: join(modelsDir, 'cnv.onnx'), label: 'build/release/models/cnv.onnx (tests/models)' },
  { name: 'digits_cnn', path: join(exampleDir, 'digits_cnn.onnx'), label: 'resources/example/digits_cnn.onnx' },
];

const sessionOptions = referenceSessionOptions;

function argmax(values) {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

const manifest = {
  generator: 'tests/reference/make_reference.mjs',
  onnxruntime_node: ortVersion,
  session_options: sessionOptions,
  input_formula:
    'x[i] = float32(((i * 7919) % 10007) / 10007.0 * 4.0 - 2.0), i = flat row-major index, float64 arithmetic, one final rounding to float32',
  models: {},
};

let failed = false;
for (const model of models) {
  if (!existsSync(model.path)) {
    console.error(`missing model: ${model.path}`);
    failed = true;
    continue;
  }
  const session = await ort.InferenceSession.create(model.path, sessionOptions);
  if (session.inputNames.length !== 1) {
    throw new Error(`${model.name}: expected one graph input, got ${session.inputNames}`);
  }
  const inputName = session.inputNames[0];
  const inputMeta = session.inputMetadata?.[0];
  const inputShape = inputMeta?.shape;
  if (!inputShape || inputShape.some((d) => typeof d !== 'number' || d <= 0)) {
    throw new Error(`${model.name}: input shape is not static: ${JSON.stringify(inputShape)}`);
  }
  const count = inputShape.reduce((a, b) => a * b, 1);
  const x = formulaInput(count);
  const feeds = { [inputName]: new ort.Tensor('float32', x, inputShape) };

  const results = await session.run(feeds);
  const outputName = session.outputNames.includes('logits') ? 'logits' : session.outputNames[0];
  const out = results[outputName];
  if (out.type !== 'float32') throw new Error(`${model.name}: output type ${out.type}, expected float32`);
  const outShape = out.dims.map(Number);
  const file = `${model.name}_logits.npy`;
  writeNpyFloat32(join(here, file), out.data, outShape);

  const inputSha = createHash('sha256')
    .update(Buffer.from(x.buffer, x.byteOffset, x.byteLength))
    .digest('hex');
  manifest.models[model.name] = {
    model: model.label,
    model_sha256: createHash('sha256').update(readFileSync(model.path)).digest('hex'),
    input_name: inputName,
    input_shape: inputShape,
    input_sha256_f32le: inputSha,
    input_first: Array.from(x.slice(0, 4)),
    output_name: outputName,
    output_shape: outShape,
    output_file: file,
    argmax: argmax(out.data),
  };
  console.log(
    `${model.name}: input ${inputName} [${inputShape}] -> ${outputName} [${outShape}], ` +
      `first5 ${Array.from(out.data.slice(0, 5)).map((v) => v.toPrecision(7)).join(' ')}, ` +
      `argmax ${argmax(out.data)} -> ${file}`,
  );
  await session.release();
}

writeFileSync(join(here, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`onnxruntime-node ${ortVersion}; wrote manifest.json`);
if (failed) process.exit(1);
