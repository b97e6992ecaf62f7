// Keeps docs/openapi.yaml in step with the server: every route of the route tables in
// src/http/h_*.c is documented with its method, and the document names no path or method the
// server does not have. Reads the sources; needs no build and no server.
// The YAML is read with a few lines of plain JS: docs/openapi.yaml keeps `paths:` regular
// (a path key at two spaces, its methods at four, each operation's operationId at six).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));
const httpDir = path.join(root, 'src/http');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// { file, table, method, path } for every entry of every `const sh_route sh_routes_x[] = {…};`.
function serverRoutes() {
  const routes = [];
  const tables = [];
  for (const file of readdirSync(httpDir).filter((f) => /^h_.*\.c$/.test(f)).sort()) {
    const src = readFileSync(path.join(httpDir, file), 'utf8');
    const tableRe = /const\s+sh_route\s+(sh_routes_\w+)\s*\[\s*\]\s*=\s*\{([\s\S]*?)\n\};/g;
    for (const [, table, body] of src.matchAll(tableRe)) {
      tables.push({ file, table });
      const entryRe = /\{\s*"([A-Z]+)"\s*,\s*"([^"]+)"/g;
      for (const [, method, pattern] of body.matchAll(entryRe)) {
        routes.push({ file, table, method: method.toLowerCase(), path: pattern.replace(/:(\w+)\*?/g, '{$1}') }); // a last ":rest*" is one {rest} of several segments
      }
    }
    // a route served at the root beside the API (GET /metrics): one `const sh_route sh_route_x = {…};`
    for (const [, table, method, pattern] of src.matchAll(/const\s+sh_route\s+(sh_route_\w+)\s*=\s*\{\s*"([A-Z]+)"\s*,\s*"([^"]+)"/g))
      routes.push({ file, table, method: method.toLowerCase(), path: pattern, root: true });
  }
  return { routes, tables };
}

// { path -> { method -> operationId|null } } from the `paths:` section of docs/openapi.yaml.
function documentedPaths() {
  const lines = readFileSync(path.join(root, 'docs/openapi.yaml'), 'utf8').split(/\r?\n/);
  const start = lines.findIndex((l) => /^paths:\s*$/.test(l));
  assert.ok(start >= 0, 'docs/openapi.yaml has no top-level "paths:" section');
  const paths = {};
  let cur = null;
  let op = null;
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break; // the next top-level key ends `paths:`
    let m;
    if ((m = /^ {2}(\S.*?):\s*$/.exec(line))) {
      const key = m[1].replace(/^(['"])(.*)\1$/, '$2');
      assert.ok(key.startsWith('/'), `docs/openapi.yaml: "${key}" under paths: is not a path`);
      assert.ok(!paths[key], `docs/openapi.yaml names ${key} twice`);
      cur = paths[key] = {};
      op = null;
    } else if ((m = /^ {4}(\w+):/.exec(line)) && cur) {
      op = METHODS.includes(m[1]) ? m[1] : null;
      if (op) {
        assert.ok(!(op in cur), `docs/openapi.yaml names ${op.toUpperCase()} ${Object.keys(paths).at(-1)} twice`);
        cur[op] = null;
      }
    } else if ((m = /^ {6}operationId:\s*(\S+)/.exec(line)) && cur && op) {
      cur[op] = m[1];
    }
  }
  return paths;
}

const { routes, tables } = serverRoutes();
const docs = documentedPaths();

test('the route tables of src/http/h_*.c are found and read', () => {
  assert.ok(tables.length >= 5, `expected the route tables of several handler files, found ${tables.length}`);
  for (const { file, table } of tables) {
    assert.ok(routes.some((r) => r.table === table), `${file}: no route read from ${table} (has its format changed?)`);
  }
  for (const r of routes) {
    // the API, and the EPCIS 2.0 standard's own paths (/epcis/capture, /epcis/events)
    if (!r.root) assert.match(r.path, /^\/(api\/v1|epcis)\//, `${r.file}: route ${r.path} is not under /api/v1/ or /epcis/`);
    assert.ok(METHODS.includes(r.method), `${r.file}: unknown method ${r.method} for ${r.path}`);
  }
  const seen = new Set();
  for (const r of routes) {
    const key = `${r.method.toUpperCase()} ${r.path}`;
    assert.ok(!seen.has(key), `${r.file}: ${key} is routed twice`);
    seen.add(key);
  }
});

test('every route table is served: listed in src/http/server.c', () => {
  const server = readFileSync(path.join(httpDir, 'server.c'), 'utf8');
  const m = /route_tables\s*\[\s*\]\s*=\s*\{([^}]*)\}/.exec(server);
  assert.ok(m, 'src/http/server.c: route_tables[] not found');
  const served = new Set(m[1].match(/sh_routes_\w+/g) || []);
  for (const { file, table } of tables) {
    assert.ok(served.has(table), `${file}: ${table} is not in route_tables[] of server.c, so its routes are not served`);
  }
});

test('every route of the server is documented in docs/openapi.yaml with its method', () => {
  const missing = routes
    .filter((r) => !(docs[r.path] && r.method in docs[r.path]))
    .map((r) => `${r.method.toUpperCase()} ${r.path} (${r.file})`);
  assert.deepEqual(missing, [], `routes missing from docs/openapi.yaml:\n  ${missing.join('\n  ')}`);
});

test('docs/openapi.yaml names no path or method the server does not have', () => {
  const served = new Set(routes.map((r) => `${r.method} ${r.path}`));
  const extra = [];
  for (const [p, ops] of Object.entries(docs)) {
    if (Object.keys(ops).length === 0) extra.push(`${p} (a path without operations)`);
    for (const method of Object.keys(ops)) {
      if (!served.has(`${method} ${p}`)) extra.push(`${method.toUpperCase()} ${p}`);
    }
  }
  assert.deepEqual(extra, [], `documented but not routed by the server:\n  ${extra.join('\n  ')}`);
});

test('every documented operation has a unique operationId', () => {
  const ids = new Map();
  const problems = [];
  for (const [p, ops] of Object.entries(docs)) {
    for (const [method, id] of Object.entries(ops)) {
      const where = `${method.toUpperCase()} ${p}`;
      if (!id) problems.push(`${where} has no operationId`);
      else if (ids.has(id)) problems.push(`${where} reuses operationId ${id} of ${ids.get(id)}`);
      else ids.set(id, where);
    }
  }
  assert.deepEqual(problems, []);
});
