import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

// The public fixtures (Intuit's XSDs, real qbXML answers) live in the team's shared folder
// next to the repository, so the simulator reads them there instead of carrying copies.
// QBD_SHARED_DIR points elsewhere when the layout differs.

/** Absolute path of `shared/fixtures`, found from QBD_SHARED_DIR or by walking up. */
export function sharedFixturesDir(): string {
  const fromEnv = process.env['QBD_SHARED_DIR'];
  if (fromEnv) return join(resolve(fromEnv), 'fixtures');

  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'shared', 'fixtures');
    if (existsSync(join(candidate, 'xsd', 'qbxmlops130.xsd'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(
    'qbd-simulator: cannot find shared/fixtures (set QBD_SHARED_DIR to the shared folder)',
  );
}
