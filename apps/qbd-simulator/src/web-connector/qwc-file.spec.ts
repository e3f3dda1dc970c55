import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedFixturesDir } from '../shared/fixtures-dir';
import { parseQwc, qwcProblems } from './qwc-file';

const dir = join(sharedFixturesDir(), 'qbwc', 'qwc');
const load = (name: string) => parseQwc(readFileSync(join(dir, name), 'utf8'));

describe('QWC files', () => {
  it.each(readdirSync(dir))('reads %s', (name) => {
    const qwc = load(name);

    expect(qwc.AppURL).toMatch(/^https?:\/\//);
    expect(qwc.OwnerID).toMatch(/^\{.+\}$/);
    expect(qwc.FileID).toMatch(/^\{.+\}$/);
  });

  it('reads the scheduler in minutes or seconds', () => {
    expect(load('quickbooks-php_example_app.qwc').runEverySeconds).toBe(120);
    expect(load('quickbooks-js_test_app_RunEveryNSeconds.qwc').runEverySeconds).toBe(60);
    expect(load('intuit-sdk-sample_HTTPWebService.qwc').runEverySeconds).toBeUndefined();
  });

  it('finds what the Web Connector would refuse', () => {
    const good = load('intuit-sdk-sample_HTTPSWebService.qwc');

    expect(qwcProblems(load('intuit-sdk-sample_HTTPWebService.qwc'))).toEqual([]);
    expect(qwcProblems(load('quickbooks-php_example_app.qwc'))).toEqual([]);
    expect(qwcProblems(load('quickbooks-js_test_app_RunEveryNSeconds.qwc'))).toEqual([
      'QBWC1000: AppURL and AppSupport are on different domains',
    ]);
    expect(
      qwcProblems({
        ...good,
        AppURL: 'http://10.0.0.5/qbwc',
        AppSupport: 'http://10.0.0.5/',
      }),
    ).toEqual([
      'QBWC1001: AppURL uses an IP address',
      'QBWC1002: AppSupport uses an IP address',
      'QBWC1010: only https applications are allowed (except on localhost)',
    ]);
    expect(
      qwcProblems({
        ...good,
        FileID: '90A44FB5-33D9-4815-AC85-BC87A7E7D1EB',
        present: ['AppName'],
      }),
    ).toEqual([
      'QBWC1039: the QWC file has no AppID',
      'QBWC1039: the QWC file has no AppDescription',
      'QBWC1039: FileID must be a GUID in braces',
    ]);
  });
});
