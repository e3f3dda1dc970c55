import { QbxmlError } from '../errors/qbxml-error';
import {
  createResponseStream,
  parseResponseDocument,
  parseResponseXml,
  recordsOf,
} from './parse-response';

const wrap = (body: string, attributes = '') =>
  `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs${attributes}>${body}</QBXMLMsgsRs></QBXML>`;

const customer = (id: number, name: string) =>
  `<CustomerRet><ListID>8000000${id}-1716304000</ListID><Name>${name}</Name><IsActive>true</IsActive><Sublevel>0</Sublevel></CustomerRet>`;

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof QbxmlError
      ? error.code
      : `not a QbxmlError: ${String(error)}`;
  }
  return undefined;
}

describe('response reader safety', () => {
  it('refuses a DOCTYPE, so no entity can ever be expanded', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE QBXML [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
      '<QBXML><QBXMLMsgsRs><CustomerQueryRs statusCode="0" statusSeverity="Info" statusMessage="&b;"/></QBXMLMsgsRs></QBXML>';

    expect(codeOf(() => parseResponseXml(laughs))).toBe('QBXML_DOCTYPE_REFUSED');
  });

  it('refuses entities other than the five predefined ones', () => {
    const xml = wrap(
      '<CustomerQueryRs statusCode="0" statusSeverity="Info" statusMessage="&nbsp;"/>',
    );

    expect(codeOf(() => parseResponseXml(xml))).toBe('QBXML_MALFORMED');
  });

  it('decodes the five entities and numeric references exactly once', () => {
    const xml = wrap(
      `<CustomerQueryRs statusCode="0" statusSeverity="Info" statusMessage="OK">` +
        `<CustomerRet><ListID>1</ListID><Name>Smith &amp;amp; Sons &lt;&gt;&quot;&apos; &#233;&#xE9; &amp;#233;</Name></CustomerRet>` +
        `</CustomerQueryRs>`,
    );

    const [response] = parseResponseXml(xml);

    expect(response.records[0]).toMatchObject({
      Name: `Smith &amp; Sons <>"' éé &#233;`,
    });
  });

  it("maps QuickBooks' cp1252 references (&#146; &#148; &#150; &#153;) to the characters meant", () => {
    const xml = wrap(
      `<ItemQueryRs statusCode="0" statusSeverity="Info" statusMessage="Status OK">` +
        `<ItemServiceRet><ListID>1</ListID><Name>O&#146;Brien &#147;Pro&#148; &#150; 10&#128; &#153; &#149; &#129;</Name></ItemServiceRet>` +
        `</ItemQueryRs>`,
    );

    const [response] = parseResponseXml(xml);

    expect(response.records[0]).toMatchObject({
      Name: 'O’Brien “Pro” – 10€ ™ • \u0081',
      kind: 'ItemService',
    });
  });

  it('reports malformed documents and unexpected roots with a code', () => {
    expect(codeOf(() => parseResponseXml(wrap('<CustomerQueryRs statusCode="0">')))).toBe(
      'QBXML_MALFORMED',
    );
    expect(codeOf(() => parseResponseXml(''))).toBe('QBXML_MALFORMED');
    expect(
      codeOf(() =>
        parseResponseXml('<QBXML><QBXMLMsgsRq onError="stopOnError"/></QBXML>'),
      ),
    ).toBe('QBXML_UNEXPECTED_DOCUMENT');
    expect(
      codeOf(() => parseResponseXml(`<QBXML><QBXMLMsgsRs>${'<a>'.repeat(80)}`)),
    ).toBe('QBXML_MALFORMED');
  });

  it('tolerates a byte-order mark and blank lines before the declaration', () => {
    const xml = `\uFEFF\n  ${wrap('<CustomerQueryRs statusCode="1" statusSeverity="Info" statusMessage="none"/>')}`;

    expect(parseResponseXml(xml)[0].statusCode).toBe(1);
  });
});

describe('response reader results', () => {
  it('returns every response of a message set in order, with its status', () => {
    const xml = wrap(
      `<ClassQueryRs requestID="a" statusCode="0" statusSeverity="Info" statusMessage="Status OK"><ClassRet><ListID>C1</ListID><Name>Nord</Name></ClassRet></ClassQueryRs>` +
        `<InvoiceAddRs requestID="b" statusCode="3140" statusSeverity="Error" statusMessage="There is an invalid reference to QuickBooks Item &quot;X&quot; in the Invoice line."/>` +
        `<CustomerQueryRs requestID="c" statusCode="1" statusSeverity="Info" statusMessage="A query request did not find a matching object in QuickBooks" iteratorRemainingCount="0" iteratorID="{1}"/>`,
    );

    const responses = parseResponseXml(xml);

    expect(
      responses.map((r) => [r.type, r.requestID, r.statusCode, r.ok, r.records.length]),
    ).toEqual([
      ['ClassQueryRs', 'a', 0, true, 1],
      ['InvoiceAddRs', 'b', 3140, false, 0],
      ['CustomerQueryRs', 'c', 1, true, 0],
    ]);
    expect(responses[1].statusMessage).toBe(
      'There is an invalid reference to QuickBooks Item "X" in the Invoice line.',
    );
    expect(responses[2].iteratorRemainingCount).toBe(0);
  });

  it('derives a missing severity from the code and keeps ok tied to the code', () => {
    const xml = wrap(
      '<CustomerAddRs statusCode="3100"/><CustomerQueryRs statusCode="530"/><CustomerQueryRs statusCode="0"/>',
    );

    const responses = parseResponseXml(xml);

    expect(responses.map((r) => [r.statusSeverity, r.ok])).toEqual([
      ['Error', false],
      ['Warn', true],
      ['Info', true],
    ]);
  });

  it('reads error-recovery attributes of the message set', () => {
    const xml = wrap('', ' newMessageSetID="A1B2C3D4" messageSetStatusCode="600"');

    const document = parseResponseDocument(xml);

    expect(document).toMatchObject({
      newMessageSetID: 'A1B2C3D4',
      messageSetStatusCode: 600,
      responses: [],
    });
  });

  it('keeps repeating children as arrays even when only one is present', () => {
    const xml = wrap(
      `<InvoiceQueryRs statusCode="0" statusSeverity="Info" statusMessage="Status OK"><InvoiceRet><TxnID>1-1</TxnID>` +
        `<InvoiceLineRet><TxnLineID>2-1</TxnLineID><Amount>10.00</Amount></InvoiceLineRet><DataExtRet><OwnerID>0</OwnerID><DataExtName>Job</DataExtName><DataExtType>STR255TYPE</DataExtType><DataExtValue>8841</DataExtValue></DataExtRet></InvoiceRet></InvoiceQueryRs>`,
    );

    const [response] = parseResponseXml(xml);
    const [invoice] = recordsOf(response, 'InvoiceQueryRs');

    expect(invoice.InvoiceLineRet).toEqual([{ TxnLineID: '2-1', Amount: '10.00' }]);
    expect(invoice.DataExtRet?.[0]?.DataExtValue).toBe('8841');
    expect(recordsOf(response, 'CustomerQueryRs')).toEqual([]);
  });

  it('streams records chunk by chunk without keeping them', () => {
    const xml = wrap(
      `<CustomerQueryRs requestID="7" statusCode="0" statusSeverity="Info" statusMessage="Status OK">${customer(1, 'Côté')}${customer(2, 'B &amp; C')}${customer(3, 'Zoë')}</CustomerQueryRs>`,
    );
    const names: unknown[] = [];
    const stream = createResponseStream({
      onRecord: (record) => names.push(record.Name),
    });

    for (let i = 0; i < xml.length; i += 7) stream.write(xml.slice(i, i + 7));
    const document = stream.close();

    expect(names).toEqual(['Côté', 'B & C', 'Zoë']);
    expect(document.responses[0].records).toEqual([]);
    expect(document.responses[0].requestID).toBe('7');
  });
});
