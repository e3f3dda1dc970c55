// The SOAP bodies the gateway benchmarks send: what Web Connector posts, byte for byte in
// shape (qbXML escaped once inside the SOAP envelope).

const escapeText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>';
const ENVELOPE_CLOSE = '</soap:Body></soap:Envelope>';

export function soapBody(
  operation: string,
  params: Record<string, string | number>,
): string {
  const children = Object.entries(params)
    .map(([name, value]) => `<${name}>${escapeText(String(value))}</${name}>`)
    .join('');
  return `${ENVELOPE_OPEN}<${operation} xmlns="http://developer.intuit.com/">${children}</${operation}>${ENVELOPE_CLOSE}`;
}

export const SOAP_HEADERS = (operation: string) => ({
  'content-type': 'text/xml; charset=utf-8',
  soapaction: `"http://developer.intuit.com/${operation}"`,
});

/** One CustomerRet as QuickBooks writes it: about 950 bytes with addresses and a custom field. */
function customerRet(i: number): string {
  const n = String(i).padStart(6, '0');
  return (
    `<CustomerRet><ListID>8${i.toString(16).toUpperCase().padStart(7, '0')}-1716305000</ListID>` +
    `<TimeCreated>2020-01-01T08:00:00-05:00</TimeCreated><TimeModified>2024-06-01T08:00:00-05:00</TimeModified>` +
    `<EditSequence>1717243200</EditSequence><Name>Client ${n} C&#244;t&#233;</Name>` +
    `<FullName>Client ${n} C&#244;t&#233;</FullName><IsActive>true</IsActive><Sublevel>0</Sublevel>` +
    `<CompanyName>Plomberie ${n} &amp; Fils</CompanyName><FirstName>Zo&#235;</FirstName><LastName>Bront&#235;</LastName>` +
    `<BillAddress><Addr1>${i} rue de l&#146;&#201;glise</Addr1><City>Saint-J&#233;r&#244;me</City><State>QC</State>` +
    `<PostalCode>J7Z 5T3</PostalCode><Country>Canada</Country></BillAddress>` +
    `<Phone>450-555-0100</Phone><Email>client${n}@example.com</Email><Balance>1234.56</Balance>` +
    `<TotalBalance>1234.56</TotalBalance><SalesTaxCodeRef><ListID>10000-1009221895</ListID><FullName>Tax</FullName></SalesTaxCodeRef>` +
    `<JobStatus>None</JobStatus><DataExtRet><OwnerID>0</OwnerID><DataExtName>Code</DataExtName>` +
    `<DataExtType>STR255TYPE</DataExtType><DataExtValue>C-${n}</DataExtValue></DataExtRet></CustomerRet>`
  );
}

/**
 * A receiveResponseXML carrying a CustomerQueryRs page, split so each request can carry its
 * own ticket and requestID without rebuilding megabytes: `head(ticket, requestId)` then
 * `tail`, already encoded.
 */
export interface ResponseBody {
  customers: number;
  qbxmlBytes: number;
  head(ticket: string, requestId: string): Buffer;
  tail: Buffer;
}

export function customerPage(customers: number): ResponseBody {
  const rets = Array.from({ length: customers }, (_, i) => customerRet(i + 1)).join('');
  const rsOpen = (requestId: string) =>
    `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="${requestId}" statusCode="0" ` +
    'statusSeverity="Info" statusMessage="Status OK" iteratorRemainingCount="0" iteratorID="{0eb40039-d60d-4dcb-81ac-3b181ca2f326}">';
  const rsClose = '</CustomerQueryRs></QBXMLMsgsRs></QBXML>';
  const tail = Buffer.from(
    `${escapeText(rets + rsClose)}</response><hresult></hresult><message></message></receiveResponseXML>${ENVELOPE_CLOSE}`,
  );
  return {
    customers,
    qbxmlBytes: Buffer.byteLength(rsOpen('x') + rets + rsClose),
    head: (ticket, requestId) =>
      Buffer.from(
        `${ENVELOPE_OPEN}<receiveResponseXML xmlns="http://developer.intuit.com/"><ticket>${ticket}</ticket><response>${escapeText(rsOpen(requestId))}`,
      ),
    tail,
  };
}

/** How many customers make a qbXML answer of about `bytes`. */
export function customersFor(bytes: number): number {
  return Math.round(bytes / Buffer.byteLength(customerRet(500)));
}
