import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { sharedFixturesDir } from '../shared/fixtures-dir';
import type { XmlElement } from '../xml/xml-tree';

/** Availability of one request element, read from Intuit's qbxmlops130.xml comments. */
export interface ElementRule {
  /** qbXML version that introduced the element, e.g. 10 for "v10.0". */
  since?: number;
  /** Editions without it: QBD (US desktop), QBCA, QBUK, QBAU, QBOE. */
  notIn: string[];
  /** Longest text accepted, per edition. */
  maxLength?: Partial<Record<string, number>>;
}

export type Edition = 'QBD' | 'QBCA' | 'QBUK' | 'QBAU';

export interface RuleViolation {
  path: string;
  reason: string;
}

// Intuit's sample-data document lists every request with a comment per element such as
// "opt, not in QBAU|QBOE, v10.0". QuickBooks validates a request against the schema of the
// version the request declares and of its own country, so an element newer than that
// version, or absent from that edition, makes the whole message set unparsable.

/** Per-path element rules of the qbXML 13.0 requests and responses. */
export class QbxmlVersionRules {
  private constructor(private readonly rules: Map<string, ElementRule>) {}

  static load(
    file = join(sharedFixturesDir(), 'xsd', 'qbxmlops130.xml'),
  ): QbxmlVersionRules {
    return new QbxmlVersionRules(readRules(readFileSync(file, 'utf8')));
  }

  rule(path: string): ElementRule | undefined {
    return this.rules.get(path);
  }

  /** Longest value QuickBooks stores for the element at this path in this edition. */
  maxLength(path: string, edition: Edition): number | undefined {
    return this.rules.get(path)?.maxLength?.[edition];
  }

  /** Whether a response element exists for this version and edition. */
  allows(path: string, version: number, edition: Edition): boolean {
    const rule = this.rules.get(path);
    if (!rule) return true;
    if (rule.since !== undefined && rule.since > version + 1e-9) return false;
    return !rule.notIn.includes(edition);
  }

  /** Elements of one request (`…Rq`) that the given version/edition does not know. */
  check(request: XmlElement, version: number, edition: Edition): RuleViolation[] {
    const violations: RuleViolation[] = [];
    this.walk(request, request.name, version, edition, violations);
    return violations;
  }

  private walk(
    element: XmlElement,
    path: string,
    version: number,
    edition: Edition,
    out: RuleViolation[],
  ): void {
    const rule = this.rules.get(path);
    if (rule?.since !== undefined && rule.since > version + 1e-9) {
      out.push({ path, reason: `introduced in qbXML ${rule.since.toFixed(1)}` });
    }
    if (rule?.notIn.includes(edition)) {
      out.push({ path, reason: `not available in ${edition}` });
    }
    for (const c of element.children)
      this.walk(c, `${path}/${c.name}`, version, edition, out);
  }
}

function readRules(text: string): Map<string, ElementRule> {
  const rules = new Map<string, ElementRule>();
  const parser = new SaxesParser({ position: true });
  const stack: string[] = [];
  let last: { path: string; line: number } | undefined;

  parser.on('opentag', (tag) => {
    stack.push(tag.name);
    last = { path: requestPath(stack), line: parser.line };
  });
  parser.on('closetag', () => {
    last = { path: requestPath(stack), line: parser.line };
    stack.pop();
  });
  parser.on('comment', (comment) => {
    if (!last || last.line !== parser.line || !last.path) return;
    const rule = parseRule(comment);
    if (rule && !rules.has(last.path)) rules.set(last.path, rule);
  });
  parser.write(text).close();
  return rules;
}

function requestPath(stack: string[]): string {
  const start = stack.findIndex(
    (name) => /R[qs]$/.test(name) && name !== 'QBXMLMsgsRq' && name !== 'QBXMLMsgsRs',
  );
  return start < 0 ? '' : stack.slice(start).join('/');
}

const ALL_EDITIONS = ['QBD', 'QBCA', 'QBUK', 'QBAU', 'QBOE'];

function parseRule(comment: string): ElementRule | undefined {
  const since = /\bv(\d+\.\d+)/.exec(comment);
  const notIn = /not in ([A-Z|]+)/.exec(comment);
  const maxLength = parseMaxLengths(comment);
  if (!since && !notIn && !maxLength) return undefined;
  return {
    since: since ? Number(since[1]) : undefined,
    notIn: notIn ? notIn[1].split('|') : [],
    maxLength,
  };
}

function parseMaxLengths(comment: string): Partial<Record<string, number>> | undefined {
  const limits: Partial<Record<string, number>> = {};
  for (const m of comment.matchAll(/max length = (\d+)(?: for ([A-Z|]+))?/g)) {
    for (const edition of m[2] ? m[2].split('|') : ALL_EDITIONS)
      limits[edition] = Number(m[1]);
  }
  return Object.keys(limits).length > 0 ? limits : undefined;
}

let shared: QbxmlVersionRules | undefined;

/** Rules loaded once per process. */
export function sharedVersionRules(): QbxmlVersionRules {
  shared ??= QbxmlVersionRules.load();
  return shared;
}
