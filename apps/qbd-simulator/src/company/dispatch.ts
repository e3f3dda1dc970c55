import { status } from '../qbxml/status';
import { StatusError, type RequestHandler } from './handler-context';
import { listDeletedQuery, txnDeletedQuery } from './handlers/deleted-query';
import { companyQuery, hostQuery, preferencesQuery } from './handlers/host';
import { listQuery } from './handlers/list-query';
import { listAdd, listMod } from './handlers/list-write';
import { txnQuery } from './handlers/txn-query';
import { txnAdd, txnMod } from './handlers/txn-write';
import { ITEM_TYPES } from './model';

const needsSites =
  (handler: RequestHandler): RequestHandler =>
  (ctx) => {
    if (!ctx.store.settings.inventorySites)
      throw new StatusError(status.featureNotEnabled());
    return handler(ctx);
  };

const HANDLERS: Record<string, RequestHandler> = {
  HostQueryRq: hostQuery,
  CompanyQueryRq: companyQuery,
  PreferencesQueryRq: preferencesQuery,
  CustomerQueryRq: listQuery('Customer'),
  CustomerAddRq: listAdd('Customer', 'Customer'),
  CustomerModRq: listMod('Customer', 'Customer'),
  ClassQueryRq: listQuery('Class'),
  ClassAddRq: listAdd('Class', 'Class'),
  ClassModRq: listMod('Class', 'Class'),
  InventorySiteQueryRq: needsSites(listQuery('InventorySite')),
  SalesTaxCodeQueryRq: listQuery('SalesTaxCode'),
  ItemQueryRq: listQuery('Item'),
  InvoiceAddRq: txnAdd('Invoice'),
  InvoiceModRq: txnMod('Invoice'),
  InvoiceQueryRq: txnQuery('Invoice'),
  SalesOrderAddRq: txnAdd('SalesOrder'),
  SalesOrderModRq: txnMod('SalesOrder'),
  SalesOrderQueryRq: txnQuery('SalesOrder'),
  ListDeletedQueryRq: listDeletedQuery,
  TxnDeletedQueryRq: txnDeletedQuery,
  ...Object.fromEntries(
    ITEM_TYPES.map((type) => [`${type}QueryRq`, listQuery('Item', type)]),
  ),
};

// Requests the simulated file does not model: a query finds nothing (the file has no such
// records), anything else is answered as a feature this QuickBooks does not offer.
const unmodelledQuery: RequestHandler = () => ({ status: status.noMatch() });
const unmodelledWrite: RequestHandler = () => ({ status: status.featureNotEnabled() });

export function handlerFor(requestName: string): RequestHandler {
  return (
    HANDLERS[requestName] ??
    (requestName.endsWith('QueryRq') ? unmodelledQuery : unmodelledWrite)
  );
}

/** Request names answered from the simulated data (others get the fallbacks above). */
export const MODELLED_REQUESTS = Object.keys(HANDLERS);
