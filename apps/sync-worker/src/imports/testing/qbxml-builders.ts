// Generated QuickBooks answers for import tests, shaped like what QuickBooks returns
// (element order of the 13.0 schema, statuses as attributes, iterator attributes).

export function xmlText(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

type Leaf = string | number | boolean | undefined | null;
type Tree = { [element: string]: Leaf | Tree | Tree[] };

/** Elements in the order given; undefined leaves are left out. */
export function element(name: string, content: Leaf | Tree | Tree[]): string {
  if (content === undefined || content === null) return '';
  if (Array.isArray(content)) return content.map((item) => element(name, item)).join('');
  if (typeof content !== 'object')
    return `<${name}>${xmlText(String(content))}</${name}>`;
  const inner = Object.entries(content)
    .map(([child, value]) => element(child, value))
    .join('');
  return `<${name}>${inner}</${name}>`;
}

export interface AddressInput {
  Addr1?: string;
  Addr2?: string;
  Addr3?: string;
  City?: string;
  State?: string;
  PostalCode?: string;
  Country?: string;
}

export interface CustomerInput {
  ListID: string;
  Name: string;
  FullName?: string;
  TimeModified?: string;
  EditSequence?: string;
  IsActive?: boolean;
  ParentRef?: { ListID: string; FullName: string };
  Sublevel?: number;
  CompanyName?: string;
  FirstName?: string;
  LastName?: string;
  BillAddress?: AddressInput;
  ShipAddress?: AddressInput;
  Phone?: string;
  Email?: string;
}

export function customerRet(input: CustomerInput): string {
  return element('CustomerRet', {
    ListID: input.ListID,
    TimeCreated: '2020-01-01T08:00:00-05:00',
    TimeModified: input.TimeModified ?? '2024-06-01T08:00:00-05:00',
    EditSequence: input.EditSequence ?? '1717243200',
    Name: input.Name,
    FullName: input.FullName ?? input.Name,
    IsActive: input.IsActive ?? true,
    ParentRef: input.ParentRef,
    Sublevel: input.Sublevel ?? 0,
    CompanyName: input.CompanyName,
    FirstName: input.FirstName,
    LastName: input.LastName,
    BillAddress: input.BillAddress as Tree | undefined,
    ShipAddress: input.ShipAddress as Tree | undefined,
    Phone: input.Phone,
    Email: input.Email,
    JobStatus: 'None',
  });
}

/** A job of `parent` (a customer or another job), one level below it. */
export function jobRet(
  parent: { ListID: string; FullName: string; Sublevel?: number },
  input: Omit<CustomerInput, 'ParentRef' | 'Sublevel' | 'FullName'>,
): string {
  return customerRet({
    ...input,
    FullName: `${parent.FullName}:${input.Name}`,
    ParentRef: { ListID: parent.ListID, FullName: parent.FullName },
    Sublevel: (parent.Sublevel ?? 0) + 1,
  });
}

export interface ItemInput {
  ListID: string;
  Name: string;
  FullName?: string;
  TimeModified?: string;
  IsActive?: boolean;
  Price?: string;
  Desc?: string;
}

/** A service item priced on the sales side only (`SalesOrPurchase`). */
export function itemServiceRet(input: ItemInput): string {
  return element('ItemServiceRet', {
    ...listHead(input),
    SalesOrPurchase: { Desc: input.Desc, Price: input.Price },
  });
}

/** An inventory part: description and price are flat. */
export function itemInventoryRet(input: ItemInput): string {
  return element('ItemInventoryRet', {
    ...listHead(input),
    SalesDesc: input.Desc,
    SalesPrice: input.Price,
    QuantityOnHand: '3',
  });
}

/** A non-inventory part bought and sold (`SalesAndPurchase`). */
export function itemNonInventoryRet(input: ItemInput): string {
  return element('ItemNonInventoryRet', {
    ...listHead(input),
    SalesAndPurchase: {
      SalesDesc: input.Desc,
      SalesPrice: input.Price,
      PurchaseCost: '1.00',
    },
  });
}

function listHead(input: {
  ListID: string;
  Name: string;
  FullName?: string;
  TimeModified?: string;
  IsActive?: boolean;
}): Tree {
  return {
    ListID: input.ListID,
    TimeCreated: '2020-01-01T08:00:00-05:00',
    TimeModified: input.TimeModified ?? '2024-06-01T08:00:00-05:00',
    EditSequence: '1717243200',
    Name: input.Name,
    FullName: input.FullName ?? input.Name,
    IsActive: input.IsActive ?? true,
    Sublevel: (input.FullName ?? input.Name).split(':').length - 1,
  };
}

export function classRet(input: {
  ListID: string;
  Name: string;
  FullName?: string;
  IsActive?: boolean;
  TimeModified?: string;
}): string {
  return element('ClassRet', listHead(input));
}

export function siteRet(input: {
  ListID: string;
  Name: string;
  IsActive?: boolean;
  TimeModified?: string;
}): string {
  return element('InventorySiteRet', {
    ListID: input.ListID,
    TimeCreated: '2020-01-01T08:00:00-05:00',
    TimeModified: input.TimeModified ?? '2024-06-01T08:00:00-05:00',
    EditSequence: '1717243200',
    Name: input.Name,
    IsActive: input.IsActive ?? true,
    IsDefaultSite: false,
  });
}

export function salesTaxCodeRet(input: {
  ListID: string;
  Name: string;
  IsTaxable: boolean;
  Desc?: string;
}): string {
  return element('SalesTaxCodeRet', {
    ListID: input.ListID,
    TimeCreated: '2020-01-01T08:00:00-05:00',
    TimeModified: '2024-06-01T08:00:00-05:00',
    EditSequence: '1717243200',
    Name: input.Name,
    IsActive: true,
    IsTaxable: input.IsTaxable,
    Desc: input.Desc,
  });
}

export function deletedRet(input: {
  ListDelType: string;
  ListID: string;
  FullName: string;
  TimeDeleted?: string;
}): string {
  return element('ListDeletedRet', {
    ListDelType: input.ListDelType,
    ListID: input.ListID,
    TimeCreated: '2020-01-01T08:00:00-05:00',
    TimeDeleted: input.TimeDeleted ?? '2024-06-03T09:00:00-05:00',
    FullName: input.FullName,
  });
}

export interface RsOptions {
  statusCode?: number;
  statusSeverity?: 'Info' | 'Warn' | 'Error';
  statusMessage?: string;
  iteratorID?: string;
  iteratorRemainingCount?: number;
}

/** One `…Rs` answer with its records. */
export function queryRs(
  type: string,
  requestID: string,
  rets: string[],
  options: RsOptions = {},
): string {
  const statusCode = options.statusCode ?? (rets.length === 0 ? 1 : 0);
  const severity =
    options.statusSeverity ??
    (statusCode >= 1000 ? 'Error' : statusCode >= 500 ? 'Warn' : 'Info');
  const message =
    options.statusMessage ??
    (statusCode === 0
      ? 'Status OK'
      : statusCode === 1
        ? 'A query request did not find a matching object in QuickBooks'
        : 'Error');
  const iterator =
    options.iteratorID !== undefined
      ? ` iteratorRemainingCount="${options.iteratorRemainingCount ?? 0}" iteratorID="${options.iteratorID}"`
      : '';
  const head = `<${type} requestID="${xmlText(requestID)}" statusCode="${statusCode}" statusSeverity="${severity}" statusMessage="${xmlText(message)}"${iterator}`;
  return rets.length === 0 ? `${head} />` : `${head}>${rets.join('\n')}</${type}>`;
}

/** A whole response document holding the given answers, in order. */
export function qbxmlDocument(...answers: string[]): string {
  return `<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs>\n${answers.join('\n')}\n</QBXMLMsgsRs>\n</QBXML>\n`;
}
