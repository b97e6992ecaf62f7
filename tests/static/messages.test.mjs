// Errors a person reads speak Chinese: every sh_fail() in the code that answers requests (src/domain,
// src/http, src/store) whose message is written there carries Chinese, the English after it in
// parentheses (core/message.c splits it into message and message_en). Internal errors are exempt: the
// reply replaces them with 服务器内部错误 (http/reply.c). A message passed through ("%s", e.message)
// is checked where it is written. Command-line tools (config, backup, the analyser) speak to an
// operator and are outside this rule.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const ROOTS = ['src/domain', 'src/http', 'src/store'].map((d) => path.resolve(d));

function cFiles(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? cFiles(p) : p.endsWith('.c') ? [p] : [];
  });
}

// Each sh_fail( … ) call: its line and its arguments split at the top-level commas (string literals
// and nested parentheses kept whole).
function failCalls(src) {
  const calls = [];
  for (let at = src.indexOf('sh_fail('); at >= 0; at = src.indexOf('sh_fail(', at + 1)) {
    const args = [];
    let i = at + 'sh_fail('.length, depth = 1, inString = false, from = i;
    for (; i < src.length && depth; i++) {
      const c = src[i];
      if (inString) { if (c === '\\') i++; else if (c === '"') inString = false; }
      else if (c === '"') inString = true;
      else if (c === '(') depth++;
      else if (c === ')') { if (--depth === 0) args.push(src.slice(from, i)); }
      else if (c === ',' && depth === 1) { args.push(src.slice(from, i)); from = i + 1; }
    }
    calls.push({ args, line: src.slice(0, at).split('\n').length });
  }
  return calls;
}

test('every error a request can meet is written in Chinese', () => {
  const english = [];
  let checked = 0;
  for (const file of ROOTS.flatMap(cFiles)) {
    for (const { args, line } of failCalls(readFileSync(file, 'utf8'))) {
      if (/^\s*(sh_err|const)\b/.test(args[0])) continue; // the definition
      if (/SH_EINTERNAL/.test(args[1] ?? '')) continue;
      const message = [...(args[3] ?? '').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join('');
      if (message === '%s') continue; // passed through: checked where it was written
      checked++;
      if (!/[\u4e00-\u9fff]/.test(message)) english.push(`${path.relative(process.cwd(), file)}:${line}: ${message}`);
    }
  }
  assert.ok(checked > 300, `the check read the calls (${checked})`);
  assert.deepEqual(english, [], 'messages without Chinese');
});
