import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedFixturesDir } from '../shared/fixtures-dir';
import { SchemaComponents } from './schema-subset';
import { XmllintWorker, type XmllintFile } from './xmllint-worker';

export interface SchemaVerdict {
  valid: boolean;
  /** xmllint's messages, without the file name prefix. */
  errors: string[];
}

interface Pending {
  xml: string;
  key: string;
  /** Requests in the message set, when known: lets a small schema do the work. */
  requestNames?: string[];
  resolve: (verdict: SchemaVerdict) => void;
  reject: (err: unknown) => void;
}

const INCLUDED_FILES = ['qbxmltypes130.xsd', 'qbxml130_modified.xsd', 'qbxmlso130.xsd'];
const MAX_BATCH = 64;

// Length limits are part of Intuit's XSD, but QuickBooks does not reject the whole message
// set for an over-long value: it answers that one request with status 3070. The company
// file checks lengths itself, so xmllint's maxLength complaints are left out here.
const IGNORED_ERROR = /\[facet 'maxLength'\]/;

/**
 * Validates qbXML documents against Intuit's qbXML 13.0 XSD with xmllint (WASM). Speed:
 * a request message set is checked against a schema cut down to its request types (see
 * schema-subset), documents waiting at the same time are checked in one xmllint run, one
 * xmllint worker stays up, and verdicts are cached by document text (with the free-form
 * `requestID` and `iteratorID` values blanked, which the schema does not constrain).
 */
export class QbxmlSchemaValidator {
  private readonly cache = new Map<string, SchemaVerdict>();
  private readonly subsets = new Map<string, string>();
  private readonly pending: Pending[] = [];
  private readonly xmllint = new XmllintWorker();
  private running = false;
  private fullSchema?: XmllintFile[];
  private components?: SchemaComponents;

  constructor(
    private readonly xsdDir = join(sharedFixturesDir(), 'xsd'),
    private readonly cacheSize = 5000,
  ) {}

  /**
   * @param requestNames the `…Rq` elements of a request message set, when the caller has
   * parsed it; any other document (responses, sign-on) is checked against the full schema.
   */
  validate(xml: string, requestNames?: string[]): Promise<SchemaVerdict> {
    const key = cacheKey(xml);
    const cached = this.cache.get(key);
    if (cached) return Promise.resolve(cached);

    return new Promise((resolve, reject) => {
      this.pending.push({ xml, key, requestNames, resolve, reject });
      if (!this.running) setImmediate(() => void this.drain());
    });
  }

  /** Stops the xmllint worker (it is restarted on the next validation). */
  close(): void {
    this.xmllint.close();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.pending.length > 0) {
        const schemaKey = this.schemaKey(this.pending[0]);
        const batch = this.pending
          .filter((p) => this.schemaKey(p) === schemaKey)
          .slice(0, MAX_BATCH);
        for (const p of batch) this.pending.splice(this.pending.indexOf(p), 1);
        await this.runBatch(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private schemaKey(p: Pending): string {
    return p.requestNames ? [...new Set(p.requestNames)].sort().join(',') : '*';
  }

  private async runBatch(batch: Pending[]): Promise<void> {
    try {
      const verdicts = await this.check(
        batch.map((p) => p.xml),
        batch[0].requestNames,
      );
      batch.forEach((p, i) => this.settle(p, verdicts[i]));
    } catch (err) {
      if (batch.length === 1) {
        batch[0].reject(err);
        return;
      }
      for (const p of batch) await this.runBatch([p]);
    }
  }

  private settle(p: Pending, verdict: SchemaVerdict): void {
    if (this.cache.size >= this.cacheSize) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(p.key, verdict);
    p.resolve(verdict);
  }

  private async check(
    documents: string[],
    requestNames?: string[],
  ): Promise<SchemaVerdict[]> {
    const schemaFiles = requestNames
      ? [this.subsetSchema(requestNames)]
      : this.loadFullSchema();
    const files = documents.map((contents, i) => ({
      fileName: `request${i}.xml`,
      contents,
    }));
    const run = await this.xmllint.run(
      [...files, ...schemaFiles],
      ['--schema', schemaFiles[0].fileName, '--noout', ...files.map((f) => f.fileName)],
    );
    if (![0, 3, 4].includes(run.exitCode)) {
      throw new Error(`xmllint failed (${run.exitCode}): ${run.stderr}`);
    }
    return files.map((file) => verdictFor(file.fileName, run.stderr));
  }

  private subsetSchema(requestNames: string[]): XmllintFile {
    const key = [...new Set(requestNames)].sort().join(',');
    let text = this.subsets.get(key);
    if (text === undefined) {
      this.components ??= new SchemaComponents(this.xsdDir);
      text = this.components.subsetFor(requestNames);
      this.subsets.set(key, text);
    }
    return { fileName: 'subset.xsd', contents: text };
  }

  private loadFullSchema(): XmllintFile[] {
    this.fullSchema ??= ['qbxmlops130.xsd', ...INCLUDED_FILES].map((name) => ({
      fileName: name,
      contents: readFileSync(join(this.xsdDir, name)),
    }));
    return this.fullSchema;
  }
}

function verdictFor(fileName: string, rawOutput: string): SchemaVerdict {
  const errors = rawOutput
    .split('\n')
    .filter((line) => line.startsWith(`${fileName}:`))
    .map((line) => line.slice(line.indexOf(':', fileName.length + 1) + 1).trim())
    .filter((message) => !IGNORED_ERROR.test(message));
  return { valid: errors.length === 0, errors };
}

function cacheKey(xml: string): string {
  return xml.replace(/\b(requestID|iteratorID)="[^"]*"/g, '$1=""');
}

let shared: QbxmlSchemaValidator | undefined;

/** One validator per process, so every company file shares the cache and the batching. */
export function sharedSchemaValidator(): QbxmlSchemaValidator {
  shared ??= new QbxmlSchemaValidator();
  return shared;
}
