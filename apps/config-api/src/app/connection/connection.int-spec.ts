import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { CompanyEntity } from '@qbd/domain';
import { verifyPassword } from '@qbd/platform';
import { TEST_REDIS_URL } from '@qbd/testing';
import { ConfigApiHarness } from '../testing/config-api-harness';
import { readXml, textAt, type XmlLeaf } from '../testing/xml-reader';

const FIXTURES = '/work/shared/fixtures/qbwc/qwc';
const GUID_BRACED = /^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/;

const fixtures = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.qwc'))
  .map((name) => ({ name, leaves: readXml(readFileSync(join(FIXTURES, name), 'utf8')) }));

const elementsOf = (leaves: XmlLeaf[]) => leaves.map((leaf) => leaf.path);

describe('Web Connector account and .qwc (integration)', () => {
  let api: ConfigApiHarness;
  let redis: IORedis;

  beforeAll(async () => {
    api = await ConfigApiHarness.start({
      GATEWAY_PUBLIC_URL: 'https://sync.connector.invalid/qbwc',
    });
    redis = new IORedis(TEST_REDIS_URL);
  });

  afterAll(async () => {
    redis.disconnect();
    await api.close();
  });

  const stored = (id: string) =>
    api.db.dataSource.manager.findOneByOrFail(CompanyEntity, { id });
  const issue = (id: string) => api.call('POST', `/v1/companies/${id}/connection`);
  const download = (id: string) => api.call('GET', `/v1/companies/${id}/qwc`);

  describe('POST .../connection', () => {
    it('creates a user name unique to the company and a strong password, shown once', async () => {
      const id = await api.createCompany();

      const response = await issue(id);

      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const { userName, password, credentialGeneration } = response.json();
      expect(userName).toBe(`pl-${id.replace(/-/g, '').slice(0, 12)}`);
      expect(password).toMatch(/^[A-Za-z0-9]{24}$/);
      expect(credentialGeneration).toBe(1);
    });

    it('stores only a scrypt hash of the password, and never shows the password again', async () => {
      const id = await api.createCompany();
      const { password } = (await issue(id)).json();

      const company = await stored(id);
      expect(company.wcPasswordHash).toMatch(/^scrypt\$/);
      expect(company.wcPasswordHash).not.toContain(password);
      expect(await verifyPassword(password, company.wcPasswordHash)).toBe(true);

      const reads = await Promise.all(
        ['', '/settings', '/status', '/qwc', '/settings/history', '/sessions'].map(
          (path) => api.call('GET', `/v1/companies/${id}${path}`),
        ),
      );
      for (const read of reads) {
        expect(read.statusCode).toBe(200);
        expect(read.body).not.toContain(password);
        expect(read.body).not.toContain(company.wcPasswordHash!);
      }
      expect(reads[0]!.json().webConnector).toEqual({
        userName: company.wcUsername,
        passwordSet: true,
        credentialGeneration: 1,
      });
    });

    it('rotates: new password, same user name, next generation; the old password stops working', async () => {
      const id = await api.createCompany();
      const first = (await issue(id)).json();

      const second = (await issue(id)).json();

      expect(second.userName).toBe(first.userName);
      expect(second.password).not.toBe(first.password);
      expect(second.credentialGeneration).toBe(2);
      const company = await stored(id);
      expect(company.credentialGeneration).toBe(2);
      expect(await verifyPassword(second.password, company.wcPasswordHash)).toBe(true);
      expect(await verifyPassword(first.password, company.wcPasswordHash)).toBe(false);
    });

    it('ends the company’s open Web Connector session, and only that one', async () => {
      const [id, other] = [await api.createCompany(), await api.createCompany()];
      const sessionOf = async (companyId: string, ticketHash: string) => {
        await redis.set(`${api.prefix}:company-session:${companyId}`, ticketHash);
        await redis.set(
          `${api.prefix}:ticket:${ticketHash}`,
          JSON.stringify({ companyId, generation: 1 }),
        );
      };
      await sessionOf(id, 'a'.repeat(64));
      await sessionOf(other, 'b'.repeat(64));

      await issue(id);

      expect(
        await redis.exists(
          `${api.prefix}:company-session:${id}`,
          `${api.prefix}:ticket:${'a'.repeat(64)}`,
        ),
      ).toBe(0);
      expect(
        await redis.exists(
          `${api.prefix}:company-session:${other}`,
          `${api.prefix}:ticket:${'b'.repeat(64)}`,
        ),
      ).toBe(2);
    });

    it('gives each company its own user name', async () => {
      const ids = await Promise.all([1, 2, 3].map(() => api.createCompany()));

      const names = await Promise.all(
        ids.map(async (id) => (await issue(id)).json().userName),
      );

      expect(new Set(names).size).toBe(3);
    });

    it('answers 404 for an unknown company', async () => {
      const response = await issue('00000000-0000-4000-8000-000000000000');

      expect(response.statusCode).toBe(404);
    });
  });

  describe('GET .../qwc', () => {
    it('answers 409 until the Web Connector account exists', async () => {
      const id = await api.createCompany();

      const response = await download(id);

      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({
        code: 'CONNECTION_NOT_CREATED',
        fixableBy: 'bookkeeper',
      });
    });

    it('is an XML attachment named after the user name', async () => {
      const id = await api.createCompany();
      const { userName } = (await issue(id)).json();

      const response = await download(id);

      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="${userName}.qwc"`,
      );
      expect(response.body.startsWith('<?xml version="1.0"')).toBe(true);
    });

    it('says everything Web Connector needs, from the company and the configuration', async () => {
      const id = await api.createCompany({ name: 'Plomberie Lavoie' });
      const { userName, password } = (await issue(id)).json();
      await api.call('PUT', `/v1/companies/${id}/settings`, {
        body: { minIntervalMinutes: 15 },
      });
      const company = await stored(id);

      const qwc = readXml((await download(id)).body);

      expect(textAt(qwc, 'QBWCXML/AppName')).toBe(`ProgressionLIVE - ${userName}`);
      expect(textAt(qwc, 'QBWCXML/AppID')).toBe('');
      expect(textAt(qwc, 'QBWCXML/AppURL')).toBe('https://sync.connector.invalid/qbwc');
      expect(textAt(qwc, 'QBWCXML/AppDescription')).toBe(
        'ProgressionLIVE sync for Plomberie Lavoie',
      );
      expect(new URL(textAt(qwc, 'QBWCXML/AppSupport')!).host).toBe(
        'sync.connector.invalid',
      );
      expect(textAt(qwc, 'QBWCXML/UserName')).toBe(userName);
      expect(textAt(qwc, 'QBWCXML/OwnerID')).toBe(
        `{${company.qwcOwnerId.toUpperCase()}}`,
      );
      expect(textAt(qwc, 'QBWCXML/FileID')).toBe(`{${company.qwcFileId.toUpperCase()}}`);
      expect(textAt(qwc, 'QBWCXML/QBType')).toBe('QBFS');
      expect(textAt(qwc, 'QBWCXML/Scheduler/RunEveryNMinutes')).toBe('15');
      expect(textAt(qwc, 'QBWCXML/IsReadOnly')).toBe('false');
      expect(qwc.map((leaf) => leaf.text).join(' ')).not.toContain(password);
    });

    it('has the shape of real .qwc files: their root, their elements, their GUID form', async () => {
      const id = await api.createCompany();
      await issue(id);

      const ours = readXml((await download(id)).body);

      const known = new Set(fixtures.flatMap((fixture) => elementsOf(fixture.leaves)));
      const inEvery = [...known].filter((path) =>
        fixtures.every((fixture) => elementsOf(fixture.leaves).includes(path)),
      );
      expect(inEvery.length).toBeGreaterThanOrEqual(9);
      expect(elementsOf(ours)).toEqual(expect.arrayContaining(inEvery));
      for (const path of elementsOf(ours)) expect(known).toContain(path);
      const withScheduler = fixtures.find((fixture) =>
        elementsOf(fixture.leaves).includes('QBWCXML/Scheduler/RunEveryNMinutes'),
      )!;
      expect(elementsOf(ours)).toEqual(elementsOf(withScheduler.leaves));
      for (const fixture of fixtures) {
        expect(textAt(fixture.leaves, 'QBWCXML/OwnerID')!.toUpperCase()).toMatch(
          GUID_BRACED,
        );
      }
      expect(textAt(ours, 'QBWCXML/OwnerID')).toMatch(GUID_BRACED);
      expect(textAt(ours, 'QBWCXML/FileID')).toMatch(GUID_BRACED);
    });

    it('keeps the same owner and file ids across downloads and password rotations', async () => {
      const id = await api.createCompany();
      await issue(id);
      const before = readXml((await download(id)).body);

      await issue(id);
      const after = readXml((await download(id)).body);

      for (const path of [
        'QBWCXML/OwnerID',
        'QBWCXML/FileID',
        'QBWCXML/AppName',
        'QBWCXML/UserName',
      ]) {
        expect(textAt(after, path)).toBe(textAt(before, path));
      }
    });

    it('gives two companies different file ids', async () => {
      const [a, b] = [await api.createCompany(), await api.createCompany()];
      await issue(a);
      await issue(b);

      const [qwcA, qwcB] = [
        readXml((await download(a)).body),
        readXml((await download(b)).body),
      ];

      expect(textAt(qwcA, 'QBWCXML/FileID')).not.toBe(textAt(qwcB, 'QBWCXML/FileID'));
      expect(textAt(qwcA, 'QBWCXML/AppName')).not.toBe(textAt(qwcB, 'QBWCXML/AppName'));
    });

    it('escapes every value: a name with & < > " and accents reads back as written', async () => {
      const name = 'Lavoie & Fils <Plomberie> "Élite" l\'Érable';
      const id = await api.createCompany({ name });
      await issue(id);

      const response = await download(id);

      expect(response.body).toContain('Lavoie &amp; Fils &lt;Plomberie&gt;');
      expect(textAt(readXml(response.body), 'QBWCXML/AppDescription')).toBe(
        `ProgressionLIVE sync for ${name}`,
      );
    });

    it('cuts a long company name so the description stays within 80 characters', async () => {
      const id = await api.createCompany({
        name: 'Entreprise de plomberie, chauffage et climatisation Lavoie et Fils Incorporée',
      });
      await issue(id);

      const description = textAt(
        readXml((await download(id)).body),
        'QBWCXML/AppDescription',
      )!;

      expect(description.length).toBe(80);
      expect(description.endsWith('...')).toBe(true);
    });
  });
});

describe('.qwc address rules (integration)', () => {
  it.each([
    ['https', 'https://sync.connector.invalid/qbwc', 200],
    ['plain http on localhost', 'http://localhost:8080/qbwc', 200],
    ['plain http on 127.0.0.1', 'http://127.0.0.1:8080/qbwc', 200],
    ['plain http on another host', 'http://sync.connector.invalid/qbwc', 500],
  ])('%s → %s', async (_, url, status) => {
    const api = await ConfigApiHarness.start({ GATEWAY_PUBLIC_URL: url });
    try {
      const id = await api.createCompany();
      await api.call('POST', `/v1/companies/${id}/connection`);

      const response = await api.call('GET', `/v1/companies/${id}/qwc`);

      expect(response.statusCode).toBe(status);
      if (status === 200)
        expect(textAt(readXml(response.body), 'QBWCXML/AppURL')).toBe(url);
      else
        expect(response.json()).toMatchObject({
          code: 'GATEWAY_URL_NOT_HTTPS',
          fixableBy: 'operator',
        });
    } finally {
      await api.close();
    }
  });
});
