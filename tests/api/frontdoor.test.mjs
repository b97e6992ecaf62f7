// The front door: a request is routed and authenticated from its headers, before its body is read,
// so an anonymous or over-size upload costs the server nothing; one address cannot hold every
// connection; a silent connection is closed; keep-alive survives a reply without a body.
// The limit and the timeout are set small for this server (flags passed to `shian serve`); the test
// talks from several loopback addresses (127.0.0.2, 127.0.0.3 …) to be more than one client.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { as, startServer } from './harness.mjs';

const LIMIT = 40;   // --per_ip_connections (above the 16 uploads at once below)
const TIMEOUT = 3;  // --read_timeout, seconds
const MB = 1024 * 1024;

let srv, t01;
before(async () => {
  // one process: these are libmicrohttpd's own limits, which a proxy in front of two instances would stand in for
  srv = await startServer({ entities: 200, seed: 43, args: [`--per_ip_connections=${LIMIT}`, `--read_timeout=${TIMEOUT}`], instances: 1 });
  t01 = await as(srv.base, 't01');
});
after(async () => { await srv.stop(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Kilobytes of the server process: VmRSS (now) or VmHWM (the peak so far).
function memKb(field) {
  const m = readFileSync(`/proc/${srv.pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return Number(m[1]);
}

// Opens a connection from `from`, writes `bytes` (if any) and collects what comes back until the
// server closes or `wait` ms pass: { status, text, closed, ms }.
function raw(bytes, { from = '127.0.0.1', wait = 8000 } = {}) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    let text = '', done = false;
    const s = net.connect({ host: '127.0.0.1', port: srv.port, localAddress: from });
    const finish = (closed) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      s.destroy();
      resolve({ status: Number(text.split(' ')[1]) || 0, text, closed, ms: Date.now() - t0 });
    };
    const timer = setTimeout(() => finish(false), wait);
    s.on('connect', () => { if (bytes) s.write(bytes); });
    s.on('data', (d) => { text += d; });
    s.on('end', () => finish(true));
    s.on('close', () => finish(true));
    s.on('error', () => finish(true));
  });
}

// Idle connections from one address, resolved once all are connected (or refused).
async function idle(n, from) {
  const socks = await Promise.all(Array.from({ length: n }, () => new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port: srv.port, localAddress: from });
    s.on('connect', () => resolve(s));
    s.on('error', () => resolve(s));
  })));
  return { socks, close: () => socks.forEach((s) => s.destroy()) };
}

// The head of a POST that announces `length` bytes; a few of them follow, never the rest.
function head(url, length, headers = {}) {
  const h = { Host: '127.0.0.1', 'Content-Type': 'text/csv', 'Content-Length': String(length), ...headers };
  return `POST ${url} HTTP/1.1\r\n${Object.entries(h).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n名称,类型\r\n`;
}

// Sends a whole request the way an uploader does (everything written before anything is read) and
// resolves to "status,code" of the answer, or the socket's error. allowHalfOpen: node's own client
// stops writing when the server's FIN arrives and reports EPIPE instead of the answer it holds
// (nodejs/node#54366); browsers and curl read it, and so does this.
function upload(url, body, headers = {}) {
  return new Promise((resolve) => {
    const h = { Host: '127.0.0.1', 'X-Requested-With': 'shian', 'Content-Type': 'text/csv', 'Content-Length': String(body.length), ...headers };
    const s = net.connect({ host: '127.0.0.1', port: srv.port, allowHalfOpen: true });
    let text = '', failed = '';
    s.on('connect', () => {
      s.write(`POST ${url} HTTP/1.1\r\n${Object.entries(h).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`);
      s.end(body);
    });
    s.on('data', (d) => { text += d; });
    s.on('error', (e) => { failed = `${e.code},${e.message}`; });
    s.on('close', () => {
      const code = (text.match(/"code":"([a-z_]+)"/) || [])[1];
      resolve(text ? `${Number(text.split(' ')[1])},${code}` : failed || 'closed,nothing');
    });
  });
}

const health = (from) => raw('GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n', { from });

test('an anonymous 30 MB upload is answered 401 from its headers, and 16 of them leave the memory as it was', async () => {
  const r = await raw(head('/api/v1/entities/import', 30 * MB, { 'X-Requested-With': 'shian' }));
  assert.equal(r.status, 401, r.text);
  assert.match(r.text, /"code":"unauthenticated"/);
  assert.ok(r.ms < 2000, `answered after ${r.ms} ms`);

  // the whole 30 MB sent by 16 clients at once: answered, thrown away, never held
  const before = memKb('VmRSS');
  const body = Buffer.alloc(30 * MB, 0x41);
  const answers = await Promise.all(Array.from({ length: 16 }, () => upload('/api/v1/entities/import', body)));
  assert.deepEqual(new Set(answers), new Set(['401,unauthenticated']));
  const peak = memKb('VmHWM');
  assert.ok(peak - before < 64 * 1024, `the server grew from ${before} kB to a peak of ${peak} kB`);
});

test('an over-size body is answered 413 from its Content-Length, before it is read', async () => {
  const cookie = { Cookie: t01.cookie, 'X-Requested-With': 'shian' };
  const early = await raw(head('/api/v1/entities/import', 40 * MB, cookie)); // max_upload is 32 MiB
  assert.equal(early.status, 413, early.text);
  assert.match(early.text, /"code":"payload_too_large","field":"body"/);
  assert.ok(early.ms < 2000, `answered after ${early.ms} ms`);
  const json = await raw(head('/api/v1/entities', 2 * MB, cookie)); // max_body is 1 MiB
  assert.equal(json.status, 413, json.text);
  // the same for an unknown path, a wrong method and a missing CSRF header: nothing waits for the body
  assert.equal((await raw(head('/api/v1/nowhere', 40 * MB, cookie))).status, 404);
  assert.equal((await raw(head('/api/v1/health', 40 * MB, cookie))).status, 400);
  const csrf = await raw(head('/api/v1/entities', 1000, { Cookie: t01.cookie }));
  assert.equal(csrf.status, 403);
  assert.match(csrf.text, /X-Requested-With/);
  // a body within the cap is awaited: no answer before it is complete
  const partial = await raw(head('/api/v1/entities', 1000, cookie), { wait: 1000 });
  assert.equal(partial.status, 0, partial.text);
  // and a complete over-size body sent by a client that writes it all first still gets its 413
  assert.equal(await upload('/api/v1/entities/import', Buffer.alloc(33 * MB, 0x41), { Cookie: t01.cookie }), '413,payload_too_large');
});

test('one address holds at most per_ip_connections; health answers for everyone while they sit', async () => {
  const some = await idle(LIMIT - 1, '127.0.0.2');
  const fine = await health('127.0.0.2'); // below the limit, the same address still gets through
  assert.equal(fine.status, 200, fine.text);
  const rest = await idle(1, '127.0.0.2');
  await sleep(100);
  const refused = await health('127.0.0.2');
  assert.equal(refused.status, 0, 'a connection beyond the limit is refused');
  assert.ok(refused.closed && refused.ms < 2000, `closed after ${refused.ms} ms`);
  assert.equal((await health('127.0.0.1')).status, 200, 'another address is not affected');
  some.close();
  rest.close();
  await sleep(300);
  assert.equal((await health('127.0.0.2')).status, 200, 'once they are closed, the address is served again');

  // a thousand idle connections from one address no longer lock everyone else out
  const flood = await idle(1100, '127.0.0.3');
  try {
    const t0 = Date.now();
    const r = await health('127.0.0.1');
    assert.equal(r.status, 200, r.text);
    assert.ok(Date.now() - t0 < TIMEOUT * 1000, `health took ${Date.now() - t0} ms`);
    const api = await t01.get('/api/v1/me');
    assert.equal(api.status, 200);
  } finally {
    flood.close();
  }
});

test('a silent connection is closed after read_timeout seconds', async () => {
  // headers begun and never finished (slowloris)
  const slow = await raw('GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n', { wait: (TIMEOUT + 5) * 1000 });
  assert.ok(slow.closed, 'still open');
  assert.equal(slow.status, 0);
  assert.ok(slow.ms >= (TIMEOUT - 1) * 1000 && slow.ms < (TIMEOUT + 4) * 1000, `closed after ${slow.ms} ms`);
  // a body announced and never sent
  const body = await raw(head('/api/v1/entities', 1000, { Cookie: t01.cookie, 'X-Requested-With': 'shian' }), { wait: (TIMEOUT + 5) * 1000 });
  assert.ok(body.closed && body.ms >= (TIMEOUT - 1) * 1000, `closed after ${body.ms} ms`);
  // nothing at all
  const none = await raw(null, { wait: (TIMEOUT + 5) * 1000 });
  assert.ok(none.closed && none.ms < (TIMEOUT + 4) * 1000, `closed after ${none.ms} ms`);
});

test('keep-alive survives a 204, and a 401 to a request without a body', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const send = (method, path, { headers = {}, body } = {}) => new Promise((resolve, reject) => {
    const r = http.request({ host: '127.0.0.1', port: srv.port, method, path, agent, headers }, (res) => {
      const port = res.socket.localPort; // which connection carried the answer
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, port, text, headers: res.headers }));
    });
    r.on('error', reject);
    r.end(body);
  });
  try {
    const json = { 'content-type': 'application/json', 'x-requested-with': 'shian' };
    const login = await send('POST', '/api/v1/auth/login', { headers: json, body: JSON.stringify({ username: 't01', password: 'Shian@2026' }) });
    assert.equal(login.status, 200);
    const auth = { ...json, cookie: login.headers['set-cookie'][0].split(';')[0] };
    const me = JSON.parse((await send('GET', '/api/v1/me', { headers: auth })).text);
    const target = JSON.parse((await send('GET', '/api/v1/duty/unassigned', { headers: auth })).text).items[0];
    const assigned = await send('POST', '/api/v1/duty/assignments', { headers: auth, body: JSON.stringify({ entity_id: target.id, user_id: (me.user || me).id }) });
    assert.equal(assigned.status, 204, assigned.text);
    assert.equal(assigned.text, '');
    const next = await send('GET', '/api/v1/duty/completion', { headers: auth });
    assert.equal(next.status, 200);
    assert.equal(next.port, login.port, 'the 204 kept the connection');
    const out = await send('POST', '/api/v1/auth/logout', { headers: auth });
    assert.equal(out.status, 204);
    const anon = await send('GET', '/api/v1/me', { headers: auth });
    assert.equal(anon.status, 401);
    const after401 = await send('GET', '/api/v1/health');
    assert.equal(after401.status, 200);
    assert.equal(after401.port, login.port, 'the 204 and the 401 kept the connection');
  } finally {
    agent.destroy();
  }
});
