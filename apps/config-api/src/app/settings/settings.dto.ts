import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  DEFAULT_SETTINGS,
  type CompanySettings,
  type DocumentKind,
  type NumberingPolicy,
  type QuickBooksLanguage,
  type SyncMode,
} from '@qbd/domain';
import { DiffersFrom, IsStringRecord, NotAbove, PRINTABLE } from '../common/validators';

const SYNC_MODES: SyncMode[] = ['quick', 'full', 'none'];
const STAGE_BOUNDS = { min: 0, max: 1_000_000 };
const INTERVAL_BOUNDS = { min: 1, max: 1440 };
const NAME_LENGTH = 100;

/** Import mode per QuickBooks list; `none` when the file has no such list (e.g. no sites). */
export class SyncModesDto implements Record<
  'customers' | 'items' | 'classes' | 'sites',
  SyncMode
> {
  @ApiProperty({ enum: SYNC_MODES, default: DEFAULT_SETTINGS.syncModes.customers })
  @IsIn(SYNC_MODES)
  customers: SyncMode = DEFAULT_SETTINGS.syncModes.customers;

  @ApiProperty({ enum: SYNC_MODES, default: DEFAULT_SETTINGS.syncModes.items })
  @IsIn(SYNC_MODES)
  items: SyncMode = DEFAULT_SETTINGS.syncModes.items;

  @ApiProperty({ enum: SYNC_MODES, default: DEFAULT_SETTINGS.syncModes.classes })
  @IsIn(SYNC_MODES)
  classes: SyncMode = DEFAULT_SETTINGS.syncModes.classes;

  @ApiProperty({ enum: SYNC_MODES, default: DEFAULT_SETTINGS.syncModes.sites })
  @IsIn(SYNC_MODES)
  sites: SyncMode = DEFAULT_SETTINGS.syncModes.sites;
}

/**
 * Every setting of one company. A field left out takes its default, so a PUT replaces the
 * whole document and never leaves a half-old one behind.
 */
export class SettingsDto implements CompanySettings {
  @ApiProperty({
    default: DEFAULT_SETTINGS.enabled,
    description:
      'Disabled: Web Connector is told there is nothing to do and no work is queued',
  })
  @IsBoolean()
  enabled: boolean = DEFAULT_SETTINGS.enabled;

  @ApiProperty({
    enum: ['en', 'fr'],
    default: DEFAULT_SETTINGS.quickBooksLanguage,
    description: 'Language of the company’s QuickBooks (English advised)',
  })
  @IsIn(['en', 'fr'])
  quickBooksLanguage: QuickBooksLanguage = DEFAULT_SETTINGS.quickBooksLanguage;

  @ApiProperty({
    default: '',
    description:
      'Company file Web Connector opens (a .QBW path); empty: the file already open',
  })
  @IsString()
  @MaxLength(260)
  @Matches(PRINTABLE, { message: 'companyFilePath must not contain control characters' })
  @Matches(/^$|\.qbw$/i, { message: 'companyFilePath must be empty or end with .QBW' })
  companyFilePath: string = DEFAULT_SETTINGS.companyFilePath;

  @ApiProperty({
    minimum: INTERVAL_BOUNDS.min,
    maximum: INTERVAL_BOUNDS.max,
    default: DEFAULT_SETTINGS.minIntervalMinutes,
    description:
      'Shortest time between two Web Connector runs, in minutes (QWC file and authenticate)',
  })
  @IsInt()
  @Min(INTERVAL_BOUNDS.min)
  @Max(INTERVAL_BOUNDS.max)
  @NotAbove('maxIntervalMinutes')
  minIntervalMinutes: number = DEFAULT_SETTINGS.minIntervalMinutes;

  @ApiProperty({
    minimum: INTERVAL_BOUNDS.min,
    maximum: INTERVAL_BOUNDS.max,
    default: DEFAULT_SETTINGS.maxIntervalMinutes,
    description: 'Longest wait when there is nothing to do, in minutes',
  })
  @IsInt()
  @Min(INTERVAL_BOUNDS.min)
  @Max(INTERVAL_BOUNDS.max)
  maxIntervalMinutes: number = DEFAULT_SETTINGS.maxIntervalMinutes;

  @ApiProperty({
    default: DEFAULT_SETTINGS.billingTriggerStage,
    description: 'A task entering this stage is exported to QuickBooks',
  })
  @IsInt()
  @Min(STAGE_BOUNDS.min)
  @Max(STAGE_BOUNDS.max)
  billingTriggerStage: number = DEFAULT_SETTINGS.billingTriggerStage;

  @ApiProperty({
    default: DEFAULT_SETTINGS.billedStage,
    description:
      'Stage the task moves to once its QuickBooks number is on it; differs from the trigger',
  })
  @IsInt()
  @Min(STAGE_BOUNDS.min)
  @Max(STAGE_BOUNDS.max)
  @DiffersFrom('billingTriggerStage')
  billedStage: number = DEFAULT_SETTINGS.billedStage;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    default: null,
    description:
      'Stage for tasks whose document QuickBooks refused (differs from the trigger and billed stages); null: the task stays where it is',
  })
  @IsOptional()
  @IsInt()
  @Min(STAGE_BOUNDS.min)
  @Max(STAGE_BOUNDS.max)
  @DiffersFrom('billingTriggerStage')
  @DiffersFrom('billedStage')
  errorStage: number | null = DEFAULT_SETTINGS.errorStage;

  @ApiProperty({
    enum: ['invoice', 'salesOrder'],
    default: DEFAULT_SETTINGS.documentKind,
  })
  @IsIn(['invoice', 'salesOrder'])
  documentKind: DocumentKind = DEFAULT_SETTINGS.documentKind;

  @ApiProperty({
    type: [String],
    default: [],
    description: 'Task type ids that are billed; empty: every type',
  })
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(NAME_LENGTH, { each: true })
  billableTaskTypes: string[] = [...DEFAULT_SETTINGS.billableTaskTypes];

  @ApiProperty({
    default: DEFAULT_SETTINGS.syncZeroPriceUnlinkedItems,
    description:
      'Put task items that are not QuickBooks items and cost 0 on the document as description lines',
  })
  @IsBoolean()
  syncZeroPriceUnlinkedItems: boolean = DEFAULT_SETTINGS.syncZeroPriceUnlinkedItems;

  @ApiProperty({
    default: DEFAULT_SETTINGS.productType,
    description: 'Product type given to items imported from QuickBooks',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_LENGTH)
  productType: string = DEFAULT_SETTINGS.productType;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    default: null,
    description:
      'Product dynamic field receiving the QuickBooks item type; null: not kept',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_LENGTH)
  productQuickBooksTypeField: string | null = DEFAULT_SETTINGS.productQuickBooksTypeField;

  @ApiProperty({
    default: DEFAULT_SETTINGS.customerType,
    description: 'Client type given to customers imported from QuickBooks',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_LENGTH)
  customerType: string = DEFAULT_SETTINGS.customerType;

  @ApiProperty({
    default: DEFAULT_SETTINGS.jobLocationType,
    description: 'Location type given to QuickBooks jobs',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_LENGTH)
  jobLocationType: string = DEFAULT_SETTINGS.jobLocationType;

  @ApiProperty({ type: SyncModesDto })
  @ValidateNested()
  @Type(() => SyncModesDto)
  syncModes: SyncModesDto = new SyncModesDto();

  @ApiProperty({
    default: DEFAULT_SETTINGS.syncUser,
    description: 'ProgressionLIVE user recorded as the author of the sync’s changes',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_LENGTH)
  syncUser: string = DEFAULT_SETTINGS.syncUser;

  @ApiProperty({
    default: DEFAULT_SETTINGS.classProperty,
    description: 'ENTITY dynamic property whose values are the QuickBooks classes',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_LENGTH)
  classProperty: string = DEFAULT_SETTINGS.classProperty;

  @ApiProperty({
    default: DEFAULT_SETTINGS.siteProperty,
    description:
      'ENTITY dynamic property whose values are the QuickBooks inventory sites; differs from classProperty',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_LENGTH)
  @DiffersFrom('classProperty')
  siteProperty: string = DEFAULT_SETTINGS.siteProperty;

  @ApiProperty({
    default: DEFAULT_SETTINGS.documentNumberProperty,
    description: 'Task property that receives the number QuickBooks gave the document',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_LENGTH)
  documentNumberProperty: string = DEFAULT_SETTINGS.documentNumberProperty;

  @ApiProperty({
    type: [String],
    default: [],
    description: 'Who is e-mailed when the connection or an export fails',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique((email: string) => String(email).toLowerCase())
  @IsEmail({}, { each: true })
  alertEmails: string[] = [...DEFAULT_SETTINGS.alertEmails];

  @ApiProperty({
    enum: ['quickbooks', 'taskNumber'],
    default: DEFAULT_SETTINGS.numbering,
    description:
      'QuickBooks numbers the document, or the task number is sent as its number',
  })
  @IsIn(['quickbooks', 'taskNumber'])
  numbering: NumberingPolicy = DEFAULT_SETTINGS.numbering;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    default: {},
    description:
      'Canadian files: task tax category → QuickBooks sales tax code (at most 3 characters)',
  })
  @IsStringRecord({ maxEntries: 100, maxKeyLength: NAME_LENGTH, maxValueLength: 3 })
  taxCodeMapping: Record<string, string> = { ...DEFAULT_SETTINGS.taxCodeMapping };

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    default: null,
    description:
      'US files: sales tax item put on each document; null: QuickBooks’ default',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(31)
  salesTaxItem: string | null = DEFAULT_SETTINGS.salesTaxItem;
}

/** The settings as a plain document, in the key order of the defaults. */
export function toSettingsDocument(dto: SettingsDto): CompanySettings {
  const document = {} as Record<string, unknown>;
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof CompanySettings)[]) {
    const value = dto[key];
    document[key] = key === 'syncModes' ? { ...(value as object) } : value;
  }
  return document as unknown as CompanySettings;
}
