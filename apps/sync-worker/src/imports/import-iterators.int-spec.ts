import { randomUUID } from 'node:crypto';
import { QbResponseEntity } from '@qbd/domain';
import { ImportHarness, sharedAnswer } from './testing/import.harness';
import { customerRet, qbxmlDocument, queryRs } from './testing/qbxml-builders';

// Paged imports, and everything QuickBooks or Web Connector may answer instead of a page:
// errors, warnings, "no match", an expired iterator, a session that died mid-list.

let h: ImportHarness;

beforeAll(async () => {
  h = await ImportHarness.start();
});

afterAll(async () => {
  await h.stop();
});

const customers = (from: number, to: number, modified = '2024-06-01T08:00:00-05:00') =>
  Array.from({ length: to - from + 1 }, (_, i) => {
    const n = String(from + i).padStart(3, '0');
    return customerRet({
      ListID: `8000${n}-1`,
      Name: `Customer ${n}`,
      TimeModified: modified,
    });
  });

const page = (id: string, rets: string[], remaining: number, extra = {}) =>
  qbxmlDocument(
    queryRs('CustomerQueryRs', id, rets, {
      iteratorID: '{IT-1}',
      iteratorRemainingCount: remaining,
      ...extra,
    }),
  );

describe('iterator pages', () => {
  it('finishes the run, the watermark and the work item only with the last page', async () => {
    const company = await h.createCompany();
    const item = await h.queueImport(company.id, 'customers', 'full');
    const session = randomUUID();

    const first = await h.page(company.id, session, (id) =>
      page(id, customers(1, 3, '2024-06-03T08:00:00-05:00'), 3),
    );
    expect(await h.runOf(item.id)).toMatchObject({
      status: 'running',
      received: 3,
      added: 3,
      finishedAt: null,
    });
    expect(await h.watermark(company.id, 'customers')).toBeNull();

    const second = await h.page(company.id, session, (id) =>
      page(id, customers(4, 6), 0),
    );
    expect(second.leased.qbxml).toContain('iterator="Continue"');
    expect(second.leased.qbxml).toContain('iteratorID="{IT-1}"');
    expect(first.leased.qbxml).toContain('iterator="Start"');

    const run = await h.runOf(item.id);
    expect(run).toMatchObject({ status: 'succeeded', received: 6, added: 6 });
    expect(run.note).toContain('6 records received in 2 pages');
    expect(await h.watermark(company.id, 'customers')).toMatchObject({
      lastModified: '2024-06-03T08:00:00-05:00',
    });
    expect(await h.workItem(item.id)).toMatchObject({ status: 'done' });
  });

  it('makes the last page wait until every earlier page is applied', async () => {
    const company = await h.createCompany();
    const item = await h.queueImport(company.id, 'customers', 'full');
    const session = randomUUID();
    const leased1 = await h.lease(company.id, session);
    const page1 = await h.record(
      leased1,
      session,
      page(leased1.requestId, customers(1, 2), 1),
    );
    const leased2 = await h.lease(company.id, session);
    const page2 = await h.record(
      leased2,
      session,
      page(leased2.requestId, customers(3, 3), 0),
    );

    await expect(h.apply(company.id, page2)).rejects.toMatchObject({
      code: 'IMPORT_EARLIER_PAGES_PENDING',
      retryable: true,
    });
    expect(await h.response(page2)).toMatchObject({ status: 'recorded' });
    expect(await h.links(company.id)).toEqual([]);

    await h.apply(company.id, page1);
    await expect(h.apply(company.id, page2)).resolves.toBe(true);
    expect(await h.runOf(item.id)).toMatchObject({ status: 'succeeded', added: 3 });
    expect(await h.links(company.id, 'client')).toHaveLength(3);
  });

  it('restarts an iterator that expired (3391) from its first page in the next session', async () => {
    const company = await h.createCompany();
    const item = await h.queueImport(company.id, 'customers', 'full');
    const session = randomUUID();
    await h.page(company.id, session, (id) => page(id, customers(1, 2), 2));
    await h.page(company.id, session, (id) =>
      qbxmlDocument(
        queryRs('CustomerQueryRs', id, [], {
          statusCode: 3391,
          statusSeverity: 'Error',
          statusMessage: 'The iteratorID "{IT-1}" is not valid.',
        }),
      ),
    );

    expect(await h.workItem(item.id)).toMatchObject({
      status: 'queued',
      iteratorId: null,
    });
    const running = await h.runOf(item.id);
    expect(running.status).toBe('running');
    expect(running.note).toContain('iterator expired (3391)');

    const restart = await h.page(company.id, randomUUID(), (id) =>
      page(id, customers(1, 4), 0),
    );
    expect(restart.leased.qbxml).toContain('iterator="Start"');
    expect(restart.leased.qbxml).not.toContain('{IT-1}');
    expect(await h.runOf(item.id)).toMatchObject({
      status: 'succeeded',
      added: 4,
      unchanged: 2,
    });
    expect(await h.links(company.id, 'client')).toHaveLength(4);
    expect((await h.outbox(company.id)).map((w) => w.payload['input'])).toHaveLength(4);
  });

  it('starts an iterator interrupted by a dead session again, with the same watermark, without duplicates', async () => {
    const company = await h.createCompany();
    await h.setWatermark(company.id, 'customers', '2024-06-01T00:00:00-05:00');
    const item = await h.queueImport(company.id, 'customers', 'quick');
    const dead = randomUUID();
    const first = await h.page(company.id, dead, (id) =>
      page(id, customers(1, 2, '2024-06-02T08:00:00-05:00'), 2),
    );
    await h.dispatcher.recoverAbandoned(company.id);

    const session = randomUUID();
    const again = await h.page(company.id, session, (id) =>
      page(id, customers(1, 2, '2024-06-02T08:00:00-05:00'), 2),
    );
    await h.page(company.id, session, (id) =>
      page(id, customers(3, 4, '2024-06-02T09:00:00-05:00'), 0),
    );

    const filter = '<FromModifiedDate>2024-05-31T22:30:00</FromModifiedDate>';
    expect(first.leased.qbxml).toContain(filter);
    expect(again.leased.qbxml).toContain(filter);
    expect(again.leased.qbxml).toContain('iterator="Start"');
    expect(await h.links(company.id, 'client')).toHaveLength(4);
    expect(await h.outbox(company.id)).toHaveLength(4);
    expect(await h.runOf(item.id)).toMatchObject({
      status: 'succeeded',
      added: 4,
      unchanged: 2,
      received: 6,
      mode: 'quick',
    });
    expect(await h.watermark(company.id, 'customers')).toMatchObject({
      lastModified: '2024-06-02T09:00:00-05:00',
    });
  });
});

describe('what QuickBooks answers instead of a page', () => {
  it('fails the run visibly on an error status, keeping the watermark', async () => {
    const company = await h.createCompany();
    await h.setWatermark(company.id, 'customers', '2024-06-01T08:00:00-05:00');
    const item = await h.queueImport(company.id, 'customers', 'quick');
    await h.page(company.id, randomUUID(), (id) =>
      sharedAnswer('fixtures/qbxml/customer-query-rs_3120-error.xml', id).replace(
        '<CustomerQueryRs',
        `<ListDeletedQueryRs requestID="${id}.d" statusCode="1" statusSeverity="Info" statusMessage="none" />\n<CustomerQueryRs`,
      ),
    );

    const run = await h.runOf(item.id);
    expect(run).toMatchObject({ status: 'failed', errors: 1 });
    expect(run.note).toContain('QuickBooks refused the import');
    const [error] = await h.recordErrors(company.id);
    expect(error?.error).toMatchObject({
      code: 'IMPORT_REFUSED_BY_QUICKBOOKS',
      quickBooksStatus: '3120',
      quickBooksMessage: expect.stringContaining('8000001B-1405768916'),
      message: {
        en: expect.any(String),
        fr: expect.stringContaining('QuickBooks a refusé'),
      },
    });
    expect(await h.workItem(item.id)).toMatchObject({
      status: 'failed',
      lastError: expect.objectContaining({ quickBooksStatus: '3120' }),
    });
    expect(await h.watermark(company.id, 'customers')).toMatchObject({
      lastModified: '2024-06-01T08:00:00-05:00',
    });
  });

  it('fails the run when Web Connector reports that the whole request failed', async () => {
    const company = await h.createCompany();
    const item = await h.queueImport(company.id, 'customers', 'full');
    const session = randomUUID();
    const leased = await h.lease(company.id, session);
    const responseId = await h.record(leased, session, '', {
      code: '0x80040400',
      message: 'QuickBooks found an error when parsing the provided XML text stream.',
    });
    await h.apply(company.id, responseId);

    expect(await h.runOf(item.id)).toMatchObject({ status: 'failed' });
    expect(await h.workItem(item.id)).toMatchObject({
      status: 'failed',
      lastError: expect.objectContaining({
        code: 'IMPORT_REQUEST_FAILED',
        quickBooksStatus: '0x80040400',
      }),
    });
  });

  it('applies the data of a warning (500) and keeps the warning as a note', async () => {
    const company = await h.createCompany();
    const item = await h.queueImport(company.id, 'customers', 'full');
    await h.page(company.id, randomUUID(), (id) =>
      sharedAnswer('fixtures/qbxml/customer-query-rs_500-warn.xml', id).replace(
        /(<CustomerQueryRs[^>]*?)\s*\/>|(<CustomerQueryRs[^>]*>)/,
        (_m, selfClosed: string | undefined, open: string | undefined) =>
          `${selfClosed ? `${selfClosed}>` : open}${customers(1, 1).join('')}${selfClosed ? '</CustomerQueryRs>' : ''}`,
      ),
    );

    const run = await h.runOf(item.id);
    expect(run).toMatchObject({ status: 'succeeded', added: 1 });
    expect(run.note).toContain(
      'QuickBooks warned: The query request has not been fully completed',
    );
    expect(run.note).toContain('(500)');
  });

  it('treats "no match" (status 1) as an empty success', async () => {
    const company = await h.createCompany();
    await h.setWatermark(company.id, 'customers', '2024-06-01T08:00:00-05:00');
    const item = await h.queueImport(company.id, 'customers', 'quick');
    await h.page(company.id, randomUUID(), (id) =>
      qbxmlDocument(
        queryRs('ListDeletedQueryRs', `${id}.d`, []),
        queryRs('CustomerQueryRs', id, [], {
          iteratorID: '{IT-9}',
          iteratorRemainingCount: 0,
        }),
      ),
    );

    expect(await h.runOf(item.id)).toMatchObject({
      status: 'succeeded',
      received: 0,
      errors: 0,
    });
    expect(await h.workItem(item.id)).toMatchObject({ status: 'done' });
    expect(await h.recordErrors(company.id)).toEqual([]);
    expect(await h.watermark(company.id, 'customers')).toMatchObject({
      lastModified: '2024-06-01T08:00:00-05:00',
    });
  });

  it('counts the responses of a run once each, whatever the replays', async () => {
    const company = await h.createCompany();
    await h.queueImport(company.id, 'customers', 'full');
    const { responseId } = await h.page(company.id, randomUUID(), (id) =>
      page(id, customers(1, 1), 0),
    );
    await h.apply(company.id, responseId);
    const responses = await h.manager.findBy(QbResponseEntity, { companyId: company.id });
    expect(responses.map((r) => r.status)).toEqual(['applied']);
  });
});
