import { status } from '../../qbxml/status';
import { child, childrenNamed, childText, type XmlElement } from '../../xml/xml-tree';
import { categoryOf, type CompanyStore, type ListCategory } from '../company-store';
import {
  StatusError,
  type HandlerContext,
  type RequestHandler,
  type RsResult,
} from '../handler-context';
import type { ListRecord, ListType } from '../model';
import { trimRet } from './query-runner';
import { findReferenced, payload, readFields, storedValue } from './write-support';

const CORE = new Set(['Name', 'IsActive', 'ParentRef', 'ListID', 'EditSequence']);

/** Handler for `<Type>AddRq` on a hierarchical list (customers and jobs, classes). */
export function listAdd(type: ListType, where: string): RequestHandler {
  return (ctx) => {
    const add = payload(ctx);
    const path = `${ctx.rq.name}/${add.name}`;
    const name = storedValue(ctx, `${path}/Name`, child(add, 'Name')!);
    const parent = parentOf(ctx, add, categoryOf(type), where);
    const fields = readFields(ctx, add, path, where, CORE);
    const record = createListRecord(
      ctx.store,
      type,
      name,
      parent,
      fields.values,
      fields.refs,
    );
    if (childText(add, 'IsActive') === 'false') record.IsActive = false;
    if (type === 'Customer') applyCustomerDefaults(record);
    ctx.store.addList(record);
    return answer(ctx, record);
  };
}

/** Handler for `<Type>ModRq`: EditSequence check, then only the fields sent change. */
export function listMod(type: ListType, where: string): RequestHandler {
  return (ctx) => {
    const mod = payload(ctx);
    const path = `${ctx.rq.name}/${mod.name}`;
    const record = findForMod(ctx.store, type, mod);
    const nameEl = child(mod, 'Name');
    const newName = nameEl ? storedValue(ctx, `${path}/Name`, nameEl) : record.Name;
    const parentEl = child(mod, 'ParentRef');
    const parent = parentEl
      ? findReferenced(ctx, categoryOf(type), parentEl, where)
      : record.ParentID
        ? ctx.store.lists.get(record.ParentID)
        : undefined;
    const fields = readFields(ctx, mod, path, where, CORE);

    renameIfNeeded(ctx.store, record, newName, parent);
    Object.assign(record.values, fields.values);
    Object.assign(record.refs, fields.refs);
    const active = childText(mod, 'IsActive');
    if (active !== undefined) record.IsActive = active === 'true';
    touch(ctx.store, record);
    return answer(ctx, record);
  };
}

/** Builds a new list record with fresh ListID, times and EditSequence. */
export function createListRecord(
  store: CompanyStore,
  type: ListType,
  name: string,
  parent: ListRecord | undefined,
  values: Record<string, string> = {},
  refs: Record<string, string> = {},
): ListRecord {
  const fullName = parent ? `${parent.FullName}:${name}` : name;
  if (store.findByFullName(categoryOf(type), fullName)) {
    throw new StatusError(status.nameInUse(fullName));
  }
  const now = store.now();
  return {
    listType: type,
    ListID: store.newListId(now),
    TimeCreated: now,
    TimeModified: now,
    EditSequence: store.editSequence(now),
    Name: name,
    FullName: fullName,
    Sublevel: parent ? parent.Sublevel + 1 : 0,
    IsActive: true,
    ParentID: parent?.ListID,
    values,
    refs,
  };
}

function applyCustomerDefaults(record: ListRecord): void {
  record.values['Balance'] ??= '0.00';
  record.values['JobStatus'] ??= 'None';
}

function parentOf(
  ctx: HandlerContext,
  element: XmlElement,
  category: ListCategory,
  where: string,
): ListRecord | undefined {
  const ref = child(element, 'ParentRef');
  return ref ? findReferenced(ctx, category, ref, where) : undefined;
}

/** The record a Mod targets: unknown ListID → 3120, stale EditSequence → 3200. */
export function findForMod(
  store: CompanyStore,
  type: ListType,
  mod: XmlElement,
): ListRecord {
  const listId = (childText(mod, 'ListID') ?? '').trim();
  const record = store.lists.get(listId);
  if (!record || categoryOf(record.listType) !== categoryOf(type)) {
    throw new StatusError(status.listObjectNotFound(listId));
  }
  const editSequence = (childText(mod, 'EditSequence') ?? '').trim();
  if (editSequence !== record.EditSequence)
    throw new StatusError(status.staleEditSequence(editSequence));
  return record;
}

function renameIfNeeded(
  store: CompanyStore,
  record: ListRecord,
  name: string,
  parent: ListRecord | undefined,
): void {
  if (name === record.Name && parent?.ListID === record.ParentID) return;
  const fullName = parent ? `${parent.FullName}:${name}` : name;
  const clash = store.findByFullName(categoryOf(record.listType), fullName);
  if (clash && clash.ListID !== record.ListID)
    throw new StatusError(status.nameInUse(fullName));
  const oldFullName = record.FullName;
  const oldParent = record.ParentID;
  record.Name = name;
  record.ParentID = parent?.ListID;
  store.reindexName(record, oldFullName, oldParent);
}

export function touch(store: CompanyStore, record: ListRecord): void {
  const now = store.now();
  record.TimeModified = now;
  record.EditSequence = store.editSequence(now, record.EditSequence);
  store.touched(record);
}

function answer(ctx: HandlerContext, record: ListRecord): RsResult {
  const includeRet = childrenNamed(ctx.rq, 'IncludeRetElement').map((e) => e.text.trim());
  return { status: status.ok(), rets: [trimRet(ctx.writer.list(record), includeRet)] };
}
