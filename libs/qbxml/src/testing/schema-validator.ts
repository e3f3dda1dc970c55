import * as path from 'node:path';
import { memoryPages, validateXML } from 'xmllint-wasm';
import { readShared } from './shared-fixtures';

export interface SchemaDocument {
  fileName: string;
  contents: string;
}

export interface SchemaResult {
  valid: boolean;
  /** xmllint's messages, one per line. */
  errors: string[];
}

const SCHEMA_FILES = ['qbxmltypes130.xsd', 'qbxml130_modified.xsd', 'qbxmlso130.xsd'];

/**
 * Validates documents with Intuit's qbXML 13.0 schema (`qbxmlops130.xsd` and the files it
 * includes) through libxml2's xmllint compiled to WebAssembly: one call for all documents,
 * since loading the schema dominates the cost.
 */
export async function validateWithQbxmlSchema(
  documents: SchemaDocument[],
): Promise<SchemaResult> {
  const result = await validateXML({
    xml: documents.map((d) => ({
      fileName: path.basename(d.fileName),
      contents: d.contents,
    })),
    schema: [
      {
        fileName: 'qbxmlops130.xsd',
        contents: readShared('fixtures', 'xsd', 'qbxmlops130.xsd'),
      },
    ],
    preload: SCHEMA_FILES.map((fileName) => ({
      fileName,
      contents: readShared('fixtures', 'xsd', fileName),
    })),
    maxMemoryPages: memoryPages.GiB,
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}
