import type { QuickBooksFileInfo } from '@qbd/domain';
import { buildRequestXml, QbxmlError, type QbRequest } from '@qbd/qbxml';
import type { DocumentParams } from './document-params';
import { problem, type ExportProblem } from './export-errors';

const LINE_PATH = /(?:InvoiceLineAdd|SalesOrderLineAdd)\[(\d+)\]/;

/**
 * Renders the requests once, exactly as the gateway will for this file (version,
 * edition), so that what QuickBooks would refuse as a whole (text it cannot store, a
 * field too long, a price too precise, a feature the edition lacks) fails now, with the
 * task line named, instead of in the bookkeeper's next session.
 */
export function checkRenders(
  params: DocumentParams,
  fileInfo: QuickBooksFileInfo,
  lineNumbers: number[],
): ExportProblem | null {
  const requests = params.requests.map((request, index) => ({
    ...request,
    requestID: `check.${index}`,
  }));
  try {
    buildRequestXml(
      [...requests, { ...params.lookup, requestID: 'check.lookup' }] as QbRequest[],
      {
        target: { version: fileInfo.qbxmlVersion, country: fileInfo.country },
        onError: 'stopOnError',
      },
    );
    return null;
  } catch (error) {
    if (!(error instanceof QbxmlError)) throw error;
    return toProblem(error, lineNumbers);
  }
}

function toProblem(error: QbxmlError, lineNumbers: number[]): ExportProblem {
  const index = error.field ? LINE_PATH.exec(error.field)?.[1] : undefined;
  const line = index === undefined ? undefined : lineNumbers[Number(index)];
  const prefix =
    line === undefined
      ? { en: '', fr: '' }
      : { en: `Line ${line}: `, fr: `Ligne ${line} : ` };
  return problem(
    error.code,
    `${prefix.en}${error.text.en}`,
    `${prefix.fr}${error.text.fr}`,
    {
      fixableBy: error.fixableBy,
      ...(line !== undefined ? { line } : {}),
      details: { field: error.field ?? null, ...(error.details ?? {}) },
    },
  );
}
