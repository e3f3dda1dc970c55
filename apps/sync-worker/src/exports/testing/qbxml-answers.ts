import { caseFile } from './export-builders';

// QuickBooks' answers for the export specs, written as QuickBooks writes them.

export function qbxml(...responses: string[]): string {
  return `<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs>\n${responses.join('\n')}\n</QBXMLMsgsRs>\n</QBXML>\n`;
}

export interface TxnAnswer {
  TxnID: string;
  RefNumber?: string;
  customer: { ListID: string; FullName: string };
  TxnDate: string;
  Subtotal: string;
  ExternalGUID?: string;
  EditSequence?: string;
  lines?: number;
}

/** InvoiceAddRs / SalesOrderAddRs with the document QuickBooks saved. */
export function documentAddRs(
  requestId: string,
  ret: TxnAnswer,
  kind: 'Invoice' | 'SalesOrder' = 'Invoice',
): string {
  return `<${kind}AddRs requestID="${requestId}" statusCode="0" statusSeverity="Info" statusMessage="Status OK">${txnRet(ret, kind)}</${kind}AddRs>`;
}

export function documentQueryRs(
  requestId: string,
  rets: TxnAnswer[],
  kind: 'Invoice' | 'SalesOrder' = 'Invoice',
): string {
  if (rets.length === 0) {
    return `<${kind}QueryRs requestID="${requestId}" statusCode="1" statusSeverity="Info" statusMessage="A query request did not find a matching object in QuickBooks" />`;
  }
  return `<${kind}QueryRs requestID="${requestId}" statusCode="0" statusSeverity="Info" statusMessage="Status OK">${rets.map((ret) => txnRet(ret, kind)).join('')}</${kind}QueryRs>`;
}

function txnRet(ret: TxnAnswer, kind: 'Invoice' | 'SalesOrder'): string {
  const lines = Array.from(
    { length: ret.lines ?? 1 },
    (_, i) =>
      `<${kind}LineRet><TxnLineID>L${i}-${ret.TxnID}</TxnLineID><Amount>0.00</Amount></${kind}LineRet>`,
  ).join('');
  return (
    `<${kind}Ret><TxnID>${ret.TxnID}</TxnID><TimeCreated>2024-06-11T15:02:00-05:00</TimeCreated>` +
    `<EditSequence>${ret.EditSequence ?? '1718136120'}</EditSequence><TxnNumber>902</TxnNumber>` +
    `<CustomerRef><ListID>${ret.customer.ListID}</ListID><FullName>${escape(ret.customer.FullName)}</FullName></CustomerRef>` +
    `<TxnDate>${ret.TxnDate}</TxnDate>${ret.RefNumber ? `<RefNumber>${escape(ret.RefNumber)}</RefNumber>` : ''}` +
    `<Subtotal>${ret.Subtotal}</Subtotal>` +
    `${ret.ExternalGUID ? `<ExternalGUID>${ret.ExternalGUID}</ExternalGUID>` : ''}${lines}</${kind}Ret>`
  );
}

/** A refusal: statusCode ≥ 1000 and no record. */
export function refusalRs(
  type: string,
  requestId: string,
  statusCode: number,
  message: string,
): string {
  return `<${type} requestID="${requestId}" statusCode="${statusCode}" statusSeverity="Error" statusMessage="${escape(message)}" />`;
}

export function customerAddRs(
  requestId: string,
  ret: { ListID: string; Name: string; FullName?: string; ParentListID?: string },
): string {
  return `<CustomerAddRs requestID="${requestId}" statusCode="0" statusSeverity="Info" statusMessage="Status OK">${customerRet(ret)}</CustomerAddRs>`;
}

export function customerQueryRs(
  requestId: string,
  rets: { ListID: string; Name: string; FullName?: string; ParentListID?: string }[],
): string {
  return `<CustomerQueryRs requestID="${requestId}" statusCode="0" statusSeverity="Info" statusMessage="Status OK">${rets.map(customerRet).join('')}</CustomerQueryRs>`;
}

function customerRet(ret: {
  ListID: string;
  Name: string;
  FullName?: string;
  ParentListID?: string;
}): string {
  const parent = ret.ParentListID
    ? `<ParentRef><ListID>${ret.ParentListID}</ListID></ParentRef><Sublevel>1</Sublevel>`
    : '<Sublevel>0</Sublevel>';
  return (
    `<CustomerRet><ListID>${ret.ListID}</ListID><TimeModified>2024-06-11T15:00:00-05:00</TimeModified>` +
    `<EditSequence>1718136000</EditSequence><Name>${escape(ret.Name)}</Name><FullName>${escape(ret.FullName ?? ret.Name)}</FullName>` +
    `<IsActive>true</IsActive>${parent}</CustomerRet>`
  );
}

/** A recorded answer of a shared case, with the requestIDs the service put on its requests. */
export function caseAnswer(
  caseDir: string,
  file: string,
  ids: Record<string, string>,
): string {
  let body = caseFile(caseDir, file);
  for (const [placeholder, id] of Object.entries(ids))
    body = body.split(`{{${placeholder}}}`).join(id);
  return body;
}

function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
