// A user's catalog file (mlMonitor.catalogFile, mlmon check --catalog) turned into the catalog the
// rules price with. Reading the file is the caller's: the editor and the CLI resolve paths differently.
import { createCatalog, loadCatalogOverrides, type Catalog } from '../catalog/catalog';

/** Never throws: unparsable JSON or bad entries become problems, and the built-in tables still apply. */
export function catalogFromText(text: string, label: string): { catalog: Catalog; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { catalog: createCatalog(), problems: [`${label}: not valid JSON (${err instanceof Error ? err.message : String(err)}); using the built-in catalog.`] };
  }
  const { specs, errors } = loadCatalogOverrides(json);
  return { catalog: createCatalog(specs), problems: errors.map((e) => `${label}: ${e}`) };
}
