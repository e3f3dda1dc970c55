import { randomUUID } from 'node:crypto';
import { ImportHarness } from './testing/import.harness';
import {
  customerRet,
  deletedRet,
  jobRet,
  qbxmlDocument,
  queryRs,
} from './testing/qbxml-builders';

// Customers and jobs through the real path: leased by the gateway's dispatcher, recorded,
// applied by ApplyResponseHandler on Postgres.

let h: ImportHarness;

beforeAll(async () => {
  h = await ImportHarness.start();
});

afterAll(async () => {
  await h.stop();
});

const acme = { ListID: '80000001-1', Name: 'Acme Plumbing', FullName: 'Acme Plumbing' };
const acmeRet = (extra: Partial<Parameters<typeof customerRet>[0]> = {}) =>
  customerRet({
    ...acme,
    CompanyName: 'Acme Plumbing Inc.',
    BillAddress: {
      Addr1: 'Acme Plumbing Inc.',
      Addr2: '1200 rue Principale',
      City: 'Sherbrooke',
      State: 'QC',
      PostalCode: 'J1H1A1',
    },
    Phone: '819-555-0100',
    Email: 'office@acme.test',
    TimeModified: '2024-06-01T08:00:00-05:00',
    ...extra,
  });
const kitchen = { ListID: '80000002-1', FullName: 'Acme Plumbing:Kitchen', Sublevel: 1 };
const kitchenRet = (extra = {}) =>
  jobRet(acme, {
    ListID: kitchen.ListID,
    Name: 'Kitchen',
    ShipAddress: {
      Addr1: '45 Elm St.',
      Addr2: 'Suite 3',
      City: 'Magog',
      State: 'QC',
      PostalCode: 'J1X 2B2',
    },
    TimeModified: '2024-06-02T10:30:00-05:00',
    ...extra,
  });
const phase2Ret = () =>
  jobRet(kitchen, {
    ListID: '80000003-1',
    Name: 'Phase 2',
    TimeModified: '2024-06-01T09:00:00-05:00',
  });

const customersPage = (requestId: string, rets: string[], extra = {}) =>
  qbxmlDocument(queryRs('CustomerQueryRs', requestId, rets, extra));

async function fullImport(companyId: string, rets: string[]) {
  const item = await h.queueImport(companyId, 'customers', 'full');
  const page = await h.page(companyId, randomUUID(), (id) => customersPage(id, rets));
  return { item, page };
}

/** Pretends the outbox was delivered: every link gets a ProgressionLIVE id. */
async function delivered(companyId: string) {
  await h.manager.query(
    `UPDATE entity_link SET "plId" = (1000 + floor(random() * 100000))::text WHERE "companyId" = $1 AND "plId" IS NULL`,
    [companyId],
  );
  await h.manager.query(`UPDATE outbox SET status = 'delivered' WHERE "companyId" = $1`, [
    companyId,
  ]);
}

describe('customers and jobs, full import', () => {
  it('turns customers into clients and jobs at any depth into locations of the top client', async () => {
    const company = await h.createCompany();
    const { item, page } = await fullImport(company.id, [
      acmeRet(),
      kitchenRet(),
      phase2Ret(),
    ]);

    expect(page.applied).toBe(true);
    expect(page.leased.qbxml).toContain('<ActiveStatus>All</ActiveStatus>');
    expect(page.leased.qbxml).not.toContain('FromModifiedDate');

    const writes = await h.outbox(company.id);
    expect(writes.map((w) => [w.operation, w.orderingKey])).toEqual([
      ['upsertClient', 'customer:80000001-1'],
      ['upsertNode', 'customer:80000001-1'],
      ['upsertNode', 'customer:80000001-1'],
    ]);
    expect(writes[0]?.payload).toEqual({
      input: {
        externalId: '80000001-1',
        typeRef: { label: 'Client QuickBooks' },
        label: 'Acme Plumbing',
        address: {
          street: '1200 rue Principale',
          city: 'Sherbrooke',
          province: 'QC',
          postalCode: 'J1H1A1',
          phone: '819-555-0100',
          email: 'office@acme.test',
        },
        active: true,
      },
      link: { kind: 'client', qbListId: '80000001-1' },
    });
    expect(writes[1]?.payload).toEqual({
      input: {
        externalId: '80000002-1',
        typeRef: { label: 'Chantier' },
        label: 'Kitchen',
        address: {
          street: '45 Elm St.',
          suite: 'Suite 3',
          city: 'Magog',
          province: 'QC',
          postalCode: 'J1X 2B2',
        },
        active: true,
      },
      link: { kind: 'location', qbListId: '80000002-1' },
      clientLink: { qbListId: '80000001-1' },
      matchAddress: true,
    });
    expect(writes[2]?.payload).toMatchObject({
      input: { externalId: '80000003-1', label: 'Kitchen:Phase 2' },
      clientLink: { qbListId: '80000001-1' },
    });

    const run = await h.runOf(item.id);
    expect(run).toMatchObject({
      status: 'succeeded',
      mode: 'full',
      received: 3,
      added: 3,
      changed: 0,
      errors: 0,
    });
    expect(run.maxModified).toBe('2024-06-02T10:30:00-05:00');
    expect(run.note).toMatch(
      /^Added 3, changed 0, unchanged 0, deactivated 0, errors 0; 3 records received in 1 page, \d+\.\d s\.$/,
    );
    expect(run.finishedAt).not.toBeNull();
    expect(await h.workItem(item.id)).toMatchObject({ status: 'done' });
    expect(await h.watermark(company.id, 'customers')).toMatchObject({
      lastModified: '2024-06-02T10:30:00-05:00',
    });

    const location = await h.link(company.id, 'location', '80000003-1');
    expect(location).toMatchObject({
      qbParentListId: '80000002-1',
      qbFullName: 'Acme Plumbing:Kitchen:Phase 2',
      lastSeenImportRunId: run.id,
    });
    expect(location?.data).toMatchObject({ clientListId: '80000001-1' });
  });

  it('records a job whose customer was never imported as a record error and goes on', async () => {
    const company = await h.createCompany();
    const orphan = jobRet(
      { ListID: '80000099-1', FullName: 'Ghost Co' },
      { ListID: '80000098-1', Name: 'Roof' },
    );
    const { item } = await fullImport(company.id, [acmeRet(), orphan]);

    const run = await h.runOf(item.id);
    expect(run).toMatchObject({ status: 'partial', added: 1, errors: 1, received: 2 });
    const [error] = await h.recordErrors(company.id);
    expect(error).toMatchObject({
      importRunId: run.id,
      entity: 'customers',
      qbListId: '80000098-1',
      name: 'Ghost Co:Roof',
    });
    expect(error?.error).toMatchObject({
      code: 'IMPORT_JOB_WITHOUT_CUSTOMER',
      fixableBy: 'bookkeeper',
      message: {
        en: expect.stringContaining('"Ghost Co"'),
        fr: expect.stringContaining('« Ghost Co »'),
      },
    });
    expect((await h.outbox(company.id)).map((w) => w.operation)).toEqual([
      'upsertClient',
    ]);
    expect(await h.workItem(item.id)).toMatchObject({ status: 'done' });
  });

  it('finds the client of a job whose customer came in an earlier import', async () => {
    const company = await h.createCompany();
    await fullImport(company.id, [acmeRet()]);
    await delivered(company.id);

    await h.queueImport(company.id, 'customers', 'quick');
    await h.page(company.id, randomUUID(), (id) => customersPage(id, [phase2Ret()]));

    const [write] = (await h.outbox(company.id)).filter((w) => w.status === 'pending');
    expect(write?.payload).toMatchObject({
      clientLink: { qbListId: '80000001-1' },
      input: { label: 'Kitchen:Phase 2' },
    });
  });

  it('deactivates, never deletes, linked records a full import no longer sees', async () => {
    const company = await h.createCompany();
    await fullImport(company.id, [
      acmeRet(),
      kitchenRet(),
      customerRet({ ListID: '80000050-1', Name: 'Old Client' }),
    ]);
    await delivered(company.id);

    const { item } = await fullImport(company.id, [acmeRet()]);

    const run = await h.runOf(item.id);
    expect(run).toMatchObject({ status: 'succeeded', unchanged: 1, deactivated: 2 });
    const pending = (await h.outbox(company.id)).filter((w) => w.status === 'pending');
    expect(pending.map((w) => [w.operation, w.orderingKey, w.payload['input']])).toEqual(
      expect.arrayContaining([
        [
          'upsertClient',
          'customer:80000050-1',
          { externalId: '80000050-1', active: false },
        ],
        [
          'upsertNode',
          'customer:80000001-1',
          { externalId: '80000002-1', active: false },
        ],
      ]),
    );
    expect(pending).toHaveLength(2);
    expect(await h.link(company.id, 'client', '80000050-1')).toMatchObject({
      active: false,
      data: expect.objectContaining({ active: false }),
    });
  });
});

describe('customers, quick import', () => {
  it('asks for changes since the watermark minus the overlap, with deletions, and sends only what changed', async () => {
    const company = await h.createCompany();
    await fullImport(company.id, [acmeRet(), kitchenRet()]);
    await delivered(company.id);
    await h.setWatermark(company.id, 'customers', '2024-06-02T10:30:00-05:00');

    const item = await h.queueImport(company.id, 'customers', 'quick');
    const renamed = acmeRet({
      Name: 'Acme Plumbing & Heating',
      FullName: 'Acme Plumbing & Heating',
      TimeModified: '2024-06-05T11:00:00-05:00',
    });
    const page = await h.page(company.id, randomUUID(), (id) =>
      qbxmlDocument(
        queryRs('ListDeletedQueryRs', `${id}.d`, [
          deletedRet({
            ListDelType: 'Customer',
            ListID: kitchen.ListID,
            FullName: kitchen.FullName,
            TimeDeleted: '2024-06-05T12:00:00-05:00',
          }),
        ]),
        queryRs('CustomerQueryRs', id, [renamed]),
      ),
    );

    expect(page.leased.qbxml).toContain(
      '<FromModifiedDate>2024-06-02T09:00:00</FromModifiedDate>',
    );
    expect(page.leased.qbxml).toContain('<ListDeletedQueryRq');
    const pending = (await h.outbox(company.id)).filter((w) => w.status === 'pending');
    expect(pending.map((w) => w.payload['input'])).toEqual([
      { externalId: '80000001-1', label: 'Acme Plumbing & Heating' },
      { externalId: '80000002-1', active: false },
    ]);

    const run = await h.runOf(item.id);
    expect(run).toMatchObject({
      mode: 'quick',
      fromModified: '2024-06-02T09:00:00',
      changed: 1,
      deactivated: 1,
      received: 1,
    });
    expect(await h.watermark(company.id, 'customers')).toMatchObject({
      lastModified: '2024-06-05T12:00:00-05:00',
    });
    expect(await h.link(company.id, 'location', kitchen.ListID)).toMatchObject({
      active: false,
    });
  });

  it('clears a field emptied in QuickBooks instead of leaving the old value', async () => {
    const company = await h.createCompany();
    await fullImport(company.id, [acmeRet()]);
    await delivered(company.id);
    await h.setWatermark(company.id, 'customers', '2024-06-01T08:00:00-05:00');

    await h.queueImport(company.id, 'customers', 'quick');
    const bare = customerRet({ ...acme, TimeModified: '2024-06-06T08:00:00-05:00' });
    await h.page(company.id, randomUUID(), (id) => customersPage(id, [bare]));

    const [write] = (await h.outbox(company.id)).filter((w) => w.status === 'pending');
    expect(write?.payload['input']).toEqual({ externalId: '80000001-1', address: null });
  });

  it('changes nothing when the same records come again (overlap window, restarted iterator)', async () => {
    const company = await h.createCompany();
    await fullImport(company.id, [acmeRet(), kitchenRet(), phase2Ret()]);
    await delivered(company.id);
    const before = await h.links(company.id);
    await h.setWatermark(company.id, 'customers', '2024-06-02T10:30:00-05:00');

    const item = await h.queueImport(company.id, 'customers', 'quick');
    await h.page(company.id, randomUUID(), (id) =>
      customersPage(id, [acmeRet(), kitchenRet(), phase2Ret()]),
    );

    expect((await h.outbox(company.id)).filter((w) => w.status === 'pending')).toEqual(
      [],
    );
    const after = await h.links(company.id);
    expect(after.map((l) => [l.qbListId, l.plId, l.data, l.active])).toEqual(
      before.map((l) => [l.qbListId, l.plId, l.data, l.active]),
    );
    expect(await h.runOf(item.id)).toMatchObject({
      status: 'succeeded',
      unchanged: 3,
      added: 0,
      changed: 0,
    });
  });

  it('applies a response delivered twice only once', async () => {
    const company = await h.createCompany();
    await h.queueImport(company.id, 'customers', 'full');
    const page = await h.page(company.id, randomUUID(), (id) =>
      customersPage(id, [acmeRet()]),
    );

    await expect(h.apply(company.id, page.responseId)).resolves.toBe(false);
    expect(await h.outbox(company.id)).toHaveLength(1);
    expect(await h.runOf(page.leased.workItem.id)).toMatchObject({
      received: 1,
      added: 1,
    });
  });

  it('treats a quick import without a watermark as a full one', async () => {
    const company = await h.createCompany();
    const item = await h.queueImport(company.id, 'customers', 'quick');
    const page = await h.page(company.id, randomUUID(), (id) =>
      customersPage(id, [acmeRet()]),
    );

    expect(page.leased.qbxml).not.toContain('FromModifiedDate');
    expect(await h.runOf(item.id)).toMatchObject({
      mode: 'full',
      fromModified: null,
      status: 'succeeded',
    });
  });
});
