import type { LinkKind, OutboxOperation, OutboxWrite } from '@qbd/domain';
import type { MappedRecord } from './record-mapping';

const OPERATION_OF: Partial<Record<LinkKind, OutboxOperation>> = {
  client: 'upsertClient',
  location: 'upsertNode',
  product: 'upsertProduct',
  class: 'upsertEntityValue',
  site: 'upsertEntityValue',
};

/** Whether records of this kind are written to ProgressionLIVE at all. */
export function isSentToProgressionLive(kind: LinkKind): boolean {
  return OPERATION_OF[kind] !== undefined;
}

/**
 * Writes of one record are delivered in order; a client and all its locations share one
 * key so that the client exists before a location points at it.
 */
export function orderingKeyOf(
  kind: LinkKind,
  qbListId: string,
  fields: Record<string, unknown>,
): string {
  switch (kind) {
    case 'client':
      return `customer:${qbListId}`;
    case 'location':
      return `customer:${String(fields.clientListId ?? qbListId)}`;
    case 'product':
      return `item:${qbListId}`;
    default:
      return `${kind}:${qbListId}`;
  }
}

/**
 * The outbox write for a record: `send` holds every field on a create, only the changed
 * ones on an update. The delivery fills in the ProgressionLIVE id from the link (and the
 * client's id for a location). A new location carries `matchAddress`: before creating it,
 * the delivery looks for a location of the client at the same address and links that one.
 */
export function upsertWrite(
  companyId: string,
  record: MappedRecord,
  send: Record<string, unknown>,
  creating: boolean,
): OutboxWrite | null {
  const operation = OPERATION_OF[record.kind];
  if (!operation) return null;

  const { clientListId, ...fields } = send;
  const payload: OutboxWrite['payload'] = {
    input: { externalId: record.qbListId, ...fields },
    link: { kind: record.kind, qbListId: record.qbListId },
  };
  if (record.kind === 'location' && clientListId !== undefined) {
    payload.clientLink = { qbListId: String(clientListId) };
  }
  if (record.kind === 'location' && creating) payload.matchAddress = true;

  return {
    companyId,
    orderingKey: orderingKeyOf(record.kind, record.qbListId, record.fields),
    operation,
    payload,
  };
}

/** Deactivates a linked record (QuickBooks deleted it, or a full import no longer saw it). */
export function deactivationWrite(
  companyId: string,
  link: { kind: LinkKind; qbListId: string; data: Record<string, unknown> },
): OutboxWrite | null {
  const operation = OPERATION_OF[link.kind];
  if (!operation) return null;
  return {
    companyId,
    orderingKey: orderingKeyOf(link.kind, link.qbListId, link.data),
    operation,
    payload: {
      input: { externalId: link.qbListId, active: false },
      link: { kind: link.kind, qbListId: link.qbListId },
    },
  };
}
