// Reference outputs of a TensorFlow.js graph model on the pure-JS CPU backend, for the converter's parity test.
//
// node reference.mjs --model <model.json> --out <dir> [--input <raw float32 file> | --seed <n> [--range lo,hi]]
//                    [--output <tensor name>]...
//
// Loads model.json and its weight shards from the file system (no network), feeds one input (read from a raw
// little-endian float32 file, or drawn from a seeded PRNG), runs the graph and writes into <dir>:
//   input.bin, output_<i>.bin  raw little-endian float32 (int32 and bool outputs converted to float32)
//   meta.json                  {backend, tfjs, model, inputs: [{name, shape, file}], outputs: [{name, shape, dtype, file}]}
// Without --output the model's default outputs are computed.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';

function parseArgs(argv) {
  const args = { outputs: [] };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value for ${key}`);
    i++;
    switch (key) {
      case '--model': args.model = value; break;
      case '--out': args.out = value; break;
      case '--input': args.input = value; break;
      case '--seed': args.seed = Number.parseInt(value, 10); break;
      case '--range': args.range = value.split(',').map(Number); break;
      case '--output': args.outputs.push(value); break;
      default: throw new Error(`unknown argument ${key}`);
    }
  }
  if (!args.model || !args.out) throw new Error('--model and --out are required');
  return args;
}

// An IOHandler that reads model.json and the weight shards from disk.
function fileHandler(modelJsonPath) {
  return {
    load: async () => {
      const json = JSON.parse(fs.readFileSync(modelJsonPath, 'utf8'));
      const dir = path.dirname(modelJsonPath);
      const specs = [];
      const buffers = [];
      for (const group of json.weightsManifest) {
        specs.push(...group.weights);
        for (const p of group.paths) buffers.push(fs.readFileSync(path.join(dir, p)));
      }
      const all = Buffer.concat(buffers);
      const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        signature: json.signature,
        userDefinedMetadata: json.userDefinedMetadata,
        weightSpecs: specs,
        weightData,
      };
    },
  };
}

// mulberry32: a small deterministic PRNG, so the Java side could reproduce the input if it wanted to.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function writeFloats(file, data) {
  const f32 = data instanceof Float32Array ? data : Float32Array.from(data, (v) => Number(v));
  fs.writeFileSync(file, Buffer.from(f32.buffer, f32.byteOffset, f32.byteLength));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  await tf.setBackend('cpu');
  await tf.ready();
  const model = await tf.loadGraphModel(fileHandler(path.resolve(args.model)));
  if (model.inputs.length !== 1) throw new Error(`expected one model input, got ${model.inputs.length}`);
  const info = model.inputs[0];
  const shape = info.shape.map((d) => (d == null || d < 0 ? 1 : d));
  const size = shape.reduce((a, b) => a * b, 1);

  let values;
  if (args.input) {
    const buf = fs.readFileSync(args.input);
    if (buf.byteLength !== size * 4) throw new Error(`input file holds ${buf.byteLength} bytes, shape ${shape} needs ${size * 4}`);
    values = new Float32Array(size);
    for (let i = 0; i < size; i++) values[i] = buf.readFloatLE(i * 4);
  } else {
    const rand = mulberry32(args.seed ?? 1);
    const [lo, hi] = args.range ?? [0, 1];
    values = new Float32Array(size);
    for (let i = 0; i < size; i++) values[i] = lo + (hi - lo) * rand();
  }
  fs.mkdirSync(args.out, { recursive: true });
  writeFloats(path.join(args.out, 'input.bin'), values);

  const x = tf.tensor(values, shape, 'float32');
  const names = args.outputs.length > 0 ? args.outputs : model.outputs.map((o) => o.name);
  let results;
  try {
    results = model.execute({ [info.name]: x }, names);
  } catch (e) {
    // Graphs with control flow or dynamic shapes only run asynchronously.
    results = await model.executeAsync({ [info.name]: x }, names);
  }
  if (!Array.isArray(results)) results = [results];

  const meta = {
    backend: tf.getBackend(),
    tfjs: tf.version.tfjs,
    model: path.basename(args.model),
    inputs: [{ name: info.name, shape, file: 'input.bin' }],
    outputs: [],
  };
  for (let i = 0; i < results.length; i++) {
    const file = `output_${i}.bin`;
    writeFloats(path.join(args.out, file), await results[i].data());
    meta.outputs.push({ name: names[i], shape: results[i].shape, dtype: results[i].dtype, file });
  }
  fs.writeFileSync(path.join(args.out, 'meta.json'), JSON.stringify(meta, null, 2));
  process.stdout.write(`reference: ${meta.model} on ${meta.backend} (tfjs ${meta.tfjs}): ${results.length} outputs\n`);
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exit(1);
});
