import { randomUUID } from 'node:crypto';
import { ExportEntity, type CompanySettings } from '@qbd/domain';
import { item, link, snapshot } from './testing/export-builders';
import { ExportHarness } from './testing/export.harness';
import {
  caseAnswer,
  customerQueryRs,
  documentAddRs,
  documentQueryRs,
  qbxml,
} from './testing/qbxml-answers';

// Case 022: QuickBooks saved the invoice but its answer never came back. The gateway
// turns the unanswered document into a lookup; these specs apply QuickBooks' answers to
// that lookup through ApplyResponseHandler and count what would be sent again.

const CASE = '022-lost-ack-duplicate-invoice';

let h: ExportHarness;

beforeAll(async () => {
  h = await ExportHarness.start();
});

afterAll(async () => {
  await h.stop();
});

/** Case 022's invoice: FS-10442 for Osprey Marina, 1 × 325.00, on 2024-06-11. */
async function case022(settings: Partial<CompanySettings> = { numbering: 'taskNumber' }) {
  const company = await h.createCompany(settings);
  await h.addLinks(company.id, [
    link('client', '80000501-1716306000', 'Osprey Marina', 'pl-osprey'),
    link('product', '80000511-1716306100', 'Marina service', 'pl-service'),
  ]);
  const task = snapshot({
    taskId: `t022-${randomUUID()}`,
    taskNumber: 'FS-10442',
    clientId: 'pl-osprey',
    clientName: 'Osprey Marina',
    date: '2024-06-11',
    items: [
      item({
        productId: 'pl-service',
        description: 'Slip rental',
        quantity: '1',
        unitPrice: '325.0',
      }),
    ],
  });
  const row = await h.createExport(company.id, task, settings);
  await h.preparer.prepare(company.id, row.id);
  return { company, row };
}

/** Sends the document and loses the answer; the next session's recovery follows. */
async function sendAndLose(companyId: string): Promise<string> {
  const leased = await h.mustLease(companyId, randomUUID());
  expect(leased.qbxml).toContain('<InvoiceAddRq');
  await expect(h.loseSession(companyId)).resolves.toBe(1);
  return leased.qbxml;
}

/** InvoiceAdds handed to Web Connector for the export (the gateway records each send). */
async function invoiceAddsSent(exportId: string): Promise<number> {
  return (await h.events(exportId)).filter((state) => state === 'sent').length;
}

describe('the answer to an InvoiceAdd is lost (case 022)', () => {
  it('asks QuickBooks for FS-10442 by RefNumber before sending anything again', async () => {
    const { company, row } = await case022();
    await sendAndLose(company.id);

    await expect(h.exportRow(row.id)).resolves.toMatchObject({ status: 'unknown' });
    const lookup = await h.mustLease(company.id, randomUUID());
    expect(lookup.workItem.kind).toBe('lookup');
    expect(lookup.qbxml).toMatch(
      /<InvoiceQueryRq requestID="[^"]+">\s*<RefNumber>FS-10442<\/RefNumber>\s*<\/InvoiceQueryRq>/,
    );
    expect(lookup.qbxml).not.toContain('InvoiceAdd');
  });

  it('links the invoice QuickBooks holds (same customer, date and total) and never adds it again', async () => {
    const { company, row } = await case022();
    await sendAndLose(company.id);

    await h.exchange(company.id, randomUUID(), (id) =>
      caseAnswer(CASE, 'invoicequeryrs-found.qbxml', { REQID2: id }),
    );

    await expect(h.exportRow(row.id)).resolves.toMatchObject({
      status: 'created',
      qbTxnId: '5E1-1716900000',
      qbRefNumber: 'FS-10442',
    });
    expect(await h.events(row.id)).toEqual([
      'queued',
      'ready',
      'sent',
      'unknown',
      'created',
    ]);
    expect((await h.outbox(company.id)).map((w) => w.operation)).toEqual([
      'setTaskProperty',
      'progressTask',
    ]);
    for (let session = 0; session < 3; session += 1)
      await expect(h.lease(company.id, randomUUID())).resolves.toBeNull();
    expect(await invoiceAddsSent(row.id)).toBe(1);
  });

  it('sends FS-10442 once more when QuickBooks does not have it, counting the earlier send', async () => {
    const { company, row } = await case022();
    const first = await sendAndLose(company.id);

    await h.exchange(company.id, randomUUID(), (id) =>
      caseAnswer(CASE, 'invoicequeryrs-not-found.qbxml', { REQID2: id }),
    );
    await expect(h.exportRow(row.id)).resolves.toMatchObject({ status: 'ready' });

    const session = randomUUID();
    const resend = await h.mustLease(company.id, session);
    expect(resend.workItem).toMatchObject({ kind: 'document', sendCount: 2 });
    expect(resend.qbxml.replace(/requestID="[^"]+"/, '')).toBe(
      first.replace(/requestID="[^"]+"/, ''),
    );
    const recorded = await h.record(
      resend,
      session,
      qbxml(
        documentAddRs(resend.requestId, {
          TxnID: '5E2-1716900500',
          RefNumber: 'FS-10442',
          customer: { ListID: '80000501-1716306000', FullName: 'Osprey Marina' },
          TxnDate: '2024-06-11',
          Subtotal: '325.00',
        }),
      ),
    );
    await h.apply(company.id, recorded.responseId!);

    await expect(h.exportRow(row.id)).resolves.toMatchObject({
      status: 'created',
      qbTxnId: '5E2-1716900500',
    });
    await expect(h.lease(company.id, randomUUID())).resolves.toBeNull();
    expect(await invoiceAddsSent(row.id)).toBe(2);
  });

  it.each([
    [
      'another customer',
      { '80000501-1716306000': '80000777-1716300000', 'Osprey Marina': 'Pelican Yachts' },
    ],
    ['another total', { '<Subtotal>325.00</Subtotal>': '<Subtotal>300.00</Subtotal>' }],
  ])(
    'parks an invoice FS-10442 found with %s: never linked, never added',
    async (_label, changes) => {
      const { company, row } = await case022();
      await sendAndLose(company.id);
      let answer = (id: string) =>
        caseAnswer(CASE, 'invoicequeryrs-found.qbxml', { REQID2: id });
      for (const [from, to] of Object.entries(changes)) {
        const previous = answer;
        answer = (id) => previous(id).split(from).join(to);
      }

      await h.exchange(company.id, randomUUID(), answer);

      const parked = await h.exportRow(row.id);
      expect(parked).toMatchObject({
        status: 'needsAttention',
        qbTxnId: null,
        lastError: { code: 'EXPORT_NEAR_MATCH' },
      });
      expect(parked.lastError?.message.en).toContain('the invoice FS-10442');
      await expect(h.lease(company.id, randomUUID())).resolves.toBeNull();
      expect(await h.outbox(company.id)).toEqual([]);
    },
  );

  it('stops re-sending after 3 unanswered sends and asks a person (the safety valve)', async () => {
    const { company, row } = await case022();
    for (let send = 1; send <= 3; send += 1) {
      await sendAndLose(company.id);
      await h.exchange(company.id, randomUUID(), (id) => qbxml(documentQueryRs(id, [])));
    }

    await expect(h.lease(company.id, randomUUID())).resolves.toBeNull();

    await expect(h.exportRow(row.id)).resolves.toMatchObject({
      status: 'needsAttention',
      lastError: { code: 'EXPORT_SENT_WITHOUT_ANSWER' },
    });
    expect(await invoiceAddsSent(row.id)).toBe(3);
  });

  it('asks QuickBooks first when a person retries an export sent without answer', async () => {
    const { company, row } = await case022();
    for (let send = 1; send <= 3; send += 1) {
      await sendAndLose(company.id);
      await h.exchange(company.id, randomUUID(), (id) => qbxml(documentQueryRs(id, [])));
    }
    await h.lease(company.id, randomUUID());
    await h.manager.update(
      ExportEntity,
      { id: row.id },
      { status: 'pending', automaticRetries: 0 },
    );

    await expect(h.preparer.prepare(company.id, row.id)).resolves.toMatchObject({
      result: 'lookupFirst',
    });

    await expect(h.exportRow(row.id)).resolves.toMatchObject({ status: 'unknown' });
    const lookup = await h.mustLease(company.id, randomUUID());
    expect(lookup.workItem.kind).toBe('lookup');
    await h
      .record(
        lookup,
        lookup.workItem.sessionId!,
        caseAnswer(CASE, 'invoicequeryrs-found.qbxml', { REQID2: lookup.requestId }),
      )
      .then((r) => h.apply(company.id, r.responseId!));
    await expect(h.exportRow(row.id)).resolves.toMatchObject({
      status: 'created',
      qbTxnId: '5E1-1716900000',
    });
  });

  it('asks again when QuickBooks could not answer the lookup, then hands it to a person', async () => {
    const { company, row } = await case022();
    await sendAndLose(company.id);
    const busy = (id: string) =>
      qbxml(
        `<InvoiceQueryRs requestID="${id}" statusCode="1010" statusSeverity="Error" statusMessage="The system is not available." />`,
      );

    await h.exchange(company.id, randomUUID(), busy);
    await expect(h.exportRow(row.id)).resolves.toMatchObject({ status: 'unknown' });
    await h.exchange(company.id, randomUUID(), busy);
    await h.exchange(company.id, randomUUID(), busy);

    await expect(h.exportRow(row.id)).resolves.toMatchObject({
      status: 'needsAttention',
      lastError: { code: 'EXPORT_LOOKUP_FAILED', quickBooksStatus: '1010' },
    });
    await expect(h.lease(company.id, randomUUID())).resolves.toBeNull();
    expect(await invoiceAddsSent(row.id)).toBe(1);
  });
});

describe('lost answers when QuickBooks numbers the document', () => {
  it('finds it among the day’s invoices of the customer by our ExternalGUID and keeps QuickBooks’ number', async () => {
    const { company, row } = await case022({ numbering: 'quickbooks' });
    const sent = await sendAndLose(company.id);
    const guid = /<ExternalGUID>([^<]+)<\/ExternalGUID>/.exec(sent)?.[1];
    expect(guid).toBe(`{${row.externalGuid.toUpperCase()}}`);

    const { leased } = await h.exchange(company.id, randomUUID(), (id) =>
      qbxml(
        documentQueryRs(id, [
          {
            TxnID: '5E0-1',
            RefNumber: '1044',
            customer: { ListID: '80000501-1716306000', FullName: 'Osprey Marina' },
            TxnDate: '2024-06-11',
            Subtotal: '325.00',
            ExternalGUID: '{11111111-2222-3333-4444-555555555555}',
          },
          {
            TxnID: '5E1-2',
            RefNumber: '1045',
            customer: { ListID: '80000501-1716306000', FullName: 'Osprey Marina' },
            TxnDate: '2024-06-11',
            Subtotal: '325.00',
            ExternalGUID: guid,
          },
        ]),
      ),
    );

    expect(leased.qbxml).toMatch(
      /<TxnDateRangeFilter>\s*<FromTxnDate>2024-06-11<\/FromTxnDate>\s*<ToTxnDate>2024-06-11<\/ToTxnDate>/,
    );
    expect(leased.qbxml).toMatch(
      /<EntityFilter>\s*<ListID>80000501-1716306000<\/ListID>/,
    );
    await expect(h.exportRow(row.id)).resolves.toMatchObject({
      status: 'created',
      qbTxnId: '5E1-2',
      qbRefNumber: '1045',
    });
    const [number] = await h.outbox(company.id);
    expect(number?.payload).toMatchObject({ value: '1045' });
  });

  it('links the customers the lost message added, found by name', async () => {
    const company = await h.createCompany({ numbering: 'quickbooks' });
    await h.addLinks(company.id, [
      link('product', '80000511-1716306100', 'Marina service', 'pl-service'),
    ]);
    const task = snapshot({
      taskId: `t022-${randomUUID()}`,
      clientId: 'pl-pelican',
      clientName: 'Pelican Yachts',
      locationId: 'pl-dock',
      locationName: 'Dock C',
      date: '2024-06-11',
      items: [item({ productId: 'pl-service', quantity: '1', unitPrice: '325' })],
    });
    const row = await h.createExport(company.id, task);
    await h.preparer.prepare(company.id, row.id);
    const sent = await sendAndLose(company.id);
    expect(sent.match(/<CustomerAddRq /g)).toHaveLength(2);
    const guid = `{${row.externalGuid.toUpperCase()}}`;

    const lookup = await h.exchange(company.id, randomUUID(), (id) =>
      qbxml(
        documentQueryRs(id, [
          {
            TxnID: '6A0-1',
            RefNumber: '1046',
            customer: { ListID: '80000602-1', FullName: 'Pelican Yachts:Dock C' },
            TxnDate: '2024-06-11',
            Subtotal: '325.00',
            ExternalGUID: guid,
          },
        ]),
      ),
    );
    expect(lookup.leased.qbxml).not.toContain('EntityFilter');
    await expect(h.exportRow(row.id)).resolves.toMatchObject({
      status: 'created',
      qbCustomerListId: '80000602-1',
    });

    const names = await h.exchange(company.id, randomUUID(), (id) =>
      qbxml(
        customerQueryRs(id, [
          { ListID: '80000601-1', Name: 'Pelican Yachts' },
          {
            ListID: '80000602-1',
            Name: 'Dock C',
            FullName: 'Pelican Yachts:Dock C',
            ParentListID: '80000601-1',
          },
        ]),
      ),
    );
    expect(names.leased.qbxml).toMatch(
      /<FullName>Pelican Yachts<\/FullName>\s*<FullName>Pelican Yachts:Dock C<\/FullName>/,
    );
    await expect(h.link(company.id, 'client', '80000601-1')).resolves.toMatchObject({
      plId: 'pl-pelican',
    });
    await expect(h.link(company.id, 'location', '80000602-1')).resolves.toMatchObject({
      plId: 'pl-dock',
      qbParentListId: '80000601-1',
    });
    const keys = (await h.outbox(company.id)).map((w) => [w.operation, w.orderingKey]);
    expect(keys).toEqual(
      expect.arrayContaining([
        ['upsertClient', 'customer:80000601-1'],
        ['upsertNode', 'customer:80000601-1'],
      ]),
    );
  });
});
