// Time onnxruntime CPU inference of resnet18 as a user would run it, for comparison
// with Foldwise's own executor. Validation/benchmark tooling only.
//
//   cd tests/reference && npm install --ignore-scripts && node bench_onnxruntime.mjs [/path/to/build/release/models]
//
// Input: the same formula input as make_reference.mjs (see common.mjs).
// Session: CPU EP, graphOptimizationLevel 'all', intraOpNumThreads 1 and 2.
// 3 warm-up runs, then the median of 20 timed runs. One JSON line per thread count:
//   {"runtime":"onnxruntime","threads":N,"model":"resnet18","median_ms":X}

import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import ort from 'onnxruntime-node';

import { formulaInput } from './common.mjs';

// Options: --model FILE times that model instead; --threads N only that thread count.
const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const modelOption = option('--model');
const threadsOption = option('--threads');
// The models folder defaults to where the release build writes the reference models (tests/models).
const modelsDir = resolve(args[0] ?? join(here, '..', '..', 'build', 'release', 'models'));
const modelPath = modelOption ? resolve(modelOption) : join(modelsDir, 'resnet18.onnx');
const modelName = modelOption ? basename(modelPath, '.onnx') : 'resnet18';
const WARMUP = 3;
const RUNS = 20;

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

for (const threads of threadsOption ? [Number(threadsOption)] : [1, 2]) {
  const session = await ort.InferenceSession.create(modelPath, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
  });
  const inputName = session.inputNames[0];
  const shape = session.inputMetadata[0].shape;
  const count = shape.reduce((a, b) => a * b, 1);
  const feeds = { [inputName]: new ort.Tensor('float32', formulaInput(count), shape) };

  for (let i = 0; i < WARMUP; i++) await session.run(feeds);
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await session.run(feeds);
    times.push(performance.now() - t0);
  }
  await session.release();
  console.log(
    JSON.stringify({
      runtime: 'onnxruntime',
      threads,
      model: modelName,
      median_ms: Number(median(times).toFixed(3)),
    }),
  );
}
