// The Azure sandbox on the wire: HTTPS with its own certificate, ARM shapes and refusals, nextLink
// paging and the metrics:getBatch reply, as the Azure SDKs expect them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as https from 'node:https';
import { X509Certificate } from 'node:crypto';
import { DEFAULT_SUBSCRIPTION_ID } from '../../../src/sandbox/azure/defaultScenario';
import { parseFilter } from '../../../src/sandbox/azure/getBatch';
import { parseScenario } from '../../../src/sandbox/scenario';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const SUB = DEFAULT_SUBSCRIPTION_ID;
const WS = `/subscriptions/${SUB}/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-contoso-prod`;
const ML = '?api-version=2022-10-01';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function request(sandbox: RunningSandbox, method: string, path: string, body?: unknown, token = 'sandbox-token'): Promise<Reply> {
  const url = new URL(path, sandbox.httpsUrl);
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, ca: sandbox.ca, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(JSON.stringify(body));
    req.end();
  });
}

const batch = (sandbox: RunningSandbox, query: string, ids: string[]) =>
  request(sandbox, 'POST', `/subscriptions/${SUB}/metrics:getBatch?api-version=2024-02-01&${query}`, { resourceids: ids });

describe('sandbox/azure', function () {
  this.timeout(20000);
  let sandbox: RunningSandbox;
  before(async () => {
    sandbox = await startSandbox({ port: 0, now: () => NOW });
  });
  after(() => sandbox.close());

  it('serves HTTPS on its own port with a certificate for IP:127.0.0.1 made at start', () => {
    assert.match(sandbox.httpsUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(sandbox.httpsPort, sandbox.port);
    const cert = new X509Certificate(sandbox.ca);
    assert.ok(cert.checkIP('127.0.0.1'), cert.subjectAltName);
    assert.ok(new Date(cert.validTo).getTime() > Date.now());
  });

  it('lists workspaces and endpoints in ARM shape, with a bearer token required', async () => {
    const list = await request(sandbox, 'GET', `/subscriptions/${SUB}/providers/Microsoft.MachineLearningServices/workspaces${ML}`);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.value.map((w: { name: string; location: string }) => [w.name, w.location]), [
      ['mlw-contoso-prod', 'eastus'],
      ['mlw-contoso-eu', 'westeurope'],
    ]);
    const deployments = await request(sandbox, 'GET', `${WS}/onlineEndpoints/credit-scoring/deployments${ML}`);
    assert.deepEqual(deployments.body.value[0].sku, { name: 'Default', tier: 'Standard', capacity: 2 });
    assert.equal(deployments.body.value[0].properties.instanceType, 'Standard_DS3_v2');
    const anonymous = await request(sandbox, 'GET', `${WS}/jobs${ML}`, undefined, '');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.error.code, 'AuthenticationFailed');
  });

  it('refuses unknown api-versions, subscriptions and workspaces as ARM does', async () => {
    const version = await request(sandbox, 'GET', `${WS}/onlineEndpoints?api-version=2019-01-01`);
    assert.equal(version.status, 400);
    assert.equal(version.body.error.code, 'NoRegisteredProviderFound');
    assert.match(version.body.error.message, /2022-10-01/);
    const sub = await request(sandbox, 'GET', `/subscriptions/12345678-0000-4000-8000-000000000000/providers/Microsoft.MachineLearningServices/workspaces${ML}`);
    assert.deepEqual([sub.status, sub.body.error.code], [404, 'SubscriptionNotFound']);
    const ws = await request(sandbox, 'GET', `${WS.replace('mlw-contoso-prod', 'nope')}/jobs${ML}`);
    assert.deepEqual([ws.status, ws.body.error.code], [404, 'ResourceNotFound']);
  });

  it('pages with absolute nextLinks that lead back to the same HTTPS server', async () => {
    const fleet = await startSandbox({ port: 0, now: () => NOW, scenario: { ...sandbox.scenario, azure: { ...sandbox.scenario.azure!, fleetSize: 30 } } });
    try {
      const first = await request(fleet, 'GET', `${WS}/onlineEndpoints${ML}`);
      assert.equal(first.body.value.length, 20);
      assert.ok(first.body.nextLink.startsWith(`${fleet.httpsUrl}/subscriptions/`), first.body.nextLink);
      const next = new URL(first.body.nextLink);
      assert.equal(next.searchParams.get('api-version'), '2022-10-01');
      const second = await request(fleet, 'GET', next.pathname + next.search);
      assert.equal(second.body.value.length, 16);
      assert.equal(second.body.nextLink, undefined);
      const names = [...first.body.value, ...second.body.value].map((e: { name: string }) => e.name);
      assert.equal(new Set(names).size, 36);
    } finally {
      await fleet.close();
    }
  });

  it('answers metrics:getBatch in the documented shape, split by dimension, in PT1M buckets', async () => {
    const start = new Date(NOW - 5 * 60_000).toISOString();
    const end = new Date(NOW).toISOString();
    const id = `${WS}/onlineEndpoints/credit-scoring`;
    const reply = await batch(
      sandbox,
      `starttime=${start}&endtime=${end}&interval=PT1M&metricnamespace=Microsoft.MachineLearningServices/workspaces/onlineEndpoints&metricnames=RequestsPerMinute&aggregation=total&filter=${encodeURIComponent("deployment eq '*' and statusCodeClass eq '*'")}&top=100`,
      [id],
    );
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    const [value] = reply.body.values;
    assert.deepEqual(Object.keys(value).sort(), ['endtime', 'interval', 'namespace', 'resourceid', 'resourceregion', 'starttime', 'value']);
    assert.equal(value.resourceregion, 'eastus');
    const metric = value.value[0];
    assert.equal(metric.id, `${id}/providers/Microsoft.Insights/metrics/RequestsPerMinute`);
    assert.deepEqual(metric.name, { value: 'RequestsPerMinute', localizedValue: 'Requests Per Minute' });
    assert.equal(metric.timeseries.length, 6, 'two deployments × three status classes');
    const blue2xx = metric.timeseries.find((t: { metadatavalues: Array<{ value: string }> }) => t.metadatavalues.map((m) => m.value).join() === 'blue,2xx');
    assert.equal(blue2xx.data.length, 5);
    assert.equal(blue2xx.data[0].timeStamp, start);
    assert.ok(blue2xx.data[0].total > 1500 && blue2xx.data[0].total < 3000, `blue serves about 36 req/s: ${blue2xx.data[0].total}/min`);
  });

  it('serves workspace metrics whose names contain spaces', async () => {
    const reply = await batch(
      sandbox,
      `starttime=${new Date(NOW - 3 * 86400_000).toISOString()}&endtime=${new Date(NOW).toISOString()}&interval=P1D&metricnamespace=Microsoft.MachineLearningServices/workspaces&metricnames=${encodeURIComponent('Failed Runs,Completed Runs,Quota Utilization Percentage')}&aggregation=total`,
      [WS],
    );
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    const totals = Object.fromEntries(reply.body.values[0].value.map((m: { name: { value: string }; timeseries: Array<{ data: Array<{ total?: number }> }> }) => [m.name.value, m.timeseries[0].data.reduce((n, d) => n + (d.total ?? 0), 0)]));
    assert.equal(totals['Failed Runs'], 1);
    assert.equal(totals['Completed Runs'], 1);
    assert.ok(totals['Quota Utilization Percentage'] > 0);
    // A form-encoded space (+) reads the same; a comma inside a name travels as %2, as Azure documents.
    const plus = await batch(sandbox, `interval=PT1H&metricnamespace=Microsoft.MachineLearningServices/workspaces&metricnames=Unusable+Nodes&aggregation=average,total`, [WS]);
    assert.equal(plus.status, 200, JSON.stringify(plus.body));
    assert.equal(plus.body.values[0].value[0].name.value, 'Unusable Nodes');
    const point = plus.body.values[0].value[0].timeseries[0].data[0];
    assert.deepEqual([point.average, point.total], [1, 60], 'one unusable GPU node each minute of the hour');
    const comma = await batch(sandbox, `metricnamespace=Microsoft.MachineLearningServices/workspaces&metricnames=Failed%20Runs,Runs%252Failed`, [WS]);
    assert.equal(comma.status, 400);
    assert.match(comma.body.error.message, /metric: Runs,Failed,/);
  });

  it('refuses batches the real API refuses: over 50 ids, mixed types, unknown metrics, foreign dimensions', async () => {
    const q = `metricnamespace=Microsoft.MachineLearningServices/workspaces/onlineEndpoints&metricnames=RequestLatency_P99`;
    const many = await batch(sandbox, q, Array.from({ length: 51 }, (_, i) => `${WS}/onlineEndpoints/e${i}`));
    assert.deepEqual([many.status, many.body.error.code], [400, 'BadRequest']);
    const mixed = await batch(sandbox, q, [`${WS}/onlineEndpoints/credit-scoring`, `${WS}/onlineEndpoints/credit-scoring/deployments/blue`]);
    assert.match(mixed.body.error.message, /of one type/);
    const unknown = await batch(sandbox, q.replace('RequestLatency_P99', 'Nope'), [`${WS}/onlineEndpoints/credit-scoring`]);
    assert.match(unknown.body.error.message, /Valid metrics: RequestsPerMinute,/);
    const dims = await batch(sandbox, `${q}&filter=${encodeURIComponent("instanceId eq '*'")}`, [`${WS}/onlineEndpoints/credit-scoring`]);
    assert.match(dims.body.error.message, /does not support requested dimension combination/);
    const version = await request(sandbox, 'POST', `/subscriptions/${SUB}/metrics:getBatch?api-version=2018-01-01&${q}`, { resourceids: [`${WS}/onlineEndpoints/credit-scoring`] });
    assert.equal(version.status, 400);
  });

  it('parses filters with or-groups and splits', () => {
    assert.deepEqual([...parseFilter("runId eq 'a' or runId eq 'b' and NodeId eq '*'")], [
      ['runid', ['a', 'b']],
      ['nodeid', ['*']],
    ]);
    assert.throws(() => parseFilter("a eq 'x' or b eq 'y'"), /cannot separate two different metadata names/);
  });

  it('throttles with 429, an ARM error and Retry-After', async () => {
    const throttled = await startSandbox({ port: 0, now: () => NOW, faults: { throttling: 1 } });
    try {
      const reply = await request(throttled, 'GET', `${WS}/onlineEndpoints${ML}`);
      assert.equal(reply.status, 429);
      assert.equal(reply.headers['retry-after'], '1');
      assert.equal(reply.body.error.code, 'SubscriptionRequestsThrottled');
    } finally {
      await throttled.close();
    }
  });

  it('tells a client that knows only the http URL where Azure listens', async () => {
    const res = await fetch(`${sandbox.url}/azure/sandbox`);
    const body = (await res.json()) as { httpsUrl: string; ca: string; subscriptions: string[] };
    assert.equal(body.httpsUrl, sandbox.httpsUrl);
    assert.equal(body.ca, sandbox.ca);
    assert.deepEqual(body.subscriptions, [SUB]);
  });

  it('keeps the Azure example of docs/scenarios.md valid against the schema and servable', async () => {
    const docs = fs.readFileSync(path.resolve(__dirname, '../../../../docs/scenarios.md'), 'utf8');
    const block = /## Azure Machine Learning[\s\S]*?```yaml\n([\s\S]*?)```/.exec(docs);
    assert.ok(block, 'docs/scenarios.md has an Azure yaml example');
    const scenario = parseScenario(`seed: 7\n${block[1]}`, 'docs/scenarios.md');
    const docsSandbox = await startSandbox({ port: 0, now: () => NOW, scenario });
    try {
      const deployments = await request(docsSandbox, 'GET', `${WS}/onlineEndpoints/credit-scoring/deployments${ML}`);
      assert.deepEqual(deployments.body.value.map((d: { properties: { scaleSettings: { scaleType: string } } }) => d.properties.scaleSettings.scaleType), ['Default', 'TargetUtilization']);
    } finally {
      await docsSandbox.close();
    }
  });
});
