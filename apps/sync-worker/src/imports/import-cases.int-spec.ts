import { randomUUID } from 'node:crypto';
import { quickImportStart } from '../../../qbwc-gateway/src/work/import-requests';
import { ImportHarness, sharedAnswer } from './testing/import.harness';
import {
  customerRet,
  itemInventoryRet,
  jobRet,
  qbxmlDocument,
  queryRs,
} from './testing/qbxml-builders';

// Cases 019 (records made inactive in QuickBooks) and 020 (large lists through
// iterators) from shared/cases, as tests of their kind, with their recorded answers.

let h: ImportHarness;

beforeAll(async () => {
  h = await ImportHarness.start();
});

afterAll(async () => {
  await h.stop();
});

const CASE_019 = 'cases/019-inactive-list-elements';
const CASE_020 = 'cases/020-iterator-large-import';

const pending = async (companyId: string) =>
  (await h.outbox(companyId)).filter((write) => write.status === 'pending');

async function delivered(companyId: string) {
  await h.manager.query(
    `UPDATE entity_link SET "plId" = 'pl-' || "qbListId" WHERE "companyId" = $1 AND "plId" IS NULL`,
    [companyId],
  );
  await h.manager.query(`UPDATE outbox SET status = 'delivered' WHERE "companyId" = $1`, [
    companyId,
  ]);
}

describe('case 019: records made inactive in QuickBooks reach ProgressionLIVE as inactive', () => {
  const maple = {
    ListID: '80000411-1716303100',
    Name: 'Maple Court HOA',
    FullName: 'Maple Court HOA',
  };

  /** The app before the case (app-state-before.json): both records imported and active. */
  async function appStateBefore() {
    const company = await h.createCompany();
    await h.queueImport(company.id, 'items', 'full');
    await h.page(company.id, randomUUID(), (id) =>
      qbxmlDocument(
        queryRs('ItemQueryRs', id, [
          itemInventoryRet({
            ListID: '80000401-1716303000',
            Name: 'WH-40 Water heater 40gal (old model)',
            FullName: 'Water Heaters:WH-40 Water heater 40gal (old model)',
            Price: '780.00',
            TimeModified: '2024-05-20T10:00:00-05:00',
          }),
        ]),
      ),
    );
    await h.queueImport(company.id, 'customers', 'full');
    await h.page(company.id, randomUUID(), (id) =>
      qbxmlDocument(
        queryRs('CustomerQueryRs', id, [
          customerRet({ ...maple, TimeModified: '2024-05-20T10:00:00-05:00' }),
          jobRet(maple, { ListID: '80000412-1716303101', Name: 'Pool house' }),
        ]),
      ),
    );
    await delivered(company.id);
    await h.setWatermark(company.id, 'items', '2024-06-01T00:00:00');
    await h.setWatermark(company.id, 'customers', '2024-06-01T00:00:00');
    return company;
  }

  it('asks for every record (ActiveStatus All) modified since the watermark', async () => {
    const company = await appStateBefore();
    await h.queueImport(company.id, 'items', 'quick');
    const leased = await h.lease(company.id, randomUUID());

    expect(leased.qbxml).toContain('<ActiveStatus>All</ActiveStatus>');
    // The watermark less the daylight-saving overlap (see import-requests.ts).
    expect(leased.qbxml).toContain(
      `<FromModifiedDate>${quickImportStart('2024-06-01T00:00:00')}</FromModifiedDate>`,
    );
    expect(quickImportStart('2024-06-01T00:00:00') < '2024-06-01T00:00:00').toBe(true);
  });

  it('mirrors the deactivated item as inactive (still stored), adds the new one, keeps the hierarchy', async () => {
    const company = await appStateBefore();
    const item = await h.queueImport(company.id, 'items', 'quick');
    await h.page(company.id, randomUUID(), (id) =>
      qbxmlDocument(
        queryRs('ListDeletedQueryRs', `${id}.d`, []),
        sharedAnswer(`${CASE_019}/itemqueryrs-all.qbxml`, id).replace(
          /^[\s\S]*<QBXMLMsgsRs>|<\/QBXMLMsgsRs>[\s\S]*$/g,
          '',
        ),
      ),
    );

    const oldModel = await h.link(company.id, 'product', '80000401-1716303000');
    expect(oldModel).toMatchObject({
      active: false,
      plId: 'pl-80000401-1716303000',
      qbParentListId: '80000400-1716302999',
    });
    expect(oldModel?.data).toMatchObject({
      code: 'Water Heaters:WH-40 Water heater 40gal (old model)',
      active: false,
    });
    expect((await pending(company.id)).map((w) => w.payload['input'])).toEqual([
      { externalId: '80000401-1716303000', active: false },
      expect.objectContaining({
        externalId: '80000402-1716303001',
        label: 'Haul-away fee',
        price: '45.00',
        active: true,
      }),
    ]);
    expect(await h.runOf(item.id)).toMatchObject({
      status: 'succeeded',
      deactivated: 1,
      added: 1,
    });
    expect(await h.watermark(company.id, 'items')).toMatchObject({
      lastModified: '2024-06-02T16:41:00-05:00',
    });
  });

  it('mirrors the deactivated customer as inactive and leaves its jobs alone', async () => {
    const company = await appStateBefore();
    const linksBefore = await h.links(company.id);
    await h.queueImport(company.id, 'customers', 'quick');
    await h.page(company.id, randomUUID(), (id) =>
      qbxmlDocument(
        queryRs('ListDeletedQueryRs', `${id}.d`, []),
        sharedAnswer(`${CASE_019}/customerqueryrs-inactive.qbxml`, id).replace(
          /^[\s\S]*<QBXMLMsgsRs>|<\/QBXMLMsgsRs>[\s\S]*$/g,
          '',
        ),
      ),
    );

    expect(await h.link(company.id, 'client', maple.ListID)).toMatchObject({
      active: false,
    });
    expect(await h.link(company.id, 'location', '80000412-1716303101')).toMatchObject({
      active: true,
    });
    expect(
      (await pending(company.id)).map((w) => [w.operation, w.payload['input']]),
    ).toEqual([['upsertClient', { externalId: maple.ListID, active: false }]]);
    expect(await h.links(company.id)).toHaveLength(linksBefore.length);
  });
});

describe('case 020: a large list arrives in iterator pages', () => {
  const pages = ['page1.qbxml', 'page2.qbxml', 'page3-last.qbxml'];

  it('stores each of the 7 customers once, and moves the watermark only after the last page', async () => {
    const company = await h.createCompany();
    await h.setWatermark(company.id, 'customers', '2024-05-01T00:00:00-05:00');
    const item = await h.queueImport(company.id, 'customers', 'quick');
    const session = randomUUID();

    const leased = [];
    for (const [index, file] of pages.entries()) {
      const result = await h.page(company.id, session, (id) =>
        sharedAnswer(`${CASE_020}/${file}`, id, '{ITER-020}'),
      );
      leased.push(result.leased);
      if (index < pages.length - 1) {
        expect(await h.watermark(company.id, 'customers')).toMatchObject({
          lastModified: '2024-05-01T00:00:00-05:00',
        });
      }
    }

    const start = leased[0]?.qbxml ?? '';
    expect(start).toMatch(/iterator="Start"/);
    expect(start).toMatch(/<MaxReturned>(\d+)<\/MaxReturned>/);
    const maxReturned = Number(/<MaxReturned>(\d+)<\/MaxReturned>/.exec(start)?.[1]);
    expect(maxReturned).toBeGreaterThanOrEqual(50);
    expect(maxReturned).toBeLessThanOrEqual(1000);
    for (const next of leased.slice(1)) {
      expect(next.qbxml).toContain('iterator="Continue"');
      expect(next.qbxml).toContain('iteratorID="{ITER-020}"');
      for (const filter of [
        '<ActiveStatus>All</ActiveStatus>',
        '<FromModifiedDate>2024-04-30T22:30:00</FromModifiedDate>',
      ]) {
        expect(start).toContain(filter);
        expect(next.qbxml).toContain(filter);
      }
    }

    const clients = await h.links(company.id, 'client');
    expect(clients.map((c) => c.qbFullName)).toEqual(
      Array.from({ length: 7 }, (_, i) => `Test Customer 0000${i + 1}`),
    );
    expect(await h.outbox(company.id)).toHaveLength(7);
    expect(await h.watermark(company.id, 'customers')).toMatchObject({
      lastModified: '2024-06-01T08:00:00-05:00',
    });
    expect(await h.runOf(item.id)).toMatchObject({
      status: 'succeeded',
      received: 7,
      added: 7,
    });
    expect(await h.workItem(item.id)).toMatchObject({ status: 'done' });
  });

  it('takes "no match" (status 1) as success with zero rows: no error, the queue goes on', async () => {
    const company = await h.createCompany();
    await h.setWatermark(company.id, 'customers', '2024-06-01T08:00:00-05:00');
    const item = await h.queueImport(company.id, 'customers', 'quick');
    const next = await h.queueImport(company.id, 'items', 'quick');
    await h.page(company.id, randomUUID(), (id) =>
      sharedAnswer(`${CASE_020}/empty-status1.qbxml`, id),
    );

    expect(await h.runOf(item.id)).toMatchObject({
      status: 'succeeded',
      errors: 0,
      received: 0,
    });
    expect(await h.recordErrors(company.id)).toEqual([]);
    expect(await h.workItem(item.id)).toMatchObject({ status: 'done' });
    // Nothing newer was received: the watermark stays (never goes back).
    expect(await h.watermark(company.id, 'customers')).toMatchObject({
      lastModified: '2024-06-01T08:00:00-05:00',
    });
    const following = await h.lease(company.id, randomUUID());
    expect(following.workItem.id).toBe(next.id);
  });

  it('starts an import interrupted after page 2 again from Start and upserts pages 1-2 without duplicates', async () => {
    const company = await h.createCompany();
    const item = await h.queueImport(company.id, 'customers', 'full');
    const dead = randomUUID();
    for (const file of pages.slice(0, 2)) {
      await h.page(company.id, dead, (id) =>
        sharedAnswer(`${CASE_020}/${file}`, id, '{ITER-OLD}'),
      );
    }

    const session = randomUUID();
    const leased = [];
    for (const file of pages) {
      leased.push(
        (
          await h.page(company.id, session, (id) =>
            sharedAnswer(`${CASE_020}/${file}`, id, '{ITER-NEW}'),
          )
        ).leased,
      );
    }

    expect(leased[0]?.qbxml).toContain('iterator="Start"');
    expect(leased.map((l) => l.qbxml).join('')).not.toContain('{ITER-OLD}');
    expect(await h.links(company.id, 'client')).toHaveLength(7);
    expect(await h.outbox(company.id)).toHaveLength(7);
    expect(await h.runOf(item.id)).toMatchObject({
      status: 'succeeded',
      added: 7,
      unchanged: 6,
      received: 13,
    });
  });
});
