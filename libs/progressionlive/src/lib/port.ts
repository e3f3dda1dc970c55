/**
 * The connector's view of ProgressionLIVE, in the connector's own terms. The SOAP adapter
 * sits behind it; a REST adapter could replace it without touching the callers.
 *
 * Ids are ProgressionLIVE's numeric record ids as decimal strings. Money and quantities
 * are decimal strings, never floats.
 */

/** Where and as whom the connector reaches one company's ProgressionLIVE. */
export interface ProgressionLiveCredentials {
  /** The company's ProgressionLIVE address, e.g. `https://acme.progressionlive.com`. */
  baseUrl: string;
  /** The API user (an e-mail address on real accounts). */
  username: string;
  password: string;
}

/** The type records a company configures, found by their label. */
export type PlTypeKind =
  'CLIENT_TYPE' | 'NODE_TYPE' | 'PRODUCT_TYPE' | 'DYNAMIC_ENTITY_TYPE';

/** The records the connector creates and links by QuickBooks ListID. */
export type PlRecordKind = 'CLIENT' | 'NODE' | 'PRODUCT' | 'DYNAMIC_ENTITY';

/** A pointer to a ProgressionLIVE record. */
export interface PlRef {
  id: string;
  label?: string;
  externalId?: string;
  /** The RecordType constant, as the service spells it. */
  type?: string;
}

/** How a caller points at a record: by id, by external id, or by label within its type. */
export interface PlRefInput {
  id?: string;
  externalId?: string;
  label?: string;
}

/** An address as ProgressionLIVE splits it. Empty parts are never sent. */
export interface PlAddress {
  street?: string;
  suite?: string;
  city?: string;
  province?: string;
  country?: string;
  postalCode?: string;
  phone?: string;
  fax?: string;
  email?: string;
}

/**
 * A dynamic property value to write: text, a boolean, a decimal (as a string), or a
 * reference to a dynamic-entity value (ENTITY properties such as "Classe" and "Site").
 * `null` clears the property; an empty string is not sent at all.
 */
export type PlPropertyValue =
  string | boolean | { decimal: string } | { entity: PlRefInput } | null;

/** A dynamic property as read back. */
export interface PlPropertyRead {
  name: string;
  /** The text of a scalar value (or the label of an entity value); null when unset. */
  value: string | null;
  /** For ENTITY properties: the referenced dynamic-entity value. */
  entity?: PlRef;
  /** The xsi:type the value came with, e.g. `xsd:string`. */
  xsiType?: string;
}

export interface PlTaskItem {
  id?: string;
  /** Null for a free-text line that is not linked to a product. */
  productRef: PlRef | null;
  /** The line text (ProgressionLIVE has no separate description). */
  label: string;
  quantity: string;
  price: string;
  rebate?: string;
  taxable?: boolean;
  total?: string;
}

/** A task with what invoicing needs. Totals are the server's, as it computed them. */
export interface PlTask {
  id: string;
  /** The human task number, e.g. `F000004`. */
  code: string;
  externalId?: string;
  summary?: string;
  description?: string;
  typeRef: PlRef | null;
  clientRef: PlRef | null;
  nodeRef: PlRef | null;
  clientAddress?: PlAddress;
  nodeAddress?: PlAddress;
  /** The appointment date-time (`Rv`), ISO 8601. */
  appointmentAt?: string;
  /** The logic id of the task's current workflow step (e.g. 700); null if none. */
  logicId: number | null;
  /** When the task entered its current step. */
  stepAt?: string;
  items: PlTaskItem[];
  subTotal?: string;
  taxAmounts: string[];
  total?: string;
  properties: Record<string, PlPropertyRead>;
}

export interface PlTaskSummary {
  id: string;
  /** The task number, when the service gave it as the reference's label. */
  code?: string;
  externalId?: string;
}

export interface PlTaskType {
  id: string;
  label: string;
  /** Whether the type's items are billable products. */
  productBilling: boolean;
  workflowRef: PlRef | null;
  codePrefix?: string;
}

/** A location (work site) as listed for its client. */
export interface PlNode {
  id: string;
  label?: string;
  externalId?: string;
  typeRef: PlRef | null;
  address?: PlAddress;
}

/**
 * Fields shared by every upsert. A field left `undefined` (or given as an empty string)
 * is not sent and stays as it is; `null` clears it.
 */
export interface UpsertBase {
  /** The QuickBooks ListID, stored as the record's external id. */
  externalId: string;
  /** The ProgressionLIVE id when the connector already knows it (its own map). */
  id?: string;
  /** `false` deactivates the record (it is never deleted); `true` reactivates it. */
  active?: boolean;
  /** Dynamic properties by group-qualified name, e.g. `quickbooks.typeArticle`. */
  properties?: Record<string, PlPropertyValue>;
}

export interface ClientUpsert extends UpsertBase {
  /** The client type; required when the client is created. */
  typeRef?: PlRefInput;
  label?: string | null;
  lang?: 'fr' | 'en' | null;
  address?: PlAddress | null;
}

/** A location (work site) of a client. */
export interface NodeUpsert extends UpsertBase {
  typeRef?: PlRefInput;
  label?: string | null;
  clientRef?: PlRefInput | null;
  address?: PlAddress | null;
}

export interface ProductUpsert extends UpsertBase {
  typeRef?: PlRefInput;
  label?: string | null;
  code?: string | null;
  description?: string | null;
  /** Unit price as a decimal string. */
  price?: string | null;
  taxable?: boolean | null;
}

/** A value of a dynamic entity type such as "Classe" or "Site". */
export interface EntityValueUpsert extends UpsertBase {
  typeRef?: PlRefInput;
  label?: string | null;
}

/** Paging and filtering of a stage listing. */
export interface ListTasksOptions {
  /** Only tasks of these task types; all types when absent or empty. */
  taskTypeIds?: string[];
  offset?: number;
  /** At most this many (the service may cap it lower). */
  count?: number;
}

/** What the connector asks of ProgressionLIVE. Every method may throw ProgressionLiveError. */
export interface ProgressionLivePort {
  /** Logs in (sessions are otherwise opened lazily, on the first call). */
  openSession(): Promise<void>;
  /** Logs out; the next call logs in again. */
  closeSession(): Promise<void>;
  getTask(taskId: string): Promise<PlTask>;
  /** Tasks whose current step has this logic id, in id order. */
  listTasksAtStage(logicId: number, opts?: ListTasksOptions): Promise<PlTaskSummary[]>;
  getTaskType(id: string): Promise<PlTaskType>;
  findTypeByLabel(kind: PlTypeKind, label: string): Promise<PlRef | null>;
  findByExternalId(kind: PlRecordKind, externalId: string): Promise<PlRef | null>;
  upsertClient(input: ClientUpsert): Promise<PlRef>;
  /** A location (work site) of a client. */
  upsertNode(input: NodeUpsert): Promise<PlRef>;
  /**
   * The client's live locations (deactivated ones are not listed), e.g. to find one at a
   * job's address before creating another.
   */
  listClientNodes(clientId: string): Promise<PlNode[]>;
  upsertProduct(input: ProductUpsert): Promise<PlRef>;
  /** A value of the "Classe" or "Site" dynamic entity type. */
  upsertEntityValue(input: EntityValueUpsert): Promise<PlRef>;
  /** Writes a text dynamic property on a task (e.g. the QuickBooks invoice number). */
  setTaskProperty(taskId: string, name: string, value: string): Promise<void>;
  /** Moves a task to the workflow step with this logic id (e.g. 700 → 750). */
  progressTask(taskId: string, logicId: number, at?: Date): Promise<void>;
  /** Whether the service answers at all (no credentials are checked). */
  ping(): Promise<boolean>;
}
