import type { PostalAddress, TaskSnapshot } from '@qbd/domain';
import type { QbAddress, QbRef } from '@qbd/qbxml';
import {
  CUSTOMER_NAME_MAX_LENGTH,
  customerName,
  jobNameFor,
  shortName,
} from './customer-names';
import type { CustomerAddPlan, CustomerAddUnsent } from './document-params';
import { problem, type ExportProblem } from './export-errors';
import type { ExportReferences, LinkView } from './export-references';

/** An existing QuickBooks customer or job, found by name, to link to the task's client or location. */
export interface LinkClaim {
  kind: 'client' | 'location';
  qbListId: string;
  plId: string;
  fullName: string;
  /** ListID of the top-level customer (the outbox orders a customer and its jobs together). */
  topListId: string;
}

/** Who the document is made out to, and what must be added or linked first. */
export interface CustomerPlan {
  ref: QbRef;
  fullName: string;
  /** ListID when the customer or job already exists in QuickBooks. */
  listId: string | null;
  adds: { request: CustomerAddUnsent; plan: Omit<CustomerAddPlan, 'index'> }[];
  claims: LinkClaim[];
}

/** Records found inactive in QuickBooks, reported together (see `inactiveProblem`). */
export interface InactiveRecord {
  what: 'item' | 'customer' | 'class' | 'site' | 'taxCode';
  name: string;
}

interface PlanContext {
  snapshot: TaskSnapshot;
  refs: ExportReferences;
  problems: ExportProblem[];
  inactive: InactiveRecord[];
}

/**
 * The customer of the document: the job linked to the task's location, else the customer
 * linked to the task's client. What is not linked yet is linked by name when QuickBooks
 * already has it, and added otherwise (in the same message, before the document).
 */
export function planCustomer(ctx: PlanContext): CustomerPlan | null {
  const location = ctx.refs.byPlId('location', ctx.snapshot.locationId);
  if (location) return existing(ctx, location, []);

  const client = planClient(ctx);
  const jobName = jobNameFor(ctx.snapshot);
  if (!client || !jobName) return client;
  return planJob(ctx, client, jobName);
}

function planClient(ctx: PlanContext): CustomerPlan | null {
  const { snapshot, refs } = ctx;
  const linked = refs.byPlId('client', snapshot.clientId);
  if (linked) return existing(ctx, linked, []);

  const name = checkedName(ctx, snapshot.clientName, 'client');
  if (!name) return null;
  const sameName = refs.byName('client', name);
  if (sameName)
    return claimByName(ctx, sameName, 'client', snapshot.clientId, sameName.qbListId);

  const request: CustomerAddUnsent = {
    type: 'CustomerAdd',
    Name: name,
    ...optional('BillAddress', qbAddress(snapshot.clientName, snapshot.clientAddress)),
  };
  return {
    ref: { FullName: name },
    fullName: name,
    listId: null,
    adds: [
      { request, plan: { kind: 'client', plId: snapshot.clientId, fullName: name } },
    ],
    claims: [],
  };
}

function planJob(
  ctx: PlanContext,
  client: CustomerPlan,
  jobName: string,
): CustomerPlan | null {
  const { snapshot, refs } = ctx;
  const locationId = snapshot.locationId!.trim();
  if (!checkedName(ctx, jobName, 'location')) return null;

  const fullName = `${client.fullName}:${jobName}`;
  const sameName = refs.byName('location', fullName);
  if (sameName) {
    const top = client.listId ?? sameName.qbParentListId ?? sameName.qbListId;
    const job = claimByName(ctx, sameName, 'location', locationId, top);
    return (
      job && { ...job, adds: client.adds, claims: [...client.claims, ...job.claims] }
    );
  }

  const request: CustomerAddUnsent = {
    type: 'CustomerAdd',
    Name: jobName,
    ParentRef: client.listId ? { ListID: client.listId } : { FullName: client.fullName },
    ...optional('BillAddress', qbAddress(snapshot.clientName, snapshot.clientAddress)),
    ...optional(
      'ShipAddress',
      qbAddress(snapshot.locationName, snapshot.locationAddress),
    ),
  };
  return {
    ref: { FullName: fullName },
    fullName,
    listId: null,
    adds: [
      ...client.adds,
      { request, plan: { kind: 'location', plId: locationId, fullName } },
    ],
    claims: client.claims,
  };
}

function existing(ctx: PlanContext, link: LinkView, claims: LinkClaim[]): CustomerPlan {
  if (!link.active)
    ctx.inactive.push({ what: 'customer', name: shortName(link.qbFullName) });
  return {
    ref: { ListID: link.qbListId },
    fullName: link.qbFullName,
    listId: link.qbListId,
    adds: [],
    claims,
  };
}

/** A QuickBooks record with the wanted name: linked, unless another record of ours has it. */
function claimByName(
  ctx: PlanContext,
  link: LinkView,
  kind: 'client' | 'location',
  plId: string,
  topListId: string,
): CustomerPlan | null {
  if (link.plId && link.plId !== plId) {
    ctx.problems.push(
      problem(
        'EXPORT_CUSTOMER_LINKED_ELSEWHERE',
        `The QuickBooks customer "${link.qbFullName}" is already linked to another ProgressionLIVE ${kind === 'client' ? 'client' : 'location'}; rename one of them or link the task's ${kind === 'client' ? 'client' : 'location'} by hand.`,
        `Le client QuickBooks « ${link.qbFullName} » est déjà lié à ${kind === 'client' ? 'un autre client' : 'un autre lieu'} ProgressionLIVE; renommez l'un d'eux ou liez ${kind === 'client' ? 'le client' : 'le lieu'} de la tâche manuellement.`,
        { details: { qbListId: link.qbListId, linkedTo: link.plId } },
      ),
    );
    return null;
  }
  const claims = link.plId
    ? []
    : [{ kind, qbListId: link.qbListId, plId, fullName: link.qbFullName, topListId }];
  return existing(ctx, link, claims);
}

function checkedName(
  ctx: PlanContext,
  value: string | undefined,
  kind: 'client' | 'location',
): string | null {
  const name = customerName(value);
  const words =
    kind === 'client' ? { en: 'client', fr: 'client' } : { en: 'location', fr: 'lieu' };
  if (!name) {
    ctx.problems.push(
      problem(
        'EXPORT_CUSTOMER_NO_NAME',
        `The task's ${words.en} is not linked to a QuickBooks customer and has no name to create one with.`,
        `Le ${words.fr} de la tâche n'est lié à aucun client QuickBooks et n'a pas de nom pour en créer un.`,
      ),
    );
    return null;
  }
  if (name.length > CUSTOMER_NAME_MAX_LENGTH) {
    // Cutting the name could make it match (and bill) another existing customer.
    ctx.problems.push(
      problem(
        'EXPORT_CUSTOMER_NAME_TOO_LONG',
        `The ${words.en} name "${name}" is longer than the ${CUSTOMER_NAME_MAX_LENGTH} characters QuickBooks allows; shorten it, or create the customer in QuickBooks and sync customers.`,
        `Le nom du ${words.fr} « ${name} » dépasse les ${CUSTOMER_NAME_MAX_LENGTH} caractères permis par QuickBooks; raccourcissez-le, ou créez le client dans QuickBooks puis synchronisez les clients.`,
      ),
    );
    return null;
  }
  return name;
}

const ADDRESS_LIMITS = { line: 41, City: 31, State: 21, PostalCode: 13, Country: 31 };

/**
 * A QuickBooks address block from a ProgressionLIVE address. QuickBooks keeps the name on
 * the first line and the street on the second (the layout ProgressionLIVE's own
 * QuickBooks module expects). Address text is informative, so over-long parts are cut
 * rather than blocking the invoice.
 */
export function qbAddress(
  name: string | undefined,
  address: PostalAddress | undefined,
): QbAddress | undefined {
  if (!address) return undefined;
  const lines = [name, address.line1, address.line2, address.line3]
    .map((line) => clip(line, ADDRESS_LIMITS.line))
    .filter((line): line is string => !!line);
  const result: QbAddress = {};
  lines.slice(0, 5).forEach((line, index) => {
    result[`Addr${index + 1}` as 'Addr1'] = line;
  });
  assign(result, 'City', clip(address.city, ADDRESS_LIMITS.City));
  assign(result, 'State', clip(address.province, ADDRESS_LIMITS.State));
  assign(result, 'PostalCode', clip(address.postalCode, ADDRESS_LIMITS.PostalCode));
  assign(result, 'Country', clip(address.country, ADDRESS_LIMITS.Country));
  return Object.keys(result).length > 0 ? result : undefined;
}

function clip(value: string | undefined, max: number): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, max).trim() : undefined;
}

function assign(
  target: QbAddress,
  key: keyof QbAddress,
  value: string | undefined,
): void {
  if (value) target[key] = value;
}

function optional<K extends string, V>(
  key: K,
  value: V | undefined,
): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
