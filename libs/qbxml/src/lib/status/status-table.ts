import type { QbFixableBy, QbLocalizedText } from '../errors/qbxml-error';

/** What the connector knows about one QuickBooks status code or Web Connector HRESULT. */
export interface QbStatusInfo {
  /** `'3100'` for a qbXML statusCode, `'0x80040400'` for an HRESULT. */
  code: string;
  /** What QuickBooks means by it (for operators and logs). */
  meaning: string;
  /** Whether sending the same thing again later can succeed. */
  retryable: boolean;
  fixableBy: QbFixableBy;
  /** What a bookkeeper is told. */
  message: QbLocalizedText;
}

type Entry = Omit<QbStatusInfo, 'code'>;

const entry = (
  meaning: string,
  retryable: boolean,
  fixableBy: QbFixableBy,
  en: string,
  fr: string,
): Entry => ({ meaning, retryable, fixableBy, message: { en, fr } });

/**
 * qbXML statusCode values (per response) and HRESULTs (whole message set, reported by the
 * Web Connector) that the connector meets. Sources: Intuit's status-code reference and the
 * integration notes collected in `shared/reference/qbwc-protocol.md` §1.3 and §5.17.
 */
const STATUS_TABLE: Readonly<Record<string, Entry>> = {
  '0': entry('Status OK: the request succeeded.', false, 'nobody', 'Done.', 'Terminé.'),
  '1': entry(
    'A query found no matching object; an empty, successful result.',
    false,
    'nobody',
    'Nothing matched in QuickBooks (nothing to import).',
    'Aucun élément correspondant dans QuickBooks (rien à importer).',
  ),
  '500': entry(
    'Warning: some requested objects were not found; the others were returned.',
    false,
    'nobody',
    'Some records asked for no longer exist in QuickBooks; the others were imported.',
    "Certains éléments demandés n'existent plus dans QuickBooks; les autres ont été importés.",
  ),
  '501': entry(
    'Warning: an object cannot be represented in the qbXML version in use.',
    false,
    'developer',
    'A QuickBooks record could not be read with this version of QuickBooks and was skipped.',
    "Un élément de QuickBooks n'a pas pu être lu avec cette version de QuickBooks et a été ignoré.",
  ),
  '510': entry(
    'Warning: an object could not be returned.',
    false,
    'nobody',
    'QuickBooks could not return one record; it was skipped.',
    "QuickBooks n'a pas pu renvoyer un élément; il a été ignoré.",
  ),
  '530': entry(
    'Warning: a field is not supported by this QuickBooks edition and was ignored.',
    false,
    'developer',
    'QuickBooks ignored a field this edition does not support; the rest was saved.',
    'QuickBooks a ignoré un champ que cette édition ne prend pas en charge; le reste a été enregistré.',
  ),
  '531': entry(
    'Warning: an enumerated value is not supported by this QuickBooks edition.',
    false,
    'developer',
    'QuickBooks ignored a value this edition does not support; the rest was saved.',
    'QuickBooks a ignoré une valeur que cette édition ne prend pas en charge; le reste a été enregistré.',
  ),
  '550': entry(
    'Warning: notes could not be saved.',
    false,
    'nobody',
    'The record was saved, but QuickBooks could not save its notes.',
    "L'élément a été enregistré, mais QuickBooks n'a pas pu enregistrer ses notes.",
  ),
  '560': entry(
    'Warning: a deprecated field was used.',
    false,
    'developer',
    'The record was saved (QuickBooks reported an outdated field).',
    "L'élément a été enregistré (QuickBooks a signalé un champ obsolète).",
  ),
  '570': entry(
    'Warning: the transaction could not be linked to a closed transaction.',
    false,
    'bookkeeper',
    'The document was saved but not linked: the other transaction is closed in QuickBooks.',
    "Le document a été enregistré sans lien : l'autre transaction est fermée dans QuickBooks.",
  ),
  '600': entry(
    'Error recovery: no stored state for that message set.',
    false,
    'nobody',
    'QuickBooks has no record of the earlier attempt; the connector checks before resending.',
    "QuickBooks n'a aucune trace de la tentative précédente; le connecteur vérifie avant de renvoyer.",
  ),
  '1000': entry(
    'QuickBooks internal error.',
    true,
    'nobody',
    'QuickBooks had an internal error; the connector will try again at the next sync.',
    'QuickBooks a eu une erreur interne; le connecteur réessaiera à la prochaine synchronisation.',
  ),
  '1010': entry(
    'The QuickBooks system is not available.',
    true,
    'nobody',
    'QuickBooks was not available; the connector will try again at the next sync.',
    "QuickBooks n'était pas disponible; le connecteur réessaiera à la prochaine synchronisation.",
  ),
  '1030': entry(
    'The request is not supported by this QuickBooks product or edition.',
    false,
    'bookkeeper',
    'This edition of QuickBooks does not offer this feature (for example sales orders need Premier or Enterprise).',
    "Cette édition de QuickBooks n'offre pas cette fonction (par exemple, les commandes clients exigent Premier ou Enterprise).",
  ),
  '1060': entry(
    'The requestID is invalid (longer than 50 characters).',
    false,
    'developer',
    'The connector sent an invalid request; it is shown to the connector operators.',
    'Le connecteur a envoyé une demande invalide; elle est signalée aux exploitants du connecteur.',
  ),
  '3000': entry(
    'An object ID in the request has an invalid format (often an empty ListID).',
    false,
    'bookkeeper',
    'A record used here is not linked to QuickBooks (its QuickBooks identifier is missing or invalid). Link it and try again.',
    "Un élément utilisé ici n'est pas lié à QuickBooks (son identifiant QuickBooks est absent ou invalide). Liez-le puis réessayez.",
  ),
  '3010': entry(
    'A boolean value in the request is invalid.',
    false,
    'developer',
    'The connector sent an invalid value; it is shown to the connector operators.',
    'Le connecteur a envoyé une valeur invalide; elle est signalée aux exploitants du connecteur.',
  ),
  '3020': entry(
    'A date in the request is invalid.',
    false,
    'bookkeeper',
    'A date is not accepted by QuickBooks (QuickBooks handles years 1970 to 2037). Correct it and try again.',
    "Une date n'est pas acceptée par QuickBooks (années 1970 à 2037). Corrigez-la puis réessayez.",
  ),
  '3070': entry(
    'A string in the request is too long for its field.',
    false,
    'bookkeeper',
    'A text is too long for QuickBooks. Shorten it and try again.',
    'Un texte est trop long pour QuickBooks. Raccourcissez-le puis réessayez.',
  ),
  '3100': entry(
    'The name is already in use (another record has it).',
    false,
    'bookkeeper',
    'A record with this name already exists in QuickBooks. Link the existing one or rename it.',
    'Un élément portant ce nom existe déjà dans QuickBooks. Liez celui qui existe ou renommez-le.',
  ),
  '3120': entry(
    'The object specified in the request cannot be found (deleted or replaced).',
    false,
    'bookkeeper',
    'The QuickBooks record was deleted or replaced; re-link or re-create it.',
    "L'élément QuickBooks a été supprimé ou remplacé; liez-le de nouveau ou recréez-le.",
  ),
  '3140': entry(
    'Invalid reference: a referenced customer, item, class, site or tax code does not exist or is inactive.',
    false,
    'bookkeeper',
    'A customer, item, class, site or tax code used here does not exist or is inactive in QuickBooks. Reactivate or re-link it, then try again.',
    "Un client, article, classe, site ou code de taxe utilisé ici n'existe pas ou est inactif dans QuickBooks. Réactivez-le ou liez-le de nouveau, puis réessayez.",
  ),
  '3150': entry(
    'A required element is missing from the request.',
    false,
    'developer',
    'The connector sent an incomplete request; it is shown to the connector operators.',
    'Le connecteur a envoyé une demande incomplète; elle est signalée aux exploitants du connecteur.',
  ),
  '3170': entry(
    'Error modifying a list element (often: modified or locked by another user).',
    true,
    'nobody',
    'Someone was editing the same record in QuickBooks; the connector will try again at the next sync.',
    'Quelqu’un modifiait le même élément dans QuickBooks; le connecteur réessaiera à la prochaine synchronisation.',
  ),
  '3175': entry(
    'The object could not be locked for saving (in use by another user).',
    true,
    'nobody',
    'The record was in use in QuickBooks; the connector will try again at the next sync.',
    "L'élément était utilisé dans QuickBooks; le connecteur réessaiera à la prochaine synchronisation.",
  ),
  '3176': entry(
    'The object is in use and could not be modified (lock not acquired).',
    true,
    'nobody',
    'The record was in use in QuickBooks; the connector will try again at the next sync.',
    "L'élément était utilisé dans QuickBooks; le connecteur réessaiera à la prochaine synchronisation.",
  ),
  '3180': entry(
    'Error saving a list element (often: the list has been modified by another user).',
    true,
    'nobody',
    'The QuickBooks list was being changed by another user; the connector will try again at the next sync.',
    'La liste QuickBooks était modifiée par un autre utilisateur; le connecteur réessaiera à la prochaine synchronisation.',
  ),
  '3200': entry(
    'The EditSequence is out of date: the record changed in QuickBooks since it was read.',
    true,
    'nobody',
    'The document was changed in QuickBooks in the meantime; the connector re-reads it before saving again.',
    'Le document a été modifié dans QuickBooks entre-temps; le connecteur le relit avant de réenregistrer.',
  ),
  '3210': entry(
    'A field has an invalid value (a QuickBooks business rule; the message names the field).',
    false,
    'bookkeeper',
    'QuickBooks refused a value (see its message). Correct it and try again.',
    'QuickBooks a refusé une valeur (voir son message). Corrigez-la puis réessayez.',
  ),
  '3250': entry(
    'The feature is not enabled or not available in this QuickBooks (class tracking, inventory, sites, sales orders ...).',
    false,
    'bookkeeper',
    'This feature is turned off or not available in this QuickBooks company file. Turn it on in QuickBooks preferences or stop using it in the connector settings.',
    "Cette fonction est désactivée ou indisponible dans ce fichier QuickBooks. Activez-la dans les préférences de QuickBooks ou cessez de l'utiliser dans les paramètres du connecteur.",
  ),
  '3260': entry(
    'Insufficient permission level: the QuickBooks user lacks rights for this.',
    false,
    'bookkeeper',
    'The QuickBooks user the Web Connector signs in as may not do this. An administrator must grant the rights in QuickBooks.',
    "L'utilisateur QuickBooks du Web Connector n'a pas ce droit. Un administrateur doit l'accorder dans QuickBooks.",
  ),
  '3261': entry(
    'The application is not allowed to access personal data.',
    false,
    'bookkeeper',
    'The connector is not allowed to read personal data in QuickBooks. An administrator must allow it in the integrated application preferences.',
    "Le connecteur n'est pas autorisé à lire les données personnelles dans QuickBooks. Un administrateur doit l'autoriser dans les préférences des applications intégrées.",
  ),
  '3391': entry(
    'The iteratorID is not valid (expired with the QuickBooks session).',
    true,
    'nobody',
    'The import was interrupted; it starts again from the beginning.',
    "L'importation a été interrompue; elle recommence depuis le début.",
  ),
  '9001': entry(
    'Error recovery: invalid checksum (the message set ID was reused for different content).',
    false,
    'developer',
    'QuickBooks could not confirm an earlier attempt; the connector checks before resending.',
    "QuickBooks n'a pas pu confirmer une tentative précédente; le connecteur vérifie avant de renvoyer.",
  ),
  '9002': entry(
    'Error recovery: no stored response for that message set.',
    false,
    'nobody',
    'QuickBooks has no stored answer for the earlier attempt; the connector checks before resending.',
    "QuickBooks n'a pas de réponse enregistrée pour la tentative précédente; le connecteur vérifie avant de renvoyer.",
  ),
  '9004': entry(
    'Error recovery: message set ID longer than 24 characters.',
    false,
    'developer',
    'The connector sent an invalid request; it is shown to the connector operators.',
    'Le connecteur a envoyé une demande invalide; elle est signalée aux exploitants du connecteur.',
  ),
  '9005': entry(
    'Error recovery: QuickBooks could not store the response.',
    true,
    'nobody',
    'QuickBooks could not keep a copy of its answer; the connector will check at the next sync.',
    "QuickBooks n'a pas pu garder une copie de sa réponse; le connecteur vérifiera à la prochaine synchronisation.",
  ),
  '0x80040400': entry(
    'QuickBooks found an error when parsing the XML (also: a request or element this version does not support). The whole message set was rejected.',
    false,
    'developer',
    'QuickBooks could not read a request from the connector; nothing was saved; it is shown to the connector operators.',
    "QuickBooks n'a pas pu lire une demande du connecteur; rien n'a été enregistré. Elle est signalée aux exploitants du connecteur.",
  ),
  '0x80040401': entry(
    'Could not access QuickBooks.',
    true,
    'bookkeeper',
    'The Web Connector could not reach QuickBooks. Make sure QuickBooks is installed and the company file can be opened.',
    "Le Web Connector n'a pas pu joindre QuickBooks. Vérifiez que QuickBooks est installé et que le fichier d'entreprise peut être ouvert.",
  ),
  '0x80040402': entry(
    'Unexpected error in the QuickBooks request processor (see qbsdklog.txt).',
    true,
    'operator',
    'QuickBooks had an unexpected error; the connector will try again at the next sync.',
    'QuickBooks a eu une erreur inattendue; le connecteur réessaiera à la prochaine synchronisation.',
  ),
  '0x80040408': entry(
    'Could not start QuickBooks.',
    true,
    'bookkeeper',
    'The Web Connector could not start QuickBooks. Open QuickBooks with the company file (or close its dialogs), then run the sync again.',
    "Le Web Connector n'a pas pu démarrer QuickBooks. Ouvrez QuickBooks avec le fichier d'entreprise (ou fermez ses fenêtres de dialogue), puis relancez la synchronisation.",
  ),
  '0x8004040D': entry(
    'The ticket parameter is invalid: the QuickBooks request-processor session was lost.',
    true,
    'nobody',
    'The connection to QuickBooks was lost during the sync; it resumes at the next sync.',
    'La connexion à QuickBooks a été perdue pendant la synchronisation; elle reprendra à la prochaine synchronisation.',
  ),
  '0x80040420': entry(
    'The QuickBooks user denied access to the application (or automatic login is not allowed).',
    false,
    'bookkeeper',
    'QuickBooks refused the connector. In QuickBooks, open Edit > Preferences > Integrated Applications and allow it (with automatic login).',
    'QuickBooks a refusé le connecteur. Dans QuickBooks, ouvrez Édition > Préférences > Applications intégrées et autorisez-le (avec connexion automatique).',
  ),
};

/**
 * Describes a QuickBooks statusCode (`3100`, `'3100'`) or a Web Connector HRESULT
 * (`'0x80040400'`, or the signed number -2147220480). Unknown codes get an entry built
 * from Intuit's code ranges.
 */
export function describeStatus(code: number | string): QbStatusInfo {
  const key = normalizeStatusCode(code);
  const known = STATUS_TABLE[key];
  return { code: key, ...(known ?? genericEntry(key)) };
}

/** The codes the table knows, for documentation and tests. */
export const KNOWN_STATUS_CODES: readonly string[] = Object.freeze(
  Object.keys(STATUS_TABLE),
);

/** `'0X80040400'`, `-2147220480`, `2147746816` → `'0x80040400'`; `'3100'` → `'3100'`. */
export function normalizeStatusCode(code: number | string): string {
  const text = String(code).trim();
  if (/^0x[0-9a-f]+$/i.test(text))
    return `0x${text.slice(2).toUpperCase().padStart(8, '0')}`;
  const numeric = Number(text);
  if (!Number.isInteger(numeric)) return text;
  if (numeric < 0 || numeric > 0xffff)
    return `0x${(numeric >>> 0).toString(16).toUpperCase()}`;
  return String(numeric);
}

function genericEntry(code: string): Entry {
  if (code.startsWith('0x')) return genericHresult();
  const numeric = Number(code);
  if (numeric >= 0 && numeric < 500) {
    return entry('Informational status.', false, 'nobody', 'Done.', 'Terminé.');
  }
  if (numeric >= 500 && numeric < 1000) {
    return entry(
      'Warning: data was returned but may be incomplete.',
      false,
      'nobody',
      'QuickBooks completed the request with a warning.',
      'QuickBooks a traité la demande avec un avertissement.',
    );
  }
  if (numeric >= 3000 && numeric < 3100) return genericFormatError();
  return genericQuickBooksError(numeric);
}

function genericHresult(): Entry {
  return entry(
    'Web Connector / request processor error.',
    true,
    'operator',
    'The Web Connector reported an error talking to QuickBooks; the connector will try again at the next sync.',
    'Le Web Connector a signalé une erreur de communication avec QuickBooks; le connecteur réessaiera à la prochaine synchronisation.',
  );
}

function genericFormatError(): Entry {
  return entry(
    'Error in the format of a request value.',
    false,
    'developer',
    'QuickBooks refused a value sent by the connector; it is shown to the connector operators.',
    'QuickBooks a refusé une valeur envoyée par le connecteur; elle est signalée aux exploitants du connecteur.',
  );
}

function genericQuickBooksError(numeric: number): Entry {
  const macro = numeric >= 9100 && numeric < 9200;
  return entry(
    macro ? 'Macro (defMacro/useMacro) error.' : 'QuickBooks refused the request.',
    false,
    macro ? 'developer' : 'bookkeeper',
    'QuickBooks refused this request (see its message).',
    'QuickBooks a refusé cette demande (voir son message).',
  );
}
