/** The Web Connector's namespace: every request and response element lives in it. */
export const QBWC_NAMESPACE = 'http://developer.intuit.com/';
export const SOAP11_NAMESPACE = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_NAMESPACE = 'http://www.w3.org/2003/05/soap-envelope';

type ResultType = 'string' | 'int' | 'ArrayOfString';

export interface OperationContract {
  params: readonly string[];
  /** Parameters typed int in the WSDL (minOccurs 1); the rest are optional strings. */
  intParams?: readonly string[];
  result: ResultType;
}

/**
 * The eleven operations of QBWebConnectorSvc, their parameters in WSDL order and their
 * result types. The WSDL we serve and the dispatcher both read this one table.
 */
export const QBWC_OPERATIONS = {
  serverVersion: { params: [], result: 'string' },
  clientVersion: { params: ['strVersion'], result: 'string' },
  authenticate: { params: ['strUserName', 'strPassword'], result: 'ArrayOfString' },
  sendRequestXML: {
    params: ['ticket', 'strHCPResponse', 'strCompanyFileName', 'qbXMLCountry', 'qbXMLMajorVers', 'qbXMLMinorVers'],
    intParams: ['qbXMLMajorVers', 'qbXMLMinorVers'],
    result: 'string',
  },
  receiveResponseXML: { params: ['ticket', 'response', 'hresult', 'message'], result: 'int' },
  connectionError: { params: ['ticket', 'hresult', 'message'], result: 'string' },
  getLastError: { params: ['ticket'], result: 'string' },
  closeConnection: { params: ['ticket'], result: 'string' },
  getInteractiveURL: { params: ['wcTicket', 'sessionID'], result: 'string' },
  interactiveDone: { params: ['wcTicket'], result: 'string' },
  interactiveRejected: { params: ['wcTicket', 'reason'], result: 'string' },
} as const satisfies Record<string, OperationContract>;

export type QbwcOperation = keyof typeof QBWC_OPERATIONS;

export function isQbwcOperation(name: string): name is QbwcOperation {
  return Object.prototype.hasOwnProperty.call(QBWC_OPERATIONS, name);
}
