import {
  allFields,
  RECORD_CLASS,
  RECORD_TYPES,
  type RecordTypeName,
} from '../schema/wire-schema';
import { asAny, isWireObject, list, str, type WireObject } from '../soap/wire-value';
import { fault } from './fake-fault';

/**
 * Records by RecordType, held in their wire shape. References inside a record are kept
 * as `{Id, Type}` and given their current Label and ExternalId only when read, so that a
 * renamed client shows its new name on every task that points at it.
 */
export class RecordTables {
  private readonly tables = new Map<RecordTypeName, Map<string, WireObject>>();
  /** Each type's records in id order, kept until a record is added (searches read it often). */
  private readonly ordered = new Map<RecordTypeName, WireObject[]>();
  private nextId = 1000;

  newId(): string {
    this.nextId += 1;
    return String(this.nextId);
  }

  get(type: RecordTypeName, id: string): WireObject | undefined {
    return this.table(type).get(normaliseId(id));
  }

  put(type: RecordTypeName, record: WireObject): void {
    const table = this.table(type);
    const id = str(record['Id']) as string;
    const previous = table.get(id);
    const ordered = this.ordered.get(type);
    if (previous === undefined) this.ordered.delete(type);
    else if (previous !== record && ordered) ordered[ordered.indexOf(previous)] = record;
    table.set(id, record);
  }

  /** Every record of a type, removed ones included, in id order (do not modify the array). */
  all(type: RecordTypeName): WireObject[] {
    let ordered = this.ordered.get(type);
    if (!ordered) {
      ordered = [...this.table(type).values()].sort((a, b) => compareIds(a['Id'], b['Id']));
      this.ordered.set(type, ordered);
    }
    return ordered;
  }

  /** Records not marked removed: what searches see. */
  live(type: RecordTypeName): WireObject[] {
    return this.all(type).filter((r) => r['removed'] === undefined);
  }

  /** The record holding this external id, removed or not (the id stays taken). */
  byExternalId(type: RecordTypeName, externalId: string): WireObject | undefined {
    return this.all(type).find((r) => r['ExternalId'] === externalId);
  }

  /** Resolves a RecordRef by Id, else by ExternalId, else by Label within its type. */
  resolve(ref: WireObject, expected: RecordTypeName | undefined, path: string) {
    const type = refType(ref, expected, path);
    const record = this.find(type, ref, path);
    return { type, record };
  }

  /** A stored reference: the two parts that identify a record. */
  refTo(type: RecordTypeName, record: WireObject): WireObject {
    return { Id: str(record['Id']) ?? null, Type: type };
  }

  /** A reference as the service returns it, with the target's current label. */
  renderRef(ref: WireObject): WireObject {
    const type = str(ref['Type']) as RecordTypeName | undefined;
    const id = str(ref['Id']);
    const target = type && id ? this.get(type, id) : undefined;
    const out: WireObject = { Id: id ?? null, Type: type ?? null };
    const label = str(target?.['Label']) ?? str(target?.['Code']);
    if (label !== undefined) out['Label'] = label;
    const externalId = str(target?.['ExternalId']);
    if (externalId !== undefined) out['ExternalId'] = externalId;
    return out;
  }

  /** A deep copy of a stored value of `typeName`, references given their labels. */
  render(typeName: string, value: WireObject): WireObject {
    const type = value.$type ?? typeName;
    const out: WireObject = value.$type ? { $type: value.$type } : {};
    for (const field of allFields(type)) {
      const fieldValue = value[field.name];
      if (fieldValue === undefined || fieldValue === null) continue;
      out[field.name] = this.renderField(field.type, fieldValue as WireObject | string);
    }
    return out;
  }

  clear(): void {
    this.tables.clear();
    this.ordered.clear();
    this.nextId = 1000;
  }

  private renderField(type: string, value: WireObject | string): WireObject | string {
    if (typeof value === 'string') return value;
    if (type === 'RecordRef') return this.renderRef(value);
    if (type === 'ArrayOfRecordRef') {
      return { RecordRef: list(value['RecordRef']).map((r) => this.renderRef(r)) };
    }
    if (type === 'ArrayOfProperty') return this.renderProperties(value);
    if (type === 'ArrayOfRecord') {
      return { Record: list(value['Record']).map((r) => this.render('Record', r)) };
    }
    return this.render(type, value);
  }

  private renderProperties(value: WireObject): WireObject {
    const items = list(value['Property']).map((p) => {
      const any = asAny(p['Value']);
      if (any?.$type !== 'RecordRef' || !isWireObject(any.value))
        return structuredClone(p);
      return {
        Name: p['Name'] ?? null,
        Value: { $type: any.$type, value: this.renderRef(any.value) },
      };
    });
    return { Property: items } as WireObject;
  }

  private find(type: RecordTypeName, ref: WireObject, path: string): WireObject {
    const id = str(ref['Id']);
    const externalId = str(ref['ExternalId']);
    const label = str(ref['Label']);
    if (id !== undefined) return this.found(this.get(type, id), `${type} ${id}`);
    if (externalId !== undefined) {
      return this.found(
        this.byExternalId(type, externalId),
        `${type} externalId ${externalId}`,
      );
    }
    if (label !== undefined) return this.byLabel(type, label);
    throw fault.validation(`${path}: a RecordRef needs an Id, an ExternalId or a Label`);
  }

  private byLabel(type: RecordTypeName, label: string): WireObject {
    const matches = this.live(type).filter((r) => r['Label'] === label);
    if (matches.length > 1) {
      throw fault.validation(`${matches.length} ${type} records are labelled "${label}"`);
    }
    return this.found(matches[0], `${type} labelled "${label}"`);
  }

  private found(record: WireObject | undefined, what: string): WireObject {
    if (!record) throw fault.notFound(`No ${what}`);
    return record;
  }

  private table(type: RecordTypeName): Map<string, WireObject> {
    let table = this.tables.get(type);
    if (!table) {
      table = new Map();
      this.tables.set(type, table);
    }
    return table;
  }
}

function refType(ref: WireObject, expected: RecordTypeName | undefined, path: string) {
  const given = str(ref['Type']) as RecordTypeName | undefined;
  if (given && expected && given !== expected) {
    throw fault.validation(`${path}: expected a ${expected} reference, got ${given}`);
  }
  const type = given ?? expected;
  if (!type) throw fault.validation(`${path}: the RecordRef has no Type`);
  if (!RECORD_CLASS[type]) {
    throw fault.validation(`${path}: the fake does not hold ${type} records`);
  }
  return type;
}

function normaliseId(id: string): string {
  return /^[+-]?\d+$/.test(id) ? BigInt(id).toString() : id;
}

function compareIds(a: unknown, b: unknown): number {
  const x = BigInt(String(a));
  const y = BigInt(String(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isRecordType(value: string): value is RecordTypeName {
  return (RECORD_TYPES as readonly string[]).includes(value);
}
