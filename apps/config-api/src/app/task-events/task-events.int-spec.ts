import { ExportEntity, ExportEventEntity } from '@qbd/domain';
import { ConfigApiHarness } from '../testing/config-api-harness';

describe('task events (integration)', () => {
  let api: ConfigApiHarness;

  beforeAll(async () => {
    api = await ConfigApiHarness.start();
  });

  afterAll(async () => {
    await api.close();
  });

  let taskCounter = 0;
  const task = (overrides: Record<string, unknown> = {}) => ({
    taskId: `task-${++taskCounter}`,
    taskNumber: `T-${10000 + taskCounter}`,
    taskTypeId: 'type-repair',
    stage: 700,
    clientId: 'client-77',
    clientName: 'Résidence Tremblay',
    clientAddress: {
      line1: '12 rue Principale',
      city: 'Québec',
      province: 'QC',
      postalCode: 'G1R 1A1',
      country: 'Canada',
    },
    locationId: 'loc-3',
    locationName: 'Chalet',
    date: '2025-03-14',
    classValue: 'Résidentiel',
    items: [
      {
        productId: 'prod-1',
        description: 'Main d’oeuvre',
        quantity: '2.5',
        unitPrice: '89.95',
        taxCategory: 'TPS+TVQ',
      },
      { description: 'Déplacement', quantity: '1', unitPrice: '0.00' },
      {
        productId: 'prod-9',
        description: 'Joint',
        quantity: '12',
        unitPrice: '0.12345678',
      },
    ],
    ...overrides,
  });
  const send = (companyId: string, body: unknown) =>
    api.call('POST', `/v1/companies/${companyId}/task-events`, { body });
  const exportsOf = (companyId: string) =>
    api.db.dataSource.manager.findBy(ExportEntity, { companyId });
  const eventsOf = (exportId: string) =>
    api.db.dataSource.manager.findBy(ExportEventEntity, { exportId });
  const jobOf = (exportId: string) =>
    api.queues.queue('exports').getJob(`export-${exportId}`);

  it('creates one pending export when a task enters the billing stage, and queues its preparation', async () => {
    const companyId = await api.createCompany();
    const snapshot = task();

    const response = await send(companyId, { eventId: 'evt-1', task: snapshot });

    expect(response.statusCode).toBe(201);
    const { created, reason, exportId, exportStatus } = response.json();
    expect({ created, reason, exportStatus }).toEqual({
      created: true,
      reason: 'exportCreated',
      exportStatus: 'pending',
    });
    const [row] = await exportsOf(companyId);
    expect(row).toMatchObject({
      id: exportId,
      taskId: snapshot.taskId,
      taskNumber: snapshot.taskNumber,
      status: 'pending',
      documentKind: 'invoice',
      requestedRefNumber: null,
    });
    expect(row!.externalGuid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(row!.snapshot).toEqual(snapshot);
    expect(await eventsOf(exportId)).toEqual([
      expect.objectContaining({
        state: 'queued',
        detail: { eventId: 'evt-1', stage: 700, documentKind: 'invoice' },
      }),
    ]);
    expect((await jobOf(exportId))?.data).toEqual({ companyId, exportId });
  });

  it('keeps quantities and prices exactly as the strings sent', async () => {
    const companyId = await api.createCompany();
    const items = [{ description: 'x', quantity: '0.10', unitPrice: '1234567.12345678' }];

    const { exportId } = (await send(companyId, { task: task({ items }) })).json();

    const row = await api.db.dataSource.manager.findOneByOrFail(ExportEntity, {
      id: exportId,
    });
    expect(row.snapshot.items).toEqual(items);
  });

  it('takes the document kind and the numbering from the settings', async () => {
    const companyId = await api.createCompany({
      settings: { documentKind: 'salesOrder', numbering: 'taskNumber' },
    });

    const { exportId } = (
      await send(companyId, { task: task({ taskNumber: 'T-555' }) })
    ).json();

    const row = await api.db.dataSource.manager.findOneByOrFail(ExportEntity, {
      id: exportId,
    });
    expect(row).toMatchObject({
      documentKind: 'salesOrder',
      requestedRefNumber: 'T-555',
    });
  });

  it('creates nothing for the same event delivered twice, and says which export exists', async () => {
    const companyId = await api.createCompany();
    const body = { eventId: 'evt-dup', task: task() };
    const first = (await send(companyId, body)).json();

    const second = await send(companyId, body);

    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual({
      created: false,
      reason: 'exportExists',
      exportId: first.exportId,
      exportStatus: 'pending',
    });
    expect(await exportsOf(companyId)).toHaveLength(1);
    expect(await eventsOf(first.exportId)).toHaveLength(1);
  });

  it('creates nothing when the task re-enters the stage after its export went through', async () => {
    const companyId = await api.createCompany();
    const snapshot = task();
    const { exportId } = (
      await send(companyId, { eventId: 'evt-a', task: snapshot })
    ).json();
    await api.db.dataSource.manager.update(
      ExportEntity,
      { id: exportId },
      { status: 'delivered', qbRefNumber: '10452' },
    );
    await api.queues.queue('exports').remove(`export-${exportId}`);

    const again = await send(companyId, {
      eventId: 'evt-b',
      task: { ...snapshot, items: [] },
    });

    expect(again.json()).toEqual({
      created: false,
      reason: 'exportExists',
      exportId,
      exportStatus: 'delivered',
    });
    expect(await exportsOf(companyId)).toHaveLength(1);
    expect(await jobOf(exportId)).toBeUndefined();
    const row = await api.db.dataSource.manager.findOneByOrFail(ExportEntity, {
      id: exportId,
    });
    expect(row.snapshot.items).toHaveLength(3);
  });

  it('builds a failed export again from the corrected task when the task re-enters the stage', async () => {
    const companyId = await api.createCompany();
    const snapshot = task();
    const { exportId } = (
      await send(companyId, { eventId: 'evt-f1', task: snapshot })
    ).json();
    await api.db.dataSource.manager.update(
      ExportEntity,
      { id: exportId },
      { status: 'failed' },
    );
    await api.queues.queue('exports').remove(`export-${exportId}`);

    const fixed = {
      ...snapshot,
      items: [
        {
          productId: 'prod-1',
          description: 'Main d’oeuvre',
          quantity: '3',
          unitPrice: '89.95',
        },
      ],
    };
    const again = await send(companyId, { eventId: 'evt-f2', task: fixed });

    expect(again.json()).toEqual({
      created: false,
      reason: 'exportRetriedWithNewContent',
      exportId,
      exportStatus: 'pending',
    });
    const row = await api.db.dataSource.manager.findOneByOrFail(ExportEntity, {
      id: exportId,
    });
    expect(row.status).toBe('pending');
    expect(row.snapshot.items).toEqual(fixed.items);
    expect((await eventsOf(exportId)).map((event) => event.state)).toContain('requeued');
    expect(await exportsOf(companyId)).toHaveLength(1);
  });

  it('queues the preparation again for an export still pending (its first job may have been lost)', async () => {
    const companyId = await api.createCompany();
    const body = { task: task() };
    const { exportId } = (await send(companyId, body)).json();
    await api.queues.queue('exports').remove(`export-${exportId}`);

    await send(companyId, body);

    expect((await jobOf(exportId))?.data).toEqual({ companyId, exportId });
  });

  it('creates exactly one export when the same event arrives many times at once', async () => {
    const companyId = await api.createCompany();
    const body = { eventId: 'evt-burst', task: task() };

    const answers = await Promise.all(
      Array.from({ length: 8 }, () => send(companyId, body)),
    );

    expect(answers.filter((answer) => answer.statusCode === 201)).toHaveLength(1);
    expect(answers.filter((answer) => answer.statusCode === 200)).toHaveLength(7);
    expect(new Set(answers.map((answer) => answer.json().exportId)).size).toBe(1);
    expect(await exportsOf(companyId)).toHaveLength(1);
  });

  it('keeps tasks of two companies apart, even with the same task id', async () => {
    const [a, b] = [await api.createCompany(), await api.createCompany()];
    const snapshot = task();

    const first = await send(a, { task: snapshot });
    const second = await send(b, { task: snapshot });

    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(first.json().exportId).not.toBe(second.json().exportId);
  });

  it.each([
    ['another stage', {}, { stage: 500 }, 'notTriggerStage'],
    ['the billed stage', {}, { stage: 750 }, 'notTriggerStage'],
    ['a disabled company', { enabled: false }, {}, 'companyDisabled'],
    [
      'a task type that is not billable',
      { billableTaskTypes: ['type-install'] },
      { taskTypeId: 'type-repair' },
      'taskTypeNotBillable',
    ],
    [
      'a task without a type when only some types are billed',
      { billableTaskTypes: ['type-install'] },
      { taskTypeId: undefined },
      'taskTypeNotBillable',
    ],
  ])('creates nothing for %s, and says why', async (_, settings, overrides, reason) => {
    const companyId = await api.createCompany({ settings });

    const response = await send(companyId, { task: task(overrides) });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ created: false, reason });
    expect(await exportsOf(companyId)).toHaveLength(0);
  });

  it('exports a task of a billed type, and follows a changed trigger stage', async () => {
    const companyId = await api.createCompany({
      settings: {
        billableTaskTypes: ['type-install'],
        billingTriggerStage: 800,
        billedStage: 850,
      },
    });

    const response = await send(companyId, {
      task: task({ taskTypeId: 'type-install', stage: 800 }),
    });

    expect(response.statusCode).toBe(201);
  });

  it.each([
    [
      'a quantity as a number',
      { items: [{ description: 'x', quantity: 2, unitPrice: '1.00' }] },
      'task.items.0.quantity',
    ],
    [
      'a price in exponent form',
      { items: [{ description: 'x', quantity: '1', unitPrice: '1e3' }] },
      'task.items.0.unitPrice',
    ],
    [
      'a price with a decimal comma',
      { items: [{ description: 'x', quantity: '1', unitPrice: '12,50' }] },
      'task.items.0.unitPrice',
    ],
    [
      'a price with a currency sign',
      { items: [{ description: 'x', quantity: '1', unitPrice: '$12.50' }] },
      'task.items.0.unitPrice',
    ],
    [
      'a quantity with leading zeros',
      { items: [{ description: 'x', quantity: '007', unitPrice: '1' }] },
      'task.items.0.quantity',
    ],
    [
      'an unknown field on an item',
      { items: [{ description: 'x', quantity: '1', unitPrice: '1', discount: '5' }] },
      'task.items.0.discount',
    ],
    [
      'an item without a description',
      { items: [{ quantity: '1', unitPrice: '1' }] },
      'task.items.0.description',
    ],
    ['a date that does not exist', { date: '2025-02-30' }, 'task.date'],
    ['a date with a time', { date: '2025-02-03T10:00:00Z' }, 'task.date'],
    ['a stage as text', { stage: '700' }, 'task.stage'],
    ['no task id', { taskId: undefined }, 'task.taskId'],
    ['no items list', { items: undefined }, 'task.items'],
    [
      'an unknown address field',
      { clientAddress: { street: '1 rue A' } },
      'task.clientAddress.street',
    ],
  ])('answers 400 for %s', async (_, overrides, path) => {
    const companyId = await api.createCompany();

    const response = await send(companyId, { task: task(overrides) });

    expect(response.statusCode).toBe(400);
    expect(
      response.json().details.errors.map((error: { path: string }) => error.path),
    ).toContain(path);
    expect(await exportsOf(companyId)).toHaveLength(0);
  });

  it('answers 400 without a task, 400 for an unknown top-level field, 404 for an unknown company', async () => {
    const companyId = await api.createCompany();

    const noTask = await send(companyId, { eventId: 'e' });
    const extra = await send(companyId, { task: task(), source: 'webhook' });
    const unknown = await send('00000000-0000-4000-8000-000000000000', { task: task() });

    expect(noTask.statusCode).toBe(400);
    expect(
      noTask.json().details.errors.map((error: { path: string }) => error.path),
    ).toContain('task');
    expect(extra.statusCode).toBe(400);
    expect(unknown.statusCode).toBe(404);
  });
});
