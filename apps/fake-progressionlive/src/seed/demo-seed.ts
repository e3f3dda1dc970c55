import type { FakeProgressionLiveStore } from '../store/fake-store';

export const DEMO_ACCOUNT = { username: 'api@demo.test', password: 'demo-password' };

/** Property names the demo company uses; the connector's settings point at them. */
export const DEMO_PROPERTIES = {
  invoiceNumber: 'facturation.numeroFacture',
  classe: 'facturation.classe',
  site: 'facturation.site',
  productKind: 'quickbooks.typeArticle',
};

export interface DemoIds {
  account: typeof DEMO_ACCOUNT;
  syncUserId: string;
  clientTypeId: string;
  nodeTypeId: string;
  productTypeId: string;
  classeTypeId: string;
  siteTypeId: string;
  workflowId: string;
  taskTypeId: string;
  clientId: string;
  nodeId: string;
  productIds: string[];
  classeId: string;
  siteId: string;
  taskIds: string[];
}

/**
 * A small company as ProgressionLIVE would hold it before the connector runs: the types,
 * the billing workflow (700 to transfer, 750 invoiced, 760 transfer error), the dynamic
 * properties, one client with a work site, two products and two tasks waiting at 700.
 */
export function seedDemo(store: FakeProgressionLiveStore): DemoIds {
  store.addAccount({ ...DEMO_ACCOUNT, userLabel: 'API' });
  const syncUserId = store.addUser('Synchronisation QuickBooks', 'sync@demo.test');
  const types = seedTypes(store);
  const workflowId = seedWorkflow(store);
  const taskTypeId = store.addTaskType({
    label: 'Service facturable',
    workflowId,
    productBilling: true,
    codePrefix: 'F',
  });
  seedProperties(store, types.classeTypeId, types.siteTypeId);
  const data = seedData(store, types);
  const taskIds = seedTasks(store, taskTypeId, data);
  return {
    account: DEMO_ACCOUNT,
    syncUserId,
    ...types,
    workflowId,
    taskTypeId,
    ...data,
    taskIds,
  };
}

function seedTypes(store: FakeProgressionLiveStore) {
  return {
    clientTypeId: store.addType('CLIENT_TYPE', 'Client QuickBooks'),
    nodeTypeId: store.addType('NODE_TYPE', 'Chantier'),
    productTypeId: store.addType('PRODUCT_TYPE', 'Produit QuickBooks'),
    classeTypeId: store.addType('DYNAMIC_ENTITY_TYPE', 'Classe'),
    siteTypeId: store.addType('DYNAMIC_ENTITY_TYPE', 'Site'),
  };
}

function seedWorkflow(store: FakeProgressionLiveStore): string {
  return store.addWorkflow({
    label: 'Facturation',
    steps: [
      { logicId: 100, label: 'Nouvelle' },
      { logicId: 200, label: 'Planifiée' },
      { logicId: 500, label: 'Complétée' },
      { logicId: 700, label: 'Transférer au système comptable' },
      { logicId: 750, label: 'Facturée' },
      { logicId: 760, label: 'Erreur de transfert' },
    ],
    transitions: [
      [100, 200],
      [200, 500],
      [500, 700],
      [700, 750],
      [700, 760],
      [760, 700],
    ],
  });
}

function seedProperties(
  store: FakeProgressionLiveStore,
  classeTypeId: string,
  siteTypeId: string,
) {
  store.defineProperty({
    recordType: 'TASK',
    name: DEMO_PROPERTIES.invoiceNumber,
    valueType: 'STRING',
    mandatoryInLogicIds: [750],
  });
  store.defineProperty({
    recordType: 'TASK',
    name: DEMO_PROPERTIES.classe,
    valueType: 'ENTITY',
    entityTypeId: classeTypeId,
  });
  store.defineProperty({
    recordType: 'TASK',
    name: DEMO_PROPERTIES.site,
    valueType: 'ENTITY',
    entityTypeId: siteTypeId,
  });
  store.defineProperty({
    recordType: 'PRODUCT',
    name: DEMO_PROPERTIES.productKind,
    valueType: 'STRING',
  });
}

function seedData(store: FakeProgressionLiveStore, types: ReturnType<typeof seedTypes>) {
  const clientId = store.addRecord('CLIENT', {
    Label: 'Plomberie Tremblay',
    Lang: 'fr',
    TypeRef: { Id: types.clientTypeId },
    Address: {
      Address: '1200 rue Principale',
      City: 'Sherbrooke',
      Province: 'QC',
      Country: 'Canada',
      PostalCode: 'J1H 1A1',
    },
  });
  const nodeId = store.addRecord('NODE', {
    Label: 'Entrepôt nord',
    TypeRef: { Id: types.nodeTypeId },
    ClientRef: { Id: clientId },
  });
  const productIds = [
    store.addRecord('PRODUCT', {
      Label: 'Main-d’œuvre',
      code: 'MO-1',
      Price: '85.00',
      TypeRef: { Id: types.productTypeId },
    }),
    store.addRecord('PRODUCT', {
      Label: 'Raccord ½ po',
      code: 'RAC-05',
      Price: '3.75',
      TypeRef: { Id: types.productTypeId },
    }),
  ];
  const classeId = store.addRecord('DYNAMIC_ENTITY', {
    Label: 'Résidentiel',
    TypeRef: { Id: types.classeTypeId },
  });
  const siteId = store.addRecord('DYNAMIC_ENTITY', {
    Label: 'Entrepôt principal',
    TypeRef: { Id: types.siteTypeId },
  });
  return { clientId, nodeId, productIds, classeId, siteId };
}

function seedTasks(
  store: FakeProgressionLiveStore,
  taskTypeId: string,
  data: ReturnType<typeof seedData>,
): string[] {
  const [labour, fitting] = data.productIds as [string, string];
  return [
    store.addTask({
      typeId: taskTypeId,
      summary: 'Réparation chauffe-eau',
      clientId: data.clientId,
      nodeId: data.nodeId,
      logicId: 700,
      items: [
        {
          productId: labour,
          label: 'Main-d’œuvre',
          quantity: '2.5',
          price: '85.00',
          total: '212.50',
        },
        {
          productId: fitting,
          label: 'Raccord ½ po',
          quantity: '4',
          price: '3.75',
          total: '15.00',
        },
        { label: 'Déplacement offert', quantity: '1', price: '0', total: '0' },
      ],
      subTotal: '227.50',
      taxAmounts: ['11.38', '22.69'],
      total: '261.57',
      properties: {
        [DEMO_PROPERTIES.classe]: { entityId: data.classeId },
        [DEMO_PROPERTIES.site]: { entityId: data.siteId },
      },
    }),
    store.addTask({
      typeId: taskTypeId,
      summary: 'Inspection annuelle',
      clientId: data.clientId,
      logicId: 700,
      items: [
        {
          productId: labour,
          label: 'Inspection',
          quantity: '1',
          price: '85.00',
          total: '85.00',
        },
      ],
      subTotal: '85.00',
      taxAmounts: ['4.25', '8.48'],
      total: '97.73',
    }),
  ];
}
