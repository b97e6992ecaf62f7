// What the SMS gateway reads: a device token of the administrator, the only reader of messages to a
// person (pushes of no business), paging the outbox by id in pages of 500.
import assert from 'node:assert/strict';
import { Client, as } from './harness.mjs';

export async function gatewayOutbox(srv) {
  const t = await (await as(srv.base, 'admin')).post('/api/v1/tokens', { name: `短信网关${Date.now()}` });
  assert.equal(t.status, 201, JSON.stringify(t.data));
  const gateway = Object.assign(new Client(srv.base), { token: t.data.token });
  const all = [];
  for (let after = 0; ;) {
    const page = (await gateway.get(`/api/v1/outbox?limit=500&after=${after}`)).data.items;
    all.push(...page);
    if (page.length < 500) return all;
    after = page[page.length - 1].id;
  }
}
