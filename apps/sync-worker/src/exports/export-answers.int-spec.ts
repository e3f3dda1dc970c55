import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CompanyEntity,
  ExportEntity,
  WorkItemEntity,
  type CompanySettings,
} from '@qbd/domain';
import {
  DEMO_ACCOUNT,
  DEMO_PROPERTIES,
  seedDemo,
  startFakeProgressionLive,
  type DemoIds,
  type RunningFake,
} from '../../../fake-progressionlive/src';
import { sharedFixturesDir } from '../../../qbd-simulator/src/shared/fixtures-dir';
import { baseLinks, item, link, snapshot } from './testing/export-builders';
import { ExportHarness } from './testing/export.harness';
import {
  caseAnswer,
  customerAddRs,
  customerQueryRs,
  documentAddRs,
  qbxml,
  refusalRs,
} from './testing/qbxml-answers';

// QuickBooks' answers to document messages, applied through ApplyResponseHandler on the
// real Postgres, with the write-back delivered to the fake ProgressionLIVE over HTTP.

let h: ExportHarness;
let fake: RunningFake;
let demo: DemoIds;

beforeAll(async () => {
  h = await ExportHarness.start();
  fake = await startFakeProgressionLive({ host: '127.0.0.1' });
  demo = seedDemo(fake.store);
});

afterAll(async () => {
  await fake.close();
  await h.stop();
});

const SETTINGS: Partial<CompanySettings> = {
  syncUser: 'Synchronisation QuickBooks',
  documentNumberProperty: DEMO_PROPERTIES.invoiceNumber,
  billedStage: 750,
};

/** Case 002's task: Harbor Line Electric, 2 × 150.00 + 3 × 50.00, number FS-10231. */
function case002Task(taskId: string) {
  return snapshot({
    taskId,
    taskNumber: 'FS-10231',
    items: [
      item({
        productId: 'pl-prod-1',
        description: 'Panel inspection',
        quantity: '2',
        unitPrice: '150.0',
      }),
      item({
        productId: 'pl-prod-2',
        description: 'Breaker 20A',
        quantity: '3',
        unitPrice: '50.0',
      }),
    ],
  });
}

async function companyWith(settings: Partial<CompanySettings> = {}) {
  const company = await h.createCompany({ ...SETTINGS, ...settings });
  await h.connectProgressionLive(
    company.id,
    fake.url,
    DEMO_ACCOUNT.username,
    DEMO_ACCOUNT.password,
  );
  await h.addLinks(company.id, baseLinks());
  return company;
}

/** A ready export of case 002's task (a fresh ProgressionLIVE task at stage 700 each time). */
async function readyExport(
  settings: Partial<CompanySettings> = {},
  task = case002Task(newTask()),
) {
  const company = await companyWith({ numbering: 'taskNumber', ...settings });
  const row = await h.createExport(company.id, task, {
    numbering: 'taskNumber',
    ...settings,
  });
  await expect(h.preparer.prepare(company.id, row.id)).resolves.toMatchObject({
    result: 'ready',
  });
  return { company, row, session: randomUUID() };
}

function newTask(): string {
  return fake.store.addTask({
    typeId: demo.taskTypeId,
    clientId: demo.clientId,
    logicId: 700,
    items: [{ label: 'Inspection', quantity: '1', price: '85.00' }],
  });
}

const case002 = (requestId: string) =>
  caseAnswer('002-completed-job-reposted', 'invoiceaddrs-success.qbxml', {
    REQID: requestId,
  });

describe('the document is created (case 002)', () => {
  it('stores TxnID and number, then writes the number on the task and moves it to the billed stage', async () => {
    const { company, row, session } = await readyExport();

    const { leased, applied } = await h.exchange(company.id, session, case002);

    expect(applied).toBe(true);
    expect(leased.qbxml.match(/<InvoiceAddRq /g)).toHaveLength(1);
    expect(leased.qbxml).toContain('<RefNumber>FS-10231</RefNumber>');
    const created = await h.exportRow(row.id);
    expect(created).toMatchObject({
      status: 'created',
      qbTxnId: '2B7-1716402200',
      qbRefNumber: 'FS-10231',
      qbCustomerListId: '80000031-1716300000',
      lastError: null,
    });
    expect(await h.events(row.id)).toEqual(['queued', 'ready', 'sent', 'created']);
    await expect(
      h.manager.findOneByOrFail(WorkItemEntity, { id: leased.workItem.id }),
    ).resolves.toMatchObject({
      status: 'done',
    });

    const writes = await h.outbox(company.id);
    expect(writes.map((w) => [w.operation, w.orderingKey, w.payload])).toEqual([
      [
        'setTaskProperty',
        `task:${row.taskId}`,
        {
          taskId: row.taskId,
          name: DEMO_PROPERTIES.invoiceNumber,
          value: 'FS-10231',
          exportId: row.id,
        },
      ],
      [
        'progressTask',
        `task:${row.taskId}`,
        { taskId: row.taskId, logicId: 750, exportId: row.id, final: true },
      ],
    ]);

    await expect(h.deliverer.deliverCompany(company.id)).resolves.toEqual({
      delivered: 2,
    });
    expect(fake.store.taskLogicId(row.taskId)).toBe(750);
    expect(
      JSON.stringify(
        fake.store.property('TASK', row.taskId, DEMO_PROPERTIES.invoiceNumber),
      ),
    ).toContain('FS-10231');
    await expect(h.exportRow(row.id)).resolves.toMatchObject({ status: 'delivered' });
    expect(await h.events(row.id)).toEqual([
      'queued',
      'ready',
      'sent',
      'created',
      'delivered',
    ]);
  });

  it('keeps the TxnLineIDs and EditSequence QuickBooks returned on the timeline', async () => {
    const { company, row, session } = await readyExport();
    await h.exchange(company.id, session, case002);

    const [created] = await h.manager.query(
      `SELECT detail FROM export_event WHERE "exportId" = $1 AND state = 'created'`,
      [row.id],
    );

    expect(created.detail).toMatchObject({
      txnId: '2B7-1716402200',
      editSequence: '1716402200',
      txnLineIds: ['2B9-1716402200', '2BA-1716402200'],
      subtotal: '450.00',
    });
  });

  it('changes nothing when the same answer is delivered again, and never sends the invoice again', async () => {
    const { company, row, session } = await readyExport();
    const first = await h.exchange(company.id, session, case002);
    const outboxBefore = (await h.outbox(company.id)).length;

    await expect(h.apply(company.id, first.responseId)).resolves.toBe(false);
    await expect(
      h.record(first.leased, session, case002(first.leased.requestId)),
    ).resolves.toMatchObject({
      recorded: false,
    });

    expect((await h.outbox(company.id)).length).toBe(outboxBefore);
    expect(await h.events(row.id)).toEqual(['queued', 'ready', 'sent', 'created']);
    for (let next = 0; next < 4; next += 1)
      await expect(h.lease(company.id, randomUUID())).resolves.toBeNull();
    await expect(h.preparer.prepare(company.id, row.id)).resolves.toEqual({
      result: 'skipped',
    });
    expect(await h.workItems(row.id)).toHaveLength(1);
  });

  it('prepares one work item when the job is delivered several times at once', async () => {
    const company = await companyWith();
    const row = await h.createExport(company.id, case002Task(newTask()));

    const results = await Promise.all(
      [1, 2, 3].map(() => h.preparer.prepare(company.id, row.id)),
    );

    expect(results.map((r) => r.result).sort()).toEqual(['ready', 'skipped', 'skipped']);
    expect(await h.workItems(row.id)).toHaveLength(1);
  });

  it('delivers the write-back once ProgressionLIVE is back after being down', async () => {
    const { company, row, session } = await readyExport();
    await h.exchange(company.id, session, case002);

    fake.store.setDown(true);
    try {
      await expect(h.deliverer.deliverCompany(company.id)).resolves.toEqual({
        delivered: 0,
      });
    } finally {
      fake.store.setDown(false);
    }
    const held = await h.outbox(company.id);
    expect(held.map((w) => [w.status, w.attempts])).toEqual([
      ['pending', 1],
      ['pending', 0],
    ]);
    await expect(h.exportRow(row.id)).resolves.toMatchObject({ status: 'created' });
    expect(fake.store.taskLogicId(row.taskId)).toBe(700);

    await h.outboxDueNow(company.id);
    await expect(h.deliverer.deliverCompany(company.id)).resolves.toEqual({
      delivered: 2,
    });
    expect(fake.store.taskLogicId(row.taskId)).toBe(750);
    await expect(h.exportRow(row.id)).resolves.toMatchObject({ status: 'delivered' });
  });
});

describe('QuickBooks refuses the document', () => {
  const invalidReference =
    'There is an invalid reference to QuickBooks Item "Breaker 20A" in the Invoice line. QuickBooks error message: Invalid argument. The specified record does not exist in the list.';

  it('fails the export with the code, both messages and the request sent, and moves the task to the error stage', async () => {
    const { company, row, session } = await readyExport({ errorStage: 760 });

    const { leased } = await h.exchange(company.id, session, (id) =>
      qbxml(refusalRs('InvoiceAddRs', id, 3140, invalidReference)),
    );

    const failed = await h.exportRow(row.id);
    const item = await h.manager.findOneByOrFail(WorkItemEntity, {
      id: leased.workItem.id,
    });
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toMatchObject({
      code: 'QUICKBOOKS_REFUSED',
      fixableBy: 'bookkeeper',
      quickBooksStatus: '3140',
      quickBooksMessage: invalidReference,
      details: { request: item.params.lastRequest },
    });
    expect(failed.lastError?.message.en).toMatch(
      /^QuickBooks refused the invoice FS-10231 \(status 3140\)\. .*inactive/,
    );
    expect(failed.lastError?.message.fr).toMatch(
      /^QuickBooks a refusé la facture FS-10231 \(code 3140\)\./,
    );
    expect(item).toMatchObject({
      status: 'failed',
      lastError: { quickBooksStatus: '3140' },
    });
    expect(String(item.params.lastRequest)).toContain('<InvoiceAddRq');

    const writes = await h.outbox(company.id);
    expect(writes.map((w) => [w.operation, w.payload])).toEqual([
      ['progressTask', { taskId: row.taskId, logicId: 760, exportId: row.id }],
    ]);
    await h.deliverer.deliverCompany(company.id);
    expect(fake.store.taskLogicId(row.taskId)).toBe(760);
    await expect(h.exportRow(row.id)).resolves.toMatchObject({ status: 'failed' });
  });

  it('re-reads customers and items after an invalid reference, and goes on with the rest of the session', async () => {
    const { company, row, session } = await readyExport();
    const other = await h.createExport(company.id, case002Task(newTask()), {
      numbering: 'quickbooks',
    });
    await h.preparer.prepare(company.id, other.id);

    await h.exchange(company.id, session, (id) =>
      qbxml(refusalRs('InvoiceAddRs', id, 3140, invalidReference)),
    );

    const imports = await h.manager.find(WorkItemEntity, {
      where: { companyId: company.id, kind: 'import' },
    });
    expect(imports.map((i) => i.entity).sort()).toEqual(['customers', 'items']);
    const next = await h.mustLease(company.id, session);
    expect(next.workItem.exportId).toBe(other.id);
    await expect(h.exportRow(row.id)).resolves.toMatchObject({ status: 'failed' });
  });

  it('parks an answer 3000 (empty ListID, case 016) with the bookkeeper message, without retrying', async () => {
    const { company, row, session } = await readyExport();
    const answer = caseAnswer(
      '016-empty-listid-unmapped-item',
      'invoiceaddrs-3000-empty-listid.qbxml',
      {},
    );

    await h.exchange(company.id, session, (id) =>
      answer.replace('requestID=""', `requestID="${id}"`).replace('{{REQID}}', id),
    );

    const failed = await h.exportRow(row.id);
    expect(failed).toMatchObject({
      status: 'failed',
      automaticRetries: 0,
      lastError: { quickBooksStatus: '3000' },
    });
    expect(failed.lastError?.message.en).toContain('not linked to QuickBooks');
    expect(await h.prepareJobs(row.id)).toBe(0);
  });

  it('fails the export when Web Connector reports the whole message as refused', async () => {
    const { company, row, session } = await readyExport();
    const leased = await h.mustLease(company.id, session);

    const recorded = await h.record(leased, session, '', {
      code: '0x80040400',
      message: 'QuickBooks found an error when parsing the provided XML text stream.',
    });
    await expect(h.apply(company.id, recorded.responseId!)).resolves.toBe(true);

    const failed = await h.exportRow(row.id);
    expect(failed).toMatchObject({
      status: 'failed',
      lastError: { quickBooksStatus: '0x80040400' },
    });
    expect(failed.lastError?.quickBooksMessage).toContain('parsing the provided XML');
  });
});

describe('a stale EditSequence or a lock is retried by itself, a bounded number of times', () => {
  it('sends the document again after 3200, at most 3 more times, then fails it', async () => {
    const { company, row, session } = await readyExport();
    const stale = (id: string) =>
      qbxml(
        refusalRs(
          'InvoiceAddRs',
          id,
          3200,
          'The provided edit sequence "1716800000" is out-of-date.',
        ),
      );

    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await h.exchange(company.id, session, stale);
      await expect(h.exportRow(row.id)).resolves.toMatchObject({
        status: 'pending',
        automaticRetries: attempt,
      });
      expect(await h.prepareJobs(row.id)).toBeGreaterThan(0);
      await expect(h.preparer.prepare(company.id, row.id)).resolves.toMatchObject({
        result: 'ready',
      });
    }
    await h.exchange(company.id, session, stale);

    const items = await h.workItems(row.id);
    expect(items.map((i) => i.status)).toEqual(['failed', 'failed', 'failed', 'failed']);
    await expect(h.exportRow(row.id)).resolves.toMatchObject({
      status: 'failed',
      automaticRetries: 3,
      lastError: { quickBooksStatus: '3200' },
    });
    expect((await h.events(row.id)).filter((e) => e === 'retryScheduled')).toHaveLength(
      3,
    );
    await expect(h.lease(company.id, session)).resolves.toBeNull();
  });

  it('retries a customer that QuickBooks could not save because its list was locked (3180)', async () => {
    const company = await companyWith();
    const task = {
      ...case002Task(newTask()),
      clientId: 'pl-client-new',
      clientName: 'Example Tenants Association',
    };
    const row = await h.createExport(company.id, task);
    await h.preparer.prepare(company.id, row.id);
    const fixture = readFileSync(
      join(
        sharedFixturesDir(),
        'qbxml',
        'customer-add-rs_3180-error_list-modified-by-another-user.xml',
      ),
      'utf8',
    );

    await h.exchange(company.id, randomUUID(), (id) =>
      fixture.replace('Q3VzdG9tZXJBZGR8Mw==', `${id}.0`),
    );

    await expect(h.exportRow(row.id)).resolves.toMatchObject({
      status: 'pending',
      automaticRetries: 1,
      lastError: { quickBooksStatus: '3180' },
    });
    expect(await h.prepareJobs(row.id)).toBeGreaterThan(0);
  });
});

describe('a client not yet in QuickBooks', () => {
  it('is added in the same message, linked, and its ListID written to ProgressionLIVE', async () => {
    const company = await companyWith();
    const task = {
      ...case002Task(newTask()),
      clientId: demo.clientId,
      clientName: 'Plomberie Tremblay',
      clientAddress: { line1: '1200 rue Principale', city: 'Sherbrooke', province: 'QC' },
    };
    const row = await h.createExport(company.id, task);
    await h.preparer.prepare(company.id, row.id);

    const { leased } = await h.exchange(company.id, randomUUID(), (id) =>
      qbxml(
        customerAddRs(`${id}.0`, {
          ListID: '80000900-1718000000',
          Name: 'Plomberie Tremblay',
        }),
        documentAddRs(id, {
          TxnID: '2C0-1718000001',
          RefNumber: '1045',
          customer: { ListID: '80000900-1718000000', FullName: 'Plomberie Tremblay' },
          TxnDate: '2024-05-22',
          Subtotal: '450.00',
        }),
      ),
    );

    expect(leased.qbxml.indexOf('<CustomerAddRq')).toBeLessThan(
      leased.qbxml.indexOf('<InvoiceAddRq'),
    );
    expect(leased.qbxml).toContain('<FullName>Plomberie Tremblay</FullName>');
    await expect(
      h.link(company.id, 'client', '80000900-1718000000'),
    ).resolves.toMatchObject({
      plId: demo.clientId,
      qbFullName: 'Plomberie Tremblay',
      matchReason: 'addedForExport',
    });
    await expect(h.exportRow(row.id)).resolves.toMatchObject({
      status: 'created',
      qbRefNumber: '1045',
      qbCustomerListId: '80000900-1718000000',
    });
    const writes = await h.outbox(company.id);
    expect(writes.map((w) => [w.operation, w.orderingKey])).toEqual([
      ['upsertClient', 'customer:80000900-1718000000'],
      ['setTaskProperty', `task:${row.taskId}`],
      ['progressTask', `task:${row.taskId}`],
    ]);

    await expect(h.deliverer.deliverCompany(company.id)).resolves.toEqual({
      delivered: 3,
    });
    expect(fake.store.get('CLIENT', demo.clientId)?.['ExternalId']).toBe(
      '80000900-1718000000',
    );
    expect(fake.store.taskLogicId(row.taskId)).toBe(750);
  });

  it('is looked up and linked when QuickBooks already has that name (3100), then the export is built again', async () => {
    const company = await companyWith();
    const task = {
      ...case002Task(newTask()),
      clientId: 'pl-client-77',
      clientName: 'Osprey Marina',
    };
    const row = await h.createExport(company.id, task);
    await h.preparer.prepare(company.id, row.id);
    const session = randomUUID();

    await h.exchange(company.id, session, (id) =>
      qbxml(
        refusalRs(
          'CustomerAddRs',
          `${id}.0`,
          3100,
          'The name "Osprey Marina" of the list element is already in use.',
        ),
      ),
    );
    await expect(h.exportRow(row.id)).resolves.toMatchObject({
      status: 'pending',
      automaticRetries: 1,
    });

    const lookup = await h.exchange(company.id, session, (id) =>
      qbxml(
        customerQueryRs(id, [{ ListID: '80000501-1716306000', Name: 'Osprey Marina' }]),
      ),
    );
    expect(lookup.leased.qbxml).toMatch(
      /<CustomerQueryRq requestID="[^"]+">\s*<FullName>Osprey Marina<\/FullName>/,
    );
    await expect(
      h.link(company.id, 'client', '80000501-1716306000'),
    ).resolves.toMatchObject({ plId: 'pl-client-77' });
    expect(await h.prepareJobs(row.id)).toBeGreaterThan(0);

    await expect(h.preparer.prepare(company.id, row.id)).resolves.toMatchObject({
      result: 'ready',
    });
    const again = await h.mustLease(company.id, session);
    expect(again.qbxml).not.toContain('CustomerAddRq');
    expect(again.qbxml).toMatch(/<CustomerRef>\s*<ListID>80000501-1716306000<\/ListID>/);
  });
});

describe('checks before anything is sent', () => {
  it('fails an export whose priced line has no QuickBooks item, queues nothing, and can be retried once fixed', async () => {
    const company = await companyWith({ errorStage: 760 });
    const task = {
      ...case002Task(newTask()),
      items: [item({ productId: 'pl-prod-9', description: 'Jetting', unitPrice: '260' })],
    };
    const row = await h.createExport(company.id, task);

    await expect(h.preparer.prepare(company.id, row.id)).resolves.toMatchObject({
      result: 'failed',
      wakeOutbox: true,
    });

    const failed = await h.exportRow(row.id);
    expect(failed.lastError).toMatchObject({
      code: 'EXPORT_LINE_NOT_LINKED',
      fixableBy: 'bookkeeper',
      retryable: false,
    });
    expect(failed.lastError?.message.en).toBe(
      'Line 1: Jetting (pl-prod-9) is not linked to a QuickBooks item.',
    );
    expect(await h.workItems(row.id)).toEqual([]);
    expect((await h.outbox(company.id)).map((w) => w.payload)).toEqual([
      { taskId: row.taskId, logicId: 760, exportId: row.id },
    ]);

    await h.addLinks(company.id, [
      link('product', '80000198-1716301800', 'Jetting', 'pl-prod-9'),
    ]);
    await h.manager.update(
      ExportEntity,
      { id: row.id },
      { status: 'pending', automaticRetries: 0 },
    );
    await expect(h.preparer.prepare(company.id, row.id)).resolves.toMatchObject({
      result: 'ready',
    });
    expect(await h.workItems(row.id)).toHaveLength(1);
  });

  it('keeps an export pending until Web Connector told which QuickBooks the file is', async () => {
    const company = await companyWith();
    await h.manager.update(CompanyEntity, { id: company.id }, { fileInfo: null });
    const row = await h.createExport(company.id, case002Task(newTask()));

    await expect(h.preparer.prepare(company.id, row.id)).resolves.toMatchObject({
      result: 'waiting',
    });
    await expect(h.preparer.prepare(company.id, row.id)).resolves.toMatchObject({
      result: 'waiting',
    });

    await expect(h.exportRow(row.id)).resolves.toMatchObject({
      status: 'pending',
      lastError: { code: 'EXPORT_WAITING_FOR_QUICKBOOKS' },
    });
    expect(await h.events(row.id)).toEqual(['queued', 'waitingForQuickBooks']);
    expect(await h.workItems(row.id)).toEqual([]);
  });
});
