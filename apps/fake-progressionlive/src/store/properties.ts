import type { RecordTypeName } from '../schema/wire-schema';
import { isWireObject, str, type WireAny, type WireObject } from '../soap/wire-value';
import { fault } from './fake-fault';

export type PropertyValueType =
  'STRING' | 'INTEGER' | 'DECIMAL' | 'BOOLEAN' | 'DATETIME' | 'ENTITY';

/** A dynamic property as a company configures it on one record type. */
export interface PropertyDefinition {
  recordType: RecordTypeName;
  /** Group-qualified, e.g. `facturation.numeroFacture`. */
  name: string;
  valueType: PropertyValueType;
  /** For ENTITY properties: the DynamicEntityType whose entities are allowed. */
  entityTypeId?: string;
  /** Workflow logic ids at which a task may not be without this property. */
  mandatoryInLogicIds?: number[];
}

// The xsi:types that can carry each value type. The public record only shows xsd:string
// in callers' code; the rule that the value must match the definition is documented.
const ACCEPTED: Record<PropertyValueType, string[]> = {
  STRING: ['xsd:string'],
  INTEGER: ['xsd:int', 'xsd:long'],
  DECIMAL: ['xsd:decimal', 'xsd:double', 'xsd:float'],
  BOOLEAN: ['xsd:boolean'],
  DATETIME: ['xsd:dateTime'],
  ENTITY: ['RecordRef'],
};

const QUALIFIED_NAME = /^[A-Za-z][\w-]*\.[A-Za-z][\w-]*$/;

export class PropertyDefinitions {
  private readonly defs = new Map<string, PropertyDefinition>();

  define(def: PropertyDefinition): void {
    if (!QUALIFIED_NAME.test(def.name)) {
      throw new Error(`property names are group-qualified (group.name): ${def.name}`);
    }
    if (def.valueType === 'ENTITY' && !def.entityTypeId) {
      throw new Error(`ENTITY property ${def.name} needs an entityTypeId`);
    }
    this.defs.set(key(def.recordType, def.name), { ...def });
  }

  get(recordType: RecordTypeName, name: string): PropertyDefinition | undefined {
    return this.defs.get(key(recordType, name));
  }

  forType(recordType: RecordTypeName): PropertyDefinition[] {
    return [...this.defs.values()].filter((d) => d.recordType === recordType);
  }

  clear(): void {
    this.defs.clear();
  }
}

function key(recordType: string, name: string): string {
  return `${recordType}/${name}`;
}

/** Resolves an ENTITY value's reference to a stored DynamicEntity. */
export type EntityResolver = (ref: WireObject) => WireObject;

/**
 * Checks a value against its definition and returns what is stored. An ENTITY value must
 * reference an existing entity of the definition's entity type.
 */
export function checkPropertyValue(
  def: PropertyDefinition,
  value: WireAny,
  resolveEntity: EntityResolver,
): WireAny {
  if (value.$type === null) {
    throw fault.validation(`${def.name}: the value needs an xsi:type (${def.valueType})`);
  }
  if (!ACCEPTED[def.valueType].includes(value.$type)) {
    throw fault.validation(
      `${def.name} is ${def.valueType}; a value of type ${value.$type} does not fit`,
    );
  }
  if (def.valueType !== 'ENTITY') return value;
  return { $type: 'RecordRef', value: checkEntity(def, value, resolveEntity) };
}

function checkEntity(def: PropertyDefinition, value: WireAny, resolve: EntityResolver) {
  if (!isWireObject(value.value))
    throw fault.validation(`${def.name}: empty entity reference`);
  const entity = resolve(value.value);
  const typeRef = entity['TypeRef'];
  const entityTypeId = isWireObject(typeRef) ? str(typeRef['Id']) : undefined;
  if (entityTypeId !== def.entityTypeId) {
    throw fault.validation(
      `${def.name} takes entities of type ${def.entityTypeId}; entity ${str(entity['Id'])} is of type ${entityTypeId}`,
    );
  }
  return { Id: str(entity['Id']) ?? null, Type: 'DYNAMIC_ENTITY' };
}

/** Whether a stored property counts as filled in (for mandatory-at-step checks). */
export function isFilled(value: WireAny | undefined): boolean {
  if (!value) return false;
  if (typeof value.value === 'string') return value.value.trim() !== '';
  return isWireObject(value.value);
}
