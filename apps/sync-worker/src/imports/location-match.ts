import type { PlAddress, ProgressionLivePort } from '@qbd/progressionlive';
import { findMatchingLocation } from './address-normalizer';

export interface LocationLink {
  /** The existing ProgressionLIVE location the job is linked to. */
  id: string;
  /** Why: the same address (spelled out) or the job's ListID already on it. */
  reason: string;
}

/**
 * Before a job's location is created, the client's existing locations are read from
 * ProgressionLIVE: one at the same address (or already carrying the job's ListID) is
 * linked and updated — its type becomes the job location type — instead of creating a
 * duplicate of a site the company had entered by hand.
 */
export async function matchExistingLocation(
  port: ProgressionLivePort,
  clientId: string,
  job: { externalId: string; address?: PlAddress | null },
): Promise<LocationLink | null> {
  const nodes = await port.listClientNodes(clientId);
  const match = findMatchingLocation(job, nodes);
  return match ? { id: match.location.id, reason: match.reason } : null;
}
