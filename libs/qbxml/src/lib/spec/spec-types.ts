/**
 * The shape of the message specifications generated from Intuit's `qbxmlops130.xml`
 * (see `libs/qbxml/scripts/generate-qbxml-spec.ts`). One {@link SpecNode} per element, in
 * schema order, with what Intuit's per-element comments say about it.
 */

/** The editions Intuit annotates: US desktop (QBD), Canada, UK and Australia. */
export type SpecEdition = 'US' | 'CA' | 'UK' | 'AU';

/** qbXML simple types, as named in Intuit's documents. */
export type LeafType =
  | 'STRTYPE'
  | 'IDTYPE'
  | 'BOOLTYPE'
  | 'DATETYPE'
  | 'DATETIMETYPE'
  | 'AMTTYPE'
  | 'PRICETYPE'
  | 'QUANTYPE'
  | 'PERCENTTYPE'
  | 'INTTYPE'
  | 'ENUMTYPE'
  | 'GUIDTYPE'
  | 'FLOATTYPE'
  | 'TIMEINTERVALTYPE';

/**
 * Membership of an element in an "OR" group: `[choiceId, alternative]`. Elements of the
 * same choice id but different alternatives must not be sent together.
 */
export type ChoiceMembership = [number, number];

/** One choice ("OR" group) of an aggregate. */
export interface SpecChoice {
  id: number;
  /** The caller must fill exactly one alternative. */
  required?: true;
  /** "0 or more" of the alternatives, in any mix (line lists). */
  repeated?: true;
}

export interface SpecAttribute {
  name: string;
  required?: true;
  values?: string[];
}

export interface SpecNode {
  /** Element name. */
  n: string;
  /** Simple type; absent on aggregates. */
  t?: LeafType;
  /** Must be present (outside of any choice). */
  req?: true;
  /** May repeat. */
  rep?: true;
  /** First qbXML version that has it. */
  v?: string;
  /** Editions that lack it. */
  no?: SpecEdition[];
  /** Maximum length in characters, per edition. */
  max?: Partial<Record<SpecEdition, number>>;
  /** Allowed values of an ENUMTYPE. */
  e?: string[];
  /** Smallest value of an INTTYPE. */
  min?: number;
  /** Choice memberships, outermost first. */
  ch?: ChoiceMembership[];
  /** Choices declared directly inside this aggregate. */
  choices?: SpecChoice[];
  /** Children in schema order. */
  c?: SpecNode[];
  /** Attributes. */
  a?: SpecAttribute[];
}

/** What the response side needs to type leaf values. */
export interface ResponseFieldTypes {
  /** Element names whose values are BOOLTYPE in every response. */
  booleans: string[];
  /** Element names whose values are INTTYPE in every response. */
  integers: string[];
  /** Element names whose values are PERCENTTYPE (parsed leniently). */
  percents: string[];
  /** Element names that may repeat inside their parent in some response. */
  repeated: string[];
}
