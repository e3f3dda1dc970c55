import { readFileSync, writeFileSync } from 'node:fs';
import { CompanyFile, type CompanyFileOptions } from './company-file';
import type { CompanySnapshot } from './company-store';

/** Writes the company file's whole state as JSON, so later runs continue from it. */
export function saveCompany(company: CompanyFile, path: string): void {
  writeFileSync(path, `${JSON.stringify(company.toSnapshot(), null, 1)}\n`);
}

export function loadCompany(path: string, options: CompanyFileOptions = {}): CompanyFile {
  const snapshot = JSON.parse(readFileSync(path, 'utf8')) as CompanySnapshot;
  return CompanyFile.fromSnapshot(snapshot, options);
}
