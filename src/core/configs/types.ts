// What the config locators report: declared training jobs, endpoints and compute with every value's
// source range, so diagnostics and quick fixes land on the exact characters that declare an instance
// type or count. Plain data; no vscode import (lint-enforced).
import type { ProviderId } from '../model';

/** Zero-based, end-exclusive; offsets are UTF-16 code units into the analysed text (what editors count). */
export interface TextSpan {
  start: number;
  end: number;
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

export interface SourceRange extends TextSpan {
  /** Notebooks: the same span inside the cell's own text, which is what an editor shows per cell. */
  cell?: TextSpan & { index: number };
}

/**
 * How a value was found. `literal`: written at the declaration. `reference`: a variable, parameter or
 * expression; `value` is set only when it resolves to a literal in the same file (`resolvedFrom` says
 * where), otherwise it stays unresolved and `note` says why. `missing`: not written; `value` is then
 * the platform default when there is a documented one.
 */
export type ValueSource = 'literal' | 'reference' | 'missing';

export interface ConfigValue<T extends string | number = string | number> {
  source: ValueSource;
  value?: T;
  /** Where it is written; for a missing value, the declaration it is missing from. */
  range: SourceRange;
  /** References: the expression as written (`!Ref InstanceType`, `var.instance_type`, `$MACHINE`). */
  reference?: string;
  /** A resolved reference: the literal it resolved to, which is where a fix has to edit. */
  resolvedFrom?: { description: string; range: SourceRange };
  /** Why a reference is unresolved, or which default applies. */
  note?: string;
}

export type ConfigFormat = 'cloudformation' | 'terraform' | 'python' | 'notebook' | 'azureml' | 'vertexSpec' | 'shell';
export type ConfigSyntax = 'json' | 'yaml' | 'hcl' | 'python' | 'ipynb' | 'shell';
export type DeclarationKind = 'endpoint' | 'trainingJob' | 'compute';

/**
 * Where the workload runs. Only `managed` instance types are checked against the catalog: Kubernetes
 * instance types are names the cluster defines, `local` is SageMaker local mode on the developer's
 * machine, and `cluster` jobs run on a compute target defined elsewhere.
 */
export type DeploymentMode = 'managed' | 'kubernetes' | 'local' | 'cluster';

export interface ServerlessDeclaration {
  range: SourceRange;
  memorySizeMb?: ConfigValue<number>;
  maxConcurrency?: ConfigValue<number>;
  provisionedConcurrency?: ConfigValue<number>;
}

/** `# mlmon: endpoint=<name>` (or `// mlmon:`): names the live resource when the config computes it. */
export interface ConfigDirective {
  range: SourceRange;
  /** The resource kind named, when the directive names one. */
  kind?: DeclarationKind;
  name?: string;
  /** Rule ids the directive silences for its declaration. */
  ignore: string[];
  /** Problems with the directive itself (unknown key, empty name). */
  errors: string[];
}

export interface ConfigDeclaration {
  /** Unique within one analysis, stable while the declaration's construct keeps its name. */
  id: string;
  kind: DeclarationKind;
  provider: ProviderId;
  format: ConfigFormat;
  /** What declares it: `AWS::SageMaker::EndpointConfig`, `aws_sagemaker_endpoint_configuration`, `HuggingFace()`, `.deploy()`. */
  construct: string;
  /** How the file refers to it: logical id, Terraform address, variable, `variant AllTraffic`. */
  label: string;
  mode: DeploymentMode;
  /** The live resource's name (endpoint, job, compute cluster) when the file gives one. */
  name?: ConfigValue<string>;
  /** True when `name` is a prefix the platform extends (SageMaker `base_job_name`). */
  nameIsPrefix?: boolean;
  /** Production variant, Azure deployment, or worker pool within the resource. */
  variant?: string;
  /** A SageMaker shadow variant: it receives copies of requests and answers none. */
  shadow?: boolean;
  instanceType: ConfigValue<string>;
  /** Instances at start (SageMaker, Azure) or replicas (Vertex training pools). */
  instanceCount?: ConfigValue<number>;
  minInstances?: ConfigValue<number>;
  maxInstances?: ConfigValue<number>;
  acceleratorType?: ConfigValue<string>;
  acceleratorCount?: ConfigValue<number>;
  serverless?: ServerlessDeclaration;
  /** Azure jobs: `display_name` and `experiment_name`, which find the live job when Azure ML generates its name. */
  displayName?: ConfigValue<string>;
  experiment?: string;
  /** Azure jobs: the named compute target (`azureml:gpu-cluster`) the job runs on. */
  computeTarget?: ConfigValue<string>;
  /** The whole declaration (variant block, call, worker pool). */
  range: SourceRange;
  /** The enclosing construct (resource, call, file): directives attach per construct. */
  constructRange: SourceRange;
  /** Other constructs of the same live resource (the AWS::SageMaker::Endpoint deploying a config): a directive there applies too. */
  linkedRanges?: SourceRange[];
  directive?: ConfigDirective;
  /** Notebooks: the code cell. */
  cellIndex?: number;
}

/** At most one per file: the first thing that kept the file from parsing. */
export interface ConfigProblem {
  ruleId: 'config.parse';
  message: string;
  range: SourceRange;
}

export type SkipReason = 'binary' | 'tooLarge' | 'notConfig' | 'parserUnavailable';

export interface ConfigAnalysis {
  fileName: string;
  format?: ConfigFormat;
  syntax?: ConfigSyntax;
  declarations: ConfigDeclaration[];
  directives: ConfigDirective[];
  problems: ConfigProblem[];
  /** Why nothing was analysed. */
  skipped?: SkipReason;
  /** How the result was produced: a full parse, or one changed resource parsed again. */
  incremental?: boolean;
}
