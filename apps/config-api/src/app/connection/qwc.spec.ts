import { bracedGuid, buildQwc, qwcDescription, type QwcContent } from './qwc';

const content: QwcContent = {
  appName: 'ProgressionLIVE - pl-0a1b2c3d4e5f',
  appUrl: 'https://sync.connector.invalid/qbwc',
  appSupport: 'https://sync.connector.invalid/qbwc',
  appDescription: 'ProgressionLIVE sync for Lavoie',
  userName: 'pl-0a1b2c3d4e5f',
  ownerId: '57f3b9b1-86f1-4fcc-b1ee-566de1813d20',
  fileId: '90a44fb5-33d9-4815-ac85-bc87a7e7d1eb',
  runEveryNMinutes: 5,
};

describe('buildQwc', () => {
  it('writes the elements in the order of Intuit’s samples', () => {
    const names = [...buildQwc(content).matchAll(/<(\w+)[ >]/g)].map((match) => match[1]);

    expect(names).toEqual([
      'QBWCXML',
      'AppName',
      'AppID',
      'AppURL',
      'AppDescription',
      'AppSupport',
      'UserName',
      'OwnerID',
      'FileID',
      'QBType',
      'Scheduler',
      'RunEveryNMinutes',
      'IsReadOnly',
    ]);
  });

  it('starts with the XML declaration and writes empty AppID as an open/close pair like the samples', () => {
    const xml = buildQwc(content);

    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(xml).toContain('<AppID></AppID>');
  });

  it('writes GUIDs braced and upper-case', () => {
    const xml = buildQwc(content);

    expect(xml).toContain('<OwnerID>{57F3B9B1-86F1-4FCC-B1EE-566DE1813D20}</OwnerID>');
    expect(xml).toContain('<FileID>{90A44FB5-33D9-4815-AC85-BC87A7E7D1EB}</FileID>');
  });

  it.each([
    ['&', '&amp;'],
    ['<', '&lt;'],
    ['>', '&gt;'],
  ])('escapes %s in every text value', (raw, escaped) => {
    const xml = buildQwc({
      ...content,
      appName: `A${raw}B`,
      appDescription: `C${raw}D`,
      appUrl: `https://x.invalid/q?a=1${raw}b=2`,
    });

    expect(xml).toContain(`<AppName>A${escaped}B</AppName>`);
    expect(xml).toContain(`<AppDescription>C${escaped}D</AppDescription>`);
    expect(xml).toContain(`<AppURL>https://x.invalid/q?a=1${escaped}b=2</AppURL>`);
  });

  it('never writes a password', () => {
    expect(buildQwc(content)).not.toMatch(/password/i);
  });
});

describe('bracedGuid and qwcDescription', () => {
  it('braces a GUID', () => {
    expect(bracedGuid('dc25fda6-bce2-493b-9e04-a1560bde96e4')).toBe(
      '{DC25FDA6-BCE2-493B-9E04-A1560BDE96E4}',
    );
  });

  it('keeps a short description and cuts a long one to 80 characters', () => {
    expect(qwcDescription('Lavoie')).toBe('ProgressionLIVE sync for Lavoie');
    const long = qwcDescription('x'.repeat(100));
    expect(long).toHaveLength(80);
    expect(long.endsWith('...')).toBe(true);
  });
});
