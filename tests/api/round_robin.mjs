// The test harness's proxy in front of several `shian serve` instances (tests/api/harness.mjs, instances):
//   node round_robin.mjs PORT...   prints the port it listens on, then sends each request to the next
// instance in turn, bodies as they are. A process of its own, so that a test blocked in spawnSync (a
// `shian` verb that talks to the server) does not block it. It connects from 127.0.0.1, the address the
// servers trust as their proxy, and hands on the address a server would have counted had the test reached
// it directly: the X-Forwarded-For a test sent from 127.0.0.1, else the test's own address (a test may
// send from 127.0.0.x). A connection to an instance per request: one kept open could be one the instance
// is closing (read_timeout, a restart by travel()).
import http from 'node:http';

const ports = process.argv.slice(2).map(Number);
let next = 0;
const hopByHop = (h) => { const out = { ...h }; delete out.connection; delete out['keep-alive']; return out; };
// The request's body is read whole before it goes on, as nginx does (proxy_request_buffering): an instance
// that refuses a body as too large answers at once and closes, and a body still flowing to it would stall
// the client's upload with no answer read.
const server = http.createServer((req, res) => {
  const port = ports[next++ % ports.length];
  const peer = req.socket.remoteAddress.replace(/^::ffff:/, '');
  const headers = hopByHop(req.headers);
  if (peer !== '127.0.0.1' || !headers['x-forwarded-for']) headers['x-forwarded-for'] = peer;
  const body = [];
  req.on('data', (chunk) => body.push(chunk));
  req.on('end', () => {
    let answered = false;
    const up = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers, agent: false }, (r) => {
      answered = true;
      res.writeHead(r.statusCode, hopByHop(r.headers));
      r.on('error', () => res.destroy());
      r.pipe(res);
    });
    // once the answer has come, the instance closing on the rest of a refused body is no failure
    up.on('error', (e) => {
      if (answered) return;
      if (process.env.SHIAN_TEST_PROXY_LOG) console.error('proxy:', req.method, req.url, e.message);
      res.destroy();
    });
    up.end(Buffer.concat(body));
  });
});
// idle connections are closed by the test's side only (as by a server whose read_timeout is far off):
// node's 5 s against fetch's 4 s could close one just as a busy test sends on it
server.keepAliveTimeout = 0;
server.requestTimeout = 0;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.on('SIGTERM', () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
// a test process that died leaves no proxy behind
const parent = process.ppid;
setInterval(() => { if (process.ppid !== parent) process.exit(0); }, 1000);
