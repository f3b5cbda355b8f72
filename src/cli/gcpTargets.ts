// `mlmon check --provider gcp`: the Vertex AI projects and locations given as flags or in the
// environment (GOOGLE_CLOUD_PROJECT, CLOUDSDK_CORE_PROJECT; signed in with Application Default
// Credentials), or the sandbox's Vertex AI clouds.
import { listFlag, providerTargets, startCheckSandbox, type OpenTargets, type TargetFlags } from './checkTargets';
import { UsageError } from './io';

const PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const LOCATION = /^[a-z]+(-[a-z]+)+\d$/;

export async function openGcpTargets(flags: TargetFlags, env: NodeJS.ProcessEnv = process.env): Promise<OpenTargets> {
  const timeoutMs = flags.timeout * 1000;
  // Its own chunk of the bundle (esbuild.mjs), loaded only when Vertex AI is checked.
  const { GcpProvider } = await import('../providers/gcp/gcpProvider');
  const locations = listFlag(flags.gcpLocation);
  const badLocation = locations.find((l) => !LOCATION.test(l));
  if (badLocation) throw new UsageError(`'${badLocation}' is not a Google Cloud region such as us-central1.`);
  if (flags.sandbox || flags.sandboxUrl) {
    let url = flags.sandboxUrl;
    let close = async (): Promise<void> => undefined;
    let projects: string[] = listFlag(flags.gcpProject);
    let named: string[] = [];
    if (!url) {
      const sandbox = await startCheckSandbox(flags.scenario);
      const running = sandbox;
      url = sandbox.url;
      close = () => running.close();
      // Every project and location the scenario fills, so nothing it seeds goes unchecked.
      const gcp = sandbox.scenario.gcp?.projects ?? [];
      if (!projects.length) projects = gcp.map((p) => p.id);
      named = [...new Set(gcp.flatMap((p) => p.locations.map((l) => l.name)))];
    }
    const provider = new GcpProvider({ projects, locations: locations.length ? locations : named, requestTimeoutMs: timeoutMs, sandbox: { url } });
    return providerTargets(provider, `the sandbox's Vertex AI clouds${flags.scenario ? ` (scenario ${flags.scenario})` : ''} in ${provider.listScopes().map((s) => s.label).join(', ') || 'no project'}`, close);
  }
  const projects = listFlag(flags.gcpProject?.length ? flags.gcpProject : [env.GOOGLE_CLOUD_PROJECT ?? env.CLOUDSDK_CORE_PROJECT ?? ''].filter(Boolean));
  if (!projects.length) throw new UsageError('--provider gcp needs a project: --gcp-project <id> (or GOOGLE_CLOUD_PROJECT).');
  const badProject = projects.find((p) => !PROJECT.test(p));
  if (badProject) throw new UsageError(`'${badProject}' is not a Google Cloud project id (6-30 lower-case letters, digits and hyphens).`);
  const where = locations.length ? locations : ['us-central1'];
  const provider = new GcpProvider({ projects, locations: where, requestTimeoutMs: timeoutMs });
  return providerTargets(provider, `Google Cloud project${projects.length > 1 ? 's' : ''} ${projects.join(', ')} in ${where.join(', ')}`, async () => undefined);
}
