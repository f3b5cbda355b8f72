// The config analysis (yaml, jsonc-parser, the tree-sitter runtime: about half a megabyte) is a chunk
// of its own (esbuild.mjs), loaded when the first config file is analysed rather than at activation.
import type { ConfigAnalyzer, ConfigAnalyzerOptions } from '../../core/configs/analyzer';

export function lazyConfigAnalyzer(options: ConfigAnalyzerOptions): ConfigAnalyzer {
  let loaded: Promise<ConfigAnalyzer> | undefined;
  let ready: ConfigAnalyzer | undefined;
  const analyzer = () =>
    (loaded ??= import('../../core/configs/analyzer').then((m) => (ready = m.createConfigAnalyzer(options))));
  return {
    analyze: async (doc) => (await analyzer()).analyze(doc),
    // Nothing is cached before the chunk is loaded, so there is nothing to forget.
    forget: (key) => ready?.forget(key),
    warmUp: async () => (await analyzer()).warmUp(),
  };
}
