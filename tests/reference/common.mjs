// Shared helpers for the onnxruntime validation scripts in this folder.
// Validation tooling only: nothing here is part of Foldwise's build.

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

// Deterministic input, reproducible bit-exactly in C++:
//   x[i] = float32( ((i * 7919) % 10007) / 10007.0 * 4.0 - 2.0 )
// i is the flat row-major index (0 .. N-1); the arithmetic is IEEE-754
// float64, evaluated left to right (divide, then * 4.0, then - 2.0), and only
// the final value is rounded to float32 (round-to-nearest-even).
// i * 7919 stays below 2^31 for every tensor used here, so integer overflow is
// not a concern (use int64 in C++ anyway).
export function formulaInput(count) {
  const x = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    x[i] = Math.fround(((i * 7919) % 10007) / 10007.0 * 4.0 - 2.0);
  }
  return x;
}

// Write a little-endian float32 array as a NumPy .npy file, format 1.0.
export function writeNpyFloat32(path, data, shape) {
  if (!(data instanceof Float32Array)) {
    throw new TypeError(`writeNpyFloat32: expected Float32Array for ${path}`);
  }
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) {
    throw new Error(`writeNpyFloat32: shape [${shape}] does not match ${data.length} values for ${path}`);
  }
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // magic (6) + version (2) + header length (2) + header, ending in '\n',
  // padded with spaces so the total preamble is a multiple of 64 bytes.
  const preamble = 10;
  const unpadded = preamble + header.length + 1;
  const padding = (64 - (unpadded % 64)) % 64;
  header = header + ' '.repeat(padding) + '\n';
  const headerBytes = Buffer.from(header, 'latin1');
  if (headerBytes.length > 0xffff) throw new Error('npy header too long for format 1.0');

  const out = Buffer.alloc(preamble + headerBytes.length + data.length * 4);
  out.write('\x93NUMPY', 0, 'latin1');
  out.writeUInt8(1, 6); // major version
  out.writeUInt8(0, 7); // minor version
  out.writeUInt16LE(headerBytes.length, 8);
  headerBytes.copy(out, preamble);
  let offset = preamble + headerBytes.length;
  for (let i = 0; i < data.length; i++, offset += 4) {
    out.writeFloatLE(data[i], offset);
  }
  writeFileSync(path, out);
}

// Plain graph semantics, deterministic: no graph rewrites, one thread, CPU only. Every
// reference in this folder is made with these options.
export const referenceSessionOptions = {
  executionProviders: ['cpu'],
  graphOptimizationLevel: 'disabled',
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
};

// A check script's command line: exactly `positionalCount` positional arguments and the
// `options` (name -> default) as --name VALUE. Anything else prints `usage` and exits with 2.
export function parseScriptArguments(usage, positionalCount, options) {
  let parsed = null;
  try {
    parsed = parseArgs({
      options: Object.fromEntries(Object.keys(options).map((name) => [name, { type: 'string' }])),
      allowPositionals: true,
    });
  } catch {
    // an unknown option or one without its value: the usage below
  }
  if (!parsed || parsed.positionals.length !== positionalCount) {
    console.error(usage);
    process.exit(2);
  }
  return { positionals: parsed.positionals, values: { ...options, ...parsed.values } };
}
