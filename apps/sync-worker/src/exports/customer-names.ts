import type { TaskSnapshot } from '@qbd/domain';

/** QuickBooks customer and job names hold at most 41 characters. */
export const CUSTOMER_NAME_MAX_LENGTH = 41;

/**
 * The name a ProgressionLIVE client or location gets in QuickBooks: trimmed, inner
 * whitespace collapsed, and ":" replaced by "-" because QuickBooks uses ":" to join a
 * job to its customer in FullName ("Customer:Job"), so a name cannot contain one.
 */
export function customerName(value: string | undefined | null): string {
  return (value ?? '').replace(/\s+/g, ' ').trim().replace(/:/g, '-');
}

/**
 * The job a task's location becomes when it is not linked yet: only a location with a
 * name of its own. A location named like its client is the client's own address, and
 * its invoice goes to the customer itself rather than to a job of the same name.
 */
export function jobNameFor(snapshot: TaskSnapshot): string | null {
  if (!snapshot.locationId?.trim()) return null;
  const job = customerName(snapshot.locationName);
  if (!job) return null;
  return job.toLowerCase() === customerName(snapshot.clientName).toLowerCase()
    ? null
    : job;
}

/** The last part of a FullName ("Water Heaters:WH-40" → "WH-40"), as people name a record. */
export function shortName(fullName: string): string {
  const parts = fullName.split(':');
  return parts[parts.length - 1] ?? fullName;
}
