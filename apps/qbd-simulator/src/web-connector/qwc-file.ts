import { isIP } from 'node:net';
import { childText, parseXml } from '../xml/xml-tree';

/** The parts of a .qwc file the Web Connector uses. */
export interface QwcFile {
  AppName: string;
  AppID: string;
  AppURL: string;
  AppDescription: string;
  AppSupport: string;
  UserName: string;
  OwnerID: string;
  FileID: string;
  QBType: string;
  /** Elements present in the file, empty or not. */
  present: string[];
  Style?: string;
  /** Scheduler interval in seconds (RunEveryNMinutes × 60 or RunEveryNSeconds). */
  runEverySeconds?: number;
  IsReadOnly?: boolean;
  AuthFlags?: string;
}

// AppDescription and AppID must be present but may be empty (working samples leave them so).
const NON_EMPTY = [
  'AppName',
  'AppURL',
  'AppSupport',
  'UserName',
  'OwnerID',
  'FileID',
  'QBType',
] as const;

export function parseQwc(text: string): QwcFile {
  const root = parseXml(text.trimStart()).root;
  if (root.name !== 'QBWCXML')
    throw new Error('not a QWC file: the root element must be QBWCXML');
  const get = (name: string) => childText(root, name)?.trim() ?? '';
  const scheduler = root.children.find((c) => c.name === 'Scheduler');
  // With both Scheduler children present, the Web Connector takes the first one.
  const first = scheduler?.children[0];
  const runEverySeconds = first
    ? Number(first.text) * (first.name === 'RunEveryNMinutes' ? 60 : 1)
    : undefined;
  const readOnly = childText(root, 'IsReadOnly');
  return {
    AppName: get('AppName'),
    AppID: get('AppID'),
    AppURL: get('AppURL'),
    AppDescription: get('AppDescription'),
    AppSupport: get('AppSupport'),
    UserName: get('UserName'),
    OwnerID: get('OwnerID'),
    FileID: get('FileID'),
    QBType: get('QBType'),
    present: root.children.map((c) => c.name),
    Style: childText(root, 'Style')?.trim(),
    runEverySeconds,
    IsReadOnly: readOnly === undefined ? undefined : readOnly.trim() === 'true',
    AuthFlags: childText(root, 'AuthFlags')?.trim(),
  };
}

/**
 * What the Web Connector would refuse when the file is added, with its error code:
 * missing elements (QBWC1039), AppURL/AppSupport on different domains (QBWC1000), IP-address
 * hosts (QBWC1001/1002), plain http to anything but localhost (QBWC1010), GUIDs without
 * braces (QBWC1039).
 */
export function qwcProblems(qwc: QwcFile): string[] {
  const problems: string[] = [];
  for (const name of ['AppID', 'AppDescription']) {
    if (!qwc.present.includes(name))
      problems.push(`QBWC1039: the QWC file has no ${name}`);
  }
  for (const name of NON_EMPTY) {
    if (!qwc[name]) problems.push(`QBWC1039: the QWC file has no ${name}`);
  }
  for (const name of ['OwnerID', 'FileID'] as const) {
    if (
      qwc[name] &&
      !/^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/i.test(
        qwc[name],
      )
    ) {
      problems.push(`QBWC1039: ${name} must be a GUID in braces`);
    }
  }
  const app = safeUrl(qwc.AppURL);
  const support = safeUrl(qwc.AppSupport);
  if (app && support && domainOf(app.hostname) !== domainOf(support.hostname)) {
    problems.push('QBWC1000: AppURL and AppSupport are on different domains');
  }
  if (app && isIP(app.hostname.replace(/^\[|\]$/g, '')))
    problems.push('QBWC1001: AppURL uses an IP address');
  if (support && isIP(support.hostname.replace(/^\[|\]$/g, ''))) {
    problems.push('QBWC1002: AppSupport uses an IP address');
  }
  if (app && app.protocol !== 'https:' && app.hostname !== 'localhost') {
    problems.push('QBWC1010: only https applications are allowed (except on localhost)');
  }
  if (qwc.Style && !['Document', 'DocWrapped', 'RPC'].includes(qwc.Style)) {
    problems.push(`QBWC1039: unknown Style "${qwc.Style}"`);
  }
  return problems;
}

/** The last two labels of a host name ("secure.domain.com" → "domain.com"). */
function domainOf(hostname: string): string {
  return hostname.split('.').slice(-2).join('.').toLowerCase();
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
