// The GCP sandbox cloud with the real @google-cloud clients (REST fallback) and raw HTTP: Vertex AI
// lists and gets, Cloud Monitoring filters, alignment, reduction, views, paging and errors.
import { EndpointServiceClient } from '@google-cloud/aiplatform/build/src/v1/endpoint_service_client';
import { JobServiceClient } from '@google-cloud/aiplatform/build/src/v1/job_service_client';
import { PipelineServiceClient } from '@google-cloud/aiplatform/build/src/v1/pipeline_service_client';
import { MetricServiceClient } from '@google-cloud/monitoring/build/src/v3/metric_service_client';
import { googleAuthLibrary } from 'google-gax';
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server';

const NOON = Date.parse('2026-12-01T12:00:00Z');
const PARENT = 'projects/sandbox-project/locations/us-central1';
const ONLINE = 'aiplatform.googleapis.com/prediction/online/';
const seconds = (ms: number) => ({ seconds: Math.floor(ms / 1000) });

function get(url: string, token = 'sandbox-token'): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(data) as Record<string, unknown> }));
    }).on('error', reject);
  });
}

async function failure(p: Promise<unknown>): Promise<{ status?: number; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { status?: number; message: string };
    return { status: err.status, message: err.message };
  }
  throw new Error('expected the call to fail');
}

describe('sandbox/gcp', function () {
  this.timeout(60000);
  let sandbox: RunningSandbox;
  let endpoints: EndpointServiceClient;
  let jobs: JobServiceClient;
  let pipelines: PipelineServiceClient;
  let metrics: MetricServiceClient;

  before(async () => {
    sandbox = await startSandbox({ port: 0, now: () => NOON });
    const authClient = new googleAuthLibrary.OAuth2Client();
    authClient.setCredentials({ access_token: 'sandbox-token' });
    const options = { fallback: true as const, apiEndpoint: '127.0.0.1', port: sandbox.port, protocol: 'http', authClient };
    endpoints = new EndpointServiceClient(options);
    jobs = new JobServiceClient(options);
    pipelines = new PipelineServiceClient(options);
    metrics = new MetricServiceClient(options);
  });

  after(async () => {
    await Promise.all([endpoints.close(), jobs.close(), pipelines.close(), metrics.close()]);
    await sandbox.close();
  });

  const list = (request: Record<string, unknown>) => metrics.listTimeSeries({ name: 'projects/sandbox-project', ...request }, { autoPaginate: false });

  it('lists and gets endpoints with pageSize/pageToken paging, by project id or number', async () => {
    const [first, next, raw] = await endpoints.listEndpoints({ parent: PARENT, pageSize: 4, orderBy: 'display_name' }, { autoPaginate: false });
    assert.equal(first.length, 4);
    assert.ok(raw?.nextPageToken && next);
    const [rest] = await endpoints.listEndpoints({ parent: PARENT, pageSize: 4, orderBy: 'display_name', pageToken: raw.nextPageToken }, { autoPaginate: false });
    const names = [...first, ...rest].map((e) => e.displayName);
    assert.deepEqual(names, ['churn-scorer', 'fraud-scorer', 'image-tagger-t4', 'recs-retrieval', 'search-reranker', 'sentiment-staging']);
    const number = first[0].name!.split('/')[1];
    const [byNumber] = await endpoints.getEndpoint({ name: first[0].name! });
    assert.equal(byNumber.displayName, 'churn-scorer');
    assert.match(number, /^\d+$/);
    const t4 = [...first, ...rest].find((e) => e.displayName === 'image-tagger-t4')!;
    assert.equal(t4.deployedModels?.[0].dedicatedResources?.machineSpec?.acceleratorType, 'NVIDIA_TESLA_T4');
    assert.equal(t4.deployedModels?.[0].status?.availableReplicaCount, 2);
    const missing = await failure(endpoints.getEndpoint({ name: `${PARENT}/endpoints/42` }));
    assert.equal(missing.status, 404);
    assert.match(missing.message, /NOT_FOUND/);
  });

  it('filters custom jobs by state and reports worker pools, times and errors', async () => {
    const [failed] = await jobs.listCustomJobs({ parent: PARENT, filter: 'state="JOB_STATE_FAILED"' }, { autoPaginate: false });
    assert.deepEqual(failed.map((j) => j.displayName), ['bert-classifier-oom']);
    assert.equal(failed[0].error?.code, 3);
    assert.ok(failed[0].startTime && failed[0].endTime);
    assert.equal(failed[0].jobSpec?.workerPoolSpecs?.[0].machineSpec?.acceleratorType, 'NVIDIA_L4');
  });

  it('lists and gets training pipelines: task, inputs, the custom job they started, state and error', async () => {
    const [all, , raw] = await pipelines.listTrainingPipelines({ parent: PARENT, pageSize: 2 }, { autoPaginate: false });
    assert.equal(all.length, 2);
    const [rest] = await pipelines.listTrainingPipelines({ parent: PARENT, pageSize: 2, pageToken: raw!.nextPageToken! }, { autoPaginate: false });
    const byName = new Map([...all, ...rest].map((p) => [p.displayName, p]));
    assert.deepEqual([...byName.keys()].sort(), ['churn-automl', 'demand-forecast-train', 'llm-finetune-a100']);
    const forecast = byName.get('demand-forecast-train')!;
    assert.equal(forecast.state, 'PIPELINE_STATE_SUCCEEDED');
    assert.match(forecast.trainingTaskDefinition ?? '', /\/custom_task_1\.0\.0\.yaml$/);
    const pool = forecast.trainingTaskInputs?.structValue?.fields?.workerPoolSpecs?.listValue?.values?.[0].structValue?.fields;
    assert.equal(pool?.machineSpec?.structValue?.fields?.acceleratorType?.stringValue, 'NVIDIA_TESLA_T4');
    // The custom job it started is a real one: listed with the others, with the pipeline's pools.
    const backing = forecast.trainingTaskMetadata?.structValue?.fields?.backingCustomJob?.stringValue;
    assert.match(backing ?? '', /^projects\/418276530912\/locations\/us-central1\/customJobs\/\d+$/);
    const [job] = await jobs.getCustomJob({ name: backing! });
    assert.equal(job.displayName, 'demand-forecast-train-custom-job');
    assert.equal(job.state, 'JOB_STATE_SUCCEEDED');
    assert.ok(forecast.inputDataConfig?.datasetId);
    const failed = byName.get('llm-finetune-a100')!;
    assert.equal(failed.error?.code, 8);
    assert.match(failed.error?.message ?? '', /quota/);
    assert.equal(failed.trainingTaskMetadata, null, 'it failed before starting a custom job');
    const [one] = await pipelines.getTrainingPipeline({ name: failed.name! });
    assert.equal(one.displayName, 'llm-finetune-a100');
    const [automl] = await pipelines.listTrainingPipelines({ parent: PARENT, filter: 'training_task_definition="gs://google-cloud-aiplatform/schema/trainingjob/definition/automl_tabular_1.0.0.yaml"' }, { autoPaginate: false });
    assert.deepEqual(automl.map((p) => p.displayName), ['churn-automl']);
    const [stateFiltered] = await pipelines.listTrainingPipelines({ parent: PARENT, filter: 'state="PIPELINE_STATE_FAILED"' }, { autoPaginate: false });
    assert.deepEqual(stateFiltered.map((p) => p.displayName), ['llm-finetune-a100']);
    const missing = await failure(pipelines.getTrainingPipeline({ name: `${PARENT}/trainingPipelines/42` }));
    assert.equal(missing.status, 404);
    assert.match(missing.message, /TrainingPipeline .* not found/);
    const badFilter = await failure(pipelines.listTrainingPipelines({ parent: PARENT, filter: 'state:FAILED' }, { autoPaginate: false }));
    assert.equal(badFilter.status, 400);
    const ints = await get(`${sandbox.url}/v1/${PARENT}/trainingPipelines?$alt=json%3Benum-encoding=int`);
    assert.ok((ints.body.trainingPipelines as Array<{ state: unknown }>).every((p) => typeof p.state === 'number'));
  });

  it('serves BigQuery query execution times per project, in seconds, by priority', async () => {
    const interval = { startTime: seconds(NOON - 3600_000), endTime: seconds(NOON) };
    const filter = 'metric.type = "bigquery.googleapis.com/query/execution_times" AND resource.type = "bigquery_project"';
    const [raw] = await list({ filter, interval, aggregation: { alignmentPeriod: { seconds: 3600 }, perSeriesAligner: 'ALIGN_DELTA' } });
    assert.deepEqual(raw.map((s) => s.metric?.labels?.priority).sort(), ['batch', 'interactive']);
    assert.deepEqual(raw[0].resource?.labels, { project_id: 'sandbox-project', location: 'US' });
    assert.equal(raw[0].unit, 's');
    const [p95] = await list({ filter, interval, aggregation: { alignmentPeriod: { seconds: 3600 }, perSeriesAligner: 'ALIGN_PERCENTILE_95', crossSeriesReducer: 'REDUCE_MAX', groupByFields: ['resource.label.project_id'] } });
    const seconds95 = p95[0].points![0].value!.doubleValue!;
    assert.ok(seconds95 > 5.5 && seconds95 < 8.5, `the rising query time's p95 now ${seconds95} s (story: ~6.4 s)`);
  });

  it('answers enums by name unless the client asks for numbers, and int64 as strings', async () => {
    const plain = await get(`${sandbox.url}/v3/projects/sandbox-project/timeSeries?filter=${encodeURIComponent(`metric.type = "${ONLINE}replicas"`)}&interval.endTime=2026-12-01T12:00:00Z&interval.startTime=2026-12-01T11:58:00Z`);
    const series = (plain.body.timeSeries as Array<Record<string, unknown>>)[0];
    assert.equal(series.metricKind, 'GAUGE');
    assert.equal(series.valueType, 'INT64');
    assert.equal(typeof (series.points as Array<{ value: { int64Value: unknown } }>)[0].value.int64Value, 'string');
    const ints = await get(`${sandbox.url}/v1/${PARENT}/customJobs?$alt=json%3Benum-encoding=int`);
    assert.ok((ints.body.customJobs as Array<{ state: unknown }>).every((j) => typeof j.state === 'number'));
  });

  it('aligns, reduces and groups server-side', async () => {
    const interval = { startTime: seconds(NOON - 3600_000), endTime: seconds(NOON) };
    const [byEndpoint] = await list({
      filter: `metric.type = "${ONLINE}response_count" AND resource.labels.location = "us-central1"`,
      interval,
      aggregation: { alignmentPeriod: { seconds: 3600 }, perSeriesAligner: 'ALIGN_DELTA', crossSeriesReducer: 'REDUCE_SUM', groupByFields: ['resource.label.endpoint_id'] },
    });
    assert.equal(byEndpoint.length, 5, 'one series per serving endpoint');
    for (const s of byEndpoint) {
      assert.deepEqual(Object.keys(s.metric?.labels ?? {}), [], 'only the group-by labels stay');
      assert.equal(s.points?.length, 1);
      assert.equal(s.metricKind, 'DELTA');
    }
    const [rates] = await list({
      filter: `metric.type = "${ONLINE}response_count" AND (metric.labels.response_code = "500" OR metric.labels.response_code = "400")`,
      interval,
      aggregation: { alignmentPeriod: { seconds: 600 }, perSeriesAligner: 'ALIGN_RATE', crossSeriesReducer: 'REDUCE_SUM', groupByFields: ['metric.label.response_code'] },
    });
    assert.deepEqual(rates.map((s) => s.metric?.labels?.response_code).sort(), ['400', '500']);
    assert.equal(rates[0].valueType, 'DOUBLE');
    const times = rates[0].points!.map((p) => Number(p.interval!.endTime!.seconds));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
    assert.equal(times[0], NOON / 1000, 'windows end at the interval end');
  });

  it('splits FULL pages by points and HEADERS pages by series', async () => {
    const request = { filter: `metric.type = "${ONLINE}cpu/utilization"`, interval: { startTime: seconds(NOON - 3600_000), endTime: seconds(NOON) } };
    const [headers, , raw] = await list({ ...request, view: 'HEADERS', pageSize: 5 });
    assert.equal(headers.length, 5);
    assert.ok(headers.every((s) => !s.points?.length));
    assert.ok(raw?.nextPageToken);
    const [page1, , r1] = await list({ ...request, pageSize: 70 });
    assert.equal(page1.reduce((n, s) => n + (s.points?.length ?? 0), 0), 70);
    assert.equal(page1[1].points?.length, 10, 'the second series continues on the next page');
    const [page2] = await list({ ...request, pageSize: 70, pageToken: r1!.nextPageToken! });
    assert.deepEqual(page2[0].metric?.labels, page1[1].metric?.labels);
    assert.equal(page2[0].points?.length, 50);
    const badToken = await failure(list({ ...request, pageToken: 'nonsense' }));
    assert.equal(badToken.status, 400);
  });

  it('refuses what Cloud Monitoring refuses, in its words', async () => {
    const interval = { startTime: seconds(NOON - 600_000), endTime: seconds(NOON) };
    const rateOnGauge = await failure(list({ filter: `metric.type = "${ONLINE}cpu/utilization"`, interval, aggregation: { alignmentPeriod: { seconds: 60 }, perSeriesAligner: 'ALIGN_RATE' } }));
    assert.equal(rateOnGauge.status, 400);
    assert.match(rateOnGauge.message, /ALIGN_RATE cannot be applied to metrics with kind GAUGE/);
    const unknown = await failure(list({ filter: 'metric.type = "custom.googleapis.com/nope"', interval }));
    assert.equal(unknown.status, 404);
    assert.match(unknown.message, /Cannot find metric\(s\) that match type/);
    const two = await failure(list({ filter: `metric.type = "${ONLINE}replicas" OR metric.type = "${ONLINE}target_replicas"`, interval }));
    assert.match(two.message, /exactly one metric type/);
    const noPeriod = await failure(list({ filter: `metric.type = "${ONLINE}replicas"`, interval, aggregation: { perSeriesAligner: 'ALIGN_MEAN' } }));
    assert.match(noPeriod.message, /alignment period must be specified/);
    const otherProject = await get(`${sandbox.url}/v3/projects/someone-else/timeSeries?filter=x&interval.endTime=2026-12-01T12:00:00Z`);
    assert.equal(otherProject.status, 403);
    assert.deepEqual(Object.keys(otherProject.body.error as object), ['code', 'message', 'status']);
    assert.equal((otherProject.body.error as { status: string }).status, 'PERMISSION_DENIED');
    const anonymous = await get(`${sandbox.url}/v1/${PARENT}/endpoints`, '');
    assert.equal(anonymous.status, 401);
  });

  it('serves the latency distribution with bucket counts that add up, and percentiles from them', async () => {
    const interval = { startTime: seconds(NOON - 300_000), endTime: seconds(NOON) };
    const filter = `metric.type = "${ONLINE}prediction_latencies" AND metric.labels.latency_type = "model"`;
    const [dists] = await list({ filter, interval, aggregation: { alignmentPeriod: { seconds: 300 }, perSeriesAligner: 'ALIGN_DELTA' } });
    for (const s of dists) {
      const d = s.points![0].value!.distributionValue!;
      assert.equal((d.bucketCounts ?? []).map(Number).reduce((n, c) => n + c, 0), Number(d.count));
      assert.ok(d.bucketOptions?.exponentialBuckets);
    }
    const [p99] = await list({ filter, interval, aggregation: { alignmentPeriod: { seconds: 300 }, perSeriesAligner: 'ALIGN_PERCENTILE_99', crossSeriesReducer: 'REDUCE_MAX', groupByFields: ['resource.label.endpoint_id'] } });
    const worst = Math.max(...p99.map((s) => s.points![0].value!.doubleValue!));
    assert.ok(worst > 1300 && worst < 1600, `the regressed endpoint's p99 ${worst} ms`);
  });
});
