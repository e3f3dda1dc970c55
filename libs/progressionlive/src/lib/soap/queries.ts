// The search texts the adapter sends. The service's query language looks like an HQL
// `WHERE` clause with named parameters; `label = :label` and `code = :code` are seen in
// public code, the others are readings of the object model that a real account must
// confirm (see the README). They live here, together, so that they can be changed at once.

/** Type records by label (seen in public code on CLIENT). */
export const FIND_BY_LABEL = 'label = :label';

/** A record by the external id the connector gave it (to be confirmed). */
export const FIND_BY_EXTERNAL_ID = 'externalId = :externalId';

/** The locations of a client (to be confirmed, like the other attribute paths). */
export const NODES_OF_CLIENT = 'client.id = :clientId';

/**
 * Tasks whose current step has the logic id `:logicId`, optionally of given task types
 * (`:type0`, `:type1`, ...). Both attribute paths are to be confirmed.
 */
export function tasksAtStageQuery(typeCount: number): string {
  const base = 'currentState.logicId = :logicId';
  if (typeCount === 0) return base;
  const types = Array.from({ length: typeCount }, (_, i) => `type.id = :type${i}`);
  return `${base} and (${types.join(' or ')})`;
}
