// Azure VM sizes used by Azure Machine Learning compute clusters, compute instances and managed online
// endpoints.
//
// Sources: specs from the Azure VM sizes documentation (learn.microsoft.com/azure/virtual-machines/sizes)
// and Resource SKUs; the managed online endpoint SKU list (learn.microsoft.com/azure/machine-learning/
// reference-managed-online-endpoints-vm-sku-list); prices are Linux pay-as-you-go USD per hour in eastus
// from the Azure Retail Prices API (prices.azure.com/api/retail/prices) and the VM pricing page. Azure ML
// adds no surcharge on the VM. Compiled 2026-11-30 without network access from the figures published up
// to then; prices are indicative estimates and differ by region and date. Refresh from the Retail Prices
// API before quoting.
//
// Generation: 'retired' for series Microsoft has retired: NC (K80), NCv2 (P100), ND (P40) and NV (M60) on
// 2023-09-06, NCv3 (V100) on 2025-09-30; retired sizes carry no price. 'previous' for series Microsoft
// lists as previous generation or has withdrawn reservations for (DSv2, Dsv3, Dasv4, Esv3, Fsv2, NDv2, NVv3).
// Sizes with a fractional GPU (NV6ads_A10_v5 to NV18ads_A10_v5) are left out: Azure ML does not offer them.
import type { CatalogSource, InstanceTypeSpec } from './catalog';
import { A100_40, A100_80, A10, H100, H100_NVL, K80, M60, P100, P40, T4, V100, V100_32 } from './devices';
import type { Row } from './rows';
import { cur, prev, ret, specsFromRows } from './rows';

export const azureSource: CatalogSource = {
  provider: 'azure',
  region: 'eastus',
  compiledOn: '2026-11-30',
  sources: [
    'https://learn.microsoft.com/azure/virtual-machines/sizes/overview',
    'https://learn.microsoft.com/azure/machine-learning/reference-managed-online-endpoints-vm-sku-list',
    'https://prices.azure.com/api/retail/prices (Azure Retail Prices API)',
    'https://instances.vantage.sh/azure (ec2instances.info)',
  ],
  note: 'Indicative Linux pay-as-you-go prices; actual prices vary by region, OS and date.',
};

// name                           vCPU   GiB  dev  device        gen    USD/h
const rows: readonly Row[] = [
  ['Standard_DS1_v2',              1,   3.5,   0, null,         prev,  0.073],
  ['Standard_DS2_v2',              2,     7,   0, null,         prev,  0.146],
  ['Standard_DS3_v2',              4,    14,   0, null,         prev,  0.293],
  ['Standard_DS4_v2',              8,    28,   0, null,         prev,  0.585],
  ['Standard_DS5_v2',             16,    56,   0, null,         prev,  1.17],
  ['Standard_DS11_v2',             2,    14,   0, null,         prev,  0.185],
  ['Standard_DS12_v2',             4,    28,   0, null,         prev,  0.371],
  ['Standard_DS13_v2',             8,    56,   0, null,         prev,  0.741],
  ['Standard_DS14_v2',            16,   112,   0, null,         prev,  1.482],
  ['Standard_DS15_v2',            20,   140,   0, null,         prev,  1.853],
  ['Standard_D2s_v3',              2,     8,   0, null,         prev,  0.096],
  ['Standard_D4s_v3',              4,    16,   0, null,         prev,  0.192],
  ['Standard_D8s_v3',              8,    32,   0, null,         prev,  0.384],
  ['Standard_D16s_v3',            16,    64,   0, null,         prev,  0.768],
  ['Standard_D32s_v3',            32,   128,   0, null,         prev,  1.536],
  ['Standard_D48s_v3',            48,   192,   0, null,         prev,  2.304],
  ['Standard_D64s_v3',            64,   256,   0, null,         prev,  3.072],
  ['Standard_D2as_v4',             2,     8,   0, null,         prev,  0.096],
  ['Standard_D4as_v4',             4,    16,   0, null,         prev,  0.192],
  ['Standard_D8as_v4',             8,    32,   0, null,         prev,  0.384],
  ['Standard_D16as_v4',           16,    64,   0, null,         prev,  0.768],
  ['Standard_D32as_v4',           32,   128,   0, null,         prev,  1.536],
  ['Standard_D48as_v4',           48,   192,   0, null,         prev,  2.304],
  ['Standard_D64as_v4',           64,   256,   0, null,         prev,  3.072],
  ['Standard_D96as_v4',           96,   384,   0, null,         prev,  4.608],
  ['Standard_D2s_v5',              2,     8,   0, null,         cur,   0.096],
  ['Standard_D4s_v5',              4,    16,   0, null,         cur,   0.192],
  ['Standard_D8s_v5',              8,    32,   0, null,         cur,   0.384],
  ['Standard_D16s_v5',            16,    64,   0, null,         cur,   0.768],
  ['Standard_D32s_v5',            32,   128,   0, null,         cur,   1.536],
  ['Standard_D48s_v5',            48,   192,   0, null,         cur,   2.304],
  ['Standard_D64s_v5',            64,   256,   0, null,         cur,   3.072],
  ['Standard_D96s_v5',            96,   384,   0, null,         cur,   4.608],
  ['Standard_E2s_v3',              2,    16,   0, null,         prev,  0.126],
  ['Standard_E4s_v3',              4,    32,   0, null,         prev,  0.252],
  ['Standard_E8s_v3',              8,    64,   0, null,         prev,  0.504],
  ['Standard_E16s_v3',            16,   128,   0, null,         prev,  1.008],
  ['Standard_E20s_v3',            20,   160,   0, null,         prev,  1.26],
  ['Standard_E32s_v3',            32,   256,   0, null,         prev,  2.016],
  ['Standard_E48s_v3',            48,   384,   0, null,         prev,  3.024],
  ['Standard_E64s_v3',            64,   432,   0, null,         prev,  3.629],
  ['Standard_E2s_v5',              2,    16,   0, null,         cur,   0.126],
  ['Standard_E4s_v5',              4,    32,   0, null,         cur,   0.252],
  ['Standard_E8s_v5',              8,    64,   0, null,         cur,   0.504],
  ['Standard_E16s_v5',            16,   128,   0, null,         cur,   1.008],
  ['Standard_E20s_v5',            20,   160,   0, null,         cur,   1.26],
  ['Standard_E32s_v5',            32,   256,   0, null,         cur,   2.016],
  ['Standard_E48s_v5',            48,   384,   0, null,         cur,   3.024],
  ['Standard_E64s_v5',            64,   512,   0, null,         cur,   4.032],
  ['Standard_E96s_v5',            96,   672,   0, null,         cur,   6.048],
  ['Standard_F2s_v2',              2,     4,   0, null,         prev,  0.085],
  ['Standard_F4s_v2',              4,     8,   0, null,         prev,  0.169],
  ['Standard_F8s_v2',              8,    16,   0, null,         prev,  0.338],
  ['Standard_F16s_v2',            16,    32,   0, null,         prev,  0.677],
  ['Standard_F32s_v2',            32,    64,   0, null,         prev,  1.353],
  ['Standard_F48s_v2',            48,    96,   0, null,         prev,  2.03],
  ['Standard_F64s_v2',            64,   128,   0, null,         prev,  2.706],
  ['Standard_F72s_v2',            72,   144,   0, null,         prev,  3.045],
  ['Standard_NC6',                 6,    56,   1, K80,          ret,   null],
  ['Standard_NC12',               12,   112,   2, K80,          ret,   null],
  ['Standard_NC24',               24,   224,   4, K80,          ret,   null],
  ['Standard_NC24r',              24,   224,   4, K80,          ret,   null],
  ['Standard_NC6s_v2',             6,   112,   1, P100,         ret,   null],
  ['Standard_NC12s_v2',           12,   224,   2, P100,         ret,   null],
  ['Standard_NC24s_v2',           24,   448,   4, P100,         ret,   null],
  ['Standard_NC24rs_v2',          24,   448,   4, P100,         ret,   null],
  ['Standard_ND6s',                6,   112,   1, P40,          ret,   null],
  ['Standard_ND12s',              12,   224,   2, P40,          ret,   null],
  ['Standard_ND24s',              24,   448,   4, P40,          ret,   null],
  ['Standard_ND24rs',             24,   448,   4, P40,          ret,   null],
  ['Standard_NC6s_v3',             6,   112,   1, V100,         ret,   null],
  ['Standard_NC12s_v3',           12,   224,   2, V100,         ret,   null],
  ['Standard_NC24s_v3',           24,   448,   4, V100,         ret,   null],
  ['Standard_NC24rs_v3',          24,   448,   4, V100,         ret,   null],
  ['Standard_NC4as_T4_v3',         4,    28,   1, T4,           cur,   0.526],
  ['Standard_NC8as_T4_v3',         8,    56,   1, T4,           cur,   0.752],
  ['Standard_NC16as_T4_v3',       16,   110,   1, T4,           cur,   1.204],
  ['Standard_NC64as_T4_v3',       64,   440,   4, T4,           cur,   4.352],
  ['Standard_NC24ads_A100_v4',    24,   220,   1, A100_80,      cur,   3.673],
  ['Standard_NC48ads_A100_v4',    48,   440,   2, A100_80,      cur,   7.346],
  ['Standard_NC96ads_A100_v4',    96,   880,   4, A100_80,      cur,   14.692],
  ['Standard_NC40ads_H100_v5',    40,   320,   1, H100_NVL,     cur,   6.98],
  ['Standard_NC80adis_H100_v5',   80,   640,   2, H100_NVL,     cur,   13.96],
  ['Standard_ND40rs_v2',          40,   672,   8, V100_32,      prev,  22.032],
  ['Standard_ND96asr_v4',         96,   900,   8, A100_40,      cur,   27.197],
  ['Standard_ND96amsr_A100_v4',   96,  1900,   8, A100_80,      cur,   32.77],
  ['Standard_ND96isr_H100_v5',    96,  1900,   8, H100,         cur,   98.32],
  ['Standard_NV6',                 6,    56,   1, M60,          ret,   null],
  ['Standard_NV12',               12,   112,   2, M60,          ret,   null],
  ['Standard_NV24',               24,   224,   4, M60,          ret,   null],
  ['Standard_NV12s_v3',           12,   112,   1, M60,          prev,  1.14],
  ['Standard_NV24s_v3',           24,   224,   2, M60,          prev,  2.28],
  ['Standard_NV48s_v3',           48,   448,   4, M60,          prev,  4.56],
  ['Standard_NV36ads_A10_v5',     36,   440,   1, A10,          cur,   3.2],
  ['Standard_NV72ads_A10_v5',     72,   880,   2, A10,          cur,   6.52],
];

export const azureInstanceTypes: readonly InstanceTypeSpec[] = specsFromRows('azure', rows);
