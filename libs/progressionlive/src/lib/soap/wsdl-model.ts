import type { Client } from 'soap';

/** The parts of node-soap's parsed WSDL elements that the model reads. */
interface SchemaNode {
  constructor: { name: string };
  children?: SchemaNode[];
  $name?: string;
  $type?: string;
  $base?: string;
  $maxOccurs?: string;
  $value?: string;
}

interface SchemaElement {
  $elementFormDefault?: string;
  complexTypes: Record<string, SchemaNode>;
  types: Record<string, SchemaNode>;
}

interface Definitions {
  $targetNamespace?: string;
  schemas: Record<string, SchemaElement>;
  portTypes: Record<string, { methods: Record<string, { input?: SchemaNode }> }>;
}

/** One element of a complex type, as the WSDL spells it. */
export interface WsdlField {
  name: string;
  /** The local name of its type (`string`, `RecordRef`, ...). */
  type: string;
  many: boolean;
}

/**
 * What the adapter learns from the company's own WSDL instead of assuming it: the target
 * namespace, the spelling of every element (`Properties` or `properties`), the values of
 * enums such as RecordType, and which operations exist.
 */
export class WsdlModel {
  readonly targetNamespace: string;
  /** Whether local elements are namespace-qualified (elementFormDefault="qualified"). */
  readonly qualified: boolean;
  private readonly defs: Definitions;
  private readonly fieldCache = new Map<string, Map<string, WsdlField>>();
  private readonly anonymous = new Map<string, SchemaNode>();

  constructor(client: Client) {
    this.defs = (
      client as unknown as { wsdl: { definitions: Definitions } }
    ).wsdl.definitions;
    this.targetNamespace = this.defs.$targetNamespace ?? '';
    const schema = this.defs.schemas[this.targetNamespace];
    this.qualified = schema?.$elementFormDefault === 'qualified';
  }

  hasOperation(name: string): boolean {
    return Object.values(this.defs.portTypes).some((pt) => name in pt.methods);
  }

  /**
   * The complex type of an operation's request element; an element declared with an
   * anonymous type gets a private name so that its fields can be read the same way.
   */
  inputTypeOf(operation: string): string | undefined {
    for (const portType of Object.values(this.defs.portTypes)) {
      const input = portType.methods[operation]?.input;
      if (input?.$type) return localName(input.$type);
      if (input) {
        const name = `#${operation}`;
        this.anonymous.set(name, input);
        return name;
      }
    }
    return undefined;
  }

  /** The spelling the WSDL uses for a type name, matched without regard to case. */
  typeName(name: string): string | undefined {
    const lower = name.toLowerCase();
    for (const schema of Object.values(this.defs.schemas)) {
      const found = Object.keys(schema.complexTypes).find(
        (n) => n.toLowerCase() === lower,
      );
      if (found) return found;
    }
    return undefined;
  }

  enumValues(typeName: string): string[] {
    for (const schema of Object.values(this.defs.schemas)) {
      const simple = schema.types[typeName];
      if (simple) return collect(simple, 'EnumerationElement').map((e) => e.$value ?? '');
    }
    return [];
  }

  /** A type's elements keyed by lower-cased name, its base types' included. */
  fields(typeName: string): Map<string, WsdlField> {
    let cached = this.fieldCache.get(typeName);
    if (!cached) {
      cached = new Map();
      this.collectFields(typeName, cached, 0);
      this.fieldCache.set(typeName, cached);
    }
    return cached;
  }

  private complexType(name: string): SchemaNode | undefined {
    if (this.anonymous.has(name)) return this.anonymous.get(name);
    for (const schema of Object.values(this.defs.schemas)) {
      if (schema.complexTypes[name]) return schema.complexTypes[name];
    }
    return undefined;
  }

  private baseOf(typeName: string): string | undefined {
    const node = this.complexType(typeName);
    const extension = node ? collect(node, 'ExtensionElement')[0] : undefined;
    return extension?.$base ? localName(extension.$base) : undefined;
  }

  private collectFields(
    typeName: string,
    into: Map<string, WsdlField>,
    depth: number,
  ): void {
    const node = this.complexType(typeName);
    if (!node || depth > 16) return;
    const base = this.baseOf(typeName);
    if (base) this.collectFields(base, into, depth + 1);
    for (const element of collect(node, 'ElementElement')) {
      if (!element.$name) continue;
      into.set(element.$name.toLowerCase(), {
        name: element.$name,
        type: localName(element.$type ?? 'anyType'),
        many: element.$maxOccurs === 'unbounded' || Number(element.$maxOccurs) > 1,
      });
    }
  }
}

/** Descendants of a given node class, not descending into nested element declarations. */
function collect(node: SchemaNode, className: string): SchemaNode[] {
  const out: SchemaNode[] = [];
  for (const child of node.children ?? []) {
    if (child.constructor.name === className) out.push(child);
    if (child.constructor.name !== 'ElementElement')
      out.push(...collect(child, className));
  }
  return out;
}

export function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i >= 0 ? qname.slice(i + 1) : qname;
}
