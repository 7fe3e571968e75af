// Validates Kubernetes objects against the API schemas of the npm package
// kubernetes-models (docs/deployment.md, "How the checks prove it"). Reads a JSON array
// of objects on stdin; prints {version, results, fields}: for each object its errors
// (empty when it is valid). An object whose apiVersion and kind no model knows is an error.
// Two passes: the models' own validate() (types, formats, required fields, enums), then
// unknown fields — which the models' schemas let through, and the API server would drop or
// refuse — found by walking the object along the models' TypeScript declarations.
// Usage: node validate.mjs NODE_MODULES_DIR < objects.json
// Runs on Node.js 18 (Debian 12's) and later. The models are ES modules, loaded by path
// because they live in the project's node_modules, not beside this file.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const npm = process.argv[2];
const models = npm && join(npm, 'kubernetes-models');
if (!models || !existsSync(join(models, 'package.json'))) {
  console.error(`validate.mjs: no kubernetes-models under ${npm} (scripts/bootstrap installs it)`);
  process.exit(2);
}
const version = JSON.parse(readFileSync(join(models, 'package.json'), 'utf8')).version;

// "apps/v1" -> <models>/apps/v1/index.js; the core group "v1" -> <models>/v1/index.js.
const groups = new Map();
async function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !/^[a-z0-9./-]+$/.test(apiVersion)) return null;
  if (!groups.has(apiVersion)) {
    const index = join(models, apiVersion, 'index.js');
    groups.set(apiVersion, existsSync(index) ? await import(pathToFileURL(index).href) : {});
  }
  // Only the top-level kinds carry apiVersion and kind as static fields.
  return Object.values(groups.get(apiVersion))
      .find((m) => typeof m === 'function' && m.apiVersion === apiVersion && m.kind === kind) ?? null;
}

// ---- The declarations: `export interface IName { "field"?: Type; ... }`, the imports that
// name other files' interfaces, and `export type { IName as IIoK8s... }` aliases.
const files = new Map();
function declarations(file) {
  if (files.has(file)) return files.get(file);
  const d = { interfaces: new Map(), aliases: new Map(), imports: new Map(), file };
  files.set(file, d);
  if (!existsSync(file)) return d;
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
    let target = m[2];
    target = target.startsWith('.') ? join(dirname(file), target) : join(npm, target);
    target = target.replace(/\.js$/, '') + '.d.ts';
    for (const name of m[1].split(',').map((s) => s.replace(/^\s*type\s+/, '').trim()).filter(Boolean)) {
      d.imports.set(name, target);
    }
  }
  for (const m of text.matchAll(/export type \{([^}]*)\}/g)) {
    for (const pair of m[1].split(',')) {
      const [local, alias] = pair.split(' as ').map((s) => s.trim());
      if (alias) d.aliases.set(alias, local);
    }
  }
  for (const m of text.matchAll(/export type (\w+) = ([^;]+);/g)) d.aliases.set(m[1], m[2].trim());
  for (const m of text.matchAll(/export interface (\w+)(?: extends ([\w, ]+))? \{/g)) {
    const [body] = balanced(text, m.index + m[0].length - 1);
    d.interfaces.set(m[1], { body, extends: m[2] ?? '' });
  }
  return d;
}

// The text between the brace at `open` and its match, and the index after it.
function balanced(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{' || text[i] === '<') depth++;
    if (text[i] === '}' || text[i] === '>') depth--;
    if (depth === 0) return [text.slice(open + 1, i), i + 1];
  }
  return [text.slice(open + 1), text.length];
}

// `"name"?: Type;` members of an interface body or an inline object type; null when the
// body is an index signature (a map).
function members(body) {
  const fields = new Map();
  let i = 0;
  if (/^\s*\[key: string\]/.test(body)) return null;
  while (i < body.length) {
    const m = /^\s*"([^"]+)"\??:\s*/.exec(body.slice(i));
    if (!m) break;
    i += m[0].length;
    let j = i;
    let depth = 0;
    for (; j < body.length; j++) {
      const c = body[j];
      if (c === '{' || c === '<' || c === '(' || c === '[') depth++;
      if (c === '}' || c === '>' || c === ')' || c === ']') depth--;
      if (c === ';' && depth === 0) break;
    }
    fields.set(m[1], body.slice(i, j).trim());
    i = j + 1;
  }
  return fields;
}

// A type as a walker: {object: Map of field -> [type, declarations]} | {array} | {map} | leaf.
function resolve(type, d) {
  type = type.trim();
  let m;
  if ((m = /^Array<([\s\S]*)>$/.exec(type))) return { array: [m[1], d] };
  if (type.startsWith('{')) {
    const [body] = balanced(type, 0);
    const fields = members(body);
    if (fields === null) {
      const value = /^\s*\[key: string\]:\s*([\s\S]*?);?\s*$/.exec(body);
      return { map: [value ? value[1] : 'unknown', d] };
    }
    return { object: new Map([...fields].map(([k, t]) => [k, [t, d]])) };
  }
  if (!/^\w+$/.test(type)) return {};  // literals, unions, primitives, IX["kind"]
  if (d.aliases.has(type)) {
    const target = d.aliases.get(type);
    return target === type ? {} : resolve(target, d);
  }
  if (d.interfaces.has(type)) {
    const { body, extends: parents } = d.interfaces.get(type);
    const fields = members(body);
    if (fields === null || (fields.size === 0 && !parents)) return {};  // open (RawExtension, maps)
    const object = new Map([...fields].map(([k, t]) => [k, [t, d]]));
    if (/\bTypeMeta\b/.test(parents)) object.set('apiVersion', ['string', d]).set('kind', ['string', d]);
    return { object };
  }
  if (d.imports.has(type)) return resolve(type, declarations(d.imports.get(type)));
  return {};
}

function unknownFields(value, type, d, path, out) {
  const t = resolve(type, d);
  if (t.array && Array.isArray(value)) {
    value.forEach((v, i) => unknownFields(v, t.array[0], t.array[1], `${path}/${i}`, out));
  } else if (t.map && value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) unknownFields(v, t.map[0], t.map[1], `${path}/${k}`, out);
  } else if (t.object && value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (!t.object.has(k)) out.push(`${path}/${k}: unknown field`);
      else unknownFields(v, t.object.get(k)[0], t.object.get(k)[1], `${path}/${k}`, out);
    }
  }
}

const objects = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
let fields = 0;
for (const object of objects) {
  const Model = await modelFor(object?.apiVersion, object?.kind);
  if (!Model) {
    results.push([`no model for apiVersion ${object?.apiVersion} kind ${object?.kind} `
                  + `in kubernetes-models ${version}`]);
    continue;
  }
  const errors = [];
  try {
    new Model(object).validate();
  } catch (e) {
    errors.push(...(Array.isArray(e?.errors) && e.errors.length > 0
      ? e.errors.map((d) => `${d.instancePath || '/'}: ${d.message}${d.params ? ' ' + JSON.stringify(d.params) : ''}`)
      : [String(e?.message ?? e)]));
  }
  const d = declarations(join(models, object.apiVersion, `${object.kind}.d.ts`));
  const top = `I${object.kind}`;
  if (!d.interfaces.has(top)) {
    errors.push(`no declaration of ${top} in kubernetes-models ${version}`);
  } else {
    unknownFields(object, top, d, '', errors);
    fields++;
  }
  results.push(errors);
}
process.stdout.write(JSON.stringify({ version, results, fields }));
