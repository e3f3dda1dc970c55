type Language = 'en' | 'fr';

/** What Web Connector shows the bookkeeper, in the company's QuickBooks language. */
export const MESSAGES = {
  sessionExpired: {
    en: 'The session expired or was replaced. Run the update again.',
    fr: 'La session a expiré ou a été remplacée. Relancez la mise à jour.',
  },
  nothingToDo: {
    en: 'Nothing more to synchronise.',
    fr: 'Plus rien à synchroniser.',
  },
  closed: {
    en: (sent: number, failed: number) =>
      failed === 0
        ? `Synchronisation complete: ${sent} request(s) processed.`
        : `Synchronisation finished: ${sent} request(s), ${failed} refused by QuickBooks (see the connector's status page).`,
    fr: (sent: number, failed: number) =>
      failed === 0
        ? `Synchronisation terminée : ${sent} requête(s) traitée(s).`
        : `Synchronisation terminée : ${sent} requête(s), ${failed} refusée(s) par QuickBooks (voir la page d'état du connecteur).`,
  },
  quickBooksUnavailable: {
    en: (message: string) =>
      `QuickBooks could not be opened (${message}). Open QuickBooks on this computer with the company file, make sure no one holds it in single-user mode, and check the file has not moved.`,
    fr: (message: string) =>
      `QuickBooks n'a pas pu être ouvert (${message}). Ouvrez QuickBooks sur cet ordinateur avec le fichier de l'entreprise, vérifiez que personne ne l'utilise en mode mono-utilisateur et que le fichier n'a pas été déplacé.`,
  },
  requestRefused: {
    en: (hresult: string, message: string) =>
      `QuickBooks refused a request (${hresult}: ${message}). The rest of the synchronisation went on.`,
    fr: (hresult: string, message: string) =>
      `QuickBooks a refusé une requête (${hresult} : ${message}). Le reste de la synchronisation a continué.`,
  },
  sessionLost: {
    en: (hresult: string, message: string) =>
      `QuickBooks stopped answering (${hresult}: ${message}). The work left will be done at the next update.`,
    fr: (hresult: string, message: string) =>
      `QuickBooks a cessé de répondre (${hresult} : ${message}). Le travail restant sera fait à la prochaine mise à jour.`,
  },
  clientTooOld: {
    en: 'This Web Connector is older than 2.1. Please install the current QuickBooks Web Connector from Intuit.',
    fr: 'Ce Web Connector est antérieur à la version 2.1. Installez le QuickBooks Web Connector actuel d’Intuit.',
  },
} as const;

export function say(language: Language, text: { en: string; fr: string }): string {
  return text[language] ?? text.en;
}
