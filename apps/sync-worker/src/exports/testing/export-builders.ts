import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  withDefaults,
  type CompanySettings,
  type LinkKind,
  type QuickBooksFileInfo,
  type TaskItemSnapshot,
  type TaskSnapshot,
} from '@qbd/domain';
import { buildRequestXml, type QbRequest } from '@qbd/qbxml';
import { buildDocument, type BuildInput, type BuildResult } from '../document-builder';
import type { DocumentParams } from '../document-params';
import { ExportReferences, type LinkView } from '../export-references';

// Test data builders for the export specs: each returns a valid default, changed by overrides.

export const GUID = '6b29fc40-ca47-1067-b31d-00dd010662da';

export function fileInfo(
  overrides: Partial<QuickBooksFileInfo> = {},
): QuickBooksFileInfo {
  return {
    productName: 'QuickBooks Enterprise Solutions 23.0',
    country: 'US',
    qbxmlVersion: '13.0',
    supportedQbxmlVersions: ['1.0', '13.0'],
    classTrackingEnabled: true,
    inventorySitesEnabled: true,
    seenAt: '2024-06-01T12:00:00Z',
    ...overrides,
  };
}

export function settings(overrides: Partial<CompanySettings> = {}): CompanySettings {
  return withDefaults(overrides);
}

export function item(overrides: Partial<TaskItemSnapshot> = {}): TaskItemSnapshot {
  return {
    productId: 'pl-prod-1',
    description: 'Service call',
    quantity: '1',
    unitPrice: '89.00',
    ...overrides,
  };
}

export function snapshot(overrides: Partial<TaskSnapshot> = {}): TaskSnapshot {
  return {
    taskId: 'task-1',
    taskNumber: 'F000123',
    stage: 700,
    clientId: 'pl-client-1',
    clientName: 'Harbor Line Electric',
    date: '2024-05-22',
    items: [item()],
    ...overrides,
  };
}

export function link(
  kind: LinkKind,
  qbListId: string,
  qbFullName: string,
  plId: string | null,
  overrides: Partial<LinkView> = {},
): LinkView {
  return {
    kind,
    qbListId,
    qbFullName,
    plId,
    qbParentListId: null,
    active: true,
    ...overrides,
  };
}

/** The client and product links every default snapshot needs. */
export function baseLinks(): LinkView[] {
  return [
    link('client', '80000031-1716300000', 'Harbor Line Electric', 'pl-client-1'),
    link('product', '80000041-1716300100', 'Panel inspection', 'pl-prod-1'),
    link('product', '80000042-1716300101', 'Breaker 20A', 'pl-prod-2'),
  ];
}

export function build(
  overrides: Partial<BuildInput> & { links?: LinkView[] } = {},
): BuildResult {
  const { links, ...input } = overrides;
  return buildDocument({
    documentKind: 'invoice',
    snapshot: snapshot(),
    externalGuid: GUID,
    settings: settings(),
    fileInfo: fileInfo(),
    refs: new ExportReferences(links ?? baseLinks()),
    refNumber: null,
    today: '2024-06-30',
    ...input,
  });
}

/** Fails the test with the problems when the build did not succeed. */
export function built(result: BuildResult): Extract<BuildResult, { ok: true }> {
  if (!result.ok)
    throw new Error(
      `build failed: ${result.problems.map((p) => p.message.en).join(' ')}`,
    );
  return result;
}

/** The qbXML the gateway would send for these params. */
export function renderXml(
  params: DocumentParams,
  info: QuickBooksFileInfo = fileInfo(),
): string {
  const last = params.requests.length - 1;
  const requests = params.requests.map((request, index) => ({
    ...request,
    requestID: index === last ? 'req' : `req.${index}`,
  }));
  return buildRequestXml(requests as QbRequest[], {
    target: { version: info.qbxmlVersion, country: info.country },
    onError: 'stopOnError',
  });
}

/** The names of an element's child elements, in document order. */
export function childNames(xml: string, element: string, occurrence = 0): string[] {
  const blocks = [
    ...xml.matchAll(new RegExp(`<${element}>([\\s\\S]*?)</${element}>`, 'g')),
  ];
  const body = blocks[occurrence]?.[1] ?? '';
  const names: string[] = [];
  let depth = 0;
  for (const tag of body.matchAll(/<(\/?)([A-Za-z]+)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = tag;
    if (closing) depth -= 1;
    else {
      if (depth === 0) names.push(name!);
      if (!selfClosing) depth += 1;
    }
  }
  return names;
}

/** A file of one of the team's shared cases (`shared/cases/<case>/<file>`). */
export function caseFile(caseDir: string, file: string): string {
  return readFileSync(join(sharedDir(), 'cases', caseDir, file), 'utf8');
}

export function caseJson<T>(caseDir: string, file: string): T {
  return JSON.parse(caseFile(caseDir, file)) as T;
}

function sharedDir(): string {
  const fromEnv = process.env['QBD_SHARED_DIR'];
  if (fromEnv) return resolve(fromEnv);
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'shared');
    if (existsSync(join(candidate, 'cases', 'README.md'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('cannot find the shared folder (set QBD_SHARED_DIR)');
    dir = parent;
  }
}
