import type { PlTask } from '@qbd/progressionlive';
import { snapshotOfTask } from './task-snapshot';
import { settings } from './testing/export-builders';

const task: PlTask = {
  id: '5001',
  code: 'F000004',
  typeRef: { id: '30', label: 'Service facturable' },
  clientRef: { id: '101', label: 'Osprey Marina' },
  nodeRef: { id: '201', label: 'Dock B' },
  clientAddress: { street: '12 Harbour Road', city: 'Halifax', province: 'NS' },
  logicId: 700,
  items: [
    {
      productRef: { id: '301' },
      label: 'Panel inspection',
      quantity: '2',
      price: '150.00',
    },
    { productRef: null, label: 'Note', quantity: '1', price: '0' },
  ],
  taxAmounts: [],
  properties: {
    'facturation.classe': {
      name: 'facturation.classe',
      value: 'Residential',
      entity: { id: '401' },
    },
    'facturation.site': { name: 'facturation.site', value: null },
  },
};

describe('snapshotOfTask', () => {
  it('describes the task as the main app does in its stage events', () => {
    const snapshot = snapshotOfTask(
      task,
      settings({ classProperty: 'facturation.classe', siteProperty: 'facturation.site' }),
    );

    expect(snapshot).toEqual({
      taskId: '5001',
      taskNumber: 'F000004',
      taskTypeId: '30',
      stage: 700,
      clientId: '101',
      clientName: 'Osprey Marina',
      clientAddress: { line1: '12 Harbour Road', city: 'Halifax', province: 'NS' },
      locationId: '201',
      locationName: 'Dock B',
      classValue: '401',
      items: [
        {
          productId: '301',
          description: 'Panel inspection',
          quantity: '2',
          unitPrice: '150.00',
        },
        { description: 'Note', quantity: '1', unitPrice: '0' },
      ],
    });
  });
});
