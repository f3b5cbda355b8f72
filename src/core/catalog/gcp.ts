// Google Cloud machine types and accelerators used by Vertex AI custom training and prediction.
//
// Sources: specs from the Compute Engine machine families pages and `machineTypes.list`, the GPU and
// Cloud TPU pages, and the Vertex AI "configure compute" pages; prices are USD per hour in us-central1
// from the Cloud Billing Catalog API (Compute Engine SKUs) with the Vertex AI surcharge of about 15%
// applied (Vertex AI pricing page), cross-checked against ec2instances.info's GCP tables. Compiled
// 2026-11-30 without network access from the figures published up to then; prices are indicative
// estimates and differ by region and date. Refresh from the Billing Catalog before quoting.
//
// N1 machine types carry no GPUs: Vertex attaches them (machineSpec.acceleratorType/Count), so those
// accelerators are a separate table priced per device. A2, A3 and G2 types have fixed GPUs and their
// price includes them; TPU v5e/v4/v5p machine types (ct*) include their chips. TPU v2/v3 run on the
// legacy `cloud-tpu` machine type with TPU_V2/TPU_V3 counted in cores (8 per board).
import type { AcceleratorSpec, CatalogSource, InstanceTypeSpec } from './catalog';
import { A100_40, A100_80, H100, L4, TPU_V4, TPU_V5E, TPU_V5P } from './devices';
import type { Row } from './rows';
import { cur, prev, ret, specsFromRows } from './rows';

export const gcpSource: CatalogSource = {
  provider: 'gcp',
  region: 'us-central1',
  compiledOn: '2026-11-30',
  sources: [
    'https://cloud.google.com/compute/docs/machine-resource',
    'https://cloud.google.com/vertex-ai/docs/training/configure-compute',
    'https://cloud.google.com/vertex-ai/pricing',
    'Cloud Billing Catalog API: services/6F81-5844-456A (Compute Engine)',
    'https://instances.vantage.sh/gcp (ec2instances.info)',
  ],
  note: 'Indicative on-demand prices including the Vertex AI surcharge; actual prices vary by region and date.',
};

// Memory is as GCP states it ("GB", binary in practice). name, vCPU, GiB, devices, device, gen, USD/h.
const rows: readonly Row[] = [
  ['n1-standard-2',       2,   7.5,   0, null,         cur,   0.1092],
  ['n1-standard-4',       4,    15,   0, null,         cur,   0.2185],
  ['n1-standard-8',       8,    30,   0, null,         cur,   0.437],
  ['n1-standard-16',     16,    60,   0, null,         cur,   0.874],
  ['n1-standard-32',     32,   120,   0, null,         cur,   1.748],
  ['n1-standard-64',     64,   240,   0, null,         cur,   3.496],
  ['n1-standard-96',     96,   360,   0, null,         cur,   5.244],
  ['n1-highmem-2',        2,    13,   0, null,         cur,   0.136],
  ['n1-highmem-4',        4,    26,   0, null,         cur,   0.2721],
  ['n1-highmem-8',        8,    52,   0, null,         cur,   0.5442],
  ['n1-highmem-16',      16,   104,   0, null,         cur,   1.0884],
  ['n1-highmem-32',      32,   208,   0, null,         cur,   2.1768],
  ['n1-highmem-64',      64,   416,   0, null,         cur,   4.3536],
  ['n1-highmem-96',      96,   624,   0, null,         cur,   6.5303],
  ['n1-highcpu-2',        2,   1.8,   0, null,         cur,   0.0815],
  ['n1-highcpu-4',        4,   3.6,   0, null,         cur,   0.163],
  ['n1-highcpu-8',        8,   7.2,   0, null,         cur,   0.3259],
  ['n1-highcpu-16',      16,  14.4,   0, null,         cur,   0.6518],
  ['n1-highcpu-32',      32,  28.8,   0, null,         cur,   1.3036],
  ['n1-highcpu-64',      64,  57.6,   0, null,         cur,   2.6072],
  ['n1-highcpu-96',      96,  86.4,   0, null,         cur,   3.9108],
  ['n2-standard-2',       2,     8,   0, null,         cur,   0.1117],
  ['n2-standard-4',       4,    16,   0, null,         cur,   0.2234],
  ['n2-standard-8',       8,    32,   0, null,         cur,   0.4467],
  ['n2-standard-16',     16,    64,   0, null,         cur,   0.8935],
  ['n2-standard-32',     32,   128,   0, null,         cur,   1.787],
  ['n2-standard-48',     48,   192,   0, null,         cur,   2.6805],
  ['n2-standard-64',     64,   256,   0, null,         cur,   3.5739],
  ['n2-standard-80',     80,   320,   0, null,         cur,   4.4674],
  ['n2-standard-96',     96,   384,   0, null,         cur,   5.3609],
  ['n2-standard-128',   128,   512,   0, null,         cur,   7.1479],
  ['n2-highmem-2',        2,    16,   0, null,         cur,   0.1507],
  ['n2-highmem-4',        4,    32,   0, null,         cur,   0.3013],
  ['n2-highmem-8',        8,    64,   0, null,         cur,   0.6027],
  ['n2-highmem-16',      16,   128,   0, null,         cur,   1.2053],
  ['n2-highmem-32',      32,   256,   0, null,         cur,   2.4107],
  ['n2-highmem-48',      48,   384,   0, null,         cur,   3.616],
  ['n2-highmem-64',      64,   512,   0, null,         cur,   4.8213],
  ['n2-highmem-80',      80,   640,   0, null,         cur,   6.0266],
  ['n2-highmem-96',      96,   768,   0, null,         cur,   7.232],
  ['n2-highmem-128',    128,   864,   0, null,         cur,   8.863],
  ['n2-highcpu-2',        2,     2,   0, null,         cur,   0.0825],
  ['n2-highcpu-4',        4,     4,   0, null,         cur,   0.1649],
  ['n2-highcpu-8',        8,     8,   0, null,         cur,   0.3298],
  ['n2-highcpu-16',      16,    16,   0, null,         cur,   0.6596],
  ['n2-highcpu-32',      32,    32,   0, null,         cur,   1.3192],
  ['n2-highcpu-48',      48,    48,   0, null,         cur,   1.9788],
  ['n2-highcpu-64',      64,    64,   0, null,         cur,   2.6384],
  ['n2-highcpu-80',      80,    80,   0, null,         cur,   3.298],
  ['n2-highcpu-96',      96,    96,   0, null,         cur,   3.9576],
  ['e2-standard-2',       2,     8,   0, null,         cur,   0.0771],
  ['e2-standard-4',       4,    16,   0, null,         cur,   0.1541],
  ['e2-standard-8',       8,    32,   0, null,         cur,   0.3082],
  ['e2-standard-16',     16,    64,   0, null,         cur,   0.6165],
  ['e2-standard-32',     32,   128,   0, null,         cur,   1.2329],
  ['e2-highmem-2',        2,    16,   0, null,         cur,   0.1039],
  ['e2-highmem-4',        4,    32,   0, null,         cur,   0.2079],
  ['e2-highmem-8',        8,    64,   0, null,         cur,   0.4158],
  ['e2-highmem-16',      16,   128,   0, null,         cur,   0.8316],
  ['e2-highcpu-2',        2,     2,   0, null,         cur,   0.0569],
  ['e2-highcpu-4',        4,     4,   0, null,         cur,   0.1138],
  ['e2-highcpu-8',        8,     8,   0, null,         cur,   0.2276],
  ['e2-highcpu-16',      16,    16,   0, null,         cur,   0.4551],
  ['e2-highcpu-32',      32,    32,   0, null,         cur,   0.9102],
  ['c2-standard-4',       4,    16,   0, null,         cur,   0.24],
  ['c2-standard-8',       8,    32,   0, null,         cur,   0.4801],
  ['c2-standard-16',     16,    64,   0, null,         cur,   0.9601],
  ['c2-standard-30',     30,   120,   0, null,         cur,   1.8002],
  ['c2-standard-60',     60,   240,   0, null,         cur,   3.6004],
  ['a2-highgpu-1g',      12,    85,   1, A100_40,      cur,   4.2244],
  ['a2-highgpu-2g',      24,   170,   2, A100_40,      cur,   8.4488],
  ['a2-highgpu-4g',      48,   340,   4, A100_40,      cur,   16.8976],
  ['a2-highgpu-8g',      96,   680,   8, A100_40,      cur,   33.7951],
  ['a2-megagpu-16g',     96,  1360,  16, A100_40,      cur,   64.1004],
  ['a2-ultragpu-1g',     12,   170,   1, A100_80,      cur,   5.8291],
  ['a2-ultragpu-2g',     24,   340,   2, A100_80,      cur,   11.6582],
  ['a2-ultragpu-4g',     48,   680,   4, A100_80,      cur,   23.3165],
  ['a2-ultragpu-8g',     96,  1360,   8, A100_80,      cur,   46.6329],
  ['a3-highgpu-8g',     208,  1872,   8, H100,         cur,   101.763],
  ['g2-standard-4',       4,    16,   1, L4,           cur,   0.8129],
  ['g2-standard-8',       8,    32,   1, L4,           cur,   0.9827],
  ['g2-standard-12',     12,    48,   1, L4,           cur,   1.1525],
  ['g2-standard-16',     16,    64,   1, L4,           cur,   1.3223],
  ['g2-standard-24',     24,    96,   2, L4,           cur,   2.305],
  ['g2-standard-32',     32,   128,   1, L4,           cur,   1.9901],
  ['g2-standard-48',     48,   192,   4, L4,           cur,   4.61],
  ['g2-standard-96',     96,   384,   8, L4,           cur,   9.22],
  ['ct5lp-hightpu-1t',   24,    48,   1, TPU_V5E,      cur,   1.38],
  ['ct5lp-hightpu-4t',  112,   192,   4, TPU_V5E,      cur,   5.52],
  ['ct5lp-hightpu-8t',  224,   384,   8, TPU_V5E,      cur,   11.04],
  ['ct4p-hightpu-4t',   240,   407,   4, TPU_V4,       cur,   14.812],
  ['ct5p-hightpu-4t',   208,   448,   4, TPU_V5P,      cur,   19.32],
  // The TPU v2-8/v3-8 host as the Cloud TPU docs describe it; the price is in the TPU_V2/TPU_V3 cores.
  ['cloud-tpu',          96,   335,   0, null,         prev,  null],
];

export const gcpInstanceTypes: readonly InstanceTypeSpec[] = specsFromRows('gcp', rows);

const n1 = ['n1'] as const;

// USD per device-hour on top of the machine type for N1 and cloud-tpu; A2, A3 and G2 prices already include
// their GPUs, so those carry none here. K80 reached end of support on 2024-05-01.
export const gcpAccelerators: readonly AcceleratorSpec[] = [
  { provider: 'gcp', name: 'NVIDIA_TESLA_T4', model: 'NVIDIA T4', memoryGiB: 16, kind: 'gpu', generation: cur, machineSeries: n1, pricePerHourUsd: 0.4025 },
  { provider: 'gcp', name: 'NVIDIA_TESLA_P4', model: 'NVIDIA P4', memoryGiB: 8, kind: 'gpu', generation: prev, machineSeries: n1, pricePerHourUsd: 0.69 },
  { provider: 'gcp', name: 'NVIDIA_TESLA_V100', model: 'NVIDIA V100', memoryGiB: 16, kind: 'gpu', generation: cur, machineSeries: n1, pricePerHourUsd: 2.852 },
  { provider: 'gcp', name: 'NVIDIA_TESLA_P100', model: 'NVIDIA P100', memoryGiB: 16, kind: 'gpu', generation: prev, machineSeries: n1, pricePerHourUsd: 1.679 },
  { provider: 'gcp', name: 'NVIDIA_TESLA_K80', model: 'NVIDIA K80', memoryGiB: 12, kind: 'gpu', generation: ret, machineSeries: n1 },
  { provider: 'gcp', name: 'NVIDIA_TESLA_A100', model: 'NVIDIA A100', memoryGiB: 40, kind: 'gpu', generation: cur, machineSeries: ['a2'] },
  { provider: 'gcp', name: 'NVIDIA_A100_80GB', model: 'NVIDIA A100', memoryGiB: 80, kind: 'gpu', generation: cur, machineSeries: ['a2'] },
  { provider: 'gcp', name: 'NVIDIA_L4', model: 'NVIDIA L4', memoryGiB: 24, kind: 'gpu', generation: cur, machineSeries: ['g2'] },
  { provider: 'gcp', name: 'NVIDIA_H100_80GB', model: 'NVIDIA H100', memoryGiB: 80, kind: 'gpu', generation: cur, machineSeries: ['a3'] },
  { provider: 'gcp', name: 'TPU_V2', model: 'TPU v2', memoryGiB: 8, kind: 'tpu', generation: prev, machineSeries: ['cloud-tpu'], pricePerHourUsd: 0.6469 },
  { provider: 'gcp', name: 'TPU_V3', model: 'TPU v3', memoryGiB: 16, kind: 'tpu', generation: prev, machineSeries: ['cloud-tpu'], pricePerHourUsd: 1.15 },
];
