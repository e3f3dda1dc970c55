import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { PostalAddress, TaskItemSnapshot, TaskSnapshot } from '@qbd/domain';
import { IsCalendarDate, IsDecimalString } from '../common/validators';

const ID_LENGTH = 100;
const TEXT_LENGTH = 500;
const LONG_TEXT_LENGTH = 4095;

export class PostalAddressDto implements PostalAddress {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LENGTH)
  line1?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LENGTH)
  line2?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LENGTH)
  line3?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LENGTH)
  city?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LENGTH)
  province?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LENGTH)
  postalCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LENGTH)
  country?: string;
}

/** One line of the task: decimal strings, never numbers, so no cent is lost on the way. */
export class TaskItemDto implements TaskItemSnapshot {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(ID_LENGTH)
  lineId?: string;

  @ApiPropertyOptional({
    description: 'ProgressionLIVE product id; absent: an unlinked line',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(ID_LENGTH)
  productId?: string;

  @ApiProperty()
  @IsString()
  @MaxLength(LONG_TEXT_LENGTH)
  description: string;

  @ApiProperty({ example: '2.5', description: 'Decimal as a string' })
  @IsDecimalString()
  quantity: string;

  @ApiProperty({ example: '89.95', description: 'Decimal as a string' })
  @IsDecimalString()
  unitPrice: string;

  @ApiPropertyOptional({
    description: 'Tax category, mapped to a QuickBooks sales tax code (Canadian files)',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(ID_LENGTH)
  taxCategory?: string;
}

/** The task as it was when it changed stage: everything its invoice needs. */
export class TaskSnapshotDto implements TaskSnapshot {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(ID_LENGTH)
  taskId: string;

  @ApiProperty({ example: 'T-10452' })
  @IsString()
  @MinLength(1)
  @MaxLength(ID_LENGTH)
  taskNumber: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(ID_LENGTH)
  taskTypeId?: string;

  @ApiProperty({ example: 700, description: 'The stage the task entered' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  stage: number;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(ID_LENGTH)
  clientId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LENGTH)
  clientName?: string;

  @ApiPropertyOptional({ type: PostalAddressDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PostalAddressDto)
  clientAddress?: PostalAddressDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(ID_LENGTH)
  locationId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LENGTH)
  locationName?: string;

  @ApiPropertyOptional({ type: PostalAddressDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PostalAddressDto)
  locationAddress?: PostalAddressDto;

  @ApiPropertyOptional({
    example: '2025-03-14',
    description: 'Date of the document, YYYY-MM-DD',
  })
  @IsOptional()
  @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LENGTH)
  poNumber?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(LONG_TEXT_LENGTH)
  memo?: string;

  @ApiPropertyOptional({ description: 'Value of the Class property' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_LENGTH)
  classValue?: string;

  @ApiPropertyOptional({ description: 'Value of the Site property' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_LENGTH)
  siteValue?: string;

  @ApiProperty({ type: [TaskItemDto] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => TaskItemDto)
  items: TaskItemDto[];
}

export class TaskEventDto {
  @ApiPropertyOptional({
    description: 'The main app’s id of this event, kept on the export’s timeline',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  eventId?: string;

  @ApiProperty({ type: TaskSnapshotDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TaskSnapshotDto)
  task: TaskSnapshotDto;
}
