import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';
import { sharedFixturesDir } from '../shared/fixtures-dir';

export interface SchemaVerdict {
  valid: boolean;
  /** xmllint's messages, without the file name prefix. */
  errors: string[];
}

interface Pending {
  xml: string;
  key: string;
  resolve: (verdict: SchemaVerdict) => void;
  reject: (err: unknown) => void;
}

const SCHEMA_FILES = ['qbxmltypes130.xsd', 'qbxml130_modified.xsd', 'qbxmlso130.xsd'];
const MAX_BATCH = 64;

// Length limits are part of Intuit's XSD, but QuickBooks does not reject the whole message
// set for an over-long value: it answers that one request with status 3070. The company
// file checks lengths itself, so xmllint's maxLength complaints are left out here.
const IGNORED_ERROR = /\[facet 'maxLength'\]/;

/**
 * Validates qbXML request documents against Intuit's qbXML 13.0 XSD with xmllint (WASM).
 * Each xmllint run costs ~0.2 s whatever the number of files, so concurrent requests are
 * validated together in one run, and verdicts are cached by document text (with the
 * free-form `requestID` and `iteratorID` values blanked, which the schema does not constrain).
 */
export class QbxmlSchemaValidator {
  private readonly cache = new Map<string, SchemaVerdict>();
  private readonly pending: Pending[] = [];
  private running = false;
  private schema?: { main: XMLFileInfo; preload: XMLFileInfo[] };

  constructor(
    private readonly xsdDir = join(sharedFixturesDir(), 'xsd'),
    private readonly cacheSize = 5000,
  ) {}

  validate(xml: string): Promise<SchemaVerdict> {
    const key = cacheKey(xml);
    const cached = this.cache.get(key);
    if (cached) return Promise.resolve(cached);

    return new Promise((resolve, reject) => {
      this.pending.push({ xml, key, resolve, reject });
      if (!this.running) setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_BATCH);
        await this.runBatch(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async runBatch(batch: Pending[]): Promise<void> {
    try {
      const verdicts = await this.xmllint(batch.map((p) => p.xml));
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

  private async xmllint(documents: string[]): Promise<SchemaVerdict[]> {
    const schema = this.loadSchema();
    const files = documents.map((contents, i) => ({ fileName: `request${i}.xml`, contents }));
    const result = await validateXML({
      xml: files,
      schema: schema.main,
      preload: schema.preload,
      maxMemoryPages: 4096,
    });
    return files.map((file) => verdictFor(file.fileName, result.rawOutput));
  }

  private loadSchema(): { main: XMLFileInfo; preload: XMLFileInfo[] } {
    this.schema ??= {
      main: this.file('qbxmlops130.xsd'),
      preload: SCHEMA_FILES.map((name) => this.file(name)),
    };
    return this.schema;
  }

  private file(name: string): XMLFileInfo {
    return { fileName: name, contents: readFileSync(join(this.xsdDir, name)) };
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
