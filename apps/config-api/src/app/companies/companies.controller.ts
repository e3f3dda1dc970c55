import { Body, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
} from '@nestjs/swagger';
import { Actor } from '../common/actor.decorator';
import { ApiErrorBodyDoc } from '../common/openapi';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ApiActorHeader, V1Controller } from '../common/v1-controller.decorator';
import {
  CreateCompanyDto,
  FindCompaniesQueryDto,
  ProgressionLiveConnectionDto,
} from './companies.dto';
import { CompaniesService } from './companies.service';
import {
  CompanyView,
  ProgressionLiveView,
  toCompanyView,
  toProgressionLiveView,
} from './companies.views';

@V1Controller('companies', 'companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a company (one ProgressionLIVE company, one QuickBooks file)',
  })
  @ApiActorHeader()
  @ApiCreatedResponse({ type: CompanyView })
  @ApiResponse({
    status: 409,
    description: 'A company with this externalId exists',
    type: ApiErrorBodyDoc,
  })
  @ApiResponse({
    status: 422,
    description: 'Settings contradict each other',
    type: ApiErrorBodyDoc,
  })
  async create(
    @Body() body: CreateCompanyDto,
    @Actor() actor: string,
  ): Promise<CompanyView> {
    return toCompanyView(await this.companies.create(body, actor));
  }

  @Get()
  @ApiOperation({
    summary:
      'Find a company by its ProgressionLIVE id (an empty list when there is none)',
  })
  @ApiOkResponse({ type: [CompanyView] })
  async find(@Query() query: FindCompaniesQueryDto): Promise<CompanyView[]> {
    return (await this.companies.findByExternalId(query.externalId)).map(toCompanyView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One company' })
  @ApiOkResponse({ type: CompanyView })
  async get(@Param('id', UuidParamPipe) id: string): Promise<CompanyView> {
    return toCompanyView(await this.companies.get(id));
  }

  @Put(':id/progressionlive')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Set how the connector signs in to the company’s ProgressionLIVE',
  })
  @ApiOkResponse({ type: ProgressionLiveView })
  async setProgressionLive(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ProgressionLiveConnectionDto,
  ): Promise<ProgressionLiveView> {
    return toProgressionLiveView(await this.companies.setProgressionLive(id, body))!;
  }
}
