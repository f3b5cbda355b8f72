// The sandbox clouds: one local HTTP server that routes each request to the cloud that speaks its
// protocol (AWS now; GCP and Azure handlers join the list), and adds what a real network does
// to calls: latency, throttling, server errors, hangs and cut-off bodies, deterministically.
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createAwsHandler } from './aws';
import { createAzureHandler } from './azure/azureHandler';
import { createSandboxCertificate } from './azure/tls';
import { buildAzureWorld } from './azure/world';
import { createGcpHandler } from './gcp/handler';
import { createFaultInjector, resolveFaultRates, truncateBody, type FaultKind, type FaultRates } from './faults';
import { jsonResponse, type CloudHandler, type SandboxRequest, type SandboxResponse } from './handler';
import { seedKey } from './prng';
import { loadScenarioFile, validateScenario } from './scenario';
import type { Scenario } from './scenarioTypes';
import { defaultScenario } from './scenarios/default';
import { createClock } from './time';
import { buildWorld } from './workloads';

// The chunk entry point for the extension's lazy import, so it also carries what callers need
// to prepare a scenario.
export { defaultScenario } from './scenarios/default';
export { loadScenarioFile, parseScenario, ScenarioError } from './scenario';
export type { Scenario } from './scenarioTypes';

export interface SandboxOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Port of the HTTPS listener (Azure); 0 (default) picks a free one. */
  httpsPort?: number;
  /** An already parsed scenario; wins over `scenarioFile`. Default: the built-in scenario. */
  scenario?: Scenario;
  /** A JSON or YAML scenario file. */
  scenarioFile?: string;
  /** Added to every response. */
  latencyMs?: number;
  /** 0..1, spread evenly over throttling, server errors, timeouts and malformed bodies. */
  faultRate?: number;
  /** Per-kind rates; each wins over the even share of `faultRate`. */
  faults?: FaultRates;
  /** The clock, epoch ms. Default Date.now (or the scenario's clock.start, running on). */
  now?: () => number;
  /** Extra synthetic endpoints `fleet-0001`...; overrides the scenario's fleetSize. */
  fleetSize?: number;
  log?: (line: string) => void;
}

export interface RunningSandbox {
  url: string;
  port: number;
  /** The same clouds over HTTPS on their own port: the Azure SDKs refuse plain http. */
  httpsUrl: string;
  httpsPort: number;
  /** PEM of the certificate httpsUrl serves, made at start: clients pass it as their CA. */
  ca: string;
  scenario: Scenario;
  /** Requests received per operation, e.g. `CloudWatch.GetMetricData`, faulted ones included. */
  requestCounts(): Record<string, number>;
  resetCounts(): void;
  close(): Promise<void>;
}

/** Bigger bodies are refused: no real client of these APIs sends more. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Regions that hold AWS resources, so a client knows where to look. */
export function awsRegions(scenario: Scenario): string[] {
  return [...new Set((scenario.aws?.accounts ?? []).flatMap((a) => a.regions.map((r) => r.name)))];
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const scenario = options.scenario
    ? validateScenario(options.scenario)
    : options.scenarioFile
      ? loadScenarioFile(options.scenarioFile)
      : defaultScenario;
  const latencyMs = options.latencyMs ?? 0;
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new RangeError(`latencyMs must be 0 or more, got ${latencyMs}`);
  const faults = createFaultInjector(seedKey(scenario.seed), resolveFaultRates(options.faultRate, options.faults));
  const clock = createClock({ now: options.now, start: scenario.clock?.start });
  const world = buildWorld(scenario, { anchor: clock.anchor, fleetSize: options.fleetSize });
  const log = options.log;
  const handlers: CloudHandler[] = [createAwsHandler({ world, clock, log }), createGcpHandler({ scenario, world, clock, fleetSize: options.fleetSize, log })];
  const certificate = await createSandboxCertificate(options.host ?? '127.0.0.1');
  let secure = { url: '', ca: certificate.cert };
  handlers.push(createAzureHandler({ world: buildAzureWorld(scenario, world.seed, clock.anchor, world.historyStart), clock, log, tls: () => secure }));

  let counts: Record<string, number> = {};
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closing = false;

  const send = (res: http.ServerResponse, response: SandboxResponse) => {
    if (res.destroyed || closing) return;
    res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
    res.end(response.body);
  };

  const later = (fn: () => void) => {
    if (latencyMs <= 0) return fn();
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, latencyMs);
    timers.add(timer);
  };

  const serve = async (request: SandboxRequest, res: http.ServerResponse) => {
    const route = handlers.map((h) => ({ handler: h, operation: h.operation(request) })).find((r) => r.operation !== undefined);
    if (!route) {
      const index = request.method === 'GET' && (request.url === '/' || request.url === '/health');
      send(res, index ? jsonResponse(200, { service: 'mlmon sandbox', clouds: handlers.map((h) => h.cloud), scenario: scenario.name ?? null, regions: { aws: awsRegions(scenario) } }) : jsonResponse(404, { message: `The sandbox serves no ${request.method} ${request.url.slice(0, 200)}` }));
      return;
    }
    const operation = route.operation!;
    counts[operation] = (counts[operation] ?? 0) + 1;
    const fault: FaultKind | undefined = faults.next();
    log?.(`${operation}${fault ? ` fault=${fault}` : ''}`);
    // A hang: answer nothing and let the client give up; the socket is destroyed when it does or when the sandbox closes.
    if (fault === 'timeout') return;
    let response: SandboxResponse =
      fault === 'throttling' || fault === 'serverError' ? route.handler.renderFault(fault, operation) : await route.handler.handle(request, operation);
    if (fault === 'malformed') response = { ...response, status: 200, body: truncateBody(response.body) };
    later(() => send(res, response));
  };

  const listener = (tls: boolean) => (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        send(res, jsonResponse(413, { message: `Request bodies are limited to ${MAX_BODY_BYTES} bytes` }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return;
      const request: SandboxRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks), secure: tls };
      serve(request, res).catch((e: unknown) => {
        // Handlers answer their own errors; this is the last line so a bug never kills the server.
        log?.(`sandbox: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        send(res, jsonResponse(500, { message: 'The sandbox failed to serve this request' }));
      });
    });
  };
  const server = http.createServer(listener(false));
  const secureServer = https.createServer({ key: certificate.key, cert: certificate.cert }, listener(true));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // TLS sockets are tracked with the plain ones so close() can end hung connections too.
  secureServer.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  secureServer.on('tlsClientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    secureServer.once('error', (e) => server.close(() => reject(e)));
    secureServer.listen(options.httpsPort ?? 0, host, () => resolve());
  });
  const httpsPort = (secureServer.address() as AddressInfo).port;
  secure = { url: `https://${host.includes(':') ? `[${host}]` : host}:${httpsPort}`, ca: certificate.cert };

  return {
    url,
    port,
    httpsUrl: secure.url,
    httpsPort,
    ca: certificate.cert,
    scenario,
    requestCounts: () => ({ ...counts }),
    resetCounts: () => {
      counts = {};
    },
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        secureServer.close();
        server.close(() => resolve());
        // Hung and keep-alive connections would hold close() open forever.
        for (const socket of sockets) socket.destroy();
      }),
  };
}
