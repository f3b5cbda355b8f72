// Credentials, unknown operations, bad bodies and garbage: what the SDKs and raw HTTP clients see.
import { ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { ListEndpointsCommand } from '@aws-sdk/client-sagemaker';
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import { openSandbox, rejection, type TestSandbox } from './helpers';

function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const AUTH = 'AWS4-HMAC-SHA256 Credential=AKIDTEST/20261201/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=abc';

describe('sandbox/protocol', function () {
  let t: TestSandbox;
  before(async () => {
    t = await openSandbox();
  });
  after(() => t.close());

  it('fails expired and invalid access keys as AWS does, on both services', async () => {
    const expired = await rejection(t.sagemaker({ accessKeyId: 'EXPIRED' }).send(new ListEndpointsCommand({})));
    assert.equal(expired.name, 'ExpiredTokenException');
    assert.equal(expired.message, 'The security token included in the request is expired');
    const invalid = await rejection(t.cloudwatch({ accessKeyId: 'INVALID' }).send(new ListMetricsCommand({})));
    assert.equal(invalid.name, 'UnrecognizedClientException');
    assert.equal(invalid.message, 'The security token included in the request is invalid.');
    const cwExpired = await rejection(t.cloudwatch({ accessKeyId: 'EXPIRED' }).send(new ListMetricsCommand({})));
    assert.equal(cwExpired.name, 'ExpiredTokenException');
  });

  it('accepts any other credentials', async () => {
    const out = await t.sagemaker({ accessKeyId: 'ASIAANYTHING' }).send(new ListEndpointsCommand({}));
    assert.ok(out.Endpoints!.length > 0);
  });

  it('answers a request without Authorization with MissingAuthenticationTokenException', async () => {
    const res = await post(t.sandbox.url, { 'x-amz-target': 'SageMaker.ListEndpoints', 'content-type': 'application/x-amz-json-1.1' }, '{}');
    assert.equal(res.status, 403);
    assert.equal(JSON.parse(res.body).__type, 'MissingAuthenticationTokenException');
  });

  it('answers unknown operations and bad JSON as the JSON protocols do', async () => {
    const unknown = await post(t.sandbox.url, { 'x-amz-target': 'SageMaker.CreateEndpoint', authorization: AUTH }, '{}');
    assert.equal(unknown.status, 400);
    assert.equal(JSON.parse(unknown.body).__type, 'UnknownOperationException');
    const bad = await post(t.sandbox.url, { 'x-amz-target': 'SageMaker.ListEndpoints', authorization: AUTH }, '{"MaxResults":');
    assert.equal(JSON.parse(bad.body).__type, 'SerializationException');
    const wrongType = await post(t.sandbox.url, { 'x-amz-target': 'SageMaker.ListEndpoints', authorization: AUTH }, '{"MaxResults":"ten"}');
    assert.equal(JSON.parse(wrongType.body).__type, 'SerializationException');
    const array = await post(t.sandbox.url, { 'x-amz-target': 'GraniteServiceVersion20100801.ListMetrics', authorization: AUTH }, '[1,2]');
    assert.match(JSON.parse(array.body).__type, /SerializationException$/);
  });

  it('sends CloudWatch service errors with x-amzn-query-error', async () => {
    const res = await post(
      t.sandbox.url,
      { 'x-amz-target': 'GraniteServiceVersion20100801.GetMetricData', 'x-amzn-query-mode': 'true', authorization: AUTH },
      JSON.stringify({ MetricDataQueries: [], StartTime: 1, EndTime: 2 }),
    );
    assert.equal(res.status, 400);
    assert.equal(res.headers['x-amzn-query-error'], 'MissingParameter;Sender');
    assert.equal(JSON.parse(res.body).__type, 'com.amazonaws.cloudwatch#MissingRequiredParameterException');
  });

  it('survives garbage: odd paths, huge headers, broken HTTP, and keeps serving', async () => {
    const notFound = await post(`${t.sandbox.url}/v1/projects/x`, {}, 'hello');
    assert.equal(notFound.status, 404);
    const deep = await post(t.sandbox.url, { 'x-amz-target': 'GraniteServiceVersion20100801.GetMetricData', authorization: AUTH }, JSON.stringify({ MetricDataQueries: [{ Id: 'a', MetricStat: 7 }], StartTime: 'x', EndTime: null }));
    assert.equal(deep.status, 400);
    await new Promise<void>((resolve) => {
      const socket = net.connect(t.sandbox.port, '127.0.0.1', () => socket.end('NOT HTTP AT ALL\r\n\r\n'));
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
      socket.resume();
    });
    const out = await t.sagemaker().send(new ListEndpointsCommand({}));
    assert.ok(out.Endpoints!.length > 0, 'still serving');
  });
});
