// The companies of a chaos run: for each, a fake ProgressionLIVE seeded like the demo, a
// simulated QuickBooks company file, the company made through the config API, its
// Web Connector account and the Web Connector that polls with it.
import {
  demoCompany,
  WebConnector,
  type CompanyFile,
} from '../../apps/qbd-simulator/src';
import {
  DEMO_PROPERTIES,
  seedDemo,
  startFakeProgressionLive,
  type DemoIds,
  type RunningFake,
  type WireObject,
} from '../../apps/fake-progressionlive/src';
import type { Rng } from './rng';
import type { MainApp } from './main-app';

export type Numbering = 'quickbooks' | 'taskNumber';

export interface Tenant {
  key: string;
  companyId: string;
  fake: RunningFake;
  ids: DemoIds;
  quickBooks: CompanyFile;
  numbering: Numbering;
  qwc: string;
  password: string;
  webConnector: WebConnector;
  /** Documents the company file held before the run (the bundled fixtures'). */
  documentsBefore: Set<string>;
}

/** A task the main app asks to bill. */
export interface AskedTask {
  tenant: Tenant;
  taskId: string;
  code: string;
  snapshot: Record<string, unknown>;
}

const SESSION_CALL_TIMEOUT_MS = 20_000;

/** Makes one company end to end, up to its Web Connector (no session run yet). */
export async function createTenant(
  index: number,
  runTag: string,
  api: MainApp,
  gatewayUrl: string,
): Promise<Tenant> {
  const key = `c${String(index + 1).padStart(2, '0')}`;
  const fake = await startFakeProgressionLive({ host: '127.0.0.1', port: 0 });
  const ids = seedDemo(fake.store);
  // The seed's own tasks at 700 were never asked for: they leave the billing stage, so
  // the task sweep does not bill them behind the suite's back.
  for (const taskId of ids.taskIds) fake.store.deleteRecord({ Id: taskId, Type: 'TASK' });

  const numbering: Numbering = index % 2 === 0 ? 'quickbooks' : 'taskNumber';
  const company = await api.post<{ id: string }>('/v1/companies', {
    externalId: `chaos-${runTag}-${key}`,
    name: `Chaos ${key} Services Techniques`,
    settings: {
      billingTriggerStage: 700,
      billedStage: 750,
      errorStage: 760,
      documentKind: 'invoice',
      numbering,
      customerType: 'Client QuickBooks',
      jobLocationType: 'Chantier',
      productType: 'Produit QuickBooks',
      productQuickBooksTypeField: DEMO_PROPERTIES.productKind,
      classProperty: 'Classe',
      siteProperty: 'Site',
      documentNumberProperty: DEMO_PROPERTIES.invoiceNumber,
      syncUser: 'Synchronisation QuickBooks',
      syncModes: { customers: 'quick', items: 'quick', classes: 'full', sites: 'full' },
      syncZeroPriceUnlinkedItems: true,
    },
    progressionLive: {
      baseUrl: fake.url,
      username: ids.account.username,
      password: ids.account.password,
    },
  });
  const connection = await api.post<{ userName: string; password: string }>(
    `/v1/companies/${company.id}/connection`,
  );
  const qwc = await api.getText(`/v1/companies/${company.id}/qwc`);

  const quickBooks = demoCompany();
  const documentsBefore = new Set(
    quickBooks.data.transactions('Invoice').map((txn) => txn.TxnID),
  );
  return {
    key,
    companyId: company.id,
    fake,
    ids,
    quickBooks,
    numbering,
    qwc,
    password: connection.password,
    webConnector: newWebConnector(
      { qwc, password: connection.password, quickBooks },
      gatewayUrl,
    ),
    documentsBefore,
  };
}

/** A Web Connector on the tenant's PC (a second one plays another PC with the same file). */
export function newWebConnector(
  tenant: Pick<Tenant, 'qwc' | 'password' | 'quickBooks'>,
  gatewayUrl: string,
): WebConnector {
  return new WebConnector({
    qwc: tenant.qwc,
    password: tenant.password,
    company: tenant.quickBooks,
    gatewayUrl,
    noOpPauseMs: 300,
    timeoutMs: SESSION_CALL_TIMEOUT_MS,
    recordBodies: false,
    maxRequests: 2000,
  });
}

/** The QuickBooks customers and priced products the import brought into ProgressionLIVE. */
export function importedRecords(tenant: Tenant): {
  clients: WireObject[];
  products: WireObject[];
} {
  const store = tenant.fake.store;
  const linked = (record: WireObject) =>
    typeof record.ExternalId === 'string' && record.ExternalId !== '';
  return {
    clients: store.list('CLIENT').filter(linked),
    products: store.list('PRODUCT').filter((p) => linked(p) && Number(p.Price ?? 0) > 0),
  };
}

const QUANTITIES = ['1', '2', '0.5', '1.25', '3', '4', '0.75', '10'];

/**
 * A task reaching the billing stage in ProgressionLIVE, as the demo's: a QuickBooks
 * customer, one to three QuickBooks products, sometimes a free 0 $ line.
 */
export function billableTask(tenant: Tenant, rng: Rng): AskedTask {
  const { clients, products } = importedRecords(tenant);
  if (clients.length === 0 || products.length === 0) {
    throw new Error(
      `${tenant.key}: the import brought no clients or priced products into ProgressionLIVE`,
    );
  }
  const client = rng.pick(clients);
  const chosen = rng.shuffle(products).slice(0, rng.int(1, Math.min(3, products.length)));
  const items: { productId?: string; label: string; quantity: string; price: string }[] =
    chosen.map((product) => ({
      productId: String(product.Id),
      label: String(product.Label),
      quantity: rng.pick(QUANTITIES),
      price: String(product.Price),
    }));
  if (rng.chance(0.3))
    items.push({ label: 'Déplacement offert', quantity: '1', price: '0.00' });

  const store = tenant.fake.store;
  const taskId = store.addTask({
    typeId: tenant.ids.taskTypeId,
    clientId: String(client.Id),
    logicId: 700,
    items,
  });
  const code = String(store.get('TASK', taskId)?.Code ?? taskId);
  const snapshot = {
    taskId,
    taskNumber: code,
    taskTypeId: tenant.ids.taskTypeId,
    stage: 700,
    clientId: String(client.Id),
    clientName: String(client.Label),
    date: new Date().toISOString().slice(0, 10),
    items: items.map((item, index) => ({
      lineId: String(index + 1),
      ...(item.productId ? { productId: item.productId } : {}),
      description: item.label,
      quantity: item.quantity,
      unitPrice: item.price,
    })),
  };
  return { tenant, taskId, code, snapshot };
}
