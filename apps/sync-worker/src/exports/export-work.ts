import type { EntityManager } from 'typeorm';
import { WorkItemEntity, WorkPriority, type ExportEntity } from '@qbd/domain';
import type { CustomerAddPlan, DocumentParams } from './document-params';

/**
 * Asks QuickBooks for customers and jobs by name, to link those that exist; with
 * `thenPrepare`, the export is built again once they are linked.
 */
export async function queueCustomerLinkLookup(
  manager: EntityManager,
  row: ExportEntity,
  plans: CustomerAddPlan[],
  thenPrepare: boolean,
): Promise<void> {
  await manager.insert(WorkItemEntity, {
    companyId: row.companyId,
    kind: 'lookup',
    priority: WorkPriority.lookup,
    status: 'queued',
    exportId: row.id,
    params: {
      requests: [{ type: 'CustomerQuery', FullName: plans.map((plan) => plan.fullName) }],
      linkCustomers: plans,
      thenPrepare,
    },
  });
}

export function withoutLastRequest(params: DocumentParams): DocumentParams {
  const { lastRequest: _sent, ...rest } = params;
  return rest as DocumentParams;
}
