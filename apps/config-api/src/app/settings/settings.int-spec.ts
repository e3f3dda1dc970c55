import { DEFAULT_SETTINGS, SettingsChangeEntity } from '@qbd/domain';
import { ConfigApiHarness } from '../testing/config-api-harness';

describe('settings (integration)', () => {
  let api: ConfigApiHarness;

  beforeAll(async () => {
    api = await ConfigApiHarness.start();
  });

  afterAll(async () => {
    await api.close();
  });

  const settingsUrl = (id: string) => `/v1/companies/${id}/settings`;
  const auditOf = (companyId: string) =>
    api.db.dataSource.manager.find(SettingsChangeEntity, {
      where: { companyId },
      order: { version: 'ASC' },
    });

  const fullSettings = {
    enabled: true,
    quickBooksLanguage: 'fr',
    companyFilePath: 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Lavoie.QBW',
    minIntervalMinutes: 10,
    maxIntervalMinutes: 120,
    billingTriggerStage: 700,
    billedStage: 750,
    errorStage: 790,
    documentKind: 'salesOrder',
    billableTaskTypes: ['type-install', 'type-repair'],
    syncZeroPriceUnlinkedItems: true,
    productType: 'Pièces QuickBooks',
    productQuickBooksTypeField: 'qbItemType',
    customerType: 'Client QuickBooks',
    jobLocationType: 'Chantier',
    syncModes: { customers: 'full', items: 'quick', classes: 'none', sites: 'full' },
    syncUser: 'sync-bot',
    classProperty: 'Classe',
    siteProperty: 'Site',
    documentNumberProperty: 'numeroFacture',
    alertEmails: ['compta@lavoie.example', 'admin@lavoie.example'],
    numbering: 'taskNumber',
    taxCodeMapping: { TPS: 'G', 'TPS+TVQ': 'GQ' },
    salesTaxItem: null,
  };

  it('reads every setting with its default for a new company, with its version as ETag', async () => {
    const id = await api.createCompany();

    const response = await api.call('GET', settingsUrl(id));

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(DEFAULT_SETTINGS);
    expect(response.headers.etag).toBe('"1"');
  });

  it('replaces every setting, records who changed what and when, and reschedules imports', async () => {
    const id = await api.createCompany();
    const before = Date.now();

    const response = await api.call('PUT', settingsUrl(id), {
      body: fullSettings,
      headers: { 'x-actor': 'julie@lavoie.example' },
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(fullSettings);
    expect(response.headers.etag).toBe('"2"');
    expect((await api.call('GET', settingsUrl(id))).json()).toEqual(fullSettings);
    const audit = await auditOf(id);
    expect(audit.map((row) => [row.version, row.changedBy])).toEqual([
      [1, 'api'],
      [2, 'julie@lavoie.example'],
    ]);
    expect(audit[1]!.changedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(audit[1]!.before).toMatchObject({ minIntervalMinutes: 5 });
    expect(audit[1]!.after).toMatchObject({ minIntervalMinutes: 10 });
    const job = await api.queues.queue('maintenance').getJob(`reschedule-${id}-v2`);
    expect(job?.data).toEqual({ task: 'reschedule', companyId: id });
  });

  it('gives a setting left out of a PUT its default back (PUT replaces, it does not merge)', async () => {
    const id = await api.createCompany();
    await api.call('PUT', settingsUrl(id), { body: fullSettings });

    const response = await api.call('PUT', settingsUrl(id), {
      body: { billingTriggerStage: 600, billedStage: 650 },
    });

    expect(response.json()).toEqual({
      ...DEFAULT_SETTINGS,
      billingTriggerStage: 600,
      billedStage: 650,
    });
  });

  it('records nothing for a PUT that changes nothing, but still asks for a reschedule', async () => {
    const id = await api.createCompany();
    await api.call('PUT', settingsUrl(id), { body: fullSettings });
    await api.queues.queue('maintenance').remove(`reschedule-${id}-v2`);

    const again = await api.call('PUT', settingsUrl(id), { body: fullSettings });

    expect(again.statusCode).toBe(200);
    expect(again.headers.etag).toBe('"2"');
    expect(await auditOf(id)).toHaveLength(2);
    expect(
      await api.queues.queue('maintenance').getJob(`reschedule-${id}-v2`),
    ).toBeDefined();
  });

  it('exposes the history newest first with the keys that changed, page by page', async () => {
    const id = await api.createCompany();
    await api.call('PUT', settingsUrl(id), {
      body: { minIntervalMinutes: 15 },
      headers: { 'x-actor': 'a' },
    });
    await api.call('PUT', settingsUrl(id), {
      body: { minIntervalMinutes: 15, enabled: false },
      headers: { 'x-actor': 'b' },
    });

    const first = await api.call('GET', `${settingsUrl(id)}/history?limit=2`);
    const second = await api.call(
      'GET',
      `${settingsUrl(id)}/history?limit=2&cursor=${first.json().nextCursor}`,
    );

    expect(first.statusCode).toBe(200);
    expect(
      first
        .json()
        .items.map(
          (item: { version: number; changedBy: string; changedKeys: string[] }) => [
            item.version,
            item.changedBy,
            item.changedKeys,
          ],
        ),
    ).toEqual([
      [3, 'b', ['enabled']],
      [2, 'a', ['minIntervalMinutes']],
    ]);
    expect(second.json().items.map((item: { version: number }) => item.version)).toEqual([
      1,
    ]);
    expect(second.json().nextCursor).toBeNull();
  });

  it('refuses a PUT whose If-Match is not the current version', async () => {
    const id = await api.createCompany();
    await api.call('PUT', settingsUrl(id), { body: { minIntervalMinutes: 20 } });

    const stale = await api.call('PUT', settingsUrl(id), {
      body: { minIntervalMinutes: 30 },
      headers: { 'if-match': '"1"' },
    });
    const fresh = await api.call('PUT', settingsUrl(id), {
      body: { minIntervalMinutes: 30 },
      headers: { 'if-match': '"2"' },
    });

    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'SETTINGS_VERSION_MISMATCH',
      details: { expected: '1', actual: 2 },
    });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().minIntervalMinutes).toBe(30);
  });

  it('keeps every change when two PUTs race: versions follow one another', async () => {
    const id = await api.createCompany();

    await Promise.all(
      [11, 12, 13, 14].map((minutes) =>
        api.call('PUT', settingsUrl(id), { body: { minIntervalMinutes: minutes } }),
      ),
    );

    expect((await auditOf(id)).map((row) => row.version)).toEqual([1, 2, 3, 4, 5]);
  });

  it.each([
    ['a negative interval', { minIntervalMinutes: 0 }, 'minIntervalMinutes'],
    ['an interval over a day', { maxIntervalMinutes: 1441 }, 'maxIntervalMinutes'],
    ['a fractional interval', { minIntervalMinutes: 2.5 }, 'minIntervalMinutes'],
    ['an interval as text', { minIntervalMinutes: '5' }, 'minIntervalMinutes'],
    ['an unknown language', { quickBooksLanguage: 'de' }, 'quickBooksLanguage'],
    ['an unknown document kind', { documentKind: 'estimate' }, 'documentKind'],
    ['an unknown numbering policy', { numbering: 'random' }, 'numbering'],
    [
      'an unknown sync mode',
      { syncModes: { customers: 'sometimes' } },
      'syncModes.customers',
    ],
    [
      'an unknown list in the sync modes',
      { syncModes: { vendors: 'full' } },
      'syncModes.vendors',
    ],
    ['a malformed e-mail', { alertEmails: ['not-an-email'] }, 'alertEmails'],
    [
      'the same e-mail twice',
      { alertEmails: ['a@b.example', 'A@b.example'] },
      'alertEmails',
    ],
    ['a stage as text', { billingTriggerStage: '700' }, 'billingTriggerStage'],
    [
      'a company file that is not a .QBW',
      { companyFilePath: 'C:\\books.txt' },
      'companyFilePath',
    ],
    ['an empty product type', { productType: '' }, 'productType'],
    [
      'a tax code longer than QuickBooks allows',
      { taxCodeMapping: { TPS: 'GSTX' } },
      'taxCodeMapping',
    ],
    ['a tax mapping that is a list', { taxCodeMapping: ['G'] }, 'taxCodeMapping'],
    [
      'billable types that are not texts',
      { billableTaskTypes: [1, 2] },
      'billableTaskTypes',
    ],
    ['enabled as text', { enabled: 'yes' }, 'enabled'],
    ['an unknown setting', { autoPilot: true }, 'autoPilot'],
    ['null for a setting that is not nullable', { syncUser: null }, 'syncUser'],
  ])('answers 400 for %s', async (_, body, path) => {
    const id = await api.createCompany();

    const response = await api.call('PUT', settingsUrl(id), { body });

    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('INVALID_REQUEST');
    expect(
      response.json().details.errors.map((error: { path: string }) => error.path),
    ).toContain(path);
    expect(await auditOf(id)).toHaveLength(1);
  });

  it.each([
    [
      'a minimum interval above the maximum',
      { minIntervalMinutes: 90, maxIntervalMinutes: 60 },
      'minIntervalMinutes',
      'notAbove',
    ],
    [
      'a minimum above the default maximum',
      { minIntervalMinutes: 61 },
      'minIntervalMinutes',
      'notAbove',
    ],
    [
      'the billed stage equal to the trigger',
      { billingTriggerStage: 700, billedStage: 700 },
      'billedStage',
      'differsFrom',
    ],
    [
      'the error stage equal to the trigger',
      { billingTriggerStage: 700, errorStage: 700 },
      'errorStage',
      'differsFrom',
    ],
    [
      'the error stage equal to the billed stage',
      { billedStage: 750, errorStage: 750 },
      'errorStage',
      'differsFrom',
    ],
    [
      'one property for classes and sites',
      { classProperty: 'Classe', siteProperty: 'Classe' },
      'siteProperty',
      'differsFrom',
    ],
  ])('answers 422 for %s', async (_, body, path, rule) => {
    const id = await api.createCompany();

    const response = await api.call('PUT', settingsUrl(id), { body });

    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'RULE_BROKEN',
      fixableBy: 'bookkeeper',
    });
    expect(response.json().details.errors).toEqual([
      { path, problems: { [rule]: expect.any(String) } },
    ]);
  });

  it('answers 400, not 422, when a malformed field comes with a broken rule', async () => {
    const id = await api.createCompany();

    const response = await api.call('PUT', settingsUrl(id), {
      body: { minIntervalMinutes: 90, documentKind: 'estimate' },
    });

    expect(response.statusCode).toBe(400);
  });

  it('accepts an equal minimum and maximum, and an error stage of its own', async () => {
    const id = await api.createCompany();

    const response = await api.call('PUT', settingsUrl(id), {
      body: { minIntervalMinutes: 30, maxIntervalMinutes: 30, errorStage: 760 },
    });

    expect(response.statusCode).toBe(200);
  });

  it('answers 400 for an empty or unprintable x-actor, 404 for an unknown company', async () => {
    const id = await api.createCompany();

    const empty = await api.call('PUT', settingsUrl(id), {
      body: {},
      headers: { 'x-actor': ' ' },
    });
    const unknown = await api.call(
      'GET',
      settingsUrl('00000000-0000-4000-8000-000000000000'),
    );
    const unknownHistory = await api.call(
      'GET',
      `${settingsUrl('00000000-0000-4000-8000-000000000000')}/history`,
    );

    expect(empty.statusCode).toBe(400);
    expect(empty.json().details.errors[0].path).toBe('x-actor');
    expect(unknown.statusCode).toBe(404);
    expect(unknownHistory.statusCode).toBe(404);
  });

  it.each([
    ['a limit over 200', 'limit=500'],
    ['a negative offset', 'offset=-1'],
    ['a cursor this API did not make', 'cursor=abc'],
    ['an unknown query parameter', 'sort=asc'],
  ])('answers 400 for history with %s', async (_, query) => {
    const id = await api.createCompany();

    const response = await api.call('GET', `${settingsUrl(id)}/history?${query}`);

    expect(response.statusCode).toBe(400);
  });
});
