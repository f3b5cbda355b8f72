// Links into the AWS web console for a resource.
import type { ResourceKind } from '../../core/model';

export function consoleUrl(region: string, kind: ResourceKind, name: string, location?: string): string {
  const base = `https://${region}.console.aws.amazon.com/sagemaker/home?region=${region}#`;
  switch (kind) {
    case 'endpoint':
      return `${base}/endpoints/${encodeURIComponent(name)}`;
    case 'trainingJob':
      return `${base}/jobs/${encodeURIComponent(name)}`;
    case 'dataset': {
      const s3 = location?.match(/^s3:\/\/([^/]+)\/?(.*)$/);
      if (location?.startsWith('featuregroup:') || !s3) return `${base}/feature-groups/${encodeURIComponent(name)}`;
      return `https://s3.console.aws.amazon.com/s3/buckets/${encodeURIComponent(s3[1])}?region=${region}&prefix=${encodeURIComponent(s3[2])}`;
    }
  }
}

export function bucketOf(s3Uri: string): string | undefined {
  return s3Uri.match(/^s3:\/\/([^/]+)/)?.[1];
}
