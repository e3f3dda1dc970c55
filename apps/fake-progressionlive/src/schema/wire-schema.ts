// The XML schema the fake serves and enforces, written once here: the WSDL is generated
// from it and every request is decoded against it, so the two cannot drift apart.
//
// Names come from the public record of ProgressionLIVE's v2 service (the generated PHP
// client's classes and the help pages). Where the record is silent the choice is marked
// "guess" and listed in the README; the adapter must read those from the real WSDL.

export const TNS = 'urn:fake-progressionlive:ProgressionWebService:v2';
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

export type ScalarType =
  | 'string'
  | 'int'
  | 'long'
  | 'boolean'
  | 'float'
  | 'double'
  | 'decimal'
  | 'dateTime'
  | 'anyType';

export interface FieldDef {
  name: string;
  /** A scalar, an enum name or a complex type name. */
  type: string;
  required?: boolean;
  many?: boolean;
}

export interface ComplexTypeDef {
  name: string;
  base?: string;
  abstract?: boolean;
  fields: FieldDef[];
}

export interface OperationDef {
  name: string;
  input: string;
  output: string;
}

const SCALARS = new Set<string>([
  'string',
  'int',
  'long',
  'boolean',
  'float',
  'double',
  'decimal',
  'dateTime',
  'anyType',
]);

export function isScalar(type: string): type is ScalarType {
  return SCALARS.has(type);
}

const f = (name: string, type: string, extra: Partial<FieldDef> = {}): FieldDef => ({
  name,
  type,
  ...extra,
});

const ref = (name: string) => f(name, 'RecordRef');

/** RecordType: the documented v1 list plus the v2 constants; DYNAMIC_ENTITY* is a guess. */
export const RECORD_TYPES = [
  'CIE',
  'CLIENT',
  'CLIENT_TYPE',
  'DISPONIBILITY',
  'HUMAN_RESOURCE',
  'HUMAN_RESOURCE_TYPE',
  'MOBILECONF',
  'NODE',
  'NODE_TYPE',
  'PRODUCT',
  'PRODUCT_IMAGE',
  'PRODUCT_PRICE',
  'PRODUCT_PRICE_LIST',
  'PRODUCT_TYPE',
  'PROPERTY_CONFIGURATION',
  'PROPERTY_CONFIGURATIONS',
  'PROPERTY_DEFINITION',
  'PROPERTY_GROUP',
  'PROPERTY_OPTIONS_LIST',
  'RELATED_PRODUCT',
  'RESOURCE',
  'RESOURCE_TYPE',
  'ROLE',
  'TAG',
  'TASK',
  'TASK_ATTACHMENT',
  'TASK_COMMENT',
  'TASK_ITEM',
  'TASK_ITEM_LIST',
  'TASK_ITEM_TYPE',
  'TASK_PRIORITY',
  'TASK_SIGNATURE',
  'TASK_STATE',
  'TASK_TYPE',
  'TAX',
  'TAX_AMOUNT',
  'TAX_CONFIG',
  'USER',
  'WORKFLOW',
  'WORKFLOW_STEP',
  'WORKFLOW_TRANSITION',
  'ATTACHMENT_TYPE',
  'DYNAMIC_ENTITY',
  'DYNAMIC_ENTITY_TYPE',
] as const;

export type RecordTypeName = (typeof RECORD_TYPES)[number];

/** Guess: the record shows the enum exists but not its values. */
export const RECORD_FIELD_TYPES = ['FIELD', 'PROPERTY', 'META'] as const;

/** Guess: the record shows `ProgressionWebServiceFault{Message, Type}` but not the values. */
export const FAULT_TYPES = [
  'AUTHENTICATION',
  'VALIDATION',
  'NOT_FOUND',
  'UNSUPPORTED_QUERY',
  'INTERNAL',
] as const;

export type FaultTypeName = (typeof FAULT_TYPES)[number];

export const ENUMS: Record<string, readonly string[]> = {
  RecordType: RECORD_TYPES,
  RecordFieldType: RECORD_FIELD_TYPES,
  FaultType: FAULT_TYPES,
};

const RECORD_FIELDS: FieldDef[] = [
  f('Id', 'long'),
  f('UID', 'string'),
  f('ExternalId', 'string'),
  f('removed', 'dateTime'),
  f('updated', 'dateTime'),
  f('created', 'dateTime'),
  f('Properties', 'ArrayOfProperty'),
  f('Metas', 'ArrayOfProperty'),
  f('Tags', 'ArrayOfRecordRef'),
  ref('CreatorRef'),
];

const TYPE_FIELDS: FieldDef[] = [
  f('Label', 'string'),
  f('defaultType', 'boolean'),
  f('allowCreate', 'boolean'),
  f('mobileAllowCreate', 'boolean'),
];

// The public client makes these five parts constructor arguments, which suggests
// minOccurs="1"; whether the service refuses an address without them is unknown, so the
// WSDL says required and the store does not insist (QuickBooks addresses are often partial).
const ADDRESS_FIELDS: FieldDef[] = [
  f('Address', 'string', { required: true }),
  f('App', 'string'),
  f('City', 'string', { required: true }),
  f('Province', 'string', { required: true }),
  f('Country', 'string', { required: true }),
  f('PostalCode', 'string', { required: true }),
  f('Phone', 'string'),
  f('Fax', 'string'),
  f('Email', 'string'),
];

const withCredentials = (name: string, fields: FieldDef[]): ComplexTypeDef => ({
  name,
  fields: [f('credentials', 'Credentials'), ...fields],
});

/** Data types, in dependency-free order (the WSDL lists them as they come). */
export const COMPLEX_TYPES: ComplexTypeDef[] = [
  {
    name: 'Credentials',
    fields: ['SessionID', 'DeviceID', 'ClientVersion', 'Username', 'Password'].map((n) =>
      f(n, 'string'),
    ),
  },
  {
    name: 'RecordRef',
    fields: [
      f('Id', 'long'),
      f('UID', 'string'),
      f('Type', 'RecordType'),
      f('Label', 'string'),
      f('ExternalId', 'string'),
    ],
  },
  { name: 'ArrayOfRecordRef', fields: [f('RecordRef', 'RecordRef', { many: true })] },
  {
    name: 'Property',
    fields: [f('Name', 'string', { required: true }), f('Value', 'anyType')],
  },
  { name: 'ArrayOfProperty', fields: [f('Property', 'Property', { many: true })] },
  { name: 'ArrayOfRecord', fields: [f('Record', 'Record', { many: true })] },
  { name: 'ArrayOfInt', fields: [f('Value', 'int', { many: true })] },
  { name: 'ArrayOfString', fields: [f('Value', 'string', { many: true })] },
  { name: 'Record', abstract: true, fields: RECORD_FIELDS },
  { name: 'Type', base: 'Record', abstract: true, fields: TYPE_FIELDS },
  { name: 'ClientType', base: 'Type', fields: [] },
  { name: 'NodeType', base: 'Type', fields: [] },
  { name: 'ProductType', base: 'Type', fields: [] },
  { name: 'DynamicEntityType', base: 'Type', fields: [] },
  {
    name: 'TaskType',
    base: 'Type',
    fields: [
      ref('WorkflowRef'),
      f('CodePrefix', 'string'),
      f('ProductBilling', 'boolean'),
      f('QuantityConfirm', 'boolean'),
    ],
  },
  { name: 'Address', fields: ADDRESS_FIELDS },
  {
    name: 'Client',
    base: 'Record',
    fields: [
      ref('TypeRef'),
      ref('ProductPriceListRef'),
      ref('TaxConfigRef'),
      f('Nodes', 'ArrayOfRecordRef'),
      f('Address', 'Address'),
      f('Label', 'string'),
      f('Lang', 'string'),
    ],
  },
  {
    name: 'Node',
    base: 'Record',
    fields: [
      ref('TypeRef'),
      f('Address', 'Address'),
      ref('ClientRef'),
      f('Label', 'string'),
    ],
  },
  {
    name: 'Product',
    base: 'Record',
    fields: [
      ref('TypeRef'),
      ref('ProductCategoryRef'),
      ref('TaskItemTypeRef'),
      f('Label', 'string'),
      f('code', 'string'),
      f('description', 'string'),
      f('Price', 'float'),
      f('Taxable', 'boolean'),
    ],
  },
  {
    name: 'DynamicEntity',
    base: 'Record',
    fields: [f('Label', 'string'), ref('TypeRef')],
  },
  { name: 'User', base: 'Record', fields: [f('Label', 'string'), f('Email', 'string')] },
  {
    name: 'TaskState',
    base: 'Record',
    fields: [
      ref('WorkflowStepRef'),
      f('LogicId', 'int'),
      f('Datetime', 'dateTime'),
      ref('HumanResourceRef'),
      ref('UserRef'),
    ],
  },
  {
    name: 'TaskItem',
    base: 'Record',
    fields: [
      ref('ProductRef'),
      ref('TaskItemTypeRef'),
      f('Label', 'string'),
      f('Price', 'float'),
      f('Quantity', 'float'),
      f('QuantityConfirmed', 'float'),
      f('Rebate', 'float'),
      f('Taxable', 'boolean'),
      f('Total', 'float'),
    ],
  },
  { name: 'TaxAmount', base: 'Record', fields: [ref('TaxRef'), f('Amount', 'float')] },
  {
    name: 'TaskItemList',
    base: 'Record',
    fields: [
      f('TaskItems', 'ArrayOfRecord'),
      f('TaxAmounts', 'ArrayOfRecord'),
      f('SubTotal', 'float'),
      f('RoundedTotal', 'float'),
      f('Total', 'float'),
    ],
  },
  {
    name: 'Task',
    base: 'Record',
    fields: [
      ref('TypeRef'),
      ref('PriorityRef'),
      ref('HumanResourceRef'),
      f('Code', 'string'),
      f('Summary', 'string'),
      f('Description', 'string'),
      f('Lang', 'string'),
      f('Rv', 'dateTime'),
      f('CurrentState', 'TaskState'),
      f('TaskItemList', 'TaskItemList'),
      ref('ClientRef'),
      f('ClientAddress', 'Address'),
      ref('NodeRef'),
      f('NodeAddress', 'Address'),
    ],
  },
  {
    name: 'WorkflowStep',
    base: 'Record',
    fields: [f('LogicId', 'int'), f('ActionLabel', 'string'), f('StatusLabel', 'string')],
  },
  {
    name: 'Workflow',
    base: 'Record',
    fields: [f('Label', 'string'), f('Steps', 'ArrayOfRecord')],
  },
  { name: 'SearchLimit', fields: [f('Offset', 'int'), f('Count', 'int')] },
  {
    name: 'ProgressionWebServiceFault',
    fields: [f('Message', 'string'), f('Type', 'FaultType')],
  },
];

/** Request and response wrappers: one global element each, of the same-named type. */
export const MESSAGE_TYPES: ComplexTypeDef[] = [
  withCredentials('LoginRequest', []),
  { name: 'LoginResponse', fields: [f('credentials', 'Credentials')] },
  withCredentials('LogoutRequest', []),
  { name: 'LogoutResponse', fields: [] },
  withCredentials('EchoRequest', [f('message', 'string')]),
  { name: 'EchoResponse', fields: [f('message', 'string')] },
  withCredentials('GetRecordRequest', [ref('recordRef')]),
  { name: 'GetRecordResponse', fields: [f('record', 'Record')] },
  withCredentials('SearchRecordsRequest', [
    f('recordType', 'RecordType'),
    f('query', 'string'),
    f('parameters', 'ArrayOfProperty'),
    f('limit', 'SearchLimit'),
  ]),
  { name: 'SearchRecordsResponse', fields: [f('records', 'ArrayOfRecord')] },
  { name: 'SearchRecordRefsResponse', fields: [f('recordRefs', 'ArrayOfRecordRef')] },
  withCredentials('CreateRecordRequest', [ref('parentRecordRef'), f('record', 'Record')]),
  { name: 'CreateRecordResponse', fields: [ref('recordRef')] },
  withCredentials('UpdateRecordRequest', [f('record', 'Record'), ref('parentRecordRef')]),
  { name: 'UpdateRecordResponse', fields: [ref('recordRef')] },
  withCredentials('UpdateRecordFieldRequest', [
    ref('recordRef'),
    f('recordFieldType', 'RecordFieldType'),
    f('property', 'Property'),
  ]),
  { name: 'UpdateRecordFieldResponse', fields: [] },
  withCredentials('DeleteRecordRequest', [ref('recordRef')]),
  { name: 'DeleteRecordResponse', fields: [] },
  withCredentials('ProgressTaskToLogicIdRequest', [
    ref('taskRef'),
    f('logicId', 'int'),
    f('datetime', 'dateTime'),
  ]),
  { name: 'ProgressTaskToLogicIdResponse', fields: [ref('taskStateRef')] },
];

/**
 * SearchRecords and SearchRecordRefs share one request element, as in the public client,
 * so the server tells them apart by SOAPAction (the WSDL declares one per operation).
 */
export const OPERATIONS: OperationDef[] = [
  { name: 'Login', input: 'LoginRequest', output: 'LoginResponse' },
  { name: 'Logout', input: 'LogoutRequest', output: 'LogoutResponse' },
  { name: 'Echo', input: 'EchoRequest', output: 'EchoResponse' },
  { name: 'GetRecord', input: 'GetRecordRequest', output: 'GetRecordResponse' },
  {
    name: 'SearchRecords',
    input: 'SearchRecordsRequest',
    output: 'SearchRecordsResponse',
  },
  {
    name: 'SearchRecordRefs',
    input: 'SearchRecordsRequest',
    output: 'SearchRecordRefsResponse',
  },
  { name: 'CreateRecord', input: 'CreateRecordRequest', output: 'CreateRecordResponse' },
  { name: 'UpdateRecord', input: 'UpdateRecordRequest', output: 'UpdateRecordResponse' },
  {
    name: 'UpdateRecordField',
    input: 'UpdateRecordFieldRequest',
    output: 'UpdateRecordFieldResponse',
  },
  { name: 'DeleteRecord', input: 'DeleteRecordRequest', output: 'DeleteRecordResponse' },
  {
    name: 'ProgressTaskToLogicId',
    input: 'ProgressTaskToLogicIdRequest',
    output: 'ProgressTaskToLogicIdResponse',
  },
];

export type OperationName =
  | 'Login'
  | 'Logout'
  | 'Echo'
  | 'GetRecord'
  | 'SearchRecords'
  | 'SearchRecordRefs'
  | 'CreateRecord'
  | 'UpdateRecord'
  | 'UpdateRecordField'
  | 'DeleteRecord'
  | 'ProgressTaskToLogicId';

/** Which complex type holds a record of each RecordType the fake stores. */
export const RECORD_CLASS: Partial<Record<RecordTypeName, string>> = {
  CLIENT: 'Client',
  CLIENT_TYPE: 'ClientType',
  NODE: 'Node',
  NODE_TYPE: 'NodeType',
  PRODUCT: 'Product',
  PRODUCT_TYPE: 'ProductType',
  DYNAMIC_ENTITY: 'DynamicEntity',
  DYNAMIC_ENTITY_TYPE: 'DynamicEntityType',
  TASK: 'Task',
  TASK_TYPE: 'TaskType',
  TASK_STATE: 'TaskState',
  USER: 'User',
  WORKFLOW: 'Workflow',
  WORKFLOW_STEP: 'WorkflowStep',
};

export function recordTypeOfClass(className: string): RecordTypeName | undefined {
  const entry = Object.entries(RECORD_CLASS).find(([, c]) => c === className);
  return entry?.[0] as RecordTypeName | undefined;
}

const ALL_TYPES = new Map<string, ComplexTypeDef>(
  [...COMPLEX_TYPES, ...MESSAGE_TYPES].map((t) => [t.name, t]),
);

export function complexType(name: string): ComplexTypeDef | undefined {
  return ALL_TYPES.get(name);
}

/** A type's fields, its bases' first, as an XSD extension orders them. */
export function allFields(typeName: string): FieldDef[] {
  const def = ALL_TYPES.get(typeName);
  if (!def) return [];
  return [...(def.base ? allFields(def.base) : []), ...def.fields];
}

export function isSubtypeOf(typeName: string, ancestor: string): boolean {
  if (typeName === ancestor) return true;
  const base = ALL_TYPES.get(typeName)?.base;
  return base ? isSubtypeOf(base, ancestor) : false;
}
