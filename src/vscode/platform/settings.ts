// Reads `mlMonitor.*` settings as untrusted input: types checked, ranges clamped, and the
// settings that could redirect credentials taken from user settings only.
import * as vscode from 'vscode';

export interface Settings {
  awsProfiles: string[];
  awsRegions: string[];
  awsEndpointOverrides: { sagemaker?: string; cloudwatch?: string };
  /** Azure subscription ids; their workspaces are discovered unless azureWorkspaces names some. */
  azureSubscriptions: string[];
  /** `resourceGroup/workspace` or `subscription/resourceGroup/workspace`. */
  azureWorkspaces: string[];
  /** Google Cloud project ids and Vertex AI locations (regions) to show. */
  gcpProjects: string[];
  gcpLocations: string[];
  refreshIntervalSeconds: number;
  pageSize: number;
  requestTimeoutSeconds: number;
  latencyThresholdMs: number;
  sandboxUrl?: string;
  sandboxScenarioFile?: string;
  /** Human-readable problems found while reading, to show once and log. */
  problems: string[];
}

const PROFILE = /^[A-Za-z0-9_.+=,@-]{1,64}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const SUBSCRIPTION = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const WORKSPACE = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\/)?[-\w._()]{1,90}\/[A-Za-z0-9][-\w]{1,32}$/;
const GCP_PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const GCP_LOCATION = /^[a-z]+(-[a-z]+)+\d$/;

function userOrWorkspace<T>(config: vscode.WorkspaceConfiguration, key: string, trusted: boolean): T | undefined {
  const inspected = config.inspect<T>(key);
  if (!inspected) return undefined;
  // An untrusted folder may not choose which of the user's credentials are used.
  if (trusted) return inspected.workspaceFolderValue ?? inspected.workspaceValue ?? inspected.globalValue ?? inspected.defaultValue;
  return inspected.globalValue ?? inspected.defaultValue;
}

function userOnly<T>(config: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const inspected = config.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

function stringList(value: unknown, pattern: RegExp, key: string, problems: string[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`Setting mlMonitor.${key} must be a list of strings; it was ignored.`);
    return [];
  }
  const out: string[] = [];
  for (const item of value) {
    if (typeof item === 'string' && pattern.test(item)) out.push(item);
    else problems.push(`Setting mlMonitor.${key} has an invalid entry ${JSON.stringify(item).slice(0, 80)}; it was skipped.`);
  }
  return [...new Set(out)];
}

function number(value: unknown, fallback: number, min: number, max: number, key: string, problems: string[]): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    problems.push(`Setting mlMonitor.${key} must be a number; using ${fallback}.`);
    return fallback;
  }
  return Math.min(max, Math.max(min, value));
}

export function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.toString().replace(/\/$/, '');
  } catch {
    return undefined;
  }
}

function url(value: unknown, key: string, problems: string[]): string | undefined {
  const parsed = httpUrl(value);
  if (value !== undefined && value !== '' && !parsed) problems.push(`Setting mlMonitor.${key} is not an http(s) URL; it was ignored.`);
  return parsed;
}

export function readSettings(trusted = vscode.workspace.isTrusted): Settings {
  const config = vscode.workspace.getConfiguration('mlMonitor');
  const problems: string[] = [];
  const overrides = userOnly<unknown>(config, 'aws.endpointOverrides');
  const o = typeof overrides === 'object' && overrides !== null ? (overrides as Record<string, unknown>) : {};
  const scenario = userOnly<unknown>(config, 'sandbox.scenarioFile');
  return {
    awsProfiles: stringList(userOrWorkspace(config, 'aws.profiles', trusted), PROFILE, 'aws.profiles', problems),
    awsRegions: stringList(userOrWorkspace(config, 'aws.regions', trusted), REGION, 'aws.regions', problems),
    gcpProjects: stringList(userOrWorkspace(config, 'gcp.projects', trusted), GCP_PROJECT, 'gcp.projects', problems),
    gcpLocations: stringList(userOrWorkspace(config, 'gcp.locations', trusted), GCP_LOCATION, 'gcp.locations', problems),
    awsEndpointOverrides: {
      sagemaker: url(o.sagemaker, 'aws.endpointOverrides.sagemaker', problems),
      cloudwatch: url(o.cloudwatch, 'aws.endpointOverrides.cloudwatch', problems),
    },
    azureSubscriptions: stringList(userOrWorkspace(config, 'azure.subscriptions', trusted), SUBSCRIPTION, 'azure.subscriptions', problems).map((id) => id.toLowerCase()),
    azureWorkspaces: stringList(userOrWorkspace(config, 'azure.workspaces', trusted), WORKSPACE, 'azure.workspaces', problems),
    refreshIntervalSeconds: number(config.get('refreshIntervalSeconds'), 60, 0, 3600, 'refreshIntervalSeconds', problems),
    pageSize: Math.round(number(config.get('pageSize'), 50, 5, 500, 'pageSize', problems)),
    requestTimeoutSeconds: number(config.get('requestTimeoutSeconds'), 30, 2, 300, 'requestTimeoutSeconds', problems),
    latencyThresholdMs: number(config.get('thresholds.latencyMs'), 1000, 1, 600_000, 'thresholds.latencyMs', problems),
    sandboxUrl: url(userOnly(config, 'sandbox.url'), 'sandbox.url', problems),
    sandboxScenarioFile: typeof scenario === 'string' && scenario.trim() ? scenario.trim() : undefined,
    problems,
  };
}
