import { create } from 'xmlbuilder2';

/** What one company's .qwc file says to Web Connector. */
export interface QwcContent {
  appName: string;
  appUrl: string;
  appSupport: string;
  appDescription: string;
  userName: string;
  /** GUIDs without braces; written braced and upper-case. */
  ownerId: string;
  fileId: string;
  runEveryNMinutes: number;
}

// Web Connector shows the description in QuickBooks' authorisation dialog; the guide asks
// to keep it short.
const MAX_DESCRIPTION_LENGTH = 80;

/** `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`, the form Web Connector's GUID fields take. */
export function bracedGuid(uuid: string): string {
  return `{${uuid.toUpperCase()}}`;
}

/** The company-specific description, cut so that it fits the authorisation dialog. */
export function qwcDescription(companyName: string): string {
  const text = `ProgressionLIVE sync for ${companyName}`;
  return text.length <= MAX_DESCRIPTION_LENGTH
    ? text
    : `${text.slice(0, MAX_DESCRIPTION_LENGTH - 3)}...`;
}

/**
 * The .qwc document, elements in the order of Intuit's samples. Every value goes through
 * the XML builder, which escapes it: an `&` in a company name would otherwise make the file
 * unreadable to Web Connector. The password is never in the file; the user types it.
 */
export function buildQwc(content: QwcContent): string {
  const root = create({ version: '1.0', encoding: 'utf-8' }).ele('QBWCXML');
  root.ele('AppName').txt(content.appName);
  // QuickBooks does nothing with AppID; Intuit's own samples leave it empty.
  root.ele('AppID');
  root.ele('AppURL').txt(content.appUrl);
  root.ele('AppDescription').txt(content.appDescription);
  root.ele('AppSupport').txt(content.appSupport);
  root.ele('UserName').txt(content.userName);
  root.ele('OwnerID').txt(bracedGuid(content.ownerId));
  root.ele('FileID').txt(bracedGuid(content.fileId));
  root.ele('QBType').txt('QBFS');
  root.ele('Scheduler').ele('RunEveryNMinutes').txt(String(content.runEveryNMinutes));
  // false: read and write access, because the connector creates invoices and sales orders.
  root.ele('IsReadOnly').txt('false');
  return root.end({ prettyPrint: true, allowEmptyTags: true });
}
