// SQL that PostgreSQL also speaks: outside the SQLite driver (src/store/sqlite*), the SQL text in
// the C sources uses no construct that only SQLite understands. What the dialects do differently
// (date buckets, text search, planner hints) is asked of the driver through src/store/dialect.h.
// The check reads C string literals only (adjacent literals joined, as the compiler does), so
// jansson's json_object() or libc's strftime() in C code are not mistaken for SQL.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const SRC = path.resolve('src');
const DRIVER = /^store\/sqlite/; // the SQLite driver: the one place these constructs belong

// [what, pattern on SQL text]; each names the construct a reader should look for
const SQL_RULES = [
  ['INSERT OR … (use INSERT … ON CONFLICT)', /\bINSERT\s+OR\b/i],
  ["'unixepoch' (use sh_sql_day_bucket)", /unixepoch/i],
  ['strftime() (use the dialect)', /\bstrftime\s*\(/i],
  ['json_each/json_object/json_extract in SQL', /\bjson_(each|object|extract|group_array|array)\s*\(/i],
  ['instr() (use sh_qb_contains)', /\binstr\s*\(/i],
  ['FTS5 MATCH (ask the dialect: store/dialect.h)', /\bMATCH\b/],
  ['rowid (use the primary key)', /\browid\b/i],
  ['last_insert_rowid() (use RETURNING)', /\blast_insert_rowid\b/i],
  ['WHERE 1 (start the list of conditions otherwise)', /\bWHERE\s+1\b(?!\s*=)/i],
  ['AND 0 (use a false comparison both speak)', /\bAND\s+0\b(?!\s*[=<>])/i],
  ['unary +col planner hint (use sh_sql_no_index)', /(?<=^|[\s(,=])\+[a-z_]/i],
  ['sum/avg of a comparison (PostgreSQL sums no booleans: sum(CASE WHEN … THEN 1 ELSE 0 END))', /\b(sum|avg|total)\(\s*(NOT\b|EXISTS\b|[a-z_.]+\s*(=|<>|!=|<=|>=|<|>|\bIS\b|\bIN\b|\bLIKE\b))/i],
  ['CASE WHEN ? (an integer is no condition in PostgreSQL: CASE WHEN ? = 1)', /\bWHEN\s+\?\d*\s+THEN\b/i],
];
// in C code rather than SQL: asking the connection for the last rowid instead of RETURNING
const CODE_RULES = [
  ['sh_db_last_id() (use RETURNING id)', /\bsh_db_last_id\s*\(/],
  ['sqlite3 API outside the driver', /\bsqlite3_[a-z_]+\s*\(|#include\s*<sqlite3\.h>/],
];

// Files owned by work in progress elsewhere; each entry must still match (so the list only shrinks).
// Remove a line when its file is fixed; never add one.
const PENDING = [];

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (/\.[ch]$/.test(name)) yield path.relative(SRC, p);
  }
}

// Splits C source into code (comments and literals blanked) and the string literals, each run of
// adjacent literals joined into one SQL text with the line of every character kept.
function scan(text) {
  const literals = [];
  let code = '', line = 1, i = 0, run = null, lastLitEnd = -1;
  const n = text.length;
  while (i < n) {
    const c = text[i], d = text[i + 1];
    if (c === '/' && d === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (; i < stop; i++) if (text[i] === '\n') { line++; code += '\n'; }
      continue;
    }
    if (c === '/' && d === '/') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '\'') { // character constant
      let j = i + 1;
      while (j < n && text[j] !== '\'') j += text[j] === '\\' ? 2 : 1;
      code += ' ';
      i = j + 1;
      continue;
    }
    if (c === '"') {
      if (!run || /[^\s]/.test(code.slice(lastLitEnd))) {
        run = { text: '', lines: [] };
        literals.push(run);
      }
      let j = i + 1;
      while (j < n && text[j] !== '"') {
        let ch = text[j];
        if (ch === '\\') { ch = text[j + 1] === 'n' ? '\n' : text[j + 1]; j++; }
        run.text += ch;
        run.lines.push(line);
        j++;
      }
      i = j + 1;
      code += ' ';
      lastLitEnd = code.length;
      continue;
    }
    if (c === '\n') line++;
    code += c;
    i++;
  }
  return { code, literals };
}

// max(a, b) / min(a, b) with two arguments at the top level of the call: SQLite's scalar form
function scalarMinMax(sql) {
  const hits = [];
  for (const m of sql.matchAll(/\b(max|min)\s*\(/gi)) {
    let depth = 1, k = m.index + m[0].length;
    for (; k < sql.length && depth; k++) {
      const ch = sql[k];
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
      else if (ch === ',' && depth === 1) { hits.push(m.index); break; }
    }
  }
  return hits;
}

function findings() {
  const found = [];
  let files = 0;
  for (const rel of sources(SRC)) {
    if (DRIVER.test(rel)) continue;
    files++;
    const { code, literals } = scan(readFileSync(path.join(SRC, rel), 'utf8'));
    for (const lit of literals) {
      const at = (k) => `src/${rel}:${lit.lines[Math.min(k, lit.lines.length - 1)]}`;
      for (const [what, re] of SQL_RULES) {
        for (const m of lit.text.matchAll(new RegExp(re.source, re.flags + 'g')))
          found.push(`${at(m.index)}  ${what}`);
      }
      for (const k of scalarMinMax(lit.text)) found.push(`${at(k)}  scalar max(a, b)/min(a, b) (use CASE)`);
    }
    if (/^store\//.test(rel)) continue; // the store declares what its callers may not use
    code.split('\n').forEach((src, k) => {
      for (const [what, re] of CODE_RULES) if (re.test(src)) found.push(`src/${rel}:${k + 1}  ${what}`);
    });
  }
  return { files, found: [...new Set(found)] };
}

const pendingMatch = (f) => PENDING.find(([file, what]) => f.startsWith(`${file}:`) && f.includes(what));

test('no SQLite-only SQL outside src/store/sqlite*', () => {
  const { files, found } = findings();
  assert.ok(files > 100, `read ${files} files`);
  assert.deepEqual(found.filter((f) => !pendingMatch(f)), []);
});

test('the list of pending files only shrinks', () => {
  const { found } = findings();
  const stale = PENDING.filter(([file, what]) => !found.some((f) => f.startsWith(`${file}:`) && f.includes(what)));
  assert.deepEqual(stale, [], 'these are fixed: remove them from PENDING');
});

test('the scanner sees SQL inside joined literals and ignores C calls', () => {
  const { literals, code } = scan('x = json_object(); /* INSERT OR no */ s = "SELECT a FROM t WHERE"\n  " 1 AND max(a, b)";');
  assert.equal(literals.length, 1);
  assert.match(literals[0].text, /WHERE 1 AND/);
  assert.deepEqual(literals[0].lines.slice(-1), [2]);
  assert.ok(!/INSERT/.test(code));
  assert.deepEqual(scalarMinMax('SELECT max(x), min(coalesce(a, 0)), max(coalesce(a, 0), ?)'), [36]);
});

// Tests that run against a server reach its database through the API or a `shian` verb, so that
// the same suites run on PostgreSQL: none opens the SQLite file with the sqlite3 tool or a driver.
test('the API, browser and vision tests never open the database themselves', () => {
  const opened = [];
  for (const dir of ['tests/api', 'tests/e2e', 'tests/vision']) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.mjs'))) {
      const text = readFileSync(path.join(dir, name), 'utf8');
      if (/spawn(Sync)?\(\s*['"]sqlite3['"]|from\s+['"](node:sqlite|better-sqlite3|sqlite3)['"]/.test(text)) opened.push(`${dir}/${name}`);
    }
  }
  assert.deepEqual(opened, []);
});
