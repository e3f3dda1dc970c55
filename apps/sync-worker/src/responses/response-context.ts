import type { EntityManager } from 'typeorm';
import type { CompanyEntity, CompanySettings, QbResponseEntity, WorkItemEntity } from '@qbd/domain';
import type { QbResponse } from '@qbd/qbxml';

/** Everything an applier needs to apply one recorded QuickBooks response. */
export interface ResponseContext {
  /** The transaction in which the response is applied and marked applied. */
  manager: EntityManager;
  company: CompanyEntity;
  settings: CompanySettings;
  workItem: WorkItemEntity;
  response: QbResponseEntity;
  /** The parsed answers, in the order of the request's messages; empty when `hresult` is set. */
  answers: QbResponse[];
  /** Web Connector's error for the whole request (e.g. 0x80040400), if any. */
  hresult?: { code: string; message: string };
}

/** What an applier asks the worker to do once its transaction has committed. */
export interface AfterCommit {
  wakeOutbox?: boolean;
  /** Jobs to queue, e.g. re-preparing an export. */
  prepareExports?: string[];
}

/** Applies responses of one kind of work item. */
export interface ResponseApplier {
  apply(context: ResponseContext): Promise<AfterCommit>;
}

/** The answer to the main request of a work item (the last message of the set). */
export function mainAnswer(context: ResponseContext): QbResponse | undefined {
  const requestId = context.workItem.requestId;
  return context.answers.find((answer) => answer.requestID === requestId) ?? context.answers[context.answers.length - 1];
}
