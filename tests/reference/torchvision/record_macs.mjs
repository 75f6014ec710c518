// MACs of the torchvision CNNs from onnxruntime's run-time shapes, and their logits.
//
//   /usr/bin/python3 make_models.py MODELS_DIR             (Debian's python3-torch/torchvision)
//   node record_macs.mjs MODELS_DIR                         (after npm install in tests/reference)
//
// For each MODELS_DIR/<name>.onnx, expose_tensors.py lists every node output as a graph output;
// onnxruntime runs that model on the formula input (common.mjs) and returns every tensor, so the
// shapes are the ones the run actually had, whatever Shape/Gather/Div/Slice computed them.
// MACs then follow from those shapes alone:
//   Conv:   output elements x (weight dim 1 = input channels per group) x kernel elements
//   Gemm:   output elements x A's inner dim (dim 1, or dim 0 with transA)
//   MatMul: output elements x A's last dim
// Writes macs.json (per model: total and per node) and <name>_logits.npy beside this script.
// Validation tooling only: not part of Foldwise's build.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ort from 'onnxruntime-node';
import { formulaInput, referenceSessionOptions, writeNpyFloat32 } from '../common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const modelsDir = process.argv[2];
if (!modelsDir) throw new Error('usage: node record_macs.mjs MODELS_DIR');
const work = mkdtempSync(join(tmpdir(), 'foldwise-macs-'));
const product = (dims) => dims.reduce((a, b) => a * b, 1);

const result = {
  generator: 'tests/reference/torchvision/record_macs.mjs',
  onnxruntime_node: JSON.parse(readFileSync(join(here, '..', 'node_modules', 'onnxruntime-node', 'package.json'))).version,
  input_formula: 'common.mjs formulaInput, shape 1x3x224x224',
  models: {},
};
for (const file of readdirSync(modelsDir).filter((f) => f.endsWith('.onnx')).sort()) {
  const name = file.replace(/\.onnx$/, '');
  const exposed = join(work, file);
  const infoPath = join(work, name + '.json');
  execFileSync('/usr/bin/python3', [join(here, 'expose_tensors.py'), join(modelsDir, file), exposed, infoPath]);
  const info = JSON.parse(readFileSync(infoPath, 'utf8'));
  const session = await ort.InferenceSession.create(exposed, referenceSessionOptions);
  const shape = [1, 3, 224, 224];
  const input = new ort.Tensor('float32', formulaInput(product(shape)), shape);
  const outputs = await session.run({ [session.inputNames[0]]: input });
  const dims = (t) => (outputs[t] ? outputs[t].dims.map(Number) : null);
  const perNode = {};
  let total = 0;
  for (const n of info.nodes) {
    let macs = null;
    const out = dims(n.outputs[0]);
    if (n.op === 'Conv') {
      const w = n.constant_dims[n.inputs[1]];
      macs = product(out) * w[1] * product(w.slice(2));
    } else if (n.op === 'Gemm') {
      const a = dims(n.inputs[0]) ?? n.constant_dims[n.inputs[0]];
      macs = product(out) * (n.attributes.transA ? a[0] : a[1]);
    } else if (n.op === 'MatMul') {
      const a = dims(n.inputs[0]) ?? n.constant_dims[n.inputs[0]];
      macs = product(out) * a[a.length - 1];
    }
    if (macs !== null) {
      perNode[n.name] = macs;
      total += macs;
    }
  }
  const logits = outputs[info.graph_outputs[0]];
  writeNpyFloat32(join(here, name + '_logits.npy'), logits.data, logits.dims.map(Number));
  result.models[name] = { total_macs: total, layers: Object.keys(perNode).length, per_node: perNode };
  console.log(`${name}: ${total} MACs in ${Object.keys(perNode).length} layers`);
}
writeFileSync(join(here, 'macs.json'), JSON.stringify(result, null, 1) + '\n');
