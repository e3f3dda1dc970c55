import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The shared specification folder (`shared/`), cloned beside the repository. Set
 * `QBD_SHARED_DIR` to use another copy. Fails loudly when it is missing, so that tests
 * never pass vacuously.
 */
export function sharedDir(): string {
  const repoRoot = path.resolve(__dirname, '../../../..');
  const dir = process.env.QBD_SHARED_DIR ?? path.resolve(repoRoot, '../shared');
  if (!existsSync(path.join(dir, 'fixtures', 'xsd', 'qbxmlops130.xsd'))) {
    throw new Error(
      `The shared specification folder was not found at ${dir}. Clone it beside the ` +
        'repository (../shared) or set QBD_SHARED_DIR.',
    );
  }
  return dir;
}

/** Reads a file below `shared/`. */
export function readShared(...parts: string[]): string {
  return readFileSync(path.join(sharedDir(), ...parts), 'utf8');
}

/** Reads a qbXML response fixture. */
export function readQbxmlFixture(name: string): string {
  return readShared('fixtures', 'qbxml', name);
}

/** Reads a file of a case folder (`004-invoiceadd-element-order`, `task.json`). */
export function readCase(caseDir: string, file: string): string {
  return readShared('cases', caseDir, file);
}

/** Reads a JSON file of a case folder. */
export function readCaseJson<T>(caseDir: string, file: string): T {
  return JSON.parse(readCase(caseDir, file)) as T;
}

/** Extracts the unescaped qbXML carried in a `<response>` or `<strHCPResponse>` element of a case `.http` file. */
export function qbxmlFromHttp(
  httpText: string,
  element: 'response' | 'strHCPResponse',
): string {
  const match = new RegExp(`<${element}>([\\s\\S]*?)</${element}>`).exec(httpText);
  if (!match) throw new Error(`<${element}> not found in the case request`);
  return match[1]
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
