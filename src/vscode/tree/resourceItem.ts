// How one training job, endpoint or dataset looks in the tree.
import * as vscode from 'vscode';
import { formatCapacity, formatRed, redHealth, type Health, type RedThresholds } from '../../core/metrics/red';
import { formatAutoscaling, type RedSummary, type Resource, type ResourceStatus } from '../../core/model';

const statusIcons: Record<ResourceStatus, [string, string?]> = {
  inService: ['pass', 'testing.iconPassed'],
  creating: ['sync~spin'],
  updating: ['sync~spin'],
  deleting: ['trash'],
  failed: ['error', 'problemsErrorIcon.foreground'],
  outOfService: ['circle-slash', 'problemsWarningIcon.foreground'],
  pending: ['clock'],
  running: ['loading~spin', 'charts.blue'],
  stopping: ['debug-stop'],
  stopped: ['debug-stop', 'disabledForeground'],
  completed: ['check', 'testing.iconPassed'],
  unknown: ['question'],
};

const kindLabels = { endpoint: 'Endpoint', trainingJob: 'Training job', dataset: 'Dataset' } as const;
const datasetLabels: Record<string, string> = { featureGroup: 'feature group', dataAsset: 'data asset', datastore: 'datastore', bigquery: 'BigQuery', gcs: 'Cloud Storage', managed: 'Vertex managed' };
const MAX_LABEL = 120;

export function statusIcon(resource: Resource, health: Health): vscode.ThemeIcon {
  if (resource.status === 'inService' && health === 'error') return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
  if (resource.status === 'inService' && health === 'warning') return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  const [icon, color] = statusIcons[resource.status];
  return new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

export function describe(resource: Resource, red: RedSummary | undefined): string {
  const parts: string[] = [];
  if (resource.ref.kind === 'dataset') {
    parts.push(datasetLabels[resource.datasetType ?? ''] ?? 'S3');
    if (resource.status !== 'inService') parts.push(resource.rawStatus);
    return parts.join(' · ');
  }
  const capacity = formatCapacity(resource);
  if (capacity) parts.push(capacity);
  if (resource.ref.kind === 'endpoint') {
    if (resource.status === 'inService' || resource.status === 'updating') {
      const summary = formatRed(red);
      if (summary) parts.push(summary);
    }
    if (resource.status !== 'inService') parts.push(resource.rawStatus);
  } else {
    parts.push(resource.details?.Phase && resource.status === 'running' ? `${resource.rawStatus} (${resource.details.Phase})` : resource.rawStatus);
    // Vertex training pipelines sit with the custom jobs: say which they are and what they train.
    const pipeline = resource.details?.['Training pipeline'];
    if (pipeline) parts.push(`pipeline ${pipeline}`);
  }
  return parts.join(' · ');
}

/** appendText escapes Markdown but not HTML; entities keep `<img ...>` in a name as text. */
export function appendPlain(md: vscode.MarkdownString, text: string): void {
  md.appendText(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** Markdown built from escaped text so names and provider messages can never inject markup or links. */
export function tooltip(resource: Resource, red: RedSummary | undefined, health: Health): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown(`**${kindLabels[resource.ref.kind]}** `);
  appendPlain(md, resource.ref.name);
  md.appendMarkdown('\n\n');
  const line = (label: string, value: string | undefined) => {
    if (!value) return;
    md.appendMarkdown(`${label}: `);
    appendPlain(md, value);
    md.appendMarkdown('  \n');
  };
  line('Status', resource.rawStatus);
  line('Reason', resource.statusReason);
  for (const v of resource.variants ?? []) {
    const capacity = formatCapacity({ ...resource, variants: [v] });
    if (capacity) line(resource.ref.kind === 'endpoint' ? `${resource.ref.provider === 'azure' ? 'Deployment' : 'Variant'} ${v.name}` : 'Instances', capacity);
    if (v.autoscaling) line('Autoscaling', formatAutoscaling(v.autoscaling));
  }
  if (resource.ref.kind === 'endpoint' && red) {
    line('Last 5 min', formatRed(red) || 'no traffic');
    if (health === 'warning' || health === 'error') line('Health', health === 'error' ? 'error rate above 5 %' : 'over a threshold');
  }
  line('Location', resource.location);
  for (const [key, value] of Object.entries(resource.details ?? {})) line(key, value);
  line('ID', resource.nativeId);
  return md;
}

export function resourceTreeItem(resource: Resource, red: RedSummary | undefined, thresholds: RedThresholds, id: string): vscode.TreeItem {
  const health = resource.ref.kind === 'endpoint' ? redHealth(red, thresholds) : 'unknown';
  const item = new vscode.TreeItem(truncate(resource.ref.name, MAX_LABEL), vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.description = describe(resource, red);
  item.tooltip = tooltip(resource, red, health);
  item.iconPath = statusIcon(resource, health);
  const sub = resource.ref.kind === 'dataset' ? (resource.datasetType ?? 'data') : resource.status;
  item.contextValue = `mlMonitor.${resource.ref.kind}.${sub}`;
  item.command = { command: 'mlMonitor.openMetrics', title: 'Open Metrics', arguments: [resource] };
  item.accessibilityInformation = { label: `${kindLabels[resource.ref.kind]} ${resource.ref.name}, ${item.description}` };
  return item;
}
